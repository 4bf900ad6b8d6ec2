package storage_test

import (
	"crypto/sha256"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"go.etcd.io/bbolt"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/storage"
)

var update = flag.Bool("update", false, "rewrite the golden files of the storage tests")

// TestPutListingsGolden writes batches that take every road through
// PutListings (new ids, ids already stored, changed and unchanged,
// duplicates within a batch, ids made from source and source id, new
// symbols in the middle of a batch, a closed listing seen again) and
// compares what the file then holds, bucket by bucket, with what it held
// when the batches were written listing after listing: how PutListings
// goes about the batch must not change a byte of the file.
func TestPutListingsGolden(t *testing.T) {
	path := filepath.Join(t.TempDir(), "golden.db")
	seen := time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC)
	db, err := storage.Open(path, &storage.Options{Now: func() time.Time { return seen }})
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(5, 6))
	listing := func(i int, source string) jobstats.Listing {
		l := benchListing(r, source, i, i%3 != 0)
		switch i % 7 {
		case 1:
			l.ID = "" // from Source and SourceID
		case 2:
			l.Company = fmt.Sprintf("  New   Company %d ", i) // a symbol of its own
		case 3:
			l.City, l.Region, l.Country = "Austin", "TX", "US"
		case 4:
			l.Workplace, l.RemoteScope = jobstats.WorkplaceRemote, "EU"
			l.Sources = append(l.Sources, "mirror")
		case 5:
			l.Certifications = []string{fmt.Sprintf("Cert %d", i%11)}
		}
		return l
	}
	put := func(ls []jobstats.Listing, at time.Time) {
		t.Helper()
		if _, err := db.PutListings(t.Context(), ls, at); err != nil {
			t.Fatal(err)
		}
	}
	var first []jobstats.Listing
	for i := range 1500 {
		first = append(first, listing(i, []string{"a", "b", "c"}[i%3]))
	}
	// Duplicates within the batch, with other sources.
	for i := 0; i < 1500; i += 97 {
		d := first[i]
		d.Sources, d.Title = []string{"dup"}, d.Title+" (again)"
		first = append(first, d)
	}
	put(first[:700], seen)
	put(first[700:], seen.Add(time.Hour))

	// Seen again: unchanged, changed, and new ones among them.
	var second []jobstats.Listing
	for i := 0; i < len(first); i += 2 {
		l := first[i]
		switch i % 8 {
		case 0:
			l.Description = ""
		case 2:
			l.Skills = append(l.Skills, "Rust")
		case 4:
			l.Company = "Another Company"
		}
		second = append(second, l)
	}
	for i := 1500; i < 1800; i++ {
		second = append(second, listing(i, "b"))
	}
	put(second, seen.Add(24*time.Hour))
	if _, err := db.CloseMissing(t.Context(), "a", seen.Add(24*time.Hour), seen.Add(25*time.Hour)); err != nil {
		t.Fatal(err)
	}
	put(first[:300], seen.Add(48*time.Hour)) // some reopen
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	var got strings.Builder
	bdb, err := bbolt.Open(path, 0o600, &bbolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer bdb.Close()
	err = bdb.View(func(tx *bbolt.Tx) error {
		for _, name := range []string{"listings", "descriptions", "facts", "symbols", "meta"} {
			b := tx.Bucket([]byte(name))
			if b == nil {
				return fmt.Errorf("no bucket %s", name)
			}
			h := sha256.New()
			n := 0
			err := b.ForEach(func(k, v []byte) error {
				fmt.Fprintf(h, "%d:%s%d:%s", len(k), k, len(v), v)
				n++
				return nil
			})
			if err != nil {
				return err
			}
			fmt.Fprintf(&got, "%s %d %d %x\n", name, n, b.Sequence(), h.Sum(nil))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "putlistings.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(got.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got.String() != string(want) {
		t.Errorf("the file holds\n%s\nwant\n%s", got.String(), want)
	}
}

// TestPutListingsConcurrent puts the same new ids from two goroutines at
// once: each is new to exactly one of the transactions, whatever the
// order in which they looked the ids up and wrote them.
func TestPutListingsConcurrent(t *testing.T) {
	db, err := storage.Open(filepath.Join(t.TempDir(), "c.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	r := rand.New(rand.NewPCG(7, 8))
	seen := time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC)
	for round := range 5 {
		var ls []jobstats.Listing
		for i := range 600 {
			ls = append(ls, benchListing(r, "c", round*600+i, false))
		}
		var res [2]jobstats.PutResult
		var errs [2]error
		var wg sync.WaitGroup
		for g := range 2 {
			wg.Go(func() { res[g], errs[g] = db.PutListings(t.Context(), ls, seen) })
		}
		wg.Wait()
		if errs[0] != nil || errs[1] != nil {
			t.Fatal(errs)
		}
		if res[0].New+res[1].New != len(ls) || res[0].Unchanged+res[1].Unchanged != len(ls) {
			t.Fatalf("round %d: %+v and %+v", round, res[0], res[1])
		}
	}
	if n := storage.FactsCount(db); n != 3000 {
		t.Errorf("facts count %d, want 3000", n)
	}
}
