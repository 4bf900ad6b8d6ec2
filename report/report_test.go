package report_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/report"
	"github.com/jobstats/jobstats/stats"
)

var update = flag.Bool("update", false, "rewrite golden files")

var (
	now   = time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)
	clock = func() time.Time { return now }
	rates = jobstats.Rates{Base: "USD", AsOf: "2026-11-02", Rates: map[string]float64{"EUR": 0.8, "GBP": 0.75}}
	opts  = stats.Options{Currency: "USD", Rates: rates, Now: clock}
)

func pay(min, max float64, cur string, p jobstats.Period, from jobstats.SalarySource) *jobstats.Salary {
	return &jobstats.Salary{Min: jobstats.AmountOf(min), Max: jobstats.AmountOf(max), Currency: cur, Period: p, From: from}
}

// fixture returns a small realistic set of listings: a Backend Engineer page
// matching the published example, a Data Analyst with currency trouble, a
// role whose title looks like HTML and a formula, and a closed listing.
func fixture() []*jobstats.Listing {
	first := time.Date(2026, 10, 1, 8, 0, 0, 0, time.UTC)
	seen := time.Date(2026, 11, 17, 9, 30, 0, 0, time.UTC)
	posted := time.Date(2026, 9, 28, 0, 0, 0, 0, time.UTC)
	base := func(id, title, role string) *jobstats.Listing {
		return &jobstats.Listing{
			ID: "board:" + id, Source: "board", SourceID: id, URL: "https://jobs.example.com/" + id,
			Title: title, Role: role, Location: "Berlin, Germany", EmploymentType: "FULL_TIME",
			Country: "DE", City: "Berlin", Region: "BE",
			PostedAt: posted, FirstSeen: first, LastSeen: seen,
		}
	}
	l1 := base("1", "Senior Backend Engineer (m/f/d)", "Backend Engineer")
	l1.Company, l1.Seniority, l1.Degree = "Acme", jobstats.SenioritySenior, jobstats.DegreeRequired
	l1.Salary = pay(96250, 0, "USD", jobstats.PeriodYear, jobstats.SalaryFromField)
	l1.Skills, l1.Certifications = []string{"Go", "PostgreSQL", "Kubernetes"}, []string{"CKA"}
	l1.Workplace, l1.RemoteScope = jobstats.WorkplaceRemote, jobstats.RemoteEU
	l1.ExperienceYears = 5
	l1.Description = "We build APIs in Go.\nYou know PostgreSQL and \"cloud\" things."

	l2 := base("2", "Backend Engineer", "Backend Engineer")
	l2.Company, l2.Seniority, l2.Degree = "Acme", jobstats.SeniorityMid, jobstats.DegreeRequired
	l2.Salary = pay(8000, 9500, "USD", jobstats.PeriodMonth, jobstats.SalaryFromText)
	l2.SalaryText = "$8,000 - $9,500 per month"
	l2.Skills = []string{"Go", "AWS"}
	l2.Workplace = jobstats.WorkplaceHybrid
	l2.Description = "- Design services\n- Own on-call"

	l3 := base("3", "Backend Engineer II", "Backend Engineer")
	l3.Company, l3.Seniority, l3.Degree = "AT&T", jobstats.SeniorityMid, jobstats.DegreeRequired
	l3.Salary = pay(120000, 130000, "USD", jobstats.PeriodYear, jobstats.SalaryFromField)
	l3.Skills = []string{"Java", "PostgreSQL"}
	l3.Sources = []string{"board", "other"}

	l4 := base("4", "Jr. Backend Engineer", "Backend Engineer")
	l4.Company, l4.Seniority, l4.Degree = "Globex", jobstats.SeniorityJunior, jobstats.DegreeEquivalent
	l4.Skills = []string{"Go"}

	l5 := base("5", "Data Analyst", "Data Analyst")
	l5.Company, l5.Seniority = "Initech", jobstats.SeniorityMid
	l5.Salary = pay(55000, 65000, "EUR", jobstats.PeriodYear, jobstats.SalaryFromField)
	l5.SalaryText = "55.000 € - 65.000 € brutto/Jahr"
	l5.Skills = []string{"SQL", "Python"}

	l6 := base("6", "Data Analyst", "Data Analyst")
	l6.Company = "Initech"
	l6.Salary = pay(100000, 0, "CHF", jobstats.PeriodYear, jobstats.SalaryFromText)
	l6.SalaryText = "from CHF 100'000"
	l6.Skills = []string{"SQL"}

	l7 := base("7", "=HYPERLINK(\"http://evil\") <b>Growth</b> Hacker", "")
	l7.Company = "@evil | corp"
	l7.Location = "-Remote"
	l7.Country, l7.City, l7.Region = "", "", ""
	l7.Description = "<p>Do <script>alert(1)</script> things</p>"
	l7.PostedAt = time.Time{}
	l7.Salary = pay(45.5, 60.25, "GBP", jobstats.PeriodHour, jobstats.SalaryFromText)

	l8 := base("8", "Backend Engineer", "Backend Engineer")
	l8.Company = "Closed Co"
	l8.ClosedAt = time.Date(2026, 11, 10, 0, 0, 0, 0, time.UTC)
	l8.Salary = pay(500000, 0, "USD", jobstats.PeriodYear, jobstats.SalaryFromField)

	l9 := base("9", "Backend Engineer (Contract)", "Backend Engineer")
	l9.Company, l9.Seniority, l9.EmploymentType = "Initech", jobstats.SenioritySenior, "CONTRACTOR"
	l9.Salary = pay(600, 700, "EUR", jobstats.PeriodDay, jobstats.SalaryFromField)

	return []*jobstats.Listing{l1, l2, l3, l4, l5, l6, l7, l8, l9}
}

