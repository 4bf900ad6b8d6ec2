package stats_test

import (
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
	"unsafe"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/stats"
)

var (
	day0  = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	clock = func() time.Time { return time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC) }
)

// pay returns a structured salary of whole units.
func pay(min, max float64, cur string, p jobstats.Period) *jobstats.Salary {
	return &jobstats.Salary{Min: jobstats.AmountOf(min), Max: jobstats.AmountOf(max), Currency: cur, Period: p, From: jobstats.SalaryFromField}
}

func yearUSD(v float64) *jobstats.Salary { return pay(v, v, "USD", jobstats.PeriodYear) }

func listing(role string, s *jobstats.Salary) *jobstats.Listing {
	return &jobstats.Listing{Role: role, Title: role, Salary: s, FirstSeen: day0, LastSeen: day0}
}

func summarize(opts stats.Options, ls ...*jobstats.Listing) stats.Summary {
	if opts.Now == nil {
		opts.Now = clock
	}
	a := stats.New(opts)
	for _, l := range ls {
		a.Add(l)
	}
	return a.Summary()
}

func onlyRole(t *testing.T, s stats.Summary) stats.Role {
	t.Helper()
	if len(s.Roles) != 1 {
		t.Fatalf("got %d roles, want 1: %+v", len(s.Roles), s.Roles)
	}
	return s.Roles[0]
}

// onlyPage returns the one page of the one role of s.
func onlyPage(t *testing.T, s stats.Summary) stats.Page {
	t.Helper()
	r := onlyRole(t, s)
	if len(r.Pages) != 1 {
		t.Fatalf("got %d pages, want 1: %s", len(r.Pages), js(r.Pages))
	}
	return r.Pages[0]
}

// repeat returns n listings of role paid v a year in USD.
func repeat(n int, role string, v float64) []*jobstats.Listing {
	out := make([]*jobstats.Listing, n)
	for i := range out {
		out[i] = listing(role, yearUSD(v))
	}
	return out
}

func TestPercentile(t *testing.T) {
	tests := []struct {
		name   string
		sorted []float64
		p      float64
		want   float64
	}{
		{"single", []float64{5}, 0.5, 5},
		{"odd median", []float64{10, 20, 30}, 0.5, 20},
		{"even median is mean of middle two", []float64{1, 2, 3, 4}, 0.5, 2.5},
		{"p25 interpolates", []float64{1, 2, 3, 4}, 0.25, 1.75},
		{"p75 interpolates", []float64{1, 2, 3, 4}, 0.75, 3.25},
		{"p25 of three", []float64{10, 20, 30}, 0.25, 15},
		{"p0 is min", []float64{10, 20, 30}, 0, 10},
		{"p1 is max", []float64{10, 20, 30}, 1, 30},
		{"p clamped", []float64{10, 20, 30}, 2, 30},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := stats.Percentile(tt.sorted, tt.p); math.Abs(got-tt.want) > 1e-9 {
				t.Errorf("Percentile(%v, %v) = %v, want %v", tt.sorted, tt.p, got, tt.want)
			}
		})
	}
	t.Run("empty is NaN", func(t *testing.T) {
		if got := stats.Percentile(nil, 0.5); !math.IsNaN(got) {
			t.Errorf("Percentile(nil) = %v, want NaN", got)
		}
	})
}

