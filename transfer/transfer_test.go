package transfer_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/postgres"
	"github.com/jobstats/jobstats/postgres/pgtest"
	"github.com/jobstats/jobstats/storage"
	"github.com/jobstats/jobstats/storetest"
	"github.com/jobstats/jobstats/transfer"
)

var t0 = time.Date(2026, 11, 2, 10, 0, 0, 123456789, time.UTC)

func openBolt(t *testing.T) *storage.DB {
	t.Helper()
	db, err := storage.Open(filepath.Join(t.TempDir(), "jobstats.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func openPG(t *testing.T) *postgres.DB {
	t.Helper()
	db, err := postgres.Open(t.Context(), pgtest.Schema(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// fill writes n listings (every field set, some closed and reopened), runs,
// snapshots and validators into db.
func fill(t *testing.T, db transfer.Target, n int) {
	t.Helper()
	ctx := t.Context()
	var ls []jobstats.Listing
	for i := range n {
		l := storetest.FullListing()
		l.Source = fmt.Sprintf("src%d", i%4)
		l.SourceID = fmt.Sprint(i)
		l.ID = jobstats.ListingID(l.Source, l.SourceID)
		l.Title = fmt.Sprintf("Engineer %d", i)
		l.Description = strings.Repeat("Long description. ", i%50)
		if i%3 == 0 {
			l.Salary = nil
			l.Skills = nil
		}
		lc := jobstats.Lifecycle{FirstSeen: t0.Add(time.Duration(i) * time.Minute), LastSeen: t0.Add(time.Duration(i) * time.Hour)}
		if i%5 == 0 {
			lc.ClosedAt = lc.LastSeen.Add(time.Hour)
		}
		if i%7 == 0 {
			lc.Gaps = []jobstats.Gap{{Closed: lc.FirstSeen.Add(time.Second), Reopened: lc.FirstSeen.Add(time.Minute)}}
		}
		l.SetLifecycle(lc)
		ls = append(ls, l)
	}
	if err := db.ImportListings(ctx, ls); err != nil {
		t.Fatal(err)
	}
	for i := range 5 {
		r := jobstats.Run{Source: fmt.Sprintf("src%d", i%4), Kind: "greenhouse", Start: t0.Add(time.Duration(i) * time.Hour),
			End: t0.Add(time.Duration(i)*time.Hour + time.Minute), Status: jobstats.RunOK, Complete: true, Listings: 10,
			Stored: 10, Host: "h", PID: 1, Heartbeat: t0, Errors: []string{"page 2: 503"}}
		if err := db.PutRun(ctx, &r); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 6 {
		if err := db.PutSnapshot(ctx, t0.Add(time.Duration(i)*time.Hour), fmt.Sprintf("role:r%d", i%2), []byte(fmt.Sprintf(`{"n":%d}`, i))); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.PutValidators(ctx, map[string]jobstats.Validator{"https://a.example/": {ETag: `"e"`}, "https://b.example/x": {LastModified: "Mon"}}); err != nil {
		t.Fatal(err)
	}
}

func sum(t *testing.T, db transfer.Source) (transfer.Counts, string) {
	t.Helper()
	d, err := transfer.Sum(t.Context(), db)
	if err != nil {
		t.Fatal(err)
	}
	return d.Counts(), d.Sum()
}

func TestCopyBoltToBolt(t *testing.T) {
	from, to := openBolt(t), openBolt(t)
	fill(t, from, 300)
	res, err := transfer.Copy(t.Context(), from, to, transfer.Options{BatchSize: 64})
	if err != nil {
		t.Fatal(err)
	}
	want := transfer.Counts{Listings: 300, Runs: 5, Snapshots: 6, Validators: 2}
	if res.Counts != want || res.TargetCounts != want || res.Checksum != res.TargetChecksum {
		t.Errorf("copy: %+v, want %v and equal checksums", res, want)
	}
	if c, s := sum(t, to); c != want || s != res.Checksum {
		t.Errorf("target read again: %v %s", c, s)
	}
	// Run again: idempotent, the same checksum.
	again, err := transfer.Copy(t.Context(), from, to, transfer.Options{})
	if err != nil || again.Checksum != res.Checksum {
		t.Errorf("second copy: %v, %+v", err, again)
	}
}

// TestCopyRefusesOtherTarget: a target that holds records of its own is
// refused before anything is written, since the copy would replace its
// runs and listings of the same IDs with the source's.
func TestCopyRefusesOtherTarget(t *testing.T) {
	from := openBolt(t)
	fill(t, from, 30)
	for name, prepare := range map[string]func(t *testing.T, db *storage.DB){
		"a listing of the source's ID, changed since": func(t *testing.T, db *storage.DB) {
			fill(t, db, 10) // the source's first records: a resumable copy, but for
			l := storetest.FullListing()
			l.Source, l.SourceID = "src0", "0"
			l.ID = jobstats.ListingID(l.Source, l.SourceID)
			l.Title = "Changed in the target"
			if err := db.ImportListings(t.Context(), []jobstats.Listing{l}); err != nil {
				t.Fatal(err)
			}
		},
		"one listing of its own": func(t *testing.T, db *storage.DB) {
			if err := db.ImportListings(t.Context(), []jobstats.Listing{{ID: "zzz:1", Source: "zzz", SourceID: "1"}}); err != nil {
				t.Fatal(err)
			}
		},
		"a run under a source run's ID": func(t *testing.T, db *storage.DB) {
			r := jobstats.Run{Source: "mine", Kind: "jsonld", Start: t0, Status: jobstats.RunOK}
			if err := db.PutRun(t.Context(), &r); err != nil {
				t.Fatal(err)
			}
		},
	} {
		t.Run(name, func(t *testing.T) {
			to := openBolt(t)
			prepare(t, to)
			before, sumBefore := sum(t, to)
			_, err := transfer.Copy(t.Context(), from, to, transfer.Options{})
			if !errors.Is(err, transfer.ErrTargetNotEmpty) {
				t.Fatalf("copy into a database with records of its own: %v, want ErrTargetNotEmpty", err)
			}
			if after, sumAfter := sum(t, to); after != before || sumAfter != sumBefore {
				t.Errorf("the target changed: %v %s, before %v %s", after, sumAfter, before, sumBefore)
			}
		})
	}
}

// failAfter is a target whose ImportListings fails after n calls: a copy
// interrupted midway.
type failAfter struct {
	*storage.DB
	n int
}

func (f *failAfter) ImportListings(ctx context.Context, ls []jobstats.Listing) error {
	if f.n == 0 {
		return errors.New("interrupted")
	}
	f.n--
	return f.DB.ImportListings(ctx, ls)
}

// TestCopyResumes: what an interrupted copy left is not "another
// database": running the copy again completes it.
func TestCopyResumes(t *testing.T) {
	from, to := openBolt(t), openBolt(t)
	fill(t, from, 300)
	if _, err := transfer.Copy(t.Context(), from, &failAfter{DB: to, n: 2}, transfer.Options{BatchSize: 64}); err == nil {
		t.Fatal("the interrupted copy succeeded")
	}
	if c, _ := sum(t, to); c.Listings != 128 {
		t.Fatalf("the interrupted copy left %v, want 128 listings", c)
	}
	res, err := transfer.Copy(t.Context(), from, to, transfer.Options{BatchSize: 64})
	if err != nil {
		t.Fatalf("resumed copy: %v", err)
	}
	if c, s := sum(t, to); c != res.Counts || s != res.Checksum {
		t.Errorf("after the resumed copy the target holds %v %s, the source %v %s", c, s, res.Counts, res.Checksum)
	}
}

// TestCopyRoundTrip copies bbolt -> PostgreSQL -> bbolt: all three hold
// the same records, by counts and checksum.
func TestCopyRoundTrip(t *testing.T) {
	pgtest.URL(t)
	a := openBolt(t)
	fill(t, a, 500)
	pg := openPG(t)
	r1, err := transfer.Copy(t.Context(), a, pg, transfer.Options{BatchSize: 100})
	if err != nil {
		t.Fatalf("bbolt to postgres: %v", err)
	}
	b := openBolt(t)
	r2, err := transfer.Copy(t.Context(), pg, b, transfer.Options{})
	if err != nil {
		t.Fatalf("postgres to bbolt: %v", err)
	}
	ca, sa := sum(t, a)
	cb, sb := sum(t, b)
	if r1.Checksum != r2.Checksum || sa != sb || sa != r1.Checksum || ca != cb {
		t.Errorf("checksums: bbolt %s (%v), postgres %s, bbolt again %s (%v)", sa, ca, r1.TargetChecksum, sb, cb)
	}
	// Resumable: a second copy into PostgreSQL finds it complete.
	if r3, err := transfer.Copy(t.Context(), a, pg, transfer.Options{}); err != nil || r3.TargetChecksum != sa {
		t.Errorf("copy again into postgres: %v, %+v", err, r3)
	}
}

func TestDigest(t *testing.T) {
	l := storetest.FullListing()
	base := func() string {
		var d transfer.Digest
		d.AddListing(&l)
		return d.Sum()
	}
	ref := base()
	for name, change := range map[string]func(*jobstats.Listing){
		"title":          func(l *jobstats.Listing) { l.Title += "x" },
		"one nanosecond": func(l *jobstats.Listing) { l.PostedAt = l.PostedAt.Add(1) },
		"no salary":      func(l *jobstats.Listing) { l.Salary = nil },
		"salary max":     func(l *jobstats.Listing) { s := *l.Salary; s.Max++; l.Salary = &s },
		"closed":         func(l *jobstats.Listing) { l.ClosedAt = t0 },
		"gap":            func(l *jobstats.Listing) { l.Gaps = []jobstats.Gap{{Closed: t0, Reopened: t0}} },
		"fingerprint":    func(l *jobstats.Listing) { l.Fingerprint ^= 1 },
		"skill moved":    func(l *jobstats.Listing) { l.Skills = append(l.Skills[1:], l.Skills[0]) },
		"description":    func(l *jobstats.Listing) { l.Description = "" },
	} {
		saved := l
		saved.Skills = append([]string(nil), l.Skills...)
		change(&l)
		if got := base(); got == ref {
			t.Errorf("%s: the checksum did not change", name)
		}
		l = saved
	}
	// Location and nil-or-empty make no difference.
	same := l
	same.PostedAt = l.PostedAt.In(time.FixedZone("X", 3600))
	same.Gaps = []jobstats.Gap{}
	var d transfer.Digest
	d.AddListing(&same)
	if d.Sum() != ref {
		t.Error("a time's location or an empty slice changed the checksum")
	}
	// Order does not matter.
	var x, y transfer.Digest
	r1, r2 := jobstats.Run{ID: 1, Source: "a"}, jobstats.Run{ID: 2, Source: "b"}
	x.AddRun(&r1)
	x.AddRun(&r2)
	y.AddRun(&r2)
	y.AddRun(&r1)
	if x.Sum() != y.Sum() || x.Counts().Runs != 2 {
		t.Error("the order of records changed the checksum")
	}
	if !strings.HasPrefix(ref, "sha256:") || len(ref) != len("sha256:")+64 {
		t.Errorf("checksum %q: want sha256: and 64 hex digits", ref)
	}
}
