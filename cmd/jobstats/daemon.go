package main

import (
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"time"

	"github.com/robfig/cron/v3"
	"github.com/spf13/cobra"

	"github.com/jobstats/jobstats/config"
)

// shutdownGrace is how long the daemon waits, after a signal, for running
// crawls to store what they fetched and record their runs.
const shutdownGrace = 20 * time.Second

func (a *app) daemonCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "daemon",
		Short: "Run every source on its own schedule until stopped",
		Long: `daemon runs each enabled source on its 'schedule' (cron: 5 fields, or
descriptors such as @every 6h and @daily), delayed by a random 'jitter' when
set, and once at start when 'run_on_start' is true. A source never runs twice
at once: a run that comes due while the last is still going is skipped and
logged. The database is opened only for each write, so 'stats report',
'export' and 'sources' work from another terminal meanwhile.

SIGINT or SIGTERM stops scheduling, cancels running crawls, stores what they
fetched, marks their runs interrupted and exits 0.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.runDaemon(cmd.Context())
		},
	}
}

// cronLogger adapts cron's logger to slog.
type cronLogger struct{ log *slog.Logger }

func (l cronLogger) Info(msg string, kv ...any) { l.log.Debug("cron: "+msg, kv...) }
func (l cronLogger) Error(err error, msg string, kv ...any) {
	l.log.Error("cron: "+msg, append(kv, "err", err)...)
}

// sourceJob runs one source; it refuses to overlap itself.
type sourceJob struct {
	a       *app
	ctx     context.Context
	src     config.Source
	running atomic.Bool
	runs    *runGroup
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

func (j *sourceJob) Run() {
	log := j.a.logger().With("source", j.src.Name)
	if !j.running.CompareAndSwap(false, true) {
		log.Warn("previous run still going; skipping this one")
		return
	}
	defer j.running.Store(false)
	if !j.runs.enter() {
		return
	}
	defer j.runs.wg.Done()
	if d := j.src.Jitter.D(); d > 0 {
		wait := time.Duration(rand.Int64N(int64(d)))
		log.Debug("jitter", "wait", wait)
		select {
		case <-time.After(wait):
		case <-j.ctx.Done():
			return
		}
	}
	if j.ctx.Err() != nil {
		return
	}
	log.Info("run start")
	r := j.a.crawlSource(j.ctx, j.src, noProgress{})
	log.Info("run end", "status", r.Status, "listings", r.Listings, "new", r.New, "updated", r.Updated,
		"closed", r.Closed, "pages", r.PagesFetched, "failed", r.PagesFailed, "duration", r.End.Sub(r.Start).Round(time.Millisecond))
}

func (a *app) runDaemon(ctx context.Context) error {
	cfg, err := a.config()
	if err != nil {
		return err
	}
	srcs, err := selectSources(cfg, nil)
	if err != nil {
		return err
	}
	log := a.logger()
	c := cron.New(cron.WithLogger(cronLogger{log}))
	runs := &runGroup{}
	var jobs []*sourceJob
	for _, src := range srcs {
		sched, err := cron.ParseStandard(src.Schedule)
		if err != nil {
			return fmt.Errorf("source %s: schedule %q: %w", src.Name, src.Schedule, err)
		}
		j := &sourceJob{a: a, ctx: ctx, src: src, runs: runs}
		c.Schedule(sched, j)
		jobs = append(jobs, j)
		log.Info("scheduled", "source", src.Name, "kind", src.Kind, "schedule", src.Schedule,
			"next", sched.Next(a.now()).Format(time.RFC3339))
	}
	c.Start()
	for _, j := range jobs {
		if j.src.RunOnStart {
			go j.Run()
		}
	}
	log.Info("daemon started", "sources", len(jobs))
	<-ctx.Done()
	log.Info("stopping: no new runs; running crawls store what they fetched")
	stopped := c.Stop()
	runs.stop()
	done := make(chan struct{})
	go func() {
		<-stopped.Done()
		runs.wg.Wait()
		close(done)
	}()
	select {
	case <-done:
		log.Info("daemon stopped")
		return nil
	case <-time.After(shutdownGrace):
		return fmt.Errorf("crawls still running %s after the stop signal; exiting anyway", shutdownGrace)
	}
}
