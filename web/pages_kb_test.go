package web_test

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/attune-desk/attune"
	"github.com/attune-desk/attune/store"
	"github.com/attune-desk/attune/store/storetest"
	"github.com/attune-desk/attune/web/webtest"
)

var kbCSRFField = regexp.MustCompile(`name="csrf_token" value="([^"]+)"`)

func kbFormToken(t *testing.T, r *webtest.Response) string {
	t.Helper()
	m := kbCSRFField.FindSubmatch(r.Body)
	if m == nil {
		t.Fatalf("no form token in %s", r.Request.URL.Path)
	}
	return string(m[1])
}

// kbArticles adds a few articles for the page tests, through the service.
func kbArticles(t testing.TB, e *webtest.Env) map[string]*attune.Article {
	t.Helper()
	out := map[string]*attune.Article{}
	for _, a := range []struct{ title, body, cat, status string }{
		{"When will my refund arrive?", "Refunds reach your card within **five working days** of the return arriving.", "Billing", "published"},
		{"Follow up after a fix", "After resolving an issue, follow up with the customer to make sure they are satisfied.", "Service skills", "published"},
		{"Hostile <b>title</b>", "<script>alert(1)</script><img src=x onerror=alert(2)>[click](javascript:alert(3)) Parcel tracking is safe.", "Delivery", "published"},
		{"Secret draft about gizmos", "Unreleased gizmo notes.", "", "draft"},
	} {
		in := storetest.Article(a.title, a.body, attune.ArticleStatus(a.status))
		in.Category = &a.cat
		got, err := e.Services.KB.CreateArticle(context.Background(), in, attune.SystemActor())
		if err != nil {
			t.Fatal(err)
		}
		out[a.title] = got
	}
	return out
}

