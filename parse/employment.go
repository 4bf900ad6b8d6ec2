package parse

import (
	"strings"

	"github.com/jobstats/jobstats"
)

// EmploymentType normalizes a source's employment label to one of the
// jobstats.Employment* values, "" when it names none: "Full-time",
// "FULL_TIME", "Permanent", "Vollzeit", "Festanstellung", "CDI" are
// full-time; "Part-time", "Teilzeit" part-time; "Contract", "CONTRACTOR",
// "Contract to hire", "1099", "B2B", "Interim" contract; "Temporary",
// "Fixed term", "Befristet", "Seasonal", "PER_DIEM" temporary; "Intern",
// "Internship", "Werkstudent", "Praktikum", "Working student", "Co-op",
// "Apprenticeship", "Traineeship" internship; "Freelance", "Freiberuflich",
// "Self-employed" freelance. A label listing several ("Full-time, fixed
// term", "FULL_TIME, CONTRACTOR") is read by its first known part, except
// that an internship anywhere wins ("Part-time, Internship"). "Other",
// "Volunteer" and unknown words give "".
func EmploymentType(label string) string {
	if label == "" {
		return ""
	}
	first := ""
	for part := range strings.FieldsFuncSeq(label, func(r rune) bool { return r == ',' || r == '/' || r == ';' || r == '|' || r == '&' }) {
		t := employmentLabelKind(part)
		if t == jobstats.EmploymentInternship {
			return t
		}
		if first == "" {
			first = t
		}
	}
	return first
}

// employmentLabels maps folded labels to types; a label is folded to lower
// case with "_" and "-" read as spaces.
var employmentLabels = map[string]string{
	"full time": jobstats.EmploymentFullTime, "fulltime": jobstats.EmploymentFullTime, "ft": jobstats.EmploymentFullTime,
	"permanent": jobstats.EmploymentFullTime, "permanent full time": jobstats.EmploymentFullTime,
	"full time permanent": jobstats.EmploymentFullTime, "regular": jobstats.EmploymentFullTime,
	"regular full time": jobstats.EmploymentFullTime, "employee": jobstats.EmploymentFullTime,
	"full time employee": jobstats.EmploymentFullTime, "salaried": jobstats.EmploymentFullTime,
	"vollzeit": jobstats.EmploymentFullTime, "festanstellung": jobstats.EmploymentFullTime,
	"unbefristet": jobstats.EmploymentFullTime, "cdi": jobstats.EmploymentFullTime,
	"temps plein": jobstats.EmploymentFullTime, "tiempo completo": jobstats.EmploymentFullTime,
	"jornada completa": jobstats.EmploymentFullTime, "tempo integral": jobstats.EmploymentFullTime,
	"full or part time": jobstats.EmploymentFullTime, "fulltime permanent": jobstats.EmploymentFullTime,
	"full time or part time": jobstats.EmploymentFullTime, "w2": jobstats.EmploymentFullTime,

	"part time": jobstats.EmploymentPartTime, "parttime": jobstats.EmploymentPartTime, "pt": jobstats.EmploymentPartTime,
	"teilzeit": jobstats.EmploymentPartTime, "temps partiel": jobstats.EmploymentPartTime,
	"tiempo parcial": jobstats.EmploymentPartTime, "medio tiempo": jobstats.EmploymentPartTime,
	"media jornada": jobstats.EmploymentPartTime, "minijob": jobstats.EmploymentPartTime,
	"part time permanent": jobstats.EmploymentPartTime, "parttime permanent": jobstats.EmploymentPartTime,

	"contract": jobstats.EmploymentContract, "contractor": jobstats.EmploymentContract,
	"contract to hire": jobstats.EmploymentContract, "contract to perm": jobstats.EmploymentContract,
	"c2h": jobstats.EmploymentContract, "c2c": jobstats.EmploymentContract, "corp to corp": jobstats.EmploymentContract,
	"1099": jobstats.EmploymentContract, "b2b": jobstats.EmploymentContract, "interim": jobstats.EmploymentContract,
	"contracting": jobstats.EmploymentContract, "w2 contract": jobstats.EmploymentContract,
	"contractual": jobstats.EmploymentContract, "contract role": jobstats.EmploymentContract,

	"temporary": jobstats.EmploymentTemporary, "temp": jobstats.EmploymentTemporary,
	"fixed term": jobstats.EmploymentTemporary, "fixed term contract": jobstats.EmploymentTemporary,
	"befristet": jobstats.EmploymentTemporary, "cdd": jobstats.EmploymentTemporary,
	"seasonal": jobstats.EmploymentTemporary, "per diem": jobstats.EmploymentTemporary,
	"temp to perm": jobstats.EmploymentTemporary, "temporary to permanent": jobstats.EmploymentTemporary,
	"casual": jobstats.EmploymentTemporary, "zeitarbeit": jobstats.EmploymentTemporary,

	"intern": jobstats.EmploymentInternship, "internship": jobstats.EmploymentInternship,
	"werkstudent": jobstats.EmploymentInternship, "werkstudentin": jobstats.EmploymentInternship,
	"working student": jobstats.EmploymentInternship, "praktikum": jobstats.EmploymentInternship,
	"praktikant": jobstats.EmploymentInternship, "pflichtpraktikum": jobstats.EmploymentInternship,
	"co op": jobstats.EmploymentInternship, "coop": jobstats.EmploymentInternship,
	"apprenticeship": jobstats.EmploymentInternship, "apprentice": jobstats.EmploymentInternship,
	"ausbildung": jobstats.EmploymentInternship, "traineeship": jobstats.EmploymentInternship,
	"stage": jobstats.EmploymentInternship, "stagiaire": jobstats.EmploymentInternship,
	"alternance": jobstats.EmploymentInternship, "pasantia": jobstats.EmploymentInternship,
	"practicas": jobstats.EmploymentInternship, "estagio": jobstats.EmploymentInternship,
	"student": jobstats.EmploymentInternship, "graduate internship": jobstats.EmploymentInternship,

	"freelance": jobstats.EmploymentFreelance, "freelancer": jobstats.EmploymentFreelance,
	"freiberuflich": jobstats.EmploymentFreelance, "freie mitarbeit": jobstats.EmploymentFreelance,
	"self employed": jobstats.EmploymentFreelance, "independent contractor": jobstats.EmploymentFreelance,
	"gig": jobstats.EmploymentFreelance, "auto entrepreneur": jobstats.EmploymentFreelance,
	"freelance contract": jobstats.EmploymentFreelance, "freelance project": jobstats.EmploymentFreelance,
}

