package report

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/stats"
)

// The report is built once as a list of blocks, then written as Markdown or
// as text, so that both formats say the same things. Block text is plain:
// each writer escapes it for its format.
type block interface{ isBlock() }

type heading struct {
	level int
	text  string
}

// para is prose: one sentence group per line.
type para struct{ lines []string }

type bullets struct{ items []string }

type table struct {
	head  []string
	right []bool // right-aligned columns (numbers)
	rows  [][]string
}

// rule separates pages.
type rule struct{}

func (heading) isBlock() {}
func (para) isBlock()    {}
func (bullets) isBlock() {}
func (table) isBlock()   {}
func (rule) isBlock()    {}

// builder accumulates blocks.
type builder struct{ blocks []block }

func (b *builder) h(level int, format string, args ...any) {
	b.blocks = append(b.blocks, heading{level, fmt.Sprintf(format, args...)})
}
func (b *builder) p(lines ...string) {
	if len(lines) > 0 {
		b.blocks = append(b.blocks, para{lines})
	}
}
func (b *builder) list(items ...string) { b.blocks = append(b.blocks, bullets{items}) }
func (b *builder) table(t table)        { b.blocks = append(b.blocks, t) }
func (b *builder) rule()                { b.blocks = append(b.blocks, rule{}) }

// document builds the whole report of s: per role the markets table, then
// each page.
func document(s *stats.Summary) []block {
	var b builder
	if s.FilterText != "" {
		b.p("Filter: " + s.FilterText + ".")
	}
	if len(s.Roles) == 0 {
		title := "Job"
		if s.Role != "" {
			title = s.Role
		}
		b.h(1, "%s Average Salaries and Statistics", title)
		b.p("No job openings found" + asOfPhrase(s) + ".")
		return b.blocks
	}
	first := true
	sep := func() {
		if !first {
			b.rule()
		}
		first = false
	}
	for i := range s.Roles {
		r := &s.Roles[i]
		if len(r.Markets) > 1 || len(r.Pages) == 0 {
			sep()
			marketsSection(&b, s, r)
		}
		for j := range r.Pages {
			sep()
			pageSection(&b, s, &r.Pages[j])
		}
	}
	return b.blocks
}

// asOfPhrase returns " as of 2006-01-02" when the summary is dated, else "".
func asOfPhrase(s *stats.Summary) string {
	if s.AsOf == nil {
		return ""
	}
	return " as of " + s.AsOf.Format("2006-01-02")
}

// tooFew says why a figure is not given: "too few to say (n=3)".
func tooFew(n int) string {
	if n == 0 {
		return na + " (n=0)"
	}
	return "too few to say (n=" + strconv.Itoa(n) + ")"
}

// moneyOr formats *v, or short when v is nil.
func moneyOr(cur string, v *float64, short string) string {
	if v == nil {
		return short
	}
	return Money(cur, *v)
}

// interval formats a confidence interval as a range, with its level when
// it falls short of 95%: "$90,000–$110,000", "$90,000–$110,000 (94%)".
func interval(cur string, ci *stats.Interval) string {
	if ci == nil {
		return "–"
	}
	s := moneyRange(cur, ci.Low, ci.High)
	if ci.Level < stats.Confidence {
		s += " (" + Percent(ci.Level) + ")"
	}
	return s
}

// moneyRange formats a range of money: "$90,000–$110,000".
func moneyRange(cur string, lo, hi float64) string { return Money(cur, lo) + "–" + Money(cur, hi) }

// ciLevel names an interval's level for prose: "95%", or "94%".
func ciLevel(ci *stats.Interval) string {
	if ci.Level >= stats.Confidence {
		return Percent(stats.Confidence)
	}
	return Percent(ci.Level)
}

