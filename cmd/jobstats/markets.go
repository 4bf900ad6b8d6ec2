package main

import (
	"strings"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/stats"
)

// The seams for the location understanding. Until parse.CountryName and
// parse.ExpandCountries exist, the small tables below stand in for them;
// then these two lines become
//
//	marketName      = parse.MarketName
//	expandCountries = parse.ExpandCountries
//
// and the tables go.
var (
	// marketName names a market key for display: "US" is "United States",
	// "remote:EU" is "Remote — EU". stats calls it through
	// stats.Options.MarketName and falls back to stats.DefaultMarketName
	// when it answers "".
	marketName = fallbackMarketName
	// expandCountries turns a --country value (or report.countries entry)
	// into country codes: a code or a country's name gives its code, a
	// region group its members; false when it knows no such place.
	expandCountries = fallbackExpandCountries
)

// fallbackNames are the countries of the demo board and of the most
// common job markets.
var fallbackNames = map[string]string{
	"US": "United States", "CA": "Canada", "MX": "Mexico", "BR": "Brazil", "AR": "Argentina", "CO": "Colombia", "CL": "Chile",
	"GB": "United Kingdom", "IE": "Ireland", "DE": "Germany", "AT": "Austria", "CH": "Switzerland", "FR": "France",
	"NL": "Netherlands", "BE": "Belgium", "LU": "Luxembourg", "ES": "Spain", "PT": "Portugal", "IT": "Italy",
	"PL": "Poland", "CZ": "Czechia", "SK": "Slovakia", "HU": "Hungary", "RO": "Romania", "BG": "Bulgaria",
	"GR": "Greece", "HR": "Croatia", "SI": "Slovenia", "DK": "Denmark", "SE": "Sweden", "NO": "Norway",
	"FI": "Finland", "EE": "Estonia", "LV": "Latvia", "LT": "Lithuania", "IS": "Iceland", "CY": "Cyprus", "MT": "Malta",
	"UA": "Ukraine", "TR": "Turkey", "IL": "Israel", "AE": "United Arab Emirates", "ZA": "South Africa", "NG": "Nigeria",
	"EG": "Egypt", "KE": "Kenya", "IN": "India", "PK": "Pakistan", "SG": "Singapore", "JP": "Japan", "KR": "South Korea",
	"CN": "China", "HK": "Hong Kong", "TW": "Taiwan", "PH": "Philippines", "ID": "Indonesia", "MY": "Malaysia",
	"TH": "Thailand", "VN": "Vietnam", "AU": "Australia", "NZ": "New Zealand",
}

// fallbackGroups are the members of the region groups.
var fallbackGroups = map[string][]string{
	jobstats.RemoteEU: {"AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT",
		"LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE"},
	jobstats.RemoteNorthAmerica: {"US", "CA", "MX"},
	jobstats.RemoteLATAM:        {"MX", "BR", "AR", "CO", "CL"},
	jobstats.RemoteAPAC:         {"IN", "PK", "SG", "JP", "KR", "CN", "HK", "TW", "PH", "ID", "MY", "TH", "VN", "AU", "NZ"},
}

func init() {
	eu := fallbackGroups[jobstats.RemoteEU]
	fallbackGroups[jobstats.RemoteEurope] = append(append([]string(nil), eu...), "GB", "CH", "NO", "IS", "UA")
	fallbackGroups[jobstats.RemoteEMEA] = append(append([]string(nil), fallbackGroups[jobstats.RemoteEurope]...),
		"TR", "IL", "AE", "ZA", "NG", "EG", "KE")
	fallbackGroups[jobstats.RemoteAmericas] = append(append([]string(nil), fallbackGroups[jobstats.RemoteNorthAmerica]...),
		"BR", "AR", "CO", "CL")
}

func fallbackMarketName(key string) string {
	if n, ok := fallbackNames[key]; ok {
		return n
	}
	return stats.DefaultMarketName(key)
}

func fallbackExpandCountries(s string) ([]string, bool) {
	s = strings.TrimSpace(s)
	if scope, ok := stats.RemoteScope(s); ok {
		return fallbackGroups[scope], true
	}
	switch strings.ToLower(s) {
	case "usa", "u.s.", "united states of america":
		return []string{"US"}, true
	case "uk", "great britain", "england":
		return []string{"GB"}, true
	}
	if up := strings.ToUpper(s); len(s) == 2 && fallbackNames[up] != "" {
		return []string{up}, true
	}
	for code, name := range fallbackNames {
		if strings.EqualFold(name, s) {
			return []string{code}, true
		}
	}
	return nil, false
}
