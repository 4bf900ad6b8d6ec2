package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/robfig/cron/v3"
	"github.com/spf13/cobra"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/config"
	"github.com/jobstats/jobstats/crawl"
	"github.com/jobstats/jobstats/postgres"
)

// shutdownGrace is how long the daemon waits, after a signal, for running
// crawls to store what they fetched and record their runs.
const shutdownGrace = 20 * time.Second

func (a *app) daemonCommand() *cobra.Command {
	var httpAddr string
	cmd := &cobra.Command{
		Use:   "daemon",
		Short: "Run every source on its own schedule until stopped",
		Long: `daemon runs each enabled source on its 'schedule' (cron: 5 fields, or
descriptors such as @every 6h and @daily), delayed by a random 'jitter' when
set, and once at start when 'run_on_start' is true. A source never runs twice
at once: a run that comes due while the last is still going is skipped and
logged. The database is opened only for each write, so 'stats report',
'export' and 'sources' work from another terminal meanwhile; while they hold
it, crawls keep what they fetch and store it when they can. A snapshot of
the statistics for 'stats history' is taken once the runs in flight together
have ended.

With --http ADDR it also serves what 'jobstats serve' serves (the pages, the
API, /healthz and /metrics) while it crawls, so one process does both.

SIGINT or SIGTERM stops scheduling, cancels running crawls, stores what they
fetched, marks their runs interrupted and exits 0.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			var serve func(context.Context) error
			if httpAddr != "" {
				o, err := a.webOptions(cmd, &webFlags{})
				if err != nil {
					return err
				}
				h, err := a.webHandler(o)
				if err != nil {
					return err
				}
				serve = func(ctx context.Context) error { return a.serveHTTP(ctx, httpAddr, h) }
			}
			return a.runDaemon(cmd.Context(), serve)
		},
	}
	cmd.Flags().StringVar(&httpAddr, "http", "", "also serve the pages, API, /healthz and /metrics on this address (e.g. 127.0.0.1:8080)")
	return cmd
}

// cronLogger adapts cron's logger to slog.
type cronLogger struct{ log *slog.Logger }

func (l cronLogger) Info(msg string, kv ...any) { l.log.Debug("cron: "+msg, kv...) }
func (l cronLogger) Error(err error, msg string, kv ...any) {
	l.log.Error("cron: "+msg, append(kv, "err", err)...)
}

// sourceJob is one source on the daemon's schedule. pending keeps a
// source from being queued twice: a run that comes due while the last is
// still waiting out its jitter or running is skipped.
type sourceJob struct {
	src     config.Source
	crawl   crawl.Source
	pending atomic.Bool
}

// runGroup tracks the runs in flight so shutdown can wait for them; once
// stopped it admits no new run.
type runGroup struct {
	mu      sync.Mutex
	stopped bool
	wg      sync.WaitGroup
}

func (g *runGroup) enter() bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.stopped {
		return false
	}
	g.wg.Add(1)
	return true
}

func (g *runGroup) stop() {
	g.mu.Lock()
	g.stopped = true
	g.mu.Unlock()
}

// runJob runs j once for the schedule: after its jitter, unless j is
// already pending or the daemon is stopping. It logs the run's end with the
// reasons of whatever went wrong.
func (a *app) runJob(ctx context.Context, r *crawl.Runner, j *sourceJob, runs *runGroup) {
	log := a.logger().With("source", j.src.Name)
	defer func() {
		// A bug in one run must not stop the daemon's other sources.
		if v := recover(); v != nil {
			log.Error("run ended by an internal error (a bug in jobstats; please report it)", "panic", v)
			log.Debug("stack", "stack", string(debug.Stack()))
		}
	}()
	if !j.pending.CompareAndSwap(false, true) {
		log.Warn("previous run still going; skipping this one")
		return
	}
	defer j.pending.Store(false)
	if !runs.enter() {
		return
	}
	defer runs.wg.Done()
	if d := j.src.Jitter.D(); d > 0 {
		wait := time.Duration(rand.Int64N(int64(d)))
		log.Debug("jitter", "wait", wait)
		select {
		case <-time.After(wait):
		case <-ctx.Done():
			return
		}
	}
	if ctx.Err() != nil {
		return
	}
	log.Info("run start")
	run, err := r.Run(ctx, j.crawl)
	if errors.Is(err, crawl.ErrRunning) {
		log.Warn("previous run still going; skipping this one", "err", err)
		return
	}
	if err != nil {
		log.Warn("cannot start the run; skipping it", "err", err)
		return
	}
	attrs := []any{"run", run.ID, "status", run.Status, "complete", run.Complete, "listings", run.Listings,
		"stored", run.Stored, "new", run.New, "updated", run.Updated, "closed", run.Closed, "kept_open", run.KeptOpen,
		"pages", run.PagesFetched, "failed", run.PagesFailed, "duration", run.End.Sub(run.Start).Round(time.Millisecond)}
	if run.Incomplete != "" {
		attrs = append(attrs, "incomplete", run.Incomplete)
	}
	if len(run.Errors) > 0 {
		attrs = append(attrs, "err", strings.Join(run.Errors, "; "))
	}
	if run.Status == jobstats.RunFailed {
		log.Warn("run end", attrs...)
	} else {
		log.Info("run end", attrs...)
	}
}

// runDaemon runs the schedule until ctx ends; serve, when not nil, runs
// beside it (the web server of --http) and stops with it.
func (a *app) runDaemon(ctx context.Context, serve func(context.Context) error) error {
	cfg, err := a.config()
	if err != nil {
		return err
	}
	// The crawls stop with ctx, or when the web server of --http fails.
	ctx, cancelRuns := context.WithCancel(ctx)
	defer cancelRuns()
	served := make(chan error, 1)
	serving := serve != nil
	if serving {
		sctx, stopServe := context.WithCancel(ctx)
		go func() { served <- serve(sctx) }()
		defer func() {
			stopServe()
			if serving {
				if err := <-served; err != nil {
					a.logger().Warn("web server", "err", err)
				}
			}
		}()
	}
	srcs, err := selectSources(cfg, nil)
	if err != nil {
		return err
	}
	log := a.logger()
	path, err := a.databasePath()
	if err != nil {
		return err
	}
	worker := postgres.IsURL(path)
	if worker {
		// A worker may start before its database: wait for it.
		if err := a.waitForDB(ctx, path); err != nil || ctx.Err() != nil {
			return err
		}
	}
	r, err := a.runner(ctx, cfg, noProgress{})
	if err != nil {
		return err
	}
	runs := &runGroup{}
	var jobs []*sourceJob
	scheds := map[*sourceJob]cron.Schedule{}
	for _, src := range srcs {
		sched, err := cron.ParseStandard(src.Schedule)
		if err != nil {
			return fmt.Errorf("source %s: schedule %q: %w", src.Name, src.Schedule, err)
		}
		j := &sourceJob{src: src, crawl: a.crawlSource(cfg, src, nil)}
		jobs = append(jobs, j)
		scheds[j] = sched
		next := sched.Next(a.now())
		if worker {
			next = nextTick(sched, a.now())
		}
		log.Info("scheduled", "source", src.Name, "kind", src.Kind, "schedule", src.Schedule, "next", next.Format(time.RFC3339))
	}
	// stopped is closed once no new run can start.
	stopped := make(chan struct{})
	if worker {
		coord, err := a.coordinator(ctx, a.pg.db)
		if err != nil {
			return err
		}
		// N workers take one snapshot a minute between them, not N.
		r.Snapshot = a.sharedSnapshot(coord)
		go func() {
			a.runTicks(ctx, r, coord, jobs, runs)
			close(stopped)
		}()
		log.Info("daemon started as a worker on a shared database", "sources", len(jobs), "database", postgres.Redact(path))
	} else {
		c := cron.New(cron.WithLogger(cronLogger{log}))
		for _, j := range jobs {
			c.Schedule(scheds[j], cron.FuncJob(func() { a.runJob(ctx, r, j, runs) }))
		}
		c.Start()
		for _, j := range jobs {
			if j.src.RunOnStart {
				go a.runJob(ctx, r, j, runs)
			}
		}
		go func() {
			<-ctx.Done()
			<-c.Stop().Done()
			close(stopped)
		}()
		log.Info("daemon started", "sources", len(jobs))
	}
	var serveErr error
	select {
	case <-ctx.Done():
	case serveErr = <-served:
		// The web server could not start, or stopped: the daemon stops too.
		serving = false
		log.Error("web server stopped; stopping the daemon", "err", serveErr)
		cancelRuns()
	}
	log.Info("stopping: no new runs; running crawls store what they fetched")
	runs.stop()
	done := make(chan struct{})
	go func() {
		<-stopped
		runs.wg.Wait()
		close(done)
	}()
	select {
	case <-done:
		log.Info("daemon stopped")
		return serveErr
	case <-time.After(shutdownGrace):
		return fmt.Errorf("crawls still running %s after the stop signal; exiting anyway", shutdownGrace)
	}
}

// waitForDB opens the PostgreSQL database at url, waiting while it is
// unreachable (a worker may start before its database, or while it
// restarts), with one warning, until ctx ends.
func (a *app) waitForDB(ctx context.Context, url string) error {
	wait := time.Second
	warned := false
	for {
		_, err := a.pgDB(ctx, url, true)
		if err == nil {
			if warned {
				a.logger().Info("database reachable", "database", postgres.Redact(url))
			}
			return nil
		}
		if !errors.Is(err, postgres.ErrUnavailable) {
			return err
		}
		if !warned {
			a.logger().Warn("database unreachable; waiting for it", "err", err)
			warned = true
		}
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(wait):
		}
		wait = min(2*wait, 30*time.Second)
	}
}
