package jobstats

import (
	"fmt"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"time"
)

// This file holds the lifecycle rules of a listing: when it was first and
// last seen, when it closed and reopened, which sources it was seen on, and
// what counts as a change of its content. Every store applies them through
// these functions, so that a second store cannot disagree with the first.

// Lifecycle is the part of a Listing that crawl runs set, rather than its
// source: when it was first and last seen, when it closed, and the earlier
// closures it came back from.
type Lifecycle struct {
	FirstSeen time.Time
	LastSeen  time.Time
	// ClosedAt is zero while the listing is open.
	ClosedAt time.Time
	// Gaps are the earlier closures, oldest first.
	Gaps []Gap
}

// Lifecycle returns the lifecycle fields of l.
func (l *Listing) Lifecycle() Lifecycle {
	return Lifecycle{FirstSeen: l.FirstSeen, LastSeen: l.LastSeen, ClosedAt: l.ClosedAt, Gaps: l.Gaps}
}

// SetLifecycle sets the lifecycle fields of l.
func (l *Listing) SetLifecycle(lc Lifecycle) {
	l.FirstSeen, l.LastSeen, l.ClosedAt, l.Gaps = lc.FirstSeen, lc.LastSeen, lc.ClosedAt, lc.Gaps
}

// Open reports whether the listing is open (not closed).
func (lc Lifecycle) Open() bool { return lc.ClosedAt.IsZero() }

// Equal reports whether lc and o hold the same instants.
func (lc Lifecycle) Equal(o Lifecycle) bool {
	if !lc.FirstSeen.Equal(o.FirstSeen) || !lc.LastSeen.Equal(o.LastSeen) || !lc.ClosedAt.Equal(o.ClosedAt) ||
		len(lc.Gaps) != len(o.Gaps) {
		return false
	}
	for i, g := range lc.Gaps {
		if !g.Closed.Equal(o.Gaps[i].Closed) || !g.Reopened.Equal(o.Gaps[i].Reopened) {
			return false
		}
	}
	return true
}

// Seen returns the lifecycle of a listing that a run found at seen (the
// start of the run), and whether that reopened it. The zero Lifecycle is a
// new listing: it gets FirstSeen = LastSeen = seen. An existing one keeps
// the earlier of its FirstSeen and seen and the later of its LastSeen and
// seen, so batches may arrive in any order. A closed listing seen at or
// after its closure reopens: the closure moves to Gaps as {ClosedAt, seen}
// and ClosedAt is cleared. A sighting from before the closure (a late batch
// of an older run) does not reopen it. lc's Gaps are never modified: a
// reopened lifecycle has a new slice.
func (lc Lifecycle) Seen(seen time.Time) (out Lifecycle, reopened bool) {
	out = lc
	if out.FirstSeen.IsZero() || seen.Before(out.FirstSeen) {
		out.FirstSeen = seen
	}
	if out.LastSeen.IsZero() || seen.After(out.LastSeen) {
		out.LastSeen = seen
	}
	if !lc.Open() && !seen.Before(lc.ClosedAt) {
		out.Gaps = append(slices.Clip(lc.Gaps), Gap{Closed: lc.ClosedAt, Reopened: seen})
		out.ClosedAt = time.Time{}
		return out, true
	}
	return out, false
}

// MergeSources returns the sources of a listing seen again: the stored ones
// in their order, then the incoming ones not among them, with source (the
// listing's own source, when not empty) put first when it is missing from
// both. It never modifies either slice, and returns stored itself when
// nothing is added (incoming itself when nothing is stored and incoming
// holds source once and no duplicates), so that the common case does not
// allocate.
func MergeSources(stored, incoming []string, source string) []string {
	if len(stored) == 0 && (source == "" || slices.Contains(incoming, source)) && !hasDuplicates(incoming) {
		return incoming
	}
	out := stored
	for _, s := range incoming {
		if !slices.Contains(out, s) {
			if len(out) == len(stored) {
				out = slices.Clip(stored)
			}
			out = append(out, s)
		}
	}
	if source != "" && !slices.Contains(out, source) {
		out = append([]string{source}, out...)
	}
	return out
}

// Batch returns a batch of listings as a store writes it: each with its ID
// (ListingID(Source, SourceID) when the ID is empty), in ID order (bytes),
// one per ID: when an ID occurs more than once the last occurrence wins,
// with the Sources of all of them merged (MergeSources, in batch order).
// The listings returned are shallow copies; ls is not changed. It fails,
// naming its position, for a listing with neither an ID nor both Source
// and SourceID, since it has no identity to store under.
func Batch(ls []Listing) ([]Listing, error) {
	items, err := BatchItems(ls)
	if err != nil {
		return nil, err
	}
	out := make([]Listing, len(items))
	for i, it := range items {
		out[i] = ls[it.Index]
		out[i].ID = it.ID
		if it.Merged {
			out[i].Sources = it.Sources
		}
	}
	return out, nil
}

// A BatchItem is one listing of a batch as Batch returns it, without a
// copy of the listing: ls[Index] with ID as its ID and, when Merged (its
// ID occurs more than once in the batch), Sources as its Sources.
type BatchItem struct {
	Index   int
	ID      string
	Sources []string
	Merged  bool
}

