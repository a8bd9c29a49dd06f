package analysis

import (
	"math"
	"math/rand/v2"
	"testing"
)

// labelMoods is the loop over moodLabels written out: the same moods, bit for bit, and
// the same labels and weights in the same order.
func TestLabelMoods(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for trial := 0; trial < 2000; trial++ {
		var em [NumLabels]float64
		for i := range em {
			switch trial % 4 {
			case 0:
				em[i] = rng.Float64()
			case 1:
				em[i] = rng.Float64() * 1e-6
			default:
				em[i] = rng.ExpFloat64() / 10
			}
		}
		var got, want [NumMoods]float64
		labelMoods(&got, &em)
		for mo := 0; mo < NumMoods; mo++ {
			keep := 1.0
			for _, ml := range moodLabels[mo] {
				keep *= 1 - float64(ml.w)*em[ml.label]
			}
			want[mo] = 1 - keep
		}
		for mo := range got {
			if math.Float64bits(got[mo]) != math.Float64bits(want[mo]) {
				t.Fatalf("mood %d: %v, the table's loop %v", mo, got[mo], want[mo])
			}
		}
	}
	// every label of the table is read: changing one changes its mood
	for mo := 0; mo < NumMoods; mo++ {
		for _, ml := range moodLabels[mo] {
			var em [NumLabels]float64
			var a, b [NumMoods]float64
			labelMoods(&a, &em)
			em[ml.label] = 0.5
			labelMoods(&b, &em)
			if a[mo] == b[mo] {
				t.Fatalf("mood %d does not read label %d", mo, ml.label)
			}
		}
	}
}
