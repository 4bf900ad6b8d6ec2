package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/config"
	"github.com/jobstats/jobstats/metrics"
	"github.com/jobstats/jobstats/postgres"
	"github.com/jobstats/jobstats/stats"
	"github.com/jobstats/jobstats/storage"
	"github.com/jobstats/jobstats/web"
)

// webData is the web's view of the database: the summaries of the
// reports (one scan for a batch), the snapshots of `stats history` and the
// latest openings. It opens the database for each call, read-only (or
// sharing this process's open handle), so a daemon's writes go on between
// requests.
type webData struct{ a *app }

var (
	_ web.Summarizer = webData{}
	_ web.Archive    = webData{}
)

// Summaries implements web.Summarizer with the reports' own summary, so
// that a page's figures are those of `stats report --format json` for the
// same filter. Pages are never pooled.
func (d webData) Summaries(ctx context.Context, qs ...web.Query) ([]stats.Summary, error) {
	reqs := make([]summaryRequest, len(qs))
	for i, q := range qs {
		reqs[i] = summaryRequest{filter: q.Filter, minOpenings: max(q.MinOpenings, 1)}
	}
	path, err := d.a.databasePath()
	if err != nil {
		return nil, err
	}
	if postgres.IsURL(path) {
		return d.a.summaries(ctx, reqs...)
	}
	// A file: from the in-memory index, loaded again when the file's
	// listings change.
	return d.a.index.Summaries(ctx, d.a, reqs...)
}

// History implements web.Archive with the snapshots `stats history` reads
// (recomputed from the listings for filters the snapshots cannot answer).
func (d webData) History(ctx context.Context, role string, f stats.Filter) ([]web.Point, error) {
	snaps, err := d.a.loadSnapshots(ctx, role)
	if err != nil || len(snaps) == 0 {
		return nil, err
	}
	rest := f
	rest.Role, rest.Markets = "", nil
	if !rest.IsZero() {
		f.Role = role
		if snaps, err = d.a.recompute(ctx, f, snaps); err != nil {
			return nil, err
		}
	}
	var out []web.Point
	for _, r := range historyRows(snaps, f.Markets, false, "") {
		out = append(out, web.Point{At: r.At, Market: r.Market, Openings: r.Openings, SalaryCount: r.SalaryCount, Median: r.Median})
	}
	return out, nil
}

