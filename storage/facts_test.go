package storage_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"go.etcd.io/bbolt"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/storage"
)

func TestFactCodecRoundTrip(t *testing.T) {
	full := jobstats.Fact{
		Role: 1, Market: 2, Seniority: 3, Employment: 4, Workplace: 5, Degree: 6, Company: 7, Place: 8,
		Salary: true, Min: 7_000_000, Max: 8_500_000, Currency: 9, Period: 10, ExperienceYears: 5,
		Fingerprint: 0x8a3f01c277d4e905, Simhash: 0x0f0f3c3ca5a59669,
		PostedAt:  time.Date(2026, 10, 30, 0, 0, 0, 0, time.UTC).UnixNano(),
		FirstSeen: time.Date(2026, 11, 1, 6, 0, 0, 123, time.UTC).UnixNano(),
		LastSeen:  time.Date(2026, 11, 20, 6, 0, 0, 0, time.UTC).UnixNano(),
		ClosedAt:  time.Date(2026, 11, 21, 6, 30, 0, 0, time.UTC).UnixNano(),
		Gaps:      []int64{1, 2, 3, 4},
		Sources:   []jobstats.Sym{11, 12}, Skills: []jobstats.Sym{13, 14, 13, 0}, Certifications: []jobstats.Sym{15},
	}
	tests := []struct {
		name string
		f    jobstats.Fact
	}{
		{"full", full},
		{"empty", jobstats.Fact{PostedAt: jobstats.NoTime, FirstSeen: jobstats.NoTime, LastSeen: jobstats.NoTime, ClosedAt: jobstats.NoTime}},
		{"salary with zero bounds", jobstats.Fact{Salary: true, Currency: 0, PostedAt: jobstats.NoTime,
			FirstSeen: 5, LastSeen: jobstats.NoTime, ClosedAt: 3}},
		{"negative amounts", jobstats.Fact{Salary: true, Min: -5, Max: math.MinInt64, PostedAt: jobstats.NoTime,
			FirstSeen: jobstats.NoTime, LastSeen: 7, ClosedAt: jobstats.NoTime}},
		{"extreme times", jobstats.Fact{PostedAt: math.MaxInt64, FirstSeen: math.MinInt64 + 1, LastSeen: math.MaxInt64,
			ClosedAt: math.MinInt64 + 1, Gaps: []int64{math.MaxInt64, math.MinInt64}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := storage.EncodeFact(&tt.f)
			got, err := storage.DecodeFact(rec, 16)
			if err != nil {
				t.Fatal(err)
			}
			if !sameFact(got, tt.f) {
				t.Errorf("round trip:\n got %+v\nwant %+v", got, tt.f)
			}
		})
	}
	if n := len(storage.EncodeFact(&full)); n > 90 {
		t.Errorf("a full fact takes %d bytes, want at most 90", n)
	}
}

// sameFact compares facts with nil and empty slices equal.
func sameFact(a, b jobstats.Fact) bool {
	norm := func(f *jobstats.Fact) {
		for _, p := range []*[]jobstats.Sym{&f.Sources, &f.Skills, &f.Certifications} {
			if len(*p) == 0 {
				*p = nil
			}
		}
		if len(f.Gaps) == 0 {
			f.Gaps = nil
		}
	}
	norm(&a)
	norm(&b)
	return reflect.DeepEqual(a, b)
}

func TestDecodeFactErrors(t *testing.T) {
	good := storage.EncodeFact(&jobstats.Fact{Role: 3, Salary: true, Currency: 2, Fingerprint: 9, FirstSeen: 1,
		LastSeen: jobstats.NoTime, ClosedAt: jobstats.NoTime, PostedAt: jobstats.NoTime, Skills: []jobstats.Sym{1}})
	zeroFP := append([]byte(nil), good...)
	i := bytes.Index(zeroFP, binary.BigEndian.AppendUint64(nil, 9))
	copy(zeroFP[i:], make([]byte, 8))
	tests := []struct {
		name  string
		rec   []byte
		nsyms int
		want  string
	}{
		{"empty", nil, 8, "empty fact record"},
		{"unknown format", append([]byte{9}, good[1:]...), 8, "unknown fact format 9"},
		{"unknown flag", append([]byte{1, 0xff, 0xff}, good[3:]...), 8, "fact flags"},
		{"symbol out of table", good, 3, "bad role"},
		{"truncated", good[:len(good)-1], 8, "bad"},
		{"trailing bytes", append(append([]byte(nil), good...), 0), 8, "trailing bytes"},
		{"zero fingerprint", zeroFP, 8, "bad fingerprint"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := storage.DecodeFact(tt.rec, tt.nsyms)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("DecodeFact = %v, want an error with %q", err, tt.want)
			}
		})
	}
}

