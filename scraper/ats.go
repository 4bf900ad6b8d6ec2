package scraper

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/config"
)

// This file holds what the API source kinds (ATS and job boards) share: the
// bookkeeping of one crawl and small field converters.

// pageCrawl keeps the counters of one crawl of an API source, drops
// listings already handed over (boards repeat a posting, pages shift while
// we read them), and decides what Crawl returns.
//
// Error policy, the same for every API kind: a failed request or an
// unparseable page is counted in PagesFailed, recorded in Stats.Errors and
// logged, and the crawl goes on with the next page when there is one.
// Crawl returns an error only when no page at all was fetched and parsed
// (so a source whose only page is malformed fails, and the run record says
// why), when the sink fails, or when ctx is cancelled.
//
// Completeness: a failed or unreadable index (listing) page, max_pages
// reached before the last page, a board that repeats itself, a sink error
// and cancellation make the crawl Incomplete; a detail page that failed
// for a reason that may pass (a timeout, a connection error, 429, 5xx)
// puts that posting's SourceID in KeepOpen instead. A posting the parser
// had to skip (no id or no title) is only reported: it may never become
// readable, and kept open it would block closing for good.
type pageCrawl struct {
	stats    Stats
	sink     Sink
	log      *slog.Logger
	seen     map[string]bool
	good     int   // pages fetched and parsed
	firstErr error // the first page failure
}

func newPageCrawl(sink Sink, log *slog.Logger) *pageCrawl {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &pageCrawl{sink: sink, log: log, seen: make(map[string]bool)}
}

// fail counts a failed page.
func (c *pageCrawl) fail(err error) {
	c.stats.PagesFailed++
	c.stats.AddError(err.Error())
	if c.firstErr == nil {
		c.firstErr = err
	}
	c.log.Warn("page failed", "err", err)
}

// failIndex counts a failed index page: the crawl missed part of the
// source's index.
func (c *pageCrawl) failIndex(page int, err error) {
	c.fail(err)
	c.incomplete(fmt.Sprintf("index page %d failed: %v", page+1, err))
}

// incomplete records why the crawl did not see the whole index; the first
// reason is kept.
func (c *pageCrawl) incomplete(why string) {
	if c.stats.Incomplete == "" {
		c.stats.Incomplete = why
	}
}

// keepOpen records the SourceID of a listed posting that was not handed
// to the sink because fetching its detail failed for a reason that may
// pass.
func (c *pageCrawl) keepOpen(sourceID string) {
	if sourceID != "" && !c.seen[sourceID] {
		c.stats.KeepOpen = append(c.stats.KeepOpen, sourceID)
	}
}

// fetchPage fetches index page number page of a paged crawl: the first
// conditionally, later ones plainly (a 304 has no body to page on from).
// It counts the page fetched and reports false when the crawl ends here:
// the board answered 304 Not Modified, ctx was cancelled, or the request
// failed (counted as a failed index page: without it the next page is
// unknown).
func (c *pageCrawl) fetchPage(ctx context.Context, f *fetcher, u string, hdr http.Header, page int) ([]byte, bool) {
	var body []byte
	var err error
	if page == 0 {
		var notModified bool
		body, notModified, err = f.get(ctx, u, hdr)
		if err == nil && notModified {
			c.stats.PagesFetched++
			c.stats.NotModified = true
			return nil, false
		}
	} else {
		body, err = f.getPlain(ctx, u, hdr)
	}
	if err != nil {
		if ctx.Err() == nil {
			c.failIndex(page, err)
		}
		return nil, false
	}
	c.stats.PagesFetched++
	return body, true
}

// itemErrors records per-item problems of a page that was otherwise read.
func (c *pageCrawl) itemErrors(err error) {
	if err == nil {
		return
	}
	for _, e := range splitErrors(err) {
		c.stats.AddError(e.Error())
		c.log.Warn("listing skipped", "err", e)
	}
}

// page hands the listings of one fetched and parsed page to the sink.
func (c *pageCrawl) page(ctx context.Context, ls []jobstats.Listing) error {
	c.good++
	if len(ls) == 0 {
		c.stats.PagesEmpty++
		return nil
	}
	out := ls[:0]
	for _, l := range ls {
		if c.seen[l.SourceID] {
			continue
		}
		c.seen[l.SourceID] = true
		out = append(out, l)
	}
	if len(out) == 0 {
		return nil
	}
	if err := c.sink(ctx, out); err != nil {
		return fmt.Errorf("sink: %w", err)
	}
	c.stats.Listings += len(out)
	return nil
}

