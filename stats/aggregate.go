package stats

import (
	"cmp"
	"errors"
	"slices"
	"strings"
	"sync/atomic"

	"github.com/jobstats/jobstats"
)

// levelUnknown is the by-seniority level of listings without one.
const levelUnknown = "unknown"

// employmentUnknown is the employment mix entry of listings whose type is
// not known.
const employmentUnknown = "unknown"

type levelAgg struct {
	openings int
	years    []float64
}

// groupAgg accumulates one pay type reported apart (contract, internship).
type groupAgg struct {
	openings int
	excluded Excluded
	rates    [len(periods)][]float64 // by period kind, report currency
}

// pageAgg accumulates one page: a role in one market, or in all (pooled).
type pageAgg struct {
	market   int32     // the market's index in Aggregator.markets; -1 when pooled
	openings int       //
	salaries []float64 // annual, report currency
	// salaryLevel holds the level (its index in Aggregator.levels) of each
	// salary, so that one sort of the page's salaries gives every level's
	// salaries sorted too.
	salaryLevel []int32
	// levelSalaries are the salaries by level, set by sortSalaries.
	levelSalaries [][]float64
	excluded      Excluded
	contract      groupAgg
	internship    groupAgg
	currencies    []int // by index in Aggregator.currencies
	markets       []int // pooled: by index in Aggregator.markets
	degree        Degree
	workplace     WorkplaceMix
	employment    [7]int      // by index in jobstats.EmploymentTypes, unknown last
	levels        []*levelAgg // by index in Aggregator.levels
	// Counts by local id (see classifier).
	locations, companies, skills, certs idCounts
	lastUpdated                         int64
}

func newPageAgg(market int32) *pageAgg {
	return &pageAgg{market: market, lastUpdated: jobstats.NoTime}
}

type roleAgg struct {
	name     string
	openings int
	pages    []*pageAgg // by index in Aggregator.markets
	pooled   *pageAgg
}

// page returns the role's page of market m, creating it.
func (r *roleAgg) page(m int32) *pageAgg {
	if int(m) >= len(r.pages) {
		r.pages = slices.Grow(r.pages, int(m)+1-len(r.pages))[:m+1]
	}
	p := r.pages[m]
	if p == nil {
		p = newPageAgg(m)
		r.pages[m] = p
	}
	return p
}

// names gives a dense index to each distinct name, in the order met.
type names struct {
	list []string
	ids  map[string]int32
}

func (n *names) id(name string) int32 {
	if id, ok := n.ids[name]; ok {
		return id
	}
	if n.ids == nil {
		n.ids = make(map[string]int32)
	}
	name = strings.Clone(name)
	id := int32(len(n.list))
	n.list = append(n.list, name)
	n.ids[name] = id
	return id
}

