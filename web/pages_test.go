package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/attune-desk/attune"
	"github.com/attune-desk/attune/store"
	"github.com/attune-desk/attune/store/storetest"
	"github.com/attune-desk/attune/web"
	"github.com/attune-desk/attune/web/webtest"
)

// startPages runs the server with the word analyzer and, when one is available, the coach.
func startPages(t testing.TB, db *store.DB, clock *storetest.Clock, opts webtest.Options) *webtest.Env {
	if opts.Analyzer == nil {
		opts.Analyzer = wordAnalyzer{}
	}
	if opts.Coach == nil {
		opts.Coach = testCoach()
	}
	return webtest.Start(t, db, clock, opts)
}

// open starts a conversation as a customer would, through the desk so it is analysed.
func open(t testing.TB, e *webtest.Env, name, email, subject, message string, ch attune.Channel) *attune.Conversation {
	t.Helper()
	c, err := e.Desk.CreateConversation(context.Background(), attune.NewConversation{
		Customer: attune.CustomerInput{Name: &name, Email: &email}, Subject: subject, Message: message, Channel: ch}, attune.Actor{})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestPages(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB, clock *storetest.Clock) {
		e := startPages(t, db, clock, webtest.Options{})
		e.NewUser("sup@attune.test", "Sam Supervisor", attune.RoleSupervisor)
		t.Run("sign in and out", func(t *testing.T) { testSignIn(t, e) })
		t.Run("inbox", func(t *testing.T) { testInbox(t, e) })
		t.Run("conversation", func(t *testing.T) { testConversationPage(t, e) })
		t.Run("composer", func(t *testing.T) { testComposer(t, e) })
		t.Run("actions", func(t *testing.T) { testActions(t, e) })
		t.Run("customers", func(t *testing.T) { testCustomerPages(t, e) })
		t.Run("macros and roles", func(t *testing.T) { testMacroPages(t, e) })
		t.Run("portal", func(t *testing.T) { testPortal(t, e) })
		t.Run("widget", func(t *testing.T) { testWidget(t, e) })
		t.Run("static", func(t *testing.T) { testStatic(t, e) })
		t.Run("events", func(t *testing.T) { testEvents(t, e) })
		t.Run("xss", func(t *testing.T) { testXSS(t, e) })
	})
}

var formToken = regexp.MustCompile(`name="csrf_token" value="([^"]+)"`)

// publicForm fetches a public page and returns the signed token of its form.
func publicForm(t *testing.T, c *webtest.Client, path string) string {
	t.Helper()
	r := c.Do("GET", path, nil).Want(t, 200)
	m := formToken.FindSubmatch(r.Body)
	if m == nil {
		t.Fatalf("%s has no form token:\n%.2000s", path, r.Body)
	}
	return string(m[1])
}

func testSignIn(t *testing.T, e *webtest.Env) {
	v := e.Visitor()
	v.Do("GET", "/", nil).Want(t, 303)
	r := v.Do("GET", "/conversations/1", nil).Want(t, 303)
	if loc := r.Header.Get("Location"); loc != "/login?next=%2Fconversations%2F1" {
		t.Fatalf("Location = %q", loc)
	}
	r = v.Do("GET", "/login", nil).Want(t, 200).Contains(t, `<label for="email">Email</label>`, `<label for="password">Password</label>`, ">Sign in</button>")
	tok := formToken.FindSubmatch(r.Body)[1]

	// Every failure reads the same, whichever field was wrong.
	wrongPw := v.PostForm("/login", url.Values{"csrf_token": {string(tok)}, "email": {"agent@attune.test"}, "password": {"not the password"}}).Want(t, 401)
	noUser := v.PostForm("/login", url.Values{"csrf_token": {string(tok)}, "email": {"nobody@attune.test"}, "password": {webtest.Password}}).Want(t, 401)
	errText := regexp.MustCompile(`id="login-error">([^<]+)<`)
	a, b := errText.FindSubmatch(wrongPw.Body), errText.FindSubmatch(noUser.Body)
	if a == nil || b == nil || string(a[1]) != string(b[1]) || strings.Contains(strings.ToLower(string(a[1])), "password is") {
		t.Fatalf("errors differ or hint: %q vs %q", a, b)
	}
	v.PostForm("/login", url.Values{"email": {"agent@attune.test"}, "password": {webtest.Password}}).Want(t, 403)
	v.PostForm("/login", url.Values{"csrf_token": {"1.forged"}, "email": {"agent@attune.test"}, "password": {webtest.Password}}).Want(t, 403)
	v.PostForm("/login", url.Values{"csrf_token": {string(tok)}, "email": {"agent@attune.test"}, "password": {webtest.Password}}, "Origin", "https://evil.example").Want(t, 403)
	v.PostForm("/login", url.Values{"csrf_token": {string(tok)}, "email": {strings.Repeat("a", 5000)}, "password": {"x"}}).Want(t, 401)

	r = v.PostForm("/login", url.Values{"csrf_token": {string(tok)}, "email": {"agent@attune.test"}, "password": {webtest.Password}, "next": {"//evil.example/"}}).Want(t, 303)
	if loc := r.Header.Get("Location"); loc != "/" {
		t.Fatalf("open redirect: Location = %q", loc)
	}
	var session *http.Cookie
	for _, c := range r.Cookies() {
		if c.Name == web.SessionCookie {
			session = c
		}
	}
	if session == nil || !session.HttpOnly || session.SameSite != http.SameSiteLaxMode {
		t.Fatalf("session cookie = %+v", session)
	}
	r = v.Do("GET", "/", nil).Want(t, 200).Contains(t, "Inbox", "Sign out")
	csrf := regexp.MustCompile(`"X-CSRF-Token": "([^"]+)"`).FindSubmatch(r.Body)
	if csrf == nil {
		t.Fatal("the page carries no CSRF token for htmx")
	}
	v.Do("GET", "/login", nil).Want(t, 303)
	v.PostForm("/logout", nil).Want(t, 403) // no CSRF token
	v.PostForm("/logout", url.Values{"csrf_token": {string(csrf[1])}}).Want(t, 303)
	v.Do("GET", "/", nil).Want(t, 303)
}

