package crawl

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/scraper"
)

// Defaults of the Runner's settings.
const (
	// DefaultLockWait is how long a run that has ended waits for a busy
	// store to take what it fetched.
	DefaultLockWait = 10 * time.Minute
	// DefaultMaxMemory is how many bytes of fetched listings a run holds
	// in memory, while the store is busy, before it spills them to disk.
	DefaultMaxMemory = 64 << 20
	// DefaultBatchSize is how many listings one write stores at most.
	DefaultBatchSize = 2000
	// DefaultBatchAfter is how long fetched listings wait for a batch to
	// fill before they are written anyway.
	DefaultBatchAfter = 2 * time.Second
	// DefaultMaxConcurrent is how many sources RunAll crawls at once.
	DefaultMaxConcurrent = 4
	// DefaultRetryWait is the first wait after the store was busy; it
	// doubles with each try, up to 32 times as long.
	DefaultRetryWait = 250 * time.Millisecond
	// DefaultSnapshotDelay is how long a snapshot may wait for other runs
	// in flight to end.
	DefaultSnapshotDelay = time.Hour
)

// ErrRunning is returned by Runner.Run when a run of the same source is
// still going in that Runner.
var ErrRunning = errors.New("a run of this source is still going")

// Runner runs sources: for each run it loads the HTTP cache validators,
// crawls, understands and stores the listings in batches in the
// background, decides whether the run was complete, marks what it saw
// without storing and closes what complete runs no longer list, records
// the run, and saves the validators. Once the runs in flight have ended it
// calls Snapshot once.
//
// Set the fields before the first run and do not change them after; a
// zero field means its default. Its methods are safe for concurrent use.
type Runner struct {
	// Store keeps listings, runs and validators; required.
	Store Store
	// Busy reports whether a store error means only that the store is
	// busy (held by another process): the runner then keeps what it
	// meant to write and tries again with backoff. Nil means no error is.
	Busy func(error) bool
	// Enrich understands one listing before it is stored; nil stores
	// listings as the scraper made them.
	Enrich func(*jobstats.Listing)
	// Snapshot, when set, is called once the runs in flight have ended
	// (or DefaultSnapshotDelay after a run ended while others still go),
	// if any of them stored what it found, with the time to record the
	// snapshot at. Busy errors are retried like writes.
	Snapshot func(ctx context.Context, at time.Time) error
	// OnListings is told how many listings a source handed over, as they
	// arrive; OnDone gets every finished run. Both may be nil.
	OnListings func(source string, n int)
	OnDone     func(jobstats.Run)
	// Logger receives store stalls and failed runs; nil discards.
	Logger *slog.Logger
	// Now is the clock, for the times recorded and the waits measured;
	// nil means time.Now.
	Now func() time.Time
	// Acquire, when set, is called before each run to take what the run
	// needs outside this process: a shared database's lock on the source
	// and its hosts, so that no other process runs the source or crawls
	// its hosts meanwhile. An error means the run cannot start now (one
	// wrapping ErrRunning: the source is running elsewhere): Run returns
	// it and does nothing. release is called once the run is recorded.
	Acquire func(ctx context.Context, src Source) (release func(), err error)
	// Host and PID identify this process on the runs it owns; default
	// os.Hostname() and os.Getpid().
	Host string
	PID  int
	// LockWait is how long a run that has ended waits for a busy store
	// to take what it fetched before it gives up and reports the listings
	// it could not store; default DefaultLockWait.
	LockWait time.Duration
	// MaxMemory bounds the bytes of fetched listings held in memory while
	// the store is busy; past it they are spilled to a file in SpillDir
	// ("" means os.TempDir()). Default DefaultMaxMemory.
	MaxMemory int64
	SpillDir  string
	// BatchSize, BatchAfter, MaxConcurrent and RetryWait default to
	// DefaultBatchSize, DefaultBatchAfter, DefaultMaxConcurrent and
	// DefaultRetryWait.
	BatchSize     int
	BatchAfter    time.Duration
	MaxConcurrent int
	RetryWait     time.Duration

	mu       sync.Mutex
	running  map[string]bool
	inFlight int
	pending  time.Time // when a run that calls for a snapshot ended; zero when none
	snapMu   sync.Mutex
}

func (r *Runner) now() time.Time {
	if r.Now != nil {
		return r.Now()
	}
	return time.Now()
}

func (r *Runner) logger() *slog.Logger {
	if r.Logger != nil {
		return r.Logger
	}
	return slog.New(slog.DiscardHandler)
}

