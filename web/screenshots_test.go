package web_test

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/attune-desk/attune/analysis"
	"github.com/attune-desk/attune/demo"
	"github.com/attune-desk/attune/store/storetest"
	"github.com/attune-desk/attune/triage"
	"github.com/attune-desk/attune/web/webtest"
	"github.com/chromedp/chromedp"
)

var updateScreenshots = flag.Bool("update-screenshots", false, "write the README's screenshots to docs/screenshots")

// TestScreenshots writes the README's screenshots of the inbox, a conversation with the
// coach, and the portal. It runs with -update-screenshots (or ATTUNE_SCREENSHOTS=1) and
// a browser: go test ./web -run TestScreenshots -update-screenshots
func TestScreenshots(t *testing.T) {
	if !*updateScreenshots && os.Getenv("ATTUNE_SCREENSHOTS") != "1" {
		t.Skip("run with -update-screenshots to rewrite docs/screenshots")
	}
	chromePath(t)
	clock := storetest.NewClock()
	engine, err := analysis.New()
	if err != nil {
		t.Fatal(err)
	}
	// The demo workspace, read by the real emotion engine, as `attune serve --demo` shows it.
	e := startPages(t, storetest.Open(t, storetest.SQLiteDSN(t), clock), clock, webtest.Options{Analyzer: triage.NewAnalyzer(engine),
		Seed: func(s storetest.Services, desk *triage.Desk) error {
			_, err := demo.Seed(context.Background(), demo.Services{Agents: s.Agents, Customers: s.Customers, Conversations: desk},
				demo.Options{Now: clock.Now(), Seed: 1, AdminPassword: webtest.Password})
			return err
		}})
	out := filepath.Join("..", "docs", "screenshots")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	shot := func(b *browser, name string) {
		var png []byte
		b.run(t, chromedp.Sleep(400*time.Millisecond), chromedp.CaptureScreenshot(&png))
		if err := os.WriteFile(filepath.Join(out, name), png, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s (%d KiB)", filepath.Join(out, name), len(png)/1024)
	}

	b := newBrowser(t, 1280, 1000)
	b.signIn(t, e.Server.URL, demo.AdminEmail)
	shot(b, "inbox.png")

	// The most pressing conversation, with a draft in the composer and the coach reading it.
	var name string
	b.run(t, chromedp.Click(`[data-testid="queue-item"] a.row`, chromedp.ByQuery), chromedp.WaitVisible("#reply-box", chromedp.ByID),
		chromedp.Evaluate(`document.querySelector('.conv').dataset.greeting`, &name))
	b.run(t, chromedp.SendKeys("#reply-box", fmt.Sprintf("Hi %s, I'm so sorry. Being stuck like this sounds really stressful, and it makes sense that you want it sorted fast. I've reset your plan from our side: could you turn flight mode off and on and tell me what you see? ", name), chromedp.ByID),
		chromedp.Sleep(900*time.Millisecond),
		chromedp.Evaluate(`window.scrollTo(0, 0)`, nil))
	shot(b, "conversation.png")
	b.clean(t)

	phone := newBrowser(t, 1280, 860)
	phone.run(t, chromedp.Navigate(e.Server.URL+"/help"), chromedp.WaitVisible("#name", chromedp.ByID),
		chromedp.SendKeys("#name", "Marta Silva", chromedp.ByID), chromedp.SendKeys("#email", "marta@example.com", chromedp.ByID),
		chromedp.SendKeys("#message", "Hi! My order arrived but the charger is missing. Could you send one? I need it for work on Monday.", chromedp.ByID))
	shot(phone, "portal.png")
	phone.clean(t)

	// The same portal on a phone, after sending: the private link and the thread.
	mobile := newBrowser(t, 390, 844)
	mobile.run(t, chromedp.Navigate(e.Server.URL+"/help"), chromedp.WaitVisible("#name", chromedp.ByID),
		chromedp.SendKeys("#name", "Marta Silva", chromedp.ByID), chromedp.SendKeys("#email", "marta@example.com", chromedp.ByID),
		chromedp.SendKeys("#message", "Hi! My order arrived but the charger is missing. Could you send one? I need it for work on Monday.", chromedp.ByID),
		chromedp.Click(`#help-form button[type=submit]`, chromedp.ByQuery), chromedp.WaitVisible(`[data-testid="private-link"]`, chromedp.ByQuery))
	shot(mobile, "portal-phone.png")
	mobile.clean(t)

	// A customer's profile with their sentiment across their history.
	b.run(t, chromedp.Click(`.customer-panel h2 a`, chromedp.ByQuery), chromedp.WaitVisible(`[data-testid="customer-profile"]`, chromedp.ByQuery))
	shot(b, "customer.png")
	b.clean(t)
}
