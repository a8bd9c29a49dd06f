package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/attune-desk/attune"
)

// AuthService checks passwords and keeps sessions, API tokens and sign-in failures.
type AuthService struct {
	db     *DB
	agents *AgentService
}

// NewAuthService returns the auth service over db.
func NewAuthService(db *DB) *AuthService { return &AuthService{db: db, agents: NewAgentService(db)} }

var (
	_ attune.AuthService  = (*AuthService)(nil)
	_ attune.LoginLimiter = (*AuthService)(nil)
)

// errBadLogin is the one answer to every failed sign-in: it never says which part was wrong.
func errBadLogin() error {
	return attune.Errorf(attune.EUNAUTHORIZED, "That email and password don't match an account. Please check them and try again.")
}

// Authenticate checks an email and password against an active agent.
func (s *AuthService) Authenticate(ctx context.Context, email, password string) (*attune.Agent, error) {
	email, _ = attune.NormalizeEmail(email)
	var id int64
	var hash string
	var active bool
	err := s.db.reader().queryRow(ctx, "SELECT id, password_hash, active FROM agents WHERE email = ?", email).Scan(&id, &hash, &active)
	if errors.Is(err, sql.ErrNoRows) {
		checkPassword(dummyHash(), password)
		return nil, errBadLogin()
	} else if err != nil {
		return nil, wrapErr(err, "agent")
	}
	if !checkPassword(hash, password) || !active {
		return nil, errBadLogin()
	}
	return s.agents.Agent(ctx, id)
}

// CreateSession starts a browser session and returns the cookie secret.
func (s *AuthService) CreateSession(ctx context.Context, agentID int64, ttl time.Duration) (string, *attune.Session, error) {
	secret, err := newSecret("")
	if err != nil {
		return "", nil, attune.Internal(err)
	}
	csrf, err := newSecret("")
	if err != nil {
		return "", nil, attune.Internal(err)
	}
	now := s.db.now()
	sess := &attune.Session{AgentID: agentID, CSRFToken: csrf, CreatedAt: now.UTC(), ExpiresAt: now.Add(ttl).UTC()}
	err = s.db.tx(ctx, func(c conn) error {
		// Sweep expired sessions now and then, so the table stays small without a job.
		if _, err := c.exec(ctx, "DELETE FROM sessions WHERE expires_at < ?", ms(now)); err != nil {
			return err
		}
		_, err := c.exec(ctx, "INSERT INTO sessions (id_hash, agent_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
			hashSecret(secret), agentID, csrf, ms(now), ms(sess.ExpiresAt))
		return err
	})
	if err != nil {
		return "", nil, wrapErr(err, "session")
	}
	return secret, sess, nil
}

func errSignedOut() error {
	return attune.Errorf(attune.EUNAUTHORIZED, "Please sign in to continue.")
}

// Session returns the live session and its agent for a cookie secret.
func (s *AuthService) Session(ctx context.Context, secret string) (*attune.Session, *attune.Agent, error) {
	if secret == "" || len(secret) > 200 {
		return nil, nil, errSignedOut()
	}
	var sess attune.Session
	var created, expires int64
	var active bool
	err := s.db.reader().queryRow(ctx, `SELECT s.agent_id, s.csrf_token, s.created_at, s.expires_at, a.active
		FROM sessions s JOIN agents a ON a.id = s.agent_id WHERE s.id_hash = ?`, hashSecret(secret)).
		Scan(&sess.AgentID, &sess.CSRFToken, &created, &expires, &active)
	if errors.Is(err, sql.ErrNoRows) || err == nil && (!active || expires < s.db.nowMS()) {
		return nil, nil, errSignedOut()
	} else if err != nil {
		return nil, nil, wrapErr(err, "session")
	}
	sess.CreatedAt, sess.ExpiresAt = fromMS(created), fromMS(expires)
	a, err := s.agents.Agent(ctx, sess.AgentID)
	if err != nil {
		return nil, nil, err
	}
	return &sess, a, nil
}

// DeleteSession signs a browser out.
func (s *AuthService) DeleteSession(ctx context.Context, secret string) error {
	return wrapErr(s.db.tx(ctx, func(c conn) error {
		_, err := c.exec(ctx, "DELETE FROM sessions WHERE id_hash = ?", hashSecret(secret))
		return err
	}), "session")
}

