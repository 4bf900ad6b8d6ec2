package storage_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"time"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/storage"
)

func Example() {
	dir, err := os.MkdirTemp("", "jobstats-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	ctx := context.Background()
	db, err := storage.Open(filepath.Join(dir, "jobstats.db"), nil)
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()

	seen := time.Date(2026, 11, 2, 6, 0, 0, 0, time.UTC)
	batch := []jobstats.Listing{{
		ID: jobstats.ListingID("acme", "42"), Source: "acme", SourceID: "42",
		Title:  "Senior Go Engineer",
		Salary: &jobstats.Salary{Min: jobstats.AmountOf(120000), Max: jobstats.AmountOf(150000), Currency: "USD", Period: jobstats.PeriodYear},
	}}
	res, err := db.PutListings(ctx, batch, seen)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("new %d, updated %d\n", res.New, res.Updated)

	res, _ = db.PutListings(ctx, batch, seen.Add(24*time.Hour))
	fmt.Printf("new %d, unchanged %d\n", res.New, res.Unchanged)

	l, err := db.Get(ctx, "acme:42")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(l.Title, l.Salary.Mid(), l.Salary.Currency)
	fmt.Println(l.FirstSeen.Format(time.DateOnly), l.LastSeen.Format(time.DateOnly))
	// Output:
	// new 1, updated 0
	// new 0, unchanged 1
	// Senior Go Engineer 135000 USD
	// 2026-11-02 2026-11-03
}

// The facts a store keeps of its listings are what statistics read: a
// stats.Stream or stats.Table takes them from Facts as they come (their
// AddFact has its signature).
func ExampleDB_Facts() {
	dir, err := os.MkdirTemp("", "jobstats-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	ctx := context.Background()
	db, err := storage.Open(filepath.Join(dir, "jobstats.db"), nil)
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	seen := time.Date(2026, 11, 2, 6, 0, 0, 0, time.UTC)
	_, err = db.PutListings(ctx, []jobstats.Listing{
		{Source: "acme", SourceID: "42", Role: "Backend Engineer", Country: "US", Company: "Acme", Skills: []string{"Go"}},
		{Source: "acme", SourceID: "43", Role: "Data Scientist", Country: "DE", Company: "Acme"},
	}, seen)
	if err != nil {
		log.Fatal(err)
	}
	err = db.Facts(ctx, func(syms *jobstats.Symbols, f *jobstats.Fact) error {
		fmt.Println(syms.Name(f.Role), syms.Name(f.Market), syms.Name(f.Company), len(f.Skills),
			jobstats.TimeOf(f.FirstSeen).Format(time.DateOnly), f.Alone)
		return nil
	})
	if err != nil {
		log.Fatal(err)
	}
	// Output:
	// Backend Engineer US Acme 1 2026-11-02 true
	// Data Scientist DE Acme 0 2026-11-02 true
}
