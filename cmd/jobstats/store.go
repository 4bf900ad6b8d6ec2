package main

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/crawl"
	"github.com/jobstats/jobstats/storage"
)

// Both the database and the CLI's view of it are stores a crawl can use.
var (
	_ crawl.Store = (*storage.DB)(nil)
	_ crawl.Store = dbStore{}
)

// dbHandle is the database as this process holds it: opened by the first
// of the calls that overlap, shared by the others, closed by the last, so
// that other processes get the file between them. bbolt's file lock is
// per open file, so two opens in one process would block each other; one
// shared handle lets a long read (the snapshot's scan) and this process's
// writes run side by side, in bbolt's own read and write transactions.
type dbHandle struct {
	mu        sync.Mutex
	cond      *sync.Cond
	db        *storage.DB
	path      string
	write     bool
	refs      int
	recovered bool // crawl.Recover has run on the first writable open
}

// acquireDB returns the database at path, open for writing when write, and
// the function that lets it go. A handle already open is shared when it
// serves (the same file, writable when a write is asked for); otherwise the
// call waits for it to close and opens its own. The first writable open of
// the process marks runs left running by dead processes interrupted.
func (a *app) acquireDB(ctx context.Context, path string, write bool) (*storage.DB, func() error, error) {
	h := &a.db
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.cond == nil {
		h.cond = sync.NewCond(&h.mu)
	}
	for h.db != nil && (h.path != path || (write && !h.write)) {
		h.cond.Wait()
	}
	if h.db == nil {
		timeout := a.lockTimeout
		if timeout <= 0 {
			timeout = dbTimeout
		}
		db, err := storage.Open(path, &storage.Options{Timeout: timeout, ReadOnly: !write, Now: a.now, Logger: a.logger()})
		if err != nil {
			return nil, nil, err
		}
		h.db, h.path, h.write = db, path, write
		if write && !h.recovered {
			h.recovered = true
			a.recoverRuns(ctx, db)
		}
	}
	h.refs++
	db := h.db
	var once sync.Once
	release := func() error {
		var err error
		once.Do(func() {
			h.mu.Lock()
			defer h.mu.Unlock()
			if h.refs--; h.refs > 0 {
				return
			}
			err = h.db.Close()
			h.db = nil
			h.cond.Broadcast()
		})
		return err
	}
	return db, release, nil
}

// recoverRuns marks the runs left running by processes that no longer
// exist interrupted, and logs them; a failure is logged, not returned: it
// must not stop the command that opened the database.
func (a *app) recoverRuns(ctx context.Context, db *storage.DB) {
	runs, err := crawl.Recover(context.WithoutCancel(ctx), db, crawl.Recovery{Now: a.now})
	for _, r := range runs {
		a.logger().Warn("run left running by a process that is gone: marked interrupted", "run", r.ID, "source", r.Source,
			"stored", r.Stored, "why", r.Incomplete)
	}
	if err != nil {
		a.logger().Warn("cannot mark interrupted runs", "err", err)
	}
}

// dbStore is the crawl.Store of the CLI: each call opens the database for
// its length (sharing an open one, see acquireDB), so that other processes
// get the file between writes. A call that finds the file held by another
// process returns storage.ErrLocked, which isLocked recognises for
// crawl.Runner.Busy.
type dbStore struct{ a *app }

// isLocked reports whether err means that another process holds the
// database: a crawl then waits and tries again.
func isLocked(err error) bool { return errors.Is(err, storage.ErrLocked) }

func (s dbStore) do(ctx context.Context, fn func(*storage.DB) error) error {
	return s.a.withDB(ctx, true, fn)
}

// PutListings implements crawl.Store.
func (s dbStore) PutListings(ctx context.Context, ls []jobstats.Listing, seen time.Time) (res jobstats.PutResult, err error) {
	err = s.do(ctx, func(db *storage.DB) (err error) { res, err = db.PutListings(ctx, ls, seen); return err })
	return res, err
}

// Sweep implements crawl.Store.
func (s dbStore) Sweep(ctx context.Context, sw *jobstats.Sweep) (res jobstats.SweepResult, err error) {
	err = s.do(ctx, func(db *storage.DB) (err error) { res, err = db.Sweep(ctx, sw); return err })
	return res, err
}

// PutRun implements crawl.Store.
func (s dbStore) PutRun(ctx context.Context, r *jobstats.Run) error {
	return s.do(ctx, func(db *storage.DB) error { return db.PutRun(ctx, r) })
}

// Runs implements crawl.Store.
func (s dbStore) Runs(ctx context.Context, source string, limit int) (runs []jobstats.Run, err error) {
	err = s.do(ctx, func(db *storage.DB) (err error) { runs, err = db.Runs(ctx, source, limit); return err })
	return runs, err
}

// Validators implements crawl.Store.
func (s dbStore) Validators(ctx context.Context) (m map[string]jobstats.Validator, err error) {
	err = s.do(ctx, func(db *storage.DB) (err error) { m, err = db.Validators(ctx); return err })
	return m, err
}

// PutValidators implements crawl.Store.
func (s dbStore) PutValidators(ctx context.Context, vals map[string]jobstats.Validator) error {
	return s.do(ctx, func(db *storage.DB) error { return db.PutValidators(ctx, vals) })
}
