package main

import (
	"encoding/json"
	"fmt"
	"maps"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"go.etcd.io/bbolt"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/stats"
	"github.com/jobstats/jobstats/storage"
)

// fastListing returns a random listing for the fast-path tests: a few
// roles, markets, pay types and currencies, cross-posts (the same job on
// two sources, or the same fingerprint with another description), and
// every kind of field the statistics read.
func fastListing(r *rand.Rand, i int) jobstats.Listing {
	pick := func(vals ...string) string { return vals[r.IntN(len(vals))] }
	src := pick("greenhouse", "lever", "hn", "remoteok")
	id := fmt.Sprint(r.IntN(2500))
	role := pick("Backend Engineer", "Data Scientist", "backend engineer", "Product Manager", "")
	l := jobstats.Listing{
		ID: jobstats.ListingID(src, id), Source: src, SourceID: id,
		Title:          pick("Senior "+role, role, "  Odd   Title ", ""),
		Role:           role,
		Company:        pick("Acme", " Acme ", "Globex GmbH", "Initech", ""),
		Location:       pick("Berlin, Germany", "Remote - US", "London", ""),
		City:           pick("", "", "Berlin", "Austin", "London"),
		Region:         pick("", "TX", "ENG"),
		Country:        pick("US", "US", "US", "DE", "GB", "", "IN"),
		Workplace:      jobstats.Workplace(pick("", "remote", "hybrid", "onsite")),
		EmploymentType: pick("", "full_time", "full_time", "contract", "CONTRACTOR", "internship", "part_time", "freelance", "temporary", "Full-time"),
		Degree:         jobstats.Degree(pick("", "required", "equivalent", "preferred", "not_required", "odd")),
		Seniority:      jobstats.Seniority(pick("", "intern", "junior", "mid", "senior", "lead", "principal", "staff")),
	}
	if l.Workplace == jobstats.WorkplaceRemote {
		l.RemoteScope = pick("", "EU", "worldwide", "US", "EMEA")
	}
	if r.IntN(6) > 0 {
		cur := pick("USD", "USD", "EUR", "GBP", "usd", "INR", "XYZ", "")
		per := jobstats.Period(pick("year", "year", "year", "month", "hour", "day", "week", "", "fortnight"))
		base := map[jobstats.Period]float64{"year": 90000, "month": 7000, "hour": 50, "day": 500, "week": 1800}[per]
		if base == 0 {
			base = 80000
		}
		if cur == "INR" {
			base *= 80
		}
		lo := base * (0.5 + r.Float64())
		hi := lo * (1 + r.Float64()/2)
		s := &jobstats.Salary{Currency: cur, Period: per, From: jobstats.SalaryFromField}
		switch r.IntN(5) {
		case 0:
			s.Min = jobstats.AmountOf(lo)
		case 1:
			s.Max = jobstats.AmountOf(hi)
		case 2:
			s.Min, s.Max = jobstats.AmountOf(hi), jobstats.AmountOf(lo) // min above max
		default:
			s.Min, s.Max = jobstats.AmountOf(lo), jobstats.AmountOf(hi)
		}
		if r.IntN(40) == 0 {
			s.Min, s.Max = jobstats.AmountOf(lo*1000), jobstats.AmountOf(hi*1000) // implausible
		}
		l.Salary = s
	}
	if r.IntN(3) == 0 {
		l.PostedAt = time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(90))
	}
	l.ExperienceYears = r.IntN(3) * r.IntN(8)
	for range r.IntN(4) {
		l.Skills = append(l.Skills, pick("Go", "Python", "SQL", "Kubernetes", "go", ""))
	}
	if r.IntN(4) == 0 {
		l.Certifications = []string{pick("CKA", "AWS Solutions Architect")}
	}
	if r.IntN(5) == 0 {
		l.Sources = []string{pick("linkedin", "indeed", src)}
	}
	if r.IntN(4) > 0 {
		// Few fingerprints, so that cross-posts and reposts are common;
		// simhashes near or far.
		l.Fingerprint = uint64(1 + r.IntN(150))
		l.Simhash = []uint64{0, 0x0f, 0xff00ff00, 0x3}[r.IntN(4)]
	}
	return l
}

