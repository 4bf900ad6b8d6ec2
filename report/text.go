package report

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/jobstats/jobstats/stats"
)

// Text writes the report of s for a terminal: a heading line (openings,
// roles, date, currency, freshness), an index of the roles (openings,
// markets, the largest market and its median), then the same markets
// tables and pages as Markdown, as plain text with aligned columns.
// Control characters in names are replaced by spaces. It returns the first
// write error.
func Text(w io.Writer, s stats.Summary) error {
	bw := bufio.NewWriter(w)
	when := "open now"
	if s.AsOf != nil {
		when = "open on " + s.AsOf.Format("2006-01-02")
	}
	shown := 0
	for _, r := range s.Roles {
		shown += r.Openings
	}
	if shown == s.Open {
		fmt.Fprintf(bw, "%s in %s, %s; annual salaries in %s",
			plural(s.Open, "job opening", "job openings"), plural(len(s.Roles), "role", "roles"), when, s.Currency)
	} else {
		// The summary was cut to the roles with the most openings.
		fmt.Fprintf(bw, "%d of %s, in the %s with the most, %s; annual salaries in %s",
			shown, plural(s.Open, "job opening", "job openings"), plural(len(s.Roles), "role", "roles"), when, s.Currency)
	}
	if s.RatesDate != "" {
		fmt.Fprintf(bw, " (rates of %s)", s.RatesDate)
	}
	if s.LastUpdated != nil {
		fmt.Fprintf(bw, "; %s", lowerFirst(updatedAgo(s.GeneratedAt, *s.LastUpdated)))
	}
	bw.WriteString("\n\n")
	if len(s.Roles) > 0 {
		t := table{head: []string{"ROLE", "OPENINGS", "MARKETS", "LARGEST MARKET", "ITS MEDIAN"},
			right: []bool{false, true, true, false, true}}
		for _, r := range s.Roles {
			largest, med := na, na
			if len(r.Markets) > 0 {
				m := r.Markets[0]
				largest = fmt.Sprintf("%s (%d)", m.Name, m.Openings)
				med = "too few"
				if m.Median != nil {
					med = Money(s.Currency, *m.Median)
				}
			}
			t.rows = append(t.rows, []string{r.Name, strconv.Itoa(r.Openings), strconv.Itoa(len(r.Markets)), largest, med})
		}
		writeTable(bw, t, false)
		bw.WriteString("\n")
	}
	for i, b := range document(&s) {
		if i > 0 {
			bw.WriteString("\n")
		}
		writeText(bw, b)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write text report: %w", err)
	}
	return nil
}

func writeText(w *bufio.Writer, b block) {
	switch b := b.(type) {
	case heading:
		text := plainText(b.text)
		underline := "="
		if b.level > 1 {
			underline = "-"
		}
		w.WriteString(text + "\n" + strings.Repeat(underline, utf8.RuneCountInString(text)) + "\n")
	case para:
		for _, l := range b.lines {
			w.WriteString(plainText(l) + "\n")
		}
	case bullets:
		for _, it := range b.items {
			w.WriteString("- " + plainText(it) + "\n")
		}
	case table:
		writeTable(w, b, true)
	case rule:
		w.WriteString(strings.Repeat("━", 72) + "\n")
	}
}

// writeTable writes t with aligned columns two spaces apart, a line of
// dashes under the header when dashes is set.
func writeTable(w *bufio.Writer, t table, dashes bool) {
	width := make([]int, len(t.head))
	cell := func(r []string, i int) string {
		if i < len(r) {
			return plainText(r[i])
		}
		return ""
	}
	for _, r := range append([][]string{t.head}, t.rows...) {
		for i := range width {
			width[i] = max(width[i], utf8.RuneCountInString(cell(r, i)))
		}
	}
	line := func(r []string) {
		var b strings.Builder
		for i := range width {
			c := cell(r, i)
			pad := strings.Repeat(" ", width[i]-utf8.RuneCountInString(c))
			if i > 0 {
				b.WriteString("  ")
			}
			if i < len(t.right) && t.right[i] {
				b.WriteString(pad + c)
			} else {
				b.WriteString(c + pad)
			}
		}
		w.WriteString(strings.TrimRight(b.String(), " ") + "\n")
	}
	line(t.head)
	if dashes {
		d := make([]string, len(width))
		for i, n := range width {
			d[i] = strings.Repeat("-", n)
		}
		line(d)
	}
	for _, r := range t.rows {
		line(r)
	}
}

func lowerFirst(s string) string {
	if s == "" || s[0] < 'A' || s[0] > 'Z' {
		return s
	}
	return string(s[0]+'a'-'A') + s[1:]
}
