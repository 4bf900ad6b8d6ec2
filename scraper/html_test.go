package scraper

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/config"
)

// htmlNow is the clock of the html tests.
var htmlNow = time.Date(2026, 10, 1, 12, 0, 0, 0, time.UTC)

// harborPine is the html source of the fixture board: items on list pages,
// each linking to its job page.
func harborPine() config.Source {
	return config.Source{
		Name: "hp", Kind: "html", CompanyName: "Harbor & Pine",
		StartURLs: []string{"https://harbor.example/careers/list"},
		Next:      "nav.pagination a[rel=next]",
		Item:      "li.job",
		Link:      "a.job-link",
		Fields: &config.HTMLFields{
			Title:          config.Selector{CSS: "h2"},
			Location:       config.Selector{CSS: ".where"},
			EmploymentType: config.Selector{CSS: ".type"},
			Posted:         config.Selector{CSS: "time", Attr: "datetime"},
			Salary:         config.Selector{CSS: ".pay"},
			ID:             config.Selector{CSS: "li.job", Attr: "data-req"},
		},
		Detail: &config.HTMLFields{
			Description: config.Selector{CSS: "#description"},
			Salary:      config.Selector{CSS: "#description .pay"},
		},
	}
}

func TestHTMLReadList(t *testing.T) {
	rules, err := compileHTMLRules(harborPine())
	if err != nil {
		t.Fatal(err)
	}
	d, err := parseHTMLDoc(readFixture(t, "html", "list1.html"), mustURL(t, "https://harbor.example/careers/list"))
	if err != nil {
		t.Fatal(err)
	}
	list := rules.readList(d, htmlNow)
	if !slices.Equal(list.Next, []string{"https://harbor.example/careers/list?page=2"}) {
		t.Errorf("next = %q", list.Next)
	}
	if len(list.Skipped) != 1 || !strings.Contains(list.Skipped[0].Error(), "item 3") {
		t.Errorf("skipped = %v, want the banner item", list.Skipped)
	}
	if len(list.Jobs) != 2 {
		t.Fatalf("%d jobs, want 2", len(list.Jobs))
	}
	j := list.Jobs[0]
	// <br> inside the title is a space; <base href> resolves the link.
	if j.Title != "Senior Backend Engineer" || j.Location != "Portland, OR" || j.EmploymentType != "Full-time" ||
		!j.PostedAt.Equal(utc("2026-09-25T00:00:00Z")) || j.SalaryText != "$150,000 – $180,000 a year" ||
		j.IDField != "HP-101" || j.Page != "https://harbor.example/careers/jobs/101-senior-backend-engineer" {
		t.Errorf("job 1: %+v", j)
	}
	j = list.Jobs[1]
	// An unreadable datetime is no date (the attribute was asked for, not
	// the text); the fragment is dropped; "Remote (US)" is remote.
	if j.Title != "Support Lead" || !j.PostedAt.IsZero() || j.Workplace != jobstats.WorkplaceRemote ||
		j.Page != "https://harbor.example/careers/jobs/102-support-lead" {
		t.Errorf("job 2: %+v", j)
	}
}

func TestHTMLReadListLinksOnly(t *testing.T) {
	src := config.Source{Kind: "html", Link: "ul.jobs a.job-link", Next: "a[rel=next]", Detail: &config.HTMLFields{Title: config.Selector{CSS: "h1"}}}
	rules, err := compileHTMLRules(src)
	if err != nil {
		t.Fatal(err)
	}
	d, _ := parseHTMLDoc(readFixture(t, "html", "list2.html"), mustURL(t, "https://harbor.example/careers/list?page=2"))
	list := rules.readList(d, htmlNow)
	var pages []string
	for _, j := range list.Jobs {
		pages = append(pages, j.Page)
	}
	want := []string{"https://harbor.example/careers/jobs/103-data-analyst", "https://harbor.example/careers/jobs/101-senior-backend-engineer", "https://elsewhere.example/jobs/104"}
	if !slices.Equal(pages, want) || len(list.Next) != 0 {
		t.Errorf("pages %q, next %q", pages, list.Next)
	}
}