func TestEmpty(t *testing.T) {
	s := summarize(stats.Options{})
	if s.Listings != 0 || s.Open != 0 || len(s.Roles) != 0 || s.Roles == nil {
		t.Errorf("empty summary = %+v, want zero counts and an empty (non-nil) role list", s)
	}
	if s.LastUpdated != nil || s.AsOf != nil {
		t.Errorf("empty summary has times: %+v", s)
	}

	p := onlyPage(t, summarize(stats.Options{}, listing("QA Engineer", nil), listing("QA Engineer", nil)))
	if p.Salary.Count != 0 || p.Salary.Median != nil || p.Salary.Average != nil {
		t.Errorf("salary without data = %+v, want count 0 and no figures", p.Salary)
	}
	if p.Degree.RequiredShare != nil || p.Degree.EquivalentShare != nil || p.Degree.Stated != 0 || p.Degree.Unknown != 2 {
		t.Errorf("degree without statements = %+v, want nil shares, 2 unknown", p.Degree)
	}
	if len(p.BySeniority) != 1 || p.BySeniority[0].Level != "unknown" || p.BySeniority[0].Salary.Count != 0 {
		t.Errorf("by seniority = %+v, want one unknown level without salary", p.BySeniority)
	}
	if p.Contract != nil || p.Internship != nil || p.SalaryLocal != nil || p.LocalCurrency != "" {
		t.Errorf("page without pay has pay sections: %s", js(p))
	}
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"NaN", `"median":0`, `"companies":null`, `"skills":null`, `"certifications":null`,
		`"currencies":null`, `"markets":null`, `"employment":null`, `"locations":null`, `"seniority_inversions":null`} {
		if strings.Contains(string(b), bad) {
			t.Errorf("JSON of empty page contains %s: %s", bad, b)
		}
	}
}

func TestExclusions(t *testing.T) {
	ls := []*jobstats.Listing{
		listing("Data Engineer", yearUSD(100000)),                                    // counts
		listing("Data Engineer", nil),                                                // no_salary
		listing("Data Engineer", &jobstats.Salary{Currency: "USD", Period: "year"}),  // no_salary: no bound
		listing("Data Engineer", pay(100000, 120000, "USD", jobstats.PeriodUnknown)), // unknown_period
		listing("Data Engineer", pay(100000, 120000, "XYZ", jobstats.PeriodYear)),    // unknown_currency
		listing("Data Engineer", pay(100000, 120000, "", jobstats.PeriodYear)),       // unknown_currency
		listing("Data Engineer", yearUSD(500)),                                       // implausible: low
		listing("Data Engineer", yearUSD(5_000_000)),                                 // implausible: high
		listing("Data Engineer", pay(150000, 100000, "USD", jobstats.PeriodYear)),    // implausible: min > max
		listing("Data Engineer", pay(20000, 3_000_000, "USD", jobstats.PeriodYear)),  // implausible: one bound out
	}
	contract := listing("Data Engineer", pay(500, 600, "USD", jobstats.PeriodDay))
	contract.EmploymentType = jobstats.EmploymentContract
	intern := listing("Data Engineer", pay(20, 0, "USD", jobstats.PeriodHour))
	intern.EmploymentType = "INTERN"
	ls = append(ls, contract, intern)
	r := onlyPage(t, summarize(stats.Options{}, ls...))
	want := stats.Excluded{NoSalary: 2, UnknownPeriod: 1, UnknownCurrency: 2, Implausible: 4, Contract: 1, Internship: 1}
	if r.Excluded != want {
		t.Errorf("excluded = %+v, want %+v", r.Excluded, want)
	}
	if r.Salary.Count != 1 || r.Salary.Count+r.Excluded.Total() != r.Openings {
		t.Errorf("salary = %+v with %d openings, want count 1 and count+excluded = openings", r.Salary, r.Openings)
	}
	for _, reason := range stats.Exclusions {
		if r.Excluded.Count(reason) == 0 {
			t.Errorf("reason %s not counted", reason)
		}
	}
}