// names stands in for the location understanding's country names.
func names(key string) string {
	return map[string]string{"US": "United States", "GB": "United Kingdom", "DE": "Germany", "IN": "India"}[key]
}

// marketFixture adds to fixture the markets a report must keep apart:
// Backend Engineers in the US (enough salaries for medians, percentiles
// and intervals per level, plus a contractor and a part-timer), in the UK
// (salaries in GBP, contractors' day rates, an internship), a role in
// India whose senior median is below the junior one, and a listing of
// unknown place.
func marketFixture() []*jobstats.Listing {
	first := time.Date(2026, 10, 1, 8, 0, 0, 0, time.UTC)
	seen := time.Date(2026, 11, 19, 9, 0, 0, 0, time.UTC)
	n := 100
	mk := func(role, country, city, region string, level jobstats.Seniority, emp string, s *jobstats.Salary) *jobstats.Listing {
		n++
		id := fmt.Sprint(n)
		return &jobstats.Listing{ID: "ats:" + id, Source: "ats", SourceID: id, URL: "https://ats.example.com/" + id,
			Title: role, Role: role, Company: fmt.Sprintf("Company %c", 'A'+n%7), Country: country, City: city, Region: region,
			Location: city, Workplace: jobstats.WorkplaceOnsite, EmploymentType: emp, Seniority: level,
			Degree: []jobstats.Degree{jobstats.DegreeRequired, jobstats.DegreeEquivalent, jobstats.DegreeUnknown}[n%3],
			Skills: []string{"Go", "Python", "SQL"}[:1+n%3], Salary: s, FirstSeen: first, LastSeen: seen}
	}
	year := func(v float64, cur string) *jobstats.Salary {
		return pay(v, v*1.2, cur, jobstats.PeriodYear, jobstats.SalaryFromField)
	}
	var ls []*jobstats.Listing
	for i := range 6 {
		l := mk("Backend Engineer", "US", []string{"Austin", "New York"}[i%2], []string{"TX", "NY"}[i%2], jobstats.SeniorityJunior, "full_time", year(80000+float64(i)*3000, "USD"))
		l.ExperienceYears = 1 + i%2
		ls = append(ls, l)
	}
	for i := range 7 {
		l := mk("Backend Engineer", "US", "Austin", "TX", jobstats.SenioritySenior, "full_time", year(140000+float64(i)*6000, "USD"))
		l.ExperienceYears = 5 + i%3
		if i == 0 {
			l.Workplace = jobstats.WorkplaceRemote
			l.RemoteScope, l.City, l.Region, l.Location = "US", "", "", "Remote - US"
		}
		ls = append(ls, l)
	}
	ls = append(ls,
		mk("Backend Engineer", "US", "Austin", "TX", jobstats.SeniorityMid, "part_time", pay(55, 0, "USD", jobstats.PeriodHour, jobstats.SalaryFromText)),
		mk("Backend Engineer", "US", "New York", "NY", jobstats.SenioritySenior, "contract", pay(95, 110, "USD", jobstats.PeriodHour, jobstats.SalaryFromField)),
		mk("Backend Engineer", "US", "New York", "NY", jobstats.SeniorityLead, "full_time", nil),
	)
	for i := range 5 {
		ls = append(ls, mk("Backend Engineer", "GB", "London", "", jobstats.SeniorityMid, "full_time", year(60000+float64(i)*2500, "GBP")))
	}
	for i := range 5 {
		ls = append(ls, mk("Backend Engineer", "GB", "London", "", jobstats.SenioritySenior, "CONTRACTOR", pay(500+float64(i)*50, 600+float64(i)*50, "GBP", jobstats.PeriodDay, jobstats.SalaryFromText)))
	}
	ls = append(ls, mk("Backend Engineer", "GB", "Manchester", "", jobstats.SeniorityIntern, "INTERN", pay(1800, 0, "GBP", jobstats.PeriodMonth, jobstats.SalaryFromField)))
	for i := range 5 {
		ls = append(ls, mk("Site Reliability Engineer", "IN", "Bengaluru", "KA", jobstats.SeniorityJunior, "full_time", year(1_200_000+float64(i)*50_000, "INR")))
		ls = append(ls, mk("Site Reliability Engineer", "IN", "Bengaluru", "KA", jobstats.SenioritySenior, "full_time", year(900_000+float64(i)*50_000, "INR")))
	}
	ls = append(ls, mk("Backend Engineer", "", "", "", jobstats.SeniorityMid, "", year(90000, "USD")))
	return ls
}

