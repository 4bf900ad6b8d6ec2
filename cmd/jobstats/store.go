package main

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/crawl"
	"github.com/jobstats/jobstats/postgres"
	"github.com/jobstats/jobstats/storage"
)

// reader is what the CLI reads from a database: the listings behind
// reports, exports and history (streamed without descriptions unless
// asked), the stored snapshots behind history, and the runs behind runs,
// sources and the lifecycle. The bbolt file and PostgreSQL both implement
// it, with the same results (package storetest).
type reader interface {
	ForEach(ctx context.Context, s jobstats.Scan, fn func(*jobstats.Listing) error) error
	Snapshots(ctx context.Context, key string, fn func(at time.Time, data []byte) error) error
	Runs(ctx context.Context, source string, limit int) ([]jobstats.Run, error)
}

// database is a database as the CLI uses it: what it reads, what a crawl
// writes (crawl.Store), the snapshots it stores, and its upkeep.
type database interface {
	reader
	crawl.Store
	PutSnapshot(ctx context.Context, at time.Time, key string, data []byte) error
	Prune(ctx context.Context, closedBefore time.Time) (int, error)
	Compact(ctx context.Context) error
	// Path names the database in messages: the file, or
	// postgres://host:port/db without user and password.
	Path() string
}

// Both databases, and the CLI's view of them, are stores a crawl can use.
var (
	_ database             = (*storage.DB)(nil)
	_ database             = (*postgres.DB)(nil)
	_ crawl.Store          = dbStore{}
	_ crawl.ListingScanner = dbStore{}
)

// pgHandle is the PostgreSQL database of this process: opened (and
// migrated) by the first call that needs it, shared by all, closed when
// the command ends.
type pgHandle struct {
	mu        sync.Mutex
	db        *postgres.DB
	coord     *postgres.Coordinator // see coordinator
	recovered bool
}

// pgDB returns the PostgreSQL database at url, opening it on first use.
// The first call that writes marks the runs of dead processes interrupted.
// A server that cannot be reached gives an error that isBusy recognises,
// so that a crawl keeps what it fetched and tries again.
func (a *app) pgDB(ctx context.Context, url string, write bool) (*postgres.DB, error) {
	h := &a.pg
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.db == nil {
		db, err := postgres.Open(ctx, url, &postgres.Options{Now: a.now, Logger: a.logger()})
		if err != nil {
			return nil, err
		}
		h.db = db
	}
	if write && !h.recovered {
		h.recovered = true
		h.mu.Unlock()
		err := a.recoverPGRuns(ctx, h.db)
		h.mu.Lock()
		if err != nil {
			h.recovered = false
			return nil, err
		}
	}
	return h.db, nil
}

// recoverPGRuns marks interrupted the runs recorded running whose source
// no worker holds the lock of: their processes are gone, on whatever host.
func (a *app) recoverPGRuns(ctx context.Context, db *postgres.DB) error {
	coord, err := a.coordinator(ctx, db)
	if err != nil {
		return err
	}
	dead := func(r jobstats.Run) string {
		release, err := coord.LockSource(ctx, r.Source)
		if err != nil {
			return "" // running, here or elsewhere, or cannot tell
		}
		release()
		return fmt.Sprintf("process %d on %s no longer holds the lock of source %s", r.PID, r.Host, r.Source)
	}
	runs, err := crawl.Recover(context.WithoutCancel(ctx), db, crawl.Recovery{Now: a.now, Dead: dead})
	for _, r := range runs {
		a.logger().Warn("run left running by a process that is gone: marked interrupted", "run", r.ID, "source", r.Source,
			"stored", r.Stored, "why", r.Incomplete)
	}
	if err != nil {
		a.logger().Warn("cannot mark interrupted runs", "err", err)
	}
	return nil
}

// closePG closes the PostgreSQL database if this process opened it.
func (a *app) closePG() error {
	h := &a.pg
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.db == nil {
		return nil
	}
	var err error
	if h.coord != nil {
		err = h.coord.Close()
		h.coord = nil
	}
	if cerr := h.db.Close(); err == nil {
		err = cerr
	}
	h.db = nil
	return err
}

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
func (a *app) recoverRuns(ctx context.Context, db crawl.RunStore) {
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
// process returns storage.ErrLocked, which isBusy recognises for
// crawl.Runner.Busy.
type dbStore struct{ a *app }

// isBusy reports whether err means that the database cannot take a write
// for now: another process holds the bbolt file, or the PostgreSQL server
// is unreachable or declined for now (a lost connection, a restart, a
// serialization failure). A crawl then keeps what it fetched, waits and
// tries again.
func isBusy(err error) bool {
	return errors.Is(err, storage.ErrLocked) || errors.Is(err, postgres.ErrUnavailable)
}

func (s dbStore) do(ctx context.Context, fn func(database) error) error {
	return s.a.withDB(ctx, true, fn)
}

// PutListings implements crawl.Store.
func (s dbStore) PutListings(ctx context.Context, ls []jobstats.Listing, seen time.Time) (res jobstats.PutResult, err error) {
	err = s.do(ctx, func(db database) (err error) { res, err = db.PutListings(ctx, ls, seen); return err })
	return res, err
}

// Sweep implements crawl.Store.
func (s dbStore) Sweep(ctx context.Context, sw *jobstats.Sweep) (res jobstats.SweepResult, err error) {
	err = s.do(ctx, func(db database) (err error) { res, err = db.Sweep(ctx, sw); return err })
	return res, err
}

// PutRun implements crawl.Store.
func (s dbStore) PutRun(ctx context.Context, r *jobstats.Run) error {
	return s.do(ctx, func(db database) error { return db.PutRun(ctx, r) })
}

// Runs implements crawl.Store.
func (s dbStore) Runs(ctx context.Context, source string, limit int) (runs []jobstats.Run, err error) {
	err = s.do(ctx, func(db database) (err error) { runs, err = db.Runs(ctx, source, limit); return err })
	return runs, err
}

// ForEach implements crawl.ListingScanner.
func (s dbStore) ForEach(ctx context.Context, sc jobstats.Scan, fn func(*jobstats.Listing) error) error {
	return s.do(ctx, func(db database) error { return db.ForEach(ctx, sc, fn) })
}

// Validators implements crawl.Store.
func (s dbStore) Validators(ctx context.Context) (m map[string]jobstats.Validator, err error) {
	err = s.do(ctx, func(db database) (err error) { m, err = db.Validators(ctx); return err })
	return m, err
}

// PutValidators implements crawl.Store.
func (s dbStore) PutValidators(ctx context.Context, vals map[string]jobstats.Validator) error {
	return s.do(ctx, func(db database) error { return db.PutValidators(ctx, vals) })
}
