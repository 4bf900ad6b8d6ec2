package stats_test

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"testing"
	"time"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/stats"
)

// tableListings are a few roles in a few markets, with a cross-post, a
// closed listing and a contract.
func tableListings() []*jobstats.Listing {
	var ls []*jobstats.Listing
	for i := range 40 {
		l := listing([]string{"Backend Engineer", "Data Scientist", "backend engineer"}[i%3], yearUSD(float64(90000+i*1000)))
		l.Source, l.Country = []string{"a", "b"}[i%2], []string{"US", "DE", ""}[i%3]
		l.Company, l.Skills = fmt.Sprint("Company ", i%4), []string{"Go", "SQL"}[:1+i%2]
		l.Fingerprint = uint64(1 + i%17)
		l.FirstSeen = day0.Add(time.Duration(i) * time.Hour)
		if i%9 == 0 {
			l.ClosedAt = day0.Add(100 * time.Hour)
		}
		if i%11 == 0 {
			l.EmploymentType = jobstats.EmploymentContract
		}
		ls = append(ls, l)
	}
	return ls
}

func jsonOf(t *testing.T, s stats.Summary) string {
	t.Helper()
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestTableAndStreamAgree checks that a Table and a Stream fed the
// listings give what an Aggregator gives, for several option sets.
func TestTableAndStreamAgree(t *testing.T) {
	opts := []stats.Options{
		{Now: clock},
		{Now: clock, AsOf: day0.Add(50 * time.Hour)},
		{Now: clock, Filter: stats.Filter{Role: "BACKEND ENGINEER"}},
		{Now: clock, Filter: stats.Filter{Role: "Data Scientist", Markets: []string{"US"}}, Pool: true},
		{Now: clock, Filter: stats.Filter{Skills: []string{"sql"}, Sources: []string{"b"}}},
		// Compared in the same pass: a Stream counts the comparison on a
		// goroutine of its own.
		{Now: clock, CompareAt: day0.Add(20 * time.Hour)},
		{Now: clock, CompareAt: day0.Add(20 * time.Hour), Pool: true, Filter: stats.Filter{Markets: []string{"US"}}},
	}
	ls := tableListings()
	table := stats.NewTable()
	for _, l := range ls {
		table.Add(l)
	}
	if table.Len() != len(ls) || !table.Oldest().Equal(day0) {
		t.Errorf("table: %d listings from %v", table.Len(), table.Oldest())
	}
	// A Stream takes facts: derive them as a store would.
	syms := jobstats.NewSymbols()
	stream := stats.NewStream(opts...)
	var f jobstats.Fact
	for _, l := range ls {
		f.Set(l, syms)
		if err := stream.AddFact(syms, &f); err != nil {
			t.Fatal(err)
		}
	}
	streamed := stream.Summaries()
	tabled := table.Summaries(opts...)
	for i, o := range opts {
		want := jsonOf(t, summarize(o, ls...))
		for how, got := range map[string]stats.Summary{"stream": streamed[i], "table": tabled[i], "table summary": table.Summary(o)} {
			if g := jsonOf(t, got); g != want {
				t.Errorf("options %d, %s:\n got %s\nwant %s", i, how, g, want)
			}
		}
	}
	if !stream.Oldest().Equal(day0) {
		t.Errorf("stream oldest %v", stream.Oldest())
	}
}

// TestCompareAt checks that comparing in the same pass gives what
// CompareWith gives with a summary as of CompareAt, and nothing when the
// data does not reach back that far.
func TestCompareAt(t *testing.T) {
	ls := tableListings()
	for _, tt := range []struct {
		name string
		at   time.Time
		pool bool
	}{
		{"within", day0.Add(20 * time.Hour), false},
		{"pooled", day0.Add(20 * time.Hour), true},
		{"before the data", day0.Add(-time.Hour), false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			o := stats.Options{Now: clock, Pool: tt.pool}
			want := summarize(o, ls...)
			if !tt.at.Before(day0) {
				prevOpts := o
				prevOpts.AsOf = tt.at
				prev := summarize(prevOpts, ls...)
				want.CompareWith(&prev)
			}
			o.CompareAt = tt.at
			if g, w := jsonOf(t, summarize(o, ls...)), jsonOf(t, want); g != w {
				t.Errorf("CompareAt:\n got %s\nwant %s", g, w)
			}
		})
	}
}

