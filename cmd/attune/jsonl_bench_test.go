package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/attune-desk/attune/analysis"
)

// BenchmarkAnalyzeJSONL is the per-line cost of analyze --format jsonl: parse, analyse,
// write.
func BenchmarkAnalyzeJSONL(b *testing.B) {
	e, err := analysis.New()
	if err != nil {
		b.Fatal(err)
	}
	var in strings.Builder
	const lines = 1000
	for i := 0; i < lines; i++ {
		fmt.Fprintf(&in, `{"id":%d,"text":"Hi, I ordered a blender two weeks ago and it still hasn't arrived. The tracking page says delivered but nothing is here. Can you please check?"}`+"\n", i)
	}
	src := in.String()
	b.ReportAllocs()
	for b.Loop() {
		if err := analyzeJSONL(context.Background(), e, strings.NewReader(src), io.Discard, &bytes.Buffer{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*lines), "ns/line")
}
