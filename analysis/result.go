package analysis

// Result is the engine's reading of one message. Fixed arrays keep Analyze free of
// allocations; the methods on the set types give names.
type Result struct {
	// Sentiment is the compound sentiment, −1 (very negative) … 1 (very positive).
	Sentiment float64
	// Emotions holds a probability for each GoEmotions label, in EmotionLabels order.
	Emotions [NumLabels]float64
	// Labels is the predicted label set: the labels whose probability passed their
	// threshold (the most likely label when none did).
	Labels LabelSet
	// Ekman holds a probability for each Ekman-7 group, in EkmanLabels order, from the
	// model's Ekman head; EkmanSet is the predicted set (bit i for group i).
	Ekman    [NumEkman]float64
	EkmanSet uint8
	// Polarity holds a probability for each sentiment-4 group, in PolarityLabels order;
	// PolaritySet is the predicted set.
	Polarity    [NumPolarity]float64
	PolaritySet uint8
	// Moods holds a strength 0…1 for each mood, in MoodNames order.
	Moods [NumMoods]float64
	// Mood is the dominant mood (MoodNeutral when nothing stands out).
	Mood Mood
	// Frustration is 0 (none) … 4 (furious).
	Frustration float64
	// Urgency is 0 (can wait) … 1 (act now).
	Urgency float64
	// UrgencyKinds says why the message is urgent.
	UrgencyKinds KindSet
	// UrgencyLabels says each present kind in a few words for the queue ("rent at risk",
	// "needed by Friday", "3rd contact", "threatens to cancel"); "" for absent kinds.
	UrgencyLabels [NumKinds]string
	// Cues are the "non-verbal" cues of the writing.
	Cues CueSet
	// Evidence lists the words, phrases and rules behind the figures, in text order.
	Evidence []Evidence
	// Text is the analysed text as it was given; the evidence's offsets point into it.
	Text string
}

// Evidence is one word, phrase or rule behind a figure. It holds no pointers: the words
// are Text[Start:End] of the analysed text (Result.Text; see Evidence.Text), the figure
// and the rule are small codes whose String methods name them. So the evidence slice
// Analyze allocates is less than half the size it would be with strings (32 bytes an item
// against 72), and the collector never scans it.
type Evidence struct {
	// Start and End are byte offsets into the analysed text, End exclusive (both 0 for a
	// rule about the whole message).
	Start, End int
	// Weight is how much it counted, signed (negative lowers the figure).
	Weight float64
	// Rule names the rule: `VADER lexicon, negated`, `phrase "third time"`, …
	Rule Rule
	// Figure is the figure it supports: "sentiment", "mood:angry", "urgency:hardship",
	// "frustration", "cue:caps", …
	Figure Figure
}

// Text is the words themselves, text[Start:End], for the text that was analysed
// (Result.Text).
func (ev Evidence) Text(text string) string { return text[ev.Start:ev.End] }

// Figure is the figure an evidence item supports; String names it ("sentiment",
// "mood:angry", "urgency:hardship", "frustration", "cue:caps", …).
type Figure uint8

// String is the figure's name.
func (f Figure) String() string { return evFigures[f&(1<<evFigBits-1)] }

// Rule is the rule behind an evidence item; String names it (`VADER lexicon, negated`,
// `phrase "third time"`, `emotion model: gratitude`, …).
type Rule uint32

// String is the rule's name ("" for a Rule no engine gave).
func (r Rule) String() string {
	if t := ruleNames.Load(); t != nil && int(r) < len(*t) {
		return (*t)[r]
	}
	return ""
}

// LabelSet is a set of GoEmotions labels, one bit per label index.
type LabelSet uint32

// Has reports whether the set holds the label with index i.
func (s LabelSet) Has(i int) bool { return i >= 0 && i < NumLabels && s&(1<<i) != 0 }

// Names lists the labels in the set, in index order.
func (s LabelSet) Names() []string {
	out := make([]string, 0, 4)
	for i := 0; i < NumLabels; i++ {
		if s.Has(i) {
			out = append(out, labelNames[i])
		}
	}
	return out
}

// KindSet is a set of urgency kinds.
type KindSet uint8

// Has reports whether the set holds the kind.
func (s KindSet) Has(k UrgencyKind) bool { return k < NumKinds && s&(1<<k) != 0 }

// Names lists the kinds in the set, in UrgencyKind order.
func (s KindSet) Names() []string {
	out := make([]string, 0, NumKinds)
	for k := UrgencyKind(0); k < NumKinds; k++ {
		if s.Has(k) {
			out = append(out, kindNames[k])
		}
	}
	return out
}

// CueSet is a set of cues.
type CueSet uint8

// Has reports whether the set holds the cue.
func (s CueSet) Has(c Cue) bool { return c < NumCues && s&(1<<c) != 0 }

// Names lists the cues in the set, in Cue order.
func (s CueSet) Names() []string {
	out := make([]string, 0, NumCues)
	for c := Cue(0); c < NumCues; c++ {
		if s.Has(c) {
			out = append(out, cueNames[c])
		}
	}
	return out
}
