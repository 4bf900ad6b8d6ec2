package jobstats

import (
	"math"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// This file holds the facts of a listing: the part of it that statistics
// read, with every string replaced by a Sym of a Symbols table. A store
// keeps them beside each listing, maintained in the same transaction, so
// that reports never decode whole listings; statistics aggregate them by
// number instead of by string. Every store derives them with Fact.Set, so
// that the fast path and a full decode cannot disagree.

// Sym is a string interned in a Symbols table: a small number that stands
// for it, so that facts compare and count strings as numbers. Sym 0 is
// always the empty string.
type Sym uint32

// Symbols interns strings: each distinct string gets the next Sym and keeps
// it. It is append-only, so a Sym handed out stays valid. Use NewSymbols or SymbolsOf; a Symbols is not safe for concurrent
// use while it grows, and safe for concurrent Name calls otherwise.
type Symbols struct {
	names []string
	// index maps a name to its Sym; built on the first Intern or Lookup,
	// so that a table loaded only to name symbols never builds it.
	index map[string]Sym
}

// NewSymbols returns a table holding only the empty string, as Sym 0.
func NewSymbols() *Symbols { return &Symbols{names: []string{""}} }

// SymbolsOf returns the table whose Sym i names names[i], such as a
// store's table read back in order; it keeps names. names[0] must be ""
// and the names distinct; it returns nil when names is empty or names[0]
// is not "".
func SymbolsOf(names []string) *Symbols {
	if len(names) == 0 || names[0] != "" {
		return nil
	}
	return &Symbols{names: names}
}

func (s *Symbols) buildIndex() {
	s.index = make(map[string]Sym, len(s.names))
	for i, n := range s.names {
		s.index[n] = Sym(i)
	}
}

// Intern returns the Sym of name, adding a copy of name when it is new.
func (s *Symbols) Intern(name string) Sym {
	if name == "" {
		return 0
	}
	if s.index == nil {
		s.buildIndex()
	}
	if id, ok := s.index[name]; ok {
		return id
	}
	name = strings.Clone(name)
	id := Sym(len(s.names))
	s.names = append(s.names, name)
	s.index[name] = id
	return id
}

// Lookup returns the Sym of name, and false when name is not in the table.
func (s *Symbols) Lookup(name string) (Sym, bool) {
	if s.index == nil {
		s.buildIndex()
	}
	id, ok := s.index[name]
	return id, ok
}

// Name returns the string id stands for, "" for an id not in the table.
func (s *Symbols) Name(id Sym) string {
	if int(id) < len(s.names) {
		return s.names[id]
	}
	return ""
}

// Len returns the number of symbols, the empty string included: every Sym
// below it is valid.
func (s *Symbols) Len() int { return len(s.names) }

// Names returns the names in Sym order; the caller must not modify them.
func (s *Symbols) Names() []string { return s.names }

// NoTime is the zero time.Time in a Fact, whose times are Unix nanoseconds.
// It is below every other time, as the zero time.Time is.
const NoTime int64 = math.MinInt64

// Nanos returns t as Unix nanoseconds, NoTime for the zero time. Times
// outside the years 1678 to 2262 are clamped to that range.
func Nanos(t time.Time) int64 {
	if t.IsZero() {
		return NoTime
	}
	if t.Before(minNanosTime) {
		return math.MinInt64 + 1
	}
	if t.After(maxNanosTime) {
		return math.MaxInt64
	}
	return t.UnixNano()
}

var (
	minNanosTime = time.Unix(0, math.MinInt64+1)
	maxNanosTime = time.Unix(0, math.MaxInt64)
)

// TimeOf returns the time of n Unix nanoseconds in UTC, the zero time for
// NoTime.
func TimeOf(n int64) time.Time {
	if n == NoTime {
		return time.Time{}
	}
	return time.Unix(0, n).UTC()
}

// OpenAtNanos is the rule of Listing.OpenAt on Unix nanoseconds (NoTime
// for a zero time): a listing first seen at first, closed at closed, with
// the earlier closures gaps (pairs of closed and reopened times, oldest
// first) was open at t when it was first seen at or before t, not closed at
// or before t, and not in one of its gaps at t.
func OpenAtNanos(first, closed int64, gaps []int64, t int64) bool {
	if first != NoTime && first > t {
		return false
	}
	for i := 0; i+1 < len(gaps); i += 2 {
		if gaps[i] <= t && gaps[i+1] > t {
			return false
		}
	}
	return closed == NoTime || closed > t
}

// RoleName returns the role a listing is counted under in statistics: its
// Role, else its Title, with white space collapsed; "" when both are empty.
func (l *Listing) RoleName() string {
	if r := TrimSpace(l.Role); r != "" {
		return r
	}
	return TrimSpace(l.Title)
}

// Place names where a listing is, for the top locations of a report: its
// city with its region when known ("Austin, TX"), else its location as the
// source wrote it, white space collapsed.
func (l *Listing) Place() string {
	if c := TrimSpace(l.City); c != "" {
		if r := TrimSpace(l.Region); r != "" {
			return c + ", " + r
		}
		return c
	}
	return TrimSpace(l.Location)
}

// FactsVersion is the version of the rules by which Fact.Set derives facts
// from a listing. A store that keeps facts records the version they were
// made with, and makes them again when it differs: raise it whenever Set,
// RoleName, Place or Market changes what they return.
const FactsVersion = 1

// Fact is what statistics read of one listing, with strings as Syms of a
// Symbols table and times as Unix nanoseconds (NoTime for none). Set
// derives it from a Listing; a store keeps it beside the listing, so that
// statistics never decode whole listings. Slices are owned by the Fact and
// reused by Set.
type Fact struct {
	// Role is Listing.RoleName.
	Role Sym
	// Market is Listing.Market: a country code, "remote:SCOPE", or "".
	Market Sym
	// Seniority, Employment (EmploymentType as stored), Workplace and
	// Degree are the listing's, as stored.
	Seniority  Sym
	Employment Sym
	Workplace  Sym
	Degree     Sym
	// Company is the company with white space collapsed.
	Company Sym
	// Place is Listing.Place.
	Place Sym
	// Salary is true when the listing has a Salary; Min, Max, Currency
	// (as stored) and Period are then its own.
	Salary   bool
	Min, Max Amount
	Currency Sym
	Period   Sym
	// ExperienceYears is the listing's.
	ExperienceYears int
	// Fingerprint and Simhash find the same job (SameJob).
	Fingerprint, Simhash uint64
	// Alone is true when the listing is known to share its Fingerprint
	// with no other listing of the store (see LoneFingerprints), so that
	// it is a job of its own and statistics need not look for another
	// listing of the same job. False, as Set leaves it, is always safe: it
	// only means that they look. A store's scan sets it.
	Alone bool
	// PostedAt, FirstSeen, LastSeen and ClosedAt are the listing's times.
	PostedAt, FirstSeen, LastSeen, ClosedAt int64
	// Gaps are the listing's Gaps as pairs of closed and reopened times,
	// oldest first.
	Gaps []int64
	// Sources are the listing's Source, then each of its Sources not
	// already listed.
	Sources []Sym
	// Skills and Certifications are the listing's, in order, as stored.
	Skills         []Sym
	Certifications []Sym
}

// Set makes f the facts of l, interning its strings into syms. It keeps
// nothing of l, and reuses f's slices.
func (f *Fact) Set(l *Listing, syms *Symbols) {
	f.set(l, syms, true)
}

// SetKnown is Set without adding to syms: it reports false, leaving f
// incomplete, when a string of l is not in syms. It only reads syms, so
// goroutines may call it at once on the same table while none interns;
// when it reports true, f is what Set makes.
func (f *Fact) SetKnown(l *Listing, syms *Symbols) bool {
	return f.set(l, syms, false)
}

func (f *Fact) set(l *Listing, syms *Symbols, add bool) bool {
	known := true
	sym := func(name string) Sym {
		if add {
			return syms.Intern(name)
		}
		id, ok := syms.Lookup(name)
		known = known && ok
		return id
	}
	f.Role = sym(l.RoleName())
	f.Market = sym(l.Market())
	f.Seniority = sym(string(l.Seniority))
	f.Employment = sym(l.EmploymentType)
	f.Workplace = sym(string(l.Workplace))
	f.Degree = sym(string(l.Degree))
	f.Company = sym(TrimSpace(l.Company))
	f.Place = sym(l.Place())
	f.Salary, f.Min, f.Max, f.Currency, f.Period = false, 0, 0, 0, 0
	if s := l.Salary; s != nil {
		f.Salary, f.Min, f.Max = true, s.Min, s.Max
		f.Currency = sym(s.Currency)
		f.Period = sym(string(s.Period))
	}
	f.ExperienceYears = l.ExperienceYears
	f.Fingerprint, f.Simhash, f.Alone = l.Fingerprint, l.Simhash, false
	f.PostedAt = Nanos(l.PostedAt)
	f.SetLifecycle(l.Lifecycle())
	f.Sources = append(f.Sources[:0], sym(l.Source))
	for _, s := range l.Sources {
		id := sym(s)
		if !containsSym(f.Sources, id) {
			f.Sources = append(f.Sources, id)
		}
	}
	f.Skills = f.Skills[:0]
	for _, s := range l.Skills {
		f.Skills = append(f.Skills, sym(s))
	}
	f.Certifications = f.Certifications[:0]
	for _, s := range l.Certifications {
		f.Certifications = append(f.Certifications, sym(s))
	}
	return known
}

// SetLifecycle sets the lifecycle times of f (FirstSeen, LastSeen,
// ClosedAt, Gaps) to those of lc, as a store does when a run marks a
// listing seen or closes it.
func (f *Fact) SetLifecycle(lc Lifecycle) {
	f.FirstSeen, f.LastSeen, f.ClosedAt = Nanos(lc.FirstSeen), Nanos(lc.LastSeen), Nanos(lc.ClosedAt)
	f.Gaps = f.Gaps[:0]
	for _, g := range lc.Gaps {
		f.Gaps = append(f.Gaps, Nanos(g.Closed), Nanos(g.Reopened))
	}
}

func containsSym(list []Sym, s Sym) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// LoneFingerprints reports for each fingerprint whether no other has the
// same (a zero fingerprint, which never matches, is always lone): the
// listings whose Fact.Alone may be set. The fingerprints are those of
// parts, one after the other (a scan on several cores gives one part per
// core). Its answer errs only towards false, rarely (when two mixed
// fingerprints share their high 32 bits: about n²/2³³ pairs of n
// fingerprints), which is safe. It sorts 32 bits of each fingerprint by
// radix, a few nanoseconds each, on every core: the keys are first
// scattered by their top byte, then each of the 256 groups, small enough
// for a core's cache, is sorted and scanned on its own. It leaves parts as
// they are.
func LoneFingerprints(parts ...[]uint64) []bool {
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	lone := make([]bool, n)
	if uint64(n) > 1<<32 {
		return lone // rows do not fit the keys: none is known lone
	}
	// Each key holds the high half of the mixed fingerprint above the row
	// index, so that sorting the keys groups equal fingerprints; mixing (a
	// bijection) spreads fingerprints that differ in their low bits only.
	// Worker w reads the rows [w*n/workers, (w+1)*n/workers).
	workers := max(1, min(runtime.GOMAXPROCS(0), n/(1<<16)))
	rows := func(w int, fn func(i int, fp uint64)) {
		lo, hi := w*n/workers, (w+1)*n/workers
		base := 0
		for _, p := range parts {
			if base >= hi {
				break
			}
			if from, to := max(lo-base, 0), min(hi-base, len(p)); from < to {
				for j, fp := range p[from:to] {
					fn(base+from+j, fp)
				}
			}
			base += len(p)
		}
	}
	counts := make([][256]int, workers)
	each(workers, func(w int) {
		c := &counts[w]
		rows(w, func(i int, fp uint64) {
			if fp == 0 {
				lone[i] = true
			} else {
				c[mix64(fp)>>56]++
			}
		})
	})
	// Where each worker's keys of each top byte go, and where each
	// group starts.
	var starts [257]int
	at := 0
	for b := range 256 {
		starts[b] = at
		for w := range workers {
			at, counts[w][b] = at+counts[w][b], at
		}
	}
	starts[256] = at
	keys := make([]uint64, at)
	each(workers, func(w int) {
		c := &counts[w]
		rows(w, func(i int, fp uint64) {
			if fp != 0 {
				k := mix64(fp)>>32<<32 | uint64(uint32(i))
				keys[c[k>>56]] = k
				c[k>>56]++
			}
		})
	})
	var next atomic.Int32
	each(workers, func(int) {
		var tmp []uint64
		for b := int(next.Add(1) - 1); b < 256; b = int(next.Add(1) - 1) {
			group := keys[starts[b]:starts[b+1]]
			if len(tmp) < len(group) {
				tmp = make([]uint64, len(group))
			}
			radixSortHigh(group, tmp[:len(group)], 32)
			for i := 0; i < len(group); {
				j := i + 1
				for j < len(group) && group[j]>>32 == group[i]>>32 {
					j++
				}
				if j == i+1 {
					lone[uint32(group[i])] = true
				}
				i = j
			}
		}
	})
	return lone
}

// each runs fn(w) for w from 0 to workers-1, on goroutines of their own
// but the last, and waits for them.
func each(workers int, fn func(w int)) {
	var wg sync.WaitGroup
	for w := range workers - 1 {
		wg.Go(func() { fn(w) })
	}
	fn(workers - 1)
	wg.Wait()
}

// mix64 is the SplitMix64 finalizer, a bijection that spreads every bit
// of x over all bits of the result.
func mix64(x uint64) uint64 {
	x = (x ^ x>>30) * 0xbf58476d1ce4e5b9
	x = (x ^ x>>27) * 0x94d049bb133111eb
	return x ^ x>>31
}

// radixSortHigh sorts keys by their bits from low up, 8 at a time,
// leaving the low bits (below from, rounded down to a byte) unsorted; tmp
// is scratch space of the length of keys. Bytes that every key shares
// cost a count and no move: the top byte of a group of LoneFingerprints.
func radixSortHigh(keys, tmp []uint64, from uint) {
	if len(keys) < 2 {
		return
	}
	src, dst := keys, tmp
	for shift := from &^ 7; shift < 64; shift += 8 {
		var count [257]int
		for _, k := range src {
			count[(k>>shift)&0xff+1]++
		}
		if count[(src[0]>>shift)&0xff+1] == len(src) {
			continue // every key has this byte: nothing moves
		}
		for i := 1; i < 257; i++ {
			count[i] += count[i-1]
		}
		for _, k := range src {
			b := (k >> shift) & 0xff
			dst[count[b]] = k
			count[b]++
		}
		src, dst = dst, src
	}
	if &src[0] != &keys[0] {
		copy(keys, src)
	}
}
