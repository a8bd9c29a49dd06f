package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/attune-desk/attune"
	"github.com/attune-desk/attune/kb"
)

// vocabCache holds the vocabularies built from kb_terms, rebuilt when the knowledge
// base's generation moves on. It is derived data: every replica rebuilds its own.
type vocabCache struct {
	mu       sync.Mutex
	loaded   bool
	gen      int64
	checked  time.Time   // when the generation was last read
	stale    atomic.Bool // set by this process's own writes
	all, pub *kb.Vocabulary
}

// vocabCheck is how long a replica trusts its vocabulary before asking the database
// whether another replica changed the articles; its own changes count at once.
const vocabCheck = time.Second

// vocabulary returns the vocabulary of every article (for agents) or of published ones.
func (s *KnowledgeBase) vocabulary(ctx context.Context, drafts bool) (*kb.Vocabulary, error) {
	c := &s.vocab
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.loaded && !c.stale.Load() && time.Since(c.checked) < vocabCheck {
		if drafts {
			return c.all, nil
		}
		return c.pub, nil
	}
	c.stale.Store(false)
	var gen int64
	if err := s.db.reader().queryRow(ctx, "SELECT generation FROM kb_state WHERE id = 1").Scan(&gen); err != nil {
		return nil, wrapErr(err, "knowledge base")
	}
	c.checked = time.Now()
	if !c.loaded || c.gen != gen {
		all, pub, err := s.loadVocabulary(ctx)
		if err != nil {
			return nil, err
		}
		c.all, c.pub, c.gen, c.loaded = all, pub, gen, true
	}
	if drafts {
		return c.all, nil
	}
	return c.pub, nil
}

func (s *KnowledgeBase) loadVocabulary(ctx context.Context) (all, pub *kb.Vocabulary, err error) {
	r := s.db.reader()
	var docs, pubDocs int
	if err := r.queryRow(ctx, "SELECT COUNT(*), COALESCE(SUM(CASE WHEN status = 'published' THEN 1 ELSE 0 END), 0) FROM kb_articles").Scan(&docs, &pubDocs); err != nil {
		return nil, nil, wrapErr(err, "knowledge base")
	}
	rows, err := r.query(ctx, "SELECT term, df, df_published FROM kb_terms WHERE df > 0")
	if err != nil {
		return nil, nil, wrapErr(err, "knowledge base")
	}
	defer rows.Close()
	dfAll, dfPub := map[string]int{}, map[string]int{}
	for rows.Next() {
		var t string
		var a, p int
		if err := rows.Scan(&t, &a, &p); err != nil {
			return nil, nil, wrapErr(err, "knowledge base")
		}
		dfAll[t] = a
		if p > 0 {
			dfPub[t] = p
		}
	}
	if err := rows.Err(); err != nil {
		return nil, nil, wrapErr(err, "knowledge base")
	}
	extra := s.th.Words()
	return kb.NewVocabulary(dfAll, docs, extra), kb.NewVocabulary(dfPub, pubDocs, extra), nil
}

// SnippetLen is the longest snippet a search returns, in characters.
const SnippetLen = 180

// Search finds the articles that best answer a question in everyday words. The
// question is parsed (typos corrected, phrases bridged to the articles' words), the
// database's full-text engine finds and ranks candidates, and kb.Scorer orders them.
func (s *KnowledgeBase) Search(ctx context.Context, q attune.SearchQuery) (*attune.SearchResult, error) {
	if q.Limit <= 0 {
		q.Limit = 10
	} else if q.Limit > 50 {
		q.Limit = 50
	}
	voc, err := s.vocabulary(ctx, q.Drafts)
	if err != nil {
		return nil, err
	}
	pq := kb.ParseQuery(attune.CleanText(q.Q), kb.QueryOptions{Thesaurus: s.th, Vocabulary: voc, Typing: q.Typing})
	res := &attune.SearchResult{Items: []attune.SearchHit{}, Corrected: pq.Corrected}
	if pq.Empty() {
		return res, nil
	}
	candidates := max(100, 4*q.Limit) + len(q.Exclude)
	query, args := s.db.dialect.fts.candidates(pq, voc, q.Drafts, candidates)
	r := s.db.searcher()
	rows, err := r.query(ctx, query, args...)
	if err != nil {
		return nil, wrapErr(err, "article")
	}
	defer rows.Close()
	type cand struct {
		hit              attune.SearchHit
		keywords, plain  string
		engine, relevant float64
	}
	var cs []cand
	excluded := map[int64]bool{}
	for _, id := range q.Exclude {
		excluded[id] = true
	}
	for rows.Next() {
		var c cand
		if err := rows.Scan(&c.hit.ID, &c.hit.Slug, &c.hit.Title, &c.hit.Category, &c.hit.Status, &c.keywords, &c.plain, &c.engine); err != nil {
			return nil, wrapErr(err, "article")
		}
		if !excluded[c.hit.ID] {
			cs = append(cs, c)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, wrapErr(err, "article")
	}
	scorer := kb.NewScorer(pq, voc)
	for i := range cs {
		cs[i].relevant = scorer.Score(kb.Doc{Title: cs[i].hit.Title, Keywords: cs[i].keywords, Body: cs[i].plain})
	}
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].relevant > cs[j].relevant })
	stems := pq.Stems()
	for i := 0; i < len(cs) && len(res.Items) < q.Limit; i++ {
		if cs[i].relevant <= 0 {
			break
		}
		h := cs[i].hit
		h.Score = float64(int(cs[i].relevant*1000)) / 1000
		h.Snippet = kb.Snippet(cs[i].plain, stems, SnippetLen)
		res.Items = append(res.Items, h)
	}
	return res, nil
}

