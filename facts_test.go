package jobstats_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/jobstats/jobstats"
)

func TestSymbols(t *testing.T) {
	s := jobstats.NewSymbols()
	if s.Intern("") != 0 || s.Name(0) != "" || s.Len() != 1 {
		t.Fatalf("a new table: Intern(\"\") = %d, Name(0) = %q, Len %d", s.Intern(""), s.Name(0), s.Len())
	}
	buf := []byte("Go")
	a := s.Intern(string(buf))
	buf[0] = 'X' // the table keeps a copy
	if b := s.Intern("Go"); b != a || s.Name(a) != "Go" {
		t.Errorf("Intern(Go) = %d then %d, name %q", a, b, s.Name(a))
	}
	c := s.Intern("Rust")
	if c == a || s.Len() != 3 {
		t.Errorf("Rust = %d (Go %d), Len %d", c, a, s.Len())
	}
	if id, ok := s.Lookup("Rust"); !ok || id != c {
		t.Errorf("Lookup(Rust) = %d, %v", id, ok)
	}
	if _, ok := s.Lookup("Zig"); ok {
		t.Error("Lookup found a name never interned")
	}
	if s.Name(99) != "" {
		t.Error("Name of an unknown symbol is not empty")
	}
	loaded := jobstats.SymbolsOf([]string{"", "a", "b"})
	if loaded == nil || loaded.Name(2) != "b" || loaded.Intern("a") != 1 || loaded.Intern("c") != 3 {
		t.Errorf("SymbolsOf: %v", loaded)
	}
	if jobstats.SymbolsOf([]string{"a"}) != nil || jobstats.SymbolsOf(nil) != nil {
		t.Error("SymbolsOf accepted a table without the empty string first")
	}
}

func TestNanos(t *testing.T) {
	tests := []struct {
		name string
		t    time.Time
		want int64
	}{
		{"zero", time.Time{}, jobstats.NoTime},
		{"epoch", time.Unix(0, 0), 0},
		{"a day", time.Date(2026, 11, 1, 6, 0, 0, 5, time.UTC), time.Date(2026, 11, 1, 6, 0, 0, 5, time.UTC).UnixNano()},
		{"before 1678", time.Date(1500, 1, 1, 0, 0, 0, 0, time.UTC), math.MinInt64 + 1},
		{"after 2262", time.Date(2300, 1, 1, 0, 0, 0, 0, time.UTC), math.MaxInt64},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := jobstats.Nanos(tt.t); got != tt.want {
				t.Errorf("Nanos = %d, want %d", got, tt.want)
			}
		})
	}
	if !jobstats.TimeOf(jobstats.NoTime).IsZero() {
		t.Error("TimeOf(NoTime) is not the zero time")
	}
	at := time.Date(2026, 11, 1, 6, 0, 0, 5, time.FixedZone("x", 3600))
	if got := jobstats.TimeOf(jobstats.Nanos(at)); !got.Equal(at) || got.Location() != time.UTC {
		t.Errorf("TimeOf(Nanos(t)) = %v, want %v in UTC", got, at)
	}
}

// TestOpenAtNanos checks the rule against Listing.OpenAt's cases, which
// call it through times.
func TestOpenAtNanos(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2026, 11, d, 0, 0, 0, 0, time.UTC) }
	l := jobstats.Listing{FirstSeen: day(2), LastSeen: day(9), ClosedAt: day(10),
		Gaps: []jobstats.Gap{{Closed: day(4), Reopened: day(6)}}}
	for d, want := range map[int]bool{1: false, 2: true, 3: true, 4: false, 5: false, 6: true, 9: true, 10: false, 12: false} {
		if got := l.OpenAt(day(d)); got != want {
			t.Errorf("OpenAt(day %d) = %v, want %v", d, got, want)
		}
	}
	open := jobstats.Listing{}
	if !open.OpenAt(day(1)) {
		t.Error("a listing never seen nor closed is not open")
	}
}

