package storage

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sync"
	"time"
	"unsafe"

	"go.etcd.io/bbolt"

	"github.com/jobstats/jobstats"
)

// ctxEvery is how many items a long scan handles between checks of ctx.
const ctxEvery = 4096

// fillPercent is the page fill of the listings bucket: PutListings writes
// keys in order, so pages may be filled nearly full, with some room left
// for the records that grow when a listing is updated.
const fillPercent = 0.9

// descFillPercent is the page fill of the descriptions bucket, whose
// values are large and rarely rewritten.
const descFillPercent = 1.0

// PutResult counts what PutListings did (see jobstats.PutResult). Stored
// listings that only gained a source because a listing of the batch is the
// same job are not counted.
type PutResult = jobstats.PutResult

// PutListings upserts a batch of listings in one transaction. A listing
// with an empty ID gets jobstats.ListingID(Source, SourceID); one without
// either is an error and nothing is written.
//
// The lifecycle follows jobstats' rules, the same for every store: a new
// id is stored with FirstSeen = LastSeen = seen, an existing one gets
// jobstats.Lifecycle.Seen(seen) (earliest FirstSeen, latest LastSeen, and
// a closed listing seen at or after its closure reopens, the closure kept
// in Gaps so that jobstats.Listing.OpenAt still answers for the time it
// was closed), and its Sources are jobstats.MergeSources of the stored and
// incoming ones (stored order first, Source always included). The incoming
// FirstSeen, LastSeen, ClosedAt and Gaps are ignored. When an id occurs
// more than once in the batch, the last occurrence wins and the Sources of
// all are merged. A zero seen means Options.Now().
//
// Cross-posts and reposts are not joined here: Fingerprint and Simhash are
// stored, and readers (stats, export) find the same job among the listings
// they scan, so ingest stays one ordered write per listing.
//
// An existing listing is Updated when its stored content changed
// (jobstats.SameContent with the stored listing is false: Description and
// Sources included), and Unchanged otherwise. A listing stored before
// Fingerprint was kept (or before Sources included Source) is Updated once
// when seen again with one.
func (db *DB) PutListings(ctx context.Context, ls []jobstats.Listing, seen time.Time) (PutResult, error) {
	var res PutResult
	if seen.IsZero() {
		seen = db.opts.Now()
	}
	batch, err := jobstats.BatchItems(ls)
	if err != nil {
		return res, fmt.Errorf("put listings: %w", err)
	}
	// A new id's lifecycle is known now, and so its record and fact: they
	// are made before the transaction, on every core.
	newLC, _ := jobstats.Lifecycle{}.Seen(seen)
	// A batch like the last, mostly of stored ids, gains nothing from
	// lookups and facts made ahead: only bodies are prepared then.
	reseen := db.reseen.Load()
	absentAt, absent := 0, []bool(nil)
	if !reseen {
		absentAt, absent = db.absent(ctx, batch)
	}
	prep := db.prepare(ls, batch, absent, !reseen, newLC)

	saved := 0 // the symbols saved, for confirm
	err = db.update(ctx, func(tx *bbolt.Tx) error {
		res = PutResult{}
		lb := tx.Bucket(bucketListings)
		descs := tx.Bucket(bucketDescriptions)
		lb.FillPercent, descs.FillPercent = fillPercent, descFillPercent
		// The facts of every listing written are written beside it, once
		// the file has them (see Facts).
		facts := factsReady(tx)
		var fb *bbolt.Bucket
		var fact jobstats.Fact
		var syms *jobstats.Symbols
		if facts {
			var done func()
			var err error
			if syms, done, err = db.symbols.use(tx); err != nil {
				return err
			}
			defer done()
			fb = tx.Bucket(bucketFacts)
			fb.FillPercent = fillPercent
		}
		// bbolt keeps references to the keys and values given to Put until
		// commit, so they live in an append-only arena: growing it moves
		// later writes to a new array and leaves earlier slices intact.
		var arena []byte
		var buf []byte
		// l is the listing being stored, a copy of its own (its Sources
		// are set below): one variable for the batch, since it escapes to
		// the heap (SameContent reads it by reflection).
		var l jobstats.Listing
		// The ids absent from the last committed transaction are absent
		// still when this one follows it.
		known := absent != nil && tx.ID() == absentAt+1
		for i := range batch {
			p := &prep[i]
			key := p.key
			var old []byte
			if !known || !absent[i] {
				old = lb.Get(key)
			}
			if old == nil {
				res.New++
				if err := putNew(lb, fb, descs, syms, ls, &batch[i], newLC, p, &fact, &arena); err != nil {
					return err
				}
				continue
			}
			batchListing(&l, ls, &batch[i])
			if arena == nil {
				arena = make([]byte, 0, arenaSize(ls))
			}
			var lc jobstats.Lifecycle
			var oldBody, oldDesc []byte
			olc, off, err := readHeader(old)
			if err != nil {
				return fmt.Errorf("listing %s: %w", l.ID, err)
			}
			_, oldSources, err := readBody(old[0], old[off:])
			if err != nil {
				return fmt.Errorf("listing %s: %w", l.ID, err)
			}
			oldBody = old[off:]
			merged := jobstats.MergeSources(oldSources, l.Sources, l.Source)
			oldDesc = descs.Get(key)
			descSame := string(oldDesc) == l.Description
			var reopened bool
			if lc, reopened = olc.domain().Seen(seen); reopened {
				res.Reopened++
			}
			l.Sources = merged
			body := p.rec[p.body:] // as prepare made it for a new id
			if !slices.Equal(merged, p.sources) {
				buf = appendBody(buf[:0], &l)
				body = buf
			}
			// An equal body holds equal content, so that only the
			// lifecycle of the stored fact can have changed.
			bodySame := bytes.Equal(body, oldBody)
			// Equal bodies hold equal content (see the record layout);
			// otherwise the domain rule decides.
			same := descSame && bodySame
			if !same {
				var prev jobstats.Listing
				if err := decodeListing(key, old, &prev); err != nil {
					return fmt.Errorf("listing %s: %w", l.ID, err)
				}
				prev.Description = string(oldDesc)
				same = jobstats.SameContent(&prev, &l)
			}
			if same {
				res.Unchanged++
			} else {
				res.Updated++
			}
			start := len(arena)
			arena = append(appendHeader(arena, fromDomain(lc)), body...)
			rec := arena[start:len(arena):len(arena)]
			if err := lb.Put(key, rec); err != nil {
				return fmt.Errorf("listing %s: %w", l.ID, err)
			}
			if facts {
				stored := fb.Get(key)
				if bodySame && stored != nil && decodeFact(stored, math.MaxInt, &fact) == nil {
					fact.SetLifecycle(lc)
				} else {
					l.SetLifecycle(lc)
					fact.Set(&l, syms)
				}
				start := len(arena)
				arena = appendFact(arena, &fact)
				frec := arena[start:len(arena):len(arena)]
				if stored == nil || !bytes.Equal(stored, frec) {
					if err := fb.Put(key, frec); err != nil {
						return fmt.Errorf("fact of listing %s: %w", l.ID, err)
					}
				}
			}

			if descSame {
				continue
			}
			if l.Description == "" {
				err = descs.Delete(key)
			} else {
				err = descs.Put(key, stringBytes(l.Description))
			}
			if err != nil {
				return fmt.Errorf("description of %s: %w", l.ID, err)
			}
		}
		if facts {
			var err error
			if saved, err = db.symbols.save(tx); err != nil {
				return err
			}
			// The facts bucket's sequence counts its facts (see Facts).
			if err := fb.SetSequence(fb.Sequence() + uint64(res.New)); err != nil {
				return err
			}
		}
		if len(batch) == 0 {
			return nil
		}
		return bumpChanges(tx)
	})
	if err != nil {
		return PutResult{}, fmt.Errorf("put listings: %w", err)
	}
	db.symbols.confirm(saved)
	db.reseen.Store(2*res.New < len(batch))
	return res, nil
}

