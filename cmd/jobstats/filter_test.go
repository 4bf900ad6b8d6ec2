package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/config"
	"github.com/jobstats/jobstats/storage"
)

// marketsDB writes a database of listings whose place, employment type and
// other understood fields are set directly (as the location understanding
// will set them), and returns its path and the test's clock.
//
// Backend Engineers: 6 in the US (Acme, source a, two remote within the
// US, one contractor), 5 in the UK paid in GBP (Globex, source b, one
// posted long ago), 2 remote EU, 1 of unknown place.
func marketsDB(t *testing.T) (string, *clock) {
	t.Helper()
	day := time.Date(2026, 11, 10, 12, 0, 0, 0, time.UTC)
	var ls []jobstats.Listing
	add := func(src, country, scope, company string, level jobstats.Seniority, emp string, pay float64, cur string, skills ...string) *jobstats.Listing {
		id := fmt.Sprint(len(ls) + 1)
		l := jobstats.Listing{ID: src + ":" + id, Source: src, SourceID: id, URL: "https://x.example/" + id,
			Title: "Backend Engineer", Role: "Backend Engineer", Company: company, Country: country,
			Workplace: jobstats.WorkplaceOnsite, EmploymentType: emp, Seniority: level, Skills: skills,
			Degree: jobstats.DegreeRequired, PostedAt: day.AddDate(0, 0, -3), Description: "Job number " + id + " building things well"}
		if scope != "" {
			l.Workplace, l.RemoteScope = jobstats.WorkplaceRemote, scope
		}
		if pay > 0 {
			l.Salary = &jobstats.Salary{Min: jobstats.AmountOf(pay), Max: jobstats.AmountOf(pay * 1.1), Currency: cur, Period: jobstats.PeriodYear, From: jobstats.SalaryFromField}
		}
		ls = append(ls, l)
		return &ls[len(ls)-1]
	}
	for i := range 4 {
		add("a", "US", "", "Acme", jobstats.SenioritySenior, jobstats.EmploymentFullTime, 150000+float64(i)*10000, "USD", "Go")
	}
	add("a", "", "US", "Acme", jobstats.SeniorityMid, jobstats.EmploymentFullTime, 130000, "USD", "Go", "Rust")
	c := add("a", "US", "", "Acme", jobstats.SenioritySenior, jobstats.EmploymentContract, 0, "", "Go")
	c.Salary = &jobstats.Salary{Min: jobstats.AmountOf(90), Max: jobstats.AmountOf(110), Currency: "USD", Period: jobstats.PeriodHour, From: jobstats.SalaryFromField}
	for i := range 5 {
		l := add("b", "GB", "", "Globex", jobstats.SeniorityMid, jobstats.EmploymentFullTime, 60000+float64(i)*5000, "GBP", "Python")
		if i == 0 {
			l.PostedAt = day.AddDate(0, -3, 0)
		}
	}
	add("b", "DE", jobstats.RemoteEU, "Initech", jobstats.SeniorityMid, jobstats.EmploymentFullTime, 70000, "EUR", "Go")
	add("b", "", jobstats.RemoteEU, "Initech", jobstats.SeniorityJunior, jobstats.EmploymentFullTime, 50000, "EUR", "Python")
	add("a", "", "", "Hooli", jobstats.SeniorityMid, "", 100000, "USD", "Go")

	path := filepath.Join(t.TempDir(), "markets.db")
	db, err := storage.Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.PutListings(t.Context(), ls, day); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	return path, &clock{t: day.Add(time.Hour)}
}

// runAt runs the CLI on db with the clock and, when cfg is not "", a config
// file holding cfg.
func runAt(t *testing.T, db string, c *clock, cfg string, args ...string) (string, error) {
	t.Helper()
	pre := []string{"--db", db}
	if cfg != "" {
		path := filepath.Join(t.TempDir(), "jobstats.yaml")
		if err := os.WriteFile(path, []byte(cfg), 0o600); err != nil {
			t.Fatal(err)
		}
		pre = append(pre, "--config", path)
	}
	var out, errb bytes.Buffer
	a := &app{stdin: strings.NewReader(""), stdout: &out, stderr: &errb,
		getenv: func(k string) string {
			if k == "XDG_CONFIG_HOME" {
				return t.TempDir()
			}
			return ""
		}, now: c.now}
	err := a.execute(t.Context(), append(pre, args...))
	return out.String(), err
}

