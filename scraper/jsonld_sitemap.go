package scraper

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"sync"

	"github.com/gocolly/colly/v2"

	"github.com/jobstats/jobstats"
)

// This file is the jsonld kind's crawl from sitemaps: which pages the
// sitemaps list, which of them changed since they were read, and what the
// crawl may say about the rest.
//
// The contract with the caller (see Stats.Unchanged and Validators):
//   - a page the sitemaps list whose lastmod is the one it had when it was
//     last read is not fetched: the SourceIDs it held then go to
//     Stats.Unchanged, and the caller counts those listings as seen;
//   - a page that is read has its lastmod and SourceIDs remembered in
//     Options.Validators under pageMemoryPrefix + its URL (IsPageMemory);
//     the caller persists them with the other validators whenever every
//     listing handed over was stored, complete run or not, and drops them
//     all when an unchanged listing is not open in its store;
//   - a listed page that could not be read (failed, disallowed, or beyond
//     max_pages) keeps the listings it held open (Stats.KeepOpen); when it
//     was never read, nothing names them, and the crawl is Incomplete;
//   - a sitemap that cannot be read makes the crawl Incomplete. Otherwise
//     completeness comes from the sitemaps: a listing whose page they no
//     longer list may be closed.

// ctxSitemapPage marks, in a request's colly context, a page a sitemap
// lists; its value is the page's URL as listed.
const ctxSitemapPage = "jsonld.sitemap"

// sitemapCrawl is the sitemap part of one jsonld crawl.
type sitemapCrawl struct {
	mem Validators // nil: every listed page is fetched

	mu      sync.Mutex
	pages   []*sitemapPage // in sitemap order
	byURL   map[string]*sitemapPage
	errs    []string // sitemaps that could not be read
	noneYet bool     // no sitemap was found at all
}

// sitemapPage is one page the sitemaps list.
type sitemapPage struct {
	url     string
	lastmod string
	mem     pageMemory
	known   bool // mem holds what the page held when last read
	done    bool // unchanged, or read in this crawl
}

// planSitemaps reads the sitemaps (and, with robots_sitemaps, those
// robots.txt names), counts them in cr.stats, marks every page they list
// as seen by the crawl (so that links from start pages do not fetch them
// again), and puts the unchanged pages' listings in Stats.Unchanged.
func (s *jsonldSource) planSitemaps(ctx context.Context, cr *crawl) *sitemapCrawl {
	sm := &sitemapCrawl{mem: s.opts.Validators, byURL: map[string]*sitemapPage{}}
	// The crawl's own transport: one robots.txt, one budget per host.
	f := &fetcher{t: cr.t, client: &http.Client{Transport: cr.t, CheckRedirect: limitRedirects}, log: cr.t.log}
	r := &sitemapReader{f: f}
	roots := append([]string(nil), s.src.Sitemaps...)
	var robotsFailed []string
	if s.src.RobotsSitemaps {
		var found []string
		found, robotsFailed = r.robotsSitemaps(ctx, s.origins())
		roots = append(roots, found...)
		sm.noneYet = len(roots) == 0 && len(s.starts) == 0
	}
	pages, fetched, failed := r.read(ctx, roots)
	sm.errs = append(robotsFailed, failed...)

	cr.mu.Lock()
	defer cr.mu.Unlock()
	cr.stats.PagesFetched += fetched
	for _, msg := range sm.errs {
		cr.stats.PagesFailed++
		cr.stats.AddError(msg)
		s.opts.Logger.Warn("jsonld sitemap failed", "source", s.name, "err", msg)
	}
	starts := map[string]bool{}
	for _, u := range s.starts {
		starts[u.String()] = true
	}
	for _, p := range pages {
		// A start page is read as one (its links followed), every time.
		if starts[p.Loc] || !s.allowedHost(p.Loc) || (len(s.follow) > 0 && !s.followed(p.Loc)) {
			continue
		}
		sp := &sitemapPage{url: p.Loc, lastmod: p.Lastmod}
		sp.mem, sp.known = recallPage(sm.mem, p.Loc)
		if sp.known && sameLastmod(sp.mem.Lastmod, p.Lastmod) {
			sp.done = true
			cr.stats.Unchanged = append(cr.stats.Unchanged, sp.mem.SourceIDs...)
		}
		sm.pages = append(sm.pages, sp)
		sm.byURL[p.Loc] = sp
		cr.seen[p.Loc] = struct{}{}
	}
	s.opts.Logger.Debug("jsonld sitemaps read", "source", s.name, "sitemaps", fetched, "pages", len(sm.pages),
		"unchanged", len(cr.stats.Unchanged), "failed", len(sm.errs))
	return sm
}

// origins returns the scheme and host of every start URL and sitemap,
// once each, for their robots.txt.
func (s *jsonldSource) origins() []string {
	var out []string
	add := func(u *url.URL) {
		if o := u.Scheme + "://" + u.Host; u.Host != "" && !containsString(out, o) {
			out = append(out, o)
		}
	}
	for _, u := range s.starts {
		add(u)
	}
	for _, raw := range s.src.Sitemaps {
		if u, err := url.Parse(raw); err == nil {
			add(u)
		}
	}
	return out
}

