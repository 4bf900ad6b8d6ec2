package parse

import (
	"sort"
	"strings"

	"github.com/jobstats/jobstats"
)

// How Degree reads a text:
//
//  1. One scan finds degree mentions ("Bachelor's", "BS in", "degree",
//     "Hochschulabschluss", "diplôme Bac+5", "licenciatura", "ensino
//     superior", …), modifiers (equivalent, preferred, not required),
//     school-level credentials (a high school diploma, GED, Abitur) and
//     things that look like degrees but are not: an education product
//     ("degree programs", "online degrees"), "a high degree of", "degree
//     of freedom", "360-degree", "degrees Celsius", and studying toward a
//     degree ("currently pursuing", "während des Studiums"), which is
//     enrolment, not a degree held. A comparable field ("oder einer
//     vergleichbaren Fachrichtung", "or an equivalent field", "ou domaine
//     équivalent") widens the subject, not the requirement: it is no
//     equivalence modifier.
//  1b. A requirement addresses the candidate. A mention after someone
//     else's ("learners", "our customers", "alumni") is no statement; so is
//     one after a verb of the company's product ("courses that lead to
//     accredited degrees", "helps adults earn a degree", "offers degrees")
//     unless its clause speaks to or about the candidate ("you",
//     "candidates", "required", "must"): "you have earned a degree" is.
//  2. The text is cut into clauses at line breaks, bullets, ';' and
//     sentence ends ("B.S." and "e.g." do not end a sentence). Within a
//     clause each modifier belongs to the nearest mention (a modifier
//     followed by ':' belongs to the next one: "Preferred: Master's").
//  3. A mention is equivalent when an equivalence modifier belongs to it
//     ("or equivalent experience", "oder vergleichbare Qualifikation", "ou
//     expérience équivalente"), else preferred ("a plus", "nice to have",
//     "preferred", "wünschenswert", "un plus", "deseable", "desejável"),
//     else not_required ("not required", "no degree", "aren't a
//     requirement", "kein Studium erforderlich"), else required. A mention
//     with no modifier of its own under a heading such as "Nice to have:"
//     or "Preferred qualifications" is preferred, and so is one whose
//     heading states a preference even when it accepts an alternative
//     ("Preferred qualifications: Bachelor's degree or equivalent practical
//     experience" is a wish, not a requirement).
//  4. A text with no degree statement that asks for a school-level
//     credential ("High school diploma or GED required", "High school
//     diploma or equivalent") is not_required: it states its education
//     requirement and that is below a degree. A school mention beside a
//     degree statement leaves the degree statement's class.
//  5. Precedence over the mentions of a text: not_required > equivalent >
//     required > preferred. An explicit "no degree needed" is the most
//     explicit statement a listing makes (its other mentions are then
//     examples or wishes); an accepted alternative to the degree relaxes
//     any requirement stated elsewhere; a requirement outranks hedged
//     wishes ("Bachelor's degree required; Master's preferred" is
//     required). Within one mention a hedge wins over a negation: "a degree
//     is nice to have but not required" is preferred.

// degKind is what a degree-table phrase means.
type degKind int

const (
	degHit         degKind = iota // a degree mention
	degHitNot                     // a negated mention: "no degree", "kein Studium"
	degSchool                     // a school-level credential: "high school diploma", "GED"
	degAbsorb                     // not a degree, but takes modifiers: "degree programs", "360-degree"
	degStudent                    // enrolment: a mention it belongs to is ignored
	degEquiv                      // "or equivalent experience"
	degPref                       // "a plus", "preferred"
	degNot                        // "not required"
	degProduct                    // someone else's degree: "learners", "customers" before a mention
	degProductVerb                // the company's product: "lead to", "earn", "offers" before a mention
	degField                      // a comparable field, not an alternative: "vergleichbaren Fachrichtung"
	degCount
)

// degPrefHeading is the modifier bit of a preference written as a heading
// of the mention ("Preferred qualifications: Bachelor's degree or
// equivalent practical experience"): the degree is then preferred, whatever
// alternative it accepts.
const degPrefHeading = degCount

// degBare marks a school phrase that names a school, not a credential
// ("high school" as against "high school diploma"): it states an
// education requirement only in a clause that asks for one.
const degBare = 1 << 8

