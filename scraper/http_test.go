package scraper

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/config"
)

// fakeClock is a clock that only moves when something sleeps on it.
type fakeClock struct {
	mu     sync.Mutex
	t      time.Time
	sleeps []time.Duration
}

func newFakeClock() *fakeClock {
	return &fakeClock{t: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sleeps = append(c.sleeps, d)
	c.t = c.t.Add(d)
	return ctx.Err()
}

func (c *fakeClock) Sleeps() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]time.Duration(nil), c.sleeps...)
}

// memValidators is an in-memory Validators.
type memValidators struct {
	mu sync.Mutex
	m  map[string][2]string
}

func (v *memValidators) Validator(url string) (string, string) {
	v.mu.Lock()
	defer v.mu.Unlock()
	e := v.m[url]
	return e[0], e[1]
}

func (v *memValidators) SetValidator(url, etag, lastModified string) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.m == nil {
		v.m = make(map[string][2]string)
	}
	v.m[url] = [2]string{etag, lastModified}
}

// testFetcher builds a fetcher with a fake clock, no jitter (it waits the
// full backoff ceiling) and the given source settings.
func testFetcher(t *testing.T, src config.Source, opts Options) (*fetcher, *fakeClock) {
	t.Helper()
	if opts.UserAgent == "" {
		opts.UserAgent = "jobstats-test/1.0"
	}
	f, err := newFetcher(src, opts)
	if err != nil {
		t.Fatalf("newFetcher: %v", err)
	}
	clk := newFakeClock()
	f.t.now = clk.Now
	f.t.sleep = clk.Sleep
	f.t.jitter = func(max time.Duration) time.Duration { return max }
	return f, clk
}

func intp(n int) *int { return &n }

func TestFetcherRetriesThenSucceeds(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) <= 2 {
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return
		}
		fmt.Fprint(w, "ok")
	}))
	defer srv.Close()
	f, clk := testFetcher(t, config.Source{}, Options{})
	body, nm, err := f.get(t.Context(), srv.URL, nil)
	if err != nil || nm || string(body) != "ok" {
		t.Fatalf("get = %q, %v, %v; want ok", body, nm, err)
	}
	if got := calls.Load(); got != 3 {
		t.Errorf("requests = %d, want 3", got)
	}
	// Full-jitter ceiling doubles: 1s, 2s.
	want := []time.Duration{time.Second, 2 * time.Second}
	if got := clk.Sleeps(); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("sleeps = %v, want %v", got, want)
	}
}

func TestFetcherGivesUp(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		http.Error(w, "boom", http.StatusInternalServerError)
	}))
	defer srv.Close()
	f, _ := testFetcher(t, config.Source{Retries: intp(2)}, Options{})
	_, _, err := f.get(t.Context(), srv.URL, nil)
	var se *statusError
	if !errors.As(err, &se) || se.Status != 500 {
		t.Fatalf("err = %v, want a 500 statusError", err)
	}
	if got := calls.Load(); got != 3 {
		t.Errorf("requests = %d, want 3 (1 + 2 retries)", got)
	}
}

func TestFetcherRetryAfter(t *testing.T) {
	tests := []struct {
		name   string
		header func(now time.Time) string
		want   time.Duration
	}{
		{"seconds", func(time.Time) string { return "7" }, 7 * time.Second},
		{"http date", func(now time.Time) string { return now.Add(90 * time.Second).Format(http.TimeFormat) }, 90 * time.Second},
		{"capped", func(time.Time) string { return "86400" }, maxRetryAfter},
		{"garbage falls back to backoff", func(time.Time) string { return "soon" }, time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var calls atomic.Int32
			var f *fetcher
			var clk *fakeClock
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if calls.Add(1) == 1 {
					w.Header().Set("Retry-After", tt.header(clk.Now()))
					w.WriteHeader(http.StatusTooManyRequests)
					return
				}
				fmt.Fprint(w, "ok")
			}))
			defer srv.Close()
			f, clk = testFetcher(t, config.Source{}, Options{})
			if _, _, err := f.get(t.Context(), srv.URL, nil); err != nil {
				t.Fatal(err)
			}
			if got := clk.Sleeps(); len(got) != 1 || got[0] != tt.want {
				t.Errorf("sleeps = %v, want [%v]", got, tt.want)
			}
		})
	}
}

