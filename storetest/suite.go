package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/crawl"
	"github.com/jobstats/jobstats/scraper"
	"github.com/jobstats/jobstats/stats"
)

// Run runs the whole contract against the stores open makes, each case on
// a store of its own.
func Run(t *testing.T, open Factory) {
	cases := []struct {
		name string
		fn   func(*testing.T, Factory)
	}{
		{"RoundTrip", testRoundTrip},
		{"PutCounts", testPutCounts},
		{"Sweep", testSweep},
		{"SweepStaysInItsSource", testSweepStaysInItsSource},
		{"Scan", testScan},
		{"Runs", testRuns},
		{"Snapshots", testSnapshots},
		{"Validators", testValidators},
		{"Prune", testPrune},
		{"Import", testImport},
		{"ConcurrentPuts", testConcurrentPuts},
		{"Recover", testRecover},
		{"Runner", testRunner},
		{"Reports", testReports},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { c.fn(t, open) })
	}
}

// clock is a settable clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }

// base is the suite's epoch, with nanoseconds, which every store keeps.
var base = time.Date(2026, 11, 2, 10, 0, 0, 987654321, time.UTC)

func at(h int) time.Time { return base.Add(time.Duration(h) * time.Hour) }

// FullListing returns a listing with every field that a source or the
// understanding step fills set to a value that is hard to keep: non-ASCII
// and quoting characters, uint64 hashes above the int64 range,
// nanoseconds. Lifecycle fields are zero. A field added to
// jobstats.Listing makes TestFullListingSetsEveryField fail until it is
// set here, so that every store is tested with it.
func FullListing() jobstats.Listing {
	return jobstats.Listing{
		ID: "acme:1", Source: "acme", SourceID: "1", Sources: []string{"acme", "other-board"},
		URL: "https://acme.example/jobs/1?ref=a&b=ü", Title: "Senior Backend Engineer (Go) – Zahlungen",
		Company: "Acme GmbH", Location: "Berlin, Germany", Workplace: jobstats.WorkplaceHybrid,
		EmploymentType: jobstats.EmploymentFullTime, Country: "DE", Region: "BE", City: "Berlin",
		RemoteScope: jobstats.RemoteEU, PostedAt: time.Date(2026, 10, 3, 8, 30, 0, 123456789, time.UTC),
		Description: "Build payments.\nÜnïcödé, 'single', \"double\", \\backslash, tab\tand NUL-free; 日本語 🚀",
		SalaryText:  "€70.000–€90.000 brutto/Jahr",
		Salary: &jobstats.Salary{Min: 7_000_000, Max: 9_000_000, Currency: "EUR", Period: jobstats.PeriodYear,
			PeriodInferred: true, From: jobstats.SalaryFromText},
		DegreeText: "Bachelor's degree or equivalent", Degree: jobstats.DegreeEquivalent, Role: "Backend Engineer",
		Seniority: jobstats.SenioritySenior, ExperienceYears: 5, Skills: []string{"Go", "PostgreSQL", "C++"},
		Certifications: []string{"CKA"}, Fingerprint: 0xfedcba9876543210, Simhash: 0x8000000000000001,
	}
}

// lifecycleField names the Listing fields that stores set, not sources.
var lifecycleField = map[string]bool{"FirstSeen": true, "LastSeen": true, "ClosedAt": true, "Gaps": true}

// UnsetFields returns the fields of l (and of its Salary) that are zero,
// lifecycle fields left out.
func UnsetFields(l jobstats.Listing) []string {
	var out []string
	v := reflect.ValueOf(l)
	for i := range v.NumField() {
		f := v.Type().Field(i)
		if !lifecycleField[f.Name] && v.Field(i).IsZero() {
			out = append(out, f.Name)
		}
	}
	if l.Salary != nil {
		s := reflect.ValueOf(*l.Salary)
		for i := range s.NumField() {
			if s.Field(i).IsZero() {
				out = append(out, "Salary."+s.Type().Field(i).Name)
			}
		}
	}
	return out
}

// show renders a listing for failure messages.
func show(l any) string {
	b, _ := json.MarshalIndent(l, "", "  ")
	return string(b)
}

// sameListing reports whether a and b are the same listing: ID, content
// (jobstats.SameContent) and lifecycle.
func sameListing(a, b *jobstats.Listing) bool {
	return a.ID == b.ID && jobstats.SameContent(a, b) && a.Lifecycle().Equal(b.Lifecycle())
}

func get(t *testing.T, s Store, id string) jobstats.Listing {
	t.Helper()
	l, err := s.Get(t.Context(), id)
	if err != nil {
		t.Fatalf("get %s: %v", id, err)
	}
	return l
}

