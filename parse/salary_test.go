package parse_test

import (
	"fmt"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/parse"
)

func TestSalary(t *testing.T) {
	seen := make(map[string]bool, len(salCases))
	for _, tc := range salCases {
		if seen[tc.in] {
			t.Fatalf("duplicate case %q", tc.in)
		}
		seen[tc.in] = true
		t.Run(tc.in, func(t *testing.T) {
			m, ok := parse.Salary(tc.in)
			if tc.period == salNone {
				if ok {
					t.Fatalf("Salary(%q) = %+v (%q), want no salary", tc.in, m.Salary, tc.in[m.Start:m.End])
				}
				return
			}
			if !ok {
				t.Fatalf("Salary(%q) found no salary", tc.in)
			}
			checkSalary(t, tc, m)
		})
	}
}

func checkSalary(t *testing.T, tc salCase, m parse.SalaryMatch) {
	t.Helper()
	got := m.Salary
	want := jobstats.Salary{
		Min:            jobstats.AmountOf(tc.min),
		Max:            jobstats.AmountOf(tc.max),
		Currency:       tc.cur,
		Period:         tc.period,
		PeriodInferred: tc.inferred,
		From:           jobstats.SalaryFromText,
	}
	if got != want {
		t.Errorf("Salary(%q) =\n %+v, want\n %+v", tc.in, got, want)
	}
	if m.Start < 0 || m.Start >= m.End || m.End > len(tc.in) {
		t.Fatalf("span [%d,%d) outside the input of %d bytes", m.Start, m.End, len(tc.in))
	}
	if !strings.ContainsAny(tc.in[m.Start:m.End], "0123456789") {
		t.Errorf("span %q holds no amount", tc.in[m.Start:m.End])
	}
}

func TestSalarySpan(t *testing.T) {
	tests := []struct{ in, span string }{
		{"Compensation: $25 - $27 (per hour) and benefits", "$25 - $27 (per hour"},
		{"Salary Range $108,400 — $129,600 USD How we support", "$108,400 — $129,600 USD"},
		{"Base Salary: £73,900", "£73,900"},
		{"60.000 € - 75.000 € brutto/Jahr", "60.000 € - 75.000 € brutto/Jahr"},
		{"Up to $100000.00 p.a. + Car", "$100000.00 p.a."},
		{"CAD $120,000 plus bonus", "CAD $120,000"},
		{"Â£57,000-Â£70,000.", "Â£57,000-Â£70,000"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			m, ok := parse.Salary(tt.in)
			if !ok {
				t.Fatalf("Salary(%q) found no salary", tt.in)
			}
			if got := tt.in[m.Start:m.End]; got != tt.span {
				t.Errorf("span = %q, want %q", got, tt.span)
			}
		})
	}
}

