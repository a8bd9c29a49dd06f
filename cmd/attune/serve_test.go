package main

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/attune-desk/attune"
	"github.com/attune-desk/attune/store/storetest"
)

// setupDB migrates a database and adds an admin with an API token, through the CLI.
func setupDB(t *testing.T, dsn string) (token string) {
	t.Helper()
	env := map[string]string{"ATTUNE_DB": dsn, "ATTUNE_PASSWORD": "a long enough password"}
	if _, _, err := cli(t, "", env, "user", "add", "--email", "ops@example.com", "--name", "Ops", "--role", "admin"); err != nil {
		t.Fatal(err)
	}
	out, _, err := cli(t, "", env, "token", "create", "--email", "ops@example.com")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	return lines[len(lines)-1]
}

func TestServeEndToEnd(t *testing.T) {
	dsn := filepath.Join(t.TempDir(), "attune.db")
	token := setupDB(t, dsn)
	url := serveInProcess(t, "--db", dsn)
	status, body := api(t, "POST", url+"/api/v1/conversations", token, map[string]any{
		"customer": map[string]string{"name": "Ines", "email": "ines@example.com"}, "message": "Where is my order?", "channel": "email"})
	if status != 201 {
		t.Fatalf("create: %d %s", status, body)
	}
	status, body = api(t, "GET", url+"/api/v1/conversations?sort=priority", token, nil)
	if status != 200 || !strings.Contains(string(body), "ines@example.com") {
		t.Fatalf("list: %d %s", status, body)
	}
	if resp, err := http.Get(url + "/readyz"); err != nil || resp.StatusCode != 200 {
		t.Fatalf("readyz: %v", err)
	}
}

// TestAcknowledgedMessagesSurviveSIGKILL kills the server while clients post messages,
// restarts it, and checks that every message answered with 201 is there.
func TestAcknowledgedMessagesSurviveSIGKILL(t *testing.T) {
	for _, b := range storetest.Backends(t) {
		t.Run(b.Name, func(t *testing.T) {
			dsn := b.DSN(t)
			token := setupDB(t, dsn)
			srv := serveProcess(t, "--db", dsn)
			url := srv.URL
			status, body := api(t, "POST", url+"/api/v1/conversations", token, map[string]any{
				"customer": map[string]string{"email": "durable@example.com"}, "message": "first"})
			if status != 201 {
				t.Fatalf("create: %d %s", status, body)
			}
			var conv struct{ ID int64 }
			_ = json.Unmarshal(body, &conv)

			var mu sync.Mutex
			acked := map[string]bool{}
			stop := make(chan struct{})
			var wg sync.WaitGroup
			for w := 0; w < 6; w++ {
				wg.Add(1)
				go func(w int) {
					defer wg.Done()
					for i := 0; ; i++ {
						select {
						case <-stop:
							return
						default:
						}
						text := fmt.Sprintf("writer %d message %d", w, i)
						status, _ := api(t, "POST", fmt.Sprintf("%s/api/v1/conversations/%d/messages", url, conv.ID), token,
							map[string]string{"body": text, "author": "customer"})
						if status == 201 {
							mu.Lock()
							acked[text] = true
							mu.Unlock()
						} else if status == 0 {
							return // the server is gone
						}
					}
				}(w)
			}
			time.Sleep(700 * time.Millisecond)
			if err := srv.cmd.Process.Signal(syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
			close(stop)
			wg.Wait()
			if len(acked) < 20 {
				t.Fatalf("only %d messages acknowledged before the kill; the test proves little", len(acked))
			}

			url = serveProcess(t, "--db", dsn).URL
			status, body = api(t, "GET", fmt.Sprintf("%s/api/v1/conversations/%d", url, conv.ID), token, nil)
			if status != 200 {
				t.Fatalf("after restart: %d %s", status, body)
			}
			var got struct{ Messages []struct{ Body string } }
			_ = json.Unmarshal(body, &got)
			stored := map[string]bool{}
			for _, m := range got.Messages {
				stored[m.Body] = true
			}
			for text := range acked {
				if !stored[text] {
					t.Errorf("acknowledged message lost: %q", text)
				}
			}
			t.Logf("%d acknowledged messages, all present after SIGKILL and restart", len(acked))
		})
	}
}

// TestTwoReplicasShareOnePostgres runs two servers over one PostgreSQL database: what one
// writes the other serves, and a browser session started on one works on the other.
func TestTwoReplicasShareOnePostgres(t *testing.T) {
	backends := storetest.Backends(t)
	if len(backends) < 2 {
		t.Skip("needs PostgreSQL (ATTUNE_TEST_POSTGRES)")
	}
	dsn := backends[1].DSN(t)
	token := setupDB(t, dsn)
	a := serveInProcess(t, "--db", dsn)
	b := serveInProcess(t, "--db", dsn)
	status, body := api(t, "POST", a+"/api/v1/conversations", token, map[string]any{
		"customer": map[string]string{"email": "replica@example.com"}, "message": "written on replica A"})
	if status != 201 {
		t.Fatalf("create on A: %d %s", status, body)
	}
	var conv struct{ ID int64 }
	_ = json.Unmarshal(body, &conv)
	status, body = api(t, "GET", fmt.Sprintf("%s/api/v1/conversations/%d", b, conv.ID), token, nil)
	if status != 200 || !strings.Contains(string(body), "written on replica A") {
		t.Fatalf("read on B: %d %s", status, body)
	}
	resp, err := http.Post(a+"/api/v1/login", "application/json", strings.NewReader(`{"email":"ops@example.com","password":"a long enough password"}`))
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("login on A: %v %v", err, resp.Status)
	}
	resp.Body.Close()
	req, _ := http.NewRequest("GET", b+"/api/v1/me", nil)
	for _, c := range resp.Cookies() {
		req.AddCookie(c)
	}
	resp, err = http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("session from A on B: %v %v", err, resp.Status)
	}
	resp.Body.Close()
}