func (r *Runner) busy(err error) bool { return r.Busy != nil && r.Busy(err) }

func orDefault[T int | int64 | time.Duration](v, def T) T {
	if v > 0 {
		return v
	}
	return def
}

func (r *Runner) lockWait() time.Duration   { return orDefault(r.LockWait, DefaultLockWait) }
func (r *Runner) maxMemory() int64          { return orDefault(r.MaxMemory, DefaultMaxMemory) }
func (r *Runner) batchSize() int            { return orDefault(r.BatchSize, DefaultBatchSize) }
func (r *Runner) batchAfter() time.Duration { return orDefault(r.BatchAfter, DefaultBatchAfter) }
func (r *Runner) retryWait() time.Duration  { return orDefault(r.RetryWait, DefaultRetryWait) }

// owner returns the host and pid recorded on runs.
func (r *Runner) owner() (string, int) {
	host, pid := r.Host, r.PID
	if host == "" {
		host, _ = os.Hostname()
	}
	if pid == 0 {
		pid = os.Getpid()
	}
	return host, pid
}

// RunAll runs srcs, at most MaxConcurrent at once, and returns their runs
// in the order of srcs; one Snapshot follows them all. A source already
// running in r gets a failed run that is not stored.
func (r *Runner) RunAll(ctx context.Context, srcs []Source) []jobstats.Run {
	r.enter()
	runs := make([]jobstats.Run, len(srcs))
	sem := make(chan struct{}, orDefault(r.MaxConcurrent, DefaultMaxConcurrent))
	var wg sync.WaitGroup
	for i, src := range srcs {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			run, err := r.Run(ctx, src)
			if err != nil {
				run = jobstats.Run{Source: src.Name, Kind: src.Kind, Status: jobstats.RunFailed, Start: r.now().UTC()}
				run.End = run.Start
				run.AddError(err.Error())
			}
			runs[i] = run
		})
	}
	wg.Wait()
	r.leave(ctx, false)
	return runs
}

// Run runs src once and returns its record. Everything that goes wrong is
// recorded on the run (Status, Incomplete, Errors) rather than returned:
// the error is ErrRunning, when a run of src is still going in r, or
// Acquire's, and then nothing was done. Writes that finish the run happen even after ctx
// is cancelled: what was fetched is stored and the run is recorded
// interrupted.
func (r *Runner) Run(ctx context.Context, src Source) (jobstats.Run, error) {
	r.mu.Lock()
	if r.running[src.Name] {
		r.mu.Unlock()
		return jobstats.Run{}, fmt.Errorf("run %s: %w", src.Name, ErrRunning)
	}
	if r.running == nil {
		r.running = map[string]bool{}
	}
	r.running[src.Name] = true
	r.inFlight++
	r.mu.Unlock()

	release := func() {}
	var err error
	if r.Acquire != nil {
		release, err = r.Acquire(ctx, src)
	}
	var run jobstats.Run
	if err == nil {
		run = r.run(ctx, src)
		release()
	}

	r.mu.Lock()
	delete(r.running, src.Name)
	r.mu.Unlock()
	r.leave(ctx, err == nil && (run.Status == jobstats.RunOK || run.Status == jobstats.RunPartial))
	if err != nil {
		return jobstats.Run{}, fmt.Errorf("run %s: %w", src.Name, err)
	}
	return run, nil
}