// prepared is what PutListings makes of a listing of its batch before
// the transaction: its key, and the record and fact record it gets if its
// id is new.
type prepared struct {
	key, rec []byte
	// body is where the body begins in rec, made with sources as the
	// listing's Sources.
	body    int
	sources []string
	// fact is nil when a string of the listing was not in the symbol
	// table: the transaction then interns it, in batch order, so that the
	// table is what interning listing after listing makes it.
	fact []byte
}

// prepareMin is the fewest listings per goroutine that prepare hands out.
const prepareMin = 64

// prepare makes the prepared records of every listing of batch (see
// BatchItems), new with lifecycle lc, on every core. It makes facts when
// facts is true, but none for the ids absent (if not nil) says are
// stored; they are made with the symbols already in the table, which is
// locked meanwhile so that only reads of it happen.
func (db *DB) prepare(ls []jobstats.Listing, batch []jobstats.BatchItem, absent []bool, facts bool, lc jobstats.Lifecycle) []prepared {
	prep := make([]prepared, len(batch))
	var syms *jobstats.Symbols
	if facts {
		st := &db.symbols
		st.mu.Lock()
		defer st.mu.Unlock()
		syms = st.syms
	}
	if syms != nil {
		syms.Lookup("") // builds the index before the goroutines read it
	}
	work := func(from, to int) {
		arena := make([]byte, 0, arenaSize(ls[from:to])+(to-from)*64)
		var l jobstats.Listing
		var f jobstats.Fact
		for i := from; i < to; i++ {
			p := &prep[i]
			it := &batch[i]
			asNew(&l, ls, it, lc)
			p.sources = l.Sources
			start := len(arena)
			arena = append(arena, l.ID...)
			p.key = arena[start:len(arena):len(arena)]
			start = len(arena)
			arena = appendHeader(arena, fromDomain(lc))
			p.body = len(arena) - start
			arena = appendBody(arena, &l)
			p.rec = arena[start:len(arena):len(arena)]
			if syms == nil || absent != nil && !absent[i] {
				continue // no fact, or a stored id, whose fact the transaction makes
			}
			if f.SetKnown(&l, syms) {
				start = len(arena)
				arena = appendFact(arena, &f)
				p.fact = arena[start:len(arena):len(arena)]
			}
		}
	}
	workers := min(runtime.GOMAXPROCS(0), len(batch)/prepareMin)
	if workers <= 1 {
		work(0, len(batch))
		return prep
	}
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() { work(w*len(batch)/workers, (w+1)*len(batch)/workers) })
	}
	wg.Wait()
	return prep
}