func TestHTMLReadDetail(t *testing.T) {
	src := harborPine()
	src.Detail.Company = config.Selector{CSS: `meta[property="og:site_name"]`, Attr: "content"}
	rules, err := compileHTMLRules(src)
	if err != nil {
		t.Fatal(err)
	}
	read := func(file string, l jobstats.Listing) jobstats.Listing {
		body := readFixture(t, "html", file)
		d, err := parseHTMLDoc(body, mustURL(t, "https://harbor.example/careers/jobs/x"))
		if err != nil {
			t.Fatal(err)
		}
		rules.readDetail(&l, body, d, htmlNow)
		return l
	}
	l := read("job101.html", jobstats.Listing{Title: "Senior Backend Engineer", Location: "Portland, OR", SalaryText: "$150,000 – $180,000 a year"})
	if l.Company != "Harbor & Pine Outfitters" || l.SalaryText != "$150,000 – $180,000 per year" ||
		l.Description != "We build the systems behind 40 outdoor stores.\nWhat you will do\n- Design APIs in Go\n- Run PostgreSQL at scale\nCompensation: $150,000 – $180,000 per year, plus equity." {
		t.Errorf("job 101: %+v", l)
	}
	// JSON-LD wins wherever it says something.
	l = read("job102.html", jobstats.Listing{Title: "Support Lead", Location: "Remote (US)", EmploymentType: "Part-time"})
	if l.Title != "Customer Support Lead" || l.Company != "Harbor & Pine" || l.EmploymentType != "PART_TIME" ||
		l.Workplace != jobstats.WorkplaceRemote || !l.PostedAt.Equal(utc("2026-09-27T00:00:00Z")) ||
		l.Description != "Lead a team of six. Spanish a plus." || l.SalaryText != "" ||
		l.Salary == nil || *l.Salary != *sal(2800, 3400, "USD", jobstats.PeriodHour) || l.Location != "Remote (US)" {
		t.Errorf("job 102: %+v (salary %+v)", l, l.Salary)
	}
}

func TestHTMLSelectorOptions(t *testing.T) {
	body := []byte(`<div class="job" data-id="7"><h3>Go Developer</h3>
		<ul class="tags"><li>Go</li><li>gRPC</li><li></li></ul>
		<p class="salary">Pay: EUR 60k - 70k (negotiable)</p></div>`)
	d, _ := parseHTMLDoc(body, mustURL(t, "https://x.example/"))
	item := d.doc.Find("div.job")
	for _, tt := range []struct {
		name string
		sel  config.Selector
		key  string
		want string
		n    int
	}{
		{"first match", config.Selector{CSS: ".tags li"}, "location", "Go", 3},
		{"all matches", config.Selector{CSS: ".tags li", All: true}, "location", "Go, gRPC", 3},
		{"all description", config.Selector{CSS: ".tags li", All: true}, "description", "- Go\n- gRPC", 3},
		{"regex group", config.Selector{CSS: ".salary", Regex: `Pay: (.*?) \(`}, "salary", "EUR 60k - 70k", 1},
		{"regex whole", config.Selector{CSS: ".salary", Regex: `\d+k`}, "salary", "60k", 1},
		{"regex no match", config.Selector{CSS: ".salary", Regex: `USD`}, "salary", "", 1},
		{"attribute of the item itself", config.Selector{CSS: ".job", Attr: "data-id"}, "id", "7", 1},
		{"missing attribute", config.Selector{CSS: "h3", Attr: "title"}, "title", "", 1},
		{"no match", config.Selector{CSS: ".nope"}, "title", "", 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rules, err := compileHTMLRules(config.Source{Item: "div", Fields: fieldsWith(tt.key, tt.sel)})
			if err != nil {
				t.Fatal(err)
			}
			got, n := rules.fields[0].read(item)
			if got != tt.want || n != tt.n {
				t.Errorf("read = %q (%d matches), want %q (%d)", got, n, tt.want, tt.n)
			}
		})
	}
}

