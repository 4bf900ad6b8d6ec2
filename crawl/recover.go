package crawl

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/jobstats/jobstats"
)

// DefaultStaleAfter is how long a running run owned by another host (or
// recorded without an owner, by an older jobstats) may go without a
// heartbeat before Recover marks it interrupted: far longer than
// HeartbeatEvery, so that only a run whose process is surely gone is.
const DefaultStaleAfter = 24 * time.Hour

// Recovery configures Recover. The zero value checks from this process,
// on this host, with the real clock.
type Recovery struct {
	// Host and PID are this process's; default os.Hostname() and
	// os.Getpid().
	Host string
	PID  int
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Alive reports whether the process pid on this host is still the one
	// that started a run at since; nil means a check of the operating
	// system (/proc on Linux, signal 0 elsewhere on Unix; on other
	// systems every process counts as alive).
	Alive func(pid int, since time.Time) bool
	// StaleAfter is how long a run of another host may go without a
	// heartbeat; default DefaultStaleAfter.
	StaleAfter time.Duration
	// Source, when not "", limits Recover to the runs of that source.
	Source string
	// Dead, when set, decides instead of the checks above whether a run
	// recorded running is dead: it returns why, or "" when the run may be
	// alive. A store that knows for sure sets it: a worker that holds the
	// lock every live run of a source holds knows that the source's other
	// running runs are dead (see postgres.Coordinator).
	Dead func(jobstats.Run) string
}

// Recover marks interrupted every run that is recorded running but whose
// process no longer exists, and returns them as stored. A run owned by
// this host is dead when its process is gone (or the pid now belongs to a
// process started after the run); any run, and so one owned by another
// host or recorded without an owner (by an older jobstats), is dead when
// its record has gone DefaultStaleAfter (Recovery.StaleAfter) without a
// heartbeat, which a live run writes every HeartbeatEvery. A recovered run keeps the
// counts it recorded as it stored its batches (Stored, New, Updated), ends
// at its last heartbeat, is incomplete, and says why in Incomplete and
// Errors. A live run that was wrongly marked puts its own record back when
// it ends.
//
// Call it when a writer opens the store, before it records runs of its own.
func Recover(ctx context.Context, store RunStore, rc Recovery) ([]jobstats.Run, error) {
	now := time.Now
	if rc.Now != nil {
		now = rc.Now
	}
	if rc.Host == "" {
		rc.Host, _ = os.Hostname()
	}
	if rc.PID == 0 {
		rc.PID = os.Getpid()
	}
	alive := rc.Alive
	if alive == nil {
		alive = processAlive
	}
	stale := orDefault(rc.StaleAfter, DefaultStaleAfter)

	runs, err := store.Runs(ctx, rc.Source, 0)
	if err != nil {
		return nil, fmt.Errorf("recover interrupted runs: %w", err)
	}
	var out []jobstats.Run
	t := now().UTC()
	for _, r := range runs {
		if r.Status != jobstats.RunRunning {
			continue
		}
		last := r.Heartbeat
		if last.IsZero() {
			last = r.Start
		}
		var why string
		switch {
		case rc.Dead != nil:
			if why = rc.Dead(r); why == "" {
				continue
			}
		case r.Host == rc.Host && r.PID > 0 && !alive(r.PID, r.Start):
			why = fmt.Sprintf("process %d on %s ended without finishing the run", r.PID, r.Host)
		case t.Sub(last) >= stale:
			owner := "an older jobstats"
			if r.Host != "" {
				owner = fmt.Sprintf("process %d on %s", r.PID, r.Host)
			}
			why = fmt.Sprintf("no sign of life from %s since %s", owner, last.Format(time.RFC3339))
		default:
			continue
		}
		r.Status, r.Complete, r.End = jobstats.RunInterrupted, false, last
		r.Incomplete = "interrupted: " + why
		r.AddError(fmt.Sprintf("interrupted: %s (found at %s by process %d on %s)", why, t.Format(time.RFC3339), rc.PID, rc.Host))
		if err := store.PutRun(ctx, &r); err != nil {
			return out, fmt.Errorf("recover interrupted run %d: %w", r.ID, err)
		}
		out = append(out, r)
	}
	return out, nil
}
