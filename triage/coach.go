package triage

import (
	"github.com/attune-desk/attune"
	"github.com/attune-desk/attune/analysis"
)

// NewCoach returns the empathy coach as the domain's attune.Coach. It passes the emotion
// engine's reading of each customer message to the coach when the request carries one.
func NewCoach(c *analysis.Coach) attune.Coach { return coachService{c: c} }

type coachService struct{ c *analysis.Coach }

func (s coachService) Review(req attune.CoachRequest) attune.CoachReport {
	in := analysis.CoachInput{
		Draft:          req.Draft,
		CustomerName:   req.CustomerName,
		PreferredName:  req.PreferredName,
		Facts:          req.Facts,
		Macros:         req.Macros,
		EarlierReplies: req.EarlierReplies,
	}
	for _, m := range req.CustomerMessages {
		turn := analysis.CoachTurn{Text: m.Text}
		if a := m.Analysis; a != nil {
			turn.HasSignals = true
			turn.Mood = a.Mood
			turn.MoodStrength = a.Moods[a.Mood]
			turn.Sentiment = a.Sentiment
			turn.Urgency = a.Urgency
			turn.Deadline = a.UrgencyLabels["deadline"]
		}
		in.Customer = append(in.Customer, turn)
	}
	return coachReport(s.c.Review(in))
}

func coachReport(r analysis.CoachReport) attune.CoachReport {
	out := attune.CoachReport{
		Score:       r.Score,
		Explanation: r.Explanation,
		Mechanisms: attune.Mechanisms{
			EmotionalReaction: r.Mechanisms.EmotionalReaction,
			Interpretation:    r.Mechanisms.Interpretation,
			Exploration:       r.Mechanisms.Exploration,
		},
		Politeness: r.Politeness,
		Dimensions: make([]attune.Dimension, 0, len(r.Dimensions)),
		Flags:      make([]attune.Flag, 0, len(r.Flags)),
		Suggestions: attune.Suggestions{
			Reflection:   r.Suggestions.Reflection,
			Validation:   r.Suggestions.Validation,
			OpenQuestion: r.Suggestions.OpenQuestion,
			Rewrites:     r.Suggestions.Rewrites,
		},
		Model: r.Model,
	}
	for _, d := range r.Dimensions {
		dim := attune.Dimension{Code: d.Code, Label: d.Label, Status: d.Status, Spans: make([]attune.Span, 0, len(d.Spans)), Suggestion: d.Suggestion}
		for _, sp := range d.Spans {
			dim.Spans = append(dim.Spans, coachSpan(sp))
		}
		out.Dimensions = append(out.Dimensions, dim)
	}
	for _, f := range r.Flags {
		out.Flags = append(out.Flags, attune.Flag{Kind: f.Kind, Span: coachSpan(f.Span), Reason: f.Reason, Rewrite: f.Rewrite})
	}
	if len(r.Extra) > 0 {
		out.Extra = make(map[string]string, len(r.Extra))
		for k, v := range r.Extra {
			out.Extra[k] = v
		}
	}
	return out
}

func coachSpan(s analysis.CoachSpan) attune.Span {
	return attune.Span{Start: s.Start, End: s.End, Text: s.Text}
}
