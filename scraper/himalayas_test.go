package scraper

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync/atomic"
	"testing"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/config"
)

func TestParseHimalayas(t *testing.T) {
	src := config.Source{Name: "him", Kind: "himalayas"}
	got, pg, err := parseHimalayasPage(readFixture(t, "himalayas", "jobs.json"), src)
	if err != nil {
		t.Fatal(err)
	}
	if pg.n != 4 || pg.offset == nil || *pg.offset != 0 || pg.limit != 20 || pg.total != 3 {
		t.Errorf("paging %+v", pg)
	}
	checkListings(t, got, []want{
		{Listing: with(listing("him", "https://himalayas.app/companies/alignment-care/jobs/inpatient-review-nurse"), func(l *jobstats.Listing) {
			l.Title = "Inpatient Review Nurse (Remote | California RN License Required)"
			// companyName is the placeholder "name": the slug, title-cased.
			l.Company = "Alignment Care"
			l.Location = "United States"
			l.Country, l.RemoteScope = "US", "US"
			l.Workplace = jobstats.WorkplaceRemote
			l.EmploymentType = "Full-time"
			l.PostedAt = utc("2026-08-15T17:00:32Z")
			l.URL = "https://himalayas.app/companies/alignment-care/jobs/inpatient-review-nurse"
			l.Salary = sal(7790500, 11685800, "USD", jobstats.PeriodYear)
		}), desc: "Alignment Care is hiring."},
		{Listing: with(listing("him", "https://himalayas.app/companies/soundly/jobs/audio-engineer"), func(l *jobstats.Listing) {
			l.Title = "Audio Engineer - Fully Remote | Upto $14/hr"
			l.Company = "Soundly"
			l.Location = "India, Sri Lanka"
			l.RemoteScope = jobstats.RemoteAPAC // India, Sri Lanka
			l.Workplace = jobstats.WorkplaceRemote
			l.EmploymentType = "Contract"
			l.PostedAt = utc("2026-08-15T16:58:29Z")
			l.URL = "https://himalayas.app/companies/soundly/jobs/audio-engineer"
			l.Salary = sal(1400, 1400, "USD", jobstats.PeriodHour)
		}), desc: "Desc"},
		{Listing: with(listing("him", "https://himalayas.app/companies/ceragon-example/jobs/content-marcom-specialist"), func(l *jobstats.Listing) {
			l.Title = "Content & Marcom Specialist"
			l.Company = "Ceragon Example"
			l.Workplace = jobstats.WorkplaceRemote
			l.EmploymentType = "Full-time"
			l.PostedAt = utc("2026-07-11T00:58:52Z")
			l.URL = "https://himalayas.app/companies/ceragon-example/jobs/content-marcom-specialist"
		}), desc: "About the Role: write things."}, // the excerpt: no description
		{Listing: with(listing("him", "https://himalayas.app/companies/hauptstadt-tech/jobs/platform-engineer"), func(l *jobstats.Listing) {
			l.Title = "Platform Engineer"
			l.Company = "Hauptstadt Tech"
			l.Location = "Germany"
			l.Country, l.RemoteScope = "DE", "DE"
			l.Workplace = jobstats.WorkplaceRemote
			l.EmploymentType = "Full-time"
			l.PostedAt = utc("2026-07-11T00:56:22Z")
			l.URL = "https://himalayas.app/companies/hauptstadt-tech/jobs/platform-engineer"
			// No salaryPeriod: a year.
			l.Salary = sal(7000000, 9000000, "EUR", jobstats.PeriodYear)
		}), desc: "Desc"},
	})
	for name, body := range map[string]string{"empty": "", "no jobs": `{"totalCount":3}`, "truncated": `{"jobs":[{"title":`} {
		if ls, err := parseHimalayas([]byte(body), src); err == nil || len(ls) != 0 {
			t.Errorf("%s: got %d listings, err %v; want an error", name, len(ls), err)
		}
	}
}