// run does the work of Run.
func (r *Runner) run(ctx context.Context, src Source) jobstats.Run {
	log := r.logger().With("source", src.Name)
	host, pid := r.owner()
	start := r.now().UTC()
	run := jobstats.Run{Source: src.Name, Kind: src.Kind, Start: start, Status: jobstats.RunRunning, Host: host, PID: pid}
	// Writes that finish the run happen even after ctx is cancelled.
	wctx := context.WithoutCancel(ctx)
	w := r.startWriter(wctx, &run, log)

	var vals *validatorCache
	var scraperVals scraper.Validators // nil, not a nil *validatorCache, when off
	if m, err := r.Store.Validators(wctx); err != nil {
		// Not worth waiting for: the run fetches in full instead. A busy
		// store gets its one warning from the writer.
		level := slog.LevelWarn
		if r.busy(err) {
			level = slog.LevelInfo
		}
		log.Log(wctx, level, "conditional requests off for this run: cannot read the stored validators", "err", err)
	} else {
		vals = newValidatorCache(m)
		scraperVals = vals
	}
	var st scraper.Stats
	s, err := src.New(scraperVals)
	if err == nil {
		st, err = crawlSafely(ctx, s, func(_ context.Context, batch []jobstats.Listing) error {
			if r.Enrich != nil {
				for i := range batch {
					r.Enrich(&batch[i])
				}
			}
			if r.OnListings != nil {
				r.OnListings(src.Name, len(batch))
			}
			return w.add(batch)
		}, log)
	}
	deadline := r.now().Add(r.lockWait())
	if n := w.queued(); n > 0 {
		log.Debug("crawl done; storing the rest", "queued", n)
	}
	storeErr := w.close(deadline)

	// The writer is done: run is this goroutine's again.
	if src.MaxPages > 0 && st.Incomplete == "" && !st.NotModified && st.PagesFetched+st.PagesFailed >= src.MaxPages {
		st.Incomplete = fmt.Sprintf("max_pages %d reached", src.MaxPages)
	}
	cancelled := ctx.Err() != nil
	out := Decide(st, err, cancelled, storeErr)
	run.Status, run.Complete, run.Incomplete = out.Status, out.Complete, out.Incomplete
	run.PagesFetched, run.PagesFailed, run.PagesEmpty = st.PagesFetched, st.PagesFailed, st.PagesEmpty
	run.Listings = st.Listings
	run.Unchanged = len(st.Unchanged)
	for _, e := range st.Errors {
		run.AddError(e)
	}
	if err != nil && !(cancelled && errors.Is(err, context.Canceled)) {
		run.AddError(err.Error())
	}
	if storeErr != nil {
		run.AddError(storeErr.Error())
	}
	run.End = r.now().UTC()
	staleMemory := false
	if storeErr == nil {
		if err := r.settle(wctx, deadline, src, &run, st, &staleMemory, log); err != nil {
			run.Status, run.Complete, run.Incomplete = jobstats.RunFailed, false, "listings stored, but not marked or closed"
			run.AddError(err.Error())
		}
	}

	// The record must be written: give it a little more time than the
	// rest when the store was busy to the end.
	if err := r.retry(wctx, later(deadline, r.now().Add(r.lockWait()/4)), log, "record the run", func() error {
		rec := run
		rec.Heartbeat = r.now().UTC()
		if err := r.Store.PutRun(wctx, &rec); err != nil {
			return err
		}
		run.ID, run.Heartbeat = rec.ID, rec.Heartbeat
		return nil
	}); err != nil {
		run.Status = jobstats.RunFailed
		run.AddError("record run: " + err.Error())
		log.Error("cannot record the run; the next jobstats to write marks it interrupted", "run", run.ID, "err", err)
	}

	// Validators are kept only from a run that stored everything it
	// fetched and saw the whole board: from any other, the next run must
	// fetch in full rather than be told "304 Not Modified" about pages
	// whose listings it never stored.
	// The jsonld kind's page memory (scraper.IsPageMemory) describes
	// listings it handed over: it is kept whenever they were all stored,
	// so that a site larger than max_pages, or with a page that failed,
	// is read a little further each run; and it is dropped when the store
	// disagrees with it, so that the next run reads every page again.
	if vals != nil && staleMemory {
		// The pages named unchanged (by a sitemap's lastmod, or a 304 to a
		// conditional request) are read whole next time.
		unchanged := make(map[string]bool, len(st.Unchanged))
		for _, id := range st.Unchanged {
			unchanged[id] = true
		}
		vals.forget(func(key string) bool { return scraper.IsPageMemory(key) || unchanged[key] })
		log.Info("listings the source says are unchanged are not open in the store: the next run reads their pages again")
	}
	if vals != nil && run.Status != jobstats.RunOK && storeErr == nil {
		if changed := vals.changedIf(scraper.IsPageMemory); len(changed) > 0 {
			if err := r.retry(wctx, deadline, log, "save the page memory", func() error {
				return r.Store.PutValidators(wctx, changed)
			}); err != nil {
				log.Warn("cannot save the page memory; the next run reads those pages again", "err", err)
			}
		}
	}
	if vals != nil && run.Status == jobstats.RunOK {
		if changed := vals.changed(); len(changed) > 0 {
			if err := r.retry(wctx, deadline, log, "save the HTTP cache validators", func() error {
				return r.Store.PutValidators(wctx, changed)
			}); err != nil {
				log.Warn("cannot save the HTTP cache validators; the next run fetches in full", "err", err)
			}
		}
	}
	r.report(log, run)
	if r.OnDone != nil {
		r.OnDone(run)
	}
	return run
}

