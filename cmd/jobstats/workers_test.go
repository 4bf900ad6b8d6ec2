package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/config"
	"github.com/jobstats/jobstats/demo"
	"github.com/jobstats/jobstats/postgres"
	"github.com/jobstats/jobstats/postgres/pgtest"
)

// requestLog records when a test board was asked for its jobs, and how
// many requests it served at once at most.
type requestLog struct {
	mu       sync.Mutex
	times    []time.Time
	inFlight atomic.Int32
	maxIn    atomic.Int32
}

func (l *requestLog) wrap(delay time.Duration, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := l.inFlight.Add(1)
		defer l.inFlight.Add(-1)
		for m := l.maxIn.Load(); n > m && !l.maxIn.CompareAndSwap(m, n); m = l.maxIn.Load() {
		}
		l.mu.Lock()
		l.times = append(l.times, time.Now())
		l.mu.Unlock()
		time.Sleep(delay)
		h.ServeHTTP(w, r)
	})
}

// between counts the requests from from (inclusive) to to (exclusive).
func (l *requestLog) between(from, to time.Time) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for _, t := range l.times {
		if !t.Before(from) && t.Before(to) {
			n++
		}
	}
	return n
}

// worker is one `jobstats daemon` process of the test.
type worker struct {
	cmd  *exec.Cmd
	logs *bytes.Buffer
	done chan error
}

func startWorker(t *testing.T, cfg, url string) *worker {
	t.Helper()
	w := &worker{cmd: jobstatsProcess(t, "--config", cfg, "--db", url, "--log-format", "json", "daemon"),
		logs: &bytes.Buffer{}, done: make(chan error, 1)}
	w.cmd.Stderr = &lockedWriter{w: w.logs}
	if err := w.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { w.done <- w.cmd.Wait() }()
	t.Cleanup(func() {
		if w.cmd.ProcessState == nil {
			w.cmd.Process.Kill()
			<-w.done
		}
	})
	return w
}

type lockedWriter struct {
	mu sync.Mutex
	w  *bytes.Buffer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

func (l *lockedWriter) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.String()
}

const tickEvery = 2 * time.Second

