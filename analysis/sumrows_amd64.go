//go:build !purego

package analysis

// sumRows40F16 adds rows of 40 half-precision columns (the shipped model's 39 outputs,
// padded) into acc with AVX and F16C: five 8-wide float32 sums held in registers across
// all the rows, each half converted exactly as it is loaded.
//
//go:noescape
func sumRows40F16(acc *float32, w *uint16, rows *int32, n int)

func cpuHasAVX() bool

func cpuHasF16C() bool

var hasAVX = cpuHasAVX()

var hasF16C = hasAVX && cpuHasF16C()

// sumRows adds the rows of w that start at the given offsets into acc.
func sumRows(acc []float32, w []uint16, rows []int32) {
	if len(acc) == 40 && len(rows) > 0 && hasF16C {
		// The kernel reads without bounds checks. Every offset is row×stride for a row
		// below the model's row count (readModel checks the file; readTokens only hands
		// over offsets it read from the model's own tables), so each is a whole row of w.
		sumRows40F16(&acc[0], &w[0], &rows[0], len(rows))
		return
	}
	sumRowsGo(acc, w, rows)
}

// scoreRows40F16 sets z[:40] to the sums of the rows' 40 half-precision columns times
// scale plus bias[:40] (sumRows40F16's sums from zero, then scores' arithmetic).
//
//go:noescape
func scoreRows40F16(z *float32, w *uint16, rows *int32, n int, scale float32, bias *float32)

// scoreRows sets z[o] to the rows' sums times scale plus the bias for every output, with
// the kernel, and reports whether it could (rows 40 wide and F16C).
func scoreRows(z *[maxOutputs]float32, m *model, rows []int32, scale float32) bool {
	if m.stride != 40 || !hasF16C || len(m.w) == 0 {
		return false
	}
	// columns past nOut are zero in every row (readModel pads them) and their biases are
	// zero, so they come out 0, as scores leaves them
	var r *int32
	if len(rows) > 0 {
		r = &rows[0] // every offset is a whole row of w (see sumRows)
	}
	scoreRows40F16(&z[0], &m.w[0], r, len(rows), scale, &m.bias[0])
	return true
}

// expShiftedAVX2 sets p[i] = fastExp(float64(z[i]-mx)) for i < n (a multiple of 4), to
// the bit, and returns their sum added in index order.
//
//go:noescape
func expShiftedAVX2(p *float64, z *float32, n int, mx float32) float64

func cpuHasAVX2() bool

var hasAVX2 = hasAVX && cpuHasAVX2()

// expShifted sets p[i] = fastExp(float64(z[i]-mx)) for every i and returns their sum,
// added in index order.
func expShifted(p []float64, z []float32, mx float32) float64 {
	p = p[:len(z)]
	i := 0
	sum := 0.0
	if hasAVX2 && len(z) >= 4 {
		i = len(z) &^ 3
		sum = expShiftedAVX2(&p[0], &z[0], i, mx)
	}
	for ; i < len(z); i++ {
		x := fastExp(float64(z[i] - mx))
		p[i] = x
		sum += x
	}
	return sum
}

// maxF32AVX is the largest of z[:n], n ≥ 1.
//
//go:noescape
func maxF32AVX(z *float32, n int) float32

// scaleDecideAVX multiplies p[:n] by norm and returns the set of the i with p[i] ≥ thr[i].
//
//go:noescape
func scaleDecideAVX(p *float64, thr *float64, n int, norm float64) uint32

// softmaxSetAVX2 is softmaxSet in one call with AVX2, 1 ≤ n ≤ 32: maxF32AVX's largest
// logit, expShiftedAVX2's exponentials (the last n mod 4 under a mask), the sum in index
// order and scaleDecideAVX's products and tests, to the bit.
//
//go:noescape
func softmaxSetAVX2(z *float32, p *float64, thr *float64, n int) uint32

// softmaxDecide is softmaxSet, then nearest when no output reached its threshold: with
// AVX2 it calls the kernel itself (one call fewer a head).
func softmaxDecide(z []float32, p []float64, thr []float64, inv []float64) uint32 {
	var set uint32
	if hasAVX2 && len(z) > 0 && len(z) <= 32 && len(p) >= len(z) && len(thr) >= len(z) {
		set = softmaxSetAVX2(&z[0], &p[0], &thr[0], len(z))
	} else {
		set = softmaxSet(z, p, thr)
	}
	if set == 0 {
		set = nearest(p[:len(z)], inv)
	}
	return set
}

// softmaxSet writes the softmax of z into p and returns the set of the outputs at or
// above their thresholds (len(p) ≥ len(z), len(thr) ≥ len(z)): the largest logit and the
// scaling and threshold test with AVX where there is one, the exponentials with AVX2.
func softmaxSet(z []float32, p []float64, thr []float64) uint32 {
	p, thr = p[:len(z)], thr[:len(z)]
	if hasAVX2 && len(z) > 0 && len(z) <= 32 {
		return softmaxSetAVX2(&z[0], &p[0], &thr[0], len(z))
	}
	if hasAVX && len(z) > 0 && len(z) <= 32 {
		norm := 1 / expShifted(p, z, maxF32AVX(&z[0], len(z)))
		return scaleDecideAVX(&p[0], &thr[0], len(p), norm)
	}
	norm := 1 / expShifted(p, z, maxOfGo(z))
	return scaleDecideGo(p, thr, norm)
}