// fastOptions are the option sets the fast path must agree on: the
// default, as-of times before, within and after the data, pooled pages,
// every filter, and other currencies and annualizations.
func fastOptions(start time.Time) map[string]stats.Options {
	clock := func() time.Time { return time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC) }
	base := stats.Options{Now: clock, MarketName: marketName}
	with := func(f func(o *stats.Options)) stats.Options {
		o := base
		f(&o)
		return o
	}
	return map[string]stats.Options{
		"default":       base,
		"as of before":  with(func(o *stats.Options) { o.AsOf = start.Add(-time.Hour) }),
		"as of day 3":   with(func(o *stats.Options) { o.AsOf = start.Add(72 * time.Hour) }),
		"as of day 9":   with(func(o *stats.Options) { o.AsOf = start.Add(9*24*time.Hour + time.Minute) }),
		"as of after":   with(func(o *stats.Options) { o.AsOf = start.AddDate(1, 0, 0) }),
		"pooled":        with(func(o *stats.Options) { o.Pool = true }),
		"min openings":  with(func(o *stats.Options) { o.MinOpenings = 5; o.TopSkills = 2 }),
		"role":          with(func(o *stats.Options) { o.Filter.Role = " BACKEND engineer " }),
		"untitled role": with(func(o *stats.Options) { o.Filter.Role = "Untitled" }),
		"markets":       with(func(o *stats.Options) { o.Filter.Markets = []string{"US", "remote:EU", "unknown"} }),
		"remote":        with(func(o *stats.Options) { o.Filter.Workplace = stats.WorkplaceRemote }),
		"onsite pooled": with(func(o *stats.Options) { o.Filter.Workplace = stats.WorkplaceOnsite; o.Pool = true }),
		"companies":     with(func(o *stats.Options) { o.Filter.Companies = []string{"acme", "INITECH "} }),
		"sources":       with(func(o *stats.Options) { o.Filter.Sources = []string{"LinkedIn", "hn"} }),
		"seniorities":   with(func(o *stats.Options) { o.Filter.Seniorities = []jobstats.Seniority{"senior", "intern"} }),
		"skills":        with(func(o *stats.Options) { o.Filter.Skills = []string{"go", "sql"} }),
		"posted since":  with(func(o *stats.Options) { o.Filter.PostedSince = time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC) }),
		"filters, as of": with(func(o *stats.Options) {
			o.Filter = stats.Filter{Role: "Data Scientist", Markets: []string{"US", "DE"}, Skills: []string{"Python"}}
			o.AsOf = start.Add(100 * time.Hour)
		}),
		"EUR": with(func(o *stats.Options) { o.Currency = "EUR" }),
		"annualization": with(func(o *stats.Options) {
			o.Annualization = jobstats.Annualization{Hours: 1800, Days: 220, Weeks: 45, Months: 13}
		}),
		"narrow band": with(func(o *stats.Options) { o.Plausible = [2]float64{40000, 150000} }),
		"rates": with(func(o *stats.Options) {
			o.Rates = jobstats.Rates{Base: "EUR", AsOf: "2026-01-01", Rates: map[string]float64{"USD": 1.2, "GBP": 0.9}}
		}),
		"remote EU as of": with(func(o *stats.Options) { o.Filter.Markets = []string{"remote:EU"}; o.AsOf = start.Add(200 * time.Hour) }),
		"compared":        with(func(o *stats.Options) { o.CompareAt = start.Add(100 * time.Hour) }),
		"compared, as of": with(func(o *stats.Options) { o.AsOf = start.Add(200 * time.Hour); o.CompareAt = start.Add(30 * time.Hour) }),
		"compared, role": with(func(o *stats.Options) {
			o.CompareAt = start.Add(150 * time.Hour)
			o.Filter.Role = "backend engineer"
			o.MinOpenings = 5
		}),
		"compared, pool":  with(func(o *stats.Options) { o.CompareAt = start.Add(150 * time.Hour); o.Pool = true }),
		"compared, early": with(func(o *stats.Options) { o.CompareAt = start.Add(-time.Hour) }),
	}
}

