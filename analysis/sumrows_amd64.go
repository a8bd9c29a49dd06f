//go:build !purego

package analysis

// sumRows40 is the SSE kernel for rows of 40 columns (the shipped model's 39 outputs,
// padded): ten 4-wide sums held in registers across all the rows. SSE is part of every
// amd64 CPU, so there is nothing to detect.
//
//go:noescape
func sumRows40(acc *float32, w *float32, rows *int32, n int)

// sumRows40AVX is the same kernel with AVX: five 8-wide sums.
//
//go:noescape
func sumRows40AVX(acc *float32, w *float32, rows *int32, n int)

func cpuHasAVX() bool

var hasAVX = cpuHasAVX()

// expShiftedAVX2 sets p[i] = fastExp(float64(z[i]-mx)) for i < n (a multiple of 4), to
// the bit.
//
//go:noescape
func expShiftedAVX2(p *float64, z *float32, n int, mx float32)

func cpuHasAVX2() bool

var hasAVX2 = hasAVX && cpuHasAVX2()

// expShifted sets p[i] = fastExp(float64(z[i]-mx)) for every i and returns their sum,
// added in index order.
func expShifted(p []float64, z []float32, mx float32) float64 {
	p = p[:len(z)]
	i := 0
	if hasAVX2 && len(z) >= 4 {
		i = len(z) &^ 3
		expShiftedAVX2(&p[0], &z[0], i, mx)
	}
	for ; i < len(z); i++ {
		p[i] = fastExp(float64(z[i] - mx))
	}
	sum := 0.0
	for _, x := range p {
		sum += x
	}
	return sum
}

// sumRows adds the rows of w that start at the given offsets into acc.
func sumRows(acc []float32, w []float32, rows []int32) {
	if len(acc) == 40 && len(rows) > 0 {
		// The kernel reads without bounds checks. Every offset is row×stride for a row
		// below the model's row count (readModel checks the file; featureRows only hands
		// over offsets it read from the model's own tables), so each is a whole row of w.
		if hasAVX {
			sumRows40AVX(&acc[0], &w[0], &rows[0], len(rows))
		} else {
			sumRows40(&acc[0], &w[0], &rows[0], len(rows))
		}
		return
	}
	sumRowsGo(acc, w, rows)
}
