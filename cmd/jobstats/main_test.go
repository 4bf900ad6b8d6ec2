package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/demo"
	"github.com/jobstats/jobstats/stats"
	"github.com/jobstats/jobstats/storage"
)

// jobstatsCmd runs the CLI in-process with a clean environment.
func jobstatsCmd(t *testing.T, stdin string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errb bytes.Buffer
	a := &app{
		stdin:  strings.NewReader(stdin),
		stdout: &out,
		stderr: &errb,
		getenv: func(k string) string {
			if k == "XDG_CONFIG_HOME" {
				return t.TempDir()
			}
			return ""
		},
		now: time.Now,
	}
	err = a.run(t.Context(), args)
	return out.String(), errb.String(), err
}

// demoDB runs `jobstats demo` once for the package's tests into a
// database in a temporary directory, and returns its path and the demo's
// output. The tests only read it.
func demoDB(t *testing.T) (path, out string) {
	t.Helper()
	demoOnce.Do(func() {
		dir, err := os.MkdirTemp("", "jobstats-demo-test-")
		if err != nil {
			demoErr = err
			return
		}
		demoDir = dir
		demoPath = filepath.Join(dir, "demo.db")
		var errOut string
		demoOut, errOut, demoErr = jobstatsCmd(t, "", "--db", demoPath, "demo", "--top", "3")
		if demoErr != nil {
			demoErr = fmt.Errorf("demo: %w\nstderr:\n%s", demoErr, errOut)
		}
		demoStderr = errOut
	})
	if demoErr != nil {
		t.Fatal(demoErr)
	}
	return demoPath, demoOut
}

var (
	demoOnce                               sync.Once
	demoDir, demoPath, demoOut, demoStderr string
	demoErr                                error
)

// titleRe matches a page title: the role and the market.
var titleRe = regexp.MustCompile(`(?m)^# (.+) Average Salaries and Statistics — (.+)$`)

