package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/report"
	"github.com/jobstats/jobstats/stats"
	"github.com/jobstats/jobstats/web"
)

func newServer(t *testing.T, o web.Options) *httptest.Server {
	t.Helper()
	h, err := web.NewServer(o)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

func get(t *testing.T, u string) (*http.Response, string) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func TestServerRoutes(t *testing.T) {
	d := newMemData()
	o := options(d)
	o.Metrics = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "jobstats_up 1\n") })
	srv := newServer(t, o)
	tests := []struct {
		path, ctype, contains string
		code                  int
	}{
		{"/", "text/html", "Salaries by role and market", 200},
		{"/backend-engineer/", "text/html", "Backend Engineer salaries by market", 200},
		{"/backend-engineer/us/", "text/html", "Backend Engineer salaries in the United States", 200},
		{"/backend-engineer/remote-eu/", "text/html", "Remote — EU", 200},
		{"/backend-engineer/unknown/", "text/html", "where the location is unknown", 200},
		{"/backend-engineer/us/?workplace=remote", "text/html", "No opening matches these filters", 200},
		{"/backend-engineer/us/?seniority=senior&posted_since=2026-10-01", "text/html", "levels senior; posted since 2026-10-01", 200},
		{"/backend-engineer/us/?seniority=boss", "text/plain", "unknown level", 400},
		{"/backend-engineer/us/data.json", "application/json", `"schema_version": 2`, 200},
		{"/backend-engineer/us/data.csv", "text/csv", "role,level,openings", 200},
		{"/data.json", "application/json", `"roles"`, 200},
		{"/nobody/", "text/html", "no role nobody", 404},
		{"/backend-engineer/mars/", "text/html", "no page", 404},
		{"/style.css", "text/css", "prefers-color-scheme", 200},
		{"/favicon.svg", "image/svg+xml", "<svg", 200},
		{"/robots.txt", "text/plain", "Disallow: /api/", 200},
		{"/sitemap.xml", "application/xml", "https://salaries.example.com/backend-engineer/gb/", 200},
		{"/healthz", "text/plain", "ok", 200},
		{"/metrics", "", "jobstats_up 1", 200},
		{"/api/v1/report?role=Nobody", "application/json", `"roles": []`, 200},
		{"/api/v1/report?country=Narnia", "application/json", `"error": "country: unknown country or region`, 400},
		{"/api/v1/report?min_openings=0", "application/json", `"error"`, 400},
		{"/api/v1/history?role=Backend+Engineer&country=US", "application/json", `"median": 105000`, 200},
		{"/api/v1/history", "application/json", `role: required`, 400},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			resp, body := get(t, srv.URL+tt.path)
			if resp.StatusCode != tt.code {
				t.Errorf("status %d, want %d:\n%.500s", resp.StatusCode, tt.code, body)
			}
			if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, tt.ctype) {
				t.Errorf("content type %q, want %q", ct, tt.ctype)
			}
			if !strings.Contains(body, tt.contains) {
				t.Errorf("body lacks %q:\n%.2000s", tt.contains, body)
			}
			h := resp.Header
			if h.Get("Content-Security-Policy") != web.CSP || h.Get("X-Content-Type-Options") != "nosniff" ||
				h.Get("Referrer-Policy") != "no-referrer" || h.Get("X-Frame-Options") != "DENY" {
				t.Errorf("security headers missing: %v", h)
			}
		})
	}
}

// TestAPIReportIsTheReport: the API answers the report JSON of the filter
// its query asks for, byte for byte.
func TestAPIReportIsTheReport(t *testing.T) {
	d := newMemData()
	srv := newServer(t, options(d))
	tests := []struct {
		name   string
		query  url.Values
		filter stats.Filter
		min    int
	}{
		{"everything", url.Values{}, stats.Filter{}, 5},
		{"role and country", url.Values{"role": {"Backend Engineer"}, "country": {"US"}}, stats.Filter{Role: "Backend Engineer", Markets: []string{"US"}}, 5},
		{"remote EU group", url.Values{"country": {"remote:EU"}, "remote": {"true"}}, stats.Filter{Markets: []string{"remote:EU"}, Workplace: stats.WorkplaceRemote}, 5},
		{"levels and skills", url.Values{"seniority": {"senior,lead"}, "skill": {"Go"}, "company": {"Acme Cloud", "Globex"}, "min_openings": {"1"}},
			stats.Filter{Seniorities: []jobstats.Seniority{"senior", "lead"}, Skills: []string{"Go"}, Companies: []string{"Acme Cloud", "Globex"}}, 1},
		{"posted since", url.Values{"posted_since": {"30d"}, "workplace": {"onsite"}},
			stats.Filter{PostedSince: now.AddDate(0, 0, -30), Workplace: stats.WorkplaceOnsite}, 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, body := get(t, srv.URL+"/api/v1/report?"+tt.query.Encode())
			sums, _ := d.Summaries(t.Context(), web.Query{Filter: tt.filter, MinOpenings: tt.min})
			var want bytes.Buffer
			report.JSON(&want, sums[0])
			if body != want.String() {
				t.Errorf("API answered\n%.3000s\nwant\n%.3000s", body, want.String())
			}
		})
	}
}

