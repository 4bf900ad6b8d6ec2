package scraper

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"github.com/jobstats/jobstats"
	"net/http"
	"net/http/httptest"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/jobstats/jobstats/config"
)

// gz compresses b.
func gz(b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

func TestParseSitemap(t *testing.T) {
	for _, tt := range []struct {
		name     string
		body     string
		urls     []sitemapURL
		sitemaps []string
		err      bool
	}{
		{name: "urlset", body: `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
  <url><loc> https://a.example/jobs/1 </loc><lastmod>2026-09-01</lastmod><changefreq>daily</changefreq></url>
  <url><loc>https://a.example/jobs/2?x=1&amp;y=2</loc><image:image><image:loc>https://a.example/i.png</image:loc></image:image></url>
  <url><lastmod>2026-09-01</lastmod></url>
</urlset>`, urls: []sitemapURL{{"https://a.example/jobs/1", "2026-09-01"}, {"https://a.example/jobs/2?x=1&y=2", ""}}},
		{name: "index", body: `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>https://a.example/sitemap-jobs.xml.gz</loc><lastmod>2026-09-02T10:00:00+00:00</lastmod></sitemap>
  <sitemap><loc>/sitemap-pages.xml</loc></sitemap>
</sitemapindex>`, sitemaps: []string{"https://a.example/sitemap-jobs.xml.gz", "/sitemap-pages.xml"}},
		{name: "text", body: "https://a.example/jobs/1\r\n\nhttps://a.example/jobs/2\n", urls: []sitemapURL{{"https://a.example/jobs/1", ""}, {"https://a.example/jobs/2", ""}}},
		{name: "empty urlset", body: `<urlset/>`},
		{name: "html page", body: `<!doctype html><html><body>Not found</body></html>`, err: true},
		{name: "rss", body: `<rss><channel/></rss>`, err: true},
		{name: "text with words", body: "Sitemap coming soon\n", err: true},
		{name: "truncated", body: `<urlset><url><loc>https://a.example/1</loc></url><url><loc>https://a.ex`, err: true},
		{name: "empty", body: "", err: true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := parseSitemap([]byte(tt.body))
			if (err != nil) != tt.err {
				t.Fatalf("err = %v", err)
			}
			if !tt.err && (!reflect.DeepEqual(doc.URLs, tt.urls) || !reflect.DeepEqual(doc.Sitemaps, tt.sitemaps)) {
				t.Errorf("got %+v, %q", doc.URLs, doc.Sitemaps)
			}
		})
	}
}

func TestGunzipCapped(t *testing.T) {
	plain := []byte("<urlset></urlset>")
	if got, err := gunzipCapped(plain, 100); err != nil || !bytes.Equal(got, plain) {
		t.Errorf("plain: %q, %v", got, err)
	}
	if got, err := gunzipCapped(gz(plain), 100); err != nil || !bytes.Equal(got, plain) {
		t.Errorf("gzip: %q, %v", got, err)
	}
	// A bomb: 8 MiB of zeros is a few KiB of gzip.
	bomb := gz(make([]byte, 8<<20))
	if len(bomb) > 64<<10 {
		t.Fatalf("bomb is %d bytes", len(bomb))
	}
	if _, err := gunzipCapped(bomb, 1<<20); err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Errorf("bomb: err = %v", err)
	}
	if _, err := gunzipCapped([]byte{0x1f, 0x8b, 0, 0}, 100); err == nil {
		t.Error("broken gzip accepted")
	}
}

func TestRobotsSitemapLines(t *testing.T) {
	body := "User-agent: *\nDisallow: /private/\nSitemap: https://a.example/sitemap.xml # main\nsitemap:https://a.example/jobs.xml\nSITEMAP: /relative.xml\nAllow: /\n"
	if got := parseRobots([]byte(body), "jobstats").sitemaps; !slices.Equal(got, []string{"https://a.example/sitemap.xml", "https://a.example/jobs.xml"}) {
		t.Errorf("got %q", got)
	}
}

func TestSameLastmod(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want bool
	}{
		{"2026-09-01", "2026-09-01", true},
		{"2026-09-01", "2026-09-01T00:00:00Z", true},
		{"2026-09-01T02:00:00+02:00", "2026-09-01T00:00:00Z", true},
		{"2026-09-01", "2026-09-02", false},
		{"", "", false},
		{"2026-09-01", "", false},
		{noLastmod, noLastmod, false},
		{"yesterday", "yesterday", true},
	} {
		if got := sameLastmod(tt.a, tt.b); got != tt.want {
			t.Errorf("sameLastmod(%q, %q) = %v", tt.a, tt.b, got)
		}
	}
}

