package demo

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/jobstats/jobstats"
)

// block is one line of a description: a heading, a paragraph or a list item.
type block struct {
	tag  string // "h3", "p" or "li"
	text string
}

// posting is a Job plus what rendering its page needs.
type posting struct {
	Job
	blocks      []block
	datePosted  string // as written in JSON-LD
	country     *country
	city        city
	city2       *city // second place for jobLocation arrays
	company     *company
	shape       int // 0 single object, 1 @graph with an Organization, 2 array
	typeArray   bool
	orgString   bool
	empArray    bool
	indent      bool
	salaryShape int // 0 range, 1 single value, 2 MonetaryAmount with a bare value, 3 bare number
	eduLD       any
	expInPlace  bool
	months      int    // experienceRequirements.monthsOfExperience, 0 when absent
	skillsLD    string // JSON-LD skills, "" when absent
	malform     int    // which breakage, when Malformed
	similar     []int
}

// Pay kinds and degree buckets drawn by quota.
const (
	payStructured = iota
	payText
	payNone
)

const (
	degNone = iota
	degRequired
	degEquivalent
	degPreferred
	degNotRequired
	degHighSchool
)

// quota returns n values in [0, len(weights)) in exact proportion to the
// weights (largest remainder), shuffled.
func quota(r *rand.Rand, n int, weights []int) []int {
	total := 0
	for _, w := range weights {
		total += w
	}
	counts := make([]int, len(weights))
	rems := make([]int, len(weights))
	left := n
	for i, w := range weights {
		counts[i] = n * w / total
		rems[i] = n * w % total
		left -= counts[i]
	}
	for ; left > 0; left-- {
		best := 0
		for i := range rems {
			if rems[i] > rems[best] {
				best = i
			}
		}
		counts[best]++
		rems[best] = -1
	}
	out := make([]int, 0, n)
	for i, c := range counts {
		for range c {
			out = append(out, i)
		}
	}
	r.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

// pick returns a uniformly chosen element.
func pick[T any](r *rand.Rand, s []T) T { return s[r.IntN(len(s))] }

// pickN returns up to n distinct elements of s, in s's order.
func pickN[T any](r *rand.Rand, s []T, n int) []T {
	idx := r.Perm(len(s))
	if n > len(s) {
		n = len(s)
	}
	idx = idx[:n]
	slices.Sort(idx)
	out := make([]T, n)
	for i, j := range idx {
		out[i] = s[j]
	}
	return out
}

// generate builds the postings of a board.
func generate(opts Options) []posting {
	r := rand.New(rand.NewPCG(opts.Seed, opts.Seed^0x9e3779b97f4a7c15))
	n := opts.Jobs
	cos := slices.Clone(companies)
	for i, name := range opts.Companies {
		if i < len(cos) && name != "" {
			cos[i].name = name
		}
	}

	roleW := make([]int, len(roles))
	for i, ro := range roles {
		roleW[i] = ro.weight
	}
	levelW := make([]int, len(levels))
	for i, l := range levels {
		levelW[i] = l.weight
	}
	coW := make([]int, len(cos))
	for i, c := range cos {
		coW[i] = c.weight
	}
	roleQ := quota(r, n, roleW)
	levelQ := quota(r, n, levelW)
	payQ := quota(r, n, []int{72, 20, 8})
	degQ := quota(r, n, []int{26, 22, 20, 14, 12, 6})
	coQ := quota(r, n, coW)

	gen := make([]*posting, n)
	for i := range gen {
		gen[i] = genOne(r, opts.Now, i, &roles[roleQ[i]], levelQ[i], payQ[i], degQ[i], &cos[coQ[i]])
	}
	// Newest first, as boards list them; ties by ID (IDs are unique).
	slices.SortFunc(gen, func(a, b *posting) int {
		if c := b.Posted.Compare(a.Posted); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	ps := make([]posting, n)
	for i, p := range gen {
		ps[i] = *p
	}
	// A few pages with broken JSON-LD, spread over the board.
	bad := min(3, n/40)
	for k := range bad {
		i := (k*n/bad + r.IntN(max(1, n/bad))) % n
		ps[i].Malformed = true
		ps[i].malform = k % 3
	}
	// Similar jobs: the next postings of the same role.
	byRole := map[string][]int{}
	for i := range ps {
		byRole[ps[i].Role] = append(byRole[ps[i].Role], i)
	}
	for _, idx := range byRole {
		for k, i := range idx {
			for d := 1; d <= 3 && d < len(idx); d++ {
				ps[i].similar = append(ps[i].similar, idx[(k+d)%len(idx)])
			}
		}
	}
	return ps
}

// genOne draws one posting.
func genOne(r *rand.Rand, now time.Time, i int, ro *role, li, payKind, deg int, co *company) *posting {
	lv := &levels[li]
	p := &posting{company: co}
	p.ID = fmt.Sprintf("%d", 40000+i*17+r.IntN(17))
	p.Role = ro.name
	p.Company = co.name

	// Where.
	c := &countries[countryIndex(pick(r, co.markets))]
	p.country = c
	p.Country = c.code
	p.Remote = c.cities == nil || r.Float64() < co.remote
	if p.Remote {
		p.Location = c.remote
		p.RemoteScope = c.code
		if c.code == "" {
			p.RemoteScope = c.scope
		}
	} else {
		p.city = pick(r, c.cities)
		p.Location = placeName(*c, p.city)
		p.City, p.Region = p.city.en, p.city.regionCode
		if r.Float64() < 0.12 && len(c.cities) > 1 {
			second := pick(r, c.cities)
			if second != p.city {
				p.city2 = &second
			}
		}
	}

	// Contract: interns are interns; above junior a market's share is
	// contract work (a few of it temporary), and up to mid some is part-time.
	switch x := r.Float64(); {
	case lv.level == jobstats.SeniorityIntern:
		p.EmploymentType = "INTERN"
	case lv.level != jobstats.SeniorityJunior && x < c.contract:
		p.EmploymentType = "CONTRACTOR"
		if x < c.contract/10 && c.code != "" {
			p.EmploymentType = "TEMPORARY"
		}
	case lv.factor <= 1 && x > 1-c.partTime:
		p.EmploymentType = "PART_TIME"
	default:
		p.EmploymentType = "FULL_TIME"
	}
	p.Employment = map[string]string{"INTERN": jobstats.EmploymentInternship, "CONTRACTOR": jobstats.EmploymentContract,
		"TEMPORARY": jobstats.EmploymentTemporary, "PART_TIME": jobstats.EmploymentPartTime, "FULL_TIME": jobstats.EmploymentFullTime}[p.EmploymentType]

	// Title.
	p.Level = lv.level
	p.LevelInTitle = r.Float64() < lv.inText
	spelling := pick(r, ro.spelling)
	title := spelling
	if p.LevelInTitle {
		title = fmt.Sprintf(pick(r, lv.words), spelling)
	}
	team := ""
	if r.Float64() < 0.22 {
		team = pick(r, ro.teams)
		if r.IntN(2) == 0 {
			title += " - " + team
		} else {
			title += ", " + team
		}
	}
	switch {
	case p.Remote && r.Float64() < 0.5:
		title += pick(r, []string{" (Remote)", " - Remote", " | Remote"})
	case !p.Remote && r.Float64() < 0.1:
		title += " – " + p.city.name
	}
	if c.code == "DE" && r.Float64() < 0.6 {
		title += pick(r, []string{" (m/w/d)", " (m/f/d)", " (w/m/d)"})
	}
	if r.Float64() < 0.03 {
		title = strings.ToUpper(title)
	}
	p.Title = title

	// Experience. A title without a level word states years for junior and
	// senior levels, so the level can be told; mid may state nothing.
	years := ""
	if len(lv.years) > 0 {
		must := !p.LevelInTitle && lv.level != jobstats.SeniorityMid
		if must || r.Float64() < 0.7 {
			years = pick(r, lv.years)
			if r.Float64() < 0.2 {
				p.months = 12 * leadingInt(years)
			}
		}
	}

	// Pay.
	annual := c.base * ro.factor * lv.factor * (0.92 + 0.16*r.Float64())
	if p.EmploymentType == "CONTRACTOR" || p.EmploymentType == "TEMPORARY" {
		annual *= 1.3 // contractors charge for the risk and the gaps
	}
	unit := payUnit(*c, p.EmploymentType)
	lo, hi := payRange(r, annual, c.currency, unit)
	payLine, payStandalone := "", false
	switch payKind {
	case payStructured:
		p.salaryShape = 0
		if x := r.Float64(); unit == "YEAR" {
			switch {
			case x < 0.12:
				p.salaryShape = 1
			case x < 0.19:
				p.salaryShape = 2
			case x < 0.25:
				p.salaryShape = 3
			}
		} else if x < 0.15 {
			p.salaryShape = 1
		}
		s := Pay{Min: lo, Max: hi, Currency: c.currency, Unit: unit}
		switch p.salaryShape {
		case 1:
			step := 1000.0
			if unit != "YEAR" {
				step = 1
			}
			v := roundTo((lo+hi)/2, step)
			s.Min, s.Max = v, v
		case 2, 3:
			v := roundTo((lo+hi)/2, 1000)
			s.Min, s.Max, s.Unit = v, v, ""
		}
		p.Structured = &s
		if p.salaryShape == 0 && unit == "YEAR" && r.Float64() < 0.1 {
			text, standalone, tp := textPay(r, *c, c.currency, unit, lo, hi, true)
			payLine, payStandalone = text, standalone
			p.TextPay = &tp
		}
	case payText:
		text, standalone, tp := textPay(r, *c, c.currency, unit, lo, hi, false)
		payLine, payStandalone = text, standalone
		p.TextPay = &tp
	}
	p.SalaryText = payLine

	// Degree.
	degLine := ""
	switch deg {
	case degHighSchool:
		p.Degree, p.HighSchool, p.DegreeLang = jobstats.DegreeNotRequired, true, "en"
		degLine = pick(r, degreeHighSchool)
	case degRequired, degEquivalent, degPreferred, degNotRequired:
		p.Degree = []jobstats.Degree{degRequired: jobstats.DegreeRequired, degEquivalent: jobstats.DegreeEquivalent,
			degPreferred: jobstats.DegreePreferred, degNotRequired: jobstats.DegreeNotRequired}[deg]
		p.DegreeLang = "en"
		switch {
		case c.code == "DE" && r.IntN(2) == 0:
			p.DegreeLang, degLine = "de", degreeDE[p.Degree]
		case c.code == "BR" && r.IntN(2) == 0:
			p.DegreeLang, degLine = "pt", degreePT[p.Degree]
		case p.Degree == jobstats.DegreeRequired && (ro.name == "Data Scientist" || ro.name == "Machine Learning Engineer") && r.IntN(2) == 0:
			degLine = pick(r, degreeResearch)
		default:
			degLine = pick(r, degreeEN[p.Degree])
		}
	}
	if p.Degree.Stated() && r.Float64() < 0.4 {
		p.eduLD, p.Education, p.expInPlace = educationLD(r, p.Degree, p.HighSchool, ro.name)
	}

	// Skills and certifications.
	core := pickN(r, ro.core, 2+r.IntN(2))
	extra := pickN(r, ro.extra, 1+r.IntN(2))
	var nice []string
	if r.Float64() < 0.4 {
		for _, s := range pickN(r, ro.extra, 2) {
			if !slices.Contains(extra, s) && !slices.Contains(core, s) {
				nice = append(nice, s)
				break
			}
		}
	}
	skills := slices.Concat(core, extra, nice)
	slices.Sort(skills)
	p.Skills = slices.Compact(skills)
	cert, certRequired := "", false
	if len(ro.certs) > 0 && r.Float64() < 0.3 {
		cert = pick(r, ro.certs)
		certRequired = r.IntN(3) == 0
		p.Certifications = []string{cert}
	}
	if r.Float64() < 0.15 {
		p.skillsLD = strings.Join(p.Skills, ", ")
	}

	// Posted.
	ago := time.Duration(r.IntN(45))*24*time.Hour + time.Duration(r.IntN(86400)+3600)*time.Second
	t := now.Add(-ago).Truncate(time.Second)
	switch x := r.Float64(); {
	case x < 0.65:
		d := t.UTC().Format(time.DateOnly)
		p.datePosted = d
		p.Posted, _ = time.Parse(time.DateOnly, d)
	case x < 0.85:
		p.datePosted = t.UTC().Format(time.RFC3339)
		p.Posted = t.UTC()
	default:
		loc := zone(c.tz)
		p.datePosted = t.In(loc).Format(time.RFC3339)
		p.Posted = t.UTC()
	}

	// JSON-LD variety.
	switch x := r.Float64(); {
	case x < 0.6:
		p.shape = 0
	case x < 0.85:
		p.shape = 1
	default:
		p.shape = 2
	}
	p.typeArray = r.Float64() < 0.1
	p.orgString = r.Float64() < 0.15
	p.empArray = r.Float64() < 0.25
	p.indent = r.Float64() < 0.3

	p.blocks = describe(r, p, ro, lv.level, team, years, payLine, payStandalone, degLine, core, extra, nice, cert, certRequired)
	p.Description = plain(p.blocks)
	return p
}

// educationLD returns a JSON-LD educationRequirements value for a stance,
// the value Job.Education reports, and whether experience may replace it.
func educationLD(r *rand.Rand, d jobstats.Degree, highSchool bool, role string) (any, string, bool) {
	cred := func(cat string) (any, string) {
		return map[string]string{"@type": "EducationalOccupationalCredential", "credentialCategory": cat}, cat
	}
	switch {
	case highSchool:
		v, s := cred("high school")
		return v, s, false
	case d == jobstats.DegreeRequired:
		if r.IntN(2) == 0 {
			cat := "bachelor degree"
			if role == "Data Scientist" || role == "Machine Learning Engineer" {
				cat = "postgraduate degree"
			}
			v, s := cred(cat)
			return v, s, false
		}
		s := "Bachelor's degree in Computer Science or a related field"
		return s, s, false
	case d == jobstats.DegreeEquivalent:
		if r.IntN(2) == 0 {
			v, s := cred("bachelor degree")
			return v, s, true
		}
		s := "Bachelor's degree or equivalent experience"
		return s, s, false
	case d == jobstats.DegreePreferred:
		s := "Bachelor's degree (preferred)"
		return s, s, false
	default:
		s := "no requirements"
		return s, s, false
	}
}

// placeName is the display name of a city.
func placeName(c country, ct city) string {
	if ct.region != "" && strings.Contains("US CA IN BR", c.code) {
		return ct.name + ", " + ct.region + ", " + c.name
	}
	return ct.name + ", " + c.name
}

// zone parses a "+05:30" offset.
func zone(tz string) *time.Location {
	t, err := time.Parse("-07:00", tz)
	if err != nil {
		return time.UTC
	}
	_, off := t.Zone()
	return time.FixedZone(tz, off)
}

// leadingInt returns the integer a string starts with, 0 when none.
func leadingInt(s string) int {
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			break
		}
		n = n*10 + int(c-'0')
	}
	return n
}

// plain is the description as plain text.
func plain(bs []block) string {
	var b strings.Builder
	n := 0
	for _, bl := range bs {
		n += len(bl.text) + 3
	}
	b.Grow(n)
	for i, bl := range bs {
		if i > 0 {
			b.WriteByte('\n')
		}
		if bl.tag == "li" {
			b.WriteString("- ")
		}
		b.WriteString(bl.text)
	}
	return b.String()
}