// CreateToken makes a named API token and returns its secret, shown only this once.
func (s *AuthService) CreateToken(ctx context.Context, agentID int64, name string) (string, *attune.Token, error) {
	f := attune.Fields{}
	name = attune.CleanLine(name)
	f.Require("name", name, "a name for the token, such as \"reporting script\"")
	f.CheckLen("name", name, attune.MaxNameLen)
	if err := f.Err(); err != nil {
		return "", nil, err
	}
	secret, err := newSecret("att_")
	if err != nil {
		return "", nil, attune.Internal(err)
	}
	t := &attune.Token{AgentID: agentID, Name: name, CreatedAt: fromMS(s.db.nowMS())}
	err = s.db.tx(ctx, func(c conn) error {
		var err error
		t.ID, err = c.insert(ctx, "INSERT INTO api_tokens (agent_id, name, token_hash, created_at) VALUES (?, ?, ?, ?)",
			agentID, name, hashSecret(secret), ms(t.CreatedAt))
		if err != nil {
			return err
		}
		return audit(ctx, c, s.db, attune.Actor{AgentID: &agentID}, "token.create", "agent", agentID, map[string]any{"name": name})
	})
	if err != nil {
		return "", nil, wrapErr(err, "agent")
	}
	return secret, t, nil
}

// TokenAgent returns the active agent an API token belongs to.
func (s *AuthService) TokenAgent(ctx context.Context, secret string) (*attune.Agent, error) {
	if secret == "" || len(secret) > 200 {
		return nil, errSignedOut()
	}
	var agentID int64
	var active bool
	var lastUsed sql.NullInt64
	err := s.db.reader().queryRow(ctx, "SELECT t.agent_id, a.active, t.last_used_at FROM api_tokens t JOIN agents a ON a.id = t.agent_id WHERE t.token_hash = ?",
		hashSecret(secret)).Scan(&agentID, &active, &lastUsed)
	if errors.Is(err, sql.ErrNoRows) || err == nil && !active {
		return nil, attune.Errorf(attune.EUNAUTHORIZED, "This API token isn't valid. It may have been mistyped or revoked; create a new one with 'attune token create'.")
	} else if err != nil {
		return nil, wrapErr(err, "token")
	}
	// Note when a token was last used, at most hourly, so each call doesn't cost a write.
	if now := s.db.now(); !lastUsed.Valid || lastUsed.Int64 < ms(now.Add(-time.Hour)) {
		if err := s.db.tx(ctx, func(c conn) error {
			_, err := c.exec(ctx, "UPDATE api_tokens SET last_used_at = ? WHERE token_hash = ?", ms(now), hashSecret(secret))
			return err
		}); err != nil {
			return nil, err
		}
	}
	return s.agents.Agent(ctx, agentID)
}

// Sign-in limits: failures counted over a window, per account and per address.
const (
	loginWindow        = 15 * time.Minute
	loginMaxPerAccount = 5
	loginMaxPerAddr    = 20
)

// LoginAllowed reports whether another sign-in attempt may be made for this account from
// this address now.
func (s *AuthService) LoginAllowed(ctx context.Context, email, addr string) (bool, error) {
	email, _ = attune.NormalizeEmail(email)
	since := ms(s.db.now().Add(-loginWindow))
	var byAccount, byAddr int
	err := s.db.reader().queryRow(ctx, `SELECT
		(SELECT COUNT(*) FROM login_failures WHERE email = ? AND at >= ?),
		(SELECT COUNT(*) FROM login_failures WHERE addr = ? AND at >= ?)`, email, since, addr, since).Scan(&byAccount, &byAddr)
	if err != nil {
		return false, wrapErr(err, "sign-in record")
	}
	return byAccount < loginMaxPerAccount && byAddr < loginMaxPerAddr, nil
}

// RecordLoginFailure counts a failed attempt.
func (s *AuthService) RecordLoginFailure(ctx context.Context, email, addr string) error {
	email, _ = attune.NormalizeEmail(email)
	if len(email) > attune.MaxEmailLen {
		email = email[:attune.MaxEmailLen]
	}
	now := s.db.now()
	return wrapErr(s.db.tx(ctx, func(c conn) error {
		if _, err := c.exec(ctx, "DELETE FROM login_failures WHERE at < ?", ms(now.Add(-24*time.Hour))); err != nil {
			return err
		}
		_, err := c.exec(ctx, "INSERT INTO login_failures (email, addr, at) VALUES (?, ?, ?)", email, addr, ms(now))
		return err
	}), "sign-in record")
}

// ClearLoginFailures forgets an account's failures after a good sign-in.
func (s *AuthService) ClearLoginFailures(ctx context.Context, email string) error {
	email, _ = attune.NormalizeEmail(email)
	return wrapErr(s.db.tx(ctx, func(c conn) error {
		_, err := c.exec(ctx, "DELETE FROM login_failures WHERE email = ?", email)
		return err
	}), "sign-in record")
}
