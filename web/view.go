package web

import (
	"fmt"
	"html/template"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/report"
	"github.com/jobstats/jobstats/stats"
)

// layout is what every page's template gets.
type layout struct {
	Title       string
	Description string
	// Root is the relative path from the page to the site root ("",
	// "../", "../../"), so the site works under any path prefix.
	Root string
	// Canonical is the page's absolute URL, when the base URL is known.
	Canonical string
	// JSONLD is the page's structured data, nil for none.
	JSONLD any
	Crumbs []link
	// Generated is when the figures were computed.
	Generated time.Time
	Live      bool
	// CSP is the Content-Security-Policy, repeated in a meta element so
	// that the static site has it without server headers.
	CSP string
}

type link struct {
	Name, Href string
	Current    bool
}

// tableView is a data table: cells are strings (escaped by the template)
// or template.HTML (figures built in this package).
type tableView struct {
	Caption string
	Head    []string
	Num     []bool
	Rows    []row
}

type row struct {
	Class string
	Cells []any
}

// section is one part of a role's page.
type section struct {
	ID, Title string
	Intro     []template.HTML
	Chart     template.HTML
	Tables    []*tableView
	// Wide stacks the chart above the tables, for tables too wide to sit
	// beside it.
	Wide bool
	// Data is the chart's own data table, folded away under the chart.
	Data  *tableView
	Notes []template.HTML
}

// card is one key figure at the top of a page.
type card struct {
	Label string
	Value template.HTML
	Note  template.HTML
}

// pageView is a role's page in one market.
type pageView struct {
	layout
	Heading     string
	Lead        template.HTML
	Updated     template.HTML
	FilterText  string
	Cards       []card
	Markets     []link
	Controls    *controls
	Sections    []section
	Openings    []openingView
	Method      []template.HTML
	JSONHref    string
	CSVHref     string
	Command     string
	NoOpenings  bool
	OpeningsFor string
}

// openingView is one of the latest openings; Href is "" when the listing's
// URL is not http or https.
type openingView struct {
	Title, Company, Location, Href string
	Posted                         time.Time
}

// pagePtr is the JSON Pointer of the page in its data.json: the summary
// of the page's filter holds one role with one page.
const pagePtr = "/roles/0/pages/0"

// pageInput is what a page is made of.
type pageInput struct {
	sum      *stats.Summary // the summary of the page's filter
	history  []Point        // the page's market only, oldest first
	latest   []stats.Posting
	root     string
	baseURL  string // absolute base of the site, "" when unknown
	path     string // the page's path from the root
	live     bool
	controls *controls
	markets  []link
	command  string
}

// buildPage returns the view of the first page of in.sum.
func buildPage(in pageInput) pageView {
	s := in.sum
	r := &s.Roles[0]
	p := &r.Pages[0]
	cur := s.Currency
	pp := pagePtr
	v := pageView{
		layout: layout{
			Title:     p.Role + " Salaries " + marketPhrase(p.Market, p.MarketName),
			Root:      in.root,
			Generated: s.GeneratedAt,
			Live:      in.live,
			Crumbs: []link{{Name: "All roles", Href: in.root}, {Name: p.Role, Href: in.root + rolePath(p.Role)},
				{Name: p.MarketName, Current: true}},
		},
		Heading:    p.Role + " salaries " + marketPhrase(p.Market, p.MarketName),
		FilterText: beyondPlace(s.Filter),
		Controls:   in.controls,
		Markets:    in.markets,
		JSONHref:   "data.json",
		CSVHref:    "data.csv",
		Command:    in.command,
	}
	if in.baseURL != "" {
		v.Canonical = in.baseURL + in.path
	}
	v.Description = description(s, p)
	v.JSONLD = occupationLD(s, p, v.Canonical)

	st := &p.Salary
	// Lead sentence.
	lead := []template.HTML{plural(ptr(pp, "openings"), p.Openings, "job opening", "job openings")}
	if st.Median != nil {
		lead = append(lead, text(" with a median salary of "), money(ptr(pp, "salary", "median"), cur, *st.Median))
		if l := p.SalaryLocal; l != nil && p.LocalCurrency != cur && l.Median != nil {
			lead = append(lead, text(" ("), money(ptr(pp, "salary_local", "median"), p.LocalCurrency, *l.Median), text(")"))
		}
		lead = append(lead, text(" a year, from "), plural(ptr(pp, "salary", "count"), st.Count, "salary", "salaries"), text(" stated in the listings."))
	} else {
		lead = append(lead, text("; "), plural(ptr(pp, "salary", "count"), st.Count, "states a salary", "state a salary"),
			text(", too few for a median (it takes "), constEl("min_median", stats.MinMedian, fmt.Sprint(stats.MinMedian)), text(")."))
	}
	v.Lead = join(lead, "")
	if p.LastUpdated != nil {
		v.Updated = template.HTML(fmt.Sprintf(`%s: <time datetime="%s">%s</time>`, esc(report.UpdatedAgo(s.GeneratedAt, *p.LastUpdated)),
			p.LastUpdated.UTC().Format(time.RFC3339), p.LastUpdated.UTC().Format("2 January 2006")))
	}

	v.Cards = pageCards(s, p)
	v.Sections = append(v.Sections, salarySection(s, p))
	if sec, ok := senioritySection(s, p); ok {
		v.Sections = append(v.Sections, sec)
	}
	if sec, ok := payGroupSection(s, p, p.Contract, "contract", "Contract rates", "Contract, freelance and temporary openings", "contract"); ok {
		v.Sections = append(v.Sections, sec)
	}
	if sec, ok := payGroupSection(s, p, p.Internship, "internship", "Internships", "Internships", "internship"); ok {
		v.Sections = append(v.Sections, sec)
	}
	v.Sections = append(v.Sections, degreeSection(p), workSection(p), companiesSection(p), skillsSection(p))
	if len(p.Certifications) > 0 {
		v.Sections = append(v.Sections, certificationsSection(p))
	}
	v.Sections = append(v.Sections, trendSection(s, p, in.history))
	for _, o := range in.latest {
		v.Openings = append(v.Openings, openingView{Title: o.Title, Company: o.Company, Location: o.Location,
			Href: safeURL(o.URL), Posted: o.Posted})
	}
	v.Method = method(s, p)
	return v
}

