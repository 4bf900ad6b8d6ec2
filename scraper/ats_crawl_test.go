package scraper

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/config"
)

// collect crawls src and returns what reached the sink.
func collect(t *testing.T, src config.Source, opts Options) (Stats, []jobstats.Listing, error) {
	t.Helper()
	if opts.UserAgent == "" {
		opts.UserAgent = "jobstats-test/1.0"
	}
	s, err := New(src, opts)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	var mu sync.Mutex
	var got []jobstats.Listing
	st, err := s.Crawl(t.Context(), func(_ context.Context, batch []jobstats.Listing) error {
		mu.Lock()
		defer mu.Unlock()
		got = append(got, batch...)
		return nil
	})
	return st, got, err
}

func titles(ls []jobstats.Listing) []string {
	var out []string
	for _, l := range ls {
		out = append(out, l.Title)
	}
	return out
}

// serve answers path (with its query, when it has one) with body; every
// other request is a 404.
func serve(t *testing.T, routes map[string]string) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("User-Agent") != "jobstats-test/1.0" {
			http.Error(w, "no user agent", http.StatusForbidden)
			return
		}
		for _, key := range []string{r.URL.RequestURI(), r.URL.Path} {
			if body, ok := routes[key]; ok {
				fmt.Fprint(w, body)
				return
			}
		}
		http.NotFound(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// singlePageKinds are the kinds whose board is one response: the source
// config, the request path, and the fixture.
var singlePageKinds = []struct {
	kind, path, fixture, empty string
	src                        config.Source
	want                       []string
}{
	{"greenhouse", "/v1/boards/examplecorp/jobs?content=true&pay_transparency=true", "greenhouse/board.json", `{"jobs":[],"meta":{"total":0}}`,
		config.Source{Board: "examplecorp"}, []string{"Senior Backend Engineer", "Support Specialist", "Office Manager"}},
	{"ashby", "/posting-api/job-board/examplefin?includeCompensation=true", "ashby/board.json", `{"jobs":[],"apiVersion":"1"}`,
		config.Source{Board: "examplefin"}, []string{"AI Operations Specialist | Enablement", "Senior Technical Recruiter", "Data Engineer", "Contractor (hourly)"}},
	{"workable", "/api/v1/widget/accounts/exampleprint?details=true", "workable/account.json", `{"name":"Example Print","jobs":[]}`,
		config.Source{Account: "exampleprint"}, []string{"Account Executive - APAC", "Business Analyst - Spanish Speaking"}},
	{"recruitee", "/api/offers/", "recruitee/offers.json", `{"offers":[]}`,
		config.Source{Company: "acmeledger"}, []string{"(Senior) Financial Accountant (f/m/d) - Berlin", "Office Manager Chicago", "Security Engineer"}},
	{"personio", "/xml", "personio/feed.xml", `<?xml version="1.0"?><workzag-jobs></workzag-jobs>`,
		config.Source{Company: "example"}, []string{"Staff Software Engineer, Data Platform", "Working Student Marketing"}},
}

func TestCrawlSinglePage(t *testing.T) {
	for _, k := range singlePageKinds {
		t.Run(k.kind, func(t *testing.T) {
			for _, tc := range []struct {
				name, body string
				want       []string
			}{
				{"board", string(readFixture(t, strings.Split(k.fixture, "/")...)), k.want},
				{"empty", k.empty, nil},
				{"malformed", `{"jobs": [ {"id": 1,`, nil},
			} {
				t.Run(tc.name, func(t *testing.T) {
					srv := serve(t, map[string]string{k.path: tc.body})
					src := k.src
					src.Name, src.Kind, src.BaseURL = "t", k.kind, srv.URL
					st, got, err := collect(t, src, Options{})
					if fmt.Sprint(titles(got)) != fmt.Sprint(tc.want) {
						t.Errorf("titles = %q, want %q", titles(got), tc.want)
					}
					switch tc.name {
					case "board":
						if err != nil || st.PagesFetched != 1 || st.PagesFailed != 0 || st.Listings != len(tc.want) {
							t.Errorf("stats %+v, err %v", st, err)
						}
						for _, l := range got {
							if l.Source != "t" || l.ID != "t:"+l.SourceID || l.Company == "" {
								t.Errorf("listing identity: %+v", l)
							}
						}
					case "empty":
						if err != nil || st.PagesEmpty != 1 || st.Listings != 0 || st.PagesFailed != 0 {
							t.Errorf("stats %+v, err %v; want one empty page and no error", st, err)
						}
					case "malformed":
						// The only page failed: Crawl reports an error.
						if err == nil || st.PagesFailed != 1 || len(st.Errors) != 1 || st.Listings != 0 {
							t.Errorf("stats %+v, err %v; want one failed page and an error", st, err)
						}
					}
				})
			}
		})
	}
}

func TestCrawlNotFound(t *testing.T) {
	srv := serve(t, nil)
	src := config.Source{Name: "gh", Kind: "greenhouse", Board: "gone", BaseURL: srv.URL}
	st, _, err := collect(t, src, Options{})
	if err == nil || !strings.Contains(err.Error(), "404") || st.PagesFailed != 1 {
		t.Errorf("stats %+v, err %v; want a 404 error", st, err)
	}
}

func TestCrawlNotModified(t *testing.T) {
	var requests atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		w.Write(readFixture(t, "greenhouse", "board.json"))
	}))
	defer srv.Close()
	vals := &memValidators{}
	src := config.Source{Name: "gh", Kind: "greenhouse", Board: "examplecorp", BaseURL: srv.URL}
	st, got, err := collect(t, src, Options{Validators: vals})
	if err != nil || len(got) != 3 || st.NotModified {
		t.Fatalf("first crawl: %+v, %d listings, %v", st, len(got), err)
	}
	st, got, err = collect(t, src, Options{Validators: vals})
	if err != nil || len(got) != 0 || !st.NotModified || st.PagesFetched != 1 {
		t.Fatalf("second crawl: %+v, %d listings, %v; want NotModified", st, len(got), err)
	}
	if requests.Load() != 2 {
		t.Errorf("requests = %d, want 2", requests.Load())
	}
}

