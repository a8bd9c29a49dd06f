// Package webtest runs Attune's HTTP server over a real database for tests, with clients
// that sign in by token or by browser session.
package webtest

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/attune-desk/attune"
	"github.com/attune-desk/attune/analysis"
	"github.com/attune-desk/attune/store"
	"github.com/attune-desk/attune/store/storetest"
	"github.com/attune-desk/attune/triage"
	"github.com/attune-desk/attune/web"
)

// Env is a running server over a fresh database, with an admin and an agent.
type Env struct {
	T        testing.TB
	DB       *store.DB
	Clock    *storetest.Clock
	Server   *httptest.Server
	Services storetest.Services
	Desk     *triage.Desk
	Events   *store.Events
	// Workspace keeps portal links, macros, follow-ups, typing and rate limits.
	Workspace *store.WorkspaceService
	Handler   *web.Server
	Admin     *Client
	Agent     *Client
}

// Options adjust the server a test runs.
type Options struct {
	Analyzer attune.Analyzer // the real emotion engine when nil
	Coach    attune.Coach    // the real empathy coach when nil
	Config   web.Config
	// Wrap lets a test replace the handler, e.g. to add pages.
	Deps func(*web.Deps)
	// Seed, if set, fills the empty database through the desk before the test users are
	// added, e.g. with the demo workspace.
	Seed func(s storetest.Services, desk *triage.Desk) error
}

var (
	engine = sync.OnceValues(analysis.New)
	coach  = sync.OnceValues(analysis.NewCoach)
)

// Coach is the real empathy coach, loaded once per test binary.
func Coach(t testing.TB) attune.Coach {
	c, err := coach()
	if err != nil {
		t.Fatalf("load the coach: %v", err)
	}
	return triage.NewCoach(c)
}

// Analyzer is the real emotion engine, loaded once per test binary.
func Analyzer(t testing.TB) attune.Analyzer {
	e, err := engine()
	if err != nil {
		t.Fatalf("load the emotion engine: %v", err)
	}
	return triage.NewAnalyzer(e)
}

// Start builds the server over db and signs in an admin and an agent by API token.
func Start(t testing.TB, db *store.DB, clock *storetest.Clock, opts Options) *Env {
	t.Helper()
	s := storetest.NewServices(db)
	if opts.Analyzer == nil {
		opts.Analyzer = Analyzer(t)
	}
	if opts.Coach == nil {
		opts.Coach = Coach(t)
	}
	events := store.NewEvents(db, nil)
	desk := triage.NewDesk(s.Conversations, s.Customers, opts.Analyzer, opts.Coach).WithEvents(events)
	ws := store.NewWorkspaceService(db)
	deps := web.Deps{Conversations: desk, Customers: s.Customers, Agents: s.Agents, Auth: s.Auth, Audit: s.Audit,
		Analyzer: opts.Analyzer, Coach: opts.Coach, CoachContext: desk, Events: events, Workspace: ws, KB: s.KB, Help: s.KB,
		Ready: db.Ping, Clock: clock.Now, Config: opts.Config}
	if opts.Deps != nil {
		opts.Deps(&deps)
	}
	handler := web.NewServer(deps)
	srv := httptest.NewUnstartedServer(handler)
	// Event streams stay open; end them first so Close does not wait for them.
	srv.Config.RegisterOnShutdown(events.Close)
	srv.Start()
	t.Cleanup(func() {
		events.Close()
		srv.Close()
	})
	e := &Env{T: t, DB: db, Clock: clock, Server: srv, Services: s, Desk: desk, Events: events, Workspace: ws, Handler: handler}
	if opts.Seed != nil {
		if err := opts.Seed(s, desk); err != nil {
			t.Fatal(err)
		}
	}
	e.Admin = e.NewUser("admin@attune.test", "Ada Admin", attune.RoleAdmin)
	e.Agent = e.NewUser("agent@attune.test", "Abe Agent", attune.RoleAgent)
	return e
}

// NewUser adds an agent and returns a client that acts as them with an API token.
func (e *Env) NewUser(email, name string, role attune.Role) *Client {
	e.T.Helper()
	ctx := context.Background()
	a, err := e.Services.Agents.CreateAgent(ctx, attune.NewAgent{Email: email, Name: name, Role: role, Password: Password})
	if err != nil {
		e.T.Fatal(err)
	}
	tok, _, err := e.Services.Auth.CreateToken(ctx, a.ID, "test")
	if err != nil {
		e.T.Fatal(err)
	}
	return &Client{T: e.T, Base: e.Server.URL, HTTP: e.Server.Client(), Token: tok, Agent: a}
}

// Password is every test user's password.
const Password = "a long test passphrase"

