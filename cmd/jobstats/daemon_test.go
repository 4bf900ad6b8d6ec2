package main

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/storage"
)

// jobstatsProcess returns a command that runs jobstats (this test binary,
// re-executed into main by TestMain) in a process of its own.
func jobstatsProcess(t *testing.T, args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "JOBSTATS_TEST_MAIN=1")
	return cmd
}

// waitFor polls cond until it holds, failing the test after limit. The
// limit is a safety net for a broken build, not a measured time.
func waitFor(t *testing.T, limit time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for %s", what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func lastRuns(t *testing.T, path string) []jobstats.Run {
	if _, err := os.Stat(path); err != nil {
		return nil
	}
	db, err := storage.Open(path, &storage.Options{ReadOnly: true, Timeout: 5 * time.Second})
	if err != nil {
		t.Logf("open: %v", err)
		return nil
	}
	defer db.Close()
	runs, err := db.Runs(t.Context(), "", 0)
	if err != nil {
		t.Fatal(err)
	}
	return runs
}

func TestDaemonSchedulesAndStopsCleanly(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	board := &ghBoard{}
	board.set(
		ghJob{1, "Backend Engineer", "Acme", "Berlin, Germany", 100000, desc("payments")},
		ghJob{2, "Data Engineer", "Acme", "Remote", 120000, desc("data pipelines")},
	)
	var hang atomic.Bool
	hung := make(chan struct{}, 16)
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if hang.Load() {
			hung <- struct{}{}
			select {
			case <-r.Context().Done():
			case <-release:
			}
			return
		}
		board.ServeHTTP(w, r)
	}))
	defer srv.Close()
	defer close(release)

	dir := t.TempDir()
	cfg, db := filepath.Join(dir, "jobstats.yaml"), filepath.Join(dir, "jobstats.db")
	os.WriteFile(cfg, []byte(fmt.Sprintf(`user_agent: jobstats-test
sources:
  - name: acme
    kind: greenhouse
    board: acme
    base_url: %s
    schedule: "@every 1s"
    run_on_start: true
    retries: 0
`, srv.URL)), 0o600)

	daemon := jobstatsProcess(t, "--config", cfg, "--db", db, "--log-format", "json", "daemon")
	var logs bytes.Buffer
	daemon.Stderr = &logs
	if err := daemon.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- daemon.Wait() }()
	defer func() {
		if daemon.ProcessState == nil {
			daemon.Process.Kill()
		}
	}()

	// The schedule fires: runs are recorded, the first at start.
	waitFor(t, 30*time.Second, "two complete runs", func() bool {
		n := 0
		for _, r := range lastRuns(t, db) {
			if r.Status == jobstats.RunOK {
				n++
			}
		}
		return n >= 2
	})

	// Another process reads while the daemon runs: it waits briefly for
	// the lock at most, and never fails.
	for range 3 {
		out, err := jobstatsProcess(t, "--config", cfg, "--db", db, "stats", "report", "--format", "text").CombinedOutput()
		if err != nil || !strings.Contains(string(out), "Backend Engineer") {
			t.Fatalf("stats report beside the daemon: %v\n%s", err, out)
		}
	}

	// The board hangs mid-crawl; SIGTERM then stops the daemon cleanly.
	hang.Store(true)
	<-hung
	if err := daemon.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-exited:
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			t.Fatalf("daemon exited with %v\n%s", err, logs.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatalf("daemon still running after SIGTERM\n%s", logs.String())
	}

	runs := lastRuns(t, db)
	if len(runs) == 0 || runs[0].Status != jobstats.RunInterrupted {
		t.Fatalf("newest run = %+v, want interrupted\n%s", runs, logs.String())
	}
	for _, r := range runs {
		if r.Status == jobstats.RunRunning {
			t.Errorf("run %d left running", r.ID)
		}
	}
	// Nothing was closed by the interrupted run.
	openDB(t, db, func(d *storage.DB) {
		total, open, err := d.Count(t.Context())
		if err != nil || total != 2 || open != 2 {
			t.Errorf("after interrupt: %d listings, %d open, %v; want 2 open", total, open, err)
		}
	})
	if !strings.Contains(logs.String(), `"msg":"daemon stopped"`) {
		t.Errorf("no clean-stop log line:\n%s", logs.String())
	}
}

func TestSourceJobNeverOverlaps(t *testing.T) {
	arrived := make(chan struct{}, 4)
	release := make(chan struct{})
	var requests atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		arrived <- struct{}{}
		<-release
		fmt.Fprint(w, `{"jobs":[]}`)
	}))
	defer srv.Close()
	dir := t.TempDir()
	cfg := filepath.Join(dir, "jobstats.yaml")
	os.WriteFile(cfg, []byte(fmt.Sprintf("user_agent: t\nsources:\n  - {name: acme, kind: greenhouse, board: acme, base_url: %q, retries: 0}\n", srv.URL)), 0o600)

	var logs bytes.Buffer
	a := &app{stdin: strings.NewReader(""), stdout: &bytes.Buffer{}, stderr: &logs,
		getenv: func(string) string { return "" }, now: time.Now,
		configPath: cfg, dbPath: filepath.Join(dir, "jobstats.db"), logLevel: "info", logFormat: "text"}
	if err := a.setupLogging(); err != nil {
		t.Fatal(err)
	}
	c, err := a.config()
	if err != nil {
		t.Fatal(err)
	}
	r, err := a.runner(t.Context(), c, noProgress{})
	if err != nil {
		t.Fatal(err)
	}
	j := &sourceJob{src: c.Sources[0], crawl: a.crawlSource(c, c.Sources[0], nil)}
	runs := &runGroup{}
	done := make(chan struct{})
	go func() { a.runJob(t.Context(), r, j, runs); close(done) }()
	<-arrived                         // the first run is fetching
	a.runJob(t.Context(), r, j, runs) // due again meanwhile: must return at once, without a request
	close(release)
	<-done
	if n := requests.Load(); n != 1 {
		t.Errorf("%d requests, want 1: the second run overlapped the first", n)
	}
	if !strings.Contains(logs.String(), "previous run still going") {
		t.Errorf("the skipped run was not logged:\n%s", logs.String())
	}
}
