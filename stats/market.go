package stats

import (
	"fmt"
	"slices"
	"strings"

	"github.com/jobstats/jobstats"
)

// Market keys beyond those of jobstats.Listing.Market.
const (
	// MarketUnknown is the market of listings whose country and remote
	// scope are both unknown: they get a market of their own, never pooled
	// into another.
	MarketUnknown = "unknown"
	// MarketAll is the market of a pooled page (Options.Pool), which
	// counts every market together.
	MarketAll = "all"
)

// MarketOf returns the market a listing's figures belong to: its
// jobstats.Listing.Market, or MarketUnknown.
func MarketOf(l *jobstats.Listing) string { return marketKey(l.Market()) }

// marketKey is the rule of MarketOf on jobstats.Listing.Market.
func marketKey(market string) string {
	if market == "" {
		return MarketUnknown
	}
	return market
}

// DefaultMarketName names a market for display without any table of
// countries: "Unknown location", "All markets", "Remote — worldwide",
// "Remote — EU", and a country by its code ("US"). Options.MarketName
// replaces it (with the location understanding's country names).
func DefaultMarketName(key string) string {
	switch {
	case key == MarketUnknown || key == "":
		return "Unknown location"
	case key == MarketAll:
		return "All markets"
	case strings.HasPrefix(key, jobstats.MarketRemotePrefix):
		return "Remote — " + strings.TrimPrefix(key, jobstats.MarketRemotePrefix)
	}
	return key
}

// remoteScopes are the remote scopes that are not a country, as
// jobstats.Listing.RemoteScope holds them.
var remoteScopes = []string{
	jobstats.RemoteWorldwide, jobstats.RemoteEU, jobstats.RemoteEurope, jobstats.RemoteEMEA,
	jobstats.RemoteAmericas, jobstats.RemoteNorthAmerica, jobstats.RemoteLATAM, jobstats.RemoteAPAC,
}

// RemoteScope returns the remote scope constant s names, compared without
// regard to case ("eu" is jobstats.RemoteEU), and whether it is one.
func RemoteScope(s string) (string, bool) {
	for _, r := range remoteScopes {
		if strings.EqualFold(r, strings.TrimSpace(s)) {
			return r, true
		}
	}
	return "", false
}

// ParseMarkets turns the values of a country filter into market keys (see
// Filter.Markets), each once, in the order given. A value is
//
//   - "unknown": listings of unknown market;
//   - "remote:SCOPE": the remote market of a region group or worldwide
//     ("remote:EU", "remote:worldwide");
//   - a region group ("EU", "EMEA", "APAC", ...): the member countries
//     (from expand) and the group's own remote market; "worldwide" is
//     the remote:worldwide market alone;
//   - anything else goes to expand, which turns a country code or name
//     into country codes ("Germany" gives DE) and reports false for a
//     value it does not know (parse.ExpandCountries has this shape); nil
//     expand accepts two-letter codes only.
//
// It returns an error naming the first value it cannot place.
func ParseMarkets(values []string, expand func(string) ([]string, bool)) ([]string, error) {
	var out []string
	add := func(k string) {
		if !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	for _, v := range values {
		v = strings.TrimSpace(v)
		switch {
		case v == "":
			return nil, fmt.Errorf("empty country")
		case strings.EqualFold(v, MarketUnknown):
			add(MarketUnknown)
			continue
		case len(v) > len(jobstats.MarketRemotePrefix) && strings.EqualFold(v[:len(jobstats.MarketRemotePrefix)], jobstats.MarketRemotePrefix):
			scope, ok := RemoteScope(v[len(jobstats.MarketRemotePrefix):])
			if !ok {
				return nil, fmt.Errorf("unknown remote market %q: want remote: followed by one of %s", v, strings.Join(remoteScopes, ", "))
			}
			add(jobstats.MarketRemotePrefix + scope)
			continue
		}
		scope, group := RemoteScope(v)
		var codes []string
		if scope == jobstats.RemoteWorldwide {
			// Not every country: only the jobs open to anyone anywhere.
		} else if expand != nil {
			codes, _ = expand(v)
		} else if up := strings.ToUpper(v); !group && len(up) == 2 && up[0] >= 'A' && up[0] <= 'Z' && up[1] >= 'A' && up[1] <= 'Z' {
			codes = []string{up}
		}
		if len(codes) == 0 && !group {
			return nil, fmt.Errorf("unknown country or region %q: want a country code such as US, a country name, a group such as EU, EMEA or APAC, remote:worldwide, or unknown", v)
		}
		for _, c := range codes {
			add(c)
		}
		if group {
			add(jobstats.MarketRemotePrefix + scope)
		}
	}
	return out, nil
}
