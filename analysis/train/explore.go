package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/attune-desk/attune/analysis"
	"github.com/attune-desk/attune/eval"
)

// exploreDecisions prints macro-F1 of other decision rules for the group heads: the head's
// probabilities mixed with the 28-label probabilities summed per group, with thresholds
// tuned on dev (all of it; one half scored on the other; and on the set-aside texts).
func exploreDecisions(heads []*head) {
	base := heads[0]
	for _, g := range heads[1:] {
		k := len(g.names)
		mix := func(P [][]float64, B [][]float64, beta float64) [][]float64 {
			out := make([][]float64, len(P))
			for i := range P {
				out[i] = make([]float64, k)
				for o := 0; o < k; o++ {
					s := 0.0
					for l := 0; l < analysis.NumLabels; l++ {
						if g.m[l]&(1<<o) != 0 {
							s += B[i][l]
						}
					}
					out[i][o] = (1-beta)*P[i][o] + beta*s
				}
			}
			return out
		}
		for _, beta := range []float64{0, 0.25, 0.5, 0.75, 1} {
			dp := mix(g.devP, base.devP, beta)
			all, even, odd := idxs(len(dp))
			thr := tune(dp, g.devG, all)
			cv := (macroF1(dp, g.devG, odd, tune(dp, g.devG, even)) + macroF1(dp, g.devG, even, tune(dp, g.devG, odd))) / 2
			held := 0.0
			if len(g.heldP) > 0 {
				hp := mix(g.heldP, base.heldP, beta)
				hi, _, _ := idxs(len(hp))
				held = macroF1(hp, g.heldG, hi, thr)
			}
			fmt.Fprintf(os.Stderr, "explore %s beta %.2f: dev %.3f  cv %.3f  held %.3f\n", g.prefix, beta, macroF1(dp, g.devG, all, thr), cv, held)
		}
	}
}

func idxs(n int) (all, even, odd []int) {
	for i := 0; i < n; i++ {
		all = append(all, i)
		if i%2 == 0 {
			even = append(even, i)
		} else {
			odd = append(odd, i)
		}
	}
	return
}

// tuneJoint starts from tune's per-output thresholds and then raises or lowers one
// output's threshold at a time (coordinate ascent over the grid) while the macro-F1 of the
// whole decision rule (with its fallback) improves: the thresholds interact through the
// fallback, which tune ignores.
func tuneJoint(probs [][]float64, gold []uint32, idx []int) []float64 {
	thr := tune(probs, gold, idx)
	best := macroF1(probs, gold, idx, thr)
	for pass := 0; pass < 3; pass++ {
		improved := false
		for o := range thr {
			cur := thr[o]
			for _, t := range thresholdGrid {
				thr[o] = t
				if f := macroF1(probs, gold, idx, thr); f > best+1e-9 {
					best, cur, improved = f, t, true
				}
			}
			thr[o] = cur
		}
		if !improved {
			break
		}
	}
	return thr
}

func exploreJoint(heads []*head) {
	for _, g := range heads {
		dp := g.devP
		all, even, odd := idxs(len(dp))
		thr := tuneJoint(dp, g.devG, all)
		cv := (macroF1(dp, g.devG, odd, tuneJoint(dp, g.devG, even)) + macroF1(dp, g.devG, even, tuneJoint(dp, g.devG, odd))) / 2
		held := 0.0
		if len(g.heldP) > 0 {
			hi, _, _ := idxs(len(g.heldP))
			held = macroF1(g.heldP, g.heldG, hi, thr)
		}
		fmt.Fprintf(os.Stderr, "explore joint thresholds %q: dev %.3f  cv %.3f  held %.3f\n", g.prefix, macroF1(dp, g.devG, all, thr), cv, held)
	}
}

