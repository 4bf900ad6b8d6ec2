package scraper

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/config"
)

// apiKinds are every kind but jsonld and html with the keys it requires; base is
// appended to the test server's URL for base_url.
var apiKinds = []struct {
	kind, base string
	src        config.Source
}{
	{"greenhouse", "", config.Source{Board: "b"}},
	{"lever", "", config.Source{Site: "acme"}},
	{"ashby", "", config.Source{Board: "b"}},
	{"smartrecruiters", "", config.Source{Company: "ex"}},
	{"workable", "", config.Source{Account: "a"}},
	{"recruitee", "", config.Source{Company: "c"}},
	{"personio", "", config.Source{Company: "c"}},
	{"remoteok", "/api", config.Source{}},
	{"remotive", "/api/remote-jobs", config.Source{}},
	{"arbeitnow", "/api/job-board-api", config.Source{}},
	{"himalayas", "/jobs/api", config.Source{}},
	{"jobicy", "/api/v2/remote-jobs", config.Source{}},
	{"crackeddevs", "/api/get-jobs", config.Source{APIKeyEnv: "CD_KEY"}},
	{"hn", "/api/v1", config.Source{}},
	{"workday", "", config.Source{URL: "https://acme.wd1.myworkdayjobs.com/Careers"}},
	{"teamtailor", "", config.Source{Company: "c"}},
	{"comeet", "", config.Source{CompanyUID: "A1.234", TokenEnv: "CD_KEY"}},
	{"rss", "", config.Source{URL: "https://feed.example.test/jobs.rss"}},
	{"workingnomads", "/api/exposed_jobs", config.Source{}},
}

// TestAPIKindsKnown keeps apiKinds in step with the registry.
func TestAPIKindsKnown(t *testing.T) {
	var names []string
	for _, k := range apiKinds {
		names = append(names, k.kind)
	}
	names = append(names, "jsonld", "html")
	slices.Sort(names)
	if !slices.Equal(names, Kinds()) {
		t.Errorf("apiKinds + jsonld + html = %v, Kinds() = %v", names, Kinds())
	}
}

// TestCompletenessIndexFails checks every API kind: when its first index
// page cannot be fetched, the crawl fails, says it is incomplete, and
// keeps nothing open by id (it knows none).
func TestCompletenessIndexFails(t *testing.T) {
	for _, k := range apiKinds {
		t.Run(k.kind, func(t *testing.T) {
			var requests atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				requests.Add(1)
				http.Error(w, "down for maintenance", http.StatusServiceUnavailable)
			}))
			t.Cleanup(srv.Close)
			src := k.src
			src.Name, src.Kind, src.BaseURL, src.Retries = "s", k.kind, srv.URL+k.base, new(1)
			st, got, err := collect(t, src, Options{Env: testEnv, Sleep: noSleep})
			if err == nil || len(got) != 0 {
				t.Errorf("err = %v with %d listings; want the crawl to fail", err, len(got))
			}
			if !strings.HasPrefix(st.Incomplete, "index page 1 failed: ") || !strings.Contains(st.Incomplete, "503") || len(st.KeepOpen) != 0 {
				t.Errorf("Incomplete %q, KeepOpen %q", st.Incomplete, st.KeepOpen)
			}
			if n := requests.Load(); n != 2 {
				t.Errorf("%d requests, want 2 (1 retry)", n)
			}
		})
	}
}

func noSleep(ctx context.Context, _ time.Duration) error { return ctx.Err() }

