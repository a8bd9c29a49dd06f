package web

import (
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/attune-desk/attune"
	"github.com/attune-desk/attune/markdown"
)

// The knowledge base's pages: the public help centre (search as you type, categories,
// popular articles, articles with "Did this help?", articles offered while a customer
// writes on the portal form), the agent's suggestions beside a conversation, and the
// pages where supervisors write and edit articles.

// deflectCookie holds the tokens of articles a customer opened from the portal form.
const deflectCookie = "attune_deflect"

// helpKB is what the help page's knowledge-base slot shows.
type helpKB struct {
	Categories []attune.Category
	Popular    []attune.Article
}

// hit is a search result ready for a page: the snippet is trusted HTML, built by
// escaping the article's text and marking matched words.
type hit struct {
	attune.SearchHit
	SnippetHTML template.HTML
	URL         string
	Quote       string
}

func hits(items []attune.SearchHit) []hit {
	out := make([]hit, len(items))
	for i, h := range items {
		out[i] = hit{SearchHit: h, SnippetHTML: template.HTML(h.Snippet), URL: articleURL(h.Slug)} // #nosec: kb.Snippet escapes
	}
	return out
}

// helpKBData loads categories and popular articles for the help page.
func (s *Server) helpKBData(r *http.Request) *helpKB {
	if s.KB == nil {
		return nil
	}
	d := &helpKB{}
	var err error
	if d.Categories, err = s.KB.Categories(r.Context()); err == nil {
		d.Popular, err = s.KB.Articles(r.Context(), attune.ArticleFilter{Sort: attune.ArticlesPopular, Limit: 6})
	}
	if err != nil {
		// the form matters more than the articles: show it without them
		s.Logger.WarnContext(r.Context(), "help page articles unavailable", "err", err)
		return &helpKB{}
	}
	return d
}

// searchResultsData is a search's answer on a page.
type searchResultsData struct {
	Q, Category, Corrected string
	Hits                   []hit
	Articles               []attune.Article // a category's articles, when browsing one
	Searched               bool
}

// still typing: the last word may be unfinished unless the query ends in a space or
// punctuation.
func stillTyping(raw string) bool {
	return raw != "" && !strings.ContainsAny(raw[len(raw)-1:], " ?.!,\t\n")
}

// handleHelpSearch answers the help centre's search: a fragment of results as the
// customer types (htmx), or the whole results page when the form is sent.
func (s *Server) handleHelpSearch() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.KB == nil {
			s.pageError(w, r, attune.Errorf(attune.ENOTFOUND, "Help articles aren't set up here yet."))
			return
		}
		raw := r.URL.Query().Get("q")
		d := searchResultsData{Q: attune.CleanLine(raw), Category: attune.CleanLine(r.URL.Query().Get("category"))}
		if len([]rune(d.Q)) > attune.MaxSearchLen {
			d.Q = string([]rune(d.Q)[:attune.MaxSearchLen])
		}
		if d.Q != "" {
			res, err := s.search(r, attune.SearchQuery{Q: d.Q, Limit: 8, Typing: isHX(r) && stillTyping(raw)})
			if err != nil {
				s.pageError(w, r, err)
				return
			}
			d.Hits, d.Corrected, d.Searched = hits(res.Items), res.Corrected, true
		} else if d.Category != "" {
			list, err := s.KB.Articles(r.Context(), attune.ArticleFilter{Category: d.Category, Sort: attune.ArticlesTitle, Limit: 200})
			if err != nil {
				s.pageError(w, r, err)
				return
			}
			d.Articles = list
		}
		fragment := ""
		if isHX(r) {
			fragment = "kb-results-fragment"
		}
		title := "Search help"
		if d.Category != "" && d.Q == "" {
			title = d.Category
		}
		s.render(w, r, http.StatusOK, "kb_search", fragment, view{Title: title, Nav: "portal", Data: d})
	})
}

// handleHelpSuggest offers articles while a customer writes on the portal form.
func (s *Server) handleHelpSuggest() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var d searchResultsData
		if msg := attune.CleanText(r.URL.Query().Get("message")); s.KB != nil && len([]rune(msg)) >= 12 {
			if r := []rune(msg); len(r) > 2000 {
				msg = string(r[:2000])
			}
			res, err := s.KB.Search(r.Context(), attune.SearchQuery{Q: msg, Limit: 3})
			if err != nil {
				s.pageError(w, r, err)
				return
			}
			d.Hits = hits(res.Items)
		}
		s.render(w, r, http.StatusOK, "kb_search", "kb-deflect-fragment", view{Nav: "portal", Data: d})
	})
}

// articlePage is a public article.
type articlePage struct {
	Article   *attune.Article
	HTML      template.HTML
	Related   []hit
	FormToken string
	Voted     string // "yes" or "no" once answered
	FromForm  bool
}

