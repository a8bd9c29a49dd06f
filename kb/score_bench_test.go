package kb_test

import (
	"testing"

	"github.com/attune-desk/attune/kb"
	"github.com/attune-desk/attune/kb/kbtest"
)

// BenchmarkScore scores 100 generated help-centre articles for one question, as a
// search does with its candidates.
func BenchmarkScore(b *testing.B) {
	docs := kbtest.Generate(100, 3)
	th := kb.DefaultThesaurus()
	counts := map[string]int{}
	for _, d := range docs {
		for _, w := range kb.Words(d.Title + " " + d.Body) {
			counts[w]++
		}
	}
	v := kb.NewVocabulary(counts, len(docs), th.Words())
	q := kb.ParseQuery("should I check in with the customer after their refund problem is fixed", kb.QueryOptions{Thesaurus: th, Vocabulary: v})
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sc := kb.NewScorer(q, v)
		for _, d := range docs {
			sc.Score(kb.Doc{Title: d.Title, Keywords: d.Category, Body: d.Body})
		}
	}
}
