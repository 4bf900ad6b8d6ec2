package web_test

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/stats"
	"github.com/jobstats/jobstats/web"
)

// now is the clock of every test here.
var now = time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)

func clock() time.Time { return now }

// Hostile strings, as a hostile board could publish them: markup that
// would run script or load a beacon if it were not escaped, quotes that
// would end an attribute, and a JSON-LD breaker.
const (
	hostileRole    = `Backend <script>document.title="pwned"</script> Engineer`
	hostileCompany = `"><img src="http://127.0.0.2:9/beacon" onerror="document.title='pwned'">Evil & Co`
	hostileTitle   = `</script><script>document.title='pwned'</script><b>Senior</b> Engineer`
	hostileURL     = `javascript:document.title='pwned'`
	hostileSkill   = `<svg onload="document.title='pwned'">`
	hostileCity    = `"'><iframe src="http://127.0.0.2:9/beacon"></iframe>`
)

// fixture returns the listings of the tests: several roles and markets,
// every pay type, the levels, and a hostile role whose strings try to
// break out of every context a page has.
func fixture() []jobstats.Listing {
	var out []jobstats.Listing
	n := 0
	add := func(l jobstats.Listing) {
		n++
		l.ID = fmt.Sprintf("test:%d", n)
		l.Source = "test"
		if l.URL == "" {
			l.URL = fmt.Sprintf("https://jobs.example.com/%d", n)
		}
		if l.Title == "" {
			l.Title = string(l.Seniority) + " " + l.Role
		}
		l.FirstSeen = now.AddDate(0, 0, -40+n%30)
		l.LastSeen = now.Add(-time.Hour)
		l.PostedAt = l.FirstSeen
		out = append(out, l)
	}
	levels := []jobstats.Seniority{jobstats.SeniorityJunior, jobstats.SeniorityMid, jobstats.SenioritySenior, jobstats.SeniorityLead}
	base := map[jobstats.Seniority]float64{jobstats.SeniorityJunior: 70000, jobstats.SeniorityMid: 100000,
		jobstats.SenioritySenior: 140000, jobstats.SeniorityLead: 170000}
	markets := []struct {
		country, scope, cur, city, region string
		k                                 float64
		count                             int
	}{
		{"US", "", "USD", "Austin", "TX", 1, 40},
		{"GB", "", "GBP", "London", "", 0.62, 16},
		{"", jobstats.RemoteEU, "EUR", "", "", 0.7, 9},
		{"", "", "USD", "", "", 1, 3},
	}
	companies := []string{"Acme Cloud", "Northwind", "Globex", "Initech", "Umbrella"}
	skills := [][]string{{"Go", "PostgreSQL"}, {"Python", "AWS"}, {"Go", "Kubernetes", "AWS"}, {"Java"}}
	degrees := []jobstats.Degree{jobstats.DegreeRequired, jobstats.DegreeEquivalent, jobstats.DegreeUnknown, jobstats.DegreeNotRequired, jobstats.DegreePreferred}
	for _, role := range []string{"Backend Engineer", "Data Scientist"} {
		for mi, m := range markets {
			count := m.count
			if role == "Data Scientist" {
				count = count / 2
			}
			for i := 0; i < count; i++ {
				lv := levels[i%len(levels)]
				pay := base[lv] * m.k * (0.9 + 0.05*float64(i%5))
				l := jobstats.Listing{Role: role, Seniority: lv, Company: companies[(i+mi)%len(companies)],
					Country: m.country, City: m.city, Region: m.region, Location: strings.TrimSpace(m.city + " " + m.country),
					Skills: skills[i%len(skills)], Degree: degrees[i%len(degrees)], EmploymentType: jobstats.EmploymentFullTime,
					Workplace: jobstats.WorkplaceOnsite, ExperienceYears: 1 + i%6}
				if m.scope != "" {
					l.Workplace, l.RemoteScope, l.Location = jobstats.WorkplaceRemote, m.scope, "Remote - EU"
				}
				if i%4 == 1 && m.scope == "" {
					l.Workplace = jobstats.WorkplaceHybrid
				}
				if i%7 != 6 {
					l.Salary = &jobstats.Salary{Min: jobstats.AmountOf(pay * 0.9), Max: jobstats.AmountOf(pay * 1.1), Currency: m.cur, Period: jobstats.PeriodYear}
				}
				if i%9 == 4 {
					l.Certifications = []string{"AWS Certified Developer"}
				}
				add(l)
			}
			if m.count >= 16 {
				// A contractor on a day rate, and an intern.
				add(jobstats.Listing{Role: role, Seniority: jobstats.SenioritySenior, Company: "Contract Co", Country: m.country,
					EmploymentType: jobstats.EmploymentContract,
					Salary:         &jobstats.Salary{Min: jobstats.AmountOf(600 * m.k), Max: jobstats.AmountOf(700 * m.k), Currency: m.cur, Period: jobstats.PeriodDay}})
				add(jobstats.Listing{Role: role, Seniority: jobstats.SeniorityIntern, Company: "Acme Cloud", Country: m.country,
					EmploymentType: jobstats.EmploymentInternship,
					Salary:         &jobstats.Salary{Min: jobstats.AmountOf(25 * m.k), Currency: m.cur, Period: jobstats.PeriodHour}})
			}
		}
	}
	for i := 0; i < 6; i++ {
		add(jobstats.Listing{Role: hostileRole, Title: hostileTitle, Company: hostileCompany, URL: hostileURL, Country: "US",
			City: hostileCity, Seniority: levels[i%len(levels)], Skills: []string{hostileSkill, "Go"}, Certifications: []string{hostileSkill},
			Salary: &jobstats.Salary{Min: jobstats.AmountOf(90000 + 5000*float64(i)), Currency: "USD", Period: jobstats.PeriodYear}})
	}
	return out
}