// TestCompletenessPaged checks the paged kinds: a failed later index page
// and max_pages make the crawl incomplete (without failing it); reading
// the last page makes it complete.
func TestCompletenessPaged(t *testing.T) {
	page1 := string(readFixture(t, "arbeitnow", "page1.json"))
	page2 := string(readFixture(t, "arbeitnow", "page2.json"))
	type result struct {
		listings   int
		incomplete string
	}
	tests := []struct {
		name  string
		crawl func(t *testing.T) (Stats, []jobstats.Listing, error)
		want  result
	}{
		{"arbeitnow whole", func(t *testing.T) (Stats, []jobstats.Listing, error) {
			var req []string
			srv := arbeitnowServer(t, map[string]string{"1": page1, "2": page2}, &req)
			return collect(t, config.Source{Name: "an", Kind: "arbeitnow", BaseURL: srv.URL + "/api/job-board-api"}, Options{})
		}, result{4, ""}},
		{"arbeitnow page 2 missing", func(t *testing.T) (Stats, []jobstats.Listing, error) {
			var req []string
			srv := arbeitnowServer(t, map[string]string{"1": page1}, &req)
			return collect(t, config.Source{Name: "an", Kind: "arbeitnow", BaseURL: srv.URL + "/api/job-board-api"}, Options{})
		}, result{3, "index page 2 failed: get "}},
		{"arbeitnow max_pages", func(t *testing.T) (Stats, []jobstats.Listing, error) {
			var req []string
			srv := arbeitnowServer(t, map[string]string{"1": page1, "2": page2}, &req)
			return collect(t, config.Source{Name: "an", Kind: "arbeitnow", BaseURL: srv.URL + "/api/job-board-api", MaxPages: 1}, Options{})
		}, result{3, "max_pages 1 reached"}},
		{"himalayas malformed page 2", func(t *testing.T) (Stats, []jobstats.Listing, error) {
			var n atomic.Int32
			srv := himalayasServer(t, 45, 20, true, 20, &n)
			return collect(t, config.Source{Name: "him", Kind: "himalayas", BaseURL: srv.URL + "/jobs/api"}, Options{})
		}, result{20, "index page 2 failed: parse himalayas"}},
		{"himalayas max_pages", func(t *testing.T) (Stats, []jobstats.Listing, error) {
			var n atomic.Int32
			srv := himalayasServer(t, 100, 20, true, -1, &n)
			return collect(t, config.Source{Name: "him", Kind: "himalayas", BaseURL: srv.URL + "/jobs/api", MaxPages: 2}, Options{})
		}, result{40, "max_pages 2 reached"}},
		{"lever whole", func(t *testing.T) (Stats, []jobstats.Listing, error) {
			var seen []string
			srv := leverServer(t, 250, -1, &seen)
			return collect(t, config.Source{Name: "lv", Kind: "lever", Site: "acme", BaseURL: srv.URL}, Options{})
		}, result{250, ""}},
		{"lever malformed page 2", func(t *testing.T) (Stats, []jobstats.Listing, error) {
			var seen []string
			srv := leverServer(t, 250, 100, &seen)
			return collect(t, config.Source{Name: "lv", Kind: "lever", Site: "acme", BaseURL: srv.URL}, Options{})
		}, result{100, "index page 2 failed: parse lever"}},
		{"lever max_pages", func(t *testing.T) (Stats, []jobstats.Listing, error) {
			var seen []string
			srv := leverServer(t, 250, -1, &seen)
			return collect(t, config.Source{Name: "lv", Kind: "lever", Site: "acme", BaseURL: srv.URL, MaxPages: 2}, Options{})
		}, result{200, "max_pages 2 reached"}},
		{"smartrecruiters max_pages", func(t *testing.T) (Stats, []jobstats.Listing, error) {
			srv, _ := srServer(t, 150, nil)
			return collect(t, config.Source{Name: "sr", Kind: "smartrecruiters", Company: "ex", BaseURL: srv.URL, MaxPages: 1}, Options{})
		}, result{100, "max_pages 1 reached"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, got, err := tt.crawl(t)
			if err != nil {
				t.Fatalf("err = %v; a crawl that read its first page does not fail", err)
			}
			if len(got) != tt.want.listings {
				t.Errorf("%d listings, want %d", len(got), tt.want.listings)
			}
			if tt.want.incomplete == "" && st.Incomplete != "" || !strings.HasPrefix(st.Incomplete, tt.want.incomplete) {
				t.Errorf("Incomplete = %q, want %q...", st.Incomplete, tt.want.incomplete)
			}
		})
	}
}

// TestCompletenessSkippedPostings checks that a posting the parser could
// not use is reported but neither kept open (it may never become
// readable, and an unknown KeepOpen id blocks closing) nor makes the crawl
// incomplete.
func TestCompletenessSkippedPostings(t *testing.T) {
	srv := serve(t, map[string]string{
		"/v1/boards/b/jobs?content=true&pay_transparency=true": `{"jobs":[` +
			`{"id":1,"title":"Engineer","absolute_url":"https://x.test/1"},` +
			`{"id":2,"title":""},{"id":3,"title":"Analyst"},{"title":"no id"}]}`,
	})
	st, got, err := collect(t, config.Source{Name: "gh", Kind: "greenhouse", Board: "b", BaseURL: srv.URL}, Options{})
	if err != nil || len(got) != 2 {
		t.Fatalf("%d listings, err %v; want 2", len(got), err)
	}
	if st.Incomplete != "" || len(st.KeepOpen) != 0 || len(st.Errors) != 2 {
		t.Errorf("Incomplete %q, KeepOpen %q, errors %q; want complete, nothing kept open, 2 errors", st.Incomplete, st.KeepOpen, st.Errors)
	}
}

