package web_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/attune-desk/attune"
	"github.com/attune-desk/attune/store/storetest"
	"github.com/attune-desk/attune/web/webtest"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// chromePath is Debian's Chromium from ATTUNE_TEST_CHROME. Under CI=true the browser
// tests must run, so a missing browser fails rather than skips.
func chromePath(t *testing.T) string {
	t.Helper()
	p := os.Getenv("ATTUNE_TEST_CHROME")
	if p == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("CI=true but ATTUNE_TEST_CHROME is not set: run the tests with 'make test'")
		}
		t.Skip("ATTUNE_TEST_CHROME is not set: browser tests skipped (make test sets it)")
	}
	return p
}

// browser is a headless Chromium that records every alert dialog, Content-Security-Policy
// violation and uncaught script error, so tests can insist there were none.
type browser struct {
	ctx      context.Context
	mu       sync.Mutex
	dialogs  []string
	problems []string
}

func newBrowser(t *testing.T, width, height int) *browser {
	t.Helper()
	// A fresh profile per browser. Not t.TempDir: Chromium may still be writing to it as
	// it exits, and a failed clean-up there would fail the test.
	profile, err := os.MkdirTemp("", "attune-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromePath(t)),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-default-browser-check", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(width, height),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	t.Cleanup(func() {
		cancelCtx()
		cancelAlloc()
		for i := 0; i < 10 && os.RemoveAll(profile) != nil; i++ {
			time.Sleep(100 * time.Millisecond)
		}
	})
	b := &browser{ctx: ctx}
	b.watch(t, ctx)
	if err := chromedp.Run(ctx, log.Enable(), runtime.Enable()); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	return b
}

// watch records dialogs, CSP violations and script errors in a tab.
func (b *browser) watch(t *testing.T, ctx context.Context) {
	chromedp.ListenTarget(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *page.EventJavascriptDialogOpening:
			b.mu.Lock()
			b.dialogs = append(b.dialogs, ev.Message)
			b.mu.Unlock()
			go func() { _ = chromedp.Run(ctx, page.HandleJavaScriptDialog(false)) }()
		case *log.EventEntryAdded:
			if strings.Contains(ev.Entry.Text, "Content Security Policy") || strings.Contains(ev.Entry.Text, "Content-Security-Policy") {
				b.mu.Lock()
				b.problems = append(b.problems, ev.Entry.Text)
				b.mu.Unlock()
			}
		case *runtime.EventExceptionThrown:
			b.mu.Lock()
			b.problems = append(b.problems, "script error: "+ev.ExceptionDetails.Error())
			b.mu.Unlock()
		}
	})
}

// tab opens another tab in the same browser, e.g. a customer beside the agent.
func (b *browser) tab(t *testing.T) *browser {
	ctx, cancel := chromedp.NewContext(b.ctx)
	t.Cleanup(cancel)
	nb := &browser{ctx: ctx}
	nb.watch(t, ctx)
	if err := chromedp.Run(ctx, log.Enable(), runtime.Enable()); err != nil {
		t.Fatal(err)
	}
	return nb
}

// run runs actions with a time limit, failing the test on error.
func (b *browser) run(t *testing.T, actions ...chromedp.Action) {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Run(ctx, actions...); err != nil {
		var loc string
		_ = chromedp.Run(b.ctx, chromedp.Location(&loc))
		t.Fatalf("browser at %s: %v", loc, err)
	}
}

// eval evaluates JavaScript and returns its result.
func eval[T any](t *testing.T, b *browser, js string) T {
	t.Helper()
	var v T
	b.run(t, chromedp.Evaluate(js, &v))
	return v
}

// waitJS polls until a JavaScript expression is true.
func waitJS(t *testing.T, b *browser, what, js string) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		var ok bool
		if err := chromedp.Run(b.ctx, chromedp.Evaluate(js, &ok)); err == nil && ok {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("waited 15 s for %s", what)
}

// clean fails the test if any dialog opened, the CSP blocked anything, or a script failed.
func (b *browser) clean(t *testing.T) {
	t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.dialogs) > 0 {
		t.Fatalf("a dialog opened: %q", b.dialogs)
	}
	if len(b.problems) > 0 {
		t.Fatalf("the page had problems: %q", b.problems)
	}
}

// signIn signs in through the form.
func (b *browser) signIn(t *testing.T, base, email string) {
	b.run(t, chromedp.Navigate(base+"/login"), chromedp.WaitVisible("#email", chromedp.ByID),
		chromedp.SendKeys("#email", email, chromedp.ByID), chromedp.SendKeys("#password", webtest.Password, chromedp.ByID),
		chromedp.Click(`button[type=submit]`, chromedp.ByQuery), chromedp.WaitVisible(".queue-wrap", chromedp.ByQuery))
}