func TestAnnual(t *testing.T) {
	rates := jobstats.Rates{Base: "USD", AsOf: "2026-01-01", Rates: map[string]float64{"EUR": 0.8, "GBP": 0.5, "INR": 80}}
	tests := []struct {
		name     string
		opts     stats.Options
		salary   *jobstats.Salary
		min, max float64
		reason   stats.Exclusion
	}{
		{"year", stats.Options{}, pay(100000, 120000, "USD", jobstats.PeriodYear), 100000, 120000, ""},
		{"hour", stats.Options{}, pay(50, 60, "USD", jobstats.PeriodHour), 104000, 124800, ""},
		{"day", stats.Options{}, pay(400, 0, "USD", jobstats.PeriodDay), 104000, 0, ""},
		{"week", stats.Options{}, pay(0, 2000, "USD", jobstats.PeriodWeek), 0, 104000, ""},
		{"month", stats.Options{}, pay(8000, 9000, "USD", jobstats.PeriodMonth), 96000, 108000, ""},
		{"custom hours", stats.Options{Annualization: jobstats.Annualization{Hours: 2000, Days: 250, Weeks: 50, Months: 13}},
			pay(50, 0, "USD", jobstats.PeriodHour), 100000, 0, ""},
		{"custom months", stats.Options{Annualization: jobstats.Annualization{Hours: 2000, Days: 250, Weeks: 50, Months: 13}},
			pay(1000, 0, "USD", jobstats.PeriodMonth), 13000, 0, ""},
		{"EUR to USD", stats.Options{Rates: rates}, pay(80000, 96000, "EUR", jobstats.PeriodYear), 100000, 120000, ""},
		{"GBP to EUR", stats.Options{Rates: rates, Currency: "EUR"}, pay(50000, 0, "GBP", jobstats.PeriodYear), 80000, 0, ""},
		{"lower-case code", stats.Options{Rates: rates}, pay(80000, 0, "eur", jobstats.PeriodYear), 100000, 0, ""},
		{"INR monthly", stats.Options{Rates: rates}, pay(400000, 0, "INR", jobstats.PeriodMonth), 60000, 0, ""},
		{"no rate", stats.Options{Rates: rates}, pay(1000, 0, "CHF", jobstats.PeriodYear), 0, 0, stats.UnknownCurrency},
		{"no salary", stats.Options{}, nil, 0, 0, stats.NoSalary},
		{"no period", stats.Options{}, pay(1000, 0, "USD", ""), 0, 0, stats.UnknownPeriod},
		{"implausible keeps figures", stats.Options{}, pay(10, 0, "USD", jobstats.PeriodYear), 10, 0, stats.Implausible},
		// The band is in USD: 1,800,000 EUR is 2,250,000 USD at 0.8.
		{"band in USD", stats.Options{Rates: rates, Currency: "EUR"}, pay(1_800_000, 0, "EUR", jobstats.PeriodYear), 1_800_000, 0, stats.Implausible},
		{"band in USD, inside", stats.Options{Rates: rates, Currency: "EUR"}, pay(1_500_000, 0, "EUR", jobstats.PeriodYear), 1_500_000, 0, ""},
		{"custom band", stats.Options{Plausible: [2]float64{50000, 90000}}, pay(100000, 0, "USD", jobstats.PeriodYear), 100000, 0, stats.Implausible},
		// Without a USD rate the band applies in the report currency.
		{"no USD rate", stats.Options{Currency: "EUR", Rates: jobstats.Rates{Base: "EUR", Rates: map[string]float64{"GBP": 0.9}}},
			pay(1_900_000, 0, "EUR", jobstats.PeriodYear), 1_900_000, 0, ""},
		{"no USD rate, out", stats.Options{Currency: "EUR", Rates: jobstats.Rates{Base: "EUR", Rates: map[string]float64{"GBP": 0.9}}},
			pay(2_100_000, 0, "EUR", jobstats.PeriodYear), 2_100_000, 0, stats.Implausible},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := listing("X", tt.salary)
			min, max, why := stats.Annual(l, tt.opts)
			if math.Abs(min-tt.min) > 1e-6 || math.Abs(max-tt.max) > 1e-6 || why != tt.reason {
				t.Errorf("Annual = %v, %v, %q; want %v, %v, %q", min, max, why, tt.min, tt.max, tt.reason)
			}
		})
	}
}

