package demo

import (
	"fmt"
	"math/rand/v2"
)

// payUnit returns the schema.org unit pay is quoted in for a job: day
// rates for contractors in the UK and Germany, monthly B2B rates in
// Poland, hourly rates for other contractors, temps and part-timers, an
// hourly or monthly stipend for interns, and the market's usual period
// for salaries.
func payUnit(c country, employment string) string {
	switch employment {
	case "INTERN":
		if c.code == "US" || c.code == "CA" {
			return "HOUR"
		}
		return "MONTH"
	case "CONTRACTOR":
		switch c.code {
		case "GB", "DE", "":
			return "DAY"
		case "PL", "IN":
			return "MONTH"
		}
		return "HOUR"
	case "PART_TIME", "TEMPORARY":
		return "HOUR"
	}
	if c.monthly {
		return "MONTH"
	}
	return "YEAR"
}

// payRange draws a realistic range for an annual figure quoted per unit.
func payRange(r *rand.Rand, annual float64, currency, unit string) (lo, hi float64) {
	v := annual
	step := 1000.0
	switch unit {
	case "MONTH":
		v, step = annual/12, 100
		switch currency {
		case "INR":
			step = 1000
		case "BRL", "PLN":
			step = 500
		}
	case "DAY":
		v, step = annual/220, 25
	case "HOUR":
		v, step = annual/2080, 1
	default:
		if currency == "INR" {
			step = 100000
		}
	}
	lo = roundTo(v*(0.86+0.08*r.Float64()), step)
	hi = roundTo(v*(1.08+0.17*r.Float64()), step)
	if lo < step {
		lo = step
	}
	if hi <= lo {
		hi = lo + step
	}
	return lo, hi
}

// phrase is one way of writing pay in text. write returns the phrase and
// the pay it states (bounds may be opened or collapsed to one value).
type phrase struct {
	weight     int
	standalone bool // carries its own label ("Salary range: ..."), no sentence around it
	write      func(lo, hi float64) (string, float64, float64)
}

// rng writes a range with the format f applied to both bounds.
func rng(format string, conv func(float64) any) func(lo, hi float64) (string, float64, float64) {
	return func(lo, hi float64) (string, float64, float64) {
		return fmt.Sprintf(format, conv(lo), conv(hi)), lo, hi
	}
}

// one writes a single value, the midpoint of the range.
func one(format string, conv func(float64) any, step float64) func(lo, hi float64) (string, float64, float64) {
	return func(lo, hi float64) (string, float64, float64) {
		v := roundTo((lo+hi)/2, step)
		return fmt.Sprintf(format, conv(v)), v, v
	}
}

// upTo writes only the upper bound.
func upTo(format string, conv func(float64) any) func(lo, hi float64) (string, float64, float64) {
	return func(lo, hi float64) (string, float64, float64) {
		return fmt.Sprintf(format, conv(hi)), 0, hi
	}
}

// from writes only the lower bound.
func from(format string, conv func(float64) any) func(lo, hi float64) (string, float64, float64) {
	return func(lo, hi float64) (string, float64, float64) {
		return fmt.Sprintf(format, conv(lo)), lo, 0
	}
}

var (
	whole  = func(v float64) any { return itoa(v) }
	comma  = func(v float64) any { return group(int64(v), ",") }
	dot    = func(v float64) any { return group(int64(v), ".") }
	space  = func(v float64) any { return group(int64(v), " ") }
	kilo   = func(v float64) any { return itoa(v / 1000) }
	lakh   = func(v float64) any { return itoa(v / 100000) }
	indian = func(v float64) any { return groupIN(int64(v)) }
)

