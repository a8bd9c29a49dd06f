package store

import (
	"context"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"errors"
	"sort"
	"strings"
	"time"

	"github.com/attune-desk/attune"
)

// ConversationService stores conversations and their messages, and keeps each
// conversation's priority in step with its thread.
type ConversationService struct {
	db   *DB
	prio attune.Prioritizer
}

// NewConversationService returns the conversation service over db. p scores priority
// inside every write that adds a message.
func NewConversationService(db *DB, p attune.Prioritizer) *ConversationService {
	return &ConversationService{db: db, prio: p}
}

var _ attune.ConversationService = (*ConversationService)(nil)

const convCols = `c.id, c.subject, c.customer_id, c.channel, c.status, c.assignee_id, c.team_id, c.tags, c.priority, c.priority_reasons,
	c.mood, c.sentiment, c.snippet, c.message_count, c.satisfaction, c.created_at, c.updated_at, c.last_message_at,
	c.waiting_since, c.first_response_at, c.resolved_at, c.closed_at, c.snoozed_until,
	cu.name, cu.preferred_name, cu.email`

func scanConversation(row interface{ Scan(...any) error }, extra ...any) (*attune.Conversation, error) {
	var c attune.Conversation
	var assignee, team, sat sql.NullInt64
	var tags, reasons string
	var sentiment sql.NullFloat64
	var created, updated, last int64
	var waiting, first, resolved, closed, snoozed sql.NullInt64
	cu := &attune.CustomerSummary{}
	dest := []any{&c.ID, &c.Subject, &c.CustomerID, &c.Channel, &c.Status, &assignee, &team, &tags, &c.Priority.Score, &reasons,
		&c.Mood, &sentiment, &c.Snippet, &c.MessageCount, &sat, &created, &updated, &last,
		&waiting, &first, &resolved, &closed, &snoozed, &cu.Name, &cu.PreferredName, &cu.Email}
	if err := row.Scan(append(dest, extra...)...); err != nil {
		return nil, err
	}
	c.Tags, c.Priority.Reasons = []string{}, []attune.Reason{}
	if err := unmarshalAll(tags, &c.Tags, reasons, &c.Priority.Reasons); err != nil {
		return nil, err
	}
	if assignee.Valid {
		c.AssigneeID = &assignee.Int64
	}
	if team.Valid {
		c.TeamID = &team.Int64
	}
	if sentiment.Valid {
		c.Sentiment = &sentiment.Float64
	}
	if sat.Valid {
		v := int(sat.Int64)
		c.Satisfaction = &v
	}
	c.CreatedAt, c.UpdatedAt, c.LastMessageAt = fromMS(created), fromMS(updated), fromMS(last)
	c.WaitingSince, c.FirstResponseAt, c.ResolvedAt = fromNullMS(waiting), fromNullMS(first), fromNullMS(resolved)
	c.ClosedAt, c.SnoozedUntil = fromNullMS(closed), fromNullMS(snoozed)
	cu.ID = c.CustomerID
	c.Customer = cu
	return &c, nil
}

// withWaiting adds the waiting-time reason, which grows while nothing is written, to the
// stored score and reasons.
func (s *ConversationService) withWaiting(c *attune.Conversation, now time.Time) {
	if c.WaitingSince != nil && (c.Status == attune.StatusOpen || c.Status == attune.StatusPending) {
		if r := s.prio.Waiting(now.Sub(*c.WaitingSince)); r.Weight > 0 {
			c.Priority.Reasons = append(c.Priority.Reasons, r)
			c.Priority.Score += r.Weight
		}
	}
	c.Priority.Score = min(max(c.Priority.Score, 0), 100)
	sort.SliceStable(c.Priority.Reasons, func(i, j int) bool { return c.Priority.Reasons[i].Weight > c.Priority.Reasons[j].Weight })
}

