package triage_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/attune-desk/attune"
	"github.com/attune-desk/attune/analysis"
	"github.com/attune-desk/attune/triage"
)

func TestCoachMapsTheReportUnchanged(t *testing.T) {
	c, err := analysis.NewCoach()
	if err != nil {
		t.Fatal(err)
	}
	req := attune.CoachRequest{
		CustomerMessages: []attune.CoachCustomerMessage{{Text: "My refund for order 5521 still hasn't come through and I've asked three times."}},
		Draft:            "Calm down, as I already said the refund takes 5-7 days. Great!",
		CustomerName:     "Priya Shah",
		Facts:            []string{"Prefers email over phone"},
	}
	got := triage.NewCoach(c).Review(req)
	want := c.Review(analysis.CoachInput{
		Customer:     []analysis.CoachTurn{{Text: req.CustomerMessages[0].Text}},
		Draft:        req.Draft,
		CustomerName: req.CustomerName,
		Facts:        req.Facts,
	})
	a, _ := json.Marshal(got)
	b, _ := json.Marshal(want)
	if string(a) != string(b) {
		t.Fatalf("the domain report differs from the coach's:\n%s\n%s", a, b)
	}
	if len(got.Flags) == 0 {
		t.Fatal("no flags for a dismissive draft")
	}
}

func TestCoachUsesTheEnginesMood(t *testing.T) {
	c, err := analysis.NewCoach()
	if err != nil {
		t.Fatal(err)
	}
	// The words alone read calm; the engine says the customer is furious, so the
	// cheerful opener is flagged.
	text := "The invoice amount is different from the quote."
	draft := "No worries! I'll correct the invoice today and send it to you by 5pm."
	plain := triage.NewCoach(c).Review(attune.CoachRequest{
		CustomerMessages: []attune.CoachCustomerMessage{{Text: text}},
		Draft:            draft,
	})
	signalled := triage.NewCoach(c).Review(attune.CoachRequest{
		CustomerMessages: []attune.CoachCustomerMessage{{Text: text, Analysis: &attune.Analysis{
			Mood: "angry", Moods: map[string]float64{"angry": 0.9}, Sentiment: -0.7, Urgency: 0.4,
		}}},
		Draft: draft,
	})
	if coachHasTone(plain) {
		t.Errorf("tone flagged without the engine's mood: %+v", plain.Flags)
	}
	if !coachHasTone(signalled) {
		t.Errorf("no tone flag with the engine's mood angry: %+v", signalled.Flags)
	}
	if signalled.Extra["mood"] != "angry" {
		t.Errorf("mood = %q, want angry", signalled.Extra["mood"])
	}
}

func coachHasTone(r attune.CoachReport) bool {
	for _, f := range r.Flags {
		if f.Kind == "tone" {
			return true
		}
	}
	return false
}

func TestCoachPassesTheDeadline(t *testing.T) {
	c, err := analysis.NewCoach()
	if err != nil {
		t.Fatal(err)
	}
	e, err := analysis.New()
	if err != nil {
		t.Fatal(err)
	}
	text := "My passport is with you for the visa and I fly on Friday. I need it back by Thursday."
	a := triage.NewAnalyzer(e).Analyze(text)
	if a.UrgencyLabels["deadline"] == "" {
		t.Fatalf("the engine read no deadline in %q: %+v", text, a.UrgencyLabels)
	}
	r := triage.NewCoach(c).Review(attune.CoachRequest{
		CustomerMessages: []attune.CoachCustomerMessage{{Text: text, Analysis: &a}},
		Draft:            "Hi, sorry for the worry. I've asked the visa team to return your passport.",
	})
	if want := "up against a time (" + a.UrgencyLabels["deadline"] + ")"; !strings.Contains(r.Explanation, want) {
		t.Errorf("explanation %q, want it to say %q", r.Explanation, want)
	}
}
