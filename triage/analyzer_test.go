package triage_test

import (
	"encoding/json"
	"testing"

	"github.com/attune-desk/attune/analysis"
	"github.com/attune-desk/attune/triage"
)

func TestNewAnalyzer(t *testing.T) {
	e, err := analysis.New()
	if err != nil {
		t.Fatal(err)
	}
	a := triage.NewAnalyzer(e)
	if a.Version() != e.Version() {
		t.Fatalf("version %q", a.Version())
	}
	got := a.Analyze("This is the third time I ask: my rent is due Friday and you charged me twice!!")
	if got.Model != e.Version() || len(got.Emotions) != 28 || len(got.Moods) != 9 || got.Mood == "" || len(got.Labels) == 0 {
		t.Fatalf("incomplete: %+v", got)
	}
	if got.UrgencyLabels["repeat"] != "3rd contact" || got.UrgencyLabels["hardship"] != "rent at risk" {
		t.Fatalf("urgency labels %v", got.UrgencyLabels)
	}
	if len(got.UrgencyKinds) != len(got.UrgencyLabels) || len(got.Cues) == 0 || len(got.Evidence) == 0 {
		t.Fatalf("kinds %v labels %v cues %v evidence %d", got.UrgencyKinds, got.UrgencyLabels, got.Cues, len(got.Evidence))
	}
	b, err := json.Marshal(got)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	json.Unmarshal(b, &m)
	for _, k := range []string{"sentiment", "emotions", "labels", "moods", "mood", "frustration", "urgency", "urgency_kinds", "urgency_labels", "cues", "evidence", "model"} {
		if _, ok := m[k]; !ok {
			t.Errorf("JSON lacks %q", k)
		}
	}
	empty := a.Analyze("")
	if empty.Mood != "neutral" || empty.Labels == nil || empty.UrgencyKinds == nil || empty.Cues == nil || empty.Evidence == nil {
		t.Fatalf("empty text should give empty lists, not null: %+v", empty)
	}
}
