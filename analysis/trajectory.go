package analysis

import "math"

// TrajectorySummary is how a customer's sentiment moved across their messages.
type TrajectorySummary struct {
	// Lift is the last sentiment minus the first (0 for fewer than two messages).
	Lift float64
	// EscalationRisk is true when the mood worsens over consecutive messages.
	EscalationRisk bool
	// Reason says why, in plain words, when EscalationRisk is true.
	Reason string
}

// Trajectory summarises the sentiments of a customer's messages, oldest first. The risk
// is raised when sentiment fell across the last three messages, fell sharply between the
// last two, or has stayed clearly negative for the last three.
func Trajectory(sentiments []float64) TrajectorySummary {
	var s TrajectorySummary
	clean := func(x float64) float64 {
		if math.IsNaN(x) {
			return 0
		}
		return max(-1, min(1, x))
	}
	n := len(sentiments)
	if n < 2 {
		return s
	}
	first, last := clean(sentiments[0]), clean(sentiments[n-1])
	s.Lift = last - first
	prev := clean(sentiments[n-2])
	switch {
	case n >= 3 && clean(sentiments[n-3]) > prev && prev > last && clean(sentiments[n-3])-last >= 0.3:
		s.EscalationRisk = true
		s.Reason = "mood has worsened over the last three messages"
	case prev-last >= 0.6 && last < 0:
		s.EscalationRisk = true
		s.Reason = "mood dropped sharply in the last message"
	case n >= 3 && clean(sentiments[n-3]) <= -0.4 && prev <= -0.4 && last <= -0.4:
		s.EscalationRisk = true
		s.Reason = "the last three messages were all clearly negative"
	}
	return s
}
