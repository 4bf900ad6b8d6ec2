package scraper

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jobstats/jobstats/config"
)

// The hostile-server suite: servers that fail, throttle, stall, reset,
// truncate, redirect where they should not and send bodies too large,
// against the jsonld kind (colly on the politeness transport) and an API
// kind (greenhouse on the fetcher). Time is a fake clock that moves only
// when the code under test sleeps, so backoff, Retry-After and rate
// waits cost nothing and every request time is exact.

// hostile is a test server whose routes know how often they were asked.
type hostile struct {
	clk    *fakeClock
	t0     time.Time
	mu     sync.Mutex
	stamps map[string][]time.Duration // request URI → times since t0
	routes map[string]hostileRoute    // request URI, else path → handler
	srv    *httptest.Server
}

// hostileRoute answers the attempt-th request (0-based) of its URL.
type hostileRoute func(w http.ResponseWriter, r *http.Request, attempt int)

func newHostile(t *testing.T, routes map[string]hostileRoute) *hostile {
	clk := newFakeClock()
	h := &hostile{clk: clk, t0: clk.Now(), stamps: map[string][]time.Duration{}, routes: routes}
	h.srv = httptest.NewServer(h)
	t.Cleanup(h.srv.Close)
	return h
}

func (h *hostile) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	uri := r.URL.RequestURI()
	h.mu.Lock()
	attempt := len(h.stamps[uri])
	h.stamps[uri] = append(h.stamps[uri], h.clk.Now().Sub(h.t0))
	route, ok := h.routes[uri]
	if !ok {
		route, ok = h.routes[r.URL.Path]
	}
	h.mu.Unlock()
	if !ok {
		http.NotFound(w, r)
		return
	}
	route(w, r, attempt)
}

// times returns when uri was requested, relative to the start.
func (h *hostile) times(uri string) []time.Duration {
	h.mu.Lock()
	defer h.mu.Unlock()
	return slices.Clone(h.stamps[uri])
}

func (h *hostile) opts() Options {
	return Options{UserAgent: "jobstats-test/1.0", Now: h.clk.Now, Sleep: h.clk.Sleep,
		jitter: func(max time.Duration) time.Duration { return max }}
}

// page answers a page of HTML.
func page(body string) hostileRoute {
	return func(w http.ResponseWriter, _ *http.Request, _ int) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, body)
	}
}

// jobHTML is a job page with a JobPosting whose identifier is J-id, and
// links.
func jobHTML(id string, links ...string) string {
	var a strings.Builder
	for _, l := range links {
		fmt.Fprintf(&a, `<a href="%s">next</a>`, l)
	}
	return fmt.Sprintf(`<html><head><script type="application/ld+json">{"@context":"https://schema.org","@type":"JobPosting",`+
		`"title":"Engineer %s","identifier":{"@type":"PropertyValue","value":"J-%s"},"hiringOrganization":{"name":"Acme"}}</script>`+
		`</head><body>%s</body></html>`, id, id, a.String())
}

// indexHTML is a page of links.
func indexHTML(links ...string) string {
	var a strings.Builder
	a.WriteString("<html><body>")
	for _, l := range links {
		fmt.Fprintf(&a, `<a href="%s">x</a>`, l)
	}
	a.WriteString("</body></html>")
	return a.String()
}

// failFirst answers the first n attempts with fail and then with ok.
func failFirst(n int, fail, ok hostileRoute) hostileRoute {
	return func(w http.ResponseWriter, r *http.Request, attempt int) {
		if attempt < n {
			fail(w, r, attempt)
			return
		}
		ok(w, r, attempt)
	}
}

func status(code int, header ...string) hostileRoute {
	return func(w http.ResponseWriter, _ *http.Request, _ int) {
		for i := 0; i+1 < len(header); i += 2 {
			w.Header().Set(header[i], header[i+1])
		}
		http.Error(w, http.StatusText(code), code)
	}
}

// stall answers nothing until the client gives up.
func stall(w http.ResponseWriter, r *http.Request, _ int) { <-r.Context().Done() }