func TestFactSet(t *testing.T) {
	syms := jobstats.NewSymbols()
	l := jobstats.Listing{
		Source: "lever", Sources: []string{"greenhouse", "lever", "greenhouse"},
		Title: "  Senior  Backend Engineer ", Company: " Acme  Corp ", City: "Austin", Region: "TX", Location: "Austin, TX, US",
		Country: "US", Workplace: jobstats.WorkplaceRemote, RemoteScope: jobstats.RemoteEU,
		EmploymentType: "full_time", Degree: jobstats.DegreeRequired, Seniority: jobstats.SenioritySenior,
		Salary:          &jobstats.Salary{Min: 100, Max: 200, Currency: "usd", Period: jobstats.PeriodYear},
		ExperienceYears: 4, Skills: []string{"Go", "", "Go"}, Certifications: []string{"CKA"},
		Fingerprint: 7, Simhash: 9, PostedAt: time.Unix(0, 11), FirstSeen: time.Unix(0, 12), LastSeen: time.Unix(0, 13),
		Gaps: []jobstats.Gap{{Closed: time.Unix(0, 14), Reopened: time.Unix(0, 15)}},
	}
	var f jobstats.Fact
	f.Alone = true
	f.Set(&l, syms)
	name := func(s jobstats.Sym) string { return syms.Name(s) }
	names := func(list []jobstats.Sym) (out []string) {
		for _, s := range list {
			out = append(out, name(s))
		}
		return out
	}
	got := []any{name(f.Role), name(f.Market), name(f.Company), name(f.Place), name(f.Currency), name(f.Period),
		names(f.Sources), names(f.Skills), f.Alone, f.ClosedAt, f.Gaps}
	want := []any{"Senior Backend Engineer", "remote:EU", "Acme Corp", "Austin, TX", "usd", "year",
		[]string{"lever", "greenhouse"}, []string{"Go", "", "Go"}, false, jobstats.NoTime, []int64{14, 15}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("facts:\n got %v\nwant %v", got, want)
	}
	// Set reuses the fact: nothing of the first listing stays.
	l2 := jobstats.Listing{Role: "Data Analyst", Source: "hn"}
	f.Set(&l2, syms)
	if f.Salary || f.Currency != 0 || len(f.Skills) != 0 || len(f.Gaps) != 0 || name(f.Role) != "Data Analyst" ||
		f.FirstSeen != jobstats.NoTime || len(f.Sources) != 1 {
		t.Errorf("a reused fact kept fields of the last listing: %+v", f)
	}
}

// TestLoneFingerprints compares with counting in a map, on fingerprints
// that are small numbers (which have equal high bits) and random ones, few
// and enough for every core, whole and in parts.
func TestLoneFingerprints(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for name, gen := range map[string]func(i int) uint64{
		"small":  func(i int) uint64 { return uint64(r.IntN(3000)) },
		"random": func(i int) uint64 { return r.Uint64() >> uint(r.IntN(2)*40) },
		"unique": func(i int) uint64 { return uint64(i + 1) },
		"pairs":  func(i int) uint64 { return uint64(r.IntN(150_000)) },
	} {
		for _, n := range []int{5000, 300_000} {
			t.Run(fmt.Sprint(name, n), func(t *testing.T) {
				fps := make([]uint64, n)
				for i := range fps {
					fps[i] = gen(i)
				}
				seen := map[uint64]int{}
				for _, fp := range fps {
					seen[fp]++
				}
				orig := slices.Clone(fps)
				for _, parts := range [][][]uint64{{fps}, {fps[:n/3], fps[n/3 : n/3], fps[n/3 : n-7], fps[n-7:]}} {
					lone := jobstats.LoneFingerprints(parts...)
					if !slices.Equal(fps, orig) {
						t.Fatal("LoneFingerprints changed its input")
					}
					wrong := 0
					for i, fp := range fps {
						want := fp == 0 || seen[fp] == 1
						if lone[i] && !want {
							t.Fatalf("fingerprint %d (row %d) is shared but reported lone", fp, i)
						}
						if lone[i] != want {
							wrong++
						}
					}
					// About n²/2³³ pairs share their high bits: 2 wrong each.
					if wrong > n*n>>31 {
						t.Errorf("%d lone fingerprints reported shared", wrong)
					}
				}
			})
		}
	}
	if got := jobstats.LoneFingerprints(nil); len(got) != 0 {
		t.Errorf("LoneFingerprints(nil) = %v", got)
	}
}
