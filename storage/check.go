package storage

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"go.etcd.io/bbolt"

	"github.com/jobstats/jobstats"
)

// CheckReport is what Check found.
type CheckReport struct {
	// Path is the database file.
	Path string
	// Pages is how many pages the check walked.
	Pages int
	// Listings, Descriptions, Runs, Snapshots and Validators count the
	// records read.
	Listings, Descriptions, Runs, Snapshots, Validators int
	// Problems describes every problem found, at most 50 of each kind
	// (and a line saying how many more); empty when the database is sound.
	Problems []string
}

// OK reports whether the check found no problem.
func (r *CheckReport) OK() bool { return len(r.Problems) == 0 }

// problems collects the problems of one kind, at most maxProblems.
type problems struct {
	list []string
	more int
}

func (p *problems) add(format string, args ...any) {
	if len(p.list) < maxProblems {
		p.list = append(p.list, fmt.Sprintf(format, args...))
	} else {
		p.more++
	}
}

func (p *problems) report(r *CheckReport, kind string) {
	r.Problems = append(r.Problems, p.list...)
	if p.more > 0 {
		r.Problems = append(r.Problems, fmt.Sprintf("... and %d more problems with %s", p.more, kind))
	}
}

// Check runs a full consistency check of the database at path, opened
// read-only (opts.ReadOnly is implied): it walks every page with key
// order, runs bbolt's own check (every page reachable or free, once), and
// decodes every record: listings, descriptions (each of a listing), runs,
// snapshots, validators and the schema. A file Open refuses is reported,
// not returned: the report then holds why. The error is for a check that
// could not run: a lock held past opts.Timeout, a missing file, ctx.
func Check(ctx context.Context, path string, opts *Options) (*CheckReport, error) {
	var o Options
	if opts != nil {
		o = *opts
	}
	o.ReadOnly = true
	r := &CheckReport{Path: path}
	db, err := Open(path, &o)
	var ie *InvalidError
	if errors.As(err, &ie) {
		r.Problems = append(r.Problems, ie.problems()...)
		return r, nil
	}
	if err != nil {
		return nil, err
	}
	defer db.Close()
	if err := db.check(ctx, r); err != nil {
		return nil, fmt.Errorf("check database %s: %w", path, err)
	}
	return r, nil
}

// problems returns every problem of e.
func (e *InvalidError) problems() []string {
	if len(e.Problems) > 0 {
		return e.Problems
	}
	return []string{e.Error()}
}

func (db *DB) check(ctx context.Context, r *CheckReport) error {
	// The walk with key order, which Open skips for readers, first: bbolt's
	// check reads every key in a goroutine of its own.
	f, err := os.Open(db.path)
	if err != nil {
		return err
	}
	h, err := verifyFile(db.path, f, true, nil, nil)
	f.Close()
	var ie *InvalidError
	if errors.As(err, &ie) {
		r.Problems = append(r.Problems, ie.problems()...)
		return nil
	}
	if err != nil {
		return err
	}
	r.Pages = int(h.meta.pgid)
	if h.badMeta != "" {
		r.Problems = append(r.Problems, h.badMeta)
	}
	return db.viewFn(ctx, nil, func(tx *bbolt.Tx) error {
		var bolt problems
		for err := range tx.Check() {
			bolt.add("bbolt: %v", err)
		}
		bolt.report(r, "pages")

		var recs problems
		var l jobstats.Listing
		lb, descs := tx.Bucket(bucketListings), tx.Bucket(bucketDescriptions)
		c := lb.Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			if r.Listings++; r.Listings%ctxEvery == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			if err := decodeListing(k, v, &l); err != nil {
				recs.add("listing %s: %v", keyString(k), err)
			}
		}
		dc := descs.Cursor()
		for k, _ := dc.First(); k != nil; k, _ = dc.Next() {
			if r.Descriptions++; r.Descriptions%ctxEvery == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			if lb.Get(k) == nil {
				recs.add("description %s: no listing of that id", keyString(k))
			}
		}
		// Facts: the symbol table, and every fact of a listing when the
		// file has them (an older file, or one whose facts are not built
		// yet, gets them on its next writable open).
		if factsReady(tx) {
			names, err := readSymbols(tx)
			if err != nil {
				recs.add("symbols: %v", err)
			} else if jobstats.SymbolsOf(names) == nil {
				recs.add("symbols: the first is not the empty string")
			}
			var f jobstats.Fact
			fc := tx.Bucket(bucketFacts).Cursor()
			n := 0
			for k, v := fc.First(); k != nil; k, v = fc.Next() {
				if n++; n%ctxEvery == 0 {
					if err := ctx.Err(); err != nil {
						return err
					}
				}
				if err := decodeFact(v, len(names), &f); err != nil {
					recs.add("fact of listing %s: %v", keyString(k), err)
				} else if lb.Get(k) == nil {
					recs.add("fact of listing %s: no listing of that id", keyString(k))
				}
			}
			if n != r.Listings {
				recs.add("facts: %d for %d listings", n, r.Listings)
			}
		}
		runs := tx.Bucket(bucketRuns)
		rc := runs.Cursor()
		for k, v := rc.First(); k != nil; k, v = rc.Next() {
			r.Runs++
			var run jobstats.Run
			switch {
			case len(k) != 8:
				recs.add("run key %x: not 8 bytes", k)
			case json.Unmarshal(v, &run) != nil:
				recs.add("run %d: not a JSON run record", binary.BigEndian.Uint64(k))
			case binary.BigEndian.Uint64(k) > runs.Sequence():
				recs.add("run %d: above the run sequence %d", binary.BigEndian.Uint64(k), runs.Sequence())
			}
		}
		err := tx.Bucket(bucketSnapshots).ForEachBucket(func(key []byte) error {
			return tx.Bucket(bucketSnapshots).Bucket(key).ForEach(func(k, v []byte) error {
				r.Snapshots++
				if len(k) != 8 || v == nil {
					recs.add("snapshot %q: key %x", key, k)
				}
				return nil
			})
		})
		if err != nil {
			return err
		}
		err = tx.Bucket(bucketValidators).ForEach(func(k, v []byte) error {
			r.Validators++
			if _, ok := decodeValidator(v); !ok {
				recs.add("validator of %s: cannot be decoded", keyString(k))
			}
			return nil
		})
		if err != nil {
			return err
		}
		meta := tx.Bucket(bucketMeta)
		if _, n := binary.Varint(meta.Get(keyCreated)); n <= 0 {
			recs.add("meta: no creation time")
		}
		recs.report(r, "records")
		return nil
	})
}

