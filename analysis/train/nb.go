package main

import (
	"fmt"
	"math"
	"os"
	"strings"
)

// NB-SVM-style feature scaling (Wang & Manning 2012): each feature's input to output o is
// scaled by its naive-Bayes log-count ratio r = log((p/|p|)/(q/|q|)), p and q the
// (smoothed) counts of texts with the feature among those with and without o. Training
// over the scaled inputs is a linear model still; the file holds the product.
var (
	nbAlpha float64 // smoothing of the counts; 0 off
	nbFloor float64 // added to |r| (after normalising to mean 1), so no feature is silenced
	nbHeads string  // which heads: "all", or a comma list of "emotions", "ekman", "sentiment"
)

func nbOn(prefix string) bool {
	if nbAlpha <= 0 {
		return false
	}
	if nbHeads == "" || nbHeads == "all" {
		return true
	}
	name := strings.TrimSuffix(prefix, ":")
	if name == "" {
		name = "emotions"
	}
	for _, h := range strings.Split(nbHeads, ",") {
		if h == name {
			return true
		}
	}
	return false
}

func nbScales(docs []doc, nFeat, k int, set func(d *doc) uint32, prefix string) []float32 {
	if !nbOn(prefix) {
		return nil
	}
	pos := make([]float64, nFeat*k) // texts with output o that have the feature
	df := make([]float64, nFeat)    // texts that have the feature
	nPos := make([]float64, k)
	seen := make([]int32, nFeat)
	for i := range seen {
		seen[i] = -1
	}
	for di := range docs {
		d := &docs[di]
		s := set(d)
		for o := 0; o < k; o++ {
			if s&(1<<o) != 0 {
				nPos[o]++
			}
		}
		for _, r := range d.rows {
			if seen[r] == int32(di) {
				continue
			}
			seen[r] = int32(di)
			df[r]++
			for o := 0; o < k; o++ {
				if s&(1<<o) != 0 {
					pos[int(r)*k+o]++
				}
			}
		}
	}
	sc := make([]float32, nFeat*k)
	for o := 0; o < k; o++ {
		sp, sq := 0.0, 0.0
		for f := 0; f < nFeat; f++ {
			p := pos[f*k+o]
			sp += p + nbAlpha
			sq += df[f] - p + nbAlpha
		}
		mean, wsum := 0.0, 0.0
		r := make([]float64, nFeat)
		for f := 0; f < nFeat; f++ {
			p := pos[f*k+o]
			r[f] = math.Abs(math.Log((p+nbAlpha)/sp) - math.Log((df[f]-p+nbAlpha)/sq))
			mean += r[f] * df[f]
			wsum += df[f]
		}
		mean /= wsum
		for f := 0; f < nFeat; f++ {
			sc[f*k+o] = float32(r[f]/mean + nbFloor)
		}
	}
	fmt.Fprintf(os.Stderr, "  NB scaling on %q (alpha %g, floor %g)\n", prefix, nbAlpha, nbFloor)
	return sc
}

// nbMix lists mixing weights γ to score (explore only): the head's weights plus γ times
// multinomial naive Bayes log-probabilities (centred per feature across outputs; the log
// prior joins the bias). Still one linear model: it would ship in the same file.
var nbMix string

// nbWeights returns a head's naive-Bayes weights (nFeat×k, centred per feature) and bias.
func nbWeights(docs []doc, nFeat, k int, set func(d *doc) uint32, alpha float64) ([]float32, []float32) {
	cnt := make([]float64, nFeat*k)
	tot := make([]float64, k)
	prior := make([]float64, k)
	for di := range docs {
		d := &docs[di]
		s := set(d)
		n := 0
		for o := 0; o < k; o++ {
			if s&(1<<o) != 0 {
				n++
			}
		}
		for o := 0; o < k; o++ {
			if s&(1<<o) == 0 {
				continue
			}
			share := 1 / float64(n)
			prior[o] += share
			for _, r := range d.rows {
				cnt[int(r)*k+o] += share
				tot[o] += share
			}
		}
	}
	w := make([]float32, nFeat*k)
	for f := 0; f < nFeat; f++ {
		m := 0.0
		for o := 0; o < k; o++ {
			m += math.Log((cnt[f*k+o] + alpha) / (tot[o] + alpha*float64(nFeat)))
		}
		m /= float64(k)
		for o := 0; o < k; o++ {
			w[f*k+o] = float32(math.Log((cnt[f*k+o]+alpha)/(tot[o]+alpha*float64(nFeat))) - m)
		}
	}
	b := make([]float32, k)
	for o := range b {
		b[o] = float32(math.Log(prior[o] / float64(len(docs))))
	}
	return w, b
}