// description is the page's meta description: one sentence with its key
// figures.
func description(s *stats.Summary, p *stats.Page) string {
	d := fmt.Sprintf("%s salaries %s: %d openings", p.Role, marketPhrase(p.Market, p.MarketName), p.Openings)
	if m := p.Salary.Median; m != nil {
		d += fmt.Sprintf(", median %s a year from %d salaries", report.Money(s.Currency, *m), p.Salary.Count)
	}
	if p.Salary.P10 != nil {
		d += fmt.Sprintf(", range %s–%s", report.Money(s.Currency, *p.Salary.P10), report.Money(s.Currency, *p.Salary.P90))
	}
	return d + "; salary by seniority, companies hiring, skills and degree requirements."
}

func pageCards(s *stats.Summary, p *stats.Page) []card {
	cur, pp, st := s.Currency, pagePtr, &p.Salary
	var cards []card
	c := card{Label: "Median salary", Value: payFig(ptr(pp, "salary"), "median", cur, st, st.Median, false)}
	if st.Median != nil {
		var note []template.HTML
		if l := p.SalaryLocal; l != nil && p.LocalCurrency != cur && l.Median != nil {
			note = append(note, money(ptr(pp, "salary_local", "median"), p.LocalCurrency, *l.Median), text(" · "))
		}
		note = append(note, text("from "), count(ptr(pp, "salary", "count"), st.Count), text(" salaries"))
		if ci := st.MedianCI; ci != nil {
			note = append(note, text(" · "), ciLevel(ptr(pp, "salary"), ci), text(" CI "), ciRange(ptr(pp, "salary"), cur, st))
		}
		c.Note = join(note, "")
	}
	cards = append(cards, c)

	c = card{Label: "Salary range"}
	switch {
	case st.P10 != nil:
		c.Value = rangeFig(ptr(pp, "salary"), cur, "p10", "p90", st)
		c.Note = label("10th to 90th percentile")
	case st.Min != nil:
		c.Value = rangeFig(ptr(pp, "salary"), cur, "min", "max", st)
		c.Note = text("lowest to highest; too few salaries for percentiles")
	default:
		c.Value = payFig(ptr(pp, "salary"), "p10", cur, st, nil, false)
	}
	cards = append(cards, c)

	c = card{Label: "Job openings", Value: count(ptr(pp, "openings"), p.Openings)}
	if p.OpeningsChange != nil && p.ChangeSince != nil {
		c.Note = dataEl(ptr(pp, "openings_change"), fmt.Sprint(*p.OpeningsChange), signed(*p.OpeningsChange), "") +
			template.HTML(fmt.Sprintf(` since <time datetime="%s">%s</time>`, p.ChangeSince.UTC().Format(time.RFC3339), p.ChangeSince.UTC().Format("2 Jan")))
	}
	cards = append(cards, c)

	w := p.Workplace
	c = card{Label: "Fully remote"}
	if w.RemoteShare != nil && w.Unknown < p.Openings {
		c.Value = share(ptr(pp, "workplace", "remote_share"), *w.RemoteShare)
		c.Note = count(ptr(pp, "workplace", "remote"), w.Remote) + text(" of ") + count(ptr(pp, "openings"), p.Openings) + text(" openings")
	} else {
		c.Value = template.HTML(`<span class="na">n/a</span>`)
		c.Note = text("no opening says where the work happens")
	}
	cards = append(cards, c)

	d := p.Degree
	c = card{Label: "Degree required"}
	if d.RequiredShare != nil {
		c.Value = share(ptr(pp, "degree", "required_share"), *d.RequiredShare)
		c.Note = text("of ") + count(ptr(pp, "degree", "stated"), d.Stated) + text(" listings that state a requirement")
	} else {
		c.Value = template.HTML(`<span class="na">n/a</span>`)
		c.Note = text("no listing states one")
	}
	return append(cards, c)
}

