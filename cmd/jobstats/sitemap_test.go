package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/storage"
)

// jobSite is a career site whose job pages are listed, with lastmod, in a
// gzipped sitemap named by robots.txt.
type jobSite struct {
	mu      sync.Mutex
	lastmod map[int]string
	jobs    int // job pages requested
	other   []string
}

func (s *jobSite) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	host := "http://" + r.Host
	switch p := r.URL.Path; {
	case p == "/":
		s.other = append(s.other, p)
		fmt.Fprint(w, `<html><body><h1>Careers</h1><p>See our openings.</p></body></html>`)
	case p == "/robots.txt":
		s.other = append(s.other, p)
		fmt.Fprintf(w, "User-agent: *\nAllow: /\nSitemap: %s/sitemap.xml.gz\n", host)
	case p == "/sitemap.xml.gz":
		s.other = append(s.other, p)
		var b strings.Builder
		b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
		ids := make([]int, 0, len(s.lastmod))
		for i := range s.lastmod {
			ids = append(ids, i)
		}
		slices.Sort(ids)
		for _, i := range ids {
			fmt.Fprintf(&b, "<url><loc>%s/jobs/%d</loc><lastmod>%s</lastmod></url>", host, i, s.lastmod[i])
		}
		b.WriteString(`</urlset>`)
		var z bytes.Buffer
		zw := gzip.NewWriter(&z)
		zw.Write([]byte(b.String()))
		zw.Close()
		w.Header().Set("Content-Type", "application/gzip")
		w.Write(z.Bytes())
	case strings.HasPrefix(p, "/jobs/"):
		s.jobs++
		var i int
		fmt.Sscanf(p, "/jobs/%d", &i)
		fmt.Fprintf(w, `<html><head><script type="application/ld+json">{"@type":"JobPosting","title":"Backend Engineer %d",
"hiringOrganization":{"name":"Sitemap Co"},"baseSalary":{"currency":"USD","value":{"minValue":100000,"maxValue":120000,"unitText":"YEAR"}}}</script></head><body></body></html>`, i)
	default:
		s.other = append(s.other, p)
		http.NotFound(w, r)
	}
}

// take returns and resets the counts.
func (s *jobSite) take() (jobs int, other []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	jobs, other = s.jobs, s.other
	s.jobs, s.other = 0, nil
	slices.Sort(other)
	return jobs, other
}

func TestSitemapCrawlIncremental(t *testing.T) {
	site := &jobSite{lastmod: map[int]string{}}
	for i := 1; i <= 50; i++ {
		site.lastmod[i] = "2026-09-01"
	}
	srv := httptest.NewServer(site)
	defer srv.Close()
	dir := t.TempDir()
	cfg := filepath.Join(dir, "jobstats.yaml")
	db := filepath.Join(dir, "jobstats.db")
	conf := fmt.Sprintf(`user_agent: jobstats-test
sources:
  - name: sitemap-co
    kind: jsonld
    start_urls: ["%s/"]
    robots_sitemaps: true
    follow: ['/jobs/\d+$']
    retries: 0
`, srv.URL)
	if err := os.WriteFile(cfg, []byte(conf), 0o600); err != nil {
		t.Fatal(err)
	}
	day := time.Date(2026, 10, 1, 6, 0, 0, 0, time.UTC)
	crawl := func(now time.Time) string {
		t.Helper()
		var out, errb bytes.Buffer
		a := &app{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, getenv: func(string) string { return "" },
			now: func() time.Time { return now }}
		if err := a.execute(t.Context(), []string{"--config", cfg, "--db", db, "--log-level", "error", "crawl", "-q"}); err != nil {
			t.Fatalf("crawl: %v\n%s%s", err, out.String(), errb.String())
		}
		return out.String()
	}
	stored := func() map[string]jobstats.Listing {
		m := map[string]jobstats.Listing{}
		openDB(t, db, func(d *storage.DB) {
			if err := d.ForEach(t.Context(), storage.Scan{}, func(l *jobstats.Listing) error {
				m[strings.TrimPrefix(l.SourceID, srv.URL)] = *l
				return nil
			}); err != nil {
				t.Fatal(err)
			}
		})
		return m
	}

	// Day 1: the start page, the sitemap and all 50 job pages.
	out := crawl(day)
	jobs, _ := site.take()
	if jobs != 50 || len(stored()) != 50 {
		t.Fatalf("day 1: %d job pages fetched, %d stored\n%s", jobs, len(stored()), out)
	}

	// Day 2: two jobs edited, one gone, one new. (The edit is in the
	// sitemap only: the pages read the same, so they are not "updated".)
	site.mu.Lock()
	site.lastmod[10], site.lastmod[20] = "2026-10-01T09:00:00Z", "2026-10-01"
	delete(site.lastmod, 30)
	site.lastmod[51] = "2026-10-01"
	site.mu.Unlock()
	day2 := day.Add(24 * time.Hour)
	out = crawl(day2)
	jobs, other := site.take()
	if jobs != 3 {
		t.Errorf("day 2 fetched %d job pages, want the 3 changed or new", jobs)
	}
	// The job gone from the sitemap is missed once: it closes after two
	// complete runs miss it (close_after's default).
	if !strings.Contains(out, " ok ") || !strings.Contains(out, "3 listings (1 new, 0 updated, 0 closed, 47 unchanged)") {
		t.Errorf("day 2 summary: %s", out)
	}
	// Besides the changed pages: the start page, robots.txt (once, for its
	// rules and its Sitemap line) and the sitemap.
	if want := []string{"/", "/robots.txt", "/sitemap.xml.gz"}; !slices.Equal(other, want) {
		t.Errorf("day 2 requests besides job pages: %q, want %q", other, want)
	}
	for id, l := range stored() {
		want := day2
		if id == "/jobs/30" {
			want = day
		}
		if !l.Open() || !l.LastSeen.Equal(want) {
			t.Errorf("%s: open %v, last seen %v; want open, seen %v", id, l.Open(), l.LastSeen, want)
		}
	}

	// Day 3: nothing changed: the sitemap only; the gone job closes.
	day3 := day2.Add(24 * time.Hour)
	out = crawl(day3)
	if jobs, _ = site.take(); jobs != 0 || !strings.Contains(out, "0 listings (0 new, 0 updated, 1 closed, 50 unchanged)") || !strings.Contains(out, " ok ") {
		t.Errorf("day 3: %d job pages fetched\n%s", jobs, out)
	}
	for id, l := range stored() {
		if open := id != "/jobs/30"; l.Open() != open || (open && !l.LastSeen.Equal(day3)) {
			t.Errorf("day 3: %s open %v, last seen %v", id, l.Open(), l.LastSeen)
		}
	}
}
