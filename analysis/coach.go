package analysis

// The empathy coach reads an agent's draft reply against what the customer wrote and says,
// in plain words and with the phrases that led to it, how empathetic the reply is and how
// to make it better. It works from the text alone; the emotion engine's reading of the
// customer's messages sharpens it when the caller has one.

// CoachVersion names the coach's rules and word lists; it changes whenever they do.
const CoachVersion = "coach-6"

// Coach reviews draft replies. Build one with NewCoach and share it: it is immutable and
// safe for concurrent use.
type Coach struct {
	d *coachData
}

// NewCoach loads the coach's embedded word lists once.
func NewCoach() (*Coach, error) {
	d, err := coachLoad()
	if err != nil {
		return nil, err
	}
	return &Coach{d: d}, nil
}

// Version returns the version of the coach's rules, stored beside every report.
func (c *Coach) Version() string { return CoachVersion }

// CoachInput is what the coach reads: the customer's recent messages, the draft, and what
// the workspace knows about the customer.
type CoachInput struct {
	Customer      []CoachTurn // recent customer messages, oldest first
	Draft         string
	CustomerName  string
	PreferredName string
	Facts         []string // pinned "things to remember"
	Macros        []string // the workspace's saved replies
	// EarlierReplies are the team's latest replies in this conversation, newest first: a
	// draft that repeats them is a stock reply, and an apology in them need not be repeated.
	EarlierReplies []string
}

// CoachTurn is one customer message and, when the caller has them, the emotion engine's
// signals for it. Zero values mean unknown.
type CoachTurn struct {
	Text         string
	Mood         string  // angry, frustrated, anxious, sad, confused, disappointed, happy, grateful, neutral
	MoodStrength float64 // 0…1
	Sentiment    float64 // −1…1
	Urgency      float64 // 0…1
	// Deadline is the engine's few words for the time the customer is up against ("needed
	// by Friday", "trip coming up"); empty when they named none.
	Deadline   string
	HasSignals bool
}

// CoachReport is the coach's judgement of a reply. Its JSON shape is attune.CoachReport's.
type CoachReport struct {
	Score       int               `json:"score"` // 0–100
	Explanation string            `json:"explanation"`
	Mechanisms  CoachMechanisms   `json:"mechanisms"`
	Politeness  float64           `json:"politeness"` // −1…1
	Dimensions  []CoachDimension  `json:"dimensions"`
	Flags       []CoachFlag       `json:"flags"`
	Suggestions CoachSuggestions  `json:"suggestions"`
	Model       string            `json:"model"`
	Extra       map[string]string `json:"extra,omitempty"`
}

// CoachMechanisms are the EPITOME empathy mechanisms (Sharma et al. 2020), each at level 0
// (none), 1 (weak) or 2 (strong).
type CoachMechanisms struct {
	EmotionalReaction int `json:"emotional_reaction"`
	Interpretation    int `json:"interpretation"`
	Exploration       int `json:"exploration"`
}

// CoachDimension is one line of the checklist.
type CoachDimension struct {
	Code       string      `json:"code"`   // acknowledge, validate, explore, language, solution, personalise, tone, generic
	Label      string      `json:"label"`  // in words
	Status     string      `json:"status"` // met, partial, missing, not_needed
	Spans      []CoachSpan `json:"spans"`
	Suggestion string      `json:"suggestion,omitempty"`
}

// CoachSpan is a byte range of the draft, End exclusive; 0 ≤ Start ≤ End ≤ len(draft).
type CoachSpan struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// CoachFlag is a phrase of the draft worth changing, why, and a gentler sentence.
type CoachFlag struct {
	Kind    string    `json:"kind"` // blame, dismissal, jargon, negative, tone
	Span    CoachSpan `json:"span"`
	Reason  string    `json:"reason"`
	Rewrite string    `json:"rewrite,omitempty"`
}

// CoachSuggestions are sentences ready to insert into the draft.
type CoachSuggestions struct {
	Reflection   string   `json:"reflection,omitempty"`
	Validation   string   `json:"validation,omitempty"`
	OpenQuestion string   `json:"open_question,omitempty"`
	Rewrites     []string `json:"rewrites,omitempty"`
}

// Dimension statuses.
const (
	CoachMet       = "met"
	CoachPartial   = "partial"
	CoachMissing   = "missing"
	CoachNotNeeded = "not_needed"
)

// CoachDimensionCodes lists the checklist in the order reports give it.
func CoachDimensionCodes() []string {
	return []string{"acknowledge", "validate", "explore", "language", "solution", "personalise", "tone", "generic"}
}