func summaryOpts() stats.Options {
	o := opts
	o.MarketName = names
	o.Rates = jobstats.Rates{Base: "USD", AsOf: "2026-11-02", Rates: map[string]float64{"EUR": 0.8, "GBP": 0.75, "INR": 80}}
	return o
}

func fixtureSummary() stats.Summary {
	a := stats.New(summaryOpts())
	for _, l := range append(fixture(), marketFixture()...) {
		a.Add(l)
	}
	return a.Summary()
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden file (run with -update to create it): %v", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from %s (run go test -update to accept):\n--- got\n%s\n--- want\n%s", name, path, got, want)
	}
}

func TestGoldenSummary(t *testing.T) {
	s := fixtureSummary()
	renderers := []struct {
		name   string
		render func(io.Writer, stats.Summary) error
	}{
		{"markdown.md", report.Markdown},
		{"text.txt", report.Text},
		{"summary.json", report.JSON},
		{"stats.csv", report.StatsCSV},
	}
	for _, r := range renderers {
		t.Run(r.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := r.render(&buf, s); err != nil {
				t.Fatal(err)
			}
			golden(t, r.name, buf.Bytes())
		})
	}
}

func writeListings(t *testing.T, format string, ls []*jobstats.Listing) []byte {
	t.Helper()
	var buf bytes.Buffer
	lw, err := report.NewListingWriter(&buf, format, opts)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range ls {
		if err := lw.Write(l); err != nil {
			t.Fatal(err)
		}
	}
	if err := lw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestGoldenListings(t *testing.T) {
	for _, format := range []string{"csv", "json", "jsonl"} {
		t.Run(format, func(t *testing.T) {
			out := writeListings(t, format, fixture())
			golden(t, "listings."+format, out)
			switch format {
			case "json":
				var v []map[string]any
				if err := json.Unmarshal(out, &v); err != nil || len(v) != len(fixture()) {
					t.Errorf("json export is not an array of %d objects: %v", len(fixture()), err)
				}
			case "jsonl":
				lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
				for i, line := range lines {
					var v map[string]any
					if err := json.Unmarshal([]byte(line), &v); err != nil {
						t.Errorf("line %d is not a JSON object: %v", i+1, err)
					}
				}
			case "csv":
				rows, err := csv.NewReader(bytes.NewReader(out)).ReadAll()
				if err != nil {
					t.Fatal(err)
				}
				if len(rows) != len(fixture())+1 || strings.Join(rows[0], ",") != strings.Join(report.ListingColumns, ",") {
					t.Errorf("csv has %d rows, header %v", len(rows), rows[0])
				}
			}
		})
	}
}

func TestEmptyOutputs(t *testing.T) {
	s := stats.New(opts).Summary()
	tests := []struct {
		name   string
		render func(io.Writer, stats.Summary) error
		want   string
	}{
		{"markdown", report.Markdown, "No job openings found."},
		{"text", report.Text, "0 job openings in 0 roles"},
		{"json", report.JSON, `"roles": []`},
		{"csv", report.StatsCSV, strings.Join(report.StatsColumns, ",") + "\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := tt.render(&buf, s); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(buf.String(), tt.want) {
				t.Errorf("output lacks %q:\n%s", tt.want, buf.String())
			}
			for _, bad := range []string{"NaN", "$0"} {
				if strings.Contains(buf.String(), bad) {
					t.Errorf("output contains %q:\n%s", bad, buf.String())
				}
			}
		})
	}
	for format, want := range map[string]string{"json": "[]\n", "jsonl": "", "csv": strings.Join(report.ListingColumns, ",") + "\n"} {
		if got := string(writeListings(t, format, nil)); got != want {
			t.Errorf("empty %s export = %q, want %q", format, got, want)
		}
	}
}

