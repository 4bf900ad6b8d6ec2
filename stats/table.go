package stats

import (
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jobstats/jobstats"
)

// Table holds the facts of every listing of a store in memory, in columns,
// so that a Summary of any filter is a scan of numbers: about 20 ms per
// million listings for a page (one role in one market). It is what a
// server keeps between requests: build it once from a store's facts, and
// build a new one when the store changes.
//
// Add and AddFact build the table and must not run beside any other call;
// once built, Summary, Summaries, Len and Oldest may be called from many
// goroutines at once. A Table takes about 150 bytes per listing.
type Table struct {
	syms   *jobstats.Symbols
	bound  bool
	cls    *classifier
	chunks []*chunk
	n      int
	oldest int64
	fact   jobstats.Fact
	// seal finds, once the table is built, the listings that share their
	// fingerprint with no other (jobstats.LoneFingerprints), whatever the
	// facts said, and the rows of each role.
	seal sync.Once
	// roles holds the rows of each role symbol, in order (see
	// consumeRows), so that a summary of one role reads its rows only.
	roles map[jobstats.Sym][]int32
}

// NewTable returns an empty Table.
func NewTable() *Table {
	syms := jobstats.NewSymbols()
	return &Table{syms: syms, cls: newClassifier(syms), oldest: jobstats.NoTime}
}

// Add appends the facts of l, interning its strings into the table's
// symbols (those of the facts given to AddFact, if any).
func (t *Table) Add(l *jobstats.Listing) {
	t.bound = true
	t.fact.Set(l, t.syms)
	t.push(&t.fact)
}

// AddFact appends f, whose symbols syms names; see Aggregator.AddFact for
// the rules on syms. Its signature is that of a store's scan of facts.
func (t *Table) AddFact(syms *jobstats.Symbols, f *jobstats.Fact) error {
	if syms != t.syms {
		if t.bound {
			return errSymbols
		}
		t.syms, t.cls = syms, newClassifier(syms)
	}
	t.bound = true
	t.push(f)
	return nil
}

func (t *Table) push(f *jobstats.Fact) {
	t.seal = sync.Once{}
	last := len(t.chunks) - 1
	if last < 0 || t.chunks[last].full() {
		t.chunks = append(t.chunks, newChunk())
		last++
	}
	t.chunks[last].add(f, t.cls)
	t.n++
	if f.FirstSeen != jobstats.NoTime && (t.oldest == jobstats.NoTime || f.FirstSeen < t.oldest) {
		t.oldest = f.FirstSeen
	}
}

// Len returns the number of listings in the table.
func (t *Table) Len() int { return t.n }

// Oldest returns the earliest FirstSeen of the listings in the table, zero
// when there is none: how far back the table can answer for.
func (t *Table) Oldest() time.Time { return jobstats.TimeOf(t.oldest) }

// Summary returns the statistics of the table's listings with opts, as an
// Aggregator given them all in order would.
func (t *Table) Summary(opts Options) Summary {
	t.sealed()
	a := newAggregator(opts, t.syms, t.cls)
	t.scan(a)
	return a.Summary()
}

// Summaries returns one Summary per element of opts, computed side by side
// on up to GOMAXPROCS goroutines.
func (t *Table) Summaries(opts ...Options) []Summary {
	t.sealed()
	aggs := make([]*Aggregator, len(opts))
	for i, o := range opts {
		aggs[i] = newAggregator(o, t.syms, t.cls)
	}
	eachWorker(len(aggs), func(w, workers int) {
		for i := w; i < len(aggs); i += workers {
			t.scan(aggs[i])
		}
	})
	return summaries(aggs)
}

// sealed marks the rows whose fingerprint no other row has, once.
func (t *Table) sealed() {
	t.seal.Do(func() {
		fps := make([]uint64, 0, t.n)
		for _, c := range t.chunks {
			for i := range c.n {
				fps = append(fps, c.rows[i].fingerprint)
			}
		}
		lone := jobstats.LoneFingerprints(fps)
		t.roles = make(map[jobstats.Sym][]int32)
		for k, c := range t.chunks {
			for i := range c.n {
				r := &c.rows[i]
				r.alone = lone[k*chunkRows+i]
				t.roles[r.role] = append(t.roles[r.role], int32(k*chunkRows+i))
			}
		}
	})
}

// scan gives a every row the filter of its options may keep: with a role,
// the rows of the roles by that name (each role's rows are in order, and
// several are merged in order), else every row.
func (t *Table) scan(a *Aggregator) {
	// How far back the data reaches is the table's, whatever rows are read.
	a.oldest = t.oldest
	f := &a.opts.Filter
	if f.Role == "" {
		for _, c := range t.chunks {
			a.consume(c)
		}
		return
	}
	var lists [][]int32
	for s, rows := range t.roles {
		if a.keepRole.get(s) {
			lists = append(lists, rows)
		}
	}
	switch len(lists) {
	case 0:
	case 1:
		a.consumeRows(t.chunks, lists[0])
	default:
		merged := slices.Concat(lists...)
		slices.Sort(merged)
		a.consumeRows(t.chunks, merged)
	}
}