// publishedBySlug loads a published article; drafts are not found by the public.
func (s *Server) publishedBySlug(r *http.Request) (*attune.Article, error) {
	if s.KB == nil {
		return nil, attune.Errorf(attune.ENOTFOUND, "Help articles aren't set up here yet.")
	}
	slug := r.PathValue("slug")
	if !attune.ValidSlug(slug) {
		return nil, attune.Errorf(attune.ENOTFOUND, "We couldn't find that article. The link may be wrong.")
	}
	a, err := s.KB.ArticleBySlug(r.Context(), slug)
	if err == nil && a.Status != attune.ArticlePublished {
		err = attune.Errorf(attune.ENOTFOUND, "We couldn't find that article. It may have been removed, or the link may be wrong.")
	}
	return a, err
}

// handleHelpArticle shows an article. Opened from the portal form (?from=form), it
// notes a possible deflection and gives the browser a token to hold: if that browser
// sends its message after all, the deflection is withdrawn.
func (s *Server) handleHelpArticle() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a, err := s.publishedBySlug(r)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		ctx := r.Context()
		if err := s.Help.RecordView(ctx, a.ID); err != nil {
			s.Logger.WarnContext(ctx, "article view not counted", "err", err)
		}
		d := articlePage{Article: a, HTML: markdown.Render(a.Body), FromForm: r.URL.Query().Get("from") == "form"}
		if d.FromForm {
			if tok, err := s.Help.OpenDeflection(ctx, a.ID); err == nil {
				tokens := append(deflectTokens(r), tok)
				if len(tokens) > 10 {
					tokens = tokens[len(tokens)-10:]
				}
				http.SetCookie(w, &http.Cookie{Name: deflectCookie, Value: strings.Join(tokens, "."), Path: "/", MaxAge: int((24 * time.Hour).Seconds()),
					HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: s.Config.SecureCookies})
			}
		}
		if res, err := s.KB.Search(ctx, attune.SearchQuery{Q: a.Title + " " + strings.Join(a.Tags, " "), Limit: 3, Exclude: []int64{a.ID}}); err == nil {
			d.Related = hits(res.Items)
		}
		if d.FormToken, err = s.formToken(r, "kb-feedback"); err != nil {
			s.pageError(w, r, err)
			return
		}
		s.render(w, r, http.StatusOK, "kb_article", "", view{Title: a.Title, Nav: "portal", Data: d})
	})
}

// handleHelpFeedback records "Did this help?" from the article page.
func (s *Server) handleHelpFeedback() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a, err := s.publishedBySlug(r)
		if err == nil {
			err = s.checkForm(w, r, "kb-feedback")
		}
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		vote := r.PostFormValue("helpful")
		if vote != "yes" && vote != "no" {
			s.pageError(w, r, attune.Invalid(map[string]string{"helpful": "Please choose yes or no."}))
			return
		}
		if err := s.Help.RecordHelpful(r.Context(), a.ID, vote == "yes"); err != nil {
			s.pageError(w, r, err)
			return
		}
		d := articlePage{Article: a, Voted: vote}
		if !isHX(r) {
			http.Redirect(w, r, articleURL(a.Slug)+"?voted="+vote, http.StatusSeeOther)
			return
		}
		s.render(w, r, http.StatusOK, "kb_article", "kb-feedback-fragment", view{Nav: "portal", Data: d})
	})
}

func deflectTokens(r *http.Request) []string {
	c, err := r.Cookie(deflectCookie)
	if err != nil || c.Value == "" {
		return nil
	}
	var out []string
	for _, t := range strings.Split(c.Value, ".") {
		if len(t) == 32 {
			out = append(out, t)
		}
	}
	return out
}

// messageSent withdraws the deflections of a browser that sent its message after all.
func (s *Server) messageSent(w http.ResponseWriter, r *http.Request) {
	tokens := deflectTokens(r)
	if s.Help == nil || len(tokens) == 0 {
		return
	}
	if err := s.Help.MessageSent(r.Context(), tokens); err != nil {
		s.Logger.WarnContext(r.Context(), "deflection not withdrawn", "err", err)
	}
	http.SetCookie(w, &http.Cookie{Name: deflectCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteLaxMode})
}

// handleConversationKB is the agent's panel of suggested articles beside a conversation.
func (s *Server) handleConversationKB() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var items []suggestion
		if s.KB != nil {
			id, err := pathID(r)
			if err == nil {
				items, err = s.suggestions(r, id, 4)
			}
			if err != nil {
				s.pageError(w, r, err)
				return
			}
		}
		out := make([]hit, len(items))
		for i, it := range items {
			out[i] = hit{SearchHit: it.SearchHit, SnippetHTML: template.HTML(it.Snippet), URL: absoluteURL(r, it.URL), Quote: it.Quote} // #nosec: kb.Snippet escapes
		}
		s.render(w, r, http.StatusOK, "kb_list", "kb-suggestions", view{Data: out})
	})
}

// absoluteURL makes a link a customer can open from an email.
func absoluteURL(r *http.Request, path string) string {
	scheme := "http"
	if r.TLS != nil || r.Header.Get("X-Forwarded-Proto") == "https" {
		scheme = "https"
	}
	return scheme + "://" + r.Host + path
}

// kbListData is the supervisors' list of articles.
type kbListData struct {
	Q        string
	Articles []attune.Article
	Hits     []hit
	Misses   []attune.SearchMiss
	Notice   string
}

