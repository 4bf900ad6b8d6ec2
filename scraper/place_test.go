package scraper

import (
	"testing"

	"github.com/jobstats/jobstats"
)

func TestSetPlace(t *testing.T) {
	for _, c := range []struct {
		name                  string
		workplace             jobstats.Workplace
		country, region, city string
		want                  jobstats.Listing
	}{
		{"codes", "", "us", "CA", "San Jose", jobstats.Listing{Country: "US", Region: "CA", City: "San Jose"}},
		{"names", "", "United States", "California ", "San Fransisco", jobstats.Listing{Country: "US", Region: "CA", City: "San Francisco"}},
		{"iso state code", "", "DE", "BE", "Berlin", jobstats.Listing{Country: "DE", Region: "BE", City: "Berlin"}},
		{"group on a remote job", jobstats.WorkplaceRemote, "European Union", "", "", jobstats.Listing{Workplace: jobstats.WorkplaceRemote, RemoteScope: jobstats.RemoteEU}},
		{"group on an office job", jobstats.WorkplaceOnsite, "European Union", "", "", jobstats.Listing{Workplace: jobstats.WorkplaceOnsite}},
		{"junk", "", "Earth", "Somewhere", "Remote", jobstats.Listing{}},
	} {
		l := jobstats.Listing{Workplace: c.workplace}
		setPlace(&l, c.country, c.region, c.city)
		if l.Country != c.want.Country || l.Region != c.want.Region || l.City != c.want.City || l.RemoteScope != c.want.RemoteScope {
			t.Errorf("%s: got %q %q %q scope %q, want %q %q %q scope %q", c.name, l.Country, l.Region, l.City, l.RemoteScope,
				c.want.Country, c.want.Region, c.want.City, c.want.RemoteScope)
		}
	}
	// A field the source already set is kept.
	l := jobstats.Listing{Country: "CA"}
	setPlace(&l, "US", "NY", "New York")
	if l.Country != "CA" || l.Region != "" || l.City != "" {
		t.Errorf("setPlace overwrote a set country: %+v", l)
	}
}

func TestSetOfficeCountry(t *testing.T) {
	for _, c := range []struct {
		location string
		offices  []string
		want     string
	}{
		{"Remote", []string{"United States of America"}, "US"},
		{"Remote", []string{"Berlin", "Hybrid - Munich"}, "DE"},
		{"Remote", []string{"Berlin", "London"}, ""},
		{"London, UK", []string{"United States"}, ""},
		{"Remote", nil, ""},
	} {
		l := jobstats.Listing{Location: c.location}
		setOfficeCountry(&l, c.offices)
		if l.Country != c.want {
			t.Errorf("setOfficeCountry(%q, %q) = %q, want %q", c.location, c.offices, l.Country, c.want)
		}
	}
}