func testInbox(t *testing.T, e *webtest.Env) {
	calm := open(t, e, "Ivy Ito", "ivy@example.com", "Where are invoices?", "Where do I find my invoices?", attune.ChannelEmail)
	furious := open(t, e, "Rosa Diaz", "rosa@example.com", "Charged twice", "I am furious. You charged me twice and my rent is due. This is the third time I write!", attune.ChannelPortal)
	e.Clock.Advance(4 * time.Hour)
	b := e.Browser("agent@attune.test")
	r := b.Do("GET", "/", nil).Want(t, 200)
	body := string(r.Body)
	if strings.Count(body, `data-testid="queue-item"`) < 2 {
		t.Fatalf("queue:\n%s", body)
	}
	if i, j := strings.Index(body, fmt.Sprintf(`data-id="%d"`, furious.ID)), strings.Index(body, fmt.Sprintf(`data-id="%d"`, calm.ID)); i < 0 || j < 0 || i > j {
		t.Fatalf("the furious customer is not above the calm one (%d, %d)", i, j)
	}
	reasons := regexp.MustCompile(`data-testid="priority-reasons">([^<]*)<`).FindStringSubmatch(body)
	if reasons == nil || !strings.Contains(reasons[1], "furious") || !strings.Contains(reasons[1], "rent at risk") || !strings.Contains(reasons[1], " · ") || !strings.Contains(reasons[1], "waiting 4 h") {
		t.Fatalf("reasons = %q", reasons)
	}
	r.Contains(t, "Rosa Diaz", "Charged twice", "I am furious", `data-testid="mood-chip"`, "waiting 4 h")

	// Sorts and filters, and nonsense in any of them, always give a page.
	for _, q := range []string{"sort=waiting", "sort=newest", "view=mine", "view=unassigned", "status=resolved", "status=any", "mood=angry",
		"channel=portal", "q=rosa", "team=1", "sort=sideways", "view=%00", "status=<script>", "mood=%25", "channel=fax", "team=-1",
		"cursor=garbage", "q=" + strings.Repeat("x", 300)} {
		r := b.Do("GET", "/?"+q, nil).Want(t, 200)
		if strings.Contains(string(r.Body), "<script>") && !strings.Contains(q, "script") {
			t.Fatalf("%s: unexpected script", q)
		}
	}
	b.Do("GET", "/?channel=fax", nil).Contains(t, "weren&#39;t understood")
	r = b.Do("GET", "/?mood=angry", nil).Want(t, 200)
	if !strings.Contains(string(r.Body), "Rosa Diaz") || strings.Contains(string(r.Body), "Ivy Ito") {
		t.Fatal("mood filter")
	}
	b.Do("GET", "/?channel=phone", nil).Contains(t, "No conversations match these filters")
	b.Do("GET", "/?view=mine", nil).Contains(t, "Assigned to you", "No conversations match")
	// htmx gets just the list.
	r = b.Do("GET", "/?sort=newest", nil, "HX-Request", "true").Want(t, 200)
	if strings.Contains(string(r.Body), "<html") || !strings.Contains(string(r.Body), `id="queue"`) {
		t.Fatalf("fragment:\n%.500s", r.Body)
	}
}

