package web_test

import (
	"database/sql"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/attune-desk/attune"
	"github.com/attune-desk/attune/store"
	"github.com/attune-desk/attune/store/storetest"
	"github.com/attune-desk/attune/web/webtest"
)

// bulkConversations is how many conversations the page benchmarks hold.
const bulkConversations = 100_000

// seedBulk writes n conversations, 20,000 customers and three messages per open
// conversation straight into the SQLite file with set-based SQL, as a workspace after a
// few years would hold: about one in ten is open or pending, the rest resolved, closed or
// snoozed. It returns an open conversation with a thread.
func seedBulk(b *testing.B, db *store.DB, n int, now time.Time) int64 {
	b.Helper()
	raw, err := sql.Open("sqlite", "file:"+db.DSN()+"?_pragma=busy_timeout(10000)")
	if err != nil {
		b.Fatal(err)
	}
	defer raw.Close()
	nowMS := now.UnixMilli()
	analysis := `{"sentiment":-0.6,"moods":{"frustrated":0.8,"angry":0.4},"mood":"frustrated","urgency_kinds":["hardship"],"urgency_labels":{"hardship":"rent at risk"},` +
		`"evidence":[{"figure":"mood:frustrated","text":"still","start":4,"end":9,"rule":"word","weight":1}],"model":"bench"}`
	stmts := []string{
		`WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < 20000)
		 INSERT INTO customers (name, email, timezone, created_at, updated_at, conversations_count, sentiment_sum, sentiment_n)
		 SELECT 'Customer ' || n, 'customer' || n || '@example.com', 'Europe/Lisbon', ?1, ?1, 5, -0.5, 2 FROM seq`,
		`WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < ?2)
		 INSERT INTO conversations (subject, customer_id, channel, status, tags, priority, priority_reasons, mood, sentiment, snippet,
		   message_count, created_at, updated_at, last_message_at, waiting_since)
		 SELECT 'Order ' || n || ' has not arrived', (n % 20000) + 1,
		   CASE n % 5 WHEN 0 THEN 'portal' WHEN 1 THEN 'widget' WHEN 2 THEN 'email' WHEN 3 THEN 'api' ELSE 'phone' END,
		   CASE WHEN n % 20 = 0 THEN 'open' WHEN n % 20 = 1 THEN 'pending' WHEN n % 20 = 2 THEN 'snoozed' WHEN n % 3 = 0 THEN 'closed' ELSE 'resolved' END,
		   '["billing"]', (n * 37) % 80,
		   '[{"code":"mood","label":"frustrated","weight":20},{"code":"hardship","label":"rent at risk","weight":20},{"code":"repeat_contact","label":"3rd contact in 2 weeks","weight":12}]',
		   CASE n % 4 WHEN 0 THEN 'angry' WHEN 1 THEN 'frustrated' WHEN 2 THEN 'anxious' ELSE 'neutral' END, -0.4,
		   'It is still not here and I need it for work. Could you please check what happened to my order?', 3,
		   ?1 - n * 60000, ?1 - n * 30000, ?1 - n * 30000,
		   CASE WHEN n % 20 = 0 THEN ?1 - (n % 600) * 60000 ELSE NULL END
		 FROM seq`,
		`INSERT INTO messages (conversation_id, author_kind, author_id, author_name, body, internal, created_at, sentiment, mood, analysis)
		 SELECT c.id, 'customer', c.customer_id, cu.name, 'I am still waiting for my order and I am getting worried about it.', FALSE, c.created_at, -0.6, 'frustrated', ?3
		 FROM conversations c JOIN customers cu ON cu.id = c.customer_id WHERE c.status IN ('open', 'pending')`,
		`INSERT INTO messages (conversation_id, author_kind, author_name, body, internal, created_at)
		 SELECT id, 'agent', 'Bench Agent', 'Thank you for your patience. I have asked the courier and will write again today.', FALSE, created_at + 60000
		 FROM conversations WHERE status IN ('open', 'pending')`,
		`INSERT INTO messages (conversation_id, author_kind, author_id, author_name, body, internal, created_at, sentiment, mood, analysis)
		 SELECT c.id, 'customer', c.customer_id, cu.name, 'It is still not here. This is really frustrating.', FALSE, c.created_at + 120000, -0.7, 'frustrated', ?3
		 FROM conversations c JOIN customers cu ON cu.id = c.customer_id WHERE c.status IN ('open', 'pending')`,
		`ANALYZE`,
	}
	for _, q := range stmts {
		if _, err := raw.Exec(q, nowMS, n, analysis); err != nil {
			b.Fatalf("seed: %v\n%s", err, q)
		}
	}
	var id int64
	if err := raw.QueryRow(`SELECT id FROM conversations WHERE status = 'open' ORDER BY id LIMIT 1`).Scan(&id); err != nil {
		b.Fatal(err)
	}
	return id
}

// benchPages is a server over a SQLite file holding 100,000 conversations.
var benchPages struct {
	once sync.Once
	env  *webtest.Env
	conv int64
	err  error
}

