package jobstats_test

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jobstats/jobstats"
)

func day(n int) time.Time { return time.Date(2026, 10, n, 12, 0, 0, 0, time.UTC) }

func TestLifecycleSeen(t *testing.T) {
	closed := jobstats.Lifecycle{FirstSeen: day(1), LastSeen: day(2), ClosedAt: day(3),
		Gaps: []jobstats.Gap{{Closed: day(1).Add(time.Hour), Reopened: day(1).Add(2 * time.Hour)}}}
	tests := []struct {
		name     string
		lc       jobstats.Lifecycle
		seen     time.Time
		want     jobstats.Lifecycle
		reopened bool
	}{
		{"new", jobstats.Lifecycle{}, day(5), jobstats.Lifecycle{FirstSeen: day(5), LastSeen: day(5)}, false},
		{"seen again", jobstats.Lifecycle{FirstSeen: day(1), LastSeen: day(2)}, day(5),
			jobstats.Lifecycle{FirstSeen: day(1), LastSeen: day(5)}, false},
		{"older batch", jobstats.Lifecycle{FirstSeen: day(4), LastSeen: day(6)}, day(2),
			jobstats.Lifecycle{FirstSeen: day(2), LastSeen: day(6)}, false},
		{"reopen", closed, day(5), jobstats.Lifecycle{FirstSeen: day(1), LastSeen: day(5),
			Gaps: append(slices.Clone(closed.Gaps), jobstats.Gap{Closed: day(3), Reopened: day(5)})}, true},
		{"reopen at the closing instant", closed, day(3), jobstats.Lifecycle{FirstSeen: day(1), LastSeen: day(3),
			Gaps: append(slices.Clone(closed.Gaps), jobstats.Gap{Closed: day(3), Reopened: day(3)})}, true},
		{"stale sighting does not reopen", closed, day(2).Add(time.Hour), jobstats.Lifecycle{FirstSeen: day(1),
			LastSeen: day(2).Add(time.Hour), ClosedAt: day(3), Gaps: closed.Gaps}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := slices.Clone(tt.lc.Gaps)
			got, reopened := tt.lc.Seen(tt.seen)
			if !got.Equal(tt.want) || reopened != tt.reopened {
				t.Errorf("Seen(%v) = %+v, %v; want %+v, %v", tt.seen, got, reopened, tt.want, tt.reopened)
			}
			if !slices.Equal(tt.lc.Gaps, before) {
				t.Error("Seen modified the input's Gaps")
			}
		})
	}
	// Reopening twice from one stored lifecycle must not share a backing array.
	a, _ := closed.Seen(day(5))
	b, _ := closed.Seen(day(6))
	if a.Gaps[len(a.Gaps)-1].Reopened.Equal(b.Gaps[len(b.Gaps)-1].Reopened) {
		t.Error("two reopenings share their Gaps")
	}
}

func TestMergeSources(t *testing.T) {
	tests := []struct {
		name               string
		stored, incoming   []string
		source             string
		want               []string
		storedSliceReturns bool
	}{
		{"nothing new", []string{"a", "b"}, []string{"b"}, "a", []string{"a", "b"}, true},
		{"union in order", []string{"a"}, []string{"c", "b", "a"}, "a", []string{"a", "c", "b"}, false},
		{"own source first when missing", []string{"b"}, nil, "a", []string{"a", "b"}, false},
		{"new listing", nil, []string{"x"}, "a", []string{"a", "x"}, false},
		{"no source", nil, nil, "", nil, true},
		{"duplicates in a new listing", nil, []string{"a", "x", "a"}, "a", []string{"a", "x"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stored := slices.Clone(tt.stored)
			incoming := slices.Clone(tt.incoming)
			got := jobstats.MergeSources(stored, incoming, tt.source)
			if !slices.Equal(got, tt.want) {
				t.Errorf("MergeSources = %q, want %q", got, tt.want)
			}
			if !slices.Equal(stored, tt.stored) || !slices.Equal(incoming, tt.incoming) {
				t.Error("MergeSources modified its input")
			}
			if tt.storedSliceReturns && len(stored) > 0 && &got[0] != &stored[0] {
				t.Error("MergeSources copied though nothing was added")
			}
		})
	}
}

