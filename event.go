package attune

import (
	"context"
	"time"
)

// Event tells workspaces that something changed, so pages update without reloading.
type Event struct {
	Kind           string    `json:"kind"` // conversation.created, conversation.updated, message.created, typing
	ConversationID int64     `json:"conversation_id"`
	MessageID      int64     `json:"message_id,omitempty"`
	Author         string    `json:"author,omitempty"` // customer or agent, for messages and typing
	At             time.Time `json:"at"`
}

// Event kinds.
const (
	EventConversationCreated = "conversation.created"
	EventConversationUpdated = "conversation.updated"
	EventMessageCreated      = "message.created"
	EventTyping              = "typing"
)

// Events fans events out to every subscriber on every replica.
type Events interface {
	Publish(ctx context.Context, e Event) error
	// Subscribe returns a channel of events and a function that ends the subscription.
	// A subscriber too slow to keep up misses events rather than slowing others.
	Subscribe() (<-chan Event, func())
}
