package storage

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"go.etcd.io/bbolt"
)

// compactTxSize bounds the size of each transaction of Compact.
const compactTxSize = 64 << 20

// Compact rewrites the database into a new file with full pages (freeing
// the space of deleted and rewritten records), then renames it over the
// old one. It needs exclusive access:
// it returns ErrReadOnly on a read-only database, and it waits for the
// calls running on db and blocks new ones until it is done. The new file
// is locked before it replaces the old one, so no other process can slip
// in between.
func (db *DB) Compact(ctx context.Context) error {
	if db.opts.ReadOnly {
		return fmt.Errorf("compact database %s: %w", db.path, ErrReadOnly)
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("compact database %s: %w", db.path, err)
	}
	db.mu.Lock()
	defer db.mu.Unlock()
	if err := db.compact(); err != nil {
		return fmt.Errorf("compact database %s: %w", db.path, db.translate(err))
	}
	return nil
}

func (db *DB) compact() error {
	f, err := os.CreateTemp(filepath.Dir(db.path), filepath.Base(db.path)+".compact-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	f.Close()
	dst, err := bbolt.Open(tmp, 0o600, boltOptions(db.opts))
	if err != nil {
		os.Remove(tmp)
		return err
	}
	fail := func(err error) error {
		dst.Close()
		os.Remove(tmp)
		return err
	}
	if err := db.guard(nil, func() error { return bbolt.Compact(dst, db.bolt, compactTxSize) }); err != nil {
		return fail(err)
	}
	// dst holds the lock of the new file while it takes the old one's name.
	if err := os.Rename(tmp, db.path); err != nil {
		return fail(err)
	}
	if d, err := os.Open(filepath.Dir(db.path)); err == nil {
		d.Sync()
		d.Close()
	}
	old := db.bolt
	db.bolt = dst
	if err := old.Close(); err != nil {
		return fmt.Errorf("close old file: %w", err)
	}
	return nil
}
