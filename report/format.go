package report

import (
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/jobstats/jobstats"
)

// na is what every report shows where a figure has no data.
const na = "n/a"

// symbols are the currencies written with a symbol before the amount; any
// other code is written before the amount with a space ("CHF 120,000").
var symbols = map[string]string{"USD": "$", "EUR": "€", "GBP": "£"}

// Money formats an amount of currency in whole units with thousands
// separators: "$108,750", "€1,200", "CHF 120,000", "-$2,000".
func Money(currency string, v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return na
	}
	n := int64(math.Round(v))
	sign := ""
	if n < 0 {
		sign, n = "-", -n
	}
	num := group(n)
	if sym, ok := symbols[strings.ToUpper(currency)]; ok {
		return sign + sym + num
	}
	if currency == "" {
		return sign + num
	}
	return sign + strings.ToUpper(currency) + " " + num
}

// signedMoney is Money for a change: "+$2,000", "-$2,000", "±$0".
func signedMoney(currency string, v float64) string {
	switch r := math.Round(v); {
	case r > 0:
		return "+" + Money(currency, v)
	case r == 0:
		return "±" + Money(currency, 0)
	}
	return Money(currency, v)
}

// group writes n with a comma every three digits.
func group(n int64) string {
	s := strconv.FormatInt(n, 10)
	if len(s) <= 3 {
		return s
	}
	var b strings.Builder
	pre := len(s) % 3
	if pre > 0 {
		b.WriteString(s[:pre])
	}
	for i := pre; i < len(s); i += 3 {
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(s[i : i+3])
	}
	return b.String()
}

// Percent formats a share from 0 to 1 as a whole percentage: "75%".
func Percent(share float64) string {
	if math.IsNaN(share) || math.IsInf(share, 0) {
		return na
	}
	return strconv.Itoa(int(math.Round(share*100))) + "%"
}

// signed formats an integer change: "+3", "-1", "±0".
func signed(n int) string {
	switch {
	case n > 0:
		return "+" + strconv.Itoa(n)
	case n == 0:
		return "±0"
	}
	return strconv.Itoa(n)
}

// plural returns "1 opening" or "n openings".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// updatedAgo says how long before now the data was last updated:
// "Updated today", "Updated 1 day ago", "Updated 3 days ago".
func updatedAgo(now, last time.Time) string {
	days := int(now.Sub(last).Hours() / 24)
	switch {
	case days <= 0:
		return "Updated today"
	case days == 1:
		return "Updated 1 day ago"
	}
	return "Updated " + strconv.Itoa(days) + " days ago"
}

// levelName returns a seniority level for display: "Senior", "Unknown".
func levelName(level string) string {
	if level == "" {
		return "Unknown"
	}
	r := []rune(level)
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}

// reasonLabels name the exclusion reasons in prose.
var reasonLabels = map[string]string{
	"no_salary":        "no salary",
	"unknown_period":   "unknown pay period",
	"unknown_currency": "no exchange rate for the currency",
	"implausible":      "implausible amount",
	"contract":         "contract, freelance or temporary (see Contract Rates)",
	"internship":       "internship (see Internships)",
}

// plainText replaces control characters (which could move a terminal's
// cursor or break a table) with spaces.
func plainText(s string) string {
	if strings.IndexFunc(s, unicode.IsControl) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
}

var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", `*`, `\*`, `_`, `\_`, `[`, `\[`, `]`, `\]`,
	`<`, `&lt;`, `>`, `&gt;`, `|`, `\|`,
)

// mdText makes s safe to place in Markdown prose or a table cell: markup
// and HTML-looking text are escaped so they render as the text they are.
func mdText(s string) string {
	return mdEscaper.Replace(jobstats.TrimSpace(plainText(s)))
}
