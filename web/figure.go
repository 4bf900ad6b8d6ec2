package web

import (
	"fmt"
	"html"
	"html/template"
	"strconv"
	"strings"

	"github.com/jobstats/jobstats/report"
	"github.com/jobstats/jobstats/stats"
)

// Every figure a page shows from the report is a <data> element: its
// value attribute is the number exactly as the report JSON has it, and
// its data-field attribute the JSON Pointer (RFC 6901) of that number in
// the page's data.json (the report JSON for the page's filter). Text is
// formatted as the markdown report formats it. Tests, and anyone scraping
// a page, read the figures from these attributes.

// esc escapes text for HTML content or a quoted attribute.
func esc(s string) string { return html.EscapeString(s) }

// ptr joins JSON Pointer segments, escaping each.
func ptr(base string, segs ...any) string {
	var b strings.Builder
	b.WriteString(base)
	for _, s := range segs {
		b.WriteByte('/')
		t := fmt.Sprint(s)
		t = strings.ReplaceAll(t, "~", "~0")
		t = strings.ReplaceAll(t, "/", "~1")
		b.WriteString(t)
	}
	return b.String()
}

// num formats a JSON number the way encoding/json writes a float64 that
// holds an integer or a value rounded to hundredths.
func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// dataEl is a <data> element holding value, shown as text.
func dataEl(field, value, text, class string) template.HTML {
	c := ""
	if class != "" {
		c = ` class="` + esc(class) + `"`
	}
	return template.HTML(`<data` + c + ` value="` + esc(value) + `" data-field="` + esc(field) + `">` + esc(text) + `</data>`)
}

// money shows an amount at field.
func money(field, cur string, v float64) template.HTML {
	return dataEl(field, num(v), report.Money(cur, v), "")
}

// count shows an integer at field.
func count(field string, n int) template.HTML {
	return dataEl(field, strconv.Itoa(n), report.Money("", float64(n)), "")
}

// share shows a fraction 0..1 at field as a whole percentage.
func share(field string, v float64) template.HTML {
	return dataEl(field, num(v), report.Percent(v), "")
}

// payFig shows one figure of a pay object at base (its JSON Pointer):
// name is "median", "p25", ...; v its value. A figure the sample is too
// small for reads "too few to say (n=3)", with the count as a figure too,
// and "n/a" when there is no figure at all. short makes it "too few", for
// tables whose count is in another column.
func payFig(base, name, cur string, st *stats.PayStats, v *float64, short bool) template.HTML {
	if v != nil {
		return money(ptr(base, name), cur, *v)
	}
	if st == nil || st.Count == 0 {
		return template.HTML(`<span class="na">n/a</span>`)
	}
	if short {
		return template.HTML(`<span class="na">too few</span>`)
	}
	return template.HTML(`<span class="na">too few to say (n=`) + count(ptr(base, "count"), st.Count) + ")</span>"
}

// ciFig shows a pay object's median confidence interval, with its level
// when below 95%; "–" when there is none.
func ciFig(base, cur string, st *stats.PayStats) template.HTML {
	ci := st.MedianCI
	if ci == nil {
		return "–"
	}
	out := money(ptr(base, "median_ci", "low"), cur, ci.Low) + "–" + money(ptr(base, "median_ci", "high"), cur, ci.High)
	if ci.Level < stats.Confidence {
		out += " (" + share(ptr(base, "median_ci", "level"), ci.Level) + ")"
	}
	return out
}

// ciLevel names an interval's level: the nominal 95% when it reaches it
// (its exact coverage, say 95.85%, is in the JSON), else the lower level
// a small sample has.
func ciLevel(base string, ci *stats.Interval) template.HTML {
	if ci.Level >= stats.Confidence {
		return constEl("confidence", stats.Confidence, report.Percent(stats.Confidence))
	}
	return share(ptr(base, "median_ci", "level"), ci.Level)
}

// rangeFig shows two figures of a pay object as a range ("$60,000–$90,000"),
// or "–" when either is missing.
func rangeFig(base, cur string, lo, hi string, st *stats.PayStats) template.HTML {
	l, h := payField(st, lo), payField(st, hi)
	if l == nil || h == nil {
		return "–"
	}
	return money(ptr(base, lo), cur, *l) + "–" + money(ptr(base, hi), cur, *h)
}

// payField returns the field of st named as in its JSON.
func payField(st *stats.PayStats, name string) *float64 {
	switch name {
	case "average":
		return st.Average
	case "median":
		return st.Median
	case "p10":
		return st.P10
	case "p25":
		return st.P25
	case "p75":
		return st.P75
	case "p90":
		return st.P90
	case "min":
		return st.Min
	case "max":
		return st.Max
	}
	return nil
}

// plural is "1 opening" or "n openings", the number a figure at field.
func plural(field string, n int, one, many string) template.HTML {
	if n == 1 {
		return count(field, n) + template.HTML(" "+esc(one))
	}
	return count(field, n) + template.HTML(" "+esc(many))
}

// text escapes s for a template.HTML sentence.
func text(s string) template.HTML { return template.HTML(esc(s)) }

// join joins HTML fragments with sep (plain text).
func join(parts []template.HTML, sep string) template.HTML {
	var b strings.Builder
	for i, p := range parts {
		if i > 0 {
			b.WriteString(esc(sep))
		}
		b.WriteString(string(p))
	}
	return template.HTML(b.String())
}
