package stats

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/jobstats/jobstats"
)

// levelUnknown is the by-seniority level of listings without one.
const levelUnknown = "unknown"

// employmentUnknown is the employment mix entry of listings whose type is
// not known.
const employmentUnknown = "unknown"

type levelAgg struct {
	openings int
	salaries []float64
	years    []float64
}

// groupAgg accumulates one pay type reported apart (contract, internship).
type groupAgg struct {
	openings int
	excluded Excluded
	rates    map[jobstats.Period][]float64 // per period, report currency
}

// pageAgg accumulates one page: a role in one market, or in all (pooled).
type pageAgg struct {
	market      string
	openings    int
	salaries    []float64 // annual, report currency
	excluded    Excluded
	contract    groupAgg
	internship  groupAgg
	currencies  map[string]*int
	markets     map[string]*int
	degree      Degree
	workplace   WorkplaceMix
	employment  [7]int // by index in jobstats.EmploymentTypes, unknown last
	locations   map[string]*int
	levels      map[jobstats.Seniority]*levelAgg
	companies   map[string]*int
	skills      map[string]*int
	certs       map[string]*int
	lastUpdated time.Time
}

func newPageAgg(market string) *pageAgg {
	return &pageAgg{
		market:     market,
		currencies: make(map[string]*int),
		markets:    make(map[string]*int),
		locations:  make(map[string]*int),
		levels:     make(map[jobstats.Seniority]*levelAgg),
		companies:  make(map[string]*int),
		skills:     make(map[string]*int),
		certs:      make(map[string]*int),
	}
}

type roleAgg struct {
	name     string
	openings int
	markets  map[string]*pageAgg
	pooled   *pageAgg
}

// Aggregator accumulates listings one at a time and produces a Summary.
// Its memory grows with the number of roles, markets, companies, skills
// and locations, and by a few float64s per listing with usable pay; never
// with descriptions. An Aggregator is not safe for concurrent use.
type Aggregator struct {
	opts        Options
	conv        *converter
	byName      map[string]*roleAgg // exact role string -> aggregate
	byKey       map[string]*roleAgg // lower-cased role -> aggregate
	listings    int
	open        int
	duplicates  int
	lastUpdated time.Time
	// jobs finds cross-posts and reposts, so that each job counts once.
	jobs sameJobs
}

// New returns an Aggregator with opts; zero fields take their defaults.
func New(opts Options) *Aggregator {
	o := opts.withDefaults()
	return &Aggregator{
		opts:   o,
		conv:   newConverter(o, true),
		byName: make(map[string]*roleAgg),
		byKey:  make(map[string]*roleAgg),
		jobs:   newSameJobs(),
	}
}

// Add counts one listing. It is called once per stored listing and does not
// retain l or anything l points to, so the caller may reuse l.
func (a *Aggregator) Add(l *jobstats.Listing) {
	if !a.opts.Filter.Match(l) {
		return
	}
	a.listings++
	// The data was last updated when a listing was last seen, as far as
	// AsOf can know: later sightings count as AsOf, and listings first
	// seen after AsOf not at all.
	seen := l.LastSeen
	if asOf := a.opts.AsOf; !asOf.IsZero() {
		if l.FirstSeen.After(asOf) {
			seen = time.Time{}
		} else if seen.After(asOf) {
			seen = asOf
		}
	}
	if seen.After(a.lastUpdated) {
		a.lastUpdated = seen
	}
	var open bool
	if a.opts.AsOf.IsZero() {
		open = l.Open()
	} else {
		open = l.OpenAt(a.opts.AsOf)
	}
	if !open {
		return
	}
	if _, created, _ := a.jobs.add(l); !created {
		a.duplicates++
		return
	}
	a.open++
	r := a.role(RoleOf(l))
	r.openings++
	market := MarketOf(l)
	p := r.markets[market]
	if p == nil {
		p = newPageAgg(strings.Clone(market))
		r.markets[p.market] = p
	}
	p.add(l, a.conv, seen)
	if a.opts.Pool {
		if r.pooled == nil {
			r.pooled = newPageAgg(MarketAll)
		}
		r.pooled.add(l, a.conv, seen)
	}
}

