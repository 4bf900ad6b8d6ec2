package crawl

import (
	"fmt"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/scraper"
)

// Outcome is how a run ended, decided from what the scraper and the store
// reported.
type Outcome struct {
	// Status is the run's status: never RunRunning.
	Status jobstats.RunStatus
	// Complete is true when the run saw the source's whole index, so that
	// it may close the listings it did not see.
	Complete bool
	// Incomplete says why the run is not complete; "" when it is.
	Incomplete string
}

// Decide returns the outcome of a run from the scraper's Stats and error,
// whether the run was cancelled, and the error that kept fetched listings
// from being stored (nil when all were stored). The rules, in order:
//
//   - listings that could not be stored make the run failed and incomplete;
//   - a cancelled run is interrupted and incomplete;
//   - a run that found nothing (no listing, no listing kept open or known
//     unchanged, no 304) and met any failure is failed and incomplete;
//   - otherwise the run is complete when the scraper saw the whole index
//     (Stats.Incomplete is "") and returned no error, and it is ok when it
//     is also free of failed pages and listings kept open, else partial.
//
// So a failed detail page makes a run partial but leaves it complete: the
// page's listing is in Stats.KeepOpen and stays open, and the run closes
// the others. The runner adds one rule that needs the store: a KeepOpen id
// that is not a stored listing of the source makes the run incomplete,
// since the page that failed may have been an index page.
func Decide(st scraper.Stats, crawlErr error, cancelled bool, storeErr error) Outcome {
	switch {
	case storeErr != nil:
		return Outcome{jobstats.RunFailed, false, "not every fetched listing was stored"}
	case cancelled:
		return Outcome{jobstats.RunInterrupted, false, "cancelled"}
	}
	failure := st.Incomplete
	if failure == "" && crawlErr != nil {
		failure = crawlErr.Error()
	}
	if st.Listings == 0 && !st.NotModified && len(st.KeepOpen) == 0 && len(st.Unchanged) == 0 && (failure != "" || st.PagesFailed > 0) {
		if failure == "" {
			failure = fmt.Sprintf("every page failed (%d)", st.PagesFailed)
		}
		return Outcome{jobstats.RunFailed, false, "nothing found: " + failure}
	}
	if failure != "" {
		return Outcome{jobstats.RunPartial, false, failure}
	}
	if st.PagesFailed > 0 || len(st.KeepOpen) > 0 {
		return Outcome{jobstats.RunPartial, true, ""}
	}
	return Outcome{jobstats.RunOK, true, ""}
}