func testConversationPage(t *testing.T, e *webtest.Env) {
	c := open(t, e, "Nora Njoku", "nora@example.com", "Parcel late", "I'm worried, my parcel is late and I need it by Friday.", attune.ChannelWidget)
	ctx := context.Background()
	if _, err := e.Desk.AddMessage(ctx, c.ID, attune.NewMessage{Body: "Thanks for checking, I appreciate it.", Author: attune.AuthorCustomer}, attune.Actor{}); err != nil {
		t.Fatal(err)
	}
	agent := e.Agent.Agent
	if _, err := e.Desk.AddMessage(ctx, c.ID, attune.NewMessage{Body: "Courier says Thursday.", Author: attune.AuthorAgent, Internal: true, AgentID: &agent.ID}, attune.Actor{AgentID: &agent.ID}); err != nil {
		t.Fatal(err)
	}
	tz, pref, facts := "Europe/Lisbon", "Nora", []string{"ordering a gift for her mum"}
	if _, err := e.Services.Customers.UpdateCustomer(ctx, c.CustomerID, attune.CustomerInput{Timezone: &tz, PreferredName: &pref, Remember: &facts}, attune.SystemActor()); err != nil {
		t.Fatal(err)
	}
	b := e.Browser("agent@attune.test")
	path := fmt.Sprintf("/conversations/%d", c.ID)
	r := b.Do("GET", path, nil).Want(t, 200)
	body := string(r.Body)
	if n := strings.Count(body, `data-testid="message"`); n != 3 {
		t.Fatalf("%d messages", n)
	}
	r.Contains(t, `data-testid="emotion-chip"`, `data-figure="mood:anxious"`, `<span class="ev" data-figures="mood:anxious"`, ">worried</span>",
		`data-testid="urgency-chip"`, "needed soon", `msg-note`, "Internal note", `data-testid="customer-panel"`, "Goes by", "Nora",
		"Europe/Lisbon", "ordering a gift for her mum", `data-testid="reply-box"`, `<label for="reply-box" class="composer-label">Reply</label>`,
		`data-testid="coach-panel"`, `data-testid="send-reply"`, `hx-trigger="input changed delay:350ms, coach-refresh"`,
		"Mood across this conversation", "mood lifting", `class="chart"`, "Saved replies", "Hi Nora,", "Abe Agent")
	if strings.Contains(body, "{{customer.first_name}}</button>") {
		t.Fatal("macro placeholders not filled")
	}
	// An agent doesn't see the audit history; a supervisor does.
	if strings.Contains(body, "History <span") {
		t.Fatal("agent sees supervisor history")
	}
	e.Browser("sup@attune.test").Do("GET", path, nil).Want(t, 200).Contains(t, "History <span")

	r = b.Do("GET", path+"/thread", nil, "HX-Request", "true").Want(t, 200)
	if strings.Contains(string(r.Body), "<html") || strings.Count(string(r.Body), `data-testid="message"`) != 3 {
		t.Fatalf("thread fragment:\n%.500s", r.Body)
	}
	for _, bad := range []string{"/conversations/999999", "/conversations/abc", "/conversations/-1", "/conversations/99999999999999999999"} {
		b.Do("GET", bad, nil).Want(t, 404).Contains(t, "We couldn&#39;t find that")
		b.Do("GET", bad+"/thread", nil).Want(t, 404)
	}
}

