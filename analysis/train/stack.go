package main

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"

	"github.com/attune-desk/attune/analysis"
	"github.com/attune-desk/attune/eval"
)

// A hidden layer over the summed rows: the three heads' logits (what the engine already
// has once it has summed a text's rows) feed relu(A·z + c), of stackHidden units, whose
// output is added to the logits of the Ekman and sentiment-4 heads (the 28-label head
// stays linear). It is fitted on out-of-fold logits of train.tsv (stackFolds linear
// models, each trained without one fold, so the layer learns from scores like those of
// texts the model has not seen), with early stopping on every tenth training text, and
// applied to the full model's logits.
var (
	stackHidden int
	stackFolds  int
	stackL2     float64
	stackEpochs int
	stackReps   int    // layers fitted from different starts and averaged (one layer of stackReps·stackHidden units)
	stackTry    string // explore: other layers to fit on the same out-of-fold scores
	// stackTrySeeds: each -stacktry layer is fitted from this many starts
	stackTrySeeds int
)

// logits is the linear head's scores for a document (before the softmax).
func logits(d *doc, w, b []float32, k int, out []float64) {
	for o := range out[:k] {
		out[o] = 0
	}
	for _, r := range d.rows {
		row := w[int(r)*k : int(r)*k+k]
		for o := 0; o < k; o++ {
			out[o] += float64(row[o])
		}
	}
	for o := 0; o < k; o++ {
		out[o] = out[o]*float64(d.scale) + float64(b[o])
	}
}

type stacker struct {
	H, K   int
	in     int         // inputs: the K scores, then any -sentpool figures (K when off)
	oof    [][]float64 // the out-of-fold scores it was fitted on (not exported)
	first  int         // the first output the layer adds to (the Ekman head's)
	ks     []int       // outputs per head
	off    []int       // each head's first output
	A, c   []float64   // H×K, H (over standardised inputs)
	V, d   []float64   // (K−first)×H, K−first
	mu, sd []float64   // the inputs' mean and deviation on the out-of-fold logits
}

// forward fills out with each stacked head's softmax (outputs from first on).
func (s *stacker) forward(z []float64, hid, pre, out []float64) {
	for j := 0; j < s.H; j++ {
		a := s.c[j]
		for o := 0; o < s.in; o++ {
			a += s.A[j*s.in+o] * (z[o] - s.mu[o]) / s.sd[o]
		}
		pre[j] = a
		hid[j] = max(a, 0)
	}
	for hd, k := range s.ks {
		o0 := s.off[hd]
		if o0 < s.first {
			continue
		}
		mx := -1e300
		for o := o0; o < o0+k; o++ {
			v := z[o] + s.d[o-s.first]
			for j := 0; j < s.H; j++ {
				v += s.V[(o-s.first)*s.H+j] * hid[j]
			}
			out[o] = v
			mx = max(mx, v)
		}
		sum := 0.0
		for o := o0; o < o0+k; o++ {
			out[o] = math.Exp(out[o] - mx)
			sum += out[o]
		}
		for o := o0; o < o0+k; o++ {
			out[o] /= sum
		}
	}
}

// export folds the standardisation into A and c, for the engine's raw scores.
func (s *stacker) export() *analysis.StackWeights {
	w := &analysis.StackWeights{First: s.first}
	for j := 0; j < s.H; j++ {
		row := make([]float32, s.in)
		c := s.c[j]
		for o := 0; o < s.in; o++ {
			a := s.A[j*s.in+o] / s.sd[o]
			row[o] = float32(a)
			c -= a * s.mu[o]
		}
		w.A = append(w.A, row)
		w.C = append(w.C, float32(c))
	}
	for o := s.first; o < s.K; o++ {
		v := make([]float32, s.H)
		for j := range v {
			v[j] = float32(s.V[(o-s.first)*s.H+j])
		}
		w.V = append(w.V, v)
		w.D = append(w.D, float32(s.d[o-s.first]))
	}
	return w
}

// fullLogits is every head's logits for each document, from the full model.
func fullLogits(docs []doc, heads []*head) [][]float64 {
	K := 0
	for _, h := range heads {
		K += len(h.names)
	}
	out := make([][]float64, len(docs))
	for i := range docs {
		out[i] = make([]float64, K)
		o := 0
		for _, h := range heads {
			logits(&docs[i], h.w, h.b, len(h.names), out[i][o:])
			o += len(h.names)
		}
	}
	return out
}