func put(t *testing.T, s Store, seen time.Time, ls ...jobstats.Listing) jobstats.PutResult {
	t.Helper()
	res, err := s.PutListings(t.Context(), ls, seen)
	if err != nil {
		t.Fatalf("put listings: %v", err)
	}
	return res
}

func all(t *testing.T, s Store, scan jobstats.Scan) []jobstats.Listing {
	t.Helper()
	var out []jobstats.Listing
	if err := s.ForEach(t.Context(), scan, func(l *jobstats.Listing) error {
		out = append(out, *l)
		return nil
	}); err != nil {
		t.Fatalf("for each %+v: %v", scan, err)
	}
	return out
}

func ids(ls []jobstats.Listing) []string {
	out := make([]string, len(ls))
	for i := range ls {
		out[i] = ls[i].ID
	}
	return out
}

func job(source, id, title string) jobstats.Listing {
	return jobstats.Listing{Source: source, SourceID: id, Title: title, Company: "Acme", Role: title,
		Description: "About " + title}
}

func testRoundTrip(t *testing.T, open Factory) {
	c := &clock{t: at(0)}
	s := open(t, c.now)
	full := FullListing()
	if res := put(t, s, at(1), full); res != (jobstats.PutResult{New: 1}) {
		t.Errorf("put: %+v, want 1 new", res)
	}
	want := full
	want.FirstSeen, want.LastSeen = at(1), at(1)
	if got := get(t, s, "acme:1"); !sameListing(&got, &want) {
		t.Errorf("get: got\n%s\nwant\n%s", show(got), show(want))
	}
	ls := all(t, s, jobstats.Scan{Description: true})
	if len(ls) != 1 || !sameListing(&ls[0], &want) {
		t.Errorf("scan with descriptions: got\n%s\nwant\n%s", show(ls), show(want))
	}
	ls = all(t, s, jobstats.Scan{})
	want.Description = ""
	if len(ls) != 1 || !sameListing(&ls[0], &want) {
		t.Errorf("scan without descriptions: got\n%s\nwant\n%s", show(ls), show(want))
	}

	// A bare listing: no salary, no lists, Sources gets its own source.
	put(t, s, time.Time{}, jobstats.Listing{Source: "acme", SourceID: "2", Title: "Bare"})
	bare := get(t, s, "acme:2")
	if bare.Salary != nil || len(bare.Skills) != 0 || len(bare.Certifications) != 0 || !bare.PostedAt.IsZero() {
		t.Errorf("bare listing gained fields: %s", show(bare))
	}
	if !slices.Equal(bare.Sources, []string{"acme"}) {
		t.Errorf("bare listing sources = %q, want [acme]", bare.Sources)
	}
	if !bare.FirstSeen.Equal(at(0)) {
		t.Errorf("zero seen: first seen %v, want the store's clock %v", bare.FirstSeen, at(0))
	}
	// A salary whose fields are zero is a salary, not none.
	zero := jobstats.Listing{Source: "acme", SourceID: "3", Salary: &jobstats.Salary{}}
	put(t, s, at(1), zero)
	if got := get(t, s, "acme:3"); got.Salary == nil || *got.Salary != (jobstats.Salary{}) {
		t.Errorf("zero salary came back as %+v", got.Salary)
	}
	if _, err := s.Get(t.Context(), "acme:404"); err == nil {
		t.Error("get of a missing listing: no error")
	}
}