// reset closes the connection with a TCP RST before answering.
func reset(w http.ResponseWriter, _ *http.Request, _ int) {
	conn, _, err := w.(http.Hijacker).Hijack()
	if err != nil {
		panic(err)
	}
	if tc, ok := conn.(*net.TCPConn); ok {
		_ = tc.SetLinger(0)
	}
	conn.Close()
}

// truncate promises 1000 bytes, sends 100 and hangs up.
func truncate(w http.ResponseWriter, _ *http.Request, _ int) {
	conn, buf, err := w.(http.Hijacker).Hijack()
	if err != nil {
		panic(err)
	}
	fmt.Fprintf(buf, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 1000\r\n\r\n%s", strings.Repeat("x", 100))
	buf.Flush()
	conn.Close()
}

// gzipBomb returns a gzip stream of n MiB of zeros: concatenated members
// of 1 MiB each, about 1 KiB compressed per MiB.
func gzipBomb(t testing.TB, mib int) []byte {
	t.Helper()
	var member bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&member, gzip.BestCompression)
	zw.Write(make([]byte, 1<<20))
	zw.Close()
	return bytes.Repeat(member.Bytes(), mib)
}

// gzipped answers body with Content-Encoding: gzip whatever was asked.
func gzipped(ctype string, body []byte) hostileRoute {
	return func(w http.ResponseWriter, _ *http.Request, _ int) {
		w.Header().Set("Content-Type", ctype)
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(body)
	}
}

// jsonldSrc is a jsonld source starting at /start on h, following /job/,
// /redir and /private/ links.
func (h *hostile) jsonldSrc() config.Source {
	return config.Source{Name: "site", Kind: "jsonld", StartURLs: []string{h.srv.URL + "/start"},
		Follow: []string{`/job/`, `/redir`, `/private/`}}
}

// crawlAll runs src with opts and returns the stats, the sorted SourceIDs
// stored and the error.
func crawlAll(t *testing.T, src config.Source, opts Options) (Stats, []string, error) {
	t.Helper()
	st, got, err := collect(t, src, opts)
	var ids []string
	for _, l := range got {
		ids = append(ids, l.SourceID)
	}
	slices.Sort(ids)
	return st, ids, err
}

const robotsPrivate = "User-agent: *\nDisallow: /private/\n"

func robots(body string) hostileRoute {
	return func(w http.ResponseWriter, _ *http.Request, _ int) {
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprint(w, body)
	}
}

// TestHostileJSONLDRetries is the case that made issue 11: 5 pages that
// answer 503 and then 200, and 3 that answer 429 with Retry-After: 2, are
// all stored, each after exactly one retry, the 429s not before 2 s.
func TestHostileJSONLDRetries(t *testing.T) {
	routes := map[string]hostileRoute{"/robots.txt": robots(robotsPrivate)}
	var links, want []string
	for i := 1; i <= 8; i++ {
		p := fmt.Sprintf("/job/%d", i)
		links = append(links, p)
		want = append(want, fmt.Sprintf("J-%d", i))
		if i <= 5 {
			routes[p] = failFirst(1, status(503), page(jobHTML(fmt.Sprint(i))))
		} else {
			routes[p] = failFirst(1, status(429, "Retry-After", "2"), page(jobHTML(fmt.Sprint(i))))
		}
	}
	routes["/start"] = page(indexHTML(links...))
	h := newHostile(t, routes)
	st, ids, err := crawlAll(t, h.jsonldSrc(), h.opts())
	if err != nil || !slices.Equal(ids, want) {
		t.Fatalf("stored %q, err %v; want %q", ids, err, want)
	}
	for i := 1; i <= 8; i++ {
		ts := h.times(fmt.Sprintf("/job/%d", i))
		if len(ts) != 2 {
			t.Errorf("/job/%d requested %d times, want 2", i, len(ts))
		} else if i > 5 && ts[1]-ts[0] < 2*time.Second {
			t.Errorf("/job/%d retried after %v, before its Retry-After of 2s", i, ts[1]-ts[0])
		}
	}
	if st.PagesFailed != 0 || st.Incomplete != "" || len(st.KeepOpen) != 0 || st.Listings != 8 {
		t.Errorf("stats %+v", st)
	}
}