func TestSalaryIn(t *testing.T) {
	tests := []struct {
		in, def string
		c       salCase
	}{
		// A default currency fills in bare numbers.
		{"40000 pro rata", "GBP", salCase{min: 40000, max: 40000, cur: "GBP", period: salY, inferred: true}},
		{"25/hour", "GBP", salCase{min: 25, max: 25, cur: "GBP", period: salH}},
		{"Salary 4.500 - 5.500 brutto monatlich", "EUR", salCase{min: 4500, max: 5500, cur: "EUR", period: salM}},
		// Lower case and spaces are accepted.
		{"15 000 - 20 000 netto", " pln", salCase{min: 15000, max: 20000, cur: "PLN", period: salM, inferred: true}},
		// A bare "$" takes a dollar default, and is USD otherwise.
		{"$120,000 - $140,000", "CAD", salCase{min: 120000, max: 140000, cur: "CAD", period: salY, inferred: true}},
		{"$95k - $110k + super", "AUD", salCase{min: 95000, max: 110000, cur: "AUD", period: salY, inferred: true}},
		{"$120,000 - $140,000", "EUR", salCase{min: 120000, max: 140000, cur: "USD", period: salY, inferred: true}},
		// A written code beats the default.
		{"$120,000 USD", "CAD", salCase{min: 120000, max: 120000, cur: "USD", period: salY, inferred: true}},
		{"£60,000 - £70,000", "EUR", salCase{min: 60000, max: 70000, cur: "GBP", period: salY, inferred: true}},
		// "kr" is SEK unless NOK or DKK is written or the default.
		{"45 000 kr/mån", "", salCase{min: 45000, max: 45000, cur: "SEK", period: salM}},
		{"kr 700 000 per år", "NOK", salCase{min: 700000, max: 700000, cur: "NOK", period: salY}},
		{"Lønn: 55.000 kr. pr. måned, DKK", "", salCase{min: 55000, max: 55000, cur: "DKK", period: salM}},
		// A bare "10,000+" in a UK posting (GBP from its country) is pounds
		// a year, not a month.
		{"10,000+", "GBP", salCase{min: 10000, cur: "GBP", period: salY, inferred: true}},
		{"Salary: 12,000+", "GBP", salCase{min: 12000, cur: "GBP", period: salY, inferred: true}},
		{"10,000+", "INR", salCase{min: 10000, cur: "INR", period: salM, inferred: true}},
		// "¥" is JPY unless the default is CNY.
		{"¥25,000 - ¥35,000", "CNY", salCase{min: 25000, max: 35000, cur: "CNY", period: salM, inferred: true}},
		{"¥250,000 - ¥350,000", "", salCase{min: 250000, max: 350000, cur: "JPY", period: salM, inferred: true}},
	}
	for _, tt := range tests {
		t.Run(tt.in+"/"+tt.def, func(t *testing.T) {
			m, ok := parse.SalaryIn(tt.in, tt.def)
			if !ok {
				t.Fatalf("SalaryIn(%q, %q) found no salary", tt.in, tt.def)
			}
			tt.c.in = tt.in
			checkSalary(t, tt.c, m)
		})
	}
}

func TestSalaryInNoSalary(t *testing.T) {
	// A default currency must not turn every number into pay.
	for _, in := range []string{
		"Founded in 2024 in Berlin",
		"We have 10,000 customers and 250 employees",
		"Call +49 30 1234567",
		"Requires 5+ years of experience",
		"Deadline: 15.01.2025",
	} {
		t.Run(in, func(t *testing.T) {
			if m, ok := parse.SalaryIn(in, "EUR"); ok {
				t.Errorf("SalaryIn(%q, EUR) = %+v, want no salary", in, m.Salary)
			}
		})
	}
}

