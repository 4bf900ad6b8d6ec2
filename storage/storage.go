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
	"runtime/debug"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// SchemaVersion is the version of the database layout this package writes.
// Open refuses a database whose stored version is higher, and upgrades an
// older one when it opens it for writing (see Open). The listing records
// carry their own format byte (see the package documentation), so adding
// Fingerprint and Simhash to them needed no new schema version.
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
	// longer than Options.Timeout, and by a read-only scan that let a
	// writer in and then waited longer than Options.Timeout to go on. The
	// error is a *LockedError.
	ErrLocked = errors.New("database is in use by another process")
	// ErrNotFound is returned by Get when no listing has the id.
	ErrNotFound = errors.New("not found")
	// ErrSchema is returned by Open when the database was written by a
	// newer jobstats with a schema version this one does not know.
	ErrSchema = errors.New("database schema is newer than this jobstats")
	// ErrInvalid is returned by Open when the file is not a sound jobstats
	// database: damaged (a bad or truncated page), empty, not a bbolt
	// file, or a bbolt file of another program; and by every call that
	// meets a page or record it cannot read. The error is an
	// *InvalidError naming the file.
	ErrInvalid = errors.New("not a valid jobstats database")
	// ErrReadOnly is returned by every write on a database opened with
	// Options.ReadOnly.
	ErrReadOnly = errors.New("database is open read-only")
	// ErrClosed is returned by calls on a closed DB.
	ErrClosed = errors.New("database is closed")
)

// InvalidError is the error for a file that is not a sound jobstats
// database. It matches ErrInvalid with errors.Is.
type InvalidError struct {
	// Path is the database file.
	Path string
	// Damaged is true for a database whose content is broken (a truncated
	// file, a bad page, a record that cannot be decoded, an empty file),
	// and false for a file that is not a jobstats database at all (not a
	// bbolt file, or another program's).
	Damaged bool
	// Reason says what is wrong, e.g. "listings: page 52 identifies as
	// page 0".
	Reason string
	// Problems lists every problem found when there were several; the
	// first is Reason.
	Problems []string
}

// Error returns "database PATH is damaged (REASON)", or "PATH is not a
// jobstats database (REASON)".
func (e *InvalidError) Error() string {
	if e.Damaged {
		return fmt.Sprintf("database %s is damaged (%s)", e.Path, e.Reason)
	}
	return fmt.Sprintf("%s is not a jobstats database (%s)", e.Path, e.Reason)
}

// Is reports whether target is ErrInvalid.
func (e *InvalidError) Is(target error) bool { return target == ErrInvalid }

// damaged returns an *InvalidError for a damaged database at path.
func damaged(path, format string, args ...any) *InvalidError {
	return &InvalidError{Path: path, Damaged: true, Reason: fmt.Sprintf(format, args...)}
}

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
	// Timeout is how long Open waits for other processes before it
	// returns ErrLocked; zero or negative means DefaultTimeout (2 s). A
	// writer waits for the writer before it and for the readers already
	// reading (which step aside for it, see the package documentation);
	// a reader waits for a writer that is writing or waiting to write,
	// and a scan that stepped aside for one waits up to twice Timeout
	// (the writer may itself have waited its timeout). Nothing waits
	// forever.
	Timeout time.Duration
	// ReadOnly opens with a shared lock: read-only opens may run beside
	// each other, but not beside a writer. Every write then returns
	// ErrReadOnly, and Open neither creates the file nor its directory.
	// Long scans (ForEach, Count) of a read-only DB let a waiting writer
	// in and then go on where they stopped.
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
	// mu guards bolt, ts and gen: every call holds it for reading;
	// Compact (which replaces the file) and a read-only scan that lets a
	// writer in (which reopens it) hold it for writing.
	mu   sync.RWMutex
	bolt *bbolt.DB
	ts   *turnstile // nil without a lock file
	gen  uint64     // counts reopens
	path string
	opts Options

	// broken is set when a write transaction panicked (bbolt's state may
	// be inconsistent) or a reopen failed: every later call returns its
	// error.
	broken atomic.Pointer[failure]

	// vmu guards verified, what a reader has walked of its file.
	vmu      sync.Mutex
	verified int

	// symbols is the symbol table of the facts, as writes use it.
	symbols symbolTable
	// reseen is set when most listings of the last PutListings were
	// stored already, as in a crawl seeing its listings again: the next
	// one then prepares no facts and looks nothing up ahead (see
	// PutListings).
	reseen atomic.Bool
}

