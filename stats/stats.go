package stats

import (
	"math"
	"strings"
	"time"

	"github.com/jobstats/jobstats"
)

// SchemaVersion is the version of the Summary JSON schema. It changes only
// when a field is removed or changes meaning; new fields may be added
// without a change. Version 2 made a role a table of markets and a list of
// pages (one per market), made every figure of a small sample null, and
// split contract rates and internship pay from the salaries.
const SchemaVersion = 2

// DefaultPlausible is the default plausible band of annual pay in US
// dollars: figures outside it are left out of salary statistics.
var DefaultPlausible = [2]float64{1000, 2_000_000}

// DefaultTopSkills is how many skills a role lists when Options.TopSkills is 0.
const DefaultTopSkills = 10

// TopCompanies is how many companies a page lists, most openings first.
const TopCompanies = 10

// TopLocations is how many locations a page lists, most openings first.
const TopLocations = 5

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
	// CompareAt, when not zero, fills every page's change fields
	// (Page.ChangeSince, OpeningsChange, MedianChange) against the same
	// page as it stood at CompareAt, in the same pass: the figures
	// Summary.CompareWith gives with a summary made with AsOf = CompareAt,
	// for a fraction of the work. They are filled only when some listing
	// met (filtered or not) was first seen at or before CompareAt: the data
	// says nothing of an earlier time.
	CompareAt time.Time
	// Filter selects the listings considered; the zero Filter keeps all.
	Filter Filter
	// Pool gives each role one page for all its markets, which states its
	// country and currency mix, instead of one page per market.
	Pool bool
	// MinOpenings is the fewest openings for which a market gets a page of
	// its own; markets with fewer stay in the role's markets table.
	// Default 1 (every market has a page).
	MinOpenings int
	// TopSkills is how many skills each page lists; default DefaultTopSkills.
	TopSkills int
	// MarketName names a market key for display ("US" is "United
	// States"). It is called for country codes and "remote:SCOPE" keys,
	// from several goroutines at once; nil (or an empty answer) means
	// DefaultMarketName.
	MarketName func(market string) string
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
	if o.MinOpenings <= 0 {
		o.MinOpenings = 1
	}
	name := o.MarketName
	o.MarketName = func(key string) string {
		if key == MarketUnknown || key == MarketAll || name == nil {
			return DefaultMarketName(key)
		}
		if n := name(key); n != "" {
			return n
		}
		return DefaultMarketName(key)
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
	// ExcludedContract: a contract, freelance or temporary opening
	// (PayContract), whose rates are reported apart from the salaries.
	ExcludedContract Exclusion = "contract"
	// ExcludedInternship: an internship (PayInternship), whose pay is
	// reported apart from the salaries.
	ExcludedInternship Exclusion = "internship"
)

// Exclusions lists every reason in the order reports show them.
var Exclusions = []Exclusion{NoSalary, UnknownPeriod, UnknownCurrency, Implausible, ExcludedContract, ExcludedInternship}

// Annual returns a listing's annual pay range in the report currency, or
// why it has none; it looks at the pay alone, not at the pay type
// (PayTypeOf). An open bound ("up to $150k" has no minimum) is 0. When
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
	if s == nil {
		return c.pay(false, 0, 0, 0, 0)
	}
	return c.pay(true, s.Min, s.Max, c.opts.Annualization.Factor(s.Period), c.factor(s.Currency))
}

// pay is the rule of Annual on what it reads: whether there is a salary,
// its bounds, how many of its periods make a year (0: unknown period), and
// how many report-currency units one unit of its currency is worth (0: no
// rate).
func (c *converter) pay(has bool, minA, maxA jobstats.Amount, per, k float64) (min, max float64, reason Exclusion) {
	if !has || (minA <= 0 && maxA <= 0) {
		return 0, 0, NoSalary
	}
	if !(per > 0) {
		return 0, 0, UnknownPeriod
	}
	if k == 0 {
		return 0, 0, UnknownCurrency
	}
	if minA > 0 {
		min = minA.Units() * per * k
	}
	if maxA > 0 {
		max = maxA.Units() * per * k
	}
	if minA > 0 && maxA > 0 && minA > maxA {
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

// RoleOf returns the role a listing is counted under: its Role, or else its
// title with white space collapsed (jobstats.Listing.RoleName), or
// UntitledRole when both are empty.
func RoleOf(l *jobstats.Listing) string { return roleName(l.RoleName()) }

// roleName is the rule of RoleOf on jobstats.Listing.RoleName.
func roleName(name string) string {
	if name == "" {
		return UntitledRole
	}
	return name
}