func TestCrawlSinkErrorForgetsValidators(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", `"v1"`)
		w.Write(readFixture(t, "greenhouse", "board.json"))
	}))
	defer srv.Close()
	vals := &memValidators{}
	src := config.Source{Name: "gh", Kind: "greenhouse", Board: "examplecorp", BaseURL: srv.URL}
	s, err := New(src, Options{UserAgent: "x", Validators: vals})
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.Crawl(t.Context(), func(context.Context, []jobstats.Listing) error { return fmt.Errorf("disk full") })
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("err = %v, want the sink's error", err)
	}
	for u, v := range vals.m {
		if v[0] != "" {
			t.Errorf("validator of %s kept after a sink failure: %q", u, v)
		}
	}
}

// leverServer serves n postings of a site, honouring skip and limit; the
// page at badSkip (if not -1) is malformed.
func leverServer(t *testing.T, n, badSkip int, seen *[]string) *httptest.Server {
	var mu sync.Mutex
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/v0/postings/acme" || r.URL.Query().Get("mode") != "json" {
			http.NotFound(w, r)
			return
		}
		skip, _ := strconv.Atoi(r.URL.Query().Get("skip"))
		limit, _ := strconv.Atoi(r.URL.Query().Get("limit"))
		mu.Lock()
		*seen = append(*seen, r.URL.RawQuery)
		mu.Unlock()
		if skip == badSkip {
			fmt.Fprint(w, `[{"id": "broken"`)
			return
		}
		var page []map[string]any
		for i := skip; i < min(n, skip+limit); i++ {
			page = append(page, map[string]any{
				"id": fmt.Sprintf("p%03d", i), "text": fmt.Sprintf("Engineer %03d", i),
				"createdAt": 1770832757527, "categories": map[string]string{"location": "Remote"},
				"hostedUrl": fmt.Sprintf("https://jobs.lever.co/acme/p%03d", i),
			})
		}
		if page == nil {
			page = []map[string]any{}
		}
		json.NewEncoder(w).Encode(page)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestCrawlLeverPaging(t *testing.T) {
	tests := []struct {
		name      string
		n, bad    int
		wantList  int
		wantPages int
		wantFail  int
		wantErr   bool
		wantQuery []string
	}{
		{"three pages", 237, -1, 237, 3, 0, false, []string{"mode=json&skip=0&limit=100", "mode=json&skip=100&limit=100", "mode=json&skip=200&limit=100"}},
		{"exactly one full page", 100, -1, 100, 2, 0, false, nil},
		{"empty site", 0, -1, 0, 1, 0, false, nil},
		{"second page malformed", 250, 100, 100, 2, 1, false, nil},
		{"first page malformed", 50, 0, 0, 1, 1, true, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var seen []string
			srv := leverServer(t, tt.n, tt.bad, &seen)
			src := config.Source{Name: "lv", Kind: "lever", Site: "acme", BaseURL: srv.URL}
			st, got, err := collect(t, src, Options{})
			if (err != nil) != tt.wantErr {
				t.Errorf("err = %v, want error %v", err, tt.wantErr)
			}
			if len(got) != tt.wantList || st.Listings != tt.wantList || st.PagesFetched != tt.wantPages || st.PagesFailed != tt.wantFail {
				t.Errorf("%d listings, stats %+v; want %d listings, %d pages, %d failed", len(got), st, tt.wantList, tt.wantPages, tt.wantFail)
			}
			if tt.wantFail > 0 && len(st.Errors) == 0 {
				t.Error("no error recorded")
			}
			if tt.wantQuery != nil && fmt.Sprint(seen) != fmt.Sprint(tt.wantQuery) {
				t.Errorf("queries %q, want %q", seen, tt.wantQuery)
			}
			if len(got) > 0 && (got[0].Company != "Acme" || got[0].Workplace != jobstats.WorkplaceRemote) {
				t.Errorf("first listing %+v", got[0])
			}
		})
	}
}