func TestMarkdownChangeAndFilter(t *testing.T) {
	ls := append(fixture(), marketFixture()...)
	prevOpts := summaryOpts()
	prevOpts.AsOf = now.AddDate(0, 0, -30)
	a, prev := stats.New(summaryOpts()), stats.New(prevOpts)
	for _, l := range ls {
		a.Add(l)
		prev.Add(l)
	}
	s, p := a.Summary(), prev.Summary()
	s.CompareWith(&p)
	var md, txt bytes.Buffer
	if err := report.Markdown(&md, s); err != nil {
		t.Fatal(err)
	}
	if err := report.Text(&txt, s); err != nil {
		t.Fatal(err)
	}
	// 30 days earlier (2026-10-21) the German Backend Engineer openings
	// were the same four plus the one closed since; the US ones the same.
	for _, want := range []string{
		"# Backend Engineer Average Salaries and Statistics — Germany\n\n## Overview\n\n- Job openings: 4\n",
		"- Change since 2026-10-21: -1 openings, median salary n/a\n",
		"- Change since 2026-10-21: ±0 openings, median salary ±$0\n",
	} {
		if !strings.Contains(md.String(), want) {
			t.Errorf("markdown lacks %q:\n%s", want, md.String())
		}
		if !strings.Contains(txt.String(), strings.TrimPrefix(want, "# ")[:20]) {
			t.Errorf("text lacks %q", want)
		}
	}

	f := stats.New(stats.Options{Rates: rates, Now: clock, Filter: stats.Filter{Role: "Product Owner", Markets: []string{"US"}}})
	for _, l := range ls {
		f.Add(l)
	}
	md.Reset()
	if err := report.Markdown(&md, f.Summary()); err != nil {
		t.Fatal(err)
	}
	if want := "Filter: markets US.\n\n# Product Owner Average Salaries and Statistics\n\nNo job openings found.\n"; md.String() != want {
		t.Errorf("markdown for a role without openings = %q, want %q", md.String(), want)
	}
}