// absent reports, for every id of batch, whether it is stored, as of the
// read transaction with the id it returns, read on every core: the
// lookups PutListings need not make in its write transaction when that
// follows. It returns nil when it cannot tell.
func (db *DB) absent(ctx context.Context, batch []jobstats.BatchItem) (int, []bool) {
	workers := min(runtime.GOMAXPROCS(0), len(batch)/prepareMin)
	if workers <= 1 || db.opts.ReadOnly {
		return 0, nil
	}
	absent := make([]bool, len(batch))
	txids := make([]int, workers)
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			from, to := w*len(batch)/workers, (w+1)*len(batch)/workers
			errs[w] = db.view(ctx, func(tx *bbolt.Tx) error {
				txids[w] = tx.ID()
				// The ids are in order: the cursor stays on the first
				// stored key at or after an id while it is after the next.
				c := tx.Bucket(bucketListings).Cursor()
				var k []byte
				for i := from; i < to; i++ {
					id := stringBytes(batch[i].ID)
					if i == from {
						k, _ = c.Seek(id)
					} else if k != nil && bytes.Compare(k, id) < 0 {
						// The next key first: ids stored side by side
						// are found without a search.
						if k, _ = c.Next(); k != nil && bytes.Compare(k, id) < 0 {
							k, _ = c.Seek(id)
						}
					}
					absent[i] = k == nil || !bytes.Equal(k, id)
				}
				return nil
			})
		})
	}
	wg.Wait()
	for w := range workers {
		if errs[w] != nil || txids[w] != txids[0] {
			return 0, nil
		}
	}
	return txids[0], absent
}