// degPhrases lists the degree table by kind (scanner syntax, see
// skills_scan.go; all phrases match regardless of case).
var degPhrases = [degCount][]string{
	degHit: {
		// English.
		"?degree", "?degrees", "degreed", "bachelor", "bachelors", "bachelor's", "bachelor degree",
		"master's", "masters", "master degree", "master of", "master in", "masters in", "master’s",
		"b.s.", "b.s", "bs in", "bs degree", "bs/ms", "bs/ba", "ba/bs", "bs or ms", "bsc", "b.sc", "b.sc.",
		"ba in", "b.a.", "b.a", "ms in", "m.s.", "ms degree", "msc", "m.sc", "m.sc.", "mba", "phd", "ph.d",
		"ph.d.", "doctorate", "doctoral", "b.e.", "b.e/", "b.tech", "btech", "m.tech", "mtech", "b.eng",
		"beng", "m.eng", "meng", "j.d.", "college educated", "university educated", "college graduate",
		"university graduate", "?diploma", "associate's", "associate’s",
		"bachelor’s", "formal education", "formal cs education", "formal computer science education",
		"cs education", "computer science education", "college education", "university education",
		"completed studies", "university studies", "academic studies", "academic degree",
		// German.
		"studium", "hochschulstudium", "universitätsstudium", "fachhochschulstudium", "informatikstudium",
		"hochschulabschluss", "fachhochschulabschluss", "universitätsabschluss", "studienabschluss",
		"akademischer abschluss", "akademischen abschluss", "bachelorabschluss", "masterabschluss",
		"masterstudium", "bachelorstudium", "diplom", "abgeschlossenes studium", "abgeschlossenem studium",
		"abgeschlossene ausbildung", "abgeschlossenen ausbildung",
		// French.
		"diplôme", "diplômé", "diplômée", "bac+2", "bac+3", "bac+4", "bac+5", "bac +5", "bac +3",
		"bac+5", "formation supérieure", "formation universitaire", "études supérieures",
		"école d'ingénieur", "école d’ingénieur", "diplôme d'ingénieur",
		// Spanish.
		"titulación", "titulacion", "título universitario", "titulo universitario", "licenciatura",
		"grado en", "grado universitario", "carrera universitaria", "estudios universitarios",
		"ingeniería superior", "máster", "maestría",
		// Portuguese.
		"ensino superior", "graduação", "graduacao", "bacharelado", "formação superior",
		"curso superior", "superior completo", "pós-graduação", "mestrado", "licenciatura em",
	},
	degHitNot: {
		"no degree", "no degrees", "no formal degree", "no college degree", "no university degree",
		"without a degree", "without a college degree", "without degree", "without degrees",
		"not your degree", "not your degrees", "no diploma", "no formal education",
		"no specific education", "regardless of degree", "degree optional", "no bachelor's",
		"not degrees", "not degree", "not a degree", "not diplomas", "rather than degrees",
		"instead of degrees", "over degrees", "not credentials", "rather than credentials",
		"kein studium", "kein abschluss", "ohne studium", "ohne abschluss", "kein hochschulabschluss",
		"pas de diplôme", "sans diplôme", "aucun diplôme", "sin título", "sin titulación",
		"no requiere titulación", "sem diploma", "sem graduação",
	},
	degSchool: {
		"ged", "hs diploma", "high school diploma", "high-school diploma", "highschool diploma",
		"high school degree", "high school education", "high school graduate", "high school equivalency",
		"secondary school diploma", "secondary education", "abitur", "fachabitur", "fachhochschulreife",
		"hochschulreife", "matura", "baccalauréat", "ensino médio completo", "bachillerato",
	},
	degAbsorb: {
		"?degrees of",
		"?degree of", "high degree", "certain degree", "some degree", "third degree", "first degree",
		"second degree", "360 degree", "360 degrees", "degree programs", "degree program",
		"degree programme", "degree programmes", "online degree", "online degrees",
		"degree granting", "degree-granting", "our degrees", "our degree", "earn a degree",
		"earn their degree", "earn your degree", "earning a degree", "earning their degree",
		"degree completion", "degree pathway", "degree pathways", "degree courses", "degree students",
		"degree seeking", "degrees celsius", "degrees fahrenheit", "degree angle", "degree view",
		"degree apprenticeship", "degree apprenticeships", "diploma mill", "scrum master", "master data",
		"master the", "masterclass", "phd program", "phd programs", "phd students", "studium generale", "study programs", "degree feedback",
	},
	degProduct: {
		"learner", "learners", "alumni", "our students", "their students", "our users", "our customers",
		"our clients", "our members", "its users", "its customers", "million users", "million customers",
	},
	degProductVerb: {
		"earn", "earns", "earned", "earning", "lead to", "leads to", "leading to", "led to",
		"award", "awards", "awarded", "awarding", "offer", "offers", "offering", "sell", "sells",
		"builds", "provides", "complete their", "finish their", "get their", "obtain their",
	},
	degField: {
		"vergleichbaren fachrichtung", "vergleichbare fachrichtung", "vergleichbarer fachrichtung",
		"vergleichbaren studienrichtung", "vergleichbare studienrichtung", "vergleichbaren studiengang",
		"vergleichbarem studiengang", "vergleichbarer studiengang", "vergleichbaren studiengangs",
		"vergleichbaren studiums", "vergleichbares studium", "vergleichbaren studium",
		"vergleichbaren fachbereich", "vergleichbaren fach", "vergleichbaren disziplin",
		"vergleichbaren bereich", "vergleichbaren bereichs", "vergleichbaren naturwissenschaft",
		"vergleichbaren abschluss", "vergleichbarer abschluss", "vergleichbaren hochschulabschluss",
		"gleichwertigen abschluss", "gleichwertiger abschluss", "gleichwertigen studiengang",
		"gleichwertigen fachrichtung",
		"equivalent field", "equivalent fields", "equivalent discipline", "equivalent major",
		"equivalent degree", "comparable field", "comparable discipline", "comparable degree",
		"domaine équivalent", "domaines équivalents", "domaine similaire", "filière équivalente",
		"diplôme équivalent", "campo equivalente", "área equivalente", "titulación equivalente",
		"título equivalente", "carrera equivalente", "áreas equivalentes", "curso equivalente",
		"formação equivalente",
	},
	degStudent: {
		"pursuing", "currently enrolled", "enrolled in", "working towards", "working toward",
		"während des studiums", "während deines studiums", "während ihres studiums", "neben dem studium",
		"neben deinem studium", "im studium", "studierende", "studierenden", "student", "students",
		"studenten", "studentin", "étudiant", "étudiante", "en cours", "cursando", "estudiante",
		"estudiantes", "graduating", "expected graduation", "final year", "final-year",
	},
	degEquiv: {
		"equivalent", "equivalents", "equivalency", "equivalence", "equivalente", "equivalentes",
		"équivalent", "équivalente", "équivalence", "in lieu of", "comparable", "vergleichbar",
		"vergleichbare", "vergleichbaren", "vergleichbarer", "gleichwertig", "gleichwertige",
		"gleichwertigen", "or similar experience", "or relevant experience", "or related experience",
		"or practical experience", "or relevant work experience", "or related work experience",
		"or demonstrable experience", "or proven experience", "or commensurate experience",
		"commensurate experience", "or experience", "o experiencia", "ou experiência",
		"ou expérience", "oder berufserfahrung", "oder entsprechende berufserfahrung",
		"alternatively", "alternativ",
	},
	degPref: {
		"preferred", "preferably", "preference", "prefer", "a plus", "big plus", "huge plus",
		"strong plus", "definite plus", "added plus", "plus point", "nice to have", "nice to haves",
		"bonus", "bonus points", "desirable", "desired", "advantage", "advantageous", "beneficial",
		"helpful", "ideally", "welcome", "appreciated", "an asset", "asset", "would be great",
		"stand out", "wünschenswert", "von vorteil", "vorteilhaft", "idealerweise", "gerne gesehen",
		"pluspunkt", "pluspunkte", "wäre schön", "un plus", "un atout", "atout", "souhaité",
		"souhaitée", "souhaitable", "apprécié", "appréciée", "idéalement", "deseable", "valorable",
		"se valorará", "valorará", "valoraremos", "preferible", "preferiblemente", "preferentemente",
		"no excluyente", "desejável", "desejáveis", "diferencial", "preferencialmente",
	},
	degNot: {
		"not required", "not a requirement", "isn't a requirement", "aren't a requirement",
		"is not a requirement", "are not a requirement", "not necessary", "not needed", "not mandatory",
		"not essential", "not a must", "not require", "don't require", "do not require",
		"does not require", "doesn't require", "don't need", "do not need", "doesn't need",
		"does not need", "optional", "isn't required", "aren't required", "isn't necessary",
		"no requirement", "less important", "not important", "don't care", "do not care",
		"doesn't matter", "does not matter", "not a prerequisite", "not a barrier", "not needed",
		"never required", "nicht erforderlich", "nicht notwendig", "nicht zwingend",
		"keine voraussetzung", "nicht vorausgesetzt", "kein muss", "pas obligatoire",
		"pas nécessaire", "pas requis", "non requis", "non obligatoire", "pas indispensable",
		"no es necesario", "no es imprescindible", "no se requiere", "no requerido", "no es requisito",
		"não é necessário", "não obrigatório", "não é obrigatório", "não exigido", "não é exigido",
		"não é pré-requisito", "não exigimos", "nao exigimos", "não exige", "não requer",
		"não requeremos", "não precisa", "não precisamos", "no exigimos", "no requerimos",
		"no necesitas", "no pedimos", "n'exigeons pas", "n'est pas exigé", "pas exigé",
	},
}

