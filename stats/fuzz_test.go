package stats_test

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/stats"
)

// FuzzEmploymentOf feeds arbitrary employment labels (sources write what
// they like): the answer is a normalized type or "", and normalizing it
// again changes nothing.
func FuzzEmploymentOf(f *testing.F) {
	for _, s := range []string{"", "FULL_TIME", "Full-time", "CONTRACTOR, INTERN", "part time", "Werkstudent", "\xff,", ",,,"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := stats.EmploymentOf(s)
		if got != "" && !slices.Contains(jobstats.EmploymentTypes, got) {
			t.Fatalf("EmploymentOf(%q) = %q, not a normalized type", s, got)
		}
		if again := stats.EmploymentOf(got); again != got {
			t.Fatalf("EmploymentOf(%q) = %q, but EmploymentOf(%q) = %q", s, got, got, again)
		}
	})
}

var marketKey = regexp.MustCompile(`^([A-Z]{2}|unknown|remote:(worldwide|EU|Europe|EMEA|Americas|North America|LATAM|APAC))$`)

// FuzzParseMarkets feeds arbitrary --country values: an error, or market
// keys of the documented shapes, each once.
func FuzzParseMarkets(f *testing.F) {
	for _, s := range []string{"US", "us", "EU", "remote:eu", "Remote:", "unknown", "", "Ü", "remote:remote:EU", "  apac "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := stats.ParseMarkets(strings.Split(s, ","), nil)
		if err != nil {
			return
		}
		for i, k := range got {
			if !marketKey.MatchString(k) || slices.Contains(got[:i], k) {
				t.Fatalf("ParseMarkets(%q) = %q", s, got)
			}
		}
	})
}