// batchListing sets *l to the listing of the batch that it stands for.
func batchListing(l *jobstats.Listing, ls []jobstats.Listing, it *jobstats.BatchItem) {
	*l = ls[it.Index]
	l.ID = it.ID
	if it.Merged {
		l.Sources = it.Sources
	}
}

// asNew sets *l to the listing of the batch that it stands for as it is
// stored when its id is new: its sources merged with its own source, its
// lifecycle lc. prepare and putNew make it alike, so that a fact made
// ahead equals the one the transaction would make.
func asNew(l *jobstats.Listing, ls []jobstats.Listing, it *jobstats.BatchItem, lc jobstats.Lifecycle) {
	batchListing(l, ls, it)
	l.Sources = jobstats.MergeSources(nil, l.Sources, l.Source)
	l.SetLifecycle(lc)
}

// putNew writes the listing it of the batch, whose id is not stored, as
// p prepared it with lifecycle lc: its record, its fact into fb unless
// nil (interning what prepare could not find in syms), and its
// description.
func putNew(lb, fb, descs *bbolt.Bucket, syms *jobstats.Symbols, ls []jobstats.Listing, it *jobstats.BatchItem, lc jobstats.Lifecycle, p *prepared, f *jobstats.Fact, arena *[]byte) error {
	src := &ls[it.Index]
	if err := lb.Put(p.key, p.rec); err != nil {
		return fmt.Errorf("listing %s: %w", p.key, err)
	}
	if fb != nil {
		frec := p.fact
		if frec == nil {
			// The listing again, as prepare made it.
			var l jobstats.Listing
			asNew(&l, ls, it, lc)
			f.Set(&l, syms)
			start := len(*arena)
			*arena = appendFact(*arena, f)
			frec = (*arena)[start:len(*arena):len(*arena)]
		}
		if err := fb.Put(p.key, frec); err != nil {
			return fmt.Errorf("fact of listing %s: %w", p.key, err)
		}
	}
	if src.Description != "" {
		if err := descs.Put(p.key, stringBytes(src.Description)); err != nil {
			return fmt.Errorf("description of %s: %w", p.key, err)
		}
	}
	return nil
}

// arenaSize estimates the bytes PutListings copies for ls, keys and
// records, so that its arena is allocated once.
func arenaSize(ls []jobstats.Listing) int {
	n := 0
	for i := range ls {
		l := &ls[i]
		n += 3*len(l.ID) + 16 + len(l.URL) + len(l.Title) + len(l.Company) +
			len(l.Location) + len(l.SalaryText) + len(l.DegreeText) + len(l.Role) + 128 + 96
		for _, s := range l.Skills {
			n += len(s) + 1
		}
	}
	return n
}

// stringBytes returns the bytes of s without copying them. bbolt only
// reads the values given to Put (it copies them into pages at commit), and
// a string's bytes never change, so the description texts of a batch are
// written without another copy of them.
func stringBytes(s string) []byte {
	return unsafe.Slice(unsafe.StringData(s), len(s))
}

// Get returns the listing with the id, Description included, or an error
// wrapping ErrNotFound.
func (db *DB) Get(ctx context.Context, id string) (jobstats.Listing, error) {
	var l jobstats.Listing
	err := db.view(ctx, func(tx *bbolt.Tx) error {
		key := []byte(id)
		rec := tx.Bucket(bucketListings).Get(key)
		if rec == nil {
			return ErrNotFound
		}
		if err := decodeListing(key, rec, &l); err != nil {
			return err
		}
		l.Description = string(tx.Bucket(bucketDescriptions).Get(key))
		return nil
	})
	if err != nil {
		return jobstats.Listing{}, fmt.Errorf("get listing %s: %w", id, err)
	}
	return l, nil
}

// Scan selects the listings ForEach visits (see jobstats.Scan).
type Scan = jobstats.Scan

