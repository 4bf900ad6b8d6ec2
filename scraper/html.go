package scraper

import (
	"context"
	"errors"
	"fmt"
	"github.com/PuerkitoBio/goquery"
	"github.com/andybalholm/cascadia"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/config"
)

// htmlSource is the html kind: a job board without JSON-LD, read with the
// CSS selectors of its configuration (see config.HTMLFields). It walks
// list pages from start_urls along the next selector, finds one job per
// item (fields read within it) or per link (fields read on the job's own
// page), and where a job's page holds JSON-LD, the JSON-LD wins.
type htmlSource struct {
	src     config.Source
	opts    Options
	rules   *htmlRules
	starts  []string
	allowed []string // lower-case host names, no port
}

func newHTML(src config.Source, opts Options) (Source, error) {
	rules, err := compileHTMLRules(src)
	if err != nil {
		return nil, fmt.Errorf("html: %w", err)
	}
	s := &htmlSource{src: src, opts: opts, rules: rules}
	if len(src.StartURLs) == 0 {
		return nil, errors.New("html: start_urls is empty")
	}
	for _, raw := range src.StartURLs {
		u, err := url.Parse(strings.TrimSpace(raw))
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("html: start url %q is not an absolute http(s) URL", raw)
		}
		u.Fragment, u.RawFragment = "", ""
		s.starts = append(s.starts, u.String())
	}
	s.allowed = allowedHosts(src)
	return s, nil
}

// allowedHost reports whether a lower-case host name is allowed.
func (s *htmlSource) allowedHost(host string) bool { return containsString(s.allowed, host) }

// allowedURL reports whether abs is on an allowed host.
func (s *htmlSource) allowedURL(abs string) bool {
	u, err := url.Parse(abs)
	return err == nil && containsString(s.allowed, strings.ToLower(u.Hostname()))
}

// htmlCrawl is the state of one Crawl.
type htmlCrawl struct {
	s      *htmlSource
	g      pageGetter
	c      *pageCrawl
	now    time.Time
	budget int // requests left under max_pages
	// listed holds the ids of the jobs read or being read, so that a job
	// on two list pages is read once.
	listed map[string]bool
}

// take spends one request of the max_pages budget; false when none is
// left (the crawl is then incomplete).
func (cr *htmlCrawl) take() bool {
	if cr.budget <= 0 {
		if cr.c.stats.Incomplete == "" {
			cr.c.stats.Incomplete = fmt.Sprintf("max_pages %d reached", cr.g.maxPages())
			cr.c.log.Info("page cap reached", "max_pages", cr.g.maxPages())
		}
		return false
	}
	cr.budget--
	return true
}

// Crawl reads the list pages from start_urls, one at a time, following
// the next selector within the allowed domains, and after each list page
// its jobs' own pages (in parallel, within the source's parallelism),
// handing each list page's listings to sink. max_pages caps list and job
// pages together.
//
// Completeness: a list page that fails, or max_pages reached, makes the
// crawl Incomplete; a job page that fails for a reason that may pass (a
// timeout, a connection error, 429, 5xx) or that max_pages left unread
// keeps its listing open (Stats.KeepOpen) when the list told its id, and
// makes the crawl Incomplete when only the job page could have. A job page
// that is gone (404, another 4xx) or too large fails without being kept
// open; one that robots.txt disallows is not read and not counted as
// failed. Items without a title or a link are skipped and recorded in
// Stats.Errors.
func (s *htmlSource) Crawl(ctx context.Context, sink Sink) (Stats, error) {
	g, err := newPageGetter(s.src, s.opts, s.allowedHost)
	if err != nil {
		return Stats{}, fmt.Errorf("html: %w", err)
	}
	cr := &htmlCrawl{s: s, g: g, c: newPageCrawl(sink, g.logger()), now: s.opts.Now(), budget: g.maxPages(), listed: map[string]bool{}}
	queue := append([]string(nil), s.starts...)
	queued := map[string]bool{}
	for _, u := range queue {
		queued[u] = true
	}
	for len(queue) > 0 && ctx.Err() == nil {
		u := queue[0]
		queue = queue[1:]
		if !cr.take() {
			break
		}
		list, ok := cr.listPage(ctx, u)
		if !ok {
			continue
		}
		for _, next := range list.Next {
			if !queued[next] && s.allowedURL(next) {
				queued[next] = true
				queue = append(queue, next)
			}
		}
		if err := cr.jobs(ctx, list.Jobs); err != nil {
			return cr.c.result(ctx, err)
		}
	}
	if ctx.Err() != nil && cr.c.stats.Incomplete == "" {
		cr.c.stats.Incomplete = "cancelled"
	}
	return cr.c.result(ctx, nil)
}

