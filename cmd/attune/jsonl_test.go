package main

import (
	"bufio"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/attune-desk/attune/analysis"
	"github.com/attune-desk/attune/triage"
)

// TestJSONLWriterMatchesEncodingJSON holds the fast writer to encoding/json's output of
// the one Analysis shape, so the CLI and the API never disagree.
func TestJSONLWriterMatchesEncodingJSON(t *testing.T) {
	e, err := analysis.New()
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{
		"", "plain", "quotes \" and \\ backslash", "html <b>&amp;</b>", "ctl \x00\x01\b\f\n\r\t end",
		"bad \xff utf8", "line\u2028sep\u2029", "emoji 😡 and :)", "WHERE IS MY REFUND???",
		"This is the third time; my rent is due Friday and I will call my lawyer",
	}
	if f, err := os.Open("../../analysis/testdata/messages.txt"); err == nil {
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if l := sc.Text(); l != "" && l[0] != '#' {
				texts = append(texts, l[strings.LastIndex(l, "|")+1:])
			}
		}
		f.Close()
	}
	w := newJSONLWriter(e.Version())
	ids := []string{`"a"`, `12`, `null`, `{"x": [1, 2]}`, `"<&>"`, `1.5e3`}
	for i, s := range texts {
		id := json.RawMessage(ids[i%len(ids)])
		r := e.Analyze(s)
		got, err := w.line(id, r)
		if err != nil {
			t.Fatal(err)
		}
		want, err := json.Marshal(jsonlOutput{ID: id, Analysis: triage.ToAnalysis(r, e.Version())})
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != string(want)+"\n" {
			t.Fatalf("text %q:\n got %s\nwant %s", s, got, want)
		}
	}
}

func FuzzJSONLWriter(f *testing.F) {
	e, err := analysis.New()
	if err != nil {
		f.Fatal(err)
	}
	w := newJSONLWriter(e.Version())
	f.Add("hello <world> & \"you\"")
	f.Fuzz(func(t *testing.T, s string) {
		r := e.Analyze(s)
		got, err := w.line(json.RawMessage(`"id"`), r)
		if err != nil {
			t.Fatal(err)
		}
		want, _ := json.Marshal(jsonlOutput{ID: json.RawMessage(`"id"`), Analysis: triage.ToAnalysis(r, e.Version())})
		if string(got) != string(want)+"\n" {
			t.Fatalf("got %s\nwant %s", got, want)
		}
	})
}
