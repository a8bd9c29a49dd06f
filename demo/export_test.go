package demo

import "time"

// PlannedSubjects lists the subjects Seed writes for a seed, in the order it writes them,
// with each thread's last message, so tests can compare plans and written workspaces.
func PlannedSubjects(seed int64, now time.Time) []string {
	ws := plan(seed, now)
	out := make([]string, len(ws.convs))
	for i, c := range ws.convs {
		out[i] = c.subject + " | " + *ws.customers[c.customer].input.Email + " | " + c.steps[len(c.steps)-1].body
	}
	return out
}