// listPage fetches and reads one list page; false when it failed.
func (cr *htmlCrawl) listPage(ctx context.Context, u string) (htmlList, bool) {
	body, final, err := cr.g.getPage(ctx, u)
	if err != nil {
		if ctx.Err() == nil {
			cr.c.fail(err)
			if cr.c.stats.Incomplete == "" {
				cr.c.stats.Incomplete = fmt.Sprintf("list page %s failed: %v", u, err)
			}
		}
		return htmlList{}, false
	}
	cr.c.stats.PagesFetched++
	cr.c.good++
	d, err := parseHTMLDoc(body, final)
	if err != nil {
		cr.c.fail(fmt.Errorf("%s: %w", u, err))
		cr.c.stats.Incomplete = fmt.Sprintf("list page %s not understood: %v", u, err)
		return htmlList{}, false
	}
	list := cr.s.rules.readList(d, cr.now)
	for _, e := range list.Skipped {
		cr.c.stats.AddError(fmt.Sprintf("%s: %v", u, e))
		cr.c.log.Warn("item skipped", "url", u, "err", e)
	}
	if len(list.Jobs) == 0 {
		cr.c.stats.PagesEmpty++
	}
	return list, true
}

// jobs reads the pages of jobs (when the source links to them) and hands
// the listings of one list page to the sink.
func (cr *htmlCrawl) jobs(ctx context.Context, jobs []htmlJob) error {
	if cr.s.rules.link == nil {
		var ls []jobstats.Listing
		for _, j := range jobs {
			if l, ok := cr.identify(j, ""); ok {
				ls = append(ls, l)
			}
		}
		return cr.deliver(ctx, ls)
	}
	type result struct {
		l   jobstats.Listing
		ok  bool
		err error
	}
	results := make([]result, len(jobs))
	fetched := make([]bool, len(jobs))
	var wg sync.WaitGroup
	work := make(chan int)
	for range min(cr.g.parallelism(), len(jobs)) {
		wg.Go(func() {
			for i := range work {
				j := jobs[i]
				body, final, err := cr.g.getPage(ctx, j.Page)
				if err != nil {
					results[i].err = err
					continue
				}
				fetched[i] = true
				d, err := parseHTMLDoc(body, final)
				if err != nil {
					results[i].err = err
					continue
				}
				id := cr.s.rules.readDetail(&j.Listing, body, d, cr.now)
				results[i].l, results[i].ok = cr.identify(j, id)
			}
		})
	}
	for i, j := range jobs {
		switch {
		case ctx.Err() != nil:
		case cr.listedID(j) != "" && cr.listed[cr.listedID(j)]:
			// Listed on an earlier page too: read once.
		case !cr.s.allowedURL(j.Page):
			cr.c.stats.AddError(fmt.Sprintf("job page %s is outside allowed_domains; add its host to read it", j.Page))
		case !cr.take():
			results[i].err = errCapped
		default:
			cr.listed[cr.listedID(j)] = true
			work <- i
		}
	}
	close(work)
	wg.Wait()
	var ls []jobstats.Listing
	for i, r := range results {
		if fetched[i] {
			cr.c.stats.PagesFetched++
		}
		switch {
		case r.ok:
			ls = append(ls, r.l)
		case r.err != nil && ctx.Err() == nil:
			switch {
			case errors.Is(r.err, errCapped):
				cr.keepOpen(jobs[i])
			case errors.Is(r.err, ErrDisallowed) || errors.Is(r.err, ErrOffDomain):
				// Not ours to read (robots.txt, or a redirect off the
				// allowed domains): no failure of the site, and nothing
				// to keep open.
				cr.c.stats.AddError(fmt.Sprintf("job page %s not read: %v", jobs[i].Page, r.err))
				cr.c.log.Info("html job page not read", "url", jobs[i].Page, "err", r.err)
			default:
				cr.c.fail(fmt.Errorf("job page %s: %w", jobs[i].Page, r.err))
				if mayPass(r.err) {
					cr.keepOpen(jobs[i])
				}
			}
		}
	}
	return cr.deliver(ctx, ls)
}

// errCapped marks a job page not fetched because max_pages was reached.
var errCapped = errors.New("max_pages reached")

// listedID is the SourceID a job will have when the list alone tells it:
// its id field, else its page; "" when only its own page can tell.
func (cr *htmlCrawl) listedID(j htmlJob) string {
	if j.IDField != "" {
		return j.IDField
	}
	if cr.s.rules.detailHas("id") {
		return ""
	}
	return j.Page
}

// keepOpen keeps a job that could not be read open, or, when the list does
// not tell its id, marks the crawl incomplete.
func (cr *htmlCrawl) keepOpen(j htmlJob) {
	if id := cr.listedID(j); id != "" {
		cr.c.stats.KeepOpen = append(cr.c.stats.KeepOpen, id)
		return
	}
	if cr.c.stats.Incomplete == "" {
		cr.c.stats.Incomplete = fmt.Sprintf("job page %s failed and only it names the job's id", j.Page)
	}
}

