package triage

import (
	"context"

	"github.com/attune-desk/attune"
)

// Desk is the conversation service the API and pages use: it reads each customer message
// with the analyzer and coaches each agent reply before handing the write to the store,
// so every stored message carries its analysis or its coaching report.
type Desk struct {
	store     attune.ConversationService
	customers attune.CustomerService
	analyzer  attune.Analyzer
	coach     attune.Coach  // nil until a coach is wired in
	events    attune.Events // nil when nobody listens
}

// NewDesk wraps a stored conversation service. coach may be nil.
func NewDesk(store attune.ConversationService, customers attune.CustomerService, a attune.Analyzer, coach attune.Coach) *Desk {
	return &Desk{store: store, customers: customers, analyzer: a, coach: coach}
}

var _ attune.ConversationService = (*Desk)(nil)

// WithEvents makes the desk announce every change it stores, so open pages update.
func (d *Desk) WithEvents(ev attune.Events) *Desk {
	d.events = ev
	return d
}

// publish announces a change. Events are best effort: a change is stored whether or not
// anyone hears about it, and pages catch up on their next load.
func (d *Desk) publish(ctx context.Context, e attune.Event) {
	if d.events != nil {
		_ = d.events.Publish(context.WithoutCancel(ctx), e)
	}
}

// CreateConversation analyses the first message, then stores the conversation.
func (d *Desk) CreateConversation(ctx context.Context, n attune.NewConversation, actor attune.Actor) (*attune.Conversation, error) {
	if err := n.Validate(); err != nil {
		return nil, err
	}
	a := d.analyzer.Analyze(n.Message)
	n.Analysis = &a
	c, err := d.store.CreateConversation(ctx, n, actor)
	if err != nil {
		return nil, err
	}
	d.attachTrajectory(c)
	d.publish(ctx, attune.Event{Kind: attune.EventConversationCreated, ConversationID: c.ID, Author: string(attune.AuthorCustomer)})
	return c, nil
}

// Conversation returns a conversation with its thread and the customer's mood trajectory.
func (d *Desk) Conversation(ctx context.Context, id int64) (*attune.Conversation, error) {
	c, err := d.store.Conversation(ctx, id)
	if err != nil {
		return nil, err
	}
	d.attachTrajectory(c)
	return c, nil
}

func (d *Desk) attachTrajectory(c *attune.Conversation) {
	var points []attune.TrajectoryPoint
	var sentiments []float64
	for _, m := range c.Messages {
		if m.AuthorKind != attune.AuthorCustomer || m.Analysis == nil {
			continue
		}
		points = append(points, attune.TrajectoryPoint{MessageID: m.ID, At: m.CreatedAt.Format("2006-01-02T15:04:05Z"),
			Sentiment: m.Analysis.Sentiment, Mood: m.Analysis.Mood})
		sentiments = append(sentiments, m.Analysis.Sentiment)
	}
	t := d.analyzer.Trajectory(sentiments)
	t.Points = points
	if t.Points == nil {
		t.Points = []attune.TrajectoryPoint{}
	}
	c.Trajectory = &t
}

// Conversations lists conversations.
func (d *Desk) Conversations(ctx context.Context, f attune.ConversationFilter) (*attune.ConversationPage, error) {
	return d.store.Conversations(ctx, f)
}

// UpdateConversation changes a conversation.
func (d *Desk) UpdateConversation(ctx context.Context, id int64, u attune.ConversationUpdate, actor attune.Actor) (*attune.Conversation, error) {
	c, err := d.store.UpdateConversation(ctx, id, u, actor)
	if err != nil {
		return nil, err
	}
	d.attachTrajectory(c)
	d.publish(ctx, attune.Event{Kind: attune.EventConversationUpdated, ConversationID: c.ID})
	return c, nil
}

// RecentThread returns the conversation's customer and its last messages.
func (d *Desk) RecentThread(ctx context.Context, conversationID int64, limit int) (*attune.RecentThread, error) {
	return d.store.RecentThread(ctx, conversationID, limit)
}

// Messages returns a conversation's thread.
func (d *Desk) Messages(ctx context.Context, conversationID int64) ([]attune.Message, error) {
	return d.store.Messages(ctx, conversationID)
}

// AddMessage analyses a customer message or coaches an agent reply, then stores it.
func (d *Desk) AddMessage(ctx context.Context, conversationID int64, n attune.NewMessage, actor attune.Actor) (*attune.Message, error) {
	if err := n.Validate(); err != nil {
		return nil, err
	}
	switch {
	case n.Author == attune.AuthorCustomer:
		a := d.analyzer.Analyze(n.Body)
		n.Analysis = &a
	case n.Author == attune.AuthorAgent && !n.Internal && d.coach != nil:
		req, err := d.CoachRequest(ctx, conversationID, n.Body)
		if err != nil {
			return nil, err
		}
		r := d.coach.Review(*req)
		n.Coaching = &r
	}
	m, err := d.store.AddMessage(ctx, conversationID, n, actor)
	if err != nil {
		return nil, err
	}
	d.publish(ctx, attune.Event{Kind: attune.EventMessageCreated, ConversationID: conversationID, MessageID: m.ID, Author: string(m.AuthorKind)})
	return m, nil
}

// coachContext is how many recent customer messages the coach reads, and coachThread how
// many of the latest messages it looks through for them and for the team's earlier replies.
const (
	coachContext = 3
	coachThread  = 40
)

// CoachRequest builds what the coach needs to judge a draft reply in a conversation: the
// customer's recent messages with their analysis, their names and pinned facts, and the
// team's recent replies, to spot generic text.
func (d *Desk) CoachRequest(ctx context.Context, conversationID int64, draft string) (*attune.CoachRequest, error) {
	c, err := d.store.RecentThread(ctx, conversationID, coachThread)
	if err != nil {
		return nil, err
	}
	req := &attune.CoachRequest{Draft: draft}
	var customer []attune.CoachCustomerMessage
	for i := len(c.Messages) - 1; i >= 0 && len(customer) < coachContext; i-- {
		m := c.Messages[i]
		switch {
		case m.AuthorKind == attune.AuthorCustomer:
			customer = append(customer, attune.CoachCustomerMessage{Text: m.Body, Analysis: m.Analysis})
		case m.AuthorKind == attune.AuthorAgent && !m.Internal && len(req.EarlierReplies) < 5:
			req.EarlierReplies = append(req.EarlierReplies, m.Body)
		}
	}
	for i, j := 0, len(customer)-1; i < j; i, j = i+1, j-1 {
		customer[i], customer[j] = customer[j], customer[i]
	}
	req.CustomerMessages = customer
	if cu, err := d.customers.Customer(ctx, c.CustomerID); err == nil {
		req.CustomerName, req.PreferredName, req.Facts = cu.Name, cu.PreferredName, cu.Remember
	} else if attune.ErrorCode(err) != attune.ENOTFOUND {
		return nil, err
	}
	return req, nil
}

// Coach reviews a draft, or returns nil when no coach is wired in.
func (d *Desk) Coach(req attune.CoachRequest) *attune.CoachReport {
	if d.coach == nil {
		return nil
	}
	r := d.coach.Review(req)
	return &r
}
