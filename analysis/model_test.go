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

// The stacked layer survives the weight file and adds relu(A·z + c)·V + d to the outputs
// from First on, leaving the others alone.
func TestWeightFileStack(t *testing.T) {
	w := &Weights{
		Outputs:    labelNames[:],
		Keys:       []uint64{11},
		Unigram:    []bool{true},
		W:          [][]float32{make([]float32, NumLabels)},
		Bias:       make([]float32, NumLabels),
		Thresholds: make([]float32, NumLabels),
		Stack: &StackWeights{
			First: NumLabels - 3,
			A:     [][]float32{make([]float32, NumLabels), make([]float32, NumLabels)},
			C:     []float32{0.5, -1},
			V:     [][]float32{{1, 2}, {3, 4}, {5, 6}},
			D:     []float32{0.25, 0, -0.25},
		},
	}
	w.Stack.A[0][0], w.Stack.A[0][1] = 1, -2
	w.Stack.A[1][2] = 3
	b, err := w.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	m, err := readModel(b)
	if err != nil || m.stack == nil {
		t.Fatalf("stacked layer: %v", err)
	}
	var z [maxOutputs]float32
	z[0], z[1], z[2], z[NumLabels-1] = 2, 0.5, 1, 7
	want := z
	h0 := max(0.5+1*2-2*0.5, 0) // 1.5
	h1 := max(-1+3*1.0, 0)      // 2
	for o, v := range w.Stack.V {
		want[NumLabels-3+o] += w.Stack.D[o] + float32(float64(v[0])*h0+float64(v[1])*h1)
	}
	m.stack.apply(&z, m.nOut)
	if z != want {
		t.Fatalf("apply gives %v, want %v", z[:NumLabels], want[:NumLabels])
	}
	if _, err := readModel(b[:len(b)-2]); err == nil {
		t.Fatal("a cut-off stacked layer reads without error")
	}
}
