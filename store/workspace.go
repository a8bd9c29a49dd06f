package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"errors"
	"strings"
	"time"

	"github.com/attune-desk/attune"
)

// WorkspaceService keeps what the agent workspace and the customer portal need beyond
// conversations: private portal links, saved replies, follow-ups, typing signals, shared
// rate limits and the key that signs public forms. All of it lives in the database, so
// several replicas on one PostgreSQL behave as one.
type WorkspaceService struct{ db *DB }

// NewWorkspaceService returns the workspace service over db.
func NewWorkspaceService(db *DB) *WorkspaceService { return &WorkspaceService{db: db} }

var (
	_ attune.PortalService   = (*WorkspaceService)(nil)
	_ attune.MacroService    = (*WorkspaceService)(nil)
	_ attune.FollowUpService = (*WorkspaceService)(nil)
	_ attune.PresenceService = (*WorkspaceService)(nil)
	_ attune.RateLimiter     = (*WorkspaceService)(nil)
	_ attune.FormKeys        = (*WorkspaceService)(nil)
)

// portalPrefix marks portal tokens, so one found in a log is recognisable.
const portalPrefix = "att_p_"

// CreatePortalLink returns a new private link token for a conversation.
func (s *WorkspaceService) CreatePortalLink(ctx context.Context, conversationID int64) (string, error) {
	token, err := newSecret(portalPrefix)
	if err != nil {
		return "", attune.Internal(err)
	}
	err = s.db.tx(ctx, func(c conn) error {
		_, err := c.exec(ctx, "INSERT INTO portal_links (conversation_id, token_hash, created_at) VALUES (?, ?, ?)",
			conversationID, hashSecret(token), s.db.nowMS())
		return foreignKeyErr(err, "conversation_id", "That conversation doesn't exist.")
	})
	if err != nil {
		return "", wrapErr(err, "conversation")
	}
	return token, nil
}

// PortalConversation returns the conversation a portal token opens.
func (s *WorkspaceService) PortalConversation(ctx context.Context, token string) (int64, error) {
	notFound := attune.Errorf(attune.ENOTFOUND, "This link doesn't open a conversation. Please check you copied all of it, or write to us again from the help page.")
	if !strings.HasPrefix(token, portalPrefix) || len(token) > 100 {
		return 0, notFound
	}
	var id int64
	err := s.db.reader().queryRow(ctx, "SELECT conversation_id FROM portal_links WHERE token_hash = ?", hashSecret(token)).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, notFound
	}
	return id, wrapErr(err, "conversation")
}

// Macros lists the saved replies by name.
func (s *WorkspaceService) Macros(ctx context.Context) ([]attune.Macro, error) {
	rows, err := s.db.reader().query(ctx, "SELECT id, name, body, created_at, updated_at FROM macros ORDER BY name")
	if err != nil {
		return nil, wrapErr(err, "macro")
	}
	defer rows.Close()
	out := []attune.Macro{}
	for rows.Next() {
		var m attune.Macro
		var created, updated int64
		if err := rows.Scan(&m.ID, &m.Name, &m.Body, &created, &updated); err != nil {
			return nil, wrapErr(err, "macro")
		}
		m.CreatedAt, m.UpdatedAt = fromMS(created), fromMS(updated)
		out = append(out, m)
	}
	return out, wrapErr(rows.Err(), "macro")
}

// CreateMacro saves a reply under a new name.
func (s *WorkspaceService) CreateMacro(ctx context.Context, in attune.MacroInput, actor attune.Actor) (*attune.Macro, error) {
	if err := in.Validate(); err != nil {
		return nil, err
	}
	now := s.db.now()
	m := &attune.Macro{Name: in.Name, Body: in.Body, CreatedAt: fromMS(ms(now)), UpdatedAt: fromMS(ms(now))}
	err := s.db.tx(ctx, func(c conn) error {
		var err error
		m.ID, err = c.insert(ctx, "INSERT INTO macros (name, body, created_at, updated_at) VALUES (?, ?, ?, ?)", in.Name, in.Body, ms(now), ms(now))
		if isUnique(err) {
			return attune.Invalid(map[string]string{"name": "A saved reply with this name already exists. Please choose another name."})
		} else if err != nil {
			return err
		}
		return audit(ctx, c, s.db, actor, "macro.create", "macro", m.ID, map[string]any{"name": in.Name})
	})
	if err != nil {
		return nil, wrapErr(err, "macro")
	}
	return m, nil
}

