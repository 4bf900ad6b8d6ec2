package scraper

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/config"
)

// workdayNow is the clock of the Workday tests: "Posted 3 Days Ago" is
// counted back from it.
var workdayNow = time.Date(2026, 10, 1, 12, 0, 0, 0, time.UTC)

func TestParseWorkday(t *testing.T) {
	src := config.Source{Name: "wd", Kind: "workday", URL: "https://examplecloud.wd5.myworkdayjobs.com/en-US/External_Careers"}
	site, err := config.ParseWorkdayURL(src.URL, "")
	if err != nil {
		t.Fatal(err)
	}
	jobs, n, total, err := parseWorkdayJobs(readFixture(t, "workday", "jobs.json"), src, site, workdayNow)
	if err == nil || !strings.Contains(err.Error(), "posting 3") {
		t.Errorf("err = %v, want the posting without a path reported", err)
	}
	if n != 4 || total != 4 || len(jobs) != 3 {
		t.Fatalf("n %d, total %d, %d jobs; want 4, 4, 3", n, total, len(jobs))
	}
	// The list alone: "3 Locations", the relative dates, the site's own page.
	if l := jobs[1].Listing; l.Location != "3 Locations" || !l.PostedAt.Equal(utc("2026-09-28T00:00:00Z")) ||
		l.URL != site.Home+"/job/Virginia---Reston/Solutions-Consultant---Public-Sector--State---Local-_JR410002" || l.Company != "Examplecloud" {
		t.Errorf("list listing: %+v", l)
	}
	if p := jobs[2].PostedAt; !p.Equal(utc("2026-09-01T00:00:00Z")) {
		t.Errorf("Posted 30+ Days Ago = %v, want 30 days back", p)
	}
	var got []jobstats.Listing
	for _, j := range jobs {
		if err := applyWorkdayDetail(&j.Listing, readFixture(t, "workday", "detail_"+j.SourceID+".json"), src, site, workdayNow); err != nil {
			t.Fatalf("detail %s: %v", j.SourceID, err)
		}
		got = append(got, j.Listing)
	}
	checkListings(t, got, []want{
		{Listing: with(listing("wd", "JR410001"), func(l *jobstats.Listing) {
			l.Title = "Senior Platform Engineer"
			l.Company = "Example Cloud, Inc."
			l.Location = "Illinois - Chicago"
			l.Country = "US"
			l.Workplace = jobstats.WorkplaceHybrid
			l.EmploymentType = "Full time"
			// startDate beats "Posted Yesterday".
			l.PostedAt = utc("2026-09-30T00:00:00Z")
			l.URL = "https://examplecloud.wd5.myworkdayjobs.com/External_Careers/job/Illinois---Chicago/Senior-Platform-Engineer_JR410001"
		}), desc: "About the team\nWe run the platform every product at Example Cloud is built on.\n- Go and Kubernetes\n- On-call once a month\nThe base salary range for this position in Illinois is $152,000 - $190,000 annually."},
		{Listing: with(listing("wd", "JR410002"), func(l *jobstats.Listing) {
			l.Title = "Solutions Consultant - Public Sector (State & Local)"
			l.Company = "Example Cloud, Inc."
			// Three places: no one country; "Flexible" is no workplace
			// type, and one remote place of three does not make it remote.
			l.Location = "Virginia - Reston; Texas - Austin; Remote - USA"
			l.EmploymentType = "Full time"
			l.PostedAt = utc("2026-09-28T00:00:00Z")
			l.URL = "https://examplecloud.wd5.myworkdayjobs.com/External_Careers/job/Virginia---Reston/Solutions-Consultant---Public-Sector--State---Local-_JR410002"
		}), desc: "Help state and local governments modernise.\nTravel up to 50%."},
		{Listing: with(listing("wd", "JR410003-1"), func(l *jobstats.Listing) {
			l.Title = "Payroll Analyst"
			// No hiringOrganization: the tenant.
			l.Company = "Examplecloud"
			l.Location = "Ireland - Dublin"
			l.Country = "IE"
			l.Workplace = jobstats.WorkplaceRemote
			l.EmploymentType = "Part time"
			// An unreadable startDate: "Posted 30+ Days Ago".
			l.PostedAt = utc("2026-09-01T00:00:00Z")
			// externalUrl is no web address: the site's page.
			l.URL = site.Home + "/job/Ireland---Dublin/Payroll-Analyst_JR410003-1"
		}), desc: "Run payroll & benefits for 4,000 people across EMEA.\nSalary: €48,000 - €56,000 per year, plus bonus."},
	})
}

