package scraper

import (
	"context"
	"log/slog"
	"net/http"
	"net/url"

	"github.com/jobstats/jobstats/config"
)

// pageGetter fetches web pages for the kinds that crawl sites (html,
// discovery): politely, robots.txt obeyed, with the address each page came
// from after redirects.
type pageGetter interface {
	// getPage returns the body of rawURL and the address it came from; on
	// an error, that address when a response came, else nil.
	getPage(ctx context.Context, rawURL string) (body []byte, final *url.URL, err error)
	// robotsSitemaps returns the Sitemap lines of the robots.txt of u's
	// host, read once per crawl (the same read that decides what may be
	// fetched).
	robotsSitemaps(ctx context.Context, u *url.URL) []string
	parallelism() int
	maxPages() int
	logger() *slog.Logger
}

// pageFetcher is the pageGetter on the shared fetcher, its transport
// consulting robots.txt for every request, redirect targets included.
type pageFetcher struct{ f *fetcher }

// newPageGetter builds the pageGetter of one crawl of src. allowHost, when
// not nil, refuses hosts (lower case) it rejects, redirect targets
// included.
func newPageGetter(src config.Source, opts Options, allowHost func(host string) bool) (pageGetter, error) {
	t, err := newPoliteTransport(src, opts, politeOptions{robots: true, allowHost: allowHost})
	if err != nil {
		return nil, err
	}
	return pageFetcher{f: &fetcher{
		t:          t,
		client:     &http.Client{Transport: t, CheckRedirect: limitRedirects},
		validators: nil, // pages are read in full
		log:        t.log,
	}}, nil
}

func (p pageFetcher) parallelism() int     { return p.f.parallelism() }
func (p pageFetcher) maxPages() int        { return p.f.maxPages() }
func (p pageFetcher) logger() *slog.Logger { return p.f.log }

// getPage fetches rawURL, following redirects.
func (p pageFetcher) getPage(ctx context.Context, rawURL string) ([]byte, *url.URL, error) {
	hdr := http.Header{}
	hdr.Set("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5")
	return p.f.getPage(ctx, rawURL, hdr)
}

// robotsSitemaps returns the sitemaps the robots.txt of u's host names.
func (p pageFetcher) robotsSitemaps(ctx context.Context, u *url.URL) []string {
	hs := p.f.t.host(u)
	if _, err := p.f.t.robotsAllow(ctx, hs, u); err != nil || hs.robots == nil {
		return nil
	}
	return hs.robots.sitemaps
}
