package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/jobstats/jobstats/stats"
)

// Markdown writes the report of s: for each role (most openings first) a
// table of its markets, then one page per market, most openings first,
// separated by horizontal rules. A role with a single market goes straight
// to its page. Each page opens with the overview:
//
//	# Backend Engineer Average Salaries and Statistics — United States
//
//	## Overview
//
//	- Job openings: 31
//	- Median Salary: $152,000, 95% confidence interval $140,000–$165,000, from 24 salaries
//	- Average Salary: $155,321
//	- ...
//
// followed by the sample size behind each figure, the salary range by
// seniority, the contract rates and internships (when there are any), the
// degree breakdown, the top companies, the top skills and the
// certifications. A figure without enough data reads "too few to say
// (n=3)" or "n/a". When s has no role, a single page says there are no
// openings. Names are escaped, so markup and HTML in titles render as
// text. It returns the first write error.
func Markdown(w io.Writer, s stats.Summary) error {
	bw := bufio.NewWriter(w)
	for i, b := range document(&s) {
		if i > 0 {
			bw.WriteString("\n")
		}
		writeMarkdown(bw, b)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write markdown report: %w", err)
	}
	return nil
}

func writeMarkdown(w *bufio.Writer, b block) {
	switch b := b.(type) {
	case heading:
		fmt.Fprintf(w, "%s %s\n", strings.Repeat("#", b.level), mdText(b.text))
	case para:
		for _, l := range b.lines {
			w.WriteString(mdText(l) + "\n")
		}
	case bullets:
		for _, it := range b.items {
			w.WriteString("- " + mdText(it) + "\n")
		}
	case table:
		row := func(cells []string) {
			w.WriteString("|")
			for _, c := range cells {
				w.WriteString(" " + mdText(c) + " |")
			}
			w.WriteString("\n")
		}
		row(b.head)
		w.WriteString("|")
		for i := range b.head {
			if i < len(b.right) && b.right[i] {
				w.WriteString(" ---: |")
			} else {
				w.WriteString(" --- |")
			}
		}
		w.WriteString("\n")
		for _, r := range b.rows {
			row(r)
		}
	case rule:
		w.WriteString("---\n")
	}
}
