package scraper

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/config"
)

const (
	hnBase = "https://hn.algolia.com/api/v1"
	// hnSearchQuery finds the monthly threads of the whoishiring account,
	// newest first.
	hnSearchQuery = "/search_by_date?tags=story,author_whoishiring&query=who%20is%20hiring"
	// hnThreadPrefix starts the title of every "Who is hiring?" thread
	// ("Ask HN: Who is hiring? (July 2026)").
	hnThreadPrefix = "Ask HN: Who is hiring?"
	// hnItemURL is the canonical page of a comment.
	hnItemURL = "https://news.ycombinator.com/item?id="
)

// hn crawls one Hacker News "Ask HN: Who is hiring?" thread through the
// Algolia HN API: each top-level comment whose first line is
// pipe-separated ("Company | Role | Location | REMOTE | $170-225K") is a
// listing.
type hn struct {
	src    config.Source
	opts   Options
	base   string
	thread string // an item id, or "latest"
}

func newHN(src config.Source, opts Options) (Source, error) {
	thread := strings.TrimSpace(src.Thread)
	if thread == "" {
		thread = config.DefaultThread
	}
	if thread != "latest" {
		if _, err := strconv.ParseUint(thread, 10, 64); err != nil {
			return nil, fmt.Errorf("hn: thread %q is not \"latest\" or a Hacker News item id", src.Thread)
		}
	}
	return &hn{src: src, opts: opts, base: baseURL(src, hnBase), thread: thread}, nil
}

// Crawl finds the thread (for "latest", the newest whoishiring story whose
// title starts with "Ask HN: Who is hiring?", through the search API),
// then fetches the thread with all its comments in one request,
// conditionally, and hands the job comments to sink in one batch. The
// search request counts as a fetched page.
func (h *hn) Crawl(ctx context.Context, sink Sink) (Stats, error) {
	f, err := newFetcher(h.src, h.opts)
	if err != nil {
		return Stats{}, err
	}
	var pre Stats
	id := h.thread
	if id == "latest" {
		body, err := f.getPlain(ctx, h.base+hnSearchQuery, nil)
		if err == nil {
			pre.PagesFetched++
			id, err = parseHNSearch(body)
		}
		if err != nil {
			if ctx.Err() != nil {
				pre.Incomplete = cutShort(ctx)
				return pre, context.Cause(ctx)
			}
			err = fmt.Errorf("find the latest hn thread: %w", err)
			pre.Incomplete = "index page 1 failed: " + err.Error()
			pre.PagesFailed++
			pre.AddError(err.Error())
			f.log.Warn("page failed", "err", err)
			return pre, fmt.Errorf("nothing fetched: %w", err)
		}
	}
	st, err := crawlOnePage(ctx, f, h.base+"/items/"+id, nil, func(b []byte) ([]jobstats.Listing, error) {
		return parseHN(b, h.src)
	}, sink)
	st.PagesFetched += pre.PagesFetched
	return st, err
}

type hnSearch struct {
	Hits *[]struct {
		ObjectID   string `json:"objectID"`
		Title      string `json:"title"`
		CreatedAtI int64  `json:"created_at_i"`
	} `json:"hits"`
}

// parseHNSearch picks, from an Algolia search response, the id of the
// newest story whose title starts with "Ask HN: Who is hiring?" (the same
// account also posts "Who wants to be hired?" and "Freelancer?" threads).
func parseHNSearch(body []byte) (string, error) {
	var doc hnSearch
	if err := decodeBoard(body, "hn search", &doc); err != nil {
		return "", err
	}
	if doc.Hits == nil {
		return "", errors.New("parse hn search: no hits array")
	}
	best, bestAt := "", int64(-1)
	for _, hit := range *doc.Hits {
		id := strings.TrimSpace(hit.ObjectID)
		if id == "" || !strings.HasPrefix(strings.ToLower(jobstats.TrimSpace(hit.Title)), strings.ToLower(hnThreadPrefix)) {
			continue
		}
		if _, err := strconv.ParseUint(id, 10, 64); err != nil {
			continue
		}
		if hit.CreatedAtI > bestAt {
			best, bestAt = id, hit.CreatedAtI
		}
	}
	if best == "" {
		return "", fmt.Errorf("parse hn search: no %q thread among %d hits", hnThreadPrefix, len(*doc.Hits))
	}
	return best, nil
}

