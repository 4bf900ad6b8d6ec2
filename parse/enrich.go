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
//   - Country, Region, City, RemoteScope and an unknown Workplace from
//     the Location text (see enrichLocation);
//   - Salary from SalaryText, then from the description, when the source
//     gave no usable structured pay (a source's structured pay always wins);
//     amounts written without a currency are taken to be in
//     opts.DefaultCurrency, else in the currency of the listing's country;
//   - Degree from the structured DegreeText first, the description otherwise;
//   - Role and Seniority from the title, the seniority falling back to the
//     years of experience the description asks for, then to mid;
//   - EmploymentType normalized to a jobstats.Employment* value or ""
//     (see Employment: the source's label, the title, the description,
//     a day rate);
//   - ExperienceYears from the description (ExperienceYears);
//   - Skills from what the description asks for, never from the title or
//     the company's paragraphs (JobSkills); Certifications from the
//     description;
//   - Fingerprint and Simhash, by which cross-posts and reposts are found.
//
// Fields a source already set (Degree, Role, Seniority, the location
// fields, ExperienceYears) are kept.
func Enrich(l *jobstats.Listing, opts EnrichOptions) {
	enrichLocation(l)
	def := opts.DefaultCurrency
	if def == "" {
		// Bare amounts are in the money of the country the job is in: a
		// bare "10,000+" in a UK posting is pounds a year, not a monthly
		// figure in an unknown currency.
		def = CountryCurrency(l.Country)
	}
	enrichSalary(l, def)
	enrichDegree(l)
	l.EmploymentType = Employment(l.EmploymentType, l.Title, l.Description, l.Salary)
	// The years asked are read once, for ExperienceYears and, failing a
	// level in the title, the seniority.
	years, hasYears := l.ExperienceYears, l.ExperienceYears > 0
	if !hasYears {
		years, hasYears = ExperienceYears(l.Description)
		l.ExperienceYears = years
	}

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
				if hasYears {
					level = seniorityOfYears(years)
				} else {
					level = jobstats.SeniorityMid
				}
			}
			l.Seniority = level
		}
	}
	if l.Fingerprint == 0 {
		l.Fingerprint = jobstats.Fingerprint(l.Company, l.Role, l.Location)
	}
	if l.Simhash == 0 {
		l.Simhash = jobstats.Simhash(l.Description)
	}
	if l.Skills == nil {
		l.Skills = JobSkills(l.Title, l.Description)
	}
	if l.Certifications == nil {
		l.Certifications = Certifications(l.Description)
	}
}

func enrichSalary(l *jobstats.Listing, defaultCurrency string) {
	if st := l.Salary; st != nil && st.Period == jobstats.PeriodUnknown && st.Currency != "" && (st.Min > 0 || st.Max > 0) {
		// A structured amount without a unit (a bare baseSalary number):
		// infer the period as for text, and say so.
		ref := st.Max
		if ref <= 0 {
			ref = st.Min
		}
		st.Period, st.PeriodInferred = InferPeriod(ref.Units(), st.Currency), true
	}
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

// enrichDegree classifies the degree requirement. A structured statement
// (JSON-LD educationRequirements) comes first, but a credential category
// cannot hedge: when it names a degree and the description qualifies the
// requirement (or equivalent experience, preferred, not required), the
// description's more precise reading wins.
func enrichDegree(l *jobstats.Listing) {
	if l.Degree != jobstats.DegreeUnknown {
		return
	}
	var structured jobstats.Degree
	if l.DegreeText != "" {
		if d, ok := DegreeCredential(l.DegreeText); ok {
			structured = d
		} else {
			structured = Degree(l.DegreeText)
		}
	}
	// Only a structured statement that is itself hedged (equivalent,
	// preferred) stands alone. A required degree, or a school-level
	// credential (not_required), yields to what the description says
	// about a degree, since the category cannot express either nuance.
	if structured == jobstats.DegreeEquivalent || structured == jobstats.DegreePreferred {
		l.Degree = structured
		return
	}
	text := Degree(l.Description)
	if text == jobstats.DegreeUnknown {
		text = structured
	}
	l.Degree = text
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

// enrichLocation fills the location fields a source left empty from the
// Location text: a listing known to be remote reads it as where its
// applicants may live (RemoteLocation), any other as where the job is
// (Location), whose remote or hybrid words also settle an unknown
// Workplace. A remote listing whose scope is still unknown takes it from
// a plain statement in the description (RemoteScopeIn). Region and City
// are taken only for the country the listing is in; RemoteScope stays
// empty unless the listing is remote.
func enrichLocation(l *jobstats.Listing) {
	var p Place
	if l.Workplace == jobstats.WorkplaceRemote {
		p = RemoteLocation(l.Location)
	} else {
		p = Location(l.Location)
		if l.Workplace == jobstats.WorkplaceUnknown {
			l.Workplace = p.Workplace()
		}
	}
	if l.Country == "" {
		l.Country = p.Country
	}
	if l.Country != "" && l.Country == p.Country {
		if l.Region == "" {
			l.Region = p.Region
		}
		if l.City == "" && (l.Region == "" || l.Region == p.Region) {
			l.City = p.City
		}
	}
	if l.Workplace != jobstats.WorkplaceRemote {
		l.RemoteScope = ""
		return
	}
	if l.RemoteScope == "" {
		l.RemoteScope = p.RemoteScope
	}
	if l.RemoteScope == "" {
		if scope, ok := RemoteScopeIn(l.Description); ok {
			l.RemoteScope = scope
		}
	}
	if l.Country == "" && len(l.RemoteScope) == 2 && CountryName(l.RemoteScope) != "" {
		l.Country = l.RemoteScope
	}
}
