package analysis_test

import (
	"strings"
	"testing"

	"github.com/attune-desk/attune/analysis"
)

func TestNegation(t *testing.T) {
	tests := []struct{ plain, negated string }{
		{"The replacement works well", "The replacement does not work well"},
		{"I am happy with the refund", "I am not happy with the refund"},
		{"This was helpful", "This wasn't helpful at all"},
		{"The courier was good", "The courier was never good"},
	}
	for _, tc := range tests {
		t.Run(tc.negated, func(t *testing.T) {
			p, n := engine.Analyze(tc.plain).Sentiment, engine.Analyze(tc.negated).Sentiment
			if !(p > 0 && n < p-0.3) {
				t.Fatalf("plain %.2f, negated %.2f: negation should pull it down", p, n)
			}
		})
	}
	t.Run("negation stays in its sentence", func(t *testing.T) {
		a := engine.Analyze("I did not order this. The box is lovely").Sentiment
		if a <= 0 {
			t.Fatalf("sentiment %.2f: 'not' must not reach the next sentence", a)
		}
	})
}

func TestBut(t *testing.T) {
	tests := []string{
		"The agent was kind but this is the third time my order is late",
		"Your app looks nice but it crashes every time I open it",
		"Thanks for the quick reply, but the refund still has not arrived",
	}
	for _, s := range tests {
		t.Run(s, func(t *testing.T) {
			r := engine.Analyze(s)
			if r.Sentiment >= 0 {
				t.Fatalf("sentiment %.2f: the clause after 'but' should weigh more", r.Sentiment)
			}
			if r.Mood == analysis.MoodHappy || r.Mood == analysis.MoodGrateful {
				t.Fatalf("mood %s", r.Mood)
			}
		})
	}
	t.Run("the third time sentence names the repeat", func(t *testing.T) {
		r := engine.Analyze(tests[0])
		if !r.UrgencyKinds.Has(analysis.KindRepeat) || r.UrgencyLabels[analysis.KindRepeat] != "3rd contact" {
			t.Fatalf("kinds %v labels %q", r.UrgencyKinds.Names(), r.UrgencyLabels)
		}
	})
}

// wordWeight is the sentiment evidence weight and rule of word in text.
func wordWeight(t *testing.T, text, word string) (float64, string) {
	t.Helper()
	for _, ev := range engine.Analyze(text).Evidence {
		if ev.Figure.String() == "sentiment" && strings.EqualFold(ev.Text(text), word) {
			return ev.Weight, ev.Rule.String()
		}
	}
	t.Fatalf("no sentiment evidence for %q in %q", word, text)
	return 0, ""
}

