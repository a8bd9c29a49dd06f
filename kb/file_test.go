package kb_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/attune-desk/attune/kb"
)

func TestFileRoundTrip(t *testing.T) {
	for _, f := range []kb.File{
		{Title: `Quotes "and" colons: here`, Slug: "quotes", Status: "published", Category: "Billing, payments", Tags: []string{"a, b", `c"d`}, Body: "# Heading\n\n---\n\nText with --- inside."},
		{Title: "Plain", Body: "Just text."},
	} {
		got, err := kb.ParseFile(f.Format())
		if err != nil {
			t.Fatalf("%+v: %v", f, err)
		}
		if !reflect.DeepEqual(got, f) {
			t.Fatalf("round trip:\n got %+v\nwant %+v\n%s", got, f, f.Format())
		}
	}
}

func TestParseFile(t *testing.T) {
	f, err := kb.ParseFile([]byte("\ufeff---\r\ntitle: 'It''s here'\r\ntags:\r\n  - one\r\n  - \"two\"\r\nstatus: Published\r\n---\r\nBody\r\n"))
	if err != nil || f.Title != "It's here" || strings.Join(f.Tags, "|") != "one|two" || f.Status != "published" || f.Body != "Body" {
		t.Fatalf("parsed %+v, %v", f, err)
	}
	f, err = kb.ParseFile([]byte("# From the heading\n\nThe body."))
	if err != nil || f.Title != "From the heading" || f.Body != "The body." {
		t.Fatalf("heading title: %+v, %v", f, err)
	}
	for name, in := range map[string]string{
		"unclosed front matter": "---\ntitle: x\nbody",
		"not key value":         "---\ntitle x\n---\nbody",
		"unknown key":           "---\ntitle: x\nauthor: me\n---\nbody",
		"unclosed quote":        "---\ntitle: \"x\n---\nbody",
		"no title":              "---\nstatus: draft\n---\nbody",
		"no body":               "---\ntitle: x\n---\n",
		"binary":                "---\ntitle: x\n---\n\x00\x01",
		"not utf-8":             "---\ntitle: \xff\n---\nbody",
		"huge":                  "---\ntitle: x\n---\n" + strings.Repeat("a", kb.MaxFileSize),
	} {
		if _, err := kb.ParseFile([]byte(in)); err == nil {
			t.Errorf("%s: parsed without error", name)
		}
	}
}
