package main

import (
	"fmt"
	"github.com/attune-desk/attune/eval"
	"math"
	"os"
	"strconv"
	"strings"
)

// Full-batch L-BFGS for a softmax head: the regularised optimum of
//
//	(1/N) Σ wt_i · CE(softmax(W·x_i + b), y_i) + (λ/2)·‖W‖²
//
// (the bias unpenalised), instead of AdaGrad's epochs with a per-update penalty. Explore
// only (-lbfgs): deterministic (the gradient is summed over a fixed split of the documents
// in a fixed order).
var (
	lbfgsSpec  string // "ekman=1e-5,emotions=3e-6,sentiment=1e-6" (head=λ), "" off
	lbfgsIters int
	lbfgsSweep string // explore: λ values fitted per head in -lbfgs, linear figures only
	lbfgsDF    float64
)

// lbfgsL2 is the λ -lbfgs gives a head (prefix "", "ekman:", "sentiment:"), or 0.
func lbfgsL2(prefix string) float64 {
	name := strings.TrimSuffix(prefix, ":")
	if name == "" {
		name = "emotions"
	}
	for _, part := range strings.Split(lbfgsSpec, ",") {
		k, v, ok := strings.Cut(part, "=")
		if ok && strings.TrimSpace(k) == name {
			f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
			if err == nil {
				return f
			}
		}
	}
	return 0
}

// fitLBFGS minimises the objective above from w0, b0 (nil: zero) and returns float32 weights.
func fitLBFGS(docs []doc, nFeat, k int, target func(d *doc, y []float32) float32, lam float64, iters int, w0, b0 []float64) ([]float32, []float32, []float64) {
	n := nFeat*k + k // the bias last
	x := make([]float64, n)
	if w0 != nil {
		copy(x, w0)
	}
	if b0 != nil {
		copy(x[nFeat*k:], b0)
	}
	// targets and weights, once
	ys := make([]float32, len(docs)*k)
	wts := make([]float64, len(docs))
	sumW := 0.0
	for i := range docs {
		wts[i] = float64(target(&docs[i], ys[i*k:i*k+k]))
		sumW += wts[i]
	}
	// per-feature penalty: λ·(df/mean df)^-lbfgsdf (0: uniform; 1: in proportion to how
	// often the feature occurs, as AdaGrad's per-update penalty is)
	lamF := make([]float64, nFeat)
	for i := range lamF {
		lamF[i] = lam
	}
	if lbfgsDF != 0 {
		df := make([]float64, nFeat)
		for i := range docs {
			for _, r := range docs[i].rows {
				df[r]++
			}
		}
		mean := 0.0
		for _, v := range df {
			mean += v / float64(nFeat)
		}
		for i := range lamF {
			lamF[i] = lam * math.Pow(max(df[i], 1)/mean, lbfgsDF)
		}
	}
	const parts = 2
	grads := make([][]float64, parts)
	for p := range grads {
		grads[p] = make([]float64, n)
	}
	losses := make([]float64, parts)
	objective := func(x, g []float64) float64 {
		done := make(chan struct{})
		for p := 0; p < parts; p++ {
			go func(p int) {
				gp := grads[p]
				clear(gp)
				z := make([]float64, k)
				l := 0.0
				lo, hi := p*len(docs)/parts, (p+1)*len(docs)/parts
				for i := lo; i < hi; i++ {
					d := &docs[i]
					for o := range z {
						z[o] = 0
					}
					for _, r := range d.rows {
						row := x[int(r)*k : int(r)*k+k]
						for o := range z {
							z[o] += row[o]
						}
					}
					mx := -1e300
					sc := float64(d.scale)
					for o := range z {
						z[o] = z[o]*sc + x[nFeat*k+o]
						mx = max(mx, z[o])
					}
					sum := 0.0
					for o := range z {
						sum += math.Exp(z[o] - mx)
					}
					lse := mx + math.Log(sum)
					y := ys[i*k : i*k+k]
					wt := wts[i] / sumW
					for o := range z {
						pr := math.Exp(z[o] - lse)
						if y[o] > 0 {
							l -= wt * float64(y[o]) * (z[o] - lse)
						}
						z[o] = wt * (pr - float64(y[o]))
					}
					for o := range z {
						gp[nFeat*k+o] += z[o]
					}
					for _, r := range d.rows {
						row := gp[int(r)*k : int(r)*k+k]
						for o := range row {
							row[o] += z[o] * sc
						}
					}
				}
				losses[p] = l
				done <- struct{}{}
			}(p)
		}
		for range parts {
			<-done
		}
		copy(g, grads[0])
		l := losses[0]
		for p := 1; p < parts; p++ {
			for j, v := range grads[p] {
				g[j] += v
			}
			l += losses[p]
		}
		reg := 0.0
		for f := 0; f < nFeat; f++ {
			lf := lamF[f]
			for j := f * k; j < f*k+k; j++ {
				reg += lf * x[j] * x[j]
				g[j] += lf * x[j]
			}
		}
		return l + reg/2
	}
	const m = 10
	S, Y := make([][]float64, 0, m), make([][]float64, 0, m)
	rho := make([]float64, 0, m)
	g := make([]float64, n)
	f := objective(x, g)
	d := make([]float64, n)
	xn, gn := make([]float64, n), make([]float64, n)
	alpha := make([]float64, m)
	f0 := f
	it := 0
	for ; it < iters; it++ {
		// two-loop recursion
		for j := range d {
			d[j] = -g[j]
		}
		for i := len(S) - 1; i >= 0; i-- {
			alpha[i] = rho[i] * dot(S[i], d)
			axpy(-alpha[i], Y[i], d)
		}
		if len(S) > 0 {
			l := len(S) - 1
			gamma := dot(S[l], Y[l]) / dot(Y[l], Y[l])
			for j := range d {
				d[j] *= gamma
			}
		} else {
			gg := math.Sqrt(dot(g, g))
			for j := range d {
				d[j] /= gg
			}
		}
		for i := 0; i < len(S); i++ {
			b := rho[i] * dot(Y[i], d)
			axpy(alpha[i]-b, S[i], d)
		}
		gd := dot(g, d)
		if gd >= 0 { // not a descent direction: restart
			S, Y, rho = S[:0], Y[:0], rho[:0]
			continue
		}
		step := 1.0
		var fn float64
		ok := false
		for ls := 0; ls < 30; ls++ {
			for j := range xn {
				xn[j] = x[j] + step*d[j]
			}
			fn = objective(xn, gn)
			if fn <= f+1e-4*step*gd {
				ok = true
				break
			}
			step *= 0.5
		}
		if !ok {
			break
		}
		var s, y []float64
		if len(S) == m {
			s, y = S[0], Y[0]
			S, Y, rho = S[1:], Y[1:], rho[1:]
		} else {
			s, y = make([]float64, n), make([]float64, n)
		}
		for j := range s {
			s[j] = xn[j] - x[j]
			y[j] = gn[j] - g[j]
		}
		sy := dot(s, y)
		x, xn = xn, x
		g, gn = gn, g
		rel := (f - fn) / max(math.Abs(fn), 1e-12)
		f = fn
		if sy > 1e-12 {
			S, Y, rho = append(S, s), append(Y, y), append(rho, 1/sy)
		}
		if rel < 1e-9 {
			it++
			break
		}
	}
	if verbose {
		fmt.Fprintf(os.Stderr, "  L-BFGS λ %g: objective %.5f → %.5f in %d iterations\n", lam, f0, f, it)
	}
	w := make([]float32, nFeat*k)
	for j := range w {
		w[j] = float32(x[j])
	}
	b := make([]float32, k)
	for o := range b {
		b[o] = float32(x[nFeat*k+o])
	}
	return w, b, x
}