// phrases maps currency and unit (and, where it matters, country) to the
// ways boards write such pay. Keys are "CUR UNIT" or "CUR UNIT CC".
var phrases = map[string][]phrase{
	"USD YEAR": {
		{4, false, rng("$%sk–$%sk + equity", kilo)},
		{3, true, rng("Salary range: $%s — $%s USD", comma)},
		{3, false, rng("$%s - $%s per year", comma)},
		{2, false, rng("between $%s and $%s annually", comma)},
		{2, false, rng("$%sK - $%sK", kilo)},
		{1, false, upTo("up to $%s", comma)},
		{2, false, rng("USD %s–%s base salary", comma)},
	},
	"USD HOUR": {
		{2, false, one("$%s/hr", whole, 1)},
		{2, false, rng("$%s - $%s per hour", whole)},
		{1, false, rng("$%s–%s/hour (W2)", whole)},
	},
	"GBP YEAR": {
		{3, false, rng("£%s - £%s per annum", comma)},
		{3, false, rng("£%sk-£%sk + benefits", kilo)},
		{1, false, upTo("up to £%s p.a.", comma)},
		{2, false, rng("£%s–£%s DOE", comma)},
	},
	"GBP DAY": {
		{3, false, rng("£%s - £%s per day (Outside IR35)", whole)},
		{1, false, one("£%s/day Inside IR35", whole, 25)},
		{2, true, rng("Day rate: £%s–£%s", whole)},
	},
	"GBP MONTH": {
		{1, false, one("£%s per month", comma, 100)},
	},
	"GBP HOUR": {
		{2, false, rng("£%s - £%s per hour", whole)},
		{1, false, one("£%s p/h", whole, 1)},
	},
	"EUR DAY": {
		{2, false, rng("€%s - €%s per day", whole)},
		{1, false, rng("Tagessatz %s–%s €", whole)},
	},
	"USD DAY": {
		{1, false, rng("$%s - $%s per day", whole)},
	},
	"EUR YEAR DE": {
		{4, false, rng("%s € - %s € brutto/Jahr", dot)},
		{2, false, rng("€%sk - €%sk", kilo)},
		{2, false, rng("EUR %s - %s per year", dot)},
		{1, false, from("from €%sk a year", kilo)},
	},
	"EUR YEAR": {
		{3, false, rng("€%s - €%s per year", dot)},
		{3, false, rng("€%sk–€%sk", kilo)},
		{1, false, rng("EUR %sk-%sk", kilo)},
	},
	"EUR MONTH NL": {
		{1, false, rng("€%s - €%s bruto per maand", dot)},
	},
	"EUR MONTH": {
		{1, false, one("€%s per month", dot, 100)},
	},
	"EUR HOUR": {
		{2, false, rng("€%s - €%s per hour", whole)},
		{1, false, rng("%s–%s €/h", whole)},
	},
	"CAD YEAR": {
		{3, false, rng("CA$%s - CA$%s per year", comma)},
		{2, false, rng("C$%sk–%sk", kilo)},
		{2, false, rng("$%s - $%s CAD annually", comma)},
	},
	"CAD HOUR": {
		{1, false, one("C$%s/hour", whole, 1)},
		{1, false, rng("$%s–$%s CAD per hour", whole)},
	},
	"INR YEAR": {
		{3, false, rng("INR %s-%s LPA", lakh)},
		{2, false, rng("₹%s - ₹%s per annum", indian)},
		{2, false, rng("₹%s–%s Lakh per annum", lakh)},
		{1, false, rng("%s-%s LPA", lakh)},
	},
	"INR MONTH": {
		{1, true, rng("Stipend: ₹%s - ₹%s per month", indian)},
		{1, false, one("₹%s per month", indian, 1000)},
	},
	"BRL MONTH": {
		{3, false, rng("R$ %s - %s por mês", dot)},
		{2, false, rng("R$ %s a R$ %s mensais", dot)},
		{1, false, rng("BRL %s–%s/month", comma)},
	},
	"PLN MONTH": {
		{2, false, rng("%s – %s zł", space)},
		{2, false, rng("PLN %s-%s per month", comma)},
		{1, false, rng("%s - %s PLN net/month (B2B)", space)},
	},
}

// textPay writes pay in one of the ways a board of that country would and
// returns the phrase and its meaning. ranged restricts the choice to
// phrases that keep both bounds (used when the text repeats a structured
// range).
func textPay(r *rand.Rand, c country, currency, unit string, lo, hi float64, ranged bool) (string, bool, Pay) {
	list := phrases[currency+" "+unit+" "+c.code]
	if list == nil {
		list = phrases[currency+" "+unit]
	}
	if list == nil {
		// Not expected with the tables above; keep the board consistent anyway.
		list = []phrase{{1, false, rng(currency+" %s - %s per "+unit, comma)}}
	}
	total := 0
	for _, p := range list {
		total += p.weight
	}
	for range 8 {
		n := r.IntN(total)
		for _, p := range list {
			if n -= p.weight; n >= 0 {
				continue
			}
			text, min, max := p.write(lo, hi)
			if ranged && (min != lo || max != hi) {
				break
			}
			return text, p.standalone, Pay{Min: min, Max: max, Currency: currency, Unit: unit}
		}
	}
	p := list[0]
	text, min, max := p.write(lo, hi)
	return text, p.standalone, Pay{Min: min, Max: max, Currency: currency, Unit: unit}
}
