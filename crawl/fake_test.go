package crawl_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/crawl"
	"github.com/jobstats/jobstats/scraper"
)

// errBusy is what memStore returns while it is busy, as storage returns
// ErrLocked while another process holds the file.
var errBusy = errors.New("store is busy")

func isBusy(err error) bool { return errors.Is(err, errBusy) }

// memStore is a Store in memory that applies the domain's lifecycle rules,
// as any store must: it is also the proof that Store needs no database.
type memStore struct {
	mu       sync.Mutex
	listings map[string]jobstats.Listing
	runs     map[uint64]jobstats.Run
	nextRun  uint64
	vals     map[string]jobstats.Validator
	// busy, when set, is asked before every call: true fails it with
	// errBusy.
	busy func(op string) bool
	// calls counts the calls by method, busy ones included; runWrites
	// keeps every run record written, in order.
	calls     map[string]int
	runWrites []jobstats.Run
}

var _ crawl.Store = (*memStore)(nil)

func newMemStore() *memStore {
	return &memStore{listings: map[string]jobstats.Listing{}, runs: map[uint64]jobstats.Run{},
		vals: map[string]jobstats.Validator{}, calls: map[string]int{}}
}

// enter counts a call and reports whether it is refused as busy.
func (s *memStore) enter(op string) error {
	s.calls[op]++
	if s.busy != nil && s.busy(op) {
		return fmt.Errorf("%s: %w", op, errBusy)
	}
	return nil
}

func (s *memStore) PutListings(_ context.Context, ls []jobstats.Listing, seen time.Time) (jobstats.PutResult, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var res jobstats.PutResult
	if err := s.enter("PutListings"); err != nil {
		return res, err
	}
	for _, l := range ls {
		if l.ID == "" {
			l.ID = jobstats.ListingID(l.Source, l.SourceID)
		}
		old, ok := s.listings[l.ID]
		var lc jobstats.Lifecycle
		if ok {
			var reopened bool
			lc, reopened = old.Lifecycle().Seen(seen)
			if reopened {
				res.Reopened++
			}
			l.Sources = jobstats.MergeSources(old.Sources, l.Sources, l.Source)
			if jobstats.SameContent(&old, &l) {
				res.Unchanged++
			} else {
				res.Updated++
			}
		} else {
			lc, _ = jobstats.Lifecycle{}.Seen(seen)
			l.Sources = jobstats.MergeSources(nil, l.Sources, l.Source)
			res.New++
		}
		l.SetLifecycle(lc)
		s.listings[l.ID] = l
	}
	return res, nil
}

func (s *memStore) Sweep(_ context.Context, sw *jobstats.Sweep) (jobstats.SweepResult, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var res jobstats.SweepResult
	if err := s.enter("Sweep"); err != nil {
		return res, err
	}
	for id, l := range s.listings {
		if !strings.HasPrefix(id, sw.Source+":") {
			continue
		}
		if lc, changed := sw.Apply(id, l.Lifecycle(), &res); changed {
			l.SetLifecycle(lc)
			s.listings[id] = l
		}
	}
	return res, nil
}

func (s *memStore) PutRun(_ context.Context, r *jobstats.Run) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.enter("PutRun"); err != nil {
		return err
	}
	if r.ID == 0 {
		s.nextRun++
		r.ID = s.nextRun
	}
	rr := *r
	rr.Errors = slices.Clone(r.Errors)
	s.runs[r.ID] = rr
	s.runWrites = append(s.runWrites, rr)
	return nil
}

func (s *memStore) Runs(_ context.Context, source string, limit int) ([]jobstats.Run, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.enter("Runs"); err != nil {
		return nil, err
	}
	var out []jobstats.Run
	for _, r := range s.runs {
		if source == "" || r.Source == source {
			out = append(out, r)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID > out[j].ID })
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

func (s *memStore) Validators(context.Context) (map[string]jobstats.Validator, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.enter("Validators"); err != nil {
		return nil, err
	}
	m := map[string]jobstats.Validator{}
	for k, v := range s.vals {
		m[k] = v
	}
	return m, nil
}

func (s *memStore) PutValidators(_ context.Context, vals map[string]jobstats.Validator) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.enter("PutValidators"); err != nil {
		return err
	}
	for k, v := range vals {
		if v == (jobstats.Validator{}) {
			delete(s.vals, k)
		} else {
			s.vals[k] = v
		}
	}
	return nil
}

