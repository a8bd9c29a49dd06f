package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

func coachRun(t *testing.T, stdin string, env map[string]string, args ...string) (string, string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	getenv := func(k string) string { return env[k] }
	err := run(context.Background(), append([]string{"coach"}, args...), getenv, strings.NewReader(stdin), &out, &errOut)
	return out.String(), errOut.String(), err
}

func TestCoachTextMarksFlaggedPhrases(t *testing.T) {
	out, _, err := coachRun(t, "", nil,
		"--customer", "I was charged twice for my March invoice and nobody has replied.",
		"--reply", "You're wrong, you were only charged once. Calm down.",
		"--name", "Maria")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Score ", "You're wrong", "^^^^^^^^^^^^", "Phrases to change:", "(blame)", "(dismissal)", "Try: ", "Checklist:", "[ ] missing", "Reflect:", "your March invoice"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	// The carets sit under the flagged phrase.
	lines := strings.Split(out, "\n")
	for i, l := range lines {
		if strings.Contains(l, "You're wrong") && i+1 < len(lines) {
			col := strings.Index(l, "You're wrong")
			if len(lines[i+1]) < col || !strings.HasPrefix(lines[i+1][col:], "^^^^^^^^^^^^") {
				t.Errorf("carets not under the phrase:\n%s\n%s", l, lines[i+1])
			}
			break
		}
	}
}

func TestCoachFlagsFromEnvironment(t *testing.T) {
	out, _, err := coachRun(t, "", map[string]string{"ATTUNE_REPLY": "I've refunded the duplicate charge, Maria.", "ATTUNE_FORMAT": "json", "ATTUNE_NAME": "Maria"})
	if err != nil {
		t.Fatal(err)
	}
	var rep struct {
		Score      int `json:"score"`
		Dimensions []struct {
			Code, Status string
		} `json:"dimensions"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("not one JSON report: %v\n%s", err, out)
	}
	if len(rep.Dimensions) != 8 {
		t.Errorf("%d dimensions, want 8", len(rep.Dimensions))
	}
}

func TestCoachHelpAndUsageErrors(t *testing.T) {
	out, _, err := coachRun(t, "", nil, "--help")
	if err != nil || !strings.Contains(out, "attune coach --format jsonl") || !strings.Contains(out, "ATTUNE_REPLY") {
		t.Errorf("--help: err %v, output:\n%s", err, out)
	}
	for name, args := range map[string][]string{
		"no reply":         {"--customer", "hello"},
		"unknown format":   {"--reply", "hi", "--format", "xml"},
		"jsonl with reply": {"--format", "jsonl", "--reply", "hi"},
		"stray argument":   {"--reply", "hi", "extra"},
		"unknown flag":     {"--nope"},
	} {
		if _, _, err := coachRun(t, "", nil, args...); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestCoachJSONLKeepsOrderAndReportsBadLines(t *testing.T) {
	in := strings.Join([]string{
		`{"id":"a","customer":"My parcel has not arrived.","reply":"I'm sorry it hasn't arrived. I've asked the courier and I'll update you by 3pm today."}`,
		`{"id":"b","customer": "oops"`,
		`{"id":7,"customer":"no reply here"}`,
		``,
		`{"id":"c","reply":"Calm down.","customer_name":"Ana"}`,
		`{"id":"d","customer":"x","reply":42}`,
		`{"id":"e","customer":"\u00ff\u00fe","reply":"✓✓✓ 😀"}`,
	}, "\n")
	out, errOut, err := coachRun(t, in, nil, "--format", "jsonl")
	if err == nil {
		t.Fatal("no error after bad lines")
	}
	if exitCode(err) == 0 || !errors.Is(err, errSilent) {
		t.Errorf("err = %v, want a silent failure", err)
	}
	var ids []string
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var rep map[string]json.RawMessage
		if err := json.Unmarshal([]byte(l), &rep); err != nil {
			t.Fatalf("bad output line %q: %v", l, err)
		}
		for _, k := range []string{"id", "score", "mechanisms", "politeness", "dimensions", "flags", "suggestions"} {
			if _, ok := rep[k]; !ok {
				t.Errorf("output line lacks %q: %s", k, l)
			}
		}
		ids = append(ids, string(rep["id"]))
	}
	if got := strings.Join(ids, ","); got != `"a","c","e"` {
		t.Errorf("ids out = %s, want \"a\",\"c\",\"e\"", got)
	}
	for _, want := range []string{"line 2", `line 3 (id 7): no "reply"`, `line 6 (id "d")`, "3 line(s) could not be read"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
}

func TestCoachJSONLOversizeLine(t *testing.T) {
	big := `{"id":"big","reply":"` + strings.Repeat("a", coachMaxLine+10) + `"}`
	in := `{"id":"1","reply":"Thanks, I've sent the form."}` + "\n" + big + "\n" + `{"id":"2","reply":"I'll call you at 4pm."}`
	out, errOut, err := coachRun(t, in, nil, "--format", "jsonl")
	if err == nil {
		t.Fatal("no error for an oversize line")
	}
	if !strings.Contains(errOut, "line 2") || !strings.Contains(errOut, "longer than") {
		t.Errorf("stderr:\n%s", errOut)
	}
	if n := strings.Count(out, "\n"); n != 2 || !strings.Contains(out, `"id":"1"`) || !strings.Contains(out, `"id":"2"`) {
		t.Errorf("want the two good lines out, got %d:\n%.300s", n, out)
	}
}

func TestCoachJSONLCleanRunSucceeds(t *testing.T) {
	in := `{"id":1,"customer":"Where is my order?","reply":"I've checked: it arrives tomorrow."}` + "\r\n" + `{"id":2,"customer":"","reply":""}` + "\n"
	out, errOut, err := coachRun(t, in, nil, "--format", "jsonl")
	if err != nil || errOut != "" {
		t.Fatalf("err %v, stderr %q", err, errOut)
	}
	if strings.Count(out, "\n") != 2 {
		t.Errorf("want 2 lines:\n%s", out)
	}
}

func TestCoachIsACommand(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), nil, func(string) string { return "" }, strings.NewReader(""), &out, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "coach") {
		t.Errorf("usage does not list coach:\n%s", out.String())
	}
}
