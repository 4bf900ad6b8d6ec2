package scraper

import (
	"context"
	"log/slog"
	"net/http"
	"net/url"
	"sync/atomic"

	"github.com/jobstats/jobstats/config"
)

// pageGetter fetches web pages for the kinds that crawl sites (html,
// discovery): the body and the address it came from after redirects.
type pageGetter interface {
	// getPage returns the body of rawURL and the address it came from; on
	// an error, the address of the last request sent, nil when none was.
	getPage(ctx context.Context, rawURL string) (body []byte, final *url.URL, err error)
	parallelism() int
	logger() *slog.Logger
}

// fetchPages is the pageGetter on the shared fetcher: its politeness, and
// a transport underneath that notes where each request ended up.
type fetchPages struct {
	f   *fetcher
	par int
}

// newPageGetter builds the pageGetter of one crawl of src.
func newPageGetter(src config.Source, opts Options) (pageGetter, error) {
	opts.Transport = lastURLTransport{next: opts.Transport}
	f, err := newFetcher(src, opts)
	if err != nil {
		return nil, err
	}
	return &fetchPages{f: f, par: cap(f.sem)}, nil
}

func (p *fetchPages) parallelism() int     { return p.par }
func (p *fetchPages) logger() *slog.Logger { return p.f.log }

// getPage fetches rawURL (following redirects) and returns the body and the
// address of the last request; on an error, the address of the last
// request sent (nil when none was).
func (p *fetchPages) getPage(ctx context.Context, rawURL string) ([]byte, *url.URL, error) {
	var last atomic.Pointer[url.URL]
	hdr := http.Header{}
	hdr.Set("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5")
	body, err := p.f.getPlain(context.WithValue(ctx, lastURLKey{}, &last), rawURL, hdr)
	if err != nil {
		return nil, last.Load(), err
	}
	final := last.Load()
	if final == nil {
		u, err := url.Parse(rawURL)
		if err != nil {
			return nil, nil, err
		}
		final = u
	}
	return body, final, nil
}

// lastURLKey keys, in a request's context, the *atomic.Pointer[url.URL]
// that lastURLTransport sets to each request it sends.
type lastURLKey struct{}

// lastURLTransport notes the address of every request it carries in the
// request context's lastURLKey: after a redirect, the last is the page's.
type lastURLTransport struct{ next http.RoundTripper }

// RoundTrip notes req's address and sends it on.
func (t lastURLTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if p, ok := req.Context().Value(lastURLKey{}).(*atomic.Pointer[url.URL]); ok {
		p.Store(req.URL)
	}
	next := t.next
	if next == nil {
		next = http.DefaultTransport
	}
	return next.RoundTrip(req)
}
