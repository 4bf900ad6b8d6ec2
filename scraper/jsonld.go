package scraper

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/gocolly/colly/v2"
	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/config"
)

// jsonldSource crawls a website from its start URLs, follows the links
// that match its follow expressions, and extracts the schema.org
// JobPosting JSON-LD of every page.
type jsonldSource struct {
	src      config.Source
	name     string
	company  string
	opts     Options
	starts   []*url.URL
	follow   []*regexp.Regexp
	allowed  []string // lower-case host names, no port
	maxPages int
	par      int
}

// newJSONLD builds a jsonld source. It fails when start_urls is empty or
// holds a URL that is not absolute http(s), a follow expression does not
// compile, or a politeness setting is invalid.
func newJSONLD(src config.Source, opts Options) (Source, error) {
	pol, err := src.Politeness()
	if err != nil {
		return nil, fmt.Errorf("jsonld: %w", err)
	}
	s := &jsonldSource{
		src:      src,
		name:     src.Name,
		company:  strings.TrimSpace(src.CompanyName),
		opts:     opts,
		maxPages: pol.MaxPages,
		par:      pol.Parallelism,
	}
	if len(src.StartURLs) == 0 && len(src.Sitemaps) == 0 {
		return nil, errors.New("jsonld: neither start_urls nor sitemaps is set")
	}
	for _, raw := range src.StartURLs {
		u, err := url.Parse(strings.TrimSpace(raw))
		if err != nil {
			return nil, fmt.Errorf("jsonld: start url %q: %w", raw, err)
		}
		if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("jsonld: start url %q is not an absolute http(s) URL", raw)
		}
		u.Fragment, u.RawFragment = "", ""
		u.Host = strings.ToLower(u.Host)
		s.starts = append(s.starts, u)
	}
	for _, expr := range src.Follow {
		re, err := regexp.Compile(expr)
		if err != nil {
			return nil, fmt.Errorf("jsonld: follow %q: %w", expr, err)
		}
		s.follow = append(s.follow, re)
	}
	s.allowed = allowedHosts(src)
	return s, nil
}

// allowedHosts returns the lower-case host names (no port) a crawling
// kind may fetch from: allowed_domains, by default the hosts of start_urls
// and sitemaps (config.Source.ApplyDefaults).
func allowedHosts(src config.Source) []string {
	domains := src.AllowedDomains
	if len(domains) == 0 {
		c := config.Source{Kind: src.Kind, StartURLs: src.StartURLs, Sitemaps: src.Sitemaps}
		c.ApplyDefaults()
		domains = c.AllowedDomains
	}
	var out []string
	for _, d := range domains {
		d = strings.ToLower(strings.TrimSpace(d))
		if h, _, err := net.SplitHostPort(d); err == nil {
			d = h
		}
		if d != "" && !containsString(out, d) {
			out = append(out, d)
		}
	}
	return out
}

// crawl is the state of one Crawl, shared by colly's callbacks.
type crawl struct {
	s      *jsonldSource
	parent context.Context // the caller's context, handed to the sink
	ctx    context.Context // parent, also cancelled by a sink error
	cancel context.CancelCauseFunc
	c      *colly.Collector // configured once; each worker runs a clone
	front  *frontier
	t      *politeTransport
	sink   Sink
	sm     *sitemapCrawl // nil without sitemaps

	mu          sync.Mutex
	stats       Stats
	seen        map[string]struct{} // every link considered, fragment stripped
	queued      int                 // requests queued, at most s.maxPages
	capped      bool                // max_pages was reached
	startFailed []string            // why start pages failed
	sinkMu      sync.Mutex
	sinkErr     error
	listings    int
}

// ctxStart marks, in a request's colly context, a start URL.
const ctxStart = "jsonld.start"

