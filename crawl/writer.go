package crawl

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/jobstats/jobstats"
)

// HeartbeatEvery is the longest a running run goes without rewriting its
// record (jobstats.Run.Heartbeat), so that other hosts can tell a live run
// from a dead one (see Recover).
const HeartbeatEvery = 5 * time.Minute

// writer stores the listings of one run in the background, so that
// fetching never waits on the store: the sink queues batches (see spool),
// and the writer stores them BatchSize at a time (or whatever is queued
// after BatchAfter), rewrites the run record after each batch, and waits
// out a busy store with one warning per stall.
type writer struct {
	r    *Runner
	log  *slog.Logger
	seen time.Time

	mu          sync.Mutex
	q           spool
	oldest      time.Time     // when the oldest queued listing was queued
	run         *jobstats.Run // ID, Listings, Stored, New, Updated and Heartbeat are the writer's while it runs
	dirty       bool          // counts changed since the record was written
	closing     bool
	deadline    time.Time
	fatal       error // a store error that is not busy: the run stops
	spillWarned bool

	wake   chan struct{} // a full batch, or close
	closed chan struct{} // closed by close
	done   chan struct{} // closed when the loop ends
	result error         // why not everything was stored; set before done
}

// startWriter starts the writer of run, whose listings are stored as seen
// at run.Start.
func (r *Runner) startWriter(ctx context.Context, run *jobstats.Run, log *slog.Logger) *writer {
	w := &writer{
		r: r, log: log, seen: run.Start, run: run,
		q:      spool{dir: r.SpillDir, max: r.maxMemory()},
		wake:   make(chan struct{}, 1),
		closed: make(chan struct{}),
		done:   make(chan struct{}),
	}
	go w.loop(ctx)
	return w
}

// add queues a batch. It returns the writer's fatal store error, if any,
// so that the crawl stops; a busy store is not an error.
func (w *writer) add(batch []jobstats.Listing) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.fatal != nil {
		return w.fatal
	}
	if w.q.len() == 0 {
		w.oldest = w.r.now()
	}
	// Found so far, for the running record (the crawl's own count
	// replaces it at the end).
	w.run.Listings += len(batch)
	before := len(w.q.segs)
	if err := w.q.push(batch); err != nil && !w.spillWarned {
		w.spillWarned = true
		w.log.Warn("cannot spill fetched listings to disk; keeping them in memory", "err", err)
	} else if len(w.q.segs) > before {
		w.log.Info("store busy: fetched listings spilled to disk", "queued", w.q.len(), "dir", w.q.dir)
	}
	if w.q.len() >= w.r.batchSize() {
		w.signal()
	}
	return nil
}

func (w *writer) signal() {
	select {
	case w.wake <- struct{}{}:
	default:
	}
}

// close takes no more batches, waits until everything queued is stored,
// or until deadline passes while the store stays busy, and returns why not
// everything was stored (nil when it was).
func (w *writer) close(deadline time.Time) error {
	w.mu.Lock()
	w.closing, w.deadline = true, deadline
	w.mu.Unlock()
	close(w.closed)
	<-w.done
	return w.result
}

// queued returns how many fetched listings are not stored yet.
func (w *writer) queued() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.q.len()
}

func (w *writer) loop(ctx context.Context) {
	defer close(w.done)
	defer func() {
		w.mu.Lock()
		w.q.close()
		w.mu.Unlock()
	}()
	var batch []jobstats.Listing
	var stalled, lastRecord time.Time
	wait := w.r.retryWait()
	for {
		now := w.r.now()
		w.mu.Lock()
		closing, deadline := w.closing, w.deadline
		if batch == nil && w.q.len() > 0 && (closing || w.q.len() >= w.r.batchSize() || now.Sub(w.oldest) >= w.r.batchAfter()) {
			var err error
			if batch, err = w.q.take(w.r.batchSize()); err != nil {
				w.fatal = fmt.Errorf("store: %w", err)
				w.result = w.fatal
				w.mu.Unlock()
				return
			}
			w.oldest = now
		}
		left := w.q.len()
		// The run writes its final record itself once the writer is done.
		record := !closing && (w.run.ID == 0 || w.dirty || now.Sub(lastRecord) >= HeartbeatEvery)
		w.mu.Unlock()

		if batch == nil && !record {
			if closing && left == 0 {
				return
			}
			// Sleep until a batch is full, or close, or look again after
			// BatchAfter: the oldest queued listing may have waited long
			// enough, or a heartbeat may be due.
			d := min(HeartbeatEvery-now.Sub(lastRecord), w.r.batchAfter())
			select {
			case <-w.wake:
			case <-w.closedOr(closing):
			case <-time.After(d):
			}
			continue
		}

		err := w.write(ctx, &batch, record, now)
		if err == nil {
			lastRecord = now
			if !stalled.IsZero() {
				w.log.Info("store free again; storing the fetched listings it held", "waited", now.Sub(stalled).Round(time.Millisecond))
				stalled = time.Time{}
			}
			wait = w.r.retryWait()
			continue
		}
		if !w.r.busy(err) {
			w.mu.Lock()
			w.fatal = fmt.Errorf("store: %w", err)
			w.result = w.fatal
			w.mu.Unlock()
			return
		}
		held := left + len(batch)
		if stalled.IsZero() {
			stalled = now
			w.log.Warn("store busy: keeping fetched listings until it is free", "held", held, "err", err)
		}
		if closing && !now.Before(deadline) {
			w.result = fmt.Errorf("store busy for %s, until the wait after the crawl ran out; %d fetched listings not stored: %w",
				now.Sub(stalled).Round(time.Second), held, err)
			return
		}
		d := wait
		if closing {
			d = min(d, deadline.Sub(now))
		}
		select {
		case <-w.closedOr(closing):
		case <-time.After(d):
		}
		wait = min(2*wait, 32*w.r.retryWait())
	}
}

// closedOr returns the closed channel until the writer is closing, and nil
// (never ready) after, so that a closing writer still waits its backoff.
func (w *writer) closedOr(closing bool) <-chan struct{} {
	if closing {
		return nil
	}
	return w.closed
}

// write stores *batch when it is not nil (then sets it to nil), and then
// the run record, when asked to or after a batch.
func (w *writer) write(ctx context.Context, batch *[]jobstats.Listing, record bool, now time.Time) error {
	if *batch != nil {
		res, err := w.r.Store.PutListings(ctx, *batch, w.seen)
		if err != nil {
			return err
		}
		w.mu.Lock()
		w.run.Stored += len(*batch)
		w.run.New += res.New
		w.run.Updated += res.Updated
		w.dirty = true
		w.mu.Unlock()
		*batch = nil
		record = true
	}
	if !record {
		return nil
	}
	w.mu.Lock()
	rec := *w.run
	w.mu.Unlock()
	rec.Heartbeat = now
	if err := w.r.Store.PutRun(ctx, &rec); err != nil {
		return err
	}
	w.mu.Lock()
	w.run.ID, w.run.Heartbeat = rec.ID, rec.Heartbeat
	w.dirty = false
	w.mu.Unlock()
	return nil
}