// ForEach calls fn for every listing selected by s, in id order. The
// *Listing passed to fn is reused between calls: its fields are reset each
// time, but a shallow copy (v := *l) is safe to keep, since strings,
// slices and Salary are never shared between calls. An error from fn
// stops the scan and is returned as is.
//
// On a writable DB the scan is one read transaction. On a read-only DB it
// lets a waiting writer in: every 20 ms it looks at the turnstile (see
// the package documentation), and when a writer waits it ends its
// transaction, closes the file, waits (up to twice Options.Timeout) for the
// writer to finish, reopens the file and goes on from the listing it
// stopped at. Each listing is then still visited once, but the scan sees
// the writes made meanwhile to the listings it has not reached yet.
//
// fn must not write to db (a write may wait for this read transaction); it
// may read from db, unless Close, Compact or another goroutine's scan that
// lets a writer in may run meanwhile (they wait for the scan, and a read
// started behind them would wait for them).
func (db *DB) ForEach(ctx context.Context, s Scan, fn func(*jobstats.Listing) error) error {
	var prefix []byte
	if s.Source != "" {
		prefix = []byte(s.Source + ":")
	}
	from := prefix
	var l jobstats.Listing
	var cb callback
	sc := scan{probed: time.Now()}
	for {
		var resume []byte
		var gen uint64
		err := db.viewFn(ctx, &cb.in, func(tx *bbolt.Tx) error {
			gen = db.gen
			var dc *bbolt.Cursor
			var dk, dv []byte
			if s.Description {
				dc = tx.Bucket(bucketDescriptions).Cursor()
				dk, dv = dc.Seek(from)
			}
			c := tx.Bucket(bucketListings).Cursor()
			for k, v := c.Seek(from); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
				if yield, err := db.pause(ctx, &sc); yield || err != nil {
					resume = bytes.Clone(k)
					return err
				}
				if s.OpenOnly {
					lc, _, err := readHeader(v)
					if err != nil {
						return fmt.Errorf("listing %s: %w", keyString(k), err)
					}
					if !lc.isOpen() {
						continue
					}
				}
				if err := decodeListing(k, v, &l); err != nil {
					return fmt.Errorf("listing %s: %w", keyString(k), err)
				}
				if dc != nil {
					// Both buckets are in id order: walk them side by side.
					for dk != nil && bytes.Compare(dk, k) < 0 {
						dk, dv = dc.Next()
					}
					if dk != nil && bytes.Equal(dk, k) {
						l.Description = string(dv)
					}
				}
				if err := cb.call(func() error { return fn(&l) }); err != nil {
					return err
				}
			}
			return nil
		})
		if cb.err != nil {
			return cb.err
		}
		if err != nil {
			return fmt.Errorf("scan listings: %w", err)
		}
		if resume == nil {
			return nil
		}
		if err := db.reopen(ctx, gen); err != nil {
			return fmt.Errorf("scan listings: %w", err)
		}
		from = resume
	}
}

// Count returns how many listings are stored and how many of them are
// open. On a read-only DB it lets a waiting writer in as ForEach does.
func (db *DB) Count(ctx context.Context) (total, open int, err error) {
	var from []byte
	sc := scan{probed: time.Now()}
	for {
		var resume []byte
		var gen uint64
		err = db.view(ctx, func(tx *bbolt.Tx) error {
			gen = db.gen
			c := tx.Bucket(bucketListings).Cursor()
			for k, v := c.Seek(from); k != nil; k, v = c.Next() {
				if yield, err := db.pause(ctx, &sc); yield || err != nil {
					resume = bytes.Clone(k)
					return err
				}
				total++
				lc, _, err := readHeader(v)
				if err != nil {
					return fmt.Errorf("listing %s: %w", keyString(k), err)
				}
				if lc.isOpen() {
					open++
				}
			}
			return nil
		})
		if err == nil && resume != nil {
			err = db.reopen(ctx, gen)
			from = resume
		}
		if err != nil {
			return 0, 0, fmt.Errorf("count listings: %w", err)
		}
		if resume == nil {
			return total, open, nil
		}
	}
}

