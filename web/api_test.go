package web_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/attune-desk/attune"
	"github.com/attune-desk/attune/store"
	"github.com/attune-desk/attune/store/storetest"
	"github.com/attune-desk/attune/web/webtest"
)

func TestAPI(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB, clock *storetest.Clock) {
		e := webtest.Start(t, db, clock, webtest.Options{})
		t.Run("operations", func(t *testing.T) { testOperations(t, e) })
		t.Run("auth", func(t *testing.T) { testAuth(t, e) })
		t.Run("conversations", func(t *testing.T) { testConversations(t, e) })
		t.Run("bad input", func(t *testing.T) { testBadInput(t, e) })
		t.Run("customers", func(t *testing.T) { testCustomers(t, e) })
		t.Run("users and roles", func(t *testing.T) { testUsers(t, e) })
	})
}

func testOperations(t *testing.T, e *webtest.Env) {
	anon := e.Anonymous()
	anon.Do("GET", "/healthz", nil).Want(t, 200)
	r := anon.Do("GET", "/readyz", nil).Want(t, 200)
	if csp := r.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") {
		t.Fatalf("CSP = %q", csp)
	}
	anon.Do("GET", "/api/v1/openapi.json", nil).Want(t, 200)
	e.Admin.Do("GET", "/api/v1/me", nil).Want(t, 200)
	m := anon.Do("GET", "/metrics", nil).Want(t, 200)
	if !strings.Contains(string(m.Body), `attune_http_requests_total{method="GET",route="/api/v1/me",status="200"}`) {
		t.Fatalf("metrics lack the request counter:\n%.2000s", m.Body)
	}
}

func testAuth(t *testing.T, e *webtest.Env) {
	anon := e.Anonymous()
	anon.Do("GET", "/api/v1/conversations", nil).Want(t, 401)
	r := anon.Do("POST", "/api/v1/login", map[string]string{"email": "agent@attune.test", "password": "nope nope nope"}).Want(t, 401)
	wrongPw, _ := r.Problem(t)
	r = anon.Do("POST", "/api/v1/login", map[string]string{"email": "ghost@attune.test", "password": webtest.Password}).Want(t, 401)
	if noUser, _ := r.Problem(t); noUser != wrongPw {
		t.Fatalf("errors differ: %q vs %q", noUser, wrongPw)
	}
	anon.Do("POST", "/api/v1/login", "{not json").Want(t, 400)

	r = anon.Do("POST", "/api/v1/login", map[string]string{"email": "AGENT@attune.test", "password": webtest.Password}).Want(t, 200)
	var login struct {
		CSRFToken string        `json:"csrf_token"`
		Agent     *attune.Agent `json:"agent"`
	}
	r.JSON(t, &login)
	var cookie *http.Cookie
	for _, c := range r.Cookies() {
		if c.Name == "attune_session" {
			cookie = c
		}
	}
	if cookie == nil || !cookie.HttpOnly || cookie.SameSite != http.SameSiteLaxMode || login.CSRFToken == "" || login.Agent.Email != "agent@attune.test" {
		t.Fatalf("login: cookie %+v, body %s", cookie, r.Body)
	}
	anon.Do("GET", "/api/v1/conversations", nil).Want(t, 200)
	// A state change on a cookie needs the CSRF token, and must come from this site.
	body := map[string]any{"customer": map[string]string{"email": "csrf@example.com"}, "message": "hello"}
	anon.Do("POST", "/api/v1/conversations", body).Want(t, 403)
	anon.CSRF = login.CSRFToken
	anon.Do("POST", "/api/v1/conversations", body, "Origin", "https://evil.example").Want(t, 403)
	anon.Do("POST", "/api/v1/conversations", body, "Origin", e.Server.URL).Want(t, 201)
	anon.Do("POST", "/api/v1/logout", nil).Want(t, 204)
	anon.Do("GET", "/api/v1/conversations", nil).Want(t, 401)

	bad := *e.Agent
	bad.Token = "att_forged"
	bad.Do("GET", "/api/v1/conversations", nil).Want(t, 401)
	r = e.Agent.Do("GET", "/api/v1/me", nil, "Authorization", "Basic abc").Want(t, 401)
	if d, _ := r.Problem(t); !strings.Contains(d, "Bearer") {
		t.Fatalf("detail = %q", d)
	}
	r = e.Agent.Do("POST", "/api/v1/tokens", map[string]string{"name": "script"}).Want(t, 201)
	var tok struct{ Token string }
	r.JSON(t, &tok)
	fresh := *e.Agent
	fresh.Token = tok.Token
	fresh.Do("GET", "/api/v1/me", nil).Want(t, 200)

	// Five failures lock the account for a while, even with the right password after.
	other := e.NewUser("locked@attune.test", "Lou Locked", attune.RoleAgent)
	_ = other
	c := e.Anonymous()
	for i := 0; i < 5; i++ {
		c.Do("POST", "/api/v1/login", map[string]string{"email": "locked@attune.test", "password": fmt.Sprintf("guess %d xxxxx", i)}).Want(t, 401)
	}
	r = c.Do("POST", "/api/v1/login", map[string]string{"email": "locked@attune.test", "password": webtest.Password}).Want(t, 429)
	if d, _ := r.Problem(t); !strings.Contains(d, "wait") {
		t.Fatalf("rate limit detail = %q", d)
	}
}

