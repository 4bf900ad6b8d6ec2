package scraper

import (
	"testing"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/config"
)

func TestParseCrackedDevs(t *testing.T) {
	src := config.Source{Name: "cd", Kind: "crackeddevs", APIKeyEnv: "CD_KEY"}
	got, err := parseCrackedDevs(readFixture(t, "crackeddevs", "jobs.json"), src)
	if err != nil {
		t.Fatal(err)
	}
	checkListings(t, got, []want{
		{Listing: with(listing("cd", "5001"), func(l *jobstats.Listing) {
			l.Title = "Full stack Developer"
			l.Company = "Lemon Example"
			l.PostedAt = utc("2024-01-18T16:00:33.493001Z")
			l.URL = "https://www.crackeddevs.com/job/5001?ref=api"
			l.Salary = sal(6000000, 11000000, "USD", jobstats.PeriodYear)
			l.DegreeText = "no degree required"
		}), desc: "Build things.\nTechnologies: python, react"},
		{Listing: with(listing("cd", "5002"), func(l *jobstats.Listing) {
			l.Title = "Frontend Engineer"
			l.Company = "Toddle Example"
			l.Location = "IN"
			l.Country = "IN" // location_iso
			l.EmploymentType = "Full-time"
			l.PostedAt = utc("2024-01-15T10:16:11.2279Z")
			l.URL = "https://www.crackeddevs.com/job/5002?ref=api"
			// min null: only the upper bound.
			l.Salary = sal(0, 2000000, "USD", jobstats.PeriodYear)
			l.DegreeText = "degree required"
		}), desc: "Build things.\nTechnologies: html, css"},
		{Listing: with(listing("cd", "5003"), func(l *jobstats.Listing) {
			l.Title = "Fullstack Engineer(Web3, React, Node)"
			l.Company = "Syndr Example"
			l.EmploymentType = "Full-time"
			l.PostedAt = utc("2024-01-13T13:09:58.888814Z")
			l.URL = "https://www.crackeddevs.com/job/5003?ref=api"
			// min null, max 0: unknown.
			l.DegreeText = "no degree required"
		}), desc: "Build things."},
		{Listing: with(listing("cd", "5004"), func(l *jobstats.Listing) {
			l.Title = "Junior Front End Developer"
			l.Company = "Empire Example"
			l.EmploymentType = "Contract"
			l.PostedAt = utc("2024-01-08T11:35:36.695981Z")
			l.URL = "https://www.crackeddevs.com/job/5004?ref=api"
			l.Salary = sal(6000000, 6000000, "USD", jobstats.PeriodYear)
			// degree_required null: nothing said.
		}), desc: "Build things.\nTechnologies: vue"},
	})
}

func TestParseCrackedDevsErrors(t *testing.T) {
	for name, body := range map[string]string{
		"empty":        " ",
		"error object": `{"error":"invalid api key"}`,
		"truncated":    `[{"id":1,`,
	} {
		t.Run(name, func(t *testing.T) {
			if ls, err := parseCrackedDevs([]byte(body), config.Source{Name: "cd"}); err == nil || len(ls) != 0 {
				t.Errorf("got %d listings, err %v; want an error", len(ls), err)
			}
		})
	}
}