func TestHimalayasPlaceholderCompany(t *testing.T) {
	body := []byte(`{"jobs":[{"title":"T","companyName":"name","guid":"g1"},{"title":"U","companyName":"name","companySlug":"acme-co","guid":"g2"}]}`)
	tests := []struct {
		name string
		src  config.Source
		want []string
	}{
		{"nothing else known", config.Source{Name: "h"}, []string{"", "Acme Co"}},
		{"configured name", config.Source{Name: "h", CompanyName: "Configured"}, []string{"Configured", "Configured"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ls, err := parseHimalayas(body, tt.src)
			if err != nil || len(ls) != 2 {
				t.Fatalf("%d listings, %v", len(ls), err)
			}
			if got := []string{ls[0].Company, ls[1].Company}; fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("companies %q, want %q", got, tt.want)
			}
		})
	}
}

// himalayasServer serves total jobs by offset and limit, at most pageMax a
// page. With envelope false it sends neither totalCount nor offset, only
// limit; malformedAt (when >= 0) is an offset whose page is malformed.
func himalayasServer(t *testing.T, total, pageMax int, envelope bool, malformedAt int, requests *atomic.Int32) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		if r.URL.Path != "/jobs/api" {
			http.NotFound(w, r)
			return
		}
		offset, _ := strconv.Atoi(r.URL.Query().Get("offset"))
		limit, _ := strconv.Atoi(r.URL.Query().Get("limit"))
		if offset == malformedAt {
			fmt.Fprint(w, `{"jobs":[{"title":`)
			return
		}
		limit = min(limit, pageMax)
		jobs := []map[string]any{}
		for i := offset; i < total && i < offset+limit; i++ {
			jobs = append(jobs, map[string]any{
				"title": fmt.Sprintf("Job %d", i), "companyName": "Co", "guid": fmt.Sprintf("https://himalayas.app/j/%d", i),
				"pubDate": 1786813232, "minSalary": nil, "maxSalary": nil, "currency": nil,
			})
		}
		doc := map[string]any{"jobs": jobs, "limit": limit}
		if envelope {
			doc["offset"], doc["totalCount"] = offset, total
		}
		json.NewEncoder(w).Encode(doc)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestCrawlHimalayasPages(t *testing.T) {
	tests := []struct {
		name               string
		total, pageMax     int
		envelope           bool
		malformedAt        int
		maxPages           int
		listings, requests int
		failed, empty      int
		wantErr            bool
	}{
		{"totalCount reached", 45, 20, true, -1, 0, 45, 3, 0, 0, false},
		{"exact multiple", 40, 20, true, -1, 0, 40, 2, 0, 0, false},
		{"server limit below ours", 25, 10, true, -1, 0, 25, 3, 0, 0, false},
		{"no totalCount: short page ends", 45, 20, false, -1, 0, 45, 3, 0, 0, false},
		{"no totalCount: empty page ends", 40, 20, false, -1, 0, 40, 3, 0, 1, false},
		{"max_pages", 100, 20, true, -1, 2, 40, 2, 0, 0, false},
		{"empty board", 0, 20, true, -1, 0, 0, 1, 0, 1, false},
		{"malformed later page", 45, 20, true, 20, 0, 20, 2, 1, 0, false},
		{"malformed board", 45, 20, true, 0, 0, 0, 1, 1, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var requests atomic.Int32
			srv := himalayasServer(t, tt.total, tt.pageMax, tt.envelope, tt.malformedAt, &requests)
			src := config.Source{Name: "him", Kind: "himalayas", BaseURL: srv.URL + "/jobs/api", MaxPages: tt.maxPages}
			st, got, err := collect(t, src, Options{})
			if len(got) != tt.listings || st.Listings != tt.listings {
				t.Errorf("got %d listings (stats %d), want %d", len(got), st.Listings, tt.listings)
			}
			if int(requests.Load()) != tt.requests || st.PagesFetched != tt.requests {
				t.Errorf("requests %d, pages fetched %d, want %d", requests.Load(), st.PagesFetched, tt.requests)
			}
			if st.PagesFailed != tt.failed || len(st.Errors) != tt.failed || st.PagesEmpty != tt.empty {
				t.Errorf("stats %+v", st)
			}
			if (err != nil) != tt.wantErr {
				t.Errorf("err = %v, want error %v", err, tt.wantErr)
			}
		})
	}
}
