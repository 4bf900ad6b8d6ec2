package jobstats

import (
	"fmt"
	"strings"
)

// Annualization says how many of each period make a year. The zero value is
// not useful; start from DefaultAnnualization.
type Annualization struct {
	Hours  float64 `yaml:"hours" json:"hours"`   // default 2080
	Days   float64 `yaml:"days" json:"days"`     // default 260
	Weeks  float64 `yaml:"weeks" json:"weeks"`   // default 52
	Months float64 `yaml:"months" json:"months"` // default 12
}

// DefaultAnnualization returns 2080 hours, 260 days, 52 weeks and 12 months
// a year: full time, US convention.
func DefaultAnnualization() Annualization {
	return Annualization{Hours: 2080, Days: 260, Weeks: 52, Months: 12}
}

// Factor returns how many periods p make a year, or 0 for an unknown period.
func (a Annualization) Factor(p Period) float64 {
	switch p {
	case PeriodHour:
		return a.Hours
	case PeriodDay:
		return a.Days
	case PeriodWeek:
		return a.Weeks
	case PeriodMonth:
		return a.Months
	case PeriodYear:
		return 1
	}
	return 0
}

// Annual returns units (an amount per period p) as a yearly amount, and
// false when the period is unknown.
func (a Annualization) Annual(units float64, p Period) (float64, bool) {
	f := a.Factor(p)
	if f == 0 {
		return 0, false
	}
	return units * f, true
}

// Rates is a table of exchange rates: how many units of each currency one
// unit of Base buys, as they held on AsOf (YYYY-MM-DD).
type Rates struct {
	Base  string             `yaml:"base" json:"base"`
	AsOf  string             `yaml:"as_of" json:"as_of"`
	Rates map[string]float64 `yaml:"rates" json:"rates"`
}

// DefaultRates returns the built-in table: USD-based mid-market rates for
// the common currencies of job postings, dated by AsOf. They are
// approximate; set currency_rates in the config for figures you publish.
func DefaultRates() Rates {
	return Rates{
		Base: "USD",
		AsOf: "2026-11-02",
		Rates: map[string]float64{
			"USD": 1,
			"EUR": 0.866,
			"GBP": 0.762,
			"CAD": 1.405,
			"AUD": 1.535,
			"NZD": 1.76,
			"CHF": 0.805,
			"SEK": 9.49,
			"NOK": 10.1,
			"DKK": 6.46,
			"PLN": 3.68,
			"CZK": 21.0,
			"HUF": 335,
			"RON": 4.4,
			"INR": 88.7,
			"JPY": 153.5,
			"CNY": 7.12,
			"HKD": 7.77,
			"SGD": 1.30,
			"KRW": 1435,
			"ILS": 3.27,
			"BRL": 5.37,
			"MXN": 18.45,
			"ZAR": 17.35,
			"PHP": 58.9,
			"TRY": 42.1,
			"AED": 3.6725,
			"UAH": 42.0,
			"ARS": 1450,
			"COP": 3850,
			"CLP": 945,
			"NGN": 1450,
			"PKR": 281,
			"IDR": 16650,
			"MYR": 4.19,
			"THB": 32.5,
			"VND": 26300,
			"TWD": 30.7,
		},
	}
}

// Convert converts units of currency from into currency to. It reports
// false when either currency has no rate (or is unknown).
func (r Rates) Convert(units float64, from, to string) (float64, bool) {
	from, to = strings.ToUpper(from), strings.ToUpper(to)
	if from == to && from != "" {
		return units, true
	}
	rf, ok1 := r.rate(from)
	rt, ok2 := r.rate(to)
	if !ok1 || !ok2 {
		return 0, false
	}
	return units / rf * rt, true
}

func (r Rates) rate(code string) (float64, bool) {
	if code == "" {
		return 0, false
	}
	if code == strings.ToUpper(r.Base) {
		return 1, true
	}
	v, ok := r.Rates[code]
	return v, ok && v > 0
}

// Validate reports a rate table with no base, a non-positive rate or a code
// that is not three letters.
func (r Rates) Validate() error {
	if len(r.Base) != 3 {
		return fmt.Errorf("currency rates: base %q is not an ISO 4217 code", r.Base)
	}
	for code, v := range r.Rates {
		if len(code) != 3 || strings.ToUpper(code) != code {
			return fmt.Errorf("currency rates: %q is not an upper-case ISO 4217 code", code)
		}
		if !(v > 0) {
			return fmt.Errorf("currency rates: rate of %s is %v, want > 0", code, v)
		}
	}
	return nil
}
