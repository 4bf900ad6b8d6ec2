package jobstats

import (
	"strings"
	"time"
)

// RunStatus is the outcome of one crawl of one source.
type RunStatus string

// RunStatus values.
const (
	RunRunning     RunStatus = "running"
	RunOK          RunStatus = "ok"          // complete: every page fetched
	RunPartial     RunStatus = "partial"     // some pages failed; what was extracted is stored
	RunFailed      RunStatus = "failed"      // nothing could be crawled
	RunInterrupted RunStatus = "interrupted" // cancelled (signal or shutdown)
)

// Complete reports whether the run saw the whole source, so that listings
// missing from it may be closed.
func (s RunStatus) Complete() bool { return s == RunOK }

// Run is the record of one crawl of one source.
type Run struct {
	// ID is assigned by storage, increasing.
	ID           uint64    `json:"id"`
	Source       string    `json:"source"`
	Kind         string    `json:"kind"`
	Start        time.Time `json:"start"`
	End          time.Time `json:"end"`
	Status       RunStatus `json:"status"`
	PagesFetched int       `json:"pages_fetched"`
	PagesFailed  int       `json:"pages_failed"`
	PagesEmpty   int       `json:"pages_empty"` // fetched, held no posting
	Listings     int       `json:"listings"`    // listings extracted
	// Unchanged counts the listings the source knew to be unchanged and did
	// not fetch again (a sitemap's lastmod); they count as seen.
	Unchanged int      `json:"unchanged,omitempty"`
	New       int      `json:"new"`
	Updated   int      `json:"updated"`
	Closed    int      `json:"closed"`
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
