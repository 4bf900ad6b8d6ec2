package crawl_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/crawl"
	"github.com/jobstats/jobstats/scraper"
)

// without returns ids without drop.
func without(ids []string, drop ...string) []string {
	return slices.DeleteFunc(slices.Clone(ids), func(id string) bool { return slices.Contains(drop, id) })
}

// TestChangingBoard runs one source day after day against a board that
// changes between runs, and checks after every run what is open, what was
// closed and when, and how the run was judged.
func TestChangingBoard(t *testing.T) {
	b := newBoard(jobIDs(1, 10)...)
	b.perPage = 4
	store := newMemStore()
	clk := &clock{}
	r := newRunner(t, store, clk.now)
	src := b.source("s", 0) // close_after: the default, 2

	base := jobIDs(1, 11)
	tests := []struct {
		name       string
		change     func()
		status     jobstats.RunStatus
		complete   bool
		incomplete string // a part of Run.Incomplete
		closed     int
		open       []string       // the SourceIDs open after the run
		closedAt   map[string]int // SourceID: the day whose run it was closed at
		lastSeen   map[string]int // SourceID: the day it was last seen
		keptOpen   int
	}{
		{name: "first crawl", change: func() {}, status: jobstats.RunOK, complete: true,
			open: jobIDs(1, 10)},
		{name: "010 removed, 011 added: missed once stays open", change: func() { b.set(without(base, "010")...) },
			status: jobstats.RunOK, complete: true, open: base},
		{name: "010 missed twice: closed at the first miss", change: func() {},
			status: jobstats.RunOK, complete: true, closed: 1, open: without(base, "010"), closedAt: map[string]int{"010": 2}},
		{name: "flapping: 005 gone for one run", change: func() { b.set(without(base, "010", "005")...) },
			status: jobstats.RunOK, complete: true, open: without(base, "010")},
		{name: "flapping: 005 back, never closed", change: func() { b.set(without(base, "010")...) },
			status: jobstats.RunOK, complete: true, open: without(base, "010")},
		{name: "capped by max_pages while 001 and 002 are removed", change: func() {
			b.maxPages = 5
			b.set(without(base, "010", "001", "002")...)
		}, status: jobstats.RunPartial, incomplete: "max_pages 5 reached", open: without(base, "010")},
		{name: "capped again: capped runs close nothing", change: func() {},
			status: jobstats.RunPartial, incomplete: "max_pages 5 reached", open: without(base, "010")},
		{name: "uncapped: one complete miss of 001 and 002", change: func() { b.maxPages = 0 },
			status: jobstats.RunOK, complete: true, open: without(base, "010")},
		{name: "an index page fails: incomplete", change: func() { b.failIndex = 1; b.version++ },
			status: jobstats.RunPartial, incomplete: "index page 1 failed", open: without(base, "010")},
		{name: "a detail page fails while 004 is removed: 003 kept open, 001 and 002 closed", change: func() {
			b.failIndex = 0
			b.failDetail = map[string]bool{"003": true}
			b.set(without(base, "010", "001", "002", "004")...)
		}, status: jobstats.RunPartial, complete: true, closed: 2, keptOpen: 1,
			open: without(base, "010", "001", "002"), closedAt: map[string]int{"001": 8, "002": 8}},
		{name: "the detail page fails again: 003 still open, 004 closed", change: func() {},
			status: jobstats.RunPartial, complete: true, closed: 1, keptOpen: 1,
			open: without(base, "010", "001", "002", "004"), closedAt: map[string]int{"004": 10},
			lastSeen: map[string]int{"003": 11, "005": 11}},
		{name: "a failed page that is no stored listing may be an index page: incomplete", change: func() {
			b.failDetail = map[string]bool{"999": true}
			b.set(append(without(base, "010", "001", "002", "004", "006"), "999")...)
		}, status: jobstats.RunPartial, incomplete: "may have been index pages", keptOpen: 0,
			open: without(base, "010", "001", "002", "004")},
		{name: "a clean run that misses 006 and 007 saves the board's validators", change: func() {
			b.failDetail = nil
			b.set(without(base, "010", "001", "002", "004", "006", "007")...)
		}, status: jobstats.RunOK, complete: true, open: without(base, "010", "001", "002", "004")},
		{name: "304 Not Modified: sees what the last complete run saw, so 006 and 007 close", change: func() {},
			status: jobstats.RunOK, complete: true, closed: 2,
			open: without(base, "010", "001", "002", "004", "006", "007"), closedAt: map[string]int{"006": 13, "007": 13}},
		{name: "010 listed again: reopens", change: func() { b.set(without(base, "001", "002", "004", "006", "007")...) },
			status: jobstats.RunOK, complete: true, open: without(base, "001", "002", "004", "006", "007")},
	}
	for i, tt := range tests {
		n := i + 1
		if !t.Run(tt.name, func(t *testing.T) {
			tt.change()
			clk.set(day(n))
			run, err := r.Run(t.Context(), src)
			if err != nil {
				t.Fatal(err)
			}
			if run.Status != tt.status || run.Complete != tt.complete || run.Closed != tt.closed || run.KeptOpen != tt.keptOpen {
				t.Errorf("run: status %s complete %v closed %d kept open %d; want %s %v %d %d (errors %q)",
					run.Status, run.Complete, run.Closed, run.KeptOpen, tt.status, tt.complete, tt.closed, tt.keptOpen, run.Errors)
			}
			if !strings.Contains(run.Incomplete, tt.incomplete) || (tt.incomplete == "") != run.Complete {
				t.Errorf("run.Incomplete = %q, want it to say %q", run.Incomplete, tt.incomplete)
			}
			var want []string
			for _, id := range tt.open {
				want = append(want, jobstats.ListingID("s", id))
			}
			slices.Sort(want)
			if got := store.open("s"); !slices.Equal(got, want) {
				t.Errorf("open after the run:\n got %v\nwant %v", got, want)
			}
			for id, d := range tt.closedAt {
				l, _ := store.get(jobstats.ListingID("s", id))
				if !l.ClosedAt.Equal(day(d)) {
					t.Errorf("%s closed at %v, want %v (the end of the first complete run that missed it)", id, l.ClosedAt, day(d))
				}
			}
			for id, d := range tt.lastSeen {
				l, _ := store.get(jobstats.ListingID("s", id))
				if !l.LastSeen.Equal(day(d)) {
					t.Errorf("%s last seen %v, want %v", id, l.LastSeen, day(d))
				}
			}
			stored, _ := store.Runs(t.Context(), "s", 1)
			if len(stored) != 1 || stored[0].ID != run.ID || stored[0].Status != run.Status || stored[0].Complete != run.Complete {
				t.Errorf("stored run %+v differs from the returned one %+v", stored, run)
			}
		}) {
			t.FailNow()
		}
	}

	// 010 reopened on day 15 after its closure on day 2: the gap is kept.
	l, _ := store.get("s:010")
	if !l.Open() || len(l.Gaps) != 1 || !l.Gaps[0].Closed.Equal(day(2)) || !l.Gaps[0].Reopened.Equal(day(15)) {
		t.Errorf("010 after reopening: open %v gaps %+v", l.Open(), l.Gaps)
	}
	if l.OpenAt(day(10)) || !l.OpenAt(day(1)) {
		t.Error("010 is not reported open exactly while it was listed")
	}
	if b.crawls != len(tests) {
		t.Errorf("%d crawls, want %d", b.crawls, len(tests))
	}
}

