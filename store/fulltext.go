package store

import (
	"strconv"
	"strings"

	"github.com/attune-desk/attune/kb"
)

// fullText is how a database searches articles: SQLite's FTS5 ranked by bm25, or
// PostgreSQL's text search ranked by ts_rank. Both stem English words themselves; the
// query they get is already expanded with corrections and synonyms.
type fullText struct {
	// candidates builds the SQL that selects candidate articles for a parsed question,
	// best first, with its arguments. It returns id, slug, title, category, status,
	// keywords, plain and the engine's score, higher being better.
	candidates func(q kb.Query, v *kb.Vocabulary, drafts bool, limit int) (string, []any)
}

// phrase quotes an alternative for either engine's query syntax. Every word is quoted,
// so nothing typed can become an operator; kb.Words never yields a double quote, and
// any that got here is dropped.
func phrase(a kb.Alt) string {
	words := make([]string, 0, len(a.Words))
	for _, w := range a.Words {
		if w = strings.ReplaceAll(w, `"`, ""); w != "" {
			words = append(words, w)
		}
	}
	return `"` + strings.Join(words, " ") + `"`
}

func orQuery(alts []kb.Alt, or string) string {
	parts := make([]string, 0, len(alts))
	for _, a := range alts {
		parts = append(parts, phrase(a))
	}
	return strings.Join(parts, or)
}

// sqliteFTS asks FTS5 for every alternative at once. bm25 already weighs rare words
// above common ones; it weighs a match in the title ten times one in the body, tags
// and category five times, and returns lower-is-better, so it is negated.
var sqliteFTS = fullText{
	candidates: func(q kb.Query, _ *kb.Vocabulary, drafts bool, limit int) (string, []any) {
		return `SELECT a.id, a.slug, a.title, a.category, a.status, a.keywords, a.plain, -bm25(kb_fts, 10.0, 5.0, 1.0) AS score
			FROM kb_fts JOIN kb_articles a ON a.id = kb_fts.rowid
			WHERE kb_fts MATCH ? AND (a.status = 'published' OR ?)
			ORDER BY score DESC, a.id LIMIT ?`, []any{orQuery(q.Alts(), " OR "), drafts, limit}
	},
}

// postgresFTS asks for each concept with its own websearch_to_tsquery and ranks by the
// sum of each concept's ts_rank times its weight squared (the IDF of its rarest word),
// since ts_rank alone counts occurrences and would let a common word in a title outrank
// a rare word in a body; squaring measured better than the plain IDF on the relevance
// test. ts_rank's weights put the title (A) far above tags (B) and the
// body (D); normalisation 1 divides by 1 + the log of the article's length.
var postgresFTS = fullText{
	candidates: func(q kb.Query, v *kb.Vocabulary, drafts bool, limit int) (string, []any) {
		q = q.Retrieval(v)
		var ranks, froms, ors []string
		var weights, texts []any
		for i, c := range q.Concepts {
			n := "q" + strconv.Itoa(i)
			ranks = append(ranks, "? * ts_rank('{0.1, 0.2, 0.5, 1.0}', a.search, "+n+", 1)")
			weights = append(weights, max(c.Weight*c.Weight, 0.1))
			froms = append(froms, "websearch_to_tsquery('english', ?) "+n)
			texts = append(texts, orQuery(c.Alts, " or "))
			ors = append(ors, n)
		}
		sql := `SELECT a.id, a.slug, a.title, a.category, a.status, a.keywords, a.plain, (` + strings.Join(ranks, " + ") + `)::float8 AS score
			FROM kb_articles a, ` + strings.Join(froms, ", ") + `
			WHERE a.search @@ (` + strings.Join(ors, " || ") + `) AND (a.status = 'published' OR ?)
			ORDER BY score DESC, a.id LIMIT ?`
		args := append(append(weights, texts...), drafts, limit)
		return sql, args
	},
}