// TestCompletenessCancelled checks that a cancelled crawl says so.
func TestCompletenessCancelled(t *testing.T) {
	var seen []string
	srv := leverServer(t, 250, -1, &seen)
	s, err := New(config.Source{Name: "lv", Kind: "lever", Site: "acme", BaseURL: srv.URL}, Options{UserAgent: "jobstats-test/1.0"})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	st, err := s.Crawl(ctx, func(context.Context, []jobstats.Listing) error { cancel(); return nil })
	if err == nil || !strings.HasPrefix(st.Incomplete, "cancelled") {
		t.Errorf("err %v, Incomplete %q; want cancelled", err, st.Incomplete)
	}
}

// TestCompletenessNotModified checks that a 304 is a complete crawl: the
// caller keeps everything open because nothing changed.
func TestCompletenessNotModified(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		fmt.Fprint(w, `{"jobs":[{"id":1,"title":"Engineer"}]}`)
	}))
	t.Cleanup(srv.Close)
	vals := &memValidators{}
	src := config.Source{Name: "gh", Kind: "greenhouse", Board: "b", BaseURL: srv.URL}
	if _, _, err := collect(t, src, Options{Validators: vals}); err != nil {
		t.Fatal(err)
	}
	st, got, err := collect(t, src, Options{Validators: vals})
	if err != nil || len(got) != 0 || !st.NotModified || st.Incomplete != "" {
		t.Errorf("second crawl: %d listings, %+v, %v; want a complete 304", len(got), st, err)
	}
}

// TestCompletenessTimedOut checks that a crawl cut by its deadline says so,
// for an API kind and for jsonld.
func TestCompletenessTimedOut(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		<-r.Context().Done()
	}))
	t.Cleanup(srv.Close)
	for _, src := range []config.Source{
		{Name: "gh", Kind: "greenhouse", Board: "b", BaseURL: srv.URL},
		{Name: "site", Kind: "jsonld", StartURLs: []string{srv.URL + "/jobs"}},
	} {
		t.Run(src.Kind, func(t *testing.T) {
			s, err := New(src, Options{UserAgent: "jobstats-test/1.0"})
			if err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
			defer cancel()
			st, err := s.Crawl(ctx, func(context.Context, []jobstats.Listing) error { return nil })
			if err == nil || !strings.HasPrefix(st.Incomplete, "timed out: ") {
				t.Errorf("err %v, Incomplete %q; want timed out", err, st.Incomplete)
			}
		})
	}
}

// TestCompletenessDetailFailures checks smartrecruiters detail pages: one
// that answers 503 keeps its posting open; one that answers 404 says the
// posting is gone; neither is handed over, and the crawl stays complete.
func TestCompletenessDetailFailures(t *testing.T) {
	const prefix = "/v1/companies/ex/postings"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case prefix:
			fmt.Fprint(w, `{"totalFound":3,"content":[{"id":"1","name":"A"},{"id":"2","name":"B"},{"id":"3","name":"C"}]}`)
		case prefix + "/1":
			fmt.Fprint(w, `{"id":"1","jobAd":{"sections":{}}}`)
		case prefix + "/2":
			http.Error(w, "busy", http.StatusServiceUnavailable)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	st, got, err := collect(t, config.Source{Name: "sr", Kind: "smartrecruiters", Company: "ex", BaseURL: srv.URL, Retries: new(0)}, Options{})
	if err != nil || len(got) != 1 || got[0].SourceID != "1" {
		t.Fatalf("%d listings, err %v", len(got), err)
	}
	if st.Incomplete != "" || !slices.Equal(st.KeepOpen, []string{"2"}) || st.PagesFailed != 2 {
		t.Errorf("stats %+v; want complete, KeepOpen [2], 2 failed", st)
	}
}
