package stats_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/stats"
)

// BenchmarkAggregate1M adds 1,000,000 synthetic listings (50 roles, 6
// levels, 200 companies, a mix of currencies, periods and missing pay) to
// one Aggregator and computes the Summary. One listing value is reused, as
// a storage scan would.
func BenchmarkAggregate1M(b *testing.B) {
	const n = 1_000_000
	const templates = 1000
	skills := []string{"Go", "Python", "Kubernetes", "AWS", "PostgreSQL", "Docker", "Terraform", "Java", "TypeScript", "React", "Rust", "Kafka"}
	currencies := []string{"USD", "USD", "USD", "EUR", "GBP", "INR", "CHF", "XYZ"}
	periods := []jobstats.Period{jobstats.PeriodYear, jobstats.PeriodYear, jobstats.PeriodMonth, jobstats.PeriodHour, jobstats.PeriodDay, ""}
	countries := []string{"US", "US", "US", "DE", "GB", "IN", "", "CA"}
	degrees := []jobstats.Degree{jobstats.DegreeRequired, jobstats.DegreeEquivalent, jobstats.DegreeUnknown, jobstats.DegreePreferred}
	seen := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	ls := make([]jobstats.Listing, templates)
	for i := range ls {
		l := &ls[i]
		l.Role = fmt.Sprintf("Role %02d", i%50)
		if i%7 == 0 {
			l.Role, l.Title = "", fmt.Sprintf("Title %02d", i%50)
		}
		l.Company = fmt.Sprintf("Company %03d", i%200)
		l.Country = countries[i%len(countries)]
		if i%11 == 0 {
			l.Workplace, l.RemoteScope = jobstats.WorkplaceRemote, jobstats.RemoteWorldwide
		}
		if i%13 == 0 {
			l.EmploymentType = jobstats.EmploymentContract
		}
		l.Seniority = jobstats.Seniorities[i%len(jobstats.Seniorities)]
		l.Degree = degrees[i%len(degrees)]
		l.Skills = []string{skills[i%len(skills)], skills[(i+3)%len(skills)], skills[(i+7)%len(skills)]}
		if i%5 == 0 {
			l.Certifications = []string{"CKA"}
		}
		l.FirstSeen, l.LastSeen = seen, seen
		if i%10 == 0 {
			l.ClosedAt = seen
		}
		if i%9 != 0 {
			cur, per := currencies[i%len(currencies)], periods[i%len(periods)]
			base := 60000.0
			switch per {
			case jobstats.PeriodHour:
				base = 40
			case jobstats.PeriodDay:
				base = 300
			case jobstats.PeriodMonth:
				base = 6000
			}
			l.Salary = &jobstats.Salary{Min: jobstats.AmountOf(base), Max: jobstats.AmountOf(base * 1.3), Currency: cur, Period: per}
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		a := stats.New(stats.Options{})
		var l jobstats.Listing
		var sal jobstats.Salary
		for i := range n {
			l = ls[i%templates]
			if l.Salary != nil {
				sal = *l.Salary
				sal.Min += jobstats.Amount(i % 1000)
				l.Salary = &sal
			}
			a.Add(&l)
		}
		if s := a.Summary(); len(s.Roles) < 50 {
			b.Fatalf("got %d roles", len(s.Roles))
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/listing")
}
