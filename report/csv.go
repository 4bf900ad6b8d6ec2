package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strconv"
	"time"

	"github.com/jobstats/jobstats"
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
	// Schema version 2.
	"market", "market_name", "local_currency", "median_local",
	"median_ci_low", "median_ci_high", "median_ci_level", "p10", "p90",
	"excluded_contract", "excluded_internship", "remote_share",
	"experience_years_count", "experience_years_median", "below_level",
	"contract_openings", "contract_hour_count", "contract_hour_median", "contract_day_count", "contract_day_median",
	"internship_openings", "internship_hour_count", "internship_hour_median", "internship_month_count", "internship_month_median",
}

// col returns the index of a stats column.
func col(name string) int {
	for i, c := range StatsColumns {
		if c == name {
			return i
		}
	}
	panic("report: no stats column " + name)
}

// statsText are the text columns of the stats CSV, neutralised against
// formula injection; every other column is a number (changes may be
// negative numbers, so they are not).
var statsText = []int{col("role"), col("level"), col("currency"), col("market"), col("market_name"),
	col("local_currency"), col("below_level")}

// StatsCSV writes s as CSV with the StatsColumns header: for each page (a
// role in one market, or pooled), one row with level "all" carrying the
// page's columns, followed by one row per seniority level carrying the
// level's openings, salary and experience columns. Pages come in report
// order; markets without a page are not written (see the JSON for the
// markets table). Empty cells mean "n/a" or too few figures (see the
// stats sample rules). Text cells are neutralised against spreadsheet
// formula injection (see Neutralize). It returns the first write error.
func StatsCSV(w io.Writer, s stats.Summary) error {
	cw := csv.NewWriter(w)
	asOf := s.GeneratedAt
	if s.AsOf != nil {
		asOf = *s.AsOf
	}
	at := timeCell(asOf)
	row := make([]string, len(StatsColumns))
	set := func(name, v string) { row[col(name)] = v }
	write := func() error {
		for _, i := range statsText {
			row[i] = Neutralize(row[i])
		}
		return cw.Write(row)
	}
	if err := cw.Write(StatsColumns); err != nil {
		return fmt.Errorf("write stats csv: %w", err)
	}
	for _, r := range s.Roles {
		for _, p := range r.Pages {
			clear(row)
			set("role", r.Name)
			set("level", "all")
			set("openings", strconv.Itoa(p.Openings))
			salaryCells(set, p.Salary)
			set("currency", s.Currency)
			e, d := p.Excluded, p.Degree
			for name, n := range map[string]int{
				"excluded_no_salary": e.NoSalary, "excluded_unknown_period": e.UnknownPeriod,
				"excluded_unknown_currency": e.UnknownCurrency, "excluded_implausible": e.Implausible,
				"excluded_contract": e.Contract, "excluded_internship": e.Internship,
				"degree_stated": d.Stated, "degree_required": d.Required, "degree_equivalent": d.Equivalent,
				"degree_preferred": d.Preferred, "degree_not_required": d.NotRequired, "degree_unknown": d.Unknown,
			} {
				set(name, strconv.Itoa(n))
			}
			set("degree_required_share", shareCell(d.RequiredShare))
			set("degree_equivalent_share", shareCell(d.EquivalentShare))
			if p.OpeningsChange != nil {
				set("openings_change", strconv.Itoa(*p.OpeningsChange))
			}
			if p.MedianChange != nil {
				set("median_change", number(*p.MedianChange))
			}
			set("as_of", at)
			set("market", p.Market)
			set("market_name", p.MarketName)
			set("local_currency", p.LocalCurrency)
			if p.SalaryLocal != nil {
				set("median_local", optNumber(p.SalaryLocal.Median))
			}
			set("remote_share", shareCell(p.Workplace.RemoteShare))
			groupCells(set, "contract", p.Contract, jobstats.PeriodHour, jobstats.PeriodDay)
			groupCells(set, "internship", p.Internship, jobstats.PeriodHour, jobstats.PeriodMonth)
			if err := write(); err != nil {
				return fmt.Errorf("write stats csv: %w", err)
			}
			for _, l := range p.BySeniority {
				clear(row)
				set("role", r.Name)
				set("level", l.Level)
				set("openings", strconv.Itoa(l.Openings))
				salaryCells(set, l.Salary)
				set("currency", s.Currency)
				set("as_of", at)
				set("market", p.Market)
				set("market_name", p.MarketName)
				set("experience_years_count", strconv.Itoa(l.Experience.Count))
				set("experience_years_median", optNumber(l.Experience.Median))
				set("below_level", l.BelowLevel)
				if err := write(); err != nil {
					return fmt.Errorf("write stats csv: %w", err)
				}
			}
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write stats csv: %w", err)
	}
	return nil
}

// salaryCells fills salary_count through max and the interval and outer
// percentiles.
func salaryCells(set func(string, string), st stats.PayStats) {
	set("salary_count", strconv.Itoa(st.Count))
	for name, v := range map[string]*float64{"average": st.Average, "median": st.Median, "p25": st.P25, "p75": st.P75,
		"min": st.Min, "max": st.Max, "p10": st.P10, "p90": st.P90} {
		set(name, optNumber(v))
	}
	if ci := st.MedianCI; ci != nil {
		set("median_ci_low", number(ci.Low))
		set("median_ci_high", number(ci.High))
		set("median_ci_level", strconv.FormatFloat(ci.Level, 'f', -1, 64))
	}
}

// groupCells fills the columns of a pay type reported apart: its openings
// and, for each of the periods, how many state pay per that period and
// their median.
func groupCells(set func(string, string), prefix string, g *stats.PayGroup, periods ...jobstats.Period) {
	if g == nil {
		set(prefix+"_openings", "0")
		return
	}
	set(prefix+"_openings", strconv.Itoa(g.Openings))
	for _, per := range periods {
		set(prefix+"_"+string(per)+"_count", "0")
		for _, r := range g.Rates {
			if r.Period == per {
				set(prefix+"_"+string(per)+"_count", strconv.Itoa(r.Pay.Count))
				set(prefix+"_"+string(per)+"_median", optNumber(r.Pay.Median))
			}
		}
	}
}

// optNumber formats *v as number does, "" when v is nil.
func optNumber(v *float64) string {
	if v == nil {
		return ""
	}
	return number(*v)
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
