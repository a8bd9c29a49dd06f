package store

import (
	"context"
	"encoding/json"

	"github.com/attune-desk/attune"
)

// AuditService reads the audit log.
type AuditService struct{ db *DB }

// NewAuditService returns the audit log reader over db.
func NewAuditService(db *DB) *AuditService { return &AuditService{db: db} }

var _ attune.AuditService = (*AuditService)(nil)

// audit records a change inside the transaction that makes it, so the log never disagrees
// with the data.
func audit(ctx context.Context, c conn, db *DB, actor attune.Actor, action, subject string, id int64, detail any) error {
	b, err := json.Marshal(detail)
	if err != nil {
		return err
	}
	actorID := actor.AgentID
	if actorID == nil {
		actorID = actor.CustomerID
	}
	_, err = c.exec(ctx, "INSERT INTO audit_log (actor_kind, actor_id, actor_name, action, subject, subject_id, detail, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
		actor.Kind(), nullInt(actorID), actor.Name, action, subject, id, string(b), db.nowMS())
	return err
}

// AuditLog returns the newest entries about one record, newest first.
func (s *AuditService) AuditLog(ctx context.Context, subject string, subjectID int64, limit int) ([]attune.AuditEntry, error) {
	if limit <= 0 || limit > 500 {
		limit = 100
	}
	rows, err := s.db.reader().query(ctx, `SELECT id, actor_kind, actor_id, actor_name, action, subject, subject_id, detail, created_at
		FROM audit_log WHERE subject = ? AND subject_id = ? ORDER BY id DESC LIMIT ?`, subject, subjectID, limit)
	if err != nil {
		return nil, wrapErr(err, "audit entry")
	}
	defer rows.Close()
	out := []attune.AuditEntry{}
	for rows.Next() {
		var e attune.AuditEntry
		var actorID *int64
		var created int64
		if err := rows.Scan(&e.ID, &e.ActorKind, &actorID, &e.ActorName, &e.Action, &e.Subject, &e.SubjectID, &e.Detail, &created); err != nil {
			return nil, wrapErr(err, "audit entry")
		}
		e.ActorID, e.CreatedAt = actorID, fromMS(created)
		out = append(out, e)
	}
	return out, wrapErr(rows.Err(), "audit entry")
}
