package store

import (
	"strings"

	"github.com/attune-desk/attune/kb"
)

// fullText is how a database searches articles: SQLite's FTS5 ranked by bm25, or
// PostgreSQL's text search ranked by ts_rank. Both stem English words themselves; the
// query they get is already expanded with corrections and synonyms.
type fullText struct {
	// match renders the alternatives of a parsed question as one OR-query in the
	// engine's syntax. Every word is quoted, so nothing typed can become an operator.
	match func(alts []kb.Alt) string
	// search selects candidate articles, best first. Its arguments are the match
	// expression, whether drafts count, and a limit. It returns id, slug, title,
	// category, status, keywords, plain and the engine's score, higher being better.
	search string
}

var sqliteFTS = fullText{
	match: func(alts []kb.Alt) string {
		parts := make([]string, 0, len(alts))
		for _, a := range alts {
			parts = append(parts, `"`+strings.Join(quoteSafe(a.Words), " ")+`"`)
		}
		return strings.Join(parts, " OR ")
	},
	// bm25 weighs a match in the title ten times one in the body, tags and category five
	// times; it returns lower-is-better, so it is negated.
	search: `SELECT a.id, a.slug, a.title, a.category, a.status, a.keywords, a.plain, -bm25(kb_fts, 10.0, 5.0, 1.0) AS score
		FROM kb_fts JOIN kb_articles a ON a.id = kb_fts.rowid
		WHERE kb_fts MATCH ? AND (a.status = 'published' OR ?)
		ORDER BY score DESC, a.id LIMIT ?`,
}

var postgresFTS = fullText{
	match: func(alts []kb.Alt) string {
		parts := make([]string, 0, len(alts))
		for _, a := range alts {
			parts = append(parts, `"`+strings.Join(quoteSafe(a.Words), " ")+`"`)
		}
		return strings.Join(parts, " or ")
	},
	// websearch_to_tsquery reads the quoted alternatives joined by "or". ts_rank's
	// weights put the title (A) far above tags (B) and the body (D); normalisation 1
	// divides by 1 + the log of the article's length, so long pages don't win by bulk.
	search: `SELECT a.id, a.slug, a.title, a.category, a.status, a.keywords, a.plain,
			ts_rank('{0.1, 0.2, 0.5, 1.0}', a.search, q, 1) AS score
		FROM kb_articles a, websearch_to_tsquery('english', ?) q
		WHERE a.search @@ q AND (a.status = 'published' OR ?)
		ORDER BY score DESC, a.id LIMIT ?`,
}

// quoteSafe drops any double quote from words, which kb.Words never yields, so that
// no input can close a quoted phrase early.
func quoteSafe(words []string) []string {
	out := make([]string, 0, len(words))
	for _, w := range words {
		if w = strings.ReplaceAll(w, `"`, ""); w != "" {
			out = append(out, w)
		}
	}
	return out
}