// fullListing sets every content field.
func fullListing() jobstats.Listing {
	return jobstats.Listing{
		ID: "s:1", Source: "s", SourceID: "1", Sources: []string{"s"}, URL: "https://x.example/1",
		Title: "Senior Go Engineer", Company: "Acme", Location: "Berlin", Workplace: jobstats.WorkplaceHybrid,
		EmploymentType: jobstats.EmploymentFullTime, Country: "DE", Region: "BE", City: "Berlin",
		RemoteScope: "DE", PostedAt: day(1), Description: "We write Go.", SalaryText: "€80k",
		Salary:     &jobstats.Salary{Min: 8_000_000, Max: 9_000_000, Currency: "EUR", Period: jobstats.PeriodYear},
		DegreeText: "BSc", Degree: jobstats.DegreeRequired, Role: "Go Engineer", Seniority: jobstats.SenioritySenior,
		ExperienceYears: 5, Skills: []string{"Go"}, Certifications: []string{"CKA"}, Fingerprint: 7, Simhash: 9,
		FirstSeen: day(1), LastSeen: day(2),
	}
}

func TestSameContentEveryField(t *testing.T) {
	base := fullListing()
	same := base
	same.ID, same.FirstSeen, same.LastSeen, same.ClosedAt = "other", day(9), day(9), day(9)
	same.Gaps = []jobstats.Gap{{Closed: day(3), Reopened: day(4)}}
	same.PostedAt = base.PostedAt.In(time.FixedZone("x", 3600)) // the same instant
	same.Salary = &jobstats.Salary{Min: 8_000_000, Max: 9_000_000, Currency: "EUR", Period: jobstats.PeriodYear}
	if !jobstats.SameContent(&base, &same) {
		t.Error("lifecycle, id or representation changes count as content")
	}
	empty, nilSlices := jobstats.Listing{Skills: []string{}}, jobstats.Listing{}
	if !jobstats.SameContent(&empty, &nilSlices) {
		t.Error("an empty and a nil slice differ")
	}

	// Every other field, changed alone, is a change of content: this also
	// catches a field added to Listing that SameContent would not see.
	v := reflect.ValueOf(&base).Elem()
	for i := range v.NumField() {
		f := v.Type().Field(i)
		switch f.Name {
		case "ID", "FirstSeen", "LastSeen", "ClosedAt", "Gaps":
			continue
		}
		t.Run(f.Name, func(t *testing.T) {
			changed := fullListing()
			cf := reflect.ValueOf(&changed).Elem().Field(i)
			switch x := cf.Addr().Interface().(type) {
			case *string:
				*x += "x"
			case *[]string:
				*x = append(*x, "x")
			case *time.Time:
				*x = x.Add(time.Second)
			case *int:
				*x++
			case *uint64:
				*x++
			case **jobstats.Salary:
				s := **x
				s.Max++
				*x = &s
			default:
				switch cf.Kind() {
				case reflect.String:
					cf.SetString(cf.String() + "x")
				default:
					t.Fatalf("test does not know how to change a %s", cf.Type())
				}
			}
			if jobstats.SameContent(&base, &changed) {
				t.Errorf("a change of %s is not a change of content", f.Name)
			}
		})
	}
}