func TestDemoEndToEnd(t *testing.T) {
	path, out := demoDB(t)
	board := demo.New(demo.Options{})

	// The report: the pages of three roles, the path, and a word on the
	// pages the board breaks on purpose.
	roles := map[string]bool{}
	for _, m := range titleRe.FindAllStringSubmatch(out, -1) {
		roles[m[1]] = true
	}
	if len(roles) != 3 || !strings.Contains(out, "\n## Overview\n\n- Job openings: ") {
		t.Errorf("demo printed pages of %d roles (%v), want 3:\n%s", len(roles), roles, out)
	}
	if !strings.Contains(out, "Database: "+path) {
		t.Errorf("demo output does not name the database %s", path)
	}
	if !strings.Contains(demoStderr, "broken on purpose") {
		t.Errorf("demo does not say its failed pages are deliberate:\n%s", demoStderr)
	}

	// Everything the board lists, and nothing else, is stored: the
	// malformed pages are counted as failed, not stored.
	want := map[string]demo.Job{}
	for _, j := range board.Jobs() {
		if !j.Malformed {
			want[j.ID] = j
		}
	}
	got := map[string]jobstats.Listing{}
	openDB(t, path, func(db *storage.DB) {
		err := db.ForEach(t.Context(), storage.Scan{Description: true}, func(l *jobstats.Listing) error {
			got[l.URL[strings.LastIndex(l.URL, "/")+1:]] = *l
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		runs, err := db.Runs(t.Context(), "demo", 0)
		if err != nil || len(runs) != 1 {
			t.Fatalf("runs = %v, %v; want one", runs, err)
		}
		r := runs[0]
		if r.Status != jobstats.RunPartial || r.PagesFailed != 3 || r.Listings != len(want) || r.New != len(want) {
			t.Errorf("run = %+v; want partial with 3 failed pages and %d new listings", r, len(want))
		}
	})
	if len(got) != len(want) {
		t.Fatalf("stored %d listings, want %d", len(got), len(want))
	}

	// Each stored listing carries the board's truth through every stage:
	// extraction, salary (structured or parsed from text), role, degree,
	// and the kind of contract.
	var salaryWrong, roleWrong, degreeWrong, employmentWrong, placeWrong, placed int
	for id, j := range want {
		l, ok := got[id]
		if !ok {
			t.Errorf("job %s (%s) not stored", id, j.Title)
			continue
		}
		if l.Title != j.Title || l.Company != j.Company {
			t.Errorf("job %s: stored %q at %q, want %q at %q", id, l.Title, l.Company, j.Title, j.Company)
		}
		pay := j.Structured
		wantFrom := jobstats.SalaryFromField
		if pay == nil {
			pay, wantFrom = j.TextPay, jobstats.SalaryFromText
		}
		wantPeriod := jobstats.PeriodUnknown
		if pay != nil {
			wantPeriod = pay.Period()
			if pay.Unit == "" {
				// A bare baseSalary number: the demo's are yearly
				// amounts, and the period must say it was inferred.
				wantPeriod = jobstats.PeriodYear
				if l.Salary != nil && !l.Salary.PeriodInferred {
					t.Errorf("job %s: bare salary period not marked inferred", id)
				}
			}
		}
		switch {
		case pay == nil && l.Salary != nil:
			salaryWrong++
			t.Logf("job %s: salary %+v from a listing without pay", id, *l.Salary)
		case pay != nil && (l.Salary == nil || l.Salary.Min != jobstats.AmountOf(pay.Min) ||
			l.Salary.Max != jobstats.AmountOf(pay.Max) || l.Salary.Currency != pay.Currency ||
			l.Salary.Period != wantPeriod || l.Salary.From != wantFrom):
			salaryWrong++
			t.Logf("job %s: salary %+v, want %+v from %s (text %q)", id, l.Salary, *pay, wantFrom, j.SalaryText)
		}
		if l.Role != j.Role {
			roleWrong++
			t.Logf("job %s: role %q from %q, want %q", id, l.Role, j.Title, j.Role)
		}
		if l.Degree != j.Degree {
			degreeWrong++
			t.Logf("job %s: degree %q, want %q", id, l.Degree, j.Degree)
		}
		if e := stats.EmploymentOf(l.EmploymentType); e != j.Employment {
			employmentWrong++
			t.Logf("job %s: employment %q (%q), want %q", id, e, l.EmploymentType, j.Employment)
		}
		if l.Country != "" || l.RemoteScope != "" {
			placed++
		}
		if l.Market() != j.Market() || l.Country != j.Country {
			placeWrong++
		}
	}
	if salaryWrong+roleWrong+degreeWrong+employmentWrong > 0 {
		t.Errorf("of %d listings: %d salaries, %d roles, %d degrees, %d employment types differ from the board's truth",
			len(want), salaryWrong, roleWrong, degreeWrong, employmentWrong)
	}
	t.Run("place", func(t *testing.T) {
		if placed == 0 {
			t.Skip("no stored listing has a country or remote scope: the location understanding (branch i9-understand) " +
				"does not yet read the demo's jobLocation.address and applicantLocationRequirements")
		}
		if placeWrong > 0 {
			t.Errorf("of %d listings, %d have a market or country other than the board's truth", len(want), placeWrong)
		}
	})
}

// truthFigure returns the figure a demo job contributes to the salaries
// (midpoint, annualized 2080/260/52/12, converted to USD with the default
// rates) and whether it counts: salaried pay (full-time or part-time)
// inside the plausible band.
func truthFigure(j demo.Job) (float64, bool) {
	pay := j.Pay()
	if j.Malformed || pay == nil || (j.Employment != jobstats.EmploymentFullTime && j.Employment != jobstats.EmploymentPartTime) {
		return 0, false
	}
	perYear := map[string]float64{"HOUR": 2080, "DAY": 260, "WEEK": 52, "MONTH": 12, "YEAR": 1, "": 1}
	mid := pay.Max
	if pay.Min > 0 && pay.Max > 0 {
		mid = (pay.Min + pay.Max) / 2
	} else if pay.Min > 0 {
		mid = pay.Min
	}
	usd := mid * perYear[pay.Unit] / jobstats.DefaultRates().Rates[pay.Currency]
	return usd, usd >= 1000 && usd <= 2_000_000
}

// median is the median of v (sorted in place).
func median(v []float64) float64 {
	slices.Sort(v)
	if len(v)%2 == 1 {
		return v[len(v)/2]
	}
	return (v[len(v)/2-1] + v[len(v)/2]) / 2
}

// demoPage is the part of a page of the stats JSON the demo tests read.
type demoPage struct {
	Role       string `json:"role"`
	Market     string `json:"market"`
	Openings   int    `json:"openings"`
	Currencies []struct {
		Name string `json:"name"`
	} `json:"currencies"`
	Markets []struct {
		Market string `json:"market"`
	} `json:"markets"`
	Salary struct {
		Count   int      `json:"count"`
		Average *float64 `json:"average"`
		Median  *float64 `json:"median"`
	} `json:"salary"`
	Excluded struct {
		Contract   int `json:"contract"`
		Internship int `json:"internship"`
	} `json:"excluded"`
	Degree struct {
		Stated   int `json:"stated"`
		Required int `json:"required"`
	} `json:"degree"`
	BySeniority []struct {
		Level  string `json:"level"`
		Salary struct {
			Count  int      `json:"count"`
			Median *float64 `json:"median"`
		} `json:"salary"`
	} `json:"by_seniority"`
	Inversions []json.RawMessage `json:"seniority_inversions"`
}

// demoReport runs stats report --format json on the demo database.
func demoReport(t *testing.T, args ...string) []demoPage {
	t.Helper()
	path, _ := demoDB(t)
	out, _, err := jobstatsCmd(t, "", append([]string{"--db", path, "stats", "report", "--format", "json"}, args...)...)
	if err != nil {
		t.Fatal(err)
	}
	var sum struct {
		Roles []struct {
			Pages []demoPage `json:"pages"`
		} `json:"roles"`
	}
	if err := json.Unmarshal([]byte(out), &sum); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	var pages []demoPage
	for _, r := range sum.Roles {
		pages = append(pages, r.Pages...)
	}
	return pages
}

// TestDemoReportFromTruth recomputes the Backend Engineer figures from the
// board's ground truth, independently of the pipeline, for all markets
// pooled (which needs no location understanding), and checks that the
// report shows exactly those numbers.
func TestDemoReportFromTruth(t *testing.T) {
	pages := demoReport(t, "--role", "Backend Engineer", "--pool")
	if len(pages) != 1 || pages[0].Market != "all" {
		t.Fatalf("pooled report has %d pages: %+v", len(pages), pages)
	}
	got := pages[0]

	var figures []float64
	openings, stated, required, contract, intern := 0, 0, 0, 0, 0
	for _, j := range demo.New(demo.Options{}).Jobs() {
		if j.Malformed || j.Role != "Backend Engineer" {
			continue
		}
		openings++
		if j.Degree != jobstats.DegreeUnknown {
			stated++
			if j.Degree == jobstats.DegreeRequired {
				required++
			}
		}
		switch j.Employment {
		case jobstats.EmploymentContract, jobstats.EmploymentTemporary:
			contract++
		case jobstats.EmploymentInternship:
			intern++
		}
		if f, ok := truthFigure(j); ok {
			figures = append(figures, f)
		}
	}
	var total float64
	for _, f := range figures {
		total += f
	}
	avg, med := total/float64(len(figures)), median(figures)
	if got.Openings != openings || got.Salary.Count != len(figures) || got.Salary.Median == nil ||
		math.Abs(*got.Salary.Average-avg) > 0.05 || math.Abs(*got.Salary.Median-med) > 0.05 {
		t.Errorf("report: %d openings, %d salaries, average %v, median %v;\ntruth:  %d openings, %d salaries, average %.2f, median %.2f",
			got.Openings, got.Salary.Count, got.Salary.Average, got.Salary.Median, openings, len(figures), avg, med)
	}
	if got.Excluded.Contract != contract || got.Excluded.Internship != intern || contract == 0 || intern == 0 {
		t.Errorf("left out %d contract and %d internship openings, truth %d and %d", got.Excluded.Contract, got.Excluded.Internship, contract, intern)
	}
	if got.Degree.Stated != stated || got.Degree.Required != required {
		t.Errorf("degree: %d of %d required, truth %d of %d", got.Degree.Required, got.Degree.Stated, required, stated)
	}
	if len(got.Markets) < 2 && len(got.Currencies) < 5 {
		t.Errorf("the pooled page does not state its mix: markets %v, currencies %v", got.Markets, got.Currencies)
	}
}

// TestDemoMarkets is the acceptance test: in the demo's report,
// within every market, medians rise with level wherever both levels have
// at least 5 salaries; no page mixes currencies or pay types without
// saying so; and each market's figures are the board's truth.
func TestDemoMarkets(t *testing.T) {
	pages := demoReport(t, "--min-openings", "1")
	known := 0
	for _, p := range pages {
		if p.Market != "unknown" {
			known++
		}
	}
	if known == 0 {
		t.Skip("every demo listing is in the unknown market: the location understanding (branch i9-understand) " +
			"does not yet fill Country and RemoteScope from the demo's JSON-LD; un-skip once it is merged")
	}
	path, md := demoDB(t)
	full, _, err := jobstatsCmd(t, "", "--db", path, "stats", "report", "--min-openings", "1")
	if err != nil {
		t.Fatal(err)
	}
	_ = md
	truth := map[string][]float64{} // role|market -> salaried figures
	for _, j := range demo.New(demo.Options{}).Jobs() {
		if f, ok := truthFigure(j); ok {
			truth[j.Role+"|"+j.Market()] = append(truth[j.Role+"|"+j.Market()], f)
		}
	}
	rated := 0
	for _, p := range pages {
		if p.Market == "unknown" {
			t.Errorf("%s: %d listings of unknown market", p.Role, p.Openings)
		}
		if len(p.Inversions) > 0 {
			t.Errorf("%s in %s: a level's median is below a lower level's: %s", p.Role, p.Market, p.Inversions)
		}
		for _, l := range p.BySeniority {
			if l.Salary.Median != nil {
				rated++
				if l.Salary.Count < 5 {
					t.Errorf("%s in %s: %s median from %d salaries", p.Role, p.Market, l.Level, l.Salary.Count)
				}
			}
		}
		if len(p.Currencies) > 1 && !strings.Contains(full, "Pay is stated in "+fmt.Sprint(len(p.Currencies))+" currencies") {
			t.Errorf("%s in %s mixes currencies %v without saying so", p.Role, p.Market, p.Currencies)
		}
		want := truth[p.Role+"|"+p.Market]
		if p.Salary.Count != len(want) {
			t.Errorf("%s in %s: %d salaries, truth %d", p.Role, p.Market, p.Salary.Count, len(want))
		} else if len(want) >= 5 && (p.Salary.Median == nil || math.Abs(*p.Salary.Median-median(want)) > 0.05) {
			t.Errorf("%s in %s: median %v, truth %.2f", p.Role, p.Market, p.Salary.Median, median(want))
		}
	}
	if rated < 20 {
		t.Errorf("only %d levels with a median: the demo shows too little", rated)
	}
}

func openDB(t *testing.T, path string, fn func(*storage.DB)) {
	t.Helper()
	db, err := storage.Open(path, &storage.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	fn(db)
}

func TestCommandsOnDemoDatabase(t *testing.T) {
	path, _ := demoDB(t)

	t.Run("stats report text", func(t *testing.T) {
		out, _, err := jobstatsCmd(t, "", "--db", path, "stats", "report", "--format", "text")
		if err != nil {
			t.Fatal(err)
		}
		for _, role := range []string{"Backend Engineer", "Backend Developer", "Data Scientist"} {
			if !strings.Contains(out, role) {
				t.Errorf("text report lacks %q:\n%s", role, out)
			}
		}
	})
	t.Run("stats report role json", func(t *testing.T) {
		out, _, err := jobstatsCmd(t, "", "--db", path, "stats", "report", "--role", "backend engineer", "--format", "json")
		if err != nil {
			t.Fatal(err)
		}
		var sum struct {
			SchemaVersion int `json:"schema_version"`
			Roles         []struct {
				Name     string `json:"name"`
				Openings int    `json:"openings"`
			} `json:"roles"`
		}
		if err := json.Unmarshal([]byte(out), &sum); err != nil {
			t.Fatal(err)
		}
		if len(sum.Roles) != 1 || sum.Roles[0].Name != "Backend Engineer" || sum.Roles[0].Openings == 0 || sum.SchemaVersion != 2 {
			t.Errorf("roles = %+v, want Backend Engineer alone", sum.Roles)
		}
	})
	t.Run("unknown role", func(t *testing.T) {
		_, _, err := jobstatsCmd(t, "", "--db", path, "stats", "report", "--role", "Astronaut")
		if err == nil || !strings.Contains(err.Error(), "Astronaut") {
			t.Errorf("err = %v, want one naming the role", err)
		}
	})
	t.Run("export listings csv", func(t *testing.T) {
		file := filepath.Join(t.TempDir(), "listings.csv")
		if _, _, err := jobstatsCmd(t, "", "--db", path, "export", "listings", "--format", "csv", "--out", file); err != nil {
			t.Fatal(err)
		}
		f, err := os.Open(file)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		rows, err := csv.NewReader(f).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 1198 { // header + 1197 listings
			t.Errorf("%d rows, want 1198", len(rows))
		}
		if strings.Join(rows[0][:4], ",") != "id,site,job_url,title" {
			t.Errorf("header = %v", rows[0])
		}
	})
	t.Run("export listings jsonl", func(t *testing.T) {
		out, _, err := jobstatsCmd(t, "", "--db", path, "export", "listings", "--format", "jsonl")
		if err != nil {
			t.Fatal(err)
		}
		if n := strings.Count(out, "\n"); n != 1197 {
			t.Errorf("%d lines, want 1197", n)
		}
	})
	t.Run("export stats csv", func(t *testing.T) {
		out, _, err := jobstatsCmd(t, "", "--db", path, "export", "stats", "--format", "csv")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out, "Backend Developer") {
			t.Errorf("stats csv lacks Backend Developer:\n%s", out)
		}
	})
	t.Run("runs", func(t *testing.T) {
		out, _, err := jobstatsCmd(t, "", "--db", path, "runs")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out, "demo") || !strings.Contains(out, "partial") {
			t.Errorf("runs output:\n%s", out)
		}
	})
	t.Run("bad format", func(t *testing.T) {
		_, _, err := jobstatsCmd(t, "", "--db", path, "stats", "report", "--format", "pdf")
		if err == nil || exitCode(err) != 2 {
			t.Errorf("err = %v, want a usage error", err)
		}
	})
}

func TestNoDatabaseYet(t *testing.T) {
	path := filepath.Join(t.TempDir(), "none.db")
	_, _, err := jobstatsCmd(t, "", "--db", path, "stats", "report")
	if err == nil || !strings.Contains(err.Error(), "jobstats crawl") {
		t.Errorf("err = %v, want advice to crawl first", err)
	}
	if _, statErr := os.Stat(path); statErr == nil {
		t.Error("a read created the database")
	}
}

func TestParseSalaryCommand(t *testing.T) {
	out, _, err := jobstatsCmd(t, "$45/hr\nnot a salary\n", "parse", "salary")
	if err != nil {
		t.Fatal(err)
	}
	want := `{"text":"$45/hr","min":45,"max":45,"currency":"USD","period":"hour","period_inferred":false,"annual_min":93600,"annual_max":93600,"annual_min_report":93600,"annual_max_report":93600}
{"text":"not a salary","min":null,"max":null,"currency":null,"period":null,"period_inferred":null,"annual_min":null,"annual_max":null,"annual_min_report":null,"annual_max_report":null}
`
	if out != want {
		t.Errorf("got:\n%s\nwant:\n%s", out, want)
	}
	out, _, err = jobstatsCmd(t, "", "parse", "salary", "60.000 € - 75.000 € brutto/Jahr")
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if got["currency"] != "EUR" || got["min"] != 60000.0 || got["annual_max"] != 75000.0 {
		t.Errorf("got %v", got)
	}
	if r, ok := got["annual_max_report"].(float64); !ok || r <= 75000 {
		t.Errorf("annual_max_report = %v, want the EUR amount in USD", got["annual_max_report"])
	}
}

func TestParseOtherCommands(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"parse", "degree", "Bachelor's degree or equivalent practical experience"}, `{"text":"Bachelor's degree or equivalent practical experience","degree":"equivalent"}`},
		{[]string{"parse", "title", "Sr. Back-end Engineer (m/w/d)"}, `{"text":"Sr. Back-end Engineer (m/w/d)","role":"Backend Engineer","seniority":"senior"}`},
		{[]string{"parse", "skills", "We use Golang and Postgres on K8s. CKA a plus."}, `{"text":"We use Golang and Postgres on K8s. CKA a plus.","skills":["Go","PostgreSQL","Kubernetes"],"certifications":["Certified Kubernetes Administrator (CKA)"]}`},
		{[]string{"parse", "location", "London, ON"}, `{"text":"London, ON","country":"CA","region":"ON","city":"London","remote":false,"remote_scope":"","workplace":"","countries":["CA"],"market":"CA"}`},
		{[]string{"parse", "employment", "Werkstudent"}, `{"text":"Werkstudent","employment_type":"internship"}`},
	}
	for _, tt := range tests {
		t.Run(tt.args[1], func(t *testing.T) {
			out, _, err := jobstatsCmd(t, "", tt.args...)
			if err != nil {
				t.Fatal(err)
			}
			if strings.TrimSpace(out) != tt.want {
				t.Errorf("got  %s\nwant %s", out, tt.want)
			}
		})
	}
}

