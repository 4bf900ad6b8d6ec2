package metrics_test

import (
	"context"
	"errors"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/metrics"
)

var t0 = time.Date(2026, 11, 20, 6, 0, 0, 0, time.UTC)

// runs are a store's records: two sources, every status.
func runs() []jobstats.Run {
	r := func(id uint64, src string, st jobstats.RunStatus, start, dur time.Duration, fetched, failed, stored int) jobstats.Run {
		run := jobstats.Run{ID: id, Source: src, Status: st, Start: t0.Add(start), PagesFetched: fetched, PagesFailed: failed, Stored: stored}
		if st != jobstats.RunRunning {
			run.End = run.Start.Add(dur)
		}
		return run
	}
	// Newest first, as stores return them.
	return []jobstats.Run{
		r(6, "gitlab", jobstats.RunRunning, 5*time.Hour, 0, 3, 0, 0),
		r(5, "remotive", jobstats.RunFailed, 4*time.Hour, 2*time.Second, 1, 1, 0),
		r(4, "gitlab", jobstats.RunPartial, 3*time.Hour, 90*time.Second, 100, 2, 98),
		r(3, "remotive", jobstats.RunOK, 2*time.Hour, 20*time.Second, 10, 0, 40),
		r(2, "gitlab", jobstats.RunInterrupted, time.Hour, 400*time.Second, 50, 0, 10),
		r(1, "gitlab", jobstats.RunOK, 0, 45*time.Second, 101, 0, 101),
	}
}

func TestAggregate(t *testing.T) {
	got := metrics.Aggregate(runs())
	if len(got) != 2 || got[0].Source != "gitlab" || got[1].Source != "remotive" {
		t.Fatalf("sources %+v", got)
	}
	g := got[0]
	if g.Runs["ok"] != 1 || g.Runs["partial"] != 1 || g.Runs["interrupted"] != 1 || g.Runs["running"] != 1 {
		t.Errorf("gitlab runs %v", g.Runs)
	}
	if g.PagesFetched != 254 || g.PagesFailed != 2 || g.Stored != 209 || g.Running != 1 {
		t.Errorf("gitlab counts %+v", g)
	}
	if !g.LastRun.Equal(t0.Add(5*time.Hour)) || !g.LastSuccess.Equal(t0.Add(3*time.Hour+90*time.Second)) {
		t.Errorf("gitlab last run %v, last success %v", g.LastRun, g.LastSuccess)
	}
	// The running run has no duration; 45s, 90s and 400s do.
	if g.Finished != 3 || g.DurationSum != 535 || g.Buckets[60] != 1 || g.Buckets[120] != 2 || g.Buckets[600] != 3 || g.Buckets[5] != 0 {
		t.Errorf("gitlab durations: %d runs, %v s, buckets %v", g.Finished, g.DurationSum, g.Buckets)
	}
	if r := got[1]; !r.LastSuccess.Equal(t0.Add(2*time.Hour+20*time.Second)) || r.Runs["failed"] != 1 {
		t.Errorf("remotive %+v", r)
	}
}

type store struct {
	runs []jobstats.Run
	err  error
}

func (s store) Runs(ctx context.Context, source string, limit int) ([]jobstats.Run, error) {
	return s.runs, s.err
}

func TestCollector(t *testing.T) {
	c := metrics.New(metrics.Options{Runs: store{runs: runs()},
		Count: func(context.Context) (int, int, error) { return 250, 200, nil }})
	want := `
# HELP jobstats_crawl_runs_total Crawl runs recorded in the store, by source and status.
# TYPE jobstats_crawl_runs_total counter
jobstats_crawl_runs_total{source="gitlab",status="interrupted"} 1
jobstats_crawl_runs_total{source="gitlab",status="ok"} 1
jobstats_crawl_runs_total{source="gitlab",status="partial"} 1
jobstats_crawl_runs_total{source="gitlab",status="running"} 1
jobstats_crawl_runs_total{source="remotive",status="failed"} 1
jobstats_crawl_runs_total{source="remotive",status="ok"} 1
# HELP jobstats_crawl_pages_failed_total Pages that failed in the recorded crawl runs.
# TYPE jobstats_crawl_pages_failed_total counter
jobstats_crawl_pages_failed_total{source="gitlab"} 2
jobstats_crawl_pages_failed_total{source="remotive"} 1
# HELP jobstats_crawl_listings_stored_total Listings stored by the recorded crawl runs.
# TYPE jobstats_crawl_listings_stored_total counter
jobstats_crawl_listings_stored_total{source="gitlab"} 209
jobstats_crawl_listings_stored_total{source="remotive"} 40
# HELP jobstats_crawl_last_success_timestamp_seconds End of the newest crawl run with status ok or partial, as a Unix time.
# TYPE jobstats_crawl_last_success_timestamp_seconds gauge
jobstats_crawl_last_success_timestamp_seconds{source="gitlab"} 1.79516529e+09
jobstats_crawl_last_success_timestamp_seconds{source="remotive"} 1.79516162e+09
# HELP jobstats_listings Listings stored, by state.
# TYPE jobstats_listings gauge
jobstats_listings{state="closed"} 50
jobstats_listings{state="open"} 200
# HELP jobstats_store_read_success 1 when the store could be read at this scrape, else 0.
# TYPE jobstats_store_read_success gauge
jobstats_store_read_success 1
`
	names := []string{"jobstats_crawl_runs_total", "jobstats_crawl_pages_failed_total", "jobstats_crawl_listings_stored_total",
		"jobstats_crawl_last_success_timestamp_seconds", "jobstats_listings", "jobstats_store_read_success"}
	if err := testutil.CollectAndCompare(c, strings.NewReader(want), names...); err != nil {
		t.Error(err)
	}
	if n := testutil.CollectAndCount(c, "jobstats_crawl_run_duration_seconds"); n != 2 {
		t.Errorf("%d duration histograms, want one per source", n)
	}
	if problems, err := testutil.CollectAndLint(c); err != nil || len(problems) > 0 {
		t.Errorf("lint: %v %v", problems, err)
	}
}

func TestCollectorStoreUnreadable(t *testing.T) {
	c := metrics.New(metrics.Options{Runs: store{err: errors.New("database is in use")}})
	want := `
# HELP jobstats_store_read_success 1 when the store could be read at this scrape, else 0.
# TYPE jobstats_store_read_success gauge
jobstats_store_read_success 0
`
	if err := testutil.CollectAndCompare(c, strings.NewReader(want), "jobstats_store_read_success", "jobstats_crawl_runs_total"); err != nil {
		t.Error(err)
	}
}

func TestHandler(t *testing.T) {
	h := metrics.Handler(metrics.New(metrics.Options{Runs: store{runs: runs()}}))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	body := rec.Body.String()
	for _, want := range []string{`jobstats_crawl_run_duration_seconds_bucket{source="gitlab",le="60"} 1`,
		`jobstats_crawl_run_duration_seconds_count{source="gitlab"} 3`, "go_goroutines", "process_"} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}
