package attune

import (
	"context"
	"time"
)

// Channel is where a conversation came from.
type Channel string

// The channels Attune receives conversations on.
const (
	ChannelPortal Channel = "portal"
	ChannelWidget Channel = "widget"
	ChannelEmail  Channel = "email"
	ChannelAPI    Channel = "api"
	ChannelPhone  Channel = "phone" // a phone-call transcript
)

// Channels lists every channel, in display order.
var Channels = []Channel{ChannelPortal, ChannelWidget, ChannelEmail, ChannelAPI, ChannelPhone}

// Valid reports whether c is a known channel.
func (c Channel) Valid() bool {
	for _, k := range Channels {
		if c == k {
			return true
		}
	}
	return false
}

// Status is where a conversation stands.
type Status string

// Conversation statuses.
const (
	StatusOpen     Status = "open"
	StatusPending  Status = "pending" // waiting on the customer
	StatusSnoozed  Status = "snoozed"
	StatusResolved Status = "resolved"
	StatusClosed   Status = "closed"
)

// Statuses lists every status, in display order.
var Statuses = []Status{StatusOpen, StatusPending, StatusSnoozed, StatusResolved, StatusClosed}

// Valid reports whether s is a known status.
func (s Status) Valid() bool {
	for _, k := range Statuses {
		if s == k {
			return true
		}
	}
	return false
}

// Conversation is one support case: a customer, a thread of messages, and who is on it.
type Conversation struct {
	ID              int64            `json:"id"`
	Subject         string           `json:"subject"`
	CustomerID      int64            `json:"customer_id"`
	Customer        *CustomerSummary `json:"customer,omitempty"`
	Channel         Channel          `json:"channel"`
	Status          Status           `json:"status"`
	AssigneeID      *int64           `json:"assignee_id"`
	TeamID          *int64           `json:"team_id"`
	Tags            []string         `json:"tags"`
	Priority        Priority         `json:"priority"`
	Mood            string           `json:"mood"`      // the customer's latest mood, e.g. "frustrated"
	Sentiment       *float64         `json:"sentiment"` // the latest customer message's sentiment
	Snippet         string           `json:"snippet"`   // the start of the latest message
	MessageCount    int              `json:"message_count"`
	Satisfaction    *int             `json:"satisfaction"` // 1–5, from the customer
	CreatedAt       time.Time        `json:"created_at"`
	UpdatedAt       time.Time        `json:"updated_at"`
	LastMessageAt   time.Time        `json:"last_message_at"`
	WaitingSince    *time.Time       `json:"waiting_since"` // the oldest customer message not yet answered
	FirstResponseAt *time.Time       `json:"first_response_at"`
	ResolvedAt      *time.Time       `json:"resolved_at"`
	ClosedAt        *time.Time       `json:"closed_at"`
	SnoozedUntil    *time.Time       `json:"snoozed_until"`
	Messages        []Message        `json:"messages,omitempty"`
	// Trajectory is the customer's mood across the thread; set when Messages is.
	Trajectory *Trajectory `json:"trajectory,omitempty"`
}

// CustomerSummary is who a conversation is with, enough to show it in a list.
type CustomerSummary struct {
	ID            int64  `json:"id"`
	Name          string `json:"name"`
	PreferredName string `json:"preferred_name"`
	Email         string `json:"email"`
}

// NewConversation opens a conversation with the customer's first message. The customer
// is matched by email, or created.
type NewConversation struct {
	Customer CustomerInput `json:"customer"`
	Subject  string        `json:"subject"`
	Message  string        `json:"message"`
	Channel  Channel       `json:"channel"`
	Tags     []string      `json:"tags"`
	TeamID   *int64        `json:"team_id"`
	// Analysis is the first message's reading, filled by the application service.
	Analysis *Analysis `json:"-"`
	// At backdates the conversation; only imports and the demo set it.
	At time.Time `json:"-"`
}

// Validate cleans the fields in place and reports what needs fixing.
func (n *NewConversation) Validate() error {
	f := Fields{}
	if err := n.Customer.Validate(true); err != nil {
		for k, v := range ErrorFields(err) {
			f.Add("customer."+k, v)
		}
	}
	n.Message = CleanText(n.Message)
	f.Require("message", n.Message, "a message")
	f.CheckLen("message", n.Message, MaxBodyLen)
	n.Subject = CleanLine(n.Subject)
	if n.Subject == "" {
		n.Subject = SubjectFrom(n.Message)
	}
	f.CheckLen("subject", n.Subject, MaxNameLen)
	if n.Channel == "" {
		n.Channel = ChannelAPI
	} else if !n.Channel.Valid() {
		f.Add("channel", "Please choose a channel: portal, widget, email, api or phone.")
	}
	n.Tags = f.CleanTags("tags", n.Tags)
	return f.Err()
}

