package attune

import (
	"context"
	"strings"
	"time"
)

// PortalService gives customers a private link to follow a conversation without an
// account. The link carries a random token; only its hash is stored.
type PortalService interface {
	// CreatePortalLink returns a new token for the conversation, shown to the customer once.
	CreatePortalLink(ctx context.Context, conversationID int64) (token string, err error)
	// PortalConversation returns the conversation a token opens, or a not-found error.
	PortalConversation(ctx context.Context, token string) (conversationID int64, err error)
}

// Macro is a saved reply with placeholders such as {{customer.first_name}}.
type Macro struct {
	ID        int64     `json:"id"`
	Name      string    `json:"name"`
	Body      string    `json:"body"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// MacroInput creates a macro.
type MacroInput struct {
	Name string `json:"name"`
	Body string `json:"body"`
}

// MaxMacroLen is the longest macro body, in characters.
const MaxMacroLen = 5000

// Validate cleans the fields in place and reports what needs fixing.
func (in *MacroInput) Validate() error {
	f := Fields{}
	in.Name = CleanLine(in.Name)
	f.Require("name", in.Name, "a name")
	f.CheckLen("name", in.Name, 100)
	in.Body = CleanText(in.Body)
	f.Require("body", in.Body, "the text of the reply")
	f.CheckLen("body", in.Body, MaxMacroLen)
	return f.Err()
}

// MacroService keeps the workspace's saved replies.
type MacroService interface {
	Macros(ctx context.Context) ([]Macro, error)
	CreateMacro(ctx context.Context, in MacroInput, actor Actor) (*Macro, error)
	DeleteMacro(ctx context.Context, id int64, actor Actor) error
}

// MacroVars are the values a macro's placeholders take.
type MacroVars struct {
	CustomerName, CustomerFirstName, AgentName, AgentFirstName, Subject string
}

// MacroPlaceholders lists every placeholder a macro may use, for the help text beside the
// macro picker.
var MacroPlaceholders = []string{"{{customer.first_name}}", "{{customer.name}}", "{{agent.first_name}}", "{{agent.name}}", "{{conversation.subject}}"}

// ExpandMacro fills a macro's placeholders. Spaces inside the braces are allowed;
// unknown placeholders are left as they are, so the agent sees what still needs filling.
func ExpandMacro(body string, v MacroVars) string {
	values := map[string]string{
		"customer.first_name": v.CustomerFirstName, "customer.name": v.CustomerName,
		"agent.first_name": v.AgentFirstName, "agent.name": v.AgentName, "conversation.subject": v.Subject,
	}
	var b strings.Builder
	for {
		i := strings.Index(body, "{{")
		if i < 0 {
			break
		}
		j := strings.Index(body[i:], "}}")
		if j < 0 {
			break
		}
		key := strings.TrimSpace(body[i+2 : i+j])
		b.WriteString(body[:i])
		if val, ok := values[key]; ok {
			b.WriteString(val)
		} else {
			b.WriteString(body[i : i+j+2])
		}
		body = body[i+j+2:]
	}
	b.WriteString(body)
	return b.String()
}

// FollowUp is a reminder to come back to a conversation: when it comes due the
// conversation reopens with the note, so a promise to check in is kept.
type FollowUp struct {
	ID             int64      `json:"id"`
	ConversationID int64      `json:"conversation_id"`
	AgentID        *int64     `json:"agent_id"`
	AgentName      string     `json:"agent_name"`
	Note           string     `json:"note"`
	DueAt          time.Time  `json:"due_at"`
	CreatedAt      time.Time  `json:"created_at"`
	DoneAt         *time.Time `json:"done_at"`
}

// NewFollowUp schedules a follow-up.
type NewFollowUp struct {
	DueAt time.Time `json:"due_at"`
	Note  string    `json:"note"`
}

// MaxFollowUpAhead is how far ahead a follow-up may be scheduled.
const MaxFollowUpAhead = 366 * 24 * time.Hour

// Validate cleans the note and checks the time is ahead of now, within a year.
func (n *NewFollowUp) Validate(now time.Time) error {
	f := Fields{}
	n.Note = CleanLine(n.Note)
	f.CheckLen("note", n.Note, 500)
	switch {
	case n.DueAt.IsZero():
		f.Add("due_at", "Please choose when to follow up.")
	case !n.DueAt.After(now):
		f.Add("due_at", "Please choose a time in the future.")
	case n.DueAt.Sub(now) > MaxFollowUpAhead:
		f.Add("due_at", "Please choose a time within the next year.")
	}
	return f.Err()
}

// FollowUpService schedules follow-ups and wakes conversations whose snooze or follow-up
// has come due.
type FollowUpService interface {
	ScheduleFollowUp(ctx context.Context, conversationID int64, n NewFollowUp, actor Actor) (*FollowUp, error)
	FollowUps(ctx context.Context, conversationID int64) ([]FollowUp, error)
	CancelFollowUp(ctx context.Context, conversationID, id int64, actor Actor) error
	// WakeDue reopens snoozed conversations whose time has come and conversations with a
	// follow-up due, adding a note to each thread. It returns their ids. Several replicas may
	// call it at once; each conversation wakes once.
	WakeDue(ctx context.Context) ([]int64, error)
}

// TypingFresh is how long a typing signal lasts: a customer who typed within it is
// "typing" now.
const TypingFresh = 6 * time.Second

// PresenceService records who is typing in a conversation, in the database, so every
// replica sees it.
type PresenceService interface {
	SetTyping(ctx context.Context, conversationID int64, who AuthorKind) error
	// LastTyped is when who last typed in the conversation, or nil.
	LastTyped(ctx context.Context, conversationID int64, who AuthorKind) (*time.Time, error)
}

// RateLimiter counts attempts per bucket (say, an address) in the database, so every
// replica shares one count.
type RateLimiter interface {
	// Allow records an attempt and reports whether it is within limit per window.
	Allow(ctx context.Context, bucket string, limit int, window time.Duration) (bool, error)
}

// FormKeys holds the secret that signs public forms (the portal and the sign-in page),
// shared by every replica through the database.
type FormKeys interface {
	FormKey(ctx context.Context) ([]byte, error)
}