type hnItem struct {
	ID       *int64      `json:"id"`
	Title    string      `json:"title"`
	Children []hnComment `json:"children"`
}

// hnComment is a top-level comment. Its own children (replies) are not
// decoded.
type hnComment struct {
	ID         int64   `json:"id"`
	Type       string  `json:"type"`
	Author     *string `json:"author"`
	Text       *string `json:"text"`
	CreatedAt  string  `json:"created_at"`
	CreatedAtI int64   `json:"created_at_i"`
	ParentID   int64   `json:"parent_id"`
}

// parseHN reads an Algolia /items/{id} response for a "Who is hiring?"
// thread. Each top-level comment is a job when its first line parses (see
// parseHNFirstLine); replies (the comments' own children) are never jobs.
// Deleted and dead comments (Algolia sends only their id), comments
// without a pipe-separated first line and comments without a recognisable
// role are skipped silently: they are not job posts. The listing's id is
// the comment id, its URL the comment's page, its description the whole
// comment as text.
func parseHN(body []byte, src config.Source) ([]jobstats.Listing, error) {
	var item hnItem
	if err := decodeBoard(body, "hn thread", &item); err != nil {
		return nil, err
	}
	if item.ID == nil {
		return nil, errors.New("parse hn thread: no item id")
	}
	out := make([]jobstats.Listing, 0, len(item.Children))
	for _, c := range item.Children {
		if c.ID <= 0 || c.Author == nil || *c.Author == "" || c.Text == nil || strings.TrimSpace(*c.Text) == "" {
			continue // deleted or dead
		}
		if (c.Type != "" && c.Type != "comment") || (c.ParentID != 0 && c.ParentID != *item.ID) {
			continue
		}
		head, ok := hnHeaderOf(*c.Text)
		if !ok {
			continue
		}
		id := strconv.FormatInt(c.ID, 10)
		l := newListing(src, id)
		l.Title = head.Title
		l.Company = companyName(src, head.Company, "")
		l.Location = head.Location
		l.Workplace = head.Workplace
		l.EmploymentType = head.EmploymentType
		l.SalaryText = head.SalaryText
		l.URL = hnItemURL + id
		l.PostedAt = parseTime(c.CreatedAt)
		if l.PostedAt.IsZero() {
			l.PostedAt = fromEpoch(c.CreatedAtI)
		}
		l.Description = plainText(*c.Text)
		out = append(out, l)
	}
	return out, nil
}

// hnHeader is what the first line of a job comment says.
type hnHeader struct {
	Company        string
	Title          string
	Location       string
	Workplace      jobstats.Workplace
	EmploymentType string
	SalaryText     string
}

// hnHeaderOf finds the first line of a comment's HTML (everything before
// the first paragraph break; Algolia's items API wraps the text as
// "<p>…</p><p>…", its search API as "…<p>…"), turns it into text and
// parses it. Lines of the header after the first that look like job
// titles ("-- Founding Frontend Engineer") give the title when the
// pipe-separated line has none.
func hnHeaderOf(text string) (hnHeader, bool) {
	s := strings.TrimSpace(text)
	for strings.HasPrefix(s, "<p>") {
		s = strings.TrimSpace(s[len("<p>"):])
	}
	if i := strings.Index(s, "<p>"); i >= 0 {
		s = s[:i]
	}
	if i := strings.Index(s, "</p>"); i >= 0 {
		s = s[:i]
	}
	lines := strings.Split(plainText(s), "\n")
	h, ok := parseHNFields(lines[0])
	if !ok {
		return hnHeader{}, false
	}
	if h.Title == "" {
		var roles []string
		for _, ln := range lines[1:] {
			ln = strings.TrimSpace(strings.TrimLeft(ln, "-*•·>– "))
			if ln != "" && !strings.Contains(ln, "|") && looksLikeTitle(ln) && !hnURL(ln) {
				roles = append(roles, ln)
			}
		}
		if len(roles) > 0 {
			h.Title = strings.Join(roles, " / ")
		}
	}
	if h.Title == "" {
		return hnHeader{}, false
	}
	return h, true
}