func TestConversionInSummary(t *testing.T) {
	rates := jobstats.Rates{Base: "USD", AsOf: "2026-01-01", Rates: map[string]float64{"EUR": 0.8}}
	s := summarize(stats.Options{Rates: rates, Currency: "eur"},
		listing("Go Developer", pay(100000, 0, "USD", jobstats.PeriodYear)),    // 80,000 EUR
		listing("Go Developer", pay(60000, 80000, "EUR", jobstats.PeriodYear)), // mid 70,000
		listing("Go Developer", pay(5000, 0, "EUR", jobstats.PeriodMonth)),     // 60,000
		listing("Go Developer", pay(6250, 0, "USD", jobstats.PeriodMonth)),     // 60,000
		listing("Go Developer", pay(75000, 0, "EUR", jobstats.PeriodYear)),     // 75,000
		listing("Go Developer", pay(5000, 0, "SEK", jobstats.PeriodMonth)),     // no rate
		listing("Go Developer", pay(5000, 0, "EUR", "")),                       // no period
	)
	if s.Currency != "EUR" || s.RatesDate != "2026-01-01" || s.RatesBase != "USD" {
		t.Errorf("currency, rates = %s, %s %s", s.Currency, s.RatesBase, s.RatesDate)
	}
	r := onlyPage(t, s)
	if r.Salary.Count != 5 || *r.Salary.Median != 70000 || *r.Salary.Average != 69000 || r.Excluded.UnknownCurrency != 1 {
		t.Errorf("salary = %s excluded %+v, want 5, median 70,000, average 69,000 and 1 unknown currency", js(r.Salary), r.Excluded)
	}
	// Four of seven stated amounts are in EUR (those without a rate or a
	// period count as stated): EUR is the page's currency, and the figures
	// in it are those in the report currency.
	if r.LocalCurrency != "EUR" || r.SalaryLocal == nil || *r.SalaryLocal.Median != 70000 {
		t.Errorf("local currency %q, local salary %s", r.LocalCurrency, js(r.SalaryLocal))
	}
	wantCur := []stats.Count{{Name: "EUR", Count: 4}, {Name: "USD", Count: 2}, {Name: "SEK", Count: 1}}
	if !reflect.DeepEqual(r.Currencies, wantCur) {
		t.Errorf("currencies = %v, want %v", r.Currencies, wantCur)
	}
}

func TestAsOf(t *testing.T) {
	jan10 := time.Date(2026, 1, 10, 0, 0, 0, 0, time.UTC)
	feb1 := time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)
	closed := &jobstats.Listing{Role: "SRE", FirstSeen: jan10, LastSeen: feb1.Add(-time.Hour), ClosedAt: feb1}
	open := &jobstats.Listing{Role: "SRE", FirstSeen: jan10, LastSeen: feb1.Add(48 * time.Hour)}
	tests := []struct {
		name     string
		asOf     time.Time
		wantOpen int
		updated  time.Time
	}{
		{"now: closed is not open", time.Time{}, 1, feb1.Add(48 * time.Hour)},
		{"before first seen", time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC), 0, time.Time{}},
		{"while both open", time.Date(2026, 1, 20, 0, 0, 0, 0, time.UTC), 2, time.Date(2026, 1, 20, 0, 0, 0, 0, time.UTC)},
		{"at close time", feb1, 1, feb1},
		{"after close", feb1.Add(24 * time.Hour), 1, feb1.Add(24 * time.Hour)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := summarize(stats.Options{AsOf: tt.asOf}, closed, open)
			if s.Listings != 2 || s.Open != tt.wantOpen {
				t.Errorf("listings, open = %d, %d; want 2, %d", s.Listings, s.Open, tt.wantOpen)
			}
			if tt.wantOpen > 0 && (s.Roles[0].Openings != tt.wantOpen || s.Roles[0].Pages[0].Openings != tt.wantOpen) {
				t.Errorf("role openings = %d, want %d", s.Roles[0].Openings, tt.wantOpen)
			}
			if tt.wantOpen == 0 && len(s.Roles) != 0 {
				t.Errorf("roles without openings listed: %+v", s.Roles)
			}
			if !tt.asOf.IsZero() && (s.AsOf == nil || !s.AsOf.Equal(tt.asOf)) {
				t.Errorf("as of = %v, want %v", s.AsOf, tt.asOf)
			}
			// LastUpdated is capped at AsOf, and unknown before anything
			// was seen.
			if tt.updated.IsZero() && s.LastUpdated != nil {
				t.Errorf("last updated = %v, want nil", s.LastUpdated)
			}
			if !tt.updated.IsZero() && (s.LastUpdated == nil || !s.LastUpdated.Equal(tt.updated)) {
				t.Errorf("last updated = %v, want %v", s.LastUpdated, tt.updated)
			}
		})
	}
}