// Aggregator accumulates listings, or the facts a store keeps of them, one
// at a time and produces a Summary. Its memory grows with the number of
// roles, markets, companies, skills and locations, and by a few float64s
// per listing with usable pay; never with descriptions. An Aggregator is
// not safe for concurrent use.
//
// Every way into the statistics (Add, AddFact, a Table, a Stream) goes
// through the same aggregation, so that each rule is applied in one place.
type Aggregator struct {
	opts Options
	conv *converter
	// syms names the symbols of the facts aggregated; bound tells whether
	// any has been, after which syms may not change.
	syms  *jobstats.Symbols
	bound bool
	cls   *classifier
	pend  *chunk
	fact  jobstats.Fact
	// asOf is Options.AsOf in Unix nanoseconds, jobstats.NoTime when zero.
	asOf int64
	// filtered is true when Options.Filter keeps less than everything.
	filtered bool

	// Per-symbol caches of the rules (see lazy); keepCompany and keepSkill
	// are by local id (see classifier).
	keepRole, keepMarket, keepCompany, keepSeniority, keepSource, keepSkill lazy[bool]
	roleOf                                                                  lazy[*roleAgg]
	marketOf, levelOf, currencyOf                                           lazy[int32]
	factor                                                                  lazy[float64]
	intern                                                                  lazy[bool]
	// perYear is how many of each period kind make a year.
	perYear [len(periods)]float64
	// payTypes is payTypeOf by employment index, intern and pay per day.
	payTypes [8][2][2]PayType

	byKey      map[string]*roleAgg // lower-cased role -> aggregate
	markets    names               // market keys
	levels     names               // seniority levels as stored
	currencies names               // upper-cased currency codes

	listings    int
	open        int
	duplicates  int
	lastUpdated int64
	// jobs finds cross-posts and reposts, so that each job counts once.
	jobs sameJobs
	// oldest is the earliest FirstSeen of every listing met, filtered or
	// not: how far back the data reaches.
	oldest int64
	// then counts the pages as they stood at Options.CompareAt; nil when
	// it is zero, or when companion counts them.
	then *thenAgg
	// companion, when not nil, counts the pages as they stood at
	// Options.CompareAt instead of a.then, on a goroutine of its own (see
	// Stream): an Aggregator of the same options whose add counts only
	// that (thenOnly).
	companion *Aggregator
	thenOnly  bool
}

// New returns an Aggregator with opts; zero fields take their defaults.
func New(opts Options) *Aggregator {
	return newAggregator(opts, jobstats.NewSymbols(), nil)
}

// newAggregator returns an Aggregator of the facts of syms, classified by
// cls (nil: its own).
func newAggregator(opts Options, syms *jobstats.Symbols, cls *classifier) *Aggregator {
	o := opts.withDefaults()
	a := &Aggregator{
		opts:        o,
		conv:        newConverter(o, false),
		byKey:       make(map[string]*roleAgg),
		asOf:        jobstats.NoTime,
		filtered:    !o.Filter.IsZero(),
		lastUpdated: jobstats.NoTime,
		jobs:        newSameJobs(),
		oldest:      jobstats.NoTime,
	}
	if !o.AsOf.IsZero() {
		a.asOf = jobstats.Nanos(o.AsOf)
	}
	if !o.CompareAt.IsZero() {
		a.then = &thenAgg{at: jobstats.Nanos(o.CompareAt), jobs: newSameJobs(), pages: make(map[thenKey]*thenPage)}
	}
	for k, p := range periods {
		a.perYear[k] = o.Annualization.Factor(p)
	}
	for e := range a.payTypes {
		emp := ""
		if e < len(jobstats.EmploymentTypes) {
			emp = jobstats.EmploymentTypes[e]
		}
		for intern := range 2 {
			for day := range 2 {
				a.payTypes[e][intern][day] = payTypeOf(emp, intern == 1, day == 1)
			}
		}
	}
	a.bind(syms, cls)
	return a
}

