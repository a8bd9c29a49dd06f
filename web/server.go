// Package web serves Attune over HTTP: the JSON API under /api/v1, the agent workspace
// and the customer portal. NewServer takes its dependencies and returns one http.Handler;
// routes.go lists every route.
package web

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/attune-desk/attune"
	"github.com/prometheus/client_golang/prometheus"
)

// Auth is what the server needs to sign agents in and check their credentials.
type Auth interface {
	attune.AuthService
	attune.LoginLimiter
}

// Deps are the server's dependencies, wired by cmd/attune.
type Deps struct {
	Conversations attune.ConversationService
	Customers     attune.CustomerService
	Agents        attune.AgentService
	Auth          Auth
	Audit         attune.AuditService
	Analyzer      attune.Analyzer
	Coach         attune.Coach          // may be nil until the coach is wired in
	CoachContext  attune.CoachContexter // builds coach requests from stored conversations
	KB            attune.KnowledgeBase  // articles and search; nil leaves the knowledge base out
	Help          attune.HelpFeedback   // what the help centre records about its readers
	Events        attune.Events         // live updates for open pages; may be nil
	Workspace     Workspace             // portal links, macros, follow-ups, typing, rate limits
	Ready         func(ctx context.Context) error
	Logger        *slog.Logger
	Clock         attune.Clock
	Config        Config
}

// Config holds the server's tunable limits.
type Config struct {
	MaxBodyBytes  int64         // largest request body accepted; 1 MiB by default
	SessionTTL    time.Duration // how long a sign-in lasts; 12 h by default
	SecureCookies bool          // mark cookies Secure; set when served over TLS
	Version       string
}

func (c *Config) defaults() {
	if c.MaxBodyBytes <= 0 {
		c.MaxBodyBytes = 1 << 20
	}
	if c.SessionTTL <= 0 {
		c.SessionTTL = 12 * time.Hour
	}
}

// Server is Attune's HTTP handler.
type Server struct {
	Deps
	mux     *http.ServeMux
	handler http.Handler
	metrics *metrics
	pages   *pages
	formKeyCache
}

// NewServer builds the handler with every route and middleware in place.
func NewServer(d Deps) *Server {
	d.Config.defaults()
	if d.Logger == nil {
		d.Logger = slog.New(slog.DiscardHandler)
	}
	if d.Clock == nil {
		d.Clock = time.Now
	}
	s := &Server{Deps: d, mux: http.NewServeMux(), metrics: newMetrics(prometheus.NewRegistry()), pages: newPages()}
	for _, rt := range s.routes() {
		s.mux.Handle(rt.pattern(), s.metrics.instrument(rt.Path, rt.handler))
	}
	s.handler = chain(s.mux, s.recoverPanics, s.logRequests, s.securityHeaders, s.requestID)
	return s
}

// ServeHTTP serves one request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// chain wraps h in middleware; the last one listed runs first.
func chain(h http.Handler, mw ...func(http.Handler) http.Handler) http.Handler {
	for _, m := range mw {
		h = m(h)
	}
	return h
}