func TestBrowser(t *testing.T) {
	chromePath(t)
	clock := storetest.NewClock()
	e := startPages(t, storetest.Open(t, storetest.SQLiteDSN(t), clock), clock, webtest.Options{})
	e.NewUser("sup@attune.test", "Sam Supervisor", attune.RoleSupervisor)
	calm := open(t, e, "Ivy Ito", "ivy@example.com", "Where are my invoices?", "Hi, where do I find my invoices? Thanks!", attune.ChannelEmail)
	furious := open(t, e, "Rosa Diaz", "rosa@example.com", "Charged twice", "I am furious. You charged me twice and now my rent is at risk. This is the third time I write!", attune.ChannelPortal)
	worried := open(t, e, "Nora Njoku", "nora@example.com", "Parcel late", "I'm worried, my parcel is late.", attune.ChannelWidget)
	clock.Advance(3 * time.Hour)
	base := e.Server.URL
	b := newBrowser(t, 1280, 900)

	t.Run("sign in", func(t *testing.T) {
		b.run(t, chromedp.Navigate(base+"/"), chromedp.WaitVisible("#email", chromedp.ByID))
		if got := eval[string](t, b, `document.querySelector('label[for=email]').textContent + '|' + document.querySelector('label[for=password]').textContent + '|' + document.querySelector('button[type=submit]').textContent`); got != "Email|Password|Sign in" {
			t.Fatalf("labels = %q", got)
		}
		b.run(t, chromedp.SendKeys("#email", "agent@attune.test", chromedp.ByID), chromedp.SendKeys("#password", "not my password", chromedp.ByID),
			chromedp.Click(`button[type=submit]`, chromedp.ByQuery), chromedp.WaitVisible("#login-error", chromedp.ByID))
		if msg := eval[string](t, b, `document.querySelector('#login-error').textContent`); !strings.Contains(msg, "don't match an account") {
			t.Fatalf("error = %q", msg)
		}
		// The email is kept; the password is not.
		if v := eval[string](t, b, `document.querySelector('#email').value + '|' + document.querySelector('#password').value`); v != "agent@attune.test|" {
			t.Fatalf("after a failed sign-in the fields hold %q", v)
		}
		b.run(t, chromedp.SendKeys("#password", webtest.Password, chromedp.ByID),
			chromedp.Click(`button[type=submit]`, chromedp.ByQuery), chromedp.WaitVisible(`[data-testid="queue-item"]`, chromedp.ByQuery))
		b.clean(t)
	})

	t.Run("queue order and reasons", func(t *testing.T) {
		ids := eval[[]string](t, b, `[...document.querySelectorAll('[data-testid="queue-item"]')].map(e => e.dataset.id)`)
		if len(ids) != 3 || ids[0] != fmt.Sprint(furious.ID) || ids[2] != fmt.Sprint(calm.ID) {
			t.Fatalf("queue order = %v, want %d first and %d last", ids, furious.ID, calm.ID)
		}
		reasons := eval[string](t, b, `document.querySelector('[data-testid="queue-item"] [data-testid="priority-reasons"]').textContent`)
		for _, want := range []string{"furious", "rent at risk", "waiting 3 h", " · "} {
			if !strings.Contains(reasons, want) {
				t.Fatalf("reasons = %q, want %q", reasons, want)
			}
		}
		// The mood chip carries a word, not just a colour.
		if chip := eval[string](t, b, `document.querySelector('[data-testid="queue-item"] [data-testid="mood-chip"]').textContent.trim()`); chip != "angry" {
			t.Fatalf("mood chip = %q", chip)
		}
		// j moves the selection; Enter opens it.
		b.run(t, chromedp.KeyEvent("j"), chromedp.KeyEvent("j"))
		if sel := eval[string](t, b, `document.querySelector('.queue-item.selected').dataset.id`); sel != fmt.Sprint(worried.ID) {
			t.Fatalf("after j j the selection is %s", sel)
		}
		b.clean(t)
	})

	t.Run("open a conversation", func(t *testing.T) {
		b.run(t, chromedp.Navigate(base+"/"), chromedp.WaitVisible(`[data-testid="queue-item"]`, chromedp.ByQuery),
			chromedp.Click(`[data-testid="queue-item"] a.row`, chromedp.ByQuery), chromedp.WaitVisible(`[data-testid="reply-box"]`, chromedp.ByQuery))
		if n := eval[int](t, b, `document.querySelectorAll('[data-testid="message"]').length`); n != 1 {
			t.Fatalf("%d messages", n)
		}
		// Focusing a mood chip underlines the words behind it.
		b.run(t, chromedp.Focus(`[data-testid="emotion-chip"][data-figure="mood:angry"]`, chromedp.ByQuery))
		if on := eval[string](t, b, `[...document.querySelectorAll('.ev.on')].map(e => e.textContent).join(',')`); on != "furious" {
			t.Fatalf("highlighted evidence = %q", on)
		}
		if panel := eval[string](t, b, `document.querySelector('[data-testid="customer-panel"]').textContent`); !strings.Contains(panel, "rosa@example.com") {
			t.Fatalf("customer panel = %q", panel)
		}
		// '?' lists the shortcuts; 'r' puts the cursor in the reply box.
		b.run(t, chromedp.KeyEvent("?"))
		if !eval[bool](t, b, `document.querySelector('#shortcuts').open`) {
			t.Fatal("? did not open the shortcuts")
		}
		b.run(t, chromedp.KeyEvent("?"), chromedp.KeyEvent("r"))
		if id := eval[string](t, b, `document.activeElement.id`); id != "reply-box" {
			t.Fatalf("after r the focus is on %q", id)
		}
		b.clean(t)
	})

	t.Run("the empathy score moves as the agent types", func(t *testing.T) {
		score := func() string {
			return eval[string](t, b, `(document.querySelector('[data-testid="empathy-score"]') || {dataset: {}}).dataset.score || ''`)
		}
		b.run(t, chromedp.Navigate(fmt.Sprintf("%s/conversations/%d", base, furious.ID)), chromedp.WaitVisible("#reply-box", chromedp.ByID),
			chromedp.SendKeys("#reply-box", "Calm down. That's our policy and there is nothing we can do.", chromedp.ByID))
		waitJS(t, b, "a score for the dismissive draft", `!!document.querySelector('[data-testid="empathy-score"]').dataset.score`)
		time.Sleep(600 * time.Millisecond) // let the last keystroke's review land
		dismissive := score()
		b.run(t, chromedp.Evaluate(`document.querySelector('#reply-box').value = ''`, nil),
			chromedp.SendKeys("#reply-box", "Rosa, I'm so sorry. Being charged twice with rent due is frightening, and you shouldn't have had to write three times. I've refunded the second charge today. Is there anything else worrying you?", chromedp.ByID))
		waitJS(t, b, "the score to rise", fmt.Sprintf(`Number(document.querySelector('[data-testid="empathy-score"]').dataset.score) > %s`, dismissive))
		b.clean(t)
	})

	t.Run("send a reply", func(t *testing.T) {
		b.run(t, chromedp.Navigate(fmt.Sprintf("%s/conversations/%d", base, worried.ID)), chromedp.WaitVisible("#reply-box", chromedp.ByID),
			chromedp.SendKeys("#reply-box", "Nora, I'm sorry for the worry. I've checked: it arrives tomorrow morning.", chromedp.ByID),
			chromedp.Click(`[data-testid="send-reply"]`, chromedp.ByQuery))
		waitJS(t, b, "the reply in the thread", `document.querySelectorAll('[data-testid="message"]').length === 2 && document.querySelector('#reply-box').value === ''`)
		if kind := eval[string](t, b, `[...document.querySelectorAll('[data-testid="message"]')].pop().dataset.kind`); kind != "agent" {
			t.Fatalf("last message kind = %q", kind)
		}
		// An internal note looks different and says so.
		b.run(t, chromedp.Click("#internal", chromedp.ByID), chromedp.SendKeys("#reply-box", "Courier confirmed by phone.", chromedp.ByID),
			chromedp.Click(`[data-testid="send-reply"]`, chromedp.ByQuery))
		waitJS(t, b, "the note in the thread", `document.querySelectorAll('[data-testid="message"][data-kind="note"]').length === 1`)
		b.clean(t)
	})

	t.Run("portal round trip", func(t *testing.T) {
		b.run(t, chromedp.Navigate(base+"/"), chromedp.WaitVisible(`[data-testid="queue-item"]`, chromedp.ByQuery))
		waitJS(t, b, "the inbox's live updates", `document.body.getAttribute('data-live') === '1'`)
		customer := b.tab(t)
		customer.run(t, chromedp.Navigate(base+"/help"), chromedp.WaitVisible("#name", chromedp.ByID),
			chromedp.SendKeys("#name", "Pia Portal", chromedp.ByID), chromedp.SendKeys("#email", "pia@example.com", chromedp.ByID),
			chromedp.SendKeys("#message", "Hello, I'm confused: how do I change my delivery address?", chromedp.ByID),
			chromedp.Click(`#help-form button[type=submit]`, chromedp.ByQuery), chromedp.WaitVisible(`[data-testid="private-link"]`, chromedp.ByQuery))
		link := eval[string](t, customer, `document.querySelector('[data-testid="private-link"]').value`)
		if !strings.Contains(link, "/p/att_p_") {
			t.Fatalf("private link = %q", link)
		}
		// The agent's inbox shows it without a reload.
		waitJS(t, b, "the new conversation in the inbox", `[...document.querySelectorAll('[data-testid="queue-item"]')].some(e => e.textContent.includes('Pia Portal'))`)
		b.run(t, chromedp.Evaluate(`[...document.querySelectorAll('[data-testid="queue-item"]')].find(e => e.textContent.includes('Pia Portal')).querySelector('a').click()`, nil))
		waitJS(t, b, "Pia's conversation", `document.querySelector('.customer-panel').textContent.includes('Pia Portal')`)
		waitJS(t, b, "the conversation's live updates", `document.body.getAttribute('data-live') === '1'`)
		waitJS(t, customer, "the portal's live updates", `document.body.getAttribute('data-live') === '1'`)
		// The customer types: the agent sees it; the customer sends: the thread updates.
		customer.run(t, chromedp.SendKeys("#message", "Also, can you", chromedp.ByID))
		waitJS(t, b, "the typing indicator", `!document.querySelector('#typing').hidden`)
		customer.run(t, chromedp.SendKeys("#message", " deliver on Saturday?", chromedp.ByID), chromedp.Click(`#portal-reply button[type=submit]`, chromedp.ByQuery),
			chromedp.WaitVisible(`#portal-thread`, chromedp.ByID))
		waitJS(t, b, "the customer's reply in the agent's thread", `document.querySelectorAll('[data-testid="message"]').length === 2`)
		// The agent replies; the customer's page shows it without a reload.
		b.run(t, chromedp.SendKeys("#reply-box", "Hi Pia, yes: Saturday works. I've changed it for you.", chromedp.ByID), chromedp.Click(`[data-testid="send-reply"]`, chromedp.ByQuery))
		waitJS(t, customer, "the agent's reply on the portal", `document.querySelector('#portal-thread').textContent.includes('Saturday works')`)
		customer.clean(t)
		b.clean(t)
	})

	t.Run("stored XSS renders inert", func(t *testing.T) {
		convs, token := seedXSS(t, e)
		sup := newBrowser(t, 1280, 900)
		sup.signIn(t, base, "sup@attune.test")
		paths := []string{"/", "/?status=any", "/customers", "/customers?q=script", "/macros", "/p/" + token}
		for _, c := range convs[:4] {
			paths = append(paths, fmt.Sprintf("/conversations/%d", c.ID), fmt.Sprintf("/customers/%d", c.CustomerID))
		}
		injected := `document.querySelectorAll('script:not([src]), iframe, img, [onerror], [onload], [ontoggle], a[href^="javascript:"], [src^="javascript:"], body [onload], details[open][ontoggle]').length`
		for _, p := range paths {
			sup.run(t, chromedp.Navigate(base+p), chromedp.WaitReady("body", chromedp.ByQuery))
			time.Sleep(150 * time.Millisecond)
			if n := eval[int](t, sup, injected); n != 0 {
				t.Fatalf("%s: %d injected elements", p, n)
			}
			if !strings.Contains(eval[string](t, sup, `document.body.textContent`), "xss-") && p != "/macros" && !strings.HasPrefix(p, "/customers?") {
				t.Fatalf("%s: the payloads are not shown as text", p)
			}
			sup.clean(t)
		}
		// Open a saved reply holding a payload and let the coach read it.
		sup.run(t, chromedp.Navigate(fmt.Sprintf("%s/conversations/%d", base, convs[0].ID)), chromedp.WaitVisible("#reply-box", chromedp.ByID),
			chromedp.Evaluate(`document.querySelector('.macros').open = true`, nil), chromedp.Click(`.macro`, chromedp.ByQuery))
		time.Sleep(800 * time.Millisecond)
		if n := eval[int](t, sup, injected); n != 0 {
			t.Fatalf("after inserting a saved reply: %d injected elements", n)
		}
		sup.clean(t)
	})
}