// employmentLabelKind reads one label.
func employmentLabelKind(label string) string {
	k := employmentFold(label)
	if t, ok := employmentLabels[k]; ok {
		return t
	}
	// "Full-time (40h)", "Contract (6 months)", "Permanent - Full time".
	if i := strings.IndexAny(k, "("); i > 0 {
		if t, ok := employmentLabels[strings.TrimSpace(k[:i])]; ok {
			return t
		}
	}
	for _, sep := range []string{" or ", " oder "} {
		if a, _, ok := strings.Cut(k, sep); ok {
			if t, ok := employmentLabels[strings.TrimSpace(a)]; ok {
				return t
			}
		}
	}
	return ""
}

// employmentFold lowers a label, reads "_" and "-" as spaces, folds the
// accents of the labels above and collapses spaces.
func employmentFold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := true
	for _, r := range s {
		switch {
		case r == '_' || r == '-' || r == ' ' || r == '\t' || r == '.' || r == '\u00a0':
			if !space {
				b.WriteByte(' ')
				space = true
			}
			continue
		case r >= 'A' && r <= 'Z':
			r += 'a' - 'A'
		case r >= 0x80:
			if f, ok := locFoldTable[r]; ok {
				b.WriteString(f)
				space = false
				continue
			}
		}
		b.WriteRune(r)
		space = false
	}
	return strings.TrimSpace(b.String())
}

// EmploymentFromTitle reads an employment type written in a job title:
// "Software Engineering Intern", "Werkstudent Backend", "Backend Engineer
// (Contract)", "Contract Software Engineer", "Contractor - Data Analyst",
// "Freelance Designer", "Part-time Tutor", "Temporary Receptionist",
// "12 Month Fixed Term Contract". It returns "" when the title states
// none. A title about contracts is no contract job: "Smart Contract
// Engineer", "Contract Manager", "Contracts Administrator".
func EmploymentFromTitle(title string) string {
	if title == "" {
		return ""
	}
	if len(title) > titleMaxLen {
		title = title[:titleMaxLen]
	}
	if _, level := Title(title); level == jobstats.SeniorityIntern {
		return jobstats.EmploymentInternship
	}
	ws := employmentWords(title)
	for i, w := range ws {
		prev, next := "", ""
		if i > 0 {
			prev = ws[i-1]
		}
		if i+1 < len(ws) {
			next = ws[i+1]
		}
		switch w {
		case "contract", "contracts":
			if prev == "smart" || employmentContractRoles[next] || w == "contracts" {
				continue
			}
			if next == "to" && i+2 < len(ws) && (ws[i+2] == "hire" || ws[i+2] == "perm") {
				return jobstats.EmploymentContract
			}
			return jobstats.EmploymentContract
		case "contractor", "c2h", "1099":
			if prev == "government" || prev == "defense" || prev == "general" || employmentContractRoles[next] {
				continue
			}
			return jobstats.EmploymentContract
		case "freelance", "freelancer", "freiberuflich":
			return jobstats.EmploymentFreelance
		case "part":
			if next == "time" {
				return jobstats.EmploymentPartTime
			}
		case "parttime", "teilzeit":
			return jobstats.EmploymentPartTime
		case "temporary", "temp", "seasonal", "befristet":
			return jobstats.EmploymentTemporary
		case "fixed":
			if next == "term" {
				return jobstats.EmploymentTemporary
			}
		case "full":
			if next == "time" {
				return jobstats.EmploymentFullTime
			}
		case "fulltime", "vollzeit", "permanent":
			return jobstats.EmploymentFullTime
		}
	}
	return ""
}