func TestMoneyAndPercent(t *testing.T) {
	tests := []struct{ got, want string }{
		{report.Money("USD", 108750), "$108,750"},
		{report.Money("usd", 999.5), "$1,000"},
		{report.Money("EUR", 1234567.4), "€1,234,567"},
		{report.Money("GBP", 12), "£12"},
		{report.Money("CHF", 120000), "CHF 120,000"},
		{report.Money("INR", 2500000), "INR 2,500,000"},
		{report.Money("USD", -2000), "-$2,000"},
		{report.Money("", 1000), "1,000"},
		{report.Percent(0.75), "75%"},
		{report.Percent(1.0 / 3), "33%"},
		{report.Percent(0.005), "1%"},
		{report.Percent(0), "0%"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got %q, want %q", tt.got, tt.want)
			}
		})
	}
}

func TestNeutralize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"=1+2", "'=1+2"},
		{"+1 555", "'+1 555"},
		{"-Remote", "'-Remote"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\tx", "'\tx"},
		{"\rx", "'\rx"},
		{"Backend Engineer", "Backend Engineer"},
		{"a=b", "a=b"},
		{"", ""},
		{"120000", "120000"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := report.Neutralize(tt.in); got != tt.want {
				t.Errorf("Neutralize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestCSVInjection writes hostile and awkward cells through the listing CSV
// and reads them back with encoding/csv.
func TestCSVInjection(t *testing.T) {
	l := &jobstats.Listing{
		ID: "x:1", Source: "x",
		Title:          "=cmd|' /C calc'!A0",
		Company:        "+SUM(1,2)",
		Location:       "-2+3",
		URL:            "@import",
		EmploymentType: "\tFULL_TIME",
		SalaryText:     "\r$5",
		Description:    "He said \"hi\",\nthen left; a, b\n\n<b>bold</b>",
		Skills:         []string{"=Go", "C"},
		Salary:         pay(100000, 0, "USD", jobstats.PeriodYear, jobstats.SalaryFromField),
	}
	rows, err := csv.NewReader(bytes.NewReader(writeListings(t, "csv", []*jobstats.Listing{l}))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for i, col := range rows[0] {
		got[col] = rows[1][i]
	}
	want := map[string]string{
		"title":       "'=cmd|' /C calc'!A0",
		"company":     "'+SUM(1,2)",
		"location":    "'-2+3",
		"job_url":     "'@import",
		"job_type":    "'\tFULL_TIME",
		"skills":      "'=Go, C",
		"description": "He said \"hi\",\nthen left; a, b\n\n<b>bold</b>",
		"min_amount":  "100000",
		"annual_min":  "100000",
		"max_amount":  "",
	}
	for col, w := range want {
		if got[col] != w {
			t.Errorf("%s = %q, want %q", col, got[col], w)
		}
	}
	// encoding/csv drops a carriage return before a newline when reading,
	// but a leading one is neutralised, so the cell starts with the quote.
	if !strings.HasPrefix(got["salary_text"], "'") {
		t.Errorf("salary_text = %q, want it neutralised", got["salary_text"])
	}

	s := stats.New(opts)
	s.Add(l)
	var buf bytes.Buffer
	if err := report.StatsCSV(&buf, s.Summary()); err != nil {
		t.Fatal(err)
	}
	rows, err = csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if rows[1][0] != "'=cmd|' /C calc'!A0" {
		t.Errorf("stats csv role = %q, want it neutralised", rows[1][0])
	}
}

func TestHTMLStaysText(t *testing.T) {
	s := fixtureSummary()
	var md, js, txt bytes.Buffer
	if err := report.Markdown(&md, s); err != nil {
		t.Fatal(err)
	}
	if err := report.JSON(&js, s); err != nil {
		t.Fatal(err)
	}
	if err := report.Text(&txt, s); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(md.String(), "<b>") || !strings.Contains(md.String(), "&lt;b&gt;Growth&lt;/b&gt;") {
		t.Errorf("markdown lets HTML through:\n%s", md.String())
	}
	if !strings.Contains(md.String(), `\| corp`) {
		t.Errorf("markdown table cell not escaped:\n%s", md.String())
	}
	if !strings.Contains(js.String(), "<b>Growth</b>") || !strings.Contains(js.String(), "AT&T") {
		t.Errorf("json escapes text:\n%s", js.String())
	}
	if !strings.Contains(txt.String(), "<b>Growth</b>") {
		t.Errorf("text mangles the title:\n%s", txt.String())
	}
	out := string(writeListings(t, "jsonl", fixture()))
	if !strings.Contains(out, "<script>alert(1)</script>") {
		t.Errorf("listing json escapes HTML")
	}
}

// TestTextHeadingCounts checks that a summary cut to its largest roles
// does not claim all openings for them.
func TestTextHeadingCounts(t *testing.T) {
	s := fixtureSummary()
	s.Roles = s.Roles[:1]
	var buf bytes.Buffer
	if err := report.Text(&buf, s); err != nil {
		t.Fatal(err)
	}
	if want := "33 of 46 job openings, in the 1 role with the most, open now;"; !strings.HasPrefix(buf.String(), want) {
		t.Errorf("heading %q, want it to start %q", strings.SplitN(buf.String(), "\n", 2)[0], want)
	}
}

func TestTextControlCharacters(t *testing.T) {
	a := stats.New(opts)
	a.Add(&jobstats.Listing{Role: "Evil\x1b[2JRole\tX"})
	var buf bytes.Buffer
	if err := report.Text(&buf, a.Summary()); err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(buf.String(), "\x1b") {
		t.Errorf("text output carries an escape sequence: %q", buf.String())
	}
}

func TestUnknownFormat(t *testing.T) {
	_, err := report.NewListingWriter(io.Discard, "xml", opts)
	if !errors.Is(err, report.ErrFormat) {
		t.Errorf("NewListingWriter(xml) error = %v, want ErrFormat", err)
	}
}

func TestWriteAfterClose(t *testing.T) {
	for _, format := range []string{"csv", "json", "jsonl"} {
		t.Run(format, func(t *testing.T) {
			lw, err := report.NewListingWriter(io.Discard, format, opts)
			if err != nil {
				t.Fatal(err)
			}
			if err := lw.Close(); err != nil {
				t.Fatal(err)
			}
			if err := lw.Write(fixture()[0]); err == nil {
				t.Error("Write after Close succeeded")
			}
			if err := lw.Close(); err != nil {
				t.Errorf("second Close = %v", err)
			}
		})
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteErrors(t *testing.T) {
	s := fixtureSummary()
	for name, render := range map[string]func(io.Writer, stats.Summary) error{
		"markdown": report.Markdown, "text": report.Text, "json": report.JSON, "csv": report.StatsCSV,
	} {
		if err := render(failWriter{}, s); err == nil || !strings.Contains(err.Error(), "disk full") {
			t.Errorf("%s to a failing writer: error = %v", name, err)
		}
	}
	for _, format := range []string{"csv", "json", "jsonl"} {
		lw, err := report.NewListingWriter(failWriter{}, format, opts)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range fixture() {
			if err = lw.Write(l); err != nil {
				break
			}
		}
		if cerr := lw.Close(); err == nil {
			err = cerr
		}
		if err == nil || !strings.Contains(err.Error(), "disk full") {
			t.Errorf("%s export to a failing writer: error = %v", format, err)
		}
	}
}

// countingWriter discards what it is given and counts the bytes.
type countingWriter struct{ n int64 }

func (c *countingWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

// TestListingWriterStreams writes 2,000 listings with distinct 8 KB
// descriptions (16 MB in all, twice what the heap may grow by) and checks
// that the output flows to the writer as it goes and that the heap does
// not keep the listings. The descriptions are cut from one pattern and
// copied, not built byte by byte, which under -race cost seconds.
func TestListingWriterStreams(t *testing.T) {
	const n, size = 2_000, 8 << 10
	pattern := strings.Repeat("abcdefghijklmnopqrstuvwxyz", size/26+2)
	for _, format := range []string{"csv", "json", "jsonl"} {
		t.Run(format, func(t *testing.T) {
			var cw countingWriter
			lw, err := report.NewListingWriter(&cw, format, opts)
			if err != nil {
				t.Fatal(err)
			}
			var before runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			l := fixture()[0]
			for i := range n {
				l.Description = strings.Clone(pattern[i%26 : i%26+size]) // a new string each time
				if err := lw.Write(l); err != nil {
					t.Fatal(err)
				}
			}
			flowed := cw.n
			var after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&after)
			if err := lw.Close(); err != nil {
				t.Fatal(err)
			}
			if flowed < cw.n*9/10 || cw.n < n*size {
				t.Errorf("%d of %d bytes reached the writer before Close", flowed, cw.n)
			}
			if grew := int64(after.HeapInuse) - int64(before.HeapInuse); grew > 8<<20 {
				t.Errorf("heap grew by %d MB over %d listings", grew>>20, n)
			}
		})
	}
}

func Example() {
	a := stats.New(stats.Options{Currency: "USD", Now: clock})
	for _, v := range []float64{96250, 98000, 105000, 110000, 120000, 125000} {
		a.Add(&jobstats.Listing{Role: "Backend Engineer", Country: "US", Degree: jobstats.DegreeRequired,
			Salary: &jobstats.Salary{Min: jobstats.AmountOf(v), Currency: "USD", Period: jobstats.PeriodYear}})
	}
	a.Add(&jobstats.Listing{Role: "Backend Engineer", Country: "US", Degree: jobstats.DegreeEquivalent})
	var buf bytes.Buffer
	_ = report.Markdown(&buf, a.Summary())
	lines := strings.Split(buf.String(), "\n")
	os.Stdout.WriteString(strings.Join(lines[:13], "\n") + "\n")
	// Output:
	// # Backend Engineer Average Salaries and Statistics — US
	//
	// ## Overview
	//
	// - Job openings: 7
	// - Median Salary: $107,500, 95% confidence interval $96,250–$125,000, from 6 salaries
	// - Average Salary: $109,042
	// - Salary Range: lowest $96,250, highest $125,000 (percentiles need 10 salaries; n=6)
	// - Degree Requirement: 86% of listings that state a requirement ask for a degree (6 of 7)
	// - Remote: n/a (no opening says where the work happens)
	// - Employment Type: 7 not stated
	//
	// Salary figures from 6 of 7 openings: full-time, part-time and unspecified jobs with usable pay; 1 left out: no salary.
}

func BenchmarkListingWriter(b *testing.B) {
	ls := fixture()
	for _, format := range []string{"csv", "jsonl"} {
		b.Run(format, func(b *testing.B) {
			lw, err := report.NewListingWriter(io.Discard, format, opts)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for i := range b.N {
				if err := lw.Write(ls[i%len(ls)]); err != nil {
					b.Fatal(err)
				}
			}
			lw.Close()
		})
	}
}
