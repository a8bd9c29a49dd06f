package attune

import "time"

// AuthorKind says who wrote a message.
type AuthorKind string

// Message authors.
const (
	AuthorCustomer AuthorKind = "customer"
	AuthorAgent    AuthorKind = "agent"
	AuthorSystem   AuthorKind = "system"
)

// Message is one entry in a conversation's thread. A customer message carries the emotion
// engine's reading of it; an agent reply carries its coaching report.
type Message struct {
	ID             int64        `json:"id"`
	ConversationID int64        `json:"conversation_id"`
	AuthorKind     AuthorKind   `json:"author_kind"`
	AuthorID       *int64       `json:"author_id"` // the agent or customer who wrote it
	AuthorName     string       `json:"author_name"`
	Body           string       `json:"body"`
	Internal       bool         `json:"internal"` // a note for agents only
	CreatedAt      time.Time    `json:"created_at"`
	Analysis       *Analysis    `json:"analysis,omitempty"`
	Coaching       *CoachReport `json:"coaching,omitempty"`
}

// NewMessage adds a message to a conversation.
type NewMessage struct {
	Body     string     `json:"body"`
	Author   AuthorKind `json:"author"`
	Internal bool       `json:"internal"`
	// AgentID is the agent writing an agent reply; the API fills it from the session.
	AgentID *int64 `json:"-"`
	// Analysis and Coaching are filled by the application service before storing.
	Analysis *Analysis    `json:"-"`
	Coaching *CoachReport `json:"-"`
	// At backdates the message; only imports and the demo set it.
	At time.Time `json:"-"`
}

// Validate cleans the body and checks the author.
func (n *NewMessage) Validate() error {
	f := Fields{}
	n.Body = CleanText(n.Body)
	f.Require("body", n.Body, "a message")
	f.CheckLen("body", n.Body, MaxBodyLen)
	switch n.Author {
	case AuthorCustomer, AuthorAgent:
	case "":
		f.Add("author", `Please say who wrote this: "customer" or "agent".`)
	default:
		f.Add("author", `The author is either "customer" or "agent".`)
	}
	if n.Internal && n.Author != AuthorAgent {
		f.Add("internal", "Only agents can write internal notes.")
	}
	return f.Err()
}