// ciRange is the interval alone, without its level.
func ciRange(base, cur string, st *stats.PayStats) template.HTML {
	ci := st.MedianCI
	return money(ptr(base, "median_ci", "low"), cur, ci.Low) + "–" + money(ptr(base, "median_ci", "high"), cur, ci.High)
}

func signed(n int) string {
	switch {
	case n > 0:
		return fmt.Sprintf("+%d", n)
	case n == 0:
		return "±0"
	}
	return fmt.Sprint(n)
}

func salarySection(s *stats.Summary, p *stats.Page) section {
	cur, pp, st := s.Currency, pagePtr, &p.Salary
	sec := section{ID: "salary", Title: "Salary range"}
	base := ptr(pp, "salary")
	switch {
	case st.P25 != nil:
		sec.Intro = append(sec.Intro, join([]template.HTML{text("Half of the "), count(ptr(base, "count"), st.Count),
			text(" salaries lie between "), money(ptr(base, "p25"), cur, *st.P25), text(" and "), money(ptr(base, "p75"), cur, *st.P75),
			text("; one in ten is below "), money(ptr(base, "p10"), cur, *st.P10), text(" and one in ten above "),
			money(ptr(base, "p90"), cur, *st.P90), text(".")}, ""))
	case st.Median != nil:
		sec.Intro = append(sec.Intro, join([]template.HTML{text("Only "), count(ptr(base, "count"), st.Count),
			text(" salaries: enough for a median, too few for percentiles (they take "),
			constEl("min_percentiles", stats.MinPercentiles, fmt.Sprint(stats.MinPercentiles)), text(").")}, ""))
	default:
		sec.Intro = append(sec.Intro, join([]template.HTML{text("Too few salaries to say ("), count(ptr(base, "count"), st.Count),
			text("; a median takes "), constEl("min_median", stats.MinMedian, fmt.Sprint(stats.MinMedian)), text(").")}, ""))
	}
	if h := p.SalaryHistogram; h != nil {
		sec.Chart = histogramChart("chart-salary", cur, h, st)
	}
	t := &tableView{Caption: "Annual salary, " + cur, Head: []string{"Figure", "Salary"}, Num: []bool{false, true}}
	add := func(name, label string) {
		t.Rows = append(t.Rows, row{Cells: []any{label, payFig(base, name, cur, st, payField(st, name), true)}})
	}
	t.Rows = append(t.Rows, row{Cells: []any{"Salaries", count(ptr(base, "count"), st.Count)}})
	add("median", "Median")
	t.Rows = append(t.Rows, row{Cells: []any{"Median, 95% confidence interval", ciFig(base, cur, st)}})
	add("average", "Average")
	add("p10", "10th percentile")
	add("p25", "25th percentile")
	add("p75", "75th percentile")
	add("p90", "90th percentile")
	add("min", "Lowest")
	add("max", "Highest")
	if l := p.SalaryLocal; l != nil && p.LocalCurrency != cur {
		t.Head = append(t.Head, "In "+p.LocalCurrency)
		t.Num = append(t.Num, true)
		lb := ptr(pp, "salary_local")
		names := []string{"", "median", "", "average", "p10", "p25", "p75", "p90", "min", "max"}
		for i := range t.Rows {
			var cell any = ""
			switch names[i] {
			case "":
				if i == 2 {
					cell = ciFig(lb, p.LocalCurrency, l)
				}
			default:
				cell = payFig(lb, names[i], p.LocalCurrency, l, payField(l, names[i]), true)
			}
			t.Rows[i].Cells = append(t.Rows[i].Cells, cell)
		}
	}
	sec.Tables = append(sec.Tables, t)
	if h := p.SalaryHistogram; h != nil {
		ht := &tableView{Caption: "Salaries by range (the chart's data)", Head: []string{"From", "To", "Salaries"}, Num: []bool{true, true, true}}
		for i, b := range h.Bins {
			hb := ptr(pp, "salary_histogram", "bins", i)
			ht.Rows = append(ht.Rows, row{Cells: []any{money(ptr(hb, "low"), cur, b.Low), money(ptr(hb, "high"), cur, b.High), count(ptr(hb, "count"), b.Count)}})
		}
		sec.Data = ht
	}
	return sec
}

