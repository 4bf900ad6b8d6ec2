package main

import (
	"context"
	"flag"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/parse"
	"github.com/jobstats/jobstats/postgres"
	"github.com/jobstats/jobstats/stats"
	"github.com/jobstats/jobstats/storage"
)

var (
	benchDB       = flag.String("benchdb", "", "TestWriteBenchDB writes a database of -benchdb-listings synthetic listings to this file or postgres:// URL (for bench/report.sh)")
	benchListings = flag.Int("benchdb-listings", 1_000_000, "how many listings TestWriteBenchDB writes")
)

// benchListing returns the i-th synthetic listing: realistic field sizes,
// a spread of roles, levels, currencies and degree statements.
func benchListing(i int, now time.Time) jobstats.Listing {
	roles := []string{"Backend Engineer", "Backend Developer", "Frontend Engineer", "Data Scientist", "Data Engineer",
		"DevOps Engineer", "Site Reliability Engineer", "Machine Learning Engineer", "Product Manager", "QA Engineer",
		"Mobile Developer", "Security Engineer"}
	levels := jobstats.Seniorities
	currencies := []string{"USD", "USD", "USD", "EUR", "GBP", "CAD", "INR"}
	degrees := []jobstats.Degree{jobstats.DegreeRequired, jobstats.DegreeEquivalent, jobstats.DegreePreferred,
		jobstats.DegreeNotRequired, jobstats.DegreeUnknown}
	role := roles[i%len(roles)]
	cur := currencies[i%len(currencies)]
	base := 60000 + (i*7919)%120000
	if cur == "INR" {
		base *= 40
	}
	l := jobstats.Listing{
		Source:         fmt.Sprintf("board%d", i%5),
		SourceID:       fmt.Sprint(i),
		URL:            fmt.Sprintf("https://jobs.example.com/job/%d", i),
		Title:          "Senior " + role,
		Company:        fmt.Sprintf("Company %d", i%5000),
		Location:       "Berlin, Germany",
		Country:        map[string]string{"USD": "US", "EUR": "DE", "GBP": "GB", "CAD": "CA", "INR": "IN"}[cur],
		Workplace:      jobstats.WorkplaceHybrid,
		EmploymentType: "FULL_TIME",
		PostedAt:       now.AddDate(0, 0, -i%90),
		Description:    "We are hiring. You will build and run services with Go, PostgreSQL and Kubernetes.",
		Salary: &jobstats.Salary{Min: jobstats.AmountOf(float64(base)), Max: jobstats.AmountOf(float64(base) * 1.2),
			Currency: cur, Period: jobstats.PeriodYear, From: jobstats.SalaryFromField},
		Degree:    degrees[i%len(degrees)],
		Role:      role,
		Seniority: levels[i%len(levels)],
		Skills:    []string{"Go", "PostgreSQL", "Kubernetes"},
	}
	if i%10 == 0 {
		l.Salary = nil
	}
	if i%17 == 0 {
		l.EmploymentType = "CONTRACTOR"
	}
	l.ID = jobstats.ListingID(l.Source, l.SourceID)
	l.Fingerprint = jobstats.Fingerprint(l.Company, l.Role, fmt.Sprint(i))
	return l
}

// TestWriteBenchDB is not a test: with -benchdb it writes the database that
// bench/report.sh times `jobstats stats report` on, in batches of 5,000
// (one transaction each, as crawls store them), first seen over the 60
// days before today, so that reports compare with 30 days before. It
// logs the rate of the writes alone (run with -test.v).
func TestWriteBenchDB(t *testing.T) {
	if *benchDB == "" {
		t.Skip("set -benchdb FILE to write a benchmark database")
	}
	var db interface {
		PutListings(context.Context, []jobstats.Listing, time.Time) (jobstats.PutResult, error)
		Close() error
	}
	var err error
	if postgres.IsURL(*benchDB) {
		db, err = postgres.Open(t.Context(), *benchDB, nil)
	} else {
		db, err = storage.Open(*benchDB, nil)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	now := time.Now().UTC().Truncate(24 * time.Hour)
	const batchSize = 5000
	batches := (*benchListings + batchSize - 1) / batchSize
	batch := make([]jobstats.Listing, 0, batchSize)
	var writing time.Duration
	for i := 0; i < *benchListings; i++ {
		batch = append(batch, benchListing(i, now))
		if len(batch) == cap(batch) || i == *benchListings-1 {
			k := i / batchSize
			seen := now.Add(-60*24*time.Hour + time.Duration(k)*60*24*time.Hour/time.Duration(batches))
			start := time.Now()
			if _, err := db.PutListings(t.Context(), batch, seen); err != nil {
				t.Fatal(err)
			}
			writing += time.Since(start)
			batch = batch[:0]
		}
	}
	t.Logf("ingest: %d listings in %.2f s of writes: %.0f listings/s", *benchListings, writing.Seconds(), float64(*benchListings)/writing.Seconds())
}

// BenchmarkEnrich measures understanding one listing at ingest: salary
// text, degree, title, skills and the dedup hashes.
func BenchmarkEnrich(b *testing.B) {
	src := benchListing(1, time.Now())
	src.Description = "About the role\nYou will build the services behind our checkout with Go, PostgreSQL and Kafka on Kubernetes.\n" +
		"Requirements\n- 5+ years of experience\n- Bachelor's degree in Computer Science or equivalent practical experience\n" +
		"What we offer\n- Salary range: $140,000 — $170,000 USD\n- 401(k) match up to 4%"
	src.Salary, src.Role, src.Seniority, src.Degree, src.Skills, src.Fingerprint = nil, "", "", "", nil, 0
	b.ReportAllocs()
	for b.Loop() {
		l := src
		parse.Enrich(&l, parse.EnrichOptions{})
	}
}

// benchTable opens the -benchdb database and loads its facts into a
// stats.Table, as a server does once; it skips without -benchdb.
func benchTable(b *testing.B) *stats.Table {
	b.Helper()
	if *benchDB == "" {
		b.Skip("set -benchdb FILE (see bench/report.sh)")
	}
	db, err := storage.Open(*benchDB, &storage.Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	t := stats.NewTable()
	if err := db.Facts(b.Context(), t.AddFact); err != nil {
		b.Fatal(err)
	}
	return t
}

// BenchmarkPageWarm is what a server does for one page (a role in one
// market, over the -benchdb database), from the table in memory: "alone"
// the page's figures, "compared" with those of 30 days before too, as
// served.
func BenchmarkPageWarm(b *testing.B) {
	t := benchTable(b)
	now := time.Now()
	opts := stats.Options{Filter: stats.Filter{Role: "Backend Engineer", Markets: []string{"US"}}, Now: func() time.Time { return now }}
	compared := opts
	compared.CompareAt = now.AddDate(0, 0, -compareDays)
	t.Summary(opts) // the first summary seals the table
	b.Run("alone", func(b *testing.B) {
		for b.Loop() {
			if s := t.Summary(opts); s.Open == 0 {
				b.Fatal("the page has no openings")
			}
		}
		b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/1000, "ms/page")
	})
	b.Run("compared", func(b *testing.B) {
		for b.Loop() {
			if s := t.Summary(compared); s.Roles[0].Pages[0].ChangeSince == nil {
				b.Fatal("the page was not compared")
			}
		}
		b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/1000, "ms/page")
	})
}