// marketsSection writes a role's markets table.
func marketsSection(b *builder, s *stats.Summary, r *stats.Role) {
	b.h(1, "%s Salaries by Market", r.Name)
	lead := fmt.Sprintf("%s in %s", plural(r.Openings, "opening", "openings"), plural(len(r.Markets), "market", "markets"))
	switch {
	case s.Pooled:
		lead += "; one page below counts them all together."
	case s.MinOpenings > 1:
		lead += fmt.Sprintf("; each market with at least %d openings has a page below, most openings first.", s.MinOpenings)
	default:
		lead += "; each has a page below, most openings first."
	}
	b.p(lead)
	t := table{head: []string{"Market", "Openings", "Median salary (" + s.Currency + ")", "Median (local currency)", "Salaries"},
		right: []bool{false, true, true, true, true}}
	var without []string
	for _, m := range r.Markets {
		med, loc := "too few", "too few"
		if m.SalaryCount == 0 {
			med, loc = na, na
		}
		if m.Median != nil {
			med = Money(s.Currency, *m.Median)
			loc = na
			if m.MedianLocal != nil {
				loc = Money(m.LocalCurrency, *m.MedianLocal)
			}
		}
		t.rows = append(t.rows, []string{m.Name, strconv.Itoa(m.Openings), med, loc, strconv.Itoa(m.SalaryCount)})
		if !m.HasPage && !s.Pooled {
			without = append(without, fmt.Sprintf("%s (%d)", m.Name, m.Openings))
		}
	}
	b.table(t)
	var notes []string
	if len(without) > 0 {
		notes = append(notes, fmt.Sprintf("Without a page of their own (fewer than %d openings; --min-openings lowers the bar): %s.",
			s.MinOpenings, strings.Join(without, ", ")))
	}
	notes = append(notes, fmt.Sprintf("Medians need at least %d salaries; local medians are in the currency most of a market's pay is stated in.", stats.MinMedian))
	b.p(notes...)
}