// enqueue queues the pages that changed (or were never read) and that
// robots.txt allows, as many as max_pages leaves room for; the rest are
// handled by finish.
func (sm *sitemapCrawl) enqueue(cr *crawl) {
	if sm == nil {
		return
	}
	for _, p := range sm.pages {
		sm.mu.Lock()
		done := p.done
		sm.mu.Unlock()
		if done || cr.ctx.Err() != nil {
			continue
		}
		u, err := url.Parse(p.url)
		if err != nil {
			continue
		}
		ok, err := cr.t.robotsAllow(cr.ctx, cr.t.host(u), u)
		if err != nil {
			return // the crawl is stopping
		}
		if !ok {
			// Not ours to read: nothing of it is kept, as for any page.
			sm.mu.Lock()
			p.done = true
			sm.mu.Unlock()
			continue
		}
		if !cr.reserve() {
			return
		}
		ctx := colly.NewContext()
		ctx.Put(ctxSitemapPage, p.url)
		cr.front.push(frontierJob{url: p.url, ctx: ctx})
	}
}

// owns reports whether r is the response to a page a sitemap lists.
func (sm *sitemapCrawl) owns(r *colly.Response) bool {
	return sm != nil && r.Ctx.Get(ctxSitemapPage) != ""
}

// read records a sitemap page that was read: its listings (already handed
// to the sink) are remembered with the page's lastmod, unless the page
// could not be fully read or the sink failed.
func (sm *sitemapCrawl) read(cr *crawl, r *colly.Response, listings []jobstats.Listing, errs []error) {
	if !sm.owns(r) {
		return
	}
	cr.sinkMu.Lock()
	sinkErr := cr.sinkErr
	cr.sinkMu.Unlock()
	if sinkErr != nil || len(errs) > 0 {
		return
	}
	u := r.Ctx.Get(ctxSitemapPage)
	sm.mu.Lock()
	p := sm.byURL[u]
	if p != nil {
		p.done = true
	}
	sm.mu.Unlock()
	if p == nil {
		return
	}
	ids := make([]string, 0, len(listings))
	for i := range listings {
		ids = append(ids, listings[i].SourceID)
	}
	lastmod := p.lastmod
	if lastmod == "" {
		lastmod = noLastmod // remembered only to name its listings
	}
	rememberPage(sm.mem, u, lastmod, ids)
}

// notModified records a sitemap page answered 304 Not Modified (it was
// requested conditionally): what it held is unchanged, and its memory
// takes the sitemap's new lastmod. It reports false for a response that is
// no sitemap page's, or one whose memory is lost. cr.mu is held.
func (sm *sitemapCrawl) notModified(cr *crawl, r *colly.Response) bool {
	if !sm.owns(r) {
		return false
	}
	u := r.Ctx.Get(ctxSitemapPage)
	sm.mu.Lock()
	defer sm.mu.Unlock()
	p := sm.byURL[u]
	if p == nil || !p.known {
		return false
	}
	p.done = true
	cr.stats.Unchanged = append(cr.stats.Unchanged, p.mem.SourceIDs...)
	lastmod := p.lastmod
	if lastmod == "" {
		lastmod = noLastmod
	}
	rememberPage(sm.mem, u, lastmod, p.mem.SourceIDs)
	return true
}

// failed records a sitemap page that could not be read: one whose failure
// may pass (keep) is left for finish, which keeps its listings open by
// name; any other (a 404, a disallowed redirect) is gone, and nothing of
// it is kept. It reports whether r was a sitemap page's.
func (sm *sitemapCrawl) failed(r *colly.Response, keep bool) bool {
	if !sm.owns(r) {
		return false
	}
	if !keep {
		sm.mu.Lock()
		if p := sm.byURL[r.Ctx.Get(ctxSitemapPage)]; p != nil {
			p.done = true
		}
		sm.mu.Unlock()
	}
	return true
}

// noLastmod is the lastmod remembered for a page its sitemap gives none:
// it names the page's listings, and never matches (the page is fetched
// every time).
const noLastmod = "none"

// finish keeps open the listings of the listed pages that were not read
// (failed, disallowed, beyond max_pages, cancelled), and says why the
// crawl is incomplete when a sitemap could not be read or a page that was
// not read was never read before.
func (sm *sitemapCrawl) finish(st *Stats) {
	if sm == nil {
		return
	}
	sm.mu.Lock()
	defer sm.mu.Unlock()
	unknown := 0
	for _, p := range sm.pages {
		if p.done {
			continue
		}
		if p.known {
			st.KeepOpen = append(st.KeepOpen, p.mem.SourceIDs...)
		} else {
			unknown++
		}
	}
	why := ""
	switch {
	case len(sm.errs) > 0:
		why = "sitemap not read: " + sm.errs[0]
	case sm.noneYet:
		why = "robots.txt names no sitemap"
	case unknown > 0:
		why = fmt.Sprintf("%d pages the sitemaps list were not read, and were never read before", unknown)
	}
	if why != "" && st.Incomplete == "" {
		st.Incomplete = why
	}
}