func TestParseWorkdayErrors(t *testing.T) {
	site := config.WorkdaySite{Origin: "https://a.wd1.myworkdayjobs.com", Tenant: "a", Site: "S", Home: "https://a.wd1.myworkdayjobs.com/S"}
	for name, body := range map[string]string{
		"empty":        "",
		"html":         "<html>maintenance</html>",
		"no postings":  `{"total": 3}`,
		"wrong shapes": `{"total": "3", "jobPostings": {}}`,
	} {
		t.Run(name, func(t *testing.T) {
			jobs, n, _, err := parseWorkdayJobs([]byte(body), config.Source{Name: "wd"}, site, workdayNow)
			if err == nil || n != 0 || len(jobs) != 0 {
				t.Errorf("got %d jobs, n %d, err %v; want an error", len(jobs), n, err)
			}
		})
	}
	for name, body := range map[string]string{
		"empty":       "",
		"no info":     `{"hiringOrganization":{"name":"X"}}`,
		"not json":    `<p>`,
		"bad remote":  `{"jobPostingInfo":{"remoteType":[1]}}`,
		"info string": `{"jobPostingInfo":"x"}`,
	} {
		t.Run("detail "+name, func(t *testing.T) {
			var l jobstats.Listing
			if err := applyWorkdayDetail(&l, []byte(body), config.Source{}, site, workdayNow); err == nil {
				t.Errorf("no error for %q", body)
			}
		})
	}
}

func TestWorkdayID(t *testing.T) {
	for path, id := range map[string]string{
		"/job/Illinois---Chicago/Customer-Success-Manager_JR332446": "JR332446",
		"/job/Haifa-Israel/Senior-Engineer_R76497-1":                "R76497-1",
		"/job/Berlin/Engineer":                                      "/job/Berlin/Engineer",
		"/job/Berlin/Platform_Engineer":                             "/job/Berlin/Platform_Engineer",
		"/job/Berlin/Engineer_":                                     "/job/Berlin/Engineer_",
	} {
		if got := workdayID(path); got != id {
			t.Errorf("workdayID(%q) = %q, want %q", path, got, id)
		}
	}
}

func TestPostedAgo(t *testing.T) {
	now := time.Date(2026, 3, 2, 1, 30, 0, 0, time.UTC)
	for _, tt := range []struct {
		in   string
		want string // "" for zero
	}{
		{"Posted Today", "2026-03-02"},
		{"posted today", "2026-03-02"},
		{"Posted Yesterday", "2026-03-01"},
		{"Posted 3 Days Ago", "2026-02-27"},
		{"Posted 30+ Days Ago", "2026-01-31"},
		{"Posted  1 Day Ago", "2026-03-01"},
		{"2 weeks ago", "2026-02-16"},
		{"a month ago", "2026-01-31"},
		{"an hour ago", "2026-03-02"},
		{"2 hours ago", "2026-03-01"}, // 23:30 the day before
		{"1 year ago", "2025-03-02"},
		{"Posted", ""},
		{"3 Days", ""},
		{"Publicado hace 3 días", ""},
		{"Posted 99999 Days Ago", ""},
		{"", ""},
	} {
		got := postedAgo(tt.in, now)
		var want time.Time
		if tt.want != "" {
			want, _ = time.Parse("2006-01-02", tt.want)
		}
		if !got.Equal(want) || (!got.IsZero() && got.Location() != time.UTC) {
			t.Errorf("postedAgo(%q) = %v, want %v", tt.in, got, want)
		}
	}
	if !postedAgo("Posted Today", time.Time{}).IsZero() {
		t.Error("a zero clock gave a date")
	}
}

