// Package vaderbench compares the emotion engine with govader, the Go port of VADER, on
// the same message. govader is a test-only dependency: nothing in Attune imports it.
package vaderbench_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"testing"

	"github.com/attune-desk/attune/analysis"
	"github.com/jonreiter/govader"
)

// written for this benchmark; the same text as analysis.BenchmarkAnalyze
const typical = "Hi, I ordered a blender two weeks ago and it still hasn't arrived. The tracking page says delivered but nothing is here. Can you please check what happened? Thanks."

func BenchmarkGovaderSentiment(b *testing.B) {
	sia := govader.NewSentimentIntensityAnalyzer()
	b.ReportAllocs()
	for b.Loop() {
		sia.PolarityScores(typical)
	}
}

func BenchmarkAttuneAnalyze(b *testing.B) {
	e, err := analysis.New()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		e.Analyze(typical)
	}
}

func TestSameDirection(t *testing.T) {
	sia := govader.NewSentimentIntensityAnalyzer()
	e, err := analysis.New()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"I love this, thank you!", "This is terrible and I am angry."} {
		v, a := sia.PolarityScores(s).Compound, e.Analyze(s).Sentiment
		if v*a <= 0 {
			t.Errorf("%q: govader %.2f, attune %.2f disagree in sign", s, v, a)
		}
	}
}

// TestJSONLProgram is the govader side of the whole-process comparison in
// scripts/bench-analyze.sh: with VADERBENCH_JSONL=1 it reads {"id","text"} lines on
// standard input and writes {"id","sentiment"} lines, as attune analyze --format jsonl
// does with its full analysis. Without the variable it does nothing.
func TestJSONLProgram(t *testing.T) {
	if os.Getenv("VADERBENCH_JSONL") != "1" {
		t.Skip("set VADERBENCH_JSONL=1 to run as the govader jsonl program")
	}
	sia := govader.NewSentimentIntensityAnalyzer()
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<20)
	out := bufio.NewWriterSize(os.Stdout, 256<<10)
	defer out.Flush()
	enc := json.NewEncoder(out)
	for in.Scan() {
		var rec struct {
			ID   json.RawMessage `json:"id"`
			Text string          `json:"text"`
		}
		if err := json.Unmarshal(in.Bytes(), &rec); err != nil {
			fmt.Fprintln(os.Stderr, err)
			continue
		}
		enc.Encode(struct {
			ID        json.RawMessage `json:"id"`
			Sentiment float64         `json:"sentiment"`
		}{rec.ID, sia.PolarityScores(rec.Text).Compound})
	}
}