// employmentContractRoles follow "Contract" in titles of jobs about
// contracts rather than contract jobs.
var employmentContractRoles = map[string]bool{
	"manager": true, "managers": true, "specialist": true, "administrator": true, "admin": true,
	"analyst": true, "negotiator": true, "lawyer": true, "attorney": true, "counsel": true,
	"coordinator": true, "officer": true, "associate": true, "paralegal": true, "management": true,
	"administration": true, "lead": true, "director": true, "review": true, "reviewer": true,
	"law": true, "compliance": true, "auditor": true, "audit": true, "engineer": true,
}

// employmentWords lowers a text into words of letters and digits.
func employmentWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r >= 0x80)
	})
}

// EmploymentFromText reads an employment type that a description states
// plainly, and reports false when it states none or states several
// ("full-time or part-time"). It reads:
//   - "This is a 6-month contract", "an initial 12 month contract",
//     "contract to hire", "Outside IR35", "day rate", "1099", "corp to
//     corp", "B2B contract": contract;
//   - "This is a full-time (permanent) position", "This is a permanent
//     role", "Festanstellung", "unbefristet": full-time;
//   - "This is a part-time role", "This position is part-time": part-time;
//   - "This is a freelance role", "freelance basis": freelance;
//   - "fixed-term contract", "This is a temporary position", "maternity
//     cover": temporary;
//   - "This internship", "This is a paid internship", "Werkstudent":
//     internship.
//
// "Smart contract" never counts, nor does a word without one of these
// frames ("our contract with the client", "we offer internships").
func EmploymentFromText(description string) (string, bool) {
	if description == "" {
		return "", false
	}
	lower := strings.ToLower(description)
	found := ""
	several := false
	note := func(t string) {
		switch {
		case found == "":
			found = t
		case found != t:
			several = true
		}
	}
	for _, p := range employmentPhrases {
		for i := 0; ; {
			j := strings.Index(lower[i:], p.phrase)
			if j < 0 {
				break
			}
			at := i + j
			i = at + len(p.phrase)
			if p.check != nil && !p.check(lower, at, i) {
				continue
			}
			note(p.kind)
			break
		}
	}
	if found == "" || several {
		return "", false
	}
	return found, true
}

// employmentPhrase is a statement of employment type in a description.
type employmentPhrase struct {
	phrase string
	kind   string
	check  func(s string, start, end int) bool
}

var employmentPhrases = []employmentPhrase{
	{"contract to hire", jobstats.EmploymentContract, nil},
	{"contract-to-hire", jobstats.EmploymentContract, nil},
	{"outside ir35", jobstats.EmploymentContract, nil},
	{"inside ir35", jobstats.EmploymentContract, nil},
	{"day rate", jobstats.EmploymentContract, employmentNotSmart},
	{"daily rate", jobstats.EmploymentContract, nil},
	{"corp-to-corp", jobstats.EmploymentContract, nil},
	{"corp to corp", jobstats.EmploymentContract, nil},
	{"1099 contract", jobstats.EmploymentContract, nil},
	{"b2b contract", jobstats.EmploymentContract, nil},
	{"month contract", jobstats.EmploymentContract, employmentMonthContract},
	{"months contract", jobstats.EmploymentContract, employmentMonthContract},
	{"week contract", jobstats.EmploymentContract, employmentMonthContract},
	{"contract role", jobstats.EmploymentContract, employmentStatement},
	{"contract position", jobstats.EmploymentContract, employmentStatement},
	{"contract assignment", jobstats.EmploymentContract, nil},
	{"contract engagement", jobstats.EmploymentContract, nil},
	{"contractor role", jobstats.EmploymentContract, employmentStatement},
	{"contractor position", jobstats.EmploymentContract, employmentStatement},
	{"full-time position", jobstats.EmploymentFullTime, employmentStatement},
	{"full-time role", jobstats.EmploymentFullTime, employmentStatement},
	{"full time position", jobstats.EmploymentFullTime, employmentStatement},
	{"full time role", jobstats.EmploymentFullTime, employmentStatement},
	{"full-time, permanent", jobstats.EmploymentFullTime, employmentStatement},
	{"permanent position", jobstats.EmploymentFullTime, employmentStatement},
	{"permanent role", jobstats.EmploymentFullTime, employmentStatement},
	{"permanent, full-time", jobstats.EmploymentFullTime, employmentStatement},
	{"festanstellung", jobstats.EmploymentFullTime, nil},
	{"unbefristet", jobstats.EmploymentFullTime, nil},
	{"part-time position", jobstats.EmploymentPartTime, employmentStatement},
	{"part-time role", jobstats.EmploymentPartTime, employmentStatement},
	{"part time position", jobstats.EmploymentPartTime, employmentStatement},
	{"part time role", jobstats.EmploymentPartTime, employmentStatement},
	{"position is part-time", jobstats.EmploymentPartTime, nil},
	{"role is part-time", jobstats.EmploymentPartTime, nil},
	{"freelance role", jobstats.EmploymentFreelance, employmentStatement},
	{"freelance position", jobstats.EmploymentFreelance, employmentStatement},
	{"freelance basis", jobstats.EmploymentFreelance, nil},
	{"freelance project", jobstats.EmploymentFreelance, employmentStatement},
	{"fixed-term contract", jobstats.EmploymentTemporary, nil},
	{"fixed term contract", jobstats.EmploymentTemporary, nil},
	{"temporary position", jobstats.EmploymentTemporary, employmentStatement},
	{"temporary role", jobstats.EmploymentTemporary, employmentStatement},
	{"maternity cover", jobstats.EmploymentTemporary, nil},
	{"maternity leave cover", jobstats.EmploymentTemporary, nil},
	{"this internship", jobstats.EmploymentInternship, nil},
	{"paid internship", jobstats.EmploymentInternship, employmentStatement},
	{"summer internship", jobstats.EmploymentInternship, employmentStatement},
	{"internship program", jobstats.EmploymentInternship, employmentStatement},
	{"werkstudent", jobstats.EmploymentInternship, nil},
	{"pflichtpraktikum", jobstats.EmploymentInternship, nil},
}

