package config

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// String formats the duration as time.Duration does, without trailing zero
// units: "6h", "1h30m", "90ms", "0s". ParseDuration reads it back.
func (d Duration) String() string {
	s := time.Duration(d).String()
	if strings.HasSuffix(s, "m0s") {
		s = s[:len(s)-2]
	}
	if strings.HasSuffix(s, "h0m") {
		s = s[:len(s)-2]
	}
	return s
}

// UnmarshalYAML reads a duration such as "90s", "5m", "1h30m" or "30d"
// (whole days; a bare 0 is allowed). A malformed value is an *Error carrying the node's line and
// column.
func (d *Duration) UnmarshalYAML(n *yaml.Node) error {
	v, err := parseDuration(n)
	if err != nil {
		return &Error{Line: n.Line, Column: n.Column, Err: err}
	}
	*d = v
	return nil
}

// MarshalYAML writes the duration as a string such as "1h30m".
func (d Duration) MarshalYAML() (any, error) { return d.String(), nil }

func parseDuration(n *yaml.Node) (Duration, error) {
	if n.Kind != yaml.ScalarNode {
		return 0, fmt.Errorf("want a duration such as \"30s\" or \"5m\", got %s", describe(n))
	}
	s := strings.TrimSpace(n.Value)
	if s == "0" {
		return 0, nil
	}
	if days, ok := strings.CutSuffix(s, "d"); ok {
		if d, err := strconv.Atoi(days); err == nil && d >= 0 && d <= 100_000 {
			return Duration(time.Duration(d) * 24 * time.Hour), nil
		}
	}
	v, err := time.ParseDuration(s)
	if err != nil {
		return 0, fmt.Errorf("invalid duration %q: want a number with a unit, such as \"30s\", \"5m\", \"1h30m\" or \"30d\"", n.Value)
	}
	return Duration(v), nil
}

// parseSize reads a byte count: a plain integer, or a number with a unit
// (B, KB, MB, GB = powers of 1000; KiB, MiB, GiB = powers of 1024).
func parseSize(s string) (int64, error) {
	s = strings.TrimSpace(s)
	i := strings.IndexFunc(s, func(r rune) bool { return (r < '0' || r > '9') && r != '.' })
	num, unit := s, ""
	if i >= 0 {
		num, unit = strings.TrimSpace(s[:i]), strings.TrimSpace(s[i:])
	}
	mult := map[string]float64{
		"": 1, "b": 1,
		"k": 1e3, "kb": 1e3, "m": 1e6, "mb": 1e6, "g": 1e9, "gb": 1e9,
		"ki": 1 << 10, "kib": 1 << 10, "mi": 1 << 20, "mib": 1 << 20, "gi": 1 << 30, "gib": 1 << 30,
	}[strings.ToLower(unit)]
	if mult == 0 || num == "" {
		return 0, fmt.Errorf("invalid size %q: want a number of bytes or a size such as \"10MiB\" or \"512KB\"", s)
	}
	f, err := strconv.ParseFloat(num, 64)
	if err != nil || f*mult > math.MaxInt64/2 {
		return 0, fmt.Errorf("invalid size %q: want a number of bytes or a size such as \"10MiB\" or \"512KB\"", s)
	}
	return int64(f * mult), nil
}

var rateUnits = map[string]time.Duration{
	"s": time.Second, "sec": time.Second, "second": time.Second,
	"m": time.Minute, "min": time.Minute, "minute": time.Minute,
	"h": time.Hour, "hr": time.Hour, "hour": time.Hour,
	"d": 24 * time.Hour, "day": 24 * time.Hour,
}

// Rate is a request budget: at most N requests per Per, per host. The zero
// Rate is no budget.
type Rate struct {
	N   int
	Per time.Duration
}

// Interval returns the minimum spacing of two request starts under r,
// Per/N; 0 for the zero Rate.
func (r Rate) Interval() time.Duration {
	if r.N <= 0 || r.Per <= 0 {
		return 0
	}
	return r.Per / time.Duration(r.N)
}

// String writes r as ParseRate reads it ("2/min", "1/5s"); "" for the zero
// Rate.
func (r Rate) String() string {
	if r.N <= 0 || r.Per <= 0 {
		return ""
	}
	switch r.Per {
	case time.Second:
		return strconv.Itoa(r.N) + "/s"
	case time.Minute:
		return strconv.Itoa(r.N) + "/min"
	case time.Hour:
		return strconv.Itoa(r.N) + "/h"
	case 24 * time.Hour:
		return strconv.Itoa(r.N) + "/d"
	}
	return strconv.Itoa(r.N) + "/" + Duration(r.Per).String()
}

// ParseRate parses a request budget "N/unit" or "N/duration": N requests
// per period. Units are s (sec, second), min (m, minute), h (hr, hour) and
// d (day); a duration is any time.ParseDuration string, so "2/min", "10/s",
// "100/h", "10/d" and "1/5s" are all rates. N must be a positive integer,
// the period positive, and the budget at most one request per nanosecond.
// "" is the zero Rate (no budget). It is the only rate parser: Validate
// uses it at load time and the scraper at crawl time.
func ParseRate(s string) (Rate, error) {
	bad := func(why string) (Rate, error) {
		return Rate{}, fmt.Errorf("invalid rate %q: %s", s, why)
	}
	if strings.TrimSpace(s) == "" {
		return Rate{}, nil
	}
	num, unit, ok := strings.Cut(s, "/")
	if !ok {
		return bad("want requests per period, such as \"2/min\", \"10/s\" or \"1/5s\"")
	}
	n, err := strconv.Atoi(strings.TrimSpace(num))
	if err != nil || n <= 0 {
		return bad("the count before / must be a positive integer")
	}
	unit = strings.TrimSpace(unit)
	per, ok := rateUnits[strings.ToLower(unit)]
	if !ok {
		per, err = time.ParseDuration(unit)
		if err != nil {
			return bad("the period after / must be s, min, h, d or a duration such as 5s")
		}
		if per <= 0 {
			return bad("the period must be positive")
		}
	}
	r := Rate{N: n, Per: per}
	if r.Interval() <= 0 {
		return bad("more than one request per nanosecond")
	}
	return r, nil
}

// describe names a node's shape for error messages.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a mapping"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "nothing"
		}
		return strconv.Quote(n.Value)
	}
	return "nothing"
}