// parsed handles the result of a parse function for index page number
// page: listings with no error are a good page; an error with no listings
// is a failed index page; both are a good page with skipped items.
func (c *pageCrawl) parsed(ctx context.Context, page int, ls []jobstats.Listing, err error) error {
	if err != nil && len(ls) == 0 {
		c.failIndex(page, err)
		return nil
	}
	c.itemErrors(err)
	return c.page(ctx, ls)
}

// result returns the stats and the crawl's error under the policy above.
func (c *pageCrawl) result(ctx context.Context, err error) (Stats, error) {
	c.stats.KeepOpen = slices.DeleteFunc(c.stats.KeepOpen, func(id string) bool { return c.seen[id] })
	slices.Sort(c.stats.KeepOpen)
	c.stats.KeepOpen = slices.Compact(c.stats.KeepOpen)
	if err != nil {
		c.incomplete("stopped: " + err.Error())
		return c.stats, err
	}
	if ctx.Err() != nil {
		c.incomplete(cutShort(ctx))
		return c.stats, context.Cause(ctx)
	}
	if c.good == 0 && !c.stats.NotModified && c.firstErr != nil {
		return c.stats, fmt.Errorf("nothing fetched: %w", c.firstErr)
	}
	return c.stats, nil
}

// capped records that the crawl stopped at max_pages with pages left.
func (c *pageCrawl) capped(limit int) {
	c.incomplete(fmt.Sprintf("max_pages %d reached", limit))
	c.log.Info("max_pages reached", "max_pages", limit)
}

// onePage is the Source of a kind whose whole board is one response
// (greenhouse, ashby, workable, recruitee, remoteok, remotive, jobicy): a
// conditional GET of url, parsed by parse and handed to the sink.
type onePage struct {
	src   config.Source
	opts  Options
	url   string
	parse func(body []byte, src config.Source) ([]jobstats.Listing, error)
}

// Crawl fetches the board and hands its jobs to sink in one batch.
func (p *onePage) Crawl(ctx context.Context, sink Sink) (Stats, error) {
	f, err := newFetcher(p.src, p.opts)
	if err != nil {
		return Stats{}, err
	}
	return crawlOnePage(ctx, f, p.url, nil, func(b []byte) ([]jobstats.Listing, error) {
		return p.parse(b, p.src)
	}, sink)
}

// crawlOnePage is the Crawl of a kind whose whole board is one response:
// a conditional GET of u, parse, sink.
func crawlOnePage(ctx context.Context, f *fetcher, u string, hdr http.Header, parse func([]byte) ([]jobstats.Listing, error), sink Sink) (Stats, error) {
	c := newPageCrawl(sink, f.log)
	body, ok := c.fetchPage(ctx, f, u, hdr, 0)
	if !ok {
		return c.result(ctx, nil)
	}
	ls, perr := parse(body)
	stats, err := c.result(ctx, c.parsed(ctx, 0, ls, perr))
	if err != nil || stats.PagesFailed > 0 {
		// The stored validators describe a body that did not reach the
		// sink: forget them, or the next crawl would get a 304 for it.
		f.forget(u)
	}
	return stats, err
}

