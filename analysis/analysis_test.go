package analysis_test

import (
	"math"
	"reflect"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/attune-desk/attune/analysis"
)

var engine = func() *analysis.Engine {
	e, err := analysis.New()
	if err != nil {
		panic(err)
	}
	return e
}()

// checkResult fails the test when a figure is out of range or evidence points outside text.
func checkResult(t testing.TB, text string, r analysis.Result) {
	t.Helper()
	in := func(name string, v, lo, hi float64) {
		if math.IsNaN(v) || v < lo || v > hi {
			t.Fatalf("%s = %v, want %v…%v (text %.60q)", name, v, lo, hi, text)
		}
	}
	in("sentiment", r.Sentiment, -1, 1)
	in("frustration", r.Frustration, 0, 4)
	in("urgency", r.Urgency, 0, 1)
	sum := 0.0
	for i, p := range r.Emotions {
		in("emotion "+analysis.EmotionLabels()[i], p, 0, 1)
		sum += p
	}
	if len(text) > 0 && math.Abs(sum-1) > 1e-6 {
		t.Fatalf("emotion probabilities sum to %v", sum)
	}
	for i, s := range r.Moods {
		in("mood "+analysis.MoodNames()[i], s, 0, 1)
	}
	if int(r.Mood) >= analysis.NumMoods {
		t.Fatalf("mood %d out of range", r.Mood)
	}
	if r.Labels == 0 && strings.TrimSpace(text) != "" {
		t.Fatalf("no predicted label for %.60q", text)
	}
	for k := analysis.UrgencyKind(0); k < analysis.NumKinds; k++ {
		if r.UrgencyKinds.Has(k) != (r.UrgencyLabels[k] != "") {
			t.Fatalf("kind %s present=%v but label %q", k, r.UrgencyKinds.Has(k), r.UrgencyLabels[k])
		}
	}
	for _, ev := range r.Evidence {
		if ev.Start < 0 || ev.End < ev.Start || ev.End > len(text) {
			t.Fatalf("evidence %+v outside the text (len %d)", ev, len(text))
		}
		if r.Text != text || ev.Text(r.Text) != text[ev.Start:ev.End] {
			t.Fatalf("evidence text %q is not text[%d:%d] = %q", ev.Text(r.Text), ev.Start, ev.End, text[ev.Start:ev.End])
		}
		if ev.Figure.String() == "" || ev.Rule.String() == "" || math.IsNaN(ev.Weight) {
			t.Fatalf("evidence %+v lacks a figure, rule or weight", ev)
		}
	}
}

func TestInputs(t *testing.T) {
	big := strings.Repeat("My parcel is late again and nobody answers my emails. ", 1<<20/54+1)
	tests := map[string]string{
		"empty":         "",
		"spaces":        "   \n\t ",
		"one megabyte":  big,
		"invalid utf-8": "this is \xff\xfe broken \xc3\x28 text \xe2\x82",
		"mixed scripts": "Заказ не пришёл 注文が届きません and my order is late مرحبا",
		"emoji only":    "😡😡😡🙏💔",
		"all caps":      "WHERE IS MY REFUND? I HAVE WAITED THREE WEEKS!!!",
		"nul bytes":     "a\x00b\x00 late \x00",
		"punctuation":   "!!!???...,,,;;;:::",
		"emoticons":     ":) :( :-D <3 :'(",
		"long word":     strings.Repeat("a", 100000),
		"urls":          "see https://example.com/a?b=c and @someone #help",
	}
	for name, text := range tests {
		t.Run(name, func(t *testing.T) {
			r := engine.Analyze(text)
			checkResult(t, text, r)
			if !reflect.DeepEqual(r, engine.Analyze(text)) {
				t.Fatal("two readings of the same text differ")
			}
		})
	}
	t.Run("empty is neutral", func(t *testing.T) {
		r := engine.Analyze("")
		if r.Sentiment != 0 || r.Urgency != 0 || r.Frustration != 0 || r.Mood != analysis.MoodNeutral || len(r.Evidence) != 0 {
			t.Fatalf("empty text: %+v", r)
		}
	})
	t.Run("all caps is a cue", func(t *testing.T) {
		if r := engine.Analyze(tests["all caps"]); !r.Cues.Has(analysis.CueCaps) || !r.Cues.Has(analysis.CuePunctuation) {
			t.Fatalf("cues %v", r.Cues.Names())
		}
	})
	t.Run("emoji only", func(t *testing.T) {
		r := engine.Analyze(tests["emoji only"])
		if !r.Cues.Has(analysis.CueEmoji) || r.Sentiment >= 0 {
			t.Fatalf("cues %v sentiment %v", r.Cues.Names(), r.Sentiment)
		}
	})
}