// add counts the opening l on the page; seen is its LastSeen capped at AsOf.
func (p *pageAgg) add(l *jobstats.Listing, conv *converter, seen time.Time) {
	p.openings++
	if seen.After(p.lastUpdated) {
		p.lastUpdated = seen
	}
	if p.market == MarketAll {
		inc(p.markets, MarketOf(l))
	}

	lv := p.levels[l.Seniority]
	if lv == nil {
		lv = &levelAgg{}
		p.levels[jobstats.Seniority(strings.Clone(string(l.Seniority)))] = lv
	}
	lv.openings++
	if l.ExperienceYears > 0 {
		lv.years = append(lv.years, float64(l.ExperienceYears))
	}

	if s := l.Salary; s != nil && (s.Min > 0 || s.Max > 0) && s.Currency != "" {
		inc(p.currencies, strings.ToUpper(s.Currency))
	}
	min, max, why := conv.annual(l.Salary)
	switch PayTypeOf(l) {
	case PayContract:
		p.excluded.add(ExcludedContract)
		p.contract.add(l.Salary, min, max, why, conv)
	case PayInternship:
		p.excluded.add(ExcludedInternship)
		p.internship.add(l.Salary, min, max, why, conv)
	default:
		if why == ExclusionNone {
			v := mid(min, max)
			p.salaries = append(p.salaries, v)
			lv.salaries = append(lv.salaries, v)
		} else {
			p.excluded.add(why)
		}
	}

	switch l.Degree {
	case jobstats.DegreeRequired:
		p.degree.Required++
	case jobstats.DegreeEquivalent:
		p.degree.Equivalent++
	case jobstats.DegreePreferred:
		p.degree.Preferred++
	case jobstats.DegreeNotRequired:
		p.degree.NotRequired++
	default:
		p.degree.Unknown++
	}
	switch l.Workplace {
	case jobstats.WorkplaceRemote:
		p.workplace.Remote++
	case jobstats.WorkplaceHybrid:
		p.workplace.Hybrid++
	case jobstats.WorkplaceOnsite:
		p.workplace.Onsite++
	default:
		p.workplace.Unknown++
	}
	emp := slices.Index(jobstats.EmploymentTypes, EmploymentOf(l.EmploymentType))
	if emp < 0 {
		emp = len(jobstats.EmploymentTypes)
	}
	p.employment[emp]++
	if loc := locationOf(l); loc != "" {
		inc(p.locations, loc)
	}
	if c := jobstats.TrimSpace(l.Company); c != "" {
		inc(p.companies, c)
	}
	for _, s := range l.Skills {
		if s != "" {
			inc(p.skills, s)
		}
	}
	for _, c := range l.Certifications {
		if c != "" {
			inc(p.certs, c)
		}
	}
}

// add counts one opening of the group's pay type.
func (g *groupAgg) add(s *jobstats.Salary, min, max float64, why Exclusion, conv *converter) {
	g.openings++
	if why != ExclusionNone {
		g.excluded.add(why)
		return
	}
	per := conv.opts.Annualization.Factor(s.Period)
	if g.rates == nil {
		g.rates = make(map[jobstats.Period][]float64)
	}
	g.rates[s.Period] = append(g.rates[s.Period], mid(min, max)/per)
}

// mid returns the single figure a listing contributes: the midpoint of the
// range, or the one bound that is set.
func mid(min, max float64) float64 {
	switch {
	case min > 0 && max > 0:
		return (min + max) / 2
	case min > 0:
		return min
	default:
		return max
	}
}

// locationOf names where a listing is for the top locations: its city
// (with the region when known), else its location as written.
func locationOf(l *jobstats.Listing) string {
	if c := jobstats.TrimSpace(l.City); c != "" {
		if r := jobstats.TrimSpace(l.Region); r != "" {
			return c + ", " + r
		}
		return c
	}
	return jobstats.TrimSpace(l.Location)
}

// inc counts key in m, copying the key only when it is new so that m never
// shares memory with the caller's listing. The counts are pointers because
// assigning to an existing string key makes the map keep the new key.
func inc(m map[string]*int, key string) {
	if n := m[key]; n != nil {
		*n++
		return
	}
	n := 1
	m[strings.Clone(key)] = &n
}

// role returns the aggregate of the role named name, creating it. Names
// that differ only in case share one aggregate, named as first seen.
func (a *Aggregator) role(name string) *roleAgg {
	if r, ok := a.byName[name]; ok {
		return r
	}
	name = strings.Clone(name)
	key := strings.ToLower(name)
	r, ok := a.byKey[key]
	if !ok {
		r = &roleAgg{name: name, markets: make(map[string]*pageAgg)}
		a.byKey[key] = r
	}
	a.byName[name] = r
	return r
}