func TestFetcherNoRetryOn404(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprint(w, `{"error":"board not found"}`+strings.Repeat("x", 500))
	}))
	defer srv.Close()
	f, clk := testFetcher(t, config.Source{}, Options{})
	_, _, err := f.get(t.Context(), srv.URL+"/v1/boards/nope/jobs", nil)
	if err == nil {
		t.Fatal("get succeeded, want an error")
	}
	msg := err.Error()
	for _, want := range []string{"404", "board not found", "/v1/boards/nope/jobs"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q does not contain %q", msg, want)
		}
	}
	if strings.Contains(msg, strings.Repeat("x", 200)) {
		t.Errorf("error holds more than 200 bytes of body: %d bytes", len(msg))
	}
	if calls.Load() != 1 || len(clk.Sleeps()) != 0 {
		t.Errorf("requests = %d, sleeps = %v; want 1 request and no sleep", calls.Load(), clk.Sleeps())
	}
}

func TestFetcherSizeCap(t *testing.T) {
	tests := []struct {
		name    string
		size    int
		chunked bool
		wantErr bool
	}{
		{"at cap", 100, false, false},
		{"over cap, content-length", 101, false, true},
		{"over cap, chunked", 5000, true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				body := strings.Repeat("a", tt.size)
				if tt.chunked {
					fmt.Fprint(w, body[:10])
					w.(http.Flusher).Flush()
					fmt.Fprint(w, body[10:])
					return
				}
				w.Header().Set("Content-Length", fmt.Sprint(tt.size))
				fmt.Fprint(w, body)
			}))
			defer srv.Close()
			f, _ := testFetcher(t, config.Source{MaxBodySize: 100}, Options{})
			body, _, err := f.get(t.Context(), srv.URL, nil)
			if tt.wantErr {
				if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "100") {
					t.Errorf("err = %v, want ErrTooLarge naming the 100-byte cap", err)
				}
				return
			}
			if err != nil || len(body) != tt.size {
				t.Errorf("get = %d bytes, %v; want %d bytes", len(body), err, tt.size)
			}
		})
	}
}

func TestFetcherConditional(t *testing.T) {
	const etag = `W/"abc"`
	const lastMod = "Sun, 01 Mar 2026 10:00:00 GMT"
	var gotINM, gotIMS []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gotINM = append(gotINM, r.Header.Get("If-None-Match"))
		gotIMS = append(gotIMS, r.Header.Get("If-Modified-Since"))
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Last-Modified", lastMod)
		fmt.Fprint(w, `{"jobs":[]}`)
	}))
	defer srv.Close()
	vals := &memValidators{}
	f, _ := testFetcher(t, config.Source{}, Options{Validators: vals})

	_, nm, err := f.get(t.Context(), srv.URL, nil)
	if err != nil || nm {
		t.Fatalf("first get = %v, %v; want a 200", nm, err)
	}
	if e, l := vals.Validator(srv.URL); e != etag || l != lastMod {
		t.Fatalf("stored validators = %q, %q", e, l)
	}
	body, nm, err := f.get(t.Context(), srv.URL, nil)
	if err != nil || !nm || body != nil {
		t.Fatalf("second get = %q, %v, %v; want notModified", body, nm, err)
	}
	// Unconditional requests never send validators.
	if _, err := f.getPlain(t.Context(), srv.URL, nil); err != nil {
		t.Fatalf("getPlain: %v", err)
	}
	wantINM := []string{"", etag, ""}
	wantIMS := []string{"", lastMod, ""}
	if fmt.Sprint(gotINM) != fmt.Sprint(wantINM) || fmt.Sprint(gotIMS) != fmt.Sprint(wantIMS) {
		t.Errorf("If-None-Match = %q, If-Modified-Since = %q; want %q, %q", gotINM, gotIMS, wantINM, wantIMS)
	}
	f.forget(srv.URL)
	if e, l := vals.Validator(srv.URL); e != "" || l != "" {
		t.Errorf("after forget: validators = %q, %q", e, l)
	}
}