func testComposer(t *testing.T, e *webtest.Env) {
	c := open(t, e, "Omar Okafor", "omar@example.com", "Locked out", "I'm locked out and frustrated.", attune.ChannelPortal)
	b := e.Browser("agent@attune.test")
	path := fmt.Sprintf("/conversations/%d", c.ID)

	// The coach panel, for a draft, with no click.
	r := b.PostForm(path+"/coach", url.Values{"body": {"Calm down, that's our policy."}}, "HX-Request", "true").Want(t, 200)
	r.Contains(t, `data-testid="coach-panel"`, `id="coach-panel"`)
	if strings.Contains(string(r.Body), "<html") {
		t.Fatal("coach panel is a whole page")
	}
	if e.Handler.Coach != nil {
		r.Contains(t, `data-testid="empathy-score"`)
	}
	b.PostForm(path+"/coach", url.Values{"body": {strings.Repeat("x", attune.MaxBodyLen+1)}}, "HX-Request", "true").Want(t, 422)
	b.PostForm("/conversations/999999/coach", url.Values{"body": {"hi"}}, "HX-Request", "true").Want(t, 404)
	noCSRF := *b
	noCSRF.CSRF = ""
	noCSRF.PostForm(path+"/coach", url.Values{"body": {"hi"}}).Want(t, 403)

	// Replying while the customer types counts as interrupting.
	if err := e.Workspace.SetTyping(context.Background(), c.ID, attune.AuthorCustomer); err != nil {
		t.Fatal(err)
	}
	b.PostForm(path+"/coach", url.Values{"body": {"Hello"}}, "HX-Request", "true").Want(t, 200).Contains(t, `data-testid="interrupting"`, "is typing right now")
	b.Do("GET", path, nil).Want(t, 200).Contains(t, `data-testid="customer-typing"`, "Omar is typing")
	e.Clock.Advance(attune.TypingFresh + time.Second)
	if r := b.PostForm(path+"/coach", url.Values{"body": {"Hello"}}, "HX-Request", "true").Want(t, 200); strings.Contains(string(r.Body), "interrupting") {
		t.Fatal("still interrupting after the customer stopped typing")
	}

	// Send: htmx gets the new thread and an event that clears the composer.
	r = b.PostForm(path+"/reply", url.Values{"body": {"I'm sorry you're locked out, Omar. I've reset it; try now?"}}, "HX-Request", "true").Want(t, 200)
	if r.Header.Get("HX-Trigger") != "replySent" || strings.Count(string(r.Body), `data-testid="message"`) != 2 {
		t.Fatalf("reply: trigger %q\n%.1000s", r.Header.Get("HX-Trigger"), r.Body)
	}
	r = b.PostForm(path+"/reply", url.Values{"body": {"Reset done via admin."}, "internal": {"1"}}).Want(t, 303)
	if !strings.HasSuffix(r.Header.Get("Location"), "done=sent") {
		t.Fatalf("Location = %q", r.Header.Get("Location"))
	}
	b.Do("GET", path, nil).Contains(t, "Reset done via admin.", "msg-note")
	// Bad input: empty, whitespace, too long, too large, hostile, forged.
	r = b.PostForm(path+"/reply", url.Values{"body": {"   "}}, "HX-Request", "true").Want(t, 422)
	if r.Header.Get("HX-Retarget") != "#composer-error" {
		t.Fatalf("422 retarget = %q", r.Header.Get("HX-Retarget"))
	}
	b.PostForm(path+"/reply", url.Values{"body": {""}}).Want(t, 422).Contains(t, "Please add a message")
	b.PostForm(path+"/reply", url.Values{"body": {strings.Repeat("é", attune.MaxBodyLen+1)}}).Want(t, 422).Contains(t, "too long")
	b.PostForm(path+"/reply", url.Values{"body": {strings.Repeat("x", 2<<20)}}).Want(t, 413)
	b.PostForm(path+"/reply", url.Values{"body": {"ok\x00\xff"}}, "HX-Request", "true").Want(t, 200)
	noCSRF.PostForm(path+"/reply", url.Values{"body": {"forged"}}).Want(t, 403)
	b.PostForm(path+"/reply", url.Values{"body": {"cross-site"}}, "Origin", "https://evil.example").Want(t, 403)
	b.PostForm("/conversations/999999/reply", url.Values{"body": {"hi"}}).Want(t, 404)
	msgs, _ := e.Services.Conversations.Messages(context.Background(), c.ID)
	for _, m := range msgs {
		if strings.Contains(m.Body, "forged") || strings.Contains(m.Body, "cross-site") || strings.ContainsRune(m.Body, 0) {
			t.Fatalf("stored %q", m.Body)
		}
	}
}

