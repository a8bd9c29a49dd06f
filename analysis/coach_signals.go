package analysis

// CoachTurnFrom is a customer message together with the engine's reading of it, so the
// coach can match its tone to the mood the engine found.
func CoachTurnFrom(text string, r *Result) CoachTurn {
	t := CoachTurn{Text: text, Mood: r.Mood.String(), MoodStrength: r.Moods[r.Mood], Sentiment: r.Sentiment, Urgency: r.Urgency, HasSignals: true}
	if r.UrgencyKinds.Has(KindDeadline) {
		t.Deadline = r.UrgencyLabels[KindDeadline]
	}
	return t
}
