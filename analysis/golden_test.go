package analysis_test

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/attune-desk/attune/analysis"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestGolden reads support messages written for this project and checks the moods and
// urgency kinds a person would expect, then compares the full reading with
// testdata/messages.golden (go test ./analysis -run TestGolden -update rewrites it).
func TestGolden(t *testing.T) {
	f, err := os.Open("testdata/messages.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out strings.Builder
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		parts := strings.SplitN(line, "|", 4)
		if len(parts) != 4 {
			t.Fatalf("bad line %q", line)
		}
		name, moods, kinds, text := parts[0], strings.Split(parts[1], ","), parts[2], parts[3]
		r := engine.Analyze(text)
		checkResult(t, text, r)
		t.Run(name, func(t *testing.T) {
			if !slices.Contains(moods, r.Mood.String()) {
				t.Errorf("mood %s, want one of %v (moods %.2f)", r.Mood, moods, r.Moods)
			}
			if kinds != "-" {
				for _, k := range strings.Split(kinds, ",") {
					if !slices.Contains(r.UrgencyKinds.Names(), k) {
						t.Errorf("urgency kinds %v, want %s", r.UrgencyKinds.Names(), k)
					}
				}
			}
		})
		fmt.Fprintf(&out, "== %s\n%s\n", name, summary(r))
	}
	got := out.String()
	const path = "testdata/messages.golden"
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("readings differ from %s; if the change is intended, run go test ./analysis -run TestGolden -update and review the diff\n%s", path, firstDiff(string(want), got))
	}
}

func summary(r analysis.Result) string {
	var b strings.Builder
	fmt.Fprintf(&b, "sentiment %+.2f  mood %s  frustration %.1f  urgency %.2f\n", r.Sentiment, r.Mood, r.Frustration, r.Urgency)
	fmt.Fprintf(&b, "labels %s\n", strings.Join(r.Labels.Names(), ","))
	for k := analysis.UrgencyKind(0); k < analysis.NumKinds; k++ {
		if r.UrgencyKinds.Has(k) {
			fmt.Fprintf(&b, "urgency %s: %s\n", k, r.UrgencyLabels[k])
		}
	}
	if c := r.Cues.Names(); len(c) > 0 {
		fmt.Fprintf(&b, "cues %s\n", strings.Join(c, ","))
	}
	for _, ev := range r.Evidence {
		fmt.Fprintf(&b, "  %-18s %q [%d:%d] %s %+.2f\n", ev.Figure, ev.Text(r.Text), ev.Start, ev.End, ev.Rule, ev.Weight)
	}
	return b.String()
}

func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) && i < len(bl); i++ {
		if al[i] != bl[i] {
			return fmt.Sprintf("line %d:\n  want %s\n  got  %s", i+1, al[i], bl[i])
		}
	}
	return fmt.Sprintf("lengths differ: want %d lines, got %d", len(al), len(bl))
}