// CreateConversation opens a conversation with the customer's first message, matching the
// customer by email or creating them.
func (s *ConversationService) CreateConversation(ctx context.Context, n attune.NewConversation, actor attune.Actor) (*attune.Conversation, error) {
	if err := n.Validate(); err != nil {
		return nil, err
	}
	at := n.At
	if at.IsZero() {
		at = s.db.now()
	}
	var id int64
	err := s.db.tx(ctx, func(c conn) error {
		customerID, err := s.findOrCreateCustomer(ctx, c, n.Customer, ms(at))
		if err != nil {
			return err
		}
		id, err = c.insert(ctx, `INSERT INTO conversations (subject, customer_id, channel, status, team_id, tags, created_at, updated_at, last_message_at)
			VALUES (?, ?, ?, 'open', ?, ?, ?, ?, ?)`, n.Subject, customerID, string(n.Channel), nullInt(n.TeamID), jsonText(n.Tags), ms(at), ms(at), ms(at))
		if err != nil {
			return foreignKeyErr(err, "team_id", "That team doesn't exist. Please choose one from the list.")
		}
		if _, err := c.exec(ctx, "UPDATE customers SET conversations_count = conversations_count + 1 WHERE id = ?", customerID); err != nil {
			return err
		}
		if actor.Kind() == "system" && actor.Name == "" || actor.Kind() == "customer" {
			actor = attune.Actor{CustomerID: &customerID, Name: *n.Customer.Name}
		}
		if err := audit(ctx, c, s.db, actor, "conversation.create", "conversation", id, map[string]any{"channel": n.Channel, "subject": n.Subject}); err != nil {
			return err
		}
		_, err = s.addMessage(ctx, c, id, attune.NewMessage{Body: n.Message, Author: attune.AuthorCustomer, Analysis: n.Analysis, At: at})
		return err
	})
	if err != nil {
		return nil, wrapErr(err, "conversation")
	}
	return s.Conversation(ctx, id)
}

func (s *ConversationService) findOrCreateCustomer(ctx context.Context, c conn, in attune.CustomerInput, now int64) (int64, error) {
	var id int64
	err := c.queryRow(ctx, "SELECT id FROM customers WHERE email = ?", *in.Email).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return insertCustomer(ctx, c, now, in)
	}
	return id, err
}

// foreignKeyErr turns a reference to a missing row into a calm validation error.
func foreignKeyErr(err error, field, msg string) error {
	if err != nil && strings.Contains(strings.ToLower(err.Error()), "foreign key") {
		return attune.Invalid(map[string]string{field: msg})
	}
	return err
}

// Conversation returns one conversation with its customer and messages.
func (s *ConversationService) Conversation(ctx context.Context, id int64) (*attune.Conversation, error) {
	c, err := scanConversation(s.db.reader().queryRow(ctx, "SELECT "+convCols+" FROM conversations c JOIN customers cu ON cu.id = c.customer_id WHERE c.id = ?", id))
	if err != nil {
		return nil, wrapErr(err, "conversation")
	}
	s.withWaiting(c, s.db.now())
	if c.Messages, err = s.Messages(ctx, id); err != nil {
		return nil, err
	}
	return c, nil
}

// cursor marks where a page ended. Now pins the waiting-time part of the priority, so
// every page of one list is ordered by the same clock.
type cursor struct {
	Sort attune.Sort `json:"s"`
	Now  int64       `json:"n"`
	Key  int64       `json:"k"`
	ID   int64       `json:"i"`
}

