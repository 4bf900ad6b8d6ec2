package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/storage"
)

// ghJob is a job on a fake Greenhouse board.
type ghJob struct {
	ID       int
	Title    string
	Company  string
	Location string
	Pay      int // yearly USD; 0 = none
	Desc     string
}

// ghBoard serves a Greenhouse board API whose jobs a test changes between
// runs; fail makes it answer 500.
type ghBoard struct {
	mu   sync.Mutex
	jobs []ghJob
	fail bool
	// etag, when set, is sent and honoured: a request with a matching
	// If-None-Match gets 304 Not Modified. notModified counts those.
	etag        string
	notModified int
}

func (b *ghBoard) set(jobs ...ghJob) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.jobs, b.fail = jobs, false
}

func (b *ghBoard) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.fail {
		http.Error(w, "down for maintenance", http.StatusInternalServerError)
		return
	}
	if b.etag != "" {
		if r.Header.Get("If-None-Match") == b.etag {
			b.notModified++
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", b.etag)
	}
	type payRange struct {
		Min      int    `json:"min_cents"`
		Max      int    `json:"max_cents"`
		Currency string `json:"currency_type"`
	}
	type job struct {
		ID       int                   `json:"id"`
		Title    string                `json:"title"`
		Company  string                `json:"company_name"`
		URL      string                `json:"absolute_url"`
		Location struct{ Name string } `json:"location"`
		Content  string                `json:"content"`
		Updated  string                `json:"updated_at"`
		Pay      []payRange            `json:"pay_input_ranges"`
	}
	var out struct {
		Jobs []job `json:"jobs"`
	}
	out.Jobs = []job{}
	for _, j := range b.jobs {
		g := job{ID: j.ID, Title: j.Title, Company: j.Company, URL: fmt.Sprintf("http://%s/jobs/%d", r.Host, j.ID),
			Content: html.EscapeString("<p>" + j.Desc + "</p>"), Updated: "2026-10-01T09:00:00Z"}
		g.Location.Name = j.Location
		if j.Pay > 0 {
			g.Pay = []payRange{{j.Pay * 100, j.Pay * 110, "USD"}}
		}
		out.Jobs = append(out.Jobs, g)
	}
	json.NewEncoder(w).Encode(out)
}

// clock is a settable fake clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) set(t time.Time) { c.mu.Lock(); defer c.mu.Unlock(); c.t = t }

// lifecycleApp runs commands against one config and database with a fake clock.
type lifecycleApp struct {
	t       *testing.T
	cfg, db string
	clock   *clock
}

func (l *lifecycleApp) run(args ...string) (string, error) {
	var out, errb bytes.Buffer
	a := &app{stdin: strings.NewReader(""), stdout: &out, stderr: &errb,
		getenv: func(string) string { return "" }, now: l.clock.now}
	err := a.execute(l.t.Context(), append([]string{"--config", l.cfg, "--db", l.db}, args...))
	return out.String() + errb.String(), err
}

func (l *lifecycleApp) listings() map[string]*jobstats.Listing {
	got := map[string]*jobstats.Listing{}
	openDB(l.t, l.db, func(db *storage.DB) {
		db.ForEach(l.t.Context(), storage.Scan{}, func(x *jobstats.Listing) error {
			c := *x
			c.Sources = append([]string(nil), x.Sources...)
			got[x.ID] = &c
			return nil
		})
	})
	return got
}

func (l *lifecycleApp) openings(role, asOf string) int {
	l.t.Helper()
	args := []string{"stats", "report", "--format", "json", "--role", role}
	if asOf != "" {
		args = append(args, "--as-of", asOf)
	}
	out, err := l.run(args...)
	if err != nil {
		l.t.Fatalf("stats report: %v\n%s", err, out)
	}
	var sum struct {
		Roles []struct{ Openings int } `json:"roles"`
	}
	if err := json.Unmarshal([]byte(out), &sum); err != nil {
		l.t.Fatalf("%v: %s", err, out)
	}
	if len(sum.Roles) != 1 {
		return 0
	}
	return sum.Roles[0].Openings
}