func TestDegree(t *testing.T) {
	mk := func(d jobstats.Degree) *jobstats.Listing {
		l := listing("Data Scientist", nil)
		l.Degree = d
		return l
	}
	r := onlyPage(t, summarize(stats.Options{},
		mk(jobstats.DegreeRequired), mk(jobstats.DegreeRequired), mk(jobstats.DegreeRequired),
		mk(jobstats.DegreeEquivalent), mk(jobstats.DegreePreferred), mk(jobstats.DegreeNotRequired),
		mk(jobstats.DegreeUnknown), mk(jobstats.DegreeUnknown),
	))
	d := r.Degree
	if d.Stated != 6 || d.Required != 3 || d.Equivalent != 1 || d.Preferred != 1 || d.NotRequired != 1 || d.Unknown != 2 {
		t.Errorf("degree counts = %+v", d)
	}
	if d.RequiredShare == nil || *d.RequiredShare != 0.5 || d.EquivalentShare == nil || math.Abs(*d.EquivalentShare-1.0/6) > 1e-12 {
		t.Errorf("shares = %v, %v; want 0.5, 1/6", d.RequiredShare, d.EquivalentShare)
	}
}

func TestRoles(t *testing.T) {
	mk := func(role, title string) *jobstats.Listing {
		return &jobstats.Listing{Role: role, Title: title}
	}
	s := summarize(stats.Options{},
		mk("", "  Backend   Engineer "),
		mk("Backend Engineer", "Sr. Backend Engineer (m/f/d)"),
		mk("backend engineer", "whatever"),
		mk("Backend Developer", "Backend Dev"),
		mk("", "Frontend\tDeveloper"),
		mk("", "Frontend Developer"),
		mk("", ""),
		mk("Äpfel Picker", ""),
		mk("", "Äpfel  Picker"),
	)
	var got []string
	for _, r := range s.Roles {
		got = append(got, fmt.Sprintf("%s=%d", r.Name, r.Openings))
	}
	want := []string{"Backend Engineer=3", "Frontend Developer=2", "Äpfel Picker=2", "Backend Developer=1", "Untitled=1"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("roles = %v, want %v", got, want)
	}

	t.Run("filter is case-insensitive", func(t *testing.T) {
		s := summarize(stats.Options{Filter: stats.Filter{Role: "BACKEND ENGINEER"}},
			mk("", "Backend Engineer"), mk("Backend Developer", ""), mk("Backend Engineer", "x"))
		if s.Listings != 2 || s.Open != 2 || len(s.Roles) != 1 || s.Roles[0].Openings != 2 || s.Role != "BACKEND ENGINEER" {
			t.Errorf("filtered summary = %+v", s)
		}
	})
}

func TestBySeniority(t *testing.T) {
	mk := func(level jobstats.Seniority, v float64, years int) *jobstats.Listing {
		l := listing("Backend Engineer", nil)
		if v > 0 {
			l.Salary = yearUSD(v)
		}
		l.Seniority, l.ExperienceYears = level, years
		return l
	}
	var ls []*jobstats.Listing
	for i := range 6 {
		ls = append(ls, mk(jobstats.SenioritySenior, 150000+float64(i)*4000, 5+i%3))
	}
	ls = append(ls, mk(jobstats.SenioritySenior, 0, 0),
		mk(jobstats.SeniorityJunior, 70000, 1),
		mk("", 90000, 0),
		mk("wizard", 0, 0),
		mk(jobstats.SeniorityPrincipal, 0, 12))
	r := onlyPage(t, summarize(stats.Options{}, ls...))
	var got []string
	for _, l := range r.BySeniority {
		med := "-"
		if l.Salary.Median != nil {
			med = fmt.Sprint(*l.Salary.Median)
		}
		years := "-"
		if l.Experience.Median != nil {
			years = fmt.Sprint(*l.Experience.Median)
		}
		got = append(got, fmt.Sprintf("%s open=%d n=%d median=%s years=%s/%d", l.Level, l.Openings, l.Salary.Count, med, years, l.Experience.Count))
	}
	want := []string{
		"junior open=1 n=1 median=- years=-/1",
		"senior open=7 n=6 median=160000 years=6/6",
		"principal open=1 n=0 median=- years=-/1",
		"wizard open=1 n=0 median=- years=-/0",
		"unknown open=1 n=1 median=- years=-/0",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("by seniority:\n got %q\nwant %q", got, want)
	}
}