// BenchmarkReportWarm is every page of the report from the table in
// memory (the -benchdb database): what DuckDB's warm query is timed
// against.
func BenchmarkReportWarm(b *testing.B) {
	t := benchTable(b)
	t.Summary(stats.Options{}) // the first summary seals the table
	for b.Loop() {
		t.Summary(stats.Options{})
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/1000, "ms/report")
}

// BenchmarkReportFacts is `stats report` in process: open the -benchdb
// database, one pass over its facts into the summary and the one 30 days
// before.
func BenchmarkReportFacts(b *testing.B) {
	if *benchDB == "" {
		b.Skip("set -benchdb FILE (see bench/report.sh)")
	}
	for b.Loop() {
		db, err := storage.Open(*benchDB, &storage.Options{ReadOnly: true})
		if err != nil {
			b.Fatal(err)
		}
		st := stats.NewStream(stats.Options{CompareAt: time.Now().AddDate(0, 0, -compareDays)})
		err = db.Facts(b.Context(), st.AddFact)
		st.Summaries()
		db.Close()
		if err != nil {
			b.Fatal(err)
		}
	}
}

var (
	benchWriter        = flag.String("benchwriter", "", "TestBenchWriter stores listings in this database as a crawl does, beside busy readers (for bench/readers.sh)")
	benchWriterN       = flag.Int("benchwriter-listings", 10_000, "how many listings TestBenchWriter stores")
	benchWriterBatch   = flag.Int("benchwriter-batch", 500, "listings per batch (one open, write and close of the database each)")
	benchWriterTimeout = flag.Duration("benchwriter-timeout", dbTimeout, "how long each batch waits for the lock before it is lost")
)

// TestBenchWriter is not a test: with -benchwriter it stores listings in
// batches the way a crawl does (open the database for writing, wait for
// the lock up to the commands' timeout, write, close; a batch that cannot
// get the lock is lost) and prints how many it stored and how long each
// batch waited for the lock.
func TestBenchWriter(t *testing.T) {
	if *benchWriter == "" {
		t.Skip("set -benchwriter FILE to run the writer of bench/readers.sh")
	}
	now := time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC)
	var waits []time.Duration
	stored, lost := 0, 0
	start := time.Now()
	for first := 0; first < *benchWriterN; first += *benchWriterBatch {
		batch := make([]jobstats.Listing, 0, *benchWriterBatch)
		for i := first; i < min(first+*benchWriterBatch, *benchWriterN); i++ {
			l := benchListing(2_000_000+i, now)
			l.Source, l.ID = "writer", jobstats.ListingID("writer", l.SourceID)
			batch = append(batch, l)
		}
		t0 := time.Now()
		db, err := storage.Open(*benchWriter, &storage.Options{Timeout: *benchWriterTimeout})
		waits = append(waits, time.Since(t0))
		if err != nil {
			lost += len(batch)
			fmt.Printf("batch at %d lost after %v: %v\n", first, waits[len(waits)-1].Round(time.Millisecond), err)
			continue
		}
		if _, err := db.PutListings(t.Context(), batch, now); err != nil {
			t.Fatal(err)
		}
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
		stored += len(batch)
	}
	slices.Sort(waits)
	fmt.Printf("writer: stored %d of %d listings (%d lost) in %d batches over %v; open (lock wait and file check) per batch: median %v, max %v\n",
		stored, *benchWriterN, lost, len(waits), time.Since(start).Round(time.Millisecond),
		waits[len(waits)/2].Round(time.Millisecond), waits[len(waits)-1].Round(time.Millisecond))
}
