package stats

import (
	"strings"
	"time"

	"github.com/jobstats/jobstats"
)

// Summary is the statistics of a set of listings: per role, a table of its
// markets and one page per market. Its JSON form is a stable schema (see
// the package documentation): fields are added, never renamed or removed,
// without a change of SchemaVersion.
type Summary struct {
	// SchemaVersion is SchemaVersion at the time of writing.
	SchemaVersion int `json:"schema_version"`
	// GeneratedAt is when the summary was computed (Options.Now), UTC.
	GeneratedAt time.Time `json:"generated_at"`
	// AsOf is the time the openings are counted at; null means "now"
	// (listings not closed).
	AsOf *time.Time `json:"as_of"`
	// LastUpdated is the newest LastSeen of any listing considered (capped
	// at AsOf), or null when none was seen: when the data was last updated.
	// A caller that knows the last run's end time may overwrite it.
	LastUpdated *time.Time `json:"last_updated"`
	// Currency is the report currency of every money figure not marked
	// local.
	Currency string `json:"currency"`
	// RatesBase and RatesDate identify the exchange-rate table used.
	RatesBase string `json:"rates_base"`
	RatesDate string `json:"rates_date"`
	// Annualization is how many hours, days, weeks and months make a year.
	Annualization jobstats.Annualization `json:"annualization"`
	// PlausibleUSD is the band of annual pay, in USD, outside which a
	// salary is left out (reason "implausible").
	PlausibleUSD [2]float64 `json:"plausible_usd"`
	// Role is the role filter, "" when every role is included (also in
	// Filter.Role).
	Role string `json:"role,omitempty"`
	// Filter is the filter applied to the listings; empty when none.
	Filter Filter `json:"filter"`
	// FilterText is Filter in words, leaving out the role (which every page
	// names); "" when there is nothing else.
	FilterText string `json:"filter_text,omitempty"`
	// Pooled is true when every role has one page for all its markets
	// (Options.Pool) instead of one page per market.
	Pooled bool `json:"pooled"`
	// MinOpenings is the fewest openings for which a market has a page of
	// its own (Options.MinOpenings).
	MinOpenings int `json:"min_openings"`
	// Listings is how many listings were considered (matching the
	// filter), open or closed.
	Listings int `json:"listings"`
	// Open is how many of them were open at AsOf: the job openings.
	Open int `json:"open"`
	// Duplicates is how many open listings repeated a job already counted
	// (the same job cross-posted on another source, or reposted under a
	// new id: jobstats.SameJob) and were left out of every figure.
	Duplicates int `json:"duplicates"`
	// Roles holds one entry per role with at least one opening, most
	// openings first, then by name.
	Roles []Role `json:"roles"`
}

// Role is one role: its markets and its pages.
type Role struct {
	// Name is the canonical role ("Backend Engineer"), or the cleaned title
	// when the listing has no role.
	Name string `json:"name"`
	// Openings is how many listings of the role were open at AsOf, in all
	// its markets.
	Openings int `json:"openings"`
	// Markets is the role's markets, most openings first, then by key.
	Markets []Market `json:"markets"`
	// Pages are the role's report pages: one per market with at least
	// Summary.MinOpenings openings, in the order of Markets; or, when
	// Summary.Pooled, one page for all markets.
	Pages []Page `json:"pages"`
}

// Page returns the role's page of market (a key), or nil.
func (r *Role) Page(market string) *Page {
	for i := range r.Pages {
		if r.Pages[i].Market == market {
			return &r.Pages[i]
		}
	}
	return nil
}

// Market is one row of a role's markets table.
type Market struct {
	// Market is the key: a country code ("US"), "remote:SCOPE", or
	// MarketUnknown.
	Market string `json:"market"`
	// Name is the display name ("United States", "Remote — EU").
	Name string `json:"name"`
	// Openings is the role's openings in the market.
	Openings int `json:"openings"`
	// SalaryCount is how many of them have a headline salary.
	SalaryCount int `json:"salary_count"`
	// Median is the median annual salary in the report currency; null
	// below MinMedian salaries.
	Median *float64 `json:"median"`
	// LocalCurrency is the market's own currency (see Page.LocalCurrency);
	// "" when it has none.
	LocalCurrency string `json:"local_currency"`
	// MedianLocal is Median in LocalCurrency; null when either is unknown.
	MedianLocal *float64 `json:"median_local"`
	// HasPage is true when the market has a page of its own.
	HasPage bool `json:"has_page"`
}