func TestCrawlLeverIgnoresSkip(t *testing.T) {
	// A server that ignores skip would page forever; the crawl stops.
	var seen []string
	srv := leverServer(t, 100, -1, &seen)
	h := srv.Config.Handler
	srv.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		q.Set("skip", "0")
		r.URL.RawQuery = q.Encode()
		h.ServeHTTP(w, r)
	})
	src := config.Source{Name: "lv", Kind: "lever", Site: "acme", BaseURL: srv.URL}
	st, got, err := collect(t, src, Options{})
	if err != nil || len(got) != 100 || st.PagesFailed != 1 || len(seen) != 2 {
		t.Errorf("%d listings, stats %+v, %d requests, err %v", len(got), st, len(seen), err)
	}
}

func TestCrawlLeverRegion(t *testing.T) {
	for _, tc := range []struct{ region, want string }{{"", leverBase}, {"eu", leverBaseEU}, {"EU", leverBaseEU}, {"us", leverBase}} {
		s, err := newLever(config.Source{Site: "x", Region: tc.region}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if got := s.(*lever).base; got != tc.want+"/v0/postings/x" {
			t.Errorf("region %q: base %q", tc.region, got)
		}
	}
	if _, err := newLever(config.Source{Site: "x", Region: "mars"}, Options{}); err == nil {
		t.Error("region mars accepted")
	}
}

// srServer serves n postings of company "ex" in pages, with a detail for
// each; the details of ids in failDetail answer 500.
func srServer(t *testing.T, n int, failDetail map[string]bool) (*httptest.Server, *atomic.Int32) {
	var details atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		const prefix = "/v1/companies/ex/postings"
		switch {
		case r.URL.Path == prefix:
			offset, _ := strconv.Atoi(r.URL.Query().Get("offset"))
			limit, _ := strconv.Atoi(r.URL.Query().Get("limit"))
			content := []map[string]any{}
			for i := offset; i < min(n, offset+limit); i++ {
				content = append(content, map[string]any{
					"id": fmt.Sprint(1000 + i), "name": fmt.Sprintf("Analyst %d", i),
					"company":          map[string]string{"identifier": "ex", "name": "Ex Co"},
					"releasedDate":     "2020-02-06T19:42:44.000Z",
					"location":         map[string]any{"city": "Austin", "country": "us"},
					"typeOfEmployment": map[string]string{"label": "Full-time"},
				})
			}
			json.NewEncoder(w).Encode(map[string]any{"offset": offset, "limit": limit, "totalFound": n, "content": content})
		case strings.HasPrefix(r.URL.Path, prefix+"/"):
			details.Add(1)
			id := strings.TrimPrefix(r.URL.Path, prefix+"/")
			if failDetail[id] {
				http.Error(w, "oops", http.StatusInternalServerError)
				return
			}
			fmt.Fprintf(w, `{"id":%q,"jobAd":{"sections":{"jobDescription":{"title":"Job Description","text":"<p>Job %s</p>"}}}}`, id, id)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv, &details
}

func TestCrawlSmartRecruiters(t *testing.T) {
	zero := 0
	t.Run("paged with details", func(t *testing.T) {
		srv, details := srServer(t, 150, map[string]bool{"1007": true})
		src := config.Source{Name: "sr", Kind: "smartrecruiters", Company: "ex", BaseURL: srv.URL, Retries: &zero}
		st, got, err := collect(t, src, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 149 || details.Load() != 150 {
			t.Fatalf("%d listings, %d detail requests; want 149 (1 detail failed), 150", len(got), details.Load())
		}
		// 2 list pages + 149 details read; 1 detail failed: that posting
		// is kept open, not handed over without its description, and the
		// crawl is still complete.
		if st.PagesFetched != 151 || st.PagesFailed != 1 || len(st.Errors) != 1 || !strings.Contains(st.Errors[0], "1007") ||
			st.Incomplete != "" || !slices.Equal(st.KeepOpen, []string{"1007"}) {
			t.Errorf("stats %+v", st)
		}
		for _, l := range got {
			want := "Job Description\nJob " + l.SourceID
			if l.SourceID == "1007" || l.Description != want || l.Company != "Ex Co" || l.URL != "https://jobs.smartrecruiters.com/ex/"+l.SourceID {
				t.Errorf("listing %s: description %q, company %q, url %q", l.SourceID, l.Description, l.Company, l.URL)
			}
		}
	})
	t.Run("empty", func(t *testing.T) {
		srv, _ := srServer(t, 0, nil)
		src := config.Source{Name: "sr", Kind: "smartrecruiters", Company: "ex", BaseURL: srv.URL}
		st, got, err := collect(t, src, Options{})
		if err != nil || len(got) != 0 || st.PagesEmpty != 1 || st.PagesFetched != 1 {
			t.Errorf("%d listings, stats %+v, err %v", len(got), st, err)
		}
	})
	t.Run("malformed", func(t *testing.T) {
		srv := serve(t, map[string]string{"/v1/companies/ex/postings": `{"totalFound": 3, "content": [`})
		src := config.Source{Name: "sr", Kind: "smartrecruiters", Company: "ex", BaseURL: srv.URL}
		st, _, err := collect(t, src, Options{})
		if err == nil || st.PagesFailed != 1 || len(st.Errors) != 1 {
			t.Errorf("stats %+v, err %v; want a failed page and an error", st, err)
		}
	})
}

func TestNewRequiresKey(t *testing.T) {
	for _, kind := range []string{"greenhouse", "lever", "ashby", "smartrecruiters", "workable", "recruitee", "personio"} {
		if _, err := New(config.Source{Name: "x", Kind: kind}, Options{}); err == nil {
			t.Errorf("%s without its board/site/company/account key: no error", kind)
		}
	}
	if _, err := New(config.Source{Name: "x", Kind: "recruitee", Company: "evil.com/"}, Options{}); err == nil {
		t.Error("recruitee company with a slash accepted")
	}
}