// Anonymous returns a client with no credentials and its own cookie jar.
func (e *Env) Anonymous() *Client {
	jar, _ := cookiejar.New(nil)
	return &Client{T: e.T, Base: e.Server.URL, HTTP: &http.Client{Jar: jar}}
}

// Client calls the server.
type Client struct {
	T     testing.TB
	Base  string
	HTTP  *http.Client
	Token string        // sent as a bearer token when set
	CSRF  string        // sent as X-CSRF-Token when set
	Agent *attune.Agent // who the client acts as
}

// Response is a finished call.
type Response struct {
	*http.Response
	Body []byte
}

// JSON decodes the body into v, failing the test on error.
func (r *Response) JSON(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal(r.Body, v); err != nil {
		t.Fatalf("decode %s: %v\n%s", r.Request.URL, err, r.Body)
	}
}

// Problem decodes an error body.
func (r *Response) Problem(t testing.TB) (detail string, fields map[string]string) {
	t.Helper()
	var p struct {
		Detail string            `json:"detail"`
		Fields map[string]string `json:"fields"`
	}
	r.JSON(t, &p)
	if ct := r.Header.Get("Content-Type"); ct != "application/problem+json" {
		t.Fatalf("error content type = %q", ct)
	}
	return p.Detail, p.Fields
}

// Do sends a request. body may be nil, a string or []byte (sent as is), or a value to
// encode as JSON.
func (c *Client) Do(method, path string, body any, headers ...string) *Response {
	c.T.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	case []byte:
		rd = bytes.NewReader(b)
	default:
		data, err := json.Marshal(b)
		if err != nil {
			c.T.Fatal(err)
		}
		rd = bytes.NewReader(data)
	}
	req, err := http.NewRequest(method, c.Base+path, rd)
	if err != nil {
		c.T.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.Token != "" {
		req.Header.Set("Authorization", "Bearer "+c.Token)
	}
	if c.CSRF != "" {
		req.Header.Set("X-CSRF-Token", c.CSRF)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := c.HTTP.Do(req)
	if err != nil {
		c.T.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		c.T.Fatal(err)
	}
	return &Response{Response: resp, Body: data}
}

// Want fails the test unless the response has the status.
func (r *Response) Want(t testing.TB, status int) *Response {
	t.Helper()
	if r.StatusCode != status {
		t.Fatalf("%s %s: status %d, want %d\n%s", r.Request.Method, r.Request.URL.Path, r.StatusCode, status, r.Body)
	}
	return r
}

// Browser returns a client signed in as the user by the session cookie, as a browser would
// be, holding the session's CSRF token. It does not follow redirects, so tests see them.
func (e *Env) Browser(email string) *Client {
	e.T.Helper()
	jar, _ := cookiejar.New(nil)
	c := &Client{T: e.T, Base: e.Server.URL, HTTP: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
	r := c.Do("POST", "/api/v1/login", map[string]string{"email": email, "password": Password}).Want(e.T, 200)
	var login struct {
		CSRFToken string        `json:"csrf_token"`
		Agent     *attune.Agent `json:"agent"`
	}
	r.JSON(e.T, &login)
	c.CSRF, c.Agent = login.CSRFToken, login.Agent
	return c
}

// Visitor returns a client with no credentials that does not follow redirects, like a
// customer on the portal.
func (e *Env) Visitor() *Client {
	jar, _ := cookiejar.New(nil)
	return &Client{T: e.T, Base: e.Server.URL, HTTP: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// PostForm sends a form as a browser would: url-encoded, with the session's CSRF token in
// the csrf_token field (unless the form sets its own). headers are name, value pairs.
func (c *Client) PostForm(path string, form url.Values, headers ...string) *Response {
	c.T.Helper()
	if form == nil {
		form = url.Values{}
	}
	if c.CSRF != "" && !form.Has("csrf_token") {
		form.Set("csrf_token", c.CSRF)
	}
	req, err := http.NewRequest("POST", c.Base+path, strings.NewReader(form.Encode()))
	if err != nil {
		c.T.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if c.Token != "" {
		req.Header.Set("Authorization", "Bearer "+c.Token)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := c.HTTP.Do(req)
	if err != nil {
		c.T.Fatalf("POST %s: %v", path, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		c.T.Fatal(err)
	}
	return &Response{Response: resp, Body: data}
}

// Contains fails the test unless the body holds every string.
func (r *Response) Contains(t testing.TB, want ...string) *Response {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(string(r.Body), w) {
			t.Fatalf("%s %s: body lacks %q\n%.3000s", r.Request.Method, r.Request.URL.Path, w, r.Body)
		}
	}
	return r
}