func TestKnowledgeBasePages(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB, clock *storetest.Clock) {
		e := startPages(t, db, clock, webtest.Options{})
		arts := kbArticles(t, e)
		refund := arts["When will my refund arrive?"]
		e.NewUser("sup@attune.test", "Sue Supervisor", attune.RoleSupervisor)

		t.Run("help centre", func(t *testing.T) {
			v := e.Visitor()
			v.Do("GET", "/help", nil).Want(t, 200).Contains(t, `data-testid="help-kb"`, `Search help articles`, `href="/help/articles/`+refund.Slug+`"`,
				`/help/search?category=Billing`, `data-testid="deflect"`, `Write to us`)
			r := v.Do("GET", "/help/search?q=refnd", nil, "HX-Request", "true").Want(t, 200).Contains(t, `data-testid="kb-hit"`, "<mark>", refund.Title, "Showing results for")
			if strings.Contains(string(r.Body), "<html") {
				t.Fatal("an htmx search should get a fragment")
			}
			v.Do("GET", "/help/search?q=refund", nil).Want(t, 200).Contains(t, "<html", refund.Title)
			v.Do("GET", "/help/search?q=gizmos", nil).Want(t, 200).Contains(t, `data-testid="kb-empty"`)
			v.Do("GET", "/help/search?category=Billing", nil).Want(t, 200).Contains(t, refund.Title)
			v.Do("GET", "/help/suggest?message="+url.QueryEscape("I sent the parcel back, when do I get my refund?"), nil, "HX-Request", "true").Want(t, 200).
				Contains(t, `data-testid="deflect-hit"`, `/help/articles/`+refund.Slug+`?from=form`, `target="_blank"`)
			if r := v.Do("GET", "/help/suggest?message=hi", nil).Want(t, 200); strings.Contains(string(r.Body), "deflect-hit") {
				t.Fatal("a two-letter message should not fetch suggestions")
			}
			misses := must(e.Services.KB.SearchMisses(context.Background(), 10))
			if len(misses) != 1 || misses[0].Query != "gizmos" {
				t.Fatalf("misses = %+v", misses)
			}
		})

		t.Run("articles are inert and drafts private", func(t *testing.T) {
			v := e.Visitor()
			hostile := arts["Hostile <b>title</b>"]
			r := v.Do("GET", "/help/articles/"+hostile.Slug, nil).Want(t, 200).Contains(t, "Hostile &lt;b&gt;title&lt;/b&gt;", "Parcel tracking is safe.")
			body := strings.ToLower(string(r.Body))
			for _, bad := range []string{"<script>alert", "onerror", `href="javascript`} {
				if strings.Contains(body, bad) {
					t.Fatalf("article page keeps %q", bad)
				}
			}
			v.Do("GET", "/help/articles/"+arts["Secret draft about gizmos"].Slug, nil).Want(t, 404)
			v.Do("GET", "/help/articles/..%2f..%2fetc", nil).Want(t, 404)
		})

		t.Run("did this help", func(t *testing.T) {
			v := e.Visitor()
			tok := kbFormToken(t, v.Do("GET", "/help/articles/"+refund.Slug, nil).Want(t, 200).Contains(t, "Did this help?"))
			v.PostForm("/help/articles/"+refund.Slug+"/feedback", url.Values{"csrf_token": {tok}, "helpful": {"yes"}}, "HX-Request", "true").Want(t, 200).Contains(t, "glad it helped")
			v.PostForm("/help/articles/"+refund.Slug+"/feedback", url.Values{"csrf_token": {"forged.token"}, "helpful": {"yes"}}).Want(t, 403)
			v.PostForm("/help/articles/"+refund.Slug+"/feedback", url.Values{"csrf_token": {tok}, "helpful": {"maybe"}}).Want(t, 422)
			a := must(e.Services.KB.Article(context.Background(), refund.ID))
			if a.Stats.Helpful != 1 || a.Stats.Views < 1 {
				t.Fatalf("stats = %+v", a.Stats)
			}
		})

		t.Run("deflection", func(t *testing.T) {
			ctx := context.Background()
			before := must(e.Services.KB.Article(ctx, refund.ID)).Stats.Deflected
			// a customer opens an article from the form, and leaves: deflected
			gone := e.Visitor()
			gone.Do("GET", "/help/articles/"+refund.Slug+"?from=form", nil).Want(t, 200)
			// another opens one, then sends the message anyway: not deflected
			sent := e.Visitor()
			tok := kbFormToken(t, sent.Do("GET", "/help", nil).Want(t, 200))
			sent.Do("GET", "/help/articles/"+refund.Slug+"?from=form", nil).Want(t, 200)
			sent.PostForm("/help", url.Values{"csrf_token": {tok}, "name": {"Rae"}, "email": {"rae@example.com"}, "message": {"The refund still hasn't arrived."}}).Want(t, 303)
			if got := must(e.Services.KB.Article(ctx, refund.ID)).Stats.Deflected; got != before+1 {
				t.Fatalf("deflected = %d, want %d", got, before+1)
			}
		})

		t.Run("agent suggestions", func(t *testing.T) {
			c := open(t, e, "Rosa Diaz", "rosa@example.com", "Refund", "I returned the kettle. When will my refund arrive? I need the money.", attune.ChannelEmail)
			r := e.Agent.Do("GET", fmt.Sprintf("/conversations/%d/kb", c.ID), nil, "HX-Request", "true").Want(t, 200).
				Contains(t, `data-testid="kb-suggestion"`, refund.Title, `data-testid="kb-insert-link"`, `/help/articles/`+refund.Slug, `data-insert="Refunds reach your card`)
			if strings.Contains(string(r.Body), "Secret draft") {
				t.Fatal("drafts must not be suggested for customers")
			}
			e.Agent.Do("GET", fmt.Sprintf("/conversations/%d", c.ID), nil).Want(t, 200).Contains(t, `data-testid="kb-suggestions"`)
		})

		t.Run("writing articles", func(t *testing.T) {
			e.Agent.Do("GET", "/kb", nil).Want(t, 403)
			sup := e.Browser("sup@attune.test")
			e.Visitor().Do("GET", "/kb", nil).Want(t, 303)
			sup.Do("GET", "/kb", nil).Want(t, 200).Contains(t, refund.Title, `data-testid="kb-misses"`, "gizmos")
			sup.Do("GET", "/kb/new", nil).Want(t, 200).Contains(t, "Text (Markdown)", "Preview")
			r := sup.PostForm("/kb/preview", url.Values{"body": {"**bold** <script>alert(1)</script> [x](javascript:alert(1))"}}, "HX-Request", "true").Want(t, 200).Contains(t, "<strong>bold</strong>")
			if b := string(r.Body); strings.Contains(b, "<script") || strings.Contains(b, "javascript:") {
				t.Fatalf("preview not inert: %s", b)
			}
			sup.PostForm("/kb", url.Values{"title": {""}, "body": {""}, "status": {"draft"}}).Want(t, 422).Contains(t, "Please add a title")
			r = sup.PostForm("/kb", url.Values{"title": {"Changing your address"}, "body": {"Open **Settings**."}, "status": {"published"}, "tags": {"account, address"}, "category": {"Account"}}).Want(t, 303)
			loc := r.Header.Get("Location")
			if !strings.HasPrefix(loc, "/kb/") {
				t.Fatalf("location = %q", loc)
			}
			sup.Do("GET", loc, nil).Want(t, 200).Contains(t, "Changing your address", "<strong>Settings</strong>", "revision 1")
			id := strings.TrimSuffix(strings.TrimPrefix(loc, "/kb/"), "/edit?saved=1")
			sup.PostForm("/kb/"+id, url.Values{"title": {"Changing your address"}, "body": {"Open **Settings**, then Address."}, "status": {"published"}}).Want(t, 303)
			sup.Do("GET", "/kb/"+id+"/edit", nil).Want(t, 200).Contains(t, "revision 2", "Revisions (2)")
			sup.PostForm("/kb/"+id+"/delete", nil).Want(t, 303)
			sup.Do("GET", "/kb/"+id+"/edit", nil).Want(t, 404)
		})
	})
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
