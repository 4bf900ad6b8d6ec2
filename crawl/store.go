package crawl

import (
	"context"
	"time"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/scraper"
)

// Store is all a crawl needs from a database. storage.DB implements it,
// and so can any other store: every type in it is a domain type, and the
// lifecycle rules come with the data (jobstats.Lifecycle.Seen,
// jobstats.MergeSources, jobstats.SameContent, jobstats.Sweep), so a store
// applies them rather than choosing its own. Its methods are called from
// several goroutines at once.
//
// A method that fails only because the store is busy (another process
// holds it) returns an error for which Runner.Busy reports true; the runner
// then keeps what it meant to write and tries again later.
type Store interface {
	ListingStore
	RunStore
	ValidatorStore
}

// ListingStore stores listings and their lifecycle.
type ListingStore interface {
	// PutListings upserts a batch of listings seen at seen (the start of
	// the run) in one transaction, by the rules of jobstats.Lifecycle.Seen,
	// jobstats.MergeSources and jobstats.SameContent, and counts what it
	// did. Nothing is written when it fails.
	PutListings(ctx context.Context, ls []jobstats.Listing, seen time.Time) (jobstats.PutResult, error)
	// Sweep applies s (jobstats.Sweep.Apply) to every stored listing of
	// s.Source in one transaction and returns what it did.
	Sweep(ctx context.Context, s *jobstats.Sweep) (jobstats.SweepResult, error)
}

// ListingScanner is what a Store may do besides: stream the stored
// listings of a source (storage.DB and postgres.DB do). A run that could
// not fetch some pages uses it to find the listings behind them: a page's
// address is its listing's SourceID only when the posting has no
// identifier of its own, and otherwise the stored listing whose URL is the
// page's is the one to keep open. Without it, such a page makes the run
// incomplete (it may have been an index page).
type ListingScanner interface {
	// ForEach calls fn for every stored listing selected by s. The
	// *Listing may be reused between calls, but its strings may be kept.
	ForEach(ctx context.Context, s jobstats.Scan, fn func(*jobstats.Listing) error) error
}

// RunStore stores run records.
type RunStore interface {
	// PutRun stores r, assigning r.ID when it is 0 (ids increase), and
	// overwriting the run with that ID otherwise.
	PutRun(ctx context.Context, r *jobstats.Run) error
	// Runs returns the runs of source ("" for every source), newest
	// first, at most limit of them (limit <= 0 for all).
	Runs(ctx context.Context, source string, limit int) ([]jobstats.Run, error)
}

// ValidatorStore stores the HTTP cache validators of conditional requests.
type ValidatorStore interface {
	// Validators returns every stored validator by URL.
	Validators(ctx context.Context) (map[string]jobstats.Validator, error)
	// PutValidators stores validators by URL; one with both fields empty
	// deletes the URL's.
	PutValidators(ctx context.Context, vals map[string]jobstats.Validator) error
}

// Source is one source as a run needs it.
type Source struct {
	// Name identifies the source in the store and in logs; required.
	Name string
	// Kind is recorded on the source's runs.
	Kind string
	// CloseAfter is how many consecutive complete runs must miss a listing
	// before it closes; 0 means jobstats.DefaultCloseAfter.
	CloseAfter int
	// MaxPages, when above 0, is the source's cap on the pages one crawl
	// fetches: a run whose pages (fetched and failed) reach it is taken
	// as stopped by the cap, and incomplete, even when the scraper does
	// not say so in Stats.Incomplete.
	MaxPages int
	// New builds the scraper for one run. vals are the HTTP cache
	// validators of its conditional requests, loaded from the store; nil
	// when they could not be loaded (every request is then plain).
	New func(vals scraper.Validators) (scraper.Source, error)
}