// failure is the error that broke a DB.
type failure struct{ err error }

// Open opens the database at path, creating the file and its parent
// directories (mode 0700) unless ReadOnly. A new file gets its buckets and
// the current schema version; an existing one has its version checked. An
// older version is upgraded in place when opening for writing (the missing
// buckets are created; records keep their format until rewritten), and
// read as it is when ReadOnly. A writable open also makes the facts of
// every listing when the file has none of the current
// jobstats.FactsVersion (see Facts), once, logging its progress to
// Options.Logger.
//
// Before bbolt reads an existing file, Open checks its meta pages and its
// size against the pages they count, and a writer every page of its
// B-trees; a reader checks the pages of what it reads before its first
// read of them (see the package documentation), so that a damaged file is
// refused with an error instead of crashing the process.
//
// It returns a *LockedError (ErrLocked) when another process holds the
// file past Options.Timeout, ErrSchema for a newer schema, an
// *InvalidError (ErrInvalid) for a file that is empty, damaged or not a
// jobstats database, and fs.ErrNotExist when a ReadOnly open finds no
// file.
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
	db := &DB{path: path, opts: o}
	if err := db.open(context.Background(), o.Timeout); err != nil {
		return nil, err
	}
	if err := db.init(); err != nil {
		db.bolt.Close()
		db.ts.close()
		return nil, err
	}
	if !o.ReadOnly {
		if err := db.buildFacts(context.Background()); err != nil {
			db.bolt.Close()
			db.ts.close()
			return nil, fmt.Errorf("open database %s: %w", path, err)
		}
	}
	return db, nil
}

// open takes the locks and opens the bbolt file, waiting up to wait,
// checking the file first. A writer holds the turnstile until Close; a
// reader only until it holds its shared lock on the file.
func (db *DB) open(ctx context.Context, wait time.Duration) error {
	deadline := time.Now().Add(wait)
	ro := db.opts.ReadOnly
	_, statErr := os.Stat(db.path)
	if ro && statErr != nil {
		return fmt.Errorf("open database %s: %w", db.path, unwrapPath(statErr))
	}
	ts, created := db.ts, false
	if ts == nil {
		var err error
		if ts, created, err = openTurnstile(db.path, !ro); err != nil {
			return fmt.Errorf("open database %s: %w", db.path, err)
		}
	}
	if err := ts.wait(ctx, !ro, deadline); err != nil {
		ts.close()
		if errors.Is(err, errLockTimeout) {
			return &LockedError{Path: db.path, PID: ts.holder()}
		}
		return fmt.Errorf("open database %s: %w", db.path, err)
	}
	fail := func(err error) error {
		// A lock file made for a file that turned out not to be a
		// database is removed, so that nothing is left beside a file
		// given by mistake. Another process that opened it meanwhile
		// finds the same file and fails the same way.
		var ie *InvalidError
		if created && errors.As(err, &ie) {
			os.Remove(ts.path)
		}
		ts.close()
		return err
	}
	// A file of 0 bytes is refused, not initialized: it is what is left of
	// a database more often than a new one. (bbolt creates and
	// initializes a new file under its own lock, and the turnstile keeps
	// readers from seeing it in between.)
	if statErr == nil {
		if fi, err := os.Stat(db.path); err == nil && fi.Size() == 0 {
			return fail(&InvalidError{Path: db.path, Damaged: true, Reason: "empty file, 0 bytes"})
		}
	}
	// A writer checks the file before bbolt opens it, since bbolt reads
	// every page of a file it opens for writing, partly in a goroutine of
	// its own. No other writer can change the file meanwhile: writers hold
	// the turnstile.
	if !ro && statErr == nil {
		if err := db.verify(true, nil, nil); err != nil {
			return fail(err)
		}
	}
	bdb, err := db.openBolt(deadline)
	if err != nil {
		return fail(err)
	}
	if ro {
		// Holding the shared lock now, a reader lets writers queue again
		// and checks the meta pages and size of the file it will read; it
		// walks the pages of what it reads before its first read of them
		// (see verifyRead).
		ts.release()
		if err := db.inspect(); err != nil {
			bdb.Close()
			return fail(err)
		}
	}
	db.bolt, db.ts = bdb, ts
	db.verified = verifiedNone
	return nil
}

