package demo

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"time"
)

// PerPage is the number of job links on one index page.
const PerPage = 25

// DefaultJobs is the number of jobs a board holds when Options.Jobs is 0:
// enough for the largest markets of the largest roles to show medians,
// percentiles and contract rates by level.
const DefaultJobs = 1200

// defaultNow is the reference time of a board when Options.Now is zero.
var defaultNow = time.Date(2026, time.November, 1, 0, 0, 0, 0, time.UTC)

// Options configure a Board. The zero value is the board `jobstats demo` serves.
type Options struct {
	// Jobs is the number of postings; default DefaultJobs (1200).
	Jobs int
	// Seed makes the board: the same seed and options give the same bytes
	// on every page; default 1.
	Seed uint64
	// Now is the reference time: postings are dated up to 45 days before
	// it, and index pages are last modified at it; zero means
	// 2026-11-01T00:00:00Z.
	Now time.Time
	// Companies, when set, renames the 24 built-in employers in order (an
	// empty string keeps the built-in name; names beyond the 24th are
	// ignored). Tests use it to put hostile names on the board.
	Companies []string
}

// Board is a deterministic synthetic job board: an http.Handler serving
// robots.txt, paginated index pages and one HTML page per job with
// schema.org JobPosting JSON-LD. It is safe for concurrent use.
//
// Routes:
//
//	/robots.txt     disallows /admin/
//	/               redirects to /jobs?page=1
//	/jobs?page=N    index page N, PerPage job links, rel=prev/next links
//	/job/ID         a job page with JSON-LD (a few broken on purpose)
//	/about          a page with no job posting
//	/admin/...      403; linked once from page 1, disallowed by robots.txt
//
// Responses carry Content-Type, Last-Modified and ETag, and answer
// conditional requests with 304 Not Modified.
type Board struct {
	opts       Options
	posts      []posting
	jobs       []Job
	byID       map[string]int
	pageOf     map[string]int
	requests   atomic.Int64
	disallowed atomic.Int64
	mux        *http.ServeMux
}

// New generates a board. Generation is deterministic and takes a few
// milliseconds; pages are rendered on request.
func New(opts Options) *Board {
	if opts.Jobs <= 0 {
		opts.Jobs = DefaultJobs
	}
	if opts.Seed == 0 {
		opts.Seed = 1
	}
	if opts.Now.IsZero() {
		opts.Now = defaultNow
	}
	opts.Now = opts.Now.UTC().Truncate(time.Second)
	b := &Board{opts: opts, posts: generate(opts)}
	b.jobs = make([]Job, len(b.posts))
	b.byID = make(map[string]int, len(b.posts))
	b.pageOf = make(map[string]int, len(b.posts))
	for i := range b.posts {
		b.jobs[i] = b.posts[i].Job
		b.byID[b.posts[i].ID] = i
		b.pageOf[b.posts[i].ID] = i/PerPage + 1
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /robots.txt", b.serveRobots)
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/jobs?page=1", http.StatusFound)
	})
	mux.HandleFunc("GET /jobs", b.serveIndex)
	mux.HandleFunc("GET /job/{id}", b.serveJob)
	mux.HandleFunc("GET /about", b.serveAbout)
	mux.HandleFunc("/admin/", b.serveAdmin)
	b.mux = mux
	return b
}

// ServeHTTP serves the board.
func (b *Board) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b.requests.Add(1)
	b.mux.ServeHTTP(w, r)
}

// Jobs returns the ground truth: every posting in index order (newest
// first), as generated. The slice is a copy; the Jobs' slices are shared
// and must not be modified.
func (b *Board) Jobs() []Job {
	out := make([]Job, len(b.jobs))
	copy(out, b.jobs)
	return out
}

// Pages returns the number of index pages.
func (b *Board) Pages() int { return (len(b.posts) + PerPage - 1) / PerPage }

