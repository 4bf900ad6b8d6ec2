package web

import (
	"fmt"
	"html/template"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/jobstats/jobstats/report"
	"github.com/jobstats/jobstats/stats"
)

// The charts are inline SVG drawn here: no script, no request. Each is an
// image to assistive technology (role="img") named by its <title> and
// described by its <desc>, which says what the chart shows in words; the
// page puts the chart's data table beside it. Colours come from the
// stylesheet through classes, so that dark mode and print restyle them;
// geometry uses presentation attributes, which a strict
// Content-Security-Policy allows.

// Chart geometry, in viewBox units. The viewBox is narrow so that text
// stays readable when a phone shrinks the chart to its width.
const (
	chartW    = 400
	padLeft   = 8
	padRight  = 12
	labelSize = 11
)

// svg accumulates one chart.
type svg struct {
	id, title, desc string
	h               int
	b               strings.Builder
}

func (c *svg) f(format string, args ...any) { fmt.Fprintf(&c.b, format, args...) }

// text writes a text element; s is escaped.
func (c *svg) text(x, y float64, anchor, class, s string) {
	c.f(`<text x="%s" y="%s" text-anchor="%s" class="%s">%s</text>`, f1(x), f1(y), anchor, class, esc(s))
}

func (c *svg) html() template.HTML {
	id := esc(c.id)
	return template.HTML(fmt.Sprintf(`<svg class="chart" id="%s" viewBox="0 0 %d %d" role="img" aria-labelledby="%s-t %s-d" font-size="%d">`+
		`<title id="%s-t">%s</title><desc id="%s-d">%s</desc>%s</svg>`,
		id, chartW, c.h, id, id, labelSize, id, esc(c.title), id, esc(c.desc), c.b.String()))
}

// f1 formats a coordinate with one decimal at most.
func f1(v float64) string { return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64) }

// short formats money compactly for an axis: "$80k", "€1.2M", "INR 950k".
func short(cur string, v float64) string {
	sym := strings.TrimSuffix(report.Money(cur, 0), "0")
	a := math.Abs(v)
	var s string
	switch {
	case a >= 1e6:
		s = strconv.FormatFloat(math.Round(v/1e5)/10, 'f', -1, 64) + "M"
	case a >= 1e3:
		s = strconv.FormatFloat(math.Round(v/1e2)/10, 'f', -1, 64) + "k"
	default:
		s = strconv.FormatFloat(math.Round(v), 'f', -1, 64)
	}
	if strings.HasPrefix(s, "-") {
		return "-" + sym + s[1:]
	}
	return sym + s
}

// scale maps [lo, hi] onto [a, b].
type scale struct{ lo, hi, a, b float64 }

func (s scale) at(v float64) float64 {
	if s.hi == s.lo {
		return (s.a + s.b) / 2
	}
	return s.a + (v-s.lo)/(s.hi-s.lo)*(s.b-s.a)
}

// ticks returns about n round values covering [lo, hi].
func ticks(lo, hi float64, n int) []float64 {
	if hi <= lo {
		return []float64{lo}
	}
	step := niceStep((hi - lo) / float64(n))
	var out []float64
	for v := math.Ceil(lo/step) * step; v <= hi+step*1e-9; v += step {
		out = append(out, v)
	}
	return out
}

// niceStep is the smallest of 1, 2, 2.5 and 5 times a power of ten at
// least raw.
func niceStep(raw float64) float64 {
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*p >= raw {
			return m * p
		}
	}
	return 10 * p
}

