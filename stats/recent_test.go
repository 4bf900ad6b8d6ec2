package stats_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/stats"
)

func TestRecent(t *testing.T) {
	day := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	var ls []jobstats.Listing
	for i := range 6 {
		ls = append(ls, jobstats.Listing{ID: fmt.Sprint(i), Role: "Backend Engineer", Country: "US", Title: fmt.Sprint("job ", i),
			PostedAt: day.AddDate(0, 0, i), FirstSeen: day})
	}
	// Not posted: counts from first seen, the newest.
	ls = append(ls, jobstats.Listing{ID: "nd", Role: "Backend Engineer", Country: "US", Title: "undated", FirstSeen: day.AddDate(0, 0, 9)})
	// Closed, another market, another role, and a cross-post of job 5.
	ls = append(ls,
		jobstats.Listing{ID: "c", Role: "Backend Engineer", Country: "US", Title: "closed", PostedAt: day.AddDate(0, 0, 20), ClosedAt: day.AddDate(0, 0, 21)},
		jobstats.Listing{ID: "gb", Role: "Backend Engineer", Country: "GB", Title: "london", PostedAt: day},
		jobstats.Listing{ID: "ds", Role: "Data Scientist", Country: "US", Title: "data", PostedAt: day},
	)
	ls[5].Fingerprint, ls[5].Simhash = 7, 1
	dup := ls[5]
	dup.ID, dup.Title = "dup", "cross-post"
	ls = append(ls, dup)

	r := stats.NewRecent(stats.Filter{Role: "backend engineer", Markets: []string{"US"}}, 3)
	for i := range ls {
		r.Add(&ls[i])
	}
	var got []string
	for _, p := range r.Postings() {
		got = append(got, p.Title)
	}
	want := []string{"undated", "job 5", "job 4"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("postings %v, want %v", got, want)
	}
	if n := len(stats.NewRecent(stats.Filter{}, 0).Postings()); n != 0 {
		t.Errorf("n=0 kept %d", n)
	}
}
