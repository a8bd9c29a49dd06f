package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/attune-desk/attune"
	"github.com/attune-desk/attune/kb"
	"github.com/attune-desk/attune/markdown"
)

// KnowledgeBase stores articles and FAQ entries and finds them for plain questions.
type KnowledgeBase struct {
	db    *DB
	th    *kb.Thesaurus
	vocab vocabCache
}

// NewKnowledgeBase returns the knowledge base over db, bridging everyday words to the
// articles' words with th (nil for none).
func NewKnowledgeBase(db *DB, th *kb.Thesaurus) *KnowledgeBase {
	return &KnowledgeBase{db: db, th: th}
}

var (
	_ attune.KnowledgeBase = (*KnowledgeBase)(nil)
	_ attune.HelpFeedback  = (*KnowledgeBase)(nil)
)

const articleCols = `a.id, a.slug, a.title, a.body, a.tags, a.category, a.status, a.author_id, a.author_name, a.revision,
	a.created_at, a.updated_at, a.published_at, COALESCE(s.views, 0), COALESCE(s.helpful, 0), COALESCE(s.not_helpful, 0),
	(SELECT COUNT(*) FROM kb_deflections d WHERE d.article_id = a.id AND d.sent_at IS NULL)`

const articleFrom = ` FROM kb_articles a LEFT JOIN kb_article_stats s ON s.article_id = a.id`

func scanArticle(row interface{ Scan(...any) error }) (*attune.Article, error) {
	var a attune.Article
	var tags string
	var author sql.NullInt64
	var created, updated int64
	var published sql.NullInt64
	err := row.Scan(&a.ID, &a.Slug, &a.Title, &a.Body, &tags, &a.Category, &a.Status, &author, &a.AuthorName, &a.Revision,
		&created, &updated, &published, &a.Stats.Views, &a.Stats.Helpful, &a.Stats.NotHelpful, &a.Stats.Deflected)
	if err != nil {
		return nil, err
	}
	a.Tags = []string{}
	if err := unmarshalAll(tags, &a.Tags); err != nil {
		return nil, err
	}
	if author.Valid {
		a.AuthorID = &author.Int64
	}
	a.CreatedAt, a.UpdatedAt, a.PublishedAt = fromMS(created), fromMS(updated), fromNullMS(published)
	return &a, nil
}

// Article returns one article, draft or published.
func (s *KnowledgeBase) Article(ctx context.Context, id int64) (*attune.Article, error) {
	a, err := scanArticle(s.db.reader().queryRow(ctx, "SELECT "+articleCols+articleFrom+" WHERE a.id = ?", id))
	return a, wrapErr(err, "article")
}

// ArticleBySlug returns the article at a slug, draft or published.
func (s *KnowledgeBase) ArticleBySlug(ctx context.Context, slug string) (*attune.Article, error) {
	a, err := scanArticle(s.db.reader().queryRow(ctx, "SELECT "+articleCols+articleFrom+" WHERE a.slug = ?", slug))
	return a, wrapErr(err, "article")
}

// keywords is what the index holds for an article's tags and category.
func keywords(tags []string, category string) string {
	return strings.TrimSpace(strings.Join(tags, " ") + " " + category)
}

// termsOf is the set of indexable words in an article, for the vocabulary.
func termsOf(title, kw, plain string) map[string]bool {
	out := map[string]bool{}
	for _, part := range []string{title, kw, plain} {
		for _, w := range kb.Words(part) {
			if len(w) >= 2 && len(w) <= 40 && len(out) < 20_000 {
				out[w] = true
			}
		}
	}
	return out
}