func TestIntensifiers(t *testing.T) {
	tests := []struct{ base, up, word string }{
		{"The update is confusing", "The update is very confusing", "confusing"},
		{"The agent was helpful", "The agent was really very helpful", "helpful"},
		{"I am upset", "I am so upset", "upset"},
		{"The delivery was bad", "The delivery was extremely bad", "bad"},
	}
	for _, tc := range tests {
		t.Run(tc.up, func(t *testing.T) {
			b, _ := wordWeight(t, tc.base, tc.word)
			u, rule := wordWeight(t, tc.up, tc.word)
			if !(abs(u) > abs(b)) || !strings.Contains(rule, "intensified") {
				t.Fatalf("base %.3f, intensified %.3f (%s)", b, u, rule)
			}
		})
	}
	t.Run("capitals intensify among lower case", func(t *testing.T) {
		b, u := engine.Analyze("this is terrible service").Sentiment, engine.Analyze("this is TERRIBLE service").Sentiment
		if !(u < b) {
			t.Fatalf("lower %.3f, capitals %.3f", b, u)
		}
	})
	t.Run("dampeners soften", func(t *testing.T) {
		b, _ := wordWeight(t, "the update is annoying", "annoying")
		d, _ := wordWeight(t, "the update is slightly annoying", "annoying")
		if !(abs(d) < abs(b)) {
			t.Fatalf("plain %.3f, dampened %.3f", b, d)
		}
	})
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

func TestSarcasm(t *testing.T) {
	tests := []string{
		"Oh great, the package is lost again",
		"Yeah right, like you will ever refund me",
		"Thanks a lot for cancelling my order without telling me",
		"Just perfect. Another week without internet",
		"Love paying $39.00 a month for a very expensive night light. Truly a premium experience.",
		"Oh good, another email telling me my bill is going up.",
	}
	for _, s := range tests {
		t.Run(s, func(t *testing.T) {
			r := engine.Analyze(s)
			if r.Sentiment >= 0 {
				t.Fatalf("sentiment %.2f: sarcasm read as praise", r.Sentiment)
			}
			found := false
			for _, ev := range r.Evidence {
				if strings.HasPrefix(ev.Rule.String(), "sarcasm marker") {
					found = true
				}
			}
			if !found {
				t.Fatalf("no sarcasm evidence in %+v", r.Evidence)
			}
		})
	}
	t.Run("sincere thanks stay thanks", func(t *testing.T) {
		for _, s := range []string{"Thanks a lot, that fixed it and everything works now", "Oh perfect, thank you!"} {
			if r := engine.Analyze(s); r.Sentiment <= 0 {
				t.Errorf("%q: sentiment %.2f", s, r.Sentiment)
			}
		}
	})
}

func TestUrgencyKinds(t *testing.T) {
	tests := []struct {
		text  string
		kind  analysis.UrgencyKind
		label string
	}{
		{"I need the replacement by Friday for my daughter's party", analysis.KindDeadline, "needed by Friday"},
		{"Please sort this out today, the payment is due", analysis.KindDeadline, "needed today"},
		{"Can you call me tomorrow about the contract?", analysis.KindDeadline, "needed tomorrow"},
		{"You took the money twice and now I can't pay my rent", analysis.KindHardship, "rent at risk"},
		{"My husband passed away and the account is still in his name", analysis.KindHardship, "bereavement"},
		{"I was laid off last month, please pause the plan", analysis.KindHardship, "job at risk"},
		{"I am stranded at the station with no way home", analysis.KindHardship, "stranded"},
		{"My son's insulin pump supplies never arrived", analysis.KindHardship, "health at stake"},
		{"This is the third time I'm writing about this", analysis.KindRepeat, "3rd contact"},
		{"I have emailed you 4 times and nobody answers", analysis.KindRepeat, "4th contact"},
		{"Still waiting for the engineer", analysis.KindRepeat, "still unresolved"},
		{"Nobody has replied to my ticket", analysis.KindRepeat, "no answer yet"},
		{"Fix it or I will cancel my subscription", analysis.KindThreat, "threatens to cancel"},
		{"I am speaking to my lawyer about this", analysis.KindThreat, "legal threat"},
		{"I will take my business elsewhere", analysis.KindThreat, "threatens to leave"},
		{"I want to speak to a manager", analysis.KindThreat, "asks for a manager"},
		{"I'll do a chargeback with my bank", analysis.KindThreat, "chargeback threat"},
	}
	for _, tc := range tests {
		t.Run(tc.text, func(t *testing.T) {
			r := engine.Analyze(tc.text)
			if !r.UrgencyKinds.Has(tc.kind) || r.UrgencyLabels[tc.kind] != tc.label {
				t.Fatalf("kinds %v labels %q; want %s %q", r.UrgencyKinds.Names(), r.UrgencyLabels, tc.kind, tc.label)
			}
			if r.Urgency < 0.4 {
				t.Fatalf("urgency %.2f too low for a %s", r.Urgency, tc.kind)
			}
			fig := "urgency:" + tc.kind.String()
			for _, ev := range r.Evidence {
				if ev.Figure.String() == fig {
					return
				}
			}
			t.Fatalf("no %s evidence in %+v", fig, r.Evidence)
		})
	}
	t.Run("a double charge is not a repeat contact", func(t *testing.T) {
		if r := engine.Analyze("You charged me twice for one order"); r.UrgencyKinds.Has(analysis.KindRepeat) {
			t.Fatalf("labels %q", r.UrgencyLabels)
		}
	})
	t.Run("negated deadline does not count", func(t *testing.T) {
		if r := engine.Analyze("It is not urgent, no rush at all"); r.UrgencyKinds != 0 || r.Urgency > 0.2 {
			t.Fatalf("urgency %.2f kinds %v", r.Urgency, r.UrgencyKinds.Names())
		}
	})
	t.Run("a time named alone is a deadline only when something is needed then", func(t *testing.T) {
		for _, text := range []string{"Our payroll runs tonight and the export is failing", "What can we do tonight?",
			"The formula was missing and my daughter has nothing to eat tonight", "My mother's prescription was not delivered and she needs her medication today"} {
			if r := engine.Analyze(text); !r.UrgencyKinds.Has(analysis.KindDeadline) {
				t.Errorf("%q: kinds %v, want a deadline", text, r.UrgencyKinds.Names())
			}
		}
		for _, text := range []string{"Thanks, I'll see how tonight goes.", "Thank you. We'll try it tonight.", "It came this morning! Just in time.",
			"I opened the thermostat this evening and the front is cracked.", "Okay, it's been solid today.", "I'll report back tomorrow."} {
			if r := engine.Analyze(text); r.UrgencyKinds.Has(analysis.KindDeadline) {
				t.Errorf("%q: %q, want no deadline", text, r.UrgencyLabels[analysis.KindDeadline])
			}
		}
	})
	t.Run("a child named is a hardship only beside a problem or a need", func(t *testing.T) {
		if r := engine.Analyze("My kids can't do their homework"); !r.UrgencyKinds.Has(analysis.KindHardship) {
			t.Errorf("kinds %v, want a hardship", r.UrgencyKinds.Names())
		}
		for _, text := range []string{"My daughter Chloé is getting married on the 29th. Could it be gift wrapped?",
			"Any chance the doorbell could get quiet hours? My baby sleeps at odd times."} {
			if r := engine.Analyze(text); r.UrgencyKinds.Has(analysis.KindHardship) {
				t.Errorf("%q: %q, want no hardship", text, r.UrgencyLabels[analysis.KindHardship])
			}
		}
	})
	t.Run("a negated threat is none", func(t *testing.T) {
		for _, text := range []string{"I don't want to cancel, because the kids need the internet for school.", "I really don't want to cancel my plan."} {
			if r := engine.Analyze(text); r.UrgencyKinds.Has(analysis.KindThreat) {
				t.Errorf("%q: %q, want no threat", text, r.UrgencyLabels[analysis.KindThreat])
			}
		}
	})
	t.Run("calm thanks are not urgent", func(t *testing.T) {
		calm := engine.Analyze("Thank you, everything arrived and it works lovely")
		urgent := engine.Analyze("My rent is due tomorrow and you took my money twice, fix it today")
		if !(calm.Urgency < 0.2 && urgent.Urgency > 0.8) {
			t.Fatalf("calm %.2f, urgent %.2f", calm.Urgency, urgent.Urgency)
		}
	})
}

func TestCues(t *testing.T) {
	tests := []struct {
		text string
		cue  analysis.Cue
	}{
		{"WHY IS THIS STILL NOT FIXED", analysis.CueCaps},
		{"where is it???", analysis.CuePunctuation},
		{"this is bullshit", analysis.CueProfanity},
		{"thanks 🙏", analysis.CueEmoji},
		{"refund?", analysis.CueVeryShort},
		{strings.Repeat("the parcel went to the wrong address again ", 25), analysis.CueVeryLong},
	}
	for _, tc := range tests {
		t.Run(tc.cue.String(), func(t *testing.T) {
			r := engine.Analyze(tc.text)
			if !r.Cues.Has(tc.cue) {
				t.Fatalf("cues %v, want %s", r.Cues.Names(), tc.cue)
			}
		})
	}
	if r := engine.Analyze("I ordered a TV from the UK shop"); r.Cues.Has(analysis.CueCaps) {
		t.Fatal("two acronyms are not shouting")
	}
	if r := engine.Analyze("I don't even know where the button is. I feel stupid now."); r.Cues.Has(analysis.CueProfanity) || r.Mood == analysis.MoodAngry {
		t.Fatalf("cues %v, mood %s: an insult aimed at oneself is embarrassment, not profanity or anger", r.Cues.Names(), r.Mood)
	}
}

// hasRule reports whether some sentiment evidence of r names rule.
func hasRule(r analysis.Result, rule string) bool {
	for _, ev := range r.Evidence {
		if ev.Figure.String() == "sentiment" && ev.Rule.String() == rule {
			return true
		}
	}
	return false
}

func TestIdioms(t *testing.T) {
	tests := []struct {
		text, rule string
		positive   bool
	}{
		{"I'd never recommend this courier", `idiom "i'd never recommend"`, false},
		{"Save yourself the trouble and order from another shop", `idiom "save yourself the trouble"`, false},
		{"Save your money, the charger stopped working after a week", `idiom "save your money"`, false},
		{"Would not recommend this service to anyone", `idiom "would not recommend"`, false},
		{"The new headset is a joke", `idiom "a joke"`, false},
		{"I wish I had read the reviews before ordering", `idiom "wish i had read the reviews"`, false},
		{"Your phone support is non-existent", `idiom "non existent"`, false},
		{"It wasn't money well spent", `idiom "money well spent"`, false},
		{"I can't put this book down", `idiom "can't put * * down"`, true},
		{"Highly recommend this store", `idiom "highly recommend"`, true},
		{"Worth every penny", `idiom "worth every penny"`, true},
		{"Can't recommend this team enough", `idiom "can't recommend * * enough"`, true},
		{"I couldn't be happier with the replacement", `idiom "couldn't be happier"`, true},
		{"The new dashboard is a must-have", `idiom "a must have"`, true},
	}
	for _, tc := range tests {
		t.Run(tc.text, func(t *testing.T) {
			r := engine.Analyze(tc.text)
			if !hasRule(r, tc.rule) {
				t.Fatalf("no evidence %s in %+v", tc.rule, r.Evidence)
			}
			if tc.positive && r.Sentiment <= 0.2 || !tc.positive && r.Sentiment >= -0.2 {
				t.Fatalf("sentiment %.2f, want clearly %s", r.Sentiment, map[bool]string{true: "positive", false: "negative"}[tc.positive])
			}
		})
	}
	t.Run("the idiom replaces its words", func(t *testing.T) {
		// "save" alone is praise in the lexicon; inside the idiom it is not scored
		r := engine.Analyze("Save your money")
		for _, ev := range r.Evidence {
			if ev.Figure.String() == "sentiment" && strings.EqualFold(ev.Text(r.Text), "save") {
				t.Fatalf("the word was scored on its own: %+v", ev)
			}
		}
	})
	t.Run("a negated idiom turns over", func(t *testing.T) {
		if r := engine.Analyze("Honestly it was not a waste of money at all"); r.Sentiment <= 0 {
			t.Fatalf("sentiment %.2f", r.Sentiment)
		}
	})
	t.Run("an idiom before but weighs less", func(t *testing.T) {
		plain := engine.Analyze("Worth every penny, the parcel came a day late")
		but := engine.Analyze("Worth every penny, but the parcel came a day late")
		if !(but.Sentiment < plain.Sentiment) {
			t.Fatalf("plain %.2f, with but %.2f", plain.Sentiment, but.Sentiment)
		}
	})
	t.Run("neutral phrases carry no valence", func(t *testing.T) {
		for _, s := range []string{"It looks like my order has shipped", "Pretty sure the invoice is wrong", "I called customer support twice"} {
			r := engine.Analyze(s)
			for _, ev := range r.Evidence {
				if ev.Figure.String() == "sentiment" && ev.Weight > 0 {
					t.Fatalf("%q: positive evidence %+v", s, ev)
				}
			}
		}
	})
}

func TestClauses(t *testing.T) {
	t.Run("a conceding clause counts less", func(t *testing.T) {
		r := engine.Analyze("Although the agent was friendly, my parcel is still missing")
		if r.Sentiment >= 0 {
			t.Fatalf("sentiment %.2f", r.Sentiment)
		}
		w, _ := wordWeight(t, "Although the agent was friendly, my parcel is still missing", "friendly")
		p, _ := wordWeight(t, "The agent was friendly, my parcel is still missing", "friendly")
		if !(w > 0 && w < p) {
			t.Fatalf("friendly: %.2f in the concession, %.2f plain", w, p)
		}
	})
	t.Run("what could have been did not happen", func(t *testing.T) {
		w, _ := wordWeight(t, "The delivery could have been great", "great")
		if w >= 0 {
			t.Fatalf("great after could have been: %.2f", w)
		}
		if w, _ := wordWeight(t, "Honestly it could have been worse", "worse"); w <= 0 {
			t.Fatalf("worse after could have been: %.2f", w)
		}
	})
}