// Optimize tidies the search index after a bulk change such as an import.
func (s *KnowledgeBase) Optimize(ctx context.Context) error {
	_, err := s.db.write.ExecContext(ctx, s.db.dialect.fts.optimize)
	return wrapErr(err, "knowledge base")
}

// RecordView counts one reading of an article.
func (s *KnowledgeBase) RecordView(ctx context.Context, articleID int64) error {
	return s.bumpStat(ctx, articleID, "views")
}

// RecordHelpful counts a "Did this help?" answer.
func (s *KnowledgeBase) RecordHelpful(ctx context.Context, articleID int64, helpful bool) error {
	if helpful {
		return s.bumpStat(ctx, articleID, "helpful")
	}
	return s.bumpStat(ctx, articleID, "not_helpful")
}

// bumpStat adds one to a figure; column is one of three constants, never input.
func (s *KnowledgeBase) bumpStat(ctx context.Context, id int64, column string) error {
	return wrapErr(s.db.tx(ctx, func(c conn) error {
		res, err := c.exec(ctx, "UPDATE kb_article_stats SET "+column+" = "+column+" + 1 WHERE article_id = ?", id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return attune.Errorf(attune.ENOTFOUND, "We couldn't find that article. It may have been removed.")
		}
		return nil
	}), "article")
}

// OpenDeflection notes that a customer writing on the portal form opened an article.
func (s *KnowledgeBase) OpenDeflection(ctx context.Context, articleID int64) (string, error) {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	token := hex.EncodeToString(b)
	err := s.db.tx(ctx, func(c conn) error {
		var one int
		if err := c.queryRow(ctx, "SELECT 1 FROM kb_articles WHERE id = ?", articleID).Scan(&one); err != nil {
			return err
		}
		_, err := c.exec(ctx, "INSERT INTO kb_deflections (token, article_id, opened_at) VALUES (?, ?, ?)", token, articleID, s.db.nowMS())
		return err
	})
	if err != nil {
		return "", wrapErr(err, "article")
	}
	return token, nil
}

// MessageSent notes that the browser holding these tokens sent its message after all.
func (s *KnowledgeBase) MessageSent(ctx context.Context, tokens []string) error {
	var valid []any
	for _, t := range tokens {
		if len(t) == 32 && len(valid) < 50 {
			valid = append(valid, t)
		}
	}
	if len(valid) == 0 {
		return nil
	}
	ph := strings.TrimSuffix(strings.Repeat("?, ", len(valid)), ", ")
	return wrapErr(s.db.tx(ctx, func(c conn) error {
		_, err := c.exec(ctx, "UPDATE kb_deflections SET sent_at = ? WHERE sent_at IS NULL AND token IN ("+ph+")", append([]any{s.db.nowMS()}, valid...)...)
		return err
	}), "deflection")
}

// RecordSearchMiss counts a search that found nothing.
func (s *KnowledgeBase) RecordSearchMiss(ctx context.Context, query string, anonymous bool) error {
	query = strings.ToLower(attune.CleanLine(query))
	if r := []rune(query); len(r) > attune.MaxSearchLen {
		query = string(r[:attune.MaxSearchLen])
	}
	if query == "" {
		return nil
	}
	anon := 0
	if anonymous {
		anon = 1
	}
	now := s.db.nowMS()
	return wrapErr(s.db.tx(ctx, func(c conn) error {
		_, err := c.exec(ctx, `INSERT INTO kb_search_misses (query, count, anonymous, first_at, last_at) VALUES (?, 1, ?, ?, ?)
			ON CONFLICT (query) DO UPDATE SET count = kb_search_misses.count + 1, anonymous = kb_search_misses.anonymous + excluded.anonymous,
			last_at = excluded.last_at`, query, anon, now, now)
		return err
	}), "search")
}

// SearchMisses lists the searches that found nothing, most asked first.
func (s *KnowledgeBase) SearchMisses(ctx context.Context, limit int) ([]attune.SearchMiss, error) {
	if limit <= 0 || limit > 500 {
		limit = 100
	}
	rows, err := s.db.reader().query(ctx, `SELECT query, count, anonymous, first_at, last_at FROM kb_search_misses
		ORDER BY count DESC, last_at DESC, query LIMIT ?`, limit)
	if err != nil {
		return nil, wrapErr(err, "search")
	}
	defer rows.Close()
	out := []attune.SearchMiss{}
	for rows.Next() {
		var m attune.SearchMiss
		var first, last int64
		if err := rows.Scan(&m.Query, &m.Count, &m.Anonymous, &first, &last); err != nil {
			return nil, wrapErr(err, "search")
		}
		m.FirstAt, m.LastAt = fromMS(first), fromMS(last)
		out = append(out, m)
	}
	return out, wrapErr(rows.Err(), "search")
}