// bind makes syms the symbol table of the facts aggregated, and sets the
// caches that read it.
func (a *Aggregator) bind(syms *jobstats.Symbols, cls *classifier) {
	if cls == nil {
		cls = newClassifier(syms)
	}
	a.syms, a.cls = syms, cls
	f := &a.opts.Filter
	name := syms.Name
	a.keepRole = lazy[bool]{calc: func(s jobstats.Sym) bool { return f.keepRole(roleName(name(s))) }}
	a.keepMarket = lazy[bool]{calc: func(s jobstats.Sym) bool { return f.keepMarket(marketKey(name(s))) }}
	a.keepCompany = lazy[bool]{calc: func(id jobstats.Sym) bool { return f.keepCompany(cls.name(&cls.companies, uint32(id))) }}
	a.keepSeniority = lazy[bool]{calc: func(s jobstats.Sym) bool { return f.keepSeniority(jobstats.Seniority(name(s))) }}
	a.keepSource = lazy[bool]{calc: func(s jobstats.Sym) bool { return f.keepSource(name(s)) }}
	a.keepSkill = lazy[bool]{calc: func(id jobstats.Sym) bool { return f.keepSkill(cls.name(&cls.skills, uint32(id))) }}
	a.roleOf = lazy[*roleAgg]{calc: func(s jobstats.Sym) *roleAgg { return a.role(roleName(name(s))) }}
	a.marketOf = lazy[int32]{calc: func(s jobstats.Sym) int32 { return a.markets.id(marketKey(name(s))) }}
	a.levelOf = lazy[int32]{calc: func(s jobstats.Sym) int32 { return a.levels.id(name(s)) }}
	a.currencyOf = lazy[int32]{calc: func(s jobstats.Sym) int32 { return a.currencies.id(strings.ToUpper(name(s))) }}
	a.factor = lazy[float64]{calc: func(s jobstats.Sym) float64 { return a.conv.factor(name(s)) }}
	a.intern = lazy[bool]{calc: func(s jobstats.Sym) bool { return jobstats.Seniority(name(s)) == jobstats.SeniorityIntern }}
	if a.then != nil {
		th := a.then
		th.roleOf = lazy[int32]{calc: func(s jobstats.Sym) int32 { return th.roles.id(strings.ToLower(roleName(name(s)))) }}
	}
}

// errSymbols is returned by AddFact for facts of a second symbol table.
var errSymbols = errors.New("stats: facts of two symbol tables")

// Add counts one listing. It does not retain l or anything l points to, so
// the caller may reuse l. It interns l's strings into the Aggregator's
// symbol table (the one of the facts given to AddFact, if any).
func (a *Aggregator) Add(l *jobstats.Listing) {
	a.bound = true
	a.fact.Set(l, a.syms)
	a.push(&a.fact)
}

// AddFact counts the facts of one listing, whose symbols syms names (see
// jobstats.Fact); f may be reused after it returns. Every call must pass
// the same syms, which may grow between calls but must not change
// otherwise; it returns an error for facts of another symbol table, and
// for facts added after listings (whose strings went into a table of the
// Aggregator's own). Its signature is that of a store's scan of facts.
func (a *Aggregator) AddFact(syms *jobstats.Symbols, f *jobstats.Fact) error {
	if syms != a.syms {
		if a.bound {
			return errSymbols
		}
		a.bind(syms, nil)
	}
	a.bound = true
	a.push(f)
	return nil
}

// push appends f to the pending chunk, consuming the chunk when full.
func (a *Aggregator) push(f *jobstats.Fact) {
	if a.pend == nil {
		a.pend = newChunk()
	}
	a.pend.add(f, a.cls)
	if a.pend.full() {
		a.consume(a.pend)
		a.pend.reset()
	}
}

// flush consumes the pending facts.
func (a *Aggregator) flush() {
	if a.pend != nil && a.pend.n > 0 {
		a.consume(a.pend)
		a.pend.reset()
	}
}

// keep reports whether the filter keeps row i of c: Filter.Match, rule by
// rule, on the row's symbols.
func (a *Aggregator) keep(c *chunk, i int) bool {
	f := &a.opts.Filter
	r := &c.rows[i]
	if f.Role != "" && !a.keepRole.get(r.role) {
		return false
	}
	if len(f.Markets) > 0 && !a.keepMarket.get(r.market) {
		return false
	}
	if f.Workplace != WorkplaceAny && !f.keepWorkplace(workplaces[r.workplace]) {
		return false
	}
	if len(f.Companies) > 0 && !a.keepCompany.get(jobstats.Sym(r.company)) {
		return false
	}
	if len(f.Seniorities) > 0 && !a.keepSeniority.get(r.seniority) {
		return false
	}
	if len(f.Sources) > 0 && !anySym(c.sources(r), &a.keepSource) {
		return false
	}
	if len(f.Skills) > 0 && !anySym(c.skills(r), &a.keepSkill) {
		return false
	}
	return f.keepPosted(r.posted, r.first)
}