// pageSection writes one page: a role in one market.
func pageSection(b *builder, s *stats.Summary, p *stats.Page) {
	cur := s.Currency
	b.h(1, "%s Average Salaries and Statistics — %s", p.Role, p.MarketName)
	b.h(2, "Overview")

	st := p.Salary
	n := st.Count
	items := []string{fmt.Sprintf("Job openings: %d", p.Openings)}
	median := tooFew(n)
	if st.Median != nil {
		median = Money(cur, *st.Median)
		if l := p.SalaryLocal; l != nil && p.LocalCurrency != cur && l.Median != nil {
			median += " (" + Money(p.LocalCurrency, *l.Median) + ")"
		}
		if ci := st.MedianCI; ci != nil {
			median += fmt.Sprintf(", %s confidence interval %s", ciLevel(ci), moneyRange(cur, ci.Low, ci.High))
		}
		median += fmt.Sprintf(", from %d salaries", n)
	}
	items = append(items, "Median Salary: "+median)
	items = append(items, "Average Salary: "+moneyOr(cur, st.Average, tooFew(n)))
	items = append(items, "Salary Range: "+salaryRange(cur, st))
	if d := p.Degree; d.RequiredShare != nil {
		items = append(items, fmt.Sprintf("Degree Requirement: %s of listings that state a requirement ask for a degree (%d of %d)",
			Percent(*d.RequiredShare), d.Required, d.Stated))
	} else {
		items = append(items, "Degree Requirement: "+na+" (no listing states one)")
	}
	if w := p.Workplace; w.Unknown == p.Openings {
		items = append(items, "Remote: "+na+" (no opening says where the work happens)")
	} else if w.RemoteShare != nil {
		items = append(items, fmt.Sprintf("Remote: %s of openings are fully remote (%d of %d; %d hybrid, %d on-site, %d not stated)",
			Percent(*w.RemoteShare), w.Remote, p.Openings, w.Hybrid, w.Onsite, w.Unknown))
	}
	if len(p.Employment) > 0 {
		var parts []string
		for _, e := range p.Employment {
			parts = append(parts, fmt.Sprintf("%d %s", e.Count, employmentName(e.Name)))
		}
		items = append(items, "Employment Type: "+strings.Join(parts, ", "))
	}
	if len(p.Locations) > 0 {
		var parts []string
		for _, l := range p.Locations {
			parts = append(parts, fmt.Sprintf("%s (%d)", l.Name, l.Count))
		}
		items = append(items, "Top Locations: "+strings.Join(parts, ", "))
	}
	if p.OpeningsChange != nil && p.ChangeSince != nil {
		med := na
		if p.MedianChange != nil {
			med = signedMoney(cur, *p.MedianChange)
		}
		items = append(items, fmt.Sprintf("Change since %s: %s openings, median salary %s",
			p.ChangeSince.Format("2006-01-02"), signed(*p.OpeningsChange), med))
	}
	b.list(items...)
	b.p(sampleLines(s, p)...)

	seniorityTable(b, cur, p)
	payGroup(b, cur, p, p.Contract, "Contract Rates", "Contract, freelance or temporary openings", "Rate")
	payGroup(b, cur, p, p.Internship, "Internships", "Internships", "Pay")

	d := p.Degree
	share := func(v *float64, of string) string {
		if v == nil {
			return na
		}
		return Percent(*v) + of
	}
	b.h(2, "Degree Requirements")
	b.list(
		fmt.Sprintf("Require a degree: %d (%s)", d.Required, share(d.RequiredShare, fmt.Sprintf(" of the %d listings that state a requirement", d.Stated))),
		fmt.Sprintf("Accept a degree or equivalent experience: %d (%s)", d.Equivalent, share(d.EquivalentShare, "")),
		fmt.Sprintf("Degree preferred: %d", d.Preferred),
		fmt.Sprintf("No degree required: %d", d.NotRequired),
		fmt.Sprintf("Say nothing about a degree: %d of %d", d.Unknown, p.Openings),
	)

	b.h(2, "Top Companies Hiring")
	if len(p.Companies) == 0 {
		b.p(na)
	} else {
		t := table{head: []string{"Company", "Openings"}, right: []bool{false, true}}
		for _, c := range p.Companies {
			t.rows = append(t.rows, []string{c.Name, strconv.Itoa(c.Openings)})
		}
		b.table(t)
	}

	b.h(2, "Top Skills")
	if len(p.Skills) == 0 {
		b.p(na)
	} else {
		t := table{head: []string{"Skill", "Openings", "Share of openings"}, right: []bool{false, true, true}}
		for _, sk := range p.Skills {
			t.rows = append(t.rows, []string{sk.Name, strconv.Itoa(sk.Count), Percent(sk.Share)})
		}
		b.table(t)
		b.p(fmt.Sprintf("Share of the %s that ask for the skill.", plural(p.Openings, "opening", "openings")))
	}

	b.h(2, "Certifications")
	if len(p.Certifications) == 0 {
		b.p(na)
	} else {
		var items []string
		for _, c := range p.Certifications {
			items = append(items, fmt.Sprintf("%s: %d", c.Name, c.Count))
		}
		b.list(items...)
	}
}

// salaryRange is the spread of a salary sample as the sample allows it.
func salaryRange(cur string, st stats.PayStats) string {
	switch {
	case st.P10 != nil:
		return fmt.Sprintf("%s (10th to 90th percentile); lowest %s, highest %s",
			moneyRange(cur, *st.P10, *st.P90), Money(cur, *st.Min), Money(cur, *st.Max))
	case st.Min != nil:
		return fmt.Sprintf("lowest %s, highest %s (percentiles need %d salaries; n=%d)",
			Money(cur, *st.Min), Money(cur, *st.Max), stats.MinPercentiles, st.Count)
	}
	return tooFew(st.Count)
}

