//go:build !purego

package analysis

// sumRows40 is the SSE kernel for rows of 40 columns (the shipped model's 39 outputs,
// padded): ten 4-wide sums held in registers across all the rows. SSE is part of every
// amd64 CPU, so there is nothing to detect.
//
//go:noescape
func sumRows40(acc *float32, w *float32, rows *int32, n int)

// sumRows adds the rows of w that start at the given offsets into acc.
func sumRows(acc []float32, w []float32, rows []int32) {
	if len(acc) == 40 && len(rows) > 0 {
		// every offset must leave a whole row inside w: the kernel reads without checks
		limit := int32(len(w) - 40)
		for _, r := range rows {
			if r < 0 || r > limit {
				panic("analysis: weight row out of range")
			}
		}
		sumRows40(&acc[0], &w[0], &rows[0], len(rows))
		return
	}
	sumRowsGo(acc, w, rows)
}
