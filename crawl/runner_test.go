package crawl_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/crawl"
	"github.com/jobstats/jobstats/scraper"
)

func TestDecide(t *testing.T) {
	tests := []struct {
		name       string
		st         scraper.Stats
		crawlErr   error
		cancelled  bool
		storeErr   error
		want       jobstats.RunStatus
		complete   bool
		incomplete string
	}{
		{"clean", scraper.Stats{Listings: 5, PagesFetched: 2}, nil, false, nil, jobstats.RunOK, true, ""},
		{"empty board", scraper.Stats{PagesFetched: 1}, nil, false, nil, jobstats.RunOK, true, ""},
		{"not modified", scraper.Stats{PagesFetched: 1, NotModified: true}, nil, false, nil, jobstats.RunOK, true, ""},
		{"failed detail page", scraper.Stats{Listings: 5, PagesFailed: 1, KeepOpen: []string{"7"}}, nil, false, nil, jobstats.RunPartial, true, ""},
		{"malformed page", scraper.Stats{Listings: 5, PagesFailed: 1}, nil, false, nil, jobstats.RunPartial, true, ""},
		{"capped", scraper.Stats{Listings: 5, Incomplete: "max_pages 200 reached"}, nil, false, nil, jobstats.RunPartial, false, "max_pages 200 reached"},
		{"crawl error after some listings", scraper.Stats{Listings: 5}, errors.New("timeout"), false, nil, jobstats.RunPartial, false, "timeout"},
		{"nothing found", scraper.Stats{PagesFailed: 1}, errors.New("nothing fetched: 503"), false, nil, jobstats.RunFailed, false, "nothing found: nothing fetched: 503"},
		{"start page failed", scraper.Stats{PagesFailed: 1, Incomplete: "index page 1 failed"}, nil, false, nil, jobstats.RunFailed, false, "nothing found: index page 1 failed"},
		{"every page failed", scraper.Stats{PagesFailed: 3}, nil, false, nil, jobstats.RunFailed, false, "nothing found: every page failed (3)"},
		{"every detail failed, index whole", scraper.Stats{PagesFailed: 2, KeepOpen: []string{"1", "2"}}, nil, false, nil, jobstats.RunPartial, true, ""},
		{"cancelled", scraper.Stats{Listings: 5}, context.Canceled, true, nil, jobstats.RunInterrupted, false, "cancelled"},
		{"not stored", scraper.Stats{Listings: 5}, nil, false, errors.New("busy"), jobstats.RunFailed, false, "not every fetched listing was stored"},
		{"all unchanged", scraper.Stats{PagesFetched: 1, Unchanged: []string{"1", "2"}}, nil, false, nil, jobstats.RunOK, true, ""},
		{"unchanged, a page failed", scraper.Stats{PagesFailed: 1, Unchanged: []string{"1"}, KeepOpen: []string{"2"}}, nil, false, nil, jobstats.RunPartial, true, ""},
		{"unchanged, a sitemap failed", scraper.Stats{PagesFailed: 1, Unchanged: []string{"1"}, Incomplete: "sitemap not read"}, nil, false, nil, jobstats.RunPartial, false, "sitemap not read"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := crawl.Decide(tt.st, tt.crawlErr, tt.cancelled, tt.storeErr)
			if got.Status != tt.want || got.Complete != tt.complete || got.Incomplete != tt.incomplete {
				t.Errorf("Decide = %+v, want %s %v %q", got, tt.want, tt.complete, tt.incomplete)
			}
		})
	}
}

// logs is a slog handler that keeps the records, for assertions.
type logs struct {
	mu   sync.Mutex
	recs []slog.Record
}

func (l *logs) Enabled(context.Context, slog.Level) bool { return true }
func (l *logs) Handle(_ context.Context, r slog.Record) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.recs = append(l.recs, r)
	return nil
}
func (l *logs) WithAttrs([]slog.Attr) slog.Handler { return l }
func (l *logs) WithGroup(string) slog.Handler      { return l }

// count returns how many records at level have a message containing msg.
func (l *logs) count(level slog.Level, msg string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for _, r := range l.recs {
		if r.Level == level && strings.Contains(r.Message, msg) {
			n++
		}
	}
	return n
}

