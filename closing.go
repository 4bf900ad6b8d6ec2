package jobstats

import (
	"slices"
	"sort"
	"time"
)

// DefaultCloseAfter is how many consecutive complete runs of a source must
// miss a listing before it closes, when a source sets no close_after: 2, so
// that a board that drops a listing from one response and lists it again
// in the next does not move the figures.
const DefaultCloseAfter = 2

// RunSpan is when one complete run of a source started and ended.
type RunSpan struct{ Start, End time.Time }

// Closing decides which open listings of a source are closed after a
// complete run, and when they closed. A listing closes when the last After
// complete runs of its source all started after it was last seen; it is
// then closed at the End of the first complete run that started after it
// was last seen, so that a report as of any past moment counts it open
// exactly while the source still listed it, however long closing waited.
type Closing struct {
	// Runs are the complete runs of the source, oldest first; the run that
	// closes is the last.
	Runs []RunSpan
	// After is the number of consecutive complete runs a listing must be
	// missing from; values below 1 mean 1.
	After int
}

// NewClosing returns the Closing of a complete run: the complete runs among
// runs (any order; runs of other sources, incomplete, running and failed
// ones are left out, and so is a run with the same ID as current) followed
// by current, and closeAfter.
func NewClosing(current Run, runs []Run, closeAfter int) Closing {
	c := Closing{After: closeAfter}
	for _, r := range runs {
		if r.Source != current.Source || !r.Complete || r.Status == RunRunning || (current.ID != 0 && r.ID == current.ID) {
			continue
		}
		if !r.Start.Before(current.Start) {
			continue
		}
		c.Runs = append(c.Runs, RunSpan{r.Start, r.End})
	}
	slices.SortFunc(c.Runs, func(a, b RunSpan) int { return a.Start.Compare(b.Start) })
	c.Runs = append(c.Runs, RunSpan{current.Start, current.End})
	return c
}

// ClosedAt reports whether a listing last seen at lastSeen closes, and when:
// the End of the first complete run that started after lastSeen. It
// returns false while fewer than After complete runs have missed it.
func (c *Closing) ClosedAt(lastSeen time.Time) (time.Time, bool) {
	after := max(c.After, 1)
	n := len(c.Runs)
	if n < after || !lastSeen.Before(c.Runs[n-after].Start) {
		return time.Time{}, false
	}
	i := sort.Search(n, func(i int) bool { return lastSeen.Before(c.Runs[i].Start) })
	return c.Runs[i].End, true
}

// Sweep is what the end of a run does to the stored listings of its source
// that the run did not store itself, as plain data so that every store
// applies the same rules: a store calls Apply on every stored listing of
// Source, open or closed, and writes the lifecycles Apply changed (or
// translates the sweep into a query of its own that does the same).
//
// Marking a listing seen never reopens it: only storing it again does.
type Sweep struct {
	// Source is the source whose listings are swept.
	Source string
	// Seen is when the run saw the listings it marks seen: its start.
	Seen time.Time
	// KeepOpen holds the IDs (jobstats.ListingID, not SourceIDs) of the
	// listings the source still lists but whose details the run could not
	// fetch: open ones are marked seen, so they are never closed for it.
	KeepOpen map[string]bool
	// Listed holds the IDs of the listings the source still lists and knew
	// to be unchanged since they were stored, so the run did not fetch them
	// (a sitemap's lastmod): open ones are marked seen. A closed one stays
	// closed (marking seen never reopens) and is not counted in ListedOpen,
	// which tells the caller that the source's memory disagrees with the
	// store.
	Listed map[string]bool
	// Unchanged marks as seen every open listing last seen at or after
	// UnchangedSince (every open one when UnchangedSince is zero): the run
	// was answered 304 Not Modified, so the source still lists what the
	// complete run that started at UnchangedSince saw.
	Unchanged      bool
	UnchangedSince time.Time
	// Close, when not nil, closes the open listings it finds missing. Only
	// a complete run sets it.
	Close *Closing
}

// SweepResult counts what a sweep did.
type SweepResult struct {
	// Seen counts the open listings marked seen.
	Seen int
	// Closed counts the listings closed.
	Closed int
	// Kept counts the KeepOpen IDs that are stored listings of the source,
	// open or closed.
	Kept int
	// ListedOpen counts the Listed IDs that are open stored listings of the
	// source (all of them marked seen, and counted in Seen too).
	ListedOpen int
}

// Apply returns the lifecycle of the listing id after the sweep and
// whether it changed, and adds what it did to res.
func (s *Sweep) Apply(id string, lc Lifecycle, res *SweepResult) (Lifecycle, bool) {
	kept := s.KeepOpen[id]
	if kept {
		res.Kept++
	}
	if !lc.Open() {
		return lc, false
	}
	listed := s.Listed[id]
	if listed {
		res.ListedOpen++
	}
	if kept || listed || (s.Unchanged && !lc.LastSeen.Before(s.UnchangedSince)) {
		res.Seen++
		if s.Seen.After(lc.LastSeen) {
			lc.LastSeen = s.Seen
			return lc, true
		}
		return lc, false
	}
	if s.Close == nil {
		return lc, false
	}
	at, ok := s.Close.ClosedAt(lc.LastSeen)
	if !ok {
		return lc, false
	}
	lc.ClosedAt = at
	res.Closed++
	return lc, true
}
