package scraper_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/config"
	"github.com/jobstats/jobstats/scraper"
)

const testUA = "jobstats-test/1.0 (+https://example.test/bot)"

// board is a small job board: /jobs?page=N lists jobs, /job/N holds a
// JobPosting. It records every request.
type board struct {
	t        *testing.T
	pages    int    // listing pages
	perPage  int    // jobs per listing page
	robots   string // robots.txt body
	extra    string // extra HTML on every listing page
	sleep    time.Duration
	mu       sync.Mutex
	hits     map[string]int
	agents   map[string]bool
	inFlight int
	maxIn    int
	srv      *httptest.Server
}

func newBoard(t *testing.T, pages, perPage int) *board {
	b := &board{t: t, pages: pages, perPage: perPage, hits: map[string]int{}, agents: map[string]bool{},
		robots: "User-agent: *\nDisallow: /private/\n"}
	b.srv = httptest.NewServer(b)
	t.Cleanup(b.srv.Close)
	return b
}

func (b *board) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b.mu.Lock()
	b.hits[r.URL.RequestURI()]++
	b.agents[r.UserAgent()] = true
	b.inFlight++
	b.maxIn = max(b.maxIn, b.inFlight)
	b.mu.Unlock()
	defer func() {
		b.mu.Lock()
		b.inFlight--
		b.mu.Unlock()
	}()
	if b.sleep > 0 && r.URL.Path != "/robots.txt" {
		time.Sleep(b.sleep)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	switch {
	case r.URL.Path == "/robots.txt":
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprint(w, b.robots)
	case r.URL.Path == "/jobs":
		n, _ := strconv.Atoi(r.URL.Query().Get("page"))
		if n < 1 || n > b.pages {
			http.NotFound(w, r)
			return
		}
		fmt.Fprintf(w, "<html><head><title>Jobs</title></head><body><a href=\"/\">Home</a><ul>\n")
		for k := range b.perPage {
			id := (n-1)*b.perPage + k + 1
			fmt.Fprintf(w, "<li><a class=\"job-link\" href=\"/job/%d\">Job %d</a></li>\n", id, id)
		}
		fmt.Fprint(w, "</ul>", b.extra)
		if n < b.pages {
			fmt.Fprintf(w, "<a rel=\"next\" href=\"/jobs?page=%d#results\">Next</a>", n+1)
		}
		fmt.Fprint(w, "</body></html>")
	case r.URL.Path == "/job/moved": // a redirect whose own body holds a posting
		w.Header().Set("Location", "/job/7")
		w.WriteHeader(http.StatusMovedPermanently)
		fmt.Fprint(w, `<html><head><script type="application/ld+json">{"@type":"JobPosting","title":"Decoy","identifier":"D-1"}</script></head></html>`)
	case r.URL.Path == "/job/bad":
		fmt.Fprint(w, `<html><head><script type="application/ld+json">{"@type":"JobPosting","title":</script></head><body></body></html>`)
	case r.URL.Path == "/job/big":
		fmt.Fprint(w, "<html><body>", strings.Repeat("x", 4096), "</body></html>")
	case r.URL.Path == "/job/huge": // declared too large up front
		w.Header().Set("Content-Length", "5000")
		fmt.Fprint(w, strings.Repeat("y", 5000))
	case r.URL.Path == "/job/slow":
		<-r.Context().Done()
	case strings.HasPrefix(r.URL.Path, "/job/") || strings.HasPrefix(r.URL.Path, "/private/"):
		id := strings.TrimPrefix(strings.TrimPrefix(r.URL.Path, "/job/"), "/private/")
		if _, err := strconv.Atoi(id); err != nil {
			http.NotFound(w, r)
			return
		}
		fmt.Fprintf(w, `<html><head><script type="application/ld+json">{"@context":"https://schema.org","@type":"JobPosting","title":"Engineer %s","identifier":{"@type":"PropertyValue","value":"J-%s"},"hiringOrganization":{"@type":"Organization","name":"Acme"},"baseSalary":{"@type":"MonetaryAmount","currency":"USD","value":{"@type":"QuantitativeValue","minValue":100000,"maxValue":120000,"unitText":"YEAR"}}}</script></head><body><a href="/jobs?page=1">All jobs</a></body></html>`, id, id)
	default:
		http.NotFound(w, r)
	}
}

