package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/storage"
)

// The end-to-end test of every source kind: one local server answers every
// kind's requests with the scraper's own fixtures (scraper/testdata), a
// config names one source per kind, and `jobstats crawl` must store exactly
// what the fixtures hold.

// allKindsAPIKey is the CrackedDevs API key the test's environment holds,
// under allKindsKeyEnv; the server refuses requests without it.
const (
	allKindsKeyEnv = "JOBSTATS_TEST_CRACKEDDEVS_KEY"
	allKindsAPIKey = "test-key-5a1f"
	// The Comeet token, under allKindsTokenEnv.
	allKindsTokenEnv = "JOBSTATS_TEST_COMEET_TOKEN"
	allKindsToken    = "C0MEET-T0KEN"
)

// allKindsWorkdayAPI is where the Workday site's API is served.
const allKindsWorkdayAPI = "/workday/wday/cxs/examplecloud/External_Careers"

// allKindsFixture reads one of the scraper's fixtures.
func allKindsFixture(t *testing.T, kind, file string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "scraper", "testdata", kind, file))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// allKindsIndex is the jsonld site's job index: two job pages and a link
// the follow expression leaves alone.
const allKindsIndex = `<!doctype html>
<html><head><title>Careers</title></head><body>
<ul>
<li><a href="/site/job/1">Platform Engineer</a></li>
<li><a href="/site/job/2">Form Specialist</a></li>
</ul>
<a href="/site/about">About us</a>
</body></html>`

// allKindsServer serves every kind's endpoints, each under its own path
// prefix (the prefix is the source's base_url). Requests it does not
// expect are answered 404 and remembered, so the test can fail on them.
type allKindsServer struct {
	files map[string][]byte // "kind/file" → fixture

	mu         sync.Mutex
	unexpected []string
	hits       map[string]int // route → requests
}

func newAllKindsServer(t *testing.T) *allKindsServer {
	s := &allKindsServer{files: map[string][]byte{}, hits: map[string]int{}}
	for _, f := range []string{
		"greenhouse/board.json", "lever/postings.json", "ashby/board.json",
		"smartrecruiters/postings.json", "smartrecruiters/detail.json", "workable/account.json",
		"recruitee/offers.json", "personio/feed.xml", "remoteok/api.json", "remotive/jobs.json",
		"arbeitnow/page1.json", "arbeitnow/page2.json", "himalayas/jobs.json", "jobicy/jobs.json",
		"crackeddevs/jobs.json", "hn/search.json", "hn/thread.json",
		"jsonld/escaped_board.html", "jsonld/gtm_telecommute.html",
		"workday/jobs.json", "workday/detail_JR410001.json", "workday/detail_JR410002.json", "workday/detail_JR410003-1.json",
		"teamtailor/jobs.json", "rss/wwr.xml", "workingnomads/jobs.json", "comeet/positions.json",
		"html/list1.html", "html/list2.html", "html/job101.html", "html/job102.html", "html/job103.html",
	} {
		kind, file, _ := strings.Cut(f, "/")
		s.files[f] = allKindsFixture(t, kind, file)
	}
	return s
}

func (s *allKindsServer) count(route string) {
	s.mu.Lock()
	s.hits[route]++
	s.mu.Unlock()
}