// fullInputs is fullLogits with the -sentpool figures of each document's sentences
// (sents[i], nil for a text of one sentence) appended, from the full model.
func fullInputs(docs []doc, sents [][]doc, heads []*head) [][]float64 {
	z := fullLogits(docs, heads)
	if sentPool == "" {
		return z
	}
	var ws, bs [][]float32
	for _, h := range heads {
		ws, bs = append(ws, h.w), append(bs, h.b)
	}
	for i := range z {
		z[i] = poolInputs(z[i], sents[i], heads, ws, bs)
	}
	return z
}

// trainStack fits the fold models and the stacked layer.
func trainStack(trainDocs []doc, heads []*head, fit func(h *head, docs []doc) ([]float32, []float32)) *stacker {
	s := &stacker{H: stackHidden}
	for _, h := range heads {
		s.off = append(s.off, s.K)
		s.ks = append(s.ks, len(h.names))
		s.K += len(h.names)
	}
	s.first = s.off[1]
	K := s.K
	oof := make([][]float64, len(trainDocs))
	for i := range oof {
		oof[i] = make([]float64, K)
	}
	s.in = K
	for f := 0; f < stackFolds; f++ {
		var in, inCl []doc
		for i := range trainDocs {
			if i%stackFolds != f {
				in = append(in, trainDocs[i])
				if clusterDocs != nil {
					inCl = append(inCl, clusterDocs[i])
				}
			}
		}
		var ws, bs [][]float32
		for hd, h := range heads {
			var w, b []float32
			if clusterOn(h.prefix) {
				w, b = fit(h, inCl)
				w = foldClusters(w, s.ks[hd])
			} else {
				w, b = fit(h, in)
			}
			for i := range trainDocs {
				if i%stackFolds == f {
					logits(&trainDocs[i], w, b, s.ks[hd], oof[i][s.off[hd]:])
				}
			}
			ws, bs = append(ws, w), append(bs, b)
		}
		if sentPool != "" {
			for i := range trainDocs {
				if i%stackFolds == f {
					oof[i] = poolInputs(oof[i], sentTrain[i], heads, ws, bs)
				}
			}
		}
		fmt.Fprintf(os.Stderr, "  stacked layer: fold model %d of %d\n", f+1, stackFolds)
	}
	s.oof = oof
	s.in = len(oof[0])
	if stackReps <= 1 {
		return fitStack(s, trainDocs, heads, stackHidden, 0)
	}
	// -stackreps r: r layers from different starts and orders, averaged (the seeds are
	// -stacktry's first for "16*2")
	var parts []*stacker
	for r := 0; r < stackReps; r++ {
		parts = append(parts, fitStack(s, trainDocs, heads, stackHidden, uint64(100+r)))
	}
	return joinStacks(parts)
}