// SubjectFrom makes a subject from the first line of a message when none was given.
func SubjectFrom(body string) string {
	line := CleanLine(body)
	if r := []rune(line); len(r) > 80 {
		line = string(r[:77]) + "…"
	}
	return line
}

// ConversationUpdate changes a conversation; nil fields are left alone. A zero AssigneeID
// or TeamID (0) clears it.
type ConversationUpdate struct {
	Status       *Status    `json:"status"`
	AssigneeID   *int64     `json:"assignee_id"`
	TeamID       *int64     `json:"team_id"`
	Tags         *[]string  `json:"tags"`
	Subject      *string    `json:"subject"`
	Satisfaction *int       `json:"satisfaction"`
	SnoozedUntil *time.Time `json:"snoozed_until"`
	// At backdates the change (updated, resolved and closed times); only imports and the
	// demo set it.
	At time.Time `json:"-"`
}

// Validate cleans the fields in place and reports what needs fixing.
func (u *ConversationUpdate) Validate() error {
	f := Fields{}
	if u.Status != nil && !u.Status.Valid() {
		f.Add("status", "Please choose a status: open, pending, snoozed, resolved or closed.")
	}
	if u.Tags != nil {
		t := f.CleanTags("tags", *u.Tags)
		u.Tags = &t
	}
	if u.Subject != nil {
		s := CleanLine(*u.Subject)
		u.Subject = &s
		f.Require("subject", s, "a subject")
		f.CheckLen("subject", s, MaxNameLen)
	}
	if u.Satisfaction != nil && (*u.Satisfaction < 1 || *u.Satisfaction > 5) {
		f.Add("satisfaction", "Satisfaction is a rating from 1 to 5.")
	}
	if u.AssigneeID != nil && *u.AssigneeID < 0 || u.TeamID != nil && *u.TeamID < 0 {
		f.Add("assignee_id", "Please choose someone from the list.")
	}
	if u.Status != nil && *u.Status == StatusSnoozed && u.SnoozedUntil == nil {
		f.Add("snoozed_until", "Please say until when to snooze.")
	}
	return f.Err()
}

// Sort orders a conversation list.
type Sort string

// The queue's orders.
const (
	SortPriority Sort = "priority" // most pressing first, the default
	SortNewest   Sort = "newest"   // most recently active first
	SortWaiting  Sort = "waiting"  // longest-waiting customer first
)

// Valid reports whether s is a known order.
func (s Sort) Valid() bool { return s == SortPriority || s == SortNewest || s == SortWaiting }

// ConversationFilter narrows and orders a conversation list. Zero values mean "any".
type ConversationFilter struct {
	Status     []Status
	AssigneeID *int64 // 0 means unassigned
	TeamID     *int64
	CustomerID *int64
	Channel    Channel
	Mood       string
	Tag        string
	Query      string // matches subject, customer name or email
	Sort       Sort
	Limit      int
	Cursor     string // opaque, from ConversationPage.NextCursor
}

// ConversationPage is one page of a list; NextCursor is empty on the last page.
type ConversationPage struct {
	Items      []Conversation `json:"items"`
	NextCursor string         `json:"next_cursor"`
}

// RecentThread is the latest part of a conversation, as the coach reads it while an agent
// types: whose conversation it is and its last messages, oldest first. A customer
// message's analysis is its summary (sentiment, moods, frustration, urgency, cues and the
// model), without the emotions, labels and evidence; agent replies come without their
// coaching reports. The coach reads neither, and they are most of what is stored.
type RecentThread struct {
	ConversationID int64
	CustomerID     int64
	Messages       []Message
}

// MaxRecentMessages is the most messages a RecentThread holds.
const MaxRecentMessages = 100

// ConversationService manages conversations and their messages.
type ConversationService interface {
	CreateConversation(ctx context.Context, n NewConversation, actor Actor) (*Conversation, error)
	Conversation(ctx context.Context, id int64) (*Conversation, error)
	Conversations(ctx context.Context, f ConversationFilter) (*ConversationPage, error)
	UpdateConversation(ctx context.Context, id int64, u ConversationUpdate, actor Actor) (*Conversation, error)
	AddMessage(ctx context.Context, conversationID int64, n NewMessage, actor Actor) (*Message, error)
	Messages(ctx context.Context, conversationID int64) ([]Message, error)
	// RecentThread returns the conversation's customer and its last limit messages
	// (1…MaxRecentMessages; other values are clamped), or a not-found error.
	RecentThread(ctx context.Context, conversationID int64, limit int) (*RecentThread, error)
}
