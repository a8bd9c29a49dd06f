package eval_test

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/attune-desk/attune/analysis"
	"github.com/attune-desk/attune/eval"
)

func TestStats(t *testing.T) {
	x := []float64{1, 2, 3, 4, 5}
	if r := eval.Pearson(x, []float64{2, 4, 6, 8, 10}); math.Abs(r-1) > 1e-12 {
		t.Fatalf("pearson %v", r)
	}
	if r := eval.Pearson(x, []float64{5, 4, 3, 2, 1}); math.Abs(r+1) > 1e-12 {
		t.Fatalf("pearson %v", r)
	}
	if r := eval.Spearman(x, []float64{1, 4, 9, 16, 100}); math.Abs(r-1) > 1e-12 {
		t.Fatalf("spearman of a monotone map %v", r)
	}
	// ties share their average rank
	if r := eval.Spearman([]float64{1, 1, 2, 3}, []float64{1, 2, 3, 4}); math.Abs(r-0.9486832980505138) > 1e-9 {
		t.Fatalf("spearman with ties %v", r)
	}
	if r := eval.Pearson([]float64{1, 1}, []float64{1, 2}); !math.IsNaN(r) {
		t.Fatalf("constant input gives %v, want NaN", r)
	}
	pred := []uint32{0b01, 0b10, 0b11}
	gold := []uint32{0b01, 0b01, 0b10}
	// class 0: tp1 fp1 fn1 → 0.5; class 1: tp1 fp1 fn0 → 2/3
	if f := eval.MacroF1(pred, gold, 2); math.Abs(f-(0.5+2.0/3)/2) > 1e-12 {
		t.Fatalf("macro-F1 %v", f)
	}
}

func dataDir(t *testing.T) string {
	for _, d := range []string{os.Getenv("ATTUNE_DATA"), "../../shared/data/eval"} {
		if d == "" {
			continue
		}
		if _, err := os.Stat(filepath.Join(d, "vader_tweets.tsv")); err == nil {
			return d
		}
	}
	t.Skip("no evaluation data at ../../shared/data/eval (set ATTUNE_DATA to run this test)")
	return ""
}

func TestEngineFigures(t *testing.T) {
	d := dataDir(t)
	e, err := analysis.New()
	if err != nil {
		t.Fatal(err)
	}
	figs, err := eval.EngineFigures(d, e)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{"sentiment": false, "emotions": false, "frustration": false, "urgency": false}
	for _, f := range figs {
		want[f.Section] = true
		if f.N < 100 || math.IsNaN(f.Value) || f.Peer == "" || f.Goal <= 0 {
			t.Errorf("figure %+v", f)
		}
		// every figure must at least beat chance clearly: a regression guard, not the goal
		if f.Value < 0.3 {
			t.Errorf("%s: %.3f is far below anything sensible", f.Name, f.Value)
		}
	}
	for s, ok := range want {
		if !ok {
			t.Errorf("no %s figure", s)
		}
	}
}

func TestMissingData(t *testing.T) {
	e, err := analysis.New()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := eval.EngineFigures(filepath.Join(t.TempDir(), "nothing"), e); !errors.Is(err, eval.ErrNoData) {
		t.Fatalf("err %v, want ErrNoData", err)
	}
	if _, err := eval.EngineFigures(t.TempDir(), e); !errors.Is(err, eval.ErrNoData) {
		t.Fatalf("empty folder: err %v, want ErrNoData", err)
	}
}