// TestGracefulShutdownOnSIGTERM checks the server exits cleanly when asked to stop.
func TestGracefulShutdownOnSIGTERM(t *testing.T) {
	dsn := filepath.Join(t.TempDir(), "attune.db")
	srv := serveProcess(t, "--db", dsn)
	if resp, err := http.Get(srv.URL + "/healthz"); err != nil || resp.StatusCode != 200 {
		t.Fatalf("healthz: %v", err)
	}
	if err := srv.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if exited, err := srv.wait(20 * time.Second); !exited || err != nil {
		t.Fatalf("after SIGTERM: exited %v, %v", exited, err)
	}
}

// TestServeDemo checks 'serve --demo' fills an empty database, prints a sign-in that
// works, and leaves an existing workspace alone on the next start.
func TestServeDemo(t *testing.T) {
	if testing.Short() {
		t.Skip("seeds the whole demo workspace")
	}
	dsn := filepath.Join(t.TempDir(), "demo.db")
	url := serveInProcess(t, "--db", dsn, "--demo")
	resp, err := http.Post(url+"/api/v1/login", "application/json", strings.NewReader(`{"email":"admin@attune.demo","password":"`+demoPassword+`"}`))
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("demo sign-in: %v %v", err, resp.Status)
	}
	resp.Body.Close()
	token := setupDB(t, dsn)
	status, body := api(t, "GET", url+"/api/v1/conversations?limit=200&status=open,pending", token, nil)
	var page struct {
		Items []struct {
			Priority struct{ Reasons []struct{ Code string } }
		}
	}
	_ = json.Unmarshal(body, &page)
	if status != 200 || len(page.Items) < 20 {
		t.Fatalf("demo queue: %d, %d open items", status, len(page.Items))
	}
	reasons := map[string]bool{}
	for _, it := range page.Items {
		for _, r := range it.Priority.Reasons {
			reasons[r.Code] = true
		}
	}
	for _, code := range []string{"mood", "waiting", "hardship"} {
		if !reasons[code] {
			t.Errorf("no open demo conversation carries the %q reason: %v", code, reasons)
		}
	}
}

// TestServeWarnsOfStaleAnalyses checks the start-up note that customer messages were read by
// an older emotion model, and its silence once `attune reanalyze` has re-read them.
func TestServeWarnsOfStaleAnalyses(t *testing.T) {
	dsn := filepath.Join(t.TempDir(), "attune.db")
	setupDB(t, dsn)
	ctx := context.Background()
	db, err := openDB(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	a, err := wire(db)
	if err != nil {
		t.Fatal(err)
	}
	email := "old@example.com"
	if _, err := a.conv.CreateConversation(ctx, attune.NewConversation{Customer: attune.CustomerInput{Email: &email}, Message: "Where is my parcel?",
		Analysis: &attune.Analysis{Mood: "neutral", Model: "attune-emotion-0.old"}}, attune.SystemActor()); err != nil {
		t.Fatal(err)
	}
	var logs strings.Builder
	warnStaleAnalyses(ctx, a, slog.New(slog.NewTextHandler(&logs, nil)))
	if !strings.Contains(logs.String(), "1 customer messages were read by an older emotion model") || !strings.Contains(logs.String(), "attune reanalyze") {
		t.Fatalf("no note of the stale message: %q", logs.String())
	}
	if _, _, err := cli(t, "", map[string]string{"ATTUNE_DB": dsn}, "reanalyze"); err != nil {
		t.Fatal(err)
	}
	logs.Reset()
	warnStaleAnalyses(ctx, a, slog.New(slog.NewTextHandler(&logs, nil)))
	if logs.Len() != 0 {
		t.Fatalf("a note after reanalyze: %q", logs.String())
	}
}
