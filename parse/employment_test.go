package parse_test

import (
	"testing"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/parse"
)

func TestEmploymentType(t *testing.T) {
	for _, c := range []struct{ label, want string }{
		{"Full-time", jobstats.EmploymentFullTime},
		{"FULL_TIME", jobstats.EmploymentFullTime},
		{"full_time", jobstats.EmploymentFullTime},
		{"FullTime", jobstats.EmploymentFullTime},
		{"Permanent", jobstats.EmploymentFullTime},
		{"Vollzeit", jobstats.EmploymentFullTime},
		{"Festanstellung", jobstats.EmploymentFullTime},
		{"CDI", jobstats.EmploymentFullTime},
		{"Full-time, fixed term", jobstats.EmploymentFullTime},
		{"Full- or part-time", jobstats.EmploymentFullTime},
		{"Part-time", jobstats.EmploymentPartTime},
		{"PART_TIME", jobstats.EmploymentPartTime},
		{"Teilzeit", jobstats.EmploymentPartTime},
		{"Contract", jobstats.EmploymentContract},
		{"CONTRACTOR", jobstats.EmploymentContract},
		{"Contract to hire", jobstats.EmploymentContract},
		{"Contract-to-Hire", jobstats.EmploymentContract},
		{"contract (6 months)", jobstats.EmploymentContract},
		{"B2B", jobstats.EmploymentContract},
		{"Temporary", jobstats.EmploymentTemporary},
		{"TEMPORARY", jobstats.EmploymentTemporary},
		{"Fixed-term", jobstats.EmploymentTemporary},
		{"befristet", jobstats.EmploymentTemporary},
		{"PER_DIEM", jobstats.EmploymentTemporary},
		{"Intern", jobstats.EmploymentInternship},
		{"INTERN", jobstats.EmploymentInternship},
		{"Internship", jobstats.EmploymentInternship},
		{"Werkstudent", jobstats.EmploymentInternship},
		{"Praktikum", jobstats.EmploymentInternship},
		{"Working Student", jobstats.EmploymentInternship},
		{"Part-time, Internship", jobstats.EmploymentInternship},
		{"Apprenticeship", jobstats.EmploymentInternship},
		{"Freelance", jobstats.EmploymentFreelance},
		{"Freelancer", jobstats.EmploymentFreelance},
		{"Freiberuflich", jobstats.EmploymentFreelance},
		{"FULL_TIME, CONTRACTOR", jobstats.EmploymentFullTime},
		{"OTHER", ""},
		{"VOLUNTEER", ""},
		{"Remote", ""},
		{"", ""},
		// Already normalized values stay as they are.
		{jobstats.EmploymentFullTime, jobstats.EmploymentFullTime},
		{jobstats.EmploymentPartTime, jobstats.EmploymentPartTime},
		{jobstats.EmploymentContract, jobstats.EmploymentContract},
		{jobstats.EmploymentTemporary, jobstats.EmploymentTemporary},
		{jobstats.EmploymentInternship, jobstats.EmploymentInternship},
		{jobstats.EmploymentFreelance, jobstats.EmploymentFreelance},
	} {
		if got := parse.EmploymentType(c.label); got != c.want {
			t.Errorf("EmploymentType(%q) = %q, want %q", c.label, got, c.want)
		}
	}
}

func TestEmploymentFromTitle(t *testing.T) {
	for _, c := range []struct{ title, want string }{
		{"Software Engineering Intern", jobstats.EmploymentInternship},
		{"Intern - Backend Engineer", jobstats.EmploymentInternship},
		{"Werkstudent Backend Entwicklung (m/w/d)", jobstats.EmploymentInternship},
		{"Backend Engineer (Contract)", jobstats.EmploymentContract},
		{"Contract Software Engineer", jobstats.EmploymentContract},
		{"Contractor - Data Analyst", jobstats.EmploymentContract},
		{"Data Engineer - 6 Month Contract", jobstats.EmploymentContract},
		{"Java Developer (Contract-to-Hire)", jobstats.EmploymentContract},
		{"Freelance Designer", jobstats.EmploymentFreelance},
		{"Part-time Tutor", jobstats.EmploymentPartTime},
		{"Customer Support (Part Time)", jobstats.EmploymentPartTime},
		{"Temporary Receptionist", jobstats.EmploymentTemporary},
		{"Marketing Manager - Fixed Term (12 months)", jobstats.EmploymentTemporary},
		{"Senior Backend Engineer (Full-time)", jobstats.EmploymentFullTime},
		{"Smart Contract Engineer", ""},
		{"Senior Smart Contract Developer (Solidity)", ""},
		{"Smart Contracts Auditor", ""},
		{"Contract Manager", ""},
		{"Contracts Administrator", ""},
		{"Government Contractor Liaison", ""},
		{"Internal Tools Engineer", ""},
		{"International Sales Manager", ""},
		{"Internship Coordinator", ""},
		{"Senior Backend Engineer", ""},
		{"", ""},
	} {
		if got := parse.EmploymentFromTitle(c.title); got != c.want {
			t.Errorf("EmploymentFromTitle(%q) = %q, want %q", c.title, got, c.want)
		}
	}
}

