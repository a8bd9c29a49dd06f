package attune

// Analysis is the emotion engine's reading of one customer message. Every figure comes with
// the evidence behind it, so an agent can see why.
type Analysis struct {
	Sentiment    float64            `json:"sentiment"`     // compound, −1…1
	Emotions     map[string]float64 `json:"emotions"`      // the 28 GoEmotions labels → probability
	Labels       []string           `json:"labels"`        // the predicted label set
	Moods        map[string]float64 `json:"moods"`         // agent-facing moods → strength 0…1
	Mood         string             `json:"mood"`          // the strongest mood
	Frustration  float64            `json:"frustration"`   // 0…4
	Urgency      float64            `json:"urgency"`       // 0…1
	UrgencyKinds []string           `json:"urgency_kinds"` // deadline, hardship, repeat, threat
	// UrgencyLabels says each urgency kind in a few words for the queue, e.g.
	// {"hardship": "rent at risk", "repeat": "3rd contact", "deadline": "needed by Friday"}.
	UrgencyLabels map[string]string `json:"urgency_labels"`
	Cues          []string          `json:"cues"` // capitals, repeated punctuation, …
	Evidence      []Evidence        `json:"evidence"`
	Model         string            `json:"model"` // the engine version that produced it
}

// Evidence is one word, phrase or rule behind a figure. Start and End are byte offsets
// into the analysed text (End exclusive); both are 0 for a rule with no span.
type Evidence struct {
	Figure string  `json:"figure"` // which figure it supports: sentiment, mood:angry, urgency:hardship, …
	Text   string  `json:"text"`
	Start  int     `json:"start"`
	End    int     `json:"end"`
	Rule   string  `json:"rule"`
	Weight float64 `json:"weight"`
}

// Analyzer reads customer messages. Implementations are safe for concurrent use.
type Analyzer interface {
	Analyze(text string) Analysis
	// Trajectory summarises the sentiments of a customer's messages, oldest first.
	Trajectory(sentiments []float64) Trajectory
	Version() string
}

// Trajectory is how a customer's mood moved across a conversation.
type Trajectory struct {
	Points         []TrajectoryPoint `json:"points"`
	Lift           float64           `json:"lift"` // last sentiment minus first
	EscalationRisk bool              `json:"escalation_risk"`
	Reason         string            `json:"reason,omitempty"`
}

// TrajectoryPoint is one customer message on the mood trajectory.
type TrajectoryPoint struct {
	MessageID int64   `json:"message_id"`
	At        string  `json:"at"`
	Sentiment float64 `json:"sentiment"`
	Mood      string  `json:"mood"`
}