// markets returns the markets a command's output names, by format.
func markets(t *testing.T, what, out string) []string {
	t.Helper()
	var got []string
	add := func(m string) {
		if !slices.Contains(got, m) {
			got = append(got, m)
		}
	}
	switch what {
	case "report json", "export json":
		var sum struct {
			Roles []struct {
				Markets []struct{ Market string } `json:"markets"`
			} `json:"roles"`
		}
		if err := json.Unmarshal([]byte(out), &sum); err != nil {
			t.Fatalf("%v: %s", err, out)
		}
		for _, r := range sum.Roles {
			for _, m := range r.Markets {
				add(m.Market)
			}
		}
	case "report markdown":
		for _, m := range titleRe.FindAllStringSubmatch(out, -1) {
			add(m[2])
		}
	case "report text":
		for _, m := range textTitleRe.FindAllStringSubmatch(out, -1) {
			add(m[1])
		}
	case "export csv", "listings csv", "history csv":
		rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		col := slices.Index(rows[0], "market")
		for _, r := range rows[1:] {
			add(r[col])
		}
	case "listings json", "listings jsonl":
		for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
			line = strings.Trim(line, "[],")
			if line == "" {
				continue
			}
			var l struct{ Market string }
			if err := json.Unmarshal([]byte(line), &l); err != nil {
				t.Fatalf("%v: %q", err, line)
			}
			add(l.Market)
		}
	default:
		t.Fatalf("no reader for %s", what)
	}
	slices.Sort(got)
	return got
}

// textTitleRe matches a page title of the text report, underlined.
var textTitleRe = regexp.MustCompile(`(?m)^.+ Average Salaries and Statistics — (.+)\n=+$`)

// TestFiltersEveryFormat runs each filter through every command and
// output format, and checks which markets come out.
func TestFiltersEveryFormat(t *testing.T) {
	db, c := marketsDB(t)
	commands := []struct {
		what string
		args []string
		// names: markdown and text name markets by display name, and
		// show only markets with a page.
		names bool
	}{
		{"report json", []string{"stats", "report", "--format", "json"}, false},
		{"report markdown", []string{"stats", "report", "--min-openings", "1"}, true},
		{"report text", []string{"stats", "report", "--format", "text", "--min-openings", "1"}, true},
		{"export json", []string{"export", "stats", "--format", "json"}, false},
		{"export csv", []string{"export", "stats", "--format", "csv"}, false},
		{"listings csv", []string{"export", "listings", "--format", "csv"}, false},
		{"listings json", []string{"export", "listings", "--format", "json"}, false},
		{"listings jsonl", []string{"export", "listings", "--format", "jsonl"}, false},
	}
	name := map[string]string{"US": "United States", "GB": "United Kingdom", "remote:EU": "Remote — EU", "unknown": "Unknown location"}
	filters := []struct {
		name  string
		flags []string
		want  []string
	}{
		{"none", nil, []string{"GB", "US", "remote:EU", "unknown"}},
		{"country code", []string{"--country", "US"}, []string{"US"}},
		{"country name, repeated", []string{"--country", "United Kingdom", "--country", "us"}, []string{"GB", "US"}},
		{"group: members and its remote market", []string{"--country", "EU"}, []string{"remote:EU"}},
		{"unknown place", []string{"--country", "unknown"}, []string{"unknown"}},
		{"remote", []string{"--remote"}, []string{"US", "remote:EU"}},
		{"onsite", []string{"--onsite"}, []string{"GB", "US", "unknown"}},
		{"company", []string{"--company", "globex"}, []string{"GB"}},
		{"source", []string{"--source", "b"}, []string{"GB", "remote:EU"}},
		{"seniority", []string{"--seniority", "junior"}, []string{"remote:EU"}},
		{"skill", []string{"--skill", "rust"}, []string{"US"}},
		{"skill by another name", []string{"--skill", "golang", "--skill", "Rust"}, []string{"US", "remote:EU", "unknown"}},
		{"posted since", []string{"--posted-since", "2026-11-01", "--company", "Globex"}, []string{"GB"}},
		{"posted since, span", []string{"--posted-since", "30d", "--country", "GB"}, []string{"GB"}},
	}
	for _, cmd := range commands {
		for _, f := range filters {
			t.Run(cmd.what+"/"+f.name, func(t *testing.T) {
				out, err := runAt(t, db, c, "", append(slices.Clone(cmd.args), f.flags...)...)
				if err != nil {
					t.Fatalf("%v\n%s", err, out)
				}
				want := f.want
				if cmd.names {
					want = nil
					for _, m := range f.want {
						want = append(want, name[m])
					}
					slices.Sort(want)
				}
				if got := markets(t, cmd.what, out); !slices.Equal(got, want) {
					t.Errorf("markets %q, want %q\n%s", got, want, out)
				}
			})
		}
	}
	// The filter that keeps one of the UK's five listings drops the rest.
	out, err := runAt(t, db, c, "", "export", "listings", "--format", "jsonl", "--posted-since", "2026-11-01", "--country", "GB")
	if err != nil || strings.Count(out, "\n") != 4 {
		t.Errorf("posted since: %v, %d listings\n%s", err, strings.Count(out, "\n"), out)
	}
}

