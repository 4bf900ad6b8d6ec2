package stats_test

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/stats"
)

// at returns a listing of role in a place: country ("" unknown), and for
// remote jobs the scope.
func at(role, country, scope string, s *jobstats.Salary) *jobstats.Listing {
	l := listing(role, s)
	l.Country = country
	if scope != "" {
		l.Workplace, l.RemoteScope = jobstats.WorkplaceRemote, scope
	}
	return l
}

var names = map[string]string{"US": "United States", "GB": "United Kingdom", "DE": "Germany", "IN": "India"}

func marketName(key string) string { return names[key] }

// marketFixture is a role in four markets plus listings of unknown place,
// paid in their own currencies.
func marketFixture() []*jobstats.Listing {
	var ls []*jobstats.Listing
	for i := range 7 {
		ls = append(ls, at("Backend Engineer", "US", "", yearUSD(150000+float64(i)*5000)))
	}
	ls = append(ls, at("Backend Engineer", "", "US", yearUSD(160000))) // remote within the US: the US market
	for i := range 5 {
		ls = append(ls, at("Backend Engineer", "GB", "", pay(70000+float64(i)*2000, 0, "GBP", jobstats.PeriodYear)))
	}
	for i := range 5 {
		ls = append(ls, at("Backend Engineer", "IN", "", pay(2_000_000+float64(i)*100_000, 0, "INR", jobstats.PeriodYear)))
	}
	ls = append(ls,
		at("Backend Engineer", "DE", jobstats.RemoteEU, pay(80000, 0, "EUR", jobstats.PeriodYear)),
		at("Backend Engineer", "", jobstats.RemoteWorldwide, yearUSD(120000)),
		at("Backend Engineer", "", "", pay(1_500_000, 0, "INR", jobstats.PeriodYear)),
		at("Backend Engineer", "", "", yearUSD(200000)),
	)
	return ls
}

var marketRates = jobstats.Rates{Base: "USD", AsOf: "2026-11-02", Rates: map[string]float64{"EUR": 0.8, "GBP": 0.75, "INR": 80}}

func TestMarkets(t *testing.T) {
	s := summarize(stats.Options{Rates: marketRates, MarketName: marketName}, marketFixture()...)
	r := onlyRole(t, s)
	var rows []string
	for _, m := range r.Markets {
		med, loc := "-", "-"
		if m.Median != nil {
			med = fmt.Sprint(*m.Median)
		}
		if m.MedianLocal != nil {
			loc = fmt.Sprintf("%s %v", m.LocalCurrency, *m.MedianLocal)
		}
		rows = append(rows, fmt.Sprintf("%s %q open=%d n=%d median=%s local=%s page=%v", m.Market, m.Name, m.Openings, m.SalaryCount, med, loc, m.HasPage))
	}
	want := []string{
		`US "United States" open=8 n=8 median=162500 local=USD 162500 page=true`,
		`GB "United Kingdom" open=5 n=5 median=98666.67 local=GBP 74000 page=true`,
		`IN "India" open=5 n=5 median=27500 local=INR 2.2e+06 page=true`,
		`unknown "Unknown location" open=2 n=2 median=- local=- page=true`,
		`remote:EU "Remote — EU" open=1 n=1 median=- local=- page=true`,
		`remote:worldwide "Remote — worldwide" open=1 n=1 median=- local=- page=true`,
	}
	if !reflect.DeepEqual(rows, want) {
		t.Errorf("markets:\n%s\nwant\n%s", strings.Join(rows, "\n"), strings.Join(want, "\n"))
	}
	if len(r.Pages) != 6 || r.Pages[0].Market != "US" || r.Pages[3].Market != stats.MarketUnknown {
		t.Fatalf("pages = %s", js(r.Pages))
	}
	// The unknown market is a page of its own and says it mixes currencies.
	u := r.Page(stats.MarketUnknown)
	if u.MarketName != "Unknown location" || u.LocalCurrency != "" || len(u.Currencies) != 2 || u.SalaryLocal != nil {
		t.Errorf("unknown market page = %s", js(u))
	}
	// A market page counts its one market.
	if gb := r.Page("GB"); !reflect.DeepEqual(gb.Markets, []stats.MarketCount{{Market: "GB", Name: "United Kingdom", Openings: 5}}) {
		t.Errorf("GB page markets = %+v", gb.Markets)
	}
	if r.Openings != 22 {
		t.Errorf("role openings = %d, want 22", r.Openings)
	}

	t.Run("min openings", func(t *testing.T) {
		r := onlyRole(t, summarize(stats.Options{Rates: marketRates, MinOpenings: 5}, marketFixture()...))
		var pages []string
		for _, p := range r.Pages {
			pages = append(pages, p.Market)
		}
		if !reflect.DeepEqual(pages, []string{"US", "GB", "IN"}) || len(r.Markets) != 6 || r.Markets[3].HasPage {
			t.Errorf("pages %v, markets %s", pages, js(r.Markets))
		}
	})
	t.Run("pool", func(t *testing.T) {
		s := summarize(stats.Options{Rates: marketRates, Pool: true, MarketName: marketName}, marketFixture()...)
		r := onlyRole(t, s)
		if !s.Pooled || len(r.Pages) != 1 || len(r.Markets) != 6 {
			t.Fatalf("pooled: %v, %d pages, %d markets", s.Pooled, len(r.Pages), len(r.Markets))
		}
		p := r.Pages[0]
		if p.Market != stats.MarketAll || p.MarketName != "All markets" || p.Openings != 22 || p.Salary.Count != 22 || p.LocalCurrency != "" {
			t.Errorf("pooled page = %s", js(p))
		}
		if len(p.Markets) != 6 || p.Markets[0] != (stats.MarketCount{Market: "US", Name: "United States", Openings: 8}) {
			t.Errorf("pooled page markets = %+v", p.Markets)
		}
		wantCur := []stats.Count{{Name: "USD", Count: 10}, {Name: "INR", Count: 6}, {Name: "GBP", Count: 5}, {Name: "EUR", Count: 1}}
		if !reflect.DeepEqual(p.Currencies, wantCur) {
			t.Errorf("pooled currencies = %v, want %v", p.Currencies, wantCur)
		}
	})
}

