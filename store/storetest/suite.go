package storetest

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/attune-desk/attune"
	"github.com/attune-desk/attune/kb"
	"github.com/attune-desk/attune/store"
	"github.com/attune-desk/attune/triage"
)

// Services are the store's services over one database.
type Services struct {
	Agents        *store.AgentService
	Auth          *store.AuthService
	Customers     *store.CustomerService
	Conversations *store.ConversationService
	Audit         *store.AuditService
	KB            *store.KnowledgeBase
}

// NewServices builds every service over db with Attune's default priority weights.
func NewServices(db *store.DB) Services {
	return Services{
		Agents:        store.NewAgentService(db),
		Auth:          store.NewAuthService(db),
		Customers:     store.NewCustomerService(db),
		Conversations: store.NewConversationService(db, triage.NewPrioritizer(triage.DefaultWeights())),
		Audit:         store.NewAuditService(db),
		KB:            store.NewKnowledgeBase(db, kb.DefaultThesaurus()),
	}
}

// Run is the behaviour suite every backend must pass.
func Run(t *testing.T, db *store.DB, clock *Clock) {
	s := NewServices(db)
	t.Run("agents", func(t *testing.T) { testAgents(t, s) })
	t.Run("auth", func(t *testing.T) { testAuth(t, s, clock) })
	t.Run("customers", func(t *testing.T) { testCustomers(t, s) })
	t.Run("conversations", func(t *testing.T) { testConversations(t, s, clock) })
	t.Run("queue", func(t *testing.T) { testQueue(t, s, clock) })
	t.Run("concurrent writers", func(t *testing.T) { testConcurrentWriters(t, s) })
	t.Run("knowledge base", func(t *testing.T) { testKnowledgeBase(t, db, s, clock) })
	t.Run("reanalyze", func(t *testing.T) { testReanalyze(t, s) })
	t.Run("workspace", func(t *testing.T) { testWorkspace(t, db, s, clock) })
}

func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if got := attune.ErrorCode(err); got != code {
		t.Fatalf("error code = %q (%v), want %q", got, err, code)
	}
}

