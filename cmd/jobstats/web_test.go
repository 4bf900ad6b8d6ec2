package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jobstats/jobstats/postgres/pgtest"
	"github.com/jobstats/jobstats/web/webtest"
)

// checkPageAgainstReport checks that every figure of a page equals the
// report JSON at its pointer, is shown as the report shows it, and that
// the page holds no other number.
func checkPageAgainstReport(t *testing.T, name, page string, reportJSON []byte) {
	t.Helper()
	if f := webtest.Check(t, name, page, reportJSON); len(f.Figures) < 10 {
		t.Errorf("%s: only %d figures", name, len(f.Figures))
	}
}

// TestSiteEqualsReport is the web's promise, end to end through the CLI:
// every page of `jobstats site` shows the figures of `jobstats stats
// report --format json` for the same filter, its data.json is that
// report, and its data.csv is `export stats` for it.
func TestSiteEqualsReport(t *testing.T) {
	db, c := marketsDB(t)
	dir := filepath.Join(t.TempDir(), "site")
	out, err := runAt(t, db, c, "", "site", "--out", dir, "--min-openings", "2")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "Wrote 3 pages") {
		t.Errorf("site said: %s", out)
	}
	pages := map[string][2]string{
		"backend-engineer/us":        {"Backend Engineer", "US"},
		"backend-engineer/gb":        {"Backend Engineer", "GB"},
		"backend-engineer/remote-eu": {"Backend Engineer", "remote:EU"},
	}
	for rel, place := range pages {
		t.Run(rel, func(t *testing.T) {
			args := []string{"--role", place[0], "--country", place[1], "--min-openings", "2"}
			want, err := runAt(t, db, c, "", append([]string{"stats", "report", "--format", "json"}, args...)...)
			if err != nil {
				t.Fatal(err)
			}
			page, err := os.ReadFile(filepath.Join(dir, rel, "index.html"))
			if err != nil {
				t.Fatal(err)
			}
			checkPageAgainstReport(t, rel, string(page), []byte(want))
			if got, _ := os.ReadFile(filepath.Join(dir, rel, "data.json")); string(got) != want {
				t.Errorf("data.json is not the report:\n%s\nwant\n%s", got, want)
			}
			wantCSV, err := runAt(t, db, c, "", append([]string{"export", "stats", "--format", "csv"}, args...)...)
			if err != nil {
				t.Fatal(err)
			}
			if got, _ := os.ReadFile(filepath.Join(dir, rel, "data.csv")); string(got) != wantCSV {
				t.Errorf("data.csv is not export stats:\n%s\nwant\n%s", got, wantCSV)
			}
		})
	}
	// The index is the whole report.
	want, err := runAt(t, db, c, "", "stats", "report", "--format", "json", "--min-openings", "2")
	if err != nil {
		t.Fatal(err)
	}
	index, _ := os.ReadFile(filepath.Join(dir, "index.html"))
	checkPageAgainstReport(t, "index", string(index), []byte(want))
}

