package web_test

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/attune-desk/attune"
	"github.com/attune-desk/attune/web/webtest"
)

// xssPayloads are classic stored-XSS attempts: script tags, event handlers, javascript:
// URLs, SVG, iframes, and breaking out of attributes, textareas and titles.
var xssPayloads = []string{
	`<script>alert("xss-1")</script>`,
	`<img src=x onerror=alert("xss-2")>`,
	`<svg onload=alert("xss-3")>`,
	`<iframe src="javascript:alert('xss-4')"></iframe>`,
	`javascript:alert("xss-5")`,
	`"><script>alert("xss-6")</script>`,
	`'><img src=x onerror=alert("xss-7")>`,
	`<a href="javascript:alert('xss-8')">click me</a>`,
	`</textarea><script>alert("xss-9")</script>`,
	`</title><svg/onload=alert("xss-10")>`,
	`<body onload=alert("xss-11")>`,
	`<details open ontoggle=alert("xss-12")>`,
}

// seedXSS stores every payload in every place a customer or agent can write: names,
// preferred names, subjects, messages, replies, notes, tags, facts, follow-ups, macros.
// It returns the conversations and a portal link to one of them.
func seedXSS(t testing.TB, e *webtest.Env) ([]*attune.Conversation, string) {
	t.Helper()
	ctx := context.Background()
	agent := e.Agent.Agent
	actor := attune.Actor{AgentID: &agent.ID, Name: agent.Name, Role: agent.Role}
	var convs []*attune.Conversation
	for i, p := range xssPayloads {
		c := open(t, e, p, fmt.Sprintf("xss%d@example.com", i), p, "I am furious about my rent. "+p+" "+p, attune.ChannelPortal)
		convs = append(convs, c)
		short := p
		if len([]rune(short)) > 50 {
			short = string([]rune(short)[:50])
		}
		tags := []string{short}
		if _, err := e.Desk.UpdateConversation(ctx, c.ID, attune.ConversationUpdate{Tags: &tags}, actor); err != nil {
			t.Fatal(err)
		}
		facts := []string{p}
		tz := "Europe/Paris"
		if _, err := e.Services.Customers.UpdateCustomer(ctx, c.CustomerID, attune.CustomerInput{PreferredName: &p, Remember: &facts, Tags: &tags, Notes: &p, Timezone: &tz,
			Attributes: &map[string]string{p: p}}, actor); err != nil {
			t.Fatal(err)
		}
		for _, internal := range []bool{false, true} {
			if _, err := e.Desk.AddMessage(ctx, c.ID, attune.NewMessage{Body: p, Author: attune.AuthorAgent, Internal: internal, AgentID: &agent.ID}, actor); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := e.Workspace.ScheduleFollowUp(ctx, c.ID, attune.NewFollowUp{DueAt: e.Clock.Now().Add(48 * 3600e9), Note: p}, actor); err != nil {
			t.Fatal(err)
		}
		name := p
		if len([]rune(name)) > 100 {
			name = string([]rune(name)[:100])
		}
		if _, err := e.Workspace.CreateMacro(ctx, attune.MacroInput{Name: fmt.Sprintf("%d %s", i, name), Body: p + " {{customer.first_name}}"}, actor); err != nil {
			t.Fatal(err)
		}
	}
	token, err := e.Workspace.CreatePortalLink(ctx, convs[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	return convs, token
}

var (
	ownScript   = regexp.MustCompile(`<script src="/static/[^"]+" defer></script>`)
	activeParts = regexp.MustCompile(`(?i)<(script|iframe|body|details|a)\b|<(img|svg)\b[^>]*\bon[a-z]+=|\b(href|src|action)="javascript:|\bon(error|load|toggle)="`)
)

// assertInert fails when a page holds any payload as live markup.
func assertInert(t *testing.T, path string, body []byte) {
	t.Helper()
	page := ownScript.ReplaceAllString(string(body), "")
	for _, p := range xssPayloads {
		if strings.ContainsAny(p, "<>\"'") && strings.Contains(page, p) {
			t.Fatalf("%s holds the payload %q unescaped", path, p)
		}
	}
	// Our own templates use <a> and <details>; strip those before looking for live markup.
	page = regexp.MustCompile(`<a (class|href)="[^"]*"|<a href="/[^"]*"|<details class="[^"]*"|<details class="menu macros">|<body class="[a-z-]+"[^>]*>`).ReplaceAllString(page, "")
	if m := activeParts.FindString(page); m != "" {
		i := strings.Index(page, m)
		t.Fatalf("%s has live markup %q near: %.200s", path, m, page[max(0, i-100):])
	}
}

func testXSS(t *testing.T, e *webtest.Env) {
	convs, token := seedXSS(t, e)
	sup := e.Browser("sup@attune.test")
	paths := []string{"/", "/?status=any", "/?sort=newest", "/customers", "/customers?q=script", "/macros", "/p/" + token, "/p/" + token + "/thread"}
	for _, c := range convs {
		paths = append(paths, fmt.Sprintf("/conversations/%d", c.ID), fmt.Sprintf("/conversations/%d/thread", c.ID), fmt.Sprintf("/customers/%d", c.CustomerID))
	}
	for _, p := range paths {
		assertInert(t, p, sup.Do("GET", p, nil).Want(t, 200).Body)
	}
	for _, p := range xssPayloads {
		r := sup.PostForm(fmt.Sprintf("/conversations/%d/coach", convs[0].ID), url.Values{"body": {p}}, "HX-Request", "true").Want(t, 200)
		assertInert(t, "coach panel", r.Body)
		r = sup.Do("GET", "/?q="+url.QueryEscape(p), nil).Want(t, 200)
		assertInert(t, "search", r.Body)
	}
	// The portal form echoes what was typed when something needs fixing.
	v := e.Visitor()
	tok := publicForm(t, v, "/help")
	for _, p := range xssPayloads {
		r := v.PostForm("/help", url.Values{"csrf_token": {tok}, "name": {p}, "email": {p}, "message": {p}})
		assertInert(t, "help form", r.Body)
	}
}
