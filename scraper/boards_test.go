package scraper

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/jobstats/jobstats/config"
)

// boardKinds are the job-board kinds whose board is one response: the
// source config (base_url is appended to the server's URL), the request
// the kind must send, and its fixture.
var boardKinds = []struct {
	kind, base, request, fixture, empty string
	src                                 config.Source
	want                                []string
}{
	{"remoteok", "/api", "/api", "remoteok/api.json", `[{"last_updated":1786400000,"legal":"API Terms of Service"}]`,
		config.Source{}, []string{"Senior Go Engineer", "Customer Support Agent"}},
	// Remotive's terms ask for 2 requests a minute; tests override the rate.
	{"remotive", "/api/remote-jobs", "/api/remote-jobs?category=software-dev&search=go+lang", "remotive/jobs.json", "\ufeff" + `{"job-count":0,"jobs":[]}`,
		config.Source{Category: "software-dev", Search: "go lang", Rate: "100/s"}, []string{"Backend Engineer", "Account Executive", "Online Tutor"}},
	{"jobicy", "/api/v2/remote-jobs", "/api/v2/remote-jobs?count=50&geo=usa&tag=python", "jobicy/jobs.json", `{"jobCount":0,"success":true,"jobs":[]}`,
		config.Source{Tag: "python", Geo: "usa"}, []string{"Senior Software Engineer (Contract)", "Content Marketing Manager, Organic Growth (SEO & AEO)", "Chief of Staff, Emergency Cash (Senior Manager)", "Support Hero"}},
	{"crackeddevs", "/api/get-jobs", "/api/get-jobs", "crackeddevs/jobs.json", `[]`,
		config.Source{APIKeyEnv: "CD_KEY"}, []string{"Full stack Developer", "Frontend Engineer", "Fullstack Engineer(Web3, React, Node)", "Junior Front End Developer"}},
	{"hn", "/api/v1", "/api/v1/items/48990001", "hn/thread.json", `{"id":48990001,"type":"story","title":"Ask HN: Who is hiring? (August 2026)","children":[]}`,
		config.Source{Thread: "48990001"}, []string{"Founding Sr Backend Engineer", "Founding Frontend Engineer / Founding Backend Engineer", "Growth Engineer", "Founding Engineer"}},
}

// testEnv is the environment of the crawl tests: the CrackedDevs key.
func testEnv(name string) string {
	if name == "CD_KEY" {
		return "secret-key"
	}
	return ""
}

// boardServer answers request with body and counts requests; anything
// else is a 404. It insists on the test User-Agent, and on the api-key
// header when key is set.
func boardServer(t *testing.T, request, body, key string, requests *atomic.Int32) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		if r.Header.Get("User-Agent") != "jobstats-test/1.0" {
			http.Error(w, "no user agent", http.StatusForbidden)
			return
		}
		if key != "" && r.Header.Get("api-key") != key {
			http.Error(w, `{"error":"invalid api key"}`, http.StatusUnauthorized)
			return
		}
		if r.URL.RequestURI() != request {
			http.NotFound(w, r)
			return
		}
		fmt.Fprint(w, body)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestCrawlBoards(t *testing.T) {
	for _, k := range boardKinds {
		t.Run(k.kind, func(t *testing.T) {
			key := ""
			if k.kind == "crackeddevs" {
				key = "secret-key"
			}
			for _, tc := range []struct {
				name, body string
				want       []string
			}{
				{"board", string(readFixture(t, strings.Split(k.fixture, "/")...)), k.want},
				{"empty", k.empty, nil},
				{"malformed", `{"jobs": [ {"id": 1,`, nil},
			} {
				t.Run(tc.name, func(t *testing.T) {
					var requests atomic.Int32
					srv := boardServer(t, k.request, tc.body, key, &requests)
					src := k.src
					src.Name, src.Kind, src.BaseURL = "t", k.kind, srv.URL+k.base
					st, got, err := collect(t, src, Options{Env: testEnv})
					if fmt.Sprint(titles(got)) != fmt.Sprint(tc.want) {
						t.Errorf("titles = %q, want %q", titles(got), tc.want)
					}
					if requests.Load() != 1 {
						t.Errorf("%d requests, want 1", requests.Load())
					}
					switch tc.name {
					case "board":
						if err != nil || st.PagesFetched != 1 || st.PagesFailed != 0 || st.Listings != len(tc.want) {
							t.Errorf("stats %+v, err %v", st, err)
						}
						for _, l := range got {
							if l.Source != "t" || l.ID != "t:"+l.SourceID || l.Company == "" || l.URL == "" || l.PostedAt.IsZero() {
								t.Errorf("listing identity: %+v", l)
							}
						}
					case "empty":
						if err != nil || st.PagesEmpty != 1 || st.Listings != 0 || st.PagesFailed != 0 {
							t.Errorf("stats %+v, err %v; want one empty page and no error", st, err)
						}
					case "malformed":
						if err == nil || st.PagesFailed != 1 || len(st.Errors) != 1 || st.Listings != 0 {
							t.Errorf("stats %+v, err %v; want one failed page and an error", st, err)
						}
					}
				})
			}
		})
	}
}