// FuzzFactCodec decodes arbitrary records, which may come from a damaged
// file: never a panic, and what decodes encodes back to a record that
// decodes the same.
func FuzzFactCodec(f *testing.F) {
	f.Add(storage.EncodeFact(&jobstats.Fact{Role: 1, Salary: true, FirstSeen: 10, LastSeen: 20, ClosedAt: jobstats.NoTime,
		PostedAt: 5, Gaps: []int64{1, 2}, Skills: []jobstats.Sym{2, 3}}))
	f.Add([]byte{1, 0, 0})
	f.Add([]byte{1, 0, 16, 2, 0xff})
	f.Fuzz(func(t *testing.T, rec []byte) {
		got, err := storage.DecodeFact(rec, 64)
		if err != nil {
			return
		}
		again, err := storage.DecodeFact(storage.EncodeFact(&got), 64)
		if err != nil || !sameFact(again, got) {
			t.Fatalf("re-encoded fact %+v decodes to %+v, %v", got, again, err)
		}
	})
}

// namedFact is a Fact with its symbols replaced by their names, so that
// facts of two symbol tables compare.
type namedFact struct {
	Role, Market, Seniority, Employment, Workplace, Degree, Company, Place, Currency, Period string
	Salary                                                                                   bool
	Min, Max                                                                                 jobstats.Amount
	Years                                                                                    int
	Fingerprint, Simhash                                                                     uint64
	Posted, First, Last, Closed                                                              int64
	Gaps                                                                                     string
	Sources, Skills, Certifications                                                          string
}

func named(syms *jobstats.Symbols, f *jobstats.Fact) namedFact {
	list := func(l []jobstats.Sym) string {
		var parts []string
		for _, s := range l {
			parts = append(parts, syms.Name(s))
		}
		return strings.Join(parts, "|")
	}
	return namedFact{
		Role: syms.Name(f.Role), Market: syms.Name(f.Market), Seniority: syms.Name(f.Seniority),
		Employment: syms.Name(f.Employment), Workplace: syms.Name(f.Workplace), Degree: syms.Name(f.Degree),
		Company: syms.Name(f.Company), Place: syms.Name(f.Place), Currency: syms.Name(f.Currency),
		Period: syms.Name(f.Period), Salary: f.Salary, Min: f.Min, Max: f.Max, Years: f.ExperienceYears,
		Fingerprint: f.Fingerprint, Simhash: f.Simhash, Posted: f.PostedAt, First: f.FirstSeen,
		Last: f.LastSeen, Closed: f.ClosedAt, Gaps: fmt.Sprint(f.Gaps),
		Sources: list(f.Sources), Skills: list(f.Skills), Certifications: list(f.Certifications),
	}
}

