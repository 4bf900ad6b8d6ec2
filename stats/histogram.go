package stats

import (
	"math"
	"slices"
)

// HistogramBins is about how many bins a salary histogram has: the width
// is the round number (1, 2, 2.5 or 5 times a power of ten) that covers
// the lowest to the highest figure in at most this many bins.
const HistogramBins = 12

// Histogram counts a sample of pay figures in bins of one width, from the
// bin holding the lowest figure to the one holding the highest; bins in
// between may be empty. It is the distribution behind a page's salary
// figures, for a chart.
type Histogram struct {
	// Width is the width of every bin, in the sample's currency.
	Width float64 `json:"width"`
	// Bins are the bins, lowest first.
	Bins []Bin `json:"bins"`
}

// Bin is one bin of a Histogram: the figures from Low (included) to High
// (excluded; the last bin includes its High).
type Bin struct {
	Low   float64 `json:"low"`
	High  float64 `json:"high"`
	Count int     `json:"count"`
}

// NewHistogram returns the histogram of v (in any order, not modified),
// or nil when v has fewer than MinPercentiles figures: a small sample's
// bins would show single salaries rather than a distribution.
func NewHistogram(v []float64) *Histogram {
	if len(v) < MinPercentiles {
		return nil
	}
	lo, hi := slices.Min(v), slices.Max(v)
	w := niceWidth((hi - lo) / HistogramBins)
	start := math.Floor(lo/w) * w
	n := int(math.Floor((hi-start)/w)) + 1
	h := &Histogram{Width: w, Bins: make([]Bin, n)}
	for i := range h.Bins {
		h.Bins[i].Low = round2(start + float64(i)*w)
		h.Bins[i].High = round2(start + float64(i+1)*w)
	}
	for _, x := range v {
		i := min(int(math.Floor((x-start)/w)), n-1)
		h.Bins[max(i, 0)].Count++
	}
	return h
}

// niceWidth returns the smallest of 1, 2, 2.5 and 5 times a power of ten
// that is at least raw; 1 for a raw width of zero (a sample of one value).
func niceWidth(raw float64) float64 {
	if raw <= 0 || math.IsNaN(raw) || math.IsInf(raw, 0) {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*p >= raw {
			return m * p
		}
	}
	return 10 * p
}
