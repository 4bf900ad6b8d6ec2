package parse

import (
	"strings"
)

// JobSkills returns the skills a job asks for: the technologies named in
// its description's requirements, responsibilities and stack sections, and
// never those of the title or of the company's own paragraphs.
//
//   - Sections are found by their headings in the plain-text description
//     (a short line of its own, or a line that starts with the heading and
//     a colon): Requirements, Qualifications, What you'll do,
//     Responsibilities, Our stack, Tech stack, You have, Must have, Nice to
//     have, Your profile and the like, and their German and French
//     equivalents (Anforderungen, Dein Profil, Deine Aufgaben, Was du
//     mitbringst, Profil recherché, Vos missions, Compétences...). About us,
//     Who we are, Benefits, Perks, What we offer, Equal opportunity and
//     their equivalents are company sections.
//   - When the description has such job sections, only they are read: the
//     introduction about the company before them does not count
//     ("Computer Vision" in "We are a computer vision company" gives
//     nothing).
//   - Without job sections, the whole description is read except company
//     sections and paragraphs that are recognizably about the company or
//     its benefits ("About Acme", "We are a ...", "Founded in ...", "We
//     offer ...", "... is an equal opportunity employer").
//   - A skill that the title names is dropped: the role's page already
//     says it, and a "DevOps Engineer" would otherwise ask for DevOps 100%
//     of the time.
//
// The result is in taxonomy order, each once; nil when none.
func JobSkills(title, description string) []string {
	var seen [4]uint64
	n := 0
	add := func(m skillMatch) {
		w, b := m.id/64, uint(m.id%64)
		if seen[w]&(1<<b) == 0 {
			seen[w] |= 1 << b
			n++
		}
	}
	for _, r := range jobTextRanges(description) {
		skillIndex.skillScan(description[r[0]:r[1]], add)
	}
	if n == 0 {
		return nil
	}
	if title != "" {
		skillIndex.skillScan(title, func(m skillMatch) {
			w, b := m.id/64, uint(m.id%64)
			if seen[w]&(1<<b) != 0 {
				seen[w] &^= 1 << b
				n--
			}
		})
	}
	if n == 0 {
		return nil
	}
	out := make([]string, 0, n)
	for i := range skillNames {
		if seen[i/64]&(1<<uint(i%64)) != 0 {
			out = append(out, skillNames[i])
		}
	}
	return out
}

// sectionKind classifies a part of a description.
type sectionKind uint8

const (
	sectionOther   sectionKind = iota // the introduction, or under a heading of no known kind
	sectionJob                        // requirements, responsibilities, stack
	sectionCompany                    // about us, benefits, equal opportunity
)

// jobTextRanges returns the byte ranges of description that describe the
// job, as JobSkills explains.
func jobTextRanges(description string) [][2]int {
	if description == "" {
		return nil
	}
	type part struct {
		start, end int
		kind       sectionKind
	}
	var parts []part
	kind := sectionOther
	hasJob := false
	for start := 0; start < len(description); {
		end := strings.IndexByte(description[start:], '\n')
		if end < 0 {
			end = len(description)
		} else {
			end += start
		}
		// A heading line belongs to its section: "Requirements: Go,
		// Kubernetes" carries content after the colon. Most lines are
		// sentences, longer than a heading, with no colon early on.
		line := description[start:end]
		if len(line) > sectionMaxHeading+8 && strings.IndexByte(line[:sectionMaxHeading], ':') < 0 {
			// Not a heading: keep the current section.
		} else if k, ok := sectionHeading(line); ok {
			kind = k
			hasJob = hasJob || k == sectionJob
		}
		if l := len(parts); l > 0 && parts[l-1].kind == kind && parts[l-1].end+1 >= start {
			parts[l-1].end = end
		} else {
			parts = append(parts, part{start, end, kind})
		}
		start = end + 1
	}
	var out [][2]int
	for _, p := range parts {
		switch {
		case hasJob && p.kind == sectionJob:
			out = append(out, [2]int{p.start, p.end})
		case !hasJob && p.kind == sectionOther:
			out = appendJobParagraphs(out, description, p.start, p.end)
		}
	}
	return out
}

// appendJobParagraphs appends the paragraphs (lines) of s[start:end] that
// are not about the company or its benefits.
func appendJobParagraphs(out [][2]int, s string, start, end int) [][2]int {
	skipping := false
	for i := start; i < end; {
		e := strings.IndexByte(s[i:end], '\n')
		if e < 0 {
			e = end
		} else {
			e += i
		}
		line := s[i:e]
		if blank(line) {
			// A blank line ends a company paragraph.
			skipping = false
		} else if companyParagraph(line) {
			skipping = true
		} else if !skipping {
			if l := len(out); l > 0 && out[l-1][1]+1 >= i {
				out[l-1][1] = e
			} else {
				out = append(out, [2]int{i, e})
			}
		}
		i = e + 1
	}
	return out
}

