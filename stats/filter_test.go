package stats_test

import (
	"strings"
	"testing"
	"time"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/stats"
)

func TestFilter(t *testing.T) {
	oct1 := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)
	base := func() *jobstats.Listing {
		return &jobstats.Listing{
			Source: "greenhouse", Sources: []string{"greenhouse", "lever"}, Role: "Backend Engineer",
			Company: " Acme  GmbH ", Country: "DE", Workplace: jobstats.WorkplaceHybrid,
			Seniority: jobstats.SenioritySenior, Skills: []string{"Go", "Kubernetes"},
			PostedAt: oct1.AddDate(0, 0, 3), FirstSeen: oct1.AddDate(0, 0, 5),
		}
	}
	remote := base()
	remote.Workplace, remote.RemoteScope = jobstats.WorkplaceRemote, jobstats.RemoteEU
	unposted := base()
	unposted.PostedAt = time.Time{}
	tests := []struct {
		name string
		f    stats.Filter
		l    *jobstats.Listing
		want bool
	}{
		{"zero keeps all", stats.Filter{}, base(), true},
		{"role, any case", stats.Filter{Role: "backend engineer "}, base(), true},
		{"other role", stats.Filter{Role: "Frontend Engineer"}, base(), false},
		{"market", stats.Filter{Markets: []string{"US", "DE"}}, base(), true},
		{"other market", stats.Filter{Markets: []string{"US"}}, base(), false},
		{"remote EU is its own market", stats.Filter{Markets: []string{"DE"}}, remote, false},
		{"remote EU market", stats.Filter{Markets: []string{"remote:EU"}}, remote, true},
		{"unknown market", stats.Filter{Markets: []string{stats.MarketUnknown}}, &jobstats.Listing{}, true},
		{"remote only", stats.Filter{Workplace: stats.WorkplaceRemote}, remote, true},
		{"remote only drops hybrid", stats.Filter{Workplace: stats.WorkplaceRemote}, base(), false},
		{"onsite keeps hybrid", stats.Filter{Workplace: stats.WorkplaceOnsite}, base(), true},
		{"onsite keeps unstated", stats.Filter{Workplace: stats.WorkplaceOnsite}, &jobstats.Listing{}, true},
		{"onsite drops remote", stats.Filter{Workplace: stats.WorkplaceOnsite}, remote, false},
		{"company, spaces and case", stats.Filter{Companies: []string{"Globex", "acme gmbh"}}, base(), true},
		{"other company", stats.Filter{Companies: []string{"Acme"}}, base(), false},
		{"own source", stats.Filter{Sources: []string{"greenhouse"}}, base(), true},
		{"cross-posted source", stats.Filter{Sources: []string{"lever"}}, base(), true},
		{"other source", stats.Filter{Sources: []string{"ashby"}}, base(), false},
		{"level", stats.Filter{Seniorities: []jobstats.Seniority{jobstats.SeniorityMid, jobstats.SenioritySenior}}, base(), true},
		{"other level", stats.Filter{Seniorities: []jobstats.Seniority{jobstats.SeniorityJunior}}, base(), false},
		{"any skill", stats.Filter{Skills: []string{"rust", "kubernetes"}}, base(), true},
		{"no skill", stats.Filter{Skills: []string{"Rust"}}, base(), false},
		{"posted since, on the day", stats.Filter{PostedSince: oct1.AddDate(0, 0, 3)}, base(), true},
		{"posted before", stats.Filter{PostedSince: oct1.AddDate(0, 0, 4)}, base(), false},
		{"no posting date: first seen", stats.Filter{PostedSince: oct1.AddDate(0, 0, 4)}, unposted, true},
		{"all must hold", stats.Filter{Markets: []string{"DE"}, Skills: []string{"Go"}, Companies: []string{"Initech"}}, base(), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.f.Match(tt.l); got != tt.want {
				t.Errorf("Match = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestFilterValidateAndDescribe(t *testing.T) {
	if err := (&stats.Filter{Workplace: "moon"}).Validate(); err == nil || !strings.Contains(err.Error(), "moon") {
		t.Errorf("bad workplace: %v", err)
	}
	if err := (&stats.Filter{Seniorities: []jobstats.Seniority{"wizard"}}).Validate(); err == nil || !strings.Contains(err.Error(), "wizard") {
		t.Errorf("bad level: %v", err)
	}
	f := stats.Filter{Role: "SRE", Markets: []string{"US", "remote:EU"}, Workplace: stats.WorkplaceRemote,
		Companies: []string{"Acme"}, Sources: []string{"hn"}, Seniorities: []jobstats.Seniority{"senior"}, Skills: []string{"Go"},
		PostedSince: time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)}
	if err := f.Validate(); err != nil {
		t.Fatal(err)
	}
	want := "role SRE; markets United States, Remote — EU; fully remote jobs only; companies Acme; sources hn; levels senior; skills Go; posted since 2026-10-01"
	if got := f.Describe(func(k string) string {
		if k == "US" {
			return "United States"
		}
		return stats.DefaultMarketName(k)
	}); got != want {
		t.Errorf("Describe =\n%s\nwant\n%s", got, want)
	}
	if (&stats.Filter{}).Describe(nil) != "" || !(&stats.Filter{}).IsZero() || f.IsZero() {
		t.Error("zero filter")
	}
}

// TestFilterInSummary checks that the aggregator considers only what the
// filter keeps, and that the summary says which filter it applied.
func TestFilterInSummary(t *testing.T) {
	ls := marketFixture()
	s := summarize(stats.Options{Rates: marketRates, Filter: stats.Filter{Markets: []string{"GB", "remote:EU"}}}, ls...)
	r := onlyRole(t, s)
	if s.Listings != 6 || r.Openings != 6 || len(r.Markets) != 2 || s.Filter.Markets[0] != "GB" || s.FilterText != "markets GB, Remote — EU" {
		t.Errorf("filtered summary: %d listings, role %s, filter %q", s.Listings, js(r.Markets), s.FilterText)
	}
}
