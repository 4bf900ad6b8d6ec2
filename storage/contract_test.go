package storage_test

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/jobstats/jobstats/storage"
	"github.com/jobstats/jobstats/storetest"
)

// TestContract runs the contract every store keeps on the bbolt file.
func TestContract(t *testing.T) {
	storetest.Run(t, func(t *testing.T, now func() time.Time) storetest.Store {
		db, err := storage.Open(filepath.Join(t.TempDir(), "jobstats.db"), &storage.Options{Now: now})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return db
	})
}
