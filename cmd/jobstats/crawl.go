package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/config"
	"github.com/jobstats/jobstats/crawl"
	"github.com/jobstats/jobstats/parse"
	"github.com/jobstats/jobstats/postgres"
	"github.com/jobstats/jobstats/scraper"
	"github.com/jobstats/jobstats/storage"
)

func (a *app) crawlCommand() *cobra.Command {
	var names []string
	var quiet bool
	cmd := &cobra.Command{
		Use:   "crawl",
		Short: "Run the configured sources once and store what they list",
		Long: `crawl runs every enabled source in the config once (or only those named with
--source), stores the listings, closes the listings that the source's last
close_after complete runs no longer list, records a run per source
('jobstats runs'), and stores one snapshot of the statistics for 'stats
history'. A run that did not see the whole board (max_pages reached, an index
page failed) closes nothing. While other processes hold the database, the
crawl keeps what it fetched and stores it when it can (waiting at most
lock_wait once fetching is done). A source that fails does not stop the
others; the exit status is non-zero when any source failed.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := a.config()
			if err != nil {
				return err
			}
			srcs, err := selectSources(cfg, names)
			if err != nil {
				return err
			}
			p := a.newProgress(quiet)
			if _, bar := p.(*barProgress); bar {
				a.stderr = p.logWriter(a.stderr)
				if err := a.setupLogging(); err != nil {
					return err
				}
			}
			runs, err := a.crawlSources(cmd.Context(), srcs, p)
			p.finish()
			if runs == nil {
				return err
			}
			if serr := summarizeRuns(a.stdout, runs); err == nil {
				err = serr
			}
			return err
		},
	}
	cmd.Flags().StringArrayVar(&names, "source", nil, "crawl only this source (repeatable)")
	cmd.Flags().BoolVarP(&quiet, "quiet", "q", false, "no progress bar, only the summary lines")
	return cmd
}

// selectSources returns the named sources, or every enabled one.
func selectSources(cfg config.Config, names []string) ([]config.Source, error) {
	if len(names) == 0 {
		var out []config.Source
		for _, s := range cfg.Sources {
			if !s.Disabled {
				out = append(out, s)
			}
		}
		if len(out) == 0 {
			return nil, errors.New("no sources configured: add some under 'sources:' in the config (see jobstats.example.yaml)")
		}
		return out, nil
	}
	var out []config.Source
	for i, n := range names {
		if slices.Contains(names[:i], n) {
			return nil, fmt.Errorf("%w: --source %s given twice", errUsage, n)
		}
		s, ok := cfg.Source(n)
		if !ok {
			var known []string
			for _, s := range cfg.Sources {
				known = append(known, s.Name)
			}
			return nil, fmt.Errorf("%w: no source named %q (configured: %s)", errUsage, n, strings.Join(known, ", "))
		}
		out = append(out, s)
	}
	return out, nil
}

// crawlSources crawls srcs (at most crawl.DefaultMaxConcurrent at once),
// reporting to p, and returns their runs in order; one snapshot of the
// statistics follows them all. A snapshot that finds the database damaged
// (a record the quick check at open cannot see) is returned as an error
// beside the runs: the crawl stored its listings, but the file needs care.
func (a *app) crawlSources(ctx context.Context, srcs []config.Source, p progress) ([]jobstats.Run, error) {
	cfg, err := a.config()
	if err != nil {
		return nil, err
	}
	r, err := a.runner(ctx, cfg, p)
	if err != nil {
		return nil, err
	}
	cs := make([]crawl.Source, len(srcs))
	for i, src := range srcs {
		cs[i] = a.crawlSource(cfg, src, p.transport())
	}
	var mu sync.Mutex
	var damaged error
	snapshot := r.Snapshot
	r.Snapshot = func(ctx context.Context, at time.Time) error {
		err := snapshot(ctx, at)
		if errors.Is(err, storage.ErrInvalid) {
			mu.Lock()
			damaged = err
			mu.Unlock()
		}
		return err
	}
	runs := r.RunAll(ctx, cs)
	if damaged != nil {
		return runs, fmt.Errorf("snapshot of the statistics: %w", damaged)
	}
	return runs, nil
}

// crawlSource returns the crawl.Source of a configured source: its
// scraper is built for each run with the configured User-Agent, this
// process's logger and clock, and the transport rt (nil: the source's own).
func (a *app) crawlSource(cfg config.Config, src config.Source, rt http.RoundTripper) crawl.Source {
	return crawl.Source{Name: src.Name, Kind: src.Kind, CloseAfter: src.CloseAfter, MaxPages: src.MaxPages,
		New: func(vals scraper.Validators) (scraper.Source, error) {
			return scraper.New(src, scraper.Options{
				UserAgent:  cfg.UserAgent,
				Logger:     a.logger(), // sources add their own source attribute
				Now:        a.now,
				Env:        a.getenv,
				Validators: vals,
				Transport:  rt,
			})
		}}
}

// runner returns the crawl.Runner of this process, after checking that
// the database can be written (a file that is no sound database is an
// error; see storage.ErrInvalid): it stores into the
// database (waiting out other processes that hold it), understands every
// listing with the configured role aliases, snapshots the statistics once
// per group of runs, and reports to p. On a PostgreSQL database it is a
// worker among others: each run holds its source's and its hosts' locks
// (see workers.go).
func (a *app) runner(ctx context.Context, cfg config.Config, p progress) (*crawl.Runner, error) {
	path, err := a.databasePath()
	if err != nil {
		return nil, err
	}
	var acquire func(context.Context, crawl.Source) (func(), error)
	if !postgres.IsURL(path) {
		// Open the file for writing once before anything is fetched: a
		// damaged, empty or foreign file stops the command here with one
		// line, rather than after a crawl whose every batch fails. A file
		// that is only busy is no reason to stop: runs wait for it.
		if err := a.withDB(ctx, true, func(database) error { return nil }); err != nil && !isBusy(err) {
			return nil, err
		}
	} else {
		db, err := a.pgDB(ctx, path, true)
		if err != nil {
			return nil, err
		}
		coord, err := a.coordinator(ctx, db)
		if err != nil {
			return nil, err
		}
		acquire = a.acquire(coord, db, cfg)
	}
	enrich := parse.EnrichOptions{Aliases: cfg.Roles.Aliases}
	// Beside the database rather than in a /tmp that may be memory; for a
	// PostgreSQL database, in the directory of the default file.
	spill := filepath.Dir(path)
	if postgres.IsURL(path) {
		spill = filepath.Dir(config.DefaultDatabasePath())
	}
	return &crawl.Runner{
		Store:      dbStore{a},
		Busy:       isBusy,
		Enrich:     func(l *jobstats.Listing) { parse.Enrich(l, enrich) },
		Snapshot:   a.takeSnapshot,
		OnListings: p.listings,
		OnDone:     p.done,
		Logger:     a.logger(),
		Now:        a.now,
		LockWait:   cfg.LockWait.D(),
		SpillDir:   spill,
		Acquire:    acquire,
	}, nil
}

// summarizeRuns prints one line per run and returns an error when any failed.
func summarizeRuns(w io.Writer, runs []jobstats.Run) error {
	failed := 0
	for _, r := range runs {
		fmt.Fprintln(w, runLine(r))
		if r.Status == jobstats.RunFailed {
			failed++
		}
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d sources failed", failed, len(runs))
	}
	return nil
}

func runLine(r jobstats.Run) string {
	unchanged := ""
	if r.Unchanged > 0 {
		unchanged = fmt.Sprintf(", %d unchanged", r.Unchanged)
	}
	line := fmt.Sprintf("%-20s %-11s %5d listings (%d new, %d updated, %d closed%s), %d pages, %d failed, %d empty, %s",
		r.Source, r.Status, r.Listings, r.New, r.Updated, r.Closed, unchanged, r.PagesFetched, r.PagesFailed, r.PagesEmpty,
		r.End.Sub(r.Start).Round(time.Millisecond))
	if r.Stored < r.Listings {
		line += fmt.Sprintf(", %d not stored", r.Listings-r.Stored)
	}
	if !r.Complete && r.Incomplete != "" && r.Status != jobstats.RunFailed {
		line += "; incomplete, nothing closed: " + r.Incomplete
	}
	if len(r.Errors) > 0 {
		line += ": " + r.Errors[0]
		if len(r.Errors) > 1 {
			see := "'jobstats runs --full'"
			if r.ID != 0 {
				see = fmt.Sprintf("'jobstats runs show %d'", r.ID)
			}
			line += fmt.Sprintf(" (+%d more errors, see %s)", len(r.Errors)-1, see)
		}
	}
	return line
}