// memData is a web.Summarizer and web.Archive over listings in memory,
// computing what the CLI computes from its database.
type memData struct {
	listings []jobstats.Listing
	history  map[string][]web.Point // by lower-case role
	calls    int
}

func newMemData() *memData {
	d := &memData{listings: fixture(), history: map[string][]web.Point{}}
	// Three snapshots of Backend Engineer in the US, one in GB.
	for i, n := range []int{30, 36, 41} {
		med := 100000.0 + 2500*float64(i)
		d.history["backend engineer"] = append(d.history["backend engineer"],
			web.Point{At: now.AddDate(0, 0, -14+7*i), Market: "US", Openings: n, SalaryCount: n - 5, Median: &med})
	}
	d.history["backend engineer"] = append(d.history["backend engineer"], web.Point{At: now.AddDate(0, 0, -1), Market: "GB", Openings: 17, SalaryCount: 3})
	return d
}

func (d *memData) Summaries(ctx context.Context, qs ...web.Query) ([]stats.Summary, error) {
	d.calls++
	out := make([]stats.Summary, len(qs))
	for i, q := range qs {
		agg := stats.New(stats.Options{Filter: q.Filter, MinOpenings: q.MinOpenings, Now: clock, MarketName: marketName})
		for j := range d.listings {
			agg.Add(&d.listings[j])
		}
		out[i] = agg.Summary()
	}
	return out, nil
}

func (d *memData) History(ctx context.Context, role string, f stats.Filter) ([]web.Point, error) {
	var out []web.Point
	for _, p := range d.history[strings.ToLower(role)] {
		if len(f.Markets) == 0 || contains(f.Markets, p.Market) {
			out = append(out, p)
		}
	}
	return out, nil
}

func (d *memData) Latest(ctx context.Context, f stats.Filter, n int) ([]stats.Posting, error) {
	r := stats.NewRecent(f, n)
	for i := range d.listings {
		r.Add(&d.listings[i])
	}
	return r.Postings(), nil
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func marketName(key string) string {
	return map[string]string{"US": "United States", "GB": "United Kingdom"}[key]
}

// options returns the web options of the tests over d.
func options(d *memData) web.Options {
	return web.Options{Summaries: d, Archive: d, MinOpenings: 5, Now: clock, BaseURL: "https://salaries.example.com/"}
}