func testActions(t *testing.T, e *webtest.Env) {
	c := open(t, e, "Pat Park", "pat@example.com", "Question", "How do I change my plan?", attune.ChannelEmail)
	b := e.Browser("agent@attune.test")
	path := fmt.Sprintf("/conversations/%d", c.ID)
	team, err := e.Services.Agents.CreateTeam(context.Background(), "Billing")
	if err != nil {
		t.Fatal(err)
	}
	b.PostForm(path+"/assign", url.Values{"assignee_id": {"me"}}).Want(t, 303)
	b.PostForm(path+"/assign", url.Values{"team_id": {fmt.Sprint(team.ID)}}).Want(t, 303)
	b.Do("GET", "/?view=mine", nil).Want(t, 200).Contains(t, "Pat Park")
	b.Do("GET", fmt.Sprintf("/?team=%d", team.ID), nil).Want(t, 200).Contains(t, "Pat Park")
	b.PostForm(path+"/assign", url.Values{"assignee_id": {"999999"}}).Want(t, 422).Contains(t, "isn&#39;t an active member")
	b.PostForm(path+"/assign", url.Values{"assignee_id": {"bogus"}}).Want(t, 422)
	b.PostForm(path+"/tags", url.Values{"tags": {"Billing, refund ,billing"}}).Want(t, 303)
	b.Do("GET", path, nil).Contains(t, `<span class="tag">billing</span>`, `<span class="tag">refund</span>`)
	many := make([]string, 30)
	for i := range many {
		many[i] = fmt.Sprintf("tag%d", i)
	}
	b.PostForm(path+"/tags", url.Values{"tags": {strings.Join(many, ",")}}).Want(t, 422).Contains(t, "too many tags")
	b.PostForm(path+"/snooze", url.Values{"when": {"4h"}}).Want(t, 303)
	got, _ := e.Services.Conversations.Conversation(context.Background(), c.ID)
	if got.Status != attune.StatusSnoozed || got.SnoozedUntil == nil || got.SnoozedUntil.Sub(e.Clock.Now()) != 4*time.Hour {
		t.Fatalf("snoozed: %s until %v", got.Status, got.SnoozedUntil)
	}
	b.PostForm(path+"/snooze", url.Values{"when": {"custom"}, "at": {"2026-13-45T99:99"}}).Want(t, 422)
	b.PostForm(path+"/snooze", url.Values{"when": {"custom"}, "at": {"2001-01-01T09:00"}}).Want(t, 422)
	b.PostForm(path+"/snooze", url.Values{"when": {"custom"}, "at": {e.Clock.Now().Add(48 * time.Hour).Format("2006-01-02T15:04")}, "tz_offset": {"-60"}}).Want(t, 303)
	b.PostForm(path+"/status", url.Values{"status": {"snoozed"}}).Want(t, 422)
	b.PostForm(path+"/status", url.Values{"status": {"vanished"}}).Want(t, 422)
	b.PostForm(path+"/follow-ups", url.Values{"when": {"3d"}, "note": {"check the new plan works"}}).Want(t, 303)
	b.PostForm(path+"/follow-ups", url.Values{"when": {"yesterday"}}).Want(t, 422)
	b.PostForm(path+"/follow-ups", url.Values{"when": {"3d"}, "note": {strings.Repeat("n", 600)}}).Want(t, 422)
	r := b.Do("GET", path+"?done=follow-up", nil).Want(t, 200).Contains(t, "check the new plan works", "Follow-up scheduled")
	fid := regexp.MustCompile(`/follow-ups/(\d+)/cancel`).FindSubmatch(r.Body)
	if fid == nil {
		t.Fatal("no cancel form")
	}
	b.PostForm(path+"/follow-ups/"+string(fid[1])+"/cancel", nil).Want(t, 303)
	b.PostForm(path+"/follow-ups/"+string(fid[1])+"/cancel", nil).Want(t, 404)
	b.PostForm(path+"/follow-ups/x/cancel", nil).Want(t, 404)
	// Resolve is the 'e' shortcut's form.
	b.PostForm(path+"/status", url.Values{"status": {"resolved"}}).Want(t, 303)
	b.Do("GET", path, nil).Contains(t, "Reopen")
	noCSRF := *b
	noCSRF.CSRF = ""
	noCSRF.PostForm(path+"/status", url.Values{"status": {"open"}}).Want(t, 403)
	b.PostForm("/conversations/999999/status", url.Values{"status": {"open"}}).Want(t, 404)
}

func testCustomerPages(t *testing.T, e *webtest.Env) {
	c := open(t, e, "Quinn Quill", "quinn@example.com", "First", "I'm frustrated, it broke.", attune.ChannelEmail)
	open(t, e, "Quinn Quill", "quinn@example.com", "Second", "Thank you so much, I appreciate it!", attune.ChannelEmail)
	b := e.Browser("agent@attune.test")
	b.Do("GET", "/customers", nil).Want(t, 200).Contains(t, "Quinn Quill", `data-testid="customer-row"`)
	b.Do("GET", "/customers?q=quinn", nil).Want(t, 200).Contains(t, "Quinn Quill")
	b.Do("GET", "/customers?q=zzzzzz", nil).Want(t, 200).Contains(t, "No one matches")
	b.Do("GET", "/customers?q="+strings.Repeat("q", 500), nil).Want(t, 200).Contains(t, "too long")
	b.Do("GET", "/customers?offset=-5", nil).Want(t, 200)
	b.Do("GET", "/customers?offset=abc", nil).Want(t, 200)
	path := fmt.Sprintf("/customers/%d", c.CustomerID)
	b.Do("GET", path, nil).Want(t, 200).Contains(t, `data-testid="customer-profile"`, `data-testid="sentiment-chart"`, "First", "Second", "How Quinn has felt")
	b.Do("GET", "/customers/999999", nil).Want(t, 404)
	b.Do("GET", "/customers/nope", nil).Want(t, 404)

	r := b.PostForm(path+"/remember", url.Values{"remember": {"prefers email\n\n  likes short answers  "}}, "HX-Request", "true").Want(t, 200)
	r.Contains(t, `id="remember"`, "prefers email", "likes short answers")
	if strings.Contains(string(r.Body), "<html") {
		t.Fatal("remember should be a fragment")
	}
	cu, _ := e.Services.Customers.Customer(context.Background(), c.CustomerID)
	if len(cu.Remember) != 2 || cu.Remember[1] != "likes short answers" {
		t.Fatalf("remember = %q", cu.Remember)
	}
	b.PostForm(path+"/remember", url.Values{"remember": {strings.Repeat("fact\n", 30)}}, "HX-Request", "true").Want(t, 422).Contains(t, "too many")
	b.PostForm(path+"/remember", url.Values{"remember": {strings.Repeat("x", 400)}}, "HX-Request", "true").Want(t, 422)
	b.PostForm(path+"/remember", url.Values{"remember": {"no js", ""}, "back": {"https://evil.example"}}).Want(t, 303)
	b.PostForm("/customers/999999/remember", url.Values{"remember": {"x"}}).Want(t, 404)
}