// eachWorker runs fn(w, workers) for w from 0 to workers-1 on goroutines
// of their own, workers being at most n and GOMAXPROCS, and waits for them.
func eachWorker(n int, fn func(w, workers int)) {
	workers := max(1, min(n, runtime.GOMAXPROCS(0)))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() { fn(w, workers) })
	}
	wg.Wait()
}

// summaries returns the Summary of every aggregation; each computes its
// pages on every core.
func summaries(aggs []*Aggregator) []Summary {
	out := make([]Summary, len(aggs))
	for i, a := range aggs {
		out[i] = a.Summary()
	}
	return out
}

// Stream aggregates one pass over facts into one Summary per Options, side
// by side: the caller's goroutine puts the facts into chunks, and up to
// GOMAXPROCS goroutines aggregate each chunk as it fills (the comparison
// with Options.CompareAt of an option set counted apart from the rest of
// it, on a goroutine of its own). Memory stays
// that of the aggregations plus a few chunks, whatever the number of
// listings. Call Summaries once the facts are in (or to stop early): it
// ends the goroutines. A Stream is not safe for concurrent use.
type Stream struct {
	syms *jobstats.Symbols
	cls  *classifier
	opts []Options
	// aggs are the aggregations of opts, in order; all those and their
	// companions (see Aggregator.companion).
	aggs, all []*Aggregator
	started   bool
	cur       *chunk
	work      []chan *streamChunk
	free      chan *chunk
	made      int
	wg        sync.WaitGroup
	oldest    int64
}

// streamChunks bounds the chunks a Stream has in flight.
const streamChunks = 8

// streamChunk is a chunk handed to the workers; the last one done with it
// puts it back for reuse.
type streamChunk struct {
	c    *chunk
	left atomic.Int32
}

// NewStream returns a Stream that computes a Summary for each of opts.
func NewStream(opts ...Options) *Stream {
	return &Stream{opts: opts, oldest: jobstats.NoTime}
}

// AddFact puts in f, whose symbols syms names; f may be reused after it
// returns. Every call must pass the same syms, which must not change
// while the Stream runs (a store's scan loads its table before the first
// fact); it returns an error for facts of another table. Its signature is
// that of a store's scan of facts.
func (s *Stream) AddFact(syms *jobstats.Symbols, f *jobstats.Fact) error {
	if s.syms == nil {
		s.syms, s.cls = syms, newClassifier(syms)
	} else if syms != s.syms {
		return errSymbols
	}
	if s.cur == nil {
		s.cur = s.chunk()
	}
	s.cur.add(f, s.cls)
	if f.FirstSeen != jobstats.NoTime && (s.oldest == jobstats.NoTime || f.FirstSeen < s.oldest) {
		s.oldest = f.FirstSeen
	}
	if s.cur.full() {
		s.send()
	}
	return nil
}

// start makes the aggregations and their goroutines.
func (s *Stream) start() {
	s.started = true
	if s.syms == nil {
		s.syms = jobstats.NewSymbols()
	}
	s.aggs = make([]*Aggregator, len(s.opts))
	for i, o := range s.opts {
		a := newAggregator(o, s.syms, s.cls)
		s.aggs[i] = a
		s.all = append(s.all, a)
		// The comparison with CompareAt, a third of the work, on a
		// goroutine of its own.
		if a.then != nil {
			c := newAggregator(o, s.syms, s.cls)
			c.thenOnly = true
			a.companion, a.then = c, nil
			s.all = append(s.all, c)
		}
	}
	workers := max(1, min(len(s.all), runtime.GOMAXPROCS(0)))
	s.free = make(chan *chunk, streamChunks)
	s.work = make([]chan *streamChunk, workers)
	for w := range workers {
		ch := make(chan *streamChunk, streamChunks)
		s.work[w] = ch
		s.wg.Go(func() {
			for sc := range ch {
				for i := w; i < len(s.all); i += workers {
					s.all[i].consume(sc.c)
				}
				if sc.left.Add(-1) == 0 {
					sc.c.reset()
					s.free <- sc.c
				}
			}
		})
	}
}

// chunk returns an empty chunk: a new one while fewer than streamChunks
// exist, else the next one the workers are done with.
func (s *Stream) chunk() *chunk {
	if !s.started {
		s.start()
	}
	select {
	case c := <-s.free:
		return c
	default:
	}
	if s.made < streamChunks {
		s.made++
		return newChunk()
	}
	return <-s.free
}

// send hands the current chunk to every worker.
func (s *Stream) send() {
	sc := &streamChunk{c: s.cur}
	s.cur = nil
	sc.left.Store(int32(len(s.work)))
	for _, ch := range s.work {
		ch <- sc
	}
}

// Oldest returns the earliest FirstSeen of the listings put in, zero when
// there is none.
func (s *Stream) Oldest() time.Time { return jobstats.TimeOf(s.oldest) }

// Summaries waits for the aggregations of every fact put in and returns
// one Summary per Options given to NewStream, in their order. It ends the
// Stream: nothing may be put in after it.
func (s *Stream) Summaries() []Summary {
	if !s.started {
		s.start()
	}
	if s.cur != nil && s.cur.n > 0 {
		s.send()
	}
	for _, ch := range s.work {
		close(ch)
	}
	s.wg.Wait()
	return summaries(s.aggs)
}