func blank(s string) bool { return strings.TrimSpace(s) == "" }

// sectionMaxHeading bounds the length of a heading line.
const sectionMaxHeading = 70

// sectionHeading reports whether line is a section heading and its kind:
// a line of at most 70 bytes that names a kind of section, alone or with
// a few words around it ("Key Responsibilities:", "## Our Tech Stack",
// "Requirements: Go, Kubernetes"). A short line ending with a colon, or
// written in capitals, that names no known kind is a heading of no kind:
// it ends the section before it.
func sectionHeading(line string) (sectionKind, bool) {
	t := strings.TrimSpace(line)
	bullet := t != "" && (t[0] == '-' || t[0] == '*' || strings.HasPrefix(t, "•") || strings.HasPrefix(t, "·"))
	t = strings.TrimLeft(t, "#*•·- ")
	if t == "" || bullet && len(t) > 40 {
		// A list item is a heading only when it is one exactly, and
		// headings are short.
		return 0, false
	}
	head, colon := t, false
	if i := strings.IndexByte(t, ':'); i > 0 && i < sectionMaxHeading {
		head, colon = t[:i], true
	} else if len(t) > sectionMaxHeading {
		return 0, false
	}
	key := sectionKey(head)
	if key == "" || strings.Count(key, " ") > 7 {
		return 0, false
	}
	slack := 14 // words around the heading without a colon
	if colon {
		slack = 24
	}
	if bullet {
		// A list item is a heading only when it is one exactly ("- Requirements").
		slack = 0
	}
	if strings.HasPrefix(key, "about ") && !sectionAboutJob(key) && !bullet {
		return sectionCompany, true // "About Acme", "About us"
	}
	if k, ok := sectionLookup(key, slack); ok {
		return k, true
	}
	if colon && len(strings.TrimSpace(t[len(head)+1:])) == 0 || isShouted(head) && len(key) > 3 {
		return sectionOther, true
	}
	return 0, false
}

// sectionAboutJob reports whether an "About ..." heading is about the job:
// "About the role", "About you", "About this position".
func sectionAboutJob(key string) bool {
	for _, p := range []string{"about the role", "about this role", "about you", "about the job", "about this job",
		"about the position", "about this position", "about the opportunity", "about your role", "about the work",
		"about the team"} {
		if strings.HasPrefix(key, p) {
			return true
		}
	}
	return false
}

// sectionKinds maps the folded headings to their kinds; a company heading
// wins over a job heading of the same words.
var sectionKinds = func() map[string]sectionKind {
	m := make(map[string]sectionKind, len(sectionJobHeadings)+len(sectionCompanyHeadings))
	for _, h := range sectionJobHeadings {
		m[h] = sectionJob
	}
	for _, h := range sectionCompanyHeadings {
		m[h] = sectionCompany
	}
	return m
}()

// sectionLookup finds a known heading among the runs of whole words of
// key with at most slack bytes of words around it ("Key
// Responsibilities", "The Requirements", "Our Tech Stack", "Requirements
// & Skills"). A company heading wins over a job heading.
func sectionLookup(key string, slack int) (sectionKind, bool) {
	if k, ok := sectionKinds[key]; ok {
		return k, true
	}
	if slack == 0 {
		return 0, false
	}
	found, kind := false, sectionKind(0)
	for i := 0; i < len(key); i++ {
		if i > 0 && key[i-1] != ' ' {
			continue
		}
		if i > slack {
			break
		}
		for j := len(key); j > i; j-- {
			if j < len(key) && key[j] != ' ' {
				continue
			}
			if len(key)-(j-i) > slack {
				break
			}
			if k, ok := sectionKinds[key[i:j]]; ok {
				if k == sectionCompany {
					return k, true
				}
				found, kind = true, k
			}
		}
	}
	return kind, found
}

// sectionKey folds a heading: lower case, accents off, markdown and
// punctuation dropped, apostrophes removed ("What You'll Do" → "what
// youll do").
func sectionKey(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := true
	for _, r := range s {
		switch {
		case r == '\'' || r == '’':
			continue
		case r >= 'A' && r <= 'Z':
			b.WriteRune(r + 'a' - 'A')
			space = false
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
			space = false
		case r >= 0x80:
			if f, ok := locFoldTable[r]; ok {
				b.WriteString(f)
				space = false
			} else if r >= 0x80 && !isSymbolRune(r) {
				b.WriteRune(r)
				space = false
			}
		default:
			if !space {
				b.WriteByte(' ')
				space = true
			}
		}
	}
	return strings.TrimSpace(b.String())
}