type conversation struct {
	ID       int64           `json:"id"`
	Status   string          `json:"status"`
	Subject  string          `json:"subject"`
	Priority attune.Priority `json:"priority"`
	Messages []struct {
		Body     string              `json:"body"`
		Analysis *attune.Analysis    `json:"analysis"`
		Coaching *attune.CoachReport `json:"coaching"`
	} `json:"messages"`
	Customer   attune.CustomerSummary `json:"customer"`
	AssigneeID *int64                 `json:"assignee_id"`
	Tags       []string               `json:"tags"`
	Trajectory *attune.Trajectory     `json:"trajectory"`
}

func testConversations(t *testing.T, e *webtest.Env) {
	r := e.Agent.Do("POST", "/api/v1/conversations", map[string]any{
		"customer": map[string]string{"name": "Rosa Diaz", "email": "rosa@example.com"},
		"subject":  "Charged twice", "message": "You charged my card twice.", "channel": "email",
	}).Want(t, 201)
	var c conversation
	r.JSON(t, &c)
	if c.ID == 0 || c.Status != "open" || len(c.Messages) != 1 || c.Messages[0].Analysis == nil || c.Customer.Email != "rosa@example.com" || c.Trajectory == nil {
		t.Fatalf("created: %s", r.Body)
	}
	if loc := r.Header.Get("Location"); loc != fmt.Sprintf("/api/v1/conversations/%d", c.ID) {
		t.Fatalf("Location = %q", loc)
	}
	path := fmt.Sprintf("/api/v1/conversations/%d", c.ID)
	r = e.Agent.Do("POST", path+"/messages", map[string]any{"body": "Any news? It is still pending.", "author": "customer"}).Want(t, 201)
	var m struct {
		ID       int64            `json:"id"`
		Analysis *attune.Analysis `json:"analysis"`
	}
	r.JSON(t, &m)
	if m.Analysis == nil || m.Analysis.Model == "" {
		t.Fatalf("customer message lacks analysis: %s", r.Body)
	}
	e.Agent.Do("POST", path+"/messages", map[string]any{"body": "Looking into it now.", "author": "agent"}).Want(t, 201)
	e.Agent.Do("POST", path+"/messages", map[string]any{"body": "Refund pending on their side.", "author": "agent", "internal": true}).Want(t, 201)

	r = e.Agent.Do("PATCH", path, map[string]any{"status": "pending", "assignee_id": e.Agent.Agent.ID, "tags": []string{"billing"}}).Want(t, 200)
	r.JSON(t, &c)
	if c.Status != "pending" || c.AssigneeID == nil || *c.AssigneeID != e.Agent.Agent.ID || c.Tags[0] != "billing" {
		t.Fatalf("patched: %s", r.Body)
	}
	r = e.Agent.Do("GET", path, nil).Want(t, 200)
	r.JSON(t, &c)
	if len(c.Messages) != 4 {
		t.Fatalf("messages = %d", len(c.Messages))
	}
	var page struct {
		Items []struct {
			ID       int64           `json:"id"`
			Priority attune.Priority `json:"priority"`
		} `json:"items"`
		NextCursor string `json:"next_cursor"`
	}
	e.Agent.Do("GET", "/api/v1/conversations?assignee=me&status=pending,open&sort=priority&limit=10", nil).Want(t, 200).JSON(t, &page)
	if len(page.Items) != 1 || page.Items[0].ID != c.ID || page.Items[0].Priority.Reasons == nil {
		t.Fatalf("list = %+v", page)
	}
	e.Agent.Do("GET", "/api/v1/conversations?q=rosa&limit=1", nil).Want(t, 200).JSON(t, &page)
	if len(page.Items) != 1 {
		t.Fatalf("search = %+v", page)
	}
	r = e.Admin.Do("GET", path+"/audit", nil).Want(t, 200)
	if !strings.Contains(string(r.Body), "conversation.update") || !strings.Contains(string(r.Body), "Abe Agent") {
		t.Fatalf("audit = %s", r.Body)
	}
	e.Agent.Do("GET", path+"/audit", nil).Want(t, 403)
}

