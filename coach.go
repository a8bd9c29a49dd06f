package attune

import "context"

// CoachReport is the empathy coach's judgement of a reply, drafted or sent.
type CoachReport struct {
	Score       int               `json:"score"` // 0–100
	Explanation string            `json:"explanation"`
	Mechanisms  Mechanisms        `json:"mechanisms"`
	Politeness  float64           `json:"politeness"` // −1…1
	Dimensions  []Dimension       `json:"dimensions"`
	Flags       []Flag            `json:"flags"`
	Suggestions Suggestions       `json:"suggestions"`
	Model       string            `json:"model"`
	Extra       map[string]string `json:"extra,omitempty"`
}

// Mechanisms are the EPITOME empathy mechanisms, each at level 0 (none), 1 (weak) or 2 (strong).
type Mechanisms struct {
	EmotionalReaction int `json:"emotional_reaction"`
	Interpretation    int `json:"interpretation"`
	Exploration       int `json:"exploration"`
}

// Dimension is one line of the coach's checklist.
type Dimension struct {
	Code       string `json:"code"`   // acknowledge, validate, explore, language, solution, personalise, tone, generic
	Label      string `json:"label"`  // in words, for the checklist
	Status     string `json:"status"` // met, partial, missing, not_needed
	Spans      []Span `json:"spans"`
	Suggestion string `json:"suggestion,omitempty"`
}

// Span is a byte range of the draft (End exclusive).
type Span struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// Flag is a phrase in the draft worth changing, with why and a gentler rewrite.
type Flag struct {
	Kind    string `json:"kind"` // blame, dismissal, jargon, negative, tone, …
	Span    Span   `json:"span"`
	Reason  string `json:"reason"`
	Rewrite string `json:"rewrite,omitempty"`
}

// Suggestions are ready-to-insert sentences.
type Suggestions struct {
	Reflection   string   `json:"reflection,omitempty"`
	Validation   string   `json:"validation,omitempty"`
	OpenQuestion string   `json:"open_question,omitempty"`
	Rewrites     []string `json:"rewrites,omitempty"`
}

// CoachRequest is what the coach reads: the customer's recent messages, the draft, and
// what the workspace knows about the customer.
type CoachRequest struct {
	CustomerMessages []CoachCustomerMessage
	Draft            string
	CustomerName     string
	PreferredName    string
	Facts            []string // pinned "things to remember"
	Macros           []string // the workspace's saved replies
	EarlierReplies   []string // the team's latest replies in this conversation, newest first: stock text, apologies already made
}

// CoachCustomerMessage is one customer message and, when known, its analysis.
type CoachCustomerMessage struct {
	Text     string
	Analysis *Analysis
}

// Coach scores replies. Implementations are safe for concurrent use.
type Coach interface {
	Review(req CoachRequest) CoachReport
}

// CoachContexter builds a coach request from a stored conversation: the customer's recent
// messages with their analysis, names, pinned facts and the team's recent replies.
type CoachContexter interface {
	CoachRequest(ctx context.Context, conversationID int64, draft string) (*CoachRequest, error)
}
