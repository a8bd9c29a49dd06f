package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/attune-desk/attune/eval"
)

// evalData is the shared evaluation folder, or "" when it is not beside the repository.
func evalData() string {
	for _, d := range []string{os.Getenv("ATTUNE_DATA"), "../../../shared/data/eval"} {
		if d == "" {
			continue
		}
		if _, err := os.Stat(filepath.Join(d, "vader_tweets.tsv")); err == nil {
			return d
		}
	}
	return ""
}

func TestEvalJSON(t *testing.T) {
	d := evalData()
	if d == "" {
		t.Skip("no evaluation data at ../shared/data/eval (set ATTUNE_DATA to run this test)")
	}
	if testing.Short() {
		t.Skip("reads every dev set; skipped with -short")
	}
	out, _, err := runCmd(t, "", "eval", "--data", d, "--json")
	if err != nil {
		t.Fatal(err)
	}
	var figs []eval.Figure
	if err := json.Unmarshal([]byte(out), &figs); err != nil {
		t.Fatal(err)
	}
	if len(figs) < 8 {
		t.Fatalf("%d figures", len(figs))
	}
	for _, f := range figs {
		if f.N == 0 || f.Peer == "" || f.Goal == 0 {
			t.Errorf("figure %+v lacks data, peer or goal", f)
		}
	}
}