// splitErrors undoes errors.Join.
func splitErrors(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

// itemError is a posting of a page that could not be turned into a listing.
func itemError(kind string, i int, id, msg string) error {
	if id != "" {
		return fmt.Errorf("%s posting %d (%s): %s", kind, i, id, msg)
	}
	return fmt.Errorf("%s posting %d: %s", kind, i, msg)
}

// newListing starts a listing of src with the source's own id.
func newListing(src config.Source, sourceID string) jobstats.Listing {
	return jobstats.Listing{
		ID:       jobstats.ListingID(src.Name, sourceID),
		Source:   src.Name,
		SourceID: sourceID,
	}
}

// baseURL returns src.BaseURL, else def, without a trailing slash.
func baseURL(src config.Source, def string) string {
	b := strings.TrimSpace(src.BaseURL)
	if b == "" {
		b = def
	}
	return strings.TrimRight(b, "/")
}

// companyName picks the employer's name: the configured company_name (it
// overrides the API's, see config.Source.CompanyName), else the API's,
// else the slug title-cased ("match-group" → "Match Group").
func companyName(src config.Source, fromAPI, slug string) string {
	if s := jobstats.TrimSpace(src.CompanyName); s != "" {
		return s
	}
	if s := jobstats.TrimSpace(fromAPI); s != "" {
		return s
	}
	return titleSlug(slug)
}

// titleSlug turns a URL slug into words with capital initials.
func titleSlug(slug string) string {
	words := strings.FieldsFunc(slug, func(r rune) bool { return r == '-' || r == '_' || r == '.' || unicode.IsSpace(r) })
	for i, w := range words {
		r := []rune(w)
		r[0] = unicode.ToUpper(r[0])
		words[i] = string(r)
	}
	return strings.Join(words, " ")
}

// fromMillis converts epoch milliseconds to UTC; zero for 0 or less.
func fromMillis(ms int64) time.Time {
	if ms <= 0 {
		return time.Time{}
	}
	return time.UnixMilli(ms).UTC()
}

// fieldSalary builds a structured salary from whole-unit bounds. It
// returns nil when neither bound is positive or the period is unknown.
// Reversed bounds are put in order.
func fieldSalary(min, max float64, currency string, period jobstats.Period) *jobstats.Salary {
	return amountSalary(jobstats.AmountOf(min), jobstats.AmountOf(max), currency, period)
}

// amountSalary is fieldSalary for bounds already in hundredths.
func amountSalary(min, max jobstats.Amount, currency string, period jobstats.Period) *jobstats.Salary {
	if min < 0 {
		min = 0
	}
	if max < 0 {
		max = 0
	}
	if (min == 0 && max == 0) || period == jobstats.PeriodUnknown {
		return nil
	}
	if min > 0 && max > 0 && min > max {
		min, max = max, min
	}
	return &jobstats.Salary{
		Min:      min,
		Max:      max,
		Currency: strings.ToUpper(strings.TrimSpace(currency)),
		Period:   period,
		From:     jobstats.SalaryFromField,
	}
}

// parseAmount reads a decimal amount written as a string ("75.00",
// "60000", "1,500.50"); 0 when unreadable.
func parseAmount(s string) float64 {
	s = strings.ReplaceAll(strings.TrimSpace(s), ",", "")
	if s == "" {
		return 0
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0
	}
	return v
}

// workplaceOf reads a workplace type as the APIs write it ("remote",
// "Hybrid", "OnSite", "on-site", "in_office").
func workplaceOf(s string) jobstats.Workplace {
	k := strings.Map(func(r rune) rune {
		if r == '-' || r == '_' || r == ' ' {
			return -1
		}
		return unicode.ToLower(r)
	}, s)
	switch k {
	case "remote", "fullyremote", "remoteonly":
		return jobstats.WorkplaceRemote
	case "hybrid":
		return jobstats.WorkplaceHybrid
	case "onsite", "office", "inoffice", "inperson", "onpremise":
		return jobstats.WorkplaceOnsite
	}
	return jobstats.WorkplaceUnknown
}

// mentionsRemote reports whether a location text says the job is remote.
func mentionsRemote(s string) bool {
	return strings.Contains(strings.ToLower(s), "remote")
}

// joinNonEmpty joins the non-blank parts with sep.
func joinNonEmpty(sep string, parts ...string) string {
	out := make([]string, 0, len(parts))
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}

// errEmptyBody is returned by parse functions for a response with no content.
var errEmptyBody = errors.New("empty response body")

// flexString is a JSON value that APIs write as a string or a number
// (ids, amounts); null reads as "".
type flexString string

// UnmarshalJSON accepts a string, a number, a boolean or null.
func (s *flexString) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case len(b) == 0 || string(b) == "null":
		*s = ""
	case b[0] == '"':
		var v string
		if err := json.Unmarshal(b, &v); err != nil {
			return err
		}
		*s = flexString(v)
	case b[0] == '{' || b[0] == '[':
		return fmt.Errorf("want a string or number, got %.20s", b)
	default:
		*s = flexString(b)
	}
	return nil
}

// mayPass reports whether a fetch error may go away by itself (a timeout,
// a connection error, 429, 5xx), as opposed to an answer such as 404 that
// says the page is gone, or a body over the size cap.
func mayPass(err error) bool {
	var se *statusError
	if errors.As(err, &se) {
		return retryableStatus(se.Status)
	}
	return !errors.Is(err, ErrTooLarge) && !errors.Is(err, ErrDisallowed) && !errors.Is(err, ErrOffDomain)
}

// cutShort says why ctx ended a crawl, for Stats.Incomplete: "timed out"
// for a deadline, else "cancelled", with the cause.
func cutShort(ctx context.Context) string {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return "timed out: " + context.Cause(ctx).Error()
	}
	return "cancelled: " + context.Cause(ctx).Error()
}