// Sweep applies s to every stored listing of s.Source (jobstats.Sweep.Apply)
// in one write transaction, rewrites the lifecycles it changes, and returns
// what it did. It is how a finished run marks the listings it saw without
// storing them and closes the ones missing, by the rules every store shares.
func (db *DB) Sweep(ctx context.Context, s *jobstats.Sweep) (jobstats.SweepResult, error) {
	if s.Source == "" {
		return jobstats.SweepResult{}, errors.New("sweep listings: empty source")
	}
	var res jobstats.SweepResult
	err := db.rewriteSource(ctx, s.Source, func(id []byte, lc *lifecycle) {
		if out, changed := s.Apply(string(id), lc.domain(), &res); changed {
			*lc = fromDomain(out)
		}
	})
	if err != nil {
		return jobstats.SweepResult{}, fmt.Errorf("sweep listings of %s: %w", s.Source, err)
	}
	return res, nil
}

// CloseMissing marks closed, with ClosedAt = at, every open listing of
// source whose LastSeen is before runStart, and returns how many it closed:
// Sweep with one complete run from runStart to at and close_after 1.
func (db *DB) CloseMissing(ctx context.Context, source string, runStart, at time.Time) (int, error) {
	if at.IsZero() {
		at = db.opts.Now()
	}
	closing := jobstats.Closing{Runs: []jobstats.RunSpan{{Start: runStart, End: at}}, After: 1}
	res, err := db.Sweep(ctx, &jobstats.Sweep{Source: source, Close: &closing})
	return res.Closed, err
}

// TouchSource sets LastSeen = seen on every open listing of source (one
// already seen later keeps its LastSeen), for a crawl that learned the
// source is unchanged (HTTP 304 Not Modified), and returns how many open
// listings it touched: Sweep with Unchanged. A zero seen means
// Options.Now().
func (db *DB) TouchSource(ctx context.Context, source string, seen time.Time) (int, error) {
	if seen.IsZero() {
		seen = db.opts.Now()
	}
	res, err := db.Sweep(ctx, &jobstats.Sweep{Source: source, Seen: seen, Unchanged: true})
	return res.Seen, err
}

// rewriteSource calls fn with the id and lifecycle of every listing of
// source in one write transaction, and rewrites the header of those whose
// lifecycle it changed, and the lifecycle of their facts. Writes are
// applied in chunks, after which the cursor is sought back, since bbolt
// cursors do not survive writes.
func (db *DB) rewriteSource(ctx context.Context, source string, fn func(id []byte, lc *lifecycle)) error {
	prefix := []byte(source + ":")
	saved := 0 // the symbols saved, for confirm
	err := db.update(ctx, func(tx *bbolt.Tx) error {
		b := tx.Bucket(bucketListings)
		facts := factsReady(tx)
		var fb *bbolt.Bucket
		var syms *jobstats.Symbols
		if facts {
			var done func()
			var err error
			if syms, done, err = db.symbols.use(tx); err != nil {
				return err
			}
			defer done()
			fb = tx.Bucket(bucketFacts)
		}
		type change struct{ k, v, fact []byte }
		var pending []change
		changed := false
		flush := func() error {
			for _, ch := range pending {
				if err := b.Put(ch.k, ch.v); err != nil {
					return fmt.Errorf("listing %s: %w", keyString(ch.k), err)
				}
				if ch.fact != nil {
					if err := fb.Put(ch.k, ch.fact); err != nil {
						return fmt.Errorf("fact of listing %s: %w", keyString(ch.k), err)
					}
				}
			}
			changed = changed || len(pending) > 0
			pending = pending[:0]
			return nil
		}
		var f jobstats.Fact
		c := b.Cursor()
		k, v := c.Seek(prefix)
		for seen := 1; k != nil && bytes.HasPrefix(k, prefix); seen++ {
			if seen%ctxEvery == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			lc, off, err := readHeader(v)
			if err != nil {
				return fmt.Errorf("listing %s: %w", keyString(k), err)
			}
			before := lc
			fn(k, &lc)
			if !lc.equal(before) {
				// The body is copied as it is: a format 1 body is
				// also a valid current one (see the record layout).
				rec := appendHeader(make([]byte, 0, len(v)+8), lc)
				rec = append(rec, v[off:]...)
				ch := change{k: bytes.Clone(k), v: rec}
				if facts {
					if ch.fact, err = refact(fb, syms, ch.k, rec, lc, &f); err != nil {
						return fmt.Errorf("fact of listing %s: %w", keyString(k), err)
					}
				}
				pending = append(pending, ch)
			}
			if len(pending) < ctxEvery {
				k, v = c.Next()
				continue
			}
			last := pending[len(pending)-1].k
			if err := flush(); err != nil {
				return err
			}
			c = b.Cursor()
			if k, v = c.Seek(last); k != nil && bytes.Equal(k, last) {
				k, v = c.Next()
			}
		}
		if err := flush(); err != nil {
			return err
		}
		if facts {
			var err error
			if saved, err = db.symbols.save(tx); err != nil {
				return err
			}
		}
		if !changed {
			return nil
		}
		return bumpChanges(tx)
	})
	if err != nil {
		return err
	}
	db.symbols.confirm(saved)
	return nil
}

