// Package triage joins Attune's pieces into application services: it reads every customer
// message with the emotion engine, coaches every agent reply, and scores how pressing each
// conversation is, with reasons an agent can read.
package triage

import (
	"fmt"
	"math"
	"time"

	"github.com/attune-desk/attune"
	"github.com/attune-desk/attune/analysis"
)

// Weights are the points each reason can add to a conversation's priority (0–100). They
// live here, in one place, so the queue's order is easy to reason about and to tune.
type Weights struct {
	Mood           float64 // × the strongest distressed mood's strength (0–1)
	Frustration    float64 // × frustration/4
	Hardship       int     // rent, bills, job loss, medical, bereavement, …
	Deadline       int     // needed today, tomorrow, by Friday
	Threat         int     // threatens to cancel, leave or escalate
	RepeatInText   int     // "third time", "still", "again"
	Escalating     int     // mood worsening across consecutive messages
	PerUnanswered  int     // each customer message beyond the first still unanswered
	MaxUnanswered  int
	PerRecentConv  int // each other conversation in the last 14 days
	MaxRecentConv  int
	LowSatisfied   int     // last rating 1–2
	NegativeHist   int     // average sentiment across history below −0.3
	WaitingPerHour float64 // points per hour the customer has waited
	WaitingMax     int
}

// DefaultWeights are the weights Attune ships with.
func DefaultWeights() Weights {
	return Weights{
		Mood: 28, Frustration: 10, Hardship: 20, Deadline: 12, Threat: 14, RepeatInText: 8, Escalating: 10,
		PerUnanswered: 4, MaxUnanswered: 12, PerRecentConv: 6, MaxRecentConv: 12,
		LowSatisfied: 8, NegativeHist: 4, WaitingPerHour: 2.5, WaitingMax: 20,
	}
}

// Prioritizer scores conversations from the facts the store gathers.
type Prioritizer struct{ w Weights }

// NewPrioritizer returns a prioritizer with the given weights.
func NewPrioritizer(w Weights) *Prioritizer { return &Prioritizer{w: w} }

var _ attune.Prioritizer = (*Prioritizer)(nil)

// distressed moods raise priority; the word is how the queue names the strongest one.
var moodWords = map[string][2]string{ // mood → {word, word when intense}
	"angry":        {"angry", "furious"},
	"frustrated":   {"frustrated", "very frustrated"},
	"anxious":      {"anxious", "very anxious"},
	"sad":          {"upset", "distressed"},
	"disappointed": {"disappointed", "very disappointed"},
	"confused":     {"confused", "lost"},
}

// Prioritize scores the facts, each part a reason with its weight.
func (p *Prioritizer) Prioritize(f attune.PriorityFacts) attune.Priority {
	w := p.w
	var reasons []attune.Reason
	add := func(code, label string, weight int) {
		if weight > 0 {
			reasons = append(reasons, attune.Reason{Code: code, Label: label, Weight: weight})
		}
	}
	if a := f.Latest; a != nil {
		// The mood reason names the customer's dominant mood when it is a distressed one,
		// so the queue and the mood chip agree; a strong distressed undertone under a
		// calmer dominant mood still counts.
		mood, strength := "", 0.0
		if _, ok := moodWords[a.Mood]; ok {
			mood, strength = a.Mood, a.Moods[a.Mood]
		} else {
			for m := range moodWords {
				if s := a.Moods[m]; s >= 0.5 && (s > strength || s == strength && m < mood) {
					mood, strength = m, s
				}
			}
		}
		if mood != "" && strength >= 0.2 {
			word := moodWords[mood][0]
			if strength >= 0.7 {
				word = moodWords[mood][1]
			}
			scale := 1.0
			if mood == "confused" {
				scale = 0.5 // confusion needs help, but is rarely the most pressing
			}
			add("mood", word, int(math.Round(w.Mood*strength*scale)))
		}
		if a.Frustration >= 1 {
			add("frustration", fmt.Sprintf("frustration %.0f/4", a.Frustration), int(math.Round(w.Frustration*a.Frustration/4)))
		}
		for _, kind := range a.UrgencyKinds {
			label := a.UrgencyLabels[kind]
			switch kind {
			case "hardship":
				add("hardship", orDefault(label, "hardship"), w.Hardship)
			case "deadline":
				add("deadline", orDefault(label, "deadline"), w.Deadline)
			case "threat":
				add("threat", orDefault(label, "may leave"), w.Threat)
			case "repeat":
				add("repeat_text", orDefault(label, "has asked before"), w.RepeatInText)
			}
		}
	}
	if analysis.Trajectory(f.Trajectory).EscalationRisk {
		add("escalating", "mood worsening", w.Escalating)
	}
	if f.Unanswered > 1 {
		add("unanswered", fmt.Sprintf("%d unanswered messages", f.Unanswered), min((f.Unanswered-1)*w.PerUnanswered, w.MaxUnanswered))
	}
	if f.RecentConversations > 0 {
		add("repeat_contact", ordinal(f.RecentConversations+1)+" contact in 2 weeks", min(f.RecentConversations*w.PerRecentConv, w.MaxRecentConv))
	}
	if f.LastSatisfaction != nil && *f.LastSatisfaction <= 2 {
		add("history", fmt.Sprintf("rated us %d/5 last time", *f.LastSatisfaction), w.LowSatisfied)
	}
	if f.AverageSentiment != nil && *f.AverageSentiment < -0.3 {
		add("history_mood", "often unhappy with us", w.NegativeHist)
	}
	score := 0
	for _, r := range reasons {
		score += r.Weight
	}
	if reasons == nil {
		reasons = []attune.Reason{}
	}
	return attune.Priority{Score: min(score, 100), Reasons: reasons}
}

// Waiting is the reason for a customer having waited d.
func (p *Prioritizer) Waiting(d time.Duration) attune.Reason {
	points := int(d.Hours() * p.w.WaitingPerHour)
	return attune.Reason{Code: "waiting", Label: "waiting " + humanDuration(d), Weight: min(points, p.w.WaitingMax)}
}

// WaitingCurve describes Waiting for the database's sort.
func (p *Prioritizer) WaitingCurve() (float64, int) { return p.w.WaitingPerHour, p.w.WaitingMax }

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// ordinal writes 2 as "2nd", 3 as "3rd", 11 as "11th".
func ordinal(n int) string {
	suffix := "th"
	if n%100 < 11 || n%100 > 13 {
		switch n % 10 {
		case 1:
			suffix = "st"
		case 2:
			suffix = "nd"
		case 3:
			suffix = "rd"
		}
	}
	return fmt.Sprintf("%d%s", n, suffix)
}

// humanDuration says a wait in the largest sensible unit: "12 min", "4 h", "3 d".
func humanDuration(d time.Duration) string {
	switch {
	case d < time.Hour:
		return fmt.Sprintf("%d min", max(int(d.Minutes()), 1))
	case d < 48*time.Hour:
		return fmt.Sprintf("%d h", int(d.Hours()))
	}
	return fmt.Sprintf("%d d", int(d.Hours()/24))
}