func TestFetcherRateBudget(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "ok")
	}))
	defer srv.Close()
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "ok")
	}))
	defer other.Close()
	f, clk := testFetcher(t, config.Source{Rate: "2/min"}, Options{})
	var starts []time.Duration
	t0 := clk.Now()
	for _, u := range []string{srv.URL + "/a", srv.URL + "/b", other.URL, srv.URL + "/c"} {
		if _, _, err := f.get(t.Context(), u, nil); err != nil {
			t.Fatal(err)
		}
		starts = append(starts, clk.Now().Sub(t0))
	}
	// Same host spaced 30s apart; the other host (a different port) has its
	// own budget and waits for nothing.
	want := []time.Duration{0, 30 * time.Second, 30 * time.Second, 60 * time.Second}
	if fmt.Sprint(starts) != fmt.Sprint(want) {
		t.Errorf("request times = %v, want %v", starts, want)
	}
}

func TestFetcherHeaders(t *testing.T) {
	var ua, accept, key string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ua, accept, key = r.Header.Get("User-Agent"), r.Header.Get("Accept"), r.Header.Get("api-key")
		fmt.Fprint(w, "ok")
	}))
	defer srv.Close()
	f, _ := testFetcher(t, config.Source{}, Options{UserAgent: "jobstats/0.1 (+https://example.org)"})
	if _, err := f.getPlain(t.Context(), srv.URL, http.Header{"Api-Key": {"s3cret"}}); err != nil {
		t.Fatal(err)
	}
	if ua != "jobstats/0.1 (+https://example.org)" || accept != "*/*" || key != "s3cret" {
		t.Errorf("User-Agent %q, Accept %q, api-key %q", ua, accept, key)
	}
	if _, err := f.getPlain(t.Context(), srv.URL, http.Header{"Accept": {"application/xml"}, "User-Agent": {"spoof"}}); err != nil {
		t.Fatal(err)
	}
	if ua != "jobstats/0.1 (+https://example.org)" || accept != "application/xml" {
		t.Errorf("User-Agent %q (the configured one always wins), Accept %q", ua, accept)
	}
}

func TestFetcherTimeoutRetried(t *testing.T) {
	var calls atomic.Int32
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 1 {
			select {
			case <-release:
			case <-r.Context().Done():
			}
			return
		}
		fmt.Fprint(w, "ok")
	}))
	defer srv.Close()
	defer close(release)
	f, _ := testFetcher(t, config.Source{Timeout: config.Duration(50 * time.Millisecond)}, Options{})
	body, _, err := f.get(t.Context(), srv.URL, nil)
	if err != nil || string(body) != "ok" {
		t.Fatalf("get = %q, %v; want ok after a retry", body, err)
	}
}