func testBadInput(t *testing.T, e *webtest.Env) {
	a := e.Agent
	newConv := func(msg, email string) map[string]any {
		return map[string]any{"customer": map[string]string{"name": "B", "email": email}, "message": msg}
	}
	cases := []struct {
		name, method, path string
		body               any
		status             int
		field              string
	}{
		{"malformed JSON", "POST", "/api/v1/conversations", `{"customer":`, 400, ""},
		{"empty body", "POST", "/api/v1/conversations", "", 400, ""},
		{"wrong type", "POST", "/api/v1/conversations", `{"message": 42}`, 422, "message"},
		{"whitespace message", "POST", "/api/v1/conversations", newConv(" \n\t ", "b@example.com"), 422, "message"},
		{"missing email", "POST", "/api/v1/conversations", newConv("hi", ""), 422, "customer.email"},
		{"bad email", "POST", "/api/v1/conversations", newConv("hi", "not-an-email"), 422, "customer.email"},
		{"oversize message", "POST", "/api/v1/conversations", newConv(strings.Repeat("x", attune.MaxBodyLen+1), "b@example.com"), 422, "message"},
		{"unknown channel", "POST", "/api/v1/conversations", map[string]any{"customer": map[string]string{"email": "b@example.com"}, "message": "hi", "channel": "pigeon"}, 422, "channel"},
		{"too large", "POST", "/api/v1/conversations", `{"message":"` + strings.Repeat("x", 1<<20+10) + `"}`, 413, ""},
		{"bad sort", "GET", "/api/v1/conversations?sort=loudest", nil, 422, "sort"},
		{"bad status", "GET", "/api/v1/conversations?status=gone", nil, 422, "status"},
		{"bad limit", "GET", "/api/v1/conversations?limit=-3", nil, 422, "limit"},
		{"bad cursor", "GET", "/api/v1/conversations?cursor=%00%01", nil, 422, "cursor"},
		{"not a number id", "GET", "/api/v1/conversations/abc", nil, 404, ""},
		{"missing conversation", "GET", "/api/v1/conversations/987654", nil, 404, ""},
		{"message to missing", "POST", "/api/v1/conversations/987654/messages", map[string]string{"body": "hi", "author": "customer"}, 404, ""},
		{"no author", "POST", "/api/v1/conversations/1/messages", map[string]string{"body": "hi"}, 422, "author"},
		{"bad patch status", "PATCH", "/api/v1/conversations/1", map[string]string{"status": "exploded"}, 422, "status"},
		{"bad satisfaction", "PATCH", "/api/v1/conversations/1", map[string]int{"satisfaction": 9}, 422, "satisfaction"},
		{"customer dup", "POST", "/api/v1/customers", map[string]string{"email": "rosa@example.com"}, 409, "email"},
		{"customer oversize name", "POST", "/api/v1/customers", map[string]string{"email": "long@example.com", "name": strings.Repeat("n", 300)}, 422, "name"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := a.Do(tc.method, tc.path, tc.body).Want(t, tc.status)
			detail, fields := r.Problem(t)
			if detail == "" {
				t.Fatal("no detail for a person to read")
			}
			if tc.field != "" && fields[tc.field] == "" {
				t.Fatalf("no message for %s: %v", tc.field, fields)
			}
			if tc.name == "oversize message" && !strings.Contains(fields["message"], "20000") {
				t.Fatalf("limit not named: %q", fields["message"])
			}
		})
	}
	// Broken UTF-8 and NUL bytes are cleaned before storing, never stored broken.
	r := a.Do("POST", "/api/v1/conversations", []byte("{\"customer\":{\"email\":\"utf@example.com\"},\"message\":\"caf\xe9 \\u0000 ok\"}")).Want(t, 201)
	var c conversation
	r.JSON(t, &c)
	if body := c.Messages[0].Body; strings.ContainsRune(body, 0) || !strings.Contains(body, "caf\uFFFD") {
		t.Fatalf("stored body %q", body)
	}
}