func (s *allKindsServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	serve := func(route, ctype string, body []byte) {
		s.count(route)
		w.Header().Set("Content-Type", ctype)
		w.Write(body)
	}
	sendJSON := func(route string, body []byte) { serve(route, "application/json; charset=utf-8", body) }
	fixture := func(route, f string) { sendJSON(route, s.files[f]) }

	switch p := r.URL.Path; {
	case p == "/gh/v1/boards/examplecorp/jobs" && q.Get("content") == "true" && q.Get("pay_transparency") == "true":
		fixture("greenhouse", "greenhouse/board.json")
	case p == "/lever/v0/postings/acme-widgets" && q.Get("mode") == "json":
		// Paged with skip/limit: the whole site on the first page.
		if skip, _ := strconv.Atoi(q.Get("skip")); skip == 0 {
			fixture("lever", "lever/postings.json")
		} else {
			sendJSON("lever later page", []byte("[]"))
		}
	case p == "/ashby/posting-api/job-board/examplefin" && q.Get("includeCompensation") == "true":
		fixture("ashby", "ashby/board.json")
	case p == "/sr/v1/companies/ExampleSoft1/postings":
		if off, _ := strconv.Atoi(q.Get("offset")); off == 0 {
			fixture("smartrecruiters", "smartrecruiters/postings.json")
		} else {
			sendJSON("smartrecruiters later page", []byte(`{"offset":100,"limit":100,"totalFound":3,"content":[]}`))
		}
	case strings.HasPrefix(p, "/sr/v1/companies/ExampleSoft1/postings/744"):
		// Every posting's detail: the fixture's (its description).
		fixture("smartrecruiters detail", "smartrecruiters/detail.json")
	case p == "/workable/api/v1/widget/accounts/exampleprint" && q.Get("details") == "true":
		fixture("workable", "workable/account.json")
	case p == "/recruitee/api/offers/":
		fixture("recruitee", "recruitee/offers.json")
	case p == "/personio/xml":
		serve("personio", "application/xml; charset=utf-8", s.files["personio/feed.xml"])
	case p == "/remoteok/api":
		fixture("remoteok", "remoteok/api.json")
	case p == "/remotive/api/remote-jobs":
		fixture("remotive", "remotive/jobs.json")
	case p == "/arbeitnow/api/job-board-api":
		switch q.Get("page") {
		case "1":
			fixture("arbeitnow", "arbeitnow/page1.json")
		case "2":
			fixture("arbeitnow page 2", "arbeitnow/page2.json")
		default:
			sendJSON("arbeitnow later page", []byte(`{"data":[],"links":{"next":null}}`))
		}
	case p == "/himalayas/jobs/api":
		if off, _ := strconv.Atoi(q.Get("offset")); off == 0 {
			fixture("himalayas", "himalayas/jobs.json")
		} else {
			sendJSON("himalayas later page", []byte(`{"offset":`+q.Get("offset")+`,"limit":20,"totalCount":3,"jobs":[]}`))
		}
	case p == "/jobicy/api/v2/remote-jobs":
		fixture("jobicy", "jobicy/jobs.json")
	case p == "/crackeddevs/api/get-jobs":
		if r.Header.Get("api-key") != allKindsAPIKey {
			s.count("crackeddevs without key")
			http.Error(w, `{"error":"invalid api key"}`, http.StatusUnauthorized)
			return
		}
		fixture("crackeddevs", "crackeddevs/jobs.json")
	case p == "/hn/api/v1/search_by_date" && strings.Contains(q.Get("tags"), "author_whoishiring"):
		fixture("hn search", "hn/search.json")
	case p == "/hn/api/v1/items/48990001":
		fixture("hn", "hn/thread.json")
	case p == allKindsWorkdayAPI+"/jobs" && r.Method == http.MethodPost:
		fixture("workday", "workday/jobs.json")
	case strings.HasPrefix(p, allKindsWorkdayAPI+"/job/") && r.Method == http.MethodGet:
		id := p[strings.LastIndexByte(p, '_')+1:]
		if b, ok := s.files["workday/detail_"+id+".json"]; ok {
			sendJSON("workday detail", b)
			return
		}
		s.mu.Lock()
		s.unexpected = append(s.unexpected, r.URL.String())
		s.mu.Unlock()
		http.NotFound(w, r)
	case p == "/teamtailor/jobs.json":
		serve("teamtailor", "application/feed+json", s.files["teamtailor/jobs.json"])
	case p == "/rss/categories/remote-programming-jobs.rss":
		serve("rss", "application/rss+xml; charset=utf-8", s.files["rss/wwr.xml"])
	case p == "/workingnomads/api/exposed_jobs/":
		fixture("workingnomads", "workingnomads/jobs.json")
	case p == "/comeet/careers-api/2.0/company/A1.234/positions" && q.Get("details") == "true":
		if q.Get("token") != allKindsToken {
			s.count("comeet without token")
			http.Error(w, `{"error":"invalid token"}`, http.StatusForbidden)
			return
		}
		fixture("comeet", "comeet/positions.json")
	case strings.HasPrefix(p, "/careers/"):
		// The html board (kind html): two list pages, three job pages.
		page := map[string]string{
			"/careers/list": "html/list1.html", "/careers/list?page=2": "html/list2.html",
			"/careers/jobs/101-senior-backend-engineer": "html/job101.html",
			"/careers/jobs/102-support-lead":            "html/job102.html",
			"/careers/jobs/103-data-analyst":            "html/job103.html",
		}[r.URL.RequestURI()]
		if page == "" {
			s.mu.Lock()
			s.unexpected = append(s.unexpected, r.URL.String())
			s.mu.Unlock()
			http.NotFound(w, r)
			return
		}
		serve("html "+r.URL.RequestURI(), "text/html; charset=utf-8", s.files[page])
	case p == "/robots.txt":
		serve("robots.txt", "text/plain", []byte("User-agent: *\nDisallow: /private/\n"))
	case p == "/site/jobs":
		serve("jsonld index", "text/html; charset=utf-8", []byte(allKindsIndex))
	case p == "/site/job/1":
		serve("jsonld job 1", "text/html; charset=utf-8", s.files["jsonld/escaped_board.html"])
	case p == "/site/job/2":
		serve("jsonld job 2", "text/html; charset=utf-8", s.files["jsonld/gtm_telecommute.html"])
	default:
		s.mu.Lock()
		s.unexpected = append(s.unexpected, r.URL.String())
		s.mu.Unlock()
		http.NotFound(w, r)
	}
}