func (l *logs) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	var b strings.Builder
	for _, r := range l.recs {
		fmt.Fprintf(&b, "%s %s", r.Level, r.Message)
		r.Attrs(func(a slog.Attr) bool { fmt.Fprintf(&b, " %s=%v", a.Key, a.Value); return true })
		b.WriteByte('\n')
	}
	return b.String()
}

// busyUntil returns a busy func for memStore that refuses the given
// operations (all when none are given) until release is closed.
func busyUntil(release <-chan struct{}, ops ...string) func(string) bool {
	return func(op string) bool {
		select {
		case <-release:
			return false
		default:
		}
		if len(ops) == 0 {
			return true
		}
		for _, o := range ops {
			if o == op {
				return true
			}
		}
		return false
	}
}

// TestBusyStoreLosesNothing: the store is held by "another process" for
// the whole crawl and a while after it. The run keeps every listing,
// warns once, and stores them all when the store frees up.
func TestBusyStoreLosesNothing(t *testing.T) {
	for _, tt := range []struct {
		name      string
		maxMemory int64
		spills    bool
	}{
		{"in memory", 0, false},
		{"spilled to disk", 1, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			b := newBoard(jobIDs(1, 500)...)
			store := newMemStore()
			release := make(chan struct{})
			store.busy = busyUntil(release)
			var l logs
			r := newRunner(t, store, time.Now)
			r.Logger = slog.New(&l)
			r.MaxMemory = tt.maxMemory
			r.LockWait = time.Minute
			done := make(chan jobstats.Run)
			go func() {
				run, _ := r.Run(t.Context(), b.source("s", 0))
				done <- run
			}()
			// The crawl ends while the store is busy; the run waits.
			waitFor(t, func() bool { return b.crawlsDone() == 1 })
			time.Sleep(20 * time.Millisecond)
			select {
			case run := <-done:
				t.Fatalf("the run ended while the store was busy: %+v", run)
			default:
			}
			close(release)
			run := <-done
			if run.Status != jobstats.RunOK || !run.Complete || run.Stored != 500 || run.New != 500 || run.Listings != 500 {
				t.Errorf("run = %+v; want ok, complete, 500 stored and new", run)
			}
			if got := len(store.open("s")); got != 500 {
				t.Errorf("%d listings stored, want 500", got)
			}
			if l, _ := store.get("s:123"); l.Title != "Engineer 123" || l.URL != boardURL+"/123" {
				t.Errorf("listing after the wait: %+v", l)
			}
			if n := l.count(slog.LevelWarn, "store busy"); n != 1 {
				t.Errorf("%d store-busy warnings, want one per stall:\n%s", n, l.String())
			}
			if got := l.count(slog.LevelInfo, "spilled to disk") > 0; got != tt.spills {
				t.Errorf("spilled %v, want %v:\n%s", got, tt.spills, l.String())
			}
			if left, _ := os.ReadDir(r.SpillDir); len(left) != 0 {
				t.Errorf("spill files left behind: %v", left)
			}
			runs, _ := store.Runs(t.Context(), "s", 0)
			if len(runs) != 1 || runs[0].Status != jobstats.RunOK || runs[0].Stored != 500 {
				t.Errorf("stored runs = %+v", runs)
			}
		})
	}
}

// waitFor polls cond; the limit is a safety net, not a measured time.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("gave up waiting")
		}
		time.Sleep(time.Millisecond)
	}
}

func (b *board) crawlsDone() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.finished
}