func senioritySection(s *stats.Summary, p *stats.Page) (section, bool) {
	if len(p.BySeniority) == 0 {
		return section{}, false
	}
	cur, pp := s.Currency, pagePtr
	sec := section{ID: "seniority", Title: "Salary by seniority", Wide: true}
	t := &tableView{Caption: "Annual salary by level, " + cur,
		Head: []string{"Level", "Openings", "Salaries", "Median", "95% CI", "25th–75th percentile", "Experience asked"},
		Num:  []bool{false, true, true, true, true, true, true}}
	var bands []band
	for i, l := range p.BySeniority {
		base := ptr(pp, "by_seniority", i)
		sb := ptr(base, "salary")
		st := l.Salary
		name := report.LevelName(l.Level)
		if l.Level == "unknown" {
			name = "Level not stated"
		}
		exp := template.HTML(`<span class="na">not stated</span>`)
		switch e := l.Experience; {
		case e.Median != nil:
			exp = dataEl(ptr(base, "experience_years", "median"), num(*e.Median), yearsText(*e.Median), "") +
				text(" (n=") + count(ptr(base, "experience_years", "count"), e.Count) + text(")")
		case e.Count > 0:
			exp = text("too few (n=") + count(ptr(base, "experience_years", "count"), e.Count) + text(")")
		}
		label := any(name)
		class := ""
		if l.BelowLevel != "" {
			label = template.HTML(esc(name) + ` <abbr class="flag" title="median below a lower level's">(!)</abbr>`)
			class = "inverted"
		}
		t.Rows = append(t.Rows, row{Class: class, Cells: []any{label, count(ptr(base, "openings"), l.Openings), count(ptr(sb, "count"), st.Count),
			payFig(sb, "median", cur, &l.Salary, st.Median, true), ciFig(sb, cur, &l.Salary), rangeFig(sb, cur, "p25", "p75", &l.Salary), exp}})
		if st.Count > 0 {
			bands = append(bands, band{label: name, p10: st.P10, p25: st.P25, med: st.Median, p75: st.P75, p90: st.P90, count: st.Count,
				below: l.BelowLevel})
		}
	}
	if len(bands) > 0 {
		sec.Chart = bandsChart("chart-seniority", cur, bands)
		ranged := false
		for _, b := range bands {
			ranged = ranged || b.p25 != nil
		}
		if ranged {
			sec.Intro = append(sec.Intro, label("Bars span the middle half of each level’s salaries (25th to 75th percentile), whiskers the 10th to 90th, and the tick marks the median."))
		} else {
			sec.Intro = append(sec.Intro, text("Each tick marks a level’s median; no level has enough salaries for a range (it takes ")+
				constEl("min_percentiles", stats.MinPercentiles, fmt.Sprint(stats.MinPercentiles))+text(")."))
		}
	}
	sec.Tables = append(sec.Tables, t)
	for i, inv := range p.Inversions {
		ib := ptr(pp, "seniority_inversions", i)
		sec.Notes = append(sec.Notes, join([]template.HTML{text(fmt.Sprintf("(!) The %s median (", report.LevelName(inv.Level))),
			money(ptr(ib, "median"), cur, inv.Median), text(fmt.Sprintf(") is below the %s median (", report.LevelName(inv.Lower))),
			money(ptr(ib, "lower_median"), cur, inv.LowerMedian),
			text("), though both rest on at least "), constEl("min_median", stats.MinMedian, fmt.Sprint(stats.MinMedian)),
			text(" salaries: read these levels with care.")}, ""))
	}
	return sec, true
}

func yearsText(v float64) string {
	if v == 1 {
		return "1 year"
	}
	return num(v) + " years"
}

