package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/config"
	"github.com/jobstats/jobstats/crawl"
	"github.com/jobstats/jobstats/postgres"
	"github.com/jobstats/jobstats/scraper"
)

// This file lets any number of processes crawl into one PostgreSQL
// database: every `jobstats daemon` on it is a worker, and so is a
// `jobstats crawl` while it runs. PostgreSQL itself coordinates them (see
// postgres.Coordinator): a worker runs a tick of a source's schedule only
// when its claim of that tick is the first, a run holds its source's lock
// and its hosts' locks, and a worker that dies loses its locks with its
// connection.

// tickRetention is how long claimed ticks are kept.
const tickRetention = 7 * 24 * time.Hour

// coordinator returns this process's postgres.Coordinator, opening it on
// first use; db is the open database.
func (a *app) coordinator(ctx context.Context, db *postgres.DB) (*postgres.Coordinator, error) {
	h := &a.pg
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.coord != nil {
		return h.coord, nil
	}
	host, _ := os.Hostname()
	c, err := db.Coordinator(ctx, fmt.Sprintf("%s:%d", host, os.Getpid()), a.logger())
	if err != nil {
		return nil, err
	}
	h.coord = c
	return c, nil
}

// sourceHosts returns the names of the host locks a run of src holds: the
// hosts it crawls (scraper.Hosts), each company's own for the kinds that
// give every company a host of its own (Workday, Recruitee, Personio,
// Teamtailor, a feed), one shared by every source of a kind that reads one
// public API. A source that cannot be built (its run fails) holds
// "kind:KIND".
func sourceHosts(src config.Source) []string {
	hosts, err := scraper.Hosts(src)
	if err != nil || len(hosts) == 0 {
		return []string{"kind:" + src.Kind}
	}
	return hosts
}

// acquire returns the crawl.Runner's Acquire of a worker: a run takes its
// source's lock (ErrRunning when a run of it is going anywhere), marks the
// source's runs that are recorded running interrupted (their processes
// would hold the lock if they were alive), then waits for the locks of its
// hosts, always in the same order, so that waiting runs never deadlock.
func (a *app) acquire(coord *postgres.Coordinator, db crawl.RunStore, cfg config.Config) func(context.Context, crawl.Source) (func(), error) {
	hosts := map[string][]string{}
	for _, s := range cfg.Sources {
		hosts[s.Name] = sourceHosts(s)
	}
	return func(ctx context.Context, src crawl.Source) (func(), error) {
		log := a.logger().With("source", src.Name)
		releaseSource, err := coord.LockSource(ctx, src.Name)
		if errors.Is(err, postgres.ErrHeld) {
			return nil, fmt.Errorf("%w (in this or another worker)", crawl.ErrRunning)
		}
		if err != nil {
			return nil, err
		}
		dead, err := crawl.Recover(context.WithoutCancel(ctx), db, crawl.Recovery{Source: src.Name, Now: a.now,
			Dead: func(r jobstats.Run) string {
				return fmt.Sprintf("process %d on %s no longer holds the lock of source %s", r.PID, r.Host, r.Source)
			}})
		for _, r := range dead {
			log.Warn("run of a worker that is gone: marked interrupted", "run", r.ID, "stored", r.Stored, "owner", fmt.Sprintf("%d@%s", r.PID, r.Host))
		}
		if err != nil {
			releaseSource()
			return nil, err
		}
		var held []func()
		release := func() {
			for i := len(held) - 1; i >= 0; i-- {
				held[i]()
			}
			releaseSource()
		}
		for _, h := range hosts[src.Name] {
			rel, err := coord.LockHost(ctx, h)
			if err != nil {
				release()
				return nil, err
			}
			held = append(held, rel)
		}
		return release, nil
	}
}

// nextTick returns the first tick of sched after now. Every worker
// computes the same ticks: "@every D" ticks at the multiples of D (from
// Go's zero time), not D after the worker started; cron specs tick at
// their wall-clock times (give workers one time zone, or CRON_TZ= in the
// spec).
func nextTick(sched cron.Schedule, now time.Time) time.Time {
	if c, ok := sched.(cron.ConstantDelaySchedule); ok {
		return now.Truncate(c.Delay).Add(c.Delay)
	}
	return sched.Next(now)
}