// Latest implements web.Archive in one scan of the open listings.
func (d webData) Latest(ctx context.Context, f stats.Filter, n int) ([]stats.Posting, error) {
	rec := stats.NewRecent(f, n)
	err := d.a.withDB(ctx, false, func(db database) error {
		return db.ForEach(ctx, jobstats.Scan{OpenOnly: true}, func(l *jobstats.Listing) error {
			rec.Add(l)
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	return rec.Postings(), nil
}

// marker is the web cache's change marker. For a bbolt file it is the
// file's size and modification time, which every committed write changes.
// PostgreSQL has no such cheap marker: there it is the newest run record
// (which a running crawl rewrites after every batch it stores), and the
// cache keeps a result at most webCacheTTLShared.
func (d webData) marker(ctx context.Context) (string, error) {
	path, err := d.a.databasePath()
	if err != nil {
		return "", err
	}
	if postgres.IsURL(path) {
		runs, err := d.Runs(ctx, "", 1)
		if err != nil || len(runs) == 0 {
			return "", err
		}
		r := runs[0]
		return fmt.Sprintf("run %d %s %d %d", r.ID, r.Status, r.Stored, r.Heartbeat.UnixNano()), nil
	}
	fi, err := os.Stat(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return "", fmt.Errorf("no database at %s yet: run 'jobstats crawl' (or 'jobstats demo') first, or pass --db", path)
		}
		return "", err
	}
	return fmt.Sprintf("%d:%d", fi.Size(), fi.ModTime().UnixNano()), nil
}

// counter is a database that counts its listings (both stores do).
type counter interface {
	Count(ctx context.Context) (total, open int, err error)
}

var (
	_ counter = (*storage.DB)(nil)
	_ counter = (*postgres.DB)(nil)
)

// webCacheTTLShared bounds how long serve keeps a result computed from a
// PostgreSQL database, whose marker misses writes other than runs'.
const webCacheTTLShared = time.Minute

// check is /healthz: the database opens and its runs can be read.
func (d webData) check(ctx context.Context) error {
	return d.a.withDB(ctx, false, func(db database) error {
		_, err := db.Runs(ctx, "", 1)
		return err
	})
}

// Runs implements metrics.Runs: the run records, read for each scrape.
func (d webData) Runs(ctx context.Context, source string, limit int) (runs []jobstats.Run, err error) {
	err = d.a.withDB(ctx, false, func(db database) (err error) {
		runs, err = db.Runs(ctx, source, limit)
		return err
	})
	return runs, err
}

// webFlags are the flags of site and serve.
type webFlags struct {
	filterFlags
	minOpenings int
	baseURL     string
}

func (f *webFlags) register(cmd *cobra.Command) {
	f.filterFlags.register(cmd, false)
	cmd.Flags().IntVar(&f.minOpenings, "min-openings", 0, "the fewest openings for which a market gets a page of its own (config report.min_openings, default 5)")
	cmd.Flags().StringVar(&f.baseURL, "base-url", "", "the site's absolute URL (https://example.com/salaries/), for canonical links, structured data and the sitemap")
}

// webOptions returns the web options of a command: its filter over the
// config's report defaults, its minimum, the data, the clock and the log.
func (a *app) webOptions(cmd *cobra.Command, f *webFlags) (web.Options, error) {
	cfg, err := a.config()
	if err != nil {
		return web.Options{}, err
	}
	filter, err := a.filter(cmd, &f.filterFlags)
	if err != nil {
		return web.Options{}, err
	}
	min := cfg.Report.MinOpenings
	if min == 0 {
		min = config.DefaultMinOpenings
	}
	if cmd.Flags().Changed("min-openings") {
		if f.minOpenings < 1 {
			return web.Options{}, fmt.Errorf("%w: --min-openings %d: want 1 or more", errUsage, f.minOpenings)
		}
		min = f.minOpenings
	}
	if f.baseURL != "" {
		u, err := url.Parse(f.baseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return web.Options{}, fmt.Errorf("%w: --base-url %q: want an absolute http or https URL", errUsage, f.baseURL)
		}
	}
	d := webData{a}
	return web.Options{
		Summaries:       d,
		Archive:         d,
		Base:            filter,
		MinOpenings:     min,
		Command:         "jobstats stats report",
		BaseURL:         f.baseURL,
		ExpandCountries: expandCountries,
		Now:             a.now,
		Logger:          a.logger(),
	}, nil
}

func (a *app) siteCommand() *cobra.Command {
	var f webFlags
	var out string
	cmd := &cobra.Command{
		Use:   "site --out DIR",
		Short: "Write the salary pages as a static web site",
		Long: `site writes the report as a static web site into --out (a new or empty
directory, or one site wrote before, whose pages it replaces): an index of
every role and market, a page per role, and a page per role and market with
at least --min-openings openings: the overview, the salary distribution, the
salary by seniority, contract rates, internships, degree requirements,
remote share, locations, companies hiring, skills, certifications, the trend
over the stored snapshots and how the numbers are made. Charts are SVG drawn
by jobstats, every page works without JavaScript and loads nothing from
another host. Each page links its figures as data.json (the report JSON for
its filter) and data.csv; sitemap.xml and robots.txt come along. The filters
are those of 'stats report' and narrow every page.`,
		Example: `  jobstats site --out public
  jobstats site --out public --base-url https://example.com/salaries/ --country US --country CA`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if out == "" {
				return fmt.Errorf("%w: --out is required", errUsage)
			}
			o, err := a.webOptions(cmd, &f)
			if err != nil {
				return err
			}
			res, err := web.WriteSite(cmd.Context(), out, o)
			if err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "Wrote %d pages (%d files) to %s\n", res.Pages, res.Files, out)
			fmt.Fprintf(a.stdout, "Look at it: %s --db %s serve   (the same pages, live)   or serve %s with any web server\n",
				selfCommand(), a.dbPathForHint(), out)
			return nil
		},
	}
	f.register(cmd)
	cmd.Flags().StringVarP(&out, "out", "o", "", "the directory to write the site into")
	return cmd
}

// dbPathForHint is the database as the hints print it: a PostgreSQL URL
// without its user and password.
func (a *app) dbPathForHint() string {
	p, err := a.databasePath()
	if err != nil {
		return "FILE"
	}
	if postgres.IsURL(p) {
		return postgres.Redact(p)
	}
	return p
}

func (a *app) serveCommand() *cobra.Command {
	var f webFlags
	var addr string
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the salary pages, a JSON API, /healthz and /metrics",
		Long: `serve serves the pages of 'jobstats site' live from the database, with
filters (workplace, level, company, skill, posted since) as plain links and
forms; the JSON API /api/v1/report (the report JSON for the same filters as
query parameters) and /api/v1/history; /healthz (200 when the database can be
read); and /metrics for Prometheus (crawl runs by source and status, pages
fetched and failed, listings stored, last successful run, run durations),
read from the run records, so it reports a daemon's runs too. It listens on
loopback unless --addr says otherwise. Every response carries a strict
Content-Security-Policy; pages hold no script. SIGINT or SIGTERM stops it
gracefully.`,
		Example: `  jobstats serve
  jobstats serve --addr 127.0.0.1:9000 --country US
  curl 'http://127.0.0.1:8080/api/v1/report?role=Backend+Engineer&country=US'`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			o, err := a.webOptions(cmd, &f)
			if err != nil {
				return err
			}
			if _, err := (webData{a}).marker(cmd.Context()); err != nil {
				return err
			}
			h, err := a.webHandler(o)
			if err != nil {
				return err
			}
			return a.serveHTTP(cmd.Context(), addr, h)
		},
	}
	f.register(cmd)
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:8080", "address to listen on (host:port); a non-loopback host exposes the pages to the network")
	return cmd
}

