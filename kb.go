package attune

import (
	"context"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Limits on knowledge-base articles.
const (
	MaxArticleLen  = 200_000 // characters in an article's Markdown body
	MaxCategoryLen = 80      // characters in a category name
	MaxSlugLen     = 120     // characters in an article's slug
	MaxSearchLen   = 200     // characters in a search
)

// ArticleStatus says whether customers can see an article.
type ArticleStatus string

// Article statuses: a draft is seen by agents only; a published article by everyone.
const (
	ArticleDraft     ArticleStatus = "draft"
	ArticlePublished ArticleStatus = "published"
)

// Valid reports whether s is a known status.
func (s ArticleStatus) Valid() bool { return s == ArticleDraft || s == ArticlePublished }

// Article is a knowledge-base article or FAQ entry: an answer customers can find for
// themselves and agents can link to mid-conversation.
type Article struct {
	ID          int64         `json:"id"`
	Slug        string        `json:"slug"`
	Title       string        `json:"title"`
	Body        string        `json:"body"` // Markdown
	Tags        []string      `json:"tags"`
	Category    string        `json:"category"`
	Status      ArticleStatus `json:"status"`
	AuthorID    *int64        `json:"author_id"`
	AuthorName  string        `json:"author_name"`
	Revision    int           `json:"revision"`
	Stats       ArticleStats  `json:"stats"`
	CreatedAt   time.Time     `json:"created_at"`
	UpdatedAt   time.Time     `json:"updated_at"`
	PublishedAt *time.Time    `json:"published_at"`
}

// ArticleStats are what the help centre learned about an article from its readers.
type ArticleStats struct {
	Views      int64 `json:"views"`
	Helpful    int64 `json:"helpful"`     // "Did this help?" yes
	NotHelpful int64 `json:"not_helpful"` // "Did this help?" no
	Deflected  int64 `json:"deflected"`   // opened from the portal form, then no message sent
}

// ArticleInput creates an article, or (with nil fields left alone) changes one.
type ArticleInput struct {
	Title    *string        `json:"title"`
	Body     *string        `json:"body"`
	Tags     *[]string      `json:"tags"`
	Category *string        `json:"category"`
	Status   *ArticleStatus `json:"status"`
	// Slug is chosen from the title when empty; imports set it to keep links stable.
	Slug *string `json:"slug"`
}

// Validate cleans the fields in place. A new article needs a title, a body and a status.
func (in *ArticleInput) Validate(creating bool) error {
	f := Fields{}
	if in.Title != nil {
		v := CleanLine(*in.Title)
		in.Title = &v
		f.Require("title", v, "a title")
		f.CheckLen("title", v, MaxNameLen)
	} else if creating {
		f.Add("title", "Please add a title.")
	}
	if in.Body != nil {
		v := CleanText(*in.Body)
		in.Body = &v
		f.Require("body", v, "the article's text")
		f.CheckLen("body", v, MaxArticleLen)
	} else if creating {
		f.Add("body", "Please add the article's text.")
	}
	if in.Tags != nil {
		v := f.CleanTags("tags", *in.Tags)
		in.Tags = &v
	}
	if in.Category != nil {
		v := CleanLine(*in.Category)
		in.Category = &v
		f.CheckLen("category", v, MaxCategoryLen)
	}
	if in.Status != nil {
		if !in.Status.Valid() {
			f.Add("status", "Please choose a status: draft or published.")
		}
	} else if creating {
		f.Add("status", "Please choose a status: draft or published.")
	}
	if in.Slug != nil {
		v := strings.ToLower(CleanLine(*in.Slug))
		in.Slug = &v
		if v != "" && !ValidSlug(v) {
			f.Add("slug", "A slug may use only lower-case letters, digits and single dashes, like how-to-reset-a-password.")
		}
	}
	return f.Err()
}

// ValidSlug reports whether s is a safe slug: lower-case letters and digits in words
// joined by single dashes, never empty, never a path.
func ValidSlug(s string) bool {
	if s == "" || len(s) > MaxSlugLen || s[0] == '-' || s[len(s)-1] == '-' || strings.Contains(s, "--") {
		return false
	}
	for _, r := range s {
		if r != '-' && !unicode.IsDigit(r) && !(unicode.IsLetter(r) && unicode.IsLower(r)) {
			return false
		}
	}
	return utf8.ValidString(s)
}

// Slugify makes a slug from a title: "How do I reset my password?" becomes
// how-do-i-reset-my-password. Letters outside ASCII are kept when they are lower-case
// letters; everything else separates words.
func Slugify(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(title) {
		switch {
		case r == '\'' || r == '’':
			continue // "customer's" reads better as customers than customer-s
		case unicode.IsDigit(r) || unicode.IsLetter(r) && unicode.IsLower(r):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
		if b.Len() >= MaxSlugLen-8 {
			break
		}
	}
	s := strings.Trim(b.String(), "-")
	if s == "" {
		return "article"
	}
	return s
}

// ArticleRevision is one saved version of an article.
type ArticleRevision struct {
	ID         int64         `json:"id"`
	ArticleID  int64         `json:"article_id"`
	Revision   int           `json:"revision"`
	Title      string        `json:"title"`
	Body       string        `json:"body"`
	Tags       []string      `json:"tags"`
	Category   string        `json:"category"`
	Status     ArticleStatus `json:"status"`
	AuthorID   *int64        `json:"author_id"`
	AuthorName string        `json:"author_name"`
	CreatedAt  time.Time     `json:"created_at"`
}

// ArticleSort orders an article list.
type ArticleSort string

// Article orders: most viewed, most recently changed, or by title.
const (
	ArticlesPopular ArticleSort = "popular"
	ArticlesNewest  ArticleSort = "newest"
	ArticlesTitle   ArticleSort = "title"
)

// ArticleFilter narrows an article list. Drafts are left out unless asked for.
type ArticleFilter struct {
	Category string
	Drafts   bool
	Status   ArticleStatus // only this status, when set
	Sort     ArticleSort
	Limit    int
	Offset   int
}

// SearchQuery is a question typed into the help centre, the API or the agent's panel.
type SearchQuery struct {
	Q      string
	Limit  int
	Drafts bool // agents see drafts too
	// Typing marks a query still being typed: its last word may be unfinished, so it is
	// completed from the indexed words.
	Typing bool
	// Exclude leaves these articles out, e.g. the one being read.
	Exclude []int64
}

// SearchHit is one article found by a search. Snippet is HTML: the text is escaped and
// only the <mark> elements around matched words are markup.
type SearchHit struct {
	ID       int64         `json:"id"`
	Slug     string        `json:"slug"`
	Title    string        `json:"title"`
	Category string        `json:"category"`
	Status   ArticleStatus `json:"status"`
	Snippet  string        `json:"snippet"`
	Score    float64       `json:"score"`
}

// SearchResult is a search's answer: the best articles first, and how the question was
// understood (typos corrected, words added).
type SearchResult struct {
	Items []SearchHit `json:"items"`
	// Corrected is the query with typos fixed, when any were.
	Corrected string `json:"corrected,omitempty"`
}

// Category is a group of articles with how many customers can see.
type Category struct {
	Name     string `json:"name"`
	Articles int    `json:"articles"`
}

// KnowledgeBase stores and finds articles.
type KnowledgeBase interface {
	CreateArticle(ctx context.Context, in ArticleInput, actor Actor) (*Article, error)
	Article(ctx context.Context, id int64) (*Article, error)
	ArticleBySlug(ctx context.Context, slug string) (*Article, error)
	UpdateArticle(ctx context.Context, id int64, in ArticleInput, actor Actor) (*Article, error)
	DeleteArticle(ctx context.Context, id int64, actor Actor) error
	Articles(ctx context.Context, f ArticleFilter) ([]Article, error)
	Revisions(ctx context.Context, id int64) ([]ArticleRevision, error)
	Search(ctx context.Context, q SearchQuery) (*SearchResult, error)
	Categories(ctx context.Context) ([]Category, error)
}

// SearchMiss is a search that found nothing, so the team sees what to write next.
type SearchMiss struct {
	Query     string    `json:"query"`
	Count     int64     `json:"count"`
	FirstAt   time.Time `json:"first_at"`
	LastAt    time.Time `json:"last_at"`
	Anonymous int64     `json:"anonymous"` // of Count, how many came from customers
}

// HelpFeedback is what the help centre records about its readers.
type HelpFeedback interface {
	RecordView(ctx context.Context, articleID int64) error
	RecordHelpful(ctx context.Context, articleID int64, helpful bool) error
	// OpenDeflection notes that a customer writing on the portal form opened an article;
	// it returns a token for the browser to hold.
	OpenDeflection(ctx context.Context, articleID int64) (token string, err error)
	// MessageSent notes that the browser holding these tokens sent its message after all,
	// so those articles did not deflect it.
	MessageSent(ctx context.Context, tokens []string) error
	RecordSearchMiss(ctx context.Context, query string, anonymous bool) error
	SearchMisses(ctx context.Context, limit int) ([]SearchMiss, error)
}