func js(v any) string { b, _ := json.Marshal(v); return string(b) }

func TestSkillsCompaniesCertifications(t *testing.T) {
	mk := func(company string, skills []string, certs ...string) *jobstats.Listing {
		l := listing("Cloud Engineer", nil)
		l.Company, l.Skills, l.Certifications = company, skills, certs
		return l
	}
	var ls []*jobstats.Listing
	ls = append(ls,
		mk("Acme", []string{"Go", "Kubernetes", "AWS"}, "CKA"),
		mk("Acme", []string{"Go", "AWS"}, "CKA", "AWS Certified Solutions Architect"),
		mk("Globex", []string{"Go", "Terraform"}),
		mk(" Globex ", []string{"Python"}),
		mk("", []string{"Go", ""}),
	)
	for i := range 11 {
		ls = append(ls, mk(fmt.Sprintf("Co%02d", i), nil))
	}
	r := onlyPage(t, summarize(stats.Options{TopSkills: 3}, ls...))
	wantSkills := []stats.Skill{{"Go", 4, 4.0 / 16}, {"AWS", 2, 2.0 / 16}, {"Kubernetes", 1, 1.0 / 16}}
	if !reflect.DeepEqual(r.Skills, wantSkills) {
		t.Errorf("skills = %+v, want %+v", r.Skills, wantSkills)
	}
	if len(r.Companies) != stats.TopCompanies || r.Companies[0] != (stats.Company{"Acme", 2}) ||
		r.Companies[1] != (stats.Company{"Globex", 2}) || r.Companies[2] != (stats.Company{"Co00", 1}) {
		t.Errorf("companies = %+v", r.Companies)
	}
	wantCerts := []stats.Certification{{"CKA", 2}, {"AWS Certified Solutions Architect", 1}}
	if !reflect.DeepEqual(r.Certifications, wantCerts) {
		t.Errorf("certifications = %+v, want %+v", r.Certifications, wantCerts)
	}
}

// TestAddDoesNotRetain feeds one reused Listing whose strings live in one
// reused buffer, as a decoder over database pages might, and checks that
// overwriting the buffer after each Add changes nothing.
func TestAddDoesNotRetain(t *testing.T) {
	var bufs [][]byte
	str := func(s string) string {
		b := []byte(s)
		bufs = append(bufs, b)
		return unsafe.String(&b[0], len(b))
	}
	scribble := func() {
		for _, b := range bufs {
			for i := range b {
				b[i] = 'Z'
			}
		}
		bufs = bufs[:0]
	}
	a := stats.New(stats.Options{Now: clock})
	var l jobstats.Listing
	for _, name := range []string{"Backend Engineer", "Data Analyst", "Backend Engineer"} {
		l = jobstats.Listing{
			Role:           str(name),
			Company:        str("Acme"),
			Skills:         []string{str("Rust")},
			Certifications: []string{str("CKA")},
			Seniority:      jobstats.Seniority(str("senior")),
			Salary:         pay(100000, 0, str("USD"), jobstats.PeriodYear),
			Country:        str("GB"),
			City:           str("Leeds"),
			Region:         str("ENG"),
			EmploymentType: str("full_time"),
		}
		a.Add(&l)
		scribble()
	}
	s := a.Summary()
	p := s.Roles[0].Pages[0]
	got := fmt.Sprintln(s.Roles[0].Name, s.Roles[0].Openings, s.Roles[1].Name, s.Roles[1].Openings,
		p.Companies, p.Skills[0].Name, p.Certifications, p.BySeniority[0].Level, p.Salary.Count, p.Market, p.Currencies, p.Locations)
	if want := "Backend Engineer 2 Data Analyst 1 [{Acme 2}] Rust [{CKA 2}] senior 2 GB [{USD 2}] [{Leeds, ENG 2}]\n"; got != want {
		t.Errorf("summary after reuse = %q, want %q", got, want)
	}
}