// TestLockedOutPastLockWait: the store takes run records but never the
// listings. The run gives up after LockWait, says so, closes nothing and
// keeps no validators.
func TestLockedOutPastLockWait(t *testing.T) {
	b := newBoard(jobIDs(1, 20)...)
	store := newMemStore()
	clk := &clock{}
	r := newRunner(t, store, clk.now)
	clk.set(day(1))
	r.Run(t.Context(), b.source("s", 1))
	b.set(jobIDs(1, 10)...)

	var l logs
	r = newRunner(t, store, time.Now)
	r.Logger = slog.New(&l)
	r.LockWait = 50 * time.Millisecond
	store.busy = busyUntil(nil, "PutListings")
	valsBefore := len(store.vals)
	run, _ := r.Run(t.Context(), b.source("s", 1))
	if run.Status != jobstats.RunFailed || run.Complete || run.Stored != 0 || run.Listings != 10 || run.Closed != 0 {
		t.Errorf("run = %+v; want failed, incomplete, nothing stored or closed", run)
	}
	if !strings.Contains(strings.Join(run.Errors, "; "), "10 fetched listings not stored") {
		t.Errorf("errors %q do not say what was lost", run.Errors)
	}
	if got := len(store.open("s")); got != 20 {
		t.Errorf("%d open, want all 20: a run that could not store must close nothing", got)
	}
	runs, _ := store.Runs(t.Context(), "s", 1)
	if len(runs) != 1 || runs[0].Status != jobstats.RunFailed || runs[0].ID != run.ID {
		t.Errorf("the run record was not written: %+v", runs)
	}
	if len(store.vals) != valsBefore || store.calls["PutValidators"] != 1 {
		t.Errorf("validators saved after a failed run: %d calls", store.calls["PutValidators"])
	}
	if n := l.count(slog.LevelWarn, "store busy"); n != 1 {
		t.Errorf("%d store-busy warnings, want 1:\n%s", n, l.String())
	}
}

// TestFatalStoreErrorStopsTheCrawl: an error that is not "busy" stops the
// crawl: the sink returns it, and the run fails.
func TestFatalStoreErrorStopsTheCrawl(t *testing.T) {
	store := newMemStore()
	r := newRunner(t, store, time.Now)
	r.Busy = func(error) bool { return false }
	store.busy = func(op string) bool { return op == "PutListings" }
	var handed int
	src := crawl.Source{Name: "s", New: func(scraper.Validators) (scraper.Source, error) {
		return sourceFunc(func(ctx context.Context, sink scraper.Sink) (scraper.Stats, error) {
			var st scraper.Stats
			for i := range 10000 {
				st.Listings++
				handed++
				if err := sink(ctx, []jobstats.Listing{{ID: fmt.Sprintf("s:%d", i), Source: "s", SourceID: fmt.Sprint(i)}}); err != nil {
					return st, err
				}
				time.Sleep(100 * time.Microsecond)
			}
			return st, nil
		}), nil
	}}
	run, _ := r.Run(t.Context(), src)
	if run.Status != jobstats.RunFailed || run.Stored != 0 || !strings.Contains(strings.Join(run.Errors, ";"), "store:") {
		t.Errorf("run = %+v", run)
	}
	if handed >= 10000 {
		t.Errorf("the crawl went on after the store failed: %d listings", handed)
	}
}

// sourceFunc is a scraper.Source made of a function.
type sourceFunc func(ctx context.Context, sink scraper.Sink) (scraper.Stats, error)

func (f sourceFunc) Crawl(ctx context.Context, sink scraper.Sink) (scraper.Stats, error) {
	return f(ctx, sink)
}

// blocker is a source that hands over n listings, then waits for release.
type blocker struct {
	n       int
	handed  chan struct{}
	release chan struct{}
}

func newBlocker(n int) *blocker {
	return &blocker{n: n, handed: make(chan struct{}), release: make(chan struct{})}
}

func (b *blocker) source(name string) crawl.Source {
	return crawl.Source{Name: name, Kind: "fake", New: func(scraper.Validators) (scraper.Source, error) { return b, nil }}
}

func (b *blocker) Crawl(ctx context.Context, sink scraper.Sink) (scraper.Stats, error) {
	st := scraper.Stats{PagesFetched: 1, Listings: b.n}
	var batch []jobstats.Listing
	for i := range b.n {
		batch = append(batch, jobstats.Listing{Source: "x", SourceID: fmt.Sprint(i), ID: fmt.Sprintf("x:%d", i)})
	}
	if err := sink(ctx, batch); err != nil {
		return st, err
	}
	close(b.handed)
	select {
	case <-b.release:
		return st, nil
	case <-ctx.Done():
		st.Incomplete = "cancelled"
		return st, ctx.Err()
	}
}

