package main

import (
	"fmt"
	"math"
	"os"
)

// ordSmooth (explore only) gives the sentiment-4 targets an ordinal shape: a share of each
// group's target moves to its neighbours on the valence line, positive and negative
// toward neutral and ambiguous, neutral and ambiguous toward each other.
var ordSmooth float64

// ordNeighbours, in the order positive, negative, ambiguous, neutral.
var ordNeighbours = [4][]int{{2, 3}, {2, 3}, {3}, {2}}

func ordinalSmooth(y []float32) {
	var out [4]float32
	e := float32(ordSmooth)
	for o := 0; o < 4; o++ {
		out[o] += (1 - e) * y[o]
		for _, n := range ordNeighbours[o] {
			out[n] += e * y[o] / float32(len(ordNeighbours[o]))
		}
	}
	copy(y, out[:])
}

// exploreMixed scores a rule for sentiment-4 that reads 'ambiguous' as mixed evidence:
// the ambiguous output gains c·√(p(positive)·p(negative)) before the thresholds.
func exploreMixed(heads []*head) {
	g := heads[2]
	for _, c := range []float64{0, 0.1, 0.25, 0.5, 1} {
		mix := func(P [][]float64) [][]float64 {
			out := make([][]float64, len(P))
			for i, p := range P {
				q := append([]float64(nil), p...)
				q[2] += c * math.Sqrt(p[0]*p[1])
				out[i] = q
			}
			return out
		}
		dp := mix(g.devP)
		all, even, odd := idxs(len(dp))
		thr := tune(dp, g.devG, all)
		cv := (macroF1(dp, g.devG, odd, tune(dp, g.devG, even)) + macroF1(dp, g.devG, even, tune(dp, g.devG, odd))) / 2
		held := 0.0
		if len(g.heldP) > 0 {
			hp := mix(g.heldP)
			hi, _, _ := idxs(len(hp))
			held = macroF1(hp, g.heldG, hi, thr)
		}
		fmt.Fprintf(os.Stderr, "explore mixed-evidence ambiguous c %.2f: dev %.3f  cv %.3f  held %.3f\n", c, macroF1(dp, g.devG, all, thr), cv, held)
	}
}