func testCustomers(t *testing.T, e *webtest.Env) {
	a := e.Agent
	r := a.Do("POST", "/api/v1/customers", map[string]any{"name": "Kenji Sato", "email": "kenji@example.com", "timezone": "Asia/Tokyo",
		"remember": []string{"moving house this month"}}).Want(t, 201)
	var cu attune.Customer
	r.JSON(t, &cu)
	path := fmt.Sprintf("/api/v1/customers/%d", cu.ID)
	a.Do("PATCH", path, map[string]any{"preferred_name": "Ken", "remember": []string{"moving house this month", "prefers phone"}}).Want(t, 200).JSON(t, &cu)
	if cu.PreferredName != "Ken" || len(cu.Remember) != 2 {
		t.Fatalf("patched: %+v", cu)
	}
	a.Do("POST", "/api/v1/conversations", map[string]any{"customer": map[string]string{"email": "kenji@example.com"}, "message": "Where is my parcel?"}).Want(t, 201)
	var profile struct {
		attune.Customer
		Conversations []conversation `json:"conversations"`
	}
	a.Do("GET", path, nil).Want(t, 200).JSON(t, &profile)
	if profile.Stats.Conversations != 1 || len(profile.Conversations) != 1 || profile.Name != "Kenji Sato" {
		t.Fatalf("profile: %+v", profile)
	}
	var list struct{ Items []attune.Customer }
	a.Do("GET", "/api/v1/customers?q=kenji", nil).Want(t, 200).JSON(t, &list)
	if len(list.Items) != 1 {
		t.Fatalf("search: %+v", list)
	}
	a.Do("GET", "/api/v1/customers/999999", nil).Want(t, 404)
	a.Do("PATCH", path, map[string]any{"timezone": "Nowhere/Land"}).Want(t, 422)
}

func testUsers(t *testing.T, e *webtest.Env) {
	newUser := map[string]string{"email": "new@attune.test", "name": "Nia New", "role": "supervisor", "password": "another long one"}
	e.Agent.Do("POST", "/api/v1/users", newUser).Want(t, 403)
	e.Admin.Do("POST", "/api/v1/users", newUser).Want(t, 201)
	e.Admin.Do("POST", "/api/v1/users", newUser).Want(t, 409)
	r := e.Admin.Do("POST", "/api/v1/users", map[string]string{"email": "x@attune.test", "name": "X", "role": "king", "password": "short"}).Want(t, 422)
	if _, f := r.Problem(t); f["role"] == "" || f["password"] == "" {
		t.Fatalf("fields = %v", f)
	}
	var list struct{ Items []attune.Agent }
	e.Agent.Do("GET", "/api/v1/users", nil).Want(t, 200).JSON(t, &list)
	if len(list.Items) < 3 {
		t.Fatalf("users = %d", len(list.Items))
	}
	e.Agent.Do("POST", "/api/v1/teams", map[string]string{"name": "Billing"}).Want(t, 403)
	e.Admin.Do("POST", "/api/v1/teams", map[string]any{"name": "Billing", "member_ids": []int64{e.Agent.Agent.ID}}).Want(t, 201)
	e.Agent.Do("GET", "/api/v1/teams", nil).Want(t, 200)
}

