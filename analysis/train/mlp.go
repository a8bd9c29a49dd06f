package main

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"

	"github.com/attune-desk/attune/eval"
)

// A hidden-layer member (explore only): h = relu(scale·Σ U[f] + c) over the text's
// feature rows, with input dropout (whole feature occurrences), softmax heads on h for all
// three heads, AdaGrad, early stopping on every tenth training text, several runs with
// their probabilities averaged; then mixed with the linear heads' probabilities.
var (
	mlpHidden  int
	mlpDrop    float64
	mlpRuns    int
	mlpEpochs  int
	mlpLR      float64
	mlpL2      float64
	mlpMixList = []float64{0, 0.25, 0.4, 0.5, 0.6, 0.75, 1}
)

type mlp struct {
	H, nFeat int
	ks       []int // outputs per head
	off      []int // first output of each head
	K        int
	U, c     []float32 // nFeat×H, H
	V, b     []float32 // H×K, K
}

func (m *mlp) forward(d *doc, keep []bool, inv float32, hid, pre []float32) {
	for j := range pre {
		pre[j] = 0
	}
	for i, r := range d.rows {
		if keep != nil && !keep[i] {
			continue
		}
		u := m.U[int(r)*m.H : int(r)*m.H+m.H]
		for j := range pre {
			pre[j] += u[j]
		}
	}
	for j := range pre {
		pre[j] = pre[j]*d.scale*inv + m.c[j]
		hid[j] = max(pre[j], 0)
	}
}

// probs fills out (K) with each head's softmax over h.
func (m *mlp) probs(hid []float32, out []float64) {
	for hd, k := range m.ks {
		o0 := m.off[hd]
		mx := -1e300
		for o := o0; o < o0+k; o++ {
			z := float64(m.b[o])
			for j := 0; j < m.H; j++ {
				z += float64(hid[j] * m.V[j*m.K+o])
			}
			out[o] = z
			mx = max(mx, z)
		}
		s := 0.0
		for o := o0; o < o0+k; o++ {
			out[o] = math.Exp(out[o] - mx)
			s += out[o]
		}
		for o := o0; o < o0+k; o++ {
			out[o] /= s
		}
	}
}

func trainMLP(docs []doc, nFeat int, heads []*head, seed uint64) *mlp {
	m := &mlp{H: mlpHidden, nFeat: nFeat}
	for _, h := range heads {
		m.off = append(m.off, m.K)
		m.ks = append(m.ks, len(h.names))
		m.K += len(h.names)
	}
	rng := rand.New(rand.NewPCG(seed, 77))
	m.U = make([]float32, nFeat*m.H)
	for i := range m.U {
		m.U[i] = float32((rng.Float64()*2 - 1) * 0.1)
	}
	m.c = make([]float32, m.H)
	for i := range m.c {
		m.c[i] = 0.1
	}
	m.V = make([]float32, m.H*m.K)
	for i := range m.V {
		m.V[i] = float32((rng.Float64()*2 - 1) * 0.3)
	}
	m.b = make([]float32, m.K)
	gU := make([]float32, len(m.U))
	gc := make([]float32, len(m.c))
	gV := make([]float32, len(m.V))
	gb := make([]float32, len(m.b))
	targets := func(d *doc, y []float64) {
		for hd, h := range heads {
			set := eval.MapLabels(d.labels, h.m)
			n := 0
			for o := 0; o < m.ks[hd]; o++ {
				if set&(1<<o) != 0 {
					n++
				}
			}
			for o := 0; o < m.ks[hd]; o++ {
				y[m.off[hd]+o] = 0
				if set&(1<<o) != 0 {
					y[m.off[hd]+o] = 1 / float64(n)
				}
			}
		}
	}
	var fit, stop []int
	for i := range docs {
		if i%10 == 4 {
			stop = append(stop, i)
		} else {
			fit = append(fit, i)
		}
	}
	hid := make([]float32, m.H)
	pre := make([]float32, m.H)
	p := make([]float64, m.K)
	y := make([]float64, m.K)
	dz := make([]float32, m.K)
	dh := make([]float32, m.H)
	keep := make([]bool, 0, 256)
	eta := float32(mlpLR)
	lam := float32(mlpL2)
	inv := float32(1 / (1 - mlpDrop))
	loss := func() float64 {
		s := 0.0
		for _, i := range stop {
			m.forward(&docs[i], nil, 1, hid, pre)
			m.probs(hid, p)
			targets(&docs[i], y)
			for o := range p {
				if y[o] > 0 {
					s -= y[o] * math.Log(p[o]+1e-12)
				}
			}
		}
		return s / float64(len(stop))
	}
	best := math.Inf(1)
	var snap *mlp
	for ep := 0; ep < mlpEpochs; ep++ {
		r := rand.New(rand.NewPCG(seed, uint64(ep)+500))
		r.Shuffle(len(fit), func(i, j int) { fit[i], fit[j] = fit[j], fit[i] })
		for _, di := range fit {
			d := &docs[di]
			keep = keep[:0]
			for range d.rows {
				keep = append(keep, r.Float64() >= mlpDrop)
			}
			m.forward(d, keep, inv, hid, pre)
			m.probs(hid, p)
			targets(d, y)
			for o := range dz {
				dz[o] = float32(p[o] - y[o])
			}
			for j := range dh {
				dh[j] = 0
			}
			for j := 0; j < m.H; j++ {
				vj := m.V[j*m.K : j*m.K+m.K]
				aj := gV[j*m.K : j*m.K+m.K]
				for o := range vj {
					dh[j] += dz[o] * vj[o]
					g := dz[o]*hid[j] + lam*vj[o]
					aj[o] += g * g
					vj[o] -= eta * g / float32(math.Sqrt(float64(aj[o])+1e-8))
				}
			}
			for o := range dz {
				gb[o] += dz[o] * dz[o]
				m.b[o] -= eta * dz[o] / float32(math.Sqrt(float64(gb[o])+1e-8))
			}
			for j := range dh {
				if pre[j] <= 0 {
					dh[j] = 0
				}
			}
			for j := range dh {
				gc[j] += dh[j] * dh[j]
				m.c[j] -= eta * dh[j] / float32(math.Sqrt(float64(gc[j])+1e-8))
			}
			for i, rr := range d.rows {
				if !keep[i] {
					continue
				}
				u := m.U[int(rr)*m.H : int(rr)*m.H+m.H]
				a := gU[int(rr)*m.H : int(rr)*m.H+m.H]
				for j := range u {
					g := dh[j]*d.scale*inv + lam*u[j]
					a[j] += g * g
					u[j] -= eta * g / float32(math.Sqrt(float64(a[j])+1e-8))
				}
			}
		}
		l := loss()
		fmt.Fprintf(os.Stderr, "  mlp run %d epoch %d: stop-set loss %.4f\n", seed, ep+1, l)
		if l < best {
			best = l
			c := *m
			c.U = append([]float32(nil), m.U...)
			c.c = append([]float32(nil), m.c...)
			c.V = append([]float32(nil), m.V...)
			c.b = append([]float32(nil), m.b...)
			snap = &c
		} else if ep >= 2 && l > best*1.01 {
			break
		}
	}
	return snap
}