func payGroupSection(s *stats.Summary, p *stats.Page, g *stats.PayGroup, field, title, what, id string) (section, bool) {
	if g == nil {
		return section{}, false
	}
	cur, pp := s.Currency, pagePtr
	gb := ptr(pp, field)
	sec := section{ID: id, Title: title}
	sec.Intro = append(sec.Intro, join([]template.HTML{text(what + ": "), count(ptr(gb, "openings"), g.Openings), text(" of "),
		count(ptr(pp, "openings"), p.Openings), text(". Their pay is kept out of the salary figures above and shown per period as stated, not annualized.")}, ""))
	local := p.LocalCurrency != "" && p.LocalCurrency != cur
	if len(g.Rates) > 0 {
		t := &tableView{Caption: title + ", " + cur, Head: []string{"Pay", "Stated by", "Median", "95% CI"}, Num: []bool{false, true, true, true}}
		if local {
			t.Head = append(t.Head, "Median ("+p.LocalCurrency+")")
			t.Num = append(t.Num, true)
		}
		for i, r := range g.Rates {
			rb := ptr(gb, "rates", i)
			cells := []any{"Per " + string(r.Period), count(ptr(rb, "pay", "count"), r.Pay.Count),
				payFig(ptr(rb, "pay"), "median", cur, &r.Pay, r.Pay.Median, true), ciFig(ptr(rb, "pay"), cur, &r.Pay)}
			if local {
				var cell any = template.HTML(`<span class="na">too few</span>`)
				if r.PayLocal != nil {
					cell = payFig(ptr(rb, "pay_local"), "median", p.LocalCurrency, r.PayLocal, r.PayLocal.Median, true)
				}
				cells = append(cells, cell)
			}
			t.Rows = append(t.Rows, row{Cells: cells})
		}
		sec.Tables = append(sec.Tables, t)
	}
	if parts := exclusionParts(ptr(gb, "excluded"), g.Excluded); len(parts) > 0 {
		sec.Notes = append(sec.Notes, text("Left out of these figures: ")+join(parts, ", ")+text("."))
	}
	return sec, true
}

// exclusionParts lists the reasons openings were left out: "2 no salary".
func exclusionParts(base string, e stats.Excluded) []template.HTML {
	var parts []template.HTML
	for _, reason := range stats.Exclusions {
		if c := e.Count(reason); c > 0 {
			parts = append(parts, count(ptr(base, string(reason)), c)+text(" "+report.ReasonLabel(reason)))
		}
	}
	return parts
}

func degreeSection(p *stats.Page) section {
	pp := pagePtr
	d := p.Degree
	db := ptr(pp, "degree")
	sec := section{ID: "degree", Title: "Degree requirements"}
	if d.RequiredShare != nil {
		sec.Intro = append(sec.Intro, join([]template.HTML{share(ptr(db, "required_share"), *d.RequiredShare),
			text(" of the "), count(ptr(db, "stated"), d.Stated), text(" listings that state a requirement ask for a degree; "),
			share(ptr(db, "equivalent_share"), *d.EquivalentShare), text(" accept a degree or equivalent experience. "),
			count(ptr(db, "unknown"), d.Unknown), text(" of "), count(ptr(pp, "openings"), p.Openings), text(" openings say nothing about a degree.")}, ""))
	} else {
		sec.Intro = append(sec.Intro, text("No listing states a degree requirement."))
	}
	rows := []struct {
		label, field, class string
		n                   int
	}{
		{"Degree required", "required", "seg-required", d.Required},
		{"Degree or equivalent", "equivalent", "seg-equivalent", d.Equivalent},
		{"Degree preferred", "preferred", "seg-preferred", d.Preferred},
		{"No degree required", "not_required", "seg-not-required", d.NotRequired},
		{"Not stated", "unknown", "seg-unknown", d.Unknown},
	}
	var items []barItem
	t := &tableView{Caption: "Openings by degree requirement", Head: []string{"Requirement", "Openings"}, Num: []bool{false, true}}
	var desc []string
	most := 1
	for _, r := range rows {
		most = max(most, r.n)
	}
	for _, r := range rows {
		items = append(items, barItem{label: r.label, value: float64(r.n), text: fmt.Sprint(r.n), class: r.class})
		t.Rows = append(t.Rows, row{Cells: []any{r.label, count(ptr(db, r.field), r.n)}})
		desc = append(desc, fmt.Sprintf("%s: %d", r.label, r.n))
	}
	sec.Chart = barChart("chart-degree", "Openings by degree requirement", "Openings by degree requirement. "+strings.Join(desc, "; ")+".",
		items, float64(most))
	sec.Tables = append(sec.Tables, t)
	return sec
}