func (b *board) hit(uri string) int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.hits[uri]
}

// jobHits counts requests for pages other than robots.txt.
func (b *board) pageHits() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	n := 0
	for uri, c := range b.hits {
		if uri != "/robots.txt" {
			n += c
		}
	}
	return n
}

func (b *board) source() config.Source {
	return config.Source{
		Name:      "board",
		Kind:      "jsonld",
		StartURLs: []string{b.srv.URL + "/jobs?page=1"},
		Follow:    []string{`/jobs\?page=\d+$`, `/job/[^/]+$`, `/private/\d+$`},
	}
}

// collect is a Sink that keeps every listing.
type collect struct {
	mu       sync.Mutex
	listings []jobstats.Listing
	batches  int
}

func (c *collect) sink(_ context.Context, batch []jobstats.Listing) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.listings = append(c.listings, batch...)
	c.batches++
	return nil
}

func (c *collect) ids() []string {
	var ids []string
	for _, l := range c.listings {
		ids = append(ids, l.ID)
	}
	slices.Sort(ids)
	return ids
}

func crawl(t *testing.T, src config.Source, sink scraper.Sink) (scraper.Stats, error) {
	t.Helper()
	s, err := scraper.New(src, scraper.Options{UserAgent: testUA})
	if err != nil {
		t.Fatal(err)
	}
	return s.Crawl(t.Context(), sink)
}

func TestJSONLDCrawl(t *testing.T) {
	other := newBoard(t, 1, 1)
	b := newBoard(t, 2, 3)
	b.robots = "User-agent: *\nDisallow: /job/2\nDisallow: /private/\n"
	b.extra = fmt.Sprintf(`<a href="/job/bad">bad</a><a href="/job/gone">gone</a><a href="/private/77">private</a>`+
		`<a href="/about">not followed</a><a href="%s/job/9">other domain</a><a href="mailto:x@y.test">mail</a>`,
		strings.Replace(other.srv.URL, "127.0.0.1", "localhost", 1)) // same address, another host name

	var c collect
	stats, err := crawl(t, b.source(), c.sink)
	if err != nil {
		t.Fatal(err)
	}
	// Jobs 1..6 minus job 2 (robots.txt).
	want := []string{"board:J-1", "board:J-3", "board:J-4", "board:J-5", "board:J-6"}
	if got := c.ids(); !slices.Equal(got, want) {
		t.Errorf("ids = %q, want %q", got, want)
	}
	l := c.listings[0]
	if l.Source != "board" || l.Company != "Acme" || l.Salary == nil || l.Salary.Period != jobstats.PeriodYear || !strings.HasPrefix(l.URL, b.srv.URL+"/job/") {
		t.Errorf("listing = %+v", l)
	}
	for uri, n := range map[string]int{
		"/job/2": 0, "/private/77": 0, "/about": 0, "/": 0, // disallowed or not followed
		"/robots.txt": 1, "/jobs?page=1": 1, "/jobs?page=2": 1, "/job/1": 1, "/job/bad": 1, "/job/gone": 1,
	} {
		if got := b.hit(uri); got != n {
			t.Errorf("%s requested %d times, want %d", uri, got, n)
		}
	}
	if n := other.pageHits(); n != 0 {
		t.Errorf("other domain got %d requests", n)
	}
	if !b.agents[testUA] || len(b.agents) != 1 {
		t.Errorf("user agents = %v, want only %q", b.agents, testUA)
	}
	// 2 listing pages + 5 jobs + bad + 404.
	if stats.PagesFetched != 9 || stats.PagesFailed != 2 || stats.PagesEmpty != 2 || stats.Listings != 5 {
		t.Errorf("stats = %+v", stats)
	}
	// A 404 says the page is gone: reported, not kept open.
	if len(stats.KeepOpen) != 0 || stats.Incomplete != "" {
		t.Errorf("KeepOpen %q, Incomplete %q; want none, complete", stats.KeepOpen, stats.Incomplete)
	}
	joined := strings.Join(stats.Errors, "\n")
	for _, s := range []string{b.srv.URL + "/job/bad", "malformed JSON-LD", b.srv.URL + "/job/gone", "404"} {
		if !strings.Contains(joined, s) {
			t.Errorf("errors %q do not mention %q", stats.Errors, s)
		}
	}
}

