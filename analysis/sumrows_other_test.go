//go:build !amd64 || purego

package analysis

import "testing"

func checkSSE(t *testing.T, w []float32, rows []int32, want []float32) {}
