package parse

import (
	"slices"
	"strings"

	"github.com/jobstats/jobstats"
)

// CountryName returns the English name of an ISO 3166-1 alpha-2 code, in
// the common form ("US" → "United States", "KR" → "South Korea", "GB" →
// "United Kingdom"); the code is matched without regard to case. It
// returns "" for a code it does not know.
func CountryName(code string) string {
	return locIdx().countryName[strings.ToUpper(strings.TrimSpace(code))]
}

// CountryCode returns the ISO 3166-1 alpha-2 code of a country named by
// its code ("us", "USA", "DEU"), English or common name ("Germany",
// "UK", "South Korea") or native name ("Deutschland", "España"), matched
// without regard to case or accents. It reports false when the text names
// no one country.
func CountryCode(name string) (string, bool) {
	ix := locIdx()
	key := locFold(name)
	if key == "" {
		return "", false
	}
	if len(key) == 2 {
		if _, ok := ix.countryName[strings.ToUpper(key)]; ok {
			return strings.ToUpper(key), true
		}
	}
	for _, r := range ix.lex[key] {
		if r.kind == locCountry {
			return r.country, true
		}
	}
	return "", false
}

// RegionName returns the name of a subdivision given its country and its
// ISO 3166-2 code without prefix ("US", "CA" → "California"; "IN", "KA" →
// "Karnataka"), or "" when unknown.
func RegionName(country, region string) string {
	if country == "" || region == "" {
		return ""
	}
	return locIdx().regionName[strings.ToUpper(country)+"-"+strings.ToUpper(region)]
}

// MarketName returns the display name of a market key (see
// jobstats.Listing.Market): the country's name ("US" → "United States"),
// or "Remote — " and the scope for a remote market ("remote:worldwide" →
// "Remote — worldwide", "remote:EU" → "Remote — EU"). An empty key is
// "Unknown location"; a key it does not know is returned as it is.
func MarketName(key string) string {
	switch {
	case key == "":
		return "Unknown location"
	case strings.HasPrefix(key, jobstats.MarketRemotePrefix):
		scope := strings.TrimPrefix(key, jobstats.MarketRemotePrefix)
		if n := CountryName(scope); n != "" && len(scope) == 2 {
			scope = n
		}
		return "Remote — " + scope
	}
	if n := CountryName(key); n != "" {
		return n
	}
	return key
}

// Groups lists the region groups ExpandCountries knows, in the order of
// the jobstats.Remote* constants.
var Groups = []string{jobstats.RemoteWorldwide, jobstats.RemoteEU, jobstats.RemoteEurope, jobstats.RemoteEMEA,
	jobstats.RemoteAmericas, jobstats.RemoteNorthAmerica, jobstats.RemoteLATAM, jobstats.RemoteAPAC}

// ExpandCountries returns the ISO 3166-1 alpha-2 codes that a filter
// value stands for, sorted: a country's code or name ("US", "us",
// "Germany", "Deutschland") gives that country; a region group ("EU",
// "emea", "Europe", "North America", "LATAM", "APAC", "Americas",
// "worldwide") or a named set ("DACH", "Nordics", "Benelux") gives its
// members. Matching ignores case and accents. It reports false when the
// value names none of these. The groups' members: EU the 27 member states;
// Europe the European countries of ISO's regions, Cyprus included; EMEA
// Europe, Africa and the Middle East (with Georgia, Armenia and
// Azerbaijan); Americas North, Central and South America and the
// Caribbean; North America US, CA and MX; LATAM the Americas without US,
// CA and the non-Latin territories (GL, BM, PM, UM); APAC Asia and
// Oceania without the Middle East.
func ExpandCountries(value string) ([]string, bool) {
	ix := locIdx()
	key := locFold(value)
	if key == "" {
		return nil, false
	}
	if key == "worldwide" || key == "world" || key == "all" || key == "global" || key == "anywhere" {
		out := make([]string, 0, len(ix.countryName))
		for c := range ix.countryName {
			if c != "XK" {
				out = append(out, c)
			}
		}
		slices.Sort(out)
		return out, true
	}
	for _, g := range ix.groupBySize {
		if locFold(g) == key {
			return slices.Sorted(mapKeys(ix.groupMembers[g])), true
		}
	}
	if g, ok := locGroupNames[key]; ok {
		return slices.Sorted(mapKeys(ix.groupMembers[g])), true
	}
	if set, ok := locCountrySets[key]; ok {
		return slices.Sorted(slices.Values(set)), true
	}
	if c, ok := CountryCode(value); ok {
		return []string{c}, true
	}
	return nil, false
}