func testPutCounts(t *testing.T, open Factory) {
	s := open(t, (&clock{t: at(0)}).now)
	a1, a2 := job("a", "1", "Backend Engineer"), job("a", "2", "Data Engineer")
	if res := put(t, s, at(10), a1, a2); res != (jobstats.PutResult{New: 2}) {
		t.Errorf("first put: %+v", res)
	}
	a2b := a2
	a2b.Title = "Data Engineer II"
	if res := put(t, s, at(20), a1, a2b); res != (jobstats.PutResult{Updated: 1, Unchanged: 1}) {
		t.Errorf("second put: %+v, want 1 updated, 1 unchanged", res)
	}
	// A late batch of an older run: earliest first seen, latest last seen.
	if res := put(t, s, at(5), a1); res != (jobstats.PutResult{Unchanged: 1}) {
		t.Errorf("late put: %+v", res)
	}
	got := get(t, s, "a:1")
	if !got.FirstSeen.Equal(at(5)) || !got.LastSeen.Equal(at(20)) || !got.ClosedAt.IsZero() {
		t.Errorf("lifecycle after a late batch: %+v", got.Lifecycle())
	}
	if got := get(t, s, "a:2"); got.Title != "Data Engineer II" {
		t.Errorf("updated title = %q", got.Title)
	}
	// A changed description alone is an update; so is a new source.
	a1d := a1
	a1d.Description = "Changed"
	if res := put(t, s, at(21), a1d); res.Updated != 1 {
		t.Errorf("description change: %+v, want updated", res)
	}
	a1s := a1d
	a1s.Sources = []string{"b"}
	if res := put(t, s, at(22), a1s); res.Updated != 1 {
		t.Errorf("new source: %+v, want updated", res)
	}
	if got := get(t, s, "a:1"); !slices.Equal(got.Sources, []string{"a", "b"}) {
		t.Errorf("sources = %q, want [a b]", got.Sources)
	}
	// One id twice in a batch: the last wins, the sources of both merge.
	d1, d2 := job("a", "3", "First"), job("a", "3", "Last")
	d1.Sources, d2.Sources = []string{"x"}, []string{"y"}
	if res := put(t, s, at(23), d1, d2); res != (jobstats.PutResult{New: 1}) {
		t.Errorf("duplicate ids: %+v, want 1 new", res)
	}
	if got := get(t, s, "a:3"); got.Title != "Last" || !slices.Equal(got.Sources, []string{"a", "x", "y"}) {
		t.Errorf("duplicate ids stored %q with sources %q, want Last with [a x y]", got.Title, got.Sources)
	}
	// A listing without id or source: nothing of the batch is written.
	if _, err := s.PutListings(t.Context(), []jobstats.Listing{job("a", "4", "Fine"), {Title: "no id"}}, at(24)); err == nil {
		t.Error("put of a listing without id: no error")
	}
	if _, err := s.Get(t.Context(), "a:4"); err == nil {
		t.Error("a failed batch stored a listing")
	}
	// An explicit id is kept as it is.
	x := job("a", "5", "Explicit")
	x.ID = "a:five"
	put(t, s, at(25), x)
	if got := get(t, s, "a:five"); got.SourceID != "5" {
		t.Errorf("explicit id: %s", show(got))
	}
}

// closeRun returns the Sweep that a complete run ends with, as the crawl
// runner builds it.
func closeRun(s Store, t *testing.T, run jobstats.Run, after int) jobstats.SweepResult {
	t.Helper()
	runs, err := s.Runs(t.Context(), run.Source, 0)
	if err != nil {
		t.Fatal(err)
	}
	closing := jobstats.NewClosing(run, runs, after)
	res, err := s.Sweep(t.Context(), &jobstats.Sweep{Source: run.Source, Seen: run.Start, Close: &closing})
	if err != nil {
		t.Fatalf("sweep: %v", err)
	}
	run.Status, run.Complete = jobstats.RunOK, true
	if err := s.PutRun(t.Context(), &run); err != nil {
		t.Fatal(err)
	}
	return res
}