// fieldsWith returns HTMLFields with one field set.
func fieldsWith(key string, sel config.Selector) *config.HTMLFields {
	f := &config.HTMLFields{}
	switch key {
	case "title":
		f.Title = sel
	case "location":
		f.Location = sel
	case "description":
		f.Description = sel
	case "salary":
		f.Salary = sel
	case "id":
		f.ID = sel
	}
	return f
}

func TestParseDate(t *testing.T) {
	for in, want := range map[string]string{
		"2026-09-25":                      "2026-09-25T00:00:00Z",
		"2026-09-25T10:00:00+02:00":       "2026-09-25T08:00:00Z",
		"Posted on September 3, 2026":     "2026-09-03T00:00:00Z",
		"Sep 3, 2026":                     "2026-09-03T00:00:00Z",
		"3 September 2026":                "2026-09-03T00:00:00Z",
		"03.09.2026":                      "2026-09-03T00:00:00Z",
		"Posted 3 days ago":               "2026-09-28T00:00:00Z",
		"yesterday":                       "2026-09-30T00:00:00Z",
		"Tue, 22 Sep 2026 07:30:41 +0000": "2026-09-22T07:30:41Z",
		"soon":                            "",
	} {
		got := parseDate(in, htmlNow)
		var w time.Time
		if want != "" {
			w = utc(want)
		}
		if !got.Equal(w) {
			t.Errorf("parseDate(%q) = %v, want %v", in, got, w)
		}
	}
}

// harborServer serves the fixture board under /careers, job 103's page
// failing when fail103 is set.
type harborServer struct {
	mu      sync.Mutex
	hits    map[string]int
	fail    map[string]bool // answered 500
	gone    map[string]bool // answered 404
	robots  string          // robots.txt; default: /careers/private/ disallowed
	files   map[string][]byte
	unknown []string
}

