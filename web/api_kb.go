package web

import (
	"html/template"
	"net/http"
	"strconv"
	"strings"

	"github.com/attune-desk/attune"
	"github.com/attune-desk/attune/markdown"
)

// articleJSON is an article with its Markdown rendered to safe HTML.
type articleJSON struct {
	*attune.Article
	HTML template.HTML `json:"html"`
	URL  string        `json:"url"` // the public page
}

func articleOut(a *attune.Article) articleJSON {
	return articleJSON{Article: a, HTML: markdown.Render(a.Body), URL: articleURL(a.Slug)}
}

// articleURL is an article's page in the public help centre.
func articleURL(slug string) string { return "/help/articles/" + slug }

// kbReady answers 404 when the server runs without a knowledge base.
func (s *Server) kbReady(w http.ResponseWriter, r *http.Request) bool {
	if s.KB == nil || s.Help == nil {
		s.writeError(w, r, attune.Errorf(attune.ENOTFOUND, "The knowledge base isn't set up on this server."))
		return false
	}
	return true
}

// visibleArticle loads an article the caller may see: agents see drafts, everyone else
// only published articles, and a draft is "not found" to them.
func (s *Server) visibleArticle(r *http.Request) (*attune.Article, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	a, err := s.KB.Article(r.Context(), id)
	if err != nil {
		return nil, err
	}
	if a.Status != attune.ArticlePublished && agentOf(r) == nil {
		return nil, attune.Errorf(attune.ENOTFOUND, "We couldn't find that article. It may have been removed, or the link may be wrong.")
	}
	return a, nil
}

// searchRequest reads q, limit and typing from the query string.
func searchRequest(r *http.Request) (attune.SearchQuery, error) {
	q := attune.SearchQuery{Q: attune.CleanLine(r.URL.Query().Get("q")), Drafts: agentOf(r) != nil}
	if len([]rune(q.Q)) > attune.MaxSearchLen {
		return q, attune.Invalid(map[string]string{"q": "This search is too long: please keep it under 200 characters."})
	}
	limit, err := queryInt(r, "limit")
	if err != nil {
		return q, err
	}
	q.Limit = min(limit, 50)
	switch r.URL.Query().Get("typing") {
	case "1", "true":
		q.Typing = true
	}
	return q, nil
}

// search runs a query and records it when it found nothing, unless the asker is still
// typing (a half-typed word is not a gap in the knowledge base).
func (s *Server) search(r *http.Request, q attune.SearchQuery) (*attune.SearchResult, error) {
	if q.Q == "" {
		return &attune.SearchResult{Items: []attune.SearchHit{}}, nil
	}
	res, err := s.KB.Search(r.Context(), q)
	if err != nil {
		return nil, err
	}
	if len(res.Items) == 0 && !q.Typing {
		if err := s.Help.RecordSearchMiss(r.Context(), q.Q, agentOf(r) == nil); err != nil {
			s.Logger.WarnContext(r.Context(), "search miss not recorded", "err", err)
		}
	}
	return res, nil
}

func (s *Server) handleKBSearch() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.kbReady(w, r) {
			return
		}
		q, err := searchRequest(r)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		res, err := s.search(r, q)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		s.writeJSON(w, r, http.StatusOK, res)
	})
}

func (s *Server) handleKBCategories() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.kbReady(w, r) {
			return
		}
		cats, err := s.KB.Categories(r.Context())
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		s.writeJSON(w, r, http.StatusOK, map[string]any{"items": cats})
	})
}

func (s *Server) handleArticleList() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.kbReady(w, r) {
			return
		}
		q := r.URL.Query()
		f := attune.ArticleFilter{Category: q.Get("category"), Sort: attune.ArticleSort(q.Get("sort")), Drafts: agentOf(r) != nil,
			Status: attune.ArticleStatus(q.Get("status"))}
		var err error
		if f.Limit, err = queryInt(r, "limit"); err == nil {
			f.Offset, err = queryInt(r, "offset")
		}
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		list, err := s.KB.Articles(r.Context(), f)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		s.writeJSON(w, r, http.StatusOK, map[string]any{"items": list})
	})
}

