package stats

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestSortFloatsWith compares the radix sort with slices.Sort, and checks
// that each tag stays with its value.
func TestSortFloatsWith(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{0, 1, 7, 511, 512, 4000} {
		v := make([]float64, n)
		tags := make([]int32, n)
		for i := range v {
			switch r.IntN(6) {
			case 0:
				v[i] = -r.Float64() * 1e6
			case 1:
				v[i] = math.Copysign(0, -1)
			case 2:
				v[i] = math.Inf(1 - 2*r.IntN(2))
			default:
				v[i] = r.Float64() * 1e6
			}
			tags[i] = int32(i)
		}
		orig := slices.Clone(v)
		want := slices.Clone(v)
		slices.Sort(want)
		sortFloatsWith(v, tags)
		for i := range v {
			if v[i] != want[i] && !(math.IsNaN(v[i]) && math.IsNaN(want[i])) {
				t.Fatalf("n=%d: v[%d] = %v, want %v", n, i, v[i], want[i])
			}
			if orig[tags[i]] != v[i] && !(v[i] == 0 && orig[tags[i]] == 0) {
				t.Fatalf("n=%d: tag %d went with %v, its value was %v", n, tags[i], v[i], orig[tags[i]])
			}
		}
	}
	withNaN := []float64{3, math.NaN(), 1}
	for range 600 {
		withNaN = append(withNaN, 2)
	}
	sortFloats(withNaN)
	if !math.IsNaN(withNaN[0]) || withNaN[1] != 1 || withNaN[len(withNaN)-1] != 3 {
		t.Errorf("a sample with a NaN: %v ... %v", withNaN[:3], withNaN[len(withNaN)-1])
	}
}

// TestMedian compares the median by selection with Percentile of the
// sorted sample, on samples with ties, odd and even lengths.
func TestMedian(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for n := 1; n < 3000; n += 1 + n/7 {
		for _, spread := range []int{3, 100, 1 << 30} {
			v := make([]float64, n)
			for i := range v {
				v[i] = float64(r.IntN(spread)) * 1.25
			}
			sorted := slices.Clone(v)
			slices.Sort(sorted)
			want := Percentile(sorted, 0.5)
			if got := median(v); got != want {
				t.Fatalf("n %d, spread %d: median %v, want %v", n, spread, got, want)
			}
		}
	}
	if got := median([]float64{3, math.NaN(), 1}); got != 1 {
		t.Errorf("median with a NaN = %v, want 1 (NaN sorts first)", got)
	}
}