// TestHostileJSONLDTimes asserts exact request times on a site read one
// page at a time: a 429 with Retry-After: 2 is retried at +2.00 s, one
// with an HTTP date 3 s ahead at +3.00 s, a 503 without Retry-After after
// the 1 s backoff ceiling (jitter pinned to its maximum).
func TestHostileJSONLDTimes(t *testing.T) {
	var h *hostile
	h = newHostile(t, map[string]hostileRoute{
		"/robots.txt": robots(robotsPrivate),
		"/start":      page(indexHTML("/job/1")),
		"/job/1":      failFirst(1, status(429, "Retry-After", "2"), page(jobHTML("1", "/job/2"))),
		"/job/2": failFirst(1, func(w http.ResponseWriter, r *http.Request, n int) {
			status(429, "Retry-After", h.clk.Now().Add(3*time.Second).Format(http.TimeFormat))(w, r, n)
		}, page(jobHTML("2", "/job/3"))),
		"/job/3": failFirst(1, status(503), page(jobHTML("3"))),
	})
	src := h.jsonldSrc()
	src.Parallelism = 1
	_, ids, err := crawlAll(t, src, h.opts())
	if err != nil || len(ids) != 3 {
		t.Fatalf("stored %q, err %v", ids, err)
	}
	s := time.Second
	for uri, want := range map[string][]time.Duration{
		"/robots.txt": {0}, "/start": {0}, "/job/1": {0, 2 * s}, "/job/2": {2 * s, 5 * s}, "/job/3": {5 * s, 6 * s},
	} {
		if got := h.times(uri); !slices.Equal(got, want) {
			t.Errorf("%s requested at %v, want %v", uri, got, want)
		}
	}
}

// TestHostileJSONLDRate checks the spacing of request starts per host:
// rate alone, and robots.txt's Crawl-delay as a floor under it.
func TestHostileJSONLDRate(t *testing.T) {
	s, ms := time.Second, time.Millisecond
	tests := []struct {
		name, robots, rate string
		want               []time.Duration // robots, start, job 1, job 2, job 3
	}{
		{"rate 1/s", robotsPrivate, "1/s", []time.Duration{0, 1 * s, 2 * s, 3 * s, 4 * s}},
		{"rate 1/5s", robotsPrivate, "1/5s", []time.Duration{0, 5 * s, 10 * s, 15 * s, 20 * s}},
		{"crawl-delay over rate", "User-agent: *\nCrawl-delay: 3\n", "1/s", []time.Duration{0, 3 * s, 6 * s, 9 * s, 12 * s}},
		// robots.txt takes 800 ms to answer: the next start is a whole
		// Crawl-delay after its answer, not after 800 ms at the rate's pace.
		{"crawl-delay over rate, slow robots.txt", "User-agent: *\nCrawl-delay: 3\n", "1/s", []time.Duration{0, 3800 * ms, 6800 * ms, 9800 * ms, 12800 * ms}},
		{"crawl-delay, no rate", "User-agent: *\nCrawl-delay: 3\n", "", []time.Duration{0, 3 * s, 6 * s, 9 * s, 12 * s}},
		{"crawl-delay for another bot", "User-agent: otherbot\nCrawl-delay: 30\n", "", []time.Duration{0, 0, 0, 0, 0}},
		{"crawl-delay under rate", "User-agent: *\nCrawl-delay: 0.5\n", "1/2s", []time.Duration{0, 2 * s, 4 * s, 6 * s, 8 * s}},
		{"no rate, no wait", robotsPrivate, "", []time.Duration{0, 0, 0, 0, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var h *hostile
			h = newHostile(t, map[string]hostileRoute{
				"/robots.txt": func(w http.ResponseWriter, r *http.Request, n int) {
					if strings.HasSuffix(tt.name, "slow robots.txt") {
						h.clk.Sleep(r.Context(), 800*ms)
					}
					robots(tt.robots)(w, r, n)
				},
				"/start": page(indexHTML("/job/1")),
				"/job/1": page(jobHTML("1", "/job/2")),
				"/job/2": page(jobHTML("2", "/job/3")),
				"/job/3": page(jobHTML("3")),
			})
			src := h.jsonldSrc()
			src.Rate = tt.rate
			if _, ids, err := crawlAll(t, src, h.opts()); err != nil || len(ids) != 3 {
				t.Fatalf("stored %q, err %v", ids, err)
			}
			var got []time.Duration
			for _, uri := range []string{"/robots.txt", "/start", "/job/1", "/job/2", "/job/3"} {
				got = append(got, h.times(uri)...)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("requests at %v, want %v", got, tt.want)
			}
		})
	}
}

