package jobstats

import (
	"strings"
	"time"
)

// RunStatus is the outcome of one crawl of one source. Whether the run may
// close listings is not its status but Run.Complete.
type RunStatus string

// RunStatus values.
const (
	// RunRunning is a run in progress (or one whose process died, until
	// the next writer marks it RunInterrupted).
	RunRunning RunStatus = "running"
	// RunOK is a run that fetched every page it tried and stored all it found.
	RunOK RunStatus = "ok"
	// RunPartial is a run that stored what it found, but some pages failed
	// or it stopped before the end of the index (see Run.Incomplete).
	RunPartial RunStatus = "partial"
	// RunFailed is a run that found nothing (no listing and no 304), or
	// could not store what it found; Run.Errors says why.
	RunFailed RunStatus = "failed"
	// RunInterrupted is a run cancelled by a signal or shutdown, or whose
	// process died; what it stored before is kept.
	RunInterrupted RunStatus = "interrupted"
)

// Run is the record of one crawl of one source.
type Run struct {
	// ID is assigned by storage, increasing.
	ID     uint64    `json:"id"`
	Source string    `json:"source"`
	Kind   string    `json:"kind"`
	Start  time.Time `json:"start"`
	// End is zero while the run is running.
	End    time.Time `json:"end"`
	Status RunStatus `json:"status"`
	// Complete is true when the run saw the source's whole index, so that
	// listings missing from it count as missing (see Closing); Incomplete
	// says why not otherwise.
	Complete   bool   `json:"complete"`
	Incomplete string `json:"incomplete,omitempty"`
	// Host and PID identify the process that owns the run, so that a run
	// left running by a process that died can be told from a live one.
	Host string `json:"host,omitempty"`
	PID  int    `json:"pid,omitempty"`
	// Heartbeat is when the owning process last wrote the record: a
	// running run rewrites it as it stores batches and every few minutes.
	Heartbeat time.Time `json:"heartbeat,omitzero"`

	PagesFetched int `json:"pages_fetched"`
	PagesFailed  int `json:"pages_failed"`
	PagesEmpty   int `json:"pages_empty"` // fetched, held no posting
	Listings     int `json:"listings"`    // listings extracted
	// Stored counts the listings written to the database; below Listings
	// only when some could not be stored (see Errors).
	Stored  int `json:"stored"`
	New     int `json:"new"`
	Updated int `json:"updated"`
	Closed  int `json:"closed"`
	// KeptOpen counts the listings the source still lists but whose
	// details could not be fetched: kept open, not stored again.
	KeptOpen int `json:"kept_open,omitempty"`
	// Unchanged counts the listings the source knew to be unchanged and did
	// not fetch again (a sitemap's lastmod): seen, not stored again.
	Unchanged int      `json:"unchanged,omitempty"`
	Errors    []string `json:"errors,omitempty"` // first errors, capped
}

// MaxRunErrors is how many error messages a Run keeps; the count of pages
// failed is always exact.
const MaxRunErrors = 20

// AddError records msg on the run unless MaxRunErrors are already kept or
// a kept message already says it (a crawl's final error often repeats the
// page error that caused it).
func (r *Run) AddError(msg string) {
	for _, e := range r.Errors {
		if strings.Contains(e, msg) || strings.Contains(msg, e) {
			return
		}
	}
	if len(r.Errors) < MaxRunErrors {
		r.Errors = append(r.Errors, msg)
	}
}