func TestCompareWith(t *testing.T) {
	month := 30 * 24 * time.Hour
	now := clock()
	mk := func(role, country string, v float64, first time.Time) *jobstats.Listing {
		l := listing(role, yearUSD(v))
		l.Country = country
		l.FirstSeen, l.LastSeen = first, now
		return l
	}
	old := now.Add(-2 * month)
	var ls []*jobstats.Listing
	for i := range 5 {
		ls = append(ls, mk("Backend Engineer", "US", 100000+float64(i)*10000, old))
	}
	ls = append(ls,
		mk("Backend Engineer", "US", 200000, now.Add(-time.Hour)),
		mk("Backend Engineer", "GB", 90000, old),
		mk("Backend Engineer", "GB", 95000, now.Add(-time.Hour)),
		mk("QA Engineer", "US", 80000, now.Add(-time.Hour)),
	)
	cur := summarize(stats.Options{}, ls...)
	prev := summarize(stats.Options{AsOf: now.Add(-month)}, ls...)
	cur.CompareWith(&prev)
	be, qa := cur.Roles[0], cur.Roles[1]
	us, gb := be.Page("US"), be.Page("GB")
	// US: 5 then 6 openings, median 120,000 then 125,000.
	if us.OpeningsChange == nil || *us.OpeningsChange != 1 || us.MedianChange == nil || *us.MedianChange != 5000 ||
		us.ChangeSince == nil || !us.ChangeSince.Equal(now.Add(-month)) {
		t.Errorf("backend US change = %s", js(us))
	}
	// GB: the markets are compared apart; too few salaries for a median.
	if gb.OpeningsChange == nil || *gb.OpeningsChange != 1 || gb.MedianChange != nil {
		t.Errorf("backend GB change = %s", js(gb))
	}
	if q := qa.Pages[0]; q.OpeningsChange == nil || *q.OpeningsChange != 1 || q.MedianChange != nil {
		t.Errorf("qa change = %s", js(q))
	}

	// A market too small for a page then is compared through its row.
	prevMin := summarize(stats.Options{AsOf: now.Add(-month), MinOpenings: 6}, ls...)
	cur = summarize(stats.Options{}, ls...)
	cur.CompareWith(&prevMin)
	if us := cur.Roles[0].Page("US"); us.OpeningsChange == nil || *us.OpeningsChange != 1 || us.MedianChange == nil || *us.MedianChange != 5000 {
		t.Errorf("change against a market without a page = %s", js(us))
	}

	fresh := summarize(stats.Options{}, ls...)
	empty := summarize(stats.Options{AsOf: old.Add(-month)})
	fresh.CompareWith(&empty)
	fresh.CompareWith(nil)
	if p := fresh.Roles[0].Pages[0]; p.OpeningsChange != nil || p.ChangeSince != nil {
		t.Errorf("change against no data = %s", js(p))
	}
}

// TestSummaryJSONKeys checks that every documented key is present, so that
// the schema in doc.go and the code agree.
func TestSummaryJSONKeys(t *testing.T) {
	l := listing("Backend Engineer", yearUSD(100000))
	l.Degree = jobstats.DegreeRequired
	b, err := json.Marshal(summarize(stats.Options{}, l))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	has := func(what string, obj map[string]any, keys ...string) {
		t.Helper()
		for _, k := range keys {
			if _, ok := obj[k]; !ok {
				t.Errorf("%s JSON lacks %q: %s", what, k, b)
			}
		}
	}
	has("summary", m, "schema_version", "generated_at", "as_of", "last_updated", "currency", "rates_base", "rates_date",
		"annualization", "plausible_usd", "filter", "pooled", "min_openings", "listings", "open", "duplicates", "roles")
	role := m["roles"].([]any)[0].(map[string]any)
	has("role", role, "name", "openings", "markets", "pages")
	has("market", role["markets"].([]any)[0].(map[string]any), "market", "name", "openings", "salary_count", "median",
		"local_currency", "median_local", "has_page")
	page := role["pages"].([]any)[0].(map[string]any)
	has("page", page, "role", "market", "market_name", "openings", "local_currency", "currencies", "markets", "salary",
		"salary_local", "excluded", "contract", "internship", "degree", "workplace", "employment", "locations",
		"by_seniority", "seniority_inversions", "companies", "skills", "certifications", "last_updated", "change_since",
		"openings_change", "median_change")
	has("salary", page["salary"].(map[string]any), "count", "average", "median", "median_ci", "p10", "p25", "p75", "p90", "min", "max")
	has("excluded", page["excluded"].(map[string]any), "no_salary", "unknown_period", "unknown_currency", "implausible", "contract", "internship")
	has("workplace", page["workplace"].(map[string]any), "remote", "hybrid", "onsite", "unknown", "remote_share")
	has("level", page["by_seniority"].([]any)[0].(map[string]any), "level", "openings", "salary", "experience_years")
}