// Page is the statistics of one role in one market (or, pooled, in all of
// them): what one page of the report shows. Every figure is over the
// page's openings.
type Page struct {
	// Role is the role's name.
	Role string `json:"role"`
	// Market is the market key, or MarketAll for a pooled page.
	Market string `json:"market"`
	// MarketName is its display name ("United States", "All markets").
	MarketName string `json:"market_name"`
	// Openings is how many listings were open at AsOf.
	Openings int `json:"openings"`
	// LocalCurrency is the currency most of the page's stated pay is in,
	// when that is more than half of it; "" otherwise (no pay stated, or
	// no majority, as on most pooled pages).
	LocalCurrency string `json:"local_currency"`
	// Currencies counts the openings stating pay (of any pay type) by
	// currency, most first. More than one entry means the page's figures
	// convert between currencies.
	Currencies []Count `json:"currencies"`
	// Markets counts the openings by market, most first: on a pooled page,
	// the markets it pools; else the one market.
	Markets []MarketCount `json:"markets"`
	// Salary is the headline: annual salaries in the report currency of
	// the salaried openings (PaySalaried) with usable pay.
	Salary PayStats `json:"salary"`
	// SalaryLocal is Salary in LocalCurrency; null when there is none.
	SalaryLocal *PayStats `json:"salary_local"`
	// SalaryHistogram is the distribution of the figures behind Salary, in
	// the report currency; null below MinPercentiles figures.
	SalaryHistogram *Histogram `json:"salary_histogram"`
	// Excluded counts the openings left out of Salary, by reason. Salary
	// count plus Excluded.Total() equals Openings.
	Excluded Excluded `json:"excluded"`
	// Contract is the contract, freelance and temporary openings
	// (PayContract) and their rates; null when there are none.
	Contract *PayGroup `json:"contract"`
	// Internship is the internships (PayInternship) and their pay; null
	// when there are none.
	Internship *PayGroup `json:"internship"`
	// Degree counts the openings by degree requirement.
	Degree Degree `json:"degree"`
	// Workplace counts the openings by where the work happens.
	Workplace WorkplaceMix `json:"workplace"`
	// Employment counts the openings by normalized employment type
	// (jobstats.Employment*, or "unknown"), most first.
	Employment []Count `json:"employment"`
	// Locations are the places with the most openings (at most
	// TopLocations): the city and region when known, else the location as
	// the source wrote it.
	Locations []Count `json:"locations"`
	// BySeniority breaks the openings down by level, lowest first; listings
	// without a level come last as "unknown".
	BySeniority []Level `json:"by_seniority"`
	// Inversions lists each level whose median salary is below that of a
	// lower level, where both rest on at least MinMedian salaries: a sign
	// that the sample, or its understanding, is off.
	Inversions []Inversion `json:"seniority_inversions"`
	// Companies are the companies with the most openings (at most
	// TopCompanies), most first, then by name.
	Companies []Company `json:"companies"`
	// Skills are the most requested skills (at most Options.TopSkills).
	Skills []Skill `json:"skills"`
	// Certifications are every certification mentioned, most first.
	Certifications []Certification `json:"certifications"`
	// LastUpdated is the newest LastSeen of the page's openings.
	LastUpdated *time.Time `json:"last_updated"`
	// ChangeSince is the time of the earlier summary the changes compare
	// against (see Summary.CompareWith); null when no comparison was made.
	ChangeSince *time.Time `json:"change_since"`
	// OpeningsChange is Openings minus the openings at ChangeSince; null
	// when unknown.
	OpeningsChange *int `json:"openings_change"`
	// MedianChange is the median salary minus the median at ChangeSince, in
	// the report currency; null when either median is unknown.
	MedianChange *float64 `json:"median_change"`
}

// Count is a name and how many openings have it.
type Count struct {
	Name  string `json:"name"`
	Count int    `json:"count"`
}

// MarketCount is a market and how many openings it has.
type MarketCount struct {
	Market   string `json:"market"`
	Name     string `json:"name"`
	Openings int    `json:"openings"`
}

// PayGroup is the openings of one pay type reported apart from the
// salaries, and their pay per period as stated (not annualized).
type PayGroup struct {
	// Openings is how many openings are of this pay type.
	Openings int `json:"openings"`
	// Excluded counts those whose pay is not usable, by reason (only
	// no_salary, unknown_period, unknown_currency and implausible).
	Excluded Excluded `json:"excluded"`
	// Rates holds one entry per period pay is stated in, hour first.
	Rates []Rate `json:"rates"`
}

// Rate is pay stated per one period: each opening contributes the midpoint
// of its range (or its one bound), converted but not annualized.
type Rate struct {
	Period jobstats.Period `json:"period"`
	// Pay is in the report currency.
	Pay PayStats `json:"pay"`
	// PayLocal is Pay in the page's LocalCurrency; null when there is none.
	PayLocal *PayStats `json:"pay_local"`
}

// Excluded counts openings left out of a set of pay figures, one field per
// Exclusion reason.
type Excluded struct {
	NoSalary        int `json:"no_salary"`
	UnknownPeriod   int `json:"unknown_period"`
	UnknownCurrency int `json:"unknown_currency"`
	Implausible     int `json:"implausible"`
	Contract        int `json:"contract"`
	Internship      int `json:"internship"`
}

// Total returns the number of openings left out for any reason.
func (e Excluded) Total() int {
	return e.NoSalary + e.UnknownPeriod + e.UnknownCurrency + e.Implausible + e.Contract + e.Internship
}

