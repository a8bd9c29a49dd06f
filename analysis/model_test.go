package analysis

import (
	"slices"
	"testing"
)

// The weight file keeps the optional per-word prefixes, reads files without them, and
// refuses a cut-off prefix section.
func TestWeightFilePrefixes(t *testing.T) {
	w := &Weights{
		Outputs:    labelNames[:],
		Keys:       []uint64{11, 22, 33},
		Unigram:    []bool{true, true, false},
		W:          make([][]float32, 3),
		Bias:       make([]float32, NumLabels),
		Thresholds: make([]float32, NumLabels),
		Note:       "test",
	}
	for i := range w.W {
		w.W[i] = make([]float32, NumLabels)
		w.W[i][i] = float32(i) + 0.5
	}
	plain, err := w.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	m, err := readModel(plain)
	if err != nil || m.prefix != nil || len(m.keys) != 3 {
		t.Fatalf("without prefixes: %v, prefix %v", err, m.prefix)
	}
	w.Prefix = []uint64{prefixNoneKey, 0xfeedface, 0}
	withPrefix, err := w.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	m, err = readModel(withPrefix)
	if err != nil || !slices.Equal(m.prefix, w.Prefix) {
		t.Fatalf("with prefixes: %v, prefix %v", err, m.prefix)
	}
	if _, err := readModel(withPrefix[:len(withPrefix)-3]); err == nil {
		t.Fatal("a cut-off prefix section reads without error")
	}
	w.Prefix = w.Prefix[:2]
	if _, err := w.MarshalBinary(); err == nil {
		t.Fatal("prefixes for fewer rows than keys are written")
	}
}
