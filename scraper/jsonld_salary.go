package scraper

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"

	"github.com/jobstats/jobstats"
)

// This file reads a JobPosting's pay: baseSalary and estimatedSalary as
// MonetaryAmount, QuantitativeValue, a bare number or text.

// ldMoney is a schema.org MonetaryAmount; ldQuantity a QuantitativeValue.
type ldMoney struct {
	Currency json.RawMessage `json:"currency"`
	Value    json.RawMessage `json:"value"`
	MinValue json.RawMessage `json:"minValue"`
	MaxValue json.RawMessage `json:"maxValue"`
	UnitText json.RawMessage `json:"unitText"`
}

type ldQuantity struct {
	Value    json.RawMessage `json:"value"`
	MinValue json.RawMessage `json:"minValue"`
	MaxValue json.RawMessage `json:"maxValue"`
	UnitText json.RawMessage `json:"unitText"`
}

var (
	ldMoneyFields    = []string{"currency", "value", "minValue", "maxValue", "unitText"}
	ldQuantityFields = []string{"value", "minValue", "maxValue", "unitText"}
)

// ldSalary reads baseSalary or estimatedSalary: a MonetaryAmount whose
// value is a QuantitativeValue, a number or a string, or a bare number or
// string. It returns nil and the pay as written when it is text that is
// not a plain number, nil and "" when there is no pay.
func ldSalary(raw json.RawMessage, depth int) (*jobstats.Salary, string) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || depth > maxLDDepth {
		return nil, ""
	}
	var lo, hi float64
	var currency, unit, text string
	switch raw[0] {
	case '[':
		if items, ok := ldItems(raw); ok {
			for _, it := range items {
				if s, t := ldSalary(it, depth+1); s != nil || t != "" {
					return s, t
				}
			}
		}
		return nil, ""
	case '{':
		var m ldMoney
		if !ldFields(raw, ldMoneyFields, &m.Currency, &m.Value, &m.MinValue, &m.MaxValue, &m.UnitText) {
			return nil, ""
		}
		currency = ldName(m.Currency)
		unit = ldName(m.UnitText)
		lo, _ = ldNumber(m.MinValue)
		hi, _ = ldNumber(m.MaxValue)
		v := bytes.TrimSpace(m.Value)
		if len(v) > 0 && v[0] == '{' {
			var q ldQuantity
			if ldFields(v, ldQuantityFields, &q.Value, &q.MinValue, &q.MaxValue, &q.UnitText) {
				if u := ldName(q.UnitText); u != "" {
					unit = u
				}
				if n, ok := ldNumber(q.MinValue); ok {
					lo = n
				}
				if n, ok := ldNumber(q.MaxValue); ok {
					hi = n
				}
				v = q.Value
			}
		}
		if lo <= 0 && hi <= 0 {
			n, ok := ldNumber(v)
			if !ok {
				text = ldName(v)
			}
			lo, hi = n, n
		}
	default:
		n, ok := ldNumber(raw)
		if !ok {
			return nil, ldName(raw)
		}
		lo, hi = n, n
	}
	s := &jobstats.Salary{
		Min:      jobstats.AmountOf(lo),
		Max:      jobstats.AmountOf(hi),
		Currency: strings.ToUpper(strings.TrimSpace(currency)),
		From:     jobstats.SalaryFromField,
	}
	if s.Min <= 0 && s.Max <= 0 {
		if text != "" && s.Currency != "" && !strings.Contains(text, s.Currency) {
			text = s.Currency + " " + text
		}
		if text != "" && unit != "" {
			text += " per " + strings.ToLower(unit)
		}
		return nil, text
	}
	if s.Min > 0 && s.Max > 0 && s.Min > s.Max {
		s.Min, s.Max = s.Max, s.Min
	}
	s.Period, _ = jobstats.ParsePeriod(unit)
	return s, ""
}

// ldNumber reads a JSON number, or a string holding one written plainly
// or as "$100,000", "100 000", "85k". It reports false for anything else,
// including ranges.
func ldNumber(raw json.RawMessage) (float64, bool) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return 0, false
	}
	if raw[0] != '"' {
		f, err := strconv.ParseFloat(string(raw), 64)
		return f, err == nil
	}
	s, ok := jsonString(raw)
	if !ok {
		return 0, false
	}
	return looseNumber(s)
}

func looseNumber(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	mult := 1.0
	var b strings.Builder
	digits := false
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
			digits = true
		case r == '.':
			b.WriteRune(r)
		case r == ',' || r == ' ' || r == '\u00a0' || r == '\'' || r == '_':
			// thousands separators
		case (r == 'k' || r == 'K') && digits && strings.TrimSpace(s[i+1:]) == "":
			mult = 1000
		case !digits && (r == '$' || r == '€' || r == '£' || r == '¥' || r == '₹' || isUpperASCII(r)):
			// a leading currency symbol or code
		default:
			return 0, false
		}
	}
	if !digits {
		return 0, false
	}
	f, err := strconv.ParseFloat(b.String(), 64)
	if err != nil {
		return 0, false
	}
	return f * mult, true
}

func isUpperASCII(r rune) bool { return r >= 'A' && r <= 'Z' }
