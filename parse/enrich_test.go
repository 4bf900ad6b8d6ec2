package parse_test

import (
	"testing"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/parse"
)

func BenchmarkEnrich(b *testing.B) {
	desc := benchDescription(b)
	b.SetBytes(int64(len(desc)))
	b.ReportAllocs()
	parse.Location("") // the lexicon is built once per process, not per listing
	for b.Loop() {
		l := jobstats.Listing{
			Title:          "Senior Backend Engineer (m/w/d) - Payments",
			Company:        "Acme",
			Location:       "Berlin, Germany; Remote",
			EmploymentType: "Full-time",
			SalaryText:     "€70,000 – €90,000 per year",
			Description:    desc,
		}
		parse.Enrich(&l, parse.EnrichOptions{})
	}
}

func TestEnrichLocationAndPay(t *testing.T) {
	for _, c := range []struct {
		name string
		in   jobstats.Listing
		want func(l jobstats.Listing) string // "" when fine
	}{
		{"uk bare amount is pounds a year", jobstats.Listing{Title: "Warehouse Operative", Location: "London, UK", SalaryText: "10,000+"},
			func(l jobstats.Listing) string {
				if l.Country != "GB" || l.Salary == nil || l.Salary.Currency != "GBP" || l.Salary.Period != jobstats.PeriodYear {
					return "want GB, GBP a year"
				}
				return ""
			}},
		{"remote text scope", jobstats.Listing{Title: "Backend Engineer", Location: "Remote (EMEA)"},
			func(l jobstats.Listing) string {
				if l.Workplace != jobstats.WorkplaceRemote || l.RemoteScope != jobstats.RemoteEMEA || l.Country != "" || l.Market() != "remote:EMEA" {
					return "want remote EMEA"
				}
				return ""
			}},
		{"remote source, scope from description", jobstats.Listing{Title: "Backend Engineer", Workplace: jobstats.WorkplaceRemote,
			Location: "Remote", Description: "This role is remote within the US."},
			func(l jobstats.Listing) string {
				if l.RemoteScope != "US" || l.Country != "US" {
					return "want scope US"
				}
				return ""
			}},
		{"source fields kept", jobstats.Listing{Title: "Engineer", Location: "London", Country: "CA", Region: "ON"},
			func(l jobstats.Listing) string {
				if l.Country != "CA" || l.Region != "ON" || l.City != "" {
					return "want the source's CA/ON kept and no city from another country"
				}
				return ""
			}},
		{"hybrid", jobstats.Listing{Title: "Engineer", Location: "Hybrid – Amsterdam"},
			func(l jobstats.Listing) string {
				if l.Workplace != jobstats.WorkplaceHybrid || l.City != "Amsterdam" || l.RemoteScope != "" {
					return "want hybrid Amsterdam"
				}
				return ""
			}},
		{"day rate is a contract", jobstats.Listing{Title: "Data Engineer", Location: "London", SalaryText: "£550 - £650 per day"},
			func(l jobstats.Listing) string {
				if l.EmploymentType != jobstats.EmploymentContract {
					return "want contract"
				}
				return ""
			}},
		{"label normalized", jobstats.Listing{Title: "Data Engineer", EmploymentType: "FULL_TIME", Description: "3+ years of experience with SQL"},
			func(l jobstats.Listing) string {
				if l.EmploymentType != jobstats.EmploymentFullTime || l.ExperienceYears != 3 {
					return "want full_time and 3 years"
				}
				return ""
			}},
		{"skills not from the title", jobstats.Listing{Title: "DevOps Engineer", Description: "Requirements\n- DevOps mindset\n- Terraform"},
			func(l jobstats.Listing) string {
				if len(l.Skills) != 1 || l.Skills[0] != "Terraform" {
					return "want only Terraform"
				}
				return ""
			}},
	} {
		t.Run(c.name, func(t *testing.T) {
			l := c.in
			parse.Enrich(&l, parse.EnrichOptions{})
			if msg := c.want(l); msg != "" {
				t.Errorf("%s: got country %q region %q city %q workplace %q scope %q type %q years %d skills %v salary %+v",
					msg, l.Country, l.Region, l.City, l.Workplace, l.RemoteScope, l.EmploymentType, l.ExperienceYears, l.Skills, l.Salary)
			}
			// Enrich is idempotent.
			again := l
			parse.Enrich(&again, parse.EnrichOptions{})
			if again.Country != l.Country || again.EmploymentType != l.EmploymentType || again.RemoteScope != l.RemoteScope {
				t.Errorf("a second Enrich changed the listing: %+v", again)
			}
		})
	}
}

func TestRemoteScopeIn(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"This role is remote within the US.", "US"},
		{"We are fully remote in Canada and pay in CAD.", "CA"},
		{"You can work from anywhere in Europe (CET ± 2h).", jobstats.RemoteEurope},
		{"Candidates must be based in the United Kingdom.", "GB"},
		{"Open to applicants located in the EU.", jobstats.RemoteEU},
		{"You can work from anywhere in the world.", jobstats.RemoteWorldwide},
		{"US-based candidates only.", "US"},
		{"Remote in the US and Canada.", jobstats.RemoteNorthAmerica},
		{"Remote within the US. Candidates must be based in Germany.", ""},
		{"We are a remote-first company.", ""},
		{"Our offices are in London.", ""},
		{"", ""},
	} {
		got, ok := parse.RemoteScopeIn(c.text)
		if got != c.want || ok != (c.want != "") {
			t.Errorf("RemoteScopeIn(%q) = %q, %v, want %q", c.text, got, ok, c.want)
		}
	}
}
