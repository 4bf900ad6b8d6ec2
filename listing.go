package jobstats

import (
	"strings"
	"time"
)

// Listing is one job posting as jobstats stores it. Scrapers fill the fields
// a source publishes; parse.Enrich fills the understood ones (Salary from
// text, Degree, Role, Seniority, Skills); storage keeps the lifecycle times.
type Listing struct {
	// ID is stable across crawls: Source + ":" + SourceID, see ListingID.
	ID string `json:"id"`
	// Source is the configured source name the listing was crawled from.
	Source string `json:"source"`
	// SourceID is the source's own job id, or the canonical URL when the
	// source has none.
	SourceID string `json:"source_id"`
	// Sources lists every source the same job was seen on (cross-posts);
	// it always includes Source once deduplication has run.
	Sources []string `json:"sources,omitempty"`

	URL     string `json:"url"`
	Title   string `json:"title"`
	Company string `json:"company"`
	// Location is the place as the source wrote it ("San Francisco, CA",
	// "Remote - US", "3 Locations").
	Location  string    `json:"location"`
	Workplace Workplace `json:"workplace"`
	// EmploymentType is the kind of engagement. Sources set the label they
	// publish ("Full-time", "CONTRACTOR"); parse.Enrich normalizes it to one
	// of the Employment* constants, "" when unknown.
	EmploymentType string `json:"employment_type"`

	// Country is where the job is, an ISO 3166-1 alpha-2 code ("US"); ""
	// when unknown. A remote job open to one country has that country.
	Country string `json:"country"`
	// Region is the state or province within Country, the ISO 3166-2
	// subdivision code without the country prefix ("CA" for California,
	// "ON" for Ontario); "" when unknown.
	Region string `json:"region"`
	// City is the city's common English name ("San Francisco"); "" when
	// unknown or not one city.
	City string `json:"city"`
	// RemoteScope says, for a fully remote job, where applicants may live:
	// a country code ("US"), a region group (RemoteEU, RemoteEMEA, ...), or
	// RemoteWorldwide; "" when the job is not remote or the scope is unknown.
	RemoteScope string `json:"remote_scope"`
	// PostedAt is the source's publication date in UTC; zero when unknown.
	PostedAt time.Time `json:"posted_at"`
	// Description is plain text (HTML removed, entities decoded once).
	Description string `json:"description"`

	// SalaryText is the pay as the source wrote it, when it wrote it as text.
	SalaryText string `json:"salary_text"`
	// Salary is the structured pay; nil when neither a structured field nor
	// the text gave one.
	Salary *Salary `json:"salary"`

	// DegreeText is what the source says about education (a structured
	// field such as JSON-LD educationRequirements), empty when nothing.
	DegreeText string `json:"degree_text"`
	// Degree is the classified requirement; DegreeUnknown when nothing is said.
	Degree Degree `json:"degree"`

	// Role is the canonical job title ("Backend Engineer"); empty until parsed.
	Role string `json:"role"`
	// Seniority is the level derived from title or experience; empty until parsed.
	Seniority Seniority `json:"seniority"`
	// ExperienceYears is the minimum years of professional experience the
	// posting asks for ("5+ years" gives 5); 0 when it states none.
	ExperienceYears int `json:"experience_years,omitempty"`
	// Skills are canonical technology names found in title and description.
	Skills []string `json:"skills,omitempty"`
	// Certifications are named certifications found in the description.
	Certifications []string `json:"certifications,omitempty"`

	// Fingerprint identifies the job across sources and reposts: a hash of
	// the normalized company, role and location (see Fingerprint). Zero
	// when not computed.
	Fingerprint uint64 `json:"fingerprint,omitempty"`
	// Simhash is a 64-bit similarity hash of the description: listings with
	// the same Fingerprint whose Simhash differ in at most SimhashNear bits
	// are the same job posted twice. Zero when there is no description.
	Simhash uint64 `json:"simhash,omitempty"`

	// FirstSeen and LastSeen are set by storage from crawl times.
	FirstSeen time.Time `json:"first_seen"`
	LastSeen  time.Time `json:"last_seen"`
	// ClosedAt is when the job left the source: the end of the first of
	// the complete runs that no longer listed it (it is closed once
	// close_after of them in a row have not; see Closing); zero while the
	// listing is open.
	ClosedAt time.Time `json:"closed_at"`
	// Gaps are the earlier times the listing was closed and then seen
	// again, oldest first, so that OpenAt answers for any past moment.
	Gaps []Gap `json:"gaps,omitempty"`
}

// Gap is a time a listing was closed: from Closed until it was seen again
// at Reopened.
type Gap struct {
	Closed   time.Time `json:"closed"`
	Reopened time.Time `json:"reopened"`
}

// ListingID returns the stable ID of a listing from its source name and the
// source's own id (or canonical URL).
func ListingID(source, sourceID string) string {
	return source + ":" + sourceID
}

// OpenAt reports whether the listing was open at t: first seen at or before
// t, not closed at or before t, and not in one of its earlier Gaps.
// It is OpenAtNanos, the rule statistics apply to stored facts.
func (l *Listing) OpenAt(t time.Time) bool {
	var buf [8]int64
	gaps := buf[:0]
	for _, g := range l.Gaps {
		gaps = append(gaps, Nanos(g.Closed), Nanos(g.Reopened))
	}
	return OpenAtNanos(Nanos(l.FirstSeen), Nanos(l.ClosedAt), gaps, Nanos(t))
}

// Open reports whether the listing is currently open (not closed).
func (l *Listing) Open() bool { return l.ClosedAt.IsZero() }

// Workplace says where the work happens.
type Workplace string