// histogramChart draws a page's salary distribution: one bar per bin, the
// middle half (p25 to p75) shaded, the median marked.
func histogramChart(id, cur string, h *stats.Histogram, st *stats.PayStats) template.HTML {
	c := &svg{id: id, h: 230, title: "Distribution of annual salaries"}
	n := len(h.Bins)
	lo, hi := h.Bins[0].Low, h.Bins[n-1].High
	maxCount := 0
	for _, b := range h.Bins {
		maxCount = max(maxCount, b.Count)
	}
	top, bottom := 24.0, 190.0
	x := scale{lo, hi, 36, chartW - padRight}
	y := scale{0, float64(maxCount), bottom, top}
	desc := fmt.Sprintf("Histogram of %d annual salaries in %s, in bins of %s from %s to %s; the tallest bin holds %d.",
		st.Count, cur, report.Money(cur, h.Width), report.Money(cur, lo), report.Money(cur, hi), maxCount)
	if st.P25 != nil && st.P75 != nil {
		desc += fmt.Sprintf(" Half of them lie between %s and %s (shaded).", report.Money(cur, *st.P25), report.Money(cur, *st.P75))
		c.f(`<rect class="iqr" x="%s" y="%s" width="%s" height="%s"/>`, f1(x.at(*st.P25)), f1(top-6), f1(x.at(*st.P75)-x.at(*st.P25)), f1(bottom-top+6))
	}
	if st.Median != nil {
		desc += fmt.Sprintf(" The median is %s.", report.Money(cur, *st.Median))
	}
	c.desc = desc
	// Grid and count axis.
	for _, t := range ticks(0, float64(maxCount), 3) {
		if t == 0 {
			continue
		}
		c.f(`<line class="grid" x1="36" x2="%d" y1="%s" y2="%s"/>`, chartW-padRight, f1(y.at(t)), f1(y.at(t)))
		c.text(32, y.at(t)+4, "end", "tick", strconv.FormatFloat(t, 'f', -1, 64))
	}
	bw := x.at(h.Bins[0].High) - x.at(h.Bins[0].Low)
	for _, b := range h.Bins {
		if b.Count == 0 {
			continue
		}
		c.f(`<rect class="bar" x="%s" y="%s" width="%s" height="%s"><title>%s–%s: %d</title></rect>`,
			f1(x.at(b.Low)+0.75), f1(y.at(float64(b.Count))), f1(math.Max(bw-1.5, 1)), f1(bottom-y.at(float64(b.Count))),
			esc(report.Money(cur, b.Low)), esc(report.Money(cur, b.High)), b.Count)
	}
	c.f(`<line class="axis" x1="36" x2="%d" y1="%s" y2="%s"/>`, chartW-padRight, f1(bottom), f1(bottom))
	for _, t := range ticks(lo, hi, 5) {
		c.f(`<line class="axis" x1="%s" x2="%s" y1="%s" y2="%s"/>`, f1(x.at(t)), f1(x.at(t)), f1(bottom), f1(bottom+4))
		anchor := "middle"
		if x.at(t) > chartW-padRight-16 {
			anchor = "end"
		}
		c.text(x.at(t), bottom+17, anchor, "tick", short(cur, t))
	}
	if st.Median != nil {
		mx := x.at(*st.Median)
		c.f(`<line class="median" x1="%s" x2="%s" y1="%s" y2="%s"/>`, f1(mx), f1(mx), f1(top-8), f1(bottom))
		anchor := "middle"
		if mx > chartW-70 {
			anchor = "end"
		} else if mx < 90 {
			anchor = "start"
		}
		c.text(mx, top-11, anchor, "label", "median "+short(cur, *st.Median))
	}
	c.text(36+(chartW-padRight-36)/2, 226, "middle", "axis-title", "annual salary ("+cur+"); bars count salaries")
	return c.html()
}

// band is one row of the seniority chart.
type band struct {
	label                   string
	p10, p25, med, p75, p90 *float64
	count                   int
	// below names a lower level whose median is above this one's.
	below string
}

