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
	// optimize tidies the index after many changes at once: FTS5 merges its segments;
	// PostgreSQL refreshes the planner's statistics, so it keeps using the GIN index.
	optimize string
	// session holds settings for the connections that run searches.
	session map[string]string
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

// orQuery joins alternatives with the engine's "or", once per stem sequence: both
// engines stem, so "listen" and "listening" are one term to them, and a repeated term
// only makes the query look broader to PostgreSQL's planner.
func orQuery(alts []kb.Alt, or string) string {
	parts := make([]string, 0, len(alts))
	seen := map[string]bool{}
	for _, a := range alts {
		stems := make([]string, len(a.Words))
		for i, w := range a.Words {
			stems[i] = kb.Stem(w)
		}
		if k := strings.Join(stems, " "); !seen[k] {
			seen[k] = true
			parts = append(parts, phrase(a))
		}
	}
	return strings.Join(parts, or)
}

// sqliteFTS asks FTS5 for every alternative at once, less words in most articles
// (fewer matches to score, and bm25 gives them little weight anyway). bm25 weighs a
// match in the title ten times one in the body, tags and category five times, and
// returns lower-is-better, so it is negated. Ranking happens in the inner query, so
// only the best rows are joined to the articles.
var sqliteFTS = fullText{
	candidates: func(q kb.Query, v *kb.Vocabulary, drafts bool, limit int) (string, []any) {
		inner := limit
		if !drafts {
			inner *= 2 // drafts are filtered after ranking
		}
		return `SELECT a.id, a.slug, a.title, a.category, a.status, a.keywords, a.plain, f.score
			FROM (SELECT rowid, -bm25(kb_fts, 10.0, 5.0, 1.0) AS score FROM kb_fts WHERE kb_fts MATCH ? ORDER BY score DESC LIMIT ?) f
			JOIN kb_articles a ON a.id = f.rowid
			WHERE a.status = 'published' OR ?
			ORDER BY f.score DESC, a.id LIMIT ?`, []any{orQuery(q.Retrieval(v, retrievalShare).Alts(), " OR "), inner, drafts, limit}
	},
	optimize: "INSERT INTO kb_fts (kb_fts) VALUES ('optimize')",
}

// postgresFTS ranks by the sum of each concept's ts_rank (its own websearch_to_tsquery)
// times its weight squared (the IDF of its rarest word), since ts_rank alone counts
// occurrences and would let a common word in a title outrank a rare word in a body;
// squaring measured better than the plain IDF on the relevance test. ts_rank's weights
// put the title (A) far above tags (B) and the body (D); normalisation 1 divides by
// 1 + the log of the article's length.
var postgresFTS = fullText{
	candidates: func(q kb.Query, v *kb.Vocabulary, drafts bool, limit int) (string, []any) {
		q = q.Retrieval(v, pgRetrievalShare)
		var ranks, froms []string
		var weights, texts []any
		for i, c := range q.Concepts {
			n := "q" + strconv.Itoa(i)
			ranks = append(ranks, "? * ts_rank('{0.1, 0.2, 0.5, 1.0}', a.search, "+n+", 1)")
			weights = append(weights, max(c.Weight*c.Weight, 0.1))
			froms = append(froms, "websearch_to_tsquery('english', ?) "+n)
			texts = append(texts, orQuery(c.Alts, " or "))
		}
		// The inner query finds the matches through the GIN index and keeps the best
		// few hundred by one ts_rank each; only those are ranked per concept, so the
		// cost stays bounded however many articles share a word.
		sql := `SELECT a.id, a.slug, a.title, a.category, a.status, a.keywords, a.plain, (` + strings.Join(ranks, " + ") + `)::float8 AS score
			FROM (SELECT id FROM kb_articles, websearch_to_tsquery('english', ?) qa
				WHERE search @@ qa AND (status || '' = 'published' OR ?)
				ORDER BY ts_rank('{0.1, 0.2, 0.5, 1.0}', search, qa, 1) DESC, id LIMIT ?) pre
			JOIN kb_articles a ON a.id = pre.id, ` + strings.Join(froms, ", ") + `
			ORDER BY score DESC, a.id LIMIT ?`
		args := append(append(weights, orQuery(q.Alts(), " or "), drafts, 3*limit), texts...)
		return sql, append(args, limit)
	},
	optimize: "ANALYZE kb_articles, kb_terms",
	// Checking @@ row by row costs far more than the planner thinks, so when a query
	// matches a quarter of the articles it would scan them all; the GIN index is faster
	// at every size measured. (The status test is written so no other index can stand
	// in for the table scan either.) Searches have their own connections for this.
	session: map[string]string{"enable_seqscan": "off"},
}

// retrievalShare is the largest share of the articles a word may appear in and still
// be asked of the engine (see kb.Query.Retrieval). On SQLite a fifth measured best on
// the relevance test. PostgreSQL ranks every match with ts_rank, which costs far more
// than bm25, so it asks only for words in at most a tenth of the articles: a question
// like "check in after the fix" otherwise matches half of them. (On the relevance test
// that costs one question of 48 and halves the search time.)
const (
	retrievalShare   = 0.2
	pgRetrievalShare = 0.1
)
