package scraper

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gocolly/colly/v2"
	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/config"
)

// Defaults of the jsonld kind.
const (
	jsonldMaxPages    = 1000
	jsonldParallelism = 4
	jsonldTimeout     = 30 * time.Second
	jsonldMaxBody     = 10 << 20
)

// jsonldSource crawls a website from its start URLs, follows the links
// that match its follow expressions, and extracts the schema.org
// JobPosting JSON-LD of every page.
type jsonldSource struct {
	name        string
	company     string
	userAgent   string
	opts        Options
	starts      []*url.URL
	follow      []*regexp.Regexp
	allowed     []string // lower-case host names, no port
	maxPages    int
	parallelism int
	delay       time.Duration
	timeout     time.Duration
	maxBody     int
}

// newJSONLD builds a jsonld source. It fails when start_urls is empty or
// holds a URL that is not absolute http(s), or a follow expression does not
// compile.
func newJSONLD(src config.Source, opts Options) (Source, error) {
	s := &jsonldSource{
		name:        src.Name,
		company:     strings.TrimSpace(src.CompanyName),
		userAgent:   opts.UserAgent,
		opts:        opts,
		maxPages:    src.MaxPages,
		parallelism: src.Parallelism,
		delay:       src.Delay.D(),
		timeout:     src.Timeout.D(),
		maxBody:     int(src.MaxBodySize),
	}
	if len(src.StartURLs) == 0 {
		return nil, errors.New("jsonld: start_urls is empty")
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
	for _, d := range src.AllowedDomains {
		d = strings.ToLower(strings.TrimSpace(d))
		if h, _, err := net.SplitHostPort(d); err == nil {
			d = h
		}
		if d != "" && !containsString(s.allowed, d) {
			s.allowed = append(s.allowed, d)
		}
	}
	if len(s.allowed) == 0 {
		for _, u := range s.starts {
			if h := u.Hostname(); !containsString(s.allowed, h) {
				s.allowed = append(s.allowed, h)
			}
		}
	}
	if s.maxPages <= 0 {
		s.maxPages = jsonldMaxPages
	}
	if s.parallelism <= 0 {
		s.parallelism = jsonldParallelism
	}
	if s.timeout <= 0 {
		s.timeout = jsonldTimeout
	}
	if s.maxBody <= 0 {
		s.maxBody = jsonldMaxBody
	}
	return s, nil
}

// crawl is the state of one Crawl, shared by colly's callbacks.
type crawl struct {
	s      *jsonldSource
	parent context.Context // the caller's context, handed to the sink
	ctx    context.Context // parent, also cancelled by a sink error
	cancel context.CancelCauseFunc
	c      *colly.Collector
	sink   Sink

	mu       sync.Mutex
	stats    Stats
	seen     map[string]struct{} // every link considered, fragment stripped
	queued   int                 // requests queued, at most s.maxPages
	capped   bool                // max_pages was reached
	sinkMu   sync.Mutex
	sinkErr  error
	listings int
}

// Crawl fetches the start URLs and every followed link, at most max_pages
// requests, and hands each page's listings to sink. See Source.
func (s *jsonldSource) Crawl(ctx context.Context, sink Sink) (Stats, error) {
	cctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	cr := &crawl{s: s, parent: ctx, ctx: cctx, cancel: cancel, sink: sink, seen: make(map[string]struct{}, 1024)}

	c := colly.NewCollector(colly.StdlibContext(cctx), colly.Async(true))
	// NewCollector applies COLLY_* environment variables after options:
	// set everything that matters afterwards.
	c.UserAgent = s.userAgent
	c.IgnoreRobotsTxt = false
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
	c.MaxBodySize = s.maxBody + 1 // one byte more tells an oversize body
	c.SetRedirectHandler(nil)
	c.SetRequestTimeout(s.timeout)
	var own *http.Transport
	if s.opts.Transport != nil {
		c.WithTransport(s.opts.Transport)
	} else {
		own = &http.Transport{
			Proxy:                 http.ProxyFromEnvironment,
			DialContext:           (&net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
			ForceAttemptHTTP2:     true,
			MaxIdleConns:          100,
			MaxIdleConnsPerHost:   s.parallelism * 2,
			IdleConnTimeout:       90 * time.Second,
			TLSHandshakeTimeout:   10 * time.Second,
			ExpectContinueTimeout: time.Second,
		}
		c.WithTransport(own)
		defer own.CloseIdleConnections()
	}
	// One rule per allowed host, so that parallelism is per host; the
	// catch-all covers the rest.
	for _, d := range s.allowed {
		rule := &colly.LimitRule{DomainRegexp: `^` + regexp.QuoteMeta(d) + `(:\d+)?$`, Parallelism: s.parallelism, Delay: s.delay}
		if err := c.Limit(rule); err != nil {
			return Stats{}, fmt.Errorf("jsonld: limit %s: %w", d, err)
		}
	}
	if err := c.Limit(&colly.LimitRule{DomainGlob: "*", Parallelism: s.parallelism, Delay: s.delay}); err != nil {
		return Stats{}, fmt.Errorf("jsonld: limit: %w", err)
	}
	c.OnResponseHeaders(cr.onHeaders)
	c.OnResponse(cr.onResponse)
	c.OnError(cr.onError)
	cr.c = c

	for _, u := range s.starts {
		cr.enqueue(u.String(), true)
	}
	c.Wait()

	cr.mu.Lock()
	stats := cr.stats
	cr.mu.Unlock()
	cr.sinkMu.Lock()
	stats.Listings = cr.listings
	sinkErr := cr.sinkErr
	cr.sinkMu.Unlock()
	s.opts.Logger.Debug("jsonld crawl done", "source", s.name,
		"pages", stats.PagesFetched, "failed", stats.PagesFailed, "empty", stats.PagesEmpty, "listings", stats.Listings)
	if err := ctx.Err(); err != nil {
		return stats, err
	}
	return stats, sinkErr
}

// enqueue queues an absolute URL unless it was seen before, is outside the
// allowed domains, does not match follow (start URLs need not), or
// max_pages requests are queued already.
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
	if cr.queued >= cr.s.maxPages {
		if !cr.capped {
			cr.capped = true
			cr.s.opts.Logger.Info("jsonld max_pages reached", "source", cr.s.name, "max_pages", cr.s.maxPages)
		}
		cr.mu.Unlock()
		return
	}
	cr.queued++
	cr.mu.Unlock()

	err := cr.c.Visit(abs)
	if err == nil {
		return
	}
	cr.mu.Lock()
	defer cr.mu.Unlock()
	var visited *colly.AlreadyVisitedError
	switch {
	case errors.Is(err, colly.ErrRobotsTxtBlocked):
		cr.queued--
		cr.s.opts.Logger.Debug("jsonld robots.txt disallows", "source", cr.s.name, "url", abs)
		if start {
			cr.stats.AddError(fmt.Sprintf("GET %s: disallowed by robots.txt", abs))
		}
	case errors.As(err, &visited), errors.Is(err, colly.ErrForbiddenDomain):
		cr.queued--
	case cr.ctx.Err() != nil:
		cr.queued--
	default:
		// The URL could not be requested at all (robots.txt unreachable, bad URL).
		cr.stats.PagesFailed++
		cr.stats.AddError(fmt.Sprintf("GET %s: %v", abs, err))
		cr.s.opts.Logger.Warn("jsonld request failed", "source", cr.s.name, "url", abs, "err", err)
	}
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

// ctxOversize marks, in a request's colly context, a response refused for
// its declared length.
const ctxOversize = "jsonld.oversize"

func (cr *crawl) onHeaders(r *colly.Response) {
	if cl := r.Headers.Get("Content-Length"); cl != "" {
		if n, err := strconv.ParseInt(cl, 10, 64); err == nil && n > int64(cr.s.maxBody) {
			r.Ctx.Put(ctxOversize, cl)
			r.Request.Abort()
		}
	}
}

func (cr *crawl) onResponse(r *colly.Response) {
	page := r.Request.URL
	if len(r.Body) > cr.s.maxBody {
		cr.fail(page, true, fmt.Sprintf("body larger than max_body_size (%d bytes)", cr.s.maxBody))
		return
	}
	if !isHTMLish(r.Headers.Get("Content-Type")) {
		cr.mu.Lock()
		cr.stats.PagesFetched++
		cr.stats.PagesEmpty++
		cr.mu.Unlock()
		return
	}
	listings, errs := extractPage(r.Body, page, cr.onLink)
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
	if len(listings) > 0 {
		cr.deliver(listings)
	}
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

func (cr *crawl) onError(r *colly.Response, err error) {
	if cr.ctx.Err() != nil {
		// The crawl is stopping (cancelled, or the sink said stop: the
		// error is then the sink's, as the request's context cause); not
		// the page's fault.
		return
	}
	var reason string
	switch {
	case r.StatusCode >= 300:
		reason = fmt.Sprintf("HTTP %d %s", r.StatusCode, http.StatusText(r.StatusCode))
	case errors.Is(err, colly.ErrAbortedAfterHeaders) && r.Ctx.Get(ctxOversize) != "":
		reason = fmt.Sprintf("body of %s bytes larger than max_body_size (%d bytes)", r.Ctx.Get(ctxOversize), cr.s.maxBody)
	default:
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		if ne, ok := err.(net.Error); ok && ne.Timeout() {
			reason = fmt.Sprintf("timeout after %s", cr.s.timeout)
		} else {
			reason = err.Error()
		}
	}
	cr.fail(r.Request.URL, r.StatusCode > 0, reason)
}

// fail counts a failed page and records why.
func (cr *crawl) fail(u *url.URL, fetched bool, reason string) {
	cr.mu.Lock()
	if fetched {
		cr.stats.PagesFetched++
	}
	cr.stats.PagesFailed++
	cr.stats.AddError(fmt.Sprintf("GET %s: %s", u, reason))
	cr.mu.Unlock()
	cr.s.opts.Logger.Warn("jsonld page failed", "source", cr.s.name, "url", u.String(), "err", reason)
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
