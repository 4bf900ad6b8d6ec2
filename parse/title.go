package parse

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/jobstats/jobstats"
)

// Title derives the canonical role and the seniority written in a job
// title; level is "" when the title states none, role is "" only when the
// title holds no words.
//
// The role is the title with everything that is not the job removed:
//   - seniority words and levels (Sr., Senior, Jr, Junior, Staff, Principal,
//     Lead, Entry Level, Graduate, New Grad, Associate, Intermediate, Mid,
//     Intern, Internship, Werkstudent, Trainee, Praktikant, Apprentice, I–V,
//     Level 1–3); a level word that is itself the job noun stays ("Design
//     Intern", "Product Operations Lead", "Warehouse Associate");
//   - everything in parentheses or brackets: gender tags ((m/f/d), (w/m/d),
//     (all genders), (H/F)), location and remote tags, contract tags, team
//     and technology notes ("Senior Engineer (Infrastructure)");
//   - segments after " - ", " | ", ", ", ": " or " @ " that are not the job:
//     locations ("- Remote US", "| London"), salaries ("- $150k"), teams
//     ("- Payments", ", Growth"); the job is the first segment naming a job
//     noun (Engineer, Developer, Manager, Designer, …), so a company prefix
//     ("Acme - Frontend Engineer") is dropped as well;
//   - employment words (Remote, Hybrid, Freelance, Contract, Temp,
//     Part-time, Full-time), bare numbers, and words after the last job noun
//     when the job noun is not the first word ("Office Manager Chicago",
//     "Frontend Engineer II Core Product").
//
// Decision on discipline suffixes: after a generic head (Software
// Engineer, Software Developer, Engineer, Developer, Engineering Manager)
// a suffix that names a different kind of engineer (Backend, Frontend,
// Full Stack, Mobile, iOS, Android, Machine Learning, AI, Data, Security,
// Embedded, Firmware, DevOps, Site Reliability, QA, Web) moves in front,
// whether written after a comma or a dash: "Software Engineer, Backend"
// and "Software Engineer - iOS" are "Backend Software Engineer" and "iOS
// Software Engineer". Every other suffix is a team and is dropped:
// "Software Engineer - Infrastructure", "Software Engineer, Platform" and
// "Software Engineer, Product" are "Software Engineer".
//
// A leading segment of level words alone is the level, not the job:
// "Intern - Backend Engineer" is a Backend Engineer at intern level.
//
// Spellings are unified: Back-end/Back End → Backend, Front-end/Front End →
// Frontend, Fullstack/Full-Stack/Full stack → Full Stack, Dev Ops/Devops →
// DevOps, SRE → Site Reliability Engineer, ML → Machine Learning, Golang →
// Go, SWE → Software Engineer, Sr/Jr dropped. Words are title-cased, small
// words (of, and, for, in, to, the) are lower case, known acronyms keep
// their spelling (iOS, QA, UX, UI, AI, SDET, .NET, PHP, SQL, AWS, GCP, …)
// and a shouted title (ALL CAPS) is title-cased like any other. Distinct
// roles stay distinct: "Backend Engineer" and "Backend Developer" differ.
//
// Levels: intern (Intern, Internship, Werkstudent, Working Student,
// Trainee, Praktikant, Apprentice), junior (Junior, Jr, Entry Level,
// Graduate, New Grad, Associate, I, Level 1), mid (Intermediate, Mid,
// Mid-level, II, Level 2), senior (Senior, Sr, Snr, III, Level 3), lead
// (Lead, Staff, Team Lead, Tech Lead, IV, V), principal (Principal,
// Distinguished, Technical Fellow). Only the first 300 bytes of a title
// are read. The first level word of the title wins ("Senior /
// Staff Engineer" is senior, "Mid/Senior Editor" is mid). A level word
// glued to the next ("Jr.Data Scientist") counts.
//
// Management titles have levels of their own (see titleManagement):
// Director, Head of, VP and the C-level are principal; Engineering
// Manager (Manager, Engineering; Development and Data Science Manager) is
// lead, and so are deputies (Associate/Assistant/Deputy Director, AVP,
// Associate Principal), never junior. A higher level written in the
// title stays ("Senior Director" is principal, "Senior Engineering
// Manager" lead). Other managers (Product, Account, Office Manager) and
// Architect are roles with no level of their own; Art and Creative
// Directors and Head Chefs are roles too. "Staff Accountant", "Chief of
// Staff", "Mid-Market", "Lead Generation", "Internship Coordinator" and
// "Tier III" carry no level; a trailing "Associate" or "Fellow" is the job
// noun, not a level. "Smart Contract Engineer" and "Contract Manager"
// keep "Contract": there it is the job's subject, not its kind.
func Title(title string) (role string, level jobstats.Seniority) {
	role, level = titleRole(title)
	if m := titleManagement(role); m != "" && level.Rank() < m.Rank() {
		if m == jobstats.SeniorityPrincipal && titleDeputy(title) {
			m = jobstats.SeniorityLead
		}
		if level.Rank() < m.Rank() {
			level = m
		}
	}
	return role, level
}