func TestSalaryDescription(t *testing.T) {
	b, err := os.ReadFile("testdata/salary_description.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	m, ok := parse.Salary(text)
	if !ok {
		t.Fatal("no salary found in the description")
	}
	checkSalary(t, salCase{in: text, min: 165000, max: 195000, cur: "USD", period: salY}, m)
}

func TestSalaryNoAllocs(t *testing.T) {
	b, err := os.ReadFile("testdata/salary_description.txt")
	if err != nil {
		t.Fatal(err)
	}
	inputs := append(salBenchShort[:len(salBenchShort):len(salBenchShort)], string(b))
	allocs := testing.AllocsPerRun(20, func() {
		for _, s := range inputs {
			parse.SalaryIn(s, "eur")
		}
	})
	if allocs != 0 {
		t.Errorf("SalaryIn allocates %v times per run, want 0", allocs)
	}
}

func FuzzSalary(f *testing.F) {
	for _, tc := range salCases {
		f.Add(tc.in)
	}
	f.Add("$1e400 - $9,999,999,999,999,999,999k")
	f.Add("₹99,99,99,99,99,99,99,999 crore")
	f.Add("between and $ - - to 5")
	f.Fuzz(func(t *testing.T, text string) {
		for _, def := range []string{"", "EUR", "CAD"} {
			m, ok := parse.SalaryIn(text, def)
			if !ok {
				continue
			}
			s := m.Salary
			if s.Min < 0 || s.Max < 0 || (s.Min == 0 && s.Max == 0) {
				t.Fatalf("SalaryIn(%q) amounts %d, %d: want non-negative and one set", text, s.Min, s.Max)
			}
			if s.Min > 0 && s.Max > 0 && s.Min > s.Max {
				t.Fatalf("SalaryIn(%q) min %d > max %d", text, s.Min, s.Max)
			}
			if u := s.Min.Units() + s.Max.Units(); math.IsNaN(u) || math.IsInf(u, 0) {
				t.Fatalf("SalaryIn(%q) amounts not finite", text)
			}
			if !(0 <= m.Start && m.Start <= m.End && m.End <= len(text)) {
				t.Fatalf("SalaryIn(%q) span [%d,%d) outside %d bytes", text, m.Start, m.End, len(text))
			}
			if _, known := jobstats.ParsePeriod(string(s.Period)); !known {
				t.Fatalf("SalaryIn(%q) period %q unknown", text, s.Period)
			}
			if !s.Valid() || s.From != jobstats.SalaryFromText {
				t.Fatalf("SalaryIn(%q) = %+v, not a valid text salary", text, s)
			}
		}
	})
}

// salBenchShort is a rotating set of short salary fields.
var salBenchShort = []string{
	"$120k–$150k + equity",
	"£450 - £550 per day (Outside IR35)",
	"60.000 € - 75.000 € brutto/Jahr",
	"INR 18-25 LPA",
	"CHF 120'000 - 140'000",
	"$45/hr",
	"$108,400 — $129,600 USD",
	"15 000 - 20 000 PLN netto (B2B)",
	"₹25,00,000 - ₹35,00,000",
	"up to $19/hour",
	"Salary: €60,000 – €95,000/year",
	"Â£57,000-Â£70,000",
	"$31,2k- $52k",
	"CA$102.8K – CA$137K",
	"R$ 8.000 - 12.000",
	"₪30K-40K",
	"Employer Provided Salary:$150K-$160K",
	"From 35,000 to 44,000 per annum",
	"$33.65 - $38.70 per hour",
	"5+ years of experience",
}

func BenchmarkSalaryShort(b *testing.B) {
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		parse.Salary(salBenchShort[n%len(salBenchShort)])
		n++
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "strings/s")
}

func BenchmarkSalaryDescription(b *testing.B) {
	data, err := os.ReadFile("testdata/salary_description.txt")
	if err != nil {
		b.Fatal(err)
	}
	text := string(data)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		parse.Salary(text)
	}
}

func ExampleSalary() {
	m, ok := parse.Salary("Senior Engineer | Remote | $120k–$150k + equity")
	fmt.Println(ok, m.Salary.Min.Units(), m.Salary.Max.Units(), m.Salary.Currency, m.Salary.Period, m.Salary.PeriodInferred)

	m, _ = parse.Salary("60.000 € - 75.000 € brutto/Jahr")
	fmt.Println(m.Salary.Min.Units(), m.Salary.Max.Units(), m.Salary.Currency, m.Salary.Period)

	_, ok = parse.Salary("5+ years of experience, 401k match up to 4%")
	fmt.Println(ok)
	// Output:
	// true 120000 150000 USD year true
	// 60000 75000 EUR year
	// false
}

func ExampleSalaryIn() {
	m, _ := parse.SalaryIn("$95k - $110k + super", "AUD")
	fmt.Println(m.Salary.Min.Units(), m.Salary.Max.Units(), m.Salary.Currency)
	// Output:
	// 95000 110000 AUD
}

// salIntro opens the descriptions of TestSalaryInDescription: long enough
// that the text is read as a description, not a salary field.
const salIntro = "About Northwind\nNorthwind builds payment infrastructure for online marketplaces. " +
	"Founded in 2015, we are 850 people across 14 time zones.\n"