func TestMarketOfAndNames(t *testing.T) {
	tests := []struct {
		l        *jobstats.Listing
		key, def string
	}{
		{at("x", "US", "", nil), "US", "US"},
		{at("x", "", "", nil), stats.MarketUnknown, "Unknown location"},
		{at("x", "DE", jobstats.RemoteEU, nil), "remote:EU", "Remote — EU"},
		{at("x", "", jobstats.RemoteWorldwide, nil), "remote:worldwide", "Remote — worldwide"},
		{at("x", "", "CA", nil), "CA", "CA"},
	}
	for _, tt := range tests {
		if got := stats.MarketOf(tt.l); got != tt.key {
			t.Errorf("MarketOf(%+v) = %q, want %q", tt.l, got, tt.key)
		}
		if got := stats.DefaultMarketName(tt.key); got != tt.def {
			t.Errorf("DefaultMarketName(%q) = %q, want %q", tt.key, got, tt.def)
		}
	}
	// A market name function that knows nothing falls back.
	s := summarize(stats.Options{MarketName: func(string) string { return "" }}, at("x", "US", "", nil))
	if p := onlyPage(t, s); p.MarketName != "US" {
		t.Errorf("fallback name = %q", p.MarketName)
	}
}

func TestParseMarkets(t *testing.T) {
	expand := func(s string) ([]string, bool) {
		switch strings.ToLower(s) {
		case "us", "usa", "united states":
			return []string{"US"}, true
		case "de", "germany":
			return []string{"DE"}, true
		case "eu":
			return []string{"AT", "DE", "FR"}, true
		case "worldwide":
			return []string{"US", "DE"}, true // must not be used
		}
		return nil, false
	}
	tests := []struct {
		name   string
		in     []string
		expand func(string) ([]string, bool)
		want   []string
		err    string
	}{
		{"codes", []string{"US", "de"}, expand, []string{"US", "DE"}, ""},
		{"names, once each", []string{"United States", "USA", "Germany"}, expand, []string{"US", "DE"}, ""},
		{"group and its remote market", []string{"EU"}, expand, []string{"AT", "DE", "FR", "remote:EU"}, ""},
		{"worldwide is the remote market alone", []string{"worldwide"}, expand, []string{"remote:worldwide"}, ""},
		{"remote key", []string{"remote:eu", "REMOTE:Worldwide"}, expand, []string{"remote:EU", "remote:worldwide"}, ""},
		{"unknown", []string{"Unknown", "US"}, expand, []string{"unknown", "US"}, ""},
		{"no expand: codes only", []string{"gb"}, nil, []string{"GB"}, ""},
		{"no expand: group remote market", []string{"APAC"}, nil, []string{"remote:APAC"}, ""},
		{"no expand: EU is a group, not a code", []string{"eu"}, nil, []string{"remote:EU"}, ""},
		{"no expand: two letters, not ASCII", []string{"Ü"}, nil, nil, `unknown country or region "Ü"`},
		{"no expand: names fail", []string{"Germany"}, nil, nil, `unknown country or region "Germany"`},
		{"unknown name", []string{"Atlantis"}, expand, nil, `unknown country or region "Atlantis"`},
		{"bad remote scope", []string{"remote:mars"}, expand, nil, `unknown remote market "remote:mars"`},
		{"empty", []string{" "}, expand, nil, "empty country"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := stats.ParseMarkets(tt.in, tt.expand)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Errorf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil || !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ParseMarkets(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
			}
		})
	}
}