// workdayBoard is a fake Workday careers site with n postings, served at
// the real API paths under /wday/cxs/acme/Careers.
type workdayBoard struct {
	n           int
	failDetail  map[int]bool // posting numbers whose detail answers 500
	failListAt  int          // offset whose list page answers 500; -1 none
	totalLater  bool         // repeat total on later pages (Workday does not)
	mu          sync.Mutex
	listOffsets []int
	details     int
	bad         []string
}

func (b *workdayBoard) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	const api = "/wday/cxs/acme/Careers"
	b.mu.Lock()
	defer b.mu.Unlock()
	if r.Header.Get("User-Agent") != "jobstats-test/1.0" {
		b.bad = append(b.bad, "no user agent")
	}
	switch {
	case r.URL.Path == api+"/jobs":
		var q struct{ Limit, Offset int }
		body, _ := io.ReadAll(r.Body)
		if r.Method != http.MethodPost || r.Header.Get("Content-Type") != "application/json" || json.Unmarshal(body, &q) != nil || q.Limit != workdayLimit {
			b.bad = append(b.bad, fmt.Sprintf("list request %s %q", r.Method, body))
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		b.listOffsets = append(b.listOffsets, q.Offset)
		if q.Offset == b.failListAt {
			http.Error(w, "down", http.StatusInternalServerError)
			return
		}
		total := b.n
		if q.Offset > 0 && !b.totalLater {
			total = 0
		}
		var ps []string
		for i := q.Offset; i < min(b.n, q.Offset+q.Limit); i++ {
			ps = append(ps, fmt.Sprintf(`{"title":"Job %d","externalPath":"/job/Loc/Job-%d_JR%d","locationsText":"Loc","postedOn":"Posted Today"}`, i, i, i))
		}
		fmt.Fprintf(w, `{"total":%d,"jobPostings":[%s],"facets":[]}`, total, strings.Join(ps, ","))
	case strings.HasPrefix(r.URL.Path, api+"/job/Loc/"):
		var i int
		if _, err := fmt.Sscanf(r.URL.Path[strings.LastIndexByte(r.URL.Path, '_')+1:], "JR%d", &i); err != nil || r.Method != http.MethodGet {
			b.bad = append(b.bad, "detail "+r.URL.Path)
			http.NotFound(w, r)
			return
		}
		b.details++
		if b.failDetail[i] {
			http.Error(w, "down", http.StatusInternalServerError)
			return
		}
		fmt.Fprintf(w, `{"jobPostingInfo":{"title":"Job %d","jobDescription":"<p>Job %d pays $%d,000 a year.</p>","location":"Loc","timeType":"Full time"},"hiringOrganization":{"name":"Acme"}}`, i, i, 100+i)
	default:
		b.bad = append(b.bad, r.Method+" "+r.URL.String())
		http.NotFound(w, r)
	}
}