// TestHostileJSONLDFaults checks stalls, resets and truncated bodies
// (each retried once and stored) and what is never fetched: a redirect
// into a path robots.txt disallows and one off the allowed domains.
func TestHostileJSONLDFaults(t *testing.T) {
	var h *hostile
	h = newHostile(t, map[string]hostileRoute{
		"/robots.txt": robots(robotsPrivate),
		"/start":      page(indexHTML("/job/slow", "/job/reset", "/job/trunc", "/redir-private", "/redir-off", "/job/ok")),
		"/job/slow":   failFirst(1, stall, page(jobHTML("slow"))),
		"/job/reset":  failFirst(1, reset, page(jobHTML("reset"))),
		"/job/trunc":  failFirst(1, truncate, page(jobHTML("trunc"))),
		"/job/ok":     page(jobHTML("ok")),
		"/redir-private": func(w http.ResponseWriter, r *http.Request, _ int) {
			http.Redirect(w, r, "/private/job/1", http.StatusFound)
		},
		"/redir-off": func(w http.ResponseWriter, r *http.Request, _ int) {
			http.Redirect(w, r, strings.Replace(h.srv.URL, "127.0.0.1", "localhost", 1)+"/job/off", http.StatusFound)
		},
		"/private/job/1": page(jobHTML("private")),
		"/job/off":       page(jobHTML("off")),
	})
	src := h.jsonldSrc()
	src.Timeout = config.Duration(100 * time.Millisecond)
	st, ids, err := crawlAll(t, src, h.opts())
	want := []string{"J-ok", "J-reset", "J-slow", "J-trunc"}
	if err != nil || !slices.Equal(ids, want) {
		t.Fatalf("stored %q, err %v; want %q", ids, err, want)
	}
	for _, uri := range []string{"/private/job/1", "/job/off"} {
		if n := len(h.times(uri)); n != 0 {
			t.Errorf("%s requested %d times despite robots.txt / allowed_domains", uri, n)
		}
	}
	for _, uri := range []string{"/job/slow", "/job/trunc"} {
		if n := len(h.times(uri)); n != 2 {
			t.Errorf("%s requested %d times, want 2", uri, n)
		}
	}
	// Refused redirects are not failures of the site.
	if st.PagesFailed != 0 || st.Incomplete != "" || len(st.KeepOpen) != 0 {
		t.Errorf("stats %+v", st)
	}
}

