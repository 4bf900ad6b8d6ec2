package scraper

import (
	"testing"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/config"
)

func TestParseRemotive(t *testing.T) {
	src := config.Source{Name: "rem", Kind: "remotive"}
	// The fixture starts with a UTF-8 byte order mark, as one real capture does.
	got, err := parseRemotive(readFixture(t, "remotive", "jobs.json"), src)
	if err != nil {
		t.Fatal(err)
	}
	checkListings(t, got, []want{
		{Listing: with(listing("rem", "2100001"), func(l *jobstats.Listing) {
			l.Title = "Backend Engineer"
			l.Company = "Acme Cloud"
			l.Location = "Americas, Europe, Israel"
			l.Workplace = jobstats.WorkplaceRemote
			l.EmploymentType = "Full-time"
			l.PostedAt = utc("2026-07-26T20:49:11Z")
			l.URL = "https://remotive.com/remote-jobs/software-dev/backend-engineer-2100001"
			l.SalaryText = "$31,2k- $52k"
		}), desc: "About us\nWe're a small team & growing.\nTags: python, aws"},
		{Listing: with(listing("rem", "2100002"), func(l *jobstats.Listing) {
			l.Title = "Account Executive"
			l.Company = "Beta GmbH"
			l.Location = "Germany"
			l.Country, l.RemoteScope = "DE", "DE"
			l.Workplace = jobstats.WorkplaceRemote
			l.EmploymentType = "Contract"
			l.PostedAt = utc("2026-07-24T10:33:35Z")
			l.URL = "https://remotive.com/remote-jobs/sales/account-executive-2100002"
			l.SalaryText = "OTE €80k-€110k"
		}), desc: "- Close deals"},
		{Listing: with(listing("rem", "2100003"), func(l *jobstats.Listing) {
			l.Title = "Online Tutor"
			l.Company = "Gamma Learning"
			l.Location = "Worldwide"
			l.RemoteScope = jobstats.RemoteWorldwide
			l.Workplace = jobstats.WorkplaceRemote
			l.PostedAt = utc("2026-07-23T15:39:28Z")
			l.URL = "https://remotive.com/remote-jobs/writing/tutor-2100003"
			l.SalaryText = "up to $19/hour"
		}), desc: "Teach kids.\nTags: teaching"},
	})
}

func TestParseRemotiveErrors(t *testing.T) {
	for name, body := range map[string]string{
		"empty":         "\ufeff",
		"no jobs":       `{"0-legal-notice":"x"}`,
		"jobs not list": `{"jobs":"none"}`,
	} {
		t.Run(name, func(t *testing.T) {
			if ls, err := parseRemotive([]byte(body), config.Source{Name: "rem"}); err == nil || len(ls) != 0 {
				t.Errorf("got %d listings, err %v; want an error", len(ls), err)
			}
		})
	}
}