// fitStack fits a layer of H units over the out-of-fold scores in proto.oof; seed 0 is
// the shipped layer's start and order, others are for measuring the fit's noise.
func fitStack(proto *stacker, trainDocs []doc, heads []*head, H int, seed uint64) *stacker {
	s := &stacker{H: H, K: proto.K, in: proto.in, oof: proto.oof, first: proto.first, ks: proto.ks, off: proto.off}
	K, oof := s.K, s.oof
	in := s.in
	target := func(d *doc, y []float64) {
		for hd, h := range heads {
			if s.off[hd] < s.first {
				continue
			}
			set := eval.MapLabels(d.labels, h.m)
			n := 0
			for o := 0; o < s.ks[hd]; o++ {
				if set&(1<<o) != 0 {
					n++
				}
			}
			for o := 0; o < s.ks[hd]; o++ {
				y[s.off[hd]+o] = 0
				if set&(1<<o) != 0 {
					y[s.off[hd]+o] = 1 / float64(n)
				}
			}
		}
	}
	s.mu, s.sd = make([]float64, in), make([]float64, in)
	for _, z := range oof {
		for o := range z {
			s.mu[o] += z[o] / float64(len(oof))
		}
	}
	for _, z := range oof {
		for o := range z {
			s.sd[o] += (z[o] - s.mu[o]) * (z[o] - s.mu[o]) / float64(len(oof))
		}
	}
	for o := range s.sd {
		s.sd[o] = math.Sqrt(s.sd[o]) + 1e-6
	}
	rng := rand.New(rand.NewPCG(11+seed*1000, 13))
	s.A, s.c = make([]float64, s.H*in), make([]float64, s.H)
	s.V, s.d = make([]float64, (K-s.first)*s.H), make([]float64, K-s.first)
	for i := range s.A {
		s.A[i] = (rng.Float64()*2 - 1) * 0.2
	}
	for i := range s.c {
		s.c[i] = 0.1
	}
	gA, gc, gV, gd := make([]float64, len(s.A)), make([]float64, len(s.c)), make([]float64, len(s.V)), make([]float64, len(s.d))
	var fitI, stopI []int
	for i := range trainDocs {
		if i%10 == 7 {
			stopI = append(stopI, i)
		} else {
			fitI = append(fitI, i)
		}
	}
	// -stackbalance β: each head's part of an example's loss weighted by the mean of
	// (class frequency)^-β over its gold classes, normalised to mean 1 over the fit set
	cw := stackClassWeights(s, trainDocs, heads, fitI)
	exW := func(i, hd int) float64 {
		if cw == nil || cw[hd] == nil {
			return 1
		}
		return cw[hd][i]
	}
	hid, pre, p, y := make([]float64, s.H), make([]float64, s.H), make([]float64, K), make([]float64, K)
	dz, dh := make([]float64, K), make([]float64, s.H)
	const eta = 0.02
	upd := func(w, g []float64, i int, gr float64) {
		g[i] += gr * gr
		w[i] -= eta * gr / math.Sqrt(g[i]+1e-8)
	}
	loss := func() float64 {
		l := 0.0
		for _, i := range stopI {
			s.forward(oof[i], hid, pre, p)
			target(&trainDocs[i], y)
			for hd := range s.ks {
				if s.off[hd] < s.first {
					continue
				}
				wt := exW(i, hd)
				for o := s.off[hd]; o < s.off[hd]+s.ks[hd]; o++ {
					if y[o] > 0 {
						l -= wt * y[o] * math.Log(p[o]+1e-12)
					}
				}
			}
		}
		return l / float64(len(stopI))
	}
	snapshot := func() stacker {
		c := *s
		c.A, c.c, c.V, c.d = append([]float64(nil), s.A...), append([]float64(nil), s.c...), append([]float64(nil), s.V...), append([]float64(nil), s.d...)
		return c
	}
	best := loss()
	bestS := snapshot()
	fmt.Fprintf(os.Stderr, "  stacked layer: stop-set loss %.4f at the start\n", best)
	for ep := 0; ep < stackEpochs; ep++ {
		r := rand.New(rand.NewPCG(17+seed*1000, uint64(ep)))
		r.Shuffle(len(fitI), func(a, b int) { fitI[a], fitI[b] = fitI[b], fitI[a] })
		for _, i := range fitI {
			z := oof[i]
			s.forward(z, hid, pre, p)
			target(&trainDocs[i], y)
			for j := range dh {
				dh[j] = 0
			}
			for hd := range s.ks {
				if s.off[hd] < s.first {
					continue
				}
				wt := exW(i, hd)
				for o := s.off[hd]; o < s.off[hd]+s.ks[hd]; o++ {
					dz[o] = wt * (p[o] - y[o])
				}
			}
			for o := s.first; o < K; o++ {
				vo := (o - s.first) * s.H
				for j := 0; j < s.H; j++ {
					dh[j] += dz[o] * s.V[vo+j]
					upd(s.V, gV, vo+j, dz[o]*hid[j]+stackL2*s.V[vo+j])
				}
				upd(s.d, gd, o-s.first, dz[o])
			}
			for j := 0; j < s.H; j++ {
				if pre[j] <= 0 {
					continue
				}
				for o := 0; o < in; o++ {
					upd(s.A, gA, j*in+o, dh[j]*(z[o]-s.mu[o])/s.sd[o]+stackL2*s.A[j*in+o])
				}
				upd(s.c, gc, j, dh[j])
			}
		}
		l := loss()
		if verbose {
			fmt.Fprintf(os.Stderr, "  stacked layer: epoch %d stop-set loss %.4f\n", ep+1, l)
		}
		if l < best {
			best, bestS = l, snapshot()
		}
	}
	fmt.Fprintf(os.Stderr, "  stacked layer: best stop-set loss %.4f\n", best)
	return &bestS
}

// stackedProbs is the stacked heads' probabilities (each head's slice, outputs from first on).
func (s *stacker) probs(Z [][]float64, hd int) [][]float64 {
	hid, pre := make([]float64, s.H), make([]float64, s.H)
	out := make([][]float64, len(Z))
	p := make([]float64, s.K)
	for i, z := range Z {
		s.forward(z, hid, pre, p)
		out[i] = append([]float64(nil), p[s.off[hd]:s.off[hd]+s.ks[hd]]...)
	}
	return out
}

// joinStacks averages layers fitted on the same inputs (the same standardisation): their
// units side by side, each output weight divided by the number of layers.
func joinStacks(parts []*stacker) *stacker {
	if len(parts) == 1 {
		return parts[0]
	}
	j := *parts[0]
	R := float64(len(parts))
	j.H = 0
	j.A, j.c = nil, nil
	for _, p := range parts {
		j.H += p.H
		j.A = append(j.A, p.A...)
		j.c = append(j.c, p.c...)
	}
	nO := j.K - j.first
	j.V, j.d = make([]float64, nO*j.H), make([]float64, nO)
	for o := 0; o < nO; o++ {
		u := 0
		for _, p := range parts {
			for h := 0; h < p.H; h++ {
				j.V[o*j.H+u] = p.V[o*p.H+h] / R
				u++
			}
			j.d[o] += p.d[o] / R
		}
	}
	return &j
}