var (
	hnURLRe   = regexp.MustCompile(`(?i)\bhttps?://\S+|\bwww\.\S+`)
	hnParenRe = regexp.MustCompile(`\([^()]*\)|\[[^\[\]]*\]`)
	// hnDomainRe is a bare host name such as "cofounder.co".
	hnDomainRe = regexp.MustCompile(`(?i)^[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}(/\S*)?$`)
	hnMoneyRe  = regexp.MustCompile(`(?i)[$€£¥₹]\s*\d|\d\s*[k]\b|\d{2,3},\d{3}|\b(usd|eur|gbp|cad|aud|chf|sek|nok|dkk|inr|pln)\b|\bsalary\b|\bcomp(ensation)?\b|\bote\b|/\s*(hr|hour)\b|\bper hour\b`)
	hn401kRe   = regexp.MustCompile(`(?i)\b401\s*k\b`)
	hnEmployRe = regexp.MustCompile(`(?i)\b(full[- ]?time|part[- ]?time|contract(or|ors|s)?|freelance|internships?|interns?|permanent|temporary|fixed[- ]term|ft|pt|fte)\b`)
	hnRemoteRe = regexp.MustCompile(`(?i)\bremote\b|\bwfh\b|\bdistributed\b|\banywhere\b`)
	hnNoRemRe  = regexp.MustCompile(`(?i)\b(no|not|non)[- ]remote\b`)
	hnHybridRe = regexp.MustCompile(`(?i)\bhybrid\b`)
	hnOnsiteRe = regexp.MustCompile(`(?i)\bon[- ]?site\b|\bin[- ]office\b|\bin[- ]person\b|\boffice[- ]based\b`)
	hnCityRe   = regexp.MustCompile(`\b[A-Z][a-zA-Z]+,\s?[A-Z]{2}\b`)
	hnTZRe     = regexp.MustCompile(`\b(UTC|GMT)\s?[+\-−]?\s?\d*|\b(EST|PST|CET|CEST|EET|ET|PT|CT|MT|BST|IST)\b|(?i:\btime ?zones?\b)`)
)

// hnTitleWords are words (lower case) that make a field a job title.
var hnTitleWords = map[string]bool{
	"lead": true, "leads": true, "director": true, "directors": true, "head": true,
	"sre": true, "sres": true, "devops": true, "founding": true, "cto": true, "ceo": true, "cfo": true,
	"coo": true, "vp": true, "advocate": true, "specialist": true, "specialists": true,
	"writer": true, "technician": true, "support": true, "counsel": true, "attorney": true,
	"officer": true, "coordinator": true, "generalist": true, "strategist": true, "editor": true,
	"producer": true, "tester": true, "qa": true, "sdet": true, "marketer": true, "marketing": true,
	"sales": true, "accountant": true, "executive": true, "representative": true, "operator": true,
	"frontend": true, "backend": true, "fullstack": true, "swe": true, "swes": true, "mle": true,
	"programmer": true, "programmers": true, "hacker": true, "hackers": true,
	"owner": true, "partner": true, "principal": true, "staff": true, "artist": true, "animator": true,
	"nurse": true, "physician": true, "teacher": true, "tutor": true, "paralegal": true, "bookkeeper": true,
	"recruiter": true, "recruiters": true, "controller": true, "chemist": true, "physicist": true,
	"mathematician": true, "economist": true, "statistician": true, "copywriter": true, "ux": true,
}

// hnTitleStems are word beginnings that make a field a job title
// ("engineer", "engineers", "engineering").
var hnTitleStems = []string{
	"engineer", "develop", "design", "manag", "scien", "analy", "architect",
	"research", "consult", "administ", "operations", "mechanic", "investigat",
}

// hnGenericRoles are fields that announce roles without naming one.
var hnGenericRoles = regexp.MustCompile(`(?i)^(multiple|many|various|several|all|open|lots of|numerous)\s+(open\s+)?(roles|positions|openings|jobs|engineering roles|engineering positions)$|^hiring$|^we'?re hiring$`)