// TestThreeWorkers runs three daemon processes on one PostgreSQL database
// with 30 sources on "@every 2s", each on a board of its own, three of
// them on one shared host, and one slow source that crawls a demo board
// page by page. Every tick runs every source exactly once, by the run
// records and by the boards' request logs; the shared host is never asked
// twice at once; and when the worker that runs the slow source is killed
// with SIGKILL, its run is marked interrupted, what it stored stays, and
// another worker takes the source over on a later tick.
func TestThreeWorkers(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	url := pgtest.Schema(t)
	const fast = 30
	logs := make([]*requestLog, fast)
	var cfg strings.Builder
	cfg.WriteString("user_agent: jobstats-test\nlock_wait: 30s\nsources:\n")
	shared := &requestLog{}
	sharedBoard := &ghBoard{}
	sharedBoard.set(ghJob{1, "Backend Engineer", "Shared", "Berlin, Germany", 100000, desc("payments")})
	sharedSrv := httptest.NewServer(shared.wrap(150*time.Millisecond, sharedBoard))
	defer sharedSrv.Close()
	for i := range fast {
		base := sharedSrv.URL
		if i >= 3 {
			logs[i] = &requestLog{}
			b := &ghBoard{}
			b.set(ghJob{1, "Backend Engineer", fmt.Sprintf("Acme %d", i), "Berlin, Germany", 100000 + i, desc("payments")},
				ghJob{2, "Data Engineer", fmt.Sprintf("Acme %d", i), "Remote", 120000, desc("search infrastructure and ranking")})
			srv := httptest.NewServer(logs[i].wrap(0, b))
			defer srv.Close()
			base = srv.URL
		}
		fmt.Fprintf(&cfg, "  - {name: fast%02d, kind: greenhouse, board: b%d, base_url: %q, schedule: \"@every 2s\", retries: 0}\n", i, i, base)
	}
	board := demo.New(demo.Options{Jobs: 150})
	slowSrv := httptest.NewServer((&requestLog{}).wrap(60*time.Millisecond, board))
	defer slowSrv.Close()
	follow, _ := json.Marshal(board.Follow())
	fmt.Fprintf(&cfg, "  - {name: slow, kind: jsonld, start_urls: [%q], follow: %s, parallelism: 1, retries: 0, schedule: \"@every 2s\", max_pages: 1000}\n",
		board.StartURL(slowSrv.URL), follow)
	dir := t.TempDir()
	cfgPath := filepath.Join(dir, "jobstats.yaml")
	if err := os.WriteFile(cfgPath, []byte(cfg.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := config.Load(cfgPath); err != nil {
		t.Fatalf("test config: %v\n%s", err, cfg.String())
	}

	db, err := postgres.Open(t.Context(), url, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()

	workers := []*worker{startWorker(t, cfgPath, url), startWorker(t, cfgPath, url), startWorker(t, cfgPath, url)}
	started := time.Now()
	dump := func() string {
		var b strings.Builder
		for i, w := range workers {
			fmt.Fprintf(&b, "--- worker %d (pid %d):\n%s\n", i, w.cmd.Process.Pid, tail(w.cmd.Stderr.(*lockedWriter).String(), 4000))
		}
		return b.String()
	}
	runsNow := func() []jobstats.Run {
		runs, err := db.Runs(t.Context(), "", 0)
		if err != nil {
			t.Fatal(err)
		}
		return runs
	}

	// Let the fast sources run a few ticks with all three workers, then
	// wait until a run of the slow source has stored a batch.
	time.Sleep(6 * tickEvery)
	var victim *worker
	var dead jobstats.Run
	waitFor(t, 60*time.Second, "the slow run to store a batch", func() bool {
		for _, r := range runsNow() {
			if r.Source == "slow" && r.Status == jobstats.RunRunning && r.Stored > 0 {
				for _, w := range workers {
					if w.cmd.Process.Pid == r.PID {
						victim, dead = w, r
						return true
					}
				}
			}
		}
		return false
	})
	killed := time.Now()
	if err := victim.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-victim.done

	// A later tick: another worker marks the dead run interrupted and
	// runs the source.
	waitFor(t, 30*time.Second, "the slow source taken over", func() bool {
		var interrupted, takenOver bool
		for _, r := range runsNow() {
			if r.ID == dead.ID && r.Status == jobstats.RunInterrupted {
				interrupted = true
			}
			if r.Source == "slow" && r.ID > dead.ID && r.PID != dead.PID {
				takenOver = true
			}
		}
		return interrupted && takenOver
	})
	time.Sleep(4 * tickEvery)
	stopped := time.Now()
	for _, w := range workers {
		if w != victim {
			w.cmd.Process.Signal(syscall.SIGTERM)
		}
	}
	for _, w := range workers {
		if w == victim {
			continue
		}
		select {
		case err := <-w.done:
			if err != nil {
				t.Errorf("worker %d: %v\n%s", w.cmd.Process.Pid, err, dump())
			}
		case <-time.After(40 * time.Second):
			t.Fatalf("a worker did not stop\n%s", dump())
		}
	}

	runs := runsNow()
	// The dead run: interrupted, with what it stored, which is all still there.
	for _, r := range runs {
		if r.ID == dead.ID {
			if r.Status != jobstats.RunInterrupted || r.Stored < dead.Stored || !strings.Contains(r.Incomplete, "lock of source slow") {
				t.Errorf("the killed worker's run: %+v", r)
			}
			dead = r
		}
		if r.Status == jobstats.RunRunning {
			t.Errorf("run %d of %s left running after the workers stopped", r.ID, r.Source)
		}
	}
	stored := 0
	db.ForEach(t.Context(), jobstats.Scan{Source: "slow"}, func(*jobstats.Listing) error { stored++; return nil })
	if stored < dead.Stored {
		t.Errorf("%d listings of the slow source in the database, but the killed run had stored %d", stored, dead.Stored)
	}

	// Every tick of every fast source ran exactly once: the ticks in
	// which all workers were up, and the ticks after the kill.
	sched, _ := cron.ParseStandard("@every 2s")
	windows := [][2]time.Time{
		{nextTick(sched, started.Add(2*tickEvery)), prevTick(sched, killed.Add(-tickEvery))},
		{nextTick(sched, killed.Add(tickEvery)), prevTick(sched, stopped.Add(-tickEvery))},
	}
	t.Logf("started %s, killed %s, stopped %s; windows %v", started.Format("15:04:05.000"), killed.Format("15:04:05.000"),
		stopped.Format("15:04:05.000"), windows)
	pids := map[int]bool{}
	for i := range fast {
		name := fmt.Sprintf("fast%02d", i)
		byTick := map[int64]int{}
		for _, r := range runs {
			if r.Source == name {
				byTick[r.Start.Truncate(tickEvery).UnixNano()]++
				pids[r.PID] = true
				if r.Status != jobstats.RunOK && r.Status != jobstats.RunInterrupted {
					t.Errorf("%s run %d: %s %v", name, r.ID, r.Status, r.Errors)
				}
			}
		}
		for _, w := range windows {
			if !w[0].Before(w[1]) {
				t.Fatalf("empty window %v: the test ran too short", w)
			}
			for tick := w[0]; tick.Before(w[1]); tick = tick.Add(tickEvery) {
				if n := byTick[tick.UnixNano()]; n != 1 {
					t.Errorf("%s: %d runs started in the tick of %s, want 1", name, n, tick.Format("15:04:05"))
				}
			}
			if logs[i] != nil {
				want := int(w[1].Sub(w[0]) / tickEvery)
				if got := logs[i].between(w[0], w[1]); got != want {
					t.Errorf("%s: its board served %d requests in %d ticks from %s", name, got, want, w[0].Format("15:04:05"))
				}
			}
		}
	}
	if len(pids) != 3 {
		t.Errorf("the fast sources ran in %d processes, want all 3 workers", len(pids))
	}
	// The workers took one snapshot a minute between them, not one each
	// after every tick.
	minutes := map[int64]int{}
	db.Snapshots(t.Context(), snapshotKey("Backend Engineer"), func(at time.Time, _ []byte) error {
		minutes[at.Truncate(time.Minute).Unix()]++
		return nil
	})
	if len(minutes) == 0 {
		t.Error("no snapshot of the statistics was stored")
	}
	for m, n := range minutes {
		if n != 1 {
			t.Errorf("%d snapshots in the minute of %s, want 1", n, time.Unix(m, 0).UTC().Format("15:04"))
		}
	}
	if m := shared.maxIn.Load(); m != 1 {
		t.Errorf("the shared host served %d requests at once: two runs crawled it together", m)
	}
	if t.Failed() {
		t.Log(dump())
	}
}

func tail(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}

func TestTicks(t *testing.T) {
	at := time.Date(2026, 11, 2, 10, 17, 31, 500, time.UTC)
	for _, c := range []struct {
		spec       string
		prev, next time.Time
	}{
		{"@every 2s", time.Date(2026, 11, 2, 10, 17, 30, 0, time.UTC), time.Date(2026, 11, 2, 10, 17, 32, 0, time.UTC)},
		{"@every 6h", time.Date(2026, 11, 2, 6, 0, 0, 0, time.UTC), time.Date(2026, 11, 2, 12, 0, 0, 0, time.UTC)},
		{"CRON_TZ=UTC 0 3 * * *", time.Date(2026, 11, 2, 3, 0, 0, 0, time.UTC), time.Date(2026, 11, 3, 3, 0, 0, 0, time.UTC)},
		{"CRON_TZ=UTC */5 * * * *", time.Date(2026, 11, 2, 10, 15, 0, 0, time.UTC), time.Date(2026, 11, 2, 10, 20, 0, 0, time.UTC)},
		{"CRON_TZ=UTC 0 0 1 1 *", time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)},
	} {
		t.Run(c.spec, func(t *testing.T) {
			s, err := cron.ParseStandard(c.spec)
			if err != nil {
				t.Fatal(err)
			}
			if got := prevTick(s, at); !got.Equal(c.prev) {
				t.Errorf("prevTick = %v, want %v", got, c.prev)
			}
			if got := nextTick(s, at); !got.Equal(c.next) {
				t.Errorf("nextTick = %v, want %v", got, c.next)
			}
			// Workers that started at other times agree.
			if got := nextTick(s, at.Add(-time.Millisecond)); !got.Equal(c.next) {
				t.Errorf("nextTick a moment earlier = %v", got)
			}
		})
	}
}

func TestSourceHosts(t *testing.T) {
	for _, c := range []struct {
		src  config.Source
		want []string
	}{
		{config.Source{Kind: "greenhouse", Board: "a"}, []string{"boards-api.greenhouse.io"}},
		{config.Source{Kind: "greenhouse", Board: "b"}, []string{"boards-api.greenhouse.io"}},
		{config.Source{Kind: "greenhouse", Board: "a", BaseURL: "http://127.0.0.1:8081/x"}, []string{"127.0.0.1:8081"}},
		// Two Workday tenants, two feeds: two hosts each, crawled at once.
		{config.Source{Kind: "workday", URL: "https://acme.wd5.myworkdayjobs.com/Careers"}, []string{"acme.wd5.myworkdayjobs.com"}},
		{config.Source{Kind: "workday", URL: "https://globex.wd1.myworkdayjobs.com/en-US/External"}, []string{"globex.wd1.myworkdayjobs.com"}},
		{config.Source{Kind: "rss", URL: "https://weworkremotely.com/remote-jobs.rss"}, []string{"weworkremotely.com"}},
		{config.Source{Kind: "rss", URL: "https://jobs.example.org/feed.atom"}, []string{"jobs.example.org"}},
		// A jsonld source and a greenhouse mirror on one host and port share its lock.
		{config.Source{Kind: "jsonld", StartURLs: []string{"http://127.0.0.1:8081/jobs"}}, []string{"127.0.0.1:8081"}},
		{config.Source{Kind: "jsonld", StartURLs: []string{"https://Careers.Example.com/jobs", "https://careers.example.com/b"},
			AllowedDomains: []string{"cdn.example.com"}}, []string{"careers.example.com", "cdn.example.com"}},
		{config.Source{Kind: "greenhouse"}, []string{"kind:greenhouse"}}, // no board: its run fails
	} {
		if got := sourceHosts(c.src); !slices.Equal(got, c.want) {
			t.Errorf("sourceHosts(%+v) = %q, want %q", c.src, got, c.want)
		}
	}
}
