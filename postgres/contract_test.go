package postgres_test

import (
	"testing"
	"time"

	"github.com/jobstats/jobstats/postgres"
	"github.com/jobstats/jobstats/postgres/pgtest"
	"github.com/jobstats/jobstats/storetest"
)

// TestContract runs the contract every store keeps on PostgreSQL, each
// case in a schema of its own.
func TestContract(t *testing.T) {
	pgtest.URL(t)
	storetest.Run(t, func(t *testing.T, now func() time.Time) storetest.Store {
		db, err := postgres.Open(t.Context(), pgtest.Schema(t), &postgres.Options{Now: now})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return db
	})
}
