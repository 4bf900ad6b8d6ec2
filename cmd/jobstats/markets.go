package main

import (
	"strings"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/parse"
)

// marketName names a market key for display: "US" is "United States",
// "remote:EU" is "Remote — EU" (parse.MarketName). stats calls it through
// stats.Options.MarketName and names its own keys ("all", "unknown") when
// it answers "".
func marketName(key string) string {
	if strings.HasPrefix(key, jobstats.MarketRemotePrefix) || parse.CountryName(key) != "" {
		return parse.MarketName(key)
	}
	return ""
}

// expandCountries turns a --country value (or report.countries entry)
// into country codes: a code or a country's name gives its code, a region
// group its members; false when it knows no such place.
var expandCountries = parse.ExpandCountries