func TestFactsOfTwoSymbolTables(t *testing.T) {
	a, b := jobstats.NewSymbols(), jobstats.NewSymbols()
	var f jobstats.Fact
	f.Set(listing("Backend Engineer", nil), a)
	for name, add := range map[string]func(*jobstats.Symbols, *jobstats.Fact) error{
		"aggregator": stats.New(stats.Options{}).AddFact,
		"table":      stats.NewTable().AddFact,
		"stream":     stats.NewStream(stats.Options{}).AddFact,
	} {
		if err := add(a, &f); err != nil {
			t.Fatalf("%s: first facts: %v", name, err)
		}
		if err := add(b, &f); err == nil {
			t.Errorf("%s accepted facts of a second symbol table", name)
		}
	}
	agg := stats.New(stats.Options{})
	agg.Add(listing("Data Scientist", nil))
	if err := agg.AddFact(a, &f); err == nil {
		t.Error("an Aggregator took facts after listings of its own symbols")
	}
}

func TestEmptyStreamAndTable(t *testing.T) {
	sums := stats.NewStream(stats.Options{Now: clock}, stats.Options{Now: clock}).Summaries()
	if len(sums) != 2 || sums[0].Open != 0 || len(sums[0].Roles) != 0 {
		t.Errorf("empty stream: %+v", sums)
	}
	tab := stats.NewTable()
	if s := tab.Summary(stats.Options{Now: clock, Filter: stats.Filter{Role: "x"}}); s.Listings != 0 || !tab.Oldest().IsZero() {
		t.Errorf("empty table: %+v, oldest %v", s, tab.Oldest())
	}
}

// TestManySalaries checks the figures of a sample long enough to be
// sorted by radix against sorting it here.
func TestManySalaries(t *testing.T) {
	var ls []*jobstats.Listing
	var want []float64
	for i := range 3000 {
		v := float64(50000 + (i*7919)%100000)
		ls = append(ls, listing("Engineer", yearUSD(v)))
		want = append(want, v)
	}
	slices.Sort(want)
	p := onlyPage(t, summarize(stats.Options{}, ls...))
	med := math.Round(stats.Percentile(want, 0.5)*100) / 100
	if p.Salary.Count != 3000 || *p.Salary.Min != want[0] || *p.Salary.Max != want[2999] || *p.Salary.Median != med {
		t.Errorf("salary: %d, min %v, max %v, median %v; want %v %v %v", p.Salary.Count, *p.Salary.Min, *p.Salary.Max,
			*p.Salary.Median, want[0], want[2999], med)
	}
}

func ExampleStream() {
	// Facts as a store keeps them (storage.DB.Facts passes them to
	// AddFact the same way).
	syms := jobstats.NewSymbols()
	now := func() time.Time { return time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC) }
	stream := stats.NewStream(stats.Options{Now: now}, stats.Options{Now: now, Filter: stats.Filter{Markets: []string{"US"}}})
	var f jobstats.Fact
	for i, country := range []string{"US", "US", "DE", "US", "US", "US"} {
		l := jobstats.Listing{Role: "Backend Engineer", Country: country,
			Salary: &jobstats.Salary{Min: jobstats.AmountOf(100000 + float64(i)*10000), Currency: "USD", Period: jobstats.PeriodYear}}
		f.Set(&l, syms)
		stream.AddFact(syms, &f)
	}
	for _, s := range stream.Summaries() {
		p := s.Roles[0].Pages[0]
		fmt.Println(s.Open, p.Market, p.Salary.Count, *p.Salary.Median)
	}
	// Output:
	// 6 US 5 130000
	// 5 US 5 130000
}

func ExampleTable() {
	table := stats.NewTable()
	for i, role := range []string{"Backend Engineer", "Data Scientist", "Backend Engineer"} {
		table.Add(&jobstats.Listing{Role: role, Country: "GB",
			Salary: &jobstats.Salary{Min: jobstats.AmountOf(50000 + float64(i)*1000), Currency: "GBP", Period: jobstats.PeriodYear}})
	}
	page := table.Summary(stats.Options{Currency: "GBP", Filter: stats.Filter{Role: "backend engineer", Markets: []string{"GB"}}})
	fmt.Println(page.Roles[0].Name, page.Roles[0].Pages[0].Openings, page.Roles[0].Pages[0].Salary.Count)
	// Output:
	// Backend Engineer 2 2
}