func TestEmploymentFromText(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"This is a 6-month contract with a view to extend.", jobstats.EmploymentContract},
		{"Initial 12 month contract, fully remote.", jobstats.EmploymentContract},
		{"The engagement is a six month contract.", jobstats.EmploymentContract},
		{"Rate: £550 per day, Outside IR35.", jobstats.EmploymentContract},
		{"Competitive day rate, paid weekly.", jobstats.EmploymentContract},
		{"This is a contract-to-hire opportunity.", jobstats.EmploymentContract},
		{"1099 contract, 40 hours a week.", jobstats.EmploymentContract},
		{"This is a full-time position based in Austin.", jobstats.EmploymentFullTime},
		{"This is a remote, full-time position.", jobstats.EmploymentFullTime},
		{"This is a permanent role with great benefits.", jobstats.EmploymentFullTime},
		{"Wir bieten eine unbefristete Festanstellung.", jobstats.EmploymentFullTime},
		{"This is a part-time role (20 hours a week).", jobstats.EmploymentPartTime},
		{"This position is part-time, 3 days a week.", jobstats.EmploymentPartTime},
		{"We are looking for someone on a freelance basis.", jobstats.EmploymentFreelance},
		{"This is a 12-month fixed-term contract covering parental leave.", jobstats.EmploymentTemporary},
		{"Maternity cover until June.", jobstats.EmploymentTemporary},
		{"This internship runs for 12 weeks over the summer.", jobstats.EmploymentInternship},
		{"This is a paid internship.", jobstats.EmploymentInternship},
		{"You will write and audit smart contracts in Solidity. Smart contract day rate experience.", ""},
		{"You will review our contract with the client.", ""},
		{"We also offer part-time positions in other teams. This is a full-time role.", jobstats.EmploymentFullTime},
		{"Full-time or part-time: this is a full-time position or a part-time position.", ""},
		{"We offer internships every summer.", ""},
		{"Design and deploy smart contracts; 5+ years of experience.", ""},
		{"", ""},
	} {
		got, ok := parse.EmploymentFromText(c.text)
		if got != c.want || ok != (c.want != "") {
			t.Errorf("EmploymentFromText(%q) = %q, %v, want %q", c.text, got, ok, c.want)
		}
	}
}

func TestEmployment(t *testing.T) {
	day := &jobstats.Salary{Min: 550_00, Max: 750_00, Currency: "GBP", Period: jobstats.PeriodDay}
	dayInferred := &jobstats.Salary{Min: 550_00, Currency: "GBP", Period: jobstats.PeriodDay, PeriodInferred: true}
	year := &jobstats.Salary{Min: 90000_00, Currency: "GBP", Period: jobstats.PeriodYear}
	for _, c := range []struct {
		name, label, title, desc string
		salary                   *jobstats.Salary
		want                     string
	}{
		{"label first", "Full-time", "Backend Engineer (Contract)", "", nil, jobstats.EmploymentFullTime},
		{"title second", "", "Backend Engineer (Contract)", "This is a full-time position.", nil, jobstats.EmploymentContract},
		{"text third", "", "Backend Engineer", "This is a full-time position.", day, jobstats.EmploymentFullTime},
		{"day rate last", "", "Backend Engineer", "", day, jobstats.EmploymentContract},
		{"inferred day is no evidence", "", "Backend Engineer", "", dayInferred, ""},
		{"yearly pay says nothing", "", "Backend Engineer", "", year, ""},
		{"unknown label falls through", "Other", "Data Science Intern", "", nil, jobstats.EmploymentInternship},
		{"smart contract", "", "Smart Contract Engineer", "Write smart contracts.", year, ""},
	} {
		if got := parse.Employment(c.label, c.title, c.desc, c.salary); got != c.want {
			t.Errorf("%s: Employment = %q, want %q", c.name, got, c.want)
		}
	}
}

func TestExperienceYears(t *testing.T) {
	for _, c := range []struct {
		text string
		want int
		ok   bool
	}{
		{"5+ years of professional experience", 5, true},
		{"3-5 years of experience with Go", 3, true},
		{"5+ years of backend experience, 2+ years with Kubernetes", 5, true},
		{"at least three years of experience", 3, true},
		{"0-2 years of experience", 0, true},
		{"mindestens 3 Jahre Berufserfahrung", 3, true},
		{"Founded 10 years ago", 0, false},
		{"", 0, false},
	} {
		got, ok := parse.ExperienceYears(c.text)
		if got != c.want || ok != c.ok {
			t.Errorf("ExperienceYears(%q) = %d, %v, want %d, %v", c.text, got, ok, c.want, c.ok)
		}
	}
}

func FuzzEmployment(f *testing.F) {
	for _, s := range []string{"Full-time", "FULL_TIME, CONTRACTOR", "Smart Contract Engineer", "This is a 6-month contract",
		"Werkstudent (m/w/d)", "contract", "Initial 12 month contract", "this is a ", "day rate"} {
		f.Add(s)
	}
	valid := map[string]bool{"": true}
	for _, t := range jobstats.EmploymentTypes {
		valid[t] = true
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, got := range []string{parse.EmploymentType(s), parse.EmploymentFromTitle(s), parse.Employment(s, s, s, nil)} {
			if !valid[got] {
				t.Fatalf("employment of %q = %q, not a normalized type", s, got)
			}
		}
		got, ok := parse.EmploymentFromText(s)
		if !valid[got] || ok != (got != "") {
			t.Fatalf("EmploymentFromText(%q) = %q, %v", s, got, ok)
		}
		if n := parse.EmploymentType(s); n != "" && parse.EmploymentType(n) != n {
			t.Fatalf("EmploymentType is not idempotent on %q: %q then %q", s, n, parse.EmploymentType(n))
		}
	})
}