// Summary returns the statistics of every listing added so far. It may be
// called more than once; the Aggregator stays usable.
func (a *Aggregator) Summary() Summary {
	o := a.opts
	s := Summary{
		SchemaVersion: SchemaVersion,
		GeneratedAt:   o.Now().UTC(),
		Currency:      o.Currency,
		RatesBase:     o.Rates.Base,
		RatesDate:     o.Rates.AsOf,
		Annualization: o.Annualization,
		PlausibleUSD:  o.Plausible,
		Role:          o.Filter.Role,
		Filter:        o.Filter,
		FilterText:    describeBeyondRole(o.Filter, o.MarketName),
		Pooled:        o.Pool,
		MinOpenings:   o.MinOpenings,
		Listings:      a.listings,
		Open:          a.open,
		Duplicates:    a.duplicates,
		Roles:         make([]Role, 0, len(a.byKey)),
	}
	if !o.AsOf.IsZero() {
		t := o.AsOf.UTC()
		s.AsOf = &t
	}
	if !a.lastUpdated.IsZero() {
		t := a.lastUpdated.UTC()
		s.LastUpdated = &t
	}
	for _, r := range a.byKey {
		s.Roles = append(s.Roles, a.roleSummary(r))
	}
	slices.SortFunc(s.Roles, func(x, y Role) int {
		if c := cmp.Compare(y.Openings, x.Openings); c != 0 {
			return c
		}
		return cmp.Compare(x.Name, y.Name)
	})
	return s
}

func (a *Aggregator) roleSummary(r *roleAgg) Role {
	o := a.opts
	out := Role{Name: r.name, Openings: r.openings}
	aggs := make([]*pageAgg, 0, len(r.markets))
	for _, p := range r.markets {
		aggs = append(aggs, p)
	}
	slices.SortFunc(aggs, func(x, y *pageAgg) int {
		if c := cmp.Compare(y.openings, x.openings); c != 0 {
			return c
		}
		return cmp.Compare(x.market, y.market)
	})
	out.Markets = make([]Market, 0, len(aggs))
	out.Pages = []Page{}
	for _, p := range aggs {
		pg := a.page(r.name, p)
		m := Market{Market: p.market, Name: pg.MarketName, Openings: p.openings, SalaryCount: pg.Salary.Count,
			Median: pg.Salary.Median, LocalCurrency: pg.LocalCurrency}
		if pg.SalaryLocal != nil {
			m.MedianLocal = pg.SalaryLocal.Median
		}
		if !o.Pool && p.openings >= o.MinOpenings {
			m.HasPage = true
			out.Pages = append(out.Pages, pg)
		}
		out.Markets = append(out.Markets, m)
	}
	if o.Pool && r.pooled != nil {
		out.Pages = append(out.Pages, a.page(r.name, r.pooled))
	}
	return out
}

// page turns a page aggregate into its statistics. It sorts the
// aggregate's samples in place.
func (a *Aggregator) page(role string, p *pageAgg) Page {
	o := a.opts
	out := Page{
		Role:            role,
		Market:          p.market,
		MarketName:      o.MarketName(p.market),
		Openings:        p.openings,
		Salary:          payStats(p.salaries),
		SalaryHistogram: NewHistogram(p.salaries),
		Excluded:        p.excluded,
		Degree:          p.degree,
		Workplace:       p.workplace,
	}
	out.Currencies = counts(p.currencies, len(p.currencies))
	out.Markets = make([]MarketCount, 0, max(1, len(p.markets)))
	if p.market != MarketAll {
		out.Markets = append(out.Markets, MarketCount{Market: p.market, Name: out.MarketName, Openings: p.openings})
	}
	for _, c := range top(p.markets, len(p.markets)) {
		out.Markets = append(out.Markets, MarketCount{Market: c.name, Name: o.MarketName(c.name), Openings: c.n})
	}
	out.LocalCurrency = majority(out.Currencies)
	local := a.localFactor(out.LocalCurrency)
	if local > 0 {
		l := out.Salary.scaled(local)
		out.SalaryLocal = &l
	}
	out.Contract = p.contract.summary(local)
	out.Internship = p.internship.summary(local)

	d := &out.Degree
	d.Stated = d.Required + d.Equivalent + d.Preferred + d.NotRequired
	if d.Stated > 0 {
		d.RequiredShare = share(d.Required, d.Stated)
		d.EquivalentShare = share(d.Equivalent, d.Stated)
	}
	if p.openings > 0 {
		out.Workplace.RemoteShare = share(p.workplace.Remote, p.openings)
	}
	emp := make(map[string]*int)
	for i, n := range p.employment {
		if n > 0 {
			name := employmentUnknown
			if i < len(jobstats.EmploymentTypes) {
				name = jobstats.EmploymentTypes[i]
			}
			emp[name] = &n
		}
	}
	out.Employment = counts(emp, len(emp))
	out.Locations = counts(p.locations, TopLocations)
	if !p.lastUpdated.IsZero() {
		t := p.lastUpdated.UTC()
		out.LastUpdated = &t
	}

	out.BySeniority = make([]Level, 0, len(p.levels))
	for lv, agg := range p.levels {
		name := string(lv)
		if name == "" {
			name = levelUnknown
		}
		out.BySeniority = append(out.BySeniority, Level{Level: name, Openings: agg.openings,
			Salary: payStats(agg.salaries), Experience: yearsStats(agg.years)})
	}
	slices.SortFunc(out.BySeniority, func(x, y Level) int {
		if c := cmp.Compare(levelRank(x.Level), levelRank(y.Level)); c != 0 {
			return c
		}
		return cmp.Compare(x.Level, y.Level)
	})
	out.Inversions = inversions(out.BySeniority)

	out.Companies = make([]Company, 0, min(len(p.companies), TopCompanies))
	out.Skills = make([]Skill, 0, min(len(p.skills), o.TopSkills))
	out.Certifications = make([]Certification, 0, len(p.certs))
	for _, t := range top(p.companies, TopCompanies) {
		out.Companies = append(out.Companies, Company{Name: t.name, Openings: t.n})
	}
	for _, t := range top(p.skills, o.TopSkills) {
		out.Skills = append(out.Skills, Skill{Name: t.name, Count: t.n, Share: float64(t.n) / float64(p.openings)})
	}
	for _, t := range top(p.certs, len(p.certs)) {
		out.Certifications = append(out.Certifications, Certification{Name: t.name, Count: t.n})
	}
	return out
}

