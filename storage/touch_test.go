package storage_test

import (
	"reflect"
	"testing"

	"github.com/jobstats/jobstats"
)

func TestTouchListings(t *testing.T) {
	db := openDB(t)
	ctx := t.Context()
	a, b, c := listing("s", "a", "A"), listing("s", "b", "B"), listing("s", "c", "C")
	a.Description = "kept"
	put(t, db, t0, a, b, c, listing("other", "a", "Other A"))
	// c is closed by a complete run at t1 that saw a and b.
	put(t, db, t1, a, b)
	if n, err := db.CloseMissing(ctx, "s", t1, t1); err != nil || n != 1 {
		t.Fatalf("CloseMissing: %d, %v", n, err)
	}

	res, err := db.TouchListings(ctx, "s", []string{"a", "c", "gone", "a"}, t2)
	if err != nil {
		t.Fatal(err)
	}
	if res.Touched != 2 || res.Reopened != 1 || !reflect.DeepEqual(res.Missing, []string{"gone"}) {
		t.Errorf("result %+v", res)
	}
	ga := get(t, db, "s:a")
	if !ga.LastSeen.Equal(t2) || !ga.FirstSeen.Equal(t0) || !ga.Open() || ga.Description != "kept" || ga.Title != "A" {
		t.Errorf("a: %+v", ga)
	}
	gc := get(t, db, "s:c")
	if !gc.Open() || !gc.LastSeen.Equal(t2) || !reflect.DeepEqual(gc.Gaps, []jobstats.Gap{{Closed: t1, Reopened: t2}}) {
		t.Errorf("c: %+v", gc)
	}
	// Untouched: b (not named) and the other source's a.
	if gb := get(t, db, "s:b"); !gb.LastSeen.Equal(t1) {
		t.Errorf("b: %+v", gb)
	}
	if go_ := get(t, db, "other:a"); !go_.LastSeen.Equal(t0) {
		t.Errorf("other:a: %+v", go_)
	}
	// A run starting at t2 closes what it neither stored nor touched: b.
	if n, err := db.CloseMissing(ctx, "s", t2, t2); err != nil || n != 1 {
		t.Errorf("CloseMissing after touch: %d, %v; want b only", n, err)
	}
	// An earlier time does not move LastSeen back.
	if _, err := db.TouchListings(ctx, "s", []string{"a"}, t1); err != nil {
		t.Fatal(err)
	}
	if ga := get(t, db, "s:a"); !ga.LastSeen.Equal(t2) {
		t.Errorf("LastSeen went back to %v", ga.LastSeen)
	}
	if _, err := db.TouchListings(ctx, "", []string{"a"}, t1); err == nil {
		t.Error("empty source accepted")
	}
}
