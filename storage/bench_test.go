package storage_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/storage"
)

var (
	benchTitles    = []string{"Senior Backend Engineer", "Data Scientist", "Product Manager", "Staff Software Engineer (Go)", "Frontend Developer, React", "DevOps Engineer", "Machine Learning Engineer II"}
	benchCompanies = []string{"Acme Corp", "Globex GmbH", "Initech", "Umbrella Health", "Hooli", "Stark Industries Ltd."}
	benchPlaces    = []string{"Berlin, Germany", "Remote - US", "London, UK", "New York, NY", "Amsterdam, Netherlands", "Toronto, ON"}
	benchSkills    = []string{"Go", "Python", "PostgreSQL", "Kubernetes", "AWS", "React", "TypeScript", "Terraform", "Kafka"}
	benchWords     = strings.Fields("we are looking for an experienced engineer to join our growing team you will design build and operate services that handle millions of requests per day collaborate with product and design mentor colleagues and improve our platform requirements include strong knowledge of distributed systems testing and observability")
)

// benchListing returns a realistic listing of source number i; with desc,
// it carries a 1-2 KB description.
func benchListing(r *rand.Rand, source string, i int, desc bool) jobstats.Listing {
	id := fmt.Sprintf("%08d", i)
	l := jobstats.Listing{
		ID: jobstats.ListingID(source, id), Source: source, SourceID: id, Sources: []string{source},
		URL:            "https://jobs.example.com/" + source + "/postings/" + id,
		Title:          benchTitles[r.IntN(len(benchTitles))],
		Company:        benchCompanies[r.IntN(len(benchCompanies))],
		Location:       benchPlaces[r.IntN(len(benchPlaces))],
		Workplace:      jobstats.WorkplaceHybrid,
		EmploymentType: "full-time",
		PostedAt:       time.Date(2026, 10, 1+r.IntN(30), 0, 0, 0, 0, time.UTC),
		Degree:         jobstats.DegreeEquivalent,
		Role:           "Backend Engineer",
		Seniority:      jobstats.SenioritySenior,
		Skills:         []string{benchSkills[r.IntN(3)], benchSkills[3+r.IntN(3)], benchSkills[6+r.IntN(3)]},
	}
	if r.IntN(3) > 0 {
		min := 60000 + r.IntN(80000)
		l.SalaryText = fmt.Sprintf("$%d - $%d per year", min, min+20000)
		l.Salary = &jobstats.Salary{Min: jobstats.AmountOf(float64(min)), Max: jobstats.AmountOf(float64(min + 20000)), Currency: "USD", Period: jobstats.PeriodYear, From: jobstats.SalaryFromText}
	}
	benchDedup(&l, i)
	if desc {
		var sb strings.Builder
		for n := 1024 + r.IntN(1024); sb.Len() < n; {
			sb.WriteString(benchWords[r.IntN(len(benchWords))])
			sb.WriteByte(' ')
		}
		l.Description = sb.String()
	}
	return l
}

// benchDedup sets the fingerprint and simhash of listing number i: unique,
// except that every tenth listing is a cross-post of the one before (same
// fingerprint and simhash).
func benchDedup(l *jobstats.Listing, i int) {
	key := uint64(i)
	if i%10 == 1 {
		key--
	}
	l.Fingerprint = splitmix(key) | 1
	l.Simhash = splitmix(key ^ 0x5bd1e995)
}

// splitmix is the SplitMix64 finalizer, a cheap well-mixed hash.
func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ x>>30) * 0xbf58476d1ce4e5b9
	x = (x ^ x>>27) * 0x94d049bb133111eb
	return x ^ x>>31
}