// workplaces names the workplace kinds for Filter.keepWorkplace.
var workplaces = [...]jobstats.Workplace{jobstats.WorkplaceUnknown, jobstats.WorkplaceRemote,
	jobstats.WorkplaceHybrid, jobstats.WorkplaceOnsite}

func anySym(list []uint32, keep *lazy[bool]) bool {
	for _, s := range list {
		if keep.get(jobstats.Sym(s)) {
			return true
		}
	}
	return false
}

// consume counts every row of c.
func (a *Aggregator) consume(c *chunk) {
	for i := 0; i < c.n; i++ {
		a.add(c, i)
	}
}

// consumeRows counts the rows of chunks numbered rows (chunk rows[k] /
// chunkRows, row rows[k] % chunkRows), in their order.
func (a *Aggregator) consumeRows(chunks []*chunk, rows []int32) {
	for _, r := range rows {
		a.add(chunks[r/chunkRows], int(r%chunkRows))
	}
}

// add counts row i of c.
func (a *Aggregator) add(c *chunk, i int) {
	r := &c.rows[i]
	if r.first != jobstats.NoTime && (a.oldest == jobstats.NoTime || r.first < a.oldest) {
		a.oldest = r.first
	}
	if a.filtered && !a.keep(c, i) {
		return
	}
	if a.thenOnly {
		a.then.add(a, c, i)
		return
	}
	a.listings++
	if a.then != nil {
		a.then.add(a, c, i)
	}
	// The data was last updated when a listing was last seen, as far as
	// AsOf can know: later sightings count as AsOf, and listings first
	// seen after AsOf not at all.
	seen := r.last
	if a.asOf != jobstats.NoTime {
		if r.first > a.asOf {
			seen = jobstats.NoTime
		} else if seen > a.asOf {
			seen = a.asOf
		}
	}
	if seen > a.lastUpdated {
		a.lastUpdated = seen
	}
	if a.asOf == jobstats.NoTime {
		if r.closed != jobstats.NoTime {
			return
		}
	} else if !c.openAt(i, a.asOf) {
		return
	}
	if !r.alone {
		if _, created, _ := a.jobs.add(r.fingerprint, r.simhash); !created {
			a.duplicates++
			return
		}
	}
	a.open++
	ra := a.roleOf.get(r.role)
	ra.openings++
	m := a.marketOf.get(r.market)
	a.addTo(ra.page(m), c, r, seen, m)
	if a.opts.Pool {
		if ra.pooled == nil {
			ra.pooled = newPageAgg(-1)
		}
		a.addTo(ra.pooled, c, r, seen, m)
	}
}