// TestFilterDefaultsFromConfig checks that the config's report section
// filters every command, and that a flag replaces or clears it.
func TestFilterDefaultsFromConfig(t *testing.T) {
	db, c := marketsDB(t)
	cfg := "report:\n  countries: [GB, remote:EU]\n  workplace: onsite\n  min_openings: 1\n"
	tests := []struct {
		args []string
		want []string
	}{
		{[]string{"stats", "report", "--format", "json"}, []string{"GB"}},
		{[]string{"stats", "report", "--format", "json", "--country", "US"}, []string{"US"}},
		{[]string{"stats", "report", "--format", "json", "--country", "all"}, []string{"GB", "US", "unknown"}},
		{[]string{"stats", "report", "--format", "json", "--country", "all", "--remote=false"}, []string{"GB", "US", "remote:EU", "unknown"}},
		{[]string{"stats", "report", "--format", "json", "--remote"}, []string{"remote:EU"}},
		{[]string{"export", "listings", "--format", "csv"}, []string{"GB"}},
		{[]string{"export", "stats", "--format", "csv"}, []string{"GB"}},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			out, err := runAt(t, db, c, cfg, tt.args...)
			if err != nil {
				t.Fatalf("%v\n%s", err, out)
			}
			what := map[string]string{"report": "report json", "listings": "listings csv", "stats": "export csv"}[tt.args[1]]
			if got := markets(t, what, out); !slices.Equal(got, tt.want) {
				t.Errorf("markets %q, want %q", got, tt.want)
			}
		})
	}
	// min_openings shapes the printed report: the UK's five listings get a
	// page at 5, none at 6.
	for n, page := range map[string]bool{"5": true, "6": false} {
		out, err := runAt(t, db, c, "report:\n  min_openings: "+n+"\n", "stats", "report", "--country", "GB")
		if err != nil || strings.Contains(out, "Statistics — United Kingdom") != page {
			t.Errorf("min_openings %s: %v\n%s", n, err, out)
		}
	}
	out, err := runAt(t, db, c, "report:\n  pool: true\n", "stats", "report")
	if err != nil || !strings.Contains(out, "Statistics — All markets") || !strings.Contains(out, "This page pools 4 markets") {
		t.Errorf("pool from config: %v\n%s", err, out)
	}
}

func TestFilterErrors(t *testing.T) {
	db, c := marketsDB(t)
	tests := []struct {
		cfg  string
		args []string
		want string
		code int
	}{
		{"", []string{"stats", "report", "--country", "Atlantis"}, `--country: unknown country or region "Atlantis"`, 2},
		{"", []string{"export", "listings", "--remote", "--onsite"}, "--remote and --onsite exclude each other", 2},
		{"", []string{"export", "stats", "--seniority", "staff"}, `unknown level "staff"`, 2},
		{"", []string{"stats", "report", "--posted-since", "yesterday"}, `--posted-since "yesterday"`, 2},
		{"", []string{"export", "listings", "--skill", "frobnication"}, `--skill "frobnication": not a skill jobstats recognises`, 2},
		{"report:\n  skills: [Go, frobnication]\n", []string{"stats", "report"}, `config report.skills: "frobnication": not a skill jobstats recognises`, 1},
		{"", []string{"stats", "report", "--min-openings", "0"}, "--min-openings 0", 2},
		{"", []string{"stats", "history", "--country", "US"}, "--role is required", 2},
		{"report:\n  countries: [US, Narnia]\n", []string{"stats", "report"}, `jobstats.yaml:2: report.countries[1]: "Narnia" is not a market`, 1},
		{"report:\n  countries: [ZZ]\n", []string{"stats", "report"}, `config report.countries: unknown country or region "ZZ"`, 1},
		{"", []string{"stats", "report", "--role", "Backend Engineer", "--country", "IN"}, `no open listings for role "Backend Engineer" with filter markets India`, 1},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			_, err := runAt(t, db, c, tt.cfg, tt.args...)
			if err == nil || !strings.Contains(err.Error(), tt.want) || exitCode(err) != tt.code {
				t.Errorf("err = %v (exit %d), want %q (exit %d)", err, exitCode(err), tt.want, tt.code)
			}
		})
	}
}

