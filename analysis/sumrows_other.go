//go:build !amd64 || purego

package analysis

// sumRows adds the rows of w that start at the given offsets into acc.
func sumRows(acc []float32, w []uint16, rows []int32) { sumRowsGo(acc, w, rows) }

// scoreRows is the kernel's entry on CPUs without it: scores adds the rows itself.
func scoreRows(z *[maxOutputs]float32, m *model, rows []int32, scale float32) bool { return false }

// expShifted sets p[i] = fastExp(float64(z[i]-mx)) for every i and returns their sum,
// added in index order.
func expShifted(p []float64, z []float32, mx float32) float64 {
	p = p[:len(z)]
	sum := 0.0
	for i, v := range z {
		x := fastExp(float64(v - mx))
		p[i] = x
		sum += x
	}
	return sum
}

// apply adds the layer's output to the scores z[:nOut].
func (s *stackLayer) apply(z *[maxOutputs]float32, nOut int) { s.applyGo(z, nOut) }

// softmaxSet writes the softmax of z into p and returns the set of the outputs at or
// above their thresholds (len(p) ≥ len(z), len(thr) ≥ len(z)).
func softmaxSet(z []float32, p []float64, thr []float64) uint32 {
	p, thr = p[:len(z)], thr[:len(z)]
	norm := 1 / expShifted(p, z, maxOfGo(z))
	return scaleDecideGo(p, thr, norm)
}

// softmaxDecide is softmaxSet, then nearest when no output reached its threshold.
func softmaxDecide(z []float32, p []float64, thr []float64, inv []float64) uint32 {
	set := softmaxSet(z, p, thr)
	if set == 0 {
		set = nearest(p[:len(z)], inv)
	}
	return set
}
