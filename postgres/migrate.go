package postgres

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
)

// migrations are the schema's versions, applied in order: NNNN_name.sql,
// each in one transaction together with its row in schema_migrations.
//
//go:embed migrations/*.sql
var migrations embed.FS

// migration is one file of migrations.
type migration struct {
	version int
	name    string
	sql     string
}

// loadMigrations reads fsys's *.sql files, named NNNN_name.sql, in order of
// their versions, which must be 1, 2, 3, ... without gaps.
func loadMigrations(fsys fs.FS) ([]migration, error) {
	files, err := fs.Glob(fsys, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	var out []migration
	for _, f := range files {
		base := path.Base(f)
		num, name, ok := strings.Cut(strings.TrimSuffix(base, ".sql"), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v <= 0 {
			return nil, fmt.Errorf("migration %s: want NNNN_name.sql", base)
		}
		data, err := fs.ReadFile(fsys, f)
		if err != nil {
			return nil, err
		}
		out = append(out, migration{version: v, name: name, sql: string(data)})
	}
	slices.SortFunc(out, func(a, b migration) int { return a.version - b.version })
	for i, m := range out {
		if m.version != i+1 {
			return nil, fmt.Errorf("migration %04d_%s: want version %d (versions go 1, 2, 3, ... without gaps)", m.version, m.name, i+1)
		}
	}
	return out, nil
}

// SchemaVersion is the schema version this jobstats migrates databases to:
// the number of its migrations.
func SchemaVersion() int {
	ms, err := loadMigrations(migrations)
	if err != nil {
		panic(err) // the embedded files are checked by the tests
	}
	return len(ms)
}

// migrate applies the migrations the database lacks, holding an advisory
// lock on one connection so that processes starting together apply each
// migration once: the others wait, then find nothing left to do.
func (db *DB) migrate(ctx context.Context) error {
	ms, err := loadMigrations(migrations)
	if err != nil {
		return fmt.Errorf("migrate database %s: %w", db.name, err)
	}
	return db.migrateTo(ctx, ms)
}

func (db *DB) migrateTo(ctx context.Context, ms []migration) error {
	conn, err := db.pool.Acquire(ctx)
	if err != nil {
		return db.wrap("open database", err)
	}
	defer conn.Release()
	c := conn.Conn()
	if _, err := c.Exec(ctx, "SELECT pg_advisory_lock(hashtextextended('jobstats:' || current_schema() || ':migrate', 0))"); err != nil {
		return db.wrap("migrate database: lock", err)
	}
	defer c.Exec(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock(hashtextextended('jobstats:' || current_schema() || ':migrate', 0))")

	if _, err := c.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version integer PRIMARY KEY,
		name text NOT NULL,
		applied_at timestamptz NOT NULL DEFAULT now())`); err != nil {
		return db.wrap("migrate database", err)
	}
	var current int
	if err := c.QueryRow(ctx, "SELECT coalesce(max(version), 0) FROM schema_migrations").Scan(&current); err != nil {
		return db.wrap("migrate database", err)
	}
	if current > len(ms) {
		return fmt.Errorf("open database %s: %w (version %d, this jobstats knows %d)", db.name, ErrSchema, current, len(ms))
	}
	for _, m := range ms[current:] {
		err := pgx.BeginFunc(ctx, c, func(tx pgx.Tx) error {
			if _, err := tx.Exec(ctx, m.sql); err != nil {
				return err
			}
			_, err := tx.Exec(ctx, "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", m.version, m.name)
			return err
		})
		if err != nil {
			return db.wrap(fmt.Sprintf("migrate database to version %d (%s)", m.version, m.name), err)
		}
		db.log.Info("database migrated", "database", db.name, "version", m.version, "name", m.name)
	}
	return nil
}
