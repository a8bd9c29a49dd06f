package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/attune-desk/attune"
	"github.com/attune-desk/attune/analysis"
	"github.com/attune-desk/attune/store/storetest"
	"github.com/attune-desk/attune/triage"
	"github.com/attune-desk/attune/web/webtest"
)

// BenchmarkCoachAPI is the server time of POST /api/v1/coach while 50 agents type at once:
// each agent sends its growing draft after every pause, for a stored conversation of five
// messages on a SQLite file ("conversation") or with the customer's messages in the
// request ("messages"), read by the real emotion engine and coach. The time is that of the
// whole handler chain in process (authentication, decoding, the conversation's context
// from the database, the review, the JSON), so it leaves out the network, which is the
// client's share of the round trip. It reports the 50th and 99th percentiles; the goal is
// ≤ 20 ms at the 99th.
//
// "typing" paces each agent as the composer does: a request at most every pause of
// coachPause (the composer's debounce), with jitter so the agents don't march in step.
// "flat-out" drops the pauses, so 50 requests are always in flight on the machine's
// cores: a stress figure, far beyond what 50 agents typing can send.
func BenchmarkCoachAPI(b *testing.B) {
	b.Run("conversation/typing", func(b *testing.B) { benchCoachAPI(b, true, coachPause) })
	b.Run("conversation/flat-out", func(b *testing.B) { benchCoachAPI(b, true, 0) })
	b.Run("messages/typing", func(b *testing.B) { benchCoachAPI(b, false, coachPause) })
}

// coachPause is the composer's debounce before it asks the coach (hx-trigger "delay:350ms"
// in templates/conversation.html).
const coachPause = 350 * time.Millisecond

func benchCoachAPI(b *testing.B, stored bool, pause time.Duration) {
	engine, err := analysis.New()
	if err != nil {
		b.Fatal(err)
	}
	clock := storetest.NewClock()
	db := storetest.Open(b, storetest.SQLiteDSN(b), clock)
	e := startPages(b, db, clock, webtest.Options{Analyzer: triage.NewAnalyzer(engine)})
	const agents = 50
	thread := []struct {
		author attune.AuthorKind
		body   string
	}{
		{attune.AuthorAgent, "Hi Dana, thanks for writing in. I'm looking at the charges on your account now."},
		{attune.AuthorCustomer, "It has been two days. The second charge is still there and my rent goes out on Friday."},
		{attune.AuthorAgent, "I understand. I've asked our billing team to reverse it and I'll write again by noon."},
		{attune.AuthorCustomer, "Noon came and went. Nobody has told me anything and I'm getting really worried now."},
	}
	first := "You charged my card twice for the same order and I need that money back before my rent is due on Friday."
	convs := make([]int64, agents)
	for i := range convs {
		c := open(b, e, fmt.Sprintf("Dana %d", i), fmt.Sprintf("dana%d@example.com", i), "Charged twice", first, attune.ChannelPortal)
		for _, m := range thread {
			if _, err := e.Desk.AddMessage(context.Background(), c.ID, attune.NewMessage{Body: m.body, Author: m.author}, attune.Actor{}); err != nil {
				b.Fatal(err)
			}
		}
		convs[i] = c.ID
	}
	draft := "Dana, I'm so sorry. You were promised an update by noon and didn't get one, and with rent due Friday " +
		"that must be really stressful. I've just checked with billing myself: the second charge was reversed " +
		"this morning and the money will be back in your account within two working days. I'll check in on " +
		"Thursday to make sure it has arrived. Is there anything else about the account I can look at for you?"
	durations := make([][]time.Duration, agents)
	per := max(b.N/agents, 1)
	b.ReportAllocs()
	b.ResetTimer()
	var wg sync.WaitGroup
	for a := 0; a < agents; a++ {
		wg.Add(1)
		go func(a int) {
			defer wg.Done()
			local := make([]time.Duration, 0, per)
			rng := rand.New(rand.NewPCG(uint64(a), 7))
			for i := 0; i < per; i++ {
				if pause > 0 {
					time.Sleep(pause/2 + time.Duration(rng.Int64N(int64(pause))))
				}
				cut := (i*7+a*3)%len(draft) + 1
				body := map[string]any{"draft": draft[:cut]}
				if stored {
					body["conversation_id"] = convs[a]
				} else {
					body["customer_messages"] = []string{first, thread[1].body, thread[3].body}
					body["customer_name"] = "Dana"
				}
				raw, _ := json.Marshal(body)
				req := httptest.NewRequest("POST", "/api/v1/coach", bytes.NewReader(raw))
				req.Header.Set("Authorization", "Bearer "+e.Agent.Token)
				req.Header.Set("Content-Type", "application/json")
				w := httptest.NewRecorder()
				start := time.Now()
				e.Handler.ServeHTTP(w, req)
				local = append(local, time.Since(start))
				if w.Code != http.StatusOK {
					b.Errorf("coach: %d %.300s", w.Code, w.Body.String())
					return
				}
			}
			durations[a] = local
		}(a)
	}
	wg.Wait()
	b.StopTimer()
	var all []time.Duration
	for _, d := range durations {
		all = append(all, d...)
	}
	if len(all) == 0 {
		return
	}
	sort.Slice(all, func(i, j int) bool { return all[i] < all[j] })
	b.ReportMetric(float64(all[len(all)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(all[len(all)*99/100].Microseconds())/1000, "p99-ms")
}
