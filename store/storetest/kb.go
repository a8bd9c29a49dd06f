package storetest

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/attune-desk/attune"
	"github.com/attune-desk/attune/store"
)

// Article builds an article input for tests.
func Article(title, body string, status attune.ArticleStatus, tags ...string) attune.ArticleInput {
	return attune.ArticleInput{Title: &title, Body: &body, Status: &status, Tags: &tags}
}

func titles(r *attune.SearchResult) []string {
	out := make([]string, len(r.Items))
	for i, h := range r.Items {
		out[i] = h.Title
	}
	return out
}

func testKnowledgeBase(t *testing.T, db *store.DB, s Services, clock *Clock) {
	ctx := context.Background()
	kbs := s.KB
	author := must[*attune.Agent](t)(s.Agents.CreateAgent(ctx, attune.NewAgent{Email: "writer@example.com", Name: "Wren Writer", Role: attune.RoleSupervisor, Password: "a long passphrase"}))
	actor := attune.Actor{AgentID: &author.ID, Role: author.Role, Name: author.Name}

	if v, err := db.SchemaVersion(ctx); err != nil || v < 3 {
		t.Fatalf("schema version = %d, %v: the knowledge-base migration should apply after a gap", v, err)
	}

	t.Run("create and read", func(t *testing.T) {
		cat := "Billing"
		in := Article("  How do I get a refund?  ", "Refunds go back to the card you paid with.\n\nThey take **5 days**.", attune.ArticlePublished, "Money", "money", "refunds")
		in.Category = &cat
		a := must[*attune.Article](t)(kbs.CreateArticle(ctx, in, actor))
		if a.Slug != "how-do-i-get-a-refund" || a.Title != "How do I get a refund?" || a.Revision != 1 || a.PublishedAt == nil ||
			strings.Join(a.Tags, ",") != "money,refunds" || a.AuthorName != "Wren Writer" || a.Category != "Billing" {
			t.Fatalf("article = %+v", a)
		}
		again := must[*attune.Article](t)(kbs.CreateArticle(ctx, Article("How do I get a refund", "Another.", attune.ArticleDraft), actor))
		if again.Slug != "how-do-i-get-a-refund-2" || again.PublishedAt != nil {
			t.Fatalf("second slug = %q", again.Slug)
		}
		taken := Article("Other", "Body.", attune.ArticleDraft)
		taken.Slug = &again.Slug
		_, err := kbs.CreateArticle(ctx, taken, actor)
		wantCode(t, err, attune.EINVALID)
		bad := "../../etc/passwd"
		hostile := Article("Hostile", "Body.", attune.ArticleDraft)
		hostile.Slug = &bad
		_, err = kbs.CreateArticle(ctx, hostile, actor)
		wantCode(t, err, attune.EINVALID)
		_, err = kbs.CreateArticle(ctx, attune.ArticleInput{}, actor)
		wantCode(t, err, attune.EINVALID)
		for _, f := range []string{"title", "body", "status"} {
			if attune.ErrorFields(err)[f] == "" {
				t.Errorf("no message for %s: %v", f, attune.ErrorFields(err))
			}
		}
		got := must[*attune.Article](t)(kbs.ArticleBySlug(ctx, "how-do-i-get-a-refund"))
		if got.ID != a.ID || !strings.Contains(got.Body, "**5 days**") {
			t.Fatalf("by slug = %+v", got)
		}
		_, err = kbs.Article(ctx, 999999)
		wantCode(t, err, attune.ENOTFOUND)
		_, err = kbs.ArticleBySlug(ctx, "nope")
		wantCode(t, err, attune.ENOTFOUND)
		cats := must[[]attune.Category](t)(kbs.Categories(ctx))
		if len(cats) != 1 || cats[0].Name != "Billing" || cats[0].Articles != 1 {
			t.Fatalf("categories = %+v", cats)
		}
	})

	t.Run("revisions", func(t *testing.T) {
		a := must[*attune.Article](t)(kbs.CreateArticle(ctx, Article("Reset a password", "Use the link.", attune.ArticleDraft), actor))
		clock.Advance(time.Minute)
		body := "Use the **Forgot password** link on the sign-in page."
		pub := attune.ArticlePublished
		up := must[*attune.Article](t)(kbs.UpdateArticle(ctx, a.ID, attune.ArticleInput{Body: &body, Status: &pub}, actor))
		if up.Revision != 2 || up.Body != body || up.PublishedAt == nil || !up.UpdatedAt.After(a.UpdatedAt) {
			t.Fatalf("updated = %+v", up)
		}
		same := must[*attune.Article](t)(kbs.UpdateArticle(ctx, a.ID, attune.ArticleInput{Body: &body}, actor))
		if same.Revision != 2 {
			t.Fatalf("an unchanged save made revision %d", same.Revision)
		}
		slug := "password-reset"
		moved := must[*attune.Article](t)(kbs.UpdateArticle(ctx, a.ID, attune.ArticleInput{Slug: &slug}, actor))
		if moved.Slug != slug || moved.Revision != 3 {
			t.Fatalf("slug change = %+v", moved)
		}
		revs := must[[]attune.ArticleRevision](t)(kbs.Revisions(ctx, a.ID))
		if len(revs) != 3 || revs[0].Revision != 3 || revs[2].Body != "Use the link." || revs[2].Status != attune.ArticleDraft || revs[0].AuthorName != "Wren Writer" {
			t.Fatalf("revisions = %+v", revs)
		}
		empty := ""
		_, err := kbs.UpdateArticle(ctx, a.ID, attune.ArticleInput{Title: &empty}, actor)
		wantCode(t, err, attune.EINVALID)
		_, err = kbs.UpdateArticle(ctx, 424242, attune.ArticleInput{Body: &body}, actor)
		wantCode(t, err, attune.ENOTFOUND)
		log := must[[]attune.AuditEntry](t)(s.Audit.AuditLog(ctx, "article", a.ID, 10))
		if len(log) != 3 || log[0].Action != "article.update" || log[2].Action != "article.create" {
			t.Fatalf("audit = %+v", log)
		}
	})

	t.Run("search", func(t *testing.T) {
		for _, in := range []attune.ArticleInput{
			Article("Follow up after a fix", "After resolving an issue, follow up with the customer to make sure they are satisfied.", attune.ArticlePublished, "empathy"),
			Article("Shipping times", "Parcels are dispatched within two working days; tracking numbers arrive by email.", attune.ArticlePublished, "delivery"),
			Article("Internal: escalation rota", "Who is on call for escalations this week. Call the duty manager.", attune.ArticleDraft),
			Article("Script tags in replies", "Never paste `<script>alert(1)</script>` into a reply; the desk shows it as text.", attune.ArticlePublished),
		} {
			must[*attune.Article](t)(kbs.CreateArticle(ctx, in, actor))
		}
		search := func(q string, drafts, typing bool) *attune.SearchResult {
			t.Helper()
			return must[*attune.SearchResult](t)(kbs.Search(ctx, attune.SearchQuery{Q: q, Drafts: drafts, Typing: typing, Limit: 5}))
		}
		top := func(q string, drafts bool, want string) *attune.SearchResult {
			t.Helper()
			r := search(q, drafts, false)
			if len(r.Items) == 0 || r.Items[0].Title != want {
				t.Errorf("search %q: got %q, want %q first", q, titles(r), want)
			}
			return r
		}
		r := top("how do I check in with someone after their problem is fixed", false, "Follow up after a fix")
		if sn := r.Items[0].Snippet; !strings.Contains(sn, "<mark>") || r.Items[0].Score <= 0 || r.Items[0].Slug == "" {
			t.Errorf("hit = %+v", r.Items[0])
		}
		top("refunds", false, "How do I get a refund?")            // stemming: refund article says "Refunds"
		top("money back", false, "How do I get a refund?")         // thesaurus: everyday words
		top("when will my parcle arrive", false, "Shipping times") // typo
		top("passwords", false, "Reset a password")                // word forms
		if r := search("escalation rota", false, false); len(r.Items) != 0 {
			t.Errorf("anonymous search found a draft: %q", titles(r))
		}
		top("escalation rota", true, "Internal: escalation rota")
		r = top("script tags", false, "Script tags in replies")
		if sn := r.Items[0].Snippet; strings.Contains(sn, "<script") || !strings.Contains(sn, "&lt;<mark>script</mark>&gt;") {
			t.Errorf("snippet not escaped: %q", sn)
		}
		r = search("custmer satisfed", false, false)
		if r.Corrected != "customer satisfied" || len(r.Items) == 0 || r.Items[0].Title != "Follow up after a fix" {
			t.Errorf("correction: %q → %q", r.Corrected, titles(r))
		}
		r = search("shippi", false, true)
		if len(r.Items) == 0 || r.Items[0].Title != "Shipping times" {
			t.Errorf("typing completion: %q", titles(r))
		}
		if r := search("how do I", false, false); len(r.Items) != 0 {
			t.Errorf("stop words found %q", titles(r))
		}
		if r := search(`" OR * NEAR( ) -- ' ; DROP TABLE kb_articles`, true, false); r == nil {
			t.Error("query syntax in input must not fail")
		}
		first := search("refund", false, false).Items[0]
		if r := must[*attune.SearchResult](t)(kbs.Search(ctx, attune.SearchQuery{Q: "refund", Exclude: []int64{first.ID}})); len(r.Items) > 0 && r.Items[0].ID == first.ID {
			t.Error("excluded article returned")
		}
	})

	t.Run("delete", func(t *testing.T) {
		a := must[*attune.Article](t)(kbs.CreateArticle(ctx, Article("Zebra crossings", "Unusual zebra words.", attune.ArticlePublished), actor))
		if r := must[*attune.SearchResult](t)(kbs.Search(ctx, attune.SearchQuery{Q: "zebra"})); len(r.Items) != 1 {
			t.Fatalf("before delete: %q", titles(r))
		}
		if err := kbs.DeleteArticle(ctx, a.ID, actor); err != nil {
			t.Fatal(err)
		}
		wantCode(t, kbs.DeleteArticle(ctx, a.ID, actor), attune.ENOTFOUND)
		_, err := kbs.Article(ctx, a.ID)
		wantCode(t, err, attune.ENOTFOUND)
		r := must[*attune.SearchResult](t)(kbs.Search(ctx, attune.SearchQuery{Q: "zebra"}))
		if len(r.Items) != 0 {
			t.Fatalf("deleted article still found: %q", titles(r))
		}
		if r := must[*attune.SearchResult](t)(kbs.Search(ctx, attune.SearchQuery{Q: "zebre"})); r.Corrected != "" {
			t.Fatalf("a deleted article's words still correct typos: %q", r.Corrected)
		}
	})

	t.Run("readers", func(t *testing.T) {
		a := must[*attune.Article](t)(kbs.ArticleBySlug(ctx, "how-do-i-get-a-refund"))
		for i := 0; i < 3; i++ {
			if err := kbs.RecordView(ctx, a.ID); err != nil {
				t.Fatal(err)
			}
		}
		if err := kbs.RecordHelpful(ctx, a.ID, true); err != nil {
			t.Fatal(err)
		}
		if err := kbs.RecordHelpful(ctx, a.ID, false); err != nil {
			t.Fatal(err)
		}
		wantCode(t, kbs.RecordView(ctx, 999999), attune.ENOTFOUND)
		tok1 := must[string](t)(kbs.OpenDeflection(ctx, a.ID))
		tok2 := must[string](t)(kbs.OpenDeflection(ctx, a.ID))
		_, err := kbs.OpenDeflection(ctx, 999999)
		wantCode(t, err, attune.ENOTFOUND)
		if err := kbs.MessageSent(ctx, []string{tok2, "junk"}); err != nil {
			t.Fatal(err)
		}
		_ = tok1
		got := must[*attune.Article](t)(kbs.Article(ctx, a.ID))
		if got.Stats != (attune.ArticleStats{Views: 3, Helpful: 1, NotHelpful: 1, Deflected: 1}) {
			t.Fatalf("stats = %+v", got.Stats)
		}
		list := must[[]attune.Article](t)(kbs.Articles(ctx, attune.ArticleFilter{Sort: attune.ArticlesPopular}))
		if len(list) == 0 || list[0].ID != a.ID {
			t.Fatalf("popular first = %+v", list)
		}
		for _, a := range list {
			if a.Status != attune.ArticlePublished {
				t.Fatalf("a draft in the public list: %q", a.Title)
			}
		}
		all := must[[]attune.Article](t)(kbs.Articles(ctx, attune.ArticleFilter{Drafts: true, Sort: attune.ArticlesTitle}))
		if len(all) <= len(list) {
			t.Fatalf("drafts missing: %d vs %d", len(all), len(list))
		}
		for _, q := range []string{"Wedding Dress", "wedding dress", "  wedding   dress ", "gift cards"} {
			if err := kbs.RecordSearchMiss(ctx, q, q != "gift cards"); err != nil {
				t.Fatal(err)
			}
		}
		misses := must[[]attune.SearchMiss](t)(kbs.SearchMisses(ctx, 10))
		if len(misses) != 2 || misses[0].Query != "wedding dress" || misses[0].Count != 3 || misses[0].Anonymous != 3 || misses[1].Anonymous != 0 {
			t.Fatalf("misses = %+v", misses)
		}
	})
}