// titleRole is Title without the management levels.
func titleRole(title string) (role string, level jobstats.Seniority) {
	if len(title) > titleMaxLen {
		// Titles are short; a longer text is cut (at a rune start) so the
		// cost per call stays bounded.
		n := titleMaxLen
		for n > 0 && !utf8.RuneStart(title[n]) {
			n--
		}
		title = title[:n]
	}
	t := titleClean(titleSplitAbbrev(title))
	if t == "" {
		return "", ""
	}
	t, inner := titleStripBrackets(t)
	segs := titleSegments(t)

	// Level: first level word over the segments, then the brackets.
	for _, sg := range segs {
		if level = titleLevelOf(sg.words); level != "" {
			break
		}
	}
	if level == "" {
		level = titleLevelOf(titleWords(inner))
	}

	// The job is the first segment naming a job noun, passing over a
	// segment of level words alone when a later one names the job:
	// "Intern - Backend Engineer" is a Backend Engineer at intern level.
	main := -1
	for i, sg := range segs {
		if titleHasNoun(sg.words) && !titleAllLevels(sg.words) {
			main = i
			break
		}
	}
	if main < 0 {
		for i, sg := range segs {
			if titleHasNoun(sg.words) {
				main = i
				break
			}
		}
	}
	if main < 0 {
		for i, sg := range segs {
			if len(titleStripLevels(sg.words, true)) > 0 && !titleIsNoise(sg.words) {
				main = i
				break
			}
		}
	}
	if main < 0 {
		return "", level
	}
	words := titleNormalize(segs[main].words)
	stripped := titleStripLevels(words, true)
	if !titleHasNoun(stripped) && titleHasNoun(words) {
		stripped = titleStripLevels(words, false)
	}
	if len(stripped) == 0 {
		stripped = words
	}
	stripped = titleTrimTail(stripped)

	// Discipline suffix: "Software Engineer, Backend" → "Backend Software Engineer".
	if main+1 < len(segs) && titleGenericHead(stripped) {
		next := titleNormalize(segs[main+1].words)
		if len(next) > 0 {
			if d, ok := titleDisciplines[strings.ToLower(next[0])]; ok {
				stripped = append([]string{d}, stripped...)
			}
		}
	}
	role = titleCase(stripped, titleShouting(segs[main].words))
	// A bare head keeps its area: "Manager, Software Engineering",
	// "Director, Product Management".
	if len(stripped) == 1 && titleBareHeads[strings.ToLower(stripped[0])] && main+1 < len(segs) {
		next := titleTrimTail(titleStripLevels(titleNormalize(segs[main+1].words), true))
		if len(next) > 0 && !titleIsNoise(next) {
			role += ", " + titleCase(next, titleShouting(segs[main+1].words))
		}
	}
	return role, level
}

// titleBareHeads are job nouns that need their area to name a role.
var titleBareHeads = map[string]bool{"manager": true, "director": true, "head": true, "vp": true, "officer": true, "president": true, "lead": true, "chief": true}

// titleMaxLen bounds the title text Title reads.
const titleMaxLen = 300

// titleClean normalises dashes and spaces and drops emoji and other
// symbols.
func titleClean(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, " ")
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '–' || r == '—' || r == '‐' || r == '‑' || r == '−':
			b.WriteByte('-')
		case r == '’' || r == '‘':
			b.WriteByte('\'')
		case unicode.IsSpace(r) || r == '\u00a0':
			b.WriteByte(' ')
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
			b.WriteRune(r)
		case r < 0x80 && unicode.IsPunct(r) || r == '+' || r == '$' || r == '|' || r == '€' || r == '£' || r == '¥' || r == '%' || r == '•' || r == '·':
			b.WriteRune(r)
		default:
			b.WriteByte(' ')
		}
	}
	return jobstats.TrimSpace(b.String())
}

// titleStripBrackets removes (…), […] and {…} groups (an unclosed group
// runs to the end) and returns the rest and the removed contents.
func titleStripBrackets(s string) (rest, inner string) {
	if !strings.ContainsAny(s, "([{") {
		return s, ""
	}
	var out, in strings.Builder
	depth := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '(' || c == '[' || c == '{':
			depth++
			out.WriteByte(' ')
			in.WriteByte(' ')
		case (c == ')' || c == ']' || c == '}') && depth > 0:
			depth--
			out.WriteByte(' ')
			in.WriteByte(' ')
		case depth > 0:
			in.WriteByte(c)
		default:
			out.WriteByte(c)
		}
	}
	return jobstats.TrimSpace(out.String()), in.String()
}

// titleSegment is one part of a title between separators.
type titleSegment struct {
	words []string
}

// titleSegments splits a title on " - ", " | ", ", ", ": ", " @ ", " / ",
// " • " and " · " and drops salary and employment segments.
func titleSegments(s string) []titleSegment {
	var segs []titleSegment
	start := 0
	flush := func(end int) {
		part := strings.TrimSpace(s[start:end])
		if part != "" {
			if w := titleWords(part); len(w) > 0 && !titleIsSalary(part) {
				segs = append(segs, titleSegment{words: w})
			}
		}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		sep := 0
		switch c {
		case '|':
			sep = 1
		case ',', ':', ';':
			if i+1 >= len(s) || s[i+1] == ' ' {
				sep = 1
			}
		case '-', '@', '/':
			if i > 0 && s[i-1] == ' ' && (i+1 >= len(s) || s[i+1] == ' ') {
				sep = 1
			}
		case 0xE2: // "•" U+2022 is E2 80 A2
			if strings.HasPrefix(s[i:], "•") {
				sep = len("•")
			}
		case 0xC2: // "·" U+00B7 is C2 B7
			if strings.HasPrefix(s[i:], "·") {
				sep = len("·")
			}
		}
		if sep > 0 {
			flush(i)
			start = i + sep
			i += sep - 1
		}
	}
	flush(len(s))
	return segs
}