// TestCappedBoardClosesNothing is the measured bug: on an unchanged
// 1,000-job board with max_pages 200, re-crawls closed 47, 62 and 60
// listings. A capped crawl sees a different part of the board every time,
// and must close none of it, even with close_after 1.
func TestCappedBoardClosesNothing(t *testing.T) {
	for _, silent := range []bool{false, true} {
		name := "the scraper says it was capped"
		if silent {
			name = "the scraper says nothing: the run counts its pages"
		}
		t.Run(name, func(t *testing.T) {
			b := newBoard(jobIDs(1, 1000)...)
			b.maxPages, b.silentCap = 200, silent
			store := newMemStore()
			clk := &clock{}
			r := newRunner(t, store, clk.now)
			seen := 0
			for n := 1; n <= 4; n++ {
				clk.set(day(n))
				run, err := r.Run(t.Context(), b.source("big", 1))
				if err != nil {
					t.Fatal(err)
				}
				if run.Closed != 0 || run.Complete || !strings.Contains(run.Incomplete, "max_pages 200 reached") {
					t.Errorf("crawl %d: closed %d, complete %v (%q); want nothing closed by an incomplete run", n, run.Closed, run.Complete, run.Incomplete)
				}
				open := len(store.open("big"))
				if open < seen || open == 0 {
					t.Errorf("crawl %d: %d open, %d before", n, open, seen)
				}
				seen = open
			}
			if seen <= 200 {
				t.Errorf("%d listings seen in 4 capped crawls; the crawls should reach different parts of the board", seen)
			}
		})
	}
}

