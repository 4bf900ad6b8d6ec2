package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strconv"
	"time"

	"github.com/jobstats/jobstats/stats"
)

// StatsColumns are the columns StatsCSV writes, in order. See the package
// documentation for their meaning.
var StatsColumns = []string{
	"role", "level", "openings",
	"salary_count", "average", "median", "p25", "p75", "min", "max", "currency",
	"excluded_no_salary", "excluded_unknown_period", "excluded_unknown_currency", "excluded_implausible",
	"degree_stated", "degree_required", "degree_equivalent", "degree_preferred", "degree_not_required", "degree_unknown",
	"degree_required_share", "degree_equivalent_share",
	"openings_change", "median_change", "as_of",
}

// StatsCSV writes s as CSV with the StatsColumns header: for each role, one
// row with level "all" carrying every column, followed by one row per
// seniority level carrying the level's openings and salary columns (the
// degree, exclusion and change columns are empty there). Empty cells mean
// "n/a". Text cells (role, level, currency) are neutralised against
// spreadsheet formula injection (see Neutralize); number cells are not, so
// a negative change stays a number. It returns the first write error.
func StatsCSV(w io.Writer, s stats.Summary) error {
	cw := csv.NewWriter(w)
	asOf := s.GeneratedAt
	if s.AsOf != nil {
		asOf = *s.AsOf
	}
	at := timeCell(asOf)
	row := make([]string, len(StatsColumns))
	write := func() error {
		// Only role, level and currency are text; the change columns may
		// be legitimately negative numbers.
		for _, i := range []int{0, 1, 10} {
			row[i] = Neutralize(row[i])
		}
		return cw.Write(row)
	}
	if err := cw.Write(StatsColumns); err != nil {
		return fmt.Errorf("write stats csv: %w", err)
	}
	for _, r := range s.Roles {
		clear(row)
		row[0], row[1], row[2] = r.Name, "all", strconv.Itoa(r.Openings)
		salaryCells(row[3:11], r.Salary)
		row[10] = s.Currency
		e := r.Excluded
		d := r.Degree
		for i, n := range []int{e.NoSalary, e.UnknownPeriod, e.UnknownCurrency, e.Implausible,
			d.Stated, d.Required, d.Equivalent, d.Preferred, d.NotRequired, d.Unknown} {
			row[11+i] = strconv.Itoa(n)
		}
		row[21], row[22] = shareCell(d.RequiredShare), shareCell(d.EquivalentShare)
		if r.OpeningsChange != nil {
			row[23] = strconv.Itoa(*r.OpeningsChange)
		}
		if r.MedianChange != nil {
			row[24] = number(*r.MedianChange)
		}
		row[25] = at
		if err := write(); err != nil {
			return fmt.Errorf("write stats csv: %w", err)
		}
		for _, l := range r.BySeniority {
			clear(row)
			row[0], row[1], row[2] = r.Name, l.Level, strconv.Itoa(l.Openings)
			salaryCells(row[3:11], l.Salary)
			row[10] = s.Currency
			row[25] = at
			if err := write(); err != nil {
				return fmt.Errorf("write stats csv: %w", err)
			}
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write stats csv: %w", err)
	}
	return nil
}

// salaryCells fills salary_count through max (8 cells; the last is the
// currency, filled by the caller).
func salaryCells(cells []string, st *stats.SalaryStats) {
	if st == nil {
		cells[0] = "0"
		return
	}
	cells[0] = strconv.Itoa(st.Count)
	for i, v := range []float64{st.Average, st.Median, st.P25, st.P75, st.Min, st.Max} {
		cells[1+i] = number(v)
	}
}

// number formats a money figure with at most two decimals and no trailing
// zeros: "108750", "10000.33".
func number(v float64) string {
	return strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64)
}

// shareCell formats a share as a fraction with at most four decimals, or
// "" when unknown.
func shareCell(p *float64) string {
	if p == nil {
		return ""
	}
	return strconv.FormatFloat(math.Round(*p*1e4)/1e4, 'f', -1, 64)
}

// timeCell formats t as RFC 3339 in UTC to the second, "" when zero.
func timeCell(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// Neutralize returns cell prefixed with a single quote when it begins with
// a character that makes spreadsheets read it as a formula (=, +, -, @,
// tab or carriage return), and cell unchanged otherwise. Every text cell of
// every CSV this package writes goes through it.
func Neutralize(cell string) string {
	if cell == "" {
		return cell
	}
	switch cell[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + cell
	}
	return cell
}