// TestParseLocationLines reads one location a line from standard input,
// the unknown one included, as JSON lines with every key present.
func TestParseLocationLines(t *testing.T) {
	out, _, err := jobstatsCmd(t, "Remote (EMEA)\n3 Locations\nMünchen\n", "parse", "location")
	if err != nil {
		t.Fatal(err)
	}
	want := `{"text":"Remote (EMEA)","country":"","region":"","city":"","remote":true,"remote_scope":"EMEA","workplace":"remote","countries":[],"market":"remote:EMEA"}
{"text":"3 Locations","country":"","region":"","city":"","remote":false,"remote_scope":"","workplace":"","countries":[],"market":""}
{"text":"München","country":"DE","region":"BY","city":"Munich","remote":false,"remote_scope":"","workplace":"","countries":["DE"],"market":"DE"}
`
	if out != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
}

func TestBadConfigNamesFileAndLine(t *testing.T) {
	cfg := filepath.Join(t.TempDir(), "bad.yaml")
	os.WriteFile(cfg, []byte("user_agent: x\nsources:\n  - name: a\n    kind: greenhouse\n    bord: gitlab\n"), 0o600)
	_, _, err := jobstatsCmd(t, "", "--config", cfg, "sources")
	if err == nil || !strings.Contains(err.Error(), "bad.yaml:5") || !strings.Contains(err.Error(), "bord") {
		t.Errorf("err = %v, want file:line and the key", err)
	}
}

