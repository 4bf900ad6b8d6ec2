package stats

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jobstats/jobstats"
)

// Workplace filter values (Filter.Workplace).
const (
	// WorkplaceAny keeps every listing.
	WorkplaceAny = ""
	// WorkplaceRemote keeps fully remote listings.
	WorkplaceRemote = "remote"
	// WorkplaceOnsite keeps the listings that are not fully remote:
	// on-site, hybrid, or not stated.
	WorkplaceOnsite = "onsite"
)

// Filter selects listings. Every set field must hold (they are joined by
// "and"); within a list any value may match (the values are joined by
// "or"). The zero Filter keeps every listing. Text compares without regard
// to case or surrounding space. One Filter serves the report, the history,
// and both exports, so that each selects the same listings.
type Filter struct {
	// Role keeps the listings of one role (RoleOf).
	Role string `json:"role,omitempty"`
	// Markets keeps the listings whose market (MarketOf) is one of these
	// keys: country codes, "remote:SCOPE" and MarketUnknown. ParseMarkets
	// makes them from what a user writes.
	Markets []string `json:"markets,omitempty"`
	// Workplace is WorkplaceAny, WorkplaceRemote or WorkplaceOnsite.
	Workplace string `json:"workplace,omitempty"`
	// Companies keeps the listings of these employers.
	Companies []string `json:"companies,omitempty"`
	// Sources keeps the listings seen on these sources (the listing's own
	// source, or one it was cross-posted on).
	Sources []string `json:"sources,omitempty"`
	// Seniorities keeps the listings of these levels.
	Seniorities []jobstats.Seniority `json:"seniorities,omitempty"`
	// Skills keeps the listings asking for any of these skills.
	Skills []string `json:"skills,omitempty"`
	// PostedSince keeps the listings posted at or after this time; a
	// listing without a posting date counts from when it was first seen.
	PostedSince time.Time `json:"posted_since,omitzero"`
}

// IsZero reports whether f keeps every listing.
func (f *Filter) IsZero() bool {
	return f.Role == "" && len(f.Markets) == 0 && f.Workplace == WorkplaceAny && len(f.Companies) == 0 &&
		len(f.Sources) == 0 && len(f.Seniorities) == 0 && len(f.Skills) == 0 && f.PostedSince.IsZero()
}

// Validate reports a workplace other than the three known values and a
// level that is not a jobstats.Seniority.
func (f *Filter) Validate() error {
	switch f.Workplace {
	case WorkplaceAny, WorkplaceRemote, WorkplaceOnsite:
	default:
		return fmt.Errorf("filter: workplace %q: want remote or onsite", f.Workplace)
	}
	for _, s := range f.Seniorities {
		if s.Rank() < 0 {
			return fmt.Errorf("filter: unknown level %q: want one of %s", s, levelList())
		}
	}
	return nil
}

func levelList() string {
	var names []string
	for _, s := range jobstats.Seniorities {
		names = append(names, string(s))
	}
	return strings.Join(names, ", ")
}

// Match reports whether f keeps l. It applies the same rules, one per
// field, that the aggregation of facts applies to each symbol.
func (f *Filter) Match(l *jobstats.Listing) bool {
	if !f.keepRole(RoleOf(l)) || !f.keepMarket(MarketOf(l)) || !f.keepWorkplace(l.Workplace) ||
		!f.keepCompany(jobstats.TrimSpace(l.Company)) || !f.keepSeniority(l.Seniority) {
		return false
	}
	if len(f.Sources) > 0 && !f.keepSource(l.Source) && !slices.ContainsFunc(l.Sources, f.keepSource) {
		return false
	}
	if len(f.Skills) > 0 && !slices.ContainsFunc(l.Skills, f.keepSkill) {
		return false
	}
	return f.keepPosted(jobstats.Nanos(l.PostedAt), jobstats.Nanos(l.FirstSeen))
}

// The rules of Filter.Match, one per field; a field that is not set keeps
// everything. keepSource and keepSkill judge one value of a list: a
// listing is kept when any of its values is.

func (f *Filter) keepRole(role string) bool {
	return f.Role == "" || strings.EqualFold(role, strings.TrimSpace(f.Role))
}

