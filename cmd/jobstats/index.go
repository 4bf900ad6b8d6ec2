package main

import (
	"context"
	"sync"
	"time"

	"github.com/jobstats/jobstats/stats"
	"github.com/jobstats/jobstats/storage"
)

// statsIndex is what a server keeps between requests: the facts of every
// stored listing as a stats.Table, loaded once and loaded again when the
// database has changed (storage.DB.Changes), so that a page (a role in a
// market, with its filters) is a scan of memory: about 10 ms per million
// listings. `serve` and `daemon --http` answer every page and API request
// on a database file with Summaries (see webData.Summaries); the zero
// value is ready to use.
//
// A request never waits for a reload once a table is loaded: the request
// that finds the database changed loads the new table while the others go
// on with the one before, and the first request waits for the first load.
type statsIndex struct {
	// Every is how long a loaded table is trusted before the database is
	// asked whether it changed; zero means indexCheckEvery.
	Every time.Duration

	mu      sync.Mutex
	loaded  *sync.Cond // signalled when a load ends
	table   *stats.Table
	changes uint64    // the database's change count the table was loaded at
	checked time.Time // when it was last asked
	loading bool
	err     error // of the last load, returned to the requests that waited for it
}

// indexCheckEvery is how often statsIndex asks the database whether it
// changed, when Every is zero: a reload is seen at most this late.
const indexCheckEvery = time.Second

// changeCounter is a database that tells when its listings changed
// (storage.DB.Changes). The index of one that does not (PostgreSQL, for
// now) is loaded again whenever Every has passed.
type changeCounter interface {
	Changes(ctx context.Context) (uint64, error)
}

var _ changeCounter = (*storage.DB)(nil)

// Table returns the table of the current facts of the database: the one
// loaded, unless it is older than Every and the database changed since.
func (x *statsIndex) Table(ctx context.Context, a *app) (*stats.Table, error) {
	x.mu.Lock()
	if x.loaded == nil {
		x.loaded = sync.NewCond(&x.mu)
	}
	every := x.Every
	if every <= 0 {
		every = indexCheckEvery
	}
	for x.table == nil && x.loading {
		x.loaded.Wait()
	}
	if x.table != nil && (x.loading || a.now().Sub(x.checked) < every) {
		t := x.table
		x.mu.Unlock()
		return t, nil
	}
	if x.table == nil && x.err != nil && a.now().Sub(x.checked) < every {
		err := x.err
		x.mu.Unlock()
		return nil, err
	}
	x.loading = true
	known, had := x.changes, x.table != nil
	x.mu.Unlock()

	var table *stats.Table
	var changes uint64
	err := a.withDB(ctx, false, func(db database) error {
		if c, ok := db.(changeCounter); ok {
			var err error
			if changes, err = c.Changes(ctx); err != nil || (had && changes == known) {
				return err
			}
		}
		t := stats.NewTable()
		if err := facts(ctx, db, t.AddFact); err != nil {
			return err
		}
		table = t
		return nil
	})

	x.mu.Lock()
	defer x.mu.Unlock()
	x.loading = false
	x.checked = a.now()
	x.err = err
	if table != nil {
		x.table, x.changes = table, changes
	}
	x.loaded.Broadcast()
	if x.table == nil {
		return nil, err
	}
	if err != nil {
		a.logger().Warn("statistics index: cannot reload, answering from the one loaded before", "err", err)
	}
	return x.table, nil
}

// Summary returns the summary `stats report` gives for req (the figures,
// and their change over 30 days once the data reaches back that far),
// computed from the index.
func (x *statsIndex) Summary(ctx context.Context, a *app, req summaryRequest) (stats.Summary, error) {
	sums, err := x.Summaries(ctx, a, req)
	if err != nil {
		return stats.Summary{}, err
	}
	return sums[0], nil
}

// Summaries is Summary for several requests, computed side by side.
func (x *statsIndex) Summaries(ctx context.Context, a *app, reqs ...summaryRequest) ([]stats.Summary, error) {
	t, err := x.Table(ctx, a)
	if err != nil {
		return nil, err
	}
	opts := make([]stats.Options, len(reqs))
	for i, req := range reqs {
		if opts[i], err = a.options(req); err != nil {
			return nil, err
		}
	}
	sums := t.Summaries(opts...)
	for i, req := range reqs {
		sums[i] = topRoles(sums[i], req.top)
	}
	return sums, nil
}

// indexedSummary is summary from the in-memory index: what a server calls
// for every page and API request (summary reads the database each time,
// which suits a command that runs once).
func (a *app) indexedSummary(ctx context.Context, req summaryRequest) (stats.Summary, error) {
	return a.index.Summary(ctx, a, req)
}