func TestSalaryInDescription(t *testing.T) {
	tests := []struct {
		name string
		text string
		c    salCase // period salNone: no salary
	}{
		// A range is formed only within one line.
		{"line break/per month then holiday bullet", "Perks\n- £2,900 per month\n- 25 days holiday", salCase{min: 2900, max: 2900, cur: "GBP", period: salM}},
		{"line break/up to p.a. then holiday bullet", "What we offer\n- up to £55,000 p.a.\n- 25 days holiday plus bank holidays", salCase{max: 55000, cur: "GBP", period: salY}},
		{"line break/salary then dash bullet", "Salary: €60.000 per year\n- 2 days remote per week", salCase{min: 60000, max: 60000, cur: "EUR", period: salY}},
		{"line break/to on the next line", "Base pay: $95,000\nto 3 direct reports", salCase{min: 95000, max: 95000, cur: "USD", period: salY, inferred: true}},
		{"line break/en dash on the next line", "Compensation: £48,000\n– 30 days of paid vacation", salCase{min: 48000, max: 48000, cur: "GBP", period: salY, inferred: true}},
		{"line break/CRLF", "Salary: $120,000\r\n- 401(k) match up to 4%\r\n- 20 days PTO", salCase{min: 120000, max: 120000, cur: "USD", period: salY, inferred: true}},
		{"line break/range within the line", "Perks\n- £45,000 - £55,000 per annum\n- 25 days holiday", salCase{min: 45000, max: 55000, cur: "GBP", period: salY}},
		// A lone amount with a currency and a pay period of its own is pay.
		{"period pay/dollar per hr in perks", "Perks\n- $100/hr\n- Unlimited PTO (most of us take 20-25 days)\n- Home office stipend", salCase{min: 100, max: 100, cur: "USD", period: salH}},
		{"period pay/euro per hour", "What we offer\n- €45 per hour\n- 27 vacation days", salCase{min: 45, max: 45, cur: "EUR", period: salH}},
		{"period pay/an hour", "Benefits\n- $60 an hour\n- Flexible hours", salCase{min: 60, max: 60, cur: "USD", period: salH}},
		{"period pay/day rate inside IR35", "Benefits\n- £550/day Inside IR35\n- Private medical insurance", salCase{min: 550, max: 550, cur: "GBP", period: salD}},
		{"period pay/C$ per hour", "Perks\n- C$48/hour\n- Extended health and dental from day one", salCase{min: 48, max: 48, cur: "CAD", period: salH}},
		{"period pay/rupees per month", "Benefits\n- ₹85,000 per month\n- Health insurance for you and your family", salCase{min: 85000, max: 85000, cur: "INR", period: salM}},
		{"period pay/per year", "Benefits\n- from €65k a year\n- 30 days of paid vacation", salCase{min: 65000, cur: "EUR", period: salY}},
		{"period pay/LPA bullet", "Benefits\n- 15-20 LPA\n- Health insurance for you and your family", salCase{min: 1500000, max: 2000000, cur: "INR", period: salY}},
		{"period pay/stipend label", "Compensation\nStipend: ₹56,000 - ₹77,000 per month.", salCase{min: 56000, max: 77000, cur: "INR", period: salM}},
		// Per-period amounts that are not plausible pay, or are named as
		// something else, are not.
		{"not pay/gym per month", "Perks\n- $5/month gym membership\n- 25 days holiday", salCase{period: salNone}},
		{"not pay/phone plan per month", "Perks\n- Phone plan: $50 per month\n- Flexible hours", salCase{period: salNone}},
		{"not pay/lunch per day", "Perks\n- Lunch: €8 per day\n- Flexible hours", salCase{period: salNone}},
		{"not pay/coworking per month", "Perks\n- Coworking: $300/month\n- Flexible hours", salCase{period: salNone}},
		{"not pay/learning budget per year", "Perks\n- $1,500 per year learning budget\n- Flexible hours", salCase{period: salNone}},
		{"not pay/home office stipend label", "Perks\n- Home office stipend: $500 per month\n- Flexible hours", salCase{period: salNone}},
		{"not pay/meal allowance per day", "Perks\n- Meal allowance of €30 per day\n- Flexible hours", salCase{period: salNone}},
		{"not pay/no currency", "Perks\n- 40 per hour of mentoring\n- Flexible hours", salCase{period: salNone}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := salIntro + tt.text
			m, ok := parse.Salary(text)
			if tt.c.period == salNone {
				if ok {
					t.Fatalf("Salary(%q) = %+v (%q), want no salary", tt.text, m.Salary, text[m.Start:m.End])
				}
				return
			}
			if !ok {
				t.Fatalf("Salary(%q) found no salary", tt.text)
			}
			tt.c.in = text
			checkSalary(t, tt.c, m)
		})
	}
}
