package stats

import (
	"cmp"
	"math"
	"slices"
	"sync"
)

// Sample rules: how many figures a statistic needs before it is given.
const (
	// MinMedian is the fewest figures for which a median, an average, a
	// minimum and a maximum are given; below it a report says "too few to
	// say" and the JSON has null.
	MinMedian = 5
	// MinPercentiles is the fewest figures for which percentiles (p10,
	// p25, p75, p90) are given.
	MinPercentiles = 10
	// Confidence is the coverage the median's confidence interval aims
	// for. Five figures cannot reach it: their interval, the lowest to the
	// highest figure, covers the median with probability 1 - 2/2^5 =
	// 93.75%, and Interval.Level says so.
	Confidence = 0.95
)

// PayStats describes a sample of pay figures (annual salaries, or rates per
// one period) in one currency. Count is always set; every other figure is
// null when the sample is too small for it (see MinMedian and
// MinPercentiles). Figures are rounded to hundredths.
type PayStats struct {
	// Count is the number of figures.
	Count int `json:"count"`
	// Average is the arithmetic mean; null below MinMedian figures.
	Average *float64 `json:"average"`
	// Median is the middle figure (the mean of the two middle ones for an
	// even count); null below MinMedian figures.
	Median *float64 `json:"median"`
	// MedianCI is a distribution-free confidence interval for the median
	// (see MedianCI); null when Median is.
	MedianCI *Interval `json:"median_ci"`
	// P10, P25, P75 and P90 are percentiles by linear interpolation between
	// the closest ranks (see Percentile); null below MinPercentiles figures.
	P10 *float64 `json:"p10"`
	P25 *float64 `json:"p25"`
	P75 *float64 `json:"p75"`
	P90 *float64 `json:"p90"`
	// Min and Max are the lowest and highest figure; null below MinMedian.
	Min *float64 `json:"min"`
	Max *float64 `json:"max"`
}

// Interval is a confidence interval: the true value lies between Low and
// High with probability Level (a fraction, such as 0.9785).
type Interval struct {
	Low   float64 `json:"low"`
	High  float64 `json:"high"`
	Level float64 `json:"level"`
}

// payStats sorts v in place and returns its statistics.
func payStats(v []float64) PayStats {
	if len(v) >= MinMedian {
		sortFloats(v)
	}
	return sortedPayStats(v)
}

// sortedPayStats returns the statistics of v, sorted ascending.
func sortedPayStats(v []float64) PayStats {
	st := PayStats{Count: len(v)}
	if len(v) < MinMedian {
		return st
	}
	var sum float64
	for _, x := range v {
		sum += x
	}
	st.Average = ptr(round2(sum / float64(len(v))))
	st.Median = ptr(round2(Percentile(v, 0.5)))
	st.Min, st.Max = ptr(round2(v[0])), ptr(round2(v[len(v)-1]))
	if ci, ok := MedianCI(v, Confidence); ok {
		ci.Low, ci.High, ci.Level = round2(ci.Low), round2(ci.High), math.Round(ci.Level*1e4)/1e4
		st.MedianCI = &ci
	}
	if len(v) >= MinPercentiles {
		st.P10 = ptr(round2(Percentile(v, 0.10)))
		st.P25 = ptr(round2(Percentile(v, 0.25)))
		st.P75 = ptr(round2(Percentile(v, 0.75)))
		st.P90 = ptr(round2(Percentile(v, 0.90)))
	}
	return st
}

// scaled returns st with every money figure multiplied by k (a currency
// conversion); the interval's level and the count stay.
func (st PayStats) scaled(k float64) PayStats {
	m := func(p *float64) *float64 {
		if p == nil {
			return nil
		}
		return ptr(round2(*p * k))
	}
	out := PayStats{Count: st.Count, Average: m(st.Average), Median: m(st.Median),
		P10: m(st.P10), P25: m(st.P25), P75: m(st.P75), P90: m(st.P90), Min: m(st.Min), Max: m(st.Max)}
	if ci := st.MedianCI; ci != nil {
		out.MedianCI = &Interval{Low: round2(ci.Low * k), High: round2(ci.High * k), Level: ci.Level}
	}
	return out
}