// fastDB writes a database of random listings over ten crawl days: new
// and seen-again listings, sweeps that close listings and runs that see
// them again (gaps), and a prune.
func fastDB(t *testing.T, seed uint64) (path string, start time.Time) {
	t.Helper()
	path = filepath.Join(t.TempDir(), "jobstats.db")
	db, err := storage.Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := t.Context()
	r := rand.New(rand.NewPCG(seed, seed+1))
	start = time.Date(2026, 10, 1, 6, 0, 0, 0, time.UTC)
	for day := range 10 {
		at := start.Add(time.Duration(day)*24*time.Hour + time.Duration(r.IntN(3600))*time.Second)
		batch := make([]jobstats.Listing, 300+r.IntN(200))
		for i := range batch {
			batch[i] = fastListing(r, i)
		}
		if _, err := db.PutListings(ctx, batch, at); err != nil {
			t.Fatal(err)
		}
		for _, src := range []string{"greenhouse", "lever", "hn", "remoteok"} {
			if r.IntN(3) > 0 {
				continue
			}
			closing := jobstats.Closing{Runs: []jobstats.RunSpan{{Start: at, End: at.Add(time.Hour)}}, After: 1}
			if _, err := db.Sweep(ctx, &jobstats.Sweep{Source: src, Seen: at, Close: &closing}); err != nil {
				t.Fatal(err)
			}
		}
		if day == 6 {
			if _, err := db.Prune(ctx, start.Add(36*time.Hour)); err != nil {
				t.Fatal(err)
			}
		}
	}
	return path, start
}

