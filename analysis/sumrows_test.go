package analysis

import (
	"math"
	"math/rand/v2"
	"testing"
)

// The kernel and the portable loop add each column's rows in the same order, so they
// must agree to the bit.
func TestSumRowsKernel(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, stride := range []int{8, 32, 40, 48} {
		w := make([]uint16, 500*stride)
		for i := range w {
			w[i] = f16(float32(rng.NormFloat64()))
			if i%97 == 0 {
				w[i] = uint16(rng.Uint32()) &^ 0x7c00 // any half, subnormals too (no infinities, as readModel leaves them)
			}
		}
		for _, n := range []int{0, 1, 7, 100} {
			rows := make([]int32, n)
			for i := range rows {
				rows[i] = int32(rng.IntN(500) * stride)
			}
			a, b := make([]float32, stride), make([]float32, stride)
			for i := range a {
				a[i] = float32(i)
				b[i] = float32(i)
			}
			sumRows(a, w, rows)
			sumRowsGo(b, w, rows)
			for i := range a {
				if a[i] != b[i] {
					t.Fatalf("stride %d, %d rows: column %d: kernel %v, loop %v", stride, n, i, a[i], b[i])
				}
			}
		}
	}
}

func TestFastExp(t *testing.T) {
	for x := 0.0; x > -750; x -= 0.0137 {
		got, want := fastExp(x), math.Exp(x)
		if x < -700 {
			want = 0
		}
		if math.Abs(got-want) > 1e-8*want {
			t.Fatalf("fastExp(%v) = %v, want %v", x, got, want)
		}
	}
	if fastExp(math.NaN()) != 0 || fastExp(math.Inf(-1)) != 0 {
		t.Fatal("fastExp of NaN or -Inf is not 0")
	}
}

func TestFastLog(t *testing.T) {
	for _, x := range []float64{1e-300, 1e-9, 0.0196, 0.02, 0.5, 0.7071, 0.7072, 1, 1.4142, 1.4143, 2, 3, 49.5, 1e6, 1e300} {
		got, want := fastLog(x), math.Log(x)
		if math.Abs(got-want) > 1e-12*math.Max(1, math.Abs(want)) {
			t.Errorf("fastLog(%g) = %.17g, want %.17g", x, got, want)
		}
	}
	for i := 1; i < 100000; i++ {
		x := float64(i) / 1000
		if got, want := fastLog(x), math.Log(x); math.Abs(got-want) > 1e-12*math.Max(1, math.Abs(want)) {
			t.Fatalf("fastLog(%g) = %.17g, want %.17g", x, got, want)
		}
	}
	for _, x := range []float64{0, -1, math.Inf(1), math.NaN(), 1e-310} {
		got, want := fastLog(x), math.Log(x)
		if !(got == want || math.IsNaN(got) && math.IsNaN(want)) {
			t.Errorf("fastLog(%g) = %g, want %g", x, got, want)
		}
	}
}

// expShifted (the AVX2 kernel where the CPU has it) gives fastExp's bits.
func TestExpShifted(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{1, 3, 4, 7, 28, 39} {
		for trial := 0; trial < 2000; trial++ {
			z := make([]float32, n)
			for i := range z {
				z[i] = float32(rng.NormFloat64() * 8)
				switch rng.IntN(50) {
				case 0:
					z[i] = float32(-800 + rng.Float64()*200)
				case 1:
					z[i] = float32(math.NaN())
				case 2:
					z[i] = float32(math.Inf(-1))
				}
			}
			mx := z[0]
			for _, v := range z {
				if v > mx {
					mx = v
				}
			}
			p := make([]float64, n)
			sum := expShifted(p, z, mx)
			want := 0.0
			for i, v := range z {
				w := fastExp(float64(v - mx))
				want += w
				if math.Float64bits(p[i]) != math.Float64bits(w) {
					t.Fatalf("n %d: exp(%v − %v) = %v, fastExp %v", n, v, mx, p[i], w)
				}
			}
			if math.Float64bits(sum) != math.Float64bits(want) {
				t.Fatalf("n %d: sum %v, want %v", n, sum, want)
			}
		}
	}
}

