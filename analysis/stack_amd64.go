//go:build !purego

package analysis

// stack16AVX is stackLayer.applyGo for 16 hidden units, eight lanes at a time (see the
// assembly).
//
//go:noescape
func stack16AVX(a, z *float32, n int, c, v, d, hid, out *float32)

// apply adds the layer's output to the scores z[:nOut].
func (s *stackLayer) apply(z *[maxOutputs]float32, nOut int) {
	if s.h == 16 && s.kpad == 16 && hasAVX && nOut > 0 {
		var hid, out [16]float32
		stack16AVX(&s.a[0], &z[0], nOut, &s.c[0], &s.v[0], &s.d[0], &hid[0], &out[0])
		for o := range z[s.first:nOut] {
			z[s.first+o] += out[o]
		}
		return
	}
	s.applyGo(z, nOut)
}