// TestJSONLDRedirect checks that a page reached through a redirect is
// read from the last hop's body, not the redirect's.
func TestJSONLDRedirect(t *testing.T) {
	b := newBoard(t, 1, 1)
	b.extra = `<a href="/job/moved">moved</a>`
	var c collect
	stats, err := crawl(t, b.source(), c.sink)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := c.ids(), []string{"board:J-1", "board:J-7"}; !slices.Equal(got, want) {
		t.Errorf("ids = %q, want %q", got, want)
	}
	for _, l := range c.listings {
		if l.SourceID == "J-7" && (l.Title != "Engineer 7" || l.URL != b.srv.URL+"/job/7") {
			t.Errorf("redirected listing = %+v", l)
		}
	}
	if stats.PagesFetched != 3 || stats.PagesFailed != 0 || stats.Listings != 2 {
		t.Errorf("stats = %+v", stats)
	}
}

func TestJSONLDMaxPages(t *testing.T) {
	b := newBoard(t, 5, 10)
	src := b.source()
	src.MaxPages = 4
	var c collect
	stats, err := crawl(t, src, c.sink)
	if err != nil {
		t.Fatal(err)
	}
	if n := b.pageHits(); n != 4 {
		t.Errorf("%d pages requested, want 4 (max_pages)", n)
	}
	if stats.PagesFetched != 4 || stats.Listings != len(c.listings) || len(c.listings) == 0 || stats.Incomplete != "max_pages 4 reached" {
		t.Errorf("stats = %+v, %d listings", stats, len(c.listings))
	}
}

func TestJSONLDParallelism(t *testing.T) {
	b := newBoard(t, 3, 20)
	b.sleep = 5 * time.Millisecond
	src := b.source()
	src.Parallelism = 3
	var c collect
	if _, err := crawl(t, src, c.sink); err != nil {
		t.Fatal(err)
	}
	if len(c.listings) != 60 {
		t.Errorf("%d listings, want 60", len(c.listings))
	}
	if b.maxIn > 3 {
		t.Errorf("%d requests in flight at once, parallelism is 3", b.maxIn)
	}
	t.Logf("at most %d requests in flight", b.maxIn)
}

func TestJSONLDCompanyOverrideAndFailures(t *testing.T) {
	b := newBoard(t, 1, 1)
	b.extra = `<a href="/job/big">big</a><a href="/job/huge">huge</a><a href="/job/slow">slow</a>`
	src := b.source()
	src.CompanyName = "Acme Override"
	src.MaxBodySize = 1024
	src.Timeout = config.Duration(200 * time.Millisecond)
	src.Retries = new(1)
	var c collect
	stats, err := crawl(t, src, c.sink)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.listings) != 1 || c.listings[0].Company != "Acme Override" {
		t.Fatalf("listings = %+v", c.listings)
	}
	joined := strings.Join(stats.Errors, "\n")
	for _, s := range []string{"/job/big", "max_body_size", "/job/huge", "Content-Length 5000", "/job/slow", "timeout after 200ms (gave up after 2 attempts)"} {
		if !strings.Contains(joined, s) {
			t.Errorf("errors %q do not mention %q", stats.Errors, s)
		}
	}
	if stats.PagesFailed != 3 || stats.Incomplete != "" {
		t.Errorf("stats = %+v", stats)
	}
	// Only the timeout may pass: pages over the size cap are not kept open.
	want := []string{b.srv.URL + "/job/slow"}
	if !slices.Equal(stats.KeepOpen, want) {
		t.Errorf("KeepOpen = %q, want %q", stats.KeepOpen, want)
	}
}