// TestBrokenDetailPageStillCloses is the other measured bug: one broken
// detail page made every run partial, and a partial run closed nothing, so
// a changed demo board went from 477 to 753 openings with 0 closed. A page
// that holds no readable posting, or a stored listing whose page cannot be
// fetched, leaves the run complete.
func TestBrokenDetailPageStillCloses(t *testing.T) {
	for _, tt := range []struct {
		name          string
		before        func(b *board) // before the first crawl
		after         func(b *board) // before the next ones
		storedAtFirst int
	}{
		{"a page without a readable posting, broken from the start (the demo's)",
			func(b *board) { b.malformed = map[string]bool{"050": true} }, func(*board) {}, 99},
		{"a stored listing whose page fails to load",
			func(*board) {}, func(b *board) { b.failDetail = map[string]bool{"050": true} }, 100},
	} {
		t.Run(tt.name, func(t *testing.T) {
			b := newBoard(jobIDs(1, 100)...)
			tt.before(b)
			store := newMemStore()
			clk := &clock{}
			r := newRunner(t, store, clk.now)
			clk.set(day(1))
			if run, _ := r.Run(t.Context(), b.source("demo", 0)); !run.Complete || len(store.open("demo")) != tt.storedAtFirst {
				t.Fatalf("first crawl: %+v, %d open", run, len(store.open("demo")))
			}
			tt.after(b)
			b.set(append(jobIDs(11, 100), jobIDs(101, 140)...)...) // 10 gone, 40 new
			total := 0
			for n := 2; n <= 3; n++ {
				clk.set(day(n))
				run, _ := r.Run(t.Context(), b.source("demo", 0))
				if run.Status != jobstats.RunPartial || !run.Complete {
					t.Errorf("day %d: status %s complete %v (%q), want partial and complete", n, run.Status, run.Complete, run.Incomplete)
				}
				total += run.Closed
			}
			if total != 10 {
				t.Errorf("closed %d, want the 10 removed listings", total)
			}
			if l, ok := store.get("demo:050"); ok && !l.Open() {
				t.Errorf("050, still on the board, was closed")
			}
			if got, want := len(store.open("demo")), tt.storedAtFirst+30; got != want {
				t.Errorf("%d open, want %d", got, want)
			}
		})
	}
}

// TestCloseAfterOne closes a missing listing after one complete run.
func TestCloseAfterOne(t *testing.T) {
	b := newBoard(jobIDs(1, 5)...)
	store := newMemStore()
	clk := &clock{}
	r := newRunner(t, store, clk.now)
	clk.set(day(1))
	r.Run(t.Context(), b.source("s", 1))
	b.set(jobIDs(1, 4)...)
	clk.set(day(2))
	run, _ := r.Run(t.Context(), b.source("s", 1))
	if run.Closed != 1 {
		t.Errorf("closed %d, want 1", run.Closed)
	}
	if l, _ := store.get("s:005"); !l.ClosedAt.Equal(day(2)) {
		t.Errorf("closed at %v", l.ClosedAt)
	}
	_ = time.Second
}