// refact returns the fact record of the listing key, whose record is now
// rec with lifecycle lc: the stored fact with the new lifecycle, or, when
// none is stored, the fact made from rec, its strings interned into syms.
func refact(fb *bbolt.Bucket, syms *jobstats.Symbols, key, rec []byte, lc lifecycle, f *jobstats.Fact) ([]byte, error) {
	if old := fb.Get(key); old != nil {
		if err := decodeFact(old, math.MaxInt, f); err != nil {
			return nil, err
		}
		f.SetLifecycle(lc.domain())
		return appendFact(nil, f), nil
	}
	var l jobstats.Listing
	if err := decodeListing(key, rec, &l); err != nil {
		return nil, err
	}
	f.Set(&l, syms)
	return appendFact(nil, f), nil
}

// Prune deletes the listings closed before closedBefore, with their
// descriptions and fingerprint index entries, and returns how many it
// deleted. The listings they were joined to keep the sources they gained.
func (db *DB) Prune(ctx context.Context, closedBefore time.Time) (int, error) {
	var n int
	err := db.update(ctx, func(tx *bbolt.Tx) error {
		n = 0
		lb := tx.Bucket(bucketListings)
		type doomed struct {
			key         []byte
			fingerprint uint64
		}
		var gone []doomed
		c := lb.Cursor()
		i := 0
		for k, v := c.First(); k != nil; k, v = c.Next() {
			if i++; i%ctxEvery == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			lc, off, err := readHeader(v)
			if err != nil {
				return fmt.Errorf("listing %s: %w", keyString(k), err)
			}
			if lc.isOpen() || !lc.closed.Before(closedBefore) {
				continue
			}
			d := decoder{b: v[off:], format: v[0]}
			h := d.head()
			if d.err != nil {
				return fmt.Errorf("listing %s: %w", keyString(k), d.err)
			}
			gone = append(gone, doomed{bytes.Clone(k), h.fingerprint})
		}
		descs := tx.Bucket(bucketDescriptions)
		facts := tx.Bucket(bucketFacts)
		for _, g := range gone {
			if err := lb.Delete(g.key); err != nil {
				return fmt.Errorf("listing %s: %w", keyString(g.key), err)
			}
			if err := descs.Delete(g.key); err != nil {
				return fmt.Errorf("description of %s: %w", keyString(g.key), err)
			}
			if facts != nil {
				if err := facts.Delete(g.key); err != nil {
					return fmt.Errorf("fact of listing %s: %w", g.key, err)
				}
			}
		}
		if facts != nil && len(gone) > 0 {
			if err := facts.SetSequence(facts.Sequence() - min(facts.Sequence(), uint64(len(gone)))); err != nil {
				return err
			}
		}
		n = len(gone)
		if n == 0 {
			return nil
		}
		return bumpChanges(tx)
	})
	if err != nil {
		return 0, fmt.Errorf("prune listings: %w", err)
	}
	return n, nil
}