var degScanner skillScanner

// degSchoolBare are school names that are no credential by themselves.
var degSchoolBare = []string{
	"high school", "high-school", "highschool", "secondary school", "bac", "ensino médio",
	"secundaria", "secundário", "12th grade", "grade 12",
}

func init() {
	add := func(p string, id int) {
		degScanner.skillAdd(p, id, degGuardDegree)
		if strings.Contains(p, "'") {
			degScanner.skillAdd(strings.ReplaceAll(p, "'", "’"), id, degGuardDegree)
		}
	}
	for k, list := range degPhrases {
		for _, p := range list {
			add(p, k)
		}
	}
	for _, p := range degSchoolBare {
		add(p, int(degSchool)|degBare)
	}
}

// degGuardDegree rejects a number of degrees ("30 degrees", "360-degree").
func degGuardDegree(s string, start, end int) bool {
	k := start
	for k > 0 && (s[k-1] == ' ' || s[k-1] == '-') {
		k--
	}
	return !(k > 0 && (s[k-1] >= '0' && s[k-1] <= '9' || strings.HasSuffix(s[:k], "°")))
}

// degToken is a phrase found in the text.
type degToken struct {
	kind       degKind
	bare       bool // a bare school name (degSchool only)
	start, end int
	clause     int
}

// Degree classifies what a text says about a university degree: required,
// equivalent (a degree or equivalent experience), preferred (a plus, nice
// to have, preferred), not_required (the text says none is needed), or
// jobstats.DegreeUnknown when nothing is said. A high school diploma or GED
// is not a degree: a text that asks for one and states nothing about a
// degree is not_required, one that also states a degree stance keeps that
// stance. Only what is asked of the candidate counts: an education product
// ("we build degree programs", "courses that lead to accredited degrees"),
// someone else's degree ("learners earn a degree online"), "a high degree
// of", "degree of freedom", "360-degree feedback" and "degrees Celsius" are
// no statement, and a comparable field ("or a comparable field", "oder
// einer vergleichbaren Fachrichtung") is still a required degree. English, German, French, Spanish and
// Portuguese phrasings are understood. When a text makes several
// statements the precedence is not_required > equivalent > required >
// preferred (see the comment at the top of degree.go).
func Degree(text string) jobstats.Degree {
	var buf [64]degToken
	toks := buf[:0]
	hits, schools := 0, 0
	degScanner.skillScan(text, func(m skillMatch) {
		k := degKind(m.id &^ degBare)
		if k == degSchool {
			schools++
		}
		if k == degHit || k == degHitNot {
			hits++
			// "Bachelor's degree", "BS/MS degree", "Bachelor's or Master's
			// degree" are one mention.
			if n := len(toks); n > 0 && (toks[n-1].kind == degHit || toks[n-1].kind == degHitNot) && degConnector(text[toks[n-1].end:m.start]) {
				toks[n-1].end = m.end
				if k == degHitNot {
					toks[n-1].kind = degHitNot
				}
				return
			}
		}
		toks = append(toks, degToken{kind: k, bare: m.id&degBare != 0, start: m.start, end: m.end})
	})
	if hits == 0 && schools == 0 {
		return jobstats.DegreeUnknown
	}
	clauses := degClauses(text, toks)
	// Each modifier belongs to one mention (or absorber) of its clause:
	// find the nearest one on each side in two linear passes.
	var pbuf, nbuf [64]int
	var fbuf [64]uint16
	prevOwner, nextOwner, flags := pbuf[:0], nbuf[:0], fbuf[:0]
	if len(toks) > len(pbuf) {
		prevOwner, nextOwner, flags = make([]int, 0, len(toks)), make([]int, 0, len(toks)), make([]uint16, 0, len(toks))
	}
	last := -1
	for i := range toks {
		if i > 0 && toks[i].clause != toks[i-1].clause {
			last = -1
		}
		prevOwner = append(prevOwner, last)
		nextOwner = append(nextOwner, -1)
		flags = append(flags, 0)
		if toks[i].kind <= degAbsorb {
			last = i
		}
	}
	last = -1
	for i := len(toks) - 1; i >= 0; i-- {
		if i < len(toks)-1 && toks[i].clause != toks[i+1].clause {
			last = -1
		}
		nextOwner[i] = last
		if toks[i].kind <= degAbsorb {
			last = i
		}
	}
	for i := range toks {
		o := -1
		switch toks[i].kind {
		case degHit, degHitNot, degSchool, degAbsorb, degField:
			continue
		case degProduct, degProductVerb:
			// Whose degree: the subject or verb before a mention.
			o = nextOwner[i]
		default:
			o = degOwner(text, toks, i, prevOwner[i], nextOwner[i])
		}
		if o >= 0 {
			k := toks[i].kind
			if k == degPref && o > i {
				if b, _ := skillNextByte(text, toks[i].end); b == ':' || degHeadingWord(text, toks[i].end) {
					k = degPrefHeading // "Preferred qualifications: ..."
				}
			}
			flags[o] |= 1 << k
		}
	}
	best := jobstats.DegreeUnknown
	school := false
	for i := range toks {
		switch toks[i].kind {
		case degSchool:
			school = school || degSchoolStated(text, toks, i, flags[i], clauses)
			continue
		case degHit, degHitNot:
		default:
			continue
		}
		d := degVerdict(text, toks, i, flags[i], clauses)
		if degRank(d) > degRank(best) {
			best = d
		}
	}
	if best == jobstats.DegreeUnknown && school {
		// The listing asks for a high school diploma and no degree.
		return jobstats.DegreeNotRequired
	}
	return best
}