// TestHistoryByMarket stores snapshots after two runs and reads them back
// per market, pooled, and recomputed for a filter snapshots cannot answer.
func TestHistoryByMarket(t *testing.T) {
	db, c := marketsDB(t)
	a := &app{stdin: strings.NewReader(""), stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{},
		getenv: func(string) string { return "" }, now: c.now, dbPath: db}
	a.cfg, a.loaded = config.Default(), true
	first := c.now()
	if err := a.takeSnapshot(t.Context(), first); err != nil {
		t.Fatal(err)
	}
	c.set(first.Add(24 * time.Hour))
	if err := a.takeSnapshot(t.Context(), c.now()); err != nil {
		t.Fatal(err)
	}

	out, err := runAt(t, db, c, "", "stats", "history", "--role", "backend engineer", "--format", "csv")
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := csv.NewReader(strings.NewReader(out)).ReadAll()
	// Four markets, two points each; the US first (most openings).
	if len(rows) != 9 || rows[1][9] != "US" || rows[1][2] != "6" || rows[1][4] != "168000" || rows[1][13] != "snapshot" {
		t.Errorf("history:\n%s", out)
	}
	if got := markets(t, "history csv", out); !slices.Equal(got, []string{"GB", "US", "remote:EU", "unknown"}) {
		t.Errorf("history markets %q", got)
	}

	out, err = runAt(t, db, c, "", "stats", "history", "--role", "Backend Engineer", "--country", "GB", "--format", "csv")
	if got := markets(t, "history csv", out); err != nil || !slices.Equal(got, []string{"GB"}) || !strings.Contains(out, "£") && !strings.Contains(out, "GBP") {
		t.Errorf("history --country GB: %v %q\n%s", err, got, out)
	}

	out, err = runAt(t, db, c, "", "stats", "history", "--role", "Backend Engineer", "--pool")
	if err != nil || !strings.Contains(out, "Backend Engineer — All markets") || strings.Count(out, "\n") != 4 {
		t.Errorf("history --pool: %v\n%s", err, out)
	}

	// A company is not in the snapshots: the points are recomputed from
	// the listings open at each snapshot's time.
	out, err = runAt(t, db, c, "", "stats", "history", "--role", "Backend Engineer", "--company", "Acme")
	if err != nil || !strings.HasPrefix(out, "Recomputed from the stored listings") || !strings.Contains(out, "Backend Engineer — United States") ||
		strings.Contains(out, "United Kingdom") {
		t.Errorf("history --company: %v\n%s", err, out)
	}
	out, err = runAt(t, db, c, "", "stats", "history", "--role", "Backend Engineer", "--company", "Acme", "--format", "json")
	if err != nil {
		t.Fatalf("history --company json: %v\n%s", err, out)
	}
	var hist []historyRow
	if err := json.Unmarshal([]byte(out), &hist); err != nil || len(hist) != 2 || hist[0].Basis != "recomputed" || hist[0].Openings != 6 {
		t.Errorf("history --company json: %v %+v\n%s", err, hist, out)
	}

	// Nothing matches: the error says which filter, not that the
	// snapshots are old ones without markets (they are not).
	for _, args := range [][]string{
		{"--company", "Nobody Inc"},
		{"--country", "IN"},
	} {
		_, err = runAt(t, db, c, "", append([]string{"stats", "history", "--role", "Backend Engineer"}, args...)...)
		if err == nil || !strings.Contains(err.Error(), `no history for role "Backend Engineer" with filter`) ||
			strings.Contains(err.Error(), "before markets were kept") {
			t.Errorf("history %v: err %v, want it to name the filter", args, err)
		}
	}
}