func TestPageMemory(t *testing.T) {
	v := &memValidators{}
	if _, ok := recallPage(v, "https://a.example/1"); ok {
		t.Error("memory of nothing")
	}
	rememberPage(v, "https://a.example/1", "2026-09-01", []string{"7", "https://a.example/1#2"})
	rememberPage(v, "https://a.example/2", "2026-09-01", nil)
	if m, ok := recallPage(v, "https://a.example/1"); !ok || m.Lastmod != "2026-09-01" || !slices.Equal(m.SourceIDs, []string{"7", "https://a.example/1#2"}) {
		t.Errorf("got %+v, %v", m, ok)
	}
	if m, ok := recallPage(v, "https://a.example/2"); !ok || len(m.SourceIDs) != 0 {
		t.Errorf("page without postings: %+v, %v", m, ok)
	}
	// The page memory does not collide with the page's own validators.
	if e, l := v.Validator("https://a.example/1"); e != "" || l != "" {
		t.Errorf("validators of the page itself: %q %q", e, l)
	}
	rememberPage(v, "https://a.example/1", "", nil)
	if _, ok := recallPage(v, "https://a.example/1"); ok {
		t.Error("an empty lastmod did not forget")
	}
	v.SetValidator(pageMemoryPrefix+"https://a.example/3", "not json", "2026-09-01")
	if _, ok := recallPage(v, "https://a.example/3"); ok {
		t.Error("a damaged memory was trusted")
	}
}

// sitemapSite is a career site that lists its job pages in sitemaps:
// robots.txt names an index, which names a gzipped sitemap (served as a
// file, not as an encoding) and a plain one. Every job page holds one
// JobPosting whose identifier is its number.
type sitemapSite struct {
	mu      sync.Mutex
	lastmod map[int]string // job number → lastmod; absent: not listed
	fail    map[string]bool
	hits    map[string]int
}

func newSitemapSite(n int) *sitemapSite {
	s := &sitemapSite{lastmod: map[int]string{}, fail: map[string]bool{}, hits: map[string]int{}}
	for i := 1; i <= n; i++ {
		s.lastmod[i] = "2026-09-01"
	}
	return s
}

func (s *sitemapSite) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := r.URL.Path
	s.hits[p]++
	if s.fail[p] {
		http.Error(w, "down", http.StatusServiceUnavailable)
		return
	}
	host := "http://" + r.Host
	urlset := func(odd bool) []byte {
		var b strings.Builder
		b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
		ids := make([]int, 0, len(s.lastmod))
		for i := range s.lastmod {
			if i%2 == 1 == odd {
				ids = append(ids, i)
			}
		}
		slices.Sort(ids)
		for _, i := range ids {
			fmt.Fprintf(&b, "<url><loc>%s/jobs/%d</loc><lastmod>%s</lastmod></url>", host, i, s.lastmod[i])
		}
		if odd {
			fmt.Fprintf(&b, "<url><loc>%s/about</loc><lastmod>2026-01-01</lastmod></url>", host)
		}
		b.WriteString("</urlset>")
		return []byte(b.String())
	}
	switch {
	case p == "/robots.txt":
		fmt.Fprintf(w, "User-agent: *\nDisallow: /private/\nSitemap: %s/sitemap_index.xml\n", host)
	case p == "/sitemap_index.xml":
		fmt.Fprintf(w, `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>%s/sitemap-odd.xml.gz</loc></sitemap><sitemap><loc>/sitemap-even.xml</loc></sitemap></sitemapindex>`, host)
	case p == "/sitemap-odd.xml.gz":
		w.Header().Set("Content-Type", "application/x-gzip")
		w.Write(gz(urlset(true)))
	case p == "/sitemap-even.xml":
		w.Header().Set("Content-Type", "application/xml")
		w.Write(urlset(false))
	case p == "/about":
		fmt.Fprint(w, "<html><body>About us</body></html>")
	case strings.HasPrefix(p, "/jobs/"):
		var i int
		fmt.Sscanf(p, "/jobs/%d", &i)
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprintf(w, `<html><head><script type="application/ld+json">{"@type":"JobPosting","title":"Job %d","identifier":{"value":"J%d"},"hiringOrganization":{"name":"Sitemap Co"}}</script></head>
<body><a href="/jobs/%d">next job</a></body></html>`, i, i, i+1)
	default:
		http.NotFound(w, r)
	}
}