// Info describes a database.
type Info struct {
	// Path is the database file, Size its size in bytes, PageSize the
	// size of its pages.
	Path     string
	Size     int64
	PageSize int
	// Listings counts the stored listings, Open those still open.
	Listings, Open int
	// Runs counts the crawl runs recorded.
	Runs int
	// Snapshots counts the statistics snapshots, SnapshotKeys the keys
	// (roles) they are stored under.
	Snapshots, SnapshotKeys int
	// Schema is the schema version of the file (see SchemaVersion).
	Schema int
	// Created is when the file was initialized.
	Created time.Time
}

// Info returns the size, record counts, schema version and creation time
// of the database, read in one transaction.
func (db *DB) Info(ctx context.Context) (Info, error) {
	in := Info{Path: db.path}
	err := db.view(ctx, func(tx *bbolt.Tx) error {
		fi, err := os.Stat(db.path)
		if err != nil {
			return err
		}
		in.Size = fi.Size()
		in.PageSize = tx.DB().Info().PageSize
		meta := tx.Bucket(bucketMeta)
		v, _ := binary.Uvarint(meta.Get(keySchema))
		in.Schema = int(v)
		if ns, n := binary.Varint(meta.Get(keyCreated)); n > 0 {
			in.Created = time.Unix(0, ns).UTC()
		}
		c := tx.Bucket(bucketListings).Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			if in.Listings++; in.Listings%ctxEvery == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			lc, _, err := readHeader(v)
			if err != nil {
				return fmt.Errorf("listing %s: %w", keyString(k), err)
			}
			if lc.isOpen() {
				in.Open++
			}
		}
		in.Runs = tx.Bucket(bucketRuns).Stats().KeyN
		snaps := tx.Bucket(bucketSnapshots)
		return snaps.ForEachBucket(func(key []byte) error {
			in.SnapshotKeys++
			in.Snapshots += snaps.Bucket(key).Stats().KeyN
			return nil
		})
	})
	if err != nil {
		return Info{}, fmt.Errorf("database info %s: %w", db.path, err)
	}
	return in, nil
}

// Backup writes a consistent copy of the whole database to w, from one
// read transaction, and returns the bytes written. Writers wait for it
// (up to their Options.Timeout): a copy is one snapshot, so it does not
// step aside for them as scans do. The copy is a database file of its
// own, compacted by nothing: free pages are copied too.
func (db *DB) Backup(ctx context.Context, w io.Writer) (int64, error) {
	var n int64
	err := db.view(ctx, func(tx *bbolt.Tx) error {
		var err error
		n, err = tx.WriteTo(&ctxWriter{ctx: ctx, w: w})
		return err
	})
	if err != nil {
		return n, fmt.Errorf("back up database %s: %w", db.path, err)
	}
	return n, nil
}

// ctxWriter is a writer that stops once ctx is done.
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

func (c *ctxWriter) Write(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.w.Write(p)
}