// hnNotPlace are words that make a short leftover field something other
// than a place ("Visa", "Equity").
var hnNotPlace = regexp.MustCompile(`(?i)\b(visa|sponsor\w*|equity|benefits?|yc|series|seed|funded|startup|bootstrapped|profitable|relocation|stock|options|bonus|401k|ai|saas|b2b|fintech)\b`)

// hnPlaces are place names and region codes common in "Who is hiring?"
// headers, matched as whole words (the upper-case codes case-sensitively).
var (
	hnPlaceCodes = regexp.MustCompile(`\b(SF|SFBA|NYC|NY|LA|DC|US|USA|UK|EU|EEA|EMEA|APAC|LATAM|NA|CA|UAE|ANZ)\b`)
	hnPlaceNames = regexp.MustCompile(`(?i)\b(san francisco|bay area|silicon valley|new york|los angeles|seattle|boston|austin|chicago|denver|portland|atlanta|miami|san diego|san jose|palo alto|mountain view|menlo park|oakland|brooklyn|manhattan|washington|philadelphia|pittsburgh|toronto|vancouver|montreal|london|berlin|munich|hamburg|amsterdam|paris|dublin|stockholm|copenhagen|oslo|helsinki|zurich|geneva|vienna|prague|warsaw|krakow|lisbon|madrid|barcelona|milan|rome|tel aviv|bangalore|bengaluru|mumbai|delhi|singapore|tokyo|sydney|melbourne|auckland|sao paulo|mexico city|buenos aires|europe|americas|north america|south america|asia|africa|worldwide|global|canada|germany|france|spain|italy|netherlands|sweden|norway|denmark|finland|switzerland|austria|poland|portugal|ireland|israel|india|japan|australia|brazil|mexico|united states|united kingdom)\b`)
)

// parseHNFirstLine parses the first line of a "Who is hiring?" comment,
// pipe-separated fields in no fixed order, as plain text:
//
//	Neon Health | Founding Sr Backend Engineer | SF, Remote (North America) | Full-time | $170-225K + equity
//
// The first field is the company (URLs, parentheticals and a " - tagline"
// removed). The other fields are, in this order of tests: URLs and bare
// domains (ignored); the job title, the first field with a title word
// (Engineer, Developer, Designer, Manager, Scientist, Lead, …; a field
// naming several roles, "Senior Backend / Frontend Engineers", is kept as
// written; "Multiple roles" names none); pay (a currency, a "k" amount,
// "salary", "OTE"), kept as written for the salary parser; the employment
// type (Full-time, Contract, Intern, …); locations (REMOTE, ONSITE,
// HYBRID, place names, "City, ST", time zones), joined with "; ". A short
// leftover field is taken as the location when no field was. The
// workplace is hybrid when any field says hybrid, else remote when one
// says remote (and not "no remote"), else on-site when one says on-site or
// in-office. ok is false when the line has no pipe, no company, or no
// title.
func parseHNFirstLine(line string) (h hnHeader, ok bool) {
	h, ok = parseHNFields(line)
	return h, ok && h.Title != ""
}