// akListing is what one stored listing must be.
type akListing struct {
	sourceID       string // "{srv}" stands for the server's URL
	title, company string
	pay            *jobstats.Salary // nil: no pay
}

// akPay is a salary in hundredths.
func akPay(min, max jobstats.Amount, currency string, period jobstats.Period, from jobstats.SalarySource) *jobstats.Salary {
	return &jobstats.Salary{Min: min, Max: max, Currency: currency, Period: period, From: from}
}

const (
	akYear       = jobstats.PeriodYear
	akHour       = jobstats.PeriodHour
	akStructured = jobstats.SalaryFromField
	akText       = jobstats.SalaryFromText
)

func TestAllKindsCrawlEndToEnd(t *testing.T) {
	server := newAllKindsServer(t)
	srv := httptest.NewServer(server)
	defer srv.Close()

	// One row per kind: the source's config (besides name, kind and the
	// common keys), how many listings its fixture holds, and the listings
	// checked field by field. Every expectation was worked out by hand
	// from the fixture files.
	tests := []struct {
		kind   string
		config string // YAML lines of the source, indented by 4
		count  int
		locs   map[string]string // source id → location, where checked
		want   []akListing
	}{
		{
			// 4 jobs; the fourth has no title and is skipped.
			kind: "greenhouse", config: "board: examplecorp\n    base_url: {srv}/gh", count: 3,
			want: []akListing{
				// Two pay zones in USD a year: their span, in cents as given.
				{"4100001", "Senior Backend Engineer", "Example Corp", akPay(10840000, 14000000, "USD", akYear, akStructured)},
				// No company_name: the board, title-cased. "Hourly rate" makes it hourly.
				{"4100002", "Support Specialist", "Examplecorp", akPay(2500, 3250, "GBP", akHour, akStructured)},
				{"4100003", "Office Manager", "Examplecorp", nil},
			},
		},
		{
			// Lever has no company name: the site, title-cased.
			kind: "lever", config: "site: acme-widgets\n    base_url: {srv}/lever", count: 4,
			want: []akListing{
				{"0b7f1c9e-1111-4a2b-9c3d-000000000001", "Staff Software Engineer", "Acme Widgets", akPay(15000000, 18000000, "USD", akYear, akStructured)},
				{"0b7f1c9e-1111-4a2b-9c3d-000000000002", "Customer Support Associate", "Acme Widgets", akPay(2500, 3250, "USD", akHour, akStructured)},
				// No salaryRange: salaryDescriptionPlain "€60,000 – €70,000 per year".
				{"0b7f1c9e-1111-4a2b-9c3d-000000000003", "Product Designer", "Acme Widgets", akPay(6000000, 7000000, "EUR", akYear, akText)},
				// A one-time interval is no salary.
				{"0b7f1c9e-1111-4a2b-9c3d-000000000004", "One-time bonus role", "Acme Widgets", nil},
			},
		},
		{
			// The unlisted job is left out; no company name: the board.
			kind: "ashby", config: "board: examplefin\n    base_url: {srv}/ashby", count: 4,
			want: []akListing{
				{"63df0ffc-0000-4000-8000-000000000001", "AI Operations Specialist | Enablement", "Examplefin", akPay(11420000, 18405000, "USD", akYear, akStructured)},
				// shouldDisplayCompensationOnJobPostings false: hidden pay is not published.
				{"90fb3621-0000-4000-8000-000000000002", "Senior Technical Recruiter", "Examplefin", nil},
				// No summary salary: the tier's Salary component (not the Bonus).
				{"aaaa0000-0000-4000-8000-000000000003", "Data Engineer", "Examplefin", akPay(7000000, 9000000, "EUR", akYear, akStructured)},
				// "Competitive" is no pay.
				{"bbbb0000-0000-4000-8000-000000000004", "Contractor (hourly)", "Examplefin", nil},
			},
		},
		{
			kind: "smartrecruiters", config: "company: ExampleSoft1\n    base_url: {srv}/sr", count: 3,
			want: []akListing{
				{"744000000000001", "Pricing Analyst", "Example Soft", nil},
				{"744000000000002", "CNA / LPN - Consistent Hours", "Example Soft", nil},
				{"744000000000003", "Payroll Specialist", "Example Soft", akPay(6000000, 7500000, "USD", akYear, akStructured)},
			},
		},
		{
			kind: "workable", config: "account: exampleprint\n    base_url: {srv}/workable", count: 2,
			want: []akListing{
				// Pay only in the description: "Salary: AUD 120k OTE".
				{"7417AAAA01", "Account Executive - APAC", "Example Print", akPay(12000000, 12000000, "AUD", akYear, akText)},
				{"DD13BBBB02", "Business Analyst - Spanish Speaking", "Example Print", nil},
			},
		},
		{
			kind: "recruitee", config: "company: acmeledger\n    base_url: {srv}/recruitee", count: 3,
			want: []akListing{
				// String amounts.
				{"2700825", "(Senior) Financial Accountant (f/m/d) - Berlin", "Acme Ledger", akPay(6000000, 7500000, "EUR", akYear, akStructured)},
				// "75.00"-"95.00" a year, taken as written (the plausibility
				// band flags it in statistics).
				{"2707521", "Office Manager Chicago", "Acme Ledger", akPay(7500, 9500, "USD", akYear, akStructured)},
				// All-null salary object: none.
				{"2707999", "Security Engineer", "Acme Ledger", nil},
			},
		},
		{
			// The position listed twice is kept once; no subcompany: the company key, title-cased.
			kind: "personio", config: "company: example-co\n    base_url: {srv}/personio", count: 2,
			want: []akListing{
				{"1834171", "Staff Software Engineer, Data Platform", "Example SE & Co. KG", nil},
				{"1900002", "Working Student Marketing", "Example Co", nil},
			},
		},
		{
			// The legal notice is no job; the job without a position is skipped.
			kind: "remoteok", config: "base_url: {srv}/remoteok/api", count: 2,
			want: []akListing{
				// The description's "Â£57,000 — â‚¬65,000" does not override the structured pay.
				{"1200001", "Senior Go Engineer", "Northwind Labs", akPay(12000000, 15000000, "USD", akYear, akStructured)},
				// Double-encoded company; salary 0 means unknown.
				{"1200002", "Customer Support Agent", "Café Société", nil},
			},
		},
		{
			// Free-text pay, parsed by the crawl's understanding step.
			kind: "remotive", config: "base_url: {srv}/remotive/api/remote-jobs", count: 3,
			want: []akListing{
				{"2100001", "Backend Engineer", "Acme Cloud", akPay(3120000, 5200000, "USD", akYear, akText)},
				{"2100002", "Account Executive", "Beta GmbH", akPay(8000000, 11000000, "EUR", akYear, akText)},
				{"2100003", "Online Tutor", "Gamma Learning", akPay(0, 1900, "USD", akHour, akText)},
			},
		},
		{
			// Two pages: three jobs, then one.
			kind: "arbeitnow", config: "base_url: {srv}/arbeitnow/api/job-board-api", count: 4,
			want: []akListing{
				{"werkstudent-marketing-berlin-500001", "Werkstudent Marketing (m/w/d)", "Georg Beispiel GmbH", nil},
				{"senior-php-developer-remote-500002", "Senior PHP Developer", "Remote Works AG", nil},
				{"teamlead-hybrid-hamburg-500003", "Teamlead IT (Hybrid)", "Nord Logistik", nil},
				{"data-analyst-munich-500004", "Data Analyst", "Süd Daten GmbH", nil},
			},
		},
		{
			kind: "himalayas", config: "base_url: {srv}/himalayas/jobs/api", count: 4,
			want: []akListing{
				// companyName is the placeholder "name": the slug, title-cased.
				{"https://himalayas.app/companies/alignment-care/jobs/inpatient-review-nurse", "Inpatient Review Nurse (Remote | California RN License Required)", "Alignment Care", akPay(7790500, 11685800, "USD", akYear, akStructured)},
				{"https://himalayas.app/companies/soundly/jobs/audio-engineer", "Audio Engineer - Fully Remote | Upto $14/hr", "Soundly", akPay(1400, 1400, "USD", akHour, akStructured)},
				{"https://himalayas.app/companies/ceragon-example/jobs/content-marcom-specialist", "Content & Marcom Specialist", "Ceragon Example", nil},
				// No salaryPeriod: a year.
				{"https://himalayas.app/companies/hauptstadt-tech/jobs/platform-engineer", "Platform Engineer", "Hauptstadt Tech", akPay(7000000, 9000000, "EUR", akYear, akStructured)},
			},
		},
		{
			kind: "jobicy", config: "base_url: {srv}/jobicy/api/v2/remote-jobs", count: 4,
			want: []akListing{
				{"145880", "Senior Software Engineer (Contract)", "Mozilla Example", nil},
				// Entity-escaped title; only a minimum.
				{"146002", "Content Marketing Manager, Organic Growth (SEO & AEO)", "RevenueKitten", akPay(15100000, 0, "USD", akYear, akStructured)},
				// The older annual fields.
				{"150791", "Chief of Staff, Emergency Cash (Senior Manager)", "GiveExample", akPay(11500000, 12500000, "GBP", akYear, akStructured)},
				{"150792", "Support Hero", "Helpful Co", akPay(2500, 3000, "EUR", akHour, akStructured)},
			},
		},
		{
			kind: "crackeddevs", config: "api_key_env: " + allKindsKeyEnv + "\n    base_url: {srv}/crackeddevs/api/get-jobs", count: 4,
			want: []akListing{
				{"5001", "Full stack Developer", "Lemon Example", akPay(6000000, 11000000, "USD", akYear, akStructured)},
				{"5002", "Frontend Engineer", "Toddle Example", akPay(0, 2000000, "USD", akYear, akStructured)},
				{"5003", "Fullstack Engineer(Web3, React, Node)", "Syndr Example", nil},
				{"5004", "Junior Front End Developer", "Empire Example", akPay(6000000, 6000000, "USD", akYear, akStructured)},
			},
		},
		{
			// The latest "Who is hiring?" thread, found by search. Not
			// jobs: a deleted and a dead comment, "Great thread!", Goody (no
			// role in its header) and every reply.
			kind: "hn", config: "thread: latest\n    base_url: {srv}/hn/api/v1", count: 4,
			want: []akListing{
				{"49000010", "Founding Sr Backend Engineer", "Neon Example", akPay(17000000, 22500000, "USD", akYear, akText)},
				{"49000040", "Founding Frontend Engineer / Founding Backend Engineer", "Galaxy Example", nil},
				{"49000060", "Growth Engineer", "TryHackThem", akPay(6000000, 10000000, "EUR", akYear, akText)},
				{"49000080", "Founding Engineer", "Tendavo Example", nil},
			},
		},
		{
			// Three postings on one list page (a fourth has no path), each
			// with its detail; pay only in the descriptions.
			kind: "workday", config: "url: https://examplecloud.wd5.myworkdayjobs.com/en-US/External_Careers\n    base_url: {srv}/workday", count: 3,
			locs: map[string]string{"JR410001": "Illinois - Chicago", "JR410002": "Virginia - Reston; Texas - Austin; Remote - USA", "JR410003-1": "Ireland - Dublin"},
			want: []akListing{
				{"JR410001", "Senior Platform Engineer", "Example Cloud, Inc.", akPay(15200000, 19000000, "USD", akYear, akText)},
				{"JR410002", "Solutions Consultant - Public Sector (State & Local)", "Example Cloud, Inc.", nil},
				// No hiringOrganization: the tenant.
				{"JR410003-1", "Payroll Analyst", "Examplecloud", akPay(4800000, 5600000, "EUR", akYear, akText)},
			},
		},
		{
			// A JSON Feed whose items embed JobPosting JSON-LD.
			kind: "teamtailor", config: "company: nordlys\n    base_url: {srv}/teamtailor", count: 3,
			locs: map[string]string{"5100001": "Oslo, NO", "5100002": "Stockholm, Sweden, SE; København, Europe, DK"},
			want: []akListing{
				{"5100001", "Backend Developer (Go)", "Nordlys Energi AS", akPay(75000000, 90000000, "NOK", akYear, akStructured)},
				// No hiringOrganization: the feed's title.
				{"5100002", "Account Executive - Nordics (Stockholm based)", "Nordlys Energi", nil},
				{"5d1c2a9e-0b1f-4c55-9d6e-000000000003", "Open application", "Nordlys Energi", nil},
			},
		},
		{
			// WeWorkRemotely's "Company: Title" items, pay in the descriptions.
			kind: "rss", config: "url: https://weworkremotely.com/categories/remote-programming-jobs.rss\n    base_url: {srv}/rss", count: 3,
			locs: map[string]string{"https://weworkremotely.com/remote-jobs/lattice-tools-senior-go-engineer": "Anywhere in the World", "https://weworkremotely.com/remote-jobs/tidewater-health-customer-support-specialist": "USA Only", "wwr-90003": "Europe Only"},
			want: []akListing{
				{"https://weworkremotely.com/remote-jobs/lattice-tools-senior-go-engineer", "Senior Go Engineer", "Lattice Tools", akPay(14000000, 17000000, "USD", akYear, akText)},
				{"https://weworkremotely.com/remote-jobs/tidewater-health-customer-support-specialist", "Customer Support Specialist (Spanish speaking)", "Tidewater Health", akPay(2400, 2400, "USD", akHour, akText)},
				{"wwr-90003", "Product Designer", "Brightline Labs", nil},
			},
		},
		{
			kind: "workingnomads", config: "base_url: {srv}/workingnomads/api/exposed_jobs", count: 3,
			locs: map[string]string{"1800101": "Europe", "1800102": "Japan - Remote", "1800103": "Global"},
			want: []akListing{
				{"1800101", "Senior Data Engineer", "Fjordlight", akPay(7500000, 9000000, "EUR", akYear, akText)},
				{"1800102", "Maps Evaluator (No Experience Required)", "Peroptyx", nil},
				{"1800103", "Email & SMS Marketing Strategist", "Bebonia", nil},
			},
		},
		{
			// The token comes from the environment.
			kind: "comeet", config: "company_uid: A1.234\n    token_env: " + allKindsTokenEnv + "\n    base_url: {srv}/comeet", count: 3,
			locs: map[string]string{"21.401": "New York, NY, US", "21.402-9B.20A": "Plano, TX, US", "21.403": "Remote - Europe"},
			want: []akListing{
				{"21.401", "Firmware Engineer", "ExampleSense", akPay(15000000, 18000000, "USD", akYear, akText)},
				{"21.402-9B.20A", "Field Application Engineer", "ExampleSense", nil},
				{"21.403", "Solutions Architect, EMEA", "ExampleSense", nil},
			},
		},
		{
			// A board read by CSS selectors: items on two list pages, each
			// job's own page for the description and pay; one job page has
			// JSON-LD, which wins. The fourth job is on another host.
			kind: "html", config: `start_urls: ["{srv}/careers/list"]
    company_name: Harbor & Pine
    next: "nav.pagination a[rel=next]"
    item: li.job
    link: a.job-link
    fields:
      title: h2
      location: .where
      employment_type: .type
      posted: {css: time, attr: datetime}
      id: {css: li.job, attr: data-req}
    detail:
      description: "#description"
      salary: "#description .pay"`, count: 3,
			locs: map[string]string{"HP-101": "Portland, OR", "HP-102": "Remote (US)", "HP-103": "Boise, ID"},
			want: []akListing{
				{"HP-101", "Senior Backend Engineer", "Harbor & Pine", akPay(15000000, 18000000, "USD", akYear, akText)},
				{"HP-102", "Customer Support Lead", "Harbor & Pine", akPay(2800, 3400, "USD", akHour, akStructured)},
				{"HP-103", "Data Analyst", "Harbor & Pine", akPay(5500, 5500, "USD", akHour, akText)},
			},
		},
		{
			// The index links to two job pages; the about page is not followed.
			kind: "jsonld", config: "start_urls: [\"{srv}/site/jobs\"]\n    follow: ['/site/job/\\d+$']", count: 2,
			want: []akListing{
				// No url or identifier in the posting: the page is its id.
				{"{srv}/site/job/1", "Platform Engineer", "Wattle Print Co", akPay(12000000, 15000000, "AUD", akYear, akStructured)},
				// identifier.value 7; a single value "$90,000".
				{"7", "Form Specialist", "Simple & Co", akPay(9000000, 9000000, "USD", akYear, akStructured)},
			},
		},
	}

	var cfg strings.Builder
	cfg.WriteString("user_agent: jobstats-test\nsources:\n")
	total := 0
	for _, tt := range tests {
		fmt.Fprintf(&cfg, "  - name: %s\n    kind: %s\n    schedule: \"@daily\"\n    retries: 0\n    %s\n",
			tt.kind+"-src", tt.kind, strings.ReplaceAll(tt.config, "{srv}", srv.URL))
		total += tt.count
	}
	dir := t.TempDir()
	cfgPath := filepath.Join(dir, "jobstats.yaml")
	if err := os.WriteFile(cfgPath, []byte(cfg.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	dbPath := filepath.Join(dir, "jobstats.db")
	now := time.Date(2026, 10, 1, 12, 0, 0, 0, time.UTC)
	run := func(args ...string) (string, error) {
		t.Helper()
		var out, errb bytes.Buffer
		a := &app{stdin: strings.NewReader(""), stdout: &out, stderr: &errb,
			getenv: func(k string) string {
				switch k {
				case allKindsKeyEnv:
					return allKindsAPIKey
				case allKindsTokenEnv:
					return allKindsToken
				}
				return ""
			},
			now: func() time.Time { return now }}
		err := a.execute(t.Context(), append([]string{"--config", cfgPath, "--db", dbPath, "--log-level", "error"}, args...))
		return out.String() + errb.String(), err
	}

	out, err := run("crawl", "--quiet")
	if err != nil {
		t.Fatalf("crawl: %v\n%s\nconfig:\n%s", err, out, cfg.String())
	}
	server.mu.Lock()
	if len(server.unexpected) > 0 {
		t.Errorf("unexpected requests: %q", server.unexpected)
	}
	if server.hits["crackeddevs without key"] > 0 {
		t.Error("crackeddevs was asked without the api-key header")
	}
	if server.hits["comeet without token"] > 0 {
		t.Error("comeet was asked without the token")
	}
	if n := server.hits["workday detail"]; n != 3 {
		t.Errorf("%d workday detail requests, want 3", n)
	}
	for _, route := range []string{"arbeitnow page 2", "smartrecruiters detail", "hn search", "robots.txt", "jsonld job 1", "jsonld job 2"} {
		if server.hits[route] == 0 {
			t.Errorf("no request for %s", route)
		}
	}
	server.mu.Unlock()

	// What was stored, per source.
	stored := map[string]map[string]jobstats.Listing{} // source → source id → listing
	openDB(t, dbPath, func(db *storage.DB) {
		err := db.ForEach(t.Context(), storage.Scan{}, func(l *jobstats.Listing) error {
			if stored[l.Source] == nil {
				stored[l.Source] = map[string]jobstats.Listing{}
			}
			c := *l
			stored[l.Source][l.SourceID] = c
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		for _, tt := range tests {
			r, ok, err := db.LastRun(t.Context(), tt.kind+"-src")
			if err != nil || !ok {
				t.Errorf("%s: last run %v, %v", tt.kind, ok, err)
				continue
			}
			if r.Status != jobstats.RunOK || r.Listings != tt.count || r.New != tt.count || r.PagesFailed != 0 {
				t.Errorf("%s: run %s, %d listings (%d new), %d failed pages, errors %q; want ok with %d new",
					tt.kind, r.Status, r.Listings, r.New, r.PagesFailed, r.Errors, tt.count)
			}
		}
	})
	if len(stored) != len(tests) {
		t.Errorf("listings from %d sources, want %d", len(stored), len(tests))
	}

	for _, tt := range tests {
		t.Run(tt.kind, func(t *testing.T) {
			got := stored[tt.kind+"-src"]
			if len(got) != tt.count {
				var ids []string
				for id, l := range got {
					ids = append(ids, id+" "+strconv.Quote(l.Title))
				}
				t.Errorf("stored %d listings, want %d: %s", len(got), tt.count, strings.Join(ids, "; "))
			}
			for _, w := range tt.want {
				id := strings.ReplaceAll(w.sourceID, "{srv}", srv.URL)
				l, ok := got[id]
				if !ok {
					t.Errorf("listing %s (%s) not stored", id, w.title)
					continue
				}
				if l.Title != w.title || l.Company != w.company {
					t.Errorf("%s: %q at %q, want %q at %q", id, l.Title, l.Company, w.title, w.company)
				}
				if loc, ok := tt.locs[w.sourceID]; ok && l.Location != loc {
					t.Errorf("%s: location %q, want %q", id, l.Location, loc)
				}
				if msg := akPayDiff(l.Salary, w.pay); msg != "" {
					t.Errorf("%s (%s): pay %s (salary text %q)", id, w.title, msg, l.SalaryText)
				}
			}
		})
	}

	// `jobstats sources test` of the html source shows what each selector matched.
	out, err = run("sources", "test", "html-src", "--limit", "1")
	if err != nil {
		t.Fatalf("sources test: %v\n%s", err, out)
	}
	for _, want := range []string{
		"selectors on " + srv.URL + "/careers/list:", "item  ", "3 matches", "fields.title", "Senior Backend Engineer",
		"selectors on " + srv.URL + "/careers/jobs/101-senior-backend-engineer:", "detail.salary", "$150,000 – $180,000 per year",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("sources test output lacks %q:\n%s", want, out)
		}
	}

	// `jobstats sources`: every source ok with its count.
	out, err = run("sources")
	if err != nil {
		t.Fatalf("sources: %v\n%s", err, out)
	}
	rows := map[string][]string{}
	for _, line := range strings.Split(out, "\n") {
		if f := strings.Fields(line); len(f) > 0 {
			rows[f[0]] = f
		}
	}
	for _, tt := range tests {
		// NAME KIND SCHEDULE DATE TIME STATUS LISTINGS ERRORS…
		f := rows[tt.kind+"-src"]
		if len(f) < 8 || f[1] != tt.kind || f[5] != string(jobstats.RunOK) || f[6] != strconv.Itoa(tt.count) {
			t.Errorf("sources row of %s = %q, want kind %s, status ok, %d listings\n%s", tt.kind, f, tt.kind, tt.count, out)
		}
	}

	// `jobstats export listings --format jsonl`: one line per stored listing.
	out, err = run("export", "listings", "--format", "jsonl")
	if err != nil {
		t.Fatalf("export: %v\n%s", err, out)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != total {
		t.Errorf("export has %d lines, want %d", len(lines), total)
	}
	for _, line := range lines {
		var x struct {
			ID string `json:"id"`
		}
		if err := json.Unmarshal([]byte(line), &x); err != nil || x.ID == "" {
			t.Errorf("export line %q: %v", line, err)
			break
		}
	}
}

// akPayDiff says how got differs from want in bounds, currency, period and
// origin; "" when it does not.
func akPayDiff(got, want *jobstats.Salary) string {
	show := func(s *jobstats.Salary) string {
		if s == nil {
			return "none"
		}
		return fmt.Sprintf("%d-%d %s/%s from %s", s.Min, s.Max, s.Currency, s.Period, s.From)
	}
	switch {
	case got == nil && want == nil:
		return ""
	case got == nil || want == nil,
		got.Min != want.Min || got.Max != want.Max || got.Currency != want.Currency ||
			got.Period != want.Period || got.From != want.From:
		return show(got) + ", want " + show(want)
	}
	return ""
}
