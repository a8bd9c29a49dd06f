package triage

import "github.com/attune-desk/attune"

// NeutralAnalyzer reads every message as neutral. It stands in where no emotion engine is
// wired, so the rest of the desk works the same.
type NeutralAnalyzer struct{}

var _ attune.Analyzer = NeutralAnalyzer{}

// Analyze returns a neutral reading.
func (NeutralAnalyzer) Analyze(string) attune.Analysis {
	return attune.Analysis{Emotions: map[string]float64{"neutral": 1}, Labels: []string{"neutral"},
		Moods: map[string]float64{"neutral": 1}, Mood: "neutral", UrgencyKinds: []string{}, UrgencyLabels: map[string]string{},
		Cues: []string{}, Evidence: []attune.Evidence{}, Model: "neutral"}
}

// Trajectory summarises the sentiments it is given, the same way the engine does.
func (NeutralAnalyzer) Trajectory(s []float64) attune.Trajectory { return trajectory(s) }

// Version names the stand-in.
func (NeutralAnalyzer) Version() string { return "neutral" }