func (s *Server) handleArticleCreate() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.kbReady(w, r) {
			return
		}
		in, err := decode[attune.ArticleInput](s, w, r)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		a, err := s.KB.CreateArticle(r.Context(), in, actorOf(r))
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		w.Header().Set("Location", "/api/v1/kb/articles/"+strconv.FormatInt(a.ID, 10))
		s.writeJSON(w, r, http.StatusCreated, articleOut(a))
	})
}

func (s *Server) handleArticleShow() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.kbReady(w, r) {
			return
		}
		a, err := s.visibleArticle(r)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		s.writeJSON(w, r, http.StatusOK, articleOut(a))
	})
}

func (s *Server) handleArticleUpdate() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.kbReady(w, r) {
			return
		}
		id, err := pathID(r)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		in, err := decode[attune.ArticleInput](s, w, r)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		a, err := s.KB.UpdateArticle(r.Context(), id, in, actorOf(r))
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		s.writeJSON(w, r, http.StatusOK, articleOut(a))
	})
}

func (s *Server) handleArticleDelete() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.kbReady(w, r) {
			return
		}
		id, err := pathID(r)
		if err == nil {
			err = s.KB.DeleteArticle(r.Context(), id, actorOf(r))
		}
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
}

func (s *Server) handleArticleRevisions() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.kbReady(w, r) {
			return
		}
		id, err := pathID(r)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		revs, err := s.KB.Revisions(r.Context(), id)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		s.writeJSON(w, r, http.StatusOK, map[string]any{"items": revs})
	})
}

// handleArticleFeedback records a "Did this help?" answer from anyone.
func (s *Server) handleArticleFeedback() http.Handler {
	type request struct {
		Helpful *bool `json:"helpful"`
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.kbReady(w, r) {
			return
		}
		a, err := s.visibleArticle(r)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		in, err := decode[request](s, w, r)
		if err == nil && in.Helpful == nil {
			err = attune.Invalid(map[string]string{"helpful": "Please answer true (it helped) or false (it didn't)."})
		}
		if err == nil {
			err = s.Help.RecordHelpful(r.Context(), a.ID, *in.Helpful)
		}
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
}

func (s *Server) handleSearchMisses() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.kbReady(w, r) {
			return
		}
		limit, err := queryInt(r, "limit")
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		misses, err := s.Help.SearchMisses(r.Context(), limit)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		s.writeJSON(w, r, http.StatusOK, map[string]any{"items": misses})
	})
}

// suggestion is an article to offer the customer, with what an agent needs to insert it.
type suggestion struct {
	attune.SearchHit
	URL   string `json:"url"`   // the public page, to insert as a link
	Quote string `json:"quote"` // the start of the article, to insert as a quote
}

// suggestionQuery is what the customer asked: the subject and their latest messages,
// newest first, within the length a search reads.
func suggestionQuery(c *attune.Conversation) string {
	parts := []string{c.Subject}
	for i := len(c.Messages) - 1; i >= 0 && len(parts) < 4; i-- {
		if m := c.Messages[i]; m.AuthorKind == attune.AuthorCustomer && !m.Internal {
			parts = append(parts, m.Body)
		}
	}
	text := strings.Join(parts, "\n")
	if r := []rune(text); len(r) > 4000 {
		text = string(r[:4000])
	}
	return text
}

// suggestions finds published articles that answer what the customer asked.
func (s *Server) suggestions(r *http.Request, convID int64, limit int) ([]suggestion, error) {
	c, err := s.Conversations.Conversation(r.Context(), convID)
	if err != nil {
		return nil, err
	}
	res, err := s.KB.Search(r.Context(), attune.SearchQuery{Q: suggestionQuery(c), Limit: limit})
	if err != nil {
		return nil, err
	}
	out := make([]suggestion, 0, len(res.Items))
	for _, h := range res.Items {
		a, err := s.KB.Article(r.Context(), h.ID)
		if err != nil {
			continue // deleted since the search; leave it out
		}
		out = append(out, suggestion{SearchHit: h, URL: articleURL(h.Slug), Quote: markdown.Excerpt(a.Body, 280)})
	}
	return out, nil
}

func (s *Server) handleSuggestions() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.kbReady(w, r) {
			return
		}
		id, err := pathID(r)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		limit, err := queryInt(r, "limit")
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		if limit == 0 || limit > 10 {
			limit = 5
		}
		items, err := s.suggestions(r, id, limit)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		s.writeJSON(w, r, http.StatusOK, map[string]any{"items": items})
	})
}
