package triage

import (
	"math"

	"github.com/attune-desk/attune"
	"github.com/attune-desk/attune/analysis"
)

// NewAnalyzer adapts the emotion engine to attune.Analyzer: every figure of the engine's
// Result lands in attune.Analysis, probabilities rounded to four decimals.
func NewAnalyzer(e *analysis.Engine) attune.Analyzer { return analyzer{e} }

type analyzer struct{ e *analysis.Engine }

func (a analyzer) Version() string { return a.e.Version() }

// Trajectory summarises a customer's mood across their messages, oldest first.
func (a analyzer) Trajectory(sentiments []float64) attune.Trajectory {
	return trajectory(sentiments)
}

func trajectory(sentiments []float64) attune.Trajectory {
	s := analysis.Trajectory(sentiments)
	return attune.Trajectory{Lift: Round(s.Lift), EscalationRisk: s.EscalationRisk, Reason: s.Reason}
}

func (a analyzer) Analyze(text string) attune.Analysis {
	return ToAnalysis(a.e.Analyze(text), a.e.Version())
}

var (
	labelNames = analysis.EmotionLabels()
	moodNames  = analysis.MoodNames()
	kindNames  = analysis.UrgencyKindNames()
)

// ToAnalysis maps the engine's Result into the domain's Analysis; model names the engine
// version that produced it.
func ToAnalysis(r analysis.Result, model string) attune.Analysis {
	out := attune.Analysis{
		Sentiment:     Round(r.Sentiment),
		Emotions:      make(map[string]float64, analysis.NumLabels),
		Labels:        r.Labels.Names(),
		Moods:         make(map[string]float64, analysis.NumMoods),
		Mood:          r.Mood.String(),
		Frustration:   Round(r.Frustration),
		Urgency:       Round(r.Urgency),
		UrgencyKinds:  r.UrgencyKinds.Names(),
		UrgencyLabels: make(map[string]string, 2),
		Cues:          r.Cues.Names(),
		Evidence:      make([]attune.Evidence, len(r.Evidence)),
		Model:         model,
	}
	for i, p := range r.Emotions {
		out.Emotions[labelNames[i]] = Round(p)
	}
	for i, s := range r.Moods {
		out.Moods[moodNames[i]] = Round(s)
	}
	for k, l := range r.UrgencyLabels {
		if l != "" {
			out.UrgencyLabels[kindNames[k]] = l
		}
	}
	for i, ev := range r.Evidence {
		out.Evidence[i] = attune.Evidence{Figure: ev.Figure.String(), Text: ev.Text(r.Text), Start: ev.Start, End: ev.End, Rule: ev.Rule.String(), Weight: ev.Weight}
	}
	return out
}

// Round is how Analysis figures are rounded: four decimals, NaN and infinities as 0.
func Round(x float64) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return 0
	}
	return math.Round(x*10000) / 10000
}