// DeleteMacro removes a saved reply.
func (s *WorkspaceService) DeleteMacro(ctx context.Context, id int64, actor attune.Actor) error {
	return wrapErr(s.db.tx(ctx, func(c conn) error {
		res, err := c.exec(ctx, "DELETE FROM macros WHERE id = ?", id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return sql.ErrNoRows
		}
		return audit(ctx, c, s.db, actor, "macro.delete", "macro", id, map[string]any{})
	}), "saved reply")
}

// ScheduleFollowUp adds a reminder to come back to a conversation.
func (s *WorkspaceService) ScheduleFollowUp(ctx context.Context, conversationID int64, n attune.NewFollowUp, actor attune.Actor) (*attune.FollowUp, error) {
	now := s.db.now()
	if err := n.Validate(now); err != nil {
		return nil, err
	}
	f := &attune.FollowUp{ConversationID: conversationID, AgentID: actor.AgentID, AgentName: actor.Name, Note: n.Note,
		DueAt: fromMS(ms(n.DueAt)), CreatedAt: fromMS(ms(now))}
	err := s.db.tx(ctx, func(c conn) error {
		var one int
		if err := c.queryRow(ctx, "SELECT 1 FROM conversations WHERE id = ?", conversationID).Scan(&one); err != nil {
			return err
		}
		var err error
		f.ID, err = c.insert(ctx, "INSERT INTO follow_ups (conversation_id, agent_id, note, due_at, created_at) VALUES (?, ?, ?, ?, ?)",
			conversationID, nullInt(actor.AgentID), n.Note, ms(n.DueAt), ms(now))
		if err != nil {
			return err
		}
		return audit(ctx, c, s.db, actor, "follow_up.schedule", "conversation", conversationID, map[string]any{"due_at": f.DueAt, "note": n.Note})
	})
	if err != nil {
		return nil, wrapErr(err, "conversation")
	}
	return f, nil
}

// FollowUps lists a conversation's follow-ups, soonest first.
func (s *WorkspaceService) FollowUps(ctx context.Context, conversationID int64) ([]attune.FollowUp, error) {
	rows, err := s.db.reader().query(ctx, `SELECT f.id, f.conversation_id, f.agent_id, COALESCE(a.name, ''), f.note, f.due_at, f.created_at, f.done_at
		FROM follow_ups f LEFT JOIN agents a ON a.id = f.agent_id WHERE f.conversation_id = ? ORDER BY f.due_at, f.id`, conversationID)
	if err != nil {
		return nil, wrapErr(err, "follow-up")
	}
	defer rows.Close()
	out := []attune.FollowUp{}
	for rows.Next() {
		var f attune.FollowUp
		var agent, done sql.NullInt64
		var due, created int64
		if err := rows.Scan(&f.ID, &f.ConversationID, &agent, &f.AgentName, &f.Note, &due, &created, &done); err != nil {
			return nil, wrapErr(err, "follow-up")
		}
		if agent.Valid {
			f.AgentID = &agent.Int64
		}
		f.DueAt, f.CreatedAt, f.DoneAt = fromMS(due), fromMS(created), fromNullMS(done)
		out = append(out, f)
	}
	return out, wrapErr(rows.Err(), "follow-up")
}

// CancelFollowUp removes a follow-up that has not come due.
func (s *WorkspaceService) CancelFollowUp(ctx context.Context, conversationID, id int64, actor attune.Actor) error {
	return wrapErr(s.db.tx(ctx, func(c conn) error {
		res, err := c.exec(ctx, "DELETE FROM follow_ups WHERE id = ? AND conversation_id = ? AND done_at IS NULL", id, conversationID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return sql.ErrNoRows
		}
		return audit(ctx, c, s.db, actor, "follow_up.cancel", "conversation", conversationID, map[string]any{"follow_up_id": id})
	}), "follow-up")
}

