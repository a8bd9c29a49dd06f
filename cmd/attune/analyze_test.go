package main

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
)

func runCmd(t *testing.T, stdin string, args ...string) (string, string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	err := run(context.Background(), args, func(string) string { return "" }, strings.NewReader(stdin), &out, &errb)
	return out.String(), errb.String(), err
}

func TestAnalyzeText(t *testing.T) {
	t.Run("argument", func(t *testing.T) {
		out, _, err := runCmd(t, "", "analyze", "This is the third time my order is late and my rent is due tomorrow")
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"Sentiment", "Mood", "Frustration", "Urgency", "3rd contact", "rent at risk", "[third time]", "Cues"} {
			if !strings.Contains(out, want) {
				t.Errorf("report lacks %q:\n%s", want, out)
			}
		}
	})
	t.Run("stdin", func(t *testing.T) {
		out, _, err := runCmd(t, "Thank you so much, you have been wonderful!\n", "analyze")
		if err != nil || !strings.Contains(out, "grateful") {
			t.Fatalf("err %v, report:\n%s", err, out)
		}
	})
	t.Run("no text", func(t *testing.T) {
		if _, _, err := runCmd(t, "  \n", "analyze"); err == nil || !strings.Contains(err.Error(), "no text") {
			t.Fatalf("err %v", err)
		}
	})
	t.Run("help", func(t *testing.T) {
		out, _, err := runCmd(t, "", "analyze", "--help")
		if err != nil || !strings.Contains(out, "--format") || !strings.Contains(out, "ATTUNE_FORMAT") {
			t.Fatalf("err %v, help:\n%s", err, out)
		}
	})
}

func TestAnalyzeJSONL(t *testing.T) {
	in := strings.Join([]string{
		`{"id":"a1","text":"Where is my parcel?"}`,
		`{"id":2,"text":"I will cancel my account"}`,
		`this is not json`,
		`{"id":"no-text"}`,
		``,
		`{"id":"last","text":"thanks, all sorted"}`,
	}, "\n")
	out, stderr, err := runCmd(t, in, "analyze", "--format", "jsonl")
	if err == nil {
		t.Fatal("want a failing exit status after malformed lines")
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 {
		t.Fatalf("%d output lines, want 3:\n%s", len(lines), out)
	}
	wantIDs := []string{`"a1"`, `2`, `"last"`}
	for i, l := range lines {
		var m map[string]json.RawMessage
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		if string(m["id"]) != wantIDs[i] {
			t.Errorf("line %d id %s, want %s (order must be kept)", i+1, m["id"], wantIDs[i])
		}
		for _, k := range []string{"sentiment", "emotions", "labels", "moods", "mood", "urgency", "frustration", "evidence", "urgency_kinds", "urgency_labels", "cues", "model"} {
			if _, ok := m[k]; !ok {
				t.Errorf("line %d lacks %q", i+1, k)
			}
		}
		var em map[string]float64
		if err := json.Unmarshal(m["emotions"], &em); err != nil || len(em) != 28 {
			t.Errorf("line %d emotions %s", i+1, m["emotions"])
		}
	}
	if !strings.Contains(stderr, "line 3") || !strings.Contains(stderr, `id "no-text"`) {
		t.Errorf("stderr should name line 3 and id no-text:\n%s", stderr)
	}
	if strings.Contains(lines[1], `"threat"`) == false {
		t.Errorf("the cancel line should carry a threat kind: %s", lines[1])
	}
}

func TestAnalyzeJSONLOversize(t *testing.T) {
	huge := `{"id":"big","text":"` + strings.Repeat("a", maxLine+10) + `"}`
	in := `{"id":"before","text":"hello"}` + "\n" + huge + "\n" + `{"id":"after","text":"bye"}` + "\n"
	out, stderr, err := runCmd(t, in, "analyze", "--format", "jsonl")
	if err == nil {
		t.Fatal("an oversize line must make the exit status non-zero")
	}
	if !strings.Contains(stderr, "line 2") || !strings.Contains(stderr, "longer than") {
		t.Errorf("stderr:\n%s", stderr)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 || !strings.Contains(lines[0], `"before"`) || !strings.Contains(lines[1], `"after"`) {
		t.Fatalf("output:\n%.300s", out)
	}
}

func TestAnalyzeJSONLLongLineWithinLimit(t *testing.T) {
	text := strings.Repeat("late again ", 50000) // 550 kB, over the reader's buffer
	in := `{"id":"long","text":"` + text + `"}` + "\n"
	out, stderr, err := runCmd(t, in, "analyze", "--format", "jsonl")
	if err != nil || !strings.Contains(out, `"id":"long"`) {
		t.Fatalf("err %v stderr %s", err, stderr)
	}
}

func TestEvalMissingData(t *testing.T) {
	_, _, err := runCmd(t, "", "eval", "--data", t.TempDir()+"/nowhere")
	if err == nil || !strings.Contains(err.Error(), "--data") || !strings.Contains(err.Error(), "no evaluation data") {
		t.Fatalf("err %v", err)
	}
}
