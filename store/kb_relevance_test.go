package store_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/attune-desk/attune"
	"github.com/attune-desk/attune/kb/kbtest"
	"github.com/attune-desk/attune/store"
	"github.com/attune-desk/attune/store/storetest"
)

// strategies loads the seed document's fourteen strategies, skipping the test when the
// shared folder is absent (it is always there in CI).
func strategies(t testing.TB) []kbtest.Strategy {
	dir, err := kbtest.FindShared()
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	ss, err := kbtest.LoadStrategies(filepath.Join(dir, "seeds", kbtest.SeedFile))
	if err != nil {
		t.Fatal(err)
	}
	if len(ss) != 14 {
		t.Fatalf("found %d strategies in the seed, want 14", len(ss))
	}
	return ss
}

// loadKB fills a knowledge base with n generated articles and the strategies among them,
// at random places, and returns the strategies' article ids by number.
func loadKB(t testing.TB, kbs *store.KnowledgeBase, n int, ss []kbtest.Strategy) map[int]int64 {
	ctx := context.Background()
	gen := kbtest.Generate(n, 7)
	r := rand.New(rand.NewPCG(1, 2))
	at := map[int]int{}
	for _, s := range ss {
		at[r.IntN(n)] = s.N
	}
	ids := map[int]int64{}
	actor := attune.SystemActor()
	for i, g := range gen {
		if num, ok := at[i]; ok {
			s := ss[num-1]
			a, err := kbs.CreateArticle(ctx, storetest.Article(s.Title, s.Body, attune.ArticlePublished), actor)
			if err != nil {
				t.Fatal(err)
			}
			ids[num] = a.ID
		}
		in := storetest.Article(g.Title, g.Body, attune.ArticlePublished, g.Tags...)
		in.Category = &g.Category
		if _, err := kbs.CreateArticle(ctx, in, actor); err != nil {
			t.Fatal(err)
		}
	}
	for _, s := range ss { // any strategy whose place fell on a repeat goes last
		if _, ok := ids[s.N]; !ok {
			a, err := kbs.CreateArticle(ctx, storetest.Article(s.Title, s.Body, attune.ArticlePublished), actor)
			if err != nil {
				t.Fatal(err)
			}
			ids[s.N] = a.ID
		}
	}
	if err := kbs.Optimize(context.Background()); err != nil {
		t.Fatal(err)
	}
	return ids
}

// TestSearchRelevance asks plain-language questions of a knowledge base holding the
// fourteen empathy strategies among 3,000 unrelated help-centre articles, and needs the
// right strategy in the top three for at least 80% of them on each database.
func TestSearchRelevance(t *testing.T) {
	if testing.Short() {
		t.Skip("loads thousands of articles")
	}
	ss := strategies(t)
	storetest.ForEach(t, func(t *testing.T, db *store.DB, _ *storetest.Clock) {
		kbs := storetest.NewServices(db).KB
		start := time.Now()
		ids := loadKB(t, kbs, 3000, ss)
		t.Logf("loaded 3,014 articles in %v", time.Since(start).Round(time.Millisecond))
		hits, first := 0, 0
		var misses []string
		for _, q := range kbtest.Questions {
			res, err := kbs.Search(context.Background(), attune.SearchQuery{Q: q.Q, Limit: 3})
			if err != nil {
				t.Fatal(err)
			}
			rank := -1
			for i, h := range res.Items {
				if h.ID == ids[q.Strategy] {
					rank = i
				}
			}
			if rank >= 0 {
				hits++
				if rank == 0 {
					first++
				}
			} else {
				var got []string
				for _, h := range res.Items {
					got = append(got, h.Title)
				}
				misses = append(misses, fmt.Sprintf("%q wants %q, got %q", q.Q, ss[q.Strategy-1].Title, got))
			}
		}
		rate := float64(hits) / float64(len(kbtest.Questions))
		t.Logf("relevance on %s: right article in the top 3 for %d of %d questions (%.1f%%), first for %d", db.Dialect(), hits, len(kbtest.Questions), 100*rate, first)
		if len(misses) > 0 {
			t.Logf("missed:\n  %s", strings.Join(misses, "\n  "))
		}
		if rate < 0.8 {
			t.Errorf("top-3 rate %.1f%% is under the 80%% goal", 100*rate)
		}
	})
}
