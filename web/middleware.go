package web

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"runtime/debug"
	"strings"
	"time"

	"github.com/attune-desk/attune"
)

type ctxKey int

const (
	keyRequestID ctxKey = iota
	keyAgent
	keySession
)

// SessionCookie is the name of the browser's sign-in cookie.
const SessionCookie = "attune_session"

func requestIDOf(r *http.Request) string {
	id, _ := r.Context().Value(keyRequestID).(string)
	return id
}

// agentOf returns the signed-in agent, or nil.
func agentOf(r *http.Request) *attune.Agent {
	a, _ := r.Context().Value(keyAgent).(*attune.Agent)
	return a
}

// sessionOf returns the browser session, or nil for token and anonymous requests.
func sessionOf(r *http.Request) *attune.Session {
	s, _ := r.Context().Value(keySession).(*attune.Session)
	return s
}

// actorOf is who the request acts as, for the audit log.
func actorOf(r *http.Request) attune.Actor {
	if a := agentOf(r); a != nil {
		return attune.Actor{AgentID: &a.ID, Role: a.Role, Name: a.Name}
	}
	return attune.SystemActor()
}

func (s *Server) requestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := make([]byte, 8)
		_, _ = rand.Read(b)
		id := hex.EncodeToString(b)
		w.Header().Set("X-Request-Id", id)
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), keyRequestID, id)))
	})
}

// statusWriter remembers the status a handler wrote.
type statusWriter struct {
	http.ResponseWriter
	status int
	wrote  bool
}

func (w *statusWriter) WriteHeader(code int) {
	if !w.wrote {
		w.status, w.wrote = code, true
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if !w.wrote {
		w.status, w.wrote = http.StatusOK, true
	}
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the underlying writer (for flushing events).
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(sw, r)
		level := slog.LevelInfo
		if sw.status >= 500 {
			level = slog.LevelError
		} else if r.URL.Path == "/healthz" || r.URL.Path == "/readyz" || r.URL.Path == "/metrics" {
			level = slog.LevelDebug
		}
		s.Logger.LogAttrs(r.Context(), level, "request",
			slog.String("method", r.Method), slog.String("path", r.URL.Path), slog.Int("status", sw.status),
			slog.Duration("duration", time.Since(start)), slog.String("request_id", requestIDOf(r)))
	})
}

func (s *Server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.Logger.ErrorContext(r.Context(), "panic", "value", fmt.Sprint(v), "stack", string(debug.Stack()))
				s.writeError(w, r, attune.Internal(fmt.Errorf("panic: %v", v)))
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// securityHeaders forbids inline script, framing and content sniffing on every response.
func (s *Server) securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		if s.Config.SecureCookies {
			h.Set("Strict-Transport-Security", "max-age=31536000")
		}
		next.ServeHTTP(w, r)
	})
}

// unsafeMethod reports whether a request may change state.
func unsafeMethod(m string) bool {
	return m != http.MethodGet && m != http.MethodHead && m != http.MethodOptions
}

// authenticate finds the agent behind a bearer token or a session cookie. A cookie-signed
// request that changes state must also carry the session's CSRF token, in the
// X-CSRF-Token header or a csrf_token form field, and come from this site.
func (s *Server) authenticate(r *http.Request) (*http.Request, error) {
	ctx := r.Context()
	if h := r.Header.Get("Authorization"); h != "" {
		token, ok := strings.CutPrefix(h, "Bearer ")
		if !ok {
			return r, attune.Errorf(attune.EUNAUTHORIZED, "Please send the API token as 'Authorization: Bearer <token>'.")
		}
		a, err := s.Auth.TokenAgent(ctx, strings.TrimSpace(token))
		if err != nil {
			return r, err
		}
		return r.WithContext(context.WithValue(ctx, keyAgent, a)), nil
	}
	c, err := r.Cookie(SessionCookie)
	if err != nil {
		return r, attune.Errorf(attune.EUNAUTHORIZED, "Please sign in to continue.")
	}
	sess, a, err := s.Auth.Session(ctx, c.Value)
	if err != nil {
		return r, err
	}
	if unsafeMethod(r.Method) {
		if !sameOrigin(r) {
			return r, attune.Errorf(attune.EFORBIDDEN, "This request came from another site, so it was refused. Please use Attune directly.")
		}
		token := r.Header.Get("X-CSRF-Token")
		if token == "" && !strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
			token = r.PostFormValue("csrf_token")
		}
		if subtle.ConstantTimeCompare([]byte(token), []byte(sess.CSRFToken)) != 1 {
			return r, attune.Errorf(attune.EFORBIDDEN, "This form has expired. Please reload the page and try again.")
		}
	}
	ctx = context.WithValue(ctx, keyAgent, a)
	return r.WithContext(context.WithValue(ctx, keySession, sess)), nil
}

// sameOrigin checks the Origin (or Referer) of a browser request against its Host.
// Requests without either, like curl with a cookie, pass on the CSRF token alone.
func sameOrigin(r *http.Request) bool {
	src := r.Header.Get("Origin")
	if src == "" {
		src = r.Header.Get("Referer")
	}
	if src == "" {
		return true
	}
	u, err := url.Parse(src)
	return err == nil && u.Host == r.Host
}

// authorize wraps a route with its access check.
func (s *Server) authorize(level access, next http.Handler) http.Handler {
	if level == public {
		return next
	}
	if level == optional {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			_, cookieErr := r.Cookie(SessionCookie)
			if bearer := r.Header.Get("Authorization") != ""; bearer || cookieErr == nil {
				authed, err := s.authenticate(r)
				if err == nil {
					r = authed
				} else if bearer {
					// a token that was sent but is wrong is a mistake worth saying;
					// a stale cookie just means a visitor who is no longer signed in
					s.writeError(w, r, err)
					return
				}
			}
			next.ServeHTTP(w, r)
		})
	}
	fail := s.writeError
	if level.page() {
		fail = s.pageError
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if level.page() && unsafeMethod(r.Method) {
			// Read the form within the size limit before the CSRF check looks inside it.
			if err := s.parseForm(w, r); err != nil {
				fail(w, r, err)
				return
			}
		}
		r, err := s.authenticate(r)
		if err != nil {
			fail(w, r, err)
			return
		}
		need := attune.RoleAgent
		switch level {
		case supervisors, supervisorPage:
			need = attune.RoleSupervisor
		case admins:
			need = attune.RoleAdmin
		}
		if !agentOf(r).Role.AtLeast(need) {
			fail(w, r, attune.Errorf(attune.EFORBIDDEN, "Your role doesn't include this. Ask an admin if you need it."))
			return
		}
		next.ServeHTTP(w, r)
	})
}

// clientAddr is the caller's IP address, for rate limits.
func clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