// webHandler returns the live site of o, with the cache, /healthz and
// /metrics wired to the database.
func (a *app) webHandler(o web.Options) (http.Handler, error) {
	d := webData{a}
	o.Marker = d.marker
	o.Check = d.check
	if path, err := a.databasePath(); err == nil && postgres.IsURL(path) {
		o.CacheTTL = webCacheTTLShared
	}
	o.Metrics = metrics.Handler(metrics.New(metrics.Options{Runs: d, Logger: a.logger(),
		Count: func(ctx context.Context) (total, open int, err error) {
			err = a.withDB(ctx, false, func(db database) (err error) {
				c, ok := db.(counter)
				if !ok {
					return errors.New("this database cannot count its listings")
				}
				total, open, err = c.Count(ctx)
				return err
			})
			return total, open, err
		}}))
	return web.NewServer(o)
}

// serveHTTP serves h on addr until ctx ends, warning when the address is
// not loopback.
func (a *app) serveHTTP(ctx context.Context, addr string, h http.Handler) error {
	if !web.IsLoopback(addr) {
		a.logger().Warn("serving on a non-loopback address: anyone who can reach it sees the pages, the API and the metrics", "addr", addr)
	}
	return web.Serve(ctx, addr, h, func(got string) {
		host := got
		if strings.HasPrefix(addr, ":") || strings.HasPrefix(addr, "0.0.0.0:") || strings.HasPrefix(addr, "[::]:") {
			host = "127.0.0.1" + got[strings.LastIndex(got, ":"):]
		}
		fmt.Fprintf(a.stdout, "Serving the salary pages at http://%s/ (Ctrl-C to stop)\n", host)
		a.logger().Info("serving", "addr", got)
	})
}