// TestHostileJSONLDBodies checks the size cap: a declared Content-Length
// over it fails before the body is read, an undeclared body and a gzip
// bomb are cut at max_body_size decoded bytes. Each such page fails and
// the crawl goes on.
func TestHostileJSONLDBodies(t *testing.T) {
	bomb := gzipBomb(t, 1024) // 1 GiB of zeros, about 1 MB on the wire
	h := newHostile(t, map[string]hostileRoute{
		"/robots.txt": robots(robotsPrivate),
		"/start":      page(indexHTML("/job/declared", "/job/chunked", "/job/bomb", "/job/ok")),
		"/job/declared": func(w http.ResponseWriter, _ *http.Request, _ int) {
			w.Header().Set("Content-Length", fmt.Sprint(64<<20))
			w.Write(make([]byte, 1<<20)) // then hang up: the client must not wait for the rest
		},
		"/job/chunked": func(w http.ResponseWriter, _ *http.Request, _ int) {
			for range 8 {
				w.Write(bytes.Repeat([]byte("<p>x</p>"), 1<<16))
				w.(http.Flusher).Flush()
			}
		},
		"/job/bomb": gzipped("text/html", bomb),
		"/job/ok":   page(jobHTML("ok")),
	})
	src := h.jsonldSrc()
	src.MaxBodySize = 1 << 20
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	st, ids, err := crawlAll(t, src, h.opts())
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	if err != nil || !slices.Equal(ids, []string{"J-ok"}) {
		t.Fatalf("stored %q, err %v", ids, err)
	}
	// A page over the cap will not become readable: it is not kept open
	// (an unknown KeepOpen entry would make every crawl incomplete).
	if len(st.KeepOpen) != 0 {
		t.Errorf("KeepOpen %q, want none", st.KeepOpen)
	}
	joined := strings.Join(st.Errors, "\n")
	for _, s := range []string{"/job/declared: response larger than max_body_size (Content-Length 67108864", "/job/chunked: response larger than max_body_size (more than 1048576", "/job/bomb: response larger than max_body_size (more than 1048576"} {
		if !strings.Contains(joined, s) {
			t.Errorf("errors %q lack %q", st.Errors, s)
		}
	}
	if st.PagesFailed != 3 || st.Incomplete != "" {
		t.Errorf("stats %+v", st)
	}
	if n := len(h.times("/job/bomb")); n != 1 {
		t.Errorf("the bomb was requested %d times: a page over the cap is not retried", n)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 64<<20 {
		t.Errorf("the crawl allocated %d MiB for 1 MiB caps", alloc>>20)
	}
}

// TestHostileRobots checks robots.txt itself: larger than 500 KiB (rules
// past that are ignored), a gzip bomb (read no further than 500 KiB,
// quickly), 5xx (nothing fetched and the crawl fails), 404 (all allowed),
// and a file with lines it cannot read (the rest still applies).
func TestHostileRobots(t *testing.T) {
	huge := "User-agent: *\nDisallow: /job/2\n" + strings.Repeat("# padding padding padding padding padding\n", 20000) + "Disallow: /job/3\n"
	tests := []struct {
		name   string
		robots hostileRoute
		stored []string
		err    string
	}{
		{"huge: rules past 500 KiB ignored", robots(huge), []string{"J-1", "J-3"}, ""},
		{"gzip bomb", gzipped("text/plain", gzipBomb(t, 2048)), []string{"J-1", "J-2", "J-3"}, ""},
		{"5xx: nothing fetched", status(503), nil, "robots.txt of 127.0.0.1"},
		{"404: all allowed", status(404), []string{"J-1", "J-2", "J-3"}, ""},
		{"garbage lines tolerated", robots("User-agent: *\n\x00\xff garbage\nDisallow /nocolon\nCrawl-delay: soon\nDisallow: /job/1\n"), []string{"J-2", "J-3"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHostile(t, map[string]hostileRoute{
				"/robots.txt": tt.robots,
				"/start":      page(indexHTML("/job/1", "/job/2", "/job/3")),
				"/job/1":      page(jobHTML("1")),
				"/job/2":      page(jobHTML("2")),
				"/job/3":      page(jobHTML("3")),
			})
			src := h.jsonldSrc()
			src.Retries = new(1)
			start := time.Now()
			st, ids, err := crawlAll(t, src, h.opts())
			if took := time.Since(start); took > 5*time.Second {
				t.Errorf("the crawl took %v", took)
			}
			if !slices.Equal(ids, tt.stored) {
				t.Errorf("stored %q, want %q", ids, tt.stored)
			}
			if tt.err == "" && err != nil || tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)) {
				t.Errorf("err = %v, want %q", err, tt.err)
			}
			if tt.err != "" && !strings.HasPrefix(st.Incomplete, "start page failed") {
				t.Errorf("Incomplete = %q", st.Incomplete)
			}
			if n := len(h.times("/robots.txt")); tt.err == "" && n != 1 {
				t.Errorf("robots.txt fetched %d times, want once per crawl", n)
			}
		})
	}
}