// parseHNFields is parseHNFirstLine that accepts a line without a title,
// for hnHeaderOf to find one on the header's next lines.
func parseHNFields(line string) (h hnHeader, ok bool) {
	if !strings.Contains(line, "|") {
		return hnHeader{}, false
	}
	var fields []string
	for _, f := range strings.Split(line, "|") {
		if f = jobstats.TrimSpace(f); f != "" {
			fields = append(fields, f)
		}
	}
	if len(fields) < 2 {
		return hnHeader{}, false
	}
	h.Company = hnCompany(fields[0])
	if h.Company == "" {
		return hnHeader{}, false
	}
	var locs, leftovers []string
	remote, hybrid, onsite := false, false, false
	for _, f := range fields[1:] {
		if hnURL(f) {
			continue
		}
		salary := hnMoneyRe.MatchString(f) && !hn401kRe.MatchString(f) && strings.ContainsAny(f, "0123456789")
		title := !salary && looksLikeTitle(f) && !hnGenericRoles.MatchString(f)
		if !salary && !title {
			if hnRemoteRe.MatchString(f) && !hnNoRemRe.MatchString(f) {
				remote = true
			}
			hybrid = hybrid || hnHybridRe.MatchString(f)
			onsite = onsite || hnOnsiteRe.MatchString(f)
		}
		switch {
		case title:
			if h.Title == "" {
				h.Title = f
			}
		case salary:
			if h.SalaryText == "" {
				h.SalaryText = f
			}
		case hnEmployRe.MatchString(f) && !hnPlaceish(f):
			if h.EmploymentType == "" {
				h.EmploymentType = employmentLabel(f)
			}
		case hnPlaceish(f):
			locs = append(locs, f)
		case !hnGenericRoles.MatchString(f):
			leftovers = append(leftovers, f)
		}
	}
	if len(locs) == 0 {
		for _, f := range leftovers {
			if hnShortPlace(f) {
				locs = append(locs, f)
				break
			}
		}
	}
	h.Location = strings.Join(locs, "; ")
	switch {
	case hybrid:
		h.Workplace = jobstats.WorkplaceHybrid
	case remote:
		h.Workplace = jobstats.WorkplaceRemote
	case onsite:
		h.Workplace = jobstats.WorkplaceOnsite
	}
	return h, true
}

// hnCompany cleans the company field: URLs, parentheticals and a tagline
// after " - " or ": " removed ("Galaxy (getgalaxy.io) - The Cursor for
// SQL" → "Galaxy").
func hnCompany(f string) string {
	s := hnURLRe.ReplaceAllString(f, " ")
	s = hnParenRe.ReplaceAllString(s, " ")
	for _, sep := range []string{" - ", " – ", " — ", ": "} {
		if i := strings.Index(s, sep); i > 0 && strings.TrimSpace(s[:i]) != "" {
			s = s[:i]
		}
	}
	s = jobstats.TrimSpace(s)
	s = strings.TrimFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || r == ',' || r == '-' || r == ':' || r == '/' || r == '|' || r == '(' || r == ')'
	})
	if s == "" {
		// Only a URL: keep its host, the best name there is.
		if m := hnURLRe.FindString(f); m != "" {
			m = strings.TrimPrefix(strings.TrimPrefix(strings.ToLower(m), "https://"), "http://")
			m, _, _ = strings.Cut(m, "/")
			s = strings.TrimPrefix(m, "www.")
		}
	}
	return s
}

// hnURL reports whether a field is only a link or a bare domain.
func hnURL(f string) bool {
	f = strings.TrimSpace(f)
	if hnURLRe.ReplaceAllString(f, "") == "" {
		return true
	}
	return hnDomainRe.MatchString(f)
}

// looksLikeTitle reports whether s holds a word that job titles have.
func looksLikeTitle(s string) bool {
	words := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	for _, w := range words {
		if hnTitleWords[w] {
			return true
		}
		for _, stem := range hnTitleStems {
			if strings.HasPrefix(w, stem) {
				return true
			}
		}
	}
	return false
}

// hnPlaceish reports whether a field names a place or a way of working.
func hnPlaceish(f string) bool {
	return hnRemoteRe.MatchString(f) || hnHybridRe.MatchString(f) || hnOnsiteRe.MatchString(f) ||
		hnPlaceCodes.MatchString(f) || hnPlaceNames.MatchString(f) || hnCityRe.MatchString(f) || hnTZRe.MatchString(f)
}

// hnShortPlace reports whether a leftover field could be a place name the
// lists above miss ("Krakow", "Ho Chi Minh City"): a few capitalised
// words, no digits, nothing that is clearly not a place.
func hnShortPlace(f string) bool {
	words := strings.Fields(f)
	if len(words) == 0 || len(words) > 4 || strings.ContainsAny(f, "0123456789$€£%!?") || hnNotPlace.MatchString(f) {
		return false
	}
	for _, w := range words {
		r := []rune(w)
		if !unicode.IsUpper(r[0]) {
			return false
		}
	}
	return true
}
