package stats

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/jobstats/jobstats"
)

// SchemaVersion is the version of the Summary JSON schema. It changes only
// when a field is removed or changes meaning; new fields may be added
// without a change.
const SchemaVersion = 1

// DefaultPlausible is the default plausible band of annual pay in US
// dollars: figures outside it are left out of salary statistics.
var DefaultPlausible = [2]float64{1000, 2_000_000}

// DefaultTopSkills is how many skills a role lists when Options.TopSkills is 0.
const DefaultTopSkills = 10

// TopCompanies is how many companies a role lists, most openings first.
const TopCompanies = 10

// UntitledRole is the role name of listings with neither a role nor a title.
const UntitledRole = "Untitled"

// Options says what to aggregate and how to turn pay into comparable
// annual figures. The zero value of every field takes its documented default.
type Options struct {
	// Currency is the report currency, an ISO 4217 code; default "USD".
	Currency string
	// Rates converts listing currencies to Currency; default
	// jobstats.DefaultRates() when it has no rates at all.
	Rates jobstats.Rates
	// Annualization turns hourly, daily, weekly and monthly pay into a
	// yearly figure; default jobstats.DefaultAnnualization() when zero.
	Annualization jobstats.Annualization
	// Plausible is the band [low, high] of annual pay, in US dollars
	// (converted with Rates; in Currency when Rates has no USD rate),
	// outside which a figure is left out of statistics; default
	// DefaultPlausible when both are zero.
	Plausible [2]float64
	// AsOf selects the listings counted as openings: those open at AsOf
	// (jobstats.Listing.OpenAt). Zero means those open now (ClosedAt zero).
	AsOf time.Time
	// Role keeps only listings of this role, compared case-insensitively;
	// "" keeps every role.
	Role string
	// TopSkills is how many skills each role lists; default DefaultTopSkills.
	TopSkills int
	// Now is the clock that stamps Summary.GeneratedAt; nil means time.Now.
	Now func() time.Time
}

