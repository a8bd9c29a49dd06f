//go:build !purego

package analysis

// stack16AVX is stackLayer.applyGo for 16 hidden units, eight lanes at a time, adding its
// k outputs (8 ≤ k ≤ 16) into zo (see the assembly).
//
//go:noescape
func stack16AVX(a, z *float32, n int, c, v, d, hid, zo *float32, k int)

// apply adds the layer's output to the scores z[:nOut].
func (s *stackLayer) apply(z *[maxOutputs]float32, nOut int) {
	if k := nOut - s.first; s.h == 16 && s.kpad == 16 && hasAVX && k >= 8 && k <= 16 && s.first+16 <= len(z) {
		var hid [16]float32
		stack16AVX(&s.a[0], &z[0], nOut, &s.c[0], &s.v[0], &s.d[0], &hid[0], &z[s.first], k)
		return
	}
	s.applyGo(z, nOut)
}
