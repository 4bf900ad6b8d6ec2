package demo

import (
	"strconv"
	"strings"
)

// group writes n with sep between groups of three digits: 120000 with ","
// is "120,000", with "." "120.000", with " " "120 000".
func group(n int64, sep string) string {
	s := strconv.FormatInt(n, 10)
	if len(s) <= 3 {
		return s
	}
	var b strings.Builder
	lead := len(s) % 3
	if lead > 0 {
		b.WriteString(s[:lead])
	}
	for i := lead; i < len(s); i += 3 {
		if b.Len() > 0 {
			b.WriteString(sep)
		}
		b.WriteString(s[i : i+3])
	}
	return b.String()
}

// groupIN writes n with Indian digit grouping: 1800000 is "18,00,000".
func groupIN(n int64) string {
	s := strconv.FormatInt(n, 10)
	if len(s) <= 3 {
		return s
	}
	head, tail := s[:len(s)-3], s[len(s)-3:]
	var parts []string
	for len(head) > 2 {
		parts = append([]string{head[len(head)-2:]}, parts...)
		head = head[:len(head)-2]
	}
	parts = append([]string{head}, parts...)
	return strings.Join(parts, ",") + "," + tail
}

// itoa formats a whole amount.
func itoa(v float64) string { return strconv.FormatInt(int64(v), 10) }

// roundTo rounds v to the nearest multiple of step.
func roundTo(v, step float64) float64 {
	return float64(int64(v/step+0.5)) * step
}

// joinList joins items as prose: "a", "a and b", "a, b and c".
func joinList(items []string, conj string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " " + conj + " " + items[len(items)-1]
}
