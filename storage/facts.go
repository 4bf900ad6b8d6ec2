package storage

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"time"

	"go.etcd.io/bbolt"

	"github.com/jobstats/jobstats"
)

// Bucket and meta key names of the facts: what statistics read of each
// listing (see factcodec.go), and the symbol table their strings are
// numbers of.
var (
	bucketFacts   = []byte("facts")
	bucketSymbols = []byte("symbols")

	// keyFacts holds the jobstats.FactsVersion the facts bucket was made
	// with; it is written only once every listing has its fact, so a
	// file without it (or with another version) has no usable facts.
	keyFacts = []byte("facts")
	// keyChanges counts the write transactions that changed listings.
	keyChanges = []byte("changes")
)

// symbolTable is the symbol table as the writers of this DB hold it. A
// write transaction that interns symbols locks it (use), saves the
// symbols interned since the last confirmed commit, and, once its commit
// succeeded, confirms them. Symbols are never taken back: those of a
// transaction that failed stay in memory, unsaved, and the next
// transaction that commits saves them, so the stored table is always the
// symbols from 0 on, without a gap, whatever the order in which
// transactions of several goroutines commit or fail.
type symbolTable struct {
	mu     sync.Mutex
	syms   *jobstats.Symbols
	stored int // symbols known to be in the file
}

// use locks the table and reads it from tx the first time; done unlocks
// it. It is called inside a write transaction.
func (st *symbolTable) use(tx *bbolt.Tx) (syms *jobstats.Symbols, done func(), err error) {
	st.mu.Lock()
	if st.syms == nil {
		names, err := readSymbols(tx)
		if err == nil && jobstats.SymbolsOf(names) == nil {
			err = fmt.Errorf("%w: symbol table", errRecord)
		}
		if err != nil {
			st.mu.Unlock()
			return nil, nil, err
		}
		st.syms, st.stored = jobstats.SymbolsOf(names), len(names)
	}
	return st.syms, st.mu.Unlock, nil
}

// save writes the symbols from the last confirmed one on into tx, and
// returns how many symbols the table has then, for confirm. The table
// must be locked (use).
func (st *symbolTable) save(tx *bbolt.Tx) (int, error) {
	b := tx.Bucket(bucketSymbols)
	names := st.syms.Names()
	for id := st.stored; id < len(names); id++ {
		if err := b.Put(symbolKey(id), []byte(names[id])); err != nil {
			return 0, fmt.Errorf("symbol %d: %w", id, err)
		}
	}
	return len(names), nil
}

// confirm records that a transaction that saved n symbols committed.
func (st *symbolTable) confirm(n int) {
	st.mu.Lock()
	st.stored = max(st.stored, n)
	st.mu.Unlock()
}

// symbolKey is the key of symbol id: 4 bytes big-endian.
func symbolKey(id int) []byte { return binary.BigEndian.AppendUint32(nil, uint32(id)) }

// readSymbols returns the stored symbol table in order, the empty string
// first; all names share one allocation, outside the file's memory.
func readSymbols(tx *bbolt.Tx) ([]string, error) {
	b := tx.Bucket(bucketSymbols)
	if b == nil {
		return []string{""}, nil
	}
	var buf []byte
	ends := []int{0}
	c := b.Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		if len(k) != 4 || int(binary.BigEndian.Uint32(k)) != len(ends) {
			return nil, fmt.Errorf("%w: symbol table (key %x out of order)", errRecord, k)
		}
		buf = append(buf, v...)
		ends = append(ends, len(buf))
	}
	all := string(buf)
	names := make([]string, len(ends))
	for i := 1; i < len(ends); i++ {
		names[i] = all[ends[i-1]:ends[i]]
	}
	return names, nil
}

// factsReady reports whether tx holds complete facts of the current
// version.
func factsReady(tx *bbolt.Tx) bool {
	meta := tx.Bucket(bucketMeta)
	if meta == nil || tx.Bucket(bucketFacts) == nil || tx.Bucket(bucketSymbols) == nil {
		return false
	}
	v, n := binary.Uvarint(meta.Get(keyFacts))
	return n > 0 && v == jobstats.FactsVersion
}

// bumpChanges adds one to the change counter of tx.
func bumpChanges(tx *bbolt.Tx) error {
	meta := tx.Bucket(bucketMeta)
	v, _ := binary.Uvarint(meta.Get(keyChanges))
	return meta.Put(keyChanges, binary.AppendUvarint(nil, v+1))
}