// employmentStatement accepts a phrase that the text says of this job:
// "this is a full-time position", "this role is a permanent position",
// "we are hiring for a contract role", "(full-time position)", a line of
// its own; not "we also offer part-time positions" or "previous
// contract roles".
func employmentStatement(s string, start, end int) bool {
	before := strings.TrimRight(s[max(0, start-40):start], " ")
	if before == "" {
		return true
	}
	for _, w := range []string{"this is a", "this is an", "is a", "is an", "this", "for a", "for an", "hiring a",
		"hiring an", "as a", "as an", "offering a", "or a", "or an", "(", "\n", "- ", ":", "it's a", "it is a"} {
		if strings.HasSuffix(before, w) {
			return true
		}
	}
	// An adjective may stand between: "This is a remote, full-time
	// position", "This is a 12-month full-time role".
	if i := strings.LastIndexAny(before, ".\n"); i >= 0 {
		before = before[i+1:]
	}
	before = strings.TrimSpace(before)
	for _, w := range []string{"this is a ", "this is an ", "this role is a ", "this position is a ", "we are hiring a ", "we're hiring a "} {
		if strings.HasPrefix(before, w) && len(before)-len(w) < 25 && !strings.ContainsAny(before[len(w):], ".;") {
			return true
		}
	}
	return false
}

// employmentMonthContract accepts "6-month contract", "12 month contract",
// "six month contract", "an initial 3 months contract": a length right
// before, and not a smart contract.
func employmentMonthContract(s string, start, end int) bool {
	before := strings.TrimRight(s[max(0, start-16):start], " -")
	if before == "" {
		return false
	}
	last := before[len(before)-1]
	if last >= '0' && last <= '9' {
		return true
	}
	for _, w := range titleYearsWords {
		if strings.HasSuffix(before, w.w) {
			return true
		}
	}
	return false
}

// employmentNotSmart rejects a phrase in a smart-contract context.
func employmentNotSmart(s string, start, end int) bool {
	before := s[max(0, start-24):start]
	return !strings.Contains(before, "smart")
}

// Employment normalizes a listing's employment type from what the
// listing says, strongest evidence first: the source's label
// (EmploymentType), then the title (EmploymentFromTitle), then a plain
// statement in the description (EmploymentFromText). Without any of
// these, a salary paid by the day makes it a contract: in the markets
// that quote day rates (the UK and Europe above all) they are what
// contractors are paid, while employees are paid by the year, month or
// hour, so a day rate alone is strong evidence. It returns "" when
// nothing says.
func Employment(label, title, description string, salary *jobstats.Salary) string {
	if t := EmploymentType(label); t != "" {
		return t
	}
	if t := EmploymentFromTitle(title); t != "" {
		return t
	}
	if t, ok := EmploymentFromText(description); ok {
		return t
	}
	if salary != nil && salary.Period == jobstats.PeriodDay && !salary.PeriodInferred {
		return jobstats.EmploymentContract
	}
	return ""
}