// addTo counts the opening in row r of c, of market m, on page p; seen is
// its LastSeen capped at AsOf.
func (a *Aggregator) addTo(p *pageAgg, c *chunk, r *row, seen int64, m int32) {
	p.openings++
	if seen > p.lastUpdated {
		p.lastUpdated = seen
	}
	if p.market < 0 {
		p.markets = incAt(p.markets, m)
	}

	li := a.levelOf.get(r.seniority)
	if int(li) >= len(p.levels) {
		p.levels = slices.Grow(p.levels, int(li)+1-len(p.levels))[:li+1]
	}
	lv := p.levels[li]
	if lv == nil {
		lv = &levelAgg{}
		p.levels[li] = lv
	}
	lv.openings++
	if y := r.years; y > 0 {
		lv.years = push(lv.years, float64(y))
	}

	if r.salary && (r.min > 0 || r.max > 0) && r.currency != 0 {
		p.currencies = incAt(p.currencies, a.currencyOf.get(r.currency))
	}
	per := r.period
	min, max, why, pt := a.pay(r)
	switch pt {
	case PayContract:
		p.excluded.add(ExcludedContract)
		p.contract.add(per, min, max, why, a.perYear[per])
	case PayInternship:
		p.excluded.add(ExcludedInternship)
		p.internship.add(per, min, max, why, a.perYear[per])
	default:
		if why == ExclusionNone {
			v := mid(min, max)
			p.salaries = push(p.salaries, v)
			p.salaryLevel = push(p.salaryLevel, li)
		} else {
			p.excluded.add(why)
		}
	}

	switch r.degree {
	case degreeRequired:
		p.degree.Required++
	case degreeEquivalent:
		p.degree.Equivalent++
	case degreePreferred:
		p.degree.Preferred++
	case degreeNotRequired:
		p.degree.NotRequired++
	default:
		p.degree.Unknown++
	}
	switch r.workplace {
	case workplaceRemote:
		p.workplace.Remote++
	case workplaceHybrid:
		p.workplace.Hybrid++
	case workplaceOnsite:
		p.workplace.Onsite++
	default:
		p.workplace.Unknown++
	}
	p.employment[r.employment]++
	if id := r.place; id != 0 {
		p.locations.inc(id)
	}
	if id := r.company; id != 0 {
		p.companies.inc(id)
	}
	for _, id := range c.skills(r) {
		if id != 0 {
			p.skills.inc(id)
		}
	}
	for _, id := range c.certs(r) {
		if id != 0 {
			p.certs.inc(id)
		}
	}
}

