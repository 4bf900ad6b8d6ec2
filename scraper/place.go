package scraper

import (
	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/parse"
)

// setPlace fills the listing's place from a source's structured fields
// (a country code or name, a region code or name, a city), read by
// parse.PlaceOf. Fields it cannot read stay empty, for parse.Enrich to
// fill from the Location text; fields already set are kept. A country
// field naming a region group ("European Union") becomes the remote scope
// of a remote listing.
func setPlace(l *jobstats.Listing, country, region, city string) {
	p := parse.PlaceOf(country, region, city)
	if l.Country == "" {
		l.Country = p.Country
	}
	if p.Country != "" && l.Country == p.Country {
		if l.Region == "" {
			l.Region = p.Region
		}
		if l.City == "" && (l.Region == p.Region || p.Region == "") {
			l.City = p.City
		}
	}
	if p.RemoteScope != "" && l.Workplace == jobstats.WorkplaceRemote && l.RemoteScope == "" {
		l.RemoteScope = p.RemoteScope
	}
}

// setRemoteScope sets a remote listing's scope from a text that a remote
// board gives as the region its applicants must live in (Remotive's
// candidate_required_location, Himalayas' locationRestrictions, Jobicy's
// jobGeo), and the country when the scope is one.
func setRemoteScope(l *jobstats.Listing, text string) {
	if text == "" || l.RemoteScope != "" {
		return
	}
	p := parse.RemoteLocation(text)
	l.RemoteScope = p.RemoteScope
	if l.Country == "" {
		l.Country = p.Country
	}
}

// firstNonEmpty returns the first of its arguments that is not blank.
func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s = jobstats.TrimSpace(s); s != "" {
			return s
		}
	}
	return ""
}

// setOfficeCountry fills the country of a listing whose location text
// names none ("Remote") from its offices' places ("United States of
// America"), when they all name the same one country.
func setOfficeCountry(l *jobstats.Listing, offices []string) {
	if l.Country != "" || len(offices) == 0 || parse.Location(l.Location).Country != "" {
		return
	}
	country := ""
	for _, o := range offices {
		p := parse.Location(o)
		if len(p.Countries) != 1 || country != "" && p.Countries[0] != country {
			return
		}
		country = p.Countries[0]
	}
	l.Country = country
}