// The stacked layer's kernel and its portable loop agree to the bit.
func TestStackKernel(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, first := range []int{28, 35, 20, 23, 30} {
		const nOut, h = 39, 16
		k := nOut - first
		s := &stackLayer{h: h, first: first, kpad: (k + 7) &^ 7}
		s.a = make([]float32, nOut*h)
		s.c = make([]float32, h)
		s.v = make([]float32, h*s.kpad)
		s.d = make([]float32, s.kpad)
		for _, xs := range [][]float32{s.a, s.c, s.d[:k]} {
			for i := range xs {
				xs[i] = float32(rng.NormFloat64())
			}
		}
		for j := 0; j < h; j++ {
			for o := 0; o < k; o++ {
				s.v[j*s.kpad+o] = float32(rng.NormFloat64())
			}
		}
		for trial := 0; trial < 50; trial++ {
			var z [maxOutputs]float32
			for i := 0; i < nOut; i++ {
				z[i] = float32(rng.NormFloat64() * 3)
			}
			a, b := z, z
			s.apply(&a, nOut)
			s.applyGo(&b, nOut)
			if a != b {
				t.Fatalf("first %d: kernel %v, loop %v", first, a[:nOut], b[:nOut])
			}
			if math.IsNaN(float64(a[nOut-1])) {
				t.Fatal("NaN")
			}
		}
	}
}

// scoreRows (the kernel, where there is one) must give scores' portable arithmetic to
// the bit, and leave the columns past the outputs at zero.
func TestScoreRowsKernel(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	const nOut, stride = 39, 40
	m := &model{nOut: nOut, stride: stride, w: make([]uint16, 300*stride)}
	for r := 0; r < 300; r++ {
		for o := 0; o < nOut; o++ {
			m.w[r*stride+o] = f16(float32(rng.NormFloat64()))
		}
	}
	for o := 0; o < nOut; o++ {
		m.bias[o] = float32(rng.NormFloat64())
	}
	for _, n := range []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 100, 101, 102, 103} { // every remainder of the four-row and two-row loops
		rows := make([]int32, n)
		for i := range rows {
			rows[i] = int32(rng.IntN(300) * stride)
		}
		scale := float32(1 / math.Sqrt(float64(n+3)))
		var got, want [maxOutputs]float32
		if !scoreRows(&got, m, rows, scale) {
			t.Skip("no kernel on this CPU or build")
		}
		var acc [maxOutputs]float32
		sumRowsGo(acc[:stride], m.w, rows)
		for o := 0; o < nOut; o++ {
			want[o] = acc[o]*scale + m.bias[o]
		}
		if got != want {
			t.Fatalf("%d rows: kernel %v, loop %v", n, got, want)
		}
	}
}

// softmaxSet (AVX where there is one, one AVX2 kernel where there is that) must give the
// Go loops' probabilities and sets to the bit, ties at a threshold included, every length
// from 1 to 32 (so every count of lanes after the last group of four).
func TestSoftmaxSet(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for n := 1; n <= 32; n++ {
		for trial := 0; trial < 200; trial++ {
			z := make([]float32, n, n+8)
			for i := range z {
				z[i] = float32(rng.NormFloat64() * 4)
				if rng.IntN(10) == 0 && i > 0 {
					z[i] = z[rng.IntN(i)] // ties for the largest
				}
				if rng.IntN(40) == 0 {
					z[i] = -1000 // an exponential under fastExp's floor
				}
			}
			// the reference: fastExp one at a time, added in index order
			want := make([]float64, n)
			mx, sum := maxOfGo(z), 0.0
			for i, v := range z {
				want[i] = fastExp(float64(v - mx))
				sum += want[i]
			}
			norm := 1 / sum
			thr := make([]float64, n+3)
			for i := range thr[:n] {
				thr[i] = rng.Float64() * 0.3
				if rng.IntN(4) == 0 {
					thr[i] = want[i] * norm // exactly at the threshold
				}
			}
			wantSet := scaleDecideGo(want, thr, norm)
			got := make([]float64, n)
			if set := softmaxSet(z, got, thr); set != wantSet {
				t.Fatalf("n %d: set %b, loop %b", n, set, wantSet)
			}
			for i := range got {
				if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
					t.Fatalf("n %d: p[%d] %v, loop %v", n, i, got[i], want[i])
				}
			}
		}
	}
}