func newHarborServer(t *testing.T) (*harborServer, *httptest.Server) {
	h := &harborServer{hits: map[string]int{}, fail: map[string]bool{}, gone: map[string]bool{}, files: map[string][]byte{},
		robots: "User-agent: *\nDisallow: /careers/private/\n"}
	for _, f := range []string{"list1.html", "list2.html", "job101.html", "job102.html", "job103.html"} {
		h.files[f] = readFixture(t, "html", f)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return h, srv
}

func (h *harborServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	routes := map[string]string{
		"/careers/list":                             "list1.html",
		"/careers/list?page=1":                      "list1.html",
		"/careers/list?page=2":                      "list2.html",
		"/careers/jobs/101-senior-backend-engineer": "job101.html",
		"/careers/jobs/102-support-lead":            "job102.html",
		"/careers/jobs/103-data-analyst":            "job103.html",
	}
	key := r.URL.RequestURI()
	h.mu.Lock()
	defer h.mu.Unlock()
	h.hits[key]++
	if key == "/robots.txt" {
		fmt.Fprint(w, h.robots)
		return
	}
	f, ok := routes[key]
	switch {
	case !ok:
		h.unknown = append(h.unknown, key)
		http.NotFound(w, r)
	case h.fail[key]:
		http.Error(w, "down", http.StatusInternalServerError)
	case h.gone[key]:
		http.NotFound(w, r)
	default:
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(h.files[f])
	}
}

func TestHTMLCrawl(t *testing.T) {
	zero := 0
	for _, tt := range []struct {
		name       string
		src        func(srv string) config.Source
		fail, gone []string
		robots     string
		ids        []string
		incomplete string
		keepOpen   []string
		failed     int // pages counted as failed
		requests   int
	}{
		{
			name: "items with job pages",
			src: func(srv string) config.Source {
				s := harborPine()
				s.StartURLs = []string{srv + "/careers/list"}
				return s
			},
			// 104 is on another host: its page is not read. Requests
			// count robots.txt.
			ids: []string{"HP-101", "HP-102", "HP-103"}, requests: 6,
		},
		{
			name: "links only, ids from the pages",
			src: func(srv string) config.Source {
				return config.Source{Name: "hp", Kind: "html", StartURLs: []string{srv + "/careers/list"},
					Next: "a[rel=next]", Link: "a.job-link",
					Detail: &config.HTMLFields{Title: config.Selector{CSS: "h1.title"}, Company: config.Selector{CSS: `meta[property="og:site_name"]`, Attr: "content"}}}
			},
			ids: []string{"{srv}/careers/jobs/101-senior-backend-engineer", "{srv}/careers/jobs/102-support-lead", "{srv}/careers/jobs/103-data-analyst"}, requests: 6,
		},
		{
			name: "items only",
			src: func(srv string) config.Source {
				s := harborPine()
				s.StartURLs = []string{srv + "/careers/list"}
				s.Link, s.Detail = "", nil
				return s
			},
			// The external job is listed too: its item says all there is.
			ids: []string{"HP-101", "HP-102", "HP-103", "HP-104"}, requests: 3,
		},
		{
			name: "a job page fails",
			src: func(srv string) config.Source {
				s := harborPine()
				s.StartURLs = []string{srv + "/careers/list"}
				return s
			},
			fail: []string{"/careers/jobs/102-support-lead"},
			ids:  []string{"HP-101", "HP-103"}, keepOpen: []string{"HP-102"}, failed: 1, requests: 6,
		},
		{
			// Gone between the list and its page: nothing to keep open.
			name: "a job page is gone",
			src: func(srv string) config.Source {
				s := harborPine()
				s.StartURLs = []string{srv + "/careers/list"}
				return s
			},
			gone: []string{"/careers/jobs/102-support-lead"},
			ids:  []string{"HP-101", "HP-103"}, failed: 1, requests: 6,
		},
		{
			// Not ours to read: neither a failure nor a job kept open,
			// which would make every run incomplete.
			name: "robots.txt disallows a job page",
			src: func(srv string) config.Source {
				s := harborPine()
				s.StartURLs = []string{srv + "/careers/list"}
				return s
			},
			robots: "User-agent: *\nDisallow: /careers/jobs/102\n",
			ids:    []string{"HP-101", "HP-103"}, requests: 5,
		},
		{
			name: "a list page fails",
			src: func(srv string) config.Source {
				s := harborPine()
				s.StartURLs = []string{srv + "/careers/list"}
				return s
			},
			fail: []string{"/careers/list?page=2"},
			ids:  []string{"HP-101", "HP-102"}, incomplete: "list page {srv}/careers/list?page=2 failed", failed: 1, requests: 5,
		},
		{
			name: "max_pages",
			src: func(srv string) config.Source {
				s := harborPine()
				s.StartURLs = []string{srv + "/careers/list"}
				s.MaxPages = 2
				return s
			},
			ids: []string{"HP-101"}, keepOpen: []string{"HP-102"}, incomplete: "max_pages 2 reached", requests: 3,
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			h, srv := newHarborServer(t)
			for _, f := range tt.fail {
				h.fail[f] = true
			}
			for _, f := range tt.gone {
				h.gone[f] = true
			}
			if tt.robots != "" {
				h.robots = tt.robots
			}
			src := tt.src(srv.URL)
			src.Retries = &zero
			st, got, err := collect(t, src, Options{Now: func() time.Time { return htmlNow }})
			if err != nil {
				t.Fatalf("crawl: %v (%+v)", err, st)
			}
			var ids []string
			for _, l := range got {
				ids = append(ids, strings.ReplaceAll(l.SourceID, srv.URL, "{srv}"))
				if l.Title == "" || !strings.HasPrefix(l.Company, "Harbor & Pine") || l.ID != "hp:"+l.SourceID {
					t.Errorf("listing %+v", l)
				}
			}
			slices.Sort(ids)
			if !slices.Equal(ids, tt.ids) {
				t.Errorf("ids %q, want %q", ids, tt.ids)
			}
			if want := strings.ReplaceAll(tt.incomplete, "{srv}", srv.URL); !strings.HasPrefix(st.Incomplete, want) || (want == "") != (st.Incomplete == "") {
				t.Errorf("Incomplete = %q, want %q", st.Incomplete, want)
			}
			if !slices.Equal(st.KeepOpen, tt.keepOpen) {
				t.Errorf("KeepOpen = %q, want %q", st.KeepOpen, tt.keepOpen)
			}
			if st.PagesFailed != tt.failed {
				t.Errorf("%d pages failed, want %d (%q)", st.PagesFailed, tt.failed, st.Errors)
			}
			h.mu.Lock()
			defer h.mu.Unlock()
			n := 0
			for k, c := range h.hits {
				n += c
				if c > 1 {
					t.Errorf("%s fetched %d times", k, c)
				}
			}
			if n != tt.requests || len(h.unknown) > 0 {
				t.Errorf("%d requests (unknown %q), want %d", n, h.unknown, tt.requests)
			}
		})
	}
}