func (cu cursor) encode() string {
	b, _ := json.Marshal(cu)
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeCursor(s string, sort attune.Sort) (cursor, error) {
	var cu cursor
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err == nil && len(b) < 512 {
		err = json.Unmarshal(b, &cu)
	}
	if err != nil || len(b) >= 512 || cu.Sort != sort || cu.ID <= 0 {
		return cu, attune.Invalid(map[string]string{"cursor": "This page link has expired or was changed. Please start again from the first page."})
	}
	return cu, nil
}

// sortKey returns the SQL for a list order's key, its arguments, and whether it descends.
func (s *ConversationService) sortKey(sort attune.Sort, now int64) (expr string, args []any, desc bool) {
	switch sort {
	case attune.SortNewest:
		return "c.last_message_at", nil, true
	case attune.SortWaiting:
		return "COALESCE(c.waiting_since, 9000000000000000)", nil, false
	}
	// priority: the stored score plus the waiting-time points, in thousandths so the
	// arithmetic stays in integers on both databases.
	pph, capPoints := s.prio.WaitingCurve()
	perHour := int64(pph * 1000)
	capMS := int64(0)
	if pph > 0 {
		capMS = int64(float64(capPoints) / pph * float64(time.Hour/time.Millisecond))
	}
	expr = `(c.priority * 1000 + CASE WHEN c.waiting_since IS NULL OR c.status NOT IN ('open', 'pending') THEN 0
		WHEN ? - c.waiting_since >= ? THEN ? ELSE ((? - c.waiting_since) * ?) / 3600000 END)`
	return expr, []any{now, capMS, int64(capPoints) * 1000, now, perHour}, true
}

// Conversations lists conversations, most pressing first unless another order is asked for.
func (s *ConversationService) Conversations(ctx context.Context, f attune.ConversationFilter) (*attune.ConversationPage, error) {
	if f.Sort == "" {
		f.Sort = attune.SortPriority
	}
	if !f.Sort.Valid() {
		return nil, attune.Invalid(map[string]string{"sort": "Please sort by priority, newest or waiting."})
	}
	if f.Limit <= 0 {
		f.Limit = 50
	} else if f.Limit > 200 {
		f.Limit = 200
	}
	now := s.db.nowMS()
	var after *cursor
	if f.Cursor != "" {
		cu, err := decodeCursor(f.Cursor, f.Sort)
		if err != nil {
			return nil, err
		}
		now, after = cu.Now, &cu
	}
	key, keyArgs, desc := s.sortKey(f.Sort, now)

	var where []string
	var args []any
	if len(f.Status) > 0 {
		ph := make([]string, len(f.Status))
		for i, st := range f.Status {
			if !st.Valid() {
				return nil, attune.Invalid(map[string]string{"status": "Please choose a status: open, pending, snoozed, resolved or closed."})
			}
			ph[i] = "?"
			args = append(args, string(st))
		}
		where = append(where, "c.status IN ("+strings.Join(ph, ", ")+")")
	}
	if f.AssigneeID != nil {
		if *f.AssigneeID == 0 {
			where = append(where, "c.assignee_id IS NULL")
		} else {
			where = append(where, "c.assignee_id = ?")
			args = append(args, *f.AssigneeID)
		}
	}
	if f.TeamID != nil {
		where = append(where, "c.team_id = ?")
		args = append(args, *f.TeamID)
	}
	if f.CustomerID != nil {
		where = append(where, "c.customer_id = ?")
		args = append(args, *f.CustomerID)
	}
	if f.Channel != "" {
		where = append(where, "c.channel = ?")
		args = append(args, string(f.Channel))
	}
	if f.Mood != "" {
		where = append(where, "c.mood = ?")
		args = append(args, f.Mood)
	}
	if f.Tag != "" {
		where = append(where, `c.tags LIKE ? ESCAPE '\'`)
		args = append(args, likePattern(jsonText(strings.ToLower(f.Tag))))
	}
	if strings.TrimSpace(f.Query) != "" {
		p := likePattern(f.Query)
		where = append(where, `(lower(c.subject) LIKE ? ESCAPE '\' OR lower(cu.name) LIKE ? ESCAPE '\' OR cu.email LIKE ? ESCAPE '\')`)
		args = append(args, p, p, p)
	}
	if after != nil {
		cmp := ">"
		if desc {
			cmp = "<"
		}
		where = append(where, "("+key+" "+cmp+" ? OR ("+key+" = ? AND c.id "+cmp+" ?))")
		args = append(args, keyArgs...)
		args = append(args, after.Key)
		args = append(args, keyArgs...)
		args = append(args, after.Key, after.ID)
	}
	order := "ASC"
	if desc {
		order = "DESC"
	}
	// A deferred join: the inner query orders and limits ids alone, which the queue's
	// covering index answers without reading table rows; only the page's rows are then
	// joined for their columns. Sorting whole joined rows was the inbox's main cost.
	inner := "SELECT c.id, " + key + " AS sort_key FROM conversations c"
	if strings.TrimSpace(f.Query) != "" {
		inner += " JOIN customers cu ON cu.id = c.customer_id"
	}
	if len(where) > 0 {
		inner += " WHERE " + strings.Join(where, " AND ")
	}
	inner += " ORDER BY sort_key " + order + ", c.id " + order + " LIMIT ?"
	q := "SELECT " + convCols + ", k.sort_key FROM (" + inner + ") k JOIN conversations c ON c.id = k.id JOIN customers cu ON cu.id = c.customer_id" +
		" ORDER BY k.sort_key " + order + ", c.id " + order
	allArgs := append(append(append([]any{}, keyArgs...), args...), f.Limit+1)

	rows, err := s.db.reader().query(ctx, q, allArgs...)
	if err != nil {
		return nil, wrapErr(err, "conversation")
	}
	defer rows.Close()
	page := &attune.ConversationPage{Items: []attune.Conversation{}}
	var lastKey int64
	nowT := fromMS(now)
	for rows.Next() {
		var k int64
		c, err := scanConversation(rows, &k)
		if err != nil {
			return nil, wrapErr(err, "conversation")
		}
		if len(page.Items) == f.Limit {
			last := page.Items[len(page.Items)-1]
			page.NextCursor = cursor{Sort: f.Sort, Now: now, Key: lastKey, ID: last.ID}.encode()
			break
		}
		s.withWaiting(c, nowT)
		page.Items = append(page.Items, *c)
		lastKey = k
	}
	return page, wrapErr(rows.Err(), "conversation")
}