// BatchItems is Batch by reference: the items in ID order, one per ID, of
// the listing that wins (the last occurrence). It fails as Batch does.
func BatchItems(ls []Listing) ([]BatchItem, error) {
	keys := make([]batchKey, len(ls))
	sorted := true
	for i := range ls {
		id := ls[i].ID
		if id == "" {
			if ls[i].Source == "" || ls[i].SourceID == "" {
				return nil, fmt.Errorf("listing %d has no id, source or source id", i)
			}
			id = ListingID(ls[i].Source, ls[i].SourceID)
		}
		keys[i] = batchKey{id, i}
		sorted = sorted && (i == 0 || keys[i-1].id < id)
	}
	if !sorted {
		sortBatch(keys)
	}
	items := make([]BatchItem, 0, len(keys))
	for k := 0; k < len(keys); {
		j := k + 1
		for j < len(keys) && keys[j].id == keys[k].id {
			j++
		}
		it := BatchItem{Index: keys[j-1].index, ID: keys[k].id}
		if j-k > 1 {
			var srcs []string
			for _, o := range keys[k:j] {
				srcs = MergeSources(srcs, ls[o.index].Sources, "")
			}
			it.Sources, it.Merged = srcs, true
		}
		items = append(items, it)
		k = j
	}
	return items, nil
}

// batchKey is a listing of a batch to sort: its id and position.
type batchKey struct {
	id    string
	index int
}

// sortBatchHalves is the size of a batch from which sortBatch sorts its
// halves on two goroutines.
const sortBatchHalves = 2048

// sortBatch sorts keys by id, then position (so that the order is the
// stable one), its halves at once when it is large, then merged.
func sortBatch(keys []batchKey) {
	cmp := func(a, b batchKey) int {
		if c := strings.Compare(a.id, b.id); c != 0 {
			return c
		}
		return a.index - b.index
	}
	if len(keys) < sortBatchHalves || runtime.GOMAXPROCS(0) < 2 {
		slices.SortFunc(keys, cmp)
		return
	}
	a, b := slices.Clone(keys[:len(keys)/2]), slices.Clone(keys[len(keys)/2:])
	done := make(chan struct{})
	go func() {
		slices.SortFunc(a, cmp)
		close(done)
	}()
	slices.SortFunc(b, cmp)
	<-done
	i, j := 0, 0
	for k := range keys {
		if j == len(b) || i < len(a) && cmp(a[i], b[j]) < 0 {
			keys[k], i = a[i], i+1
		} else {
			keys[k], j = b[j], j+1
		}
	}
}

// hasDuplicates reports whether a string occurs twice in s (a few sources
// at most: quadratic is fastest).
func hasDuplicates(s []string) bool {
	for i := 1; i < len(s); i++ {
		if slices.Contains(s[:i], s[i]) {
			return true
		}
	}
	return false
}

// lifecycleFields are the Listing fields that are not content: the
// identity and the lifecycle.
var lifecycleFields = map[string]bool{"ID": true, "FirstSeen": true, "LastSeen": true, "ClosedAt": true, "Gaps": true}

// SameContent reports whether a and b hold the same content: every field
// but ID and the lifecycle (FirstSeen, LastSeen, ClosedAt, Gaps) is equal,
// Description, Sources and the understood fields included. A nil and an
// empty slice are equal, times are compared as instants, and a Salary by
// value. A stored listing seen again is counted as updated exactly when
// SameContent with what is stored is false. Fields added to Listing later
// count without a change here.
func SameContent(a, b *Listing) bool {
	va, vb := reflect.ValueOf(a).Elem(), reflect.ValueOf(b).Elem()
	t := va.Type()
	for i := range t.NumField() {
		if lifecycleFields[t.Field(i).Name] {
			continue
		}
		if !sameValue(va.Field(i), vb.Field(i)) {
			return false
		}
	}
	return true
}

var timeType = reflect.TypeFor[time.Time]()

// sameValue compares two values of one type as SameContent describes.
func sameValue(a, b reflect.Value) bool {
	switch {
	case a.Type() == timeType:
		return a.Interface().(time.Time).Equal(b.Interface().(time.Time))
	case a.Kind() == reflect.Pointer:
		if a.IsNil() || b.IsNil() {
			return a.IsNil() == b.IsNil()
		}
		return sameValue(a.Elem(), b.Elem())
	case a.Kind() == reflect.Slice:
		if a.Len() != b.Len() {
			return false
		}
		for i := range a.Len() {
			if !sameValue(a.Index(i), b.Index(i)) {
				return false
			}
		}
		return true
	case a.Kind() == reflect.Map:
		if a.Len() != b.Len() {
			return false
		}
		it := a.MapRange()
		for it.Next() {
			bv := b.MapIndex(it.Key())
			if !bv.IsValid() || !sameValue(it.Value(), bv) {
				return false
			}
		}
		return true
	case a.Kind() == reflect.Struct:
		for i := range a.NumField() {
			if !sameValue(a.Field(i), b.Field(i)) {
				return false
			}
		}
		return true
	}
	return a.Equal(b)
}

// PutResult counts what storing one batch of listings did. Every distinct
// id of the batch is counted once as New, Updated or Unchanged; Reopened
// counts, among the Updated and Unchanged, those that had been closed.
type PutResult struct{ New, Updated, Unchanged, Reopened int }

// Validator is the pair of HTTP cache validators kept for one URL, for the
// conditional request of the next crawl. Both empty means none.
type Validator struct {
	ETag         string
	LastModified string
}
