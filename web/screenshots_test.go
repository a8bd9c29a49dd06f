package web_test

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/attune-desk/attune"
	"github.com/attune-desk/attune/store/storetest"
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
	e := startPages(t, storetest.Open(t, storetest.SQLiteDSN(t), clock), clock, webtest.Options{})
	focus := seedShowcase(t, e)
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
	b.signIn(t, e.Server.URL, "ana@attune.test")
	shot(b, "inbox.png")

	b.run(t, chromedp.Navigate(fmt.Sprintf("%s/conversations/%d", e.Server.URL, focus)), chromedp.WaitVisible("#reply-box", chromedp.ByID),
		chromedp.SendKeys("#reply-box", "Hi Rosa, I'm so sorry. Being charged twice with rent due on Friday is really stressful, and you shouldn't have had to write three times. ", chromedp.ByID),
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
}

// seedShowcase fills a workspace that reads like a real afternoon, for screenshots, and
// returns the conversation to show.
func seedShowcase(t *testing.T, e *webtest.Env) int64 {
	t.Helper()
	ctx := context.Background()
	ana := e.NewUser("ana@attune.test", "Ana Ruiz", attune.RoleSupervisor).Agent
	ben := e.NewUser("ben@attune.test", "Ben Cole", attune.RoleAgent).Agent
	billing, err := e.Services.Agents.CreateTeam(ctx, "Billing")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.Services.Agents.CreateTeam(ctx, "Deliveries"); err != nil {
		t.Fatal(err)
	}
	actorOf := func(a *attune.Agent) attune.Actor { return attune.Actor{AgentID: &a.ID, Name: a.Name, Role: a.Role} }
	reply := func(c *attune.Conversation, a *attune.Agent, body string, internal bool) {
		if _, err := e.Desk.AddMessage(ctx, c.ID, attune.NewMessage{Body: body, Author: attune.AuthorAgent, Internal: internal, AgentID: &a.ID}, actorOf(a)); err != nil {
			t.Fatal(err)
		}
	}
	customer := func(c *attune.Conversation, body string) {
		if _, err := e.Desk.AddMessage(ctx, c.ID, attune.NewMessage{Body: body, Author: attune.AuthorCustomer}, attune.Actor{}); err != nil {
			t.Fatal(err)
		}
	}
	update := func(c *attune.Conversation, u attune.ConversationUpdate) {
		if _, err := e.Desk.UpdateConversation(ctx, c.ID, u, actorOf(ana)); err != nil {
			t.Fatal(err)
		}
	}
	resolved, sat := attune.StatusResolved, 4

	// An older conversation of Rosa's, resolved and rated.
	old := open(t, e, "Rosa Diaz", "rosa.diaz@example.com", "Delivery address change", "Hi, could you change the delivery address on my order? Thanks!", attune.ChannelEmail)
	reply(old, ben, "Of course, Rosa: done. It now goes to your new flat.", false)
	update(old, attune.ConversationUpdate{Status: &resolved, Satisfaction: &sat})
	e.Clock.Advance(9 * 24 * time.Hour)

	george := open(t, e, "George Lindqvist", "george@example.com", "A thank you", "Hello again! Just wanted to say thanks for your help last week. It's been a lonely month, and your team was kind.", attune.ChannelEmail)
	e.Clock.Advance(40 * time.Minute)
	helen := open(t, e, "Helen Okafor", "helen@example.com", "Where did the export button go?", "I'm a bit confused: how do I export my invoices? I don't understand where the button went after the update.", attune.ChannelEmail)
	e.Clock.Advance(25 * time.Minute)
	priya := open(t, e, "Priya Nair", "priya@example.com", "Still not working", "The sync is still not working and it's so annoying. If it isn't fixed today I will cancel.", attune.ChannelAPI)
	e.Clock.Advance(30 * time.Minute)
	rosa := open(t, e, "Rosa Diaz", "rosa.diaz@example.com", "Charged twice, rent due Friday", "You charged my card twice for the same order.", attune.ChannelPortal)
	e.Clock.Advance(20 * time.Minute)
	marcus := open(t, e, "Marcus Bell", "marcus@example.com", "Birthday present not here", "I'm really worried. The parcel with my daughter's birthday present is still not here and her party is today.", attune.ChannelWidget)
	e.Clock.Advance(15 * time.Minute)
	tom := open(t, e, "Tom Becker", "tom@example.com", "Quick fix, thank you", "Thanks so much, I appreciate the quick fix! Everything works again.", attune.ChannelPortal)
	e.Clock.Advance(35 * time.Minute)
	lena := open(t, e, "Lena Vogel", "lena@example.com", "Card declined at checkout", "My card keeps getting declined at checkout and I'm frustrated. What am I doing wrong?", attune.ChannelEmail)
	e.Clock.Advance(30 * time.Minute)
	customer(rosa, "I am furious. Now my rent payment on Friday is at risk because of your mistake. This is the third time I'm writing about this!")
	reply(rosa, ben, "Bank confirms two captures on the 28th. Refund of the duplicate needs a supervisor.", true)
	e.Clock.Advance(20 * time.Minute)

	reply(george, ana, "George, what a lovely note: thank you. I'm glad we could help, and I'm sorry it's been a lonely month. How are you getting on with the new set-up?", false)
	reply(tom, ben, "Great to hear, Tom! Thanks for letting us know.", false)
	update(tom, attune.ConversationUpdate{Status: &resolved})
	me, team := ana.ID, billing.ID
	update(rosa, attune.ConversationUpdate{AssigneeID: &me, TeamID: &team, Tags: &[]string{"billing", "refund"}})
	update(priya, attune.ConversationUpdate{AssigneeID: &ben.ID})
	_ = helen
	_ = marcus
	_ = lena
	e.Clock.Advance(3*time.Hour + 10*time.Minute)

	pref, tz, lang := "Rosa", "America/Chicago", "English, Spanish"
	facts := []string{"Moving house this month", "Prefers email to phone calls"}
	if _, err := e.Services.Customers.UpdateCustomer(ctx, rosa.CustomerID, attune.CustomerInput{PreferredName: &pref, Timezone: &tz, Language: &lang, Remember: &facts}, actorOf(ana)); err != nil {
		t.Fatal(err)
	}
	return rosa.ID
}