// jobHits returns how many job pages were requested, and forgets the hits.
func (s *sitemapSite) jobHits() (jobs int, other map[string]int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	other = map[string]int{}
	for p, n := range s.hits {
		if strings.HasPrefix(p, "/jobs/") {
			jobs += n
		} else {
			other[p] = n
		}
	}
	s.hits = map[string]int{}
	return jobs, other
}

func TestJSONLDSitemapIncremental(t *testing.T) {
	site := newSitemapSite(300)
	srv := httptest.NewServer(site)
	defer srv.Close()
	zero := 0
	src := config.Source{Name: "sm", Kind: "jsonld", Sitemaps: []string{srv.URL + "/sitemap_index.xml"},
		Follow: []string{`/jobs/\d+$`}, Retries: &zero, Parallelism: 8}
	vals := &memValidators{}
	crawlOnce := func() (Stats, []string) {
		t.Helper()
		st, got, err := collect(t, src, Options{Validators: vals})
		if err != nil {
			t.Fatalf("crawl: %v (%+v)", err, st)
		}
		var ids []string
		for _, l := range got {
			ids = append(ids, l.SourceID)
		}
		slices.Sort(ids)
		return st, ids
	}

	// First crawl: every job page the sitemaps list; not /about (follow),
	// not the links on the job pages (the sitemap is the index).
	st, ids := crawlOnce()
	jobs, other := site.jobHits()
	if len(ids) != 300 || jobs != 300 || st.Incomplete != "" || len(st.Unchanged) != 0 {
		t.Fatalf("first crawl: %d listings, %d job pages fetched, stats %+v", len(ids), jobs, st)
	}
	if !reflect.DeepEqual(other, map[string]int{"/robots.txt": 1, "/sitemap_index.xml": 1, "/sitemap-odd.xml.gz": 1, "/sitemap-even.xml": 1}) {
		t.Errorf("other requests %v", other)
	}

	// The site changes: three jobs edited, one gone, one new.
	site.mu.Lock()
	for _, i := range []int{5, 150, 299} {
		site.lastmod[i] = "2026-09-03T08:00:00Z"
	}
	delete(site.lastmod, 42)
	site.lastmod[301] = "2026-09-03"
	site.mu.Unlock()

	// Second crawl: only the changed and new pages are fetched; the others
	// are reported unchanged, the gone one is neither.
	st, ids = crawlOnce()
	jobs, _ = site.jobHits()
	if jobs != 4 || !slices.Equal(ids, []string{"J150", "J299", "J301", "J5"}) {
		t.Errorf("second crawl fetched %d job pages, stored %q; want the 4 changed", jobs, ids)
	}
	slices.Sort(st.Unchanged)
	if len(st.Unchanged) != 296 || slices.Contains(st.Unchanged, "J42") || slices.Contains(st.Unchanged, "J5") || st.Incomplete != "" {
		t.Errorf("unchanged: %d (J42 %v), incomplete %q", len(st.Unchanged), slices.Contains(st.Unchanged, "J42"), st.Incomplete)
	}

	// Third crawl, nothing changed: no job page at all.
	st, ids = crawlOnce()
	if jobs, _ = site.jobHits(); jobs != 0 || len(ids) != 0 || len(st.Unchanged) != 300 {
		t.Errorf("unchanged site: %d job pages, %d listings, %d unchanged", jobs, len(ids), len(st.Unchanged))
	}

	// A changed page that fails keeps its listing open; a new one that
	// fails (never read) makes the crawl incomplete.
	site.mu.Lock()
	site.lastmod[7] = "2026-09-04"
	site.lastmod[302] = "2026-09-04"
	site.fail["/jobs/7"], site.fail["/jobs/302"] = true, true
	site.mu.Unlock()
	st, _ = crawlOnce()
	if !slices.Equal(st.KeepOpen, []string{"J7"}) || !strings.Contains(st.Incomplete, "1 pages the sitemaps list were not read") || st.PagesFailed != 2 {
		t.Errorf("failed pages: keep open %q, incomplete %q, failed %d", st.KeepOpen, st.Incomplete, st.PagesFailed)
	}
	site.jobHits()

	// A sitemap that fails makes the crawl incomplete.
	site.mu.Lock()
	site.fail["/sitemap-even.xml"] = true
	site.mu.Unlock()
	st, _ = crawlOnce()
	if !strings.HasPrefix(st.Incomplete, "sitemap not read") {
		t.Errorf("failed sitemap: incomplete %q", st.Incomplete)
	}
}

