//go:build !amd64 || purego

package analysis

// sumRows adds the rows of w that start at the given offsets into acc.
func sumRows(acc []float32, w []uint16, rows []int32) { sumRowsGo(acc, w, rows) }

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
