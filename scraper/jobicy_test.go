package scraper

import (
	"testing"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/config"
)

func TestParseJobicy(t *testing.T) {
	src := config.Source{Name: "jcy", Kind: "jobicy"}
	got, err := parseJobicy(readFixture(t, "jobicy", "jobs.json"), src)
	if err != nil {
		t.Fatal(err)
	}
	checkListings(t, got, []want{
		{Listing: with(listing("jcy", "145880"), func(l *jobstats.Listing) {
			l.Title = "Senior Software Engineer (Contract)"
			l.Company = "Mozilla Example"
			l.Location = "Germany"
			l.Country, l.RemoteScope = "DE", "DE"
			l.Workplace = jobstats.WorkplaceRemote
			l.EmploymentType = "Contract"
			l.PostedAt = utc("2026-07-10T20:00:05Z")
			l.URL = "https://jobicy.com/jobs/145880-senior-software-engineer-contract"
		}), desc: "Are you passionate about privacy?"},
		{Listing: with(listing("jcy", "146002"), func(l *jobstats.Listing) {
			l.Title = "Content Marketing Manager, Organic Growth (SEO & AEO)" // entity decoded once
			l.Company = "RevenueKitten"
			l.Location = "EMEA, LATAM, Canada, USA"
			l.Workplace = jobstats.WorkplaceRemote
			l.EmploymentType = "Full-time"
			l.PostedAt = utc("2026-07-10T19:25:02Z")
			l.URL = "https://jobicy.com/jobs/146002-content-marketing-manager"
			// salaryMin without salaryMax.
			l.Salary = sal(15100000, 0, "USD", jobstats.PeriodYear)
		}), desc: "Grow us."},
		{Listing: with(listing("jcy", "150791"), func(l *jobstats.Listing) {
			l.Title = "Chief of Staff, Emergency Cash (Senior Manager)"
			l.Company = "GiveExample"
			l.Location = "UK, USA"
			l.Workplace = jobstats.WorkplaceRemote
			l.EmploymentType = "Full-time, Part-time"
			l.PostedAt = utc("2026-08-15T15:08:07Z")
			l.URL = "https://jobicy.com/jobs/150791-chief-of-staff"
			// The older annual fields, as strings.
			l.Salary = sal(11500000, 12500000, "GBP", jobstats.PeriodYear)
		}), desc: "Lead."}, // the excerpt, as the description is empty
		{Listing: with(listing("jcy", "150792"), func(l *jobstats.Listing) {
			l.Title = "Support Hero"
			l.Company = "Helpful Co"
			l.Location = "Anywhere"
			l.RemoteScope = jobstats.RemoteWorldwide // Anywhere
			l.Workplace = jobstats.WorkplaceRemote
			l.EmploymentType = "Part-time" // jobType as a string
			l.PostedAt = utc("2026-08-15T15:00:00Z")
			l.URL = "https://jobicy.com/jobs/150792-support"
			l.Salary = sal(2500, 3000, "EUR", jobstats.PeriodHour)
		}), desc: "Help."},
	})
}

func TestParseJobicyErrors(t *testing.T) {
	for name, body := range map[string]string{
		"empty":         "",
		"refused":       `{"success":false,"message":"Too many requests"}`,
		"no jobs":       `{"success":true}`,
		"jobs not list": `{"jobs":{}}`,
	} {
		t.Run(name, func(t *testing.T) {
			if ls, err := parseJobicy([]byte(body), config.Source{Name: "jcy"}); err == nil || len(ls) != 0 {
				t.Errorf("got %d listings, err %v; want an error", len(ls), err)
			}
		})
	}
}
