package web

import (
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/stats"
)

// Filter parameters of the live pages and the API. Each one given
// replaces the base filter's field of the same meaning (an empty value
// clears it), as a command-line flag replaces the config's default.
const (
	paramRole        = "role"
	paramCountry     = "country"
	paramWorkplace   = "workplace"
	paramRemote      = "remote"
	paramOnsite      = "onsite"
	paramCompany     = "company"
	paramSource      = "source"
	paramSeniority   = "seniority"
	paramSkill       = "skill"
	paramPostedSince = "posted_since"
	paramMinOpenings = "min_openings"
)

// filterParams are the parameters that filter listings, in the order a
// link writes them.
var filterParams = []string{paramWorkplace, paramRemote, paramOnsite, paramCompany, paramSource, paramSeniority, paramSkill, paramPostedSince}

// parseFilter returns base with the filters of q applied. country and
// role are read only when withPlace (the API; a page's place is its
// path). expand turns a country name or group into codes (nil: codes
// only). Errors name the parameter.
func parseFilter(base stats.Filter, q url.Values, withPlace bool, expand func(string) ([]string, bool), now time.Time) (stats.Filter, error) {
	f := base
	list := func(name string) ([]string, bool) {
		vals, ok := q[name]
		if !ok {
			return nil, false
		}
		var out []string
		for _, v := range vals {
			for _, part := range strings.Split(v, ",") {
				if part = strings.TrimSpace(part); part != "" {
					out = append(out, part)
				}
			}
		}
		return out, true
	}
	if withPlace {
		if _, ok := q[paramRole]; ok {
			f.Role = strings.TrimSpace(q.Get(paramRole))
		}
		if vals, ok := list(paramCountry); ok {
			var keep []string
			for _, v := range vals {
				if !strings.EqualFold(v, "all") {
					keep = append(keep, v)
				}
			}
			m, err := stats.ParseMarkets(keep, expand)
			if err != nil {
				return stats.Filter{}, fmt.Errorf("%s: %w", paramCountry, err)
			}
			f.Markets = m
		}
	}
	if _, ok := q[paramWorkplace]; ok {
		switch w := strings.ToLower(strings.TrimSpace(q.Get(paramWorkplace))); w {
		case "", "any":
			f.Workplace = stats.WorkplaceAny
		case stats.WorkplaceRemote, stats.WorkplaceOnsite:
			f.Workplace = w
		default:
			return stats.Filter{}, fmt.Errorf("%s %q: want remote, onsite or any", paramWorkplace, w)
		}
	}
	for _, name := range []string{paramRemote, paramOnsite} {
		if _, ok := q[name]; !ok {
			continue
		}
		switch v := strings.ToLower(strings.TrimSpace(q.Get(name))); v {
		case "", "1", "true", "yes", "on":
			f.Workplace = name
		case "0", "false", "no", "off":
			if f.Workplace == name {
				f.Workplace = stats.WorkplaceAny
			}
		default:
			return stats.Filter{}, fmt.Errorf("%s %q: want true or false", name, v)
		}
	}
	if vals, ok := list(paramCompany); ok {
		f.Companies = vals
	}
	if vals, ok := list(paramSource); ok {
		f.Sources = vals
	}
	if vals, ok := list(paramSkill); ok {
		f.Skills = vals
	}
	if vals, ok := list(paramSeniority); ok {
		f.Seniorities = nil
		for _, v := range vals {
			f.Seniorities = append(f.Seniorities, jobstats.Seniority(strings.ToLower(v)))
		}
	}
	if err := f.Validate(); err != nil {
		return stats.Filter{}, fmt.Errorf("%s: %w", paramSeniority, err)
	}
	if _, ok := q[paramPostedSince]; ok {
		f.PostedSince = time.Time{}
		if v := strings.TrimSpace(q.Get(paramPostedSince)); v != "" {
			t, err := stats.ParsePostedSince(v, now)
			if err != nil {
				return stats.Filter{}, fmt.Errorf("%s: %w", paramPostedSince, err)
			}
			f.PostedSince = t
		}
	}
	return f, nil
}

// filterQuery returns the filter parameters of q that are set, as a query
// string with its "?" ("" when none), for the links between live pages.
func filterQuery(q url.Values) string {
	out := url.Values{}
	for _, name := range filterParams {
		for _, v := range q[name] {
			if strings.TrimSpace(v) != "" {
				out.Add(name, v)
			}
		}
	}
	if len(out) == 0 {
		return ""
	}
	return "?" + out.Encode()
}
