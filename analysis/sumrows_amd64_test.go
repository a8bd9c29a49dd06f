//go:build !purego

package analysis

import "testing"

// checkSSE holds the SSE kernel (the fallback when the CPU has no AVX) to the same bits.
func checkSSE(t *testing.T, w []float32, rows []int32, want []float32) {
	if len(want) != 40 || len(rows) == 0 {
		return
	}
	a := make([]float32, 40)
	for i := range a {
		a[i] = float32(i)
	}
	sumRows40(&a[0], &w[0], &rows[0], len(rows))
	for i := range a {
		if a[i] != want[i] {
			t.Fatalf("SSE kernel, column %d: %v, want %v", i, a[i], want[i])
		}
	}
}

func TestCPUHasAVX(t *testing.T) { t.Logf("AVX: %v", hasAVX) }