func TestFetcherCancelled(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer srv.Close()
	f, _ := testFetcher(t, config.Source{}, Options{})
	ctx, cancel := context.WithCancel(t.Context())
	f.t.sleep = func(context.Context, time.Duration) error { cancel(); return context.Canceled }
	_, _, err := f.get(ctx, srv.URL, nil)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

// TestRatesConfigAccepts checks that every rate config accepts is the
// budget the transport enforces: one parser, no second opinion.
func TestRatesConfigAccepts(t *testing.T) {
	for _, in := range []string{"", "2/min", "1/s", "10/sec", "100/h", "1/5s", "10/d", "500/day", " 3 / minute ", "1/1m30s", "4/hr"} {
		t.Run(in, func(t *testing.T) {
			src := config.Source{Name: "x", Kind: "greenhouse", Board: "b", Rate: in}
			if err := (&config.Config{Database: "x", UserAgent: "x", ReportCurrency: "USD",
				CurrencyRates: jobstats.DefaultRates(), Annualization: jobstats.DefaultAnnualization(),
				PlausibleAnnual: config.DefaultPlausibleAnnual, Sources: []config.Source{src}}).Validate(); err != nil {
				t.Fatalf("config rejects %q: %v", in, err)
			}
			r, _ := config.ParseRate(in)
			f, err := newFetcher(src, Options{})
			if err != nil {
				t.Fatalf("config accepts rate %q, the scraper rejects it: %v", in, err)
			}
			if f.t.pol.Interval != r.Interval() {
				t.Errorf("interval %v, want %v", f.t.pol.Interval, r.Interval())
			}
		})
	}
}

func TestNewFetcherDefaults(t *testing.T) {
	f, err := newFetcher(config.Source{}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	p := f.t.pol
	if p.Parallelism != config.DefaultParallelism || p.Timeout != config.DefaultTimeout || p.MaxBodySize != config.DefaultMaxBodySize ||
		p.Retries != config.DefaultRetries || p.Interval != 0 {
		t.Errorf("defaults: %+v", p)
	}
	f, err = newFetcher(config.Source{Retries: intp(0), Delay: config.Duration(5 * time.Second), Rate: "60/min"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if f.t.pol.Retries != 0 || f.t.pol.Interval != 5*time.Second {
		t.Errorf("retries %d, interval %v; want 0, 5s (delay beats rate)", f.t.pol.Retries, f.t.pol.Interval)
	}
	for _, bad := range []config.Source{{Rate: "fast"}, {Parallelism: -1}, {Retries: intp(-1)}, {MaxBodySize: -5}} {
		if _, err := newFetcher(bad, Options{}); err == nil {
			t.Errorf("newFetcher(%+v) succeeded, want an error", bad)
		}
	}
}

// unresolvable fails every dial with the resolver's "no such host".
type unresolvable struct{ calls atomic.Int32 }

func (u *unresolvable) RoundTrip(r *http.Request) (*http.Response, error) {
	u.calls.Add(1)
	return nil, &net.OpError{Op: "dial", Net: "tcp",
		Err: &net.DNSError{Err: "no such host", Name: r.URL.Hostname(), IsNotFound: true}}
}

func TestFetcherNoRetryWhenHostDoesNotResolve(t *testing.T) {
	rt := &unresolvable{}
	f, clk := testFetcher(t, config.Source{}, Options{Transport: rt})
	_, _, err := f.get(t.Context(), "https://boards.invalid/jobs", nil)
	if err == nil || !strings.Contains(err.Error(), "no such host") {
		t.Fatalf("err = %v, want no such host", err)
	}
	if rt.calls.Load() != 1 || len(clk.Sleeps()) != 0 {
		t.Errorf("requests = %d, sleeps = %v; want 1 request and no retry", rt.calls.Load(), clk.Sleeps())
	}
}

// TestStatusErrorOneLine: the start of an error body goes into the run's
// errors and the crawl's summary line, which are one line each; an HTML
// error page says little beyond its text.
func TestStatusErrorOneLine(t *testing.T) {
	for _, tt := range []struct {
		name, body, want string
	}{
		{"json", `{"error": "board not found"}`, `get https://x.example/a: 404 Not Found: {"error": "board not found"}`},
		{"text over lines", "rate limited\r\n  try again\tlater\n", "get https://x.example/a: 404 Not Found: rate limited try again later"},
		{"html page", "<!DOCTYPE HTML>\n<html lang=\"en\">\n    <head>\n        <title>Error response</title>\n    </head>\n    <body>\n        <h1>Error response</h1>\n        <p>Error code: 404</p>",
			"get https://x.example/a: 404 Not Found: Error response Error response Error code: 404"},
		{"html cut in a tag", "<html><body><p>Gone</p><div class=\"foot", "get https://x.example/a: 404 Not Found: Gone"},
		{"only tags", "<html><body></body></html>", "get https://x.example/a: 404 Not Found"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := &statusError{URL: "https://x.example/a", Status: 404, Body: tt.body}
			if got := err.Error(); got != tt.want {
				t.Errorf("Error() = %q\nwant      %q", got, tt.want)
			}
		})
	}
}
