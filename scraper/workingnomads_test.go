package scraper

import (
	"strings"
	"testing"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/config"
)

func TestParseWorkingNomads(t *testing.T) {
	src := config.Source{Name: "wn", Kind: "workingnomads"}
	got, err := parseWorkingNomads(readFixture(t, "workingnomads", "jobs.json"), src)
	if err == nil || !strings.Contains(err.Error(), "workingnomads posting 3") {
		t.Errorf("err = %v, want the job without a URL reported", err)
	}
	checkListings(t, got, []want{
		{Listing: with(listing("wn", "1800101"), func(l *jobstats.Listing) {
			l.Title = "Senior Data Engineer"
			l.Company = "Fjordlight"
			// Every job is remote; location says where applicants may live.
			l.Location = "Europe"
			l.Workplace = jobstats.WorkplaceRemote
			l.RemoteScope = jobstats.RemoteEurope
			l.PostedAt = utc("2026-09-21T13:24:39Z")
			l.URL = "https://www.workingnomads.com/job/go/1800101/"
		}), descHas: []string{"The salary for this role is €75,000 - €90,000 per year.", "Tags: python, spark, dbt"}},
		{Listing: with(listing("wn", "1800102"), func(l *jobstats.Listing) {
			l.Title = "Maps Evaluator (No Experience Required)"
			l.Company = "Peroptyx"
			l.Location = "Japan - Remote"
			l.Workplace = jobstats.WorkplaceRemote
			l.Country, l.RemoteScope = "JP", "JP"
			l.PostedAt = utc("2026-09-20T10:32:47Z")
			l.URL = "https://www.workingnomads.com/job/go/1800102/"
		}), descHas: []string{"Tags: english, research"}},
		{Listing: with(listing("wn", "1800103"), func(l *jobstats.Listing) {
			l.Title = "Email & SMS Marketing Strategist"
			l.Company = "Bebonia"
			l.Location = "Global"
			l.Workplace = jobstats.WorkplaceRemote
			l.RemoteScope = jobstats.RemoteWorldwide
			// An unreadable pub_date is no date.
			l.URL = "https://www.workingnomads.com/job/go/1800103/"
		}), desc: "Own our lifecycle marketing.\nRemote · Reports to the CEO"},
	})
}

func TestParseWorkingNomadsErrors(t *testing.T) {
	for name, body := range map[string]string{"empty": "", "object": `{"jobs":[]}`, "truncated": `[{"url":"x",`} {
		t.Run(name, func(t *testing.T) {
			if ls, err := parseWorkingNomads([]byte(body), config.Source{Name: "wn"}); err == nil || len(ls) != 0 {
				t.Errorf("got %d listings, err %v; want an error", len(ls), err)
			}
		})
	}
}

func TestWorkingNomadsID(t *testing.T) {
	for u, id := range map[string]string{
		"https://www.workingnomads.com/job/go/1719512/":            "1719512",
		"https://www.workingnomads.com/job/go/1719512":             "1719512",
		"https://www.workingnomads.com/jobs/data-analyst-peroptyx": "https://www.workingnomads.com/jobs/data-analyst-peroptyx",
	} {
		if got := workingNomadsID(u); got != id {
			t.Errorf("workingNomadsID(%q) = %q, want %q", u, got, id)
		}
	}
}

func TestWorkingNomadsCrawl(t *testing.T) {
	srv := serve(t, map[string]string{"/api/exposed_jobs/": string(readFixture(t, "workingnomads", "jobs.json"))})
	st, got, err := collect(t, config.Source{Name: "wn", Kind: "workingnomads", BaseURL: srv.URL + "/api/exposed_jobs"}, Options{})
	if err != nil || len(got) != 3 || st.PagesFetched != 1 || st.Incomplete != "" {
		t.Errorf("%d listings, stats %+v, err %v", len(got), st, err)
	}
}