func must[T any](t *testing.T) func(v T, err error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

func testAgents(t *testing.T, s Services) {
	ctx := context.Background()
	a := must[*attune.Agent](t)(s.Agents.CreateAgent(ctx, attune.NewAgent{Email: " Ana@Example.com ", Name: "Ana Ruiz", Role: attune.RoleSupervisor, Password: "correct horse battery"}))
	if a.Email != "ana@example.com" || a.Role != attune.RoleSupervisor || !a.Active {
		t.Fatalf("agent = %+v", a)
	}
	_, err := s.Agents.CreateAgent(ctx, attune.NewAgent{Email: "ana@example.com", Name: "Other", Password: "correct horse battery"})
	wantCode(t, err, attune.ECONFLICT)
	_, err = s.Agents.CreateAgent(ctx, attune.NewAgent{Email: "not-an-email", Name: "", Role: "boss", Password: "short"})
	wantCode(t, err, attune.EINVALID)
	for _, field := range []string{"email", "name", "role", "password"} {
		if attune.ErrorFields(err)[field] == "" {
			t.Errorf("no message for field %s in %v", field, attune.ErrorFields(err))
		}
	}
	team := must[*attune.Team](t)(s.Agents.CreateTeam(ctx, "Billing"))
	_, err = s.Agents.CreateTeam(ctx, "Billing")
	wantCode(t, err, attune.ECONFLICT)
	if err := s.Agents.AddTeamMember(ctx, team.ID, a.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.Agents.AddTeamMember(ctx, team.ID, a.ID); err != nil {
		t.Fatalf("adding twice: %v", err)
	}
	wantCode(t, s.Agents.AddTeamMember(ctx, team.ID, 99999), attune.ENOTFOUND)
	got := must[*attune.Agent](t)(s.Agents.AgentByEmail(ctx, "ANA@example.com"))
	if len(got.TeamIDs) != 1 || got.TeamIDs[0] != team.ID {
		t.Fatalf("team ids = %v", got.TeamIDs)
	}
	_, err = s.Agents.Agent(ctx, 424242)
	wantCode(t, err, attune.ENOTFOUND)
	all := must[[]attune.Agent](t)(s.Agents.Agents(ctx))
	if len(all) != 1 {
		t.Fatalf("agents = %d", len(all))
	}
}

func testAuth(t *testing.T, s Services, clock *Clock) {
	ctx := context.Background()
	a := must[*attune.Agent](t)(s.Agents.CreateAgent(ctx, attune.NewAgent{Email: "sam@example.com", Name: "Sam", Password: "a long passphrase"}))
	if _, err := s.Auth.Authenticate(ctx, "SAM@example.com", "a long passphrase"); err != nil {
		t.Fatalf("good password refused: %v", err)
	}
	_, errWrongPw := s.Auth.Authenticate(ctx, "sam@example.com", "wrong passphrase")
	_, errNoUser := s.Auth.Authenticate(ctx, "nobody@example.com", "a long passphrase")
	wantCode(t, errWrongPw, attune.EUNAUTHORIZED)
	if attune.ErrorMessage(errWrongPw) != attune.ErrorMessage(errNoUser) {
		t.Fatal("sign-in errors must not say which part was wrong")
	}

	secret, sess, err := s.Auth.CreateSession(ctx, a.ID, time.Hour)
	if err != nil || sess.CSRFToken == "" || len(secret) < 40 {
		t.Fatalf("session: %q %+v %v", secret, sess, err)
	}
	_, who, err := s.Auth.Session(ctx, secret)
	if err != nil || who.ID != a.ID {
		t.Fatalf("session lookup: %v %v", who, err)
	}
	_, _, err = s.Auth.Session(ctx, secret+"x")
	wantCode(t, err, attune.EUNAUTHORIZED)
	clock.Advance(2 * time.Hour)
	_, _, err = s.Auth.Session(ctx, secret)
	wantCode(t, err, attune.EUNAUTHORIZED)

	secret, _, _ = s.Auth.CreateSession(ctx, a.ID, time.Hour)
	if err := s.Auth.DeleteSession(ctx, secret); err != nil {
		t.Fatal(err)
	}
	_, _, err = s.Auth.Session(ctx, secret)
	wantCode(t, err, attune.EUNAUTHORIZED)

	tok, _, err := s.Auth.CreateToken(ctx, a.ID, "reporting")
	if err != nil || !strings.HasPrefix(tok, "att_") {
		t.Fatalf("token %q %v", tok, err)
	}
	if who, err := s.Auth.TokenAgent(ctx, tok); err != nil || who.ID != a.ID {
		t.Fatalf("token lookup %v %v", who, err)
	}
	_, err = s.Auth.TokenAgent(ctx, "att_nope")
	wantCode(t, err, attune.EUNAUTHORIZED)
	_, _, err = s.Auth.CreateToken(ctx, a.ID, "  ")
	wantCode(t, err, attune.EINVALID)

	// A deactivated agent can no longer sign in or use a token.
	if err := s.Agents.SetAgentActive(ctx, a.ID, false); err != nil {
		t.Fatal(err)
	}
	_, err = s.Auth.Authenticate(ctx, "sam@example.com", "a long passphrase")
	wantCode(t, err, attune.EUNAUTHORIZED)
	_, err = s.Auth.TokenAgent(ctx, tok)
	wantCode(t, err, attune.EUNAUTHORIZED)

	for i := 0; i < 5; i++ {
		ok, err := s.Auth.LoginAllowed(ctx, "sam@example.com", "10.0.0.1")
		if err != nil || !ok {
			t.Fatalf("attempt %d refused early: %v", i, err)
		}
		if err := s.Auth.RecordLoginFailure(ctx, "sam@example.com", "10.0.0.1"); err != nil {
			t.Fatal(err)
		}
	}
	if ok, _ := s.Auth.LoginAllowed(ctx, "sam@example.com", "10.0.0.2"); ok {
		t.Fatal("sixth attempt on one account allowed")
	}
	if ok, _ := s.Auth.LoginAllowed(ctx, "other@example.com", "10.0.0.2"); !ok {
		t.Fatal("another account on another address refused")
	}
	clock.Advance(16 * time.Minute)
	if ok, _ := s.Auth.LoginAllowed(ctx, "sam@example.com", "10.0.0.1"); !ok {
		t.Fatal("still refused after the window")
	}
}

func ptr[T any](v T) *T { return &v }

func testCustomers(t *testing.T, s Services) {
	ctx := context.Background()
	c := must[*attune.Customer](t)(s.Customers.CreateCustomer(ctx, attune.CustomerInput{
		Name: ptr("Maria\x00 Lopez"), Email: ptr("maria@example.com"), Timezone: ptr("Europe/Madrid"),
		Tags: ptr([]string{"VIP", "vip", " beta "}), Remember: ptr([]string{"daughter's wedding on the 14th"}),
		Attributes: ptr(map[string]string{"plan": "Family"}),
	}))
	if c.Name != "Maria Lopez" || len(c.Tags) != 2 || c.Remember[0] != "daughter's wedding on the 14th" || c.Attributes["plan"] != "Family" {
		t.Fatalf("customer = %+v", c)
	}
	if c.Greeting() != "Maria" {
		t.Fatalf("greeting = %q", c.Greeting())
	}
	_, err := s.Customers.CreateCustomer(ctx, attune.CustomerInput{Name: ptr("Dup"), Email: ptr("MARIA@example.com")})
	wantCode(t, err, attune.ECONFLICT)
	_, err = s.Customers.CreateCustomer(ctx, attune.CustomerInput{Name: ptr("No email")})
	wantCode(t, err, attune.EINVALID)
	_, err = s.Customers.CreateCustomer(ctx, attune.CustomerInput{Email: ptr("x@example.com"), Timezone: ptr("Mars/Olympus")})
	wantCode(t, err, attune.EINVALID)
	_, err = s.Customers.CreateCustomer(ctx, attune.CustomerInput{Email: ptr("y@example.com"), Name: ptr(strings.Repeat("n", 201))})
	if !strings.Contains(attune.ErrorFields(err)["name"], "200") {
		t.Fatalf("oversize name should name the limit: %v", attune.ErrorFields(err))
	}

	up := must[*attune.Customer](t)(s.Customers.UpdateCustomer(ctx, c.ID, attune.CustomerInput{PreferredName: ptr("Mari"),
		Remember: ptr([]string{"prefers email", "daughter's wedding on the 14th"})}, attune.SystemActor()))
	if up.Greeting() != "Mari" || len(up.Remember) != 2 || up.Name != "Maria Lopez" {
		t.Fatalf("updated = %+v", up)
	}
	_, err = s.Customers.UpdateCustomer(ctx, 99999, attune.CustomerInput{Notes: ptr("x")}, attune.SystemActor())
	wantCode(t, err, attune.ENOTFOUND)

	for _, q := range []string{"mari", "LOPEZ", "maria@"} {
		got := must[[]attune.Customer](t)(s.Customers.Customers(ctx, attune.CustomerFilter{Query: q}))
		if len(got) != 1 || got[0].ID != c.ID {
			t.Errorf("search %q found %d", q, len(got))
		}
	}
	if got := must[[]attune.Customer](t)(s.Customers.Customers(ctx, attune.CustomerFilter{Query: "%"})); len(got) != 0 {
		t.Errorf("a %% search must be literal, found %d", len(got))
	}
	log := must[[]attune.AuditEntry](t)(s.Audit.AuditLog(ctx, "customer", c.ID, 10))
	if len(log) != 1 || log[0].Action != "customer.update" {
		t.Fatalf("audit = %+v", log)
	}
}

func analysis(mood string, strength, sentiment float64, kinds ...string) *attune.Analysis {
	a := &attune.Analysis{Sentiment: sentiment, Mood: mood, Moods: map[string]float64{mood: strength}, UrgencyKinds: kinds,
		UrgencyLabels: map[string]string{}}
	for _, k := range kinds {
		if k == "hardship" {
			a.UrgencyLabels[k] = "rent at risk"
		}
	}
	return a
}

func testConversations(t *testing.T, s Services, clock *Clock) {
	ctx := context.Background()
	agent := must[*attune.Agent](t)(s.Agents.CreateAgent(ctx, attune.NewAgent{Email: "lee@example.com", Name: "Lee Chen", Password: "a long passphrase"}))
	n := attune.NewConversation{Customer: attune.CustomerInput{Name: ptr("Tom"), Email: ptr("tom@example.com")},
		Message: "I was charged twice and my rent is due\x00 tomorrow \xff", Channel: attune.ChannelPortal,
		Analysis: analysis("angry", 0.9, -0.7, "hardship")}
	c := must[*attune.Conversation](t)(s.Conversations.CreateConversation(ctx, n, attune.SystemActor()))
	if c.Status != attune.StatusOpen || c.Subject == "" || c.MessageCount != 1 || c.Mood != "angry" || c.WaitingSince == nil {
		t.Fatalf("conversation = %+v", c)
	}
	if len(c.Messages) != 1 || c.Messages[0].Analysis == nil || c.Messages[0].Analysis.Mood != "angry" {
		t.Fatalf("messages = %+v", c.Messages)
	}
	if body := c.Messages[0].Body; strings.ContainsRune(body, 0) || !strings.Contains(body, "\uFFFD") {
		t.Fatalf("body not cleaned: %q", body)
	}
	codes := map[string]bool{}
	for _, r := range c.Priority.Reasons {
		codes[r.Code] = true
	}
	if !codes["mood"] || !codes["hardship"] || c.Priority.Score < 30 {
		t.Fatalf("priority = %+v", c.Priority)
	}

	// The same email is the same customer.
	n2 := attune.NewConversation{Customer: attune.CustomerInput{Name: ptr("Thomas"), Email: ptr("TOM@example.com")}, Message: "Also, a second thing"}
	c2 := must[*attune.Conversation](t)(s.Conversations.CreateConversation(ctx, n2, attune.SystemActor()))
	if c2.CustomerID != c.CustomerID {
		t.Fatal("customer not matched by email")
	}
	hasRepeat := false
	for _, r := range c2.Priority.Reasons {
		hasRepeat = hasRepeat || r.Code == "repeat_contact"
	}
	if !hasRepeat {
		t.Fatalf("second conversation in two weeks should carry repeat contact: %+v", c2.Priority)
	}
	_, err := s.Conversations.CreateConversation(ctx, attune.NewConversation{Customer: attune.CustomerInput{Name: ptr("X")}, Message: "   "}, attune.SystemActor())
	wantCode(t, err, attune.EINVALID)
	if f := attune.ErrorFields(err); f["message"] == "" || f["customer.email"] == "" {
		t.Fatalf("fields = %v", f)
	}

	clock.Advance(30 * time.Minute)
	reply := must[*attune.Message](t)(s.Conversations.AddMessage(ctx, c.ID, attune.NewMessage{Body: "I'm so sorry, Tom. I've refunded the second charge.", Author: attune.AuthorAgent, AgentID: &agent.ID,
		Coaching: &attune.CoachReport{Score: 88}}, attune.Actor{AgentID: &agent.ID}))
	if reply.AuthorName != "Lee Chen" {
		t.Fatalf("reply author = %q", reply.AuthorName)
	}
	c = must[*attune.Conversation](t)(s.Conversations.Conversation(ctx, c.ID))
	if c.WaitingSince != nil || c.FirstResponseAt == nil || c.MessageCount != 2 || c.Messages[1].Coaching == nil || c.Messages[1].Coaching.Score != 88 {
		t.Fatalf("after reply: %+v", c)
	}
	_, err = s.Conversations.AddMessage(ctx, c.ID, attune.NewMessage{Body: "note", Author: attune.AuthorCustomer, Internal: true}, attune.SystemActor())
	wantCode(t, err, attune.EINVALID)
	_, err = s.Conversations.AddMessage(ctx, 999999, attune.NewMessage{Body: "hi", Author: attune.AuthorCustomer}, attune.SystemActor())
	wantCode(t, err, attune.ENOTFOUND)

	resolved := attune.StatusResolved
	c = must[*attune.Conversation](t)(s.Conversations.UpdateConversation(ctx, c.ID, attune.ConversationUpdate{Status: &resolved,
		AssigneeID: &agent.ID, Tags: ptr([]string{"Billing"}), Satisfaction: ptr(2)}, attune.Actor{AgentID: &agent.ID, Name: "Lee Chen"}))
	if c.Status != resolved || c.ResolvedAt == nil || *c.AssigneeID != agent.ID || c.Tags[0] != "billing" || *c.Satisfaction != 2 {
		t.Fatalf("after update: %+v", c)
	}
	cu := must[*attune.Customer](t)(s.Customers.Customer(ctx, c.CustomerID))
	if cu.Stats.Conversations != 2 || cu.Stats.LastSatisfaction == nil || *cu.Stats.LastSatisfaction != 2 || cu.Stats.AverageSentiment == nil {
		t.Fatalf("customer stats = %+v", cu.Stats)
	}
	_, err = s.Conversations.UpdateConversation(ctx, c.ID, attune.ConversationUpdate{AssigneeID: ptr(int64(4242))}, attune.SystemActor())
	wantCode(t, err, attune.EINVALID)
	_, err = s.Conversations.UpdateConversation(ctx, c.ID, attune.ConversationUpdate{Status: ptr(attune.Status("done"))}, attune.SystemActor())
	wantCode(t, err, attune.EINVALID)
	_, err = s.Conversations.UpdateConversation(ctx, 99999, attune.ConversationUpdate{Status: &resolved}, attune.SystemActor())
	wantCode(t, err, attune.ENOTFOUND)

	// A customer writing again reopens it, and a poor last rating now counts.
	must[*attune.Message](t)(s.Conversations.AddMessage(ctx, c.ID, attune.NewMessage{Body: "It happened again!", Author: attune.AuthorCustomer,
		Analysis: analysis("frustrated", 0.8, -0.6, "repeat")}, attune.SystemActor()))
	c = must[*attune.Conversation](t)(s.Conversations.Conversation(ctx, c.ID))
	if c.Status != attune.StatusOpen || c.WaitingSince == nil {
		t.Fatalf("not reopened: %+v", c)
	}
	found := false
	for _, r := range c.Priority.Reasons {
		found = found || r.Code == "history"
	}
	if !found {
		t.Fatalf("low satisfaction missing from reasons: %+v", c.Priority.Reasons)
	}
	testRecentThread(t, s, c)
	log := must[[]attune.AuditEntry](t)(s.Audit.AuditLog(ctx, "conversation", c.ID, 10))
	if len(log) != 2 || log[0].Action != "conversation.update" || log[0].ActorName != "Lee Chen" || !strings.Contains(log[0].Detail, "resolved") {
		t.Fatalf("audit = %+v", log)
	}

	// An import or the demo backdates a change; the resolved and updated times follow it.
	at := clock.Now().Add(-48 * time.Hour)
	back := must[*attune.Conversation](t)(s.Conversations.UpdateConversation(ctx, c.ID, attune.ConversationUpdate{Status: &resolved, At: at}, attune.SystemActor()))
	if !back.ResolvedAt.Equal(at) || !back.UpdatedAt.Equal(at) {
		t.Fatalf("backdated update: resolved %v, updated %v, want %v", back.ResolvedAt, back.UpdatedAt, at)
	}
}

// testRecentThread checks the coach's view of a conversation: its customer and the last
// messages, oldest first, without coaching reports; limits out of range are clamped, and
// a conversation that isn't there is not found. c holds three messages.
func testRecentThread(t *testing.T, s Services, c *attune.Conversation) {
	ctx := context.Background()
	all := must[[]attune.Message](t)(s.Conversations.Messages(ctx, c.ID))
	if len(all) != 3 {
		t.Fatalf("want 3 messages, have %d", len(all))
	}
	for _, limit := range []int{2, 3, 50, 0, -7, 1 << 30} {
		th := must[*attune.RecentThread](t)(s.Conversations.RecentThread(ctx, c.ID, limit))
		want := all
		switch {
		case limit == 2:
			want = all[1:]
		case limit < 1:
			want = all[2:]
		}
		if th.ConversationID != c.ID || th.CustomerID != c.CustomerID || len(th.Messages) != len(want) {
			t.Fatalf("limit %d: thread %d of customer %d with %d messages, want %d of %d with %d",
				limit, th.ConversationID, th.CustomerID, len(th.Messages), c.ID, c.CustomerID, len(want))
		}
		for i, m := range th.Messages {
			if m.ID != want[i].ID || m.Body != want[i].Body || m.AuthorKind != want[i].AuthorKind {
				t.Fatalf("limit %d: message %d is %d %q, want %d %q", limit, i, m.ID, m.Body, want[i].ID, want[i].Body)
			}
			if m.Coaching != nil {
				t.Fatalf("limit %d: message %d carries its coaching report", limit, m.ID)
			}
			if (m.Analysis == nil) != (want[i].Analysis == nil) {
				t.Fatalf("limit %d: message %d analysis %v, want %v", limit, m.ID, m.Analysis, want[i].Analysis)
			}
			if a, w := m.Analysis, want[i].Analysis; a != nil {
				if a.Mood != w.Mood || a.Sentiment != w.Sentiment || a.Moods[a.Mood] != w.Moods[w.Mood] || a.Urgency != w.Urgency ||
					!slices.Equal(a.UrgencyKinds, w.UrgencyKinds) || a.UrgencyLabels["hardship"] != w.UrgencyLabels["hardship"] {
					t.Fatalf("limit %d: message %d summary %+v, want the stored %+v", limit, m.ID, a, w)
				}
				if a.Emotions != nil || a.Evidence != nil {
					t.Fatalf("limit %d: message %d summary carries emotions or evidence", limit, m.ID)
				}
			}
		}
	}
	_, err := s.Conversations.RecentThread(ctx, 987654, 5)
	wantCode(t, err, attune.ENOTFOUND)
}

func testQueue(t *testing.T, s Services, clock *Clock) {
	ctx := context.Background()
	mk := func(email, msg string, a *attune.Analysis) *attune.Conversation {
		c, err := s.Conversations.CreateConversation(ctx, attune.NewConversation{Customer: attune.CustomerInput{Email: ptr(email)},
			Message: msg, Analysis: a, Channel: attune.ChannelEmail}, attune.SystemActor())
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	calm := mk("calm@q.example", "How do I export my invoices?", analysis("neutral", 1, 0.1))
	clock.Advance(time.Minute)
	upset := mk("upset@q.example", "Rent is due and you charged me twice", analysis("angry", 0.95, -0.8, "hardship"))
	clock.Advance(time.Minute)
	mk("quiet@q.example", "Thanks for the help last week", analysis("grateful", 0.9, 0.8))

	page := must[*attune.ConversationPage](t)(s.Conversations.Conversations(ctx, attune.ConversationFilter{Query: "q.example"}))
	if len(page.Items) != 3 || page.Items[0].ID != upset.ID {
		t.Fatalf("priority order wrong: first is %d, want %d", page.Items[0].ID, upset.ID)
	}
	// Waiting long enough lifts the calm question above newer calm ones, with a reason.
	clock.Advance(7 * time.Hour)
	page = must[*attune.ConversationPage](t)(s.Conversations.Conversations(ctx, attune.ConversationFilter{Query: "q.example", Sort: attune.SortWaiting}))
	if page.Items[0].ID != calm.ID {
		t.Fatalf("waiting order: first is %d, want %d", page.Items[0].ID, calm.ID)
	}
	var waiting *attune.Reason
	for i, r := range page.Items[0].Priority.Reasons {
		if r.Code == "waiting" {
			waiting = &page.Items[0].Priority.Reasons[i]
		}
	}
	if waiting == nil || waiting.Label != "waiting 7 h" || waiting.Weight <= 0 {
		t.Fatalf("waiting reason = %+v", waiting)
	}
	page = must[*attune.ConversationPage](t)(s.Conversations.Conversations(ctx, attune.ConversationFilter{Query: "q.example", Sort: attune.SortNewest}))
	if page.Items[0].Customer.Email != "quiet@q.example" {
		t.Fatalf("newest first is %s", page.Items[0].Customer.Email)
	}
	page = must[*attune.ConversationPage](t)(s.Conversations.Conversations(ctx, attune.ConversationFilter{Mood: "angry", Query: "q.example"}))
	if len(page.Items) != 1 || page.Items[0].ID != upset.ID {
		t.Fatalf("mood filter found %d", len(page.Items))
	}
	page = must[*attune.ConversationPage](t)(s.Conversations.Conversations(ctx, attune.ConversationFilter{AssigneeID: ptr(int64(0)), Status: []attune.Status{attune.StatusOpen}, Query: "q.example"}))
	if len(page.Items) != 3 {
		t.Fatalf("unassigned open = %d", len(page.Items))
	}
	_, err := s.Conversations.Conversations(ctx, attune.ConversationFilter{Sort: "loudest"})
	wantCode(t, err, attune.EINVALID)
	_, err = s.Conversations.Conversations(ctx, attune.ConversationFilter{Cursor: "not a cursor"})
	wantCode(t, err, attune.EINVALID)

	// Paging through every order visits each conversation exactly once.
	for i := 0; i < 25; i++ {
		mk(fmt.Sprintf("p%02d@page.example", i), fmt.Sprintf("Question number %d", i), analysis([]string{"neutral", "anxious", "frustrated"}[i%3], float64(i%5)/5, 0))
		clock.Advance(time.Duration(i%4) * time.Minute)
	}
	for _, sort := range []attune.Sort{attune.SortPriority, attune.SortNewest, attune.SortWaiting} {
		seen := map[int64]bool{}
		f := attune.ConversationFilter{Query: "page.example", Sort: sort, Limit: 7}
		for pages := 0; ; pages++ {
			page := must[*attune.ConversationPage](t)(s.Conversations.Conversations(ctx, f))
			for _, c := range page.Items {
				if seen[c.ID] {
					t.Fatalf("%s: %d seen twice", sort, c.ID)
				}
				seen[c.ID] = true
			}
			if page.NextCursor == "" {
				break
			}
			if pages > 10 {
				t.Fatal("paging does not end")
			}
			f.Cursor = page.NextCursor
			clock.Advance(time.Hour) // pages keep the order they started with
		}
		if len(seen) != 25 {
			t.Fatalf("%s: paged through %d of 25", sort, len(seen))
		}
	}
}

func testConcurrentWriters(t *testing.T, s Services) {
	ctx := context.Background()
	c, err := s.Conversations.CreateConversation(ctx, attune.NewConversation{Customer: attune.CustomerInput{Email: ptr("busy@example.com")}, Message: "start"}, attune.SystemActor())
	if err != nil {
		t.Fatal(err)
	}
	const writers, each = 8, 25
	var wg sync.WaitGroup
	errs := make(chan error, writers*each)
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < each; i++ {
				_, err := s.Conversations.AddMessage(ctx, c.ID, attune.NewMessage{Body: fmt.Sprintf("writer %d message %d", w, i), Author: attune.AuthorCustomer,
					Analysis: analysis("neutral", 1, 0)}, attune.SystemActor())
				if err != nil {
					errs <- err
				}
				if i%5 == 0 {
					if _, err := s.Conversations.Conversations(ctx, attune.ConversationFilter{Limit: 5}); err != nil {
						errs <- err
					}
				}
			}
		}(w)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatalf("concurrent write failed: %v", err)
	}
	msgs := must[[]attune.Message](t)(s.Conversations.Messages(ctx, c.ID))
	if len(msgs) != writers*each+1 {
		t.Fatalf("stored %d messages, want %d", len(msgs), writers*each+1)
	}
}