// sampleLines say what the page's figures rest on.
func sampleLines(s *stats.Summary, p *stats.Page) []string {
	cur := s.Currency
	var lines []string
	line := fmt.Sprintf("Salary figures from %d of %s: full-time, part-time and unspecified jobs with usable pay",
		p.Salary.Count, plural(p.Openings, "opening", "openings"))
	if out := p.Excluded.Total(); out > 0 {
		var parts []string
		for _, reason := range stats.Exclusions {
			if c := p.Excluded.Count(reason); c > 0 {
				parts = append(parts, fmt.Sprintf("%d %s", c, reasonLabels[string(reason)]))
			}
		}
		if len(parts) == 1 {
			// "1 left out: no salary": the count is already said.
			parts[0] = parts[0][strings.IndexByte(parts[0], ' ')+1:]
		}
		line += fmt.Sprintf("; %d left out: %s", out, strings.Join(parts, ", "))
	}
	lines = append(lines, line+".")
	if p.Market == stats.MarketAll && len(p.Markets) > 0 {
		var parts []string
		for _, m := range p.Markets {
			parts = append(parts, fmt.Sprintf("%s (%d)", m.Name, m.Openings))
		}
		lines = append(lines, fmt.Sprintf("This page pools %s: %s. Pay levels differ between markets; see each market's median above.",
			plural(len(p.Markets), "market", "markets"), strings.Join(parts, ", ")))
	}
	switch cs := p.Currencies; {
	case len(cs) > 1:
		var parts []string
		for _, c := range cs {
			parts = append(parts, fmt.Sprintf("%s (%d)", c.Name, c.Count))
		}
		line := fmt.Sprintf("Pay is stated in %d currencies: %s; every figure is converted to %s", len(cs), strings.Join(parts, ", "), cur)
		if p.LocalCurrency != "" && p.LocalCurrency != cur {
			line += " (and to " + p.LocalCurrency + " where marked)"
		}
		lines = append(lines, line+".")
	case len(cs) == 1 && cs[0].Name != cur:
		lines = append(lines, fmt.Sprintf("Pay is stated in %s and converted to %s.", cs[0].Name, cur))
	}
	a := s.Annualization
	line = fmt.Sprintf("Salaries are annual, in %s", cur)
	if s.RatesDate != "" {
		line += ", converted at exchange rates of " + s.RatesDate
	}
	line += fmt.Sprintf("; pay per hour, day, week or month is annualized at %s hours, %s days, %s weeks or %s months a year.",
		num(a.Hours), num(a.Days), num(a.Weeks), num(a.Months))
	if p.LastUpdated != nil {
		line += fmt.Sprintf(" %s (%s).", updatedAgo(s.GeneratedAt, *p.LastUpdated), p.LastUpdated.Format("2006-01-02"))
	}
	lines = append(lines, line)
	lines = append(lines, fmt.Sprintf("Degree figures from %d of %s that state a requirement; %d say nothing.",
		p.Degree.Stated, plural(p.Openings, "opening", "openings"), p.Degree.Unknown))
	lines = append(lines, fmt.Sprintf("A median needs at least %d figures and percentiles %d; a median's confidence interval is distribution-free (order statistics), at %s.",
		stats.MinMedian, stats.MinPercentiles, Percent(stats.Confidence)))
	return lines
}