func dot(a, b []float64) float64 {
	s := 0.0
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

func axpy(a float64, x, y []float64) {
	for i := range x {
		y[i] += a * x[i]
	}
}

// sweepLBFGS fits the head at each -lbfgssweep λ (warm-started from the previous) and
// prints the linear head's dev / cv / set-aside macro-F1.
func sweepLBFGS(h *head, trainDocs, devDocs, heldDocs []doc, nFeat, k int, target func(d *doc, y []float32) float32, all, odd, even []int) {
	var x []float64
	name := strings.TrimSuffix(h.prefix, ":")
	if name == "" {
		name = "emotions"
	}
	gold := make([]uint32, len(devDocs))
	for i := range devDocs {
		gold[i] = eval.MapLabels(devDocs[i].labels, h.m)
	}
	hg := make([]uint32, len(heldDocs))
	hi := make([]int, len(heldDocs))
	for i := range heldDocs {
		hg[i] = eval.MapLabels(heldDocs[i].labels, h.m)
		hi[i] = i
	}
	for _, v := range strings.Split(lbfgsSweep, ",") {
		lam, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		if err != nil {
			continue
		}
		var w, b []float32
		var w0, b0 []float64
		if x != nil {
			w0, b0 = x[:nFeat*k], x[nFeat*k:]
		}
		w, b, x = fitLBFGS(trainDocs, nFeat, k, target, lam, lbfgsIters, w0, b0)
		probs := make([][]float64, len(devDocs))
		for i := range devDocs {
			probs[i] = make([]float64, k)
			softmaxProbs(&devDocs[i], w, b, k, probs[i])
		}
		thr := tune(probs, gold, all)
		dev := macroF1(probs, gold, all, thr)
		cv := (macroF1(probs, gold, odd, tune(probs, gold, even)) + macroF1(probs, gold, even, tune(probs, gold, odd))) / 2
		held := 0.0
		if len(heldDocs) > 0 {
			hp := make([][]float64, len(heldDocs))
			for i := range heldDocs {
				hp[i] = make([]float64, k)
				softmaxProbs(&heldDocs[i], w, b, k, hp[i])
			}
			held = macroF1(hp, hg, hi, thr)
		}
		fmt.Fprintf(os.Stderr, "SWEEP %s λ %g: dev %.4f / cv %.4f / set aside %.4f\n", name, lam, dev, cv, held)
	}
}