// slowSummaries aggregates every listing by full decode, as reports did
// before facts were kept: a summary with CompareAt is made as two, the
// second as of CompareAt, compared with Summary.CompareWith when some
// listing was first seen by then.
func slowSummaries(t *testing.T, db *storage.DB, opts []stats.Options) []stats.Summary {
	t.Helper()
	aggs := make([]*stats.Aggregator, len(opts))
	prev := make([]*stats.Aggregator, len(opts))
	for i, o := range opts {
		at := o.CompareAt
		o.CompareAt = time.Time{}
		aggs[i] = stats.New(o)
		if !at.IsZero() {
			o.AsOf = at
			prev[i] = stats.New(o)
		}
	}
	var oldest time.Time
	err := db.ForEach(t.Context(), storage.Scan{}, func(l *jobstats.Listing) error {
		if !l.FirstSeen.IsZero() && (oldest.IsZero() || l.FirstSeen.Before(oldest)) {
			oldest = l.FirstSeen
		}
		for i, a := range aggs {
			a.Add(l)
			if prev[i] != nil {
				prev[i].Add(l)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	out := make([]stats.Summary, len(aggs))
	for i, a := range aggs {
		out[i] = a.Summary()
		if prev[i] != nil && !oldest.IsZero() && !oldest.After(opts[i].CompareAt) {
			p := prev[i].Summary()
			out[i].CompareWith(&p)
		}
	}
	return out
}

func summaryJSON(t *testing.T, s stats.Summary) string {
	t.Helper()
	b, err := json.MarshalIndent(s, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestFastPathEqualsFullDecode checks that every fast way to the figures
// (a Stream over the stored facts, a Table of them, the facts an older
// file gives by decode) gives the very summaries that aggregating the
// decoded listings gives, for randomized data and every option set of
// fastOptions: same medians to the cent, same counts, same everything.
func TestFastPathEqualsFullDecode(t *testing.T) {
	for _, seed := range []uint64{1, 2, 3} {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			path, start := fastDB(t, seed)
			db, err := storage.Open(path, &storage.Options{ReadOnly: true})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			all := fastOptions(start)
			names := slices.Sorted(maps.Keys(all))
			var opts []stats.Options
			for _, name := range names {
				opts = append(opts, all[name])
			}
			want := slowSummaries(t, db, opts)
			def := want[slices.Index(names, "default")]
			if def.Duplicates == 0 || def.Open < 100 || len(def.Roles) < 4 {
				t.Fatalf("the data has %d openings, %d duplicates and %d roles: not a test", def.Open, def.Duplicates, len(def.Roles))
			}
			medianChanges := 0
			for _, r := range want[slices.Index(names, "compared")].Roles {
				for _, p := range r.Pages {
					if p.MedianChange != nil {
						medianChanges++
					}
				}
			}
			if medianChanges == 0 {
				t.Fatal("no page of the comparison has a median change: not a test")
			}

			stream := stats.NewStream(opts...)
			table := stats.NewTable()
			err = db.Facts(t.Context(), func(syms *jobstats.Symbols, f *jobstats.Fact) error {
				if err := stream.AddFact(syms, f); err != nil {
					return err
				}
				return table.AddFact(syms, f)
			})
			if err != nil {
				t.Fatal(err)
			}
			streamed := stream.Summaries()
			tabled := table.Summaries(opts...)
			for i, name := range names {
				w := summaryJSON(t, want[i])
				for how, got := range map[string]stats.Summary{
					"stream": streamed[i], "table": tabled[i], "table, one summary": table.Summary(opts[i]),
				} {
					if g := summaryJSON(t, got); g != w {
						t.Errorf("%s, %s: the fast path differs from the full decode:\n%s", name, how, firstDiff(g, w))
					}
				}
			}
		})
	}
}

// TestFastPathOfAnOlderFile checks the figures of a file written before
// facts were kept: read-only (facts derived by decode) and after a
// writable open built them.
func TestFastPathOfAnOlderFile(t *testing.T) {
	path, start := fastDB(t, 4)
	bdb, err := bbolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = bdb.Update(func(tx *bbolt.Tx) error {
		tx.DeleteBucket([]byte("facts"))
		tx.DeleteBucket([]byte("symbols"))
		tx.Bucket([]byte("meta")).Delete([]byte("facts"))
		return tx.Bucket([]byte("meta")).Put([]byte("schema"), []byte{1})
	})
	bdb.Close()
	if err != nil {
		t.Fatal(err)
	}
	opts := []stats.Options{fastOptions(start)["default"], fastOptions(start)["as of day 9"]}
	for _, readOnly := range []bool{true, false} {
		db, err := storage.Open(path, &storage.Options{ReadOnly: readOnly})
		if err != nil {
			t.Fatal(err)
		}
		want := slowSummaries(t, db, opts)
		stream := stats.NewStream(opts...)
		if err := db.Facts(t.Context(), stream.AddFact); err != nil {
			t.Fatal(err)
		}
		for i, got := range stream.Summaries() {
			if g, w := summaryJSON(t, got), summaryJSON(t, want[i]); g != w {
				t.Errorf("read-only %v, options %d: differs:\n%s", readOnly, i, firstDiff(g, w))
			}
		}
		if ready, _ := db.FactsReady(t.Context()); ready == readOnly {
			t.Errorf("read-only %v: facts ready %v", readOnly, ready)
		}
		db.Close()
	}
}

// firstDiff shows where two texts first differ.
func firstDiff(got, want string) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	from := max(0, i-300)
	return fmt.Sprintf("got  …%s…\nwant …%s…", got[from:min(len(got), i+200)], want[from:min(len(want), i+200)])
}
