package scraper

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"sort"
	"time"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/config"
)

// Source crawls one configured job source.
type Source interface {
	// Crawl fetches the source and hands every batch of extracted listings
	// (one page's worth, or fewer) to sink as soon as it is extracted. It
	// returns the crawl's counters even when it returns an error; pages that
	// fail are counted in Stats and do not stop the crawl. An error from
	// sink stops the crawl and is returned. Crawl returns ctx.Err() when
	// ctx is cancelled, after handing over what was already extracted.
	Crawl(ctx context.Context, sink Sink) (Stats, error)
}

// Sink receives extracted listings. The slice is not used by the source
// after Sink returns.
type Sink func(ctx context.Context, batch []jobstats.Listing) error

// Stats counts what one crawl did.
type Stats struct {
	PagesFetched int // responses received and read (any status handled)
	PagesFailed  int // requests that failed, or responses that could not be parsed
	PagesEmpty   int // pages fetched that held no posting
	Listings     int // listings handed to the sink
	// NotModified is true when the source answered 304 Not Modified to a
	// conditional request: nothing changed since the last crawl, nothing
	// was handed to the sink, and the caller keeps the source's listings open.
	NotModified bool
	// Incomplete says why the crawl did not see the source's whole index
	// ("max_pages 200 reached", "index page 3 failed: ...", "cancelled");
	// "" when it did. Only a complete crawl lets the caller close listings
	// it did not see. A failed detail page does not make a crawl
	// incomplete: its listing's id goes to KeepOpen instead.
	Incomplete string
	// KeepOpen holds the SourceIDs of listings the source still lists but
	// whose details could not be fetched for a reason that may pass (a
	// timeout, a connection error, 429, 5xx; not a 404, which says the
	// posting is gone): they were not handed to the sink, and the caller
	// must not close them.
	//
	// The jsonld kind cannot know the SourceID of a page it could not read
	// (a posting's identifier is inside the page), so it records the page's
	// URL, which is the SourceID of a posting without an identifier of its
	// own. An entry that matches no stored listing may have been an index
	// page whose links were lost: the caller must then treat the crawl as
	// incomplete (it may first try Listing.URL, which is the page URL for
	// most postings).
	KeepOpen []string
	// Unchanged holds the SourceIDs of listings the source still lists and
	// knows to be unchanged since they were stored, so it did not fetch
	// them again: the jsonld kind's pages whose sitemap lastmod is the one
	// they had when they were read, and its pages that answered 304 Not
	// Modified (it asks conditionally only for pages whose postings have
	// the page URL as SourceID, so the URL is the entry). They were not
	// handed to the sink; the caller must count them as seen in this run
	// (jobstats.Sweep.Listed: LastSeen the run's start, so not closed),
	// and, when one of them is not an open stored listing, drop the
	// source's page memory (see IsPageMemory) and the validators stored
	// under these entries, so that the next crawl reads those pages again.
	Unchanged []string
	// Errors holds the first jobstats.MaxRunErrors error messages.
	Errors []string
}

// AddError counts nothing; it records msg unless enough are kept already.
func (s *Stats) AddError(msg string) {
	if len(s.Errors) < jobstats.MaxRunErrors {
		s.Errors = append(s.Errors, msg)
	}
}

// Options are the settings shared by every source.
type Options struct {
	// UserAgent is sent with every request; required.
	UserAgent string
	// Logger receives progress and per-page failures; nil discards.
	Logger *slog.Logger
	// Transport, when set, is the transport below the politeness layer
	// (tests, benchmarks, request counters); nil means
	// http.DefaultTransport, or for jsonld one sized to its parallelism.
	// Politeness itself is never bypassed.
	Transport http.RoundTripper
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Sleep waits d or until ctx ends (returning its cause); nil means a
	// timer. Tests inject it with Now to make backoff, Retry-After and rate
	// waits instant and exact.
	Sleep func(ctx context.Context, d time.Duration) error
	// jitter draws the backoff in [0, max); nil means uniformly random.
	// Tests set it to make backoff exact.
	jitter func(max time.Duration) time.Duration
	// Env looks up environment variables (API keys); nil means os.Getenv.
	Env func(string) string
	// Validators remembers ETag and Last-Modified per URL for conditional
	// requests; nil disables them.
	Validators Validators
}

// Validators stores HTTP cache validators between crawls. Storage provides
// the persistent implementation.
//
// The jsonld kind also keeps, under keys that start with pageMemoryPrefix
// ("jsonld-page "), what it read from each page a sitemap lists: the
// page's lastmod then (lastModified) and the SourceIDs of its listings
// (etag, as a JSON array). Implementations store both strings as they are.
type Validators interface {
	Validator(url string) (etag, lastModified string)
	SetValidator(url, etag, lastModified string)
}

// constructor builds a Source of one kind from its configuration.
type constructor func(src config.Source, opts Options) (Source, error)

// Kinds returns the names of every source kind, sorted.
func Kinds() []string {
	names := make([]string, 0, len(kinds))
	for k := range kinds {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

// New returns the Source for src. It fails for an unknown kind or a
// configuration the kind cannot use.
func New(src config.Source, opts Options) (Source, error) {
	ctor, ok := kinds[src.Kind]
	if !ok {
		return nil, fmt.Errorf("source %s: unknown kind %q", src.Name, src.Kind)
	}
	s, err := ctor(src, withDefaults(opts))
	if err != nil {
		return nil, fmt.Errorf("source %s: %w", src.Name, err)
	}
	return s, nil
}

// withDefaults fills the Options left zero: a discarding Logger, time.Now,
// os.Getenv.
func withDefaults(opts Options) Options {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Env == nil {
		opts.Env = os.Getenv
	}
	return opts
}
