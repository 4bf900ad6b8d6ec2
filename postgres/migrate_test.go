package postgres

import (
	"errors"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/jobstats/jobstats/postgres/pgtest"
)

func TestEmbeddedMigrations(t *testing.T) {
	ms, err := loadMigrations(migrations)
	if err != nil || len(ms) == 0 || SchemaVersion() != len(ms) {
		t.Fatalf("embedded migrations: %d, %v", len(ms), err)
	}
}

func TestLoadMigrationsRejects(t *testing.T) {
	for name, files := range map[string]fstest.MapFS{
		"a gap":       {"migrations/0001_a.sql": {}, "migrations/0003_c.sql": {}},
		"no number":   {"migrations/initial.sql": {}},
		"version 0":   {"migrations/0000_zero.sql": {}},
		"twice the 1": {"migrations/0001_a.sql": {}, "migrations/1_b.sql": {}},
	} {
		if _, err := loadMigrations(files); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// TestMigrateOnceUnderConcurrency: workers that start together on a new
// database apply each migration once; a later version is applied on the
// next start; a database of a newer jobstats is refused.
func TestMigrateOnceUnderConcurrency(t *testing.T) {
	url := pgtest.Schema(t)
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Go(func() {
			db, err := Open(t.Context(), url, nil)
			if err == nil {
				db.Close()
			}
			errs[i] = err
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("open %d: %v", i, err)
		}
	}
	versions := pgtest.QueryInts(t, url, "SELECT version FROM schema_migrations ORDER BY version")
	if len(versions) != SchemaVersion() || versions[len(versions)-1] != int64(SchemaVersion()) {
		t.Fatalf("schema_migrations holds %v, want 1..%d once each", versions, SchemaVersion())
	}

	db, err := Open(t.Context(), url, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ms, _ := loadMigrations(migrations)
	next := append(ms, migration{version: len(ms) + 1, name: "test", sql: "CREATE TABLE migrated_later (x int)"})
	for range 2 {
		if err := db.migrateTo(t.Context(), next); err != nil {
			t.Fatalf("migrate to the next version: %v", err)
		}
	}
	pgtest.Exec(t, url, "INSERT INTO migrated_later VALUES (1)")
	if _, err := Open(t.Context(), url, nil); !errors.Is(err, ErrSchema) {
		t.Errorf("open of a database one version ahead: %v, want ErrSchema", err)
	}
}
