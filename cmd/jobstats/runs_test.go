package main

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/storage"
)

// manyJobs returns n distinct jobs for a ghBoard.
func manyJobs(from, n int) []ghJob {
	var jobs []ghJob
	for i := from; i < from+n; i++ {
		jobs = append(jobs, ghJob{i, "Backend Engineer", "Acme", "Berlin, Germany", 90000 + i, fmt.Sprintf("Job number %d: we build payment systems in Go.", i)})
	}
	return jobs
}

// TestCrawlWaitsOutReaders: a reader holds the database (as a long export
// does) for the whole of a crawl. The crawl keeps what it fetched, warns
// once, stores everything once the reader lets go, and records the run.
func TestCrawlWaitsOutReaders(t *testing.T) {
	board := &ghBoard{}
	board.set(manyJobs(1, 200)...)
	srv := httptest.NewServer(board)
	defer srv.Close()
	dir := t.TempDir()
	cfg, db := filepath.Join(dir, "jobstats.yaml"), filepath.Join(dir, "jobstats.db")
	os.WriteFile(cfg, []byte(fmt.Sprintf("user_agent: t\nsources:\n  - {name: acme, kind: greenhouse, board: acme, base_url: %q, retries: 0}\n", srv.URL)), 0o600)
	crawlOnce := func() (stdout, logs string, err error) {
		var out, errb bytes.Buffer
		a := &app{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, getenv: func(string) string { return "" },
			now: time.Now, lockTimeout: 50 * time.Millisecond}
		err = a.execute(t.Context(), []string{"--config", cfg, "--db", db, "--log-format", "json", "crawl", "-q"})
		return out.String(), errb.String(), err
	}
	if out, logs, err := crawlOnce(); err != nil {
		t.Fatalf("first crawl: %v\n%s%s", err, out, logs)
	}

	board.set(manyJobs(1, 250)...)
	reader, err := storage.Open(db, &storage.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	released := make(chan struct{})
	go func() {
		time.Sleep(time.Second)
		reader.Close()
		close(released)
	}()
	out, logs, err := crawlOnce()
	select {
	case <-released:
	default:
		t.Fatalf("the crawl ended while the reader held the database:\n%s%s", out, logs)
	}
	if err != nil || !strings.Contains(out, " ok ") || !strings.Contains(out, "(50 new, 0 updated, 0 closed)") {
		t.Fatalf("crawl beside a reader: %v\n%s%s", err, out, logs)
	}
	if n := strings.Count(logs, `"msg":"store busy: keeping fetched listings until it is free"`); n != 1 {
		t.Errorf("%d store-busy warnings, want 1:\n%s", n, logs)
	}
	openDB(t, db, func(d *storage.DB) {
		total, open, err := d.Count(t.Context())
		if err != nil || total != 250 || open != 250 {
			t.Errorf("%d listings, %d open, %v; want 250", total, open, err)
		}
		runs, _ := d.Runs(t.Context(), "acme", 1)
		if len(runs) != 1 || runs[0].Status != jobstats.RunOK || runs[0].Stored != 250 || runs[0].PID != os.Getpid() {
			t.Errorf("run = %+v", runs)
		}
	})
}

// TestRunsShowAndFull: errors are cut short in the list, whole with --full
// and in 'runs show', which prints the whole record.
func TestRunsShowAndFull(t *testing.T) {
	db := filepath.Join(t.TempDir(), "jobstats.db")
	long := "fetch https://careers.example.com/jobs/backend-engineer-payments-platform-berlin: " + strings.Repeat("connection reset by peer; ", 6) + "the end"
	d, err := storage.Open(db, nil)
	if err != nil {
		t.Fatal(err)
	}
	func() {
		defer d.Close()
		start := time.Date(2026, 10, 1, 12, 0, 0, 0, time.UTC)
		r := jobstats.Run{Source: "careers", Kind: "jsonld", Start: start, End: start.Add(3 * time.Second),
			Status: jobstats.RunPartial, Incomplete: "max_pages 200 reached", Host: "box", PID: 77, Listings: 190,
			Stored: 190, New: 5, PagesFetched: 200, PagesFailed: 1, Unchanged: 40, Errors: []string{long, "second error"}}
		if err := d.PutRun(t.Context(), &r); err != nil {
			t.Fatal(err)
		}
	}()
	out, _, err := jobstatsCmd(t, "", "--db", db, "runs")
	if err != nil || strings.Contains(out, "the end") || !strings.Contains(out, "…") || !strings.Contains(out, "COMPLETE") {
		t.Errorf("runs: %v\n%s", err, out)
	}
	out, _, err = jobstatsCmd(t, "", "--db", db, "runs", "--full")
	if err != nil || !strings.Contains(out, long+"; second error") {
		t.Errorf("runs --full: %v\n%s", err, out)
	}
	out, _, err = jobstatsCmd(t, "", "--db", db, "runs", "show", "1")
	for _, want := range []string{"run:", "careers (jsonld)", "partial", "no: max_pages 200 reached", "process 77 on box",
		"190 found, 190 stored: 5 new", "unchanged: 40 (still listed, not fetched again", "  - " + long + "\n", "  - second error\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("runs show lacks %q:\n%s", want, out)
		}
	}
	if err != nil {
		t.Error(err)
	}
	out, _, err = jobstatsCmd(t, "", "--db", db, "runs", "show", "1", "--format", "json")
	if err != nil || !strings.Contains(out, `"incomplete": "max_pages 200 reached"`) || !strings.Contains(out, `"pid": 77`) {
		t.Errorf("runs show --format json: %v\n%s", err, out)
	}
	if _, _, err := jobstatsCmd(t, "", "--db", db, "runs", "show", "9"); err == nil || !strings.Contains(err.Error(), "no run 9") {
		t.Errorf("runs show of a missing run: %v", err)
	}
	if _, _, err := jobstatsCmd(t, "", "--db", db, "runs", "show", "x"); exitCode(err) != 2 {
		t.Errorf("runs show x: %v, want a usage error", err)
	}
}

