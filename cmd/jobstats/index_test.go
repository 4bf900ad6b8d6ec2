package main

import (
	"bytes"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/config"
	"github.com/jobstats/jobstats/stats"
	"github.com/jobstats/jobstats/storage"
)

// TestStatsIndex checks that the index answers as `stats report` does,
// keeps its table while the database is unchanged, and loads it again
// once the database changed and Every has passed.
func TestStatsIndex(t *testing.T) {
	path, c := marketsDB(t)
	a := &app{stdin: strings.NewReader(""), stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{},
		getenv: func(string) string { return "" }, now: c.now, dbPath: path}
	a.cfg, a.loaded = config.Default(), true
	ctx := t.Context()
	for _, req := range []summaryRequest{
		{minOpenings: 1},
		{filter: stats.Filter{Role: "backend engineer", Markets: []string{"US"}}, minOpenings: 1},
		{filter: stats.Filter{Workplace: stats.WorkplaceRemote}, pool: true, minOpenings: 5},
	} {
		want, err := a.summary(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		got, err := a.indexedSummary(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		if g, w := summaryJSON(t, got), summaryJSON(t, want); g != w {
			t.Errorf("filter %+v: the index differs from stats report:\n%s", req.filter, firstDiff(g, w))
		}
	}

	first, _ := a.index.Table(ctx, a)
	if again, _ := a.index.Table(ctx, a); again != first {
		t.Error("the table was loaded again within Every")
	}
	c.set(c.now().Add(2 * indexCheckEvery))
	if again, _ := a.index.Table(ctx, a); again != first {
		t.Error("the table was loaded again though the database did not change")
	}

	db, err := storage.Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	l := jobstats.Listing{Source: "a", SourceID: "new", Role: "Data Analyst", Country: "US"}
	if _, err := db.PutListings(ctx, []jobstats.Listing{l}, c.now()); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if again, _ := a.index.Table(ctx, a); again != first {
		t.Error("the table was loaded again within Every of the last check")
	}
	c.set(c.now().Add(2 * indexCheckEvery))
	second, err := a.index.Table(ctx, a)
	if err != nil || second == first || second.Len() != first.Len()+1 {
		t.Errorf("after a change: table %p (was %p), %d listings (was %d), %v", second, first, second.Len(), first.Len(), err)
	}
}

// TestStatsIndexConcurrent runs requests side by side while the table
// loads (with -race, this checks the index's locking).
func TestStatsIndexConcurrent(t *testing.T) {
	path, c := marketsDB(t)
	a := &app{stdin: strings.NewReader(""), stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{},
		getenv: func(string) string { return "" }, now: c.now, dbPath: path}
	a.cfg, a.loaded = config.Default(), true
	a.index.Every = time.Nanosecond
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 5 {
				s, err := a.indexedSummary(t.Context(), summaryRequest{filter: stats.Filter{Role: "Backend Engineer"}, minOpenings: 1})
				if err != nil || len(s.Roles) != 1 {
					t.Errorf("summary: %d roles, %v", len(s.Roles), err)
					return
				}
			}
		})
	}
	wg.Wait()
}

func TestStatsIndexNoDatabase(t *testing.T) {
	_, c := marketsDB(t)
	a := &app{stdin: strings.NewReader(""), stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{},
		getenv: func(string) string { return "" }, now: c.now, dbPath: t.TempDir() + "/missing.db"}
	a.cfg, a.loaded = config.Default(), true
	if _, err := a.indexedSummary(t.Context(), summaryRequest{minOpenings: 1}); err == nil || !strings.Contains(err.Error(), "no database") {
		t.Errorf("index over a missing database: %v", err)
	}
}