// TestRunningRecordIsTrue: while a run is going, its record names its
// owner and the listings found and stored so far (what a run of a killed
// process shows once marked interrupted), and its heartbeat moves.
func TestRunningRecordIsTrue(t *testing.T) {
	store := newMemStore()
	clk := &clock{}
	clk.set(day(1))
	r := newRunner(t, store, clk.now)
	src := newBlocker(100) // two full batches: the frozen clock never lets a batch wait out BatchAfter
	done := make(chan jobstats.Run)
	go func() { run, _ := r.Run(t.Context(), src.source("x")); done <- run }()
	<-src.handed
	latest := func() jobstats.Run {
		runs, _ := store.Runs(context.Background(), "x", 1)
		if len(runs) == 0 {
			return jobstats.Run{}
		}
		return runs[0]
	}
	waitFor(t, func() bool { return latest().Stored == 100 })
	rec := latest()
	if rec.Status != jobstats.RunRunning || rec.Host != "test-host" || rec.PID != 4242 || rec.New != 100 || rec.Listings != 100 ||
		!rec.Heartbeat.Equal(day(1)) {
		t.Errorf("running record = %+v", rec)
	}
	clk.set(day(1).Add(crawl.HeartbeatEvery + time.Second))
	waitFor(t, func() bool { return latest().Heartbeat.After(day(1)) })

	// A second run of the same source meanwhile is refused.
	if _, err := r.Run(t.Context(), src.source("x")); !errors.Is(err, crawl.ErrRunning) {
		t.Errorf("second run: %v, want ErrRunning", err)
	}
	close(src.release)
	if run := <-done; run.Status != jobstats.RunOK || run.Stored != 100 {
		t.Errorf("run = %+v", run)
	}
}

// TestCancelledRunStoresWhatItFetched: a cancelled run stores what it
// fetched, is interrupted, and closes nothing.
func TestCancelledRunStoresWhatItFetched(t *testing.T) {
	store := newMemStore()
	store.PutListings(t.Context(), []jobstats.Listing{{ID: "x:old", Source: "x", SourceID: "old"}}, day(1))
	clk := &clock{}
	clk.set(day(2))
	r := newRunner(t, store, clk.now)
	src := newBlocker(30)
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan jobstats.Run)
	go func() { run, _ := r.Run(ctx, src.source("x")); done <- run }()
	<-src.handed
	cancel()
	run := <-done
	if run.Status != jobstats.RunInterrupted || run.Complete || run.Stored != 30 || run.Closed != 0 {
		t.Errorf("run = %+v", run)
	}
	if got := len(store.open("x")); got != 31 {
		t.Errorf("%d open, want 31", got)
	}
}

// TestSnapshotOncePerGroup: RunAll and overlapping runs call Snapshot once,
// after the last run ends; a group in which nothing was stored calls none.
func TestSnapshotOncePerGroup(t *testing.T) {
	store := newMemStore()
	var snaps atomic.Int32
	var lastAt atomic.Value
	r := newRunner(t, store, time.Now)
	r.Snapshot = func(_ context.Context, at time.Time) error {
		snaps.Add(1)
		lastAt.Store(at)
		return nil
	}
	boards := []*board{newBoard(jobIDs(1, 30)...), newBoard(jobIDs(1, 40)...), newBoard(jobIDs(1, 50)...)}
	srcs := []crawl.Source{boards[0].source("a", 0), boards[1].source("b", 0), boards[2].source("c", 0)}
	runs := r.RunAll(t.Context(), srcs)
	if snaps.Load() != 1 {
		t.Errorf("%d snapshots after one crawl of three sources, want 1", snaps.Load())
	}
	for i, run := range runs {
		if run.Source != srcs[i].Name || run.Status != jobstats.RunOK {
			t.Errorf("run %d = %+v", i, run)
		}
		if at := lastAt.Load().(time.Time); at.Before(run.End) {
			t.Errorf("snapshot at %v, before run %s ended at %v", at, run.Source, run.End)
		}
	}

	// Nothing stored: no snapshot.
	boards[0].crawlErr = errors.New("down")
	if runs := r.RunAll(t.Context(), srcs[:1]); runs[0].Status != jobstats.RunFailed || snaps.Load() != 1 {
		t.Errorf("failed crawl: %+v, %d snapshots", runs[0], snaps.Load())
	}

	// Overlapping runs (a daemon): one snapshot, when the last ends.
	slow := newBlocker(5)
	done := make(chan struct{})
	go func() { r.Run(t.Context(), slow.source("slow")); close(done) }()
	<-slow.handed
	r.Run(t.Context(), srcs[1])
	if snaps.Load() != 1 {
		t.Errorf("snapshot taken while another run was in flight")
	}
	close(slow.release)
	<-done
	if snaps.Load() != 2 {
		t.Errorf("%d snapshots, want 2", snaps.Load())
	}
}