func (f *Filter) keepMarket(market string) bool {
	return len(f.Markets) == 0 || slices.Contains(f.Markets, market)
}

func (f *Filter) keepWorkplace(w jobstats.Workplace) bool {
	switch f.Workplace {
	case WorkplaceRemote:
		return w.IsRemote()
	case WorkplaceOnsite:
		return !w.IsRemote()
	}
	return true
}

func (f *Filter) keepCompany(company string) bool {
	return len(f.Companies) == 0 || anyFold(f.Companies, company)
}

func (f *Filter) keepSource(source string) bool { return anyFold(f.Sources, source) }

func (f *Filter) keepSeniority(s jobstats.Seniority) bool {
	return len(f.Seniorities) == 0 || slices.Contains(f.Seniorities, s)
}

func (f *Filter) keepSkill(skill string) bool { return anyFold(f.Skills, skill) }

// keepPosted judges the posting date (Unix nanoseconds, jobstats.NoTime
// when unknown: the first sighting counts instead).
func (f *Filter) keepPosted(posted, firstSeen int64) bool {
	if f.PostedSince.IsZero() {
		return true
	}
	if posted == jobstats.NoTime {
		posted = firstSeen
	}
	return posted >= jobstats.Nanos(f.PostedSince)
}

// anyFold reports whether s equals one of list, without regard to case or
// surrounding space.
func anyFold(list []string, s string) bool {
	for _, v := range list {
		if strings.EqualFold(strings.TrimSpace(v), s) {
			return true
		}
	}
	return false
}

// Describe returns the filter in words for a report, "" for the zero
// filter: "role Backend Engineer; markets US, remote:EU; remote jobs only;
// posted since 2026-10-01". name names a market key (nil: DefaultMarketName).
func (f *Filter) Describe(name func(string) string) string {
	if name == nil {
		name = DefaultMarketName
	}
	var parts []string
	if f.Role != "" {
		parts = append(parts, "role "+f.Role)
	}
	if len(f.Markets) > 0 {
		names := make([]string, len(f.Markets))
		for i, m := range f.Markets {
			names[i] = name(m)
		}
		parts = append(parts, "markets "+strings.Join(names, ", "))
	}
	switch f.Workplace {
	case WorkplaceRemote:
		parts = append(parts, "fully remote jobs only")
	case WorkplaceOnsite:
		parts = append(parts, "on-site and hybrid jobs only")
	}
	if len(f.Companies) > 0 {
		parts = append(parts, "companies "+strings.Join(f.Companies, ", "))
	}
	if len(f.Sources) > 0 {
		parts = append(parts, "sources "+strings.Join(f.Sources, ", "))
	}
	if len(f.Seniorities) > 0 {
		levels := make([]string, len(f.Seniorities))
		for i, s := range f.Seniorities {
			levels[i] = string(s)
		}
		parts = append(parts, "levels "+strings.Join(levels, ", "))
	}
	if len(f.Skills) > 0 {
		parts = append(parts, "skills "+strings.Join(f.Skills, ", "))
	}
	if !f.PostedSince.IsZero() {
		parts = append(parts, "posted since "+f.PostedSince.UTC().Format(time.DateOnly))
	}
	return strings.Join(parts, "; ")
}

// ParsePostedSince reads a posted-since value: a day as YYYY-MM-DD (from
// its start, UTC) or a span before now ("30d", "12h"). It is the one
// reading of the value, for the command line and the web alike.
func ParsePostedSince(s string, now time.Time) (time.Time, error) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	if days, ok := strings.CutSuffix(s, "d"); ok {
		var n int
		if _, err := fmt.Sscanf(days, "%d", &n); err == nil && n >= 0 && fmt.Sprint(n) == days {
			return now.UTC().AddDate(0, 0, -n), nil
		}
	}
	if d, err := time.ParseDuration(s); err == nil && d >= 0 {
		return now.UTC().Add(-d), nil
	}
	return time.Time{}, fmt.Errorf("posted since %q: want a day as YYYY-MM-DD or a span such as 30d", s)
}