func TestVersion(t *testing.T) {
	out, _, err := jobstatsCmd(t, "", "version")
	if err != nil || !strings.HasPrefix(out, "jobstats ") {
		t.Errorf("version = %q, %v", out, err)
	}
}

func TestMain(m *testing.M) {
	if os.Getenv("JOBSTATS_TEST_MAIN") == "1" {
		main()
		os.Exit(0)
	}
	code := m.Run()
	if demoDir != "" {
		os.RemoveAll(demoDir)
	}
	os.Exit(code)
}

var _ = context.Background

// TestREADMEDemoExcerpt: the report excerpt on README's first screen is
// what the demo prints, line for line (its "..." stand for lines left
// out), so that it cannot go stale as the report changes.
func TestREADMEDemoExcerpt(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(readme), "```markdown\n")
	excerpt, _, ok2 := strings.Cut(rest, "```\n")
	if !ok || !ok2 {
		t.Fatal("README has no markdown excerpt of the demo")
	}
	_, out := demoDB(t)
	lines := strings.Split(out, "\n")
	at := 0 // the excerpt's lines appear in the output in order
	for _, want := range strings.Split(strings.TrimSpace(excerpt), "\n") {
		if want == "..." || want == "" {
			continue
		}
		i := slices.Index(lines[at:], want)
		if i < 0 {
			t.Errorf("README excerpt line not in the demo's report (after line %d):\n%s", at, want)
			continue
		}
		at += i + 1
	}
}