// TestValidatorsOnlyFromOKRuns: a run that is not ok keeps no validators,
// so the next run fetches in full.
func TestValidatorsOnlyFromOKRuns(t *testing.T) {
	b := newBoard(jobIDs(1, 10)...)
	store := newMemStore()
	r := newRunner(t, store, time.Now)
	b.failDetail = map[string]bool{"003": true}
	r.Run(t.Context(), b.source("s", 0)) // partial
	if len(store.vals) != 0 {
		t.Fatalf("a partial run saved validators: %v", store.vals)
	}
	b.failDetail = nil
	if run, _ := r.Run(t.Context(), b.source("s", 0)); run.Status != jobstats.RunOK || run.Listings != 10 {
		t.Fatalf("second run = %+v, want a full fetch", run)
	}
	if len(store.vals) != 1 {
		t.Fatalf("an ok run saved no validators")
	}
	if run, _ := r.Run(t.Context(), b.source("s", 0)); run.Listings != 0 || run.Status != jobstats.RunOK || !run.Complete {
		t.Errorf("third run = %+v, want 304", run)
	}
}

// TestEnrichAndProgress: listings are understood before they are stored,
// and the progress hooks hear of them and of the run.
func TestEnrichAndProgress(t *testing.T) {
	b := newBoard(jobIDs(1, 7)...)
	store := newMemStore()
	r := newRunner(t, store, time.Now)
	r.Enrich = func(l *jobstats.Listing) { l.Role = "Engineer" }
	var listed atomic.Int32
	var done []jobstats.Run
	r.OnListings = func(source string, n int) { listed.Add(int32(n)) }
	r.OnDone = func(run jobstats.Run) { done = append(done, run) }
	r.Run(t.Context(), b.source("s", 0))
	if l, _ := store.get("s:004"); l.Role != "Engineer" {
		t.Errorf("not enriched: %+v", l)
	}
	if listed.Load() != 7 || len(done) != 1 || done[0].Stored != 7 {
		t.Errorf("progress: %d listed, done %+v", listed.Load(), done)
	}
}

// ExampleRunner_Run crawls a board twice with a store in memory: the
// second run, after a job left the board, closes it (close_after 1).
func ExampleRunner_Run() {
	b := newBoard("1", "2", "3")
	store := newMemStore()
	clk := &clock{}
	r := &crawl.Runner{Store: store, Now: clk.now, Logger: slog.New(slog.NewTextHandler(&bytes.Buffer{}, nil))}
	for n, jobs := range [][]string{{"1", "2", "3"}, {"1", "3"}} {
		b.set(jobs...)
		clk.set(day(n + 1))
		run, _ := r.Run(context.Background(), b.source("acme", 1))
		fmt.Printf("%s complete=%v new=%d closed=%d\n", run.Status, run.Complete, run.New, run.Closed)
	}
	// Output:
	// ok complete=true new=3 closed=0
	// ok complete=true new=0 closed=1
}

// TestPanickingSourceFailsItsRun: a bug in a source (a panic) fails that
// run, keeps what it handed over before, and leaves the process running.
func TestPanickingSourceFailsItsRun(t *testing.T) {
	store := newMemStore()
	r := newRunner(t, store, time.Now)
	src := crawl.Source{Name: "s", Kind: "fake", New: func(scraper.Validators) (scraper.Source, error) {
		return sourceFunc(func(ctx context.Context, sink scraper.Sink) (scraper.Stats, error) {
			if err := sink(ctx, []jobstats.Listing{{ID: "s:1", Source: "s", SourceID: "1", Title: "Kept"}}); err != nil {
				return scraper.Stats{}, err
			}
			panic("a bug in the source")
		}), nil
	}}
	run, err := r.Run(t.Context(), src)
	if err != nil {
		t.Fatal(err)
	}
	if run.Status != jobstats.RunFailed && run.Status != jobstats.RunPartial || run.Complete {
		t.Errorf("status %s, complete %v; want failed or partial, incomplete", run.Status, run.Complete)
	}
	if !strings.Contains(strings.Join(run.Errors, ";"), "internal error") {
		t.Errorf("errors %q do not say internal error", run.Errors)
	}
	if _, ok := store.listings["s:1"]; !ok || run.Stored != 1 {
		t.Errorf("stored %d, listing kept %v; want the listing handed over before the panic", run.Stored, ok)
	}
}

