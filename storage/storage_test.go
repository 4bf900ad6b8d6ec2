package storage_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"go.etcd.io/bbolt"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/storage"
)

var (
	t0 = time.Date(2026, 11, 1, 6, 0, 0, 0, time.UTC)
	t1 = t0.Add(24 * time.Hour)
	t2 = t1.Add(24 * time.Hour)
	t3 = t2.Add(24 * time.Hour)
)

// openDB opens a new database in a temporary directory and closes it at the
// end of the test.
func openDB(t *testing.T) *storage.DB {
	t.Helper()
	db, err := storage.Open(filepath.Join(t.TempDir(), "jobstats.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// listing returns a minimal listing of source with the given source id.
func listing(source, id, title string) jobstats.Listing {
	return jobstats.Listing{ID: jobstats.ListingID(source, id), Source: source, SourceID: id, Title: title, Sources: []string{source}}
}

func put(t *testing.T, db *storage.DB, seen time.Time, ls ...jobstats.Listing) storage.PutResult {
	t.Helper()
	res, err := db.PutListings(t.Context(), ls, seen)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func get(t *testing.T, db *storage.DB, id string) jobstats.Listing {
	t.Helper()
	l, err := db.Get(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func TestGetRoundTrip(t *testing.T) {
	db := openDB(t)
	full := fullListing()
	full.Description = strings.Repeat("We build things in Go. ", 80)
	minimal := jobstats.Listing{ID: "s:1", Source: "s", SourceID: "1"}
	put(t, db, t1, full, minimal)

	want := full
	want.FirstSeen, want.LastSeen, want.ClosedAt = t1, t1, time.Time{} // storage owns these
	if got := get(t, db, full.ID); !reflect.DeepEqual(got, want) {
		t.Errorf("full listing:\n got %+v\nwant %+v", got, want)
	}
	want = minimal
	want.FirstSeen, want.LastSeen = t1, t1
	want.Sources = []string{"s"} // Sources always include Source
	if got := get(t, db, minimal.ID); !reflect.DeepEqual(got, want) {
		t.Errorf("minimal listing:\n got %+v\nwant %+v", got, want)
	}
	if _, err := db.Get(t.Context(), "s:missing"); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("Get of a missing id: %v, want ErrNotFound", err)
	}
}

func TestPutListingsIDFromParts(t *testing.T) {
	db := openDB(t)
	put(t, db, t1, jobstats.Listing{Source: "s", SourceID: "7", Title: "x"})
	if got := get(t, db, "s:7"); got.Title != "x" {
		t.Errorf("got %+v", got)
	}
	if _, err := db.PutListings(t.Context(), []jobstats.Listing{{Title: "no id"}}, t1); err == nil {
		t.Error("a listing without id or source was accepted")
	}
}

func TestPutListingsUpsert(t *testing.T) {
	db := openDB(t)
	a, b, c := listing("s", "a", "A"), listing("s", "b", "B"), listing("s", "c", "C")
	a.Description = "first"
	if got, want := put(t, db, t1, a, b, c), (storage.PutResult{New: 3}); got != want {
		t.Fatalf("first put: %+v, want %+v", got, want)
	}
	if n, err := db.CloseMissing(t.Context(), "s", t3, t2); err != nil || n != 3 {
		t.Fatalf("close all: %d, %v", n, err)
	}

	// Seen again at t3, one of them earlier at t0 (out of order):
	// a unchanged, b new title, c new description, d new.
	b.Title = "B2"
	c.Description = "now with a description"
	c.Sources = []string{"other"}
	d := listing("s", "d", "D")
	got := put(t, db, t3, a, b, c, d)
	if want := (storage.PutResult{New: 1, Updated: 2, Unchanged: 1, Reopened: 3}); got != want {
		t.Errorf("second put: %+v, want %+v", got, want)
	}
	got = put(t, db, t0, a)
	if want := (storage.PutResult{Unchanged: 1}); got != want {
		t.Errorf("third put: %+v, want %+v", got, want)
	}

	tests := []struct {
		id          string
		title, desc string
		sources     []string
		first, last time.Time
	}{
		{"s:a", "A", "first", []string{"s"}, t0, t3},
		{"s:b", "B2", "", []string{"s"}, t1, t3},
		{"s:c", "C", "now with a description", []string{"s", "other"}, t1, t3},
		{"s:d", "D", "", []string{"s"}, t3, t3},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			l := get(t, db, tt.id)
			if l.Title != tt.title || l.Description != tt.desc || !slices.Equal(l.Sources, tt.sources) {
				t.Errorf("content: title %q desc %q sources %q, want %q %q %q", l.Title, l.Description, l.Sources, tt.title, tt.desc, tt.sources)
			}
			if !l.FirstSeen.Equal(tt.first) || !l.LastSeen.Equal(tt.last) || !l.ClosedAt.IsZero() {
				t.Errorf("lifecycle: first %v last %v closed %v, want %v %v open", l.FirstSeen, l.LastSeen, l.ClosedAt, tt.first, tt.last)
			}
		})
	}
}

func TestPutListingsDuplicatesInBatch(t *testing.T) {
	db := openDB(t)
	x1 := listing("s", "x", "old title")
	x2 := listing("s", "x", "new title")
	x2.Sources = []string{"mirror"}
	if got, want := put(t, db, t1, x1, x2), (storage.PutResult{New: 1}); got != want {
		t.Errorf("put: %+v, want %+v", got, want)
	}
	l := get(t, db, "s:x")
	if l.Title != "new title" || !slices.Equal(l.Sources, []string{"s", "mirror"}) {
		t.Errorf("got title %q sources %q", l.Title, l.Sources)
	}
	if x1.Title != "old title" || x2.Sources[0] != "mirror" {
		t.Error("PutListings changed the caller's listings")
	}
}

func TestCloseMissingTouchSourcePrune(t *testing.T) {
	db := openDB(t)
	ctx := t.Context()
	put(t, db, t0, listing("s", "old", ""), listing("s", "gone", ""), listing("t", "other", ""), listing("s2", "prefix", ""))
	put(t, db, t2, listing("s", "old", ""), listing("s", "new", ""))

	n, err := db.CloseMissing(ctx, "s", t2, t3)
	if err != nil || n != 1 {
		t.Fatalf("CloseMissing: %d, %v; want 1", n, err)
	}
	if l := get(t, db, "s:gone"); !l.ClosedAt.Equal(t3) {
		t.Errorf("s:gone ClosedAt = %v, want %v", l.ClosedAt, t3)
	}
	for _, id := range []string{"s:old", "s:new", "t:other", "s2:prefix"} {
		if l := get(t, db, id); !l.Open() {
			t.Errorf("%s was closed", id)
		}
	}
	if n, _ := db.CloseMissing(ctx, "s", t2, t3); n != 0 {
		t.Errorf("second CloseMissing closed %d", n)
	}
	total, open, err := db.Count(ctx)
	if err != nil || total != 5 || open != 4 {
		t.Errorf("Count = %d, %d, %v; want 5, 4", total, open, err)
	}

	n, err = db.TouchSource(ctx, "s", t3)
	if err != nil || n != 2 {
		t.Fatalf("TouchSource: %d, %v; want 2", n, err)
	}
	if l := get(t, db, "s:old"); !l.LastSeen.Equal(t3) || !l.FirstSeen.Equal(t0) {
		t.Errorf("touched s:old: first %v last %v", l.FirstSeen, l.LastSeen)
	}
	if l := get(t, db, "s:gone"); !l.LastSeen.Equal(t0) {
		t.Errorf("closed s:gone was touched: last %v", l.LastSeen)
	}
	if l := get(t, db, "s2:prefix"); !l.LastSeen.Equal(t0) {
		t.Errorf("s2:prefix was touched by source s: last %v", l.LastSeen)
	}

	if n, err := db.Prune(ctx, t3); err != nil || n != 0 {
		t.Errorf("Prune before the close time: %d, %v", n, err)
	}
	if n, err := db.Prune(ctx, t3.Add(time.Second)); err != nil || n != 1 {
		t.Errorf("Prune: %d, %v; want 1", n, err)
	}
	if _, err := db.Get(ctx, "s:gone"); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("pruned listing: %v", err)
	}
	if total, open, _ := db.Count(ctx); total != 4 || open != 4 {
		t.Errorf("Count after prune = %d, %d; want 4, 4", total, open)
	}
}

func TestCloseMissingManyListings(t *testing.T) {
	// More listings than one chunk of rewriteSource, so the cursor is
	// sought again after each chunk.
	db := openDB(t)
	var ls []jobstats.Listing
	for i := range 10000 {
		ls = append(ls, listing("s", fmt.Sprintf("%05d", i), "t"))
	}
	put(t, db, t0, ls...)
	put(t, db, t2, ls[:10]...)
	n, err := db.TouchSource(t.Context(), "s", t1)
	if err != nil || n != 10000 {
		t.Fatalf("TouchSource: %d, %v", n, err)
	}
	n, err = db.CloseMissing(t.Context(), "s", t2, t3)
	if err != nil || n != 9990 {
		t.Fatalf("CloseMissing: %d, %v; want 9990", n, err)
	}
	if total, open, _ := db.Count(t.Context()); total != 10000 || open != 10 {
		t.Errorf("Count = %d, %d", total, open)
	}
}

func TestForEach(t *testing.T) {
	db := openDB(t)
	ctx := t.Context()
	a, b, c := listing("s", "a", "A"), listing("s", "b", "B"), listing("t", "c", "C")
	a.Description, c.Description = "desc a", "desc c"
	a.Salary = &jobstats.Salary{Min: 1, Period: jobstats.PeriodYear}
	put(t, db, t1, c, b, a)
	db.CloseMissing(ctx, "t", t2, t2)

	collect := func(s storage.Scan) (ids, descs []string, kept []jobstats.Listing) {
		t.Helper()
		err := db.ForEach(ctx, s, func(l *jobstats.Listing) error {
			ids = append(ids, l.ID)
			descs = append(descs, l.Description)
			kept = append(kept, *l)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return ids, descs, kept
	}
	tests := []struct {
		name      string
		scan      storage.Scan
		ids, desc []string
	}{
		{"all", storage.Scan{}, []string{"s:a", "s:b", "t:c"}, []string{"", "", ""}},
		{"descriptions", storage.Scan{Description: true}, []string{"s:a", "s:b", "t:c"}, []string{"desc a", "", "desc c"}},
		{"source", storage.Scan{Source: "s", Description: true}, []string{"s:a", "s:b"}, []string{"desc a", ""}},
		{"open only", storage.Scan{OpenOnly: true}, []string{"s:a", "s:b"}, []string{"", ""}},
		{"unknown source", storage.Scan{Source: "x"}, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ids, descs, _ := collect(tt.scan)
			if !slices.Equal(ids, tt.ids) || !slices.Equal(descs, tt.desc) {
				t.Errorf("ids %q descs %q, want %q %q", ids, descs, tt.ids, tt.desc)
			}
		})
	}

	t.Run("shallow copies stay valid", func(t *testing.T) {
		_, _, kept := collect(storage.Scan{})
		if kept[0].Salary == nil || kept[1].Salary != nil || kept[0].Title != "A" || kept[2].Title != "C" {
			t.Errorf("kept listings were overwritten: %+v", kept)
		}
	})
	t.Run("fn error stops", func(t *testing.T) {
		stop := errors.New("stop")
		n := 0
		err := db.ForEach(ctx, storage.Scan{}, func(*jobstats.Listing) error { n++; return stop })
		if err != stop || n != 1 {
			t.Errorf("ForEach = %v after %d calls, want stop after 1", err, n)
		}
	})
	t.Run("cancelled", func(t *testing.T) {
		cctx, cancel := context.WithCancel(ctx)
		cancel()
		err := db.ForEach(cctx, storage.Scan{}, func(*jobstats.Listing) error { return nil })
		if !errors.Is(err, context.Canceled) {
			t.Errorf("ForEach with a cancelled context = %v", err)
		}
	})
}

func TestRuns(t *testing.T) {
	db := openDB(t)
	ctx := t.Context()
	if _, ok, err := db.LastRun(ctx, "a"); ok || err != nil {
		t.Errorf("LastRun of an empty db = %v, %v", ok, err)
	}
	var ids []uint64
	for i, src := range []string{"a", "b", "a", "b", "a"} {
		r := &jobstats.Run{Source: src, Start: t0.Add(time.Duration(i) * time.Hour), Status: jobstats.RunRunning}
		if err := db.PutRun(ctx, r); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, r.ID)
	}
	if !slices.IsSorted(ids) || ids[0] == 0 || len(slices.Compact(slices.Clone(ids))) != len(ids) {
		t.Fatalf("run ids %v are not increasing", ids)
	}
	// Overwrite the last run of b with its final state.
	done := jobstats.Run{ID: ids[3], Source: "b", Status: jobstats.RunOK, New: 7, Errors: []string{"page 2: timeout"}}
	if err := db.PutRun(ctx, &done); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		source string
		limit  int
		want   []uint64
	}{
		{"", 0, []uint64{ids[4], ids[3], ids[2], ids[1], ids[0]}},
		{"a", 0, []uint64{ids[4], ids[2], ids[0]}},
		{"a", 2, []uint64{ids[4], ids[2]}},
		{"b", -1, []uint64{ids[3], ids[1]}},
		{"c", 0, nil},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s/%d", tt.source, tt.limit), func(t *testing.T) {
			runs, err := db.Runs(ctx, tt.source, tt.limit)
			if err != nil {
				t.Fatal(err)
			}
			var got []uint64
			for _, r := range runs {
				got = append(got, r.ID)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("ids %v, want %v", got, tt.want)
			}
		})
	}
	last, ok, err := db.LastRun(ctx, "b")
	if err != nil || !ok || !reflect.DeepEqual(last, done) {
		t.Errorf("LastRun(b) = %+v, %v, %v; want %+v", last, ok, err, done)
	}
	// An explicit id above the sequence moves the sequence on.
	if err := db.PutRun(ctx, &jobstats.Run{ID: 100, Source: "c"}); err != nil {
		t.Fatal(err)
	}
	r := jobstats.Run{Source: "c"}
	if err := db.PutRun(ctx, &r); err != nil || r.ID <= 100 {
		t.Errorf("id after 100 = %d, %v", r.ID, err)
	}
}