// greenhouseOn is a greenhouse source whose board answers route.
func greenhouseOn(t *testing.T, route hostileRoute) (*hostile, config.Source) {
	h := newHostile(t, map[string]hostileRoute{"/v1/boards/b/jobs": route})
	return h, config.Source{Name: "gh", Kind: "greenhouse", Board: "b", BaseURL: h.srv.URL}
}

const ghBody = `{"jobs":[{"id":1,"title":"Engineer"},{"id":2,"title":"Analyst"}]}`

func ghOK(w http.ResponseWriter, _ *http.Request, _ int) { fmt.Fprint(w, ghBody) }

const ghURI = "/v1/boards/b/jobs?content=true&pay_transparency=true"

// TestHostileAPIRetries asserts the request times of an API kind: 5xx
// twice then OK (backoff 1 s, 2 s), 429 with Retry-After in seconds and as
// a date, stalls, resets and truncated bodies.
func TestHostileAPIRetries(t *testing.T) {
	s := time.Second
	var clkNow func() time.Time
	tests := []struct {
		name  string
		route hostileRoute
		want  []time.Duration
	}{
		{"503, 500, ok", func(w http.ResponseWriter, r *http.Request, n int) {
			[]hostileRoute{status(503), status(500), ghOK}[min(n, 2)](w, r, n)
		}, []time.Duration{0, 1 * s, 3 * s}},
		{"429 Retry-After seconds", failFirst(1, status(429, "Retry-After", "2"), ghOK), []time.Duration{0, 2 * s}},
		{"503 Retry-After date", failFirst(1, func(w http.ResponseWriter, r *http.Request, n int) {
			status(503, "Retry-After", clkNow().Add(7*time.Second).Format(http.TimeFormat))(w, r, n)
		}, ghOK), []time.Duration{0, 7 * s}},
		{"Retry-After capped at 5 minutes", failFirst(1, status(429, "Retry-After", "86400"), ghOK), []time.Duration{0, 5 * time.Minute}},
		{"stall", failFirst(1, stall, ghOK), []time.Duration{0, 1 * s}},
		{"reset", failFirst(1, reset, ghOK), nil},
		{"truncated", failFirst(1, truncate, ghOK), []time.Duration{0, 1 * s}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, src := greenhouseOn(t, tt.route)
			clkNow = h.clk.Now
			src.Timeout = config.Duration(100 * time.Millisecond)
			st, ids, err := crawlAll(t, src, h.opts())
			if err != nil || !slices.Equal(ids, []string{"1", "2"}) || st.Incomplete != "" || st.PagesFailed != 0 {
				t.Fatalf("stored %q, stats %+v, err %v", ids, st, err)
			}
			got := h.times(ghURI)
			if tt.want == nil { // a reset may be retried by net/http itself first
				if len(got) < 2 {
					t.Errorf("requested at %v, want a retry", got)
				}
				return
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("requested at %v, want %v", got, tt.want)
			}
		})
	}
}

// TestHostileAPIGivesUp checks that retries end: the crawl fails with the
// last status, after 1+retries requests.
func TestHostileAPIGivesUp(t *testing.T) {
	h, src := greenhouseOn(t, status(503))
	st, _, err := crawlAll(t, src, h.opts())
	if err == nil || !strings.Contains(err.Error(), "503 Service Unavailable") || !strings.Contains(err.Error(), "gave up after 4 attempts") {
		t.Errorf("err = %v", err)
	}
	if got, want := h.times(ghURI), []time.Duration{0, 1 * time.Second, 3 * time.Second, 7 * time.Second}; !slices.Equal(got, want) {
		t.Errorf("requested at %v, want %v", got, want)
	}
	if !strings.HasPrefix(st.Incomplete, "index page 1 failed") {
		t.Errorf("Incomplete = %q", st.Incomplete)
	}
}

