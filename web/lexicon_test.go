package web_test

import (
	"math"
	"sort"
	"strings"

	"github.com/attune-desk/attune"
)

// wordAnalyzer is a small stand-in for the emotion engine in page tests: it finds a few
// words per mood and urgency and reports them as evidence with byte offsets, the way the
// real engine does, so the pages' chips, evidence and priority reasons can be checked
// against known input. It is a test fixture, not a model of anything.
type wordAnalyzer struct{}

var _ attune.Analyzer = wordAnalyzer{}

var wordMoods = map[string][]string{
	"angry":      {"furious", "outrageous", "unacceptable", "angry"},
	"frustrated": {"frustrated", "still not", "annoying"},
	"anxious":    {"worried", "anxious", "scared", "panicking"},
	"sad":        {"lonely", "sad", "heartbroken"},
	"confused":   {"confused", "don't understand", "how do i"},
	"grateful":   {"thank you", "thanks", "grateful", "appreciate"},
}

var wordUrgency = map[string]struct {
	words []string
	label string
}{
	"hardship": {[]string{"rent"}, "rent at risk"},
	"deadline": {[]string{"friday", "today"}, "needed soon"},
	"repeat":   {[]string{"third time"}, "3rd contact"},
	"threat":   {[]string{"cancel"}, "may cancel"},
}

func (wordAnalyzer) Analyze(text string) attune.Analysis {
	lower := strings.ToLower(text)
	a := attune.Analysis{Emotions: map[string]float64{}, Moods: map[string]float64{}, UrgencyKinds: []string{},
		UrgencyLabels: map[string]string{}, Cues: []string{}, Evidence: []attune.Evidence{}, Labels: []string{}, Model: "test-words"}
	find := func(figure, word string) int {
		n := 0
		for from := 0; ; {
			i := strings.Index(lower[from:], word)
			if i < 0 {
				return n
			}
			start := from + i
			a.Evidence = append(a.Evidence, attune.Evidence{Figure: figure, Text: text[start : start+len(word)], Start: start, End: start + len(word), Rule: "word list", Weight: 1})
			from, n = start+len(word), n+1
		}
	}
	neg, pos := 0, 0
	names := make([]string, 0, len(wordMoods))
	for m := range wordMoods {
		names = append(names, m)
	}
	sort.Strings(names)
	for _, m := range names {
		hits := 0
		for _, w := range wordMoods[m] {
			hits += find("mood:"+m, w)
		}
		if hits > 0 {
			a.Moods[m] = math.Min(1, 0.45+0.3*float64(hits))
			if m == "grateful" {
				pos += hits
			} else {
				neg += hits
			}
		}
	}
	kinds := []string{"deadline", "hardship", "repeat", "threat"}
	for _, k := range kinds {
		u := wordUrgency[k]
		hits := 0
		for _, w := range u.words {
			hits += find("urgency:"+k, w)
		}
		if hits > 0 {
			a.UrgencyKinds = append(a.UrgencyKinds, k)
			a.UrgencyLabels[k] = u.label
			a.Urgency = math.Min(1, a.Urgency+0.3)
		}
	}
	a.Mood, a.Moods["neutral"] = "neutral", 0.3
	best := 0.3
	for _, m := range names {
		if a.Moods[m] > best {
			a.Mood, best = m, a.Moods[m]
		}
	}
	a.Sentiment = math.Max(-1, math.Min(1, float64(pos-neg)*0.35))
	return a
}

func (wordAnalyzer) Trajectory(s []float64) attune.Trajectory {
	t := attune.Trajectory{}
	if len(s) > 0 {
		t.Lift = s[len(s)-1] - s[0]
	}
	return t
}

func (wordAnalyzer) Version() string { return "test-words" }