func TestConcurrentUse(t *testing.T) {
	texts := []string{"thank you so much!", "WHERE IS MY ORDER", "my rent is due tomorrow and you charged me twice", ""}
	want := make([]analysis.Result, len(texts))
	for i, s := range texts {
		want[i] = engine.Analyze(s)
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := 0; k < 50; k++ {
				i := (g + k) % len(texts)
				if got := engine.Analyze(texts[i]); !reflect.DeepEqual(got, want[i]) {
					t.Errorf("concurrent reading of %q differs", texts[i])
					return
				}
			}
		}()
	}
	wg.Wait()
}

func TestNames(t *testing.T) {
	l := analysis.EmotionLabels()
	if len(l) != 28 || l[0] != "admiration" || l[27] != "neutral" {
		t.Fatalf("labels %v", l)
	}
	l[0] = "changed"
	if analysis.EmotionLabels()[0] != "admiration" {
		t.Fatal("EmotionLabels returned the engine's own slice")
	}
	want := []string{"angry", "frustrated", "anxious", "sad", "confused", "disappointed", "happy", "grateful", "neutral"}
	if got := analysis.MoodNames(); !reflect.DeepEqual(got, want) {
		t.Fatalf("moods %v", got)
	}
	if v := engine.Version(); !strings.HasPrefix(v, "attune-emotion-") {
		t.Fatalf("version %q", v)
	}
}

func TestTrajectory(t *testing.T) {
	tests := []struct {
		name string
		in   []float64
		lift float64
		risk bool
	}{
		{"none", nil, 0, false},
		{"one", []float64{-0.5}, 0, false},
		{"improving", []float64{-0.6, -0.2, 0.4}, 1.0, false},
		{"worsening three", []float64{0.2, -0.1, -0.5}, -0.7, true},
		{"sharp drop", []float64{0.5, 0.6, -0.3}, -0.8, true},
		{"stuck negative", []float64{-0.5, -0.6, -0.5}, 0, true},
		{"NaN is ignored", []float64{math.NaN(), 0.5}, 0.5, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := analysis.Trajectory(tc.in)
			if math.Abs(s.Lift-tc.lift) > 1e-9 || s.EscalationRisk != tc.risk || s.EscalationRisk != (s.Reason != "") {
				t.Fatalf("got %+v, want lift %v risk %v", s, tc.lift, tc.risk)
			}
		})
	}
}

func FuzzAnalyze(f *testing.F) {
	for _, s := range []string{"", "hello", "NOT happy!!!", "third time :( 😡", "\xff\xfe", "no rush, whenever you can", "oh great, it broke again", "by friday or I cancel my account", "can't  won't didn’t", "Great. Another update that breaks the app.", "great,", "Brilliant", ". Perfect, now", "Thanks so much for wasting", "exam tomorrow and it still isn't working"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r := engine.Analyze(s)
		checkResult(t, s, r)
		if !reflect.DeepEqual(r, engine.Analyze(s)) {
			t.Fatal("not deterministic")
		}
		if !utf8.ValidString(s) {
			return
		}
		for _, ev := range r.Evidence {
			if !utf8.ValidString(ev.Text(s)) {
				t.Fatalf("evidence %q cuts a character", ev.Text(s))
			}
		}
	})
}

// AnalyzeInto gives Analyze's reading, reusing the Evidence storage between calls.
func TestAnalyzeInto(t *testing.T) {
	texts := []string{"", "   ", "!!!", "Thank you so much, you have been wonderful!",
		"WHERE IS MY MONEY??? I HAVE BEEN WAITING FOR THREE WEEKS!!!",
		"This is the third time I am contacting you about the broken dishwasher and nothing has happened.",
		"ok", "My father passed away last week and I need to close his account."}
	var r analysis.Result
	for round := 0; round < 2; round++ {
		for _, s := range texts {
			want := engine.Analyze(s)
			engine.AnalyzeInto(s, &r)
			got := r
			if len(got.Evidence) == 0 && len(want.Evidence) == 0 {
				got.Evidence, want.Evidence = nil, nil
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%q: AnalyzeInto %+v\nAnalyze %+v", s, got, want)
			}
		}
	}
	if raceEnabled {
		return // the race detector's own allocations would be counted
	}
	allocs := testing.AllocsPerRun(100, func() { engine.AnalyzeInto(texts[5], &r) })
	if allocs != 0 {
		t.Errorf("AnalyzeInto allocates %v times per call after warm-up", allocs)
	}
}
