package scraper

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/config"
)

func TestParseComeet(t *testing.T) {
	src := config.Source{Name: "cm", Kind: "comeet", CompanyUID: "A1.234", TokenEnv: "T"}
	got, err := parseComeet(readFixture(t, "comeet", "positions.json"), src)
	if err == nil || !strings.Contains(err.Error(), "21.404") {
		t.Errorf("err = %v, want the position without a name reported", err)
	}
	checkListings(t, got, []want{
		{Listing: with(listing("cm", "21.401"), func(l *jobstats.Listing) {
			l.Title = "Firmware Engineer"
			l.Company = "ExampleSense"
			l.Location = "New York, NY, US"
			l.Country = "US"
			l.Region = "NY"
			l.City = "New York"
			l.Workplace = jobstats.WorkplaceOnsite
			l.EmploymentType = "Full-time"
			l.URL = "https://www.comeet.com/jobs/examplesense/A1.234/firmware-engineer/21.401"
		}), desc: "Description\nExampleSense makes sensors that power themselves. Join the team.\nThe annual base salary range for this role is $150,000-$180,000.\n" +
			"Requirements\n5+ years of embedded C.\nB.Sc. in Electrical Engineering or equivalent."},
		{Listing: with(listing("cm", "21.402-9B.20A"), func(l *jobstats.Listing) {
			l.Title = "Field Application Engineer"
			l.Company = "ExampleSense"
			// The office is called Dallas; it is in Plano.
			l.Location = "Plano, TX, US"
			l.Country = "US"
			l.Region = "TX"
			l.City = "Plano"
			l.Workplace = jobstats.WorkplaceHybrid
			l.URL = "https://www.comeet.com/jobs/examplesense/A1.234/field-application-engineer/21.402-9B.20A"
		})},
		{Listing: with(listing("cm", "21.403"), func(l *jobstats.Listing) {
			l.Title = "Solutions Architect, EMEA"
			l.Company = "ExampleSense"
			l.Location = "Remote - Europe"
			l.Workplace = jobstats.WorkplaceRemote
		})},
	})
}

func TestParseComeetErrors(t *testing.T) {
	for name, body := range map[string]string{"empty": "", "error": `{"error":"bad token"}`, "truncated": `[{"uid":`} {
		t.Run(name, func(t *testing.T) {
			if ls, err := parseComeet([]byte(body), config.Source{Name: "cm"}); err == nil || len(ls) != 0 {
				t.Errorf("got %d listings, err %v; want an error", len(ls), err)
			}
		})
	}
}

func TestComeetCrawl(t *testing.T) {
	const token = "S3CR3T+/="
	var mu sync.Mutex
	var queries []string
	fixture := readFixture(t, "comeet", "positions.json")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		queries = append(queries, r.URL.RawQuery)
		mu.Unlock()
		if r.URL.Path != "/careers-api/2.0/company/A1.234/positions" || r.URL.Query().Get("details") != "true" {
			http.NotFound(w, r)
			return
		}
		if r.URL.Query().Get("token") != token {
			http.Error(w, `{"error":"invalid token `+r.URL.Query().Get("token")+`"}`, http.StatusForbidden)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		w.Write(fixture)
	}))
	defer srv.Close()
	zero := 0
	src := config.Source{Name: "cm", Kind: "comeet", CompanyUID: "A1.234", TokenEnv: "COMEET_TOKEN", BaseURL: srv.URL, Retries: &zero}
	env := func(v string) func(string) string {
		return func(k string) string {
			if k == "COMEET_TOKEN" {
				return v
			}
			return ""
		}
	}
	vals := &memValidators{m: map[string][2]string{}}
	st, got, err := collect(t, src, Options{Env: env(token), Validators: vals})
	if err != nil || len(got) != 3 || st.Incomplete != "" {
		t.Fatalf("%d listings, stats %+v, err %v", len(got), st, err)
	}
	if len(vals.m) != 1 {
		t.Errorf("validators %q, want the board's", vals.m)
	}
	for u := range vals.m {
		if strings.Contains(u, "S3CR3T") {
			t.Errorf("the token is stored with the validators: %q", u)
		}
	}

	_, _, err = collect(t, src, Options{Env: env("")})
	if err == nil || !strings.Contains(err.Error(), "COMEET_TOKEN is not set") {
		t.Errorf("no token: err = %v", err)
	}
	st, _, err = collect(t, src, Options{Env: env("wrong")})
	if err == nil || strings.Contains(err.Error(), "token=") || strings.Contains(strings.Join(st.Errors, " "), "token=") {
		t.Errorf("wrong token: err = %v, errors %q; want an error without the token's address", err, st.Errors)
	}
}