// identify gives a read job its identity: the id field (the job page's,
// else the item's), else its page. A job without a title is skipped and
// recorded.
func (cr *htmlCrawl) identify(j htmlJob, detailID string) (jobstats.Listing, bool) {
	id := firstNonEmpty(detailID, j.IDField, j.Page)
	l := j.Listing
	if l.Title == "" || id == "" {
		cr.c.stats.AddError(fmt.Sprintf("job %s: no title", firstNonEmpty(j.Page, id)))
		return l, false
	}
	base := newListing(cr.s.src, id)
	l.ID, l.Source, l.SourceID = base.ID, base.Source, base.SourceID
	l.URL = j.Page
	l.Company = companyName(cr.s.src, l.Company, "")
	return l, true
}

// deliver hands one list page's listings to the sink.
func (cr *htmlCrawl) deliver(ctx context.Context, ls []jobstats.Listing) error {
	if len(ls) == 0 {
		return nil // emptiness is counted per list page
	}
	return cr.c.page(ctx, ls)
}

// SelectorMatch is what one selector of an html source matched on one
// page, as `jobstats sources test` shows it.
type SelectorMatch struct {
	// Page is the address of the page the selector was tried on.
	Page string
	// Selector names it: "next", "item", "link", "fields.title",
	// "detail.salary".
	Selector string
	// CSS is the selector as configured.
	CSS string
	// Matches counts the elements it matched: on the whole page for next,
	// item and link (link within the first item when item is set), within
	// the first item for fields, on the job's page for detail.
	Matches int
	// Value is what it read: the first address for next and link, the
	// first item's title for item, the field's value for fields and detail
	// (after attr and regex); "" when nothing.
	Value string
}

// ProbeSelectors fetches the first list page of an html source and the
// first job page it links to, through the same polite client as a crawl,
// and reports what every selector matched there, in configuration order.
// It fails for another kind, or when the first list page cannot be
// fetched; a job page that cannot be fetched is reported as a match of
// nothing.
func ProbeSelectors(ctx context.Context, src config.Source, opts Options) ([]SelectorMatch, error) {
	if src.Kind != "html" {
		return nil, fmt.Errorf("source %s is of kind %s, not html", src.Name, src.Kind)
	}
	s, err := New(src, opts)
	if err != nil {
		return nil, err
	}
	hs := s.(*htmlSource)
	g, err := newPageGetter(src, hs.opts, hs.allowedHost)
	if err != nil {
		return nil, err
	}
	first := hs.starts[0]
	body, final, err := g.getPage(ctx, first)
	if err != nil {
		return nil, err
	}
	d, err := parseHTMLDoc(body, final)
	if err != nil {
		return nil, err
	}
	r := hs.rules
	var out []SelectorMatch
	whole := func(key, css string, sel goquery.Matcher, scope *goquery.Selection, value func(*goquery.Selection) string) {
		if sel == nil {
			return
		}
		m := within(scope, sel)
		out = append(out, SelectorMatch{Page: first, Selector: key, CSS: css, Matches: m.Length(), Value: value(m.First())})
	}
	href := func(m *goquery.Selection) string { return d.resolve(linkHref(m)) }
	whole("next", src.Next, matcher(r.next), d.doc.Selection, href)
	scope := d.doc.Selection
	if r.item != nil {
		title := func(m *goquery.Selection) string {
			var l jobstats.Listing
			applyFields(&l, r.fields, m, d, hs.opts.Now())
			return l.Title
		}
		whole("item", src.Item, r.item, d.doc.Selection, title)
		scope = within(d.doc.Selection, r.item).First()
	}
	whole("link", src.Link, matcher(r.link), scope, href)
	for _, f := range r.fields {
		v, n := f.read(scope)
		out = append(out, SelectorMatch{Page: first, Selector: "fields." + f.key, CSS: f.css, Matches: n, Value: v})
	}
	if r.link == nil || len(r.detail) == 0 {
		return out, nil
	}
	list := r.readList(d, hs.opts.Now())
	page := ""
	if len(list.Jobs) > 0 {
		page = list.Jobs[0].Page
	}
	var jd htmlDoc
	if page != "" {
		if body, final, err := g.getPage(ctx, page); err == nil {
			jd, _ = parseHTMLDoc(body, final)
		}
	}
	for _, f := range r.detail {
		m := SelectorMatch{Page: page, Selector: "detail." + f.key, CSS: f.css}
		if jd.doc != nil {
			m.Value, m.Matches = f.read(jd.doc.Selection)
		}
		out = append(out, m)
	}
	return out, nil
}

// matcher returns sel as a goquery.Matcher, nil for a nil selector (a
// nil cascadia.Selector in a Matcher interface would not be nil).
func matcher(sel cascadia.Selector) goquery.Matcher {
	if sel == nil {
		return nil
	}
	return sel
}