// TestHostileAPIBodies checks the size cap of an API kind: declared,
// undeclared, a gzip bomb decoded by net/http, and one sent to a client
// that did not ask for gzip (decoded by the transport, capped too).
func TestHostileAPIBodies(t *testing.T) {
	bomb := gzipBomb(t, 1024)
	tests := []struct {
		name  string
		route hostileRoute
		base  http.RoundTripper
		want  string
	}{
		{"declared", func(w http.ResponseWriter, _ *http.Request, _ int) {
			w.Header().Set("Content-Length", fmt.Sprint(1<<30))
			w.Write([]byte(`{"jobs":[`))
		}, nil, "Content-Length 1073741824"},
		{"undeclared", func(w http.ResponseWriter, _ *http.Request, _ int) {
			w.Write([]byte(`{"jobs":[`))
			for range 20 {
				w.Write(bytes.Repeat([]byte(`{"id":1,"title":"x"},`), 1<<12))
				w.(http.Flusher).Flush()
			}
		}, nil, "more than 1048576 bytes"},
		{"gzip bomb", gzipped("application/json", bomb), nil, "more than 1048576 bytes"},
		{"gzip bomb unasked", gzipped("application/json", bomb), &http.Transport{DisableCompression: true}, "more than 1048576 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, src := greenhouseOn(t, tt.route)
			src.MaxBodySize = 1 << 20
			opts := h.opts()
			opts.Transport = tt.base
			start := time.Now()
			_, _, err := crawlAll(t, src, opts)
			if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want ErrTooLarge with %q", err, tt.want)
			}
			if n := len(h.times(ghURI)); n != 1 {
				t.Errorf("requested %d times; a body over the cap is not retried", n)
			}
			if took := time.Since(start); took > 5*time.Second {
				t.Errorf("took %v", took)
			}
		})
	}
}

// TestHostileAPIRedirects checks that an API kind follows a redirect and
// stops a loop.
func TestHostileAPIRedirects(t *testing.T) {
	h := newHostile(t, map[string]hostileRoute{
		"/v1/boards/b/jobs": func(w http.ResponseWriter, r *http.Request, _ int) {
			http.Redirect(w, r, "/moved", http.StatusMovedPermanently)
		},
		"/moved": ghOK,
		"/v1/boards/loop/jobs": func(w http.ResponseWriter, r *http.Request, _ int) {
			http.Redirect(w, r, r.URL.RequestURI(), http.StatusFound)
		},
	})
	_, ids, err := crawlAll(t, config.Source{Name: "gh", Kind: "greenhouse", Board: "b", BaseURL: h.srv.URL}, h.opts())
	if err != nil || len(ids) != 2 {
		t.Errorf("moved board: %q, %v", ids, err)
	}
	_, _, err = crawlAll(t, config.Source{Name: "gh", Kind: "greenhouse", Board: "loop", BaseURL: h.srv.URL}, h.opts())
	if err == nil || !strings.Contains(err.Error(), "stopped after 10 redirects") {
		t.Errorf("loop: err = %v", err)
	}
}

// BenchmarkTransport measures the politeness layer on a fast server with
// no rate set: what a request costs beyond net/http.
func BenchmarkTransport(b *testing.B) {
	body := bytes.Repeat([]byte("x"), 20<<10)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.Write(body) }))
	defer srv.Close()
	for _, polite := range []bool{false, true} {
		b.Run(fmt.Sprintf("polite=%v", polite), func(b *testing.B) {
			var rt http.RoundTripper = http.DefaultTransport
			if polite {
				t, err := newPoliteTransport(config.Source{Parallelism: 16}, Options{UserAgent: "x"}, politeOptions{})
				if err != nil {
					b.Fatal(err)
				}
				rt = t
			}
			client := &http.Client{Transport: rt}
			b.ReportAllocs()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					req, _ := http.NewRequestWithContext(context.Background(), http.MethodGet, srv.URL, nil)
					req.Header.Set("User-Agent", "x")
					resp, err := client.Do(req)
					if err != nil {
						b.Error(err)
						return
					}
					// As colly does: copy the body out, then close it.
					if _, err := io.ReadAll(resp.Body); err != nil {
						b.Error(err)
					}
					resp.Body.Close()
				}
			})
		})
	}
}