// What a reader has walked of its file (see verifyRead).
const (
	verifiedNone  = iota
	verifiedFacts // meta, facts and symbols: what Facts reads
	verifiedAll
)

// factsBuckets are the buckets Facts reads.
var factsBuckets = []string{string(bucketMeta), string(bucketFacts), string(bucketSymbols)}

// verifyRead walks, before a read-only DB's first read of them, the pages
// the read may touch: every page for every read but Facts, which reads
// the meta, facts and symbols buckets only (a million listings' facts are
// a fifth of the file). A writer walked the whole file at Open. The
// caller holds db.mu for reading, so the file is the one the walk reads
// (a reopen takes it for writing, and resets what was walked).
func (db *DB) verifyRead(facts bool) error {
	if !db.opts.ReadOnly {
		return nil
	}
	db.vmu.Lock()
	defer db.vmu.Unlock()
	want := verifiedAll
	if facts {
		want = verifiedFacts
	}
	if db.verified >= want {
		return nil
	}
	var only, shallow []string
	if facts {
		// The leaves of the facts are checked record by record as Facts
		// reads them (see leaves.go): only their branch pages are walked.
		only, shallow = factsBuckets, []string{string(bucketFacts)}
	}
	if err := db.verify(false, only, shallow); err != nil {
		return err
	}
	db.verified = want
	return nil
}

// inspect checks the meta pages of the file and its size against them.
func (db *DB) inspect() error {
	f, err := os.Open(db.path)
	if err != nil {
		return fmt.Errorf("open database %s: %w", db.path, unwrapPath(err))
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return fmt.Errorf("open database %s: %w", db.path, err)
	}
	_, err = inspect(db.path, f, fi.Size())
	return err
}

// verify checks the file at db.path (see verifyFile); a missing file is
// fine (bbolt will create it).
func (db *DB) verify(keys bool, only, shallow []string) error {
	f, err := os.Open(db.path)
	if errors.Is(err, fs.ErrNotExist) && !db.opts.ReadOnly {
		return nil
	}
	if err != nil {
		return fmt.Errorf("open database %s: %w", db.path, unwrapPath(err))
	}
	defer f.Close()
	if _, err := verifyFile(db.path, f, keys, only, shallow); err != nil {
		var ie *InvalidError
		if errors.As(err, &ie) {
			return err
		}
		return fmt.Errorf("open database %s: %w", db.path, err)
	}
	return nil
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

// openBolt opens the bbolt file, waiting for its lock until deadline, and
// makes sure the file it locked is still the one at path: Compact in
// another process replaces the file by rename, and a process that waited
// on the old file's lock must open the new one.
func (db *DB) openBolt(deadline time.Time) (*bbolt.DB, error) {
	for attempt := 0; ; attempt++ {
		var f *os.File
		o := boltOptions(db.opts)
		// bbolt's zero Timeout waits forever: a spent deadline tries once.
		o.Timeout = max(time.Until(deadline), time.Nanosecond)
		o.OpenFile = func(name string, flag int, perm os.FileMode) (*os.File, error) {
			var err error
			f, err = os.OpenFile(name, flag, perm)
			return f, err
		}
		var bdb *bbolt.DB
		err := db.guard(nil, func() error {
			var err error
			bdb, err = bbolt.Open(db.path, 0o600, o)
			return err
		})
		if err != nil {
			return nil, db.openError(err)
		}
		if attempt >= 3 || f == nil || sameFile(f, db.path) {
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
func (db *DB) openError(err error) error {
	var ie *InvalidError
	switch {
	case errors.As(err, &ie):
		return err
	case errors.Is(err, berrors.ErrTimeout):
		return &LockedError{Path: db.path, PID: lockHolder(db.path)}
	case isOSError(err):
		return fmt.Errorf("open database %s: %w", db.path, unwrapPath(err))
	}
	// bbolt's checks of the file: ErrInvalid, ErrChecksum,
	// ErrVersionMismatch, and unexported ones ("file size too small").
	// Say what is wrong in the terms of the file's header when possible.
	if f, ferr := os.Open(db.path); ferr == nil {
		defer f.Close()
		if fi, ferr := f.Stat(); ferr == nil {
			if _, herr := inspect(db.path, f, fi.Size()); errors.As(herr, &ie) {
				return herr
			}
		}
	}
	return damaged(db.path, "%v", err)
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

// guard runs fn with memory faults turned into panics, and turns a panic
// into an *InvalidError: bbolt panics when it meets a page that is not
// what it expects, and a page past the end of a file that shrank faults.
// A panic of the caller's own code (while *inFn is true: a callback of
// ForEach or Snapshots) is not bbolt's, and goes on unchanged.
func (db *DB) guard(inFn *bool, fn func() error) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if inFn != nil && *inFn {
			return
		}
		if r := recover(); r != nil {
			err = damaged(db.path, "%s", panicReason(r))
		}
	}()
	return fn()
}

// guardFault runs fn and returns a memory fault or panic in it as an
// error.
func guardFault(fn func()) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			err = errors.New(panicReason(r))
		}
	}()
	fn()
	return nil
}

