package web_test

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/attune-desk/attune"
	"github.com/attune-desk/attune/store"
	"github.com/attune-desk/attune/store/storetest"
	"github.com/attune-desk/attune/web/webtest"
)

type article struct {
	ID     int64    `json:"id"`
	Slug   string   `json:"slug"`
	Title  string   `json:"title"`
	Body   string   `json:"body"`
	HTML   string   `json:"html"`
	URL    string   `json:"url"`
	Status string   `json:"status"`
	Tags   []string `json:"tags"`
	Rev    int      `json:"revision"`
	Stats  attune.ArticleStats
}

type searchResult struct {
	Items []struct {
		ID      int64   `json:"id"`
		Slug    string  `json:"slug"`
		Title   string  `json:"title"`
		Snippet string  `json:"snippet"`
		Score   float64 `json:"score"`
		URL     string  `json:"url"`
		Quote   string  `json:"quote"`
	} `json:"items"`
	Corrected string `json:"corrected"`
}

func TestKnowledgeBaseAPI(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB, clock *storetest.Clock) {
		e := webtest.Start(t, db, clock, webtest.Options{})
		sup := e.NewUser("sup@attune.test", "Sue Supervisor", attune.RoleSupervisor)
		anon := e.Anonymous()
		post := func(c *webtest.Client, body map[string]any, status int) article {
			t.Helper()
			var a article
			r := c.Do("POST", "/api/v1/kb/articles", body).Want(t, status)
			if status == 201 {
				r.JSON(t, &a)
			}
			return a
		}

		t.Run("writing needs a supervisor", func(t *testing.T) {
			body := map[string]any{"title": "Refunds", "body": "Money back.", "status": "published"}
			anon.Do("POST", "/api/v1/kb/articles", body).Want(t, 401)
			e.Agent.Do("POST", "/api/v1/kb/articles", body).Want(t, 403)
			r := e.Admin.Do("POST", "/api/v1/kb/articles", map[string]any{"title": "", "status": "maybe"}).Want(t, 422)
			if _, f := r.Problem(t); f["title"] == "" || f["body"] == "" || f["status"] == "" {
				t.Fatalf("fields = %v", f)
			}
			e.Admin.Do("POST", "/api/v1/kb/articles", `{"title":`).Want(t, 400)
		})

		refund := post(sup, map[string]any{"title": "How do I get my money back?", "body": "## Refunds\n\nRefunds reach your card within **five days** of the return arriving.\n\n<script>alert(1)</script>[x](javascript:alert(1))<img src=x onerror=alert(2)>",
			"tags": []string{"refunds", "billing"}, "category": "Billing", "status": "published"}, 201)
		draft := post(e.Admin, map[string]any{"title": "Escalation rota", "body": "Internal escalation contacts for the night shift.", "status": "draft"}, 201)
		post(e.Admin, map[string]any{"title": "Follow up after a fix", "body": "After resolving an issue, follow up with the customer to make sure they are satisfied.", "status": "published", "category": "Service skills"}, 201)

		t.Run("create and read", func(t *testing.T) {
			if refund.ID == 0 || refund.Slug != "how-do-i-get-my-money-back" || refund.URL != "/help/articles/how-do-i-get-my-money-back" {
				t.Fatalf("created = %+v", refund)
			}
			for _, bad := range []string{"<script", `="javascript:`, "onerror"} {
				if strings.Contains(refund.HTML, bad) {
					t.Errorf("rendered article keeps %q: %s", bad, refund.HTML)
				}
			}
			if !strings.Contains(refund.HTML, "<strong>five days</strong>") {
				t.Errorf("html = %s", refund.HTML)
			}
			anon.Do("GET", fmt.Sprintf("/api/v1/kb/articles/%d", refund.ID), nil).Want(t, 200)
			anon.Do("GET", fmt.Sprintf("/api/v1/kb/articles/%d", draft.ID), nil).Want(t, 404)
			e.Agent.Do("GET", fmt.Sprintf("/api/v1/kb/articles/%d", draft.ID), nil).Want(t, 200)
			bad := *e.Agent
			bad.Token = "att_wrong"
			bad.Do("GET", "/api/v1/kb/search?q=refund", nil).Want(t, 401)
			var list struct{ Items []article }
			anon.Do("GET", "/api/v1/kb/articles", nil).Want(t, 200).JSON(t, &list)
			for _, a := range list.Items {
				if a.Status != "published" {
					t.Fatalf("anonymous list shows a draft: %q", a.Title)
				}
			}
			e.Agent.Do("GET", "/api/v1/kb/articles?status=draft", nil).Want(t, 200).JSON(t, &list)
			if len(list.Items) != 1 || list.Items[0].ID != draft.ID {
				t.Fatalf("drafts = %+v", list.Items)
			}
			var cats struct {
				Items []attune.Category
			}
			anon.Do("GET", "/api/v1/kb/categories", nil).Want(t, 200).JSON(t, &cats)
			if len(cats.Items) != 2 || cats.Items[0].Name != "Billing" {
				t.Fatalf("categories = %+v", cats.Items)
			}
		})

		t.Run("edit, revisions and delete", func(t *testing.T) {
			path := fmt.Sprintf("/api/v1/kb/articles/%d", draft.ID)
			e.Agent.Do("PATCH", path, map[string]any{"status": "published"}).Want(t, 403)
			var a article
			sup.Do("PATCH", path, map[string]any{"status": "published", "body": "Night shift contacts."}).Want(t, 200).JSON(t, &a)
			if a.Rev != 2 || a.Status != "published" {
				t.Fatalf("patched = %+v", a)
			}
			sup.Do("PATCH", path, map[string]any{"slug": "../../etc"}).Want(t, 422)
			var revs struct {
				Items []attune.ArticleRevision
			}
			e.Agent.Do("GET", path+"/revisions", nil).Want(t, 200).JSON(t, &revs)
			if len(revs.Items) != 2 || revs.Items[1].Body != "Internal escalation contacts for the night shift." {
				t.Fatalf("revisions = %+v", revs.Items)
			}
			e.Agent.Do("DELETE", path, nil).Want(t, 403)
			sup.Do("DELETE", path, nil).Want(t, 204)
			sup.Do("DELETE", path, nil).Want(t, 404)
			e.Agent.Do("GET", path, nil).Want(t, 404)
		})

		t.Run("search", func(t *testing.T) {
			var res searchResult
			anon.Do("GET", "/api/v1/kb/search?q="+url.QueryEscape("can I get a refnud"), nil).Want(t, 200).JSON(t, &res)
			if len(res.Items) == 0 || res.Items[0].ID != refund.ID || !strings.Contains(res.Items[0].Snippet, "<mark>") || res.Items[0].Score <= 0 || res.Corrected == "" {
				t.Fatalf("search = %+v", res)
			}
			anon.Do("GET", "/api/v1/kb/search?q="+url.QueryEscape("check in after the problem is fixed"), nil).Want(t, 200).JSON(t, &res)
			if len(res.Items) == 0 || res.Items[0].Title != "Follow up after a fix" {
				t.Fatalf("plain question = %+v", res)
			}
			hidden := post(sup, map[string]any{"title": "Unreleased gadget notes", "body": "Prototype gizmo tips.", "status": "draft"}, 201)
			anon.Do("GET", "/api/v1/kb/search?q=gizmo", nil).Want(t, 200).JSON(t, &res)
			if len(res.Items) != 0 {
				t.Fatalf("anonymous search found a draft: %+v", res)
			}
			e.Agent.Do("GET", "/api/v1/kb/search?q=gizmo", nil).Want(t, 200).JSON(t, &res)
			if len(res.Items) != 1 || res.Items[0].ID != hidden.ID {
				t.Fatalf("agent search = %+v", res)
			}
			anon.Do("GET", "/api/v1/kb/search?q=mone&typing=1", nil).Want(t, 200).JSON(t, &res)
			if len(res.Items) == 0 || res.Items[0].ID != refund.ID {
				t.Fatalf("as-you-type = %+v", res)
			}
			anon.Do("GET", "/api/v1/kb/search?q=", nil).Want(t, 200)
			anon.Do("GET", "/api/v1/kb/search?q="+strings.Repeat("long+", 60), nil).Want(t, 422)
			anon.Do("GET", "/api/v1/kb/search?q=x&limit=-1", nil).Want(t, 422)

			anon.Do("GET", "/api/v1/kb/search?q="+url.QueryEscape("wedding dress alterations"), nil).Want(t, 200)
			anon.Do("GET", "/api/v1/kb/search?q="+url.QueryEscape("Wedding dress  alterations"), nil).Want(t, 200)
			anon.Do("GET", "/api/v1/kb/search?q=wedding+dre&typing=1", nil).Want(t, 200) // still typing: not a miss
			e.Agent.Do("GET", "/api/v1/kb/search-misses", nil).Want(t, 403)
			var misses struct{ Items []attune.SearchMiss }
			sup.Do("GET", "/api/v1/kb/search-misses", nil).Want(t, 200).JSON(t, &misses)
			if len(misses.Items) != 2 || misses.Items[0].Query != "wedding dress alterations" || misses.Items[0].Count != 2 || misses.Items[1].Query != "gizmo" {
				t.Fatalf("misses = %+v", misses.Items)
			}
		})

		t.Run("feedback", func(t *testing.T) {
			path := fmt.Sprintf("/api/v1/kb/articles/%d/feedback", refund.ID)
			anon.Do("POST", path, map[string]any{"helpful": true}).Want(t, 204)
			anon.Do("POST", path, map[string]any{"helpful": false}).Want(t, 204)
			anon.Do("POST", path, map[string]any{}).Want(t, 422)
			anon.Do("POST", "/api/v1/kb/articles/999999/feedback", map[string]any{"helpful": true}).Want(t, 404)
			var a article
			anon.Do("GET", fmt.Sprintf("/api/v1/kb/articles/%d", refund.ID), nil).Want(t, 200).JSON(t, &a)
			if a.Stats.Helpful != 1 || a.Stats.NotHelpful != 1 {
				t.Fatalf("stats = %+v", a.Stats)
			}
		})

		t.Run("suggestions", func(t *testing.T) {
			r := e.Agent.Do("POST", "/api/v1/conversations", map[string]any{"customer": map[string]string{"name": "Rosa", "email": "rosa@example.com"},
				"subject": "Returned my kettle", "message": "I sent the kettle back two weeks ago. When do I get my money back? I need it for the rent."}).Want(t, 201)
			var c struct{ ID int64 }
			r.JSON(t, &c)
			anon.Do("GET", fmt.Sprintf("/api/v1/conversations/%d/suggestions", c.ID), nil).Want(t, 401)
			var res searchResult
			e.Agent.Do("GET", fmt.Sprintf("/api/v1/conversations/%d/suggestions", c.ID), nil).Want(t, 200).JSON(t, &res)
			if len(res.Items) == 0 || res.Items[0].ID != refund.ID || res.Items[0].URL != refund.URL || !strings.Contains(res.Items[0].Quote, "Refunds reach your card") {
				t.Fatalf("suggestions = %+v", res)
			}
			e.Agent.Do("GET", "/api/v1/conversations/999999/suggestions", nil).Want(t, 404)
		})
	})
}
