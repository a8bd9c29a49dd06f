package web_test

import (
	"bufio"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/attune-desk/attune"
	"github.com/attune-desk/attune/store"
	"github.com/attune-desk/attune/store/storetest"
	"github.com/attune-desk/attune/triage"
	"github.com/attune-desk/attune/web"
	"github.com/attune-desk/attune/web/webtest"
)

// subscribe opens an event stream and returns the event names as they arrive.
func subscribe(t *testing.T, c *webtest.Client, path string) <-chan string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, err := http.NewRequestWithContext(ctx, "GET", c.Base+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := c.HTTP.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/event-stream") {
		t.Fatalf("%s: %d %s", path, resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	out := make(chan string, 32)
	go func() {
		defer resp.Body.Close()
		defer close(out)
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if name, ok := strings.CutPrefix(sc.Text(), "event: "); ok {
				out <- name
			}
		}
	}()
	return out
}

// await waits for an event by name.
func await(t *testing.T, events <-chan string, name string) {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		select {
		case got, ok := <-events:
			if !ok {
				t.Fatalf("the stream ended before %s", name)
			}
			if got == name {
				return
			}
		case <-deadline:
			t.Fatalf("no %s event within 10 s", name)
		}
	}
}

func testEvents(t *testing.T, e *webtest.Env) {
	e.Visitor().Do("GET", "/events", nil).Want(t, 303)
	b := e.Browser("agent@attune.test")
	events := subscribe(t, b, "/events")
	c := open(t, e, "Eve Event", "eve@example.com", "Live", "Is this live?", attune.ChannelPortal)
	await(t, events, attune.EventConversationCreated)
	token, err := e.Workspace.CreatePortalLink(context.Background(), c.ID)
	if err != nil {
		t.Fatal(err)
	}
	v := e.Visitor()
	portal := subscribe(t, v, "/p/"+token+"/events")
	r := v.Do("GET", "/p/"+token, nil).Want(t, 200)
	ptok := string(formToken.FindSubmatch(r.Body)[1])
	v.PostForm("/p/"+token+"/typing", map[string][]string{"csrf_token": {ptok}}).Want(t, 204)
	await(t, events, attune.EventTyping)
	v.PostForm("/p/"+token+"/messages", map[string][]string{"csrf_token": {ptok}, "message": {"Still there?"}}).Want(t, 303)
	await(t, events, attune.EventMessageCreated)
	await(t, portal, attune.EventMessageCreated)
	v.Do("GET", "/p/att_p_nope/events", nil).Want(t, 404)
}

// TestEventsAcrossReplicas runs two servers on one PostgreSQL database, as two replicas
// behind a load balancer would: a conversation created through one reaches an agent
// watching the other.
func TestEventsAcrossReplicas(t *testing.T) {
	if os.Getenv("ATTUNE_TEST_POSTGRES") == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("CI=true but ATTUNE_TEST_POSTGRES is not set")
		}
		t.Skip("ATTUNE_TEST_POSTGRES is not set")
	}
	dsn := storetest.PostgresDSN(t)
	clock := storetest.NewClock()
	a := startPages(t, storetest.Open(t, dsn, clock), clock, webtest.Options{})

	db2 := storetest.Open(t, dsn, clock)
	s2 := storetest.NewServices(db2)
	ev2 := store.NewEvents(db2, nil)
	desk2 := triage.NewDesk(s2.Conversations, s2.Customers, wordAnalyzer{}, nil).WithEvents(ev2)
	srv2 := httptest.NewUnstartedServer(web.NewServer(web.Deps{Conversations: desk2, Customers: s2.Customers, Agents: s2.Agents, Auth: s2.Auth,
		Audit: s2.Audit, Analyzer: wordAnalyzer{}, CoachContext: desk2, Events: ev2, Workspace: store.NewWorkspaceService(db2), Ready: db2.Ping, Clock: clock.Now}))
	srv2.Config.RegisterOnShutdown(ev2.Close)
	srv2.Start()
	t.Cleanup(func() { ev2.Close(); srv2.Close() })

	b := &webtest.Env{T: t, Server: srv2}
	watcher := b.Browser("agent@attune.test")
	events := subscribe(t, watcher, "/events")
	// The second replica's LISTEN connection starts in the background, and a NOTIFY sent
	// before it is listening is not replayed: write through replica A until replica B
	// hears one, within a bounded time.
	deadline := time.Now().Add(15 * time.Second)
	for heard := false; !heard; {
		if time.Now().After(deadline) {
			t.Fatal("replica B heard no event from replica A within 15 s")
		}
		a.Agent.Do("POST", "/api/v1/conversations", map[string]any{
			"customer": map[string]string{"name": "Rae Replica", "email": "rae@example.com"}, "message": "Hello from replica A", "channel": "portal"}).Want(t, 201)
		wait := time.After(time.Second)
		for waiting := true; waiting && !heard; {
			select {
			case name, ok := <-events:
				if !ok {
					t.Fatal("replica B's stream ended")
				}
				heard = name == attune.EventConversationCreated
			case <-wait:
				waiting = false
			}
		}
	}
	// And the second replica's inbox shows it.
	watcher.Do("GET", "/", nil).Want(t, 200).Contains(t, "Rae Replica")
}