// MedianCI returns a distribution-free confidence interval for the median
// of the population sorted was drawn from: the order statistics
// [x(k), x(n+1-k)] (1-based ranks), with k the largest rank for which the
// interval covers the median with probability at least level. The
// coverage, 1 - 2·P(B <= k-1) with B ~ Binomial(n, 1/2), is exact and
// assumes only independent draws from a continuous distribution. When no
// rank reaches level (n <= 5 at 95%), the interval is the whole sample and
// its Level is the lower coverage it has. It reports false for an empty
// slice.
func MedianCI(sorted []float64, level float64) (Interval, bool) {
	n := len(sorted)
	if n == 0 {
		return Interval{}, false
	}
	tail := (1 - level) / 2
	// Walk the binomial CDF, c = P(B <= j), with the probabilities in log
	// space so that a large n does not underflow 2^-n. While a term's
	// exponential underflows to exactly 0 it adds nothing to c, so Exp is
	// not called for it; the logarithms come from a table made with
	// math.Log: the arithmetic, and so the result, is that of the plain
	// loop.
	logs := logTableFor(n)
	logHalfN := float64(n) * math.Ln2
	logP := -logHalfN // log P(B = 0)
	c, j := 0.0, 0
	for ; j <= n/2; j++ {
		next := c
		if logP >= minLogExp {
			next = c + math.Exp(logP)
		}
		if next > tail {
			break
		}
		c = next
		logP += logs.log(n-j) - logs.log(j+1) // P(B = j+1) from P(B = j)
	}
	// Here P(B <= j-1) = c <= tail and P(B <= j) > tail: the rank is j.
	k := max(j, 1)
	if j == 0 {
		c = math.Exp(-logHalfN) // the whole sample: 1 - 2·P(B = 0)
	}
	return Interval{Low: sorted[k-1], High: sorted[n-k], Level: 1 - 2*c}, true
}

// minLogExp is a bound below which math.Exp returns exactly 0 (it
// underflows below about -745.13).
const minLogExp = -746

// logTable holds math.Log(k) for k from 1 to its length, so that MedianCI
// takes a logarithm in one load. It is shared and grows as larger samples
// come, up to maxLogTable; larger ones call math.Log.
type logTable []float64

const maxLogTable = 1 << 22

var (
	logsMu sync.Mutex
	logs   logTable
)

// logTableFor returns a table holding at least n logarithms when n is at
// most maxLogTable.
func logTableFor(n int) logTable {
	logsMu.Lock()
	defer logsMu.Unlock()
	if n > len(logs) && n <= maxLogTable {
		t := make(logTable, min(max(n, 2*len(logs)), maxLogTable))
		copy(t, logs)
		for k := len(logs); k < len(t); k++ {
			t[k] = math.Log(float64(k + 1))
		}
		logs = t
	}
	return logs
}

// log returns math.Log(k) for k >= 1.
func (t logTable) log(k int) float64 {
	if k <= len(t) {
		return t[k-1]
	}
	return math.Log(float64(k))
}

// YearsStats is the years of experience a set of listings asks for.
type YearsStats struct {
	// Count is how many listings state a number of years.
	Count int `json:"count"`
	// Median is the median of those years; null below MinMedian listings.
	Median *float64 `json:"median"`
}

func yearsStats(v []float64) YearsStats {
	st := YearsStats{Count: len(v)}
	if len(v) >= MinMedian {
		sortFloats(v)
		st.Median = ptr(round2(Percentile(v, 0.5)))
	}
	return st
}

// Percentile returns the p-th quantile (0 <= p <= 1) of sorted, by linear
// interpolation between the closest ranks: with h = (n-1)·p, the value is
// sorted[⌊h⌋] + (h-⌊h⌋)·(sorted[⌊h⌋+1] - sorted[⌊h⌋]). This is method 7 of
// Hyndman and Fan, as in Excel's PERCENTILE.INC and NumPy's default; the
// median of an even count is the mean of the two middle values. It returns
// NaN for an empty slice.
func Percentile(sorted []float64, p float64) float64 {
	n := len(sorted)
	if n == 0 {
		return math.NaN()
	}
	p = min(max(p, 0), 1)
	h := float64(n-1) * p
	lo := int(math.Floor(h))
	if lo >= n-1 {
		return sorted[n-1]
	}
	return sorted[lo] + (h-float64(lo))*(sorted[lo+1]-sorted[lo])
}

func round2(x float64) float64 { return math.Round(x*100) / 100 }

func ptr[T any](v T) *T { return &v }

// median returns Percentile(v sorted, 0.5) without sorting v: it selects
// the two middle values in place (v is left reordered), in linear time. A
// sample holding a NaN is sorted as sortFloats does.
func median(v []float64) float64 {
	n := len(v)
	if n == 0 || slices.ContainsFunc(v, math.IsNaN) {
		sortFloats(v)
		return Percentile(v, 0.5)
	}
	lo := (n - 1) / 2
	selectKth(v, lo)
	if n%2 == 1 {
		return v[lo]
	}
	// Percentile's interpolation, at half way: the next value is the
	// least of those after lo.
	return v[lo] + 0.5*(slices.Min(v[lo+1:])-v[lo])
}