// exploreTopK scores a rank rule: the top output always, and the second when its
// probability is at least ratio times the top's, ratio tuned on dev (all; halves).
func exploreTopK(heads []*head) {
	rule := func(P [][]float64, ratio float64) []uint32 {
		out := make([]uint32, len(P))
		for i, p := range P {
			a, b := 0, -1
			for o := range p {
				if p[o] > p[a] {
					a = o
				}
			}
			for o := range p {
				if o != a && (b < 0 || p[o] > p[b]) {
					b = o
				}
			}
			out[i] = 1 << a
			if b >= 0 && p[b] >= ratio*p[a] {
				out[i] |= 1 << b
			}
		}
		return out
	}
	score := func(pred, gold []uint32, idx []int, k int) float64 {
		tp, fp, fn := make([]int, k), make([]int, k), make([]int, k)
		for _, i := range idx {
			for o := 0; o < k; o++ {
				pk, gk := pred[i]&(1<<o) != 0, gold[i]&(1<<o) != 0
				switch {
				case pk && gk:
					tp[o]++
				case pk:
					fp[o]++
				case gk:
					fn[o]++
				}
			}
		}
		s := 0.0
		for o := 0; o < k; o++ {
			s += f1(tp[o], fp[o], fn[o])
		}
		return s / float64(k)
	}
	for _, g := range heads[1:] {
		k := len(g.names)
		all, even, odd := idxs(len(g.devP))
		best := func(idx []int) float64 {
			br, bf := 1.0, -1.0
			for r := 0.05; r <= 1.0; r += 0.05 {
				if f := score(rule(g.devP, r), g.devG, idx, k); f > bf {
					br, bf = r, f
				}
			}
			return br
		}
		r := best(all)
		cv := (score(rule(g.devP, best(even)), g.devG, odd, k) + score(rule(g.devP, best(odd)), g.devG, even, k)) / 2
		hi, _, _ := idxs(len(g.heldP))
		fmt.Fprintf(os.Stderr, "explore top-2 rule %q: ratio %.2f dev %.3f  cv %.3f  held %.3f\n", g.prefix, r, score(rule(g.devP, r), g.devG, all, k), cv, score(rule(g.heldP, r), g.heldG, hi, k))
	}
}

// exploreNBMix prints each head's figures with naive-Bayes weights mixed in (see nbMix).
func exploreNBMix(h *head, train, dev, held []doc, nFeat, k int) {
	set := func(d *doc) uint32 { return eval.MapLabels(d.labels, h.m) }
	for _, a := range []float64{0.1, 1} {
		vw, vb := nbWeights(train, nFeat, k, set, a)
		for _, gs := range strings.Split(nbMix, ",") {
			g, err := strconv.ParseFloat(gs, 64)
			if err != nil {
				continue
			}
			w := make([]float32, len(h.w))
			for j := range w {
				w[j] = h.w[j] + float32(g)*vw[j]
			}
			b := make([]float32, k)
			for j := range b {
				b[j] = h.b[j] + float32(g)*vb[j]
			}
			score := func(docs []doc) ([][]float64, []uint32) {
				P := make([][]float64, len(docs))
				G := make([]uint32, len(docs))
				for i := range docs {
					P[i] = make([]float64, k)
					softmaxProbs(&docs[i], w, b, k, P[i])
					G[i] = set(&docs[i])
				}
				return P, G
			}
			dp, dg := score(dev)
			all, even, odd := idxs(len(dp))
			thr := tune(dp, dg, all)
			cv := (macroF1(dp, dg, odd, tune(dp, dg, even)) + macroF1(dp, dg, even, tune(dp, dg, odd))) / 2
			hf := 0.0
			if len(held) > 0 {
				hp, hg := score(held)
				hi, _, _ := idxs(len(hp))
				hf = macroF1(hp, hg, hi, thr)
			}
			fmt.Fprintf(os.Stderr, "explore NB mix %q alpha %g gamma %g: dev %.3f  cv %.3f  held %.3f\n", h.prefix, a, g, macroF1(dp, dg, all, thr), cv, hf)
		}
	}
}