func (s *Server) handleKBList() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.kbPagesReady(w, r) {
			return
		}
		d := kbListData{Q: attune.CleanLine(r.URL.Query().Get("q")), Notice: r.URL.Query().Get("notice")}
		var err error
		if d.Q != "" {
			var res *attune.SearchResult
			if res, err = s.KB.Search(r.Context(), attune.SearchQuery{Q: d.Q, Drafts: true, Limit: 50}); err == nil {
				d.Hits = hits(res.Items)
			}
		} else {
			d.Articles, err = s.KB.Articles(r.Context(), attune.ArticleFilter{Drafts: true, Sort: attune.ArticlesNewest, Limit: 200})
		}
		if err == nil {
			d.Misses, err = s.Help.SearchMisses(r.Context(), 20)
		}
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		s.render(w, r, http.StatusOK, "kb_list", "", view{Title: "Knowledge base", Nav: "kb", Data: d})
	})
}

func (s *Server) kbPagesReady(w http.ResponseWriter, r *http.Request) bool {
	if s.KB == nil || s.Help == nil {
		s.pageError(w, r, attune.Errorf(attune.ENOTFOUND, "The knowledge base isn't set up on this server."))
		return false
	}
	return true
}

// kbEditData is the article editor.
type kbEditData struct {
	Article                             *attune.Article // nil for a new one
	Title, Body, Tags, Category, Status string
	Preview                             template.HTML
	Fields                              map[string]string
	Error                               string
	Revisions                           []attune.ArticleRevision
}

func (s *Server) handleKBNew() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.kbPagesReady(w, r) {
			return
		}
		s.render(w, r, http.StatusOK, "kb_edit", "", view{Title: "New article", Nav: "kb", Data: kbEditData{Status: "draft"}})
	})
}

func (s *Server) handleKBEdit() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.kbPagesReady(w, r) {
			return
		}
		id, err := pathID(r)
		var a *attune.Article
		if err == nil {
			a, err = s.KB.Article(r.Context(), id)
		}
		var revs []attune.ArticleRevision
		if err == nil {
			revs, err = s.KB.Revisions(r.Context(), id)
		}
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		d := kbEditData{Article: a, Title: a.Title, Body: a.Body, Tags: strings.Join(a.Tags, ", "), Category: a.Category,
			Status: string(a.Status), Preview: markdown.Render(a.Body), Revisions: revs}
		s.render(w, r, http.StatusOK, "kb_edit", "", view{Title: "Edit " + a.Title, Nav: "kb", Data: d})
	})
}

// articleForm reads the editor's fields.
func articleForm(r *http.Request) (attune.ArticleInput, kbEditData) {
	d := kbEditData{Title: r.PostFormValue("title"), Body: r.PostFormValue("body"), Tags: r.PostFormValue("tags"),
		Category: r.PostFormValue("category"), Status: r.PostFormValue("status")}
	var tags []string
	for _, t := range strings.Split(d.Tags, ",") {
		if t = strings.TrimSpace(t); t != "" {
			tags = append(tags, t)
		}
	}
	if tags == nil {
		tags = []string{}
	}
	st := attune.ArticleStatus(d.Status)
	return attune.ArticleInput{Title: &d.Title, Body: &d.Body, Tags: &tags, Category: &d.Category, Status: &st}, d
}

// handleKBSave creates an article (no id) or saves a new revision of one.
func (s *Server) handleKBSave() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.kbPagesReady(w, r) {
			return
		}
		in, d := articleForm(r)
		var a *attune.Article
		var err error
		if r.PathValue("id") == "" {
			a, err = s.KB.CreateArticle(r.Context(), in, actorOf(r))
		} else {
			var id int64
			if id, err = pathID(r); err == nil {
				if d.Article, err = s.KB.Article(r.Context(), id); err == nil {
					a, err = s.KB.UpdateArticle(r.Context(), id, in, actorOf(r))
				}
			}
		}
		if attune.ErrorCode(err) == attune.EINVALID {
			d.Fields, d.Error = attune.ErrorFields(err), attune.ErrorMessage(err)
			d.Preview = markdown.Render(d.Body)
			s.render(w, r, http.StatusUnprocessableEntity, "kb_edit", "", view{Title: "Article", Nav: "kb", Data: d})
			return
		}
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		http.Redirect(w, r, "/kb/"+strconv.FormatInt(a.ID, 10)+"/edit?saved=1", http.StatusSeeOther)
	})
}

func (s *Server) handleKBDelete() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.kbPagesReady(w, r) {
			return
		}
		id, err := pathID(r)
		if err == nil {
			err = s.KB.DeleteArticle(r.Context(), id, actorOf(r))
		}
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		http.Redirect(w, r, "/kb?notice="+url.QueryEscape("The article was deleted."), http.StatusSeeOther)
	})
}

// handleKBPreview renders the editor's Markdown as readers will see it.
func (s *Server) handleKBPreview() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		d := kbEditData{Preview: markdown.Render(r.PostFormValue("body"))}
		s.render(w, r, http.StatusOK, "kb_edit", "kb-preview-fragment", view{Data: d})
	})
}