func TestCrawlCrackedDevsKey(t *testing.T) {
	t.Run("missing", func(t *testing.T) {
		var requests atomic.Int32
		srv := boardServer(t, "/api/get-jobs", "[]", "secret-key", &requests)
		src := config.Source{Name: "cd", Kind: "crackeddevs", APIKeyEnv: "CRACKEDDEVS_API_KEY", BaseURL: srv.URL + "/api/get-jobs"}
		st, got, err := collect(t, src, Options{Env: testEnv})
		if err == nil || !strings.Contains(err.Error(), "CRACKEDDEVS_API_KEY") || len(got) != 0 {
			t.Errorf("err = %v, want one naming CRACKEDDEVS_API_KEY", err)
		}
		if requests.Load() != 0 || st.PagesFetched != 0 {
			t.Errorf("%d requests, stats %+v; want none", requests.Load(), st)
		}
	})
	t.Run("rejected", func(t *testing.T) {
		var requests atomic.Int32
		srv := boardServer(t, "/api/get-jobs", "[]", "another-key", &requests)
		src := config.Source{Name: "cd", Kind: "crackeddevs", APIKeyEnv: "CD_KEY", BaseURL: srv.URL + "/api/get-jobs"}
		st, _, err := collect(t, src, Options{Env: testEnv})
		if err == nil || !strings.Contains(err.Error(), "401") || st.PagesFailed != 1 {
			t.Errorf("stats %+v, err %v; want a 401", st, err)
		}
		if strings.Contains(fmt.Sprint(err, st.Errors), "secret-key") {
			t.Errorf("the key leaked into %v %q", err, st.Errors)
		}
	})
	t.Run("no env name", func(t *testing.T) {
		if _, err := New(config.Source{Name: "cd", Kind: "crackeddevs"}, Options{}); err == nil {
			t.Error("New accepted crackeddevs without api_key_env")
		}
	})
}

// TestCrawlBoardNotModified checks that an unchanged one-response board
// costs one 304, and that a paged board's first-page validators are
// dropped once it spans several pages (a 304 on page one would hide
// changes on page two).
func TestCrawlBoardNotModified(t *testing.T) {
	t.Run("one response", func(t *testing.T) {
		var requests atomic.Int32
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			requests.Add(1)
			if r.Header.Get("If-None-Match") == `"v1"` {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			w.Header().Set("ETag", `"v1"`)
			w.Write(readFixture(t, "remoteok", "api.json"))
		}))
		defer srv.Close()
		vals := &memValidators{}
		src := config.Source{Name: "rok", Kind: "remoteok", BaseURL: srv.URL}
		if st, got, err := collect(t, src, Options{Validators: vals}); err != nil || len(got) != 2 || st.NotModified {
			t.Fatalf("first crawl: %+v, %d listings, %v", st, len(got), err)
		}
		st, got, err := collect(t, src, Options{Validators: vals})
		if err != nil || len(got) != 0 || !st.NotModified || st.PagesFetched != 1 || requests.Load() != 2 {
			t.Fatalf("second crawl: %+v, %d listings, %v, %d requests; want NotModified", st, len(got), err, requests.Load())
		}
	})
	t.Run("paged", func(t *testing.T) {
		var conditional atomic.Int32
		pages := map[string]string{"1": string(readFixture(t, "arbeitnow", "page1.json")), "2": string(readFixture(t, "arbeitnow", "page2.json"))}
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Header.Get("If-None-Match") != "" {
				conditional.Add(1)
				w.WriteHeader(http.StatusNotModified)
				return
			}
			w.Header().Set("ETag", `"p"`)
			fmt.Fprint(w, pages[r.URL.Query().Get("page")])
		}))
		defer srv.Close()
		vals := &memValidators{}
		src := config.Source{Name: "an", Kind: "arbeitnow", BaseURL: srv.URL}
		for i := range 2 {
			st, got, err := collect(t, src, Options{Validators: vals})
			if err != nil || len(got) != 4 || st.NotModified || st.PagesFetched != 2 {
				t.Fatalf("crawl %d: %+v, %d listings, %v", i, st, len(got), err)
			}
		}
		if conditional.Load() != 0 {
			t.Errorf("%d conditional requests, want none", conditional.Load())
		}
	})
}
