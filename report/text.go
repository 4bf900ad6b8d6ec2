package report

import (
	"bufio"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/jobstats/jobstats/stats"
)

// Text writes an aligned terminal table of every role of s, most openings
// first: role, openings, average and median annual salary, and the share of
// openings stating a degree requirement that require one. A CHANGE column
// (openings against the earlier summary) appears when any role has one. A
// heading line gives the date, currency and freshness of the data. Control
// characters in names are replaced by spaces. It returns the first write
// error.
func Text(w io.Writer, s stats.Summary) error {
	bw := bufio.NewWriter(w)
	when := "open now"
	if s.AsOf != nil {
		when = "open on " + s.AsOf.Format("2006-01-02")
	}
	fmt.Fprintf(bw, "%s in %s, %s; annual salaries in %s",
		plural(s.Open, "job opening", "job openings"), plural(len(s.Roles), "role", "roles"), when, s.Currency)
	if s.RatesDate != "" {
		fmt.Fprintf(bw, " (rates of %s)", s.RatesDate)
	}
	if s.LastUpdated != nil {
		fmt.Fprintf(bw, "; %s", lowerFirst(updatedAgo(s.GeneratedAt, *s.LastUpdated)))
	}
	bw.WriteString("\n\n")

	change := false
	for _, r := range s.Roles {
		change = change || r.OpeningsChange != nil
	}
	tw := tabwriter.NewWriter(bw, 0, 0, 2, ' ', 0)
	fmt.Fprint(tw, "ROLE\tOPENINGS\tAVERAGE\tMEDIAN\tDEGREE")
	if change {
		fmt.Fprint(tw, "\tCHANGE")
	}
	fmt.Fprintln(tw)
	for _, r := range s.Roles {
		avg, med, deg := na, na, na
		if r.Salary != nil {
			avg, med = Money(s.Currency, r.Salary.Average), Money(s.Currency, r.Salary.Median)
		}
		if r.Degree.RequiredShare != nil {
			deg = Percent(*r.Degree.RequiredShare)
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s", plainText(r.Name), r.Openings, avg, med, deg)
		if change {
			c := na
			if r.OpeningsChange != nil {
				c = signed(*r.OpeningsChange)
			}
			fmt.Fprintf(tw, "\t%s", c)
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write text report: %w", err)
	}
	return nil
}

func lowerFirst(s string) string {
	if s == "" || s[0] < 'A' || s[0] > 'Z' {
		return s
	}
	return string(s[0]+'a'-'A') + s[1:]
}