// exploreMLP trains the hidden-layer member and prints each group head's figures with
// its probabilities mixed into the linear head's.
func exploreMLP(trainDocs, devDocs, heldDocs []doc, nFeat int, heads []*head) {
	var ms []*mlp
	for r := 0; r < mlpRuns; r++ {
		ms = append(ms, trainMLP(trainDocs, nFeat, heads, uint64(r+1)*104729))
	}
	avg := func(docs []doc) [][]float64 {
		out := make([][]float64, len(docs))
		p := make([]float64, ms[0].K)
		hid := make([]float32, ms[0].H)
		pre := make([]float32, ms[0].H)
		for i := range docs {
			out[i] = make([]float64, ms[0].K)
			for _, m := range ms {
				m.forward(&docs[i], nil, 1, hid, pre)
				m.probs(hid, p)
				for o := range p {
					out[i][o] += p[o] / float64(len(ms))
				}
			}
		}
		return out
	}
	dP, hP := avg(devDocs), avg(heldDocs)
	for hd, h := range heads {
		k, o0 := len(h.names), ms[0].off[hd]
		for _, mu := range mlpMixList {
			mix := func(lin, nn [][]float64) [][]float64 {
				out := make([][]float64, len(lin))
				for i := range lin {
					out[i] = make([]float64, k)
					for o := 0; o < k; o++ {
						out[i][o] = (1-mu)*lin[i][o] + mu*nn[i][o0+o]
					}
				}
				return out
			}
			dp := mix(h.devP, dP)
			all, even, odd := idxs(len(dp))
			thr := tune(dp, h.devG, all)
			cv := (macroF1(dp, h.devG, odd, tune(dp, h.devG, even)) + macroF1(dp, h.devG, even, tune(dp, h.devG, odd))) / 2
			hf := 0.0
			if len(h.heldP) > 0 {
				hp := mix(h.heldP, hP)
				hi, _, _ := idxs(len(hp))
				hf = macroF1(hp, h.heldG, hi, thr)
			}
			fmt.Fprintf(os.Stderr, "explore mlp %q mix %.2f: dev %.3f  cv %.3f  held %.3f\n", h.prefix, mu, macroF1(dp, h.devG, all, thr), cv, hf)
		}
	}
}