func TestJSONLDCancel(t *testing.T) {
	b := newBoard(t, 20, 20)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	s, err := scraper.New(b.source(), scraper.Options{UserAgent: testUA})
	if err != nil {
		t.Fatal(err)
	}
	var c collect
	stats, err := s.Crawl(ctx, func(ctx context.Context, batch []jobstats.Listing) error {
		cancel()
		return c.sink(ctx, batch)
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if stats.Listings != len(c.listings) || stats.Listings == 0 {
		t.Errorf("stats.Listings = %d, sink got %d", stats.Listings, len(c.listings))
	}
	if n := b.pageHits(); n >= 420 {
		t.Errorf("crawl went on after cancel: %d pages", n)
	}
	if stats.PagesFailed != 0 || !strings.HasPrefix(stats.Incomplete, "cancelled") {
		t.Errorf("cancelled requests counted as failures, or the crawl not incomplete: %+v", stats)
	}
}

func TestJSONLDSinkError(t *testing.T) {
	b := newBoard(t, 20, 20)
	boom := errors.New("disk full")
	stats, err := crawl(t, b.source(), func(context.Context, []jobstats.Listing) error { return boom })
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want %v", err, boom)
	}
	// Requests cut short because the sink stopped the crawl are not
	// failures of the site (sources test stops this way).
	if stats.Listings != 0 || stats.PagesFailed != 0 || len(stats.Errors) != 0 || !strings.HasPrefix(stats.Incomplete, "stopped: ") {
		t.Errorf("stats = %+v", stats)
	}
	if n := b.pageHits(); n >= 420 {
		t.Errorf("crawl went on after the sink failed: %d pages", n)
	}
	// The requests stopped by the sink's error (their context's cause)
	// are not the pages' fault.
	if stats.PagesFailed != 0 || len(stats.Errors) != 0 {
		t.Errorf("requests stopped by the sink counted as failures: %+v", stats)
	}
}

// TestJSONLDCallbackPanic: colly runs the page callbacks on goroutines of
// its own, where a panic (a bug, here in the sink as a panicking Enrich
// would be) would end the process; it is a failed page instead, said to
// be an internal error, and the crawl goes on.
func TestJSONLDCallbackPanic(t *testing.T) {
	b := newBoard(t, 2, 5)
	var mu sync.Mutex
	calls := 0
	stats, _ := crawl(t, b.source(), func(_ context.Context, batch []jobstats.Listing) error {
		mu.Lock()
		calls++
		first := calls == 1
		mu.Unlock()
		if first {
			panic("a bug")
		}
		return nil
	})
	if stats.PagesFailed != 1 || !strings.Contains(strings.Join(stats.Errors, ";"), "internal error") {
		t.Errorf("stats = %+v, want one failed page that says internal error", stats)
	}
	if stats.Listings == 0 {
		t.Errorf("the crawl stopped at the panic: %+v", stats)
	}
}

func TestJSONLDRobotsBlocksStart(t *testing.T) {
	b := newBoard(t, 1, 1)
	b.robots = "User-agent: *\nDisallow: /\n"
	stats, err := crawl(t, b.source(), (&collect{}).sink)
	if err == nil || !strings.Contains(err.Error(), "disallowed by robots.txt") {
		t.Errorf("err = %v, want the crawl to fail on its disallowed start page", err)
	}
	if n := b.pageHits(); n != 0 {
		t.Errorf("%d pages requested despite Disallow: /", n)
	}
	if !strings.HasPrefix(stats.Incomplete, "start page failed") {
		t.Errorf("Incomplete = %q", stats.Incomplete)
	}
	if len(stats.Errors) != 1 || !strings.Contains(stats.Errors[0], "robots.txt") {
		t.Errorf("errors = %q", stats.Errors)
	}
}

func TestNewJSONLDErrors(t *testing.T) {
	tests := []struct {
		name string
		src  config.Source
		want string
	}{
		{"no start urls", config.Source{Name: "x", Kind: "jsonld"}, "start_urls"},
		{"relative start url", config.Source{Name: "x", Kind: "jsonld", StartURLs: []string{"/jobs"}}, "absolute"},
		{"bad follow", config.Source{Name: "x", Kind: "jsonld", StartURLs: []string{"https://x.test/"}, Follow: []string{"("}}, "follow"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := scraper.New(tt.src, scraper.Options{UserAgent: testUA})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to mention %q", err, tt.want)
			}
		})
	}
}