// TestMedianRisesWithLevelFlag checks that a page flags a level whose
// median is below a lower level's, only when both rest on enough salaries.
func TestMedianRisesWithLevelFlag(t *testing.T) {
	mk := func(level jobstats.Seniority, n int, v float64) []*jobstats.Listing {
		ls := repeat(n, "SRE", v)
		for _, l := range ls {
			l.Seniority, l.Country = level, "US"
		}
		return ls
	}
	var ls []*jobstats.Listing
	ls = append(ls, mk(jobstats.SeniorityJunior, 5, 90000)...)
	ls = append(ls, mk(jobstats.SeniorityMid, 6, 110000)...)
	ls = append(ls, mk(jobstats.SenioritySenior, 5, 80000)...) // below junior and mid
	ls = append(ls, mk(jobstats.SeniorityLead, 4, 50000)...)   // below, but n=4: no median, no flag
	ls = append(ls, mk(jobstats.SeniorityPrincipal, 5, 200000)...)
	p := onlyPage(t, summarize(stats.Options{}, ls...))
	want := []stats.Inversion{{Level: "senior", Median: 80000, Lower: "mid", LowerMedian: 110000}}
	if !reflect.DeepEqual(p.Inversions, want) {
		t.Errorf("inversions = %+v, want %+v", p.Inversions, want)
	}
	for _, l := range p.BySeniority {
		if wantBelow := map[string]string{"senior": "mid"}[l.Level]; l.BelowLevel != wantBelow {
			t.Errorf("%s: below %q, want %q", l.Level, l.BelowLevel, wantBelow)
		}
	}
	ok := onlyPage(t, summarize(stats.Options{}, append(mk(jobstats.SeniorityJunior, 5, 90000), mk(jobstats.SenioritySenior, 5, 140000)...)...))
	if len(ok.Inversions) != 0 || ok.Inversions == nil {
		t.Errorf("rising medians flagged: %+v", ok.Inversions)
	}
}

func TestOverviewMixes(t *testing.T) {
	mk := func(w jobstats.Workplace, emp, city, region, loc string) *jobstats.Listing {
		l := at("Data Engineer", "US", "", nil)
		l.Workplace, l.EmploymentType, l.City, l.Region, l.Location = w, emp, city, region, loc
		return l
	}
	p := onlyPage(t, summarize(stats.Options{},
		mk(jobstats.WorkplaceRemote, "FULL_TIME", "", "", "Remote - US"),
		mk(jobstats.WorkplaceRemote, "full_time", "", "", "Remote - US"),
		mk(jobstats.WorkplaceHybrid, "Part-time", "Austin", "TX", "Austin, Texas"),
		mk(jobstats.WorkplaceOnsite, "CONTRACTOR", "Austin", "TX", "Austin TX"),
		mk("", "", "New York", "NY", "NYC"),
		mk("", "Werkstudent", "", "", ""),
	))
	if w := p.Workplace; w.Remote != 2 || w.Hybrid != 1 || w.Onsite != 1 || w.Unknown != 2 || w.RemoteShare == nil || *w.RemoteShare != 2.0/6 {
		t.Errorf("workplace = %s", js(w))
	}
	wantEmp := []stats.Count{{"full_time", 2}, {"unknown", 2}, {"contract", 1}, {"part_time", 1}}
	if !reflect.DeepEqual(p.Employment, wantEmp) {
		t.Errorf("employment = %v, want %v", p.Employment, wantEmp)
	}
	wantLoc := []stats.Count{{"Austin, TX", 2}, {"Remote - US", 2}, {"New York, NY", 1}}
	if !reflect.DeepEqual(p.Locations, wantLoc) {
		t.Errorf("locations = %v, want %v", p.Locations, wantLoc)
	}
}