func testSweep(t *testing.T, open Factory) {
	s := open(t, (&clock{t: at(0)}).now)
	run := func(h int) jobstats.Run {
		return jobstats.Run{Source: "a", Start: at(h), End: at(h).Add(30 * time.Minute)}
	}
	a1, a2 := job("a", "1", "One"), job("a", "2", "Two")
	put(t, s, at(1), a1, a2)
	if res := closeRun(s, t, run(1), 2); res.Closed != 0 {
		t.Errorf("run 1 closed %d", res.Closed)
	}
	put(t, s, at(2), a1)
	if res := closeRun(s, t, run(2), 2); res.Closed != 0 {
		t.Errorf("run 2 closed %d with close_after 2", res.Closed)
	}
	put(t, s, at(3), a1)
	if res := closeRun(s, t, run(3), 2); res.Closed != 1 {
		t.Errorf("run 3 closed %d, want 1", res.Closed)
	}
	// Closed at the end of the first run that missed it.
	if got := get(t, s, "a:2"); !got.ClosedAt.Equal(run(2).End) {
		t.Errorf("closed at %v, want %v", got.ClosedAt, run(2).End)
	}
	// Seen again: reopens, and the closure stays in Gaps.
	if res := put(t, s, at(4), a2); res.Reopened != 1 || res.Unchanged != 1 {
		t.Errorf("reopen: %+v", res)
	}
	got := get(t, s, "a:2")
	wantGaps := []jobstats.Gap{{Closed: run(2).End, Reopened: at(4)}}
	if !got.ClosedAt.IsZero() || len(got.Gaps) != 1 || !got.Gaps[0].Closed.Equal(wantGaps[0].Closed) || !got.Gaps[0].Reopened.Equal(wantGaps[0].Reopened) {
		t.Errorf("after reopening: %+v, want gaps %v", got.Lifecycle(), wantGaps)
	}
	for _, c := range []struct {
		at   time.Time
		open bool
	}{{at(1), true}, {at(2).Add(31 * time.Minute), false}, {at(4), true}} {
		if got.OpenAt(c.at) != c.open {
			t.Errorf("OpenAt(%v) = %v, want %v", c.at, !c.open, c.open)
		}
	}
	// KeepOpen marks seen, and counts only stored ids of the source.
	res, err := s.Sweep(t.Context(), &jobstats.Sweep{Source: "a", Seen: at(5), KeepOpen: map[string]bool{"a:1": true, "a:404": true}})
	if err != nil {
		t.Fatal(err)
	}
	if res != (jobstats.SweepResult{Seen: 1, Kept: 1}) {
		t.Errorf("keep open: %+v, want seen 1, kept 1", res)
	}
	if got := get(t, s, "a:1"); !got.LastSeen.Equal(at(5)) {
		t.Errorf("kept open: last seen %v, want %v", got.LastSeen, at(5))
	}
	// Unchanged (304): open listings last seen since the last complete run.
	res, err = s.Sweep(t.Context(), &jobstats.Sweep{Source: "a", Seen: at(6), Unchanged: true, UnchangedSince: at(4)})
	if err != nil {
		t.Fatal(err)
	}
	if res.Seen != 2 {
		t.Errorf("unchanged: %+v, want 2 seen", res)
	}
	for _, id := range []string{"a:1", "a:2"} {
		if got := get(t, s, id); !got.LastSeen.Equal(at(6)) {
			t.Errorf("%s: last seen %v after a 304, want %v", id, got.LastSeen, at(6))
		}
	}
	// Listed (unchanged sitemap pages): open ones marked seen, counted in
	// ListedOpen; an id that is not stored is not.
	res, err = s.Sweep(t.Context(), &jobstats.Sweep{Source: "a", Seen: at(7), Listed: map[string]bool{"a:2": true, "a:404": true}})
	if err != nil {
		t.Fatal(err)
	}
	if res != (jobstats.SweepResult{Seen: 1, ListedOpen: 1}) {
		t.Errorf("listed: %+v, want seen 1, listed open 1", res)
	}
	if got := get(t, s, "a:2"); !got.LastSeen.Equal(at(7)) || !got.Open() {
		t.Errorf("listed: a:2 last seen %v, open %v; want %v, open", got.LastSeen, got.Open(), at(7))
	}
	if got := get(t, s, "a:1"); !got.LastSeen.Equal(at(6)) {
		t.Errorf("not listed: a:1 last seen %v, want %v", got.LastSeen, at(6))
	}
	if _, err := s.Sweep(t.Context(), &jobstats.Sweep{}); err == nil {
		t.Error("sweep without a source: no error")
	}
}

func testSweepStaysInItsSource(t *testing.T, open Factory) {
	s := open(t, (&clock{t: at(0)}).now)
	// Ids that share the bytes "a" without being the source a's.
	ls := []jobstats.Listing{job("a", "1", "Mine"), job("ab", "1", "Longer name"), job("A", "1", "Upper"), job("a-b", "1", "Dash")}
	odd := job("a", "x", "No colon")
	odd.ID = "a"
	ls = append(ls, odd)
	put(t, s, at(1), ls...)
	closing := jobstats.Closing{Runs: []jobstats.RunSpan{{Start: at(2), End: at(3)}}, After: 1}
	res, err := s.Sweep(t.Context(), &jobstats.Sweep{Source: "a", Seen: at(2), Close: &closing})
	if err != nil {
		t.Fatal(err)
	}
	if res.Closed != 1 {
		t.Errorf("closed %d, want only a:1", res.Closed)
	}
	for _, l := range all(t, s, jobstats.Scan{}) {
		if open := l.ClosedAt.IsZero(); open != (l.ID != "a:1") {
			t.Errorf("%s: open = %v", l.ID, open)
		}
	}
}

