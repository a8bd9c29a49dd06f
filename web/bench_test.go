package web_test

import (
	"bytes"
	"fmt"
	"net/http"
	"path/filepath"
	"sort"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/attune-desk/attune/store/storetest"
	"github.com/attune-desk/attune/web/webtest"
)

// BenchmarkMessageIngest posts customer messages through the HTTP handler into a SQLite
// file, analysed on write, from parallel clients. It reports messages/s and the p99
// latency of a 201.
func BenchmarkMessageIngest(b *testing.B) {
	clock := storetest.NewClock()
	db := storetest.Open(b, filepath.Join(b.TempDir(), "bench.db"), clock)
	e := webtest.Start(b, db, clock, benchOptions())
	const conversations = 50
	ids := make([]int64, conversations)
	for i := range ids {
		r := e.Agent.Do("POST", "/api/v1/conversations", map[string]any{
			"customer": map[string]string{"email": fmt.Sprintf("bench%d@example.com", i)}, "message": "Opening message"}).Want(b, 201)
		var c struct{ ID int64 }
		r.JSON(b, &c)
		ids[i] = c.ID
	}
	body := []byte(`{"author":"customer","body":"I was charged twice for my order this month and my rent is due on Friday. This is the third time I am writing and nobody has answered me yet. Please help!"}`)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	var next atomic.Int64
	var mu sync.Mutex
	latencies := make([]time.Duration, 0, b.N)
	b.SetParallelism(8)
	b.ResetTimer()
	start := time.Now()
	b.RunParallel(func(pb *testing.PB) {
		local := make([]time.Duration, 0, 1024)
		for pb.Next() {
			id := ids[next.Add(1)%conversations]
			req, _ := http.NewRequest("POST", fmt.Sprintf("%s/api/v1/conversations/%d/messages", e.Server.URL, id), bytes.NewReader(body))
			req.Header.Set("Authorization", "Bearer "+e.Agent.Token)
			req.Header.Set("Content-Type", "application/json")
			t0 := time.Now()
			resp, err := client.Do(req)
			if err != nil {
				b.Error(err)
				return
			}
			resp.Body.Close()
			local = append(local, time.Since(t0))
			if resp.StatusCode != 201 {
				b.Errorf("status %d", resp.StatusCode)
				return
			}
		}
		mu.Lock()
		latencies = append(latencies, local...)
		mu.Unlock()
	})
	elapsed := time.Since(start)
	b.StopTimer()
	sort.Slice(latencies, func(i, j int) bool { return latencies[i] < latencies[j] })
	if n := len(latencies); n > 0 {
		b.ReportMetric(float64(n)/elapsed.Seconds(), "msgs/s")
		b.ReportMetric(float64(latencies[n*99/100].Microseconds())/1000, "p99-ms")
	}
}