// TestServerCache: with a marker, the data is read once until the marker
// changes.
func TestServerCache(t *testing.T) {
	d := newMemData()
	o := options(d)
	marker := "a"
	o.Marker = func(context.Context) (string, error) { return marker, nil }
	srv := newServer(t, o)
	get(t, srv.URL+"/backend-engineer/us/")
	first := d.calls
	get(t, srv.URL+"/backend-engineer/us/")
	get(t, srv.URL+"/")
	if d.calls != first {
		t.Errorf("%d calls after the first page, want none: the cache holds them", d.calls-first)
	}
	marker = "b"
	get(t, srv.URL+"/backend-engineer/us/")
	if d.calls == first {
		t.Error("a new marker did not read the data again")
	}
}

func TestHealthz(t *testing.T) {
	d := newMemData()
	o := options(d)
	o.Check = func(context.Context) error { return errors.New("database is in use by another jobstats process") }
	srv := newServer(t, o)
	resp, body := get(t, srv.URL+"/healthz")
	if resp.StatusCode != http.StatusServiceUnavailable || !strings.Contains(body, "in use") {
		t.Errorf("healthz: %d %s", resp.StatusCode, body)
	}
}

func TestIsLoopback(t *testing.T) {
	tests := []struct {
		addr string
		want bool
	}{
		{"127.0.0.1:8080", true},
		{"localhost:8080", true},
		{"[::1]:8080", true},
		{":8080", false},
		{"0.0.0.0:8080", false},
		{"192.168.1.5:80", false},
		{"example.com:80", false},
		{"nonsense", false},
	}
	for _, tt := range tests {
		if got := web.IsLoopback(tt.addr); got != tt.want {
			t.Errorf("IsLoopback(%q) = %v, want %v", tt.addr, got, tt.want)
		}
	}
}

func TestServe(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	addr := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- web.Serve(ctx, "127.0.0.1:0", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "hi") }),
			func(a string) { addr <- a })
	}()
	a := <-addr
	if _, body := get(t, "http://"+a+"/"); body != "hi" {
		t.Errorf("body %q", body)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("shutdown: %v", err)
	}
	if err := web.Serve(t.Context(), "256.0.0.1:1", http.NotFoundHandler(), nil); err == nil || !strings.Contains(err.Error(), "listen on") {
		t.Errorf("bad address: %v", err)
	}
}

func TestAPIHistoryJSON(t *testing.T) {
	d := newMemData()
	srv := newServer(t, options(d))
	_, body := get(t, srv.URL+"/api/v1/history?role=Backend+Engineer")
	var pts []web.Point
	if err := json.Unmarshal([]byte(body), &pts); err != nil {
		t.Fatal(err)
	}
	if len(pts) != 4 {
		t.Errorf("%d points, want 4", len(pts))
	}
}

// slowData makes every Summaries call take a while and counts them.
type slowData struct {
	*memData
	mu sync.Mutex
	n  int
}

func (s *slowData) Summaries(ctx context.Context, qs ...web.Query) ([]stats.Summary, error) {
	s.mu.Lock()
	s.n++
	s.mu.Unlock()
	time.Sleep(50 * time.Millisecond)
	return s.memData.Summaries(ctx, qs...)
}

// TestServerCacheSharesWork: requests that arrive together for a page
// wait for one computation instead of each making its own.
func TestServerCacheSharesWork(t *testing.T) {
	d := &slowData{memData: newMemData()}
	o := options(d.memData)
	o.Summaries = d
	o.Marker = func(context.Context) (string, error) { return "same", nil }
	srv := newServer(t, o)
	var wg sync.WaitGroup
	for range 10 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp, err := http.Get(srv.URL + "/backend-engineer/us/")
			if err != nil {
				t.Error(err)
				return
			}
			resp.Body.Close()
			if resp.StatusCode != 200 {
				t.Errorf("status %d", resp.StatusCode)
			}
		}()
	}
	wg.Wait()
	// The report (to find the role), then the role and the page in one batch.
	if d.n != 2 {
		t.Errorf("%d computations for 10 requests of one page, want 2", d.n)
	}
}