// desc returns a distinct description per topic: distinct jobs at one
// company share some boilerplate but not most of their text.
func desc(topic string) string {
	texts := map[string]string{
		"payments": "Our payments team moves money for two million merchants. You will design the ledger, " +
			"reconcile settlement files from card networks, and keep payouts on time when banks are slow.",
		"search infrastructure and ranking": "Search is how buyers find anything on Acme. You will tune ranking models, " +
			"shard the index across regions, and cut query latency while the catalogue doubles every year.",
		"fraud models": "Fraudsters probe our checkout every hour. You will train classifiers on labelled disputes, " +
			"ship them behind feature flags, and watch precision and recall drift week by week.",
		"fraud detection": "The risk engine scores every order in real time. You will write the rules service, " +
			"stream events through Kafka, and give analysts tools to investigate suspicious accounts quickly.",
		"data pipelines": "Analysts wait on our nightly batch jobs. You will rebuild the warehouse loaders, " +
			"add data contracts, and make backfills safe to rerun without paging anyone at night.",
	}
	return texts[topic] + " We offer flexible hours, a learning budget and a yearly offsite."
}

func TestLifecycleDedupAndHistory(t *testing.T) {
	a, b := &ghBoard{}, &ghBoard{}
	srvA, srvB := httptest.NewServer(a), httptest.NewServer(b)
	defer srvA.Close()
	defer srvB.Close()
	dir := t.TempDir()
	cfg := filepath.Join(dir, "jobstats.yaml")
	os.WriteFile(cfg, []byte(fmt.Sprintf(`user_agent: jobstats-test
sources:
  - name: a
    kind: greenhouse
    board: acme
    base_url: %s
    retries: 0
    close_after: 1
  - name: b
    kind: greenhouse
    board: acme-mirror
    base_url: %s
    retries: 0
    close_after: 1
`, srvA.URL, srvB.URL)), 0o600)
	l := &lifecycleApp{t: t, cfg: cfg, db: filepath.Join(dir, "jobstats.db"), clock: &clock{}}
	day := func(n int) time.Time { return time.Date(2026, 10, n, 12, 0, 0, 0, time.UTC) }

	pay := ghJob{1, "Backend Engineer", "Acme", "Berlin, Germany", 100000, desc("payments")}
	search := ghJob{2, "Backend Engineer", "Acme", "Berlin, Germany", 120000, desc("search infrastructure and ranking")}
	ml := ghJob{3, "Machine Learning Engineer", "Acme", "Remote", 150000, desc("fraud models")}
	fraud := ghJob{4, "Backend Engineer", "Acme", "Munich, Germany", 0, desc("fraud detection")}
	crossPost := pay
	crossPost.ID, crossPost.Company = 901, "Acme Inc."

	// Day 1: a lists three jobs; b cross-posts the payments job.
	l.clock.set(day(1))
	a.set(pay, search, ml)
	b.set(crossPost)
	if out, err := l.run("crawl"); err != nil {
		t.Fatalf("crawl day 1: %v\n%s", err, out)
	}
	ls := l.listings()
	if len(ls) != 4 {
		t.Fatalf("day 1: %d listings stored, want 4", len(ls))
	}
	if got := l.openings("Backend Engineer", ""); got != 2 {
		t.Errorf("day 1: %d Backend Engineer openings, want 2 (the cross-post counted once)", got)
	}
	// The export shows every source a job was seen on.
	out, err := l.run("export", "listings", "--format", "jsonl")
	if err != nil {
		t.Fatal(err)
	}
	sources := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var x struct {
			ID      string   `json:"id"`
			Sources []string `json:"sources"`
		}
		if err := json.Unmarshal([]byte(line), &x); err != nil {
			t.Fatalf("%v: %s", err, line)
		}
		sources[x.ID] = strings.Join(x.Sources, ",")
	}
	if sources["a:1"] != "a,b" || sources["b:901"] != "b,a" || sources["a:2"] != "a" {
		t.Errorf("day 1: sources = %v, want a:1 and b:901 on both, a:2 on a", sources)
	}

	// Day 2: search is gone from a, fraud is new.
	l.clock.set(day(2))
	a.set(pay, ml, fraud)
	if out, err := l.run("crawl", "--source", "a"); err != nil {
		t.Fatalf("crawl day 2: %v\n%s", err, out)
	}
	ls = l.listings()
	if c := ls["a:2"].ClosedAt; !c.Equal(day(2)) {
		t.Errorf("day 2: a:2 closed at %v, want %v", c, day(2))
	}
	if a1, a4 := ls["a:1"], ls["a:4"]; a1 == nil || a4 == nil || !a1.Open() || !a4.Open() || !a4.FirstSeen.Equal(day(2)) {
		t.Errorf("day 2: a:1 %+v, a:4 %+v", a1, a4)
	}

	// Day 3: a is down. A failed run closes nothing.
	l.clock.set(day(3))
	a.mu.Lock()
	a.fail = true
	a.mu.Unlock()
	out, err = l.run("crawl", "--source", "a")
	if err == nil || !strings.Contains(out, "failed") {
		t.Errorf("day 3: crawl of a failing board: err %v\n%s", err, out)
	}
	for id, x := range l.listings() {
		if id != "a:2" && !x.Open() {
			t.Errorf("day 3: %s closed by a failed run", id)
		}
	}

	// Day 4: search is back (reopened); the payments job is reposted
	// under a new id and the old one is gone.
	l.clock.set(day(4))
	repost := pay
	repost.ID = 5
	a.set(repost, search, ml, fraud)
	if out, err := l.run("crawl", "--source", "a"); err != nil {
		t.Fatalf("crawl day 4: %v\n%s", err, out)
	}
	ls = l.listings()
	if ls["a:5"] == nil {
		t.Fatal("day 4: the repost a:5 was not stored")
	}
	if !ls["a:2"].Open() || ls["a:1"].Open() || !ls["a:5"].Open() {
		t.Errorf("day 4: a:2 open %v (want reopened), a:1 open %v (want closed), a:5 open %v",
			ls["a:2"].Open(), ls["a:1"].Open(), ls["a:5"].Open())
	}
	// Backend openings: the repost (a:5, also still on b as b:901), search
	// and fraud: three jobs, though four listings are open.
	if got := l.openings("Backend Engineer", ""); got != 3 {
		t.Errorf("day 4: %d Backend Engineer openings, want 3", got)
	}
	// As of day 2, before search reopened: payments (a:1 and b:901 once) and fraud.
	if got := l.openings("Backend Engineer", "2026-10-02"); got != 2 {
		t.Errorf("as of day 2: %d Backend Engineer openings, want 2", got)
	}

	// Runs and history: one snapshot per successful run.
	out, err = l.run("runs", "--source", "a")
	if err != nil || strings.Count(out, "\n") != 5 { // header + 4 runs
		t.Errorf("runs: %v\n%s", err, out)
	}
	out, err = l.run("stats", "history", "--role", "backend engineer", "--format", "csv")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	// header + day 1 (a and b ended at the same instant: one snapshot), day 2, day 4
	if len(lines) != 4 {
		t.Fatalf("history has %d lines, want 4:\n%s", len(lines), out)
	}
	if !strings.HasPrefix(lines[len(lines)-1], "2026-10-04T12:00:00Z,Backend Engineer,3,") {
		t.Errorf("last history line = %q", lines[len(lines)-1])
	}

	// Prune: listings closed before day 5 go (a:1); snapshots stay.
	l.clock.set(day(5))
	if out, err := l.run("prune", "--closed-before", "2026-10-05", "--compact"); err != nil || !strings.Contains(out, "removed 1 ") {
		t.Errorf("prune: %v\n%s", err, out)
	}
	if _, ok := l.listings()["a:1"]; ok {
		t.Error("prune kept a:1")
	}
	// A title line for the one market, the header and the three points.
	if out, err := l.run("stats", "history", "--role", "Backend Engineer"); err != nil || strings.Count(out, "\n") != 5 {
		t.Errorf("history after prune: %v\n%s", err, out)
	}
}