// Changes returns a number that changes whenever the stored listings (and
// so their facts) change: the count of write transactions that changed
// any. A cache of statistics built from Facts is current while Changes
// returns what it returned before the scan. Compact keeps it.
func (db *DB) Changes(ctx context.Context) (uint64, error) {
	var v uint64
	err := db.viewScope(ctx, true, nil, func(tx *bbolt.Tx) error {
		v, _ = binary.Uvarint(tx.Bucket(bucketMeta).Get(keyChanges))
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("read changes: %w", err)
	}
	return v, nil
}

// FactsReady reports whether the file keeps the facts of every listing
// (jobstats.Fact, of the current jobstats.FactsVersion), so that Facts
// reads them alone; a writable Open builds them, and a database opened
// read-only before that is read by full decode instead.
func (db *DB) FactsReady(ctx context.Context) (bool, error) {
	var ok bool
	err := db.viewScope(ctx, true, nil, func(tx *bbolt.Tx) error {
		ok = factsReady(tx)
		return nil
	})
	return ok, err
}

// Facts calls fn with the facts of every stored listing (jobstats.Fact),
// in ID order, on the caller's goroutine, inside one read transaction;
// syms names their symbols, and is the same complete table in every call.
// This is the read statistics need: it never decodes a whole listing, and
// the records are read straight from the leaf pages of the bucket and
// decoded on every core meanwhile, ahead of fn (see leaves.go). Fact.Alone
// is set: a first pass over the fingerprints, on every core too, finds the
// listings that share theirs with no other (jobstats.LoneFingerprints). The Fact passed
// to fn must not be kept after fn returns. An error from fn stops the scan
// and is returned as is.
//
// A database whose facts are not built yet (written by an older jobstats
// and opened read-only since) is read by decoding every listing and
// deriving its facts (jobstats.Fact.Set), which gives the same facts,
// slower, and Alone false; a writable Open builds them.
//
// The memory pages of the file that the scan is done with are given back
// to the operating system as it goes (on Linux), so that the process's
// memory does not grow with the size of the file.
func (db *DB) Facts(ctx context.Context, fn func(syms *jobstats.Symbols, f *jobstats.Fact) error) error {
	var fnErr error
	// A panic in fn is the caller's, not a damaged file's (see guard).
	var cb callback
	err := db.viewScope(ctx, true, &cb.in, func(tx *bbolt.Tx) error {
		if !factsReady(tx) {
			return errNoFacts
		}
		names, err := readSymbols(tx)
		if err != nil {
			return err
		}
		syms := jobstats.SymbolsOf(names)
		if syms == nil {
			return fmt.Errorf("%w: symbol table", errRecord)
		}
		m, leaves, err := leaves(tx, tx.Bucket(bucketFacts))
		if err != nil {
			return err
		}
		// First pass: the fingerprints alone, to find the listings that
		// are a job of their own.
		s := factScan{db: db, tx: tx, nsyms: len(names), m: m, leaves: leaves}
		fps, err := s.fingerprints(ctx, tx.Bucket(bucketFacts).Sequence())
		if err != nil {
			return err
		}
		s.lone = jobstats.LoneFingerprints(fps...)
		fps = nil
		fnErr, err = s.run(ctx, func(f *jobstats.Fact) error { return cb.call(func() error { return fn(syms, f) }) })
		return err
	})
	if err == errNoFacts {
		return db.factsByDecode(ctx, fn)
	}
	if fnErr != nil {
		return fnErr
	}
	if err != nil {
		return fmt.Errorf("scan facts: %w", err)
	}
	return nil
}

// factSegment is about how many records a goroutine of a scan of facts
// decodes at a time: the leaf pages of a segment hold at least that many,
// or are the last.
const factSegment = 4096

// factScan reads the facts of a read transaction in two passes over the
// leaf pages of their bucket, each on every core (see leaves): the
// fingerprints, then the facts, decoded in segments of leaves, one
// goroutine per core, and handed to fn in order.
type factScan struct {
	db     *DB
	tx     *bbolt.Tx
	nsyms  int
	m      *mapping
	leaves []leaf // loaded by the first pass
	lone   []bool // by record
}

// fingerprints loads every leaf and returns the fingerprint of every
// record, in order, read on every core: one part per core, each of a run
// of the leaves. about is about how many records there are (the bucket's
// sequence counts them): room for all at once, since growing a slice of
// millions costs a copy and page faults on new memory each time.
func (s *factScan) fingerprints(ctx context.Context, about uint64) ([][]uint64, error) {
	if len(s.leaves) == 0 {
		return nil, ctx.Err()
	}
	workers := min(runtime.GOMAXPROCS(0), len(s.leaves))
	parts := make([][]uint64, workers)
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			from, to := w*len(s.leaves)/workers, (w+1)*len(s.leaves)/workers
			fps := make([]uint64, 0, about*uint64(to-from)/uint64(len(s.leaves))+uint64(to-from)*8)
			var err error
			fault := guardFault(func() {
				rel := newReleaser(s.db.bolt, s.tx)
				defer rel.done()
				for i := from; i < to; i++ {
					if (i-from)%64 == 0 {
						if ctx.Err() != nil {
							return
						}
						s.m.populate(s.leaves[i:min(i+64, to)])
					}
					l := &s.leaves[i]
					if err = s.m.load(l); err != nil {
						return
					}
					fps = slices.Grow(fps, l.count)
					for j := range l.count {
						_, v, _ := l.record(j)
						rel.saw(v)
						fps = append(fps, recordFingerprint(v))
					}
				}
			})
			if fault != nil {
				err = damaged(s.db.path, "%s", fault)
			}
			parts[w], errs[w] = fps, err
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return parts, nil
}

// factBatch is one segment, decoded.
type factBatch struct {
	facts []jobstats.Fact
	n     int
	err   error
}

// run calls fn with every fact in order; it returns fn's error apart
// from its own.
func (s *factScan) run(ctx context.Context, fn func(*jobstats.Fact) error) (fnErr, err error) {
	// Segments: runs of leaves of at least factSegment records.
	segs, firsts := []int{0}, []int{0}
	size, most := 0, 0
	for i, l := range s.leaves {
		size += l.count
		if size >= factSegment || i == len(s.leaves)-1 {
			segs, firsts = append(segs, i+1), append(firsts, firsts[len(firsts)-1]+size)
			most = max(most, size)
			size = 0
		}
	}
	nseg := len(segs) - 1
	if nseg == 0 {
		return nil, nil
	}
	workers := max(1, min(runtime.GOMAXPROCS(0), nseg))
	out := make([]chan *factBatch, workers)
	free := make([]chan *factBatch, workers)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for w := range workers {
		out[w] = make(chan *factBatch, 1)
		free[w] = make(chan *factBatch, 2)
		for range 2 {
			free[w] <- &factBatch{facts: make([]jobstats.Fact, most)}
		}
		wg.Go(func() { s.decode(ctx, segs, firsts, w, workers, free[w], out[w], stop) })
	}
	defer func() {
		close(stop)
		wg.Wait()
	}()
	for seg := range nseg {
		w := seg % workers
		batch := <-out[w]
		if batch.err != nil {
			return nil, batch.err
		}
		for i := range batch.n {
			if err := fn(&batch.facts[i]); err != nil {
				return err, err
			}
		}
		free[w] <- batch
	}
	return nil, nil
}

// decode decodes the segments w, w+workers, ... (the leaves from segs[k]
// to segs[k+1], their first record firsts[k]) into batches from free, and
// sends them to out, until done or stopped. A memory fault or a panic (a
// damaged page) ends it with an error in the batch it was filling, as the
// transaction's own goroutine would (see guard).
func (s *factScan) decode(ctx context.Context, segs, firsts []int, w, workers int, free <-chan *factBatch, out chan<- *factBatch, stop <-chan struct{}) {
	var batch *factBatch
	err := guardFault(func() { s.decodeSegments(ctx, segs, firsts, w, workers, free, out, stop, &batch) })
	if err != nil && batch != nil {
		batch.err = damaged(s.db.path, "%s", err)
		select {
		case out <- batch:
		case <-stop:
		}
	}
}

func (s *factScan) decodeSegments(ctx context.Context, segs, firsts []int, w, workers int, free <-chan *factBatch, out chan<- *factBatch, stop <-chan struct{}, current **factBatch) {
	rel := newReleaser(s.db.bolt, s.tx)
	defer rel.done()
	for seg := w; seg < len(segs)-1; seg += workers {
		var batch *factBatch
		select {
		case batch = <-free:
		case <-stop:
			return
		}
		*current = batch
		batch.n, batch.err = 0, ctx.Err()
		at := firsts[seg]
		s.m.populate(s.leaves[segs[seg]:segs[seg+1]])
	leaves:
		for i := segs[seg]; i < segs[seg+1] && batch.err == nil; i++ {
			l := &s.leaves[i]
			for j := range l.count {
				k, v, plain := l.record(j)
				rel.saw(v)
				f := &batch.facts[batch.n]
				if !plain {
					batch.err = fmt.Errorf("fact of listing %s: %w: a bucket, not a record", keyString(k), errRecord)
					break leaves
				}
				if err := decodeFact(v, s.nsyms, f); err != nil {
					batch.err = fmt.Errorf("fact of listing %s: %w", keyString(k), err)
					break leaves
				}
				f.Alone = s.lone[at]
				at++
				batch.n++
			}
		}
		*current = nil
		select {
		case out <- batch:
		case <-stop:
			return
		}
		if batch.err != nil {
			return
		}
	}
}

// errNoFacts tells Facts that the file keeps no usable facts.
var errNoFacts = fmt.Errorf("no facts")

// factsByDecode is Facts for a file without facts: it derives them from
// every listing.
func (db *DB) factsByDecode(ctx context.Context, fn func(*jobstats.Symbols, *jobstats.Fact) error) error {
	db.opts.Logger.Info("database has no facts for fast reports yet: reading every listing (open it for writing once, with any command that writes, to build them)",
		"database", db.path)
	syms := jobstats.NewSymbols()
	var f jobstats.Fact
	return db.ForEach(ctx, Scan{}, func(l *jobstats.Listing) error {
		f.Set(l, syms)
		return fn(syms, &f)
	})
}

// factsBatch is how many listings one transaction of buildFacts handles.
const factsBatch = 50_000

// buildFacts makes the fact of every listing when the file has none of
// the current version (a file written by an older jobstats, or facts of
// another FactsVersion), in transactions of factsBatch listings, logging
// its progress. Open calls it on a writable open, before anything else
// can write. Only the last transaction marks the facts ready, so an
// interrupted build starts again on the next open.
func (db *DB) buildFacts(ctx context.Context) error {
	var ready bool
	err := db.view(ctx, func(tx *bbolt.Tx) error {
		ready = factsReady(tx)
		return nil
	})
	if err != nil || ready {
		return err
	}
	log := db.opts.Logger
	start := time.Now()
	log.Info("building the facts of every listing, for fast reports (once)", "database", db.path)
	var from []byte
	done, nextLog := 0, 200_000
	for first := true; ; first = false {
		end := false
		n, saved := 0, 0
		err := db.update(ctx, func(tx *bbolt.Tx) error {
			if first {
				if tx.Bucket(bucketFacts) != nil {
					if err := tx.DeleteBucket(bucketFacts); err != nil {
						return err
					}
				}
				if _, err := tx.CreateBucket(bucketFacts); err != nil {
					return err
				}
				if err := tx.Bucket(bucketMeta).Delete(keyFacts); err != nil {
					return err
				}
			}
			syms, done, err := db.symbols.use(tx)
			if err != nil {
				return err
			}
			defer done()
			fb := tx.Bucket(bucketFacts)
			fb.FillPercent = fillPercent
			type put struct{ k, v []byte }
			var puts []put
			var l jobstats.Listing
			var f jobstats.Fact
			c := tx.Bucket(bucketListings).Cursor()
			k, v := c.First()
			if from != nil {
				k, v = c.Seek(from)
				if k != nil && bytes.Equal(k, from) {
					k, v = c.Next()
				}
			}
			for ; k != nil && n < factsBatch; k, v = c.Next() {
				if err := decodeListing(k, v, &l); err != nil {
					return fmt.Errorf("listing %s: %w", keyString(k), err)
				}
				f.Set(&l, syms)
				puts = append(puts, put{bytes.Clone(k), appendFact(nil, &f)})
				n++
			}
			end = k == nil
			for _, p := range puts {
				if err := fb.Put(p.k, p.v); err != nil {
					return fmt.Errorf("fact of listing %s: %w", keyString(p.k), err)
				}
			}
			if err := fb.SetSequence(fb.Sequence() + uint64(len(puts))); err != nil {
				return err
			}
			if len(puts) > 0 {
				from = puts[len(puts)-1].k
			}
			if saved, err = db.symbols.save(tx); err != nil {
				return err
			}
			if !end {
				return nil
			}
			if err := bumpChanges(tx); err != nil {
				return err
			}
			return tx.Bucket(bucketMeta).Put(keyFacts, binary.AppendUvarint(nil, jobstats.FactsVersion))
		})
		if err != nil {
			return fmt.Errorf("build facts: %w", err)
		}
		db.symbols.confirm(saved)
		done += n
		if end {
			break
		}
		if done >= nextLog {
			log.Info("building facts", "listings", done)
			nextLog += 200_000
		}
	}
	log.Info("facts built", "listings", done, "took", time.Since(start).Round(time.Millisecond))
	return nil
}
