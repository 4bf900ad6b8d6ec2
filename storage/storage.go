package storage

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"time"

	"go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// SchemaVersion is the version of the database layout this package writes.
// Open refuses a database whose stored version is higher, and upgrades an
// older one when it opens it for writing (see Open).
//
// Version 2 added the facts and symbols buckets (see Facts): a jobstats
// older than it would change listings without their facts, so it must not
// open such a file, and does not.
const SchemaVersion = 2

// DefaultTimeout is how long Open waits for another process's lock when
// Options.Timeout is zero.
const DefaultTimeout = 2 * time.Second

// Bucket names.
var (
	bucketMeta         = []byte("meta")
	bucketListings     = []byte("listings")
	bucketDescriptions = []byte("descriptions")
	bucketRuns         = []byte("runs")
	bucketSnapshots    = []byte("snapshots")
	bucketValidators   = []byte("validators")

	// v1Buckets are the buckets of schema version 1; allBuckets those of
	// the current version.
	v1Buckets  = [][]byte{bucketMeta, bucketListings, bucketDescriptions, bucketRuns, bucketSnapshots, bucketValidators}
	allBuckets = append(append([][]byte(nil), v1Buckets...), bucketFacts, bucketSymbols)

	keySchema  = []byte("schema")
	keyCreated = []byte("created")
)

// Errors returned by this package. They are wrapped: test with errors.Is.
var (
	// ErrLocked is returned by Open when another process holds the
	// database (a writer, or any process when opening for writing) for
	// longer than Options.Timeout. The error is a *LockedError.
	ErrLocked = errors.New("database is in use by another process")
	// ErrNotFound is returned by Get when no listing has the id.
	ErrNotFound = errors.New("not found")
	// ErrSchema is returned by Open when the database was written by a
	// newer jobstats with a schema version this one does not know.
	ErrSchema = errors.New("database schema is newer than this jobstats")
	// ErrInvalid is returned by Open when the file is not a jobstats
	// database (not a bbolt file, corrupt, or a bbolt file of another
	// program), and by reads that meet a record they cannot decode.
	ErrInvalid = errors.New("not a valid jobstats database")
	// ErrReadOnly is returned by every write on a database opened with
	// Options.ReadOnly.
	ErrReadOnly = errors.New("database is open read-only")
	// ErrClosed is returned by calls on a closed DB.
	ErrClosed = errors.New("database is closed")
)

// LockedError is the error Open returns when another process holds the
// database. It matches ErrLocked with errors.Is.
type LockedError struct {
	// Path is the database file.
	Path string
	// PID is the process holding the lock, or 0 when it could not be
	// found (from /proc/locks, Linux only).
	PID int
}

// Error returns "database PATH is in use by another jobstats process (pid N)".
func (e *LockedError) Error() string {
	if e.PID > 0 {
		return fmt.Sprintf("database %s is in use by another jobstats process (pid %d)", e.Path, e.PID)
	}
	return fmt.Sprintf("database %s is in use by another jobstats process", e.Path)
}

// Is reports whether target is ErrLocked.
func (e *LockedError) Is(target error) bool { return target == ErrLocked }

// Options configure Open. The zero value (or a nil *Options) opens for
// writing with a 2 s lock timeout and the real clock.
type Options struct {
	// Timeout is how long Open waits for another process's lock before it
	// returns ErrLocked; zero or negative means DefaultTimeout (2 s). Open
	// never waits forever.
	Timeout time.Duration
	// ReadOnly opens with a shared lock: read-only opens may run beside
	// each other, but not beside a writer. Every write then returns
	// ErrReadOnly, and Open neither creates the file nor its directory.
	ReadOnly bool
	// Now is the clock; nil means time.Now. PutListings uses it when
	// given a zero time.
	Now func() time.Time
	// Logger receives what a writable Open does at length (building the
	// facts of an older file, see Facts) and the notice that a read falls
	// back to decoding whole listings; nil discards them.
	Logger *slog.Logger
}

// DB is a jobstats database: one bbolt file. Its methods are safe for
// concurrent use, except Compact, which needs the DB to itself.
type DB struct {
	// mu guards bolt: every call holds it for reading, Compact (which
	// replaces the file) for writing.
	mu   sync.RWMutex
	bolt *bbolt.DB
	path string
	opts Options

	vmu        sync.Mutex
	validators map[string]validator // set since the last flush

	// symbols is the symbol table of the facts, as writes use it.
	symbols symbolTable
}

