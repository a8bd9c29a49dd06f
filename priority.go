package attune

import "time"

// Priority is how pressing a conversation is, 0–100, with the reasons that add up to it,
// so the queue can say why a conversation is on top.
type Priority struct {
	Score   int      `json:"score"`
	Reasons []Reason `json:"reasons"`
}

// Reason is one part of a priority score, e.g. {"hardship", "rent at risk", 18}.
type Reason struct {
	Code   string `json:"code"`
	Label  string `json:"label"`
	Weight int    `json:"weight"`
}

// PriorityFacts is what a Prioritizer weighs. The store gathers them inside the write that
// adds a message, so the score always matches the thread.
type PriorityFacts struct {
	Channel             Channel
	Latest              *Analysis // the newest customer message's reading, if any
	Trajectory          []float64 // sentiment of each customer message, oldest first
	Unanswered          int       // customer messages since the last agent reply
	RecentConversations int       // the customer's other conversations in the last 14 days
	LastSatisfaction    *int      // the customer's last rating, 1–5
	AverageSentiment    *float64  // over the customer's history
}

// Prioritizer turns facts into a score with reasons. Waiting time is scored separately and
// at read time, because it grows while nothing is written.
type Prioritizer interface {
	Prioritize(f PriorityFacts) Priority
	// Waiting is the reason for a customer having waited d, with its weight.
	Waiting(d time.Duration) Reason
	// WaitingCurve describes Waiting for the database's sort: points per hour, capped.
	WaitingCurve() (pointsPerHour float64, max int)
}