// factsOf returns the facts Facts gives, by name.
func factsOf(t *testing.T, db *storage.DB) []namedFact {
	t.Helper()
	var out []namedFact
	var table *jobstats.Symbols
	err := db.Facts(t.Context(), func(syms *jobstats.Symbols, f *jobstats.Fact) error {
		if table != nil && syms != table {
			t.Fatal("Facts passed two symbol tables")
		}
		table = syms
		out = append(out, named(syms, f))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// decodedFacts returns the facts of every listing by full decode.
func decodedFacts(t *testing.T, db *storage.DB) []namedFact {
	t.Helper()
	var out []namedFact
	syms := jobstats.NewSymbols()
	var f jobstats.Fact
	err := db.ForEach(t.Context(), storage.Scan{}, func(l *jobstats.Listing) error {
		f.Set(l, syms)
		out = append(out, named(syms, &f))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func checkFacts(t *testing.T, db *storage.DB, step string) {
	t.Helper()
	got, want := factsOf(t, db), decodedFacts(t, db)
	if len(got) != len(want) {
		t.Fatalf("%s: %d facts for %d listings", step, len(got), len(want))
	}
	if n := storage.FactsCount(db); n != uint64(len(want)) {
		t.Fatalf("%s: the facts count is %d for %d listings", step, n, len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("%s: fact %d:\n got %+v\nwant %+v", step, i, got[i], want[i])
		}
	}
}

// randomListing returns a listing of one of a few sources, with a random
// mix of the fields facts keep.
func randomListing(r *rand.Rand, i int) jobstats.Listing {
	pick := func(vals ...string) string { return vals[r.IntN(len(vals))] }
	src := pick("greenhouse", "lever", "hn")
	id := fmt.Sprint(r.IntN(3*i/2 + 10))
	l := jobstats.Listing{
		ID: jobstats.ListingID(src, id), Source: src, SourceID: id,
		Title:          pick("Senior Backend Engineer", "Data Scientist", " Data  Scientist ", "", "SRE"),
		Role:           pick("Backend Engineer", "Data Scientist", "", "backend engineer"),
		Company:        pick("Acme", " Acme ", "Globex GmbH", ""),
		Location:       pick("Berlin, Germany", "Remote - US", ""),
		City:           pick("", "Berlin", "Austin"),
		Region:         pick("", "TX"),
		Country:        pick("", "US", "DE", "GB"),
		RemoteScope:    pick("", "EU", "worldwide", "US"),
		Workplace:      jobstats.Workplace(pick("", "remote", "hybrid", "onsite", "Remote")),
		EmploymentType: pick("", "full_time", "contract", "CONTRACTOR", "internship", "Part-time"),
		Degree:         jobstats.Degree(pick("", "required", "equivalent", "preferred", "not_required")),
		Seniority:      jobstats.Seniority(pick("", "junior", "mid", "senior", "intern", "staff")),
		Description:    pick("", "Build things with Go and PostgreSQL for our customers every day."),
	}
	if r.IntN(4) > 0 {
		l.Salary = &jobstats.Salary{Min: jobstats.Amount(r.Int64N(20_000_000)), Max: jobstats.Amount(r.Int64N(30_000_000)),
			Currency: pick("USD", "EUR", "usd", "", "XYZ"), Period: jobstats.Period(pick("year", "month", "hour", "day", "", "fortnight"))}
	}
	if r.IntN(3) == 0 {
		l.PostedAt = t0.AddDate(0, 0, -r.IntN(60))
	}
	l.ExperienceYears = r.IntN(4) * r.IntN(6)
	for range r.IntN(4) {
		l.Skills = append(l.Skills, pick("Go", "Python", "", "Go", "Kubernetes"))
	}
	if r.IntN(5) == 0 {
		l.Certifications = []string{pick("CKA", "AWS SA")}
	}
	if r.IntN(4) == 0 {
		l.Sources = []string{pick("linkedin", src, "indeed")}
	}
	if r.IntN(3) > 0 {
		l.Fingerprint = uint64(r.IntN(20) + 1)
		l.Simhash = uint64(r.IntN(4))
	}
	return l
}

// TestFactsFollowListings checks that the facts a store keeps always equal
// the facts of its listings, through new and seen-again listings, sweeps
// that close, reopenings, and prunes.
func TestFactsFollowListings(t *testing.T) {
	db := openDB(t)
	ctx := t.Context()
	r := rand.New(rand.NewPCG(7, 8))
	checkFacts(t, db, "empty")
	at := t0
	for round := range 12 {
		at = at.Add(time.Duration(1+r.IntN(48)) * time.Hour)
		batch := make([]jobstats.Listing, 40+r.IntN(40))
		for i := range batch {
			batch[i] = randomListing(r, round*60+i)
		}
		put(t, db, at, batch...)
		checkFacts(t, db, fmt.Sprintf("round %d put", round))
		for _, src := range []string{"greenhouse", "lever", "hn"} {
			closing := jobstats.Closing{Runs: []jobstats.RunSpan{{Start: at.Add(time.Minute), End: at.Add(time.Hour)}}, After: 1}
			sw := &jobstats.Sweep{Source: src, Seen: at, KeepOpen: map[string]bool{src + ":3": true}}
			if r.IntN(2) == 0 {
				sw.Close = &closing
			}
			if _, err := db.Sweep(ctx, sw); err != nil {
				t.Fatal(err)
			}
		}
		checkFacts(t, db, fmt.Sprintf("round %d sweep", round))
		if round%4 == 3 {
			if _, err := db.Prune(ctx, at.Add(-24*time.Hour)); err != nil {
				t.Fatal(err)
			}
			checkFacts(t, db, fmt.Sprintf("round %d prune", round))
		}
	}
}

// TestFactsManyPages reads the facts of enough listings for many leaf
// pages under branch pages, and for several segments per core, read-only
// and writable, on one core and on several: the facts equal the
// listings', in order, and Alone marks exactly the lone fingerprints.
func TestFactsManyPages(t *testing.T) {
	path := filepath.Join(t.TempDir(), "jobstats.db")
	db, err := storage.Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(3, 4))
	batch := make([]jobstats.Listing, 0, 5000)
	for i := range 30_000 {
		l := randomListing(r, i)
		l.SourceID = fmt.Sprint(i)
		l.ID = jobstats.ListingID(l.Source, l.SourceID)
		l.Fingerprint = uint64(r.IntN(40_000))
		batch = append(batch, l)
		if len(batch) == cap(batch) {
			put(t, db, t0, batch...)
			batch = batch[:0]
		}
	}
	var fps []uint64
	db.ForEach(t.Context(), storage.Scan{}, func(l *jobstats.Listing) error {
		fps = append(fps, l.Fingerprint)
		return nil
	})
	lone := jobstats.LoneFingerprints(fps)
	check := func(t *testing.T, db *storage.DB) {
		checkFacts(t, db, "")
		i := 0
		err := db.Facts(t.Context(), func(_ *jobstats.Symbols, f *jobstats.Fact) error {
			if f.Alone != lone[i] {
				t.Fatalf("fact %d: Alone %v, want %v", i, f.Alone, lone[i])
			}
			i++
			return nil
		})
		if err != nil || i != len(lone) {
			t.Fatalf("Facts: %d facts, %v", i, err)
		}
	}
	for _, procs := range []int{1, 2, 3} {
		t.Run(fmt.Sprintf("writable, %d cores", procs), func(t *testing.T) {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
			check(t, db)
		})
	}
	db.Close()
	ro, err := storage.Open(path, &storage.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	for _, procs := range []int{1, 2, 3} {
		t.Run(fmt.Sprintf("read-only, %d cores", procs), func(t *testing.T) {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
			check(t, ro)
		})
	}
}

func TestChanges(t *testing.T) {
	db := openDB(t)
	ctx := t.Context()
	changes := func() uint64 {
		t.Helper()
		v, err := db.Changes(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	c0 := changes()
	put(t, db, t0, listing("s", "a", "A"), listing("s", "b", "B"))
	c1 := changes()
	if c1 == c0 {
		t.Error("PutListings did not change the counter")
	}
	if _, err := db.TouchSource(ctx, "s", t0); err != nil {
		t.Fatal(err)
	}
	if changes() != c1 {
		t.Error("a sweep that changed nothing changed the counter")
	}
	if _, err := db.CloseMissing(ctx, "s", t1, t1); err != nil {
		t.Fatal(err)
	}
	c2 := changes()
	if c2 == c1 {
		t.Error("a sweep that closed listings did not change the counter")
	}
	if n, err := db.Prune(ctx, t2); err != nil || n != 2 {
		t.Fatalf("Prune = %d, %v", n, err)
	}
	if changes() == c2 {
		t.Error("Prune did not change the counter")
	}
	if err := db.PutRun(ctx, &jobstats.Run{Source: "s", Start: t2}); err != nil {
		t.Fatal(err)
	}
	if err := db.Compact(ctx); err != nil {
		t.Fatal(err)
	}
	if c := changes(); c != c2+1 {
		t.Errorf("after a run record and Compact the counter is %d, want %d", c, c2+1)
	}
}

// downgrade turns the file at path into one an older jobstats wrote:
// schema version 1, without facts or symbols.
func downgrade(t *testing.T, path string) {
	t.Helper()
	bdb, err := bbolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer bdb.Close()
	err = bdb.Update(func(tx *bbolt.Tx) error {
		for _, b := range []string{"facts", "symbols"} {
			if err := tx.DeleteBucket([]byte(b)); err != nil {
				return err
			}
		}
		meta := tx.Bucket([]byte("meta"))
		meta.Delete([]byte("facts"))
		return meta.Put([]byte("schema"), binary.AppendUvarint(nil, 1))
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestFactsOfAnOlderFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := storage.Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(1, 1))
	batch := make([]jobstats.Listing, 300)
	for i := range batch {
		batch[i] = randomListing(r, i)
	}
	put(t, db, t0, batch...)
	want := decodedFacts(t, db)
	db.Close()
	downgrade(t, path)

	var logs bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logs, nil))
	ro, err := storage.Open(path, &storage.Options{ReadOnly: true, Logger: log})
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := ro.FactsReady(t.Context()); ok || err != nil {
		t.Errorf("FactsReady of an older file = %v, %v", ok, err)
	}
	if got := factsOf(t, ro); !reflect.DeepEqual(got, want) {
		t.Error("the facts of an older file, read-only, differ from its listings'")
	}
	if !strings.Contains(logs.String(), "reading every listing") {
		t.Errorf("the slower read of an older file was not logged: %q", logs.String())
	}
	ro.Close()

	logs.Reset()
	db, err = storage.Open(path, &storage.Options{Logger: log})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if ok, err := db.FactsReady(t.Context()); !ok || err != nil {
		t.Errorf("FactsReady after a writable open = %v, %v", ok, err)
	}
	if !strings.Contains(logs.String(), "facts built") || !strings.Contains(logs.String(), fmt.Sprintf("listings=%d", len(want))) {
		t.Errorf("the build of the facts was not logged: %q", logs.String())
	}
	if got := factsOf(t, db); !reflect.DeepEqual(got, want) {
		t.Error("the facts built on open differ from the listings'")
	}
	put(t, db, t1, randomListing(r, 7), randomListing(r, 400))
	checkFacts(t, db, "after a put into the upgraded file")
}

// TestFactsBuildRestarts opens a file whose facts were left half built (the
// version mark missing) and a file of facts of another version: both are
// built again.
func TestFactsBuildRestarts(t *testing.T) {
	for _, mark := range [][]byte{nil, binary.AppendUvarint(nil, jobstats.FactsVersion+1)} {
		path := filepath.Join(t.TempDir(), "half.db")
		db, err := storage.Open(path, nil)
		if err != nil {
			t.Fatal(err)
		}
		put(t, db, t0, listing("s", "a", "A"), listing("s", "b", "B"))
		db.Close()
		bdb, err := bbolt.Open(path, 0o600, nil)
		if err != nil {
			t.Fatal(err)
		}
		bdb.Update(func(tx *bbolt.Tx) error {
			tx.Bucket([]byte("facts")).Delete([]byte("s:b"))
			if mark == nil {
				return tx.Bucket([]byte("meta")).Delete([]byte("facts"))
			}
			return tx.Bucket([]byte("meta")).Put([]byte("facts"), mark)
		})
		bdb.Close()
		db, err = storage.Open(path, nil)
		if err != nil {
			t.Fatal(err)
		}
		checkFacts(t, db, fmt.Sprintf("mark %v", mark))
		if n := len(factsOf(t, db)); n != 2 {
			t.Errorf("mark %v: %d facts after the rebuild, want 2", mark, n)
		}
		db.Close()
	}
}

// TestSymbolsAfterFailedPut fails a batch after it interned new strings
// (a damaged record later in the batch) and checks that the symbols and
// facts stay consistent for the batches after it.
func TestSymbolsAfterFailedPut(t *testing.T) {
	path := filepath.Join(t.TempDir(), "jobstats.db")
	db, err := storage.Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	put(t, db, t0, listing("s", "bad", "x"))
	db.Close()
	bdb, err := bbolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	bdb.Update(func(tx *bbolt.Tx) error { return tx.Bucket([]byte("listings")).Put([]byte("s:bad"), []byte{9}) })
	bdb.Close()
	db, err = storage.Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	first := listing("s", "a-first", "Never Stored Title")
	first.Company = "Never Stored Inc"
	if _, err := db.PutListings(t.Context(), []jobstats.Listing{first, listing("s", "bad", "x")}, t1); !errors.Is(err, storage.ErrInvalid) {
		t.Fatalf("a batch over a damaged record = %v, want ErrInvalid", err)
	}
	good := listing("s", "good", "Brand New Title")
	good.Company = "Brand New Company"
	put(t, db, t2, good)
	db.Close()

	db, err = storage.Open(path, &storage.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var got []namedFact
	err = db.Facts(t.Context(), func(syms *jobstats.Symbols, f *jobstats.Fact) error {
		got = append(got, named(syms, f))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[1].Company != "Brand New Company" || got[1].Role != "Brand New Title" {
		t.Errorf("facts after a failed batch: %+v", got)
	}
}

func TestFactsScanStops(t *testing.T) {
	db := openDB(t)
	put(t, db, t0, listing("s", "a", "A"), listing("s", "b", "B"))
	stop := errors.New("stop")
	n := 0
	if err := db.Facts(t.Context(), func(*jobstats.Symbols, *jobstats.Fact) error { n++; return stop }); err != stop || n != 1 {
		t.Errorf("Facts = %v after %d calls, want stop after 1", err, n)
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if err := db.Facts(ctx, func(*jobstats.Symbols, *jobstats.Fact) error { return nil }); !errors.Is(err, context.Canceled) {
		t.Errorf("Facts with a cancelled context = %v", err)
	}
}

func TestFactsOfDamagedRecord(t *testing.T) {
	path := filepath.Join(t.TempDir(), "jobstats.db")
	db, err := storage.Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	put(t, db, t0, listing("s", "a", "A"))
	db.Close()
	bdb, err := bbolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	bdb.Update(func(tx *bbolt.Tx) error { return tx.Bucket([]byte("facts")).Put([]byte("s:a"), []byte{1, 0, 200}) })
	bdb.Close()
	db, err = storage.Open(path, &storage.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Facts(t.Context(), func(*jobstats.Symbols, *jobstats.Fact) error { return nil })
	if !errors.Is(err, storage.ErrInvalid) || !strings.Contains(err.Error(), "s:a") {
		t.Errorf("Facts over a damaged record = %v, want ErrInvalid naming the listing", err)
	}
}

// TestSymbolsConcurrentWriters stores batches from many goroutines at
// once, some failing on a damaged record after interning new strings, and
// checks that the stored symbol table has no gap and every fact reads.
func TestSymbolsConcurrentWriters(t *testing.T) {
	path := filepath.Join(t.TempDir(), "jobstats.db")
	db, err := storage.Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	put(t, db, t0, listing("z", "bad", "x"))
	db.Close()
	bdb, err := bbolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	bdb.Update(func(tx *bbolt.Tx) error { return tx.Bucket([]byte("listings")).Put([]byte("z:bad"), []byte{9}) })
	bdb.Close()
	db, err = storage.Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for b := range 10 {
				l := listing(fmt.Sprintf("s%d", g), fmt.Sprint(b), fmt.Sprintf("Title %d-%d", g, b))
				l.Company = fmt.Sprintf("Company %d-%d", g, b)
				batch := []jobstats.Listing{l}
				if b%3 == 0 {
					// Fails on the damaged record, after interning.
					batch = append(batch, listing("z", "bad", fmt.Sprintf("Never %d-%d", g, b)))
				}
				db.PutListings(t.Context(), batch, t0.Add(time.Duration(b)*time.Minute))
			}
		})
	}
	wg.Wait()
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db, err = storage.Open(path, &storage.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	got := factsOf(t, db)
	if len(got) != 8*6+1 {
		t.Errorf("%d facts, want %d", len(got), 8*6+1)
	}
	for _, f := range got {
		if f.Role != "" && !strings.HasPrefix(f.Role, "Title ") && f.Role != "x" {
			t.Errorf("a fact reads role %q", f.Role)
		}
	}
}
