package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// idBoard is a JSON-LD career site whose postings carry an identifier of
// their own (as most do), so a listing's id is not its page's address:
// one index page links every job page; down makes job pages answer 503.
type idBoard struct {
	mu   sync.Mutex
	jobs []int
	down map[int]bool
}

func (b *idBoard) set(jobs ...int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.jobs, b.down = jobs, map[int]bool{}
}

func (b *idBoard) fail(job int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.down[job] = true
}

func (b *idBoard) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b.mu.Lock()
	defer b.mu.Unlock()
	switch p := r.URL.Path; {
	case p == "/jobs":
		fmt.Fprint(w, "<html><body>")
		for _, j := range b.jobs {
			fmt.Fprintf(w, `<a href="/jobs/%d">job %d</a>`, j, j)
		}
		fmt.Fprint(w, "</body></html>")
	case strings.HasPrefix(p, "/jobs/"):
		var j int
		fmt.Sscanf(p, "/jobs/%d", &j)
		if b.down[j] {
			http.Error(w, "try again later", http.StatusServiceUnavailable)
			return
		}
		fmt.Fprintf(w, `<html><head><script type="application/ld+json">{"@type":"JobPosting","identifier":{"@type":"PropertyValue","value":"REQ-%d"},
"title":"Backend Engineer","hiringOrganization":{"name":"Id Co %d"},"description":"Job %d: requirements Go and PostgreSQL."}</script></head><body></body></html>`, j, j, j)
	default:
		http.NotFound(w, r)
	}
}

// A job page that fails for a while (503) keeps its own listing open and
// does not stop the run from closing the listings the board dropped, even
// when postings have identifiers of their own, so that the failed page's
// address is not the listing's id.
func TestFailedDetailPageWithIdentifierStillCloses(t *testing.T) {
	board := &idBoard{}
	srv := httptest.NewServer(board)
	defer srv.Close()
	dir := t.TempDir()
	cfg := filepath.Join(dir, "jobstats.yaml")
	os.WriteFile(cfg, []byte(fmt.Sprintf(`user_agent: jobstats-test
sources:
  - name: ids
    kind: jsonld
    start_urls: ["%s/jobs"]
    follow: ['/jobs/\d+$']
    retries: 0
    close_after: 1
`, srv.URL)), 0o600)
	l := &lifecycleApp{t: t, cfg: cfg, db: filepath.Join(dir, "jobstats.db"), clock: &clock{}}
	day := func(n int) time.Time { return time.Date(2026, 10, n, 12, 0, 0, 0, time.UTC) }

	l.clock.set(day(1))
	board.set(1, 2, 3)
	if out, err := l.run("crawl", "-q"); err != nil {
		t.Fatalf("crawl day 1: %v\n%s", err, out)
	}
	if ls := l.listings(); len(ls) != 3 || ls["ids:REQ-2"] == nil {
		t.Fatalf("day 1: stored %v, want ids:REQ-1 to 3", ls)
	}

	// Day 2: job 3 is gone; job 2 is still listed but its page fails.
	l.clock.set(day(2))
	board.set(1, 2)
	board.fail(2)
	out, err := l.run("crawl", "-q")
	if err != nil {
		t.Fatalf("crawl day 2: %v\n%s", err, out)
	}
	if !strings.Contains(out, "1 closed") || strings.Contains(out, "incomplete") {
		t.Errorf("day 2: want a complete run that closed 1:\n%s", out)
	}
	ls := l.listings()
	if x := ls["ids:REQ-3"]; x == nil || x.Open() {
		t.Errorf("day 2: ids:REQ-3, dropped by the board, is not closed")
	}
	if x := ls["ids:REQ-2"]; x == nil || !x.Open() || !x.LastSeen.Equal(day(2)) {
		t.Errorf("day 2: ids:REQ-2, whose page failed, = %+v; want open and seen on day 2", x)
	}
	if x := ls["ids:REQ-1"]; x == nil || !x.Open() {
		t.Errorf("day 2: ids:REQ-1 closed")
	}
}