// settle ends a run whose listings are stored: it marks the listings the
// source still lists but whose details failed (Stats.KeepOpen), and those
// it knew to be unchanged (Stats.Unchanged), as seen (setting *staleMemory
// when one of the latter is not an open stored listing),
// makes the run incomplete when one of them is not a stored listing of the
// source (the page that failed may have been an index page), and, when the
// run is complete, closes the listings the last CloseAfter complete runs
// all missed; a run answered 304 Not Modified first marks as seen what the
// previous complete run saw.
func (r *Runner) settle(ctx context.Context, deadline time.Time, src Source, run *jobstats.Run, st scraper.Stats, staleMemory *bool, log *slog.Logger) error {
	var keep map[string]bool
	unknown := -1 // failed pages that are no stored listing; -1: not known before the sweep
	if len(st.KeepOpen) > 0 {
		var err error
		if keep, unknown, err = r.keepOpen(ctx, deadline, src, st.KeepOpen, log); err != nil {
			return fmt.Errorf("find the listings of the pages that failed: %w", err)
		}
	}
	if len(keep) > 0 || len(st.Unchanged) > 0 {
		listed := make(map[string]bool, len(st.Unchanged))
		for _, id := range st.Unchanged {
			listed[jobstats.ListingID(src.Name, id)] = true
		}
		var res jobstats.SweepResult
		err := r.retry(ctx, deadline, log, "keep listings open", func() (err error) {
			res, err = r.Store.Sweep(ctx, &jobstats.Sweep{Source: src.Name, Seen: run.Start, KeepOpen: keep, Listed: listed})
			return err
		})
		if err != nil {
			return fmt.Errorf("keep listings open: %w", err)
		}
		run.KeptOpen = res.Seen - res.ListedOpen
		if res.ListedOpen < len(listed) {
			// The source's memory of unchanged pages names listings that
			// are not open here: the next run must read those pages.
			*staleMemory = true
		}
		if unknown < 0 && res.Kept < len(keep) {
			unknown = len(keep) - res.Kept
		}
	}
	if unknown > 0 && run.Complete {
		run.Complete = false
		run.Incomplete = fmt.Sprintf("%d of %d pages that failed are not stored listings of the source: they may have been index pages",
			unknown, len(st.KeepOpen))
	}
	if !run.Complete {
		return nil
	}
	var history []jobstats.Run
	err := r.retry(ctx, deadline, log, "read the runs", func() (err error) {
		history, err = r.Store.Runs(ctx, src.Name, 0)
		return err
	})
	if err != nil {
		return fmt.Errorf("read the runs of %s: %w", src.Name, err)
	}
	closing := jobstats.NewClosing(*run, history, orDefault(src.CloseAfter, jobstats.DefaultCloseAfter))
	sw := jobstats.Sweep{Source: src.Name, Seen: run.Start, KeepOpen: keep, Close: &closing}
	if st.NotModified {
		sw.Unchanged = true
		if n := len(closing.Runs); n >= 2 {
			sw.UnchangedSince = closing.Runs[n-2].Start
		}
	}
	var res jobstats.SweepResult
	err = r.retry(ctx, deadline, log, "close missing listings", func() (err error) {
		res, err = r.Store.Sweep(ctx, &sw)
		return err
	})
	if err != nil {
		return fmt.Errorf("close missing listings: %w", err)
	}
	run.Closed = res.Closed
	return nil
}

// keepOpen returns the IDs of the stored listings behind failedIDs, the
// SourceIDs of what the source still lists but could not fetch
// (scraper.Stats.KeepOpen), and how many of them are no stored listing of
// src. A SourceID names its listing, or, for the page kinds, the address
// of a page that failed: the stored listings read from that address (their
// URL) are then the ones kept open, whatever their SourceID. When the store
// cannot list a source's listings (no ListingScanner), the IDs are
// returned as they are and unknown is -1: the sweep then counts them.
func (r *Runner) keepOpen(ctx context.Context, deadline time.Time, src Source, failedIDs []string, log *slog.Logger) (keep map[string]bool, unknown int, err error) {
	keep = make(map[string]bool, len(failedIDs))
	sc, ok := r.Store.(ListingScanner)
	if !ok {
		for _, id := range failedIDs {
			keep[jobstats.ListingID(src.Name, id)] = true
		}
		return keep, -1, nil
	}
	want := make(map[string]bool, len(failedIDs))
	for _, id := range failedIDs {
		want[id] = true
	}
	// found maps each failed SourceID to the stored listings it names,
	// by their ID or by their URL.
	var found map[string][]string
	err = r.retry(ctx, deadline, log, "read the listings", func() error {
		found = make(map[string][]string, len(failedIDs))
		return sc.ForEach(ctx, jobstats.Scan{Source: src.Name}, func(l *jobstats.Listing) error {
			if want[l.SourceID] {
				found[l.SourceID] = append(found[l.SourceID], l.ID)
			}
			if l.URL != l.SourceID && want[l.URL] {
				found[l.URL] = append(found[l.URL], l.ID)
			}
			return nil
		})
	})
	if err != nil {
		return nil, 0, err
	}
	for _, id := range failedIDs {
		ids := found[id]
		if len(ids) == 0 {
			unknown++
			continue
		}
		for _, lid := range ids {
			keep[lid] = true
		}
	}
	return keep, unknown, nil
}