// Count returns the number left out for reason, 0 for ExclusionNone.
func (e Excluded) Count(reason Exclusion) int {
	if p := e.field(reason); p != nil {
		return *p
	}
	return 0
}

func (e *Excluded) field(reason Exclusion) *int {
	switch reason {
	case NoSalary:
		return &e.NoSalary
	case UnknownPeriod:
		return &e.UnknownPeriod
	case UnknownCurrency:
		return &e.UnknownCurrency
	case Implausible:
		return &e.Implausible
	case ExcludedContract:
		return &e.Contract
	case ExcludedInternship:
		return &e.Internship
	}
	return nil
}

// add counts one opening left out for reason.
func (e *Excluded) add(reason Exclusion) {
	if p := e.field(reason); p != nil {
		*p++
	}
}

// Degree counts openings by their stance on a degree. Stated is the number
// that say anything (every count but Unknown). The shares are fractions
// from 0 to 1 of Stated (listings that state a requirement, not
// employers), null when Stated is 0.
type Degree struct {
	Stated          int      `json:"stated"`
	Required        int      `json:"required"`
	Equivalent      int      `json:"equivalent"`
	Preferred       int      `json:"preferred"`
	NotRequired     int      `json:"not_required"`
	Unknown         int      `json:"unknown"`
	RequiredShare   *float64 `json:"required_share"`
	EquivalentShare *float64 `json:"equivalent_share"`
}

// WorkplaceMix counts openings by where the work happens. RemoteShare is
// Remote over all openings, from 0 to 1; null when there are none.
type WorkplaceMix struct {
	Remote      int      `json:"remote"`
	Hybrid      int      `json:"hybrid"`
	Onsite      int      `json:"onsite"`
	Unknown     int      `json:"unknown"`
	RemoteShare *float64 `json:"remote_share"`
}

// Level is the openings and pay of one seniority level on a page.
type Level struct {
	// Level is a jobstats.Seniority value, or "unknown".
	Level    string `json:"level"`
	Openings int    `json:"openings"`
	// Salary is the headline salaries of the level (salaried openings only).
	Salary PayStats `json:"salary"`
	// Experience is the years of experience the level's openings ask for.
	Experience YearsStats `json:"experience_years"`
	// BelowLevel names the lower level whose median salary is above this
	// level's, when both rest on at least MinMedian salaries (the highest
	// such median when several are); "" otherwise. See Page.Inversions.
	BelowLevel string `json:"below_level,omitempty"`
}

// Inversion is a level whose median salary is below a lower level's.
type Inversion struct {
	Level       string  `json:"level"`
	Median      float64 `json:"median"`
	Lower       string  `json:"lower_level"`
	LowerMedian float64 `json:"lower_median"`
}

// Company is a hiring company and its openings.
type Company struct {
	Name     string `json:"name"`
	Openings int    `json:"openings"`
}

// Skill is a skill and how many of a page's openings ask for it; Share is
// Count over the page's openings, from 0 to 1.
type Skill struct {
	Name  string  `json:"name"`
	Count int     `json:"count"`
	Share float64 `json:"share"`
}

// Certification is a named certification and how many openings mention it.
type Certification struct {
	Name  string `json:"name"`
	Count int    `json:"count"`
}

// pageKey identifies a page across summaries: its role (without regard to
// case) and market.
func pageKey(role, market string) string { return strings.ToLower(role) + "\x00" + market }

// CompareWith fills each page's ChangeSince, OpeningsChange and
// MedianChange against prev, an earlier summary of the same data (typically
// computed with Options.AsOf 30 days before s), page by page: the same
// role in the same market. A page missing from prev had no openings then.
// Nothing changes when prev is nil or counted no listing at all, since the
// data then says nothing about that time.
func (s *Summary) CompareWith(prev *Summary) {
	if prev == nil || prev.Listings == 0 {
		return
	}
	since := prev.GeneratedAt
	if prev.AsOf != nil {
		since = *prev.AsOf
	}
	old := make(map[string]*Page)
	oldMarkets := make(map[string]*Market)
	for i := range prev.Roles {
		r := &prev.Roles[i]
		for j := range r.Pages {
			old[pageKey(r.Name, r.Pages[j].Market)] = &r.Pages[j]
		}
		for j := range r.Markets {
			oldMarkets[pageKey(r.Name, r.Markets[j].Market)] = &r.Markets[j]
		}
	}
	for i := range s.Roles {
		r := &s.Roles[i]
		for j := range r.Pages {
			pg := &r.Pages[j]
			key := pageKey(r.Name, pg.Market)
			t := since
			pg.ChangeSince = &t
			d := pg.Openings
			var before *float64
			if p := old[key]; p != nil {
				d -= p.Openings
				before = p.Salary.Median
			} else if m := oldMarkets[key]; m != nil {
				// The market had too few openings for a page then.
				d -= m.Openings
				before = m.Median
			}
			pg.OpeningsChange = &d
			pg.MedianChange = nil
			if before != nil && pg.Salary.Median != nil {
				pg.MedianChange = ptr(round2(*pg.Salary.Median - *before))
			}
		}
	}
}