func TestClosing(t *testing.T) {
	run := func(id uint64, source string, n int, complete bool, status jobstats.RunStatus) jobstats.Run {
		return jobstats.Run{ID: id, Source: source, Start: day(n), End: day(n).Add(time.Hour), Complete: complete, Status: status}
	}
	history := []jobstats.Run{
		run(4, "s", 4, false, jobstats.RunPartial), // capped: does not count
		run(1, "s", 1, true, jobstats.RunOK),
		run(3, "s", 3, true, jobstats.RunPartial), // complete despite a failed detail page
		run(2, "other", 2, true, jobstats.RunOK),
		run(5, "s", 5, false, jobstats.RunRunning),
	}
	current := run(6, "s", 6, true, jobstats.RunRunning)
	tests := []struct {
		name     string
		after    int
		lastSeen time.Time
		want     time.Time // zero: stays open
	}{
		{"seen by the current run", 1, day(6), time.Time{}},
		{"missed once, close_after 1", 1, day(5), day(6).Add(time.Hour)},
		{"missed once, close_after 2", 2, day(5), time.Time{}},
		{"seen by an incomplete run between", 2, day(4), time.Time{}},
		{"missed once by a complete run, once by an incomplete one", 2, day(3), time.Time{}},
		{"missed twice: closed when first missed", 2, day(2), day(3).Add(time.Hour)},
		{"missed three times", 2, day(1), day(3).Add(time.Hour)},
		{"missed by all three", 3, day(1).Add(-time.Hour), day(1).Add(time.Hour)},
		{"fewer complete runs than close_after", 4, day(1).Add(-time.Hour), time.Time{}},
		{"close_after 0 means 1", 0, day(5), day(6).Add(time.Hour)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := jobstats.NewClosing(current, history, tt.after)
			got, ok := c.ClosedAt(tt.lastSeen)
			if ok != !tt.want.IsZero() || !got.Equal(tt.want) {
				t.Errorf("ClosedAt(%v) = %v, %v; want %v", tt.lastSeen, got, ok, tt.want)
			}
		})
	}
}

func TestSweepApply(t *testing.T) {
	closing := jobstats.NewClosing(jobstats.Run{Source: "s", Start: day(5), End: day(5).Add(time.Hour), Complete: true}, nil, 1)
	open := func(last time.Time) jobstats.Lifecycle { return jobstats.Lifecycle{FirstSeen: day(1), LastSeen: last} }
	closed := jobstats.Lifecycle{FirstSeen: day(1), LastSeen: day(2), ClosedAt: day(3)}
	tests := []struct {
		name    string
		sweep   jobstats.Sweep
		id      string
		lc      jobstats.Lifecycle
		want    jobstats.Lifecycle
		changed bool
		res     jobstats.SweepResult
	}{
		{"close a missing one", jobstats.Sweep{Seen: day(5), Close: &closing}, "s:1", open(day(4)),
			jobstats.Lifecycle{FirstSeen: day(1), LastSeen: day(4), ClosedAt: day(5).Add(time.Hour)}, true, jobstats.SweepResult{Closed: 1}},
		{"keep one seen by this run", jobstats.Sweep{Seen: day(5), Close: &closing}, "s:1", open(day(5)), open(day(5)), false, jobstats.SweepResult{}},
		{"no closing without Close", jobstats.Sweep{Seen: day(5)}, "s:1", open(day(4)), open(day(4)), false, jobstats.SweepResult{}},
		{"kept open: seen, not closed", jobstats.Sweep{Seen: day(5), Close: &closing, KeepOpen: map[string]bool{"s:1": true}},
			"s:1", open(day(4)), open(day(5)), true, jobstats.SweepResult{Seen: 1, Kept: 1}},
		{"kept open but closed: counted, stays closed", jobstats.Sweep{Seen: day(5), KeepOpen: map[string]bool{"s:1": true}},
			"s:1", closed, closed, false, jobstats.SweepResult{Kept: 1}},
		{"unchanged board: seen by the last complete run", jobstats.Sweep{Seen: day(5), Unchanged: true, UnchangedSince: day(4), Close: &closing},
			"s:1", open(day(4)), open(day(5)), true, jobstats.SweepResult{Seen: 1}},
		{"unchanged board: missed by the last complete run", jobstats.Sweep{Seen: day(5), Unchanged: true, UnchangedSince: day(4), Close: &closing},
			"s:1", open(day(3)), jobstats.Lifecycle{FirstSeen: day(1), LastSeen: day(3), ClosedAt: day(5).Add(time.Hour)}, true, jobstats.SweepResult{Closed: 1}},
		{"unchanged board, no earlier complete run", jobstats.Sweep{Seen: day(5), Unchanged: true}, "s:1", open(day(1)), open(day(5)), true, jobstats.SweepResult{Seen: 1}},
		{"closed stays closed", jobstats.Sweep{Seen: day(5), Unchanged: true, Close: &closing}, "s:1", closed, closed, false, jobstats.SweepResult{}},
		{"listed unchanged: seen, not closed", jobstats.Sweep{Seen: day(5), Close: &closing, Listed: map[string]bool{"s:1": true}},
			"s:1", open(day(4)), open(day(5)), true, jobstats.SweepResult{Seen: 1, ListedOpen: 1}},
		{"listed unchanged, seen already", jobstats.Sweep{Seen: day(5), Listed: map[string]bool{"s:1": true}},
			"s:1", open(day(5)), open(day(5)), false, jobstats.SweepResult{Seen: 1, ListedOpen: 1}},
		{"listed unchanged but closed: stays closed, not counted", jobstats.Sweep{Seen: day(5), Listed: map[string]bool{"s:1": true}},
			"s:1", closed, closed, false, jobstats.SweepResult{}},
		{"another listing is listed", jobstats.Sweep{Seen: day(5), Close: &closing, Listed: map[string]bool{"s:2": true}},
			"s:1", open(day(4)), jobstats.Lifecycle{FirstSeen: day(1), LastSeen: day(4), ClosedAt: day(5).Add(time.Hour)}, true, jobstats.SweepResult{Closed: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var res jobstats.SweepResult
			got, changed := tt.sweep.Apply(tt.id, tt.lc, &res)
			if !got.Equal(tt.want) || changed != tt.changed || res != tt.res {
				t.Errorf("Apply = %+v, %v, %+v; want %+v, %v, %+v", got, changed, res, tt.want, tt.changed, tt.res)
			}
		})
	}
}

