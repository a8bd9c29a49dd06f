// Package markdown renders knowledge-base articles: Markdown to HTML with goldmark, then
// sanitised with bluemonday, so scripts, event handlers and javascript: links never reach
// a reader whatever an author (or an imported file) wrote.
package markdown

import (
	"bytes"
	"html"
	"html/template"
	"regexp"
	"strings"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	gmhtml "github.com/yuin/goldmark/renderer/html"
)

// md turns Markdown into HTML. Raw HTML in the source passes through goldmark so that
// harmless markup (a <kbd>, a table) survives; the policy below is what makes it safe.
var md = goldmark.New(
	goldmark.WithExtensions(extension.GFM),
	goldmark.WithParserOptions(parser.WithAutoHeadingID()),
	goldmark.WithRendererOptions(gmhtml.WithUnsafe()),
)

// policy allows the markup of user-generated content and nothing active: no script,
// style, iframe, object, form or event handler; links and images only over http, https,
// mailto and tel, or relative. Links leaving the site carry rel="nofollow noopener".
var policy = func() *bluemonday.Policy {
	p := bluemonday.UGCPolicy()
	p.AllowURLSchemes("http", "https", "mailto", "tel")
	p.RequireParseableURLs(true)
	p.RequireNoFollowOnLinks(false)
	p.RequireNoFollowOnFullyQualifiedLinks(true)
	p.AllowElements("kbd", "mark")
	p.RequireNoReferrerOnFullyQualifiedLinks(true)
	p.AllowAttrs("id").Matching(regexp.MustCompile(`^[a-zA-Z0-9_-]+$`)).OnElements("h1", "h2", "h3", "h4", "h5", "h6")
	p.AllowAttrs("class").Matching(regexp.MustCompile(`^language-[a-zA-Z0-9_+-]+$`)).OnElements("code")
	p.AllowAttrs("type").Matching(regexp.MustCompile(`^checkbox$`)).OnElements("input")
	p.AllowAttrs("checked", "disabled").Matching(regexp.MustCompile(`^(|checked|disabled)$`)).OnElements("input")
	return p
}()

var strict = bluemonday.StrictPolicy()

// html renders Markdown to unsanitised HTML.
func toHTML(src string) []byte {
	var buf bytes.Buffer
	if err := md.Convert([]byte(src), &buf); err != nil {
		// goldmark only fails when the writer does; a bytes.Buffer never does
		return []byte(html.EscapeString(src))
	}
	return buf.Bytes()
}

// Render turns an article's Markdown into HTML that is safe to put in a page.
func Render(src string) template.HTML {
	return template.HTML(policy.SanitizeBytes(toHTML(src))) // #nosec: sanitised just now
}

// PlainText is an article's text without markup, one block a line, for the search index
// and for snippets.
func PlainText(src string) string {
	text := html.UnescapeString(strict.Sanitize(string(toHTML(src))))
	lines := strings.Split(text, "\n")
	out := lines[:0]
	for _, l := range lines {
		if l = strings.Join(strings.Fields(l), " "); l != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// Excerpt is the first part of an article's text, at most max characters, cut at a word.
func Excerpt(src string, max int) string {
	text := strings.Join(strings.Fields(PlainText(src)), " ")
	r := []rune(text)
	if len(r) <= max {
		return text
	}
	cut := string(r[:max])
	if i := strings.LastIndexByte(cut, ' '); i > max/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,.;:") + "…"
}