// prevTick returns the last tick of sched at or before now, or the zero
// time when there was none in the last year.
func prevTick(sched cron.Schedule, now time.Time) time.Time {
	if c, ok := sched.(cron.ConstantDelaySchedule); ok {
		return now.Truncate(c.Delay)
	}
	for _, back := range []time.Duration{time.Minute, time.Hour, 24 * time.Hour, 32 * 24 * time.Hour, 367 * 24 * time.Hour} {
		t := sched.Next(now.Add(-back))
		if t.IsZero() || t.After(now) {
			continue
		}
		for {
			n := sched.Next(t)
			if n.IsZero() || n.After(now) {
				return t
			}
			t = n
		}
	}
	return time.Time{}
}

// runTicks runs the jobs as a worker among others on one PostgreSQL
// database until ctx ends, and waits for its loops (not its runs) to end.
// Each source's loop sleeps until its next tick and runs it when its claim
// of the tick is the first; with run_on_start, it first claims the last
// tick before start, so that a tick every worker missed runs once.
func (a *app) runTicks(ctx context.Context, r *crawl.Runner, coord *postgres.Coordinator, jobs []*sourceJob, runs *runGroup) {
	var wg sync.WaitGroup
	for _, j := range jobs {
		sched, err := cron.ParseStandard(j.src.Schedule)
		if err != nil {
			continue // checked when the jobs were made
		}
		wg.Go(func() {
			if j.src.RunOnStart {
				if t := prevTick(sched, a.now()); !t.IsZero() {
					go a.runTick(ctx, r, coord, j, runs, t)
				}
			}
			for {
				next := nextTick(sched, a.now())
				timer := time.NewTimer(next.Sub(a.now()))
				select {
				case <-ctx.Done():
					timer.Stop()
					return
				case <-timer.C:
				}
				go a.runTick(ctx, r, coord, j, runs, next)
			}
		})
	}
	wg.Go(func() { a.pruneTicks(ctx, coord) })
	wg.Wait()
}

// runTick runs the tick of j at tick when this worker claims it first.
func (a *app) runTick(ctx context.Context, r *crawl.Runner, coord *postgres.Coordinator, j *sourceJob, runs *runGroup, tick time.Time) {
	log := a.logger().With("source", j.src.Name, "tick", tick.UTC().Format(time.RFC3339))
	ok, err := coord.Claim(ctx, j.src.Name, tick)
	if err != nil {
		log.Warn("cannot claim the tick; skipping it", "err", err)
		return
	}
	if !ok {
		log.Debug("tick claimed by another worker")
		return
	}
	a.runJob(ctx, r, j, runs)
}

// snapshotEvery is the least time between two snapshots of the statistics
// that workers on one database take.
const snapshotEvery = time.Minute

// sharedSnapshot returns the crawl.Runner's Snapshot of a worker: it takes
// the snapshot only when no worker took one in the same minute (its claim
// of the minute lands first), so that N workers do not scan the database N
// times over; the runs it skips count in the next one.
func (a *app) sharedSnapshot(coord *postgres.Coordinator) func(context.Context, time.Time) error {
	return func(ctx context.Context, at time.Time) error {
		ok, err := coord.Claim(ctx, "#snapshot", at.Truncate(snapshotEvery))
		if err != nil {
			return err
		}
		if !ok {
			a.logger().Debug("another worker took this minute's snapshot")
			return nil
		}
		return a.takeSnapshot(ctx, at)
	}
}

// pruneTicks forgets claimed ticks older than tickRetention, at start and
// every hour.
func (a *app) pruneTicks(ctx context.Context, coord *postgres.Coordinator) {
	for {
		if n, err := coord.PruneTicks(ctx, a.now().Add(-tickRetention)); err != nil {
			a.logger().Debug("prune claimed ticks", "err", err)
		} else if n > 0 {
			a.logger().Debug("pruned claimed ticks", "ticks", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(time.Hour):
		}
	}
}
