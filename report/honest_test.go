package report_test

import (
	"bytes"
	"encoding/csv"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/jobstats/jobstats/report"
	"github.com/jobstats/jobstats/stats"
)

// pages splits a Markdown report into its pages, keyed by title.
func pages(md string) map[string]string {
	out := map[string]string{}
	for _, p := range strings.Split(md, "\n---\n") {
		p = strings.TrimSpace(p)
		title, _, _ := strings.Cut(p, "\n")
		out[strings.TrimPrefix(title, "# ")] = p
	}
	return out
}

var fromN = regexp.MustCompile(`from (\d+) salaries`)

// TestReadsHonestly reads the report as a skeptical reader would: every
// page names its market, says when it mixes currencies or pools markets,
// keeps contract and internship pay out of the salaries, gives no median
// for fewer than five salaries, flags a level paid below a lower one, and
// says what a share is a share of.
func TestReadsHonestly(t *testing.T) {
	for _, pool := range []bool{false, true} {
		o := summaryOpts()
		o.Pool = pool
		a := stats.New(o)
		for _, l := range append(fixture(), marketFixture()...) {
			a.Add(l)
		}
		s := a.Summary()
		var buf bytes.Buffer
		if err := report.Markdown(&buf, s); err != nil {
			t.Fatal(err)
		}
		md := buf.String()
		byTitle := pages(md)
		for _, bad := range []string{"of employers", "NaN", "$0 ", "100% of employers"} {
			if strings.Contains(md, bad) {
				t.Errorf("pool=%v: report says %q", pool, bad)
			}
		}
		for _, r := range s.Roles {
			for _, p := range r.Pages {
				title := r.Name + " Average Salaries and Statistics — " + p.MarketName
				page, ok := byTitle[report.MdTextForTest(title)]
				if !ok {
					t.Errorf("pool=%v: no page titled %q", pool, title)
					continue
				}
				if len(p.Currencies) > 1 && !strings.Contains(page, "Pay is stated in "+strconv.Itoa(len(p.Currencies))+" currencies") {
					t.Errorf("%s: mixes %v without saying so", title, p.Currencies)
				}
				if len(p.Markets) > 1 && !strings.Contains(page, "This page pools "+strconv.Itoa(len(p.Markets))+" markets") {
					t.Errorf("%s: pools %d markets without saying so", title, len(p.Markets))
				}
				if p.Excluded.Contract > 0 && !strings.Contains(page, "## Contract Rates") {
					t.Errorf("%s: %d contract openings but no contract section", title, p.Excluded.Contract)
				}
				if p.Excluded.Internship > 0 && !strings.Contains(page, "## Internships") {
					t.Errorf("%s: %d internships but no internship section", title, p.Excluded.Internship)
				}
				for _, m := range fromN.FindAllStringSubmatch(page, -1) {
					if n, _ := strconv.Atoi(m[1]); n < stats.MinMedian {
						t.Errorf("%s: a median from %d salaries", title, n)
					}
				}
				if p.Salary.Count < stats.MinMedian && !strings.Contains(page, "Median Salary: too few to say (n=") && !strings.Contains(page, "Median Salary: n/a") {
					t.Errorf("%s: %d salaries, but the median is not withheld", title, p.Salary.Count)
				}
				if (len(p.Inversions) > 0) != strings.Contains(page, "(!) The ") {
					t.Errorf("%s: inversions %v, flagged on the page: %v", title, p.Inversions, !(len(p.Inversions) > 0))
				}
			}
		}
		if pool {
			if !strings.Contains(md, "— All markets") || strings.Contains(md, "— United States\n") {
				t.Errorf("pooled report has market pages:\n%s", md)
			}
		}
	}
}

// TestSeniorityFlagInEveryFormat checks that the India SRE inversion is
// visible in JSON, CSV and text, not only on the Markdown page.
func TestSeniorityFlagInEveryFormat(t *testing.T) {
	s := fixtureSummary()
	var js, csvb, txt bytes.Buffer
	if err := report.JSON(&js, s); err != nil {
		t.Fatal(err)
	}
	if err := report.StatsCSV(&csvb, s); err != nil {
		t.Fatal(err)
	}
	if err := report.Text(&txt, s); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(js.String(), `"below_level": "junior"`) || !strings.Contains(js.String(), `"lower_level": "junior"`) {
		t.Error("JSON does not flag the senior median below the junior one")
	}
	rows, err := csv.NewReader(&csvb).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	flagged := false
	for _, r := range rows[1:] {
		if len(r) != len(report.StatsColumns) {
			t.Fatalf("row of %d cells, want %d: %v", len(r), len(report.StatsColumns), r)
		}
		if r[0] == "Site Reliability Engineer" && r[1] == "senior" && r[len(r)-len(report.StatsColumns)+indexOf(report.StatsColumns, "below_level")] == "junior" {
			flagged = true
		}
	}
	if !flagged {
		t.Error("stats CSV does not flag the senior median below the junior one")
	}
	if !strings.Contains(txt.String(), "(!) The Senior median") {
		t.Error("text does not flag the senior median below the junior one")
	}
}

func indexOf(list []string, s string) int {
	for i, v := range list {
		if v == s {
			return i
		}
	}
	return -1
}