// TestDemoSiteEqualsReport does the same over the demo's database: every
// page the demo's data makes.
func TestDemoSiteEqualsReport(t *testing.T) {
	path, _ := demoDB(t)
	c := &clock{t: time.Now()}
	dir := filepath.Join(t.TempDir(), "site")
	if _, err := runAt(t, path, c, "", "site", "--out", dir); err != nil {
		t.Fatal(err)
	}
	want, err := runAt(t, path, c, "", "stats", "report", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var sum struct {
		Roles []struct {
			Name    string `json:"name"`
			Markets []struct {
				Market  string `json:"market"`
				HasPage bool   `json:"has_page"`
			} `json:"markets"`
		} `json:"roles"`
	}
	json.Unmarshal([]byte(want), &sum)
	n := 0
	for _, r := range sum.Roles {
		for _, m := range r.Markets {
			if !m.HasPage {
				continue
			}
			n++
			rel := filepath.Join(webSlug(r.Name), webSlug(m.Market))
			page, err := os.ReadFile(filepath.Join(dir, rel, "index.html"))
			if err != nil {
				t.Errorf("no page for %s in %s: %v", r.Name, m.Market, err)
				continue
			}
			rep, err := runAt(t, path, c, "", "stats", "report", "--format", "json", "--role", r.Name, "--country", m.Market)
			if err != nil {
				t.Fatal(err)
			}
			checkPageAgainstReport(t, rel, string(page), []byte(rep))
		}
	}
	if n < 10 {
		t.Errorf("only %d pages in the demo's site", n)
	}
}

// webSlug is web.Slug for the names these tests use.
func webSlug(s string) string {
	return strings.Trim(regexp.MustCompile(`[^a-z0-9]+`).ReplaceAllString(strings.ToLower(s), "-"), "-")
}

// syncBuffer is a bytes.Buffer safe to read while a command writes it.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

var servingRe = regexp.MustCompile(`Serving the salary pages at (http://[0-9.:]+)/`)

// serveApp runs `jobstats serve` on db in this process until the test
// ends, and returns its base URL.
func serveApp(t *testing.T, db string, c *clock, args ...string) string {
	t.Helper()
	out := &syncBuffer{}
	cfgHome := t.TempDir()
	a := &app{stdin: strings.NewReader(""), stdout: out, stderr: io.Discard, now: c.now, getenv: func(k string) string {
		if k == "XDG_CONFIG_HOME" {
			return cfgHome
		}
		return ""
	}}
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() {
		done <- a.execute(ctx, append([]string{"--db", db, "serve", "--addr", "127.0.0.1:0"}, args...))
	}()
	var ended error
	finished := false
	t.Cleanup(func() {
		cancel()
		if !finished {
			ended = <-done
		}
		if ended != nil {
			t.Errorf("serve: %v", ended)
		}
	})
	var base string
	waitFor(t, 10*time.Second, "serve to listen", func() bool {
		m := servingRe.FindStringSubmatch(out.String())
		if m != nil {
			base = m[1]
		}
		select {
		case ended = <-done:
			finished = true
			t.Fatalf("serve ended: %v\n%s", ended, out.String())
		default:
		}
		return base != ""
	})
	return base
}

func httpGet(t *testing.T, u string) (int, http.Header, string) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, string(b)
}

func TestServeCommand(t *testing.T) {
	db, c := marketsDB(t)
	base := serveApp(t, db, c)

	code, h, body := httpGet(t, base+"/healthz")
	if code != 200 || strings.TrimSpace(body) != "ok" {
		t.Errorf("healthz: %d %s", code, body)
	}
	if h.Get("Content-Security-Policy") == "" || h.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("headers: %v", h)
	}
	// The API is the report, byte for byte, for the same filter.
	for _, q := range []struct{ query, args string }{
		{"role=Backend+Engineer&country=US", "--role|Backend Engineer|--country|US"},
		{"country=EU&seniority=mid", "--country|EU|--seniority|mid"},
		{"remote=true", "--remote"},
	} {
		_, _, got := httpGet(t, base+"/api/v1/report?"+q.query)
		want, err := runAt(t, db, c, "", append([]string{"stats", "report", "--format", "json"}, strings.Split(q.args, "|")...)...)
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("/api/v1/report?%s:\n%s\nwant\n%s", q.query, got, want)
		}
	}
	code, _, body = httpGet(t, base+"/backend-engineer/us/")
	if code != 200 || !strings.Contains(body, "Backend Engineer salaries in the United States") {
		t.Errorf("page: %d %.300s", code, body)
	}
	code, _, body = httpGet(t, base+"/metrics")
	if code != 200 || !strings.Contains(body, "jobstats_store_read_success 1") || !strings.Contains(body, `jobstats_listings{state="open"} 14`) {
		t.Errorf("metrics: %d\n%s", code, body)
	}
}

func TestServeWithoutDatabase(t *testing.T) {
	c := &clock{t: time.Now()}
	_, err := runAt(t, filepath.Join(t.TempDir(), "none.db"), c, "", "serve", "--addr", "127.0.0.1:0")
	if err == nil || !strings.Contains(err.Error(), "no database") {
		t.Errorf("serve without a database: %v", err)
	}
}

func TestSiteUsage(t *testing.T) {
	db, c := marketsDB(t)
	for _, args := range [][]string{{"site"}, {"site", "--out", t.TempDir(), "--base-url", "ftp://x"}, {"site", "--out", t.TempDir(), "--min-openings", "0"}} {
		if _, err := runAt(t, db, c, "", args...); exitCode(err) != 2 {
			t.Errorf("%v: %v, want a usage error", args, err)
		}
	}
}