func TestBatch(t *testing.T) {
	in := []jobstats.Listing{
		{Source: "b", SourceID: "1", Title: "first", Sources: []string{"x"}},
		{ID: "a:explicit", Source: "a", SourceID: "9"},
		{Source: "b", SourceID: "1", Title: "last", Sources: []string{"y"}},
	}
	got, err := jobstats.Batch(in)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].ID != "a:explicit" || got[1].ID != "b:1" || got[1].Title != "last" ||
		!slices.Equal(got[1].Sources, []string{"x", "y"}) {
		t.Errorf("batch: %+v", got)
	}
	if in[2].ID != "" || !slices.Equal(in[2].Sources, []string{"y"}) {
		t.Errorf("the caller's listings changed: %+v", in[2])
	}
	if _, err := jobstats.Batch([]jobstats.Listing{{Source: "a", SourceID: "1"}, {Title: "no identity"}}); err == nil ||
		!strings.Contains(err.Error(), "listing 1 has no id") {
		t.Errorf("a listing without identity: %v", err)
	}
}

// TestBatchLarge checks a batch large enough to be sorted in halves
// against the stable sort it stands for.
func TestBatchLarge(t *testing.T) {
	var in []jobstats.Listing
	for i := range 5000 {
		// Every 7th id again, later in the batch.
		n := (i * 7919) % 4500
		in = append(in, jobstats.Listing{Source: fmt.Sprintf("s%d", n%5), SourceID: fmt.Sprint(n), Sources: []string{fmt.Sprintf("from%d", i%3)}})
	}
	got, err := jobstats.BatchItems(in)
	if err != nil {
		t.Fatal(err)
	}
	order := make([]int, len(in))
	for i := range order {
		order[i] = i
	}
	id := func(i int) string { return jobstats.ListingID(in[i].Source, in[i].SourceID) }
	slices.SortStableFunc(order, func(a, b int) int { return strings.Compare(id(a), id(b)) })
	var want []jobstats.BatchItem
	for k := 0; k < len(order); {
		j := k + 1
		for j < len(order) && id(order[j]) == id(order[k]) {
			j++
		}
		it := jobstats.BatchItem{Index: order[j-1], ID: id(order[k])}
		if j-k > 1 {
			for _, i := range order[k:j] {
				it.Sources = jobstats.MergeSources(it.Sources, in[i].Sources, "")
			}
			it.Merged = true
		}
		want = append(want, it)
		k = j
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("BatchItems differs from the stable sort (%d and %d items)", len(got), len(want))
	}
}