func TestCoachAPI(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB, clock *storetest.Clock) {
		e := webtest.Start(t, db, clock, webtest.Options{})
		a := e.Agent
		r := a.Do("POST", "/api/v1/conversations", map[string]any{
			"customer": map[string]string{"name": "Maria Gomez", "email": "maria@example.com"},
			"message":  "This is the third time I'm writing. My order still hasn't arrived and my daughter's birthday is on Saturday. I'm so upset.",
		}).Want(t, 201)
		var c conversation
		r.JSON(t, &c)

		score := func(body map[string]any) attune.CoachReport {
			t.Helper()
			var rep attune.CoachReport
			a.Do("POST", "/api/v1/coach", body).Want(t, 200).JSON(t, &rep)
			return rep
		}
		cold := score(map[string]any{"conversation_id": c.ID, "draft": "Calm down. As I already said, that's our policy."})
		warm := score(map[string]any{"conversation_id": c.ID, "draft": "Maria, I'm so sorry. Writing three times about a birthday present is exhausting, and I understand why you're upset. " +
			"I've traced the parcel and I'll have a replacement sent by express today so it arrives on Friday. I'll email you the tracking link tonight. Is the delivery address still right?"})
		if warm.Score <= cold.Score+20 || len(cold.Flags) == 0 || len(cold.Dimensions) == 0 {
			t.Fatalf("coach: warm %d vs cold %d (flags %d)", warm.Score, cold.Score, len(cold.Flags))
		}
		loose := score(map[string]any{"customer_messages": []string{"My parcel is late."}, "draft": "Sorry about that! No worries.", "customer_name": "Ola"})
		if loose.Model == "" {
			t.Fatalf("report without a model: %+v", loose)
		}
		a.Do("POST", "/api/v1/coach", map[string]any{"draft": "hello"}).Want(t, 422)
		a.Do("POST", "/api/v1/coach", map[string]any{"conversation_id": 999999, "draft": "hello"}).Want(t, 404)
		a.Do("POST", "/api/v1/coach", map[string]any{"conversation_id": c.ID, "draft": strings.Repeat("long ", 5000)}).Want(t, 422)
		a.Do("POST", "/api/v1/coach", `{"draft": [1,2]}`).Want(t, 422)

		// Every reply saved is scored on write, and the thread returns its report.
		a.Do("POST", fmt.Sprintf("/api/v1/conversations/%d/messages", c.ID), map[string]any{"author": "agent", "body": "Calm down, it's just a parcel."}).Want(t, 201)
		a.Do("GET", fmt.Sprintf("/api/v1/conversations/%d", c.ID), nil).Want(t, 200).JSON(t, &c)
		last := c.Messages[len(c.Messages)-1]
		if last.Coaching == nil || last.Coaching.Score >= warm.Score || len(last.Coaching.Flags) == 0 {
			t.Fatalf("saved reply not coached: %+v", last.Coaching)
		}
		r = a.Do("POST", "/api/v1/analyze", map[string]string{"text": "I'm furious, you charged me twice!!"}).Want(t, 200)
		var an attune.Analysis
		r.JSON(t, &an)
		if an.Sentiment >= 0 || len(an.Evidence) == 0 {
			t.Fatalf("analyze: %+v", an)
		}
		a.Do("POST", "/api/v1/analyze", map[string]string{"text": "  "}).Want(t, 422)
	})
}