func TestHTMLCrawlListings(t *testing.T) {
	_, srv := newHarborServer(t)
	src := harborPine()
	src.StartURLs = []string{srv.URL + "/careers/list"}
	_, got, err := collect(t, src, Options{Now: func() time.Time { return htmlNow }})
	if err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(got, func(a, b jobstats.Listing) int { return strings.Compare(a.SourceID, b.SourceID) })
	checkListings(t, got, []want{
		{Listing: with(listing("hp", "HP-101"), func(l *jobstats.Listing) {
			l.Title = "Senior Backend Engineer"
			l.Company = "Harbor & Pine"
			l.Location = "Portland, OR"
			l.EmploymentType = "Full-time"
			l.PostedAt = utc("2026-09-25T00:00:00Z")
			// The job page's pay line beats the item's.
			l.SalaryText = "$150,000 – $180,000 per year"
			l.URL = srv.URL + "/careers/jobs/101-senior-backend-engineer"
		}), descHas: []string{"- Design APIs in Go"}},
		{Listing: with(listing("hp", "HP-102"), func(l *jobstats.Listing) {
			// The page's JSON-LD wins; company_name wins over it.
			l.Title = "Customer Support Lead"
			l.Company = "Harbor & Pine"
			l.Location = "Remote (US)"
			l.Workplace = jobstats.WorkplaceRemote
			l.Country, l.RemoteScope = "US", "US"
			l.EmploymentType = "PART_TIME"
			l.PostedAt = utc("2026-09-27T00:00:00Z")
			l.Salary = sal(2800, 3400, "USD", jobstats.PeriodHour)
			l.URL = srv.URL + "/careers/jobs/102-support-lead"
		}), desc: "Lead a team of six. Spanish a plus."},
		{Listing: with(listing("hp", "HP-103"), func(l *jobstats.Listing) {
			l.Title = "Data Analyst"
			l.Company = "Harbor & Pine"
			l.Location = "Boise, ID"
			l.EmploymentType = "Contract"
			l.PostedAt = utc("2026-09-20T10:00:00Z")
			l.URL = srv.URL + "/careers/jobs/103-data-analyst"
		}), desc: "SQL, dashboards, and questions worth asking.\nRate: $55 per hour."},
	})
}

func FuzzHTMLExtract(f *testing.F) {
	for _, file := range []string{"list1.html", "list2.html", "job101.html", "job102.html"} {
		f.Add(readFixture(f, "html", file))
	}
	f.Add([]byte(`<li class="job"><a class="job-link" href="javascript:x">x</a><base href="ftp://x/"></li>`))
	src := harborPine()
	src.Detail.Company = config.Selector{CSS: "meta", Attr: "content", Regex: "(.*)", All: true}
	rules, err := compileHTMLRules(src)
	if err != nil {
		f.Fatal(err)
	}
	page, _ := url.Parse("https://harbor.example/careers/list")
	f.Fuzz(func(t *testing.T, body []byte) {
		d, err := parseHTMLDoc(body, page)
		if err != nil {
			return
		}
		list := rules.readList(d, htmlNow)
		for _, j := range list.Jobs {
			if j.Page != "" && !isHTTP(j.Page) {
				t.Errorf("job page %q", j.Page)
			}
			if j.Title != jobstats.TrimSpace(j.Title) {
				t.Errorf("untrimmed title %q", j.Title)
			}
		}
		var l jobstats.Listing
		rules.readDetail(&l, body, d, htmlNow)
	})
}
