package store

import "strings"

// update collects the columns an UPDATE changes, their values, and what the audit log
// should say changed.
type update struct {
	sets    []string
	args    []any
	changed map[string]any
}

func newUpdate() *update { return &update{changed: map[string]any{}} }

// set changes col to v; shown is how the audit log records the new value.
func (u *update) set(col string, v, shown any) {
	u.sets = append(u.sets, col+" = ?")
	u.args = append(u.args, v)
	u.changed[col] = shown
}

// raw adds an assignment with its own SQL, e.g. "waiting_since = NULL", not audited.
func (u *update) raw(assignment string, args ...any) {
	u.sets = append(u.sets, assignment)
	u.args = append(u.args, args...)
}

func (u *update) empty() bool { return len(u.sets) == 0 }

// sql returns "UPDATE table SET …, updated_at = ? WHERE id = ?" and its arguments.
func (u *update) sql(table string, now, id int64) (string, []any) {
	return "UPDATE " + table + " SET " + strings.Join(u.sets, ", ") + ", updated_at = ? WHERE id = ?", append(append([]any{}, u.args...), now, id)
}
