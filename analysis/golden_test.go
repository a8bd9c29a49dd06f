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
// urgency kinds a person would expect, then compares the full reading with the golden file
// beside each list (go test ./analysis -run TestGolden -update rewrites them):
// testdata/messages.txt, the first messages, and testdata/support.txt, a wider corpus of
// support-desk language (billing, delivery, outages, bereavement, sarcasm, polite chasing,
// capitals, emoji, typos, non-native English …).
func TestGolden(t *testing.T) {
	for _, name := range []string{"messages", "support"} {
		t.Run(name, func(t *testing.T) { testGolden(t, "testdata/"+name+".txt", "testdata/"+name+".golden") })
	}
}

// goldenMessage is one line of a golden list: name|moods|kinds|text. Any of the moods may
// be the dominant one; each kind must be present, or absent when written "!kind" ("-": no
// kind is required).
type goldenMessage struct {
	name, text    string
	moods         []string
	kinds, absent []string
}

func readGolden(t testing.TB, path string) []goldenMessage {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []goldenMessage
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		parts := strings.SplitN(line, "|", 4)
		if len(parts) != 4 {
			t.Fatalf("%s: bad line %q", path, line)
		}
		m := goldenMessage{name: parts[0], moods: strings.Split(parts[1], ","), text: parts[3]}
		if parts[2] != "-" {
			for _, k := range strings.Split(parts[2], ",") {
				if a, ok := strings.CutPrefix(k, "!"); ok {
					m.absent = append(m.absent, a)
				} else {
					m.kinds = append(m.kinds, k)
				}
			}
		}
		out = append(out, m)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func testGolden(t *testing.T, list, path string) {
	var out strings.Builder
	for _, m := range readGolden(t, list) {
		r := engine.Analyze(m.text)
		checkResult(t, m.text, r)
		t.Run(m.name, func(t *testing.T) {
			if !slices.Contains(m.moods, r.Mood.String()) {
				t.Errorf("mood %s, want one of %v (moods %.2f)", r.Mood, m.moods, r.Moods)
			}
			for _, k := range m.kinds {
				if !slices.Contains(r.UrgencyKinds.Names(), k) {
					t.Errorf("urgency kinds %v, want %s", r.UrgencyKinds.Names(), k)
				}
			}
			for _, k := range m.absent {
				if slices.Contains(r.UrgencyKinds.Names(), k) {
					t.Errorf("urgency kinds %v, want no %s (%s)", r.UrgencyKinds.Names(), k, r.UrgencyLabels[kindIndex(k)])
				}
			}
		})
		fmt.Fprintf(&out, "== %s\n%s\n", m.name, summary(r))
	}
	got := out.String()
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

func kindIndex(name string) analysis.UrgencyKind {
	for k := analysis.UrgencyKind(0); k < analysis.NumKinds; k++ {
		if k.String() == name {
			return k
		}
	}
	return 0
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
