package attune

import (
	"context"
	"time"
)

// Session is a signed-in browser. The cookie holds a random secret; only its hash is stored.
type Session struct {
	AgentID   int64
	CSRFToken string // sent back by forms and cookie-authenticated API calls
	CreatedAt time.Time
	ExpiresAt time.Time
}

// Token is a named API token. The secret is shown once, at creation; only its hash is stored.
type Token struct {
	ID         int64      `json:"id"`
	AgentID    int64      `json:"agent_id"`
	Name       string     `json:"name"`
	CreatedAt  time.Time  `json:"created_at"`
	LastUsedAt *time.Time `json:"last_used_at"`
}

// AuthService signs agents in and out and checks credentials.
type AuthService interface {
	// Authenticate checks an email and password. Every failure is the same unauthorized
	// error, so it never hints at which part was wrong.
	Authenticate(ctx context.Context, email, password string) (*Agent, error)
	CreateSession(ctx context.Context, agentID int64, ttl time.Duration) (secret string, s *Session, err error)
	Session(ctx context.Context, secret string) (*Session, *Agent, error)
	DeleteSession(ctx context.Context, secret string) error
	CreateToken(ctx context.Context, agentID int64, name string) (secret string, t *Token, err error)
	TokenAgent(ctx context.Context, secret string) (*Agent, error)
}

// LoginLimiter counts failed sign-ins per account and per address, in the database, so
// every replica sees the same count.
type LoginLimiter interface {
	// LoginAllowed reports whether another attempt may be made now.
	LoginAllowed(ctx context.Context, email, addr string) (bool, error)
	RecordLoginFailure(ctx context.Context, email, addr string) error
	ClearLoginFailures(ctx context.Context, email string) error
}

// AuditEntry records who changed what.
type AuditEntry struct {
	ID        int64     `json:"id"`
	ActorKind string    `json:"actor_kind"`
	ActorID   *int64    `json:"actor_id"`
	ActorName string    `json:"actor_name"`
	Action    string    `json:"action"` // e.g. conversation.update
	Subject   string    `json:"subject"`
	SubjectID int64     `json:"subject_id"`
	Detail    string    `json:"detail"` // JSON of what changed
	CreatedAt time.Time `json:"created_at"`
}

// AuditService reads the audit log; the other services write to it as they change things.
type AuditService interface {
	AuditLog(ctx context.Context, subject string, subjectID int64, limit int) ([]AuditEntry, error)
}