func isSymbolRune(r rune) bool {
	return r == '•' || r == '·' || r == '–' || r == '—' || r == '…' || r == '“' || r == '”' || r >= 0x2000 && r < 0x2c00 || r >= 0x1f000
}

// isShouted reports whether s has letters and all are capitals.
func isShouted(s string) bool {
	letters := 0
	for _, r := range s {
		if r >= 'a' && r <= 'z' {
			return false
		}
		if r >= 'A' && r <= 'Z' {
			letters++
		}
	}
	return letters >= 4
}

// sectionJobHeadings name sections about the job (folded).
var sectionJobHeadings = []string{
	"requirements", "requirement", "qualifications", "minimum qualifications", "basic qualifications",
	"preferred qualifications", "required qualifications", "what youll do", "what you will do",
	"what you ll do", "what youll be doing", "what you will be doing", "responsibilities", "your responsibilities",
	"key responsibilities", "duties", "your tasks", "tasks", "our stack", "tech stack", "the stack", "technology stack",
	"technologies", "tech", "tools", "tooling", "our tools", "you have", "you bring", "what you bring",
	"what youll bring", "what we are looking for", "what were looking for", "who you are", "about you",
	"must have", "must haves", "nice to have", "nice to haves", "bonus", "bonus points", "skills",
	"required skills", "skills and experience", "experience", "your profile", "profile", "ideal candidate",
	"the ideal candidate", "your role", "the role", "in this role", "role", "day to day", "your day to day",
	"your mission", "the job", "job description", "about the role", "about you", "about the team", "what we need", "what you need", "you will", "youll",
	"your skills", "competencies", "key skills", "essential", "desirable", "essential skills", "desirable skills",
	"anforderungen", "dein profil", "ihr profil", "deine aufgaben", "ihre aufgaben", "aufgaben",
	"was du mitbringst", "was sie mitbringen", "das bringst du mit", "das bringen sie mit", "qualifikationen",
	"deine qualifikationen", "dein skillset", "unser tech stack", "techstack", "deine rolle", "was dich erwartet",
	"profil recherche", "votre profil", "vos missions", "missions", "responsabilites", "competences",
	"exigences", "stack technique", "votre role", "requisitos", "responsabilidades", "perfil",
}

// sectionCompanyHeadings name sections about the company, its benefits
// and policies (folded).
var sectionCompanyHeadings = []string{
	"about us", "about the company", "who we are", "our company", "the company",
	"company description", "company overview", "our story", "our mission", "our values", "values",
	"benefits", "perks", "benefits and perks", "perks and benefits", "what we offer", "we offer",
	"why join us", "why us", "why work with us", "life at", "our culture", "culture",
	"equal opportunity", "equal employment opportunity", "eeo", "diversity", "diversity and inclusion",
	"compensation", "salary", "pay", "pay range", "how to apply", "application process", "hiring process",
	"interview process", "additional information", "disclaimer", "privacy",
	"uber uns", "wir bieten", "was wir bieten", "unsere benefits", "das bieten wir", "was wir dir bieten",
	"a propos", "qui sommes nous", "avantages", "nous offrons", "ce que nous offrons", "sobre nosotros",
	"beneficios", "ofrecemos",
}

// companyParagraph reports whether a line of a description without
// sections is about the company or its benefits rather than the job.
func companyParagraph(line string) bool {
	t := strings.TrimSpace(line)
	if len(t) < 12 {
		return false
	}
	head := t
	if len(head) > 48 {
		head = head[:48]
	}
	key := sectionKey(head)
	for _, c := range companyCues {
		if strings.HasPrefix(key, c) {
			return true
		}
	}
	lower := strings.ToLower(t)
	return strings.Contains(lower, "equal opportunity employer") || strings.Contains(lower, "is proud to be an equal")
}

// companyCues start a paragraph about the company (folded).
var companyCues = []string{
	"about us", "about the company", "we are a", "we are an", "were a", "were an", "we are the",
	"founded in", "our mission", "our company", "who we are", "benefits", "perks", "we offer",
	"what we offer", "equal opportunity", "join us", "why join", "our customers", "our team is",
	"headquartered in", "backed by", "we believe", "our vision", "as a company",
}
