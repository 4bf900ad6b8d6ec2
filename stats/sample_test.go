package stats_test

import (
	"math"
	"math/big"
	"slices"
	"testing"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/stats"
)

func TestPayStats(t *testing.T) {
	tests := []struct {
		name   string
		values []float64
		want   string
	}{
		{"none", nil, `{"count":0,"average":null,"median":null,"median_ci":null,"p10":null,"p25":null,"p75":null,"p90":null,"min":null,"max":null}`},
		{"one is too few", []float64{70000}, `{"count":1,"average":null,"median":null,"median_ci":null,"p10":null,"p25":null,"p75":null,"p90":null,"min":null,"max":null}`},
		{"four is too few", []float64{1000, 2000, 3000, 4000}, `{"count":4,"average":null,"median":null,"median_ci":null,"p10":null,"p25":null,"p75":null,"p90":null,"min":null,"max":null}`},
		// Five: a median, whose interval is the whole sample at 93.75%;
		// no percentiles yet.
		{"five", []float64{105000, 96250, 125000, 98000, 120000},
			`{"count":5,"average":108850,"median":105000,"median_ci":{"low":96250,"high":125000,"level":0.9375},"p10":null,"p25":null,"p75":null,"p90":null,"min":96250,"max":125000}`},
		// Six: the whole sample covers at 96.88%.
		{"six, even", []float64{135000, 90000, 110000, 100000, 95000, 120000},
			`{"count":6,"average":108333.33,"median":105000,"median_ci":{"low":90000,"high":135000,"level":0.9688},"p10":null,"p25":null,"p75":null,"p90":null,"min":90000,"max":135000}`},
		// Ten: percentiles, and the interval from the 2nd to the 9th.
		{"ten", []float64{10000, 20000, 30000, 40000, 50000, 60000, 70000, 80000, 90000, 100000},
			`{"count":10,"average":55000,"median":55000,"median_ci":{"low":20000,"high":90000,"level":0.9785},"p10":19000,"p25":32500,"p75":77500,"p90":91000,"min":10000,"max":100000}`},
		{"rounded to cents", []float64{10000, 10000, 10001, 10000, 10000},
			`{"count":5,"average":10000.2,"median":10000,"median_ci":{"low":10000,"high":10001,"level":0.9375},"p10":null,"p25":null,"p75":null,"p90":null,"min":10000,"max":10001}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ls []*jobstats.Listing
			for _, v := range tt.values {
				ls = append(ls, listing("Backend Engineer", yearUSD(v)))
			}
			if len(ls) == 0 {
				ls = append(ls, listing("Backend Engineer", nil))
			}
			p := onlyPage(t, summarize(stats.Options{}, ls...))
			if got := js(p.Salary); got != tt.want {
				t.Errorf("salary =\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

// coverage returns 1 - 2·P(B <= k-1), B ~ Binomial(n, 1/2), exactly.
func coverage(n, k int) float64 {
	sum := new(big.Int)
	for i := 0; i < k; i++ {
		sum.Add(sum, new(big.Int).Binomial(int64(n), int64(i)))
	}
	p := new(big.Rat).SetFrac(sum, new(big.Int).Lsh(big.NewInt(1), uint(n)))
	c, _ := new(big.Rat).Sub(big.NewRat(1, 1), new(big.Rat).Mul(big.NewRat(2, 1), p)).Float64()
	return c
}

// TestMedianCI checks the interval's ranks against exact binomial sums for
// every n up to 200: its coverage is at least 95% and the next narrower
// interval's is not.
func TestMedianCI(t *testing.T) {
	for n := 1; n <= 200; n++ {
		v := make([]float64, n)
		for i := range v {
			v[i] = float64(i + 1) // the value is the rank
		}
		ci, ok := stats.MedianCI(v, 0.95)
		if !ok {
			t.Fatalf("n=%d: no interval", n)
		}
		k := int(ci.Low)
		if int(ci.High) != n+1-k {
			t.Fatalf("n=%d: interval [%v, %v] is not symmetric in rank", n, ci.Low, ci.High)
		}
		want := coverage(n, k)
		if math.Abs(ci.Level-want) > 1e-9 {
			t.Errorf("n=%d: level %.6f, exact %.6f", n, ci.Level, want)
		}
		switch {
		case n <= 5 && k != 1:
			t.Errorf("n=%d: rank %d, want the whole sample", n, k)
		case n > 5 && want < 0.95:
			t.Errorf("n=%d: rank %d covers only %.4f", n, k, want)
		case n > 5 && 2*(k+1) <= n && coverage(n, k+1) >= 0.95:
			t.Errorf("n=%d: rank %d is not the narrowest: %d covers %.4f", n, k, k+1, coverage(n, k+1))
		}
	}
	// Known ranks from published tables.
	for _, tt := range []struct{ n, k int }{{6, 1}, {8, 1}, {9, 2}, {10, 2}, {20, 6}, {30, 10}, {100, 40}} {
		v := make([]float64, tt.n)
		for i := range v {
			v[i] = float64(i + 1)
		}
		if ci, _ := stats.MedianCI(v, 0.95); int(ci.Low) != tt.k {
			t.Errorf("n=%d: lower rank %v, want %d", tt.n, ci.Low, tt.k)
		}
	}
	if _, ok := stats.MedianCI(nil, 0.95); ok {
		t.Error("an empty sample has an interval")
	}
}

// TestMedianCILarge checks that a large sample neither underflows 2^-n nor
// strays from the normal approximation of the ranks.
func TestMedianCILarge(t *testing.T) {
	for _, n := range []int{1075, 10_000, 250_000} {
		v := make([]float64, n)
		for i := range v {
			v[i] = float64(i + 1)
		}
		ci, _ := stats.MedianCI(v, 0.95)
		approx := float64(n)/2 - 1.96*math.Sqrt(float64(n))/2
		if math.Abs(ci.Low-approx) > 2 || ci.Level < 0.95 || ci.Level > 0.96 || !slices.IsSorted([]float64{ci.Low, ci.High}) {
			t.Errorf("n=%d: interval %+v, lower rank near %.1f expected", n, ci, approx)
		}
	}
}