// BenchmarkPutListings measures batched ingest: batches of 500 realistic
// listings with 1-2 KB descriptions, one transaction each. "new" stores
// listings never seen; "seen-again" re-puts the batches of a source
// already stored, unchanged, as a daily crawl does.
func BenchmarkPutListings(b *testing.B) {
	const batch = 500
	r := rand.New(rand.NewPCG(1, 2))
	pool := make([]jobstats.Listing, 20*batch)
	for i := range pool {
		pool[i] = benchListing(r, "bench", i, true)
	}
	seen := time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC)
	run := func(b *testing.B, db *storage.DB, stored func() int, next func(i int, ls []jobstats.Listing)) {
		ls := make([]jobstats.Listing, batch)
		b.ResetTimer()
		cpu0 := cpuTime()
		n := 0
		for i := 0; i < b.N; i++ {
			next(i, ls)
			if _, err := db.PutListings(b.Context(), ls, seen.Add(time.Duration(i)*time.Second)); err != nil {
				b.Fatal(err)
			}
			n += len(ls)
		}
		b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "listings/s")
		if cpu := cpuTime() - cpu0; cpu > 0 {
			b.ReportMetric(float64(cpu.Nanoseconds())/float64(n), "cpu-ns/listing")
		}
		if fi, err := os.Stat(db.Path()); err == nil {
			b.ReportMetric(float64(fi.Size())/float64(stored()), "file-B/listing")
		}
	}
	b.Run("new", func(b *testing.B) {
		db, err := storage.Open(filepath.Join(b.TempDir(), "bench.db"), nil)
		if err != nil {
			b.Fatal(err)
		}
		defer db.Close()
		n := 0
		run(b, db, func() int { return n }, func(i int, ls []jobstats.Listing) {
			for j := range ls {
				ls[j] = pool[(i*batch+j)%len(pool)]
				id := fmt.Sprintf("%08d", n)
				ls[j].ID, ls[j].SourceID = "bench:"+id, id
				benchDedup(&ls[j], n)
				if n%10 == 1 { // a cross-post on another source
					ls[j].Source, ls[j].ID = "mirror", "mirror:"+id
				}
				n++
			}
		})
	})
	b.Run("seen-again", func(b *testing.B) {
		db, err := storage.Open(filepath.Join(b.TempDir(), "bench.db"), nil)
		if err != nil {
			b.Fatal(err)
		}
		defer db.Close()
		for i := 0; i < len(pool); i += batch {
			if _, err := db.PutListings(b.Context(), pool[i:i+batch], seen); err != nil {
				b.Fatal(err)
			}
		}
		run(b, db, func() int { return len(pool) }, func(i int, ls []jobstats.Listing) {
			copy(ls, pool[(i*batch)%len(pool):])
		})
	})
}

// BenchmarkForEach1M scans 1,000,000 stored listings (without
// descriptions) the way the stats report does.
func BenchmarkForEach1M(b *testing.B) {
	if testing.Short() {
		b.Skip("builds a 1,000,000-listing database")
	}
	const total, batch = 1_000_000, 10_000
	path := filepath.Join(b.TempDir(), "1m.db")
	db, err := storage.Open(path, nil)
	if err != nil {
		b.Fatal(err)
	}
	r := rand.New(rand.NewPCG(3, 4))
	seen := time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC)
	sources := []string{"greenhouse", "lever", "remoteok", "weworkremotely", "hn"}
	ls := make([]jobstats.Listing, 0, batch)
	for i := 0; i < total; i++ {
		ls = append(ls, benchListing(r, sources[i%len(sources)], i, false))
		if len(ls) == batch {
			if _, err := db.PutListings(b.Context(), ls, seen); err != nil {
				b.Fatal(err)
			}
			ls = ls[:0]
		}
	}
	// Reopen, as the report command does: a writable open rebuilds the
	// freelist (not synced to disk) by walking the file.
	if err := db.Close(); err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	db, err = storage.Open(path, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	openTime := time.Since(start)
	b.ResetTimer()
	cpu0 := cpuTime()
	var salaries int
	for b.Loop() {
		salaries = 0
		n := 0
		err := db.ForEach(b.Context(), storage.Scan{}, func(l *jobstats.Listing) error {
			n++
			if l.Salary != nil {
				salaries++
			}
			return nil
		})
		if err != nil || n != total {
			b.Fatalf("scanned %d, %v", n, err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/total, "ns/listing")
	b.ReportMetric(float64(openTime.Milliseconds()), "open-ms")
	if fi, err := os.Stat(path); err == nil {
		b.ReportMetric(float64(fi.Size())/total, "file-B/listing")
	}
	if rss := maxRSS(); rss > 0 {
		b.ReportMetric(float64(rss)/(1<<20), "peak-RSS-MB")
	}
	if cpu := cpuTime() - cpu0; cpu > 0 {
		b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N)/total, "cpu-ns/listing")
	}
}

// BenchmarkDecodeListing measures the listing codec alone, decoding into a
// reused listing as ForEach does.
func BenchmarkDecodeListing(b *testing.B) {
	r := rand.New(rand.NewPCG(5, 6))
	const n = 1024
	keys, recs := make([][]byte, n), make([][]byte, n)
	for i := range n {
		l := benchListing(r, "bench", i, false)
		keys[i], recs[i] = []byte(l.ID), storage.EncodeListing(&l)
	}
	var l jobstats.Listing
	i := 0
	cpu0 := cpuTime()
	for b.Loop() {
		if err := storage.DecodeListingInto(keys[i%n], recs[i%n], &l); err != nil {
			b.Fatal(err)
		}
		i++
	}
	if cpu := cpuTime() - cpu0; cpu > 0 {
		b.ReportMetric(float64(cpu.Nanoseconds())/float64(i), "cpu-ns/op")
	}
}