// withDefaults returns o with every zero field set to its default.
func (o Options) withDefaults() Options {
	if o.Currency == "" {
		o.Currency = "USD"
	}
	o.Currency = strings.ToUpper(o.Currency)
	if o.Rates.Base == "" && len(o.Rates.Rates) == 0 {
		o.Rates = jobstats.DefaultRates()
	}
	if o.Annualization == (jobstats.Annualization{}) {
		o.Annualization = jobstats.DefaultAnnualization()
	}
	if o.Plausible == [2]float64{} {
		o.Plausible = DefaultPlausible
	}
	if o.TopSkills <= 0 {
		o.TopSkills = DefaultTopSkills
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return o
}

// Exclusion says why a listing's pay is left out of salary statistics.
type Exclusion string

// Exclusion reasons. ExclusionNone (the empty string) means the pay counts.
const (
	ExclusionNone Exclusion = ""
	// NoSalary: the listing states no pay (no salary, or no bound above zero).
	NoSalary Exclusion = "no_salary"
	// UnknownPeriod: the pay has no known period, so it cannot be annualized.
	UnknownPeriod Exclusion = "unknown_period"
	// UnknownCurrency: the currency is unknown or has no rate in the table.
	UnknownCurrency Exclusion = "unknown_currency"
	// Implausible: an annual bound lies outside the plausible band, or the
	// minimum exceeds the maximum.
	Implausible Exclusion = "implausible"
)

// Exclusions lists every reason in the order reports show them.
var Exclusions = []Exclusion{NoSalary, UnknownPeriod, UnknownCurrency, Implausible}

// Annual returns a listing's annual pay range in the report currency, or
// why it has none. An open bound ("up to $150k" has no minimum) is 0. When
// the reason is Implausible the converted figures are still returned, so a
// reader can see what was left out; for every other reason both are 0.
// Zero fields of opts take the defaults described on Options.
func Annual(l *jobstats.Listing, opts Options) (min, max float64, reason Exclusion) {
	c := newConverter(opts.withDefaults(), false)
	return c.annual(l.Salary)
}

// converter annualizes and converts pay with defaulted options, caching the
// conversion factor of each currency it meets (when cache is not nil).
type converter struct {
	opts  Options
	usd   float64 // report currency -> USD factor for the band check
	cache map[string]float64
}

func newConverter(o Options, cache bool) *converter {
	c := &converter{opts: o, usd: 1}
	if cache {
		c.cache = make(map[string]float64)
	}
	if f, ok := o.Rates.Convert(1, o.Currency, "USD"); ok {
		c.usd = f
	}
	return c
}

// factor returns how many report-currency units one unit of cur is worth,
// or 0 when there is no rate.
func (c *converter) factor(cur string) float64 {
	if f, ok := c.cache[cur]; ok {
		return f
	}
	f, ok := c.opts.Rates.Convert(1, cur, c.opts.Currency)
	if !ok || !(f > 0) || math.IsInf(f, 0) {
		f = 0
	}
	if c.cache != nil {
		c.cache[strings.Clone(cur)] = f
	}
	return f
}

func (c *converter) annual(s *jobstats.Salary) (min, max float64, reason Exclusion) {
	if s == nil || (s.Min <= 0 && s.Max <= 0) {
		return 0, 0, NoSalary
	}
	per := c.opts.Annualization.Factor(s.Period)
	if !(per > 0) {
		return 0, 0, UnknownPeriod
	}
	k := c.factor(s.Currency)
	if k == 0 {
		return 0, 0, UnknownCurrency
	}
	if s.Min > 0 {
		min = s.Min.Units() * per * k
	}
	if s.Max > 0 {
		max = s.Max.Units() * per * k
	}
	if s.Min > 0 && s.Max > 0 && s.Min > s.Max {
		return min, max, Implausible
	}
	lo, hi := c.opts.Plausible[0], c.opts.Plausible[1]
	for _, v := range [2]float64{min, max} {
		if v == 0 {
			continue
		}
		if usd := v * c.usd; usd < lo || usd > hi || math.IsNaN(usd) {
			return min, max, Implausible
		}
	}
	return min, max, ExclusionNone
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

// RoleOf returns the role a listing is counted under: its Role, or else its
// title with white space collapsed, or UntitledRole when both are empty.
func RoleOf(l *jobstats.Listing) string {
	if r := jobstats.TrimSpace(l.Role); r != "" {
		return r
	}
	if t := jobstats.TrimSpace(l.Title); t != "" {
		return t
	}
	return UntitledRole
}

// levelUnknown is the by-seniority level of listings without one.
const levelUnknown = "unknown"

type levelAgg struct {
	openings int
	salaries []float64
}

type roleAgg struct {
	name        string
	openings    int
	salaries    []float64
	excluded    Excluded
	degree      Degree
	levels      map[jobstats.Seniority]*levelAgg
	companies   map[string]*int
	skills      map[string]*int
	certs       map[string]*int
	lastUpdated time.Time
}

// Aggregator accumulates listings one at a time and produces a Summary.
// Its memory grows with the number of roles, companies and skills, and by
// two float64s per listing with a usable salary; never with descriptions.
// An Aggregator is not safe for concurrent use.
type Aggregator struct {
	opts        Options
	conv        *converter
	byName      map[string]*roleAgg // exact role string -> aggregate
	byKey       map[string]*roleAgg // lower-cased role -> aggregate
	listings    int
	open        int
	duplicates  int
	lastUpdated time.Time
	// jobs holds the simhash of the first counted opening of each
	// fingerprint, more the others when one fingerprint has several
	// distinct jobs: how cross-posts and reposts are counted once.
	jobs map[uint64]uint64
	more map[uint64][]uint64
}

// duplicate reports whether l is the same job (jobstats.SameJob) as an
// opening already counted, and remembers it otherwise.
func (a *Aggregator) duplicate(l *jobstats.Listing) bool {
	fp := l.Fingerprint
	if fp == 0 {
		return false
	}
	first, ok := a.jobs[fp]
	if !ok {
		a.jobs[fp] = l.Simhash
		return false
	}
	if jobstats.SimhashClose(first, l.Simhash) {
		return true
	}
	for _, h := range a.more[fp] {
		if jobstats.SimhashClose(h, l.Simhash) {
			return true
		}
	}
	a.more[fp] = append(a.more[fp], l.Simhash)
	return false
}

// New returns an Aggregator with opts; zero fields take their defaults.
func New(opts Options) *Aggregator {
	o := opts.withDefaults()
	return &Aggregator{
		opts:   o,
		conv:   newConverter(o, true),
		byName: make(map[string]*roleAgg),
		byKey:  make(map[string]*roleAgg),
		jobs:   make(map[uint64]uint64),
		more:   make(map[uint64][]uint64),
	}
}

// Add counts one listing. It is called once per stored listing and does not
// retain l or anything l points to, so the caller may reuse l.
func (a *Aggregator) Add(l *jobstats.Listing) {
	name := RoleOf(l)
	if a.opts.Role != "" && !strings.EqualFold(name, a.opts.Role) {
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
	if a.duplicate(l) {
		a.duplicates++
		return
	}
	a.open++
	r := a.role(name)
	r.openings++
	if seen.After(r.lastUpdated) {
		r.lastUpdated = seen
	}

	lvl := r.levels[l.Seniority]
	if lvl == nil {
		lvl = &levelAgg{}
		r.levels[jobstats.Seniority(strings.Clone(string(l.Seniority)))] = lvl
	}
	lvl.openings++

	min, max, why := a.conv.annual(l.Salary)
	switch why {
	case ExclusionNone:
		v := mid(min, max)
		r.salaries = append(r.salaries, v)
		lvl.salaries = append(lvl.salaries, v)
	case NoSalary:
		r.excluded.NoSalary++
	case UnknownPeriod:
		r.excluded.UnknownPeriod++
	case UnknownCurrency:
		r.excluded.UnknownCurrency++
	case Implausible:
		r.excluded.Implausible++
	}

	switch l.Degree {
	case jobstats.DegreeRequired:
		r.degree.Required++
	case jobstats.DegreeEquivalent:
		r.degree.Equivalent++
	case jobstats.DegreePreferred:
		r.degree.Preferred++
	case jobstats.DegreeNotRequired:
		r.degree.NotRequired++
	default:
		r.degree.Unknown++
	}

	if c := jobstats.TrimSpace(l.Company); c != "" {
		inc(r.companies, c)
	}
	for _, s := range l.Skills {
		if s != "" {
			inc(r.skills, s)
		}
	}
	for _, c := range l.Certifications {
		if c != "" {
			inc(r.certs, c)
		}
	}
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
		r = &roleAgg{
			name:      name,
			levels:    make(map[jobstats.Seniority]*levelAgg),
			companies: make(map[string]*int),
			skills:    make(map[string]*int),
			certs:     make(map[string]*int),
		}
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
		Role:          o.Role,
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
		s.Roles = append(s.Roles, r.summary(o.TopSkills))
	}
	slices.SortFunc(s.Roles, func(x, y Role) int {
		if c := cmp.Compare(y.Openings, x.Openings); c != 0 {
			return c
		}
		return cmp.Compare(x.Name, y.Name)
	})
	return s
}

func (r *roleAgg) summary(topSkills int) Role {
	out := Role{
		Name:     r.name,
		Openings: r.openings,
		Salary:   salaryStats(r.salaries),
		Excluded: r.excluded,
		Degree:   r.degree,
	}
	d := &out.Degree
	d.Stated = d.Required + d.Equivalent + d.Preferred + d.NotRequired
	if d.Stated > 0 {
		d.RequiredShare = share(d.Required, d.Stated)
		d.EquivalentShare = share(d.Equivalent, d.Stated)
	}
	if !r.lastUpdated.IsZero() {
		t := r.lastUpdated.UTC()
		out.LastUpdated = &t
	}

	out.BySeniority = make([]Level, 0, len(r.levels))
	for lv, agg := range r.levels {
		name := string(lv)
		if name == "" {
			name = levelUnknown
		}
		out.BySeniority = append(out.BySeniority, Level{Level: name, Openings: agg.openings, Salary: salaryStats(agg.salaries)})
	}
	slices.SortFunc(out.BySeniority, func(x, y Level) int {
		if c := cmp.Compare(levelRank(x.Level), levelRank(y.Level)); c != 0 {
			return c
		}
		return cmp.Compare(x.Level, y.Level)
	})

	out.Companies = make([]Company, 0, min(len(r.companies), TopCompanies))
	out.Skills = make([]Skill, 0, min(len(r.skills), topSkills))
	out.Certifications = make([]Certification, 0, len(r.certs))
	for _, t := range top(r.companies, TopCompanies) {
		out.Companies = append(out.Companies, Company{Name: t.name, Openings: t.n})
	}
	for _, t := range top(r.skills, topSkills) {
		out.Skills = append(out.Skills, Skill{Name: t.name, Count: t.n, Share: float64(t.n) / float64(r.openings)})
	}
	for _, t := range top(r.certs, len(r.certs)) {
		out.Certifications = append(out.Certifications, Certification{Name: t.name, Count: t.n})
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

func share(n, of int) *float64 {
	v := float64(n) / float64(of)
	return &v
}

// salaryStats sorts v in place and returns its statistics, or nil when v is
// empty.
func salaryStats(v []float64) *SalaryStats {
	if len(v) == 0 {
		return nil
	}
	slices.Sort(v)
	var sum float64
	for _, x := range v {
		sum += x
	}
	return &SalaryStats{
		Count:   len(v),
		Average: round2(sum / float64(len(v))),
		Median:  round2(Percentile(v, 0.5)),
		P25:     round2(Percentile(v, 0.25)),
		P75:     round2(Percentile(v, 0.75)),
		Min:     round2(v[0]),
		Max:     round2(v[len(v)-1]),
	}
}

// Percentile returns the p-th quantile (0 <= p <= 1) of sorted, by linear
// interpolation between the closest ranks: with h = (n-1)·p, the value is
// sorted[⌊h⌋] + (h-⌊h⌋)·(sorted[⌊h⌋+1] - sorted[⌊h⌋]). This is method 7 of
// Hyndman and Fan, as in Excel's PERCENTILE.INC and NumPy's default; the
// median of an even count is the mean of the two middle values. It returns
// NaN for an empty slice.
func Percentile(sorted []float64, p float64) float64 {
	n := len(sorted)
	if n == 0 {
		return math.NaN()
	}
	p = min(max(p, 0), 1)
	h := float64(n-1) * p
	lo := int(math.Floor(h))
	if lo >= n-1 {
		return sorted[n-1]
	}
	return sorted[lo] + (h-float64(lo))*(sorted[lo+1]-sorted[lo])
}

func round2(x float64) float64 { return math.Round(x*100) / 100 }