// degSchoolStated reports whether the school mention toks[h] states an
// education requirement: a credential ("high school diploma", "GED") or a
// school named in a clause that asks for it ("high school or equivalent",
// "completed high school required"), not enrolment ("high school
// students") nor someone else's ("we build apps for high school
// teachers").
func degSchoolStated(s string, toks []degToken, h int, mods uint16, clauses []int) bool {
	if mods&(1<<degStudent|1<<degProduct|1<<degProductVerb) != 0 {
		return false
	}
	if !toks[h].bare || mods&(1<<degEquiv|1<<degPref|1<<degNot) != 0 {
		return true
	}
	clause := degClauseText(s, toks[h].clause, clauses)
	for _, w := range [...]string{"diploma", "graduate", "education", "complet", "required", "require", "must", "minimum"} {
		if skillContainsFold(clause, w) {
			return true
		}
	}
	return false
}

// degClauseText returns the text of clause c.
func degClauseText(s string, c int, clauses []int) string {
	end := len(s)
	if c+1 < len(clauses) {
		end = clauses[c+1]
	}
	return s[clauses[c]:end]
}

// degAddressesCandidate reports whether a clause speaks to or about the
// candidate ("you", "candidates", "required", "must"), as a requirement
// does and a sentence about the company's product does not.
func degAddressesCandidate(clause string) bool {
	for i := 0; i < len(clause); {
		for i < len(clause) && !skillIsWordByte(clause[i]) {
			i++
		}
		j := i
		for j < len(clause) && (skillIsWordByte(clause[j]) || clause[j] == '\'') {
			j++
		}
		switch strings.ToLower(clause[i:j]) {
		case "you", "your", "you'll", "you've", "you're", "candidate", "candidates", "applicant", "applicants",
			"required", "require", "requires", "requirement", "requirements", "must", "need", "needs",
			"qualification", "qualifications", "minimum", "du", "sie", "ihr", "vous", "você", "usted", "tú":
			return true
		}
		i = j
	}
	return false
}

