package stats

import (
	"strings"

	"github.com/jobstats/jobstats"
)

// PayType says which figures a listing's pay belongs to.
type PayType string

// Pay types.
const (
	// PaySalaried: full-time, part-time, or of unknown employment type. Its
	// pay makes the headline salary figures, annualized (part-time pay
	// quoted per hour or day counts as its full-time equivalent).
	PaySalaried PayType = "salaried"
	// PayContract: contract, freelance or temporary work, and pay quoted
	// per day by a listing of unknown type (a day rate is a contractor's).
	// Its rates are reported apart, per period, never annualized into the
	// salary figures.
	PayContract PayType = "contract"
	// PayInternship: internships, and listings of unknown type at the
	// intern level. Their pay is reported apart.
	PayInternship PayType = "internship"
)

// PayTypeOf returns the pay type of l, from its employment type
// (EmploymentOf), its level and the period of its pay.
func PayTypeOf(l *jobstats.Listing) PayType {
	return payTypeOf(EmploymentOf(l.EmploymentType), l.Seniority == jobstats.SeniorityIntern,
		l.Salary != nil && l.Salary.Period == jobstats.PeriodDay)
}

// payTypeOf is the rule of PayTypeOf on what it reads: the normalized
// employment type, whether the level is intern, and whether the pay is
// stated per day.
func payTypeOf(employment string, intern, perDay bool) PayType {
	switch employment {
	case jobstats.EmploymentContract, jobstats.EmploymentFreelance, jobstats.EmploymentTemporary:
		return PayContract
	case jobstats.EmploymentInternship:
		return PayInternship
	case "":
		if intern {
			return PayInternship
		}
		if perDay {
			return PayContract
		}
	}
	return PaySalaried
}

// EmploymentOf returns the normalized employment type (one of the
// jobstats.Employment* constants) of a listing's EmploymentType, or ""
// when it is unknown. Listing understanding stores the normalized value;
// this also reads labels stored before it did: the schema.org values
// (FULL_TIME, CONTRACTOR, INTERN, ...) and the constants written with
// other case or separators ("Full-time", "Part Time"). The first known
// label of a list ("FULL_TIME, PART_TIME") wins.
func EmploymentOf(s string) string {
	switch s {
	case "", jobstats.EmploymentFullTime, jobstats.EmploymentPartTime, jobstats.EmploymentContract,
		jobstats.EmploymentTemporary, jobstats.EmploymentInternship, jobstats.EmploymentFreelance:
		return s // the common case, without a scan
	}
	for part := range strings.SplitSeq(s, ",") {
		part = strings.TrimSpace(part)
		for _, t := range employmentLabels {
			if labelEqual(part, t.label) {
				return t.value
			}
		}
	}
	return ""
}

// employmentLabels are the labels EmploymentOf reads, written with "_".
var employmentLabels = []struct{ label, value string }{
	{jobstats.EmploymentFullTime, jobstats.EmploymentFullTime},
	{jobstats.EmploymentPartTime, jobstats.EmploymentPartTime},
	{jobstats.EmploymentContract, jobstats.EmploymentContract},
	{"contractor", jobstats.EmploymentContract},
	{jobstats.EmploymentTemporary, jobstats.EmploymentTemporary},
	{jobstats.EmploymentInternship, jobstats.EmploymentInternship},
	{"intern", jobstats.EmploymentInternship},
	{jobstats.EmploymentFreelance, jobstats.EmploymentFreelance},
}

// labelEqual reports whether s is label without regard to ASCII case,
// reading "-" and " " in s as "_".
func labelEqual(s, label string) bool {
	if len(s) != len(label) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '-' || c == ' ':
			c = '_'
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		}
		if c != label[i] {
			return false
		}
	}
	return true
}