func TestWorkdayCrawl(t *testing.T) {
	zero := 0
	for _, tt := range []struct {
		name       string
		board      *workdayBoard
		maxPages   int
		offsets    []int
		listings   int
		incomplete string // a part of Stats.Incomplete; "" for a complete crawl
		keepOpen   []string
		failed     int
	}{
		{name: "three pages", board: &workdayBoard{n: 45, failListAt: -1}, offsets: []int{0, 20, 40}, listings: 45},
		{name: "exactly two pages", board: &workdayBoard{n: 40, failListAt: -1, totalLater: true}, offsets: []int{0, 20}, listings: 40},
		{name: "empty", board: &workdayBoard{n: 0, failListAt: -1}, offsets: []int{0}},
		{name: "failed details stay open", board: &workdayBoard{n: 25, failListAt: -1, failDetail: map[int]bool{3: true, 21: true}},
			offsets: []int{0, 20}, listings: 23, keepOpen: []string{"JR3", "JR21"}, failed: 2},
		{name: "failed list page", board: &workdayBoard{n: 45, failListAt: 20}, offsets: []int{0, 20}, listings: 20,
			incomplete: "index page 2 failed: get ", failed: 1},
		{name: "max_pages", board: &workdayBoard{n: 45, failListAt: -1}, maxPages: 2, offsets: []int{0, 20}, listings: 40,
			incomplete: "max_pages 2 reached"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			b := tt.board
			srv := httptest.NewServer(b)
			defer srv.Close()
			src := config.Source{Name: "wd", Kind: "workday", URL: "https://acme.wd1.myworkdayjobs.com/en-US/Careers",
				BaseURL: srv.URL, Retries: &zero, MaxPages: tt.maxPages}
			st, got, err := collect(t, src, Options{Now: func() time.Time { return workdayNow }})
			if err != nil {
				t.Fatalf("crawl: %v (stats %+v)", err, st)
			}
			b.mu.Lock()
			defer b.mu.Unlock()
			if len(b.bad) > 0 {
				t.Errorf("bad requests: %q", b.bad)
			}
			if !slices.Equal(b.listOffsets, tt.offsets) {
				t.Errorf("list offsets %v, want %v", b.listOffsets, tt.offsets)
			}
			if len(got) != tt.listings || st.Listings != tt.listings {
				t.Errorf("%d listings (stats %d), want %d", len(got), st.Listings, tt.listings)
			}
			if tt.incomplete == "" && st.Incomplete != "" || !strings.Contains(st.Incomplete, tt.incomplete) {
				t.Errorf("Incomplete = %q, want %q", st.Incomplete, tt.incomplete)
			}
			slices.Sort(st.KeepOpen)
			slices.Sort(tt.keepOpen)
			if !slices.Equal(st.KeepOpen, tt.keepOpen) {
				t.Errorf("KeepOpen = %q, want %q", st.KeepOpen, tt.keepOpen)
			}
			if st.PagesFailed != tt.failed {
				t.Errorf("PagesFailed = %d, want %d (errors %q)", st.PagesFailed, tt.failed, st.Errors)
			}
			if want := len(tt.offsets) + b.details - tt.failed; st.PagesFetched != want {
				t.Errorf("PagesFetched = %d, want %d", st.PagesFetched, want)
			}
			for _, l := range got {
				if l.Company != "Acme" || !strings.HasPrefix(l.URL, "https://acme.wd1.myworkdayjobs.com/en-US/Careers/job/Loc/") ||
					!strings.Contains(l.Description, "a year") || l.EmploymentType != "Full time" || !l.PostedAt.Equal(utc("2026-10-01T00:00:00Z")) {
					t.Errorf("listing %+v", l)
					break
				}
			}
		})
	}
}

func TestWorkdayNeedsTenant(t *testing.T) {
	_, err := New(config.Source{Name: "wd", Kind: "workday", URL: "http://127.0.0.1:8080/Careers"}, Options{UserAgent: "x"})
	if err == nil || !strings.Contains(err.Error(), "tenant") {
		t.Errorf("err = %v, want tenant asked for", err)
	}
	if _, err := New(config.Source{Name: "wd", Kind: "workday", URL: "http://127.0.0.1:8080/Careers", Tenant: "acme"}, Options{UserAgent: "x"}); err != nil {
		t.Errorf("with tenant: %v", err)
	}
}

func FuzzParseWorkday(f *testing.F) {
	f.Add(readFixture(f, "workday", "jobs.json"))
	f.Add(readFixture(f, "workday", "detail_JR410002.json"))
	f.Add([]byte(`{"total":-1,"jobPostings":[{"title":"&amp;","externalPath":"/_","postedOn":"Posted 9999 Years Ago"}]}`))
	site := config.WorkdaySite{Origin: "https://a.wd1.myworkdayjobs.com", Tenant: "a", Site: "S", Home: "https://a.wd1.myworkdayjobs.com/S"}
	src := config.Source{Name: "wd"}
	f.Fuzz(func(t *testing.T, body []byte) {
		jobs, n, _, err := parseWorkdayJobs(body, src, site, workdayNow)
		if len(jobs) > n {
			t.Fatalf("%d jobs of %d postings", len(jobs), n)
		}
		var ls []jobstats.Listing
		for _, j := range jobs {
			ls = append(ls, j.Listing)
		}
		checkFuzzListings(t, ls, err)
		var l jobstats.Listing
		_ = applyWorkdayDetail(&l, body, src, site, workdayNow)
	})
}