// describeBeyondRole describes f without its role, which every page names.
func describeBeyondRole(f Filter, name func(string) string) string {
	f.Role = ""
	return f.Describe(name)
}

// localFactor returns how many units of cur one unit of the report
// currency is worth, or 0 when cur is "" or has no rate.
func (a *Aggregator) localFactor(cur string) float64 {
	if cur == "" {
		return 0
	}
	if f := a.conv.factor(cur); f > 0 {
		return 1 / f
	}
	return 0
}

// summary returns the group's statistics, nil when it has no openings.
// local converts the report currency into the page's local currency (0:
// none).
func (g *groupAgg) summary(local float64) *PayGroup {
	if g.openings == 0 {
		return nil
	}
	out := &PayGroup{Openings: g.openings, Excluded: g.excluded, Rates: []Rate{}}
	for _, per := range []jobstats.Period{jobstats.PeriodHour, jobstats.PeriodDay, jobstats.PeriodWeek, jobstats.PeriodMonth, jobstats.PeriodYear} {
		v := g.rates[per]
		if len(v) == 0 {
			continue
		}
		r := Rate{Period: per, Pay: payStats(v)}
		if local > 0 {
			l := r.Pay.scaled(local)
			r.PayLocal = &l
		}
		out.Rates = append(out.Rates, r)
	}
	return out
}

// majority returns the name of the first count when it is more than half
// of all, else "".
func majority(cs []Count) string {
	total := 0
	for _, c := range cs {
		total += c.Count
	}
	if len(cs) > 0 && 2*cs[0].Count > total {
		return cs[0].Name
	}
	return ""
}

// inversions flags each level (of known rank) whose median is below that of
// a lower level, where both rest on at least MinMedian salaries, and marks
// it in levels.
func inversions(levels []Level) []Inversion {
	out := []Inversion{}
	for i := range levels {
		l := &levels[i]
		if l.Salary.Median == nil || jobstats.Seniority(l.Level).Rank() < 0 {
			continue
		}
		best := -1
		for j := range levels[:i] {
			k := &levels[j]
			if k.Salary.Median == nil || jobstats.Seniority(k.Level).Rank() < 0 || *k.Salary.Median <= *l.Salary.Median {
				continue
			}
			if best < 0 || *k.Salary.Median > *levels[best].Salary.Median {
				best = j
			}
		}
		if best >= 0 {
			l.BelowLevel = levels[best].Level
			out = append(out, Inversion{Level: l.Level, Median: *l.Salary.Median,
				Lower: levels[best].Level, LowerMedian: *levels[best].Salary.Median})
		}
	}
	return out
}

// levelRank orders levels as jobstats.Seniorities does; other levels come
// after them, and "unknown" last.
func levelRank(level string) int {
	if level == levelUnknown {
		return len(jobstats.Seniorities) + 1
	}
	if r := jobstats.Seniority(level).Rank(); r >= 0 {
		return r
	}
	return len(jobstats.Seniorities)
}

type tally struct {
	name string
	n    int
}

// top returns the n largest counts of m, ties by name.
func top(m map[string]*int, n int) []tally {
	all := make([]tally, 0, len(m))
	for k, v := range m {
		all = append(all, tally{k, *v})
	}
	slices.SortFunc(all, func(x, y tally) int {
		if c := cmp.Compare(y.n, x.n); c != 0 {
			return c
		}
		return cmp.Compare(x.name, y.name)
	})
	if len(all) > n {
		all = all[:n]
	}
	return all
}

// counts returns the n largest counts of m as Counts, never nil.
func counts(m map[string]*int, n int) []Count {
	out := []Count{}
	for _, t := range top(m, n) {
		out = append(out, Count{Name: t.name, Count: t.n})
	}
	return out
}

func share(n, of int) *float64 {
	v := float64(n) / float64(of)
	return &v
}