// degConnector reports whether gap joins two mentions into one: spaces,
// "or", "and", "/", ",", "'s", "in", "of", "a".
func degConnector(gap string) bool {
	if len(gap) > 12 {
		return false
	}
	for _, f := range strings.FieldsFunc(gap, func(r rune) bool { return r == ' ' || r == '/' || r == ',' || r == '-' || r == '(' || r == ')' }) {
		switch strings.ToLower(f) {
		case "or", "and", "'s", "’s", "s", "in", "of", "a", "an", "&", "oder", "ou", "o", "y", "e", "und":
		default:
			return false
		}
	}
	return true
}

// degRank orders verdicts by precedence.
func degRank(d jobstats.Degree) int {
	switch d {
	case jobstats.DegreeNotRequired:
		return 4
	case jobstats.DegreeEquivalent:
		return 3
	case jobstats.DegreeRequired:
		return 2
	case jobstats.DegreePreferred:
		return 1
	}
	return 0
}

// degClauses numbers the clause of every token and returns the clause
// start offsets.
func degClauses(s string, toks []degToken) []int {
	starts := []int{0}
	ti := 0
	for i := 0; i < len(s); i++ {
		for ti < len(toks) && toks[ti].start <= i {
			toks[ti].clause = len(starts) - 1
			ti++
		}
		if ti >= len(toks) {
			break
		}
		c := s[i]
		cut := 0
		switch c {
		case '\n', ';', '!', '?':
			cut = 1
		case '.':
			if i+1 >= len(s) || skillIsSpace(s[i+1]) {
				// A sentence end, unless the word before is one letter
				// ("B.S.", "e.g.") or the text inside a token.
				k := i
				for k > 0 && skillIsWordByte(s[k-1]) {
					k--
				}
				if i-k >= 2 && !(ti > 0 && toks[ti-1].end > i) {
					cut = 1
				}
			}
		case 0xE2:
			if strings.HasPrefix(s[i:], "•") {
				cut = len("•")
			}
		case 0xC2:
			if strings.HasPrefix(s[i:], "·") {
				cut = len("·")
			}
		}
		if cut > 0 {
			starts = append(starts, i+cut)
			i += cut - 1
		}
	}
	for ; ti < len(toks); ti++ {
		toks[ti].clause = len(starts) - 1
	}
	return starts
}