// scanStore is a memStore that can also list a source's listings
// (crawl.ListingScanner), as the real stores can.
type scanStore struct{ *memStore }

func (s scanStore) ForEach(_ context.Context, sc jobstats.Scan, fn func(*jobstats.Listing) error) error {
	s.mu.Lock()
	var ls []jobstats.Listing
	for _, l := range s.listings {
		if sc.Source == "" || l.Source == sc.Source {
			ls = append(ls, l)
		}
	}
	s.mu.Unlock()
	for i := range ls {
		if err := fn(&ls[i]); err != nil {
			return err
		}
	}
	return nil
}

// TestFailedPageFoundByURL: the page kinds report a page that failed by
// its address, which is its listing's SourceID only when the posting has
// no identifier of its own. With a store that can list a source's
// listings, the listing read from that address is kept open and the run
// still closes the others; an address that is no stored listing's (an
// index page, perhaps) makes the run incomplete.
func TestFailedPageFoundByURL(t *testing.T) {
	listing := func(id string) jobstats.Listing {
		return jobstats.Listing{ID: "ld:REQ-" + id, Source: "ld", SourceID: "REQ-" + id, URL: "https://jobs.example/" + id, Title: "Engineer " + id}
	}
	for _, tt := range []struct {
		name         string
		failed       []string
		complete     bool
		closed       int
		open         []string
		incompleteIs string
	}{
		{"the failed page is a stored listing's address", []string{"https://jobs.example/2"}, true, 1,
			[]string{"ld:REQ-1", "ld:REQ-2"}, ""},
		{"the failed page is no stored listing's", []string{"https://jobs.example/index?page=2"}, false, 0,
			[]string{"ld:REQ-1", "ld:REQ-2", "ld:REQ-3"}, "1 of 1 pages that failed are not stored listings"},
		{"a SourceID still names its listing", []string{"REQ-2"}, true, 1,
			[]string{"ld:REQ-1", "ld:REQ-2"}, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			store := scanStore{newMemStore()}
			clk := &clock{}
			r := newRunner(t, store, clk.now)
			day2 := false
			src := crawl.Source{Name: "ld", Kind: "jsonld", CloseAfter: 1, New: func(scraper.Validators) (scraper.Source, error) {
				return sourceFunc(func(ctx context.Context, sink scraper.Sink) (scraper.Stats, error) {
					ls := []jobstats.Listing{listing("1"), listing("2"), listing("3")}
					st := scraper.Stats{PagesFetched: 4}
					if day2 { // 3 is gone, 2's page fails
						ls = ls[:1]
						st = scraper.Stats{PagesFetched: 2, PagesFailed: 1, KeepOpen: tt.failed}
					}
					st.Listings = len(ls)
					return st, sink(ctx, ls)
				}), nil
			}}
			clk.set(day(1))
			if run, _ := r.Run(t.Context(), src); !run.Complete {
				t.Fatalf("day 1: %+v", run)
			}
			clk.set(day(2))
			day2 = true
			run, _ := r.Run(t.Context(), src)
			if run.Complete != tt.complete || run.Closed != tt.closed || !strings.Contains(run.Incomplete, tt.incompleteIs) {
				t.Errorf("day 2: complete %v, closed %d, incomplete %q; want %v, %d, %q",
					run.Complete, run.Closed, run.Incomplete, tt.complete, tt.closed, tt.incompleteIs)
			}
			if got := store.open("ld"); !slices.Equal(got, tt.open) {
				t.Errorf("open %v, want %v", got, tt.open)
			}
			if l, _ := store.get("ld:REQ-2"); tt.complete && !l.LastSeen.Equal(day(2)) {
				t.Errorf("ld:REQ-2, whose page failed, last seen %v, want day 2", l.LastSeen)
			}
		})
	}
}