func TestSnapshots(t *testing.T) {
	db := openDB(t)
	ctx := t.Context()
	before1970 := time.Date(1969, 7, 20, 20, 17, 0, 0, time.UTC)
	for _, at := range []time.Time{t2, t0, before1970, t1} {
		if err := db.PutSnapshot(ctx, at, "summary", []byte(`{"at":"`+at.Format(time.RFC3339)+`"}`)); err != nil {
			t.Fatal(err)
		}
	}
	db.PutSnapshot(ctx, t1, "other", []byte("x"))
	db.PutSnapshot(ctx, t1, "summary", []byte(`{"replaced":true}`))
	var times []time.Time
	var last []byte
	err := db.Snapshots(ctx, "summary", func(at time.Time, data []byte) error {
		times = append(times, at)
		last = data
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := []time.Time{before1970, t0, t1, t2}; !slices.EqualFunc(times, want, time.Time.Equal) {
		t.Errorf("times %v, want %v", times, want)
	}
	if string(last) != `{"at":"`+t2.Format(time.RFC3339)+`"}` {
		t.Errorf("last data %s", last)
	}
	n := 0
	db.Snapshots(ctx, "missing", func(time.Time, []byte) error { n++; return nil })
	if n != 0 {
		t.Errorf("unknown key gave %d snapshots", n)
	}
	if err := db.PutSnapshot(ctx, t0, "", nil); err == nil {
		t.Error("empty key accepted")
	}
}

func TestValidatorsPersist(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v.db")
	db, err := storage.Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	err = db.PutValidators(ctx, map[string]storage.Validator{
		"https://a.example/jobs": {ETag: `"etag-1"`},
		"https://b.example/jobs": {LastModified: "Mon, 02 Nov 2026 10:00:00 GMT"},
		"https://c.example/jobs": {ETag: "c"},
	})
	if err != nil {
		t.Fatal(err)
	}
	// Both fields empty forgets a URL's validators.
	if err := db.PutValidators(ctx, map[string]storage.Validator{"https://c.example/jobs": {}}); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	db, err = storage.Open(path, &storage.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	got, err := db.Validators(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]storage.Validator{
		"https://a.example/jobs": {ETag: `"etag-1"`},
		"https://b.example/jobs": {LastModified: "Mon, 02 Nov 2026 10:00:00 GMT"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Validators = %v, want %v", got, want)
	}
	if err := db.PutValidators(ctx, want); !errors.Is(err, storage.ErrReadOnly) {
		t.Errorf("PutValidators on a read-only db = %v, want ErrReadOnly", err)
	}
}

func TestOpenCreatesDirectories(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a", "b", "jobstats.db")
	db, err := storage.Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if db.Path() != path {
		t.Errorf("Path() = %q", db.Path())
	}
	fi, err := os.Stat(filepath.Dir(path))
	if err != nil || fi.Mode().Perm() != 0o700 {
		t.Errorf("directory: %v, %v; want mode 0700", fi.Mode(), err)
	}
}

func TestReadOnly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ro.db")
	if _, err := storage.Open(path, &storage.Options{ReadOnly: true}); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("read-only open of a missing file = %v, want ErrNotExist", err)
	}
	db, err := storage.Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	put(t, db, t1, listing("s", "1", "x"))
	db.Close()

	r1, err := storage.Open(path, &storage.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer r1.Close()
	r2, err := storage.Open(path, &storage.Options{ReadOnly: true, Timeout: 100 * time.Millisecond})
	if err != nil {
		t.Fatalf("second read-only open beside the first: %v", err)
	}
	defer r2.Close()
	if total, _, err := r2.Count(t.Context()); err != nil || total != 1 {
		t.Errorf("Count = %d, %v", total, err)
	}
	if _, err := r1.PutListings(t.Context(), []jobstats.Listing{listing("s", "2", "y")}, t1); !errors.Is(err, storage.ErrReadOnly) {
		t.Errorf("PutListings on a read-only db = %v, want ErrReadOnly", err)
	}
	if err := r1.Compact(t.Context()); !errors.Is(err, storage.ErrReadOnly) {
		t.Errorf("Compact on a read-only db = %v, want ErrReadOnly", err)
	}
}

func TestSchemaVersion(t *testing.T) {
	path := filepath.Join(t.TempDir(), "future.db")
	db, err := storage.Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	setMeta(t, path, "schema", []byte{storage.SchemaVersion + 1})
	for _, ro := range []bool{false, true} {
		_, err := storage.Open(path, &storage.Options{ReadOnly: ro})
		if !errors.Is(err, storage.ErrSchema) {
			t.Errorf("ReadOnly=%v: Open of a newer schema = %v, want ErrSchema", ro, err)
		}
	}
}

// setMeta writes a raw key of the meta bucket with bbolt itself.
func setMeta(t *testing.T, path, key string, value []byte) {
	t.Helper()
	bdb, err := bbolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer bdb.Close()
	err = bdb.Update(func(tx *bbolt.Tx) error { return tx.Bucket([]byte("meta")).Put([]byte(key), value) })
	if err != nil {
		t.Fatal(err)
	}
}

func TestOpenInvalidFiles(t *testing.T) {
	dir := t.TempDir()
	garbage := filepath.Join(dir, "garbage.db")
	os.WriteFile(garbage, []byte(strings.Repeat("not a database ", 1000)), 0o600)
	foreign := filepath.Join(dir, "foreign.db")
	bdb, err := bbolt.Open(foreign, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	bdb.Update(func(tx *bbolt.Tx) error { _, err := tx.CreateBucket([]byte("theirs")); return err })
	bdb.Close()
	for _, path := range []string{garbage, foreign} {
		if _, err := storage.Open(path, nil); !errors.Is(err, storage.ErrInvalid) {
			t.Errorf("Open(%s) = %v, want ErrInvalid", filepath.Base(path), err)
		}
	}
}

func TestCompact(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.db")
	db, err := storage.Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := t.Context()
	var ls []jobstats.Listing
	for i := range 2000 {
		l := listing("s", fmt.Sprint(i), "title")
		l.Description = strings.Repeat("x", 1500)
		ls = append(ls, l)
	}
	put(t, db, t0, ls...)
	db.CloseMissing(ctx, "s", t1, t1)
	run := jobstats.Run{Source: "s"}
	db.PutRun(ctx, &run)
	db.PutSnapshot(ctx, t1, "k", []byte("v"))
	db.PutValidators(ctx, map[string]storage.Validator{"u": {ETag: "e"}})
	put(t, db, t2, ls[0])
	if n, err := db.Prune(ctx, t2); err != nil || n != 1999 {
		t.Fatalf("Prune: %d, %v", n, err)
	}
	before, _ := os.Stat(path)
	if err := db.Compact(ctx); err != nil {
		t.Fatal(err)
	}
	after, _ := os.Stat(path)
	if after.Size() >= before.Size() {
		t.Errorf("size %d after compaction, %d before", after.Size(), before.Size())
	}
	if l := get(t, db, "s:0"); len(l.Description) != 1500 {
		t.Errorf("listing after compaction: %+v", l)
	}
	if v, err := db.Validators(ctx); err != nil || v["u"].ETag != "e" {
		t.Errorf("validators after compaction: %v, %v", v, err)
	}
	next := jobstats.Run{Source: "s"}
	if err := db.PutRun(ctx, &next); err != nil || next.ID <= run.ID {
		t.Errorf("run id after compaction %d (before %d), %v", next.ID, run.ID, err)
	}
	put(t, db, t3, ls[1])
	if total, open, _ := db.Count(ctx); total != 2 || open != 2 {
		t.Errorf("Count after compaction = %d, %d", total, open)
	}
	matches, _ := filepath.Glob(path + ".compact-*")
	if len(matches) != 0 {
		t.Errorf("left temporary files %v", matches)
	}
}

func TestClosedDB(t *testing.T) {
	db, err := storage.Open(filepath.Join(t.TempDir(), "x.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Get(t.Context(), "s:1"); !errors.Is(err, storage.ErrClosed) {
		t.Errorf("Get after Close = %v, want ErrClosed", err)
	}
}

func TestPutListingsDescriptionChanges(t *testing.T) {
	db := openDB(t)
	l := listing("s", "1", "T")
	l.Description = "original text"
	put(t, db, t0, l)
	tests := []struct {
		name string
		desc string
		want storage.PutResult
	}{
		{"same", "original text", storage.PutResult{Unchanged: 1}},
		{"edited", "edited text", storage.PutResult{Updated: 1}},
		{"removed", "", storage.PutResult{Updated: 1}},
		{"still none", "", storage.PutResult{Unchanged: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l.Description = tt.desc
			if got := put(t, db, t1, l); got != tt.want {
				t.Errorf("put: %+v, want %+v", got, tt.want)
			}
			if got := get(t, db, l.ID); got.Description != tt.desc {
				t.Errorf("description %q, want %q", got.Description, tt.desc)
			}
		})
	}
}

func TestReopenKeepsGaps(t *testing.T) {
	db, err := storage.Open(filepath.Join(t.TempDir(), "gaps.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := t.Context()
	day := func(n int) time.Time { return time.Date(2026, 10, n, 12, 0, 0, 0, time.UTC) }
	l := jobstats.Listing{Source: "a", SourceID: "1", Title: "Backend Engineer"}
	put := func(n int) {
		if _, err := db.PutListings(ctx, []jobstats.Listing{l}, day(n)); err != nil {
			t.Fatal(err)
		}
	}
	put(1)
	if _, err := db.CloseMissing(ctx, "a", day(3), day(3)); err != nil {
		t.Fatal(err)
	}
	put(5)
	if _, err := db.CloseMissing(ctx, "a", day(7), day(7)); err != nil {
		t.Fatal(err)
	}
	put(9)
	got, err := db.Get(ctx, "a:1")
	if err != nil {
		t.Fatal(err)
	}
	want := []jobstats.Gap{{Closed: day(3), Reopened: day(5)}, {Closed: day(7), Reopened: day(9)}}
	if !reflect.DeepEqual(got.Gaps, want) || !got.ClosedAt.IsZero() {
		t.Fatalf("gaps %v, closed %v; want %v and open", got.Gaps, got.ClosedAt, want)
	}
	for n, open := range map[int]bool{2: true, 3: false, 4: false, 6: true, 8: false, 10: true} {
		if got.OpenAt(day(n)) != open {
			t.Errorf("OpenAt(day %d) = %v, want %v", n, !open, open)
		}
	}
	// Touching and closing rewrite the header: the gaps survive.
	if _, err := db.TouchSource(ctx, "a", day(10)); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.Get(ctx, "a:1"); len(got.Gaps) != 2 {
		t.Errorf("after TouchSource: gaps %v", got.Gaps)
	}
}

func TestCheckInfoBackup(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "sound.db")
	now := time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC)
	db, err := storage.Open(path, &storage.Options{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	put(t, db, t0, listing("a", "1", "x"), listing("a", "2", "y"), listing("b", "1", "z"))
	if _, err := db.CloseMissing(ctx, "b", t1, t1); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if err := db.PutRun(ctx, &jobstats.Run{Source: "a"}); err != nil {
			t.Fatal(err)
		}
	}
	db.PutSnapshot(ctx, t0, "role:x", []byte("{}"))
	db.PutSnapshot(ctx, t1, "role:x", []byte("{}"))
	db.PutSnapshot(ctx, t1, "role:y", []byte("{}"))

	in, err := db.Info(ctx)
	if err != nil {
		t.Fatal(err)
	}
	fi, _ := os.Stat(path)
	want := storage.Info{Path: path, Size: in.Size, PageSize: 16384, Listings: 3, Open: 2, Runs: 2,
		Snapshots: 3, SnapshotKeys: 2, Schema: storage.SchemaVersion, Created: now}
	if in != want || in.Size <= 0 || in.Size > fi.Size() {
		t.Errorf("Info = %+v\nwant   %+v (file of %d bytes)", in, want, fi.Size())
	}

	var buf bytes.Buffer
	n, err := db.Backup(ctx, &buf)
	if err != nil || n != int64(buf.Len()) || n == 0 {
		t.Fatalf("Backup = %d, %v; wrote %d bytes", n, err, buf.Len())
	}
	db.Close()
	copyPath := filepath.Join(dir, "copy.db")
	if err := os.WriteFile(copyPath, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{path, copyPath} {
		rep, err := storage.Check(ctx, p, nil)
		if err != nil || !rep.OK() {
			t.Fatalf("Check(%s) = %+v, %v", filepath.Base(p), rep, err)
		}
		if rep.Listings != 3 || rep.Runs != 2 || rep.Snapshots != 3 || rep.Pages == 0 {
			t.Errorf("Check(%s) counted %+v", filepath.Base(p), rep)
		}
	}
	cp, err := storage.Open(copyPath, &storage.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer cp.Close()
	if l, err := cp.Get(ctx, "a:2"); err != nil || l.Title != "y" {
		t.Errorf("listing in the copy: %+v, %v", l, err)
	}

	// A record that cannot be decoded: Check says which, reads fail
	// with an error naming the file.
	bdb, err := bbolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	bdb.Update(func(tx *bbolt.Tx) error { return tx.Bucket([]byte("listings")).Put([]byte("a:3"), []byte{99, 1, 2}) })
	bdb.Update(func(tx *bbolt.Tx) error {
		return tx.Bucket([]byte("runs")).Put([]byte{0, 0, 0, 0, 0, 0, 0, 1}, []byte("{"))
	})
	bdb.Close()
	rep, err := storage.Check(ctx, path, nil)
	if err != nil {
		t.Fatal(err)
	}
	// The record put with bbolt has no fact beside it: Check counts that
	// too (Facts would miss the listing).
	if len(rep.Problems) != 3 || !strings.Contains(rep.Problems[0], "listing a:3") ||
		!strings.Contains(rep.Problems[1], "facts: 3 for 4 listings") || !strings.Contains(rep.Problems[2], "run 1") {
		t.Errorf("problems %q, want listing a:3, the facts count and run 1", rep.Problems)
	}
	ro, err := storage.Open(path, &storage.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	err = ro.ForEach(ctx, storage.Scan{}, func(*jobstats.Listing) error { return nil })
	if !errors.Is(err, storage.ErrInvalid) || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "a:3") {
		t.Errorf("ForEach = %v, want ErrInvalid naming the file and the listing", err)
	}
	if _, err := ro.Runs(ctx, "", 0); !errors.Is(err, storage.ErrInvalid) || !strings.Contains(err.Error(), path) {
		t.Errorf("Runs = %v, want ErrInvalid naming the file", err)
	}
}

// TestForEachPanicInCallback checks that a panic of the caller's callback
// is the caller's: it goes on, and is not taken for a damaged file.
func TestForEachPanicInCallback(t *testing.T) {
	db := openDB(t)
	put(t, db, t0, listing("a", "1", "x"))
	defer func() {
		if r := recover(); r != "callback bug" {
			t.Errorf("recovered %v, want the callback's own panic", r)
		}
		// The DB still works.
		if _, _, err := db.Count(t.Context()); err != nil {
			t.Errorf("Count after the panic: %v", err)
		}
	}()
	db.ForEach(t.Context(), storage.Scan{}, func(*jobstats.Listing) error { panic("callback bug") })
	t.Error("ForEach returned")
}

// TestSweep applies the domain's sweep: listings kept open are seen, a
// missing one closes at the end of the first complete run that missed it,
// and the result counts what happened.
func TestSweep(t *testing.T) {
	db := openDB(t)
	ctx := t.Context()
	put(t, db, t0, listing("s", "closed", ""), listing("t", "other", ""))
	db.CloseMissing(ctx, "s", t0.Add(time.Hour), t0.Add(time.Hour))
	put(t, db, t0.Add(2*time.Hour), listing("s", "kept", ""), listing("s", "gone", ""))
	put(t, db, t1, listing("s", "seen", ""))
	if _, err := db.Sweep(ctx, &jobstats.Sweep{Source: "s", KeepOpen: map[string]bool{"s:seen": true, "s:kept": true}, Seen: t1}); err != nil {
		t.Fatal(err)
	}
	closing := jobstats.Closing{Runs: []jobstats.RunSpan{{Start: t1, End: t1.Add(time.Hour)}, {Start: t2, End: t2.Add(time.Hour)}}, After: 2}
	res, err := db.Sweep(ctx, &jobstats.Sweep{Source: "s", Seen: t2, KeepOpen: map[string]bool{"s:kept": true, "s:unknown": true}, Close: &closing})
	if err != nil {
		t.Fatal(err)
	}
	if want := (jobstats.SweepResult{Seen: 1, Closed: 1, Kept: 1}); res != want {
		t.Errorf("Sweep = %+v, want %+v", res, want)
	}
	for id, want := range map[string]time.Time{"s:gone": t1.Add(time.Hour), "s:closed": t0.Add(time.Hour)} {
		if l := get(t, db, id); !l.ClosedAt.Equal(want) {
			t.Errorf("%s closed at %v, want %v", id, l.ClosedAt, want)
		}
	}
	if l := get(t, db, "s:kept"); !l.Open() || !l.LastSeen.Equal(t2) {
		t.Errorf("s:kept: open %v, last seen %v", l.Open(), l.LastSeen)
	}
	if l := get(t, db, "s:seen"); !l.Open() {
		t.Error("s:seen, seen by the first complete run, was closed")
	}
	if l := get(t, db, "t:other"); !l.Open() {
		t.Error("another source's listing was swept")
	}
	if _, err := db.Sweep(ctx, &jobstats.Sweep{}); err == nil {
		t.Error("a sweep without a source was accepted")
	}
}
