package demo_test

import (
	"strings"

	"github.com/attune-desk/attune"
	"github.com/attune-desk/attune/triage"
)

// moodAnalyzer stands in for the emotion engine in these tests: a few cue words per mood,
// enough to show that the demo's customers write in many moods. Earlier moods win.
type moodAnalyzer struct{ triage.NeutralAnalyzer }

var moodCues = []struct {
	mood      string
	sentiment float64
	cues      []string
}{
	{"angry", -0.8, []string{"third time", "cancel", "ombudsman", "not calm", "fed up", "ridiculous", "unbelievable", "sort it out",
		"not good enough", "exhausted by this", "round in circles", "your mistake", "calm down?", "that's not an answer"}},
	{"sad", -0.6, []string{"passed away", "died", "funeral", "gone."}},
	{"anxious", -0.5, []string{"worried", "panic", "scared", "stressed", "rent", "newborn", "very tight"}},
	{"confused", -0.2, []string{"don't know", "stuck", "not very technical", "didn't understand", "what am i doing wrong"}},
	{"grateful", 0.7, []string{"thank you so much", "thanks so much", "lifesaver", "brilliant", "wonderful", "relief", "you've been"}},
}

func (moodAnalyzer) Analyze(text string) attune.Analysis {
	a := triage.NeutralAnalyzer{}.Analyze(text)
	lower := strings.ToLower(text)
	for _, m := range moodCues {
		for _, cue := range m.cues {
			if strings.Contains(lower, cue) {
				a.Mood, a.Sentiment, a.Moods, a.Model = m.mood, m.sentiment, map[string]float64{m.mood: 1}, "test-cues"
				return a
			}
		}
	}
	return a
}
