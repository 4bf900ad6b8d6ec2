// Package storetest is the contract every jobstats store keeps: one suite
// of tests, run against each store (the bbolt file of package storage and
// the PostgreSQL database of package postgres) by a factory that opens a
// fresh one. The same listings, runs, sweeps and snapshots go in, and the
// same must come out: the same lifecycles by the domain's rules, the same
// counts, the same scans in the same order, and so the same reports,
// exports, history and --as-of figures.
//
// A store's test calls Run:
//
//	func TestContract(t *testing.T) {
//		storetest.Run(t, func(t *testing.T, now func() time.Time) storetest.Store {
//			db, err := storage.Open(filepath.Join(t.TempDir(), "x.db"), &storage.Options{Now: now})
//			...
//		})
//	}
package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/crawl"
)

// Store is what the suite exercises: what a crawl writes (crawl.Store) and
// everything the CLI reads and maintains.
type Store interface {
	crawl.Store
	// ForEach streams the listings s selects, in ID order (bytes).
	ForEach(ctx context.Context, s jobstats.Scan, fn func(*jobstats.Listing) error) error
	// Get returns one listing, description included.
	Get(ctx context.Context, id string) (jobstats.Listing, error)
	PutSnapshot(ctx context.Context, at time.Time, key string, data []byte) error
	Snapshots(ctx context.Context, key string, fn func(at time.Time, data []byte) error) error
	SnapshotKeys(ctx context.Context) ([]string, error)
	Prune(ctx context.Context, closedBefore time.Time) (int, error)
	ImportListings(ctx context.Context, ls []jobstats.Listing) error
	Close() error
}

// Factory opens a new, empty store whose clock is now, and closes it when
// t ends.
type Factory func(t *testing.T, now func() time.Time) Store