// TestHostileJSONLDStartFails checks that a start page that cannot be
// fetched, after its retries, fails the crawl like an API kind's board.
func TestHostileJSONLDStartFails(t *testing.T) {
	h := newHostile(t, map[string]hostileRoute{"/robots.txt": robots(robotsPrivate), "/start": status(502)})
	st, _, err := crawlAll(t, h.jsonldSrc(), h.opts())
	if err == nil || !strings.Contains(err.Error(), "start page failed") || !strings.Contains(err.Error(), "502") {
		t.Errorf("err = %v", err)
	}
	if got := h.times("/start"); len(got) != 4 {
		t.Errorf("start requested at %v, want 1 + 3 retries", got)
	}
	if !strings.HasPrefix(st.Incomplete, "start page failed: ") || len(st.KeepOpen) != 0 {
		t.Errorf("Incomplete %q, KeepOpen %q", st.Incomplete, st.KeepOpen)
	}
}

// TestHostileJSONLDConditional checks conditional requests of the jsonld
// kind: a job page whose posting is known by the page URL, and that sent
// an ETag, is asked with If-None-Match next time, and its 304 keeps that
// listing open by its SourceID; start and index pages, and pages whose
// postings carry an identifier of their own (which a 304 could not name),
// are always read whole.
func TestHostileJSONLDConditional(t *testing.T) {
	var mu sync.Mutex
	inm := map[string][]string{}
	etagged := func(body string) hostileRoute {
		return func(w http.ResponseWriter, r *http.Request, _ int) {
			mu.Lock()
			inm[r.URL.Path] = append(inm[r.URL.Path], r.Header.Get("If-None-Match"))
			mu.Unlock()
			w.Header().Set("ETag", `"v1"`)
			if r.Header.Get("If-None-Match") == `"v1"` {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, body)
		}
	}
	noID := `<html><head><script type="application/ld+json">{"@type":"JobPosting","title":"Plain"}</script></head></html>`
	h := newHostile(t, map[string]hostileRoute{
		"/robots.txt": robots(robotsPrivate),
		"/start":      etagged(indexHTML("/job/index")),
		"/job/index":  etagged(indexHTML("/job/plain", "/job/2")),
		"/job/plain":  etagged(noID),
		"/job/2":      etagged(jobHTML("2")),
	})
	vals := &memValidators{}
	opts := h.opts()
	opts.Validators = vals
	plain := h.srv.URL + "/job/plain"
	if _, ids, err := crawlAll(t, h.jsonldSrc(), opts); err != nil || !slices.Equal(ids, []string{"J-2", plain}) {
		t.Fatalf("first crawl: %q, %v", ids, err)
	}
	st, ids, err := crawlAll(t, h.jsonldSrc(), opts)
	if err != nil || !slices.Equal(ids, []string{"J-2"}) {
		t.Fatalf("second crawl: %q, %v; want only J-2 handed over", ids, err)
	}
	// A 304 is no failure: the page's posting is unchanged.
	if !slices.Equal(st.Unchanged, []string{plain}) || len(st.KeepOpen) != 0 || st.Incomplete != "" || st.PagesFailed != 0 {
		t.Errorf("stats %+v; want Unchanged [%s] and nothing kept open", st, plain)
	}
	mu.Lock()
	defer mu.Unlock()
	for path, want := range map[string][]string{"/start": {"", ""}, "/job/index": {"", ""}, "/job/2": {"", ""}, "/job/plain": {"", `"v1"`}} {
		if !slices.Equal(inm[path], want) {
			t.Errorf("%s If-None-Match %q, want %q", path, inm[path], want)
		}
	}
}