func workSection(p *stats.Page) section {
	pp := pagePtr
	w := p.Workplace
	wb := ptr(pp, "workplace")
	sec := section{ID: "work", Title: "Remote work, employment and locations"}
	if w.RemoteShare != nil && w.Unknown < p.Openings {
		sec.Intro = append(sec.Intro, join([]template.HTML{share(ptr(wb, "remote_share"), *w.RemoteShare),
			text(" of openings are fully remote ("), count(ptr(wb, "remote"), w.Remote), text(" of "), count(ptr(pp, "openings"), p.Openings),
			text("; "), count(ptr(wb, "hybrid"), w.Hybrid), text(" hybrid, "), count(ptr(wb, "onsite"), w.Onsite), text(" on-site, "),
			count(ptr(wb, "unknown"), w.Unknown), text(" not stated).")}, ""))
	} else {
		sec.Intro = append(sec.Intro, text("No opening says whether the work is remote."))
	}
	t := &tableView{Caption: "Openings by employment type", Head: []string{"Employment", "Openings"}, Num: []bool{false, true}}
	for i, e := range p.Employment {
		name := report.EmploymentName(e.Name)
		t.Rows = append(t.Rows, row{Cells: []any{upperFirst(name), count(ptr(pp, "employment", i, "count"), e.Count)}})
	}
	sec.Tables = append(sec.Tables, t)
	if len(p.Locations) > 0 {
		lt := &tableView{Caption: "Top locations", Head: []string{"Location", "Openings"}, Num: []bool{false, true}}
		for i, l := range p.Locations {
			lt.Rows = append(lt.Rows, row{Cells: []any{l.Name, count(ptr(pp, "locations", i, "count"), l.Count)}})
		}
		sec.Tables = append(sec.Tables, lt)
	}
	return sec
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func companiesSection(p *stats.Page) section {
	pp := pagePtr
	sec := section{ID: "companies", Title: "Companies hiring"}
	if len(p.Companies) == 0 {
		sec.Intro = append(sec.Intro, text("No company named."))
		return sec
	}
	t := &tableView{Caption: fmt.Sprintf("Companies with the most openings (top %d)", stats.TopCompanies), Head: []string{"Company", "Openings"}, Num: []bool{false, true}}
	for i, c := range p.Companies {
		t.Rows = append(t.Rows, row{Cells: []any{c.Name, count(ptr(pp, "companies", i, "openings"), c.Openings)}})
	}
	sec.Tables = append(sec.Tables, t)
	return sec
}

func skillsSection(p *stats.Page) section {
	pp := pagePtr
	sec := section{ID: "skills", Title: "Skills in demand"}
	if len(p.Skills) == 0 {
		sec.Intro = append(sec.Intro, text("No skill named."))
		return sec
	}
	sec.Intro = append(sec.Intro, text("Share of the ")+count(ptr(pp, "openings"), p.Openings)+text(" openings that ask for each skill in their requirements."))
	t := &tableView{Caption: "Skills asked for", Head: []string{"Skill", "Openings", "Share"}, Num: []bool{false, true, true}}
	var items []barItem
	var desc []string
	for i, sk := range p.Skills {
		sb := ptr(pp, "skills", i)
		t.Rows = append(t.Rows, row{Cells: []any{sk.Name, count(ptr(sb, "count"), sk.Count), share(ptr(sb, "share"), sk.Share)}})
		items = append(items, barItem{label: sk.Name, value: sk.Share, text: report.Percent(sk.Share)})
		desc = append(desc, sk.Name+" "+report.Percent(sk.Share))
	}
	sec.Chart = barChart("chart-skills", "Skills asked for", "Share of openings asking for each skill: "+strings.Join(desc, ", ")+".", items, p.Skills[0].Share)
	sec.Tables = append(sec.Tables, t)
	return sec
}

func certificationsSection(p *stats.Page) section {
	pp := pagePtr
	sec := section{ID: "certifications", Title: "Certifications"}
	t := &tableView{Caption: "Certifications mentioned", Head: []string{"Certification", "Openings"}, Num: []bool{false, true}}
	for i, c := range p.Certifications {
		t.Rows = append(t.Rows, row{Cells: []any{c.Name, count(ptr(pp, "certifications", i, "count"), c.Count)}})
	}
	sec.Tables = append(sec.Tables, t)
	return sec
}

// trendSection shows openings and the median after every stored
// snapshot. Its figures come from the history, not the report: they are
// marked data-source="history".
func trendSection(s *stats.Summary, p *stats.Page, pts []Point) section {
	cur := s.Currency
	sec := section{ID: "trend", Title: "Trend"}
	if p.OpeningsChange != nil && p.ChangeSince != nil {
		pp := pagePtr
		parts := []template.HTML{text("Since "), template.HTML(fmt.Sprintf(`<time datetime="%s">%s</time>`, p.ChangeSince.UTC().Format(time.RFC3339),
			p.ChangeSince.UTC().Format("2 January 2006"))), text(": "),
			dataEl(ptr(pp, "openings_change"), fmt.Sprint(*p.OpeningsChange), signed(*p.OpeningsChange), ""), text(" openings")}
		if p.MedianChange != nil {
			m := *p.MedianChange
			sign := ""
			if m > 0 {
				sign = "+"
			}
			parts = append(parts, text(", median "), dataEl(ptr(pp, "median_change"), num(m), sign+report.Money(cur, m), ""))
		}
		sec.Intro = append(sec.Intro, join(parts, "")+text("."))
	}
	if len(pts) == 0 {
		sec.Intro = append(sec.Intro, text("No snapshot stored yet: one is taken after every crawl, so the trend appears from the second."))
		return sec
	}
	at := make([]time.Time, len(pts))
	opens := make([]*float64, len(pts))
	meds := make([]*float64, len(pts))
	t := &tableView{Caption: "Figures after each crawl", Head: []string{"Time (UTC)", "Openings", "Salaries", "Median"}, Num: []bool{false, true, true, true}}
	for i, pt := range pts {
		at[i] = pt.At
		o := float64(pt.Openings)
		opens[i] = &o
		meds[i] = pt.Median
		med := template.HTML(`<span class="na">too few</span>`)
		if pt.Median != nil {
			med = historyEl(num(*pt.Median), report.Money(cur, *pt.Median))
		}
		t.Rows = append(t.Rows, row{Cells: []any{template.HTML(fmt.Sprintf(`<time datetime="%s">%s</time>`, pt.At.UTC().Format(time.RFC3339), pt.At.UTC().Format("2006-01-02 15:04"))),
			historyEl(fmt.Sprint(pt.Openings), fmt.Sprint(pt.Openings)), historyEl(fmt.Sprint(pt.SalaryCount), fmt.Sprint(pt.SalaryCount)), med}})
	}
	if len(pts) == 1 {
		sec.Intro = append(sec.Intro, text("One snapshot so far: the trend appears from the second."))
	} else {
		sec.Chart = trendChart("chart-openings", "Openings over time", "openings", at, opens, func(v float64) string { return fmt.Sprint(int(v)) }) +
			trendChart("chart-median", "Median salary over time", "", at, meds, func(v float64) string { return short(cur, v) })
	}
	// Newest first in the table.
	slices.Reverse(t.Rows)
	if len(t.Rows) > 12 {
		t.Rows = t.Rows[:12]
		t.Caption += " (the latest 12)"
	}
	sec.Tables = append(sec.Tables, t)
	return sec
}

// historyEl is a figure from the stored history rather than the report.
func historyEl(value, s string) template.HTML {
	return template.HTML(`<data value="` + esc(value) + `" data-source="history">` + esc(s) + `</data>`)
}

// constEl is one of the sample rules' constants.
func constEl(name string, v float64, s string) template.HTML {
	return template.HTML(`<data value="` + esc(num(v)) + `" data-const="` + esc(name) + `">` + esc(s) + `</data>`)
}

// method says how the page's numbers are made: what each rests on, what
// was left out and why, the exchange rates, the sample rules.
func method(s *stats.Summary, p *stats.Page) []template.HTML {
	cur, pp := s.Currency, pagePtr
	var out []template.HTML
	line := []template.HTML{text("Salary figures come from "), count(ptr(pp, "salary", "count"), p.Salary.Count), text(" of "),
		count(ptr(pp, "openings"), p.Openings), text(" openings: full-time, part-time and unspecified jobs with usable pay.")}
	if total := p.Excluded.Total(); total > 0 {
		line = append(line, text(" Left out: "), join(exclusionParts(ptr(pp, "excluded"), p.Excluded), ", "), text("."))
	}
	out = append(out, join(line, ""))
	switch cs := p.Currencies; {
	case len(cs) > 1:
		var parts []template.HTML
		for i, c := range cs {
			parts = append(parts, text(c.Name+" (")+count(ptr(pp, "currencies", i, "count"), c.Count)+text(")"))
		}
		l := text("Pay is stated in ") + template.HTML(fmt.Sprintf(`<data value="%d" data-label>%d currencies</data>`, len(cs), len(cs))) + text(": ") + join(parts, ", ") + text("; every figure is converted to "+cur)
		if p.LocalCurrency != "" && p.LocalCurrency != cur {
			l += text(" (and to " + p.LocalCurrency + " where marked)")
		}
		out = append(out, l+text("."))
	case len(cs) == 1 && cs[0].Name != cur:
		out = append(out, text("Pay is stated in "+cs[0].Name+" and converted to "+cur+"."))
	}
	a := s.Annualization
	l := text("Salaries are annual, in " + cur)
	if s.RatesDate != "" {
		l += text(", converted at the exchange rates of ") + template.HTML(fmt.Sprintf(`<time datetime="%s" data-field="/rates_date">%s</time>`, esc(s.RatesDate), esc(s.RatesDate))) +
			text(" (base "+s.RatesBase+")")
	}
	l += text("; pay per hour, day, week or month is annualized at ") + dataEl("/annualization/hours", num(a.Hours), num(a.Hours), "") +
		text(" hours, ") + dataEl("/annualization/days", num(a.Days), num(a.Days), "") + text(" days, ") +
		dataEl("/annualization/weeks", num(a.Weeks), num(a.Weeks), "") + text(" weeks or ") +
		dataEl("/annualization/months", num(a.Months), num(a.Months), "") + text(" months a year. A listing counts once, at the midpoint of its range; amounts outside ") +
		money("/plausible_usd/0", "USD", s.PlausibleUSD[0]) + text("–") + money("/plausible_usd/1", "USD", s.PlausibleUSD[1]) + text(" a year are left out as implausible.")
	out = append(out, l)
	out = append(out, join([]template.HTML{text("Degree figures come from the "), count(ptr(pp, "degree", "stated"), p.Degree.Stated),
		text(" openings that state a requirement; "), count(ptr(pp, "degree", "unknown"), p.Degree.Unknown), text(" say nothing.")}, ""))
	out = append(out, join([]template.HTML{text("A median, an average and the lowest and highest figure need at least "),
		constEl("min_median", stats.MinMedian, fmt.Sprint(stats.MinMedian)), text(" figures, percentiles "),
		constEl("min_percentiles", stats.MinPercentiles, fmt.Sprint(stats.MinPercentiles)),
		text("; below that a page says “too few to say” and gives the count. Each median has a distribution-free "),
		constEl("confidence", stats.Confidence, report.Percent(stats.Confidence)),
		text(" confidence interval: the order statistics around the median whose coverage, from the binomial distribution, is at least that; a sample too small to reach it says the level it has. Percentiles interpolate linearly between closest ranks.")}, ""))
	if p.Market == stats.MarketUnknown {
		out = append(out, text("These openings do not say where the job is, so they are kept apart from every country's figures; they mix markets and currencies."))
	}
	return out
}

// marketPhrase says where a page's figures hold, after "Backend Engineer
// salaries": "in the United States", "in Germany", "for remote work in
// the EU", "for remote work anywhere", "where the location is unknown".
func marketPhrase(market, name string) string {
	switch {
	case market == stats.MarketUnknown:
		return "where the location is unknown"
	case market == stats.MarketAll:
		return "in all markets"
	case strings.HasPrefix(market, jobstats.MarketRemotePrefix):
		scope := strings.TrimPrefix(market, jobstats.MarketRemotePrefix)
		switch scope {
		case jobstats.RemoteWorldwide:
			return "for remote work anywhere"
		case jobstats.RemoteEU, jobstats.RemoteAmericas:
			return "for remote work in the " + scope
		}
		return "for remote work in " + scope
	}
	return "in " + countryPhrase(name)
}

// countryPhrase puts "the" before the country names that take it.
func countryPhrase(name string) string {
	switch {
	case strings.HasPrefix(name, "United "), strings.HasSuffix(name, " Republic"), strings.HasSuffix(name, " Islands"),
		name == "Netherlands", name == "Philippines", name == "Bahamas", name == "Gambia":
		return "the " + name
	}
	return name
}

// label is fixed wording that holds numbers which are not figures ("10th
// to 90th percentile").
func label(s string) template.HTML { return template.HTML(`<span data-label>` + esc(s) + `</span>`) }

// beyondPlace describes a page's filter without its role and market,
// which the page names.
func beyondPlace(f stats.Filter) string {
	f.Role, f.Markets = "", nil
	return f.Describe(nil)
}

// safeURL returns u when it is an absolute http or https URL, else "":
// a listing's link is never a script.
func safeURL(u string) string {
	p, err := url.Parse(strings.TrimSpace(u))
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
		return ""
	}
	return p.String()
}

// marketSlugs returns the market keys of r with a page, each with its
// link from a page of the role.
func marketLinks(r *stats.Role, current string, root string, query string) []link {
	var out []link
	for _, m := range r.Markets {
		if !m.HasPage {
			continue
		}
		out = append(out, link{Name: m.Name, Href: root + pagePath(r.Name, m.Market) + query, Current: m.Market == current})
	}
	if len(out) < 2 {
		return nil
	}
	return out
}

// levelOptions are the seniority levels a filter can pick.
func levelOptions() []string {
	out := make([]string, 0, len(jobstats.Seniorities))
	for _, s := range jobstats.Seniorities {
		out = append(out, string(s))
	}
	return out
}