func ExampleAggregator() {
	a := stats.New(stats.Options{Currency: "USD"})
	for _, v := range []float64{96250, 105000, 125000, 98000, 120000} {
		a.Add(&jobstats.Listing{Role: "Backend Engineer", Country: "US", Degree: jobstats.DegreeRequired,
			Salary: &jobstats.Salary{Min: jobstats.AmountOf(v), Currency: "USD", Period: jobstats.PeriodYear}})
	}
	a.Add(&jobstats.Listing{Title: "Backend Engineer", Country: "US", Degree: jobstats.DegreePreferred})
	a.Add(&jobstats.Listing{Title: "Backend Engineer", Country: "GB", Degree: jobstats.DegreePreferred})
	r := a.Summary().Roles[0]
	p := r.Page("US")
	fmt.Println(r.Name, r.Openings, len(r.Markets), p.Openings, *p.Salary.Median, *p.Salary.Average, *p.Degree.RequiredShare, p.Excluded.NoSalary)
	fmt.Printf("95%% CI %.0f-%.0f (%.4f)\n", p.Salary.MedianCI.Low, p.Salary.MedianCI.High, p.Salary.MedianCI.Level)
	// Output:
	// Backend Engineer 7 2 6 105000 108850 0.8333333333333334 1
	// 95% CI 96250-125000 (0.9375)
}

func TestCrossPostsCountOnce(t *testing.T) {
	mk := func(id, source string, fp, sim uint64) jobstats.Listing {
		return jobstats.Listing{ID: id, Source: source, Role: "Backend Engineer", Company: "Acme",
			Fingerprint: fp, Simhash: sim, Degree: jobstats.DegreeRequired}
	}
	ls := []jobstats.Listing{
		mk("a:1", "a", 7, 0xF0F0),
		mk("b:9", "b", 7, 0xF0F1),          // the same job on another source: 1 bit apart
		mk("a:2", "a", 7, ^uint64(0xF0F0)), // same company, role, place; another job
		mk("a:3", "a", 0, 0),               // no fingerprint: always counted
		mk("a:4", "a", 0, 0),
	}
	agg := stats.New(stats.Options{})
	for i := range ls {
		agg.Add(&ls[i])
	}
	sum := agg.Summary()
	if sum.Open != 4 || sum.Duplicates != 1 {
		t.Errorf("open %d, duplicates %d; want 4 and 1", sum.Open, sum.Duplicates)
	}
	if len(sum.Roles) != 1 || sum.Roles[0].Openings != 4 || sum.Roles[0].Pages[0].Degree.Required != 4 {
		t.Errorf("roles = %+v", sum.Roles)
	}
}

func TestJobsSources(t *testing.T) {
	ls := []jobstats.Listing{
		{Source: "a", Fingerprint: 7, Simhash: 0xF0F0},
		{Source: "b", Fingerprint: 7, Simhash: 0xF0F1},
		{Source: "c", Fingerprint: 7, Simhash: ^uint64(0xF0F0)},
		{Source: "d"},
	}
	jobs := stats.NewJobs()
	for i := range ls {
		jobs.Add(&ls[i])
	}
	want := [][]string{{"a", "b"}, {"b", "a"}, {"c"}, {"d"}}
	for i := range ls {
		if got := jobs.Sources(&ls[i]); !slices.Equal(got, want[i]) {
			t.Errorf("Sources(%s) = %v, want %v", ls[i].Source, got, want[i])
		}
	}
}