// open returns the ids of the open listings of source, sorted.
func (s *memStore) open(source string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var ids []string
	for id, l := range s.listings {
		if l.Source == source && l.Open() {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return ids
}

func (s *memStore) get(id string) (jobstats.Listing, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	l, ok := s.listings[id]
	return l, ok
}

// board is a job board that a test changes between runs. Its index lists
// the jobs perPage at a time; each job has a detail page. Every page
// fetched, index or detail, counts against maxPages, and detail pages are
// fetched in a random order (as a parallel crawler does), so that a capped
// crawl reaches a different part of the board each time.
type board struct {
	mu         sync.Mutex
	jobs       []string        // ids, in index order
	perPage    int             // default 10
	maxPages   int             // 0: no cap
	silentCap  bool            // the cap stops the crawl without a word in Stats.Incomplete
	failDetail map[string]bool // detail pages that cannot be fetched: KeepOpen
	malformed  map[string]bool // detail pages fetched without a readable posting
	failIndex  int             // this index page (1-based) fails; 0: none
	crawlErr   error
	version    int // the board's ETag: bump it on every change
	rand       *rand.Rand
	crawls     int // crawls started
	finished   int // crawls returned
}

func newBoard(ids ...string) *board {
	return &board{jobs: ids, rand: rand.New(rand.NewPCG(1, 2))}
}

// set replaces the jobs and bumps the version.
func (b *board) set(ids ...string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.jobs = ids
	b.version++
}

// jobIDs returns n ids: "001", "002", ...
func jobIDs(from, to int) []string {
	var ids []string
	for i := from; i <= to; i++ {
		ids = append(ids, fmt.Sprintf("%03d", i))
	}
	return ids
}

const boardURL = "https://board.test/jobs"

func (b *board) source(name string, closeAfter int) crawl.Source {
	return crawl.Source{Name: name, Kind: "fake", CloseAfter: closeAfter, MaxPages: b.maxPages,
		New: func(v scraper.Validators) (scraper.Source, error) { return &boardCrawl{b: b, name: name, vals: v}, nil }}
}

type boardCrawl struct {
	b    *board
	name string
	vals scraper.Validators
}

func (c *boardCrawl) Crawl(ctx context.Context, sink scraper.Sink) (scraper.Stats, error) {
	b := c.b
	b.mu.Lock()
	defer b.mu.Unlock()
	b.crawls++
	defer func() { b.finished++ }()
	var st scraper.Stats
	if b.crawlErr != nil {
		st.PagesFailed++
		return st, b.crawlErr
	}
	etag := fmt.Sprint(b.version)
	if c.vals != nil {
		if e, _ := c.vals.Validator(boardURL); e == etag {
			st.PagesFetched, st.NotModified = 1, true
			return st, nil
		}
		c.vals.SetValidator(boardURL, etag, "")
	}
	per := b.perPage
	if per == 0 {
		per = 10
	}
	fetch := func() bool {
		if b.maxPages > 0 && st.PagesFetched+st.PagesFailed >= b.maxPages {
			if !b.silentCap {
				st.Incomplete = fmt.Sprintf("max_pages %d reached", b.maxPages)
			}
			return false
		}
		return true
	}
	indexFetched, indexFailed := map[int]bool{}, map[int]bool{}
	order := b.rand.Perm(len(b.jobs))
	for _, i := range order {
		if ctx.Err() != nil {
			st.Incomplete = "cancelled"
			return st, ctx.Err()
		}
		page := i/per + 1
		if indexFailed[page] {
			continue // its jobs are unknown
		}
		if !indexFetched[page] {
			if !fetch() {
				break
			}
			indexFetched[page] = true
			if page == b.failIndex {
				indexFailed[page] = true
				st.PagesFailed++
				st.Incomplete = fmt.Sprintf("index page %d failed: 503", page)
				st.AddError(st.Incomplete)
				continue
			}
			st.PagesFetched++
		}
		if !fetch() {
			break
		}
		id := b.jobs[i]
		if b.failDetail[id] {
			st.PagesFailed++
			st.KeepOpen = append(st.KeepOpen, id)
			st.AddError("job " + id + ": 500")
			continue
		}
		if b.malformed[id] {
			// Fetched, and its links followed: not a hidden index page,
			// and nothing to keep open.
			st.PagesFetched++
			st.PagesFailed++
			st.AddError("job " + id + ": no readable posting")
			continue
		}
		st.PagesFetched++
		l := jobstats.Listing{Source: c.name, SourceID: id, ID: jobstats.ListingID(c.name, id),
			Title: "Engineer " + id, Company: "Acme", URL: boardURL + "/" + id}
		st.Listings++
		if err := sink(ctx, []jobstats.Listing{l}); err != nil {
			return st, err
		}
	}
	return st, nil
}

// clock is a fake clock a test sets; tick, when not zero, advances it on
// every reading, so that waits measured on it pass.
type clock struct {
	mu   sync.Mutex
	t    time.Time
	tick time.Duration
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(c.tick)
	return c.t
}

func (c *clock) set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

func day(n int) time.Time { return time.Date(2026, 10, n, 12, 0, 0, 0, time.UTC) }

// newRunner returns a Runner on store with quick waits.
func newRunner(t *testing.T, store crawl.Store, now func() time.Time) *crawl.Runner {
	return &crawl.Runner{Store: store, Busy: isBusy, Now: now, Host: "test-host", PID: 4242,
		BatchSize: 50, BatchAfter: time.Millisecond, RetryWait: time.Millisecond, LockWait: time.Second,
		SpillDir: t.TempDir()}
}