// retry calls fn until it succeeds, fails with an error that is not busy,
// or deadline passes (a zero deadline: one try), waiting with backoff
// between tries, and returns fn's last error. It logs one warning per
// stall.
func (r *Runner) retry(ctx context.Context, deadline time.Time, log *slog.Logger, what string, fn func() error) error {
	wait := r.retryWait()
	var stalled time.Time
	for {
		err := fn()
		now := r.now()
		if err == nil {
			if !stalled.IsZero() {
				log.Info("store free again", "to", what, "waited", now.Sub(stalled).Round(time.Millisecond))
			}
			return nil
		}
		if !r.busy(err) || !now.Before(deadline) {
			return err
		}
		if stalled.IsZero() {
			stalled = now
			log.Warn("store busy: waiting to "+what, "for", deadline.Sub(now).Round(time.Second), "err", err)
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(min(wait, deadline.Sub(now))):
		}
		wait = min(2*wait, 32*r.retryWait())
	}
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// report logs a run that did not end well, with the reasons.
func (r *Runner) report(log *slog.Logger, run jobstats.Run) {
	attrs := []any{"run", run.ID, "status", run.Status, "complete", run.Complete, "listings", run.Listings,
		"stored", run.Stored, "pages", run.PagesFetched, "failed", run.PagesFailed}
	if run.Incomplete != "" {
		attrs = append(attrs, "incomplete", run.Incomplete)
	}
	if len(run.Errors) > 0 {
		attrs = append(attrs, "err", strings.Join(run.Errors, "; "))
	}
	switch run.Status {
	case jobstats.RunFailed:
		log.Warn("run failed", attrs...)
	case jobstats.RunInterrupted:
		log.Info("run interrupted", attrs...)
	}
}

// enter counts a run (or a group of runs) in flight.
func (r *Runner) enter() {
	r.mu.Lock()
	r.inFlight++
	r.mu.Unlock()
}

// leave ends what enter counted and takes the snapshot when it is due:
// when nothing is in flight any more, or DefaultSnapshotDelay after the
// first run that called for one, if any run did (stored).
func (r *Runner) leave(ctx context.Context, stored bool) {
	r.mu.Lock()
	r.inFlight--
	now := r.now()
	if stored && r.pending.IsZero() {
		r.pending = now
	}
	due := !r.pending.IsZero() && (r.inFlight == 0 || now.Sub(r.pending) >= DefaultSnapshotDelay)
	if due {
		r.pending = time.Time{}
	}
	r.mu.Unlock()
	if due && r.Snapshot != nil {
		r.snapshot(ctx)
	}
}

// snapshot calls Snapshot, one at a time, retrying while the store is busy.
func (r *Runner) snapshot(ctx context.Context) {
	r.snapMu.Lock()
	defer r.snapMu.Unlock()
	wctx := context.WithoutCancel(ctx)
	at := r.now().UTC()
	log := r.logger()
	if err := r.retry(wctx, at.Add(r.lockWait()), log, "store the snapshot", func() error { return r.Snapshot(wctx, at) }); err != nil {
		log.Warn("snapshot of the statistics", "err", err)
	}
}

// crawlSafely runs s.Crawl and turns a panic in the source (a bug, most
// likely met on data nobody foresaw) into the crawl's error, so that one
// source's bug fails its run, with what was already handed over stored,
// instead of ending the process and every other run in it. The stack is
// logged at debug level.
func crawlSafely(ctx context.Context, s scraper.Source, sink scraper.Sink, log *slog.Logger) (st scraper.Stats, err error) {
	defer func() {
		if v := recover(); v != nil {
			log.Debug("source panicked", "panic", v, "stack", string(debug.Stack()))
			err = fmt.Errorf("internal error in the source (a bug in jobstats; please report it): %v", v)
		}
	}()
	return s.Crawl(ctx, sink)
}