// panicReason describes a recovered panic value.
func panicReason(r any) string {
	if _, ok := r.(interface{ Addr() uintptr }); ok {
		return "a page lies outside the file (was it truncated?)"
	}
	return fmt.Sprint(r)
}

// translate maps bbolt's errors to this package's; others pass unchanged.
func (db *DB) translate(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, berrors.ErrDatabaseReadOnly), errors.Is(err, berrors.ErrTxNotWritable):
		return ErrReadOnly
	case errors.Is(err, berrors.ErrDatabaseNotOpen):
		return ErrClosed
	case errors.Is(err, errRecord):
		return damaged(db.path, "%v", err)
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
	notOurs := func(reason string) error {
		return &InvalidError{Path: db.path, Reason: reason}
	}
	// check returns the stored schema version, 0 for an empty file.
	check := func(tx *bbolt.Tx) (version uint64, err error) {
		meta := tx.Bucket(bucketMeta)
		if meta == nil {
			empty := true
			tx.ForEach(func([]byte, *bbolt.Bucket) error { empty = false; return nil })
			if !empty {
				return 0, notOurs("a bbolt file without jobstats' meta bucket")
			}
			return 0, nil
		}
		v, n := binary.Uvarint(meta.Get(keySchema))
		if n <= 0 || v == 0 {
			return 0, damaged(db.path, "no schema version")
		}
		if v > SchemaVersion {
			return v, fmt.Errorf("open database %s: %w (version %d, this jobstats knows %d)", db.path, ErrSchema, v, SchemaVersion)
		}
		for _, name := range bucketsOf(v) {
			if tx.Bucket(name) == nil {
				return v, damaged(db.path, "missing bucket %s", name)
			}
		}
		return v, nil
	}
	if db.opts.ReadOnly {
		// The meta bucket and the root's list of buckets are all this
		// reads: the pages a read of the facts walks (see verifyRead), not
		// the whole file, which a later read of more walks first.
		return db.viewScope(context.Background(), true, nil, func(tx *bbolt.Tx) error {
			v, err := check(tx)
			if err == nil && v == 0 {
				err = notOurs("a bbolt file without jobstats' buckets")
			}
			return err
		})
	}
	// Check in a read transaction first so that opening a current
	// database writes nothing.
	var version uint64
	err := db.view(context.Background(), func(tx *bbolt.Tx) error {
		var err error
		version, err = check(tx)
		return err
	})
	if err != nil || version == SchemaVersion {
		return err
	}
	err = db.update(context.Background(), func(tx *bbolt.Tx) error {
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
			return fmt.Errorf("open database %s: upgrade from version %d: %w", db.path, version, err)
		}
		return fmt.Errorf("open database %s: initialize: %w", db.path, err)
	}
	return nil
}

// Path returns the database file's path as given to Open.
func (db *DB) Path() string { return db.path }

// closeWait bounds how long Close waits for bbolt after a write
// transaction panicked, when bbolt's own locks may never be released.
const closeWait = time.Second