// TestDaemonServesWhileItCrawls runs `jobstats daemon --http` as a process
// and a `jobstats serve` beside it: both report the daemon's runs.
func TestDaemonServesWhileItCrawls(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	board := &ghBoard{}
	board.set(ghJob{1, "Backend Engineer", "Acme", "Berlin, Germany", 100000, desc("payments")})
	ts := httptest.NewServer(board)
	defer ts.Close()
	srv := ts.URL
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
`, srv)), 0o600)
	daemon := jobstatsProcess(t, "--config", cfg, "--db", db, "daemon", "--http", "127.0.0.1:0")
	stdout, err := daemon.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var logs syncBuffer
	daemon.Stderr = &logs
	if err := daemon.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		if daemon.ProcessState == nil {
			daemon.Process.Kill()
			daemon.Wait()
		}
	}()
	line, err := bufio.NewReader(stdout).ReadString('\n')
	m := servingRe.FindStringSubmatch(line)
	if err != nil || m == nil {
		t.Fatalf("daemon said %q (%v)\n%s", line, err, logs.String())
	}
	base := m[1]
	waitFor(t, 30*time.Second, "the daemon's metrics to show two runs", func() bool {
		_, _, body := httpGet(t, base+"/metrics")
		return strings.Contains(body, `jobstats_crawl_runs_total{source="acme",status="ok"} 2`) ||
			strings.Contains(body, `jobstats_crawl_runs_total{source="acme",status="ok"} 3`)
	})
	if code, _, body := httpGet(t, base+"/healthz"); code != 200 {
		t.Errorf("daemon healthz: %d %s", code, body)
	}
	if _, _, body := httpGet(t, base+"/api/v1/report"); !strings.Contains(body, `"name": "Backend Engineer"`) {
		t.Errorf("daemon API: %.500s", body)
	}
	// A serve beside the daemon reads the same runs.
	other := serveApp(t, db, &clock{t: time.Now()})
	if _, _, body := httpGet(t, other+"/metrics"); !strings.Contains(body, `jobstats_crawl_runs_total{source="acme",status="ok"}`) ||
		!strings.Contains(body, `jobstats_crawl_last_success_timestamp_seconds{source="acme"}`) {
		t.Errorf("serve beside the daemon: %s", body)
	}
	if err := daemon.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := daemon.Wait(); err != nil {
		t.Errorf("daemon: %v\n%s", err, logs.String())
	}
}

// TestWebOnPostgres: the site and the server read a PostgreSQL database as
// they read a file, with the same figures.
func TestWebOnPostgres(t *testing.T) {
	file, c := marketsDB(t)
	url := pgtest.Schema(t)
	if _, err := runAt(t, file, c, "", "db", "copy", "--from", file, "--to", url); err != nil {
		t.Fatal(err)
	}
	fromFile, fromPG := filepath.Join(t.TempDir(), "file"), filepath.Join(t.TempDir(), "pg")
	if _, err := runAt(t, file, c, "", "site", "--out", fromFile, "--min-openings", "2"); err != nil {
		t.Fatal(err)
	}
	if _, err := runAt(t, url, c, "", "site", "--out", fromPG, "--min-openings", "2"); err != nil {
		t.Fatal(err)
	}
	for _, rel := range []string{"index.html", "backend-engineer/us/index.html", "backend-engineer/us/data.json", "backend-engineer/gb/data.csv"} {
		a, _ := os.ReadFile(filepath.Join(fromFile, rel))
		b, err := os.ReadFile(filepath.Join(fromPG, rel))
		if err != nil || string(a) != string(b) {
			t.Errorf("%s differs between the file and PostgreSQL (%v)", rel, err)
		}
	}
	base := serveApp(t, url, c)
	if code, _, body := httpGet(t, base+"/healthz"); code != 200 {
		t.Errorf("healthz on PostgreSQL: %d %s", code, body)
	}
	if _, _, body := httpGet(t, base+"/metrics"); !strings.Contains(body, `jobstats_listings{state="open"} 14`) {
		t.Errorf("metrics on PostgreSQL:\n%s", body)
	}
	want, _ := os.ReadFile(filepath.Join(fromPG, "backend-engineer/us/index.html"))
	if _, _, got := httpGet(t, base+"/backend-engineer/us/"); !strings.Contains(got, "Backend Engineer salaries in the United States") || len(got) < len(want)/2 {
		t.Errorf("page on PostgreSQL: %.300s", got)
	}
}
