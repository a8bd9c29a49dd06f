package triage_test

import (
	"testing"
	"time"

	"github.com/attune-desk/attune"
	"github.com/attune-desk/attune/triage"
)

func TestPrioritize(t *testing.T) {
	p := triage.NewPrioritizer(triage.DefaultWeights())
	furious := &attune.Analysis{Mood: "angry", Moods: map[string]float64{"angry": 0.9}, Frustration: 3, UrgencyKinds: []string{"hardship", "threat"},
		UrgencyLabels: map[string]string{"hardship": "rent at risk"}}
	calm := &attune.Analysis{Mood: "neutral", Moods: map[string]float64{"neutral": 1, "frustrated": 0.3}}
	sat := 1
	high := p.Prioritize(attune.PriorityFacts{Latest: furious, RecentConversations: 2, Unanswered: 3, LastSatisfaction: &sat, Trajectory: []float64{0.1, -0.3, -0.7}})
	low := p.Prioritize(attune.PriorityFacts{Latest: calm})
	if high.Score <= 60 || low.Score != 0 || high.Score > 100 {
		t.Fatalf("scores: high %d, low %d", high.Score, low.Score)
	}
	labels := map[string]string{}
	for _, r := range high.Reasons {
		labels[r.Code] = r.Label
		if r.Weight <= 0 {
			t.Errorf("reason %s has weight %d", r.Code, r.Weight)
		}
	}
	want := map[string]string{"mood": "furious", "hardship": "rent at risk", "threat": "may leave", "repeat_contact": "3rd contact in 2 weeks",
		"unanswered": "3 unanswered messages", "history": "rated us 1/5 last time", "escalating": "mood worsening"}
	for code, label := range want {
		if labels[code] != label {
			t.Errorf("reason %s = %q, want %q", code, labels[code], label)
		}
	}
}

func TestWaiting(t *testing.T) {
	p := triage.NewPrioritizer(triage.DefaultWeights())
	for d, want := range map[time.Duration]string{10 * time.Second: "waiting 1 min", 45 * time.Minute: "waiting 45 min", 4 * time.Hour: "waiting 4 h", 72 * time.Hour: "waiting 3 d"} {
		if got := p.Waiting(d); got.Label != want {
			t.Errorf("Waiting(%v) = %q, want %q", d, got.Label, want)
		}
	}
	if p.Waiting(100*time.Hour).Weight != 20 || p.Waiting(0).Weight != 0 {
		t.Fatal("waiting weight is not capped at 20 or not zero at first")
	}
}
