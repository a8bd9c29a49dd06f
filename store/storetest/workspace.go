package storetest

import (
	"bytes"
	"context"
	"database/sql"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/attune-desk/attune"
	"github.com/attune-desk/attune/store"
)

// testWorkspace covers what the agent workspace and portal keep: portal links, macros,
// follow-ups and snooze wake-up, typing signals, rate limits and the form key.
func testWorkspace(t *testing.T, db *store.DB, s Services, clock *Clock) {
	ctx := context.Background()
	w := store.NewWorkspaceService(db)
	agent := must[*attune.Agent](t)(s.Agents.CreateAgent(ctx, attune.NewAgent{Email: "ws@example.com", Name: "Wren Sato", Password: "correct horse battery"}))
	actor := attune.Actor{AgentID: &agent.ID, Name: agent.Name, Role: agent.Role}
	name, email := "Pia Portal", "pia@example.com"
	conv := must[*attune.Conversation](t)(s.Conversations.CreateConversation(ctx, attune.NewConversation{
		Customer: attune.CustomerInput{Name: &name, Email: &email}, Message: "Where is my parcel?", Channel: attune.ChannelPortal}, attune.Actor{}))

	t.Run("portal links", func(t *testing.T) {
		tok := must[string](t)(w.CreatePortalLink(ctx, conv.ID))
		tok2 := must[string](t)(w.CreatePortalLink(ctx, conv.ID))
		if tok == tok2 || len(tok) < 40 || !strings.HasPrefix(tok, "att_p_") {
			t.Fatalf("tokens %q, %q", tok, tok2)
		}
		if id := must[int64](t)(w.PortalConversation(ctx, tok)); id != conv.ID {
			t.Fatalf("token opens %d, want %d", id, conv.ID)
		}
		for _, bad := range []string{"", "att_p_nope", tok + "x", strings.ToUpper(tok), "' OR 1=1 --", strings.Repeat("a", 5000)} {
			_, err := w.PortalConversation(ctx, bad)
			wantCode(t, err, attune.ENOTFOUND)
		}
		if n := rawCount(t, db, "SELECT COUNT(*) FROM portal_links WHERE token_hash LIKE 'att_p_%'"); n != 0 {
			t.Fatalf("%d tokens are stored in the clear", n)
		}
		_, err := w.CreatePortalLink(ctx, 999999)
		wantCode(t, err, attune.EINVALID)
	})

	t.Run("macros", func(t *testing.T) {
		ms := must[[]attune.Macro](t)(w.Macros(ctx))
		if len(ms) < 3 {
			t.Fatalf("seeded macros = %d, want a few", len(ms))
		}
		m := must[*attune.Macro](t)(w.CreateMacro(ctx, attune.MacroInput{Name: " Apology ", Body: "Sorry, {{customer.first_name}}."}, actor))
		if m.Name != "Apology" || m.ID == 0 {
			t.Fatalf("macro = %+v", m)
		}
		_, err := w.CreateMacro(ctx, attune.MacroInput{Name: "Apology", Body: "again"}, actor)
		wantCode(t, err, attune.EINVALID)
		_, err = w.CreateMacro(ctx, attune.MacroInput{Name: "", Body: strings.Repeat("x", attune.MaxMacroLen+1)}, actor)
		wantCode(t, err, attune.EINVALID)
		if f := attune.ErrorFields(err); f["name"] == "" || f["body"] == "" {
			t.Fatalf("fields = %v", f)
		}
		if err := w.DeleteMacro(ctx, m.ID, actor); err != nil {
			t.Fatal(err)
		}
		wantCode(t, w.DeleteMacro(ctx, m.ID, actor), attune.ENOTFOUND)
	})

	t.Run("follow-ups and snooze wake-up", func(t *testing.T) {
		_, err := w.ScheduleFollowUp(ctx, conv.ID, attune.NewFollowUp{DueAt: clock.Now().Add(-time.Minute)}, actor)
		wantCode(t, err, attune.EINVALID)
		_, err = w.ScheduleFollowUp(ctx, conv.ID, attune.NewFollowUp{DueAt: clock.Now().Add(2 * attune.MaxFollowUpAhead)}, actor)
		wantCode(t, err, attune.EINVALID)
		_, err = w.ScheduleFollowUp(ctx, 999999, attune.NewFollowUp{DueAt: clock.Now().Add(time.Hour)}, actor)
		wantCode(t, err, attune.ENOTFOUND)
		must[*attune.FollowUp](t)(w.ScheduleFollowUp(ctx, conv.ID, attune.NewFollowUp{DueAt: clock.Now().Add(2 * time.Hour), Note: "  check the parcel arrived "}, actor))
		cancel := must[*attune.FollowUp](t)(w.ScheduleFollowUp(ctx, conv.ID, attune.NewFollowUp{DueAt: clock.Now().Add(3 * time.Hour)}, actor))
		if err := w.CancelFollowUp(ctx, conv.ID, cancel.ID, actor); err != nil {
			t.Fatal(err)
		}
		wantCode(t, w.CancelFollowUp(ctx, conv.ID, cancel.ID, actor), attune.ENOTFOUND)
		list := must[[]attune.FollowUp](t)(w.FollowUps(ctx, conv.ID))
		if len(list) != 1 || list[0].Note != "check the parcel arrived" || list[0].AgentName != "Wren Sato" || list[0].DoneAt != nil {
			t.Fatalf("follow-ups = %+v", list)
		}

		// Resolve, and snooze another conversation for an hour.
		resolved := attune.StatusResolved
		must[*attune.Conversation](t)(s.Conversations.UpdateConversation(ctx, conv.ID, attune.ConversationUpdate{Status: &resolved}, actor))
		other := must[*attune.Conversation](t)(s.Conversations.CreateConversation(ctx, attune.NewConversation{
			Customer: attune.CustomerInput{Name: &name, Email: &email}, Message: "Another question"}, attune.Actor{}))
		snoozed, until := attune.StatusSnoozed, clock.Now().Add(time.Hour)
		must[*attune.Conversation](t)(s.Conversations.UpdateConversation(ctx, other.ID, attune.ConversationUpdate{Status: &snoozed, SnoozedUntil: &until}, actor))

		if woken := must[[]int64](t)(w.WakeDue(ctx)); len(woken) != 0 {
			t.Fatalf("woke %v before anything was due", woken)
		}
		clock.Advance(61 * time.Minute)
		if woken := must[[]int64](t)(w.WakeDue(ctx)); len(woken) != 1 || woken[0] != other.ID {
			t.Fatalf("woke %v, want the snoozed %d", woken, other.ID)
		}
		clock.Advance(time.Hour)
		// Several replicas may run the wake-up at once: the conversation wakes once.
		var mu sync.Mutex
		var all []int64
		var wg sync.WaitGroup
		for i := 0; i < 4; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				ids, err := w.WakeDue(ctx)
				if err != nil {
					t.Error(err)
				}
				mu.Lock()
				all = append(all, ids...)
				mu.Unlock()
			}()
		}
		wg.Wait()
		if len(all) != 1 || all[0] != conv.ID {
			t.Fatalf("woke %v, want %d once", all, conv.ID)
		}
		c := must[*attune.Conversation](t)(s.Conversations.Conversation(ctx, conv.ID))
		last := c.Messages[len(c.Messages)-1]
		if c.Status != attune.StatusOpen || last.AuthorKind != attune.AuthorSystem || !last.Internal || !strings.Contains(last.Body, "check the parcel arrived") {
			t.Fatalf("after the follow-up: status %s, last message %+v", c.Status, last)
		}
		c = must[*attune.Conversation](t)(s.Conversations.Conversation(ctx, other.ID))
		if c.Status != attune.StatusOpen || c.SnoozedUntil != nil {
			t.Fatalf("after the snooze: status %s until %v", c.Status, c.SnoozedUntil)
		}
		list = must[[]attune.FollowUp](t)(w.FollowUps(ctx, conv.ID))
		if list[0].DoneAt == nil {
			t.Fatalf("follow-up not marked done: %+v", list[0])
		}
	})

	t.Run("typing", func(t *testing.T) {
		if at := must[*time.Time](t)(w.LastTyped(ctx, conv.ID, attune.AuthorCustomer)); at != nil {
			t.Fatalf("typing before anyone typed: %v", at)
		}
		if err := w.SetTyping(ctx, conv.ID, attune.AuthorCustomer); err != nil {
			t.Fatal(err)
		}
		first := must[*time.Time](t)(w.LastTyped(ctx, conv.ID, attune.AuthorCustomer))
		clock.Advance(3 * time.Second)
		if err := w.SetTyping(ctx, conv.ID, attune.AuthorCustomer); err != nil {
			t.Fatal(err)
		}
		second := must[*time.Time](t)(w.LastTyped(ctx, conv.ID, attune.AuthorCustomer))
		if first == nil || second == nil || second.Sub(*first) != 3*time.Second {
			t.Fatalf("typing at %v then %v", first, second)
		}
		wantCode(t, w.SetTyping(ctx, 999999, attune.AuthorCustomer), attune.EINVALID)
	})

	t.Run("rate limits", func(t *testing.T) {
		for i := 0; i < 3; i++ {
			if ok := must[bool](t)(w.Allow(ctx, "portal:198.51.100.7", 3, time.Minute)); !ok {
				t.Fatalf("attempt %d refused", i+1)
			}
		}
		if ok := must[bool](t)(w.Allow(ctx, "portal:198.51.100.7", 3, time.Minute)); ok {
			t.Fatal("the fourth attempt in a minute was allowed")
		}
		if ok := must[bool](t)(w.Allow(ctx, "portal:198.51.100.8", 3, time.Minute)); !ok {
			t.Fatal("another address shares the limit")
		}
		clock.Advance(61 * time.Second)
		if ok := must[bool](t)(w.Allow(ctx, "portal:198.51.100.7", 3, time.Minute)); !ok {
			t.Fatal("the limit did not reset after its window")
		}
	})

	t.Run("form key", func(t *testing.T) {
		var keys [][]byte
		var mu sync.Mutex
		var wg sync.WaitGroup
		for i := 0; i < 4; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				k, err := store.NewWorkspaceService(db).FormKey(ctx)
				if err != nil {
					t.Error(err)
				}
				mu.Lock()
				keys = append(keys, k)
				mu.Unlock()
			}()
		}
		wg.Wait()
		for _, k := range keys {
			if len(k) != 32 || !bytes.Equal(k, keys[0]) {
				t.Fatalf("form keys differ or are short: %x", keys)
			}
		}
	})
}

// rawCount runs a COUNT query on its own connection, to look at what is really stored.
func rawCount(t *testing.T, db *store.DB, q string) int {
	t.Helper()
	driver, dsn := "sqlite", "file:"+db.DSN()
	if db.Postgres() {
		driver, dsn = "pgx", db.DSN()
	}
	raw, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var n int
	if err := raw.QueryRow(q).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