// TestKilledCrawlIsInterrupted: a crawl killed with SIGKILL leaves its run
// running, with the counts of what it stored; the next process that opens
// the database for writing marks it interrupted.
func TestKilledCrawlIsInterrupted(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	const jobs = 30
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var n int
		switch {
		case r.URL.Path == "/jobs":
			for i := range jobs + 1 {
				fmt.Fprintf(w, "<a href=\"/job/%d\">job</a>\n", i)
			}
		case r.URL.Path == "/job/"+fmt.Sprint(jobs):
			<-r.Context().Done() // the last page never answers
		case fmtSscan(r.URL.Path, "/job/%d", &n):
			fmt.Fprintf(w, `<html><script type="application/ld+json">{"@context":"https://schema.org","@type":"JobPosting",
"title":"Backend Engineer","identifier":"%d","hiringOrganization":{"name":"Acme"},"description":"Job %d: Go and payments."}</script></html>`, n, n)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	dir := t.TempDir()
	cfg, db := filepath.Join(dir, "jobstats.yaml"), filepath.Join(dir, "jobstats.db")
	os.WriteFile(cfg, []byte(fmt.Sprintf(`user_agent: t
sources:
  - {name: site, kind: jsonld, start_urls: [%q], follow: ['/job/'], retries: 0, timeout: 1m}
  - {name: other, kind: greenhouse, board: x, base_url: %q, retries: 0}
`, srv.URL+"/jobs", srv.URL)), 0o600)

	crawler := jobstatsProcess(t, "--config", cfg, "--db", db, "crawl", "-q", "--source", "site")
	var logs bytes.Buffer
	crawler.Stderr = &logs
	if err := crawler.Start(); err != nil {
		t.Fatal(err)
	}
	waitFor(t, 30*time.Second, "the crawl to store its listings", func() bool {
		runs := lastRuns(t, db)
		return len(runs) == 1 && runs[0].Stored == jobs
	})
	if err := crawler.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	crawler.Wait()
	runs := lastRuns(t, db)
	if runs[0].Status != jobstats.RunRunning || runs[0].PID != crawler.Process.Pid {
		t.Fatalf("after kill -9: %+v", runs[0])
	}

	// Any writer marks it interrupted: here a crawl of another source.
	if out, err := jobstatsProcess(t, "--config", cfg, "--db", db, "crawl", "-q", "--source", "other").CombinedOutput(); err == nil {
		t.Logf("other crawl: %s", out)
	}
	runs = lastRuns(t, db)
	var killed jobstats.Run
	for _, r := range runs {
		if r.Source == "site" {
			killed = r
		}
	}
	if killed.Status != jobstats.RunInterrupted || killed.Stored != jobs || killed.New != jobs || killed.Complete ||
		!strings.Contains(killed.Incomplete, fmt.Sprintf("process %d", crawler.Process.Pid)) || killed.End.IsZero() {
		t.Errorf("killed run after the next writer: %+v", killed)
	}
}

// fmtSscan reports whether s matches format, filling args.
func fmtSscan(s, format string, args ...any) bool {
	n, err := fmt.Sscanf(s, format, args...)
	return err == nil && n == len(args)
}

// TestOneHandlePerProcess: while one call of this process holds the
// database (as the snapshot's long scan does), a write of this process goes
// through on the same handle instead of waiting for it.
func TestOneHandlePerProcess(t *testing.T) {
	db := filepath.Join(t.TempDir(), "jobstats.db")
	a := &app{stdin: strings.NewReader(""), stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{}, getenv: func(string) string { return "" },
		now: time.Now, dbPath: db}
	holding, release := make(chan struct{}), make(chan struct{})
	done := make(chan error)
	go func() {
		done <- a.withDB(t.Context(), true, func(database) error {
			close(holding)
			<-release
			return nil
		})
	}()
	<-holding
	wrote := make(chan error)
	go func() {
		wrote <- a.withDB(t.Context(), true, func(d database) error {
			_, err := d.PutListings(t.Context(), []jobstats.Listing{{Source: "s", SourceID: "1"}}, time.Now())
			return err
		})
	}()
	select {
	case err := <-wrote:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("a write waited for another call of the same process")
	}
	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if a.db.db != nil || a.db.refs != 0 {
		t.Errorf("the handle is still open after the last call: %d refs", a.db.refs)
	}
}
