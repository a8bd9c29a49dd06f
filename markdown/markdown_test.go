package markdown_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/attune-desk/attune/markdown"
)

// hostile is Markdown and HTML that tries to run script in a reader's browser.
var hostile = []string{
	`<script>alert(1)</script>`,
	`<SCRIPT SRC=//evil.example/x.js></SCRIPT>`,
	`<img src=x onerror=alert(1)>`,
	`<img src="javascript:alert(1)">`,
	`<svg onload=alert(1)><circle r=1 /></svg>`,
	`<svg><script>alert(1)</script></svg>`,
	`<iframe src="https://evil.example"></iframe>`,
	`<iframe srcdoc="<script>alert(1)</script>"></iframe>`,
	`<object data="javascript:alert(1)"></object><embed src="x.swf">`,
	`<a href="javascript:alert(1)">click</a>`,
	`<a href="JaVaScRiPt:alert(1)">click</a>`,
	`<a href="java&#x09;script:alert(1)">click</a>`,
	`<a href="&#106;avascript:alert(1)">click</a>`,
	`<a href=" javascript:alert(1)">click</a>`,
	`<a href="vbscript:msgbox(1)">click</a>`,
	`<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">click</a>`,
	`[click](javascript:alert(1))`,
	`[click](JAVASCRIPT:alert(1) "title")`,
	`[click](java%0ascript:alert(1))`,
	`![pic](javascript:alert(1))`,
	`<javascript:alert(1)>`,
	"[click][ref]\n\n[ref]: javascript:alert(1)",
	`<div style="background:url(javascript:alert(1))" onclick="alert(1)">x</div>`,
	`<p onmouseover="alert(1)">hover</p>`,
	`<body onload=alert(1)>`,
	`<style>body{display:none}</style>`,
	`<link rel=stylesheet href=//evil.example/x.css>`,
	`<meta http-equiv="refresh" content="0;url=javascript:alert(1)">`,
	`<base href="https://evil.example/">`,
	`<form action="https://evil.example"><input name=password><button formaction=javascript:alert(1)>go</button></form>`,
	`<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>`,
	`<details open ontoggle=alert(1)><summary>x</summary></details>`,
	`<a href="https://ok.example" onfocus="alert(1)" autofocus>ok</a>`,
	"```html\n<script>alert(1)</script>\n```",
	"`<img src=x onerror=alert(1)>`",
	`&lt;script&gt;alert(1)&lt;/script&gt;`,
	`<scr<script>ipt>alert(1)</script>`,
	`<<script>script>alert(1)<</script>/script>`,
	`<noscript><p title="</noscript><img src=x onerror=alert(1)>">`,
	`<template><script>alert(1)</script></template>`,
	`<video><source onerror=alert(1)></video><audio src=x onerror=alert(1)>`,
	`<input autofocus onfocus=alert(1)>`,
	`<table background="javascript:alert(1)"><tr><td>x</td></tr></table>`,
}

// active finds anything that could run: an element that executes or loads active
// content, an event-handler attribute, or a script URL in an attribute.
var active = regexp.MustCompile(`(?i)<\s*(script|iframe|object|embed|style|link|meta|base|form|svg|math|template|noscript|frame|applet|button|video|audio|source)\b|<[^>]*\son[a-z]+\s*=|(href|src|action|formaction|data|background|srcdoc)\s*=\s*["']?\s*(javascript|vbscript|data):`)

func TestRenderIsInert(t *testing.T) {
	for _, src := range hostile {
		for _, doc := range []string{src, "# Title\n\nSome text " + src + " more.\n\n- item " + src} {
			got := string(markdown.Render(doc))
			if m := active.FindString(got); m != "" {
				t.Errorf("Render(%q) kept %q:\n%s", doc, m, got)
			}
			// a script URL may stay as visible text, never as a link or source
			if strings.Contains(strings.ToLower(got), `="javascript`) || strings.Contains(strings.ToLower(got), `href="java`) {
				t.Errorf("Render(%q) kept a script URL in an attribute:\n%s", doc, got)
			}
		}
	}
}

func TestRenderKeepsFormatting(t *testing.T) {
	got := string(markdown.Render("## Reset your password\n\nOpen **Settings**, then [Account](https://example.com/account) or [home](/help).\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n<kbd>Ctrl</kbd>\n\n```go\nx := 1\n```\n"))
	for _, want := range []string{`<h2 id="reset-your-password">`, "<strong>Settings</strong>", `href="https://example.com/account"`,
		`rel="nofollow noreferrer"`, `<a href="/help">home</a>`, "<table>", "<kbd>Ctrl</kbd>", `<code class="language-go">`} {
		if !strings.Contains(got, want) {
			t.Errorf("Render lacks %q:\n%s", want, got)
		}
	}
}

func TestPlainText(t *testing.T) {
	got := markdown.PlainText("# Follow up\n\nAfter **resolving** an issue, [follow up](https://x.example) & check.\n\n<script>alert(1)</script>\n\n- one\n- two")
	want := "Follow up\nAfter resolving an issue, follow up & check.\none\ntwo"
	if got != want {
		t.Fatalf("PlainText = %q, want %q", got, want)
	}
	if got := markdown.Excerpt("Some **long** text that goes on and on", 20); got != "Some long text that…" {
		t.Fatalf("Excerpt = %q", got)
	}
}