// Workplace values. WorkplaceUnknown is the empty string.
const (
	WorkplaceUnknown Workplace = ""
	WorkplaceOnsite  Workplace = "onsite"
	WorkplaceHybrid  Workplace = "hybrid"
	WorkplaceRemote  Workplace = "remote"
)

// IsRemote reports whether the job is fully remote.
func (w Workplace) IsRemote() bool { return w == WorkplaceRemote }

// Employment types: the normalized values of Listing.EmploymentType. The
// empty string means unknown. Salaried figures come from full-time,
// part-time and unknown types; contract, freelance and temporary rates and
// internship pay are reported apart.
const (
	EmploymentFullTime   = "full_time"
	EmploymentPartTime   = "part_time"
	EmploymentContract   = "contract"
	EmploymentTemporary  = "temporary"
	EmploymentInternship = "internship"
	EmploymentFreelance  = "freelance"
)

// EmploymentTypes lists the normalized employment types in report order.
var EmploymentTypes = []string{EmploymentFullTime, EmploymentPartTime, EmploymentContract,
	EmploymentTemporary, EmploymentInternship, EmploymentFreelance}

// Remote scopes that are not one country: Listing.RemoteScope holds a
// country code or one of these.
const (
	RemoteWorldwide    = "worldwide"
	RemoteEU           = "EU"       // the European Union (plus EEA/EFTA where a posting says Europe-wide EU)
	RemoteEurope       = "Europe"   // European countries in general
	RemoteEMEA         = "EMEA"     // Europe, the Middle East and Africa
	RemoteAmericas     = "Americas" // North, Central and South America
	RemoteNorthAmerica = "North America"
	RemoteLATAM        = "LATAM"
	RemoteAPAC         = "APAC" // Asia-Pacific
)

// MarketRemotePrefix starts the market key of remote jobs whose scope is a
// region group or worldwide (see Listing.Market).
const MarketRemotePrefix = "remote:"

// Market returns the market a listing's figures belong to: its country code
// ("US"), or for a fully remote job whose scope is a region group or
// worldwide, MarketRemotePrefix + scope ("remote:worldwide", "remote:EU"). A
// remote job scoped to one country is in that country's market. It returns
// "" when neither the country nor the remote scope is known.
func (l *Listing) Market() string {
	if l.Workplace == WorkplaceRemote && l.RemoteScope != "" {
		// "EU" has the shape of a country code: the groups are checked
		// first. Their keys are made once, so that Market, called per
		// listing in aggregations, does not allocate.
		if m, ok := remoteMarkets[l.RemoteScope]; ok {
			return m
		}
		if !isCountryCode(l.RemoteScope) {
			return MarketRemotePrefix + l.RemoteScope
		}
		return l.RemoteScope
	}
	return l.Country
}

// remoteMarkets maps each Remote* scope that is not a country to its
// market key.
var remoteMarkets = func() map[string]string {
	m := map[string]string{}
	for _, s := range []string{RemoteWorldwide, RemoteEU, RemoteEurope, RemoteEMEA, RemoteAmericas, RemoteNorthAmerica, RemoteLATAM, RemoteAPAC} {
		m[s] = MarketRemotePrefix + s
	}
	return m
}()

// isCountryCode reports whether s has the shape of an ISO 3166-1 alpha-2
// code: two upper-case ASCII letters.
func isCountryCode(s string) bool {
	return len(s) == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z'
}

// Degree is a listing's stance on a university degree.
type Degree string

// Degree values. DegreeUnknown (the empty string) means the listing says nothing.
const (
	DegreeUnknown     Degree = ""
	DegreeRequired    Degree = "required"
	DegreeEquivalent  Degree = "equivalent"   // a degree or equivalent experience
	DegreePreferred   Degree = "preferred"    // a plus, not a requirement
	DegreeNotRequired Degree = "not_required" // the listing says none is needed
)

// String returns the degree value, "unknown" for DegreeUnknown.
func (d Degree) String() string {
	if d == DegreeUnknown {
		return "unknown"
	}
	return string(d)
}

// Stated reports whether the listing said anything about a degree.
func (d Degree) Stated() bool { return d != DegreeUnknown }

// Seniority is a career level.
type Seniority string

// Seniority levels, lowest first. The empty string means not yet derived.
const (
	SeniorityIntern    Seniority = "intern"
	SeniorityJunior    Seniority = "junior"
	SeniorityMid       Seniority = "mid"
	SenioritySenior    Seniority = "senior"
	SeniorityLead      Seniority = "lead"
	SeniorityPrincipal Seniority = "principal"
)

// Seniorities lists the levels in ascending order.
var Seniorities = []Seniority{SeniorityIntern, SeniorityJunior, SeniorityMid, SenioritySenior, SeniorityLead, SeniorityPrincipal}

// Rank returns the position of s in Seniorities, or -1 when s is not a level.
func (s Seniority) Rank() int {
	for i, v := range Seniorities {
		if v == s {
			return i
		}
	}
	return -1
}

// TrimSpace collapses runs of white space to one space and trims both ends.
// A string that is already clean (the common case, on hot paths such as
// aggregation) is returned as it is, without an allocation.
func TrimSpace(s string) string {
	if isTrimmed(s) {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// isTrimmed reports whether s is ASCII with no leading, trailing, doubled or
// non-space white space. Non-ASCII strings take the slow path, so that
// strings.Fields judges Unicode spaces.
func isTrimmed(s string) bool {
	prevSpace := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 {
			return false
		}
		sp := c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
		if sp && (prevSpace || c != ' ') {
			return false
		}
		prevSpace = sp
	}
	return !prevSpace || s == ""
}