func TestConditionalCrawlAndSourcesTest(t *testing.T) {
	board := &ghBoard{etag: `"v1"`}
	board.set(
		ghJob{1, "Senior Backend Engineer", "Acme", "Berlin, Germany", 100000, desc("payments")},
		ghJob{2, "Data Engineer", "Acme", "Remote", 0, desc("data pipelines") + " Pay: $60/hr."},
	)
	board.etag = `"v1"`
	srv := httptest.NewServer(board)
	defer srv.Close()
	dir := t.TempDir()
	cfg := filepath.Join(dir, "jobstats.yaml")
	os.WriteFile(cfg, []byte(fmt.Sprintf("user_agent: jobstats-test\nsources:\n  - name: acme\n    kind: greenhouse\n    board: acme\n    base_url: %s\n    close_after: 1\n", srv.URL)), 0o600)
	l := &lifecycleApp{t: t, cfg: cfg, db: filepath.Join(dir, "jobstats.db"), clock: &clock{}}
	day := func(n int) time.Time { return time.Date(2026, 10, n, 12, 0, 0, 0, time.UTC) }

	// sources test prints what would be stored, understood, in the fields
	// of the JSON export (amounts in currency units), and stores nothing.
	out, err := l.run("sources", "test", "acme")
	if err != nil {
		t.Fatalf("sources test: %v\n%s", err, out)
	}
	for _, want := range []string{`"title":"Senior Backend Engineer"`, `"role":"Backend Engineer"`, `"job_level":"senior"`,
		`"interval":"hour"`, `"min_amount":100000,`, `"min_amount":60,`} {
		if !strings.Contains(out, want) {
			t.Errorf("sources test output lacks %s:\n%s", want, out)
		}
	}
	if _, err := os.Stat(l.db); err == nil {
		t.Error("sources test created the database")
	}

	l.clock.set(day(1))
	if out, err := l.run("crawl"); err != nil {
		t.Fatalf("crawl: %v\n%s", err, out)
	}
	// Unchanged board: one 304, nothing closed, listings seen again.
	l.clock.set(day(2))
	out, err = l.run("crawl")
	if err != nil || board.notModified != 1 {
		t.Fatalf("second crawl: %v, %d not-modified answers\n%s", err, board.notModified, out)
	}
	for id, x := range l.listings() {
		if !x.Open() || !x.LastSeen.Equal(day(2)) {
			t.Errorf("after 304: %s open %v, last seen %v; want open, seen on day 2", id, x.Open(), x.LastSeen)
		}
	}
	out, err = l.run("sources")
	if err != nil || !strings.Contains(out, "acme") || !strings.Contains(out, " ok ") {
		t.Errorf("sources: %v\n%s", err, out)
	}
	// A changed board is fetched in full again.
	l.clock.set(day(3))
	board.set(ghJob{1, "Senior Backend Engineer", "Acme", "Berlin, Germany", 100000, desc("payments")})
	board.etag = `"v2"`
	if out, err := l.run("crawl"); err != nil {
		t.Fatalf("third crawl: %v\n%s", err, out)
	}
	if ls := l.listings(); ls["acme:2"] == nil || ls["acme:2"].Open() || !ls["acme:1"].Open() {
		t.Errorf("after the board changed: acme:2 should be closed, acme:1 open")
	}

	// Reports compare with 30 days earlier once the data reaches back that far.
	l.clock.set(day(1).AddDate(0, 0, 40))
	out, err = l.run("stats", "report", "--role", "Backend Engineer", "--min-openings", "1")
	if err != nil || !strings.Contains(out, "Change since") {
		t.Errorf("report 40 days on: %v\n%s", err, out)
	}
}
