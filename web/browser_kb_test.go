package web_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/attune-desk/attune"
	"github.com/attune-desk/attune/store/storetest"
	"github.com/attune-desk/attune/web/webtest"
	"github.com/chromedp/chromedp"
)

// TestBrowserKnowledgeBase drives the help centre and the agent's suggestions in
// Chromium: search as you type, "Did this help?", articles offered while a customer
// writes, one-click insertion into a reply, and the editor's live preview; with no
// dialog, script error or CSP violation along the way.
func TestBrowserKnowledgeBase(t *testing.T) {
	chromePath(t)
	clock := storetest.NewClock()
	e := startPages(t, storetest.Open(t, storetest.SQLiteDSN(t), clock), clock, webtest.Options{})
	e.NewUser("sup@attune.test", "Sam Supervisor", attune.RoleSupervisor)
	arts := kbArticles(t, e)
	refund := arts["When will my refund arrive?"]
	conv := open(t, e, "Rosa Diaz", "rosa@example.com", "Refund", "I returned the kettle last week. When will my refund arrive?", attune.ChannelEmail)
	base := e.Server.URL
	ctx := context.Background()

	t.Run("search as you type and did this help", func(t *testing.T) {
		b := newBrowser(t, 1280, 900)
		b.run(t, chromedp.Navigate(base+"/help"), chromedp.WaitVisible("#kb-q", chromedp.ByID),
			chromedp.SendKeys("#kb-q", "when does my refnd arrive", chromedp.ByID))
		waitJS(t, b, "live results", `!!document.querySelector('[data-testid="kb-hit"] mark')`)
		if got := eval[string](t, b, `document.querySelector('[data-testid="kb-hit"] a').textContent`); got != refund.Title {
			t.Fatalf("first result = %q", got)
		}
		b.run(t, chromedp.Click(`[data-testid="kb-hit"] a`, chromedp.ByQuery), chromedp.WaitVisible(`[data-testid="kb-article"]`, chromedp.ByQuery),
			chromedp.Click(`[data-testid="helped-yes"]`, chromedp.ByQuery))
		waitJS(t, b, "thanks", `document.querySelector('[data-testid="kb-feedback"]').textContent.includes('glad it helped')`)
		if a, _ := e.Services.KB.Article(ctx, refund.ID); a.Stats.Helpful != 1 {
			t.Fatalf("helpful = %d", a.Stats.Helpful)
		}
		b.run(t, chromedp.Navigate(base+"/help/articles/"+arts["Hostile <b>title</b>"].Slug), chromedp.WaitVisible(`[data-testid="kb-article"]`, chromedp.ByQuery))
		b.clean(t)
	})

	t.Run("articles offered while writing", func(t *testing.T) {
		b := newBrowser(t, 390, 844) // a phone
		b.run(t, chromedp.Navigate(base+"/help"), chromedp.WaitVisible("#message", chromedp.ByID),
			chromedp.SendKeys("#message", "Hello, I sent my order back. When will the refund arrive?", chromedp.ByID))
		waitJS(t, b, "deflection", `!!document.querySelector('[data-testid="deflect-hit"] a')`)
		href := eval[string](t, b, `document.querySelector('[data-testid="deflect-hit"] a').getAttribute('href')`)
		if target := eval[string](t, b, `document.querySelector('[data-testid="deflect-hit"] a').target`); !strings.Contains(href, "from=form") || target != "_blank" {
			t.Fatalf("deflection link %q target %q", href, target)
		}
		before, _ := e.Services.KB.Article(ctx, refund.ID)
		tab := b.tab(t) // the link opens a new tab; open it there as the customer would
		tab.run(t, chromedp.Navigate(base+href), chromedp.WaitVisible(`[data-testid="kb-article"]`, chromedp.ByQuery))
		after, _ := e.Services.KB.Article(ctx, refund.ID)
		if after.Stats.Deflected != before.Stats.Deflected+1 {
			t.Fatalf("deflected %d → %d", before.Stats.Deflected, after.Stats.Deflected)
		}
		b.clean(t)
		tab.clean(t)
	})

	t.Run("agent inserts a suggested article", func(t *testing.T) {
		b := newBrowser(t, 1280, 900)
		b.signIn(t, base, "agent@attune.test")
		b.run(t, chromedp.Navigate(fmt.Sprintf("%s/conversations/%d", base, conv.ID)),
			chromedp.WaitVisible(`[data-testid="kb-suggestion"]`, chromedp.ByQuery))
		if got := eval[string](t, b, `document.querySelector('[data-testid="kb-suggestion"] a').textContent`); got != refund.Title {
			t.Fatalf("first suggestion = %q", got)
		}
		b.run(t, chromedp.Click(`[data-testid="kb-insert-link"]`, chromedp.ByQuery))
		waitJS(t, b, "link in the reply", `document.querySelector('[data-testid="reply-box"]').value.includes('/help/articles/`+refund.Slug+`')`)
		b.run(t, chromedp.Click(`[data-testid="kb-insert-quote"]`, chromedp.ByQuery))
		waitJS(t, b, "quote in the reply", `document.querySelector('[data-testid="reply-box"]').value.includes('Refunds reach your card')`)
		b.clean(t)
	})

	t.Run("editor preview", func(t *testing.T) {
		b := newBrowser(t, 1280, 900)
		b.signIn(t, base, "sup@attune.test")
		b.run(t, chromedp.Navigate(base+"/kb/new"), chromedp.WaitVisible("#kb-body", chromedp.ByID),
			chromedp.SendKeys("#kb-title-in", "Gift cards", chromedp.ByID),
			chromedp.SendKeys("#kb-body", "Gift cards **never expire**. <img src=x onerror=alert(1)> [x](javascript:alert(2))", chromedp.ByID))
		waitJS(t, b, "preview", `!!document.querySelector('[data-testid="kb-preview"] strong')`)
		b.run(t, chromedp.SetValue("#kb-status", "published", chromedp.ByID), chromedp.Click(`[data-testid="kb-save"]`, chromedp.ByQuery))
		// The editor page already shows a preview, so wait for the save itself.
		found := false
		for deadline := time.Now().Add(15 * time.Second); !found && time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
			list, _ := e.Services.KB.Articles(ctx, attune.ArticleFilter{Drafts: true, Limit: 100})
			for _, a := range list {
				found = found || a.Title == "Gift cards" && a.Status == attune.ArticlePublished
			}
		}
		if !found {
			t.Fatal("the article was not saved")
		}
		b.run(t, chromedp.WaitVisible(`[data-testid="kb-preview"]`, chromedp.ByQuery))
		b.clean(t)
	})
}