func pagesEnv(b *testing.B) (*webtest.Env, int64) {
	benchPages.once.Do(func() {
		clock := storetest.NewClock()
		// The environment outlives this benchmark: later ones in the run reuse it.
		db := storetest.Open(&keepTB{B: b}, storetest.SQLiteDSN(&keepTB{B: b}), clock)
		benchPages.conv = seedBulk(b, db, bulkConversations, clock.Now())
		if p := os.Getenv("ATTUNE_BENCH_KEEP"); p != "" {
			b.Logf("bulk database at %s", db.DSN())
		}
		benchPages.env = startPages(&keepTB{B: b}, db, clock, webtest.Options{})
	})
	return benchPages.env, benchPages.conv
}

// keepTB keeps clean-ups until the test binary exits, so the 100,000-row database is
// built once per run.
type keepTB struct{ *testing.B }

func (k *keepTB) Cleanup(func()) {}
func (k *keepTB) TempDir() string {
	dir, err := os.MkdirTemp("", "attune-bench-")
	if err != nil {
		k.B.Fatal(err)
	}
	return dir
}

// measure runs fn b.N times and reports the 95th percentile beside ns/op.
func measure(b *testing.B, fn func()) {
	b.Helper()
	durations := make([]time.Duration, 0, b.N)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		fn()
		durations = append(durations, time.Since(start))
	}
	b.StopTimer()
	sort.Slice(durations, func(i, j int) bool { return durations[i] < durations[j] })
	b.ReportMetric(float64(durations[len(durations)*95/100].Microseconds())/1000, "p95-ms")
}

// get serves one page in process, through every middleware, as a signed-in agent.
func get(b *testing.B, h http.Handler, path, token string) {
	req := httptest.NewRequest("GET", path, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	if w.Code != 200 {
		b.Fatalf("GET %s: %d\n%.500s", path, w.Code, w.Body.String())
	}
}

// BenchmarkInboxPage renders the inbox, most pressing first, over 100,000 conversations.
func BenchmarkInboxPage(b *testing.B) {
	e, _ := pagesEnv(b)
	measure(b, func() { get(b, e.Handler, "/", e.Agent.Token) })
}

// BenchmarkInboxPageFiltered renders the inbox filtered by mood and channel, sorted by waiting.
func BenchmarkInboxPageFiltered(b *testing.B) {
	e, _ := pagesEnv(b)
	measure(b, func() { get(b, e.Handler, "/?mood=angry&channel=portal&sort=waiting", e.Agent.Token) })
}

// BenchmarkConversationPage renders a conversation with its thread, customer panel, past
// conversations, saved replies and coach panel, over 100,000 conversations.
func BenchmarkConversationPage(b *testing.B) {
	e, id := pagesEnv(b)
	path := fmt.Sprintf("/conversations/%d", id)
	measure(b, func() { get(b, e.Handler, path, e.Agent.Token) })
}

// BenchmarkLiveCoach is the coach's round trip while 50 agents type at once: each agent
// sends its growing draft after every pause, over HTTP, to a server on a SQLite file. It
// reports the 95th percentile of all round trips.
func BenchmarkLiveCoach(b *testing.B) {
	coach := testCoach()
	clock := storetest.NewClock()
	db := storetest.Open(b, storetest.SQLiteDSN(b), clock)
	e := startPages(b, db, clock, webtest.Options{Coach: coach})
	const agents = 50
	convs := make([]int64, agents)
	for i := range convs {
		c := open(b, e, fmt.Sprintf("Customer %d", i), fmt.Sprintf("c%d@example.com", i), "Charged twice",
			"I'm furious. You charged me twice and my rent is due Friday. This is the third time I'm writing!", attune.ChannelPortal)
		convs[i] = c.ID
	}
	draft := "Hi, I'm so sorry about the double charge. I can see how worrying that is with rent due, and you shouldn't have had to write three times. I've refunded it today. Is there anything else I can do?"
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: agents}}
	var mu sync.Mutex
	var durations []time.Duration
	b.ReportAllocs()
	b.ResetTimer()
	var wg sync.WaitGroup
	per := max(b.N/agents, 1)
	for a := 0; a < agents; a++ {
		wg.Add(1)
		go func(a int) {
			defer wg.Done()
			local := make([]time.Duration, 0, per)
			for i := 0; i < per; i++ {
				cut := (i*7 + a*3) % len(draft)
				form := url.Values{"body": {draft[:cut+1]}}
				req, _ := http.NewRequest("POST", fmt.Sprintf("%s/conversations/%d/coach", e.Server.URL, convs[a]), strings.NewReader(form.Encode()))
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				req.Header.Set("Authorization", "Bearer "+e.Agent.Token)
				req.Header.Set("HX-Request", "true")
				start := time.Now()
				resp, err := client.Do(req)
				if err != nil {
					b.Error(err)
					return
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				local = append(local, time.Since(start))
				if resp.StatusCode != 200 {
					b.Errorf("coach: %d", resp.StatusCode)
					return
				}
			}
			mu.Lock()
			durations = append(durations, local...)
			mu.Unlock()
		}(a)
	}
	wg.Wait()
	b.StopTimer()
	if len(durations) == 0 {
		return
	}
	sort.Slice(durations, func(i, j int) bool { return durations[i] < durations[j] })
	b.ReportMetric(float64(durations[len(durations)*95/100].Microseconds())/1000, "p95-ms")
	b.ReportMetric(float64(durations[len(durations)/2].Microseconds())/1000, "p50-ms")
}
