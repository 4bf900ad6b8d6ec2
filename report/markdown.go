package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/jobstats/jobstats/stats"
)

// Markdown writes one page per role of s, in the order of s.Roles (most
// openings first), separated by horizontal rules. Each page opens with the
// overview:
//
//	# Backend Engineer Average Salaries and Statistics
//
//	## Overview
//
//	- Job openings: 4
//	- Average Salary: $108,750
//	- Median Salary: $105,000
//	- Degree Requirement: 75% of employers require a degree
//
// followed by the sample size behind each figure, the salary range by
// seniority, the degree breakdown, the top companies, the top skills and the
// certifications. A figure without data reads "n/a". When s has no role, a
// single page says there are no openings. It returns the first write error.
func Markdown(w io.Writer, s stats.Summary) error {
	bw := bufio.NewWriter(w)
	if len(s.Roles) == 0 {
		title := "Job"
		if s.Role != "" {
			title = mdText(s.Role)
		}
		fmt.Fprintf(bw, "# %s Average Salaries and Statistics\n\nNo job openings found%s.\n", title, asOfPhrase(s))
	}
	for i := range s.Roles {
		if i > 0 {
			bw.WriteString("\n---\n\n")
		}
		markdownRole(bw, &s, &s.Roles[i])
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write markdown report: %w", err)
	}
	return nil
}

// asOfPhrase returns " as of 2006-01-02" when the summary is dated, else "".
func asOfPhrase(s stats.Summary) string {
	if s.AsOf == nil {
		return ""
	}
	return " as of " + s.AsOf.Format("2006-01-02")
}

func markdownRole(w *bufio.Writer, s *stats.Summary, r *stats.Role) {
	cur := s.Currency
	money := func(st *stats.SalaryStats, f func(*stats.SalaryStats) float64) string {
		if st == nil {
			return na
		}
		return Money(cur, f(st))
	}
	avg := func(st *stats.SalaryStats) float64 { return st.Average }
	med := func(st *stats.SalaryStats) float64 { return st.Median }

	fmt.Fprintf(w, "# %s Average Salaries and Statistics\n\n## Overview\n\n", mdText(r.Name))
	fmt.Fprintf(w, "- Job openings: %d\n", r.Openings)
	fmt.Fprintf(w, "- Average Salary: %s\n", money(r.Salary, avg))
	fmt.Fprintf(w, "- Median Salary: %s\n", money(r.Salary, med))
	if r.Degree.RequiredShare != nil {
		fmt.Fprintf(w, "- Degree Requirement: %s of employers require a degree\n", Percent(*r.Degree.RequiredShare))
	} else {
		fmt.Fprintf(w, "- Degree Requirement: %s\n", na)
	}
	if r.OpeningsChange != nil && r.ChangeSince != nil {
		median := na
		if r.MedianChange != nil {
			median = signedMoney(cur, *r.MedianChange)
		}
		fmt.Fprintf(w, "- Change since %s: %s openings, median salary %s\n",
			r.ChangeSince.Format("2006-01-02"), signed(*r.OpeningsChange), median)
	}

	// Sample sizes behind each figure.
	w.WriteString("\n")
	n := 0
	if r.Salary != nil {
		n = r.Salary.Count
	}
	fmt.Fprintf(w, "Salary figures from %d of %s", n, plural(r.Openings, "opening", "openings"))
	if out := r.Excluded.Total(); out > 0 {
		var parts []string
		for _, reason := range stats.Exclusions {
			if c := r.Excluded.Count(reason); c > 0 {
				parts = append(parts, fmt.Sprintf("%d %s", c, reasonLabels[string(reason)]))
			}
		}
		if len(parts) == 1 {
			// "1 left out: no salary" — the count is already said.
			parts[0] = parts[0][strings.IndexByte(parts[0], ' ')+1:]
		}
		fmt.Fprintf(w, "; %d left out: %s", out, strings.Join(parts, ", "))
	}
	w.WriteString(".\n")
	fmt.Fprintf(w, "Degree figures from %d of %s that state a requirement; %d say nothing.\n",
		r.Degree.Stated, plural(r.Openings, "opening", "openings"), r.Degree.Unknown)
	fmt.Fprintf(w, "Salaries are annual, in %s", cur)
	if s.RatesDate != "" {
		fmt.Fprintf(w, ", converted at exchange rates of %s", s.RatesDate)
	}
	w.WriteString(".")
	if r.LastUpdated != nil {
		fmt.Fprintf(w, " %s (%s).", updatedAgo(s.GeneratedAt, *r.LastUpdated), r.LastUpdated.Format("2006-01-02"))
	}
	w.WriteString("\n")

	// Salary range by seniority.
	w.WriteString("\n## Salary by Seniority\n\n")
	if len(r.BySeniority) == 0 {
		w.WriteString(na + "\n")
	} else {
		w.WriteString("| Level | Openings | Median | 25th–75th percentile |\n| --- | ---: | ---: | ---: |\n")
		for _, l := range r.BySeniority {
			rng := na
			if l.Salary != nil {
				rng = Money(cur, l.Salary.P25) + "–" + Money(cur, l.Salary.P75)
			}
			fmt.Fprintf(w, "| %s | %d | %s | %s |\n", mdText(levelName(l.Level)), l.Openings, money(l.Salary, med), rng)
		}
	}

	// Degree requirements.
	d := r.Degree
	share := func(p *float64, of string) string {
		if p == nil {
			return na
		}
		return Percent(*p) + of
	}
	w.WriteString("\n## Degree Requirements\n\n")
	fmt.Fprintf(w, "- Require a degree: %d (%s)\n", d.Required, share(d.RequiredShare, " of those that state one"))
	fmt.Fprintf(w, "- Accept a degree or equivalent experience: %d (%s)\n", d.Equivalent, share(d.EquivalentShare, ""))
	fmt.Fprintf(w, "- Degree preferred: %d\n", d.Preferred)
	fmt.Fprintf(w, "- No degree required: %d\n", d.NotRequired)
	fmt.Fprintf(w, "- Say nothing about a degree: %d of %d\n", d.Unknown, r.Openings)

	// Companies.
	w.WriteString("\n## Top Companies Hiring\n\n")
	if len(r.Companies) == 0 {
		w.WriteString(na + "\n")
	} else {
		w.WriteString("| Company | Openings |\n| --- | ---: |\n")
		for _, c := range r.Companies {
			fmt.Fprintf(w, "| %s | %d |\n", mdText(c.Name), c.Openings)
		}
	}

	// Skills.
	w.WriteString("\n## Top Skills\n\n")
	if len(r.Skills) == 0 {
		w.WriteString(na + "\n")
	} else {
		w.WriteString("| Skill | Openings | Share of openings |\n| --- | ---: | ---: |\n")
		for _, sk := range r.Skills {
			fmt.Fprintf(w, "| %s | %d | %s |\n", mdText(sk.Name), sk.Count, Percent(sk.Share))
		}
	}

	// Certifications.
	w.WriteString("\n## Certifications\n\n")
	if len(r.Certifications) == 0 {
		w.WriteString(na + "\n")
	} else {
		for _, c := range r.Certifications {
			fmt.Fprintf(w, "- %s: %d\n", mdText(c.Name), c.Count)
		}
	}
}
