package stats_test

import (
	"testing"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/stats"
)

func TestEmploymentOf(t *testing.T) {
	tests := map[string]string{
		"":                       "",
		"full_time":              jobstats.EmploymentFullTime,
		"FULL_TIME":              jobstats.EmploymentFullTime,
		"Full-time":              jobstats.EmploymentFullTime,
		"full time":              jobstats.EmploymentFullTime,
		"PART_TIME":              jobstats.EmploymentPartTime,
		"Part Time":              jobstats.EmploymentPartTime,
		"CONTRACTOR":             jobstats.EmploymentContract,
		"Contract":               jobstats.EmploymentContract,
		"freelance":              jobstats.EmploymentFreelance,
		"TEMPORARY":              jobstats.EmploymentTemporary,
		"INTERN":                 jobstats.EmploymentInternship,
		"Internship":             jobstats.EmploymentInternship,
		"FULL_TIME, PART_TIME":   jobstats.EmploymentFullTime,
		"Werkstudent, Part-time": jobstats.EmploymentPartTime,
		"VOLUNTEER":              "",
		"OTHER":                  "",
	}
	for in, want := range tests {
		if got := stats.EmploymentOf(in); got != want {
			t.Errorf("EmploymentOf(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPayTypeOf(t *testing.T) {
	mk := func(emp string, level jobstats.Seniority, s *jobstats.Salary) *jobstats.Listing {
		l := listing("x", s)
		l.EmploymentType, l.Seniority = emp, level
		return l
	}
	day := pay(500, 600, "GBP", jobstats.PeriodDay)
	tests := []struct {
		name string
		l    *jobstats.Listing
		want stats.PayType
	}{
		{"full time", mk("FULL_TIME", jobstats.SeniorityMid, yearUSD(100000)), stats.PaySalaried},
		{"part time is salaried", mk("part_time", jobstats.SeniorityMid, pay(30, 0, "USD", jobstats.PeriodHour)), stats.PaySalaried},
		{"unknown type is salaried", mk("", jobstats.SeniorityMid, yearUSD(100000)), stats.PaySalaried},
		{"contract", mk("CONTRACTOR", jobstats.SenioritySenior, pay(80, 0, "USD", jobstats.PeriodHour)), stats.PayContract},
		{"freelance", mk("freelance", jobstats.SenioritySenior, nil), stats.PayContract},
		{"temporary", mk("temporary", jobstats.SeniorityMid, nil), stats.PayContract},
		{"internship", mk("INTERN", jobstats.SeniorityIntern, pay(2000, 0, "EUR", jobstats.PeriodMonth)), stats.PayInternship},
		{"intern level of unknown type", mk("", jobstats.SeniorityIntern, nil), stats.PayInternship},
		{"intern level, full time stated", mk("full_time", jobstats.SeniorityIntern, nil), stats.PaySalaried},
		{"a day rate of unknown type is a contractor's", mk("", jobstats.SeniorityMid, day), stats.PayContract},
		{"a day rate of a full-time job stays salaried", mk("full_time", jobstats.SeniorityMid, day), stats.PaySalaried},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := stats.PayTypeOf(tt.l); got != tt.want {
				t.Errorf("PayTypeOf = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestPayTypesApart checks that contract rates and internship pay stay out
// of the salary figures and are reported per period, in the report and the
// local currency.
func TestPayTypesApart(t *testing.T) {
	rates := jobstats.Rates{Base: "USD", Rates: map[string]float64{"GBP": 0.75}}
	var ls []*jobstats.Listing
	add := func(emp string, s *jobstats.Salary) {
		l := at("Backend Engineer", "GB", "", s)
		l.EmploymentType = emp
		ls = append(ls, l)
	}
	for _, v := range []float64{60000, 62000, 64000, 66000, 68000} {
		add("full_time", pay(v, 0, "GBP", jobstats.PeriodYear))
	}
	for _, v := range []float64{500, 550, 600, 650, 700} {
		add("CONTRACTOR", pay(v, v+100, "GBP", jobstats.PeriodDay)) // mids 550..750
	}
	add("", pay(575, 625, "GBP", jobstats.PeriodDay)) // a day rate of unknown type: contract
	add("contract", pay(45, 55, "GBP", jobstats.PeriodHour))
	add("contract", nil)
	add("contract", pay(5, 0, "GBP", jobstats.PeriodHour)) // 10,400 a year: plausible
	add("contract", pay(2, 0, "GBP", jobstats.PeriodHour)) // 4,160 GBP a year is 5,547 USD: plausible
	add("INTERN", pay(1500, 0, "GBP", jobstats.PeriodMonth))
	add("INTERN", pay(900, 0, "GBP", ""))

	p := onlyPage(t, summarize(stats.Options{Rates: rates}, ls...))
	if p.Salary.Count != 5 || *p.Salary.Median != 85333.33 || p.Excluded.Contract != 10 || p.Excluded.Internship != 2 ||
		p.Salary.Count+p.Excluded.Total() != p.Openings {
		t.Errorf("headline = %s, excluded %+v, openings %d", js(p.Salary), p.Excluded, p.Openings)
	}
	if p.LocalCurrency != "GBP" || *p.SalaryLocal.Median != 64000 {
		t.Errorf("local = %q %s", p.LocalCurrency, js(p.SalaryLocal))
	}
	c := p.Contract
	if c == nil || c.Openings != 10 || c.Excluded.NoSalary != 1 || len(c.Rates) != 2 {
		t.Fatalf("contract = %s", js(c))
	}
	hour, day := c.Rates[0], c.Rates[1]
	if hour.Period != jobstats.PeriodHour || hour.Pay.Count != 3 || hour.Pay.Median != nil {
		t.Errorf("hourly = %s", js(hour))
	}
	// Six day rates, mids 550, 600, 650, 700, 750 and 600: median 625 GBP.
	if day.Period != jobstats.PeriodDay || day.Pay.Count != 6 || *day.PayLocal.Median != 625 || *day.Pay.Median != 833.33 ||
		day.PayLocal.MedianCI == nil || day.PayLocal.MedianCI.Low != 550 || day.PayLocal.MedianCI.High != 750 {
		t.Errorf("daily = %s", js(day))
	}
	in := p.Internship
	if in == nil || in.Openings != 2 || in.Excluded.UnknownPeriod != 1 || len(in.Rates) != 1 || in.Rates[0].Period != jobstats.PeriodMonth ||
		in.Rates[0].Pay.Count != 1 || in.Rates[0].Pay.Median != nil {
		t.Errorf("internship = %s", js(in))
	}
}
