package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/attune-desk/attune/analysis"
	"github.com/attune-desk/attune/eval"
)

// evalSource is one section attune eval measures: a name for errors and a function from
// the data folder to its figures.
type evalSource struct {
	name    string
	figures func(dataDir string) ([]eval.Figure, error)
}

// evalSources are the sections attune eval measures, in order. To add one, append a line.
func evalSources() []evalSource {
	return []evalSource{
		{"emotion engine", func(dataDir string) ([]eval.Figure, error) {
			e, err := analysis.New()
			if err != nil {
				return nil, err
			}
			return eval.EngineFigures(dataDir, e)
		}},
		{"empathy coach", coachEvalFigures},
	}
}

func runEval(ctx context.Context, e env, args []string) error {
	fs := newFlags("eval", `Usage: attune eval [--data DIR] [--json]

Measures Attune's analysis against people's judgements on the human-labelled sets in the
data folder (the development halves) and prints each figure beside its peer and goal.`)
	dataDir := fs.String("data", "../shared/data/eval", "the folder that holds vader_tweets.tsv, goemotions/ and the other sets")
	asJSON := fs.Bool("json", false, "print the figures as JSON")
	if err := fs.parse(e, args); err != nil {
		return err
	}
	var figs []eval.Figure
	for _, s := range evalSources() {
		f, err := s.figures(*dataDir)
		if errors.Is(err, eval.ErrNoData) {
			return fmt.Errorf("no evaluation data for the %s: %v. Pass --data (or set ATTUNE_DATA) with the folder that holds vader_tweets.tsv and goemotions/, usually ../shared/data/eval", s.name, err)
		}
		if err != nil {
			return fmt.Errorf("measuring the %s: %w", s.name, err)
		}
		figs = append(figs, f...)
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(figs)
	}
	return eval.WriteTable(e.stdout, figs)
}
