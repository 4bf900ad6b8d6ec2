package demo

import (
	"time"

	"github.com/jobstats/jobstats"
)

// Job is one posting on the board as the generator meant it: the ground
// truth a crawl of the board, and the understanding applied to it, can be
// checked against.
type Job struct {
	// ID is the board's job id, the last segment of the page URL /job/ID.
	ID string
	// Title is the title exactly as the page writes it, level words, team,
	// remote and gender tags included ("Sr. Back-end Engineer (Remote)").
	Title string
	// Company is the hiring organization's name.
	Company string
	// Location is the display location: "Berlin, Germany",
	// "Austin, TX, United States", or "Remote (United States)" for remote jobs.
	Location string
	// Country is the ISO 3166-1 alpha-2 code of the job's country, "" for
	// remote jobs open to a region (the EU, or worldwide). The JSON-LD
	// carries it as jobLocation.address.addressCountry, or for remote jobs
	// as the name of the applicantLocationRequirements Country.
	Country string
	// Region is the ISO 3166-2 subdivision code, without the country
	// prefix, of the job's state or province ("CA", "BY" for Bayern); ""
	// when the page names none. The JSON-LD addressRegion writes it as
	// local boards do: a code ("CA") or a name ("Bayern", "Karnataka").
	Region string
	// City is the common English name of the job's city ("Munich"), which
	// the page's addressLocality may write locally ("München"); "" for
	// remote jobs.
	City string
	// Remote is true for fully remote jobs (JSON-LD jobLocationType TELECOMMUTE).
	Remote bool
	// RemoteScope is, for a remote job, where applicants may live: the
	// country code, jobstats.RemoteEU or jobstats.RemoteWorldwide (JSON-LD
	// applicantLocationRequirements); "" for jobs that are not remote.
	RemoteScope string
	// EmploymentType is the schema.org value: FULL_TIME, PART_TIME,
	// CONTRACTOR, TEMPORARY or INTERN.
	EmploymentType string
	// Employment is EmploymentType normalized: one of the
	// jobstats.Employment* constants.
	Employment string
	// Posted is the datePosted instant in UTC (midnight UTC when the page
	// gives only a date).
	Posted time.Time
	// Description is the JSON-LD description as plain text: one line per
	// paragraph, heading or list item, list items prefixed "- ", no blank
	// lines (the shape scraper's HTML-to-text conversion produces).
	Description string
	// SalaryText is the pay phrase written in the description
	// ("$120k–$150k + equity"), "" when the description states no pay.
	// Pay is in the text only when SalaryText is set and Structured is nil.
	SalaryText string
	// TextPay is what SalaryText means; nil when SalaryText is "". An open
	// bound ("up to £90,000 p.a.") is 0. Unit is the period the text states,
	// or the one a reader infers when it states none ("18 000 – 24 000 zł"
	// is MONTH).
	TextPay *Pay
	// Structured is the JSON-LD baseSalary; nil when the page has none.
	Structured *Pay
	// Education is the JSON-LD educationRequirements value (the string, or
	// the credentialCategory of an EducationalOccupationalCredential); ""
	// when the page has none.
	Education string
	// Malformed is true for the few pages whose JSON-LD is broken on
	// purpose; a crawler extracts nothing from them and counts them failed.
	Malformed bool

	// Role is the canonical role the title was written from ("Backend Engineer").
	Role string
	// Level is the intended seniority: the title's level word when it has
	// one, else the one the stated years of experience imply (0-2 junior,
	// 3-4 mid, 5-7 senior), else mid.
	Level jobstats.Seniority
	// LevelInTitle is true when the title carries a level word.
	LevelInTitle bool
	// Degree is the description's stance on a university degree.
	// DegreeUnknown when it says nothing. A listing that asks only for a
	// high school diploma does not require a degree: DegreeNotRequired with
	// HighSchool set.
	Degree jobstats.Degree
	// DegreeLang is the language of the degree statement: "en", "de" or
	// "pt"; "" when there is none.
	DegreeLang string
	// HighSchool is true when the only education asked for is a high school
	// diploma.
	HighSchool bool
	// Skills are the canonical names of the technologies the description
	// asks for, sorted ("Go" also when written "Golang").
	Skills []string
	// Certifications are the certifications the description names, sorted.
	Certifications []string
}

// Market returns the market the job's figures belong to, as
// jobstats.Listing.Market computes it from the understood place.
func (j *Job) Market() string {
	l := jobstats.Listing{Country: j.Country, RemoteScope: j.RemoteScope}
	if j.Remote {
		l.Workplace = jobstats.WorkplaceRemote
	}
	return l.Market()
}

// Pay returns the pay the job states: the structured pay when the page has
// it, else what its text says; nil when it states none.
func (j *Job) Pay() *Pay {
	if j.Structured != nil {
		return j.Structured
	}
	return j.TextPay
}

// Pay is an amount range in one currency for one period.
type Pay struct {
	// Min and Max are in whole currency units; 0 is an open bound. A single
	// value has Min == Max.
	Min, Max float64
	// Currency is the ISO 4217 code.
	Currency string
	// Unit is the schema.org unitText: HOUR, DAY, WEEK, MONTH or YEAR; ""
	// when the page gives an amount with no unit (a bare number).
	Unit string
}

// Period returns the Unit as a jobstats.Period, PeriodUnknown when Unit is "".
func (p Pay) Period() jobstats.Period {
	switch p.Unit {
	case "HOUR":
		return jobstats.PeriodHour
	case "DAY":
		return jobstats.PeriodDay
	case "WEEK":
		return jobstats.PeriodWeek
	case "MONTH":
		return jobstats.PeriodMonth
	case "YEAR":
		return jobstats.PeriodYear
	}
	return jobstats.PeriodUnknown
}