// Crawl fetches the start URLs and every followed link, at most max_pages
// requests, and hands each page's listings to sink. See Source.
//
// Every request goes through the politeness layer (politeTransport) with
// robots.txt on and the allowed domains enforced on every redirect hop.
// A page whose postings had no identifier of their own (their SourceID is
// the page URL) is requested conditionally next time; a 304 puts the
// page's URL in Stats.Unchanged (its posting is still listed, as it was),
// and a page that failed for a reason that may pass puts it in
// Stats.KeepOpen (see pageFailed). The crawl
// is Incomplete when max_pages was reached, a start page failed, or ctx
// ended it; a start page that fails (or that robots.txt disallows) makes
// Crawl return an error.
func (s *jsonldSource) Crawl(ctx context.Context, sink Sink) (Stats, error) {
	cctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	cr := &crawl{s: s, parent: ctx, ctx: cctx, cancel: cancel, sink: sink, seen: make(map[string]struct{}, 1024)}

	opts := s.opts
	if opts.Transport == nil {
		own := &http.Transport{
			Proxy:                 http.ProxyFromEnvironment,
			DialContext:           (&net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
			ForceAttemptHTTP2:     true,
			MaxIdleConns:          100,
			MaxIdleConnsPerHost:   s.par * 2,
			IdleConnTimeout:       90 * time.Second,
			TLSHandshakeTimeout:   10 * time.Second,
			ExpectContinueTimeout: time.Second,
		}
		defer own.CloseIdleConnections()
		opts.Transport = own
	}
	t, err := newPoliteTransport(s.src, opts, politeOptions{robots: true, allowHost: s.allowedOrSitemapHost})
	if err != nil {
		return Stats{}, fmt.Errorf("jsonld: %w", err)
	}
	cr.t = t

	// colly runs synchronously, on the workers of the crawl's frontier
	// (see frontier). NewCollector applies COLLY_* environment variables
	// after options: set everything that matters afterwards. Politeness
	// (robots.txt, parallelism, rate, retries, timeouts, size caps) is the
	// transport's; colly fetches and hands over the pages.
	c := colly.NewCollector(colly.StdlibContext(cctx))
	c.UserAgent = t.userAgent
	c.IgnoreRobotsTxt = true
	c.AllowedDomains = s.allowed
	c.DisallowedDomains = nil
	c.URLFilters, c.DisallowedURLFilters = nil, nil
	c.MaxDepth = 0
	c.MaxRequests = 0
	c.AllowURLRevisit = false
	c.CacheDir = ""
	c.DetectCharset = false
	c.ParseHTTPErrorResponse = false
	c.TraceHTTP = false
	c.CheckHead = false
	c.MaxBodySize = 0 // the transport caps decoded bodies; colly's cap would cut silently
	c.SetRedirectHandler(limitRedirects)
	c.SetRequestTimeout(0) // the transport times each attempt
	c.WithTransport(t)
	c.Async = false
	cr.c = c
	cr.front = newFrontier()

	if len(s.src.Sitemaps) > 0 || s.src.RobotsSitemaps {
		cr.sm = s.planSitemaps(cctx, cr)
	}
	for _, u := range s.starts {
		cr.enqueue(u.String(), true)
	}
	cr.sm.enqueue(cr)
	cr.front.run(cctx, s.workers(), cr.worker)

	cr.mu.Lock()
	cr.sm.finish(&cr.stats)
	stats := cr.stats
	startFailed := cr.startFailed
	capped := cr.capped
	cr.mu.Unlock()
	cr.sinkMu.Lock()
	stats.Listings = cr.listings
	sinkErr := cr.sinkErr
	cr.sinkMu.Unlock()
	slices.Sort(stats.KeepOpen)
	switch {
	case ctx.Err() != nil:
		stats.Incomplete = cutShort(ctx)
	case sinkErr != nil:
		stats.Incomplete = "stopped: " + sinkErr.Error()
	case len(startFailed) > 0:
		stats.Incomplete = "start page failed: " + startFailed[0]
	case capped:
		stats.Incomplete = fmt.Sprintf("max_pages %d reached", s.maxPages)
	}
	s.opts.Logger.Debug("jsonld crawl done", "source", s.name,
		"pages", stats.PagesFetched, "failed", stats.PagesFailed, "empty", stats.PagesEmpty,
		"listings", stats.Listings, "incomplete", stats.Incomplete)
	if err := ctx.Err(); err != nil {
		return stats, err
	}
	if sinkErr != nil {
		return stats, sinkErr
	}
	if len(startFailed) > 0 {
		return stats, fmt.Errorf("jsonld: start page failed: %s", strings.Join(startFailed, "; "))
	}
	return stats, nil
}

// enqueue queues an absolute URL unless it was seen before, is outside the
// allowed domains, does not match follow (start URLs need not), is
// disallowed by robots.txt, or max_pages requests are queued already.
func (cr *crawl) enqueue(abs string, start bool) {
	if cr.ctx.Err() != nil {
		return
	}
	cr.mu.Lock()
	if _, ok := cr.seen[abs]; ok {
		cr.mu.Unlock()
		return
	}
	cr.seen[abs] = struct{}{}
	if !start && (!cr.s.followed(abs) || !cr.s.allowedHost(abs)) {
		cr.mu.Unlock()
		return
	}
	cr.mu.Unlock()

	u, err := url.Parse(abs)
	if err != nil {
		cr.pageFailed(abs, start, false, false, err.Error())
		return
	}
	ok, err := cr.t.robotsAllow(cr.ctx, cr.t.host(u), u)
	if err != nil {
		return // the crawl is stopping
	}
	if !ok {
		cr.s.opts.Logger.Debug("jsonld robots.txt disallows", "source", cr.s.name, "url", abs)
		if start {
			cr.pageFailed(abs, true, false, false, cr.disallowReason(u))
		}
		return
	}

	if !cr.reserve() {
		return
	}

	var ctx *colly.Context
	if start {
		ctx = colly.NewContext()
		ctx.Put(ctxStart, "1")
	}
	cr.front.push(frontierJob{url: abs, ctx: ctx})
}

// ctxReached is the key, in a request's colly context, of the flag that
// onRequest sets: the request got past colly's own checks, and its
// failures go to onError.
const ctxReached = "jsonld.reached"

// workers is how many frontier workers a crawl runs: enough to fill every
// allowed host's parallelism slots (the transport holds each request to
// them), at most maxWorkers.
func (s *jsonldSource) workers() int {
	hosts := len(s.allowed)
	for _, raw := range s.src.Sitemaps {
		if u, err := url.Parse(raw); err == nil && !s.allowedHostName(strings.ToLower(u.Hostname())) {
			hosts++
		}
	}
	return min(max(1, hosts)*s.par, maxWorkers)
}

// maxWorkers bounds a jsonld crawl's frontier workers.
const maxWorkers = 256

// worker returns the fetch function of one frontier worker: it runs a
// clone of the crawl's collector (same settings, transport and visited
// URLs) whose requests carry the worker's bodySlot, so that a page's body
// comes from the transport as it was read, without colly copying it out.
func (cr *crawl) worker() func(frontierJob) {
	slot := new(bodySlot)
	c := cr.c.Clone()
	c.Context = context.WithValue(cr.ctx, bodySlotKey{}, slot)
	c.OnRequest(cr.onRequest)
	c.OnResponse(func(r *colly.Response) {
		body, ok := slot.body()
		if !ok {
			body = r.Body
		}
		cr.safely(r, func() { cr.onResponse(r, body) })
	})
	c.OnError(func(r *colly.Response, err error) { cr.safely(r, func() { cr.onError(r, err) }) })
	return func(j frontierJob) {
		cr.fetch(c, j)
		slot.release()
	}
}

// fetch requests one page of the frontier through colly, synchronously:
// its response or error reaches onResponse or onError before fetch
// returns. A page colly refuses before sending it (already visited, a
// forbidden domain, a URL it cannot parse) gives back its reservation or
// is failed here.
func (cr *crawl) fetch(c *colly.Collector, j frontierJob) {
	ctx := j.ctx
	if ctx == nil {
		ctx = colly.NewContext()
	}
	var reached bool
	ctx.Put(ctxReached, &reached)
	err := c.Request(http.MethodGet, j.url, nil, ctx, nil)
	if err == nil || reached {
		return
	}
	if ctx.Get(ctxSitemapPage) != "" {
		cr.mu.Lock()
		cr.queued--
		cr.stats.AddError(fmt.Sprintf("GET %s: %v", j.url, err))
		cr.mu.Unlock()
		return
	}
	var visited *colly.AlreadyVisitedError
	switch {
	case errors.As(err, &visited), errors.Is(err, colly.ErrForbiddenDomain), cr.ctx.Err() != nil:
		cr.mu.Lock()
		cr.queued--
		cr.mu.Unlock()
	default:
		// The URL could not be requested at all.
		cr.pageFailed(j.url, ctx.Get(ctxStart) != "", false, false, err.Error())
	}
}

// reserve takes one of the max_pages requests for a page about to be
// queued; false (and the crawl capped) when none is left.
func (cr *crawl) reserve() bool {
	cr.mu.Lock()
	defer cr.mu.Unlock()
	if cr.queued >= cr.s.maxPages {
		if !cr.capped {
			cr.capped = true
			cr.s.opts.Logger.Info("jsonld max_pages reached", "source", cr.s.name, "max_pages", cr.s.maxPages)
		}
		return false
	}
	cr.queued++
	return true
}

// disallowReason says why robots.txt refuses u.
func (cr *crawl) disallowReason(u *url.URL) string {
	if r := cr.t.host(u).robots; r != nil && r.disallow {
		return "robots.txt of " + u.Host + " unreachable: nothing there is fetched in this crawl"
	}
	return "disallowed by robots.txt"
}

// allowedOrSitemapHost reports whether a lower-case host name is allowed,
// or is the host of a configured sitemap (which may be served from
// elsewhere than the pages it lists).
func (s *jsonldSource) allowedOrSitemapHost(host string) bool {
	if s.allowedHostName(host) {
		return true
	}
	for _, raw := range s.src.Sitemaps {
		if u, err := url.Parse(raw); err == nil && strings.EqualFold(u.Hostname(), host) {
			return true
		}
	}
	return false
}

// allowedHostName reports whether a lower-case host name is allowed.
func (s *jsonldSource) allowedHostName(host string) bool {
	return containsString(s.allowed, host)
}

// followed reports whether abs matches a follow expression.
func (s *jsonldSource) followed(abs string) bool {
	for _, re := range s.follow {
		if re.MatchString(abs) {
			return true
		}
	}
	return false
}

// allowedHost reports whether the host of absolute URL abs is allowed.
func (s *jsonldSource) allowedHost(abs string) bool {
	h := abs
	if i := strings.Index(h, "://"); i >= 0 {
		h = h[i+3:]
	}
	if i := strings.IndexAny(h, "/?#"); i >= 0 {
		h = h[:i]
	}
	if i := strings.LastIndexByte(h, '@'); i >= 0 {
		h = h[i+1:]
	}
	if strings.HasPrefix(h, "[") {
		if i := strings.IndexByte(h, ']'); i >= 0 {
			h = h[1:i]
		}
	} else if i := strings.LastIndexByte(h, ':'); i >= 0 {
		h = h[:i]
	}
	return containsString(s.allowed, strings.ToLower(h))
}

// onRequest makes the request conditional when the page held postings
// last time (see onResponse).
func (cr *crawl) onRequest(r *colly.Request) {
	if p, ok := r.Ctx.GetAny(ctxReached).(*bool); ok {
		*p = true
	}
	if v := cr.s.opts.Validators; v != nil && r.Ctx.Get(ctxStart) == "" {
		setConditional(*r.Headers, v, r.URL.String())
	}
}

// onResponse reads a fetched page, whose body is body.
func (cr *crawl) onResponse(r *colly.Response, body []byte) {
	page := r.Request.URL
	if !isHTMLish(r.Headers.Get("Content-Type")) {
		cr.mu.Lock()
		cr.stats.PagesFetched++
		cr.stats.PagesEmpty++
		cr.mu.Unlock()
		cr.sm.read(cr, r, nil, nil)
		return
	}
	onLink := cr.onLink
	if cr.sm.owns(r) {
		onLink = nil // the sitemap is the index: its pages' links are not followed
	}
	listings, errs := extractPage(body, page, onLink)
	for i := range listings {
		l := &listings[i]
		l.Source = cr.s.name
		l.ID = jobstats.ListingID(cr.s.name, l.SourceID)
		if cr.s.company != "" {
			l.Company = cr.s.company
		}
	}
	cr.mu.Lock()
	cr.stats.PagesFetched++
	switch {
	case len(errs) > 0:
		cr.stats.PagesFailed++
		for _, err := range errs {
			cr.stats.AddError(fmt.Sprintf("%s: %v", page, err))
		}
	case len(listings) == 0:
		cr.stats.PagesEmpty++
	}
	cr.mu.Unlock()
	for _, err := range errs {
		cr.s.opts.Logger.Warn("jsonld page not understood", "source", cr.s.name, "url", page.String(), "err", err)
	}
	if v := cr.s.opts.Validators; v != nil && r.Ctx.Get(ctxStart) == "" {
		// Only a page whose postings are known by its URL is requested
		// conditionally: a 304 then keeps them open by the SourceID it
		// puts in KeepOpen. An index page must be read every time for its
		// links, and a posting with an identifier of its own could not be
		// named from a 304.
		u := page.String()
		if conditionalPage(u, listings, errs) {
			rememberValidators(v, u, *r.Headers)
		} else if e, l := v.Validator(u); e != "" || l != "" {
			v.SetValidator(u, "", "")
		}
	}
	if len(listings) > 0 {
		cr.deliver(listings)
	}
	cr.sm.read(cr, r, listings, errs)
}

// conditionalPage reports whether page u may be requested conditionally
// next time: it held postings, all read, all with u as their SourceID.
func conditionalPage(u string, listings []jobstats.Listing, errs []error) bool {
	if len(listings) == 0 || len(errs) > 0 {
		return false
	}
	for i := range listings {
		if listings[i].SourceID != u {
			return false
		}
	}
	return true
}

// onLink considers one absolute link of a fetched page.
func (cr *crawl) onLink(abs []byte) {
	cr.mu.Lock()
	_, seen := cr.seen[string(abs)] // no allocation for the lookup
	cr.mu.Unlock()
	if !seen {
		cr.enqueue(string(abs), false)
	}
}

// deliver hands one page's listings to the sink; a sink error cancels the
// crawl.
func (cr *crawl) deliver(listings []jobstats.Listing) {
	cr.sinkMu.Lock()
	defer cr.sinkMu.Unlock()
	if cr.sinkErr != nil {
		return
	}
	if err := cr.sink(cr.parent, listings); err != nil {
		cr.sinkErr = err
		cr.cancel(err)
		return
	}
	cr.listings += len(listings)
}

// safely runs a colly callback of the page r answers. colly calls them
// on goroutines of its own, where a panic (a bug met on a page nobody
// foresaw) would end the process: it becomes a failed page instead, with
// the stack logged at debug level.
func (cr *crawl) safely(r *colly.Response, fn func()) {
	defer func() {
		if v := recover(); v != nil {
			cr.s.opts.Logger.Debug("jsonld callback panicked", "source", cr.s.name, "panic", v, "stack", string(debug.Stack()))
			cr.pageFailed(r.Request.URL.String(), r.Ctx.Get(ctxStart) != "", r.StatusCode > 0, false,
				fmt.Sprintf("internal error (a bug in jobstats; please report it): %v", v))
		}
	}()
	fn()
}

func (cr *crawl) onError(r *colly.Response, err error) {
	if cr.ctx.Err() != nil {
		// The crawl is stopping (cancelled, or the sink said stop: the
		// error is then the sink's, as the request's context cause); not
		// the page's fault.
		return
	}
	page := r.Request.URL.String()
	start := r.Ctx.Get(ctxStart) != ""
	if r.StatusCode == http.StatusNotModified {
		// Unchanged since the last crawl: its listings are still listed.
		// It was asked conditionally because its postings are known by its
		// URL (conditionalPage), so the URL names them: unchanged, not a
		// failure.
		cr.mu.Lock()
		cr.stats.PagesFetched++
		if !cr.sm.notModified(cr, r) {
			cr.stats.Unchanged = append(cr.stats.Unchanged, page)
		}
		cr.mu.Unlock()
		return
	}
	err = unwrapURLError(err)
	if !start && (errors.Is(err, ErrDisallowed) || errors.Is(err, ErrOffDomain) || errors.Is(err, colly.ErrForbiddenDomain)) {
		// A redirect into a disallowed path or off the allowed domains: the
		// page is not ours to read, which is not a failure.
		cr.s.opts.Logger.Info("jsonld redirect not followed", "source", cr.s.name, "url", page, "err", err)
		cr.sm.failed(r, false)
		return
	}
	var reason string
	var keep bool
	if r.StatusCode >= 300 {
		reason = fmt.Sprintf("HTTP %d %s", r.StatusCode, http.StatusText(r.StatusCode))
		keep = retryableStatus(r.StatusCode)
	} else {
		reason = err.Error()
		keep = mayPass(err)
	}
	if cr.sm.failed(r, keep) {
		keep = false // a sitemap page's listings are kept open by name (sitemapCrawl.finish)
	}
	cr.pageFailed(page, start, r.StatusCode > 0, keep, reason)
}

// pageFailed counts a failed page and records why; a failed start page
// also fails the crawl. When the failure may pass (a timeout, a
// connection error, 429, 5xx) the page's listings are kept open: its URL
// goes to KeepOpen. A page that answered 404 or another 4xx, or that is
// over the size cap, is not: it is gone, or will not become readable, and
// kept open it would make every later crawl incomplete.
func (cr *crawl) pageFailed(page string, start, fetched, keep bool, reason string) {
	cr.mu.Lock()
	if fetched {
		cr.stats.PagesFetched++
	}
	cr.stats.PagesFailed++
	cr.stats.AddError(fmt.Sprintf("GET %s: %s", page, reason))
	if keep && !start {
		// A start page is an index page, not a listing: its failure
		// fails the crawl rather than keeping anything open.
		cr.stats.KeepOpen = append(cr.stats.KeepOpen, page)
	}
	if start {
		cr.startFailed = append(cr.startFailed, page+": "+reason)
	}
	cr.mu.Unlock()
	cr.s.opts.Logger.Warn("jsonld page failed", "source", cr.s.name, "url", page, "err", reason)
}

// isHTMLish reports whether a Content-Type may hold HTML with JSON-LD;
// an absent type is given the benefit of the doubt.
func isHTMLish(ct string) bool {
	if ct == "" {
		return true
	}
	ct = strings.ToLower(ct)
	return strings.Contains(ct, "html") || strings.Contains(ct, "xml") || strings.HasPrefix(ct, "text/") || strings.Contains(ct, "json")
}
