package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/demo"
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
	err = a.execute(t.Context(), args)
	return out.String(), errb.String(), err
}

// demoDB runs `jobstats demo` into a database in a temporary directory
// and returns its path and the demo's output.
func demoDB(t *testing.T) (path, out string) {
	t.Helper()
	path = filepath.Join(t.TempDir(), "demo.db")
	out, errOut, err := jobstatsCmd(t, "", "--db", path, "demo", "--top", "3")
	if err != nil {
		t.Fatalf("demo: %v\nstderr:\n%s", err, errOut)
	}
	return path, out
}

func TestDemoEndToEnd(t *testing.T) {
	path, out := demoDB(t)
	board := demo.New(demo.Options{})

	// The report: three role pages in the published shape, and the path.
	if n := strings.Count(out, " Average Salaries and Statistics\n\n## Overview\n\n- Job openings: "); n != 3 {
		t.Errorf("demo printed %d role pages, want 3:\n%s", n, out)
	}
	if !strings.Contains(out, "Database: "+path) {
		t.Errorf("demo output does not name the database %s", path)
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
	// extraction, salary (structured or parsed from text), role, degree.
	var salaryWrong, roleWrong, degreeWrong int
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
	}
	if salaryWrong+roleWrong+degreeWrong > 0 {
		t.Errorf("of %d listings: %d salaries, %d roles, %d degrees differ from the board's truth",
			len(want), salaryWrong, roleWrong, degreeWrong)
	}
}

// TestDemoReportFromTruth recomputes the Backend Engineer figures from the
// board's ground truth, independently of the pipeline (midpoint, annualized
// 2080/260/52/12, converted with the default rates), and checks that the
// report shows exactly those numbers.
func TestDemoReportFromTruth(t *testing.T) {
	path, _ := demoDB(t)
	out, _, err := jobstatsCmd(t, "", "--db", path, "stats", "report", "--role", "Backend Engineer", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var sum struct {
		Roles []struct {
			Openings int `json:"openings"`
			Salary   struct {
				Count   int     `json:"count"`
				Average float64 `json:"average"`
				Median  float64 `json:"median"`
			} `json:"salary"`
			Degree struct {
				Stated   int `json:"stated"`
				Required int `json:"required"`
			} `json:"degree"`
		} `json:"roles"`
	}
	if err := json.Unmarshal([]byte(out), &sum); err != nil || len(sum.Roles) != 1 {
		t.Fatalf("%v: %s", err, out)
	}
	got := sum.Roles[0]

	rates := jobstats.DefaultRates().Rates
	perYear := map[string]float64{"HOUR": 2080, "DAY": 260, "WEEK": 52, "MONTH": 12, "YEAR": 1, "": 1}
	var figures []float64
	openings, stated, required := 0, 0, 0
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
		pay := j.Structured
		if pay == nil {
			pay = j.TextPay
		}
		if pay == nil {
			continue
		}
		mid := pay.Max
		if pay.Min > 0 && pay.Max > 0 {
			mid = (pay.Min + pay.Max) / 2
		} else if pay.Min > 0 {
			mid = pay.Min
		}
		usd := mid * perYear[pay.Unit] / rates[pay.Currency]
		if usd < 1000 || usd > 2_000_000 {
			continue
		}
		figures = append(figures, usd)
	}
	slices.Sort(figures)
	var total float64
	for _, f := range figures {
		total += f
	}
	avg := total / float64(len(figures))
	med := figures[len(figures)/2]
	if len(figures)%2 == 0 {
		med = (figures[len(figures)/2-1] + figures[len(figures)/2]) / 2
	}
	if got.Openings != openings || got.Salary.Count != len(figures) ||
		math.Abs(got.Salary.Average-avg) > 0.05 || math.Abs(got.Salary.Median-med) > 0.05 {
		t.Errorf("report: %d openings, %d salaries, average %.2f, median %.2f;\ntruth:  %d openings, %d salaries, average %.2f, median %.2f",
			got.Openings, got.Salary.Count, got.Salary.Average, got.Salary.Median, openings, len(figures), avg, med)
	}
	if got.Degree.Stated != stated || got.Degree.Required != required {
		t.Errorf("degree: %d of %d required, truth %d of %d", got.Degree.Required, got.Degree.Stated, required, stated)
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
			Roles []struct {
				Name     string `json:"name"`
				Openings int    `json:"openings"`
			} `json:"roles"`
		}
		if err := json.Unmarshal([]byte(out), &sum); err != nil {
			t.Fatal(err)
		}
		if len(sum.Roles) != 1 || sum.Roles[0].Name != "Backend Engineer" || sum.Roles[0].Openings == 0 {
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
		if len(rows) != 478 { // header + 477 listings
			t.Errorf("%d rows, want 478", len(rows))
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
		if n := strings.Count(out, "\n"); n != 477 {
			t.Errorf("%d lines, want 477", n)
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
	os.Exit(m.Run())
}

var _ = context.Background
