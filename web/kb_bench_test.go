package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"sort"
	"testing"
	"time"

	"github.com/attune-desk/attune"
	"github.com/attune-desk/attune/kb/kbtest"
	"github.com/attune-desk/attune/store/storetest"
	"github.com/attune-desk/attune/web/webtest"
)

// benchQuestions mix the relevance test's questions with everyday help-centre ones, some
// misspelt, some half-typed.
var benchQuestions = func() []struct{ q, typing string } {
	var out []struct{ q, typing string }
	for _, q := range kbtest.Questions {
		out = append(out, struct{ q, typing string }{q.Q, ""})
	}
	for _, q := range []string{"how do I reset my password", "where is my parcel", "refund for a damaged item",
		"cancel my subscription", "my thermostat won't connect to wifi", "change billing adress", "two factor code not arriving",
		"can I return an unwanted gift", "delete my account and data", "charged twice this month"} {
		out = append(out, struct{ q, typing string }{q, ""})
	}
	for _, q := range []string{"refu", "where is my parc", "how do I chan", "passw"} {
		out = append(out, struct{ q, typing string }{q, "1"})
	}
	return out
}()

// BenchmarkKBSearch searches 5,014 articles through the HTTP API, as an anonymous
// customer would, on SQLite and (with ATTUNE_TEST_POSTGRES) PostgreSQL. It reports the
// p95 latency of one search, request to decoded response.
func BenchmarkKBSearch(b *testing.B) {
	for _, be := range storetest.Backends(b) {
		clock := storetest.NewClock()
		db := storetest.Open(b, be.DSN(b), clock)
		e := webtest.Start(b, db, clock, benchOptions())
		ctx := context.Background()
		start := time.Now()
		for i, g := range kbtest.Generate(5000, 11) {
			in := storetest.Article(g.Title, g.Body, attune.ArticlePublished, g.Tags...)
			in.Category = &g.Category
			if i%10 == 0 {
				st := attune.ArticleDraft
				in.Status = &st
			}
			if _, err := e.Services.KB.CreateArticle(ctx, in, attune.SystemActor()); err != nil {
				b.Fatal(err)
			}
		}
		for _, s := range []struct{ t, body string }{
			{"Follow up after a fix", "After resolving an issue, follow up with the customer to make sure they are satisfied."},
			{"Listen before you answer", "Let the customer finish; don't interrupt, and show you are paying attention."},
		} {
			if _, err := e.Services.KB.CreateArticle(ctx, storetest.Article(s.t, s.body, attune.ArticlePublished), attune.SystemActor()); err != nil {
				b.Fatal(err)
			}
		}
		if err := e.Services.KB.Optimize(ctx); err != nil {
			b.Fatal(err)
		}
		b.Logf("%s: loaded 5,002 articles in %v", be.Name, time.Since(start).Round(time.Millisecond))
		client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 8}}
		b.Run(be.Name, func(b *testing.B) {
			lat := make([]time.Duration, 0, b.N)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				q := benchQuestions[i%len(benchQuestions)]
				u := e.Server.URL + "/api/v1/kb/search?limit=10&q=" + url.QueryEscape(q.q)
				if q.typing != "" {
					u += "&typing=1"
				}
				t0 := time.Now()
				resp, err := client.Get(u)
				if err != nil {
					b.Fatal(err)
				}
				var res struct{ Items []struct{ ID int64 } }
				err = decodeJSON(resp, &res)
				lat = append(lat, time.Since(t0))
				if err != nil || resp.StatusCode != 200 {
					b.Fatalf("%s: %d %v", q.q, resp.StatusCode, err)
				}
			}
			b.StopTimer()
			sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
			b.ReportMetric(float64(lat[len(lat)*95/100].Microseconds())/1000, "p95-ms")
			b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
		})
	}
}

func decodeJSON(resp *http.Response, v any) error {
	defer resp.Body.Close()
	return json.NewDecoder(resp.Body).Decode(v)
}