// Open opens the database at path, creating the file and its parent
// directories (mode 0700) unless ReadOnly. A new file gets its buckets and
// the current schema version; an existing one has its version checked. An
// older version is upgraded in place when opening for writing (the missing
// buckets are created; records keep their format until rewritten), and
// read as it is when ReadOnly. A writable open also makes the facts of
// every listing when the file has none of the current
// jobstats.FactsVersion (see Facts), once, logging its progress to
// Options.Logger: about a second per 100,000 listings. It returns a
// *LockedError (ErrLocked) when another process holds the file
// past Options.Timeout, ErrSchema for a newer schema, ErrInvalid for a file
// that is not a jobstats database, and fs.ErrNotExist when a ReadOnly open
// finds no file.
func Open(path string, opts *Options) (*DB, error) {
	var o Options
	if opts != nil {
		o = *opts
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if !o.ReadOnly {
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return nil, fmt.Errorf("open database %s: %w", path, unwrapPath(err))
		}
	}
	bdb, err := openBolt(path, boltOptions(o))
	if err != nil {
		return nil, err
	}
	db := &DB{bolt: bdb, path: path, opts: o}
	if err := db.init(); err != nil {
		bdb.Close()
		return nil, err
	}
	if !o.ReadOnly {
		if err := db.buildFacts(context.Background()); err != nil {
			bdb.Close()
			return nil, fmt.Errorf("open database %s: %w", path, err)
		}
	}
	return db, nil
}

// pageSize is the page size of new files (an existing file keeps its own).
// Larger than the usual 4 KiB because bbolt writes each dirty page with its
// own system call: 16 KiB pages halve the system time of ingest (1-2 KB
// descriptions) and shorten scans, at the cost of rewriting 16 KiB for a
// one-listing change.
const pageSize = 16 << 10

// boltOptions returns the bbolt options for o: 16 KiB pages and the map
// freelist, not synced to disk (faster commits; a writable open rebuilds
// it by walking the file).
func boltOptions(o Options) *bbolt.Options {
	return &bbolt.Options{
		Timeout:        o.Timeout,
		ReadOnly:       o.ReadOnly,
		NoFreelistSync: true,
		FreelistType:   bbolt.FreelistMapType,
		PageSize:       pageSize,
	}
}

// openBolt opens the bbolt file and makes sure the file it locked is still
// the one at path: Compact in another process replaces the file by rename,
// and a process that waited on the old file's lock must open the new one.
func openBolt(path string, bo *bbolt.Options) (*bbolt.DB, error) {
	for attempt := 0; ; attempt++ {
		var f *os.File
		o := *bo
		o.OpenFile = func(name string, flag int, perm os.FileMode) (*os.File, error) {
			var err error
			f, err = os.OpenFile(name, flag, perm)
			return f, err
		}
		bdb, err := bbolt.Open(path, 0o600, &o)
		if err != nil {
			return nil, openError(path, err)
		}
		if attempt >= 3 || f == nil || sameFile(f, path) {
			return bdb, nil
		}
		bdb.Close()
	}
}

func sameFile(f *os.File, path string) bool {
	a, err := f.Stat()
	if err != nil {
		return true
	}
	b, err := os.Stat(path)
	if err != nil {
		return true
	}
	return os.SameFile(a, b)
}

// openError translates an error of bbolt.Open.
func openError(path string, err error) error {
	switch {
	case errors.Is(err, berrors.ErrTimeout):
		return &LockedError{Path: path, PID: lockHolder(path)}
	case isOSError(err):
		return fmt.Errorf("open database %s: %w", path, unwrapPath(err))
	}
	// bbolt's checks of the file: ErrInvalid, ErrChecksum,
	// ErrVersionMismatch, and unexported ones ("file size too small").
	return fmt.Errorf("open database %s: %w (%v)", path, ErrInvalid, err)
}

// isOSError reports whether err came from the operating system rather than
// from bbolt's checks of the file's content.
func isOSError(err error) bool {
	var pe *fs.PathError
	var errno syscall.Errno
	return errors.As(err, &pe) || errors.As(err, &errno)
}

// unwrapPath drops the *fs.PathError around err, whose path the caller's
// message already names.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// translate maps bbolt's errors to this package's; others pass unchanged.
func translate(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, berrors.ErrDatabaseReadOnly), errors.Is(err, berrors.ErrTxNotWritable):
		return ErrReadOnly
	case errors.Is(err, berrors.ErrDatabaseNotOpen):
		return ErrClosed
	case errors.Is(err, errRecord):
		return fmt.Errorf("%w: %w", ErrInvalid, err)
	}
	return err
}