// CreateArticle adds an article with its first revision. Its slug comes from the title
// unless one is given; a taken slug gets a number on the end, unless it was given.
func (s *KnowledgeBase) CreateArticle(ctx context.Context, in attune.ArticleInput, actor attune.Actor) (*attune.Article, error) {
	if err := in.Validate(true); err != nil {
		return nil, err
	}
	if in.Tags == nil {
		in.Tags = &[]string{}
	}
	if in.Category == nil {
		in.Category = new(string)
	}
	plain := markdown.PlainText(*in.Body)
	kw := keywords(*in.Tags, *in.Category)
	now := s.db.nowMS()
	var published any
	if *in.Status == attune.ArticlePublished {
		published = now
	}
	var id int64
	err := s.db.tx(ctx, func(c conn) error {
		slug, err := s.freeSlug(ctx, c, in.Slug, *in.Title, 0)
		if err != nil {
			return err
		}
		id, err = c.insert(ctx, `INSERT INTO kb_articles (slug, title, body, plain, keywords, tags, category, status, author_id, author_name,
			revision, created_at, updated_at, published_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)`,
			slug, *in.Title, *in.Body, plain, kw, jsonText(*in.Tags), *in.Category, string(*in.Status), nullInt(actor.AgentID), actor.Name,
			now, now, published)
		if isUnique(err) {
			return slugTaken()
		} else if err != nil {
			return err
		}
		if _, err := c.exec(ctx, "INSERT INTO kb_article_stats (article_id) VALUES (?)", id); err != nil {
			return err
		}
		if err := s.addRevision(ctx, c, id, 1, in, actor, now); err != nil {
			return err
		}
		if err := s.changeTerms(ctx, c, nil, false, termsOf(*in.Title, kw, plain), *in.Status == attune.ArticlePublished); err != nil {
			return err
		}
		return audit(ctx, c, s.db, actor, "article.create", "article", id, map[string]any{"title": *in.Title, "status": *in.Status, "slug": slug})
	})
	s.vocab.stale.Store(true) // again after the commit, for searches that ran during it
	if err != nil {
		return nil, wrapErr(err, "article")
	}
	return s.Article(ctx, id)
}

func slugTaken() error {
	return attune.Invalid(map[string]string{"slug": "Another article already uses this slug. Please choose a different one."})
}

// freeSlug returns the wanted slug if given and free, else one made from the title with
// a number added until it is free. self is the article being changed, whose own slug is free.
func (s *KnowledgeBase) freeSlug(ctx context.Context, c conn, want *string, title string, self int64) (string, error) {
	taken := func(slug string) (bool, error) {
		var id int64
		err := c.queryRow(ctx, "SELECT id FROM kb_articles WHERE slug = ?", slug).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return false, nil
		}
		return err == nil && id != self, err
	}
	if want != nil && *want != "" {
		t, err := taken(*want)
		if err != nil {
			return "", err
		}
		if t {
			return "", slugTaken()
		}
		return *want, nil
	}
	base := attune.Slugify(title)
	for n := 1; n < 1000; n++ {
		slug := base
		if n > 1 {
			slug = fmt.Sprintf("%s-%d", base, n)
		}
		t, err := taken(slug)
		if err != nil {
			return "", err
		}
		if !t {
			return slug, nil
		}
	}
	return "", attune.Errorf(attune.ECONFLICT, "Too many articles share this title. Please choose a slug for this one.")
}