func testMacroPages(t *testing.T, e *webtest.Env) {
	agent, sup := e.Browser("agent@attune.test"), e.Browser("sup@attune.test")
	agent.Do("GET", "/macros", nil).Want(t, 403).Contains(t, "Your role doesn&#39;t include this")
	agent.PostForm("/macros", url.Values{"name": {"x"}, "body": {"y"}}).Want(t, 403)
	if r := agent.Do("GET", "/", nil); strings.Contains(string(r.Body), `href="/macros"`) {
		t.Fatal("agents see the saved replies link")
	}
	sup.Do("GET", "/macros", nil).Want(t, 200).Contains(t, "Warm greeting", "{{customer.first_name}}")
	sup.PostForm("/macros", url.Values{"name": {"Shipping delay"}, "body": {"Hi {{customer.first_name}}, your parcel is on its way."}}).Want(t, 303)
	sup.PostForm("/macros", url.Values{"name": {""}, "body": {""}}).Want(t, 422).Contains(t, "Please add a name")
	sup.PostForm("/macros", url.Values{"name": {"Shipping delay"}, "body": {"again"}}).Want(t, 422).Contains(t, "already exists")
	r := sup.Do("GET", "/macros", nil).Contains(t, "Shipping delay")
	id := regexp.MustCompile(`/macros/(\d+)/delete"[^>]*><input type="hidden" name="csrf_token" value="[^"]*"><button type="submit" class="btn-link danger">Remove<span class="visually-hidden"> Shipping delay`).FindSubmatch(r.Body)
	if id == nil {
		t.Fatal("no delete form for the new macro")
	}
	sup.PostForm("/macros/"+string(id[1])+"/delete", nil).Want(t, 303)
	sup.PostForm("/macros/"+string(id[1])+"/delete", nil).Want(t, 404)
	e.Anonymous().Do("GET", "/macros", nil).Want(t, 200).Contains(t, "Sign in") // redirected to the sign-in page
}

