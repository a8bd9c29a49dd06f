package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"slices"
	"time"

	"github.com/attune-desk/attune"
)

const snippetLen = 160

// AddMessage adds a message to a conversation and, in the same transaction, updates the
// conversation's waiting time, status, mood and priority and the customer's figures.
func (s *ConversationService) AddMessage(ctx context.Context, conversationID int64, n attune.NewMessage, actor attune.Actor) (*attune.Message, error) {
	if err := n.Validate(); err != nil {
		return nil, err
	}
	var m *attune.Message
	err := s.db.tx(ctx, func(c conn) error {
		var err error
		m, err = s.addMessage(ctx, c, conversationID, n)
		return err
	})
	return m, wrapErr(err, "conversation")
}

func (s *ConversationService) addMessage(ctx context.Context, c conn, convID int64, n attune.NewMessage) (*attune.Message, error) {
	at := n.At
	if at.IsZero() {
		at = s.db.now()
	}
	var customerID int64
	var channel attune.Channel
	var status attune.Status
	var customerName string
	err := c.queryRow(ctx, "SELECT c.customer_id, c.channel, c.status, cu.name FROM conversations c JOIN customers cu ON cu.id = c.customer_id WHERE c.id = ?", convID).
		Scan(&customerID, &channel, &status, &customerName)
	if err != nil {
		return nil, err
	}
	m := &attune.Message{ConversationID: convID, AuthorKind: n.Author, Body: n.Body, Internal: n.Internal,
		CreatedAt: fromMS(ms(at)), Analysis: n.Analysis, Coaching: n.Coaching}
	switch n.Author {
	case attune.AuthorCustomer:
		m.AuthorID, m.AuthorName = &customerID, customerName
	case attune.AuthorAgent:
		if n.AgentID != nil {
			m.AuthorID = n.AgentID
			if err := c.queryRow(ctx, "SELECT name FROM agents WHERE id = ?", *n.AgentID).Scan(&m.AuthorName); err != nil {
				return nil, err
			}
		}
	}
	var sentiment sql.NullFloat64
	var mood string
	var analysis, coaching sql.NullString
	var coachScore sql.NullInt64
	if n.Analysis != nil {
		sentiment = sql.NullFloat64{Float64: n.Analysis.Sentiment, Valid: true}
		mood = n.Analysis.Mood
		analysis = sql.NullString{String: jsonText(n.Analysis), Valid: true}
	}
	if n.Coaching != nil {
		coaching = sql.NullString{String: jsonText(n.Coaching), Valid: true}
		coachScore = sql.NullInt64{Int64: int64(n.Coaching.Score), Valid: true}
	}
	m.ID, err = c.insert(ctx, `INSERT INTO messages (conversation_id, author_kind, author_id, author_name, body, internal, created_at, sentiment, mood, analysis, coaching, coach_score)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		convID, string(n.Author), nullInt(m.AuthorID), m.AuthorName, n.Body, n.Internal, ms(at), sentiment, mood, analysis, coaching, coachScore)
	if err != nil {
		return nil, err
	}

	snippet := []rune(attune.CleanLine(n.Body))
	if len(snippet) > snippetLen {
		snippet = append(snippet[:snippetLen-1], '…')
	}
	switch {
	case n.Author == attune.AuthorCustomer:
		// A customer writing reopens the conversation and starts (or continues) their wait.
		_, err = c.exec(ctx, `UPDATE conversations SET message_count = message_count + 1, last_message_at = ?, updated_at = ?, snippet = ?,
			waiting_since = COALESCE(waiting_since, ?), status = 'open', snoozed_until = NULL, mood = ?, sentiment = ? WHERE id = ?`,
			ms(at), ms(at), string(snippet), ms(at), mood, sentiment, convID)
		if err == nil {
			_, err = c.exec(ctx, `UPDATE customers SET last_contact_at = ?, sentiment_sum = sentiment_sum + ?, sentiment_n = sentiment_n + ? WHERE id = ?`,
				ms(at), sentiment.Float64, boolInt(sentiment.Valid), customerID)
		}
	case n.Internal:
		_, err = c.exec(ctx, "UPDATE conversations SET message_count = message_count + 1, updated_at = ? WHERE id = ?", ms(at), convID)
	default:
		_, err = c.exec(ctx, `UPDATE conversations SET message_count = message_count + 1, last_message_at = ?, updated_at = ?, snippet = ?,
			waiting_since = NULL, first_response_at = COALESCE(first_response_at, ?) WHERE id = ?`,
			ms(at), ms(at), string(snippet), ms(at), convID)
	}
	if err != nil {
		return nil, err
	}
	if err := s.reprioritize(ctx, c, convID, customerID, channel, n.Analysis, at); err != nil {
		return nil, err
	}
	return m, nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// reprioritize gathers the facts a Prioritizer weighs and stores its score.
func (s *ConversationService) reprioritize(ctx context.Context, c conn, convID, customerID int64, channel attune.Channel, latest *attune.Analysis, at time.Time) error {
	f := attune.PriorityFacts{Channel: channel, Latest: latest}
	rows, err := c.query(ctx, `SELECT sentiment FROM messages WHERE conversation_id = ? AND author_kind = 'customer' AND sentiment IS NOT NULL
		ORDER BY id DESC LIMIT 20`, convID)
	if err != nil {
		return err
	}
	for rows.Next() {
		var sent float64
		if err := rows.Scan(&sent); err != nil {
			rows.Close()
			return err
		}
		f.Trajectory = append(f.Trajectory, sent)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	slices.Reverse(f.Trajectory)
	if f.Latest == nil {
		// An agent reply re-scores from the customer's newest reading.
		var a sql.NullString
		err := c.queryRow(ctx, `SELECT analysis FROM messages WHERE conversation_id = ? AND author_kind = 'customer' AND analysis IS NOT NULL
			ORDER BY id DESC LIMIT 1`, convID).Scan(&a)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if a.Valid {
			f.Latest = &attune.Analysis{}
			if err := json.Unmarshal([]byte(a.String), f.Latest); err != nil {
				return err
			}
		}
	}
	var lastSat sql.NullInt64
	var sentSum float64
	var sentN int
	err = c.queryRow(ctx, `SELECT
		(SELECT COUNT(*) FROM messages WHERE conversation_id = ? AND author_kind = 'customer' AND id >
			COALESCE((SELECT MAX(id) FROM messages WHERE conversation_id = ? AND author_kind = 'agent' AND internal = FALSE), 0)),
		(SELECT COUNT(*) FROM conversations WHERE customer_id = ? AND id <> ? AND created_at >= ?),
		cu.last_satisfaction, cu.sentiment_sum, cu.sentiment_n
		FROM customers cu WHERE cu.id = ?`,
		convID, convID, customerID, convID, ms(at.Add(-14*24*time.Hour)), customerID).Scan(&f.Unanswered, &f.RecentConversations, &lastSat, &sentSum, &sentN)
	if err != nil {
		return err
	}
	if lastSat.Valid {
		v := int(lastSat.Int64)
		f.LastSatisfaction = &v
	}
	if sentN > 0 {
		avg := sentSum / float64(sentN)
		f.AverageSentiment = &avg
	}
	p := s.prio.Prioritize(f)
	_, err = c.exec(ctx, "UPDATE conversations SET priority = ?, priority_reasons = ? WHERE id = ?", p.Score, jsonText(p.Reasons), convID)
	return err
}

// Messages returns a conversation's thread, oldest first.
func (s *ConversationService) Messages(ctx context.Context, conversationID int64) ([]attune.Message, error) {
	rows, err := s.db.reader().query(ctx, `SELECT `+messageCols+`, coaching
		FROM messages WHERE conversation_id = ? ORDER BY id`, conversationID)
	if err != nil {
		return nil, wrapErr(err, "conversation")
	}
	return scanMessages(rows, fullMessages)
}

// RecentThread returns the conversation's customer and its last messages, oldest first,
// without the agent replies' coaching reports: what the coach reads on every pause in
// typing, in two indexed queries however long the conversation is.
func (s *ConversationService) RecentThread(ctx context.Context, conversationID int64, limit int) (*attune.RecentThread, error) {
	limit = min(max(limit, 1), attune.MaxRecentMessages)
	t := &attune.RecentThread{ConversationID: conversationID}
	if err := s.db.reader().queryRow(ctx, `SELECT customer_id FROM conversations WHERE id = ?`, conversationID).Scan(&t.CustomerID); err != nil {
		return nil, wrapErr(err, "conversation")
	}
	rows, err := s.db.reader().query(ctx, `SELECT `+messageCols+`
		FROM messages WHERE conversation_id = ? ORDER BY id DESC LIMIT ?`, conversationID, limit)
	if err != nil {
		return nil, wrapErr(err, "conversation")
	}
	if t.Messages, err = scanMessages(rows, summaryMessages); err != nil {
		return nil, err
	}
	slices.Reverse(t.Messages)
	return t, nil
}

// messageCols are the columns scanMessages reads, before the coaching column of fullMessages.
const messageCols = `id, conversation_id, author_kind, author_id, author_name, body, internal, created_at, analysis`

// How much of a message scanMessages decodes.
type messageDetail int

const (
	fullMessages    messageDetail = iota // the whole analysis and the coaching report
	summaryMessages                      // the analysis without emotions, labels or evidence; no coaching
)

// analysisSummary is the part of a stored analysis a summary message carries: decoding
// skips the 28 emotions and the evidence, most of the stored text.
type analysisSummary struct {
	Sentiment     float64            `json:"sentiment"`
	Moods         map[string]float64 `json:"moods"`
	Mood          string             `json:"mood"`
	Frustration   float64            `json:"frustration"`
	Urgency       float64            `json:"urgency"`
	UrgencyKinds  []string           `json:"urgency_kinds"`
	UrgencyLabels map[string]string  `json:"urgency_labels"`
	Cues          []string           `json:"cues"`
	Model         string             `json:"model"`
}

// scanMessages reads rows of messageCols (and, for fullMessages, the coaching column) and
// closes them.
func scanMessages(rows *sql.Rows, detail messageDetail) ([]attune.Message, error) {
	defer rows.Close()
	out := []attune.Message{}
	for rows.Next() {
		var m attune.Message
		var authorID sql.NullInt64
		var created int64
		var analysis, coaching sql.NullString
		dest := []any{&m.ID, &m.ConversationID, &m.AuthorKind, &authorID, &m.AuthorName, &m.Body, &m.Internal, &created, &analysis}
		if detail == fullMessages {
			dest = append(dest, &coaching)
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, wrapErr(err, "message")
		}
		if authorID.Valid {
			m.AuthorID = &authorID.Int64
		}
		m.CreatedAt = fromMS(created)
		if analysis.Valid {
			a, err := decodeAnalysis(analysis.String, detail)
			if err != nil {
				return nil, wrapErr(err, "message")
			}
			m.Analysis = a
		}
		if coaching.Valid {
			m.Coaching = &attune.CoachReport{}
			if err := json.Unmarshal([]byte(coaching.String), m.Coaching); err != nil {
				return nil, wrapErr(err, "message")
			}
		}
		out = append(out, m)
	}
	return out, wrapErr(rows.Err(), "message")
}

// decodeAnalysis reads a stored analysis, whole or as its summary.
func decodeAnalysis(raw string, detail messageDetail) (*attune.Analysis, error) {
	if detail == fullMessages {
		a := &attune.Analysis{}
		return a, json.Unmarshal([]byte(raw), a)
	}
	var s analysisSummary
	if err := json.Unmarshal([]byte(raw), &s); err != nil {
		return nil, err
	}
	return &attune.Analysis{Sentiment: s.Sentiment, Moods: s.Moods, Mood: s.Mood, Frustration: s.Frustration, Urgency: s.Urgency,
		UrgencyKinds: s.UrgencyKinds, UrgencyLabels: s.UrgencyLabels, Cues: s.Cues, Model: s.Model}, nil
}

// UpdateConversation changes status, assignment, team, tags, subject or satisfaction, and
// records the change in the audit log.
func (s *ConversationService) UpdateConversation(ctx context.Context, id int64, u attune.ConversationUpdate, actor attune.Actor) (*attune.Conversation, error) {
	if err := u.Validate(); err != nil {
		return nil, err
	}
	now := s.db.nowMS()
	if !u.At.IsZero() {
		now = ms(u.At)
	}
	ch := newUpdate()
	if u.Status != nil {
		ch.set("status", string(*u.Status), *u.Status)
		switch *u.Status {
		case attune.StatusResolved:
			ch.raw("resolved_at = ?, waiting_since = NULL, snoozed_until = NULL", now)
		case attune.StatusClosed:
			ch.raw("closed_at = ?, waiting_since = NULL, snoozed_until = NULL", now)
		case attune.StatusSnoozed:
			ch.set("snoozed_until", ms(*u.SnoozedUntil), *u.SnoozedUntil)
		default:
			ch.raw("snoozed_until = NULL")
		}
	}
	if u.AssigneeID != nil {
		ch.set("assignee_id", nullIfZero(*u.AssigneeID), *u.AssigneeID)
	}
	if u.TeamID != nil {
		ch.set("team_id", nullIfZero(*u.TeamID), *u.TeamID)
	}
	if u.Tags != nil {
		ch.set("tags", jsonText(*u.Tags), *u.Tags)
	}
	if u.Subject != nil {
		ch.set("subject", *u.Subject, *u.Subject)
	}
	if u.Satisfaction != nil {
		ch.set("satisfaction", *u.Satisfaction, *u.Satisfaction)
	}
	err := s.db.tx(ctx, func(c conn) error {
		var customerID int64
		if err := c.queryRow(ctx, "SELECT customer_id FROM conversations WHERE id = ?", id).Scan(&customerID); err != nil {
			return err
		}
		if ch.empty() {
			return nil
		}
		if u.AssigneeID != nil && *u.AssigneeID != 0 {
			var active bool
			if err := c.queryRow(ctx, "SELECT active FROM agents WHERE id = ?", *u.AssigneeID).Scan(&active); err != nil || !active {
				return attune.Invalid(map[string]string{"assignee_id": "That person isn't an active member of the team. Please choose someone from the list."})
			}
		}
		if u.TeamID != nil && *u.TeamID != 0 {
			var one int
			if err := c.queryRow(ctx, "SELECT 1 FROM teams WHERE id = ?", *u.TeamID).Scan(&one); err != nil {
				return attune.Invalid(map[string]string{"team_id": "That team doesn't exist. Please choose one from the list."})
			}
		}
		q, args := ch.sql("conversations", now, id)
		if _, err := c.exec(ctx, q, args...); err != nil {
			return err
		}
		if u.Satisfaction != nil {
			if _, err := c.exec(ctx, "UPDATE customers SET last_satisfaction = ? WHERE id = ?", *u.Satisfaction, customerID); err != nil {
				return err
			}
		}
		return audit(ctx, c, s.db, actor, "conversation.update", "conversation", id, ch.changed)
	})
	if err != nil {
		return nil, wrapErr(err, "conversation")
	}
	return s.Conversation(ctx, id)
}

func nullIfZero(v int64) any {
	if v == 0 {
		return nil
	}
	return v
}
