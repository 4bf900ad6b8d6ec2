package web_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jobstats/jobstats/report"
	"github.com/jobstats/jobstats/stats"
	"github.com/jobstats/jobstats/web"
	"github.com/jobstats/jobstats/web/webtest"
)

func TestSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Backend Engineer", "backend-engineer"},
		{"US", "us"},
		{"remote:EU", "remote-eu"},
		{"remote:worldwide", "remote-worldwide"},
		{"C++ Developer", "cplusplus-developer"},
		{"C# Developer", "csharp-developer"},
		{"Node.js + React Engineer", "node-js-plus-react-engineer"},
		{"  Site   Reliability  ", "site-reliability"},
		{"Ingénieur Logiciel", "ingénieur-logiciel"},
		{"<script>", "script"},
		{"***", "-"},
		{"", "-"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := web.Slug(tt.in); got != tt.want {
				t.Errorf("Slug(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// writeSite writes the fixture's site into a new directory.
func writeSite(t *testing.T, d *memData) (string, web.SiteResult) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	res, err := web.WriteSite(t.Context(), dir, options(d))
	if err != nil {
		t.Fatal(err)
	}
	return dir, res
}

// readPage reads a page's facts.
func readPage(t *testing.T, src string) webtest.Facts {
	t.Helper()
	f, err := webtest.Read(src)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func read(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestWriteSite(t *testing.T) {
	d := newMemData()
	dir, res := writeSite(t, d)
	if d.calls != 2 {
		t.Errorf("the site took %d calls to Summaries, want 2 (the report, then every page in one batch)", d.calls)
	}
	for _, f := range []string{"index.html", "data.json", "data.csv", "style.css", "favicon.svg", "sitemap.xml", "robots.txt",
		"backend-engineer/index.html", "backend-engineer/us/index.html", "backend-engineer/us/data.json", "backend-engineer/us/data.csv",
		"backend-engineer/gb/index.html", "backend-engineer/remote-eu/index.html", "data-scientist/us/index.html",
		"backend-script-document-title-pwned-script-engineer/us/index.html"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("missing %s", f)
		}
	}
	// Markets below min_openings have no page.
	for _, f := range []string{"backend-engineer/unknown/index.html", "data-scientist/remote-eu/index.html"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err == nil {
			t.Errorf("%s written, but its market has fewer than 5 openings", f)
		}
	}
	if res.Pages != 6 {
		t.Errorf("%d pages, want 6", res.Pages)
	}
	sm := string(read(t, filepath.Join(dir, "sitemap.xml")))
	for _, want := range []string{"<loc>https://salaries.example.com/</loc>", "<loc>https://salaries.example.com/backend-engineer/remote-eu/</loc>"} {
		if !strings.Contains(sm, want) {
			t.Errorf("sitemap lacks %s:\n%s", want, sm)
		}
	}
	if rb := string(read(t, filepath.Join(dir, "robots.txt"))); !strings.Contains(rb, "Sitemap: https://salaries.example.com/sitemap.xml") {
		t.Errorf("robots.txt: %s", rb)
	}

	// A second run replaces the first, and a role gone since loses its pages.
	d.listings = d.listings[:len(d.listings)-6] // the hostile role
	if _, err := web.WriteSite(t.Context(), dir, options(d)); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "backend-script-document-title-pwned-script-engineer")); err == nil {
		t.Error("the pages of a role gone since are still there")
	}
	if _, err := os.Stat(filepath.Join(dir, "backend-engineer/us/index.html")); err != nil {
		t.Error("second run lost a page")
	}

	// A directory with other files is not written into.
	other := t.TempDir()
	os.WriteFile(filepath.Join(other, "notes.txt"), []byte("mine"), 0o644)
	if _, err := web.WriteSite(t.Context(), other, options(d)); err == nil || !strings.Contains(err.Error(), "not empty") {
		t.Errorf("writing into a directory of other files: %v", err)
	}
}

// TestSiteFiguresMatchReport is the promise of every page: each figure
// equals the report JSON of the page's filter, shown as the report shows
// it, and no number on the page is anything else.
func TestSiteFiguresMatchReport(t *testing.T) {
	d := newMemData()
	dir, _ := writeSite(t, d)
	total := 0
	err := filepath.WalkDir(dir, func(path string, e os.DirEntry, err error) error {
		if err != nil || e.Name() != "index.html" {
			return err
		}
		rel, _ := filepath.Rel(dir, filepath.Dir(path))
		t.Run(rel, func(t *testing.T) {
			data := read(t, filepath.Join(filepath.Dir(path), "data.json"))
			facts := webtest.Check(t, rel, string(read(t, path)), data)
			n := len(facts.Figures)
			if n < 5 {
				t.Errorf("only %d figures", n)
			}
			total += n
			for _, c := range facts.Consts {
				want := map[string]string{"min_median": "5", "min_percentiles": "10", "confidence": "0.95"}[c.Field]
				if c.Value != want {
					t.Errorf("constant %s = %s, want %s", c.Field, c.Value, want)
				}
			}
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if total < 300 {
		t.Errorf("%d figures checked in all, want many more", total)
	}
}

// TestPageDataIsTheReport checks that a page's data.json is the report
// JSON of its filter, and its data.csv the stats CSV.
func TestPageDataIsTheReport(t *testing.T) {
	d := newMemData()
	dir, _ := writeSite(t, d)
	sums, _ := d.Summaries(t.Context(), web.Query{Filter: stats.Filter{Role: "Backend Engineer", Markets: []string{"GB"}}, MinOpenings: 5})
	var js, csv bytes.Buffer
	report.JSON(&js, sums[0])
	report.StatsCSV(&csv, sums[0])
	if got := read(t, filepath.Join(dir, "backend-engineer/gb/data.json")); !bytes.Equal(got, js.Bytes()) {
		t.Errorf("data.json differs from the report JSON:\n%s\nwant\n%s", got, js.Bytes())
	}
	if got := read(t, filepath.Join(dir, "backend-engineer/gb/data.csv")); !bytes.Equal(got, csv.Bytes()) {
		t.Errorf("data.csv differs from the stats CSV")
	}
}

func TestStructuredData(t *testing.T) {
	d := newMemData()
	dir, _ := writeSite(t, d)
	type dist struct {
		Type     string   `json:"@type"`
		Currency string   `json:"currency"`
		Duration string   `json:"duration"`
		Median   *float64 `json:"median"`
		P10      *float64 `json:"percentile10"`
		P25      *float64 `json:"percentile25"`
		P75      *float64 `json:"percentile75"`
		P90      *float64 `json:"percentile90"`
	}
	type occ struct {
		Context  string `json:"@context"`
		Type     string `json:"@type"`
		Name     string `json:"name"`
		URL      string `json:"url"`
		Location []struct {
			Type string `json:"@type"`
			Name string `json:"name"`
		} `json:"occupationLocation"`
		Salary []dist `json:"estimatedSalary"`
	}
	read1 := func(rel string) (occ, map[string]any) {
		facts := readPage(t, string(read(t, filepath.Join(dir, rel, "index.html"))))
		if len(facts.JSONLD) != 1 {
			t.Fatalf("%s: %d JSON-LD blocks", rel, len(facts.JSONLD))
		}
		var o occ
		if err := json.Unmarshal([]byte(facts.JSONLD[0]), &o); err != nil {
			t.Fatalf("%s: JSON-LD: %v\n%s", rel, err, facts.JSONLD[0])
		}
		var doc map[string]any
		json.Unmarshal(read(t, filepath.Join(dir, rel, "data.json")), &doc)
		return o, doc
	}
	num := func(doc any, p string) float64 {
		v, err := webtest.Resolve(doc, p)
		if err != nil {
			t.Fatal(err)
		}
		return v.(float64)
	}

	o, doc := read1("backend-engineer/gb")
	if o.Context != "https://schema.org" || o.Type != "Occupation" || o.Name != "Backend Engineer" ||
		o.URL != "https://salaries.example.com/backend-engineer/gb/" {
		t.Errorf("occupation: %+v", o)
	}
	if len(o.Location) != 1 || o.Location[0].Type != "Country" || o.Location[0].Name != "United Kingdom" {
		t.Errorf("location: %+v", o.Location)
	}
	if len(o.Salary) != 2 || o.Salary[0].Currency != "GBP" || o.Salary[1].Currency != "USD" {
		t.Fatalf("salary: %+v", o.Salary)
	}
	usd := o.Salary[1]
	if usd.Type != "MonetaryAmountDistribution" || usd.Duration != "P1Y" || *usd.Median != num(doc, "/roles/0/pages/0/salary/median") ||
		*usd.P10 != num(doc, "/roles/0/pages/0/salary/p10") || *usd.P90 != num(doc, "/roles/0/pages/0/salary/p90") ||
		*o.Salary[0].Median != num(doc, "/roles/0/pages/0/salary_local/median") {
		t.Errorf("distribution %+v does not match the report", usd)
	}

	// Remote EU: a region, and too few salaries for percentiles.
	o, _ = read1("backend-engineer/remote-eu")
	if len(o.Location) != 1 || o.Location[0].Type != "AdministrativeArea" {
		t.Errorf("remote location: %+v", o.Location)
	}
	if len(o.Salary) == 0 || o.Salary[len(o.Salary)-1].P10 != nil {
		t.Errorf("percentiles from too few salaries: %+v", o.Salary)
	}

	// The hostile role's name survives whole, and ends no script.
	o, _ = read1("backend-script-document-title-pwned-script-engineer/us")
	if o.Name != hostileRole {
		t.Errorf("JSON-LD name %q, want %q", o.Name, hostileRole)
	}
}

// TestHostileListing: every scraped string is text, never markup, and a
// listing's link is dropped unless it is http or https.
func TestHostileListing(t *testing.T) {
	d := newMemData()
	dir, _ := writeSite(t, d)
	for _, rel := range []string{"", "backend-script-document-title-pwned-script-engineer", "backend-script-document-title-pwned-script-engineer/us"} {
		src := string(read(t, filepath.Join(dir, rel, "index.html")))
		for _, bad := range []string{"<script>document", "<img src=\"http://127.0.0.2", "<svg onload", "<iframe", "javascript:", `onerror="`} {
			if strings.Contains(src, bad) {
				t.Errorf("%s: page holds %q unescaped", rel, bad)
			}
		}
		facts := readPage(t, src)
		for _, h := range facts.Hrefs {
			if strings.Contains(strings.ToLower(h), "script") && !strings.HasPrefix(h, "../") && !strings.HasPrefix(h, "./") && !strings.HasPrefix(h, "backend-script") {
				t.Errorf("%s: link %q", rel, h)
			}
		}
		if !strings.Contains(facts.Text, hostileRole) {
			t.Errorf("%s: the hostile role is not shown as text", rel)
		}
	}
	page := readPage(t, string(read(t, filepath.Join(dir, "backend-script-document-title-pwned-script-engineer/us/index.html"))))
	for _, s := range []string{hostileCompany, hostileTitle, hostileSkill} {
		if !strings.Contains(page.Text, s) {
			t.Errorf("%q is not shown as text", s)
		}
	}
}