// num formats an annualization factor: "2080", "52.5".
func num(v float64) string {
	if v == math.Trunc(v) {
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// seniorityTable writes the salary and experience by level.
func seniorityTable(b *builder, cur string, p *stats.Page) {
	b.h(2, "Salary by Seniority")
	if len(p.BySeniority) == 0 {
		b.p(na)
		return
	}
	t := table{head: []string{"Level", "Openings", "Salaries", "Median", "95% CI", "25th–75th percentile", "Experience asked"},
		right: []bool{false, true, true, true, true, true, true}}
	for _, l := range p.BySeniority {
		st := l.Salary
		med, ci, iqr := "too few", "–", "–"
		if st.Count == 0 {
			med = na
		}
		if st.Median != nil {
			med = Money(cur, *st.Median)
			ci = interval(cur, st.MedianCI)
		}
		if st.P25 != nil {
			iqr = moneyRange(cur, *st.P25, *st.P75)
		}
		exp := "not stated"
		switch e := l.Experience; {
		case e.Median != nil:
			exp = fmt.Sprintf("%s (n=%d)", years(*e.Median), e.Count)
		case e.Count > 0:
			exp = fmt.Sprintf("too few (n=%d)", e.Count)
		}
		name := levelName(l.Level)
		if l.BelowLevel != "" {
			name += " (!)"
		}
		t.rows = append(t.rows, []string{name, strconv.Itoa(l.Openings), strconv.Itoa(st.Count), med, ci, iqr, exp})
	}
	b.table(t)
	var notes []string
	for _, inv := range p.Inversions {
		notes = append(notes, fmt.Sprintf("(!) The %s median (%s) is below the %s median (%s), though both rest on at least %d salaries: read these levels with care.",
			levelName(inv.Level), Money(cur, inv.Median), levelName(inv.Lower), Money(cur, inv.LowerMedian), stats.MinMedian))
	}
	notes = append(notes, "Salaries counts the level's openings in the salary figures; experience asked is the median of the years of experience the listings ask for.")
	b.p(notes...)
}

// years formats a number of years: "1 year", "5 years", "4.5 years".
func years(v float64) string {
	if v == 1 {
		return "1 year"
	}
	return num(v) + " years"
}

// payGroup writes the section of a pay type reported apart (contract
// rates, internships).
func payGroup(b *builder, cur string, p *stats.Page, g *stats.PayGroup, title, what, col string) {
	if g == nil {
		return
	}
	b.h(2, "%s", title)
	b.p(fmt.Sprintf("%s: %d of %d. Their pay is not in the salary figures above; it is shown per period as stated, not annualized.",
		what, g.Openings, p.Openings))
	local := p.LocalCurrency != "" && p.LocalCurrency != cur
	if len(g.Rates) > 0 {
		t := table{head: []string{col, "Stated by", "Median", "95% CI"}, right: []bool{false, true, true, true}}
		if local {
			t.head = append(t.head, "Median ("+p.LocalCurrency+")")
			t.right = append(t.right, true)
		}
		for _, r := range g.Rates {
			med, ci, loc := "too few", "–", "too few"
			if r.Pay.Median != nil {
				med, ci = Money(cur, *r.Pay.Median), interval(cur, r.Pay.MedianCI)
			}
			if r.PayLocal != nil && r.PayLocal.Median != nil {
				loc = Money(p.LocalCurrency, *r.PayLocal.Median)
			}
			row := []string{"Per " + string(r.Period), strconv.Itoa(r.Pay.Count), med, ci}
			if local {
				row = append(row, loc)
			}
			t.rows = append(t.rows, row)
		}
		b.table(t)
	}
	if out := g.Excluded.Total(); out > 0 {
		var parts []string
		for _, reason := range stats.Exclusions {
			if c := g.Excluded.Count(reason); c > 0 {
				parts = append(parts, fmt.Sprintf("%d %s", c, reasonLabels[string(reason)]))
			}
		}
		b.p(fmt.Sprintf("Left out of these figures: %s.", strings.Join(parts, ", ")))
	}
}

// employmentName names a normalized employment type in prose.
func employmentName(t string) string {
	switch t {
	case jobstats.EmploymentFullTime:
		return "full-time"
	case jobstats.EmploymentPartTime:
		return "part-time"
	case jobstats.EmploymentContract:
		return "contract"
	case jobstats.EmploymentTemporary:
		return "temporary"
	case jobstats.EmploymentInternship:
		return "internship"
	case jobstats.EmploymentFreelance:
		return "freelance"
	}
	return "not stated"
}