// titleIsSalary reports whether a segment is pay ("$150k", "Upto $14/hr").
func titleIsSalary(part string) bool {
	if strings.ContainsAny(part, "$€£¥") {
		return true
	}
	l := " " + strings.ToLower(part)
	for _, w := range []string{"/hr", "/hour", "per hour", "k/year", "/yr", " salary", " ote "} {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

// titleWords splits on spaces and trims edge punctuation from each word.
func titleWords(s string) []string {
	f := strings.Fields(s)
	out := f[:0]
	for _, w := range f {
		w = strings.Trim(w, ",;:!?\"*|•·")
		if strings.HasSuffix(w, "-") && len(w) > 1 {
			w = strings.TrimRight(w, "-")
		}
		if w == "" || w == "-" || w == "&" && len(out) == 0 {
			continue
		}
		out = append(out, w)
	}
	return out
}

// titleNouns are the job nouns: a title segment naming one is the job.
var titleNouns = map[string]bool{
	"engineer": true, "developer": true, "manager": true, "designer": true, "analyst": true,
	"scientist": true, "specialist": true, "architect": true, "consultant": true,
	"administrator": true, "representative": true, "rep": true, "executive": true, "director": true,
	"coordinator": true, "technician": true, "writer": true, "accountant": true, "nurse": true,
	"pharmacist": true, "electrician": true, "associate": true, "assistant": true, "officer": true,
	"advisor": true, "adviser": true, "agent": true, "recruiter": true, "strategist": true,
	"researcher": true, "artist": true, "animator": true, "editor": true, "copywriter": true,
	"marketer": true, "lead": true, "partner": true, "producer": true, "programmer": true,
	"tester": true, "owner": true, "operator": true, "clerk": true, "handyman": true, "teacher": true,
	"trainer": true, "expert": true, "reviewer": true, "generalist": true, "controller": true,
	"auditor": true, "counsel": true, "attorney": true, "lawyer": true, "president": true,
	"head": true, "chief": true, "ceo": true, "cto": true, "cfo": true, "coo": true, "cmo": true,
	"cio": true, "ciso": true, "vp": true, "sre": true, "sdet": true, "dba": true, "intern": true,
	"trainee": true, "apprentice": true, "praktikant": true, "praktikantin": true, "werkstudent": true,
	"werkstudentin": true, "founder": true, "cofounder": true, "co-founder": true, "advocate": true,
	"evangelist": true, "instructor": true, "tutor": true, "coach": true, "mentor": true,
	"investigator": true, "physician": true, "doctor": true, "therapist": true, "dentist": true,
	"psychologist": true, "paralegal": true, "bookkeeper": true, "cashier": true, "driver": true,
	"mechanic": true, "welder": true, "carpenter": true, "plumber": true, "supervisor": true,
	"foreman": true, "superintendent": true, "planner": true, "buyer": true, "estimator": true,
	"underwriter": true, "actuary": true, "economist": true, "statistician": true, "mathematician": true,
	"physicist": true, "chemist": true, "biologist": true, "hygienist": true, "surgeon": true,
	"veterinarian": true, "journeyperson": true, "journeyman": true, "labeler": true, "annotator": true,
	"moderator": true, "translator": true, "interpreter": true, "receptionist": true, "secretary": true,
	"fellow": true, "student": true, "volunteer": true, "ambassador": true, "sdr": true, "bdr": true,
	"swe": true, "devops": true, "dev": true, "qa": true, "ux": true, "hacker": true, "gestalter": true,
	"entwickler": true, "ingenieur": true, "berater": true, "leiter": true, "referent": true,
	"sachbearbeiter": true, "mitarbeiter": true, "quereinsteiger": true, "actor": true, "leader": true,
	"principal": true, "staff": true, "coder": true, "contractor": true, "freelancer": true,
	"cook": true, "chef": true, "server": true, "bartender": true, "housekeeper": true,
	"nanny": true, "internship": true, "caregiver": true, "aide": true, "worker": true, "inspector": true,
	"photographer": true, "videographer": true, "illustrator": true, "composer": true,
}

// titleNoun reports whether w (any case, plural allowed) is a job noun.
func titleNoun(w string) bool {
	l := strings.ToLower(strings.Trim(w, ".'"))
	if titleNouns[l] {
		return true
	}
	if strings.HasSuffix(l, "s") && titleNouns[l[:len(l)-1]] {
		return true
	}
	// Slash pairs: "Designer/Developer".
	if i := strings.IndexByte(l, '/'); i > 0 {
		return titleNouns[l[:i]] || titleNouns[l[i+1:]]
	}
	if i := strings.LastIndexByte(l, '-'); i > 0 {
		return titleNouns[l[i+1:]]
	}
	return false
}

// titleWeakNouns name a job only together with another word: a segment
// of just "Staff", "Lead" or "Principal" is a level, not the job.
var titleWeakNouns = map[string]bool{"lead": true, "staff": true, "principal": true, "associate": true, "head": true, "chief": true, "partner": true, "owner": true, "student": true}

func titleHasNoun(ws []string) bool {
	strong := false
	n := 0
	for _, w := range ws {
		if titleNoun(w) {
			n++
			if !titleWeakNouns[strings.ToLower(w)] {
				strong = true
			}
		}
	}
	return strong || n > 0 && len(ws) > 1
}

// titleIsNoise reports whether a segment is a location or employment tag.
func titleIsNoise(ws []string) bool {
	for _, w := range ws {
		if !titleDrop[strings.ToLower(w)] && !titleRegion[strings.ToLower(w)] {
			return false
		}
	}
	return true
}

// titleDrop are employment and remote words removed from the role.
var titleDrop = map[string]bool{
	"remote": true, "hybrid": true, "onsite": true, "on-site": true, "freelance": true,
	"contract": true, "temp": true, "temporary": true, "part-time": true, "full-time": true,
	"fulltime": true, "parttime": true, "wfh": true, "fully": true, "100%": true, "urgent": true,
	"urgently": true, "m/f/d": true, "m/w/d": true, "w/m/d": true, "f/m/d": true, "m/f/x": true,
	"f/m/x": true, "h/f": true, "f/h": true, "m/f": true, "mwd": true, "gn": true, "all-genders": true,
	"1099": true, "w2": true, "contract-to-hire": true, "permanent": true,
}

// titleRegion are remote-region words seen in location segments.
var titleRegion = map[string]bool{
	"us": true, "usa": true, "uk": true, "eu": true, "emea": true, "apac": true, "latam": true,
	"americas": true, "europe": true, "worldwide": true, "global": true, "anywhere": true,
	"canada": true, "germany": true, "india": true, "brazil": true, "only": true, "based": true,
	"time": true, "home": true, "from": true, "work": true, "in": true, "-": true,
}

// titleLevelWords maps single level words (lower case, dots trimmed).
var titleLevelWords = map[string]jobstats.Seniority{
	"intern": jobstats.SeniorityIntern, "interns": jobstats.SeniorityIntern, "internship": jobstats.SeniorityIntern,
	"werkstudent": jobstats.SeniorityIntern, "werkstudentin": jobstats.SeniorityIntern,
	"trainee": jobstats.SeniorityIntern, "apprentice": jobstats.SeniorityIntern,
	"praktikant": jobstats.SeniorityIntern, "praktikantin": jobstats.SeniorityIntern, "praktikum": jobstats.SeniorityIntern,
	"stagiaire": jobstats.SeniorityIntern, "co-op": jobstats.SeniorityIntern,
	"junior": jobstats.SeniorityJunior, "jr": jobstats.SeniorityJunior, "graduate": jobstats.SeniorityJunior,
	"associate": jobstats.SeniorityJunior, "entry-level": jobstats.SeniorityJunior, "junior-level": jobstats.SeniorityJunior,
	"intermediate": jobstats.SeniorityMid, "mid": jobstats.SeniorityMid, "mid-level": jobstats.SeniorityMid,
	"midlevel": jobstats.SeniorityMid, "medior": jobstats.SeniorityMid, "mid-senior": jobstats.SeniorityMid,
	"senior": jobstats.SenioritySenior, "sr": jobstats.SenioritySenior, "snr": jobstats.SenioritySenior,
	"senior-level": jobstats.SenioritySenior,
	"lead":         jobstats.SeniorityLead, "staff": jobstats.SeniorityLead,
	"principal": jobstats.SeniorityPrincipal, "distinguished": jobstats.SeniorityPrincipal,
}

// titleRoman maps level numerals that follow a job noun.
var titleRoman = map[string]jobstats.Seniority{
	"i": jobstats.SeniorityJunior, "ii": jobstats.SeniorityMid, "iii": jobstats.SenioritySenior,
	"iv": jobstats.SeniorityLead, "v": jobstats.SeniorityLead,
	"1": jobstats.SeniorityJunior, "2": jobstats.SeniorityMid, "3": jobstats.SenioritySenior,
}

// titleNounLevels are level words that can be the job noun themselves.
var titleNounLevels = map[string]bool{
	"intern": true, "interns": true, "trainee": true, "apprentice": true, "praktikant": true,
	"praktikantin": true, "werkstudent": true, "werkstudentin": true, "lead": true,
	"associate": true, "fellow": true, "principal": true, "internship": true, "leader": true,
}

// titleLevelAt reports the level word starting at ws[i] and how many words
// it spans, or width 0.
func titleLevelAt(ws []string, i int) (jobstats.Seniority, int) {
	w := strings.ToLower(strings.Trim(ws[i], ".'"))
	next := ""
	if i+1 < len(ws) {
		next = strings.ToLower(strings.Trim(ws[i+1], ".'"))
	}
	prev := ""
	if i > 0 {
		prev = strings.ToLower(strings.Trim(ws[i-1], ".'"))
	}
	switch w {
	case "entry":
		if next == "level" {
			return jobstats.SeniorityJunior, 2
		}
		return "", 0
	case "new":
		if next == "grad" || next == "graduate" || next == "grads" {
			return jobstats.SeniorityJunior, 2
		}
		return "", 0
	case "working":
		if next == "student" {
			return jobstats.SeniorityIntern, 2
		}
		return "", 0
	case "team", "tech", "technical":
		if next == "lead" || next == "leader" {
			return jobstats.SeniorityLead, 2
		}
		return "", 0
	case "mid":
		if next == "level" {
			return jobstats.SeniorityMid, 2
		}
		if next == "market" {
			return "", 0
		}
	case "mid-market", "mid-size":
		return "", 0
	case "senior", "sr", "snr":
		// "Senior Staff" and "Senior Principal" are above Staff and Principal.
		if next == "staff" {
			return jobstats.SeniorityLead, 2
		}
		if next == "principal" {
			return jobstats.SeniorityPrincipal, 2
		}
	case "fellow":
		if prev == "technical" || prev == "engineering" || prev == "distinguished" {
			return jobstats.SeniorityPrincipal, 1
		}
	case "level":
		if l, ok := titleRoman[next]; ok && i > 0 {
			return l, 2
		}
		return "", 0
	case "lead":
		if next == "generation" || next == "gen" || next == "to" {
			return "", 0
		}
	case "staff":
		if prev == "of" || titleStaffRoles[next] {
			return "", 0
		}
	case "principal":
		if next == "investigator" {
			return "", 0
		}
		if prev == "associate" {
			return jobstats.SeniorityLead, 1
		}
	case "associate":
		// "Associate Director", "Associate Principal": a rank below the
		// head of a function, not an entry level.
		if next == "director" || next == "principal" || next == "vp" || next == "vice" || next == "head" {
			return jobstats.SeniorityLead, 1
		}
	case "internship", "intern":
		// "Internship Coordinator" organises internships.
		if w == "internship" && titleInternshipRoles[next] {
			return "", 0
		}
	case "graduate":
		if next == "school" || next == "admissions" {
			return "", 0
		}
	}
	if l, ok := titleLevelWords[w]; ok {
		return l, 1
	}
	if l, ok := titleRoman[w]; ok && i > 0 && w != "1" && w != "2" && w != "3" && titleNoun(ws[i-1]) && ws[i] == strings.ToUpper(ws[i]) {
		return l, 1
	}
	// "Mid/Senior", "Senior/Staff": the first level of a slash pair.
	if j := strings.IndexByte(w, '/'); j > 0 {
		if l, ok := titleLevelWords[w[:j]]; ok {
			if _, ok2 := titleLevelWords[w[j+1:]]; ok2 {
				return l, 1
			}
		}
	}
	return "", 0
}

// titleStaffRoles follow "Staff" in titles where it is no level.
var titleStaffRoles = map[string]bool{"accountant": true, "nurse": true, "auditor": true, "pharmacist": true, "physician": true, "attorney": true, "writer": true}

// titleLevelOf returns the first level stated in ws.
func titleLevelOf(ws []string) jobstats.Seniority {
	for i := 0; i < len(ws); i++ {
		l, n := titleLevelAt(ws, i)
		if n == 0 {
			continue
		}
		lw := strings.ToLower(ws[i])
		// A trailing "Associate"/"Fellow" is the job noun ("Warehouse Associate").
		if (lw == "associate" || lw == "fellow" && l != jobstats.SeniorityPrincipal) && i == len(ws)-1 && i > 0 {
			continue
		}
		return l
	}
	return ""
}

// titleStripLevels removes level words; with nouns false, level words that
// can be the job noun (Intern, Lead, Associate, …) stay.
func titleStripLevels(ws []string, nouns bool) []string {
	out := make([]string, 0, len(ws))
	keep := -1 // the last level word that can be the job noun
	if !nouns {
		for i := range ws {
			if _, n := titleLevelAt(ws, i); n > 0 && (titleNounLevels[strings.ToLower(ws[i])] || n == 2 && titleNounLevels[strings.ToLower(ws[i+1])]) {
				keep = i
			}
		}
	}
	for i := 0; i < len(ws); i++ {
		l, n := titleLevelAt(ws, i)
		if n == 0 {
			if titleDrop[strings.ToLower(ws[i])] && !titleContractNoun(ws, i) {
				continue
			}
			out = append(out, ws[i])
			continue
		}
		_ = l
		if i == keep {
			out = append(out, ws[i:i+n]...)
			i += n - 1
			continue
		}
		if false {
			out = append(out, ws[i])
			continue
		}
		i += n - 1
	}
	return out
}

// titleAllLevels reports whether ws holds only level words (and employment
// words): "Intern", "Senior", "Lead".
func titleAllLevels(ws []string) bool {
	for i := 0; i < len(ws); i++ {
		_, n := titleLevelAt(ws, i)
		if n == 0 {
			if !titleDrop[strings.ToLower(ws[i])] {
				return false
			}
			continue
		}
		i += n - 1
	}
	return true
}

// titleTrimTail drops bare numbers and the words after the last job noun
// when the job noun is not the first word and no preposition follows it.
func titleTrimTail(ws []string) []string {
	out := ws[:0:0]
	for _, w := range ws {
		if titleIsNumber(w) {
			continue
		}
		out = append(out, w)
	}
	last := -1
	for i, w := range out {
		if titleNoun(w) && !(titleWeakNouns[strings.ToLower(w)] && i+1 < len(out) && titleNoun(out[i+1])) {
			last = i
		}
	}
	if last > 0 && last+1 < len(out) {
		next := strings.ToLower(out[last+1])
		if next != "in" && next != "of" && next != "for" && next != "to" && next != "&" && next != "and" && next != "de" && next != "für" {
			out = out[:last+1]
		}
	}
	for len(out) > 0 {
		l := strings.ToLower(out[len(out)-1])
		if l == "&" || l == "and" || l == "of" || l == "for" || l == "-" || l == "/" || l == "in" {
			out = out[:len(out)-1]
			continue
		}
		break
	}
	return out
}

func titleIsNumber(w string) bool {
	if w == "" {
		return false
	}
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return true
}

// titleSpellings unify single words (lower case key).
var titleSpellings = map[string][]string{
	"back-end": {"Backend"}, "backend": {"Backend"}, "front-end": {"Frontend"}, "frontend": {"Frontend"},
	"fullstack": {"Full", "Stack"}, "full-stack": {"Full", "Stack"}, "devops": {"DevOps"},
	"golang": {"Go"}, "swe": {"Software", "Engineer"}, "ml": {"Machine", "Learning"},
	"sr": nil, "jr": nil, "eng": {"Engineer"}, "engr": {"Engineer"}, "mgr": {"Manager"},
	"dev-ops": {"DevOps"}, "javascript": {"JavaScript"}, "typescript": {"TypeScript"},
	"ai/ml": {"AI/Machine", "Learning"}, "ml/ai": {"Machine", "Learning/AI"},
}

// titleNormalize unifies spellings across words: Back End, Front End, Full
// Stack, Dev Ops, SRE.
func titleNormalize(ws []string) []string {
	out := make([]string, 0, len(ws)+2)
	for i := 0; i < len(ws); i++ {
		w := ws[i]
		l := strings.ToLower(strings.TrimRight(w, "."))
		next := ""
		if i+1 < len(ws) {
			next = strings.ToLower(ws[i+1])
		}
		switch {
		case (l == "back" || l == "front") && (next == "end" || next == "end-"):
			out = append(out, map[string]string{"back": "Backend", "front": "Frontend"}[l])
			i++
			continue
		case l == "full" && next == "stack":
			out = append(out, "Full", "Stack")
			i++
			continue
		case l == "work" && next == "from" && i+2 < len(ws) && strings.EqualFold(ws[i+2], "home"):
			i += 2
			continue
		case l == "dev" && next == "ops":
			out = append(out, "DevOps")
			i++
			continue
		case l == "sre":
			// "SRE Intern" is an intern Site Reliability Engineer; "SRE
			// Manager" manages Site Reliability Engineering.
			if next == "engineer" || next == "engineers" || next == "" || !titleNoun(ws[i+1]) || titleLevelWords[strings.Trim(next, ".'")] == jobstats.SeniorityIntern {
				out = append(out, "Site", "Reliability", "Engineer")
				if next == "engineer" || next == "engineers" {
					i++
				}
			} else {
				out = append(out, "Site", "Reliability", "Engineering")
			}
			continue
		}
		if rep, ok := titleSpellings[l]; ok {
			out = append(out, rep...)
			continue
		}
		out = append(out, w)
	}
	return out
}

// titleDisciplines are suffixes moved in front of a generic head, after a
// comma or a dash alike: each names a different kind of engineer (one
// with a title of its own: Backend Engineer, iOS Engineer, Security
// Engineer), so "Software Engineer, Backend" is "Backend Software
// Engineer". Any other suffix is a team and is dropped in both forms:
// "Software Engineer - Infrastructure", "Software Engineer, Platform",
// "Software Engineer, Payments", "Software Engineer - Cloud" are
// "Software Engineer".
var titleDisciplines = map[string]string{
	"backend": "Backend", "frontend": "Frontend", "full": "Full Stack", "ios": "iOS",
	"android": "Android", "mobile": "Mobile", "machine": "Machine Learning", "data": "Data",
	"embedded": "Embedded", "security": "Security", "devops": "DevOps", "qa": "QA", "web": "Web",
	"ai": "AI", "site": "Site Reliability", "firmware": "Firmware",
}

// titleGenericHead reports whether ws is a head that a discipline suffix
// specialises: Software Engineer, Software Developer, Engineer, Developer.
func titleGenericHead(ws []string) bool {
	s := strings.ToLower(strings.Join(ws, " "))
	switch s {
	case "software engineer", "software developer", "engineer", "developer", "software engineering manager", "engineering manager":
		return true
	}
	return false
}

// titleAcronyms keep their spelling in any title (lower-case key).
var titleAcronyms = map[string]string{
	"ios": "iOS", "qa": "QA", "ux": "UX", "ui": "UI", "ai": "AI", "sdet": "SDET", ".net": ".NET",
	"php": "PHP", "sql": "SQL", "aws": "AWS", "gcp": "GCP", "api": "API", "apis": "APIs",
	"seo": "SEO", "sem": "SEM", "crm": "CRM", "erp": "ERP", "sap": "SAP", "hr": "HR", "it": "IT",
	"vp": "VP", "svp": "SVP", "evp": "EVP", "avp": "AVP", "ceo": "CEO", "cto": "CTO", "cfo": "CFO",
	"coo": "COO", "cmo": "CMO", "cio": "CIO", "ciso": "CISO", "cro": "CRO", "gtm": "GTM", "b2b": "B2B",
	"b2c": "B2C", "saas": "SaaS", "nlp": "NLP", "bi": "BI", "etl": "ETL", "dba": "DBA", "ar": "AR",
	"vr": "VR", "xr": "XR", "3d": "3D", "2d": "2D", "macos": "macOS", "css": "CSS", "html": "HTML",
	"r&d": "R&D", "ui/ux": "UI/UX", "ux/ui": "UX/UI", "qa/qc": "QA/QC", "emea": "EMEA", "apac": "APAC",
	"latam": "LATAM", "us": "US", "uk": "UK", "eu": "EU", "sdr": "SDR", "bdr": "BDR", "ppc": "PPC",
	"llm": "LLM", "llms": "LLMs", "rn": "RN", "lvn": "LVN", "lpn": "LPN", "gis": "GIS", "cad": "CAD",
	"plc": "PLC", "hvac": "HVAC", "smb": "SMB", "pr": "PR", "devops": "DevOps", "devsecops": "DevSecOps",
	"mlops": "MLOps", "finops": "FinOps", "secops": "SecOps", "dataops": "DataOps", "javascript": "JavaScript",
	"typescript": "TypeScript", "node.js": "Node.js", "nodejs": "Node.js", "react.js": "React.js",
	"vue.js": "Vue.js", "next.js": "Next.js", "graphql": "GraphQL", "postgresql": "PostgreSQL",
	"mysql": "MySQL", "mongodb": "MongoDB", "github": "GitHub", "gitlab": "GitLab", "ai/ml": "AI/ML",
	"c++": "C++", "c#": "C#", "hubspot": "HubSpot", "linkedin": "LinkedIn", "youtube": "YouTube",
	"wordpress": "WordPress", "powershell": "PowerShell", "fp&a": "FP&A", "l&d": "L&D", "dei": "DEI",
	"ehs": "EHS", "kyc": "KYC", "aml": "AML", "sox": "SOX", "soc": "SOC", "noc": "NOC", "sre": "SRE",
	"ecvc": "ECVC", "ic": "IC", "cx": "CX", "ops": "Ops", "ehr": "EHR", "emr": "EMR", "iot": "IoT",
	"web3": "Web3", "defi": "DeFi", "nft": "NFT", "pm": "PM", "tpm": "TPM", "em": "EM", "cs": "CS",
	"chw": "CHW", "vc": "VC", "ml": "ML", "sdk": "SDK", "id": "ID", "fpga": "FPGA", "asic": "ASIC",
	"rtl": "RTL", "soc2": "SOC2", "ot": "OT", "ics": "ICS", "scada": "SCADA", "gpu": "GPU", "cpu": "CPU",
	"dach": "DACH", "nyc": "NYC", "sf": "SF", "la": "LA", "dc": "DC", "ny": "NY", "usd": "USD",
	"k8s": "K8s", "aws/gcp": "AWS/GCP", "ci/cd": "CI/CD", "iam": "IAM", "grc": "GRC", "bpm": "BPM",
	"llp": "LLP", "nba": "NBA", "2k": "2K", "ecommerce": "Ecommerce", "e-commerce": "E-commerce",
}

// titleSmall are lower case inside a title.
var titleSmall = map[string]bool{"of": true, "and": true, "for": true, "in": true, "the": true, "to": true, "on": true, "at": true, "with": true, "a": true, "an": true, "or": true, "de": true, "du": true, "des": true, "und": true, "für": true, "y": true, "e": true, "da": true, "do": true}

// titleShouting reports whether the title is written in capitals.
func titleShouting(ws []string) bool {
	letters, upper := 0, 0
	for _, w := range ws {
		for _, r := range w {
			if unicode.IsLetter(r) {
				letters++
				if unicode.IsUpper(r) {
					upper++
				}
			}
		}
	}
	return letters > 5 && upper == letters
}

// titleCase renders words in title case with acronyms kept.
func titleCase(ws []string, shouting bool) string {
	var b strings.Builder
	for i, w := range ws {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(titleCaseWord(w, i == 0, shouting))
	}
	return b.String()
}

func titleCaseWord(w string, first, shouting bool) string {
	l := strings.ToLower(w)
	if a, ok := titleAcronyms[l]; ok {
		return a
	}
	if titleSmall[l] && !first {
		return l
	}
	if l == "&" {
		return "&"
	}
	for _, sep := range []string{"/", "-"} {
		if strings.Contains(w, sep) && len(w) > 1 {
			parts := strings.Split(w, sep)
			for k, p := range parts {
				parts[k] = titleCaseWord(p, first || k > 0 && sep == "/", shouting)
			}
			return strings.Join(parts, sep)
		}
	}
	if !shouting {
		// Mixed case (iPhone, DevOps, McKinsey) and short capitals (ECVC)
		// are kept as written.
		if titleMixedCase(w) || len(w) <= 4 && w == strings.ToUpper(w) && w != l {
			return w
		}
	}
	r, size := utf8.DecodeRuneInString(l)
	if r == utf8.RuneError {
		return l
	}
	return string(unicode.ToUpper(r)) + l[size:]
}

// titleMixedCase reports an upper-case letter after a lower-case one.
func titleMixedCase(w string) bool {
	lower := false
	for _, r := range w {
		if unicode.IsLower(r) {
			lower = true
		} else if unicode.IsUpper(r) && lower {
			return true
		}
	}
	return false
}

// titleInternshipRoles follow "Internship" in titles of jobs that run
// internships: "Internship Coordinator", "Internship Program Manager".
var titleInternshipRoles = map[string]bool{"coordinator": true, "manager": true, "program": true, "programme": true,
	"specialist": true, "director": true, "lead": true, "recruiter": true, "advisor": true, "officer": true,
	"administrator": true}

// titleContractNoun reports whether ws[i] is "Contract" naming the
// subject of the job, not its kind: "Smart Contract Engineer", "Contract
// Manager", "Contracts Administrator".
func titleContractNoun(ws []string, i int) bool {
	w := strings.ToLower(ws[i])
	if w != "contract" && w != "contracts" {
		return false
	}
	if i > 0 && strings.EqualFold(ws[i-1], "smart") {
		return true
	}
	return w == "contracts" || i+1 < len(ws) && employmentContractRoles[strings.ToLower(strings.Trim(ws[i+1], ".,"))] &&
		!strings.EqualFold(ws[i+1], "engineer")
}

// titleSplitAbbrev puts a space after a level abbreviation glued to the
// next word: "Jr.Data Scientist", "Sr.Backend Engineer".
func titleSplitAbbrev(s string) string {
	if !strings.Contains(s, "r.") && !strings.Contains(s, "R.") {
		return s
	}
	for _, ab := range []string{"Jr.", "jr.", "JR.", "Sr.", "sr.", "SR.", "Snr.", "snr.", "SNR."} {
		for i := 0; ; {
			j := strings.Index(s[i:], ab)
			if j < 0 {
				break
			}
			at := i + j
			end := at + len(ab)
			if (at == 0 || !isWordByte(s[at-1])) && end < len(s) && isWordByte(s[end]) {
				s = s[:end] + " " + s[end:]
			}
			i = end
		}
	}
	return s
}

// Management levels. Heads of a function are principal: Director, Head
// of, VP (Vice President, SVP, EVP) and the C-level (CTO, Chief ...
// Officer); their deputies are lead: Associate/Assistant/Deputy Director,
// AVP. An Engineering Manager (Software Engineering Manager, Manager,
// Engineering; Development Manager, Data Science Manager) is lead. A level
// written in the title counts when it is higher ("Senior Director" stays
// principal, "Senior Engineering Manager" is lead). Other managers
// (Product Manager, Account Manager) are no management level: the word
// names the job there. Art, Creative and Casting Directors are roles of
// their own, not heads of a function.
func titleManagement(role string) jobstats.Seniority {
	if role == "" {
		return ""
	}
	ws := strings.Fields(strings.ToLower(strings.NewReplacer(",", " ", "/", " ").Replace(role)))
	for i, w := range ws {
		prev := ""
		if i > 0 {
			prev = ws[i-1]
		}
		next := ""
		if i+1 < len(ws) {
			next = ws[i+1]
		}
		switch w {
		case "director":
			switch prev {
			case "art", "creative", "casting", "music", "funeral", "camp", "film", "photo":
				continue
			case "associate", "assistant", "deputy":
				return jobstats.SeniorityLead
			}
			return jobstats.SeniorityPrincipal
		case "head":
			if next == "of" || i == 0 && strings.HasPrefix(strings.ToLower(role), "head,") {
				return jobstats.SeniorityPrincipal
			}
		case "vp", "svp", "evp", "cto", "cio", "ceo", "coo", "cfo", "ciso", "cpo", "cdo":
			return jobstats.SeniorityPrincipal
		case "avp":
			return jobstats.SeniorityLead
		case "vice":
			if next == "president" {
				if prev == "assistant" || prev == "associate" {
					return jobstats.SeniorityLead
				}
				return jobstats.SeniorityPrincipal
			}
		case "chief":
			if next != "of" {
				return jobstats.SeniorityPrincipal
			}
		case "manager":
			if prev == "engineering" || prev == "development" || prev == "science" && i > 1 && ws[i-2] == "data" ||
				i == 0 && (next == "engineering" || next == "software" || next == "of") && len(ws) > 1 {
				return jobstats.SeniorityLead
			}
		}
	}
	return ""
}

// titleDeputy reports whether a title names the deputy of a head:
// "Associate Director", "Assistant Vice President", "Deputy Head of".
func titleDeputy(title string) bool {
	l := strings.ToLower(title)
	for _, d := range []string{"associate ", "assistant ", "deputy "} {
		for _, h := range []string{"director", "vice president", "vp", "head"} {
			if strings.Contains(l, d+h) {
				return true
			}
		}
	}
	return false
}