// bucketsOf returns the buckets a database of schema version v has.
func bucketsOf(v uint64) [][]byte {
	if v < 2 {
		return v1Buckets
	}
	return allBuckets
}

// init creates the buckets of a new database, and checks the schema
// version of an existing one, upgrading an older one unless ReadOnly.
func (db *DB) init() error {
	// check returns the stored schema version, 0 for an empty file.
	check := func(tx *bbolt.Tx) (version uint64, err error) {
		meta := tx.Bucket(bucketMeta)
		if meta == nil {
			empty := true
			tx.ForEach(func([]byte, *bbolt.Bucket) error { empty = false; return nil })
			if !empty {
				return 0, fmt.Errorf("open database %s: %w (no jobstats meta bucket)", db.path, ErrInvalid)
			}
			return 0, nil
		}
		v, n := binary.Uvarint(meta.Get(keySchema))
		if n <= 0 || v == 0 {
			return 0, fmt.Errorf("open database %s: %w (no schema version)", db.path, ErrInvalid)
		}
		if v > SchemaVersion {
			return v, fmt.Errorf("open database %s: %w (version %d, this jobstats knows %d)", db.path, ErrSchema, v, SchemaVersion)
		}
		for _, name := range bucketsOf(v) {
			if tx.Bucket(name) == nil {
				return v, fmt.Errorf("open database %s: %w (missing bucket %s)", db.path, ErrInvalid, name)
			}
		}
		return v, nil
	}
	if db.opts.ReadOnly {
		return translate(db.bolt.View(func(tx *bbolt.Tx) error {
			v, err := check(tx)
			if err == nil && v == 0 {
				err = fmt.Errorf("open database %s: %w (empty file)", db.path, ErrInvalid)
			}
			return err
		}))
	}
	// Check in a read transaction first so that opening a current
	// database writes nothing.
	var version uint64
	err := db.bolt.View(func(tx *bbolt.Tx) error {
		var err error
		version, err = check(tx)
		return err
	})
	if err != nil || version == SchemaVersion {
		return translate(err)
	}
	err = db.bolt.Update(func(tx *bbolt.Tx) error {
		v, err := check(tx)
		if err != nil || v == SchemaVersion {
			return err
		}
		for _, name := range allBuckets {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return fmt.Errorf("create bucket %s: %w", name, err)
			}
		}
		meta := tx.Bucket(bucketMeta)
		if err := meta.Put(keySchema, binary.AppendUvarint(nil, SchemaVersion)); err != nil {
			return err
		}
		return meta.Put(keyCreated, binary.AppendVarint(nil, db.opts.Now().UnixNano()))
	})
	if err != nil {
		if version != 0 {
			return fmt.Errorf("open database %s: upgrade from version %d: %w", db.path, version, translate(err))
		}
		return fmt.Errorf("open database %s: initialize: %w", db.path, translate(err))
	}
	return nil
}

// Path returns the database file's path as given to Open.
func (db *DB) Path() string { return db.path }

// Close writes the validators set since the last flush (unless ReadOnly)
// and closes the file. It waits for running transactions to end. Calls
// after Close return ErrClosed.
func (db *DB) Close() error {
	var ferr error
	if !db.opts.ReadOnly {
		ferr = db.FlushValidators(context.Background())
	}
	db.mu.Lock()
	defer db.mu.Unlock()
	if err := db.bolt.Close(); err != nil {
		return fmt.Errorf("close database %s: %w", db.path, translate(err))
	}
	if ferr != nil && !errors.Is(ferr, ErrClosed) {
		return fmt.Errorf("close database %s: %w", db.path, ferr)
	}
	return nil
}

// view runs fn in a read transaction after checking ctx.
func (db *DB) view(ctx context.Context, fn func(tx *bbolt.Tx) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	db.mu.RLock()
	defer db.mu.RUnlock()
	return translate(db.bolt.View(fn))
}

// update runs fn in a write transaction after checking ctx.
func (db *DB) update(ctx context.Context, fn func(tx *bbolt.Tx) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if db.opts.ReadOnly {
		return ErrReadOnly
	}
	db.mu.RLock()
	defer db.mu.RUnlock()
	return translate(db.bolt.Update(fn))
}

// u64 returns v as an 8-byte big-endian key.
func u64(v uint64) []byte { return binary.BigEndian.AppendUint64(nil, v) }
