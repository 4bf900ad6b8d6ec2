package parse

import (
	"strings"

	"github.com/jobstats/jobstats"
)

// EnrichOptions tune Enrich.
type EnrichOptions struct {
	// Aliases merges roles: a canonical role (the key, matched without
	// regard to case) is reported as the value. From config roles.aliases.
	Aliases map[string]string
	// DefaultCurrency is assumed for text salaries that name none beyond "$"
	// or a bare number; "" assumes nothing.
	DefaultCurrency string
}

// Enrich fills the understood fields of a scraped listing in place:
//   - Salary from SalaryText, then from the description, when the source
//     gave no usable structured pay (a source's structured pay always wins);
//   - Degree from the structured DegreeText first, the description otherwise;
//   - Role and Seniority from the title, the seniority falling back to the
//     years of experience the description asks for, then to mid;
//   - Skills from title and description, Certifications from the description.
//
// Fields a source already set (Degree, Role, Seniority) are kept.
func Enrich(l *jobstats.Listing, opts EnrichOptions) {
	enrichSalary(l, opts.DefaultCurrency)
	enrichDegree(l)

	if l.Role == "" || l.Seniority == "" {
		role, level := Title(l.Title)
		if l.Role == "" {
			if role == "" {
				role = jobstats.TrimSpace(l.Title)
			}
			l.Role = alias(role, opts.Aliases)
		}
		if l.Seniority == "" {
			if level == "" {
				if y, ok := SeniorityFromYears(l.Description); ok {
					level = y
				} else {
					level = jobstats.SeniorityMid
				}
			}
			l.Seniority = level
		}
	}
	if l.Skills == nil {
		text := l.Title
		if l.Description != "" {
			text += "\n" + l.Description
		}
		l.Skills = Skills(text)
	}
	if l.Certifications == nil {
		l.Certifications = Certifications(l.Description)
	}
}

func enrichSalary(l *jobstats.Listing, defaultCurrency string) {
	if l.Salary.Valid() {
		return
	}
	for _, text := range [...]string{l.SalaryText, l.Description} {
		if text == "" {
			continue
		}
		if m, ok := SalaryIn(text, defaultCurrency); ok {
			s := m.Salary
			// A structured field with amounts but no period or currency
			// still says more about the amounts than text does; text only
			// fills what it lacks.
			if st := l.Salary; st != nil && (st.Min > 0 || st.Max > 0) {
				if st.Currency == "" {
					st.Currency = s.Currency
				}
				if st.Period == jobstats.PeriodUnknown {
					st.Period, st.PeriodInferred = s.Period, s.PeriodInferred
				}
				if st.Valid() {
					return
				}
			}
			l.Salary = &s
			return
		}
	}
}

func enrichDegree(l *jobstats.Listing) {
	if l.Degree != jobstats.DegreeUnknown {
		return
	}
	if l.DegreeText != "" {
		if d, ok := DegreeCredential(l.DegreeText); ok {
			l.Degree = d
			return
		}
		if d := Degree(l.DegreeText); d != jobstats.DegreeUnknown {
			l.Degree = d
			return
		}
	}
	l.Degree = Degree(l.Description)
}

func alias(role string, aliases map[string]string) string {
	if len(aliases) == 0 {
		return role
	}
	if to, ok := aliases[role]; ok {
		return to
	}
	for from, to := range aliases {
		if strings.EqualFold(from, role) {
			return to
		}
	}
	return role
}
