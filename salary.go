package jobstats

import (
	"math"
	"strings"
)

// Amount is money in hundredths of a currency unit (cents for USD), so that
// stored pay is exact. An Amount of 0 means "not set" wherever a bound may
// be open, since no real salary bound is zero.
type Amount int64

// AmountOf converts a float amount of whole units to an Amount, rounding to
// the nearest hundredth. NaN, infinities and negatives give 0.
func AmountOf(units float64) Amount {
	if math.IsNaN(units) || math.IsInf(units, 0) || units <= 0 || units > 1e15 {
		return 0
	}
	return Amount(math.Round(units * 100))
}

// Units returns the amount in whole currency units.
func (a Amount) Units() float64 { return float64(a) / 100 }

// Period is the time a pay amount covers.
type Period string

// Periods. PeriodUnknown (the empty string) means the period is not known.
const (
	PeriodUnknown Period = ""
	PeriodHour    Period = "hour"
	PeriodDay     Period = "day"
	PeriodWeek    Period = "week"
	PeriodMonth   Period = "month"
	PeriodYear    Period = "year"
)

// ParsePeriod reads a period name as structured sources write it: hour,
// hourly, HOUR, day, daily, week, weekly, month, monthly, year, yearly,
// annual, annually, and the plural forms. It reports false for anything else.
func ParsePeriod(s string) (Period, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "hour", "hours", "hourly", "hr", "h":
		return PeriodHour, true
	case "day", "days", "daily", "d":
		return PeriodDay, true
	case "week", "weeks", "weekly", "wk", "w":
		return PeriodWeek, true
	case "month", "months", "monthly", "mo", "m":
		return PeriodMonth, true
	case "year", "years", "yearly", "annual", "annually", "annum", "yr", "y":
		return PeriodYear, true
	}
	return PeriodUnknown, false
}

// SalarySource says where a listing's structured salary came from.
type SalarySource string

// SalarySource values.
const (
	SalaryFromField SalarySource = "structured" // a source's own pay field
	SalaryFromText  SalarySource = "text"       // parsed from the salary text or description
)

// Salary is pay as stated: a range (or one value, Min == Max) in one
// currency for one period. Either bound may be open (0): "up to $150k" has
// only Max, "from €60k" only Min.
type Salary struct {
	Min Amount `json:"min"`
	Max Amount `json:"max"`
	// Currency is an ISO 4217 code, or "" when unknown.
	Currency string `json:"currency"`
	Period   Period `json:"period"`
	// PeriodInferred is true when no period was written and it was inferred
	// from the amount and currency.
	PeriodInferred bool `json:"period_inferred,omitempty"`
	// From says whether a structured field or parsed text gave the salary.
	From SalarySource `json:"from"`
}

// Valid reports whether the salary has at least one bound, a known period,
// and Min <= Max when both are set.
func (s *Salary) Valid() bool {
	if s == nil || (s.Min <= 0 && s.Max <= 0) || s.Period == PeriodUnknown {
		return false
	}
	return s.Min <= 0 || s.Max <= 0 || s.Min <= s.Max
}

// Mid returns the midpoint of the range in whole units, or the one bound
// that is set. It is the single figure a listing contributes to averages
// and medians.
func (s *Salary) Mid() float64 {
	switch {
	case s.Min > 0 && s.Max > 0:
		return (s.Min.Units() + s.Max.Units()) / 2
	case s.Min > 0:
		return s.Min.Units()
	default:
		return s.Max.Units()
	}
}
