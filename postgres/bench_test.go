package postgres_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/postgres"
	"github.com/jobstats/jobstats/postgres/pgtest"
	"github.com/jobstats/jobstats/storetest"
)

// benchDB returns a database of n listings shaped like storetest's full
// listing.
func benchDB(b *testing.B, n int) *postgres.DB {
	db, err := postgres.Open(b.Context(), pgtest.Schema(b), nil)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	batch := make([]jobstats.Listing, 0, 5000)
	for i := range n {
		l := storetest.FullListing()
		l.SourceID = fmt.Sprint(i)
		l.ID = jobstats.ListingID(l.Source, l.SourceID)
		batch = append(batch, l)
		if len(batch) == cap(batch) || i == n-1 {
			if _, err := db.PutListings(b.Context(), batch, time.Now()); err != nil {
				b.Fatal(err)
			}
			batch = batch[:0]
		}
	}
	return db
}

// BenchmarkForEach streams listings without descriptions, as reports do.
func BenchmarkForEach(b *testing.B) {
	const n = 50_000
	db := benchDB(b, n)
	b.ResetTimer()
	for b.Loop() {
		count := 0
		if err := db.ForEach(b.Context(), jobstats.Scan{}, func(*jobstats.Listing) error { count++; return nil }); err != nil || count != n {
			b.Fatal(count, err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/listing")
}

// BenchmarkPutListings stores new listings in batches of 5,000.
func BenchmarkPutListings(b *testing.B) {
	db, err := postgres.Open(b.Context(), pgtest.Schema(b), nil)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	const size = 5000
	next := 0
	b.ResetTimer()
	for b.Loop() {
		batch := make([]jobstats.Listing, size)
		for i := range batch {
			l := storetest.FullListing()
			l.SourceID = fmt.Sprint(next)
			l.ID = jobstats.ListingID(l.Source, l.SourceID)
			batch[i] = l
			next++
		}
		if _, err := db.PutListings(b.Context(), batch, time.Now()); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*size)/b.Elapsed().Seconds(), "listings/s")
}