// bandsChart draws salary by level: the middle half (p25–p75) as a bar,
// p10–p90 as a whisker, the median as a tick; a level with too few
// salaries says so.
func bandsChart(id, cur string, rows []band) template.HTML {
	row := 30.0
	top := 8.0
	c := &svg{id: id, h: int(top + row*float64(len(rows)) + 30), title: "Salary range by seniority"}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, r := range rows {
		for _, v := range []*float64{r.p10, r.p25, r.med, r.p75, r.p90} {
			if v != nil {
				lo, hi = math.Min(lo, *v), math.Max(hi, *v)
			}
		}
	}
	if math.IsInf(lo, 0) {
		lo, hi = 0, 1
	}
	pad := (hi - lo) * 0.05
	left := 78.0
	x := scale{math.Max(0, lo-pad), hi + pad, left, chartW - padRight}
	var desc []string
	bottom := top + row*float64(len(rows))
	for _, t := range ticks(x.lo, x.hi, 4) {
		c.f(`<line class="grid" x1="%s" x2="%s" y1="%s" y2="%s"/>`, f1(x.at(t)), f1(x.at(t)), f1(top), f1(bottom))
		c.text(x.at(t), bottom+16, "middle", "tick", short(cur, t))
	}
	for i, r := range rows {
		cy := top + row*float64(i) + row/2
		if r.below != "" {
			c.f(`<text x="%s" y="%s" text-anchor="end" class="label">%s <tspan class="flag">(!)</tspan></text>`, f1(left-6), f1(cy+4), esc(r.label))
			desc = append(desc, fmt.Sprintf("%s median below the %s median", r.label, r.below))
		} else {
			c.text(left-6, cy+4, "end", "label", r.label)
		}
		switch {
		case r.med == nil:
			c.text(left+4, cy+4, "start", "hint", fmt.Sprintf("too few salaries (n=%d)", r.count))
			desc = append(desc, fmt.Sprintf("%s: too few salaries (%d)", r.label, r.count))
			continue
		case r.p25 != nil && r.p75 != nil:
			if r.p10 != nil && r.p90 != nil {
				c.f(`<line class="whisker" x1="%s" x2="%s" y1="%s" y2="%s"/>`, f1(x.at(*r.p10)), f1(x.at(*r.p90)), f1(cy), f1(cy))
			}
			c.f(`<rect class="band" x="%s" y="%s" width="%s" height="14" rx="2"><title>%s: %s–%s</title></rect>`,
				f1(x.at(*r.p25)), f1(cy-7), f1(math.Max(x.at(*r.p75)-x.at(*r.p25), 1)), esc(r.label),
				esc(report.Money(cur, *r.p25)), esc(report.Money(cur, *r.p75)))
			desc = append(desc, fmt.Sprintf("%s: median %s, middle half %s to %s", r.label, report.Money(cur, *r.med),
				report.Money(cur, *r.p25), report.Money(cur, *r.p75)))
		default:
			desc = append(desc, fmt.Sprintf("%s: median %s (too few salaries for a range)", r.label, report.Money(cur, *r.med)))
		}
		mx := x.at(*r.med)
		c.f(`<line class="median" x1="%s" x2="%s" y1="%s" y2="%s"><title>%s median %s</title></line>`, f1(mx), f1(mx), f1(cy-10), f1(cy+10),
			esc(r.label), esc(report.Money(cur, *r.med)))
		end := mx
		if r.p90 != nil {
			end = math.Max(end, x.at(*r.p90))
		} else if r.p75 != nil {
			end = math.Max(end, x.at(*r.p75))
		}
		start := mx
		if r.p10 != nil {
			start = math.Min(start, x.at(*r.p10))
		} else if r.p25 != nil {
			start = math.Min(start, x.at(*r.p25))
		}
		if end < chartW-60 {
			c.text(end+6, cy+4, "start", "value", short(cur, *r.med))
		} else {
			c.text(start-6, cy+4, "end", "value", short(cur, *r.med))
		}
	}
	c.desc = "Annual salary in " + cur + " by level. " + strings.Join(desc, "; ") + "."
	return c.html()
}

// barItem is one bar of a bar chart.
type barItem struct {
	label string
	value float64 // bar length, against the chart's max
	text  string  // shown at the bar's end
	class string  // extra class for the bar
}

// barChart draws labelled horizontal bars.
func barChart(id, title, desc string, items []barItem, maxValue float64) template.HTML {
	row := 24.0
	c := &svg{id: id, h: int(row*float64(len(items)) + 6), title: title, desc: desc}
	left := 150.0
	x := scale{0, maxValue, left, chartW - 54}
	for i, it := range items {
		cy := row*float64(i) + row/2 + 2
		label := it.label
		if r := []rune(label); len(r) > 20 {
			label = string(r[:19]) + "…"
		}
		c.text(left-6, cy+4, "end", "label", label)
		w := x.at(it.value) - left
		cls := "bar"
		if it.class != "" {
			cls += " " + it.class
		}
		c.f(`<rect class="%s" x="%s" y="%s" width="%s" height="14" rx="2"/>`, esc(cls), f1(left), f1(cy-7), f1(math.Max(w, 1)))
		c.text(left+math.Max(w, 1)+5, cy+4, "start", "value", it.text)
	}
	return c.html()
}

