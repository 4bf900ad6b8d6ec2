package postgres

import (
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgtype"

	"github.com/jobstats/jobstats"
)

// The columns of a listing, in the order listingRow and rowScanner use.
// Times are unix nanoseconds, NULL for the zero time (see the migration).
const (
	contentColumns = `source, source_id, sources, url, title, company, location, workplace,
		employment_type, country, region, city, remote_scope, posted_at, salary_text,
		salary_min, salary_max, salary_currency, salary_period, salary_period_inferred, salary_from,
		degree_text, degree, role, seniority, experience_years, skills, certifications,
		fingerprint, simhash`
	lifecycleColumns = `first_seen, last_seen, closed_at, gaps`
	// listingColumns are every column but description.
	listingColumns = `id, ` + contentColumns + `, ` + lifecycleColumns
)

// columnList splits a column constant into names.
func columnList(cols string) []string {
	f := strings.Split(cols, ",")
	for i := range f {
		f[i] = strings.TrimSpace(f[i])
	}
	return f
}

// nanos returns t as unix nanoseconds, nil for the zero time.
func nanos(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UnixNano()
}

// fromNanos returns the time of a nullable nanoseconds column, in UTC.
func fromNanos(n pgtype.Int8) time.Time {
	if !n.Valid {
		return time.Time{}
	}
	return time.Unix(0, n.Int64).UTC()
}

// strs returns s, or an empty slice for nil: array columns are NOT NULL.
func strs(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// orNil returns nil for an empty slice, as the bbolt store does.
func orNil(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return s
}

// gapsValue flattens gaps to closed, reopened, closed, reopened, ...
func gapsValue(gaps []jobstats.Gap) []int64 {
	out := make([]int64, 0, 2*len(gaps))
	for _, g := range gaps {
		out = append(out, g.Closed.UnixNano(), g.Reopened.UnixNano())
	}
	return out
}

// gapsOf is the inverse of gapsValue.
func gapsOf(v []int64) []jobstats.Gap {
	if len(v) < 2 {
		return nil
	}
	out := make([]jobstats.Gap, len(v)/2)
	for i := range out {
		out[i] = jobstats.Gap{Closed: time.Unix(0, v[2*i]).UTC(), Reopened: time.Unix(0, v[2*i+1]).UTC()}
	}
	return out
}

// contentValues appends the content columns of l to dst.
func contentValues(dst []any, l *jobstats.Listing) []any {
	var smin, smax, scur, sper, sinf, sfrom any
	if s := l.Salary; s != nil {
		smin, smax, scur, sper, sinf, sfrom = int64(s.Min), int64(s.Max), s.Currency, string(s.Period), s.PeriodInferred, string(s.From)
	}
	return append(dst, l.Source, l.SourceID, strs(l.Sources), l.URL, l.Title, l.Company, l.Location, string(l.Workplace),
		l.EmploymentType, l.Country, l.Region, l.City, l.RemoteScope, nanos(l.PostedAt), l.SalaryText,
		smin, smax, scur, sper, sinf, sfrom,
		l.DegreeText, string(l.Degree), l.Role, string(l.Seniority), int32(l.ExperienceYears), strs(l.Skills), strs(l.Certifications),
		int64(l.Fingerprint), int64(l.Simhash))
}

// lifecycleValues appends the lifecycle columns of lc to dst.
func lifecycleValues(dst []any, lc jobstats.Lifecycle) []any {
	return append(dst, nanos(lc.FirstSeen), nanos(lc.LastSeen), nanos(lc.ClosedAt), gapsValue(lc.Gaps))
}

// rowScanner scans the listing columns (and optionally description) of
// one row into reused destinations.
type rowScanner struct {
	id, source, sourceID, url, title, company, location, workplace string
	employment, country, region, city, remoteScope, salaryText     string
	degreeText, degree, role, seniority, description               string
	sources, skills, certs                                         []string
	posted, smin, smax, first, last, closed                        pgtype.Int8
	scur, sper, sfrom                                              pgtype.Text
	sinf                                                           pgtype.Bool
	experience                                                     int32
	fingerprint, simhash                                           int64
	gaps                                                           []int64
	dest                                                           []any
}

// newRowScanner returns a scanner of listingColumns, and description too
// when desc.
func newRowScanner(desc bool) *rowScanner {
	s := &rowScanner{}
	s.dest = []any{&s.id, &s.source, &s.sourceID, &s.sources, &s.url, &s.title, &s.company, &s.location, &s.workplace,
		&s.employment, &s.country, &s.region, &s.city, &s.remoteScope, &s.posted, &s.salaryText,
		&s.smin, &s.smax, &s.scur, &s.sper, &s.sinf, &s.sfrom,
		&s.degreeText, &s.degree, &s.role, &s.seniority, &s.experience, &s.skills, &s.certs,
		&s.fingerprint, &s.simhash, &s.first, &s.last, &s.closed, &s.gaps}
	if desc {
		s.dest = append(s.dest, &s.description)
	}
	return s
}

// listing fills l from the scanned row; every slice is new.
func (s *rowScanner) listing(l *jobstats.Listing) {
	*l = jobstats.Listing{
		ID: s.id, Source: s.source, SourceID: s.sourceID, Sources: orNil(s.sources),
		URL: s.url, Title: s.title, Company: s.company, Location: s.location,
		Workplace: jobstats.Workplace(s.workplace), EmploymentType: s.employment,
		Country: s.country, Region: s.region, City: s.city, RemoteScope: s.remoteScope,
		PostedAt: fromNanos(s.posted), Description: s.description, SalaryText: s.salaryText,
		DegreeText: s.degreeText, Degree: jobstats.Degree(s.degree), Role: s.role,
		Seniority: jobstats.Seniority(s.seniority), ExperienceYears: int(s.experience),
		Skills: orNil(s.skills), Certifications: orNil(s.certs),
		Fingerprint: uint64(s.fingerprint), Simhash: uint64(s.simhash),
		FirstSeen: fromNanos(s.first), LastSeen: fromNanos(s.last), ClosedAt: fromNanos(s.closed), Gaps: gapsOf(s.gaps),
	}
	if s.smin.Valid {
		l.Salary = &jobstats.Salary{Min: jobstats.Amount(s.smin.Int64), Max: jobstats.Amount(s.smax.Int64),
			Currency: s.scur.String, Period: jobstats.Period(s.sper.String), PeriodInferred: s.sinf.Bool,
			From: jobstats.SalarySource(s.sfrom.String)}
	}
	// pgx scans into the same slices again: hand the listing its own.
	s.sources, s.skills, s.certs, s.gaps = nil, nil, nil, nil
}