// pay returns the annual pay range of row r in the report currency, why it
// has none (see Annual), and its pay type (PayTypeOf).
func (a *Aggregator) pay(r *row) (min, max float64, why Exclusion, pt PayType) {
	var k float64
	if r.salary {
		k = a.factor.get(r.currency)
	}
	min, max, why = a.conv.pay(r.salary, r.min, r.max, a.perYear[r.period], k)
	return min, max, why, a.payTypes[r.employment][b2i(a.intern.get(r.seniority))][b2i(r.salary && r.period == periodDay)]
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// incAt adds one at index i of counts, growing it.
func incAt(counts []int, i int32) []int {
	if int(i) >= len(counts) {
		counts = slices.Grow(counts, int(i)+1-len(counts))[:i+1]
	}
	counts[i]++
	return counts
}

// add counts one opening of the group's pay type, whose pay is of period
// kind per (perYear of them in a year).
func (g *groupAgg) add(per uint8, min, max float64, why Exclusion, perYear float64) {
	g.openings++
	if why != ExclusionNone {
		g.excluded.add(why)
		return
	}
	g.rates[per] = push(g.rates[per], mid(min, max)/perYear)
}

// push appends v to s, doubling its room when full. append grows a long
// slice by a quarter at a time: the samples of a big page would be copied
// a dozen times, each time into memory the process has not touched yet.
func push[T any](s []T, v T) []T {
	if len(s) == cap(s) {
		s = slices.Grow(s, max(len(s), 64))
	}
	return append(s, v)
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

// role returns the aggregate of the role named name, creating it. Names
// that differ only in case share one aggregate, named as first seen.
func (a *Aggregator) role(name string) *roleAgg {
	key := strings.ToLower(name)
	r, ok := a.byKey[key]
	if !ok {
		r = &roleAgg{name: strings.Clone(name)}
		a.byKey[key] = r
	}
	return r
}

// Summary returns the statistics of every listing added so far. It may be
// called more than once; the Aggregator stays usable.
func (a *Aggregator) Summary() Summary {
	a.flush()
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
	if a.lastUpdated != jobstats.NoTime {
		t := jobstats.TimeOf(a.lastUpdated)
		s.LastUpdated = &t
	}
	// The comparison, and the Aggregator whose markets it counts by.
	th, tha := a.then, a
	if a.companion != nil {
		th, tha = a.companion.then, a.companion
	}
	pages := a.pages(th)
	for _, r := range a.byKey {
		s.Roles = append(s.Roles, a.roleSummary(r, pages))
	}
	if th != nil && a.listings > 0 && a.oldest != jobstats.NoTime && a.oldest <= th.at {
		th.compare(tha, &s)
	}
	slices.SortFunc(s.Roles, func(x, y Role) int {
		if c := cmp.Compare(y.Openings, x.Openings); c != 0 {
			return c
		}
		return cmp.Compare(x.Name, y.Name)
	})
	return s
}

// pages computes the statistics of every page, and the medians of the
// pages of th (nil: none) on up to GOMAXPROCS goroutines (sorting the
// samples of big pages is most of a summary's time), largest first.
func (a *Aggregator) pages(th *thenAgg) map[*pageAgg]*Page {
	type job struct {
		role string
		p    *pageAgg
		out  Page
	}
	var jobs []*job
	for _, r := range a.byKey {
		for _, p := range r.pages {
			if p != nil {
				jobs = append(jobs, &job{role: r.name, p: p})
			}
		}
		if r.pooled != nil {
			jobs = append(jobs, &job{role: r.name, p: r.pooled})
		}
	}
	slices.SortFunc(jobs, func(x, y *job) int { return cmp.Compare(len(y.p.salaries), len(x.p.salaries)) })
	var thens []*thenPage
	if th != nil {
		for _, p := range th.pages {
			thens = append(thens, p)
		}
	}
	var next atomic.Int64
	eachWorker(len(jobs)+len(thens), func(_, _ int) {
		for i := next.Add(1) - 1; i < int64(len(jobs)+len(thens)); i = next.Add(1) - 1 {
			if i < int64(len(jobs)) {
				j := jobs[i]
				j.out = a.page(j.role, j.p)
			} else {
				thens[i-int64(len(jobs))].median()
			}
		}
	})
	out := make(map[*pageAgg]*Page, len(jobs))
	for _, j := range jobs {
		out[j.p] = &j.out
	}
	return out
}

func (a *Aggregator) roleSummary(r *roleAgg, pages map[*pageAgg]*Page) Role {
	o := a.opts
	out := Role{Name: r.name, Openings: r.openings}
	aggs := make([]*pageAgg, 0, len(r.pages))
	for _, p := range r.pages {
		if p != nil {
			aggs = append(aggs, p)
		}
	}
	slices.SortFunc(aggs, func(x, y *pageAgg) int {
		if c := cmp.Compare(y.openings, x.openings); c != 0 {
			return c
		}
		return cmp.Compare(a.markets.list[x.market], a.markets.list[y.market])
	})
	out.Markets = make([]Market, 0, len(aggs))
	out.Pages = []Page{}
	for _, p := range aggs {
		pg := *pages[p]
		m := Market{Market: pg.Market, Name: pg.MarketName, Openings: p.openings, SalaryCount: pg.Salary.Count,
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
		out.Pages = append(out.Pages, *pages[r.pooled])
	}
	return out
}

// page turns a page aggregate into its statistics. It sorts the
// aggregate's samples in place.
func (a *Aggregator) page(role string, p *pageAgg) Page {
	o := a.opts
	market := MarketAll
	if p.market >= 0 {
		market = a.markets.list[p.market]
	}
	out := Page{
		Role:            role,
		Market:          market,
		MarketName:      o.MarketName(market),
		Openings:        p.openings,
		Salary:          p.sortSalaries(),
		SalaryHistogram: NewHistogram(p.salaries),
		Excluded:        p.excluded,
		Degree:          p.degree,
		Workplace:       p.workplace,
	}
	out.Currencies = counts(tallies(p.currencies, a.currencies.list), len(p.currencies))
	markets := tallies(p.markets, a.markets.list)
	out.Markets = make([]MarketCount, 0, max(1, len(markets)))
	if p.market >= 0 {
		out.Markets = append(out.Markets, MarketCount{Market: market, Name: out.MarketName, Openings: p.openings})
	}
	for _, c := range top(markets, len(markets)) {
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
	var emp []tally
	for i, n := range p.employment {
		if n > 0 {
			name := employmentUnknown
			if i < len(jobstats.EmploymentTypes) {
				name = jobstats.EmploymentTypes[i]
			}
			emp = append(emp, tally{name, n})
		}
	}
	out.Employment = counts(emp, len(emp))
	cls := a.cls
	out.Locations = counts(p.locations.tallies(func(id uint32) string { return cls.name(&cls.places, id) }), TopLocations)
	if p.lastUpdated != jobstats.NoTime {
		t := jobstats.TimeOf(p.lastUpdated)
		out.LastUpdated = &t
	}

	out.BySeniority = make([]Level, 0, len(p.levels))
	for li, agg := range p.levels {
		if agg == nil {
			continue
		}
		name := a.levels.list[li]
		if name == "" {
			name = levelUnknown
		}
		out.BySeniority = append(out.BySeniority, Level{Level: name, Openings: agg.openings,
			Salary: sortedPayStats(p.levelSalaries[li]), Experience: yearsStats(agg.years)})
	}
	slices.SortFunc(out.BySeniority, func(x, y Level) int {
		if c := cmp.Compare(levelRank(x.Level), levelRank(y.Level)); c != 0 {
			return c
		}
		return cmp.Compare(x.Level, y.Level)
	})
	out.Inversions = inversions(out.BySeniority)

	companies := p.companies.tallies(func(id uint32) string { return cls.name(&cls.companies, id) })
	skills := p.skills.tallies(func(id uint32) string { return cls.name(&cls.skills, id) })
	certs := p.certs.tallies(func(id uint32) string { return cls.name(&cls.certs, id) })
	out.Companies = make([]Company, 0, min(len(companies), TopCompanies))
	out.Skills = make([]Skill, 0, min(len(skills), o.TopSkills))
	out.Certifications = make([]Certification, 0, len(certs))
	for _, t := range top(companies, TopCompanies) {
		out.Companies = append(out.Companies, Company{Name: t.name, Openings: t.n})
	}
	for _, t := range top(skills, o.TopSkills) {
		out.Skills = append(out.Skills, Skill{Name: t.name, Count: t.n, Share: float64(t.n) / float64(p.openings)})
	}
	for _, t := range top(certs, len(certs)) {
		out.Certifications = append(out.Certifications, Certification{Name: t.name, Count: t.n})
	}
	return out
}

// sortSalaries sorts the page's salaries, sets p.levelSalaries to each
// level's (sorted, as the page's are), and returns the page's statistics.
func (p *pageAgg) sortSalaries() PayStats {
	sortFloatsWith(p.salaries, p.salaryLevel)
	n := make([]int, len(p.levels))
	for _, li := range p.salaryLevel {
		n[li]++
	}
	p.levelSalaries = make([][]float64, len(p.levels))
	for li := range p.levelSalaries {
		p.levelSalaries[li] = make([]float64, 0, n[li])
	}
	for i, v := range p.salaries {
		li := p.salaryLevel[i]
		p.levelSalaries[li] = append(p.levelSalaries[li], v)
	}
	return sortedPayStats(p.salaries)
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
	for k := 1; k < len(periods); k++ {
		v := g.rates[k]
		if len(v) == 0 {
			continue
		}
		r := Rate{Period: periods[k], Pay: payStats(v)}
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

// tallies returns the counts above zero with their names (counts[i] is
// the count of names[i]).
func tallies(counts []int, names []string) []tally {
	var out []tally
	for i, n := range counts {
		if n > 0 {
			out = append(out, tally{names[i], n})
		}
	}
	return out
}

// top returns the n largest tallies, ties by name; it sorts all in place.
func top(all []tally, n int) []tally {
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

// counts returns the n largest tallies as Counts, never nil.
func counts(all []tally, n int) []Count {
	out := []Count{}
	for _, t := range top(all, n) {
		out = append(out, Count{Name: t.name, Count: t.n})
	}
	return out
}

func share(n, of int) *float64 {
	v := float64(n) / float64(of)
	return &v
}

// thenAgg counts, in the same pass, the pages as they stood at
// Options.CompareAt: the openings then (open then, each job once, by a
// same-job search of their own) and their salaries, for the change
// fields that Summary.CompareWith would fill from a summary made at that
// time.
type thenAgg struct {
	at     int64
	jobs   sameJobs
	roleOf lazy[int32] // role symbol -> index in roles
	roles  names       // lower-cased role names
	pages  map[thenKey]*thenPage
	// byRole holds the pages of pages by role, then market + 1: what add
	// looks up, for every listing.
	byRole [][]*thenPage
}

// thenKey is a page: a role (without regard to case) and a market (its
// index in Aggregator.markets, -1 for a pooled page).
type thenKey struct{ role, market int32 }

type thenPage struct {
	openings int
	salaries []float64
	// med is the median of the salaries, nil below MinMedian; set by
	// median.
	med *float64
}

// median sets p.med. It reorders p.salaries.
func (p *thenPage) median() {
	p.med = nil
	if len(p.salaries) >= MinMedian {
		p.med = ptr(round2(median(p.salaries)))
	}
}

// add counts row i of c, kept by the filter, if it was an opening then.
func (th *thenAgg) add(a *Aggregator, c *chunk, i int) {
	if !c.openAt(i, th.at) {
		return
	}
	r := &c.rows[i]
	if !r.alone {
		if _, created, _ := th.jobs.add(r.fingerprint, r.simhash); !created {
			return
		}
	}
	key := thenKey{th.roleOf.get(r.role), -1}
	if !a.opts.Pool {
		key.market = a.marketOf.get(r.market)
	}
	var p *thenPage
	if int(key.role) < len(th.byRole) && int(key.market+1) < len(th.byRole[key.role]) {
		p = th.byRole[key.role][key.market+1]
	}
	if p == nil {
		p = th.page(key)
	}
	p.openings++
	if min, max, why, pt := a.pay(r); why == ExclusionNone && pt == PaySalaried {
		p.salaries = push(p.salaries, mid(min, max))
	}
}

// page returns the page of key, creating it.
func (th *thenAgg) page(key thenKey) *thenPage {
	p := th.pages[key]
	if p == nil {
		p = &thenPage{}
		th.pages[key] = p
	}
	if int(key.role) >= len(th.byRole) {
		th.byRole = slices.Grow(th.byRole, int(key.role)+1-len(th.byRole))[:key.role+1]
	}
	row := th.byRole[key.role]
	if int(key.market+1) >= len(row) {
		row = slices.Grow(row, int(key.market+2)-len(row))[:key.market+2]
		th.byRole[key.role] = row
	}
	row[key.market+1] = p
	return p
}

// compare fills the change fields of every page of s, as
// Summary.CompareWith does.
func (th *thenAgg) compare(a *Aggregator, s *Summary) {
	since := a.opts.CompareAt.UTC()
	for i := range s.Roles {
		r := &s.Roles[i]
		role, known := th.roles.ids[strings.ToLower(r.Name)]
		for j := range r.Pages {
			pg := &r.Pages[j]
			t := since
			pg.ChangeSince = &t
			d := pg.Openings
			var before *float64
			key := thenKey{role, -1}
			if pg.Market != MarketAll {
				key.market = a.markets.ids[pg.Market]
			}
			if p := th.pages[key]; known && p != nil {
				d -= p.openings
				before = p.med
			}
			pg.OpeningsChange = &d
			pg.MedianChange = nil
			if before != nil && pg.Salary.Median != nil {
				pg.MedianChange = ptr(round2(*pg.Salary.Median - *before))
			}
		}
	}
}
