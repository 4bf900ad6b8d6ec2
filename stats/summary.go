package stats

import (
	"strings"
	"time"

	"github.com/jobstats/jobstats"
)

// Summary is the statistics of a set of listings, per role. Its JSON form
// is a stable schema (see the package documentation): fields are added,
// never renamed or removed, without a change of SchemaVersion.
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
	// Currency is the report currency of every money figure.
	Currency string `json:"currency"`
	// RatesBase and RatesDate identify the exchange-rate table used.
	RatesBase string `json:"rates_base"`
	RatesDate string `json:"rates_date"`
	// Annualization is how many hours, days, weeks and months make a year.
	Annualization jobstats.Annualization `json:"annualization"`
	// PlausibleUSD is the band of annual pay, in USD, outside which a
	// salary is left out (reason "implausible").
	PlausibleUSD [2]float64 `json:"plausible_usd"`
	// Role is the role filter, "" when every role is included.
	Role string `json:"role,omitempty"`
	// Listings is how many listings were considered (matching the role
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

// Role is the statistics of one role's openings.
type Role struct {
	// Name is the canonical role ("Backend Engineer"), or the cleaned title
	// when the listing has no role.
	Name string `json:"name"`
	// Openings is how many listings of the role were open at AsOf.
	Openings int `json:"openings"`
	// Salary is the annual pay statistics in the report currency over the
	// openings with a usable salary; null when there is none.
	Salary *SalaryStats `json:"salary"`
	// Excluded counts the openings left out of Salary, by reason. Salary
	// count plus Excluded.Total() equals Openings.
	Excluded Excluded `json:"excluded"`
	// Degree counts the openings by degree requirement.
	Degree Degree `json:"degree"`
	// BySeniority breaks the openings down by level, lowest first; listings
	// without a level come last as "unknown".
	BySeniority []Level `json:"by_seniority"`
	// Companies are the companies with the most openings (at most
	// TopCompanies), most first, then by name.
	Companies []Company `json:"companies"`
	// Skills are the most requested skills (at most Options.TopSkills).
	Skills []Skill `json:"skills"`
	// Certifications are every certification mentioned, most first.
	Certifications []Certification `json:"certifications"`
	// LastUpdated is the newest LastSeen of the role's openings.
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

// SalaryStats is annual pay in the report currency. Each listing
// contributes one figure: the midpoint of its range (or its one bound),
// annualized and converted. Percentiles interpolate linearly between the
// closest ranks (see Percentile). Figures are rounded to hundredths.
type SalaryStats struct {
	Count   int     `json:"count"`
	Average float64 `json:"average"`
	Median  float64 `json:"median"`
	P25     float64 `json:"p25"`
	P75     float64 `json:"p75"`
	Min     float64 `json:"min"`
	Max     float64 `json:"max"`
}

// Excluded counts openings whose pay is left out of salary statistics, one
// field per Exclusion reason.
type Excluded struct {
	NoSalary        int `json:"no_salary"`
	UnknownPeriod   int `json:"unknown_period"`
	UnknownCurrency int `json:"unknown_currency"`
	Implausible     int `json:"implausible"`
}

// Total returns the number of openings left out for any reason.
func (e Excluded) Total() int {
	return e.NoSalary + e.UnknownPeriod + e.UnknownCurrency + e.Implausible
}

// Count returns the number left out for reason, 0 for ExclusionNone.
func (e Excluded) Count(reason Exclusion) int {
	switch reason {
	case NoSalary:
		return e.NoSalary
	case UnknownPeriod:
		return e.UnknownPeriod
	case UnknownCurrency:
		return e.UnknownCurrency
	case Implausible:
		return e.Implausible
	}
	return 0
}

// Degree counts openings by their stance on a degree. Stated is the number
// that say anything (every count but Unknown). The shares are fractions
// from 0 to 1 of Stated, null when Stated is 0.
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

// Level is the openings and pay of one seniority level of a role.
type Level struct {
	// Level is a jobstats.Seniority value, or "unknown".
	Level    string       `json:"level"`
	Openings int          `json:"openings"`
	Salary   *SalaryStats `json:"salary"`
}

// Company is a hiring company and its openings in a role.
type Company struct {
	Name     string `json:"name"`
	Openings int    `json:"openings"`
}

// Skill is a skill and how many of a role's openings ask for it; Share is
// Count over the role's openings, from 0 to 1.
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

// CompareWith fills each role's ChangeSince, OpeningsChange and
// MedianChange against prev, an earlier summary of the same data (typically
// computed with Options.AsOf 30 days before s). A role missing from prev had
// no openings then. Nothing changes when prev is nil or counted no listing
// at all, since the data then says nothing about that time.
func (s *Summary) CompareWith(prev *Summary) {
	if prev == nil || prev.Listings == 0 {
		return
	}
	since := prev.GeneratedAt
	if prev.AsOf != nil {
		since = *prev.AsOf
	}
	old := make(map[string]*Role, len(prev.Roles))
	for i := range prev.Roles {
		old[strings.ToLower(prev.Roles[i].Name)] = &prev.Roles[i]
	}
	for i := range s.Roles {
		r := &s.Roles[i]
		t := since
		r.ChangeSince = &t
		d := r.Openings
		var p *Role
		if p = old[strings.ToLower(r.Name)]; p != nil {
			d -= p.Openings
		}
		r.OpeningsChange = &d
		r.MedianChange = nil
		if p != nil && p.Salary != nil && r.Salary != nil {
			m := round2(r.Salary.Median - p.Salary.Median)
			r.MedianChange = &m
		}
	}
}
