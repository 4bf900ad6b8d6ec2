package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/config"
	"github.com/jobstats/jobstats/parse"
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
--source), stores the listings, closes listings that a complete run no longer
sees, and records a run per source. A source that fails does not stop the
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
			runs := a.crawlSources(cmd.Context(), srcs, p)
			p.finish()
			return summarizeRuns(a.stdout, runs)
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

// maxConcurrentSources bounds how many sources crawl at once; each source
// has its own politeness limits, so this only caps local resources.
const maxConcurrentSources = 4

// crawlSources crawls srcs concurrently and returns their runs in order.
func (a *app) crawlSources(ctx context.Context, srcs []config.Source, p progress) []jobstats.Run {
	runs := make([]jobstats.Run, len(srcs))
	sem := make(chan struct{}, maxConcurrentSources)
	var wg sync.WaitGroup
	for i, src := range srcs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			runs[i] = a.crawlSource(ctx, src, p)
		}()
	}
	wg.Wait()
	return runs
}

// flushEvery and flushAfter bound how much a crawl holds in memory before
// it writes: the database is opened only for each write, so a daemon never
// keeps readers out for long.
const (
	flushEvery = 2000
	flushAfter = 2 * time.Second
)

// crawlSource runs one source once: crawl, understand, store in batches,
// close what a complete run no longer lists, and record the run. Errors are
// recorded on the run rather than returned; the run is always stored when
// the database can be opened at all.
func (a *app) crawlSource(ctx context.Context, src config.Source, p progress) jobstats.Run {
	cfg, _ := a.config()
	log := a.logger().With("source", src.Name)
	start := a.now().UTC()
	run := jobstats.Run{Source: src.Name, Kind: src.Kind, Start: start, Status: jobstats.RunRunning}
	// Writes that finish a run must happen even after ctx is cancelled:
	// what was fetched is stored and the run is marked interrupted.
	wctx := context.WithoutCancel(ctx)

	if err := a.withDB(wctx, true, func(db *storage.DB) error { return db.PutRun(wctx, &run) }); err != nil {
		run.Status = jobstats.RunFailed
		run.AddError(err.Error())
		run.End = a.now().UTC()
		p.done(run)
		return run
	}

	vals, err := a.loadValidators(wctx)
	if err != nil {
		log.Warn("conditional requests off", "err", err)
	}
	s, err := scraper.New(src, scraper.Options{
		UserAgent:  cfg.UserAgent,
		Logger:     a.logger(), // sources add their own source attribute
		Now:        a.now,
		Env:        a.getenv,
		Validators: vals,
		Transport:  p.transport(),
	})
	enrich := parse.EnrichOptions{Aliases: cfg.Roles.Aliases}
	var st scraper.Stats
	var writeErr error
	if err == nil {
		w := &batchWriter{a: a, seen: start, run: &run}
		st, err = s.Crawl(ctx, func(ctx context.Context, batch []jobstats.Listing) error {
			for i := range batch {
				parse.Enrich(&batch[i], enrich)
			}
			p.listings(src.Name, len(batch))
			return w.add(wctx, batch)
		})
		if ferr := w.flush(wctx); ferr != nil {
			writeErr = ferr
		}
		if writeErr == nil {
			writeErr = w.err
		}
	}
	if vals != nil {
		if verr := a.saveValidators(wctx, vals); verr != nil {
			log.Warn("save validators", "err", verr)
		}
	}

	run.PagesFetched, run.PagesFailed, run.PagesEmpty = st.PagesFetched, st.PagesFailed, st.PagesEmpty
	run.Listings = st.Listings
	for _, e := range st.Errors {
		run.AddError(e)
	}
	switch {
	case writeErr != nil:
		run.Status = jobstats.RunFailed
		run.AddError("store: " + writeErr.Error())
	case ctx.Err() != nil:
		run.Status = jobstats.RunInterrupted
	case st.Listings == 0 && !st.NotModified && (err != nil || st.PagesFailed > 0):
		// Nothing fetched: failed, whether the kind said so (API kinds
		// return an error) or only counted its failed pages (jsonld).
		run.Status = jobstats.RunFailed
		if err != nil {
			run.AddError(err.Error())
		}
	case err != nil || st.PagesFailed > 0:
		run.Status = jobstats.RunPartial
		if err != nil {
			run.AddError(err.Error())
		}
	default:
		run.Status = jobstats.RunOK
	}
	run.End = a.now().UTC()

	err = a.withDB(wctx, true, func(db *storage.DB) error {
		if run.Status.Complete() {
			if st.NotModified {
				if _, err := db.TouchSource(wctx, src.Name, start); err != nil {
					return err
				}
			} else {
				n, err := db.CloseMissing(wctx, src.Name, start, run.End)
				if err != nil {
					return err
				}
				run.Closed = n
			}
		}
		return db.PutRun(wctx, &run)
	})
	if err != nil {
		run.Status = jobstats.RunFailed
		run.AddError(err.Error())
		log.Error("record run", "err", err)
	}
	if run.Status == jobstats.RunOK || run.Status == jobstats.RunPartial {
		a.afterRun(wctx, run)
	}
	p.done(run)
	return run
}

// batchWriter buffers extracted listings and writes them in batches, one
// transaction per batch.
type batchWriter struct {
	a    *app
	seen time.Time
	run  *jobstats.Run
	buf  []jobstats.Listing
	last time.Time
	err  error
}

func (w *batchWriter) add(ctx context.Context, batch []jobstats.Listing) error {
	if w.err != nil {
		return w.err
	}
	w.buf = append(w.buf, batch...)
	if w.last.IsZero() {
		w.last = time.Now()
	}
	if len(w.buf) >= flushEvery || time.Since(w.last) >= flushAfter {
		w.err = w.flush(ctx)
	}
	return w.err
}

func (w *batchWriter) flush(ctx context.Context) error {
	if len(w.buf) == 0 {
		return nil
	}
	err := w.a.withDB(ctx, true, func(db *storage.DB) error {
		res, err := db.PutListings(ctx, w.buf, w.seen)
		if err != nil {
			return err
		}
		w.run.New += res.New
		w.run.Updated += res.Updated
		return nil
	})
	if err != nil {
		return fmt.Errorf("store %d listings: %w", len(w.buf), err)
	}
	w.buf = w.buf[:0]
	w.last = time.Now()
	return nil
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
	line := fmt.Sprintf("%-20s %-11s %5d listings (%d new, %d updated, %d closed), %d pages, %d failed, %d empty, %s",
		r.Source, r.Status, r.Listings, r.New, r.Updated, r.Closed, r.PagesFetched, r.PagesFailed, r.PagesEmpty,
		r.End.Sub(r.Start).Round(time.Millisecond))
	if len(r.Errors) > 0 {
		line += ": " + r.Errors[0]
		if len(r.Errors) > 1 {
			line += fmt.Sprintf(" (+%d more errors, see 'jobstats runs')", len(r.Errors)-1)
		}
	}
	return line
}
