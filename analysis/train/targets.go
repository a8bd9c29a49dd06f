package main

import (
	"math"
	"strings"

	"github.com/attune-desk/attune/analysis"
)

// Explore: other training targets for a head (-multiw, -targetcount, -targetheads).
var (
	multiW      float64
	targetCount bool
	targetHeads string
)

// targetsOn reports whether -multiw or -targetcount applies to the head.
func targetsOn(prefix string) bool {
	if multiW == 0 && !targetCount {
		return false
	}
	name := strings.TrimSuffix(prefix, ":")
	if name == "" {
		name = "emotions"
	}
	if targetHeads == "all" {
		return true
	}
	for _, h := range strings.Split(targetHeads, ",") {
		if strings.TrimSpace(h) == name {
			return true
		}
	}
	return false
}

// shapeTarget reshapes y (even over the n outputs in the set) and returns the example's
// weight factor.
func shapeTarget(labels uint32, m [analysis.NumLabels]uint32, n int, y []float32) float32 {
	if targetCount {
		cnt := make([]float32, len(y))
		tot := float32(0)
		for l := 0; l < analysis.NumLabels; l++ {
			if labels&(1<<l) == 0 {
				continue
			}
			for o := range y {
				if m[l]&(1<<o) != 0 {
					cnt[o]++
					tot++
				}
			}
		}
		if tot > 0 {
			for o := range y {
				y[o] = cnt[o] / tot
			}
		}
	}
	if multiW != 0 && n > 1 {
		return float32(math.Pow(float64(n), -multiW))
	}
	return 1
}