func testPortal(t *testing.T, e *webtest.Env) {
	v := e.Visitor()
	r := v.Do("GET", "/help", nil).Want(t, 200).Contains(t, `<label for="name">Name</label>`, `<label for="email">Email</label>`,
		`<label for="message">Message</label>`, ">Send</button>", `id="help-kb"`)
	if r.Header.Get("X-Frame-Options") != "DENY" {
		t.Fatal("the help page may be framed")
	}
	tok := publicForm(t, v, "/help")
	r = v.PostForm("/help", url.Values{"csrf_token": {tok}, "name": {"Vera Vance"}, "email": {"vera@example.com"}, "message": {"My order #1234 never arrived and I'm worried."}}).Want(t, 303)
	loc := r.Header.Get("Location")
	if !strings.HasPrefix(loc, "/p/att_p_") || !strings.HasSuffix(loc, "?sent=1") {
		t.Fatalf("Location = %q", loc)
	}
	link := strings.TrimSuffix(loc, "?sent=1")
	// It is in the inbox at once, on the portal channel.
	e.Browser("agent@attune.test").Do("GET", "/?channel=portal", nil).Want(t, 200).Contains(t, "Vera Vance", "never arrived")
	r = v.Do("GET", loc, nil).Want(t, 200).Contains(t, "Thank you", `data-testid="private-link"`, "never arrived", "You")
	// The path holds the private token: it must never leave the site in a Referer.
	if r.Header.Get("Referrer-Policy") != "same-origin" {
		t.Fatal("the private link could leak through Referer")
	}
	page, err := e.Services.Conversations.Conversations(context.Background(), attune.ConversationFilter{Query: "vera@example.com"})
	if err != nil || len(page.Items) != 1 || page.Items[0].Channel != attune.ChannelPortal {
		t.Fatalf("conversation: %+v %v", page, err)
	}
	conv := page.Items[0]
	agent := e.Agent.Agent
	ctx := context.Background()
	if _, err := e.Desk.AddMessage(ctx, conv.ID, attune.NewMessage{Body: "Secret internal note", Author: attune.AuthorAgent, Internal: true, AgentID: &agent.ID}, attune.Actor{AgentID: &agent.ID}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Desk.AddMessage(ctx, conv.ID, attune.NewMessage{Body: "I'm so sorry, Vera. I've found it.", Author: attune.AuthorAgent, AgentID: &agent.ID}, attune.Actor{AgentID: &agent.ID}); err != nil {
		t.Fatal(err)
	}
	r = v.Do("GET", link, nil).Want(t, 200).Contains(t, "I&#39;m so sorry, Vera", "Abe from the support team")
	if strings.Contains(string(r.Body), "Secret internal note") || strings.Contains(string(r.Body), "Agent</") {
		t.Fatal("the customer sees an internal note")
	}
	ptok := string(formToken.FindSubmatch(r.Body)[1])
	v.PostForm(link+"/messages", url.Values{"csrf_token": {ptok}, "message": {"Thank you!"}}).Want(t, 303)
	v.Do("GET", link+"/thread", nil).Want(t, 200).Contains(t, "Thank you!")
	v.PostForm(link+"/messages", url.Values{"csrf_token": {ptok}, "message": {"  "}}).Want(t, 422).Contains(t, "Your reply is empty")
	v.PostForm(link+"/messages", url.Values{"csrf_token": {ptok}, "message": {strings.Repeat("ü", attune.MaxBodyLen+1)}}).Want(t, 422).Contains(t, "longer than we can take")
	v.PostForm(link+"/messages", url.Values{"csrf_token": {ptok}, "message": {strings.Repeat("x", 2<<20)}}).Want(t, 413)
	v.PostForm(link+"/messages", url.Values{"csrf_token": {tok}, "message": {"wrong scope"}}).Want(t, 403)
	v.PostForm(link+"/messages", url.Values{"csrf_token": {ptok}, "message": {"cross-site"}}, "Origin", "https://evil.example").Want(t, 403)
	// The typing signal.
	v.PostForm(link+"/typing", url.Values{"csrf_token": {ptok}}).Want(t, 204)
	v.PostForm(link+"/typing", nil).Want(t, 403)
	// Links that open nothing.
	for _, bad := range []string{"/p/att_p_nope", "/p/" + strings.Repeat("a", 300), "/p/%3Cscript%3E", "/w/att_p_nope"} {
		v.Do("GET", bad, nil).Want(t, 404).Contains(t, "This link doesn")
	}
	v.PostForm("/p/att_p_nope/messages", url.Values{"message": {"x"}}).Want(t, 404)
	v.PostForm("/p/att_p_nope/typing", nil).Want(t, 404)

	// Bad input on the form: empty, not an email, oversized, forged.
	tok = publicForm(t, v, "/help")
	r = v.PostForm("/help", url.Values{"csrf_token": {tok}, "name": {""}, "email": {"not-an-email"}, "message": {""}}).Want(t, 422)
	r.Contains(t, `id="name-err"`, `id="email-err"`, `id="message-err"`, "It should look like name@example.com", "Please write a message")
	v.PostForm("/help", url.Values{"csrf_token": {tok}, "name": {"Big"}, "email": {"big@example.com"}, "message": {strings.Repeat("m", attune.MaxBodyLen+1)}}).Want(t, 422).Contains(t, "longer than we can take")
	v.PostForm("/help", url.Values{"csrf_token": {tok}, "name": {strings.Repeat("n", 300)}, "email": {"big@example.com"}, "message": {"hi"}}).Want(t, 422)
	v.PostForm("/help", url.Values{"csrf_token": {tok}, "name": {"Big"}, "email": {"big@example.com"}, "message": {strings.Repeat("m", 2<<20)}}).Want(t, 413).Contains(t, "more than we can take")
	v.PostForm("/help", url.Values{"name": {"No token"}, "email": {"nt@example.com"}, "message": {"hi"}}).Want(t, 403).Contains(t, "This form has expired", "hi")
	v.PostForm("/help", url.Values{"csrf_token": {"zzzz.abc"}, "name": {"Forged"}, "email": {"f@example.com"}, "message": {"hi"}}).Want(t, 403)
	v.PostForm("/help", url.Values{"csrf_token": {tok}, "name": {"Cross"}, "email": {"c@example.com"}, "message": {"hi"}}, "Origin", "https://evil.example").Want(t, 403)
	e.Clock.Advance(25 * time.Hour)
	v.PostForm("/help", url.Values{"csrf_token": {tok}, "name": {"Late"}, "email": {"late@example.com"}, "message": {"hi"}}).Want(t, 403)

	// Five new conversations per address per ten minutes; the sixth is asked to wait.
	tok = publicForm(t, v, "/help")
	for i := 0; i < 5; i++ {
		v.PostForm("/help", url.Values{"csrf_token": {tok}, "name": {"Ray"}, "email": {fmt.Sprintf("ray%d@example.com", i)}, "message": {"hello"}}).Want(t, 303)
	}
	v.PostForm("/help", url.Values{"csrf_token": {tok}, "name": {"Ray"}, "email": {"ray9@example.com"}, "message": {"hello"}}).Want(t, 429).Contains(t, "try again shortly")
	e.Clock.Advance(11 * time.Minute)
	v.PostForm("/help", url.Values{"csrf_token": {tok}, "name": {"Ray"}, "email": {"ray9@example.com"}, "message": {"hello"}}).Want(t, 303)
}

func testWidget(t *testing.T, e *webtest.Env) {
	v := e.Visitor()
	r := v.Do("GET", "/widget.js", nil).Want(t, 200).Contains(t, `origin + "/widget"`)
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/javascript") {
		t.Fatalf("Content-Type = %q", ct)
	}
	r = v.Do("GET", "/widget", nil).Want(t, 200).Contains(t, `action="/widget"`, ">Send</button>")
	if csp := r.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "frame-ancestors *") || !strings.Contains(csp, "script-src 'self'") || r.Header.Get("X-Frame-Options") != "" {
		t.Fatalf("widget headers: CSP %q, XFO %q", csp, r.Header.Get("X-Frame-Options"))
	}
	tok := string(formToken.FindSubmatch(r.Body)[1])
	helpTok := publicForm(t, v, "/help")
	v.PostForm("/widget", url.Values{"csrf_token": {helpTok}, "name": {"W"}, "email": {"w@example.com"}, "message": {"hi"}}).Want(t, 403)
	r = v.PostForm("/widget", url.Values{"csrf_token": {tok}, "name": {"Wes Widget"}, "email": {"wes@example.com"}, "message": {"Does this work on mobile?"}}).Want(t, 303)
	loc := r.Header.Get("Location")
	if !strings.HasPrefix(loc, "/w/att_p_") {
		t.Fatalf("Location = %q", loc)
	}
	r = v.Do("GET", loc, nil).Want(t, 200).Contains(t, "Does this work on mobile?", `name="view" value="widget"`)
	if !strings.Contains(r.Header.Get("Content-Security-Policy"), "frame-ancestors *") {
		t.Fatal("the widget's conversation can't be framed")
	}
	p := strings.Replace(strings.TrimSuffix(loc, "?sent=1"), "/w/", "/p/", 1)
	if r := v.Do("GET", p, nil).Want(t, 200); !strings.Contains(r.Header.Get("Content-Security-Policy"), "frame-ancestors 'none'") {
		t.Fatal("the portal page may be framed")
	}
	page, _ := e.Services.Conversations.Conversations(context.Background(), attune.ConversationFilter{Query: "wes@example.com"})
	if len(page.Items) != 1 || page.Items[0].Channel != attune.ChannelWidget {
		t.Fatalf("widget conversation: %+v", page.Items)
	}
	ptok := string(formToken.FindSubmatch(r.Body)[1])
	r = v.PostForm(p+"/messages", url.Values{"csrf_token": {ptok}, "message": {"More detail"}, "view": {"widget"}}).Want(t, 303)
	if !strings.HasPrefix(r.Header.Get("Location"), "/w/") {
		t.Fatalf("widget reply went to %q", r.Header.Get("Location"))
	}
}