// StartURL returns the first index page under base, e.g.
// "http://127.0.0.1:8080/jobs?page=1".
func (b *Board) StartURL(base string) string {
	return strings.TrimSuffix(base, "/") + "/jobs?page=1"
}

// Follow returns the regular expressions, over absolute URLs, that a jsonld
// source needs to crawl the whole board from StartURL: the index pages, the
// job pages, and the about page (which holds no posting and is counted as
// empty). The last one also matches /admin/, which robots.txt disallows: a
// crawler that obeys robots.txt never fetches it (see DisallowedHits).
func (b *Board) Follow() []string {
	return []string{
		`^https?://[^/]+/jobs\?page=\d+$`,
		`^https?://[^/]+/job/\d+$`,
		`^https?://[^/]+/(about|admin/.*)$`,
	}
}

// Requests returns the number of requests the board has served.
func (b *Board) Requests() int64 { return b.requests.Load() }

// DisallowedHits returns the number of requests for paths robots.txt
// disallows; a polite crawler leaves it at 0.
func (b *Board) DisallowedHits() int64 { return b.disallowed.Load() }

// base is the absolute URL of the board as the request reached it.
func base(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// serve writes body with validators and honours conditional requests.
func serve(w http.ResponseWriter, r *http.Request, ctype string, modified time.Time, body []byte) {
	h := fnv.New64a()
	h.Write(body)
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("ETag", fmt.Sprintf(`"%016x"`, h.Sum64()))
	w.Header().Set("Cache-Control", "public, max-age=300")
	http.ServeContent(w, r, "", modified, bytes.NewReader(body))
}

func (b *Board) serveRobots(w http.ResponseWriter, r *http.Request) {
	serve(w, r, "text/plain; charset=utf-8", b.opts.Now, []byte(robots))
}

func (b *Board) serveIndex(w http.ResponseWriter, r *http.Request) {
	n := 1
	if s := r.URL.Query().Get("page"); s != "" {
		n = atoiPage(s)
	}
	if n < 1 || n > b.Pages() {
		http.NotFound(w, r)
		return
	}
	serve(w, r, "text/html; charset=utf-8", b.opts.Now, b.indexPage(n))
}

func (b *Board) serveJob(w http.ResponseWriter, r *http.Request) {
	i, ok := b.byID[r.PathValue("id")]
	if !ok {
		http.NotFound(w, r)
		return
	}
	p := &b.posts[i]
	serve(w, r, "text/html; charset=utf-8", p.Posted, b.jobPage(p, base(r)))
}

func (b *Board) serveAbout(w http.ResponseWriter, r *http.Request) {
	serve(w, r, "text/html; charset=utf-8", b.opts.Now, b.aboutPage(base(r)))
}

func (b *Board) serveAdmin(w http.ResponseWriter, r *http.Request) {
	b.disallowed.Add(1)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusForbidden)
	fmt.Fprint(w, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Forbidden</title></head>"+
		"<body><h1>403 Forbidden</h1><p>robots.txt disallows /admin/.</p></body></html>\n")
}

// Serve listens on addr ("127.0.0.1:0" picks a free port), calls ready
// (when not nil) with the board's base URL, e.g. "http://127.0.0.1:41234",
// once it is listening, and serves b until ctx is done. It then shuts the
// server down, waiting at most 5 seconds for requests in flight, and
// returns nil. It returns an error when it cannot listen or serving fails.
func Serve(ctx context.Context, addr string, b *Board, ready func(baseURL string)) error {
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", addr, err)
	}
	srv := &http.Server{
		Handler:           b,
		ReadHeaderTimeout: 10 * time.Second,
		BaseContext:       func(net.Listener) context.Context { return ctx },
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	if ready != nil {
		ready("http://" + ln.Addr().String())
	}
	select {
	case err := <-errc:
		return fmt.Errorf("serve demo board: %w", err)
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		srv.Close()
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve demo board: %w", err)
	}
	return nil
}