// Close closes the file, and lets the next writer in. It waits for
// running transactions to end. Calls after Close return ErrClosed.
func (db *DB) Close() error {
	db.mu.Lock()
	defer db.mu.Unlock()
	defer db.ts.close()
	if db.broken.Load() != nil {
		done := make(chan error, 1)
		go func() { done <- db.bolt.Close() }()
		select {
		case <-done:
		case <-time.After(closeWait):
		}
		return nil
	}
	if err := db.bolt.Close(); err != nil {
		return fmt.Errorf("close database %s: %w", db.path, db.translate(err))
	}
	return nil
}

// view runs fn in a read transaction after checking ctx.
func (db *DB) view(ctx context.Context, fn func(tx *bbolt.Tx) error) error {
	return db.viewFn(ctx, nil, fn)
}

// viewFn is view for fn that calls the caller's code, setting *inFn
// meanwhile (see guard).
func (db *DB) viewFn(ctx context.Context, inFn *bool, fn func(tx *bbolt.Tx) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return db.viewScope(ctx, false, inFn, fn)
}

// viewScope is viewFn for a read of the facts only (facts) or of anything.
func (db *DB) viewScope(ctx context.Context, facts bool, inFn *bool, fn func(tx *bbolt.Tx) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	db.mu.RLock()
	defer db.mu.RUnlock()
	if b := db.broken.Load(); b != nil {
		return b.err
	}
	if err := db.verifyRead(facts); err != nil {
		return err
	}
	return db.translate(db.guard(inFn, func() error { return db.bolt.View(fn) }))
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
	if b := db.broken.Load(); b != nil {
		return b.err
	}
	panicked := true
	err := db.guard(nil, func() error {
		err := db.bolt.Update(fn)
		panicked = false
		return err
	})
	if panicked {
		var ie *InvalidError
		if errors.As(err, &ie) {
			db.broken.CompareAndSwap(nil, &failure{err})
		}
	}
	return db.translate(err)
}

// A long scan of a read-only DB looks at ctx and the clock every
// scanEvery records, and at the turnstile when yieldProbe has passed since
// its last look: a waiting writer gets in within about yieldProbe however
// slow the scan's consumer, and a fast scan spends next to nothing on it.
const (
	scanEvery  = 64
	yieldProbe = 20 * time.Millisecond
)

// scan is the progress of a long scan.
type scan struct {
	n      int       // records read
	probed time.Time // when it last looked at the turnstile
}

// pause counts a record of a long scan and reports whether the scan
// should stop before it to let a writer in (see reopen); err is ctx's.
func (db *DB) pause(ctx context.Context, s *scan) (yield bool, err error) {
	if s.n++; s.n%scanEvery != 0 {
		return false, nil
	}
	if err := ctx.Err(); err != nil {
		return false, err
	}
	if !db.opts.ReadOnly || db.ts == nil {
		return false, nil
	}
	now := time.Now()
	if now.Sub(s.probed) < yieldProbe {
		return false, nil
	}
	s.probed = now
	return db.ts.writerWaiting(), nil
}

// callback runs the caller's code inside a transaction: it marks the call
// for guard, and keeps the caller's error apart, to be returned as is.
type callback struct {
	in  bool
	err error
}

func (c *callback) call(fn func() error) error {
	c.in = true
	err := fn()
	c.in = false
	if err != nil {
		c.err = err
	}
	return err
}

// reopen lets a waiting writer in: it closes the file, which drops this
// reader's shared lock, waits at the turnstile (up to twice
// Options.Timeout) for the writer to finish, and opens the file again. gen is the
// generation the caller read from; when another call reopened since, it
// returns at once. A failed reopen leaves the DB broken: later calls
// return the same error.
func (db *DB) reopen(ctx context.Context, gen uint64) error {
	db.mu.Lock()
	defer db.mu.Unlock()
	if db.gen != gen {
		return nil
	}
	if b := db.broken.Load(); b != nil {
		return b.err
	}
	db.bolt.Close()
	// Twice the timeout: the writer it stepped aside for may itself wait
	// up to its timeout for others before it writes.
	if err := db.open(ctx, 2*db.opts.Timeout); err != nil {
		db.ts = nil // open closed it
		db.broken.Store(&failure{err})
		return err
	}
	db.gen++
	return nil
}

// u64 returns v as an 8-byte big-endian key.
func u64(v uint64) []byte { return binary.BigEndian.AppendUint64(nil, v) }
