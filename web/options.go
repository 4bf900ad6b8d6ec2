package web

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/jobstats/jobstats/stats"
)

// DefaultLatest is how many of the latest openings a page lists when
// Options.Latest is 0.
const DefaultLatest = 8

// Options configure the static site (WriteSite) and the live server
// (NewServer). Only Summaries is required.
type Options struct {
	// Summaries computes every figure.
	Summaries Summarizer
	// Archive gives the trend and the latest openings; nil leaves them
	// out.
	Archive Archive
	// Base is the filter every page starts from (the config's report
	// defaults and the command's flags); a page adds its role and market,
	// a live page the filters its URL asks for.
	Base stats.Filter
	// MinOpenings is the fewest openings for which a market has a page;
	// default 1.
	MinOpenings int
	// Command is how a reader gets a page's data from the command line,
	// shown on the page with its role and market; "" for none. Default
	// "jobstats stats report".
	Command string
	// BaseURL is the site's absolute URL ("https://example.com/salaries/"),
	// for canonical links, structured data and the sitemap; "" gives
	// root-relative sitemap entries and no canonical links.
	BaseURL string
	// Latest is how many of its latest openings a page lists; default
	// DefaultLatest, negative for none.
	Latest int
	// ExpandCountries turns a country parameter (a name, a code or a
	// region group) into country codes, as parse.ExpandCountries does;
	// nil accepts two-letter codes only.
	ExpandCountries func(string) ([]string, bool)
	// Now is the clock for posted-since spans; nil means time.Now.
	Now func() time.Time
	// Logger receives request errors; nil discards.
	Logger *slog.Logger

	// The options below are the server's.

	// Marker returns a value that changes whenever the stored data does
	// (for a file, its size and modification time). When set, the server
	// keeps what it computed until the marker changes (at most CacheTTL);
	// nil computes every request afresh.
	Marker func(ctx context.Context) (string, error)
	// CacheTTL bounds how long a computed result is kept even when the
	// marker stays; default 5 minutes.
	CacheTTL time.Duration
	// Check reports whether the store can be read, for /healthz; nil
	// reports healthy once Summaries answers.
	Check func(ctx context.Context) error
	// Metrics serves /metrics; nil serves 404 there.
	Metrics http.Handler
}

func (o Options) withDefaults() Options {
	if o.MinOpenings < 1 {
		o.MinOpenings = 1
	}
	if o.Latest == 0 {
		o.Latest = DefaultLatest
	}
	if o.Command == "" {
		o.Command = "jobstats stats report"
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.CacheTTL <= 0 {
		o.CacheTTL = 5 * time.Minute
	}
	if o.BaseURL != "" && !strings.HasSuffix(o.BaseURL, "/") {
		o.BaseURL += "/"
	}
	return o
}

// errNoSummarizer is returned when Options.Summaries is nil.
var errNoSummarizer = errors.New("web: no Summaries in options")

// withPlace returns f narrowed to one role and, when market is not "",
// one market.
func withPlace(f stats.Filter, role, market string) stats.Filter {
	f.Role = role
	if market != "" {
		f.Markets = []string{market}
	}
	return f
}

// pageCommand is the command that prints a page's data; "" when the
// base filter narrows more than the role and market, which the command
// would have to repeat.
func pageCommand(o *Options, role, market string) string {
	rest := o.Base
	rest.Role, rest.Markets = "", nil
	if o.Command == "" || !rest.IsZero() {
		return ""
	}
	c := o.Command + " --role " + shellQuote(role)
	if market != stats.MarketAll {
		c += " --country " + shellQuote(market)
	}
	return c + " --format json"
}

// shellQuote quotes s for a POSIX shell when it needs it.
func shellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_.:/", r))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// marketPoints returns the points of one market, oldest first.
func marketPoints(pts []Point, market string) []Point {
	var out []Point
	for _, p := range pts {
		if p.Market == market {
			out = append(out, p)
		}
	}
	slices.SortStableFunc(out, func(a, b Point) int { return a.At.Compare(b.At) })
	return out
}

// latestOf returns the openings of a role in a market.
func latestOf(all []stats.Posting, role, market string) []stats.Posting {
	var out []stats.Posting
	for _, o := range all {
		if strings.EqualFold(o.Role, role) && o.Market == market {
			out = append(out, o)
		}
	}
	return out
}
