package main

import (
	"math"
	"math/rand/v2"
)

// fitSoftmax trains a softmax over k outputs with AdaGrad; target(d, y) fills y with the
// document's target distribution (summing to 1). Weights are row-major: w[f*k+o].
//
// sc (nil: off) scales each feature's input per output (NB-SVM style, see nbScales): the
// model is trained over x·sc and returned as the equivalent plain weights w·sc.
func fitSoftmax(docs []doc, nFeat, k int, target func(d *doc, y []float32) float32, epochs int, lr, l2 float64, seed uint64, sc []float32) ([]float32, []float32) {
	if ensemble <= 1 {
		return fitSoftmax1(docs, nFeat, k, target, epochs, lr, l2, seed, sc)
	}
	// the average of several runs with different shuffles: a linear model still
	type res struct{ w, b []float32 }
	rs := make([]res, ensemble)
	done := make(chan int)
	for i := 0; i < ensemble; i++ {
		go func(i int) {
			w, b := fitSoftmax1(docs, nFeat, k, target, epochs, lr, l2, seed+uint64(i)*7919, sc)
			rs[i] = res{w, b}
			done <- i
		}(i)
	}
	for range ensemble {
		<-done
	}
	w, b := rs[0].w, rs[0].b
	for _, r := range rs[1:] {
		for j := range w {
			w[j] += r.w[j]
		}
		for j := range b {
			b[j] += r.b[j]
		}
	}
	for j := range w {
		w[j] /= float32(ensemble)
	}
	for j := range b {
		b[j] /= float32(ensemble)
	}
	return w, b
}

var ensemble = 1

func fitSoftmax1(docs []doc, nFeat, k int, target func(d *doc, y []float32) float32, epochs int, lr, l2 float64, seed uint64, sc []float32) ([]float32, []float32) {
	w := make([]float32, nFeat*k)
	g2 := make([]float32, nFeat*k)
	b := make([]float32, k)
	gb := make([]float32, k)
	order := make([]int, len(docs))
	for i := range order {
		order[i] = i
	}
	eta, lam := float32(lr), float32(l2)
	z := make([]float32, k)
	y := make([]float32, k)
	g := make([]float32, k)
	var avgW, avgB []float32
	nAvg := 0
	drng := rand.New(rand.NewPCG(seed^0x9e3779b97f4a7c15, 77))
	var kept []int32
	for ep := 0; ep < epochs; ep++ {
		if avgFrom > 0 && ep >= int(float64(epochs)*avgFrom) && ep > 0 {
			// epoch-end averaging (Polyak) over the later epochs: the weights after each
			if avgW == nil {
				avgW, avgB = make([]float32, len(w)), make([]float32, len(b))
			}
			for j := range w {
				avgW[j] += w[j]
			}
			for j := range b {
				avgB[j] += b[j]
			}
			nAvg++
		}
		rng := rand.New(rand.NewPCG(seed, uint64(ep)+1000))
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, di := range order {
			d := &docs[di]
			if featDrop > 0 {
				// dropout on the inputs (Wager et al. 2013): each feature kept with
				// probability 1−featDrop, the kept ones scaled up to the same expectation
				dd := dropDoc(d, drng, kept[:0])
				kept = dd.rows
				d = &dd
			}
			for o := range z {
				z[o] = 0
			}
			for _, r := range d.rows {
				row := w[int(r)*k : int(r)*k+k]
				if sc != nil {
					s := sc[int(r)*k : int(r)*k+k]
					for o := range z {
						z[o] += row[o] * s[o]
					}
					continue
				}
				for o := range z {
					z[o] += row[o]
				}
			}
			mx := float32(-1e30)
			for o := range z {
				z[o] = z[o]*d.scale + b[o]
				mx = max(mx, z[o])
			}
			sum := float32(0)
			for o := range z {
				z[o] = float32(math.Exp(float64(z[o] - mx)))
				sum += z[o]
			}
			wt := target(d, y)
			if labelSmooth > 0 {
				for o := range y {
					y[o] = (1-float32(labelSmooth))*y[o] + float32(labelSmooth)/float32(k)
				}
			}
			for o := range z {
				g[o] = wt * (z[o]/sum - y[o])
				gb[o] += g[o] * g[o]
				b[o] -= eta * g[o] / float32(math.Sqrt(float64(gb[o])+1e-8))
			}
			for _, r := range d.rows {
				row := w[int(r)*k : int(r)*k+k]
				acc := g2[int(r)*k : int(r)*k+k]
				if sc != nil {
					s := sc[int(r)*k : int(r)*k+k]
					for o := range row {
						gr := g[o]*d.scale*s[o] + lam*row[o]
						acc[o] += gr * gr
						row[o] -= eta * gr / float32(math.Sqrt(float64(acc[o])+1e-8))
					}
					continue
				}
				for o := range row {
					gr := g[o]*d.scale + lam*row[o]
					acc[o] += gr * gr
					row[o] -= eta * gr / float32(math.Sqrt(float64(acc[o])+1e-8))
				}
			}
		}
	}
	if sc != nil {
		defer func() {
			for j := range w {
				w[j] *= sc[j]
			}
			for j := range avgW {
				avgW[j] *= sc[j]
			}
		}()
	}
	if nAvg > 0 {
		for j := range w {
			avgW[j] = (avgW[j] + w[j]) / float32(nAvg+1)
		}
		for j := range b {
			avgB[j] = (avgB[j] + b[j]) / float32(nAvg+1)
		}
		return avgW, avgB
	}
	return w, b
}

// featDrop (0 off) drops each of a training text's features with this probability at every
// visit, scaling the rest by 1/(1−featDrop): dropout as a regulariser of the linear heads.
var featDrop float64

// dropDoc is d with its rows thinned for one visit; rows reuses buf.
func dropDoc(d *doc, rng *rand.Rand, buf []int32) doc {
	keep := 1 - featDrop
	for _, r := range d.rows {
		if rng.Float64() < keep {
			buf = append(buf, r)
		}
	}
	return doc{rows: buf, scale: d.scale / float32(keep), labels: d.labels}
}

// avgFrom (0 off) averages the weights at the end of every epoch from this fraction of
// the run on; labelSmooth mixes each target with the uniform distribution.
var avgFrom, labelSmooth float64

// softmaxProbs returns the softmax over k outputs for a document.
func softmaxProbs(d *doc, w, b []float32, k int, out []float64) {
	z := make([]float64, k)
	for _, r := range d.rows {
		row := w[int(r)*k : int(r)*k+k]
		for o := range z {
			z[o] += float64(row[o])
		}
	}
	mx := -1e300
	for o := range z {
		z[o] = z[o]*float64(d.scale) + float64(b[o])
		mx = max(mx, z[o])
	}
	sum := 0.0
	for o := range z {
		z[o] = math.Exp(z[o] - mx)
		sum += z[o]
	}
	for o := range z {
		out[o] = z[o] / sum
	}
}