// WakeDue reopens conversations whose snooze has ended or whose follow-up is due. Each
// UPDATE … RETURNING claims its rows, so on PostgreSQL two replicas never wake the same
// conversation twice.
func (s *WorkspaceService) WakeDue(ctx context.Context) ([]int64, error) {
	now := s.db.nowMS()
	var woken []int64
	err := s.db.tx(ctx, func(c conn) error {
		woken = woken[:0]
		type wake struct {
			conv int64
			note string
		}
		var wakes []wake
		rows, err := c.query(ctx, `UPDATE conversations SET status = 'open', snoozed_until = NULL, updated_at = ?
			WHERE status = 'snoozed' AND snoozed_until <= ? RETURNING id`, now, now)
		if err != nil {
			return err
		}
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return err
			}
			wakes = append(wakes, wake{id, "Snooze ended: this conversation is back in the queue."})
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		rows, err = c.query(ctx, "UPDATE follow_ups SET done_at = ? WHERE done_at IS NULL AND due_at <= ? RETURNING conversation_id, note", now, now)
		if err != nil {
			return err
		}
		for rows.Next() {
			var w wake
			if err := rows.Scan(&w.conv, &w.note); err != nil {
				rows.Close()
				return err
			}
			if w.note == "" {
				w.note = "Follow-up due: time to check in with the customer."
			} else {
				w.note = "Follow-up due: " + w.note
			}
			wakes = append(wakes, w)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		seen := map[int64]bool{}
		for _, w := range wakes {
			if _, err := c.exec(ctx, `INSERT INTO messages (conversation_id, author_kind, author_name, body, internal, created_at)
				VALUES (?, 'system', 'Attune', ?, TRUE, ?)`, w.conv, w.note, now); err != nil {
				return err
			}
			if _, err := c.exec(ctx, `UPDATE conversations SET message_count = message_count + 1, updated_at = ?,
				status = CASE WHEN status IN ('resolved', 'closed', 'pending', 'snoozed') THEN 'open' ELSE status END, snoozed_until = NULL
				WHERE id = ?`, now, w.conv); err != nil {
				return err
			}
			if !seen[w.conv] {
				seen[w.conv] = true
				woken = append(woken, w.conv)
				if err := audit(ctx, c, s.db, attune.SystemActor(), "conversation.wake", "conversation", w.conv, map[string]any{"reason": w.note}); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, wrapErr(err, "conversation")
	}
	return woken, nil
}

// SetTyping records that who is typing in a conversation now.
func (s *WorkspaceService) SetTyping(ctx context.Context, conversationID int64, who attune.AuthorKind) error {
	return wrapErr(s.db.tx(ctx, func(c conn) error {
		_, err := c.exec(ctx, `INSERT INTO typing (conversation_id, author_kind, at) VALUES (?, ?, ?)
			ON CONFLICT (conversation_id, author_kind) DO UPDATE SET at = excluded.at`, conversationID, string(who), s.db.nowMS())
		return foreignKeyErr(err, "conversation_id", "That conversation doesn't exist.")
	}), "conversation")
}

// LastTyped is when who last typed in a conversation, or nil if never.
func (s *WorkspaceService) LastTyped(ctx context.Context, conversationID int64, who attune.AuthorKind) (*time.Time, error) {
	var at int64
	err := s.db.reader().queryRow(ctx, "SELECT at FROM typing WHERE conversation_id = ? AND author_kind = ?", conversationID, string(who)).Scan(&at)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	} else if err != nil {
		return nil, wrapErr(err, "conversation")
	}
	t := fromMS(at)
	return &t, nil
}

// Allow records an attempt in bucket and reports whether it is within limit per window.
// Old attempts are swept in the same transaction, so the table stays small.
func (s *WorkspaceService) Allow(ctx context.Context, bucket string, limit int, window time.Duration) (bool, error) {
	now := s.db.now()
	allowed := false
	err := s.db.tx(ctx, func(c conn) error {
		if _, err := c.exec(ctx, "DELETE FROM rate_hits WHERE bucket = ? AND at <= ?", bucket, ms(now.Add(-window))); err != nil {
			return err
		}
		var n int
		if err := c.queryRow(ctx, "SELECT COUNT(*) FROM rate_hits WHERE bucket = ?", bucket).Scan(&n); err != nil {
			return err
		}
		if n >= limit {
			return nil
		}
		allowed = true
		_, err := c.exec(ctx, "INSERT INTO rate_hits (bucket, at) VALUES (?, ?)", bucket, ms(now))
		return err
	})
	return allowed, wrapErr(err, "rate limit")
}

// FormKey returns the secret that signs public forms, creating it on first use. Replicas
// racing to create it agree on whichever row was written first.
func (s *WorkspaceService) FormKey(ctx context.Context) ([]byte, error) {
	var secret string
	err := s.db.reader().queryRow(ctx, "SELECT secret FROM form_keys WHERE name = 'forms'").Scan(&secret)
	if errors.Is(err, sql.ErrNoRows) {
		b := make([]byte, 32)
		if _, err := rand.Read(b); err != nil {
			return nil, attune.Internal(err)
		}
		err = s.db.tx(ctx, func(c conn) error {
			if _, err := c.exec(ctx, "INSERT INTO form_keys (name, secret, created_at) VALUES ('forms', ?, ?) ON CONFLICT (name) DO NOTHING",
				base64.RawURLEncoding.EncodeToString(b), s.db.nowMS()); err != nil {
				return err
			}
			return c.queryRow(ctx, "SELECT secret FROM form_keys WHERE name = 'forms'").Scan(&secret)
		})
	}
	if err != nil {
		return nil, wrapErr(err, "form key")
	}
	return base64.RawURLEncoding.DecodeString(secret)
}