func testScan(t *testing.T, open Factory) {
	s := open(t, (&clock{t: at(0)}).now)
	keys := []string{"b:1", "a:2", "a:10", "ab:1", "a:Z", "a:z", "a:é", "A:1", "a:a b"}
	var ls []jobstats.Listing
	for _, k := range keys {
		src, id, _ := cut(k)
		ls = append(ls, job(src, id, "T "+k))
	}
	put(t, s, at(1), ls...)
	closing := jobstats.Closing{Runs: []jobstats.RunSpan{{Start: at(2), End: at(3)}}, After: 1}
	put(t, s, at(2), job("b", "1", "T b:1"))
	if _, err := s.Sweep(t.Context(), &jobstats.Sweep{Source: "ab", Seen: at(2), Close: &closing}); err != nil {
		t.Fatal(err)
	}
	sorted := slices.Clone(keys)
	sort.Strings(sorted) // byte order, as both stores keep
	if got := ids(all(t, s, jobstats.Scan{})); !slices.Equal(got, sorted) {
		t.Errorf("scan order %q, want %q", got, sorted)
	}
	var wantA []string
	for _, k := range sorted {
		if len(k) > 2 && k[:2] == "a:" {
			wantA = append(wantA, k)
		}
	}
	if got := ids(all(t, s, jobstats.Scan{Source: "a"})); !slices.Equal(got, wantA) {
		t.Errorf("scan of source a: %q, want %q", got, wantA)
	}
	if got := ids(all(t, s, jobstats.Scan{OpenOnly: true})); slices.Contains(got, "ab:1") || len(got) != len(keys)-1 {
		t.Errorf("open only: %q, want all but ab:1", got)
	}
	if got := ids(all(t, s, jobstats.Scan{Source: "ab", OpenOnly: true})); len(got) != 0 {
		t.Errorf("open only of ab: %q, want none", got)
	}
	stop := errors.New("stop here")
	n := 0
	err := s.ForEach(t.Context(), jobstats.Scan{}, func(*jobstats.Listing) error { n++; return stop })
	if err != stop || n != 1 {
		t.Errorf("an error from fn: got %v after %d calls, want it as is after 1", err, n)
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if err := s.ForEach(ctx, jobstats.Scan{}, func(*jobstats.Listing) error { return nil }); err == nil {
		t.Error("scan with a cancelled context: no error")
	}
	// A kept listing does not change under the next call.
	var kept []jobstats.Listing
	s.ForEach(t.Context(), jobstats.Scan{Description: true}, func(l *jobstats.Listing) error {
		kept = append(kept, *l)
		return nil
	})
	for i, l := range kept {
		if l.Title != "T "+l.ID {
			t.Errorf("kept listing %d changed: %s", i, show(l))
		}
	}
}

func cut(k string) (src, id string, ok bool) {
	for i := 0; i < len(k); i++ {
		if k[i] == ':' {
			return k[:i], k[i+1:], true
		}
	}
	return k, "", false
}

func testRuns(t *testing.T, open Factory) {
	s := open(t, (&clock{t: at(0)}).now)
	full := jobstats.Run{Source: "a", Kind: "greenhouse", Start: at(1), End: at(2), Status: jobstats.RunPartial,
		Complete: false, Incomplete: "max_pages 3 reached", Host: "worker-1", PID: 4242, Heartbeat: at(2).Add(-time.Second),
		PagesFetched: 10, PagesFailed: 2, PagesEmpty: 1, Listings: 30, Stored: 29, New: 5, Updated: 4, Closed: 3,
		KeptOpen: 2, Errors: []string{"page 3: 503 Service Unavailable", "ünïcödé \"quoted\""}}
	r1 := full
	if err := s.PutRun(t.Context(), &r1); err != nil {
		t.Fatal(err)
	}
	r2 := jobstats.Run{Source: "b", Start: at(3), Status: jobstats.RunRunning}
	if err := s.PutRun(t.Context(), &r2); err != nil {
		t.Fatal(err)
	}
	if r1.ID == 0 || r2.ID <= r1.ID {
		t.Errorf("ids %d then %d: want increasing from 1", r1.ID, r2.ID)
	}
	runs, err := s.Runs(t.Context(), "", 0)
	if err != nil {
		t.Fatal(err)
	}
	want := full
	want.ID = r1.ID
	if len(runs) != 2 || runs[0].ID != r2.ID || !reflect.DeepEqual(normRun(runs[1]), normRun(want)) {
		t.Errorf("runs: got\n%s\nwant newest first, the first\n%s", show(runs), show(want))
	}
	// Overwrite by id.
	r2.Status, r2.End = jobstats.RunOK, at(4)
	if err := s.PutRun(t.Context(), &r2); err != nil {
		t.Fatal(err)
	}
	if runs, _ := s.Runs(t.Context(), "b", 0); len(runs) != 1 || runs[0].Status != jobstats.RunOK {
		t.Errorf("overwritten run: %s", show(runs))
	}
	if runs, _ := s.Runs(t.Context(), "", 1); len(runs) != 1 || runs[0].ID != r2.ID {
		t.Errorf("limit 1: %s", show(runs))
	}
	// An explicit id above the others: later ids come after it.
	r9 := jobstats.Run{ID: 100, Source: "a", Start: at(5), Status: jobstats.RunOK}
	if err := s.PutRun(t.Context(), &r9); err != nil {
		t.Fatal(err)
	}
	r10 := jobstats.Run{Source: "a", Start: at(6), Status: jobstats.RunOK}
	if err := s.PutRun(t.Context(), &r10); err != nil {
		t.Fatal(err)
	}
	if r10.ID <= 100 {
		t.Errorf("after run 100, the next id is %d", r10.ID)
	}
	if runs, _ := s.Runs(t.Context(), "a", 0); len(runs) != 3 || runs[0].ID != r10.ID || runs[1].ID != 100 {
		t.Errorf("runs of a: %s", show(runs))
	}
}

// normRun makes equal runs compare equal with reflect.DeepEqual: times in
// UTC.
func normRun(r jobstats.Run) jobstats.Run {
	r.Start, r.End, r.Heartbeat = r.Start.UTC(), r.End.UTC(), r.Heartbeat.UTC()
	return r
}

func testSnapshots(t *testing.T, open Factory) {
	s := open(t, (&clock{t: at(0)}).now)
	ctx := t.Context()
	for _, p := range []struct {
		at   time.Time
		key  string
		data string
	}{{at(2), "role:b", "b2"}, {at(1), "role:b", "b1"}, {at(1), "role:a", "a1"}, {at(-1000 * 24), "role:a", "old"}} {
		if err := s.PutSnapshot(ctx, p.at, p.key, []byte(p.data)); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.PutSnapshot(ctx, at(1), "role:b", []byte(`{"v":"b1 again"}`)); err != nil {
		t.Fatal(err)
	}
	read := func(key string) []string {
		var out []string
		if err := s.Snapshots(ctx, key, func(when time.Time, data []byte) error {
			out = append(out, when.UTC().Format(time.RFC3339Nano)+" "+string(data))
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		return out
	}
	want := []string{at(1).Format(time.RFC3339Nano) + ` {"v":"b1 again"}`, at(2).Format(time.RFC3339Nano) + " b2"}
	if got := read("role:b"); !slices.Equal(got, want) {
		t.Errorf("snapshots of role:b: %q, want %q", got, want)
	}
	if got := read("role:a"); len(got) != 2 || got[0] != at(-1000*24).Format(time.RFC3339Nano)+" old" {
		t.Errorf("snapshots of role:a: %q", got)
	}
	if got := read("role:none"); len(got) != 0 {
		t.Errorf("unknown key: %q", got)
	}
	keys, err := s.SnapshotKeys(ctx)
	if err != nil || !slices.Equal(keys, []string{"role:a", "role:b"}) {
		t.Errorf("keys %q, %v", keys, err)
	}
	if err := s.PutSnapshot(ctx, at(1), "", []byte("x")); err == nil {
		t.Error("empty key: no error")
	}
	stop := errors.New("stop")
	if err := s.Snapshots(ctx, "role:b", func(time.Time, []byte) error { return stop }); err != stop {
		t.Errorf("error from fn: %v, want it as is", err)
	}
}

func testValidators(t *testing.T, open Factory) {
	s := open(t, (&clock{t: at(0)}).now)
	ctx := t.Context()
	in := map[string]jobstats.Validator{
		"https://a.example/jobs?page=1": {ETag: `W/"abc"`, LastModified: "Mon, 02 Nov 2026 10:00:00 GMT"},
		"https://b.example/":            {ETag: `"x"`},
		"https://c.example/":            {LastModified: "Tue, 03 Nov 2026 10:00:00 GMT"},
	}
	if err := s.PutValidators(ctx, in); err != nil {
		t.Fatal(err)
	}
	got, err := s.Validators(ctx)
	if err != nil || !reflect.DeepEqual(got, in) {
		t.Errorf("validators %v, %v; want %v", got, err, in)
	}
	if err := s.PutValidators(ctx, map[string]jobstats.Validator{"https://b.example/": {}, "https://c.example/": {ETag: "new"}}); err != nil {
		t.Fatal(err)
	}
	got, _ = s.Validators(ctx)
	if _, ok := got["https://b.example/"]; ok || got["https://c.example/"].ETag != "new" || len(got) != 2 {
		t.Errorf("after delete and update: %v", got)
	}
}

func testPrune(t *testing.T, open Factory) {
	s := open(t, (&clock{t: at(0)}).now)
	ls := []jobstats.Listing{job("a", "old", "Old"), job("a", "recent", "Recent"), job("a", "open", "Open")}
	ls[0].SetLifecycle(jobstats.Lifecycle{FirstSeen: at(1), LastSeen: at(1), ClosedAt: at(2)})
	ls[1].SetLifecycle(jobstats.Lifecycle{FirstSeen: at(1), LastSeen: at(3), ClosedAt: at(4)})
	ls[2].SetLifecycle(jobstats.Lifecycle{FirstSeen: at(1), LastSeen: at(5)})
	for i := range ls {
		ls[i].ID = jobstats.ListingID(ls[i].Source, ls[i].SourceID)
	}
	if err := s.ImportListings(t.Context(), ls); err != nil {
		t.Fatal(err)
	}
	n, err := s.Prune(t.Context(), at(3))
	if err != nil || n != 1 {
		t.Errorf("prune: %d, %v; want 1", n, err)
	}
	if got := ids(all(t, s, jobstats.Scan{})); !slices.Equal(got, []string{"a:open", "a:recent"}) {
		t.Errorf("after prune: %q", got)
	}
}

func testImport(t *testing.T, open Factory) {
	s := open(t, (&clock{t: at(0)}).now)
	l := FullListing()
	l.SetLifecycle(jobstats.Lifecycle{FirstSeen: at(1), LastSeen: at(5), ClosedAt: at(6),
		Gaps: []jobstats.Gap{{Closed: at(2), Reopened: at(3)}, {Closed: at(3).Add(time.Nanosecond), Reopened: at(4)}}})
	bare := jobstats.Listing{ID: "z:1", Source: "z", SourceID: "1"}
	for range 2 { // idempotent
		if err := s.ImportListings(t.Context(), []jobstats.Listing{l, bare}); err != nil {
			t.Fatal(err)
		}
	}
	got := all(t, s, jobstats.Scan{Description: true})
	if len(got) != 2 || !sameListing(&got[0], &l) || !sameListing(&got[1], &bare) {
		t.Errorf("imported: got\n%s\nwant\n%s", show(got), show([]jobstats.Listing{l, bare}))
	}
	// Rules apply on top of imported lifecycles.
	if res := put(t, s, at(7), l); res.Reopened != 1 {
		t.Errorf("put after import: %+v, want reopened", res)
	}
	if err := s.ImportListings(t.Context(), []jobstats.Listing{{Title: "no id"}}); err == nil {
		t.Error("import without id: no error")
	}
}

func testConcurrentPuts(t *testing.T, open Factory) {
	s := open(t, (&clock{t: at(0)}).now)
	const writers, n = 6, 40
	var wg sync.WaitGroup
	results := make([]jobstats.PutResult, writers)
	errs := make([]error, writers)
	for w := range writers {
		wg.Go(func() {
			var ls []jobstats.Listing
			for i := range n {
				l := job("c", fmt.Sprint(i), "Same job")
				l.Sources = []string{fmt.Sprintf("g%d", w)}
				ls = append(ls, l)
			}
			results[w], errs[w] = s.PutListings(context.Background(), ls, at(w+1))
		})
	}
	wg.Wait()
	newTotal := 0
	for w := range writers {
		if errs[w] != nil {
			t.Fatalf("writer %d: %v", w, errs[w])
		}
		newTotal += results[w].New
	}
	if newTotal != n {
		t.Errorf("%d listings counted new by %d writers, want %d (each once)", newTotal, writers, n)
	}
	for _, l := range all(t, s, jobstats.Scan{}) {
		if len(l.Sources) != writers+1 || !l.FirstSeen.Equal(at(1)) || !l.LastSeen.Equal(at(writers)) {
			t.Errorf("%s: sources %q, seen %v to %v: an update was lost", l.ID, l.Sources, l.FirstSeen, l.LastSeen)
		}
	}
}

func testRecover(t *testing.T, open Factory) {
	c := &clock{t: at(48)}
	s := open(t, c.now)
	dead := jobstats.Run{Source: "a", Start: at(1), Status: jobstats.RunRunning, Host: "gone.example", PID: 7,
		Heartbeat: at(2), Stored: 40, New: 40}
	live := jobstats.Run{Source: "b", Start: at(47), Status: jobstats.RunRunning, Host: "elsewhere.example", PID: 8, Heartbeat: at(47)}
	for _, r := range []*jobstats.Run{&dead, &live} {
		if err := s.PutRun(t.Context(), r); err != nil {
			t.Fatal(err)
		}
	}
	got, err := crawl.Recover(t.Context(), s, crawl.Recovery{Now: c.now, Host: "here.example", PID: 1})
	if err != nil || len(got) != 1 || got[0].ID != dead.ID {
		t.Fatalf("recover: %s, %v; want the dead run", show(got), err)
	}
	runs, _ := s.Runs(t.Context(), "", 0)
	for _, r := range runs {
		want := jobstats.RunRunning
		if r.ID == dead.ID {
			want = jobstats.RunInterrupted
		}
		if r.Status != want || (r.ID == dead.ID && r.Stored != 40) {
			t.Errorf("run %d: %s (stored %d), want %s", r.ID, r.Status, r.Stored, want)
		}
	}
}

// board is a scraper.Source that lists the ids it is given.
type board struct{ ids []string }

func (b *board) Crawl(ctx context.Context, sink scraper.Sink) (scraper.Stats, error) {
	var batch []jobstats.Listing
	for _, id := range b.ids {
		batch = append(batch, job("board", id, "Job "+id))
	}
	if err := sink(ctx, batch); err != nil {
		return scraper.Stats{}, err
	}
	return scraper.Stats{PagesFetched: 1, Listings: len(batch)}, nil
}

func testRunner(t *testing.T, open Factory) {
	c := &clock{t: at(0)}
	s := open(t, c.now)
	b := &board{ids: []string{"1", "2", "3"}}
	r := &crawl.Runner{Store: s, Now: c.now, BatchSize: 2, BatchAfter: time.Millisecond}
	src := crawl.Source{Name: "board", Kind: "test", CloseAfter: 1,
		New: func(scraper.Validators) (scraper.Source, error) { return b, nil }}
	run1, err := r.Run(t.Context(), src)
	if err != nil || run1.Status != jobstats.RunOK || run1.New != 3 || run1.Stored != 3 {
		t.Fatalf("run 1: %s, %v", show(run1), err)
	}
	c.set(at(1))
	b.ids = []string{"1", "2"}
	run2, _ := r.Run(t.Context(), src)
	if run2.Status != jobstats.RunOK || run2.Closed != 1 || run2.New != 0 {
		t.Errorf("run 2: %s, want 1 closed", show(run2))
	}
	if got := get(t, s, "board:3"); !got.ClosedAt.Equal(run2.End) {
		t.Errorf("board:3 closed at %v, want the end of run 2 %v", got.ClosedAt, run2.End)
	}
	runs, _ := s.Runs(t.Context(), "board", 0)
	if len(runs) != 2 || runs[0].ID != run2.ID || !runs[0].Complete {
		t.Errorf("stored runs: %s", show(runs))
	}
}

// reportListings is a small market: several roles, levels, currencies,
// closed, reopened and cross-posted listings.
func reportListings() []jobstats.Listing {
	var out []jobstats.Listing
	roles := []string{"Backend Engineer", "Data Engineer", "Product Manager"}
	for i := range 40 {
		l := job(fmt.Sprintf("s%d", i%3), fmt.Sprint(i), roles[i%3])
		l.Role = roles[i%3]
		l.Seniority = jobstats.Seniorities[i%len(jobstats.Seniorities)]
		l.Company = fmt.Sprintf("Company %d", i%7)
		l.Country = []string{"US", "DE", "GB", ""}[i%4]
		l.Workplace = []jobstats.Workplace{jobstats.WorkplaceRemote, jobstats.WorkplaceOnsite, jobstats.WorkplaceHybrid}[i%3]
		l.Degree = []jobstats.Degree{jobstats.DegreeRequired, jobstats.DegreeUnknown, jobstats.DegreePreferred}[i%3]
		l.Skills = []string{"Go", "SQL", "Python"}[:1+i%3]
		if i%5 != 0 {
			cur := []string{"USD", "EUR", "GBP"}[i%3]
			l.Salary = &jobstats.Salary{Min: jobstats.AmountOf(float64(60000 + 1000*i)), Max: jobstats.AmountOf(float64(80000 + 1500*i)),
				Currency: cur, Period: jobstats.PeriodYear, From: jobstats.SalaryFromField}
		}
		l.Fingerprint = uint64(1 + i%17)
		l.Simhash = uint64(i % 2)
		lc := jobstats.Lifecycle{FirstSeen: at(-24 * (i % 50)), LastSeen: at(-i)}
		if i%6 == 0 {
			lc.ClosedAt = at(-i + 1)
		}
		if i%9 == 0 {
			lc.Gaps = []jobstats.Gap{{Closed: at(-24 * (i % 50)).Add(time.Hour), Reopened: at(-24*(i%50) + 5)}}
		}
		l.ID = jobstats.ListingID(l.Source, l.SourceID)
		l.SetLifecycle(lc)
		out = append(out, l)
	}
	return out
}

func testReports(t *testing.T, open Factory) {
	s := open(t, (&clock{t: at(0)}).now)
	ls := reportListings()
	if err := s.ImportListings(t.Context(), ls); err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(ls, func(a, b jobstats.Listing) int {
		return compareBytes(a.ID, b.ID)
	})
	fixed := func() time.Time { return at(0) }
	for _, asOf := range []time.Time{{}, at(-24 * 10), at(-24 * 45)} {
		opts := stats.Options{Now: fixed, AsOf: asOf}
		want := stats.New(opts)
		for i := range ls {
			want.Add(&ls[i])
		}
		got := stats.New(opts)
		if err := s.ForEach(t.Context(), jobstats.Scan{}, func(l *jobstats.Listing) error { got.Add(l); return nil }); err != nil {
			t.Fatal(err)
		}
		w, _ := json.Marshal(want.Summary())
		g, _ := json.Marshal(got.Summary())
		if string(w) != string(g) {
			t.Errorf("as of %v: the report from the store differs from the one over the same listings in memory:\n%s\nwant\n%s", asOf, g, w)
		}
	}
}

func compareBytes(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