func TestJSONLDRobotsSitemaps(t *testing.T) {
	site := newSitemapSite(4)
	srv := httptest.NewServer(site)
	defer srv.Close()
	// robots_sitemaps and a start page: the sitemap pages are not fetched
	// twice when the start page links to them too.
	src := config.Source{Name: "sm", Kind: "jsonld", StartURLs: []string{srv.URL + "/jobs/1"}, RobotsSitemaps: true,
		Follow: []string{`/jobs/\d+$`}}
	st, got, err := collect(t, src, Options{Validators: &memValidators{}})
	if err != nil || len(got) != 4 || st.Incomplete != "" {
		t.Fatalf("%d listings, stats %+v, err %v", len(got), st, err)
	}
	site.mu.Lock()
	defer site.mu.Unlock()
	for p, n := range site.hits {
		// robots.txt too: read once, for its rules and its Sitemap lines.
		if n != 1 {
			t.Errorf("%s fetched %d times", p, n)
		}
	}
	if site.hits["/robots.txt"] == 0 || site.hits["/sitemap_index.xml"] != 1 {
		t.Errorf("hits %v", site.hits)
	}
}

func FuzzParseSitemap(f *testing.F) {
	f.Add([]byte(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://a.example/1</loc><lastmod>2026-09-01</lastmod></url></urlset>`))
	f.Add([]byte(`<sitemapindex><sitemap><loc>/s.xml</loc></sitemap></sitemapindex>`))
	f.Add([]byte("https://a.example/1\nhttps://a.example/2\n"))
	f.Add(gz([]byte(`<urlset><url><loc>https://a.example/1</loc></url></urlset>`)))
	f.Fuzz(func(t *testing.T, body []byte) {
		b, err := gunzipCapped(body, 1<<20)
		if err != nil {
			return
		}
		doc, err := parseSitemap(b)
		if err != nil {
			return
		}
		for _, u := range doc.URLs {
			if u.Loc == "" {
				t.Errorf("empty loc in %+v", doc)
			}
		}
	})
}

// BenchmarkSitemapRecrawl measures the daily crawl of a 10,000-job site
// listed in sitemaps, after a first crawl, with 10 pages changed each day:
// it should cost the sitemaps and the changed pages.
func BenchmarkSitemapRecrawl(b *testing.B) {
	site := newSitemapSite(10000)
	srv := httptest.NewServer(site)
	defer srv.Close()
	zero := 0
	src := config.Source{Name: "sm", Kind: "jsonld", Sitemaps: []string{srv.URL + "/sitemap_index.xml"},
		Follow: []string{`/jobs/\d+$`}, Retries: &zero, Parallelism: 8, MaxPages: 20000}
	vals := &memValidators{}
	s, err := New(src, Options{UserAgent: "bench", Validators: vals})
	if err != nil {
		b.Fatal(err)
	}
	sink := func(context.Context, []jobstats.Listing) error { return nil }
	if _, err := s.Crawl(b.Context(), sink); err != nil {
		b.Fatal(err)
	}
	first, _ := site.jobHits()
	day := 0
	var jobs int
	for b.Loop() {
		b.StopTimer()
		day++
		site.mu.Lock()
		for i := 1; i <= 10; i++ {
			site.lastmod[day*10+i] = fmt.Sprintf("2026-10-%02d", day%28+1)
		}
		site.mu.Unlock()
		b.StartTimer()
		st, err := s.Crawl(b.Context(), sink)
		if err != nil || len(st.Unchanged) < 9900 {
			b.Fatalf("recrawl: %v, %d unchanged", err, len(st.Unchanged))
		}
		n, _ := site.jobHits()
		jobs += n
	}
	b.ReportMetric(float64(first), "first-crawl-pages")
	b.ReportMetric(float64(jobs)/float64(b.N), "recrawl-pages/op")
}