func testStatic(t *testing.T, e *webtest.Env) {
	v := e.Visitor()
	r := v.Do("GET", "/login", nil).Want(t, 200)
	css := regexp.MustCompile(`href="(/static/app\.css\?v=[0-9a-f]+)"`).FindSubmatch(r.Body)
	js := regexp.MustCompile(`src="(/static/vendor/htmx-2\.0\.11\.min\.js\?v=[0-9a-f]+)"`).FindSubmatch(r.Body)
	if css == nil || js == nil {
		t.Fatal("the layout lacks fingerprinted assets")
	}
	if r := v.Do("GET", string(css[1]), nil).Want(t, 200); !strings.Contains(r.Header.Get("Cache-Control"), "immutable") || !strings.HasPrefix(r.Header.Get("Content-Type"), "text/css") {
		t.Fatalf("css headers %v", r.Header)
	}
	v.Do("GET", string(js[1]), nil).Want(t, 200).Contains(t, "htmx")
	v.Do("GET", "/static/app.js", nil).Want(t, 200)
	for _, bad := range []string{"/static/nope.js", "/static/vendor/README.md", "/static/../pages.go", "/static/%2e%2e/pages.go"} {
		if r := v.Do("GET", bad, nil); r.StatusCode != 404 && r.StatusCode != 400 && r.StatusCode != 307 {
			t.Fatalf("%s: %d", bad, r.StatusCode)
		}
	}
	// No template has inline script or inline style: the CSP would block them.
	for _, path := range []string{"/login", "/help", "/widget"} {
		body := string(v.Do("GET", path, nil).Body)
		if regexp.MustCompile(`<script>|<script [^>]*>[^<]|style="| on[a-z]+="|hx-on`).MatchString(body) {
			t.Fatalf("%s has inline script or style", path)
		}
	}
}
