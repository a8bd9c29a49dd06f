//go:build !purego

package analysis

import "testing"

func TestCPUHasAVX(t *testing.T) { t.Logf("AVX: %v, F16C: %v, AVX2: %v", hasAVX, hasF16C, hasAVX2) }