// selectKth reorders v (no NaN) so that v[k] is the value a sort would put
// there, with nothing greater before it and nothing less after it.
func selectKth(v []float64, k int) {
	lo, hi := 0, len(v)-1
	for hi > lo {
		if hi-lo < 16 {
			slices.Sort(v[lo : hi+1])
			return
		}
		// The median of three as the pivot, then Hoare's partition.
		mid := lo + (hi-lo)/2
		a, b, c := v[lo], v[mid], v[hi]
		pivot := max(min(a, b), min(max(a, b), c))
		i, j := lo, hi
		for i <= j {
			for v[i] < pivot {
				i++
			}
			for v[j] > pivot {
				j--
			}
			if i <= j {
				v[i], v[j] = v[j], v[i]
				i++
				j--
			}
		}
		switch {
		case k <= j:
			hi = j
		case k >= i:
			lo = i
		default:
			return // v[j+1 : i] all equal the pivot
		}
	}
}

// sortFloats sorts v ascending as slices.Sort does, by radix when it is
// long (a few times faster on the large samples of big pages).
func sortFloats(v []float64) { sortFloatsWith(v, nil) }

// sortFloatsWith sorts v ascending as slices.Sort does, and permutes tags
// (nil, or as long as v) along with it, so that tags[i] stays with v[i].
// Long samples are sorted by radix; a sample holding a NaN is left to a
// comparison sort, which orders NaNs first.
func sortFloatsWith(v []float64, tags []int32) {
	if len(v) < 512 || slices.ContainsFunc(v, math.IsNaN) {
		if tags == nil {
			slices.Sort(v)
			return
		}
		idx := make([]int32, len(v))
		for i := range idx {
			idx[i] = int32(i)
		}
		slices.SortFunc(idx, func(a, b int32) int { return cmp.Compare(v[a], v[b]) })
		vs, ts := slices.Clone(v), slices.Clone(tags)
		for i, j := range idx {
			v[i], tags[i] = vs[j], ts[j]
		}
		return
	}
	buf := radixBuffers.Get().(*radixBuffer)
	defer radixBuffers.Put(buf)
	keys, tmp := buf.keys(len(v))
	for i, x := range v {
		// Order the bits as the numbers: flip every bit of a negative,
		// the sign bit of the rest.
		b := math.Float64bits(x)
		if b>>63 == 1 {
			b = ^b
		} else {
			b |= 1 << 63
		}
		keys[i] = b
	}
	var tagTmp []int32
	if tags != nil {
		tagTmp = buf.tags(len(tags))
	}
	// Least significant digit first, 11 bits a digit: 6 passes, less the
	// digits every key shares.
	const bits, buckets = 11, 1 << 11
	var count [buckets + 1]int
	src, dst, tsrc, tdst := keys, tmp, tags, tagTmp
	for shift := uint(0); shift < 64; shift += bits {
		clear(count[:])
		for _, k := range src {
			count[(k>>shift)&(buckets-1)+1]++
		}
		if count[(src[0]>>shift)&(buckets-1)+1] == len(src) {
			continue
		}
		for i := 1; i <= buckets; i++ {
			count[i] += count[i-1]
		}
		if tags == nil {
			for _, k := range src {
				d := (k >> shift) & (buckets - 1)
				dst[count[d]] = k
				count[d]++
			}
		} else {
			for i, k := range src {
				d := (k >> shift) & (buckets - 1)
				dst[count[d]] = k
				tdst[count[d]] = tsrc[i]
				count[d]++
			}
			tsrc, tdst = tdst, tsrc
		}
		src, dst = dst, src
	}
	for i, b := range src {
		if b>>63 == 1 {
			b &^= 1 << 63
		} else {
			b = ^b
		}
		v[i] = math.Float64frombits(b)
	}
	if tags != nil && &tsrc[0] != &tags[0] {
		copy(tags, tsrc)
	}
}

// radixBuffer is the scratch memory of sortFloatsWith, kept between sorts
// (each summary sorts dozens of samples, on several goroutines).
type radixBuffer struct {
	k, t []uint64
	g    []int32
}

var radixBuffers = sync.Pool{New: func() any { return new(radixBuffer) }}

// keys returns two buffers of n keys.
func (b *radixBuffer) keys(n int) (keys, tmp []uint64) {
	if cap(b.k) < n {
		b.k, b.t = make([]uint64, n), make([]uint64, n)
	}
	return b.k[:n], b.t[:n]
}

// tags returns a buffer of n tags.
func (b *radixBuffer) tags(n int) []int32 {
	if cap(b.g) < n {
		b.g = make([]int32, n)
	}
	return b.g[:n]
}