// tryStacks fits the layers -stacktry names on the shipped layer's out-of-fold scores and
// prints their figures (dev, one half of dev with thresholds from the other, set aside),
// each from -stacktryseeds starts, and their mean. "16*2" is two layers of 16 units
// averaged (one of 32).
func tryStacks(proto *stacker, trainDocs []doc, devZ, heldZ [][]float64, heads []*head, odd, even []int) {
	if stackTry == "" {
		return
	}
	for _, f := range strings.Split(stackTry, ",") {
		reps := 1
		a, b, cut := strings.Cut(f, "*")
		if cut {
			reps, _ = strconv.Atoi(b)
		}
		H, err := strconv.Atoi(a)
		if err != nil || H < 1 || reps < 1 {
			fmt.Fprintf(os.Stderr, "-stacktry: bad entry %q\n", f)
			continue
		}
		var sum [3][3]float64
		for seed := uint64(0); seed < uint64(max(stackTrySeeds, 1)); seed++ {
			var parts []*stacker
			for r := 0; r < reps; r++ {
				sd := seed
				if reps > 1 {
					sd = 100 + seed*uint64(reps) + uint64(r)
				}
				parts = append(parts, fitStack(proto, trainDocs, heads, H, sd))
			}
			s := joinStacks(parts)
			for hd, h := range heads {
				if s.off[hd] < s.first {
					continue
				}
				all, _, _ := idxs(len(devZ))
				probs := s.probs(devZ, hd)
				thr := tune(probs, h.devG, all)
				cv := (macroF1(probs, h.devG, odd, tune(probs, h.devG, even)) + macroF1(probs, h.devG, even, tune(probs, h.devG, odd))) / 2
				held := 0.0
				if len(heldZ) > 0 {
					hi, _, _ := idxs(len(heldZ))
					held = macroF1(s.probs(heldZ, hd), h.heldG, hi, thr)
				}
				dev := macroF1(probs, h.devG, all, thr)
				sum[hd][0] += dev
				sum[hd][1] += cv
				sum[hd][2] += held
				fmt.Fprintf(os.Stderr, "TRY %s seed %d %s: dev %.4f / cv %.4f / set aside %.4f\n", f, seed, strings.TrimSuffix(h.prefix, ":"), dev, cv, held)
			}
		}
		n := float64(max(stackTrySeeds, 1))
		for hd, h := range heads {
			if hd >= 1 {
				fmt.Fprintf(os.Stderr, "TRY %s mean %s: dev %.4f / cv %.4f / set aside %.4f\n", f, strings.TrimSuffix(h.prefix, ":"), sum[hd][0]/n, sum[hd][1]/n, sum[hd][2]/n)
			}
		}
	}
}

// stackBalance (-stackbalance, 0 off) and stackBalanceHeads: class-balanced example weights
// in the stacked layer's loss, per head.
var (
	stackBalance      float64
	stackBalanceHeads string
)

func stackClassWeights(s *stacker, trainDocs []doc, heads []*head, fitI []int) [][]float64 {
	if stackBalance == 0 {
		return nil
	}
	out := make([][]float64, len(heads))
	for hd, h := range heads {
		if s.off[hd] < s.first {
			continue
		}
		name := strings.TrimSuffix(h.prefix, ":")
		on := stackBalanceHeads == "all"
		for _, n := range strings.Split(stackBalanceHeads, ",") {
			on = on || n == name
		}
		if !on {
			continue
		}
		k := s.ks[hd]
		freq := make([]float64, k)
		for _, i := range fitI {
			set := eval.MapLabels(trainDocs[i].labels, h.m)
			for o := 0; o < k; o++ {
				if set&(1<<o) != 0 {
					freq[o]++
				}
			}
		}
		w := make([]float64, len(trainDocs))
		for i := range trainDocs {
			set := eval.MapLabels(trainDocs[i].labels, h.m)
			sum, n := 0.0, 0
			for o := 0; o < k; o++ {
				if set&(1<<o) != 0 {
					sum += math.Pow(max(freq[o], 1)/float64(len(fitI)), -stackBalance)
					n++
				}
			}
			w[i] = sum / float64(max(n, 1))
		}
		mean := 0.0
		for _, i := range fitI {
			mean += w[i] / float64(len(fitI))
		}
		for i := range w {
			w[i] /= mean
		}
		out[hd] = w
	}
	return out
}