func (s *KnowledgeBase) addRevision(ctx context.Context, c conn, id int64, rev int, in attune.ArticleInput, actor attune.Actor, now int64) error {
	_, err := c.exec(ctx, `INSERT INTO kb_revisions (article_id, revision, title, body, tags, category, status, author_id, author_name, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, id, rev, *in.Title, *in.Body, jsonText(*in.Tags), *in.Category, string(*in.Status),
		nullInt(actor.AgentID), actor.Name, now)
	return err
}

// changeTerms moves the vocabulary's counts from an article's old words to its new ones
// and marks the knowledge base changed, inside the article's transaction. Terms are
// written in sorted order, so concurrent writers on PostgreSQL lock rows in one order.
func (s *KnowledgeBase) changeTerms(ctx context.Context, c conn, old map[string]bool, oldPub bool, cur map[string]bool, curPub bool) error {
	type delta struct{ all, pub int }
	deltas := map[string]delta{}
	for t := range old {
		d := deltas[t]
		d.all--
		if oldPub {
			d.pub--
		}
		deltas[t] = d
	}
	for t := range cur {
		d := deltas[t]
		d.all++
		if curPub {
			d.pub++
		}
		deltas[t] = d
	}
	terms := make([]string, 0, len(deltas))
	for t, d := range deltas {
		if d != (delta{}) {
			terms = append(terms, t)
		}
	}
	sort.Strings(terms)
	const batch = 500
	for i := 0; i < len(terms); i += batch {
		chunk := terms[i:min(i+batch, len(terms))]
		args := make([]any, 0, 3*len(chunk))
		rows := make([]string, len(chunk))
		for j, t := range chunk {
			rows[j] = "(?, ?, ?)"
			args = append(args, t, deltas[t].all, deltas[t].pub)
		}
		_, err := c.exec(ctx, `INSERT INTO kb_terms (term, df, df_published) VALUES `+strings.Join(rows, ", ")+`
			ON CONFLICT (term) DO UPDATE SET df = kb_terms.df + excluded.df, df_published = kb_terms.df_published + excluded.df_published`, args...)
		if err != nil {
			return err
		}
	}
	if len(old) > 0 {
		if _, err := c.exec(ctx, "DELETE FROM kb_terms WHERE df <= 0"); err != nil {
			return err
		}
	}
	_, err := c.exec(ctx, "UPDATE kb_state SET generation = generation + 1 WHERE id = 1")
	// the next search reads the generation again (after this transaction commits, or
	// finds it unchanged if it rolled back)
	s.vocab.stale.Store(true)
	return err
}

// UpdateArticle changes an article, saving a new revision when anything changed.
func (s *KnowledgeBase) UpdateArticle(ctx context.Context, id int64, in attune.ArticleInput, actor attune.Actor) (*attune.Article, error) {
	if err := in.Validate(false); err != nil {
		return nil, err
	}
	err := s.db.tx(ctx, func(c conn) error {
		cur, err := scanArticle(c.queryRow(ctx, "SELECT "+articleCols+articleFrom+" WHERE a.id = ?", id))
		if err != nil {
			return err
		}
		next := attune.ArticleInput{Title: &cur.Title, Body: &cur.Body, Tags: &cur.Tags, Category: &cur.Category, Status: &cur.Status}
		changed := map[string]any{}
		if in.Title != nil && *in.Title != cur.Title {
			next.Title, changed["title"] = in.Title, *in.Title
		}
		if in.Body != nil && *in.Body != cur.Body {
			next.Body, changed["body"] = in.Body, "changed"
		}
		if in.Tags != nil && jsonText(*in.Tags) != jsonText(cur.Tags) {
			next.Tags, changed["tags"] = in.Tags, *in.Tags
		}
		if in.Category != nil && *in.Category != cur.Category {
			next.Category, changed["category"] = in.Category, *in.Category
		}
		if in.Status != nil && *in.Status != cur.Status {
			next.Status, changed["status"] = in.Status, *in.Status
		}
		slug := cur.Slug
		if in.Slug != nil && *in.Slug != "" && *in.Slug != cur.Slug {
			if slug, err = s.freeSlug(ctx, c, in.Slug, "", id); err != nil {
				return err
			}
			changed["slug"] = slug
		}
		if len(changed) == 0 {
			return nil
		}
		oldKW := keywords(cur.Tags, cur.Category)
		oldPlain := markdown.PlainText(cur.Body)
		plain, kw := oldPlain, keywords(*next.Tags, *next.Category)
		if next.Body != &cur.Body {
			plain = markdown.PlainText(*next.Body)
		}
		now := s.db.nowMS()
		rev := cur.Revision + 1
		published := nullMS(cur.PublishedAt)
		if *next.Status == attune.ArticlePublished && cur.PublishedAt == nil {
			published = now
		}
		_, err = c.exec(ctx, `UPDATE kb_articles SET slug = ?, title = ?, body = ?, plain = ?, keywords = ?, tags = ?, category = ?, status = ?,
			revision = ?, updated_at = ?, published_at = ? WHERE id = ?`,
			slug, *next.Title, *next.Body, plain, kw, jsonText(*next.Tags), *next.Category, string(*next.Status), rev, now, published, id)
		if isUnique(err) {
			return slugTaken()
		} else if err != nil {
			return err
		}
		if err := s.addRevision(ctx, c, id, rev, next, actor, now); err != nil {
			return err
		}
		if err := s.changeTerms(ctx, c, termsOf(cur.Title, oldKW, oldPlain), cur.Status == attune.ArticlePublished,
			termsOf(*next.Title, kw, plain), *next.Status == attune.ArticlePublished); err != nil {
			return err
		}
		return audit(ctx, c, s.db, actor, "article.update", "article", id, changed)
	})
	s.vocab.stale.Store(true) // again after the commit, for searches that ran during it
	if err != nil {
		return nil, wrapErr(err, "article")
	}
	return s.Article(ctx, id)
}

// DeleteArticle removes an article with its revisions and figures.
func (s *KnowledgeBase) DeleteArticle(ctx context.Context, id int64, actor attune.Actor) error {
	err := s.db.tx(ctx, func(c conn) error {
		cur, err := scanArticle(c.queryRow(ctx, "SELECT "+articleCols+articleFrom+" WHERE a.id = ?", id))
		if err != nil {
			return err
		}
		if _, err := c.exec(ctx, "DELETE FROM kb_articles WHERE id = ?", id); err != nil {
			return err
		}
		old := termsOf(cur.Title, keywords(cur.Tags, cur.Category), markdown.PlainText(cur.Body))
		if err := s.changeTerms(ctx, c, old, cur.Status == attune.ArticlePublished, nil, false); err != nil {
			return err
		}
		return audit(ctx, c, s.db, actor, "article.delete", "article", id, map[string]any{"title": cur.Title, "slug": cur.Slug})
	})
	s.vocab.stale.Store(true)
	return wrapErr(err, "article")
}

// Articles lists articles, most read first unless another order is asked for.
func (s *KnowledgeBase) Articles(ctx context.Context, f attune.ArticleFilter) ([]attune.Article, error) {
	if f.Limit <= 0 {
		f.Limit = 50
	} else if f.Limit > 1000 {
		f.Limit = 1000
	}
	var where []string
	var args []any
	if !f.Drafts {
		where = append(where, "a.status = 'published'")
	}
	if f.Status != "" {
		if !f.Status.Valid() {
			return nil, attune.Invalid(map[string]string{"status": "Please choose a status: draft or published."})
		}
		where = append(where, "a.status = ?")
		args = append(args, string(f.Status))
	}
	if f.Category != "" {
		where = append(where, "a.category = ?")
		args = append(args, f.Category)
	}
	q := "SELECT " + articleCols + articleFrom
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	switch f.Sort {
	case attune.ArticlesNewest:
		q += " ORDER BY a.updated_at DESC, a.id DESC"
	case attune.ArticlesTitle:
		q += " ORDER BY lower(a.title), a.id"
	case attune.ArticlesPopular, "":
		q += " ORDER BY COALESCE(s.views, 0) + 5 * COALESCE(s.helpful, 0) DESC, a.id"
	default:
		return nil, attune.Invalid(map[string]string{"sort": "Please sort by popular, newest or title."})
	}
	q += " LIMIT ? OFFSET ?"
	rows, err := s.db.reader().query(ctx, q, append(args, f.Limit, max(f.Offset, 0))...)
	if err != nil {
		return nil, wrapErr(err, "article")
	}
	defer rows.Close()
	out := []attune.Article{}
	for rows.Next() {
		a, err := scanArticle(rows)
		if err != nil {
			return nil, wrapErr(err, "article")
		}
		out = append(out, *a)
	}
	return out, wrapErr(rows.Err(), "article")
}

// Revisions lists an article's saved versions, newest first.
func (s *KnowledgeBase) Revisions(ctx context.Context, id int64) ([]attune.ArticleRevision, error) {
	if _, err := s.Article(ctx, id); err != nil {
		return nil, err
	}
	rows, err := s.db.reader().query(ctx, `SELECT id, article_id, revision, title, body, tags, category, status, author_id, author_name, created_at
		FROM kb_revisions WHERE article_id = ? ORDER BY revision DESC`, id)
	if err != nil {
		return nil, wrapErr(err, "article")
	}
	defer rows.Close()
	out := []attune.ArticleRevision{}
	for rows.Next() {
		var r attune.ArticleRevision
		var tags string
		var author sql.NullInt64
		var created int64
		if err := rows.Scan(&r.ID, &r.ArticleID, &r.Revision, &r.Title, &r.Body, &tags, &r.Category, &r.Status, &author, &r.AuthorName, &created); err != nil {
			return nil, wrapErr(err, "revision")
		}
		r.Tags = []string{}
		if err := unmarshalAll(tags, &r.Tags); err != nil {
			return nil, wrapErr(err, "revision")
		}
		if author.Valid {
			r.AuthorID = &author.Int64
		}
		r.CreatedAt = fromMS(created)
		out = append(out, r)
	}
	return out, wrapErr(rows.Err(), "revision")
}

// Categories lists the categories of published articles with how many each holds.
func (s *KnowledgeBase) Categories(ctx context.Context) ([]attune.Category, error) {
	rows, err := s.db.reader().query(ctx, `SELECT category, COUNT(*) FROM kb_articles
		WHERE status = 'published' AND category <> '' GROUP BY category ORDER BY category`)
	if err != nil {
		return nil, wrapErr(err, "category")
	}
	defer rows.Close()
	out := []attune.Category{}
	for rows.Next() {
		var c attune.Category
		if err := rows.Scan(&c.Name, &c.Articles); err != nil {
			return nil, wrapErr(err, "category")
		}
		out = append(out, c)
	}
	return out, wrapErr(rows.Err(), "category")
}
