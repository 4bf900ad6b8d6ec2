package crawl_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/crawl"
)

// TestAcquire: a run takes what Acquire gives before it starts and lets
// it go once the run is recorded; when Acquire fails, nothing is done.
func TestAcquire(t *testing.T) {
	store := newMemStore()
	c := &clock{t: day(1)}
	r := newRunner(t, store, c.now)
	var events []string
	held := false
	r.Acquire = func(_ context.Context, src crawl.Source) (func(), error) {
		if held {
			return nil, fmt.Errorf("%w (elsewhere)", crawl.ErrRunning)
		}
		events = append(events, "acquire "+src.Name)
		return func() {
			runs, _ := store.Runs(context.Background(), src.Name, 1)
			events = append(events, fmt.Sprintf("release after the run was recorded %s", runs[0].Status))
		}, nil
	}
	b := newBoard("1", "2")
	run, err := r.Run(t.Context(), b.source("s", 0))
	if err != nil || run.Status != jobstats.RunOK {
		t.Fatalf("run: %+v, %v", run, err)
	}
	want := []string{"acquire s", "release after the run was recorded ok"}
	if fmt.Sprint(events) != fmt.Sprint(want) {
		t.Errorf("events %q, want %q", events, want)
	}
	held = true
	_, err = r.Run(t.Context(), b.source("s", 0))
	if !errors.Is(err, crawl.ErrRunning) {
		t.Errorf("run while held elsewhere: %v, want ErrRunning", err)
	}
	if runs, _ := store.Runs(t.Context(), "s", 0); len(runs) != 1 {
		t.Errorf("%d runs recorded, want only the first", len(runs))
	}
	// RunAll reports it as a failed run that is not stored.
	runs := r.RunAll(t.Context(), []crawl.Source{b.source("s", 0)})
	if runs[0].Status != jobstats.RunFailed || runs[0].ID != 0 {
		t.Errorf("RunAll while held elsewhere: %+v", runs[0])
	}
}

// TestRecoverDead: a caller that knows (Recovery.Dead) marks runs
// interrupted whatever their host and heartbeat say, and only those of
// Recovery.Source.
func TestRecoverDead(t *testing.T) {
	store := newMemStore()
	now := day(20)
	for _, r := range []jobstats.Run{
		{Source: "a", Start: now.Add(-time.Minute), Status: jobstats.RunRunning, Host: "elsewhere", PID: 7, Heartbeat: now.Add(-time.Second), Stored: 3},
		{Source: "b", Start: now.Add(-time.Minute), Status: jobstats.RunRunning, Host: "elsewhere", PID: 8, Heartbeat: now.Add(-time.Second)},
	} {
		if err := store.PutRun(t.Context(), &r); err != nil {
			t.Fatal(err)
		}
	}
	got, err := crawl.Recover(t.Context(), store, crawl.Recovery{Source: "a", Now: func() time.Time { return now },
		Dead: func(r jobstats.Run) string { return "no worker holds its lock" }})
	if err != nil || len(got) != 1 || got[0].Source != "a" || got[0].Stored != 3 {
		t.Fatalf("recover: %+v, %v", got, err)
	}
	if got[0].Incomplete != "interrupted: no worker holds its lock" || !got[0].End.Equal(now.Add(-time.Second)) {
		t.Errorf("recovered run: %+v", got[0])
	}
	if runs, _ := store.Runs(t.Context(), "b", 0); runs[0].Status != jobstats.RunRunning {
		t.Errorf("a run of another source was touched: %+v", runs[0])
	}
	// Dead says "" : alive.
	got, _ = crawl.Recover(t.Context(), store, crawl.Recovery{Now: func() time.Time { return now },
		Dead: func(jobstats.Run) string { return "" }})
	if len(got) != 0 {
		t.Errorf("Dead said alive, yet %d runs were marked", len(got))
	}
}
