package eval_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/attune-desk/attune/analysis"
	"github.com/attune-desk/attune/eval"
)

// coachDataDir finds ../shared/data/eval from the repository root, or from a worktree one
// level further down, or skips the test.
func coachDataDir(t *testing.T) string {
	t.Helper()
	for _, d := range []string{os.Getenv("ATTUNE_EVAL_DATA"), "../../shared/data/eval", "../../../shared/data/eval"} {
		if d == "" {
			continue
		}
		if _, err := os.Stat(filepath.Join(d, "epitome.tsv")); err == nil {
			return d
		}
	}
	t.Skip("the evaluation data (../shared/data/eval) is not here; set ATTUNE_EVAL_DATA to measure the coach")
	return ""
}

func TestCoachFigures(t *testing.T) {
	dir := coachDataDir(t)
	c, err := analysis.NewCoach()
	if err != nil {
		t.Fatal(err)
	}
	figs, err := eval.CoachFigures(dir, c, nil)
	if err != nil {
		t.Fatal(err)
	}
	// Floors a little under what the coach measures today: a change that loses accuracy
	// fails here. The goals themselves are in the figures.
	floors := map[string]float64{
		"EPITOME emotional reaction, macro-F1 (0/1/2)":            0.74,
		"EPITOME interpretation, macro-F1 (0/1/2)":                0.54,
		"EPITOME exploration, macro-F1 (0/1/2)":                   0.66,
		"politeness, Wikipedia requests (quartile accuracy)":      0.82,
		"politeness, Stack Exchange requests (quartile accuracy)": 0.63,
	}
	if len(figs) != len(floors) {
		t.Fatalf("got %d figures, want %d", len(figs), len(floors))
	}
	for _, f := range figs {
		floor, ok := floors[f.Name]
		if !ok {
			t.Errorf("unexpected figure %q", f.Name)
			continue
		}
		if f.Section != "coach" || f.N == 0 || f.Peer == "" || f.Goal == 0 {
			t.Errorf("%s: incomplete figure %+v", f.Name, f)
		}
		if f.Value < floor || f.Value > 1 {
			t.Errorf("%s = %.3f, want at least %.2f", f.Name, f.Value, floor)
		}
		t.Logf("%-58s n=%5d  %.3f  (goal %.2f; %s)", f.Name, f.N, f.Value, f.Goal, f.Peer)
	}
}

func TestCoachFiguresMissingData(t *testing.T) {
	c, err := analysis.NewCoach()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := eval.CoachFigures(t.TempDir(), c, nil); err == nil {
		t.Fatal("no error for a folder without the data")
	}
}

// TestCoachSplits prints each coach figure on odd and even rows and the confusion
// matrices (gold rows, predicted columns; politeness: 0 impolite, 1 polite), and holds
// the whole-set figures to CoachFigures'. With ATTUNE_COACH_DUMP set to a folder it also
// writes the misjudged items there (row, gold, predicted, politeness, strategies; every
// item with ATTUNE_COACH_DUMP_ALL=1), for reading the kinds of misses, never for the
// product:
//
//	ATTUNE_EVAL_DATA=../shared/data/eval go test ./eval -run CoachSplits -v
func TestCoachSplits(t *testing.T) {
	dir := coachDataDir(t)
	c, err := analysis.NewCoach()
	if err != nil {
		t.Fatal(err)
	}
	e, err := analysis.New()
	if err != nil {
		t.Fatal(err)
	}
	splits, err := eval.CoachSplits(dir, c, e)
	if err != nil {
		t.Fatal(err)
	}
	figs, err := eval.CoachFigures(dir, c, e)
	if err != nil {
		t.Fatal(err)
	}
	if len(splits) != len(figs) {
		t.Fatalf("%d splits, want %d", len(splits), len(figs))
	}
	for i, s := range splits {
		if d := s.Full - figs[i].Value; d > 1e-12 || d < -1e-12 {
			t.Errorf("%s: %.6f on the whole set, CoachFigures says %.6f (%s)", s.Name, s.Full, figs[i].Value, figs[i].Name)
		}
	}
	dump := os.Getenv("ATTUNE_COACH_DUMP")
	for _, s := range splits {
		t.Logf("%-20s full %.3f  odd %.3f  even %.3f", s.Name, s.Full, s.Odd, s.Even)
		if s.Full <= 0 || s.Full > 1 {
			t.Errorf("%s: figure %.3f", s.Name, s.Full)
		}
		var m [3][3]int
		for _, it := range s.Items {
			m[it.Gold][it.Pred]++
		}
		t.Logf("  gold\\pred %v", m)
		if dump != "" {
			var b strings.Builder
			for _, it := range s.Items {
				if it.Gold != it.Pred || os.Getenv("ATTUNE_COACH_DUMP_ALL") != "" {
					fmt.Fprintf(&b, "%d\t%d\t%d\t%.3f\t%s\n", it.Row, it.Gold, it.Pred, it.Score, it.Strategies)
				}
			}
			if err := os.WriteFile(filepath.Join(dump, strings.ReplaceAll(s.Name, " ", "_")+".tsv"), []byte(b.String()), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}