// pageMemoryCrawl is a scraper that reads some pages and knows others to
// be unchanged, as the jsonld kind does from a sitemap: it hands over
// read, reports unchanged in Stats.Unchanged, keeps failed open, and
// remembers each page it read under a page-memory key.
type pageMemoryCrawl struct {
	read, unchanged, failed []string
	vals                    scraper.Validators
}

func (c *pageMemoryCrawl) Crawl(ctx context.Context, sink scraper.Sink) (scraper.Stats, error) {
	var st scraper.Stats
	var ls []jobstats.Listing
	for _, id := range c.read {
		ls = append(ls, jobstats.Listing{Source: "sm", SourceID: id, ID: jobstats.ListingID("sm", id), Title: "Job " + id})
		if c.vals != nil {
			c.vals.SetValidator("jsonld-page https://sm.test/"+id, `["`+id+`"]`, "2026-09-01")
		}
	}
	if len(ls) > 0 {
		if err := sink(ctx, ls); err != nil {
			return st, err
		}
	}
	st.Listings = len(ls)
	st.PagesFetched = len(c.read) + len(c.failed)
	st.PagesFailed = len(c.failed)
	st.KeepOpen = c.failed
	st.Unchanged = c.unchanged
	return st, nil
}

func TestUnchangedListingsAreSeen(t *testing.T) {
	store := newMemStore()
	clk := &clock{}
	r := newRunner(t, store, clk.now)
	var c pageMemoryCrawl
	src := crawl.Source{Name: "sm", Kind: "jsonld", CloseAfter: 1, New: func(v scraper.Validators) (scraper.Source, error) {
		c.vals = v
		return &c, nil
	}}

	// Day 1: four pages read.
	clk.set(day(1))
	c = pageMemoryCrawl{read: []string{"1", "2", "3", "4"}}
	if run, _ := r.Run(t.Context(), src); run.Status != jobstats.RunOK || len(store.open("sm")) != 4 {
		t.Fatalf("day 1: %+v", run)
	}

	// Day 2: 1 and 2 unchanged, 3 read again, 4 gone, 5 new.
	clk.set(day(2))
	c = pageMemoryCrawl{read: []string{"3", "5"}, unchanged: []string{"1", "2"}}
	run, _ := r.Run(t.Context(), src)
	if run.Status != jobstats.RunOK || !run.Complete || run.Unchanged != 2 || run.Closed != 1 || run.KeptOpen != 0 {
		t.Errorf("day 2: %+v", run)
	}
	for _, id := range []string{"sm:1", "sm:2", "sm:3", "sm:5"} {
		if l, _ := store.get(id); !l.Open() || !l.LastSeen.Equal(day(2)) {
			t.Errorf("day 2: %s open %v, last seen %v", id, l.Open(), l.LastSeen)
		}
	}
	if l, _ := store.get("sm:4"); l.Open() {
		t.Error("day 2: the gone listing is open")
	}

	// Day 3: partial (a page failed): the page memory of what was read is
	// saved all the same; the HTTP validators are not.
	clk.set(day(3))
	store.vals = map[string]jobstats.Validator{}
	c = pageMemoryCrawl{read: []string{"7"}, unchanged: []string{"1", "2", "3", "5"}, failed: []string{"6"}}
	run, _ = r.Run(t.Context(), src)
	if run.Status != jobstats.RunPartial || run.Unchanged != 4 {
		t.Errorf("day 3: %+v", run)
	}
	if _, ok := store.vals["jsonld-page https://sm.test/7"]; !ok || len(store.vals) != 1 {
		t.Errorf("day 3: stored validators %v, want the page memory of 7", store.vals)
	}

	// Day 4: the source says 4 is unchanged, but 4 is closed here: its
	// memory is stale, and every page memory is dropped so that the next
	// run reads every page again.
	clk.set(day(4))
	c = pageMemoryCrawl{unchanged: []string{"1", "2", "3", "4", "5", "7"}}
	run, _ = r.Run(t.Context(), src)
	if run.Unchanged != 6 {
		t.Errorf("day 4: %+v", run)
	}
	if len(store.vals) != 0 {
		t.Errorf("day 4: page memory kept: %v", store.vals)
	}
	if l, _ := store.get("sm:4"); l.Open() {
		t.Error("day 4: marking seen reopened a closed listing")
	}
}