// trendChart draws one series over time: points joined by lines, a gap
// where a value is missing.
func trendChart(id, title, unit string, at []time.Time, vals []*float64, format func(float64) string) template.HTML {
	c := &svg{id: id, h: 176, title: title}
	top, bottom := 26.0, 136.0
	c.text(52, 12, "start", "label", title)
	lo, hi := math.Inf(1), math.Inf(-1)
	var known int
	for _, v := range vals {
		if v != nil {
			lo, hi = math.Min(lo, *v), math.Max(hi, *v)
			known++
		}
	}
	if known == 0 {
		c.desc = title + ": no figure yet."
		c.text(chartW/2, 80, "middle", "hint", "no figure yet")
		return c.html()
	}
	pad := (hi - lo) * 0.15
	if pad == 0 {
		pad = math.Max(math.Abs(hi)*0.1, 1)
	}
	ylo := lo - pad
	if lo >= 0 {
		ylo = math.Max(0, ylo)
	}
	y := scale{ylo, hi + pad, bottom, top}
	t0, t1 := at[0], at[len(at)-1]
	x := scale{0, t1.Sub(t0).Seconds(), 52, chartW - padRight - 4}
	xAt := func(t time.Time) float64 { return x.at(t.Sub(t0).Seconds()) }
	for _, t := range ticks(y.lo, y.hi, 3) {
		c.f(`<line class="grid" x1="52" x2="%d" y1="%s" y2="%s"/>`, chartW-padRight, f1(y.at(t)), f1(y.at(t)))
		c.text(48, y.at(t)+4, "end", "tick", format(t))
	}
	c.f(`<line class="axis" x1="52" x2="%d" y1="%s" y2="%s"/>`, chartW-padRight, f1(bottom), f1(bottom))
	var path strings.Builder
	pen := false
	for i, v := range vals {
		if v == nil {
			pen = false
			continue
		}
		cmd := "L"
		if !pen {
			cmd = "M"
		}
		fmt.Fprintf(&path, "%s%s %s ", cmd, f1(xAt(at[i])), f1(y.at(*v)))
		pen = true
	}
	c.f(`<path class="line" d="%s"/>`, strings.TrimSpace(path.String()))
	for i, v := range vals {
		if v != nil {
			c.f(`<circle class="dot" cx="%s" cy="%s" r="3"><title>%s: %s</title></circle>`, f1(xAt(at[i])), f1(y.at(*v)),
				at[i].UTC().Format("2006-01-02 15:04"), esc(format(*v)))
		}
	}
	c.text(52, bottom+18, "start", "tick", t0.UTC().Format("Jan 2"))
	if len(at) > 1 {
		c.text(chartW-padRight-4, bottom+18, "end", "tick", t1.UTC().Format("Jan 2"))
	}
	first, last := firstLast(vals)
	c.desc = fmt.Sprintf("%s over %d snapshots from %s to %s: from %s to %s %s.", title, len(at),
		t0.UTC().Format("2006-01-02"), t1.UTC().Format("2006-01-02"), format(first), format(last), unit)
	return c.html()
}

func firstLast(vals []*float64) (first, last float64) {
	seen := false
	for _, v := range vals {
		if v != nil {
			if !seen {
				first, seen = *v, true
			}
			last = *v
		}
	}
	return first, last
}

// sparkline draws a series small, for the index: no axes; its title says
// what it shows.
func sparkline(id, title string, vals []float64) template.HTML {
	if len(vals) < 2 {
		return ""
	}
	const w, h = 96.0, 24.0
	lo, hi := vals[0], vals[0]
	for _, v := range vals {
		lo, hi = math.Min(lo, v), math.Max(hi, v)
	}
	x := scale{0, float64(len(vals) - 1), 2, w - 2}
	y := scale{lo, hi, h - 3, 3}
	var pts []string
	for i, v := range vals {
		pts = append(pts, f1(x.at(float64(i)))+","+f1(y.at(v)))
	}
	return template.HTML(fmt.Sprintf(`<svg class="spark" viewBox="0 0 %s %s" role="img" aria-labelledby="%s-t"><title id="%s-t">%s</title>`+
		`<polyline class="line" points="%s"/></svg>`, f1(w), f1(h), esc(id), esc(id), esc(title), strings.Join(pts, " ")))
}
