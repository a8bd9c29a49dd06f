package analysis_test

import (
	"testing"

	"github.com/attune-desk/attune/analysis"
)

// a typical support message of about thirty words, written for this benchmark
const typical = "Hi, I ordered a blender two weeks ago and it still hasn't arrived. The tracking page says delivered but nothing is here. Can you please check what happened? Thanks."

func BenchmarkAnalyze(b *testing.B) {
	e, err := analysis.New()
	if err != nil {
		b.Fatal(err)
	}
	e.Analyze(typical)
	b.ReportAllocs()
	b.SetBytes(int64(len(typical)))
	for b.Loop() {
		e.Analyze(typical)
	}
}

func BenchmarkNew(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := analysis.New(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkAnalyzeInto(b *testing.B) {
	e, err := analysis.New()
	if err != nil {
		b.Fatal(err)
	}
	var r analysis.Result
	e.AnalyzeInto(typical, &r)
	b.ReportAllocs()
	b.SetBytes(int64(len(typical)))
	for b.Loop() {
		e.AnalyzeInto(typical, &r)
	}
}
