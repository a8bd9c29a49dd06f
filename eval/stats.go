package eval

import (
	"math"
	"sort"
)

// Pearson is the Pearson correlation of x and y (NaN when undefined).
func Pearson(x, y []float64) float64 {
	n := len(x)
	if n != len(y) || n < 2 {
		return math.NaN()
	}
	var mx, my float64
	for i := range x {
		mx += x[i]
		my += y[i]
	}
	mx /= float64(n)
	my /= float64(n)
	var sxy, sxx, syy float64
	for i := range x {
		dx, dy := x[i]-mx, y[i]-my
		sxy += dx * dy
		sxx += dx * dx
		syy += dy * dy
	}
	if sxx == 0 || syy == 0 {
		return math.NaN()
	}
	return sxy / math.Sqrt(sxx*syy)
}

// Spearman is the rank correlation of x and y, ties given their average rank.
func Spearman(x, y []float64) float64 {
	if len(x) != len(y) {
		return math.NaN()
	}
	return Pearson(ranks(x), ranks(y))
}

func ranks(x []float64) []float64 {
	idx := make([]int, len(x))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return x[idx[a]] < x[idx[b]] })
	r := make([]float64, len(x))
	for i := 0; i < len(idx); {
		j := i
		for j+1 < len(idx) && x[idx[j+1]] == x[idx[i]] {
			j++
		}
		avg := float64(i+j)/2 + 1
		for k := i; k <= j; k++ {
			r[idx[k]] = avg
		}
		i = j + 1
	}
	return r
}

// MacroF1 is the mean over k classes of each class's F1, for multi-label sets given as
// bit masks (bit c set: class c).
func MacroF1(pred, gold []uint32, k int) float64 {
	tp, fp, fn := make([]int, k), make([]int, k), make([]int, k)
	for i := range pred {
		for c := 0; c < k; c++ {
			p, g := pred[i]&(1<<c) != 0, gold[i]&(1<<c) != 0
			switch {
			case p && g:
				tp[c]++
			case p:
				fp[c]++
			case g:
				fn[c]++
			}
		}
	}
	sum := 0.0
	for c := 0; c < k; c++ {
		if tp[c] > 0 {
			sum += 2 * float64(tp[c]) / float64(2*tp[c]+fp[c]+fn[c])
		}
	}
	return sum / float64(k)
}