// notModifiedCrawl is the jsonld kind crawling pages whose postings are
// known by their URL: a page with a stored ETag is asked conditionally and
// answers 304 Not Modified (its URL goes to Stats.Unchanged); any other is
// read, handed over, and its ETag remembered.
type notModifiedCrawl struct {
	linked []string
	vals   scraper.Validators
	read   []string // what the last crawl read whole
}

func (c *notModifiedCrawl) Crawl(ctx context.Context, sink scraper.Sink) (scraper.Stats, error) {
	st := scraper.Stats{PagesFetched: len(c.linked)}
	var ls []jobstats.Listing
	c.read = nil
	for _, u := range c.linked {
		if etag, _ := c.vals.Validator(u); etag != "" {
			st.Unchanged = append(st.Unchanged, u)
			continue
		}
		c.read = append(c.read, u)
		ls = append(ls, jobstats.Listing{Source: "nm", SourceID: u, ID: jobstats.ListingID("nm", u), Title: "Job", URL: u})
		c.vals.SetValidator(u, `"v1"`, "")
	}
	if len(ls) > 0 {
		if err := sink(ctx, ls); err != nil {
			return st, err
		}
	}
	st.Listings = len(ls)
	return st, nil
}

// TestNotModifiedPages: pages that answer 304 make an ok run (nothing
// failed) that keeps their listings seen; and when such a listing is not
// open in the store (closed since), the validators are dropped so that the
// next run reads the page whole and stores, so reopens, its listing.
func TestNotModifiedPages(t *testing.T) {
	store := newMemStore()
	clk := &clock{}
	r := newRunner(t, store, clk.now)
	c := &notModifiedCrawl{}
	src := crawl.Source{Name: "nm", Kind: "jsonld", CloseAfter: 1, New: func(v scraper.Validators) (scraper.Source, error) {
		c.vals = v
		return c, nil
	}}
	a, b := "https://nm.test/job/a", "https://nm.test/job/b"
	idB := jobstats.ListingID("nm", b)

	clk.set(day(1))
	c.linked = []string{a, b}
	if run, _ := r.Run(t.Context(), src); run.Status != jobstats.RunOK || len(store.vals) != 2 {
		t.Fatalf("day 1: %+v, validators %v", run, store.vals)
	}

	// Day 2: both pages answer 304.
	clk.set(day(2))
	run, _ := r.Run(t.Context(), src)
	if run.Status != jobstats.RunOK || !run.Complete || run.Unchanged != 2 || run.KeptOpen != 0 || run.Closed != 0 {
		t.Errorf("day 2: %+v; want ok, complete, 2 unchanged", run)
	}
	for _, u := range []string{a, b} {
		if l, _ := store.get(jobstats.ListingID("nm", u)); !l.Open() || !l.LastSeen.Equal(day(2)) {
			t.Errorf("day 2: %s open %v, last seen %v", u, l.Open(), l.LastSeen)
		}
	}

	// Day 3: b is no longer linked, and closes.
	clk.set(day(3))
	c.linked = []string{a}
	if run, _ := r.Run(t.Context(), src); run.Closed != 1 {
		t.Fatalf("day 3: %+v; want b closed", run)
	}

	// Day 4: b is linked again and answers 304: marking it seen cannot
	// reopen it, so its validator goes.
	clk.set(day(4))
	c.linked = []string{a, b}
	r.Run(t.Context(), src)
	if _, ok := store.vals[b]; ok {
		t.Errorf("day 4: the validator of %s, whose listing is closed, was kept", b)
	}

	// Day 5: b is read whole, and its listing reopens.
	clk.set(day(5))
	r.Run(t.Context(), src)
	if !slices.Contains(c.read, b) {
		t.Errorf("day 5: read %q, want %s read whole", c.read, b)
	}
	if l, _ := store.get(idB); !l.Open() {
		t.Errorf("day 5: %s still closed", b)
	}
}