// degVerdict classifies the mention toks[h] from the kinds of the
// modifiers that belong to it (a bit set of degKind).
func degVerdict(s string, toks []degToken, h int, mods uint16, clauses []int) jobstats.Degree {
	switch {
	case mods&(1<<degStudent|1<<degProduct) != 0:
		// Enrolment, or someone else's degree: "learners earn a degree".
		return jobstats.DegreeUnknown
	case mods&(1<<degProductVerb) != 0 && !degAddressesCandidate(degClauseText(s, toks[h].clause, clauses)):
		// The company's product: "courses that lead to accredited degrees".
		return jobstats.DegreeUnknown
	case mods&(1<<degPrefHeading) != 0 && mods&(1<<degNot) == 0:
		// "Preferred qualifications: Bachelor's degree or equivalent
		// practical experience": the whole line is a wish.
		return jobstats.DegreePreferred
	case mods&(1<<degEquiv) != 0 && mods&(1<<degNot) == 0 && degUnderPreferredHeading(s, toks, toks[h].clause, clauses):
		return jobstats.DegreePreferred
	case mods&(1<<degEquiv) != 0:
		return jobstats.DegreeEquivalent
	case mods&(1<<degPref) != 0:
		return jobstats.DegreePreferred
	case mods&(1<<degNot) != 0 || toks[h].kind == degHitNot:
		return jobstats.DegreeNotRequired
	}
	if mods == 0 && degUnderPreferredHeading(s, toks, toks[h].clause, clauses) {
		return jobstats.DegreePreferred
	}
	return jobstats.DegreeRequired
}