// InGroup reports whether country (an ISO code) is a member of a region
// group (a jobstats.Remote* scope other than worldwide, which holds every
// country). It is false for an unknown group.
func InGroup(country, group string) bool {
	if group == jobstats.RemoteWorldwide {
		return country != ""
	}
	return locIdx().groupMembers[group][strings.ToUpper(country)]
}

// PlaceOf reads a place that a source gives in separate structured fields
// (JSON-LD's PostalAddress, an ATS's country, state and city): country as
// a code or a name ("US", "us", "USA", "United States", "Deutschland"),
// region as an ISO 3166-2 code without prefix or a name ("CA",
// "California", "New South Wales", "Bayern"), city as a name. Any field
// may be empty. The city is the table's English name when the table knows
// it in that country ("München" → "Munich", "San Fransisco" → "San
// Francisco"), else as written, unless it is no city ("Remote", a
// country's name). A country field that names a region group ("European
// Union", "EMEA") sets RemoteScope and Remote, so a remote source can use
// it as the scope; Remote is false otherwise.
func PlaceOf(country, region, city string) Place {
	country, region, city = jobstats.TrimSpace(country), jobstats.TrimSpace(region), jobstats.TrimSpace(city)
	var p Place
	if c, ok := CountryCode(country); ok {
		p.Country = c
	} else if country != "" {
		if g := RemoteLocation(country); len(g.Countries) == 0 && g.RemoteScope != "" && g.RemoteScope != jobstats.RemoteWorldwide {
			p.Remote, p.RemoteScope = true, g.RemoteScope
		}
	}
	if region != "" {
		if p.Country != "" {
			p.Region = regionCode(p.Country, region)
		} else if q := Location(region); len(q.Countries) == 1 && q.City == "" && q.Region != "" {
			// A region name that names its country ("Karnataka").
			p.Country, p.Region = q.Country, q.Region
		}
	}
	if city != "" {
		if only := Location(city); !only.Remote && !only.Hybrid && !(len(only.Countries) > 0 && only.City == "") {
			text := city
			if region != "" {
				text += ", " + region
			}
			if p.Country != "" {
				text += ", " + CountryName(p.Country)
			}
			q := Location(text)
			if p.Country == "" && q.City != "" {
				p.Country, p.Region = q.Country, q.Region
			}
			switch {
			case q.Country == p.Country && q.City != "" && (p.Region == "" || q.Region == p.Region):
				p.City = q.City
				if p.Region == "" {
					p.Region = q.Region
				}
			case p.Country != "" && locNameLike(&locPhrase{text: city, words: len(strings.Fields(city))}):
				p.City = city
			}
		}
	}
	if p.Country != "" {
		p.Countries = []string{p.Country}
	}
	return p
}

// regionCode returns the ISO 3166-2 code (without prefix) of a region of
// country given as a code or a name, or "".
func regionCode(country, region string) string {
	ix := locIdx()
	up := strings.ToUpper(strings.ReplaceAll(region, ".", ""))
	if _, ok := ix.regionName[country+"-"+up]; ok {
		return up
	}
	for _, r := range ix.lex[locFold(region)] {
		if r.kind == locRegion && r.country == country {
			return r.region
		}
	}
	return ""
}

// CountryCurrency returns the ISO 4217 code of the currency a country pays
// in ("GB" → "GBP", "DE" → "EUR", "IN" → "INR"), "" when unknown.
func CountryCurrency(code string) string {
	return locIdx().currency[strings.ToUpper(strings.TrimSpace(code))]
}