// degOwner returns which of the nearest mentions (or absorbers) before and
// after modifier toks[m] in its clause the modifier belongs to, or -1.
func degOwner(s string, toks []degToken, m, prev, next int) int {
	mod := &toks[m]
	switch {
	case prev < 0:
		return next
	case next < 0:
		return prev
	}
	if b, _ := skillNextByte(s, mod.end); b == ':' {
		return next
	}
	// A comma on one side only separates the modifier from that side:
	// "High school diploma or equivalent, bachelor's degree preferred".
	gapPrev, gapNext := s[toks[prev].end:mod.start], s[mod.end:toks[next].start]
	if len(gapPrev) > 200 || len(gapNext) > 200 {
		gapPrev, gapNext = "", ""
	}
	if cp, cn := strings.ContainsAny(gapPrev, ",("), strings.ContainsAny(gapNext, ",("); cp != cn {
		if cn {
			return prev
		}
		return next
	}
	if mod.start-toks[prev].end <= toks[next].start-mod.end {
		return prev
	}
	return next
}

// degUnderPreferredHeading reports whether the nearest heading above
// clause c ("Nice to have:", "Preferred qualifications", "Bonus points
// if:") states a preference.
func degUnderPreferredHeading(s string, toks []degToken, c int, clauses []int) bool {
	for k := c - 1; k >= 0 && k >= c-12; k-- {
		end := len(s)
		if k+1 < len(clauses) {
			end = clauses[k+1]
		}
		line := strings.TrimSpace(s[clauses[k]:end])
		line = strings.TrimRight(line, ";•·")
		colon := strings.HasSuffix(line, ":")
		if !colon && (len(line) > 60 || strings.HasPrefix(line, "- ") || line == "") {
			continue
		}
		// A heading: does it state a preference (in its last 40 bytes)?
		from := clauses[k] + max(0, len(s[clauses[k]:end])-48)
		lo := sort.Search(len(toks), func(i int) bool { return toks[i].clause >= k })
		for _, t := range toks[lo:] {
			if t.clause > k {
				break
			}
			if t.clause == k && t.kind == degPref && t.start >= from {
				return true
			}
			if t.clause == k && (t.kind == degHit || t.kind == degHitNot) {
				return false
			}
		}
		return false
	}
	return false
}

// DegreeCredential classifies a structured credential category (JSON-LD
// credentialCategory such as "bachelor degree", "high school",
// "professional certificate", "postgraduate degree") and reports false
// when it says nothing about a university degree. A named university
// degree (associate, bachelor, master, doctoral, postgraduate) is
// required; hedged text ("bachelor degree or equivalent experience",
// "master degree preferred") is classified like Degree does. A high school
// credential ("high school", "GED") and "no requirements" (the value
// Google's job posting guidelines give for a job with no education
// requirement) are not_required: the credential states the education asked
// for, and it is below a degree. A professional certificate reports false:
// it says nothing about a degree, so callers fall back to the description.
// The credential alone cannot tell whether experience is accepted in place
// of it (JSON-LD experienceInPlaceOfEducation): a caller that has that
// flag should treat a required credential as equivalent.
func DegreeCredential(category string) (jobstats.Degree, bool) {
	c := strings.ToLower(jobstats.TrimSpace(strings.NewReplacer("_", " ", "-", " ").Replace(category)))
	switch c {
	case "":
		return jobstats.DegreeUnknown, false
	case "high school", "highschool", "high school diploma", "secondary school", "secondary education", "ged",
		"no requirements", "no requirement", "none", "not required":
		return jobstats.DegreeNotRequired, true
	case "bachelor", "master", "doctoral", "doctorate", "postgraduate", "graduate", "undergraduate",
		"associate", "associate degree", "professional degree", "university", "college", "bachelor degree",
		"master degree", "doctoral degree", "postgraduate degree", "graduate degree", "undergraduate degree":
		return jobstats.DegreeRequired, true
	}
	if d := Degree(c); d != jobstats.DegreeUnknown {
		return d, true
	}
	return jobstats.DegreeUnknown, false
}

// degHeadingWord reports whether the preference word ending at e is the
// first word of a heading such as "Preferred qualifications:" or
// "Preferred Skills:": one more word, then a colon.
func degHeadingWord(s string, e int) bool {
	w := skillWordAfter(s, e)
	if w == "" {
		return false
	}
	k := strings.Index(s[e:], w) + e + len(w)
	b, _ := skillNextByte(s, k)
	return b == ':' && skillIn(w, "qualifications", "qualification", "skills", "requirements", "experience", "education", "background")
}
