package parse_test

import (
	"fmt"
	"os"
	"testing"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/parse"
)

const (
	req   = jobstats.DegreeRequired
	equiv = jobstats.DegreeEquivalent
	pref  = jobstats.DegreePreferred
	notr  = jobstats.DegreeNotRequired
	unk   = jobstats.DegreeUnknown
)

// degreeCases are degree statements as listings write them. The first
// group is quoted from the captured postings (Greenhouse, Lever, Ashby,
// Remotive, RemoteOK, Himalayas, CrackedDevs, Workable, WeWorkRemotely,
// Arbeitnow); the others are common phrasings in English, German, French,
// Spanish and Portuguese and the traps (education products, degrees of
// freedom, temperatures, high school).
var degreeCases = []struct {
	name string
	text string
	want jobstats.Degree
}{
	// Captured postings.
	{"arbeitnow/internship during studies", "Wir bieten Studenten und Studentinnen die Möglichkeit ihr Pflichtpraktikum während des Studiums bei uns zu absolvieren.", unk},
	{"crackeddevs/not your degrees", "- We care about what you have built, not your degrees or FAANG experience.🌈 Stay weird - Own yourself, be yourself!", notr},
	{"crackeddevs/BE BTech", "Education: B.E/B.Tech degree", req},
	{"crackeddevs/equivalent practical", "- Degree in Computer Science or equivalent practical experience", equiv},
	{"crackeddevs/aren't a requirement", "So University degrees aren’t a requirement for any role, and we have no such thing as a diversity quota.", notr},
	{"crackeddevs/big plus", "On the other hand, a degree could be a big plus for a research assistant application as it proves your ability to persevere and focus on high-level tasks.", pref},
	{"himalayas/preferred heading inline", "Preferred: Associates or Bachelors Degree", pref},
	{"himalayas/college degree in music", "College degree in music, covering performance, theory, and lyrics.", req},
	{"himalayas/required vocational preferred degree", "Education:\n• Required: Successful completion of an accredited Licensed Vocational Nursing Program\n• Preferred: Associates or Bachelors Degree", pref},
	{"remoteok/bachelor or technical degree", "Bachelor’s degree in Electrical Engineering OR 2-year technical degree in a related field", req},
	{"remoteok/with EE degree", "Minimum of 2 years of experience (with Electrical Engineering degree)", req},
	{"remoteok/with technical degree", "3+ years of experience (with technical degree)", req},
	{"remoteok/advanced degree bonus", "Bonus Points If:\n• Advanced Degree\n• 15+ years of industry experience", pref},
	{"remoteok/bachelor required master preferred", "Bachelor's degree;\nMaster's preferred.", req},
	{"remoteok/master preferred alone", "Master's preferred.", pref},
	{"remoteok/have a CS degree", "Started out as a Software Engineer / Have a CS degree", req},
	{"remoteok/bachelor or master", "Bachelor’s or Master’s degree in Data Science, Statistics, Computer Science, or a related field.", req},
	{"remoteok/is required", "Bachelor’s Degree in business or science related field is required.", req},
	{"remoteok/highly desirable", "PhD or MBA are highly desirable", pref},
	{"remoteok/advanced clinical degree", "Advanced clinical degree (e.g., PhD, PharmD) in a relevant field.", req},
	{"remoteok/or equivalent experience in parens", "Bachelor’s degree in Computer Science, Engineering, Mathematics, or related field (or equivalent experience)", equiv},
	{"remoteok/reputable university", "- Education: Degree from a reputable university in Finance, Economics, or a related field.", req},
	{"remoteok/no formal degree", "Basic familiarity with nutrition concepts (no formal degree required)", notr},
	{"remoteok/technical discipline", "Bachelor’s Degree in Technical Discipline", req},
	{"remoteok/pay factors education", "Pay range may be based on a number of factors including market location, education, responsibilities, experience, etc.", unk},
	{"remotive/no specific education", "Qualification path No specific education is needed to perform the project task.", notr},
	{"remotive/accredited university", "You bring Bachelor’s degree from an accredited university.", req},
	{"remotive/high degree of autonomy", "Align with your Content Lead’s creative direction while maintaining a high degree of autonomy in execution and technical decision-making", unk},
	{"remotive/high school diploma or equivalent", "High School Diploma or equivalent", notr}, // a school-level requirement: no degree required
	{"remotive/high degree of accuracy", "High degree of accuracy, attention to detail, and ability to follow through", unk},
	{"remotive/IT degree or equivalent", "IT-related degree and/or certifications (Cisco, A+, Network+, Microsoft, or equivalent)", equiv},
	{"remotive/education budget", "We want to help you grow, so we have a budget for books, courses, tools, or whatever other educational resources you need to be successful.", unk},
	{"remotive/PhD programs", "These include frontend and backend engineers, AI research scientists, and others from Amazon, Microsoft, and Google, leading PhD programs like Stanford.", unk},
	{"workable/bachelor's degree", "Bachelor's Degree", req},
	{"weworkremotely/top maths degree", "If you have a top maths degree and people find you easy to talk to, read on.", req},
	{"recruitee/education field value", "bachelor_degree", unk},

	// English phrasings.
	{"en/required then preferred", "Bachelor's degree required; Master's preferred", req},
	{"en/required comma preferred", "A bachelor's degree is required, a master's degree is preferred.", req},
	{"en/BS or equivalent", "BS in CS or equivalent experience", equiv},
	{"en/BS/MS", "BS/MS in Computer Science or a related technical field.", req},
	{"en/B.S. degree", "B.S. degree in Computer Science, Engineering or related field", req},
	{"en/BSc", "BSc in Mathematics, Physics or Computer Science", req},
	{"en/PhD", "PhD in Machine Learning, Statistics or a related quantitative field", req},
	{"en/MBA preferred", "MBA preferred", pref},
	{"en/degree not required", "A degree is not required.", notr},
	{"en/no degree required", "No degree required.", notr},
	{"en/don't need a degree", "You don't need a degree to apply — we care about what you can do.", notr},
	{"en/degree optional", "Degree optional; portfolio required.", notr},
	{"en/nice to have not required", "A college degree is nice to have but not required.", pref},
	{"en/is a plus", "Degree in Computer Science is a plus.", pref},
	{"en/nice to have heading", "Nice to have:\n- Master's degree in Computer Science\n- Experience with Kafka", pref},
	{"en/preferred qualifications heading", "Preferred Qualifications\n- Bachelor's degree in Computer Science\n- 3+ years of Go", pref},
	{"en/requirements heading", "Requirements:\n- Bachelor's degree in Computer Science\n- 3+ years of Go", req},
	{"en/equivalent combination", "Bachelor's degree or equivalent combination of education and experience.", equiv},
	{"en/in lieu of", "Four additional years of relevant experience may be substituted in lieu of a degree.", equiv},
	{"en/or relevant experience", "Degree in a technical field or relevant work experience", equiv},
	{"en/ideally", "Ideally you hold a degree in computer science.", pref},
	{"en/advantage", "A university degree in engineering is an advantage.", pref},
	{"en/desired", "Bachelor's degree desired", pref},
	{"en/minimum bachelor", "Minimum of a Bachelor's degree in Accounting or Finance.", req},
	{"en/must have", "Must have a Bachelor's degree in Nursing (BSN).", req},
	{"en/master of science", "Master of Science in Data Science or similar.", req},
	{"en/doctorate", "Doctorate in Chemistry or Biochemistry.", req},
	{"en/degree or bootcamp equivalent", "CS degree, bootcamp, or equivalent self-taught experience.", equiv},
	{"en/regardless of degree", "We hire on skills, regardless of degree.", notr},
	{"en/without a degree", "Many of our best engineers joined without a degree.", notr},
	{"en/pursuing degree intern", "Currently pursuing a Bachelor's degree in Computer Science.", unk},
	{"en/enrolled", "Must be currently enrolled in a Bachelor's or Master's program.", unk},
	{"en/high school or GED", "High School Diploma or GED required.", notr}, // a school-level requirement: no degree required
	{"en/high school required degree preferred", "High school diploma required; associate's degree preferred.", pref},
	{"en/HS and bachelor comma", "High school diploma or equivalent, bachelor's degree preferred.", pref},
	{"en/degree programs product", "We build degree programs for universities.", unk},
	{"en/online degrees product", "Online degrees for students around the world.", unk},
	{"en/earn a degree", "Our platform helps working adults earn a degree.", unk},
	{"en/degrees of freedom", "Our robot arm has six degrees of freedom.", unk},
	{"en/360-degree feedback", "We run 360-degree feedback twice a year.", unk},
	{"en/degrees celsius", "Keep the server room below 25 degrees Celsius.", unk},
	{"en/degree angle", "Capture photos at a 45 degree angle.", unk},
	{"en/to some degree", "You will travel to some degree.", unk},
	{"en/scrum master", "Work with the Scrum Master and the product owner.", unk},
	{"en/master data", "Own master data management in SAP.", unk},
	{"en/nothing", "We are hiring a backend engineer to build our payments platform.", unk},
	{"en/empty", "", unk},
	{"en/several statements equivalent wins", "Bachelor's degree in Computer Science required.\nEquivalent experience will be considered in lieu of a degree.", equiv},
	{"en/several statements not required wins", "A degree is not required.\nA CS degree is a plus.", notr},
	{"en/college educated", "We are looking for a college educated assistant.", req},
	{"en/BA or BS", "BA or BS in Marketing, Communications or a related field", req},
	{"en/associate's", "Associate's degree in Information Technology", req},
	{"en/accepted alternatively", "Degree in Computer Science, or alternatively 5 years of professional experience.", equiv},
	{"en/would be great", "A degree in design would be great, but your portfolio matters most.", pref},

	// German.
	{"de/abgeschlossenes Studium", "Abgeschlossenes Studium der Informatik", req},
	{"de/Studium oder vergleichbare Ausbildung", "Abgeschlossenes Studium der Informatik oder vergleichbare Ausbildung.", equiv},
	{"de/Hochschulstudium", "Abgeschlossenes Hochschulstudium im Bereich Wirtschaftsinformatik.", req},
	{"de/Hochschulabschluss vergleichbare Qualifikation", "Hochschulabschluss in Informatik oder eine vergleichbare Qualifikation.", equiv},
	{"de/keine Voraussetzung", "Ein Studium ist keine Voraussetzung.", notr},
	{"de/wünschenswert", "Ein abgeschlossenes Studium ist wünschenswert.", pref},
	{"de/von Vorteil", "Ein Bachelor in Informatik ist von Vorteil.", pref},
	{"de/kein Studium erforderlich", "Kein Studium erforderlich – Quereinsteiger willkommen.", notr},
	{"de/Bachelor oder Master", "Bachelor- oder Masterabschluss in Informatik, Mathematik oder Physik", req},
	{"de/gleichwertige Qualifikation", "Studium der Elektrotechnik oder eine gleichwertige Qualifikation", equiv},
	{"de/idealerweise", "Idealerweise ein abgeschlossenes Studium im Bereich Marketing.", pref},

	// French.
	{"fr/Bac+5 ou expérience équivalente", "Diplôme Bac+5 en informatique ou expérience équivalente.", equiv},
	{"fr/formation supérieure", "Formation supérieure en informatique (Bac+5).", req},
	{"fr/école d'ingénieur", "Diplômé(e) d'une école d'ingénieur ou équivalent universitaire.", equiv},
	{"fr/un plus", "Un diplôme en data science serait un plus.", pref},
	{"fr/pas de diplôme requis", "Pas de diplôme requis : nous regardons vos projets.", notr},
	{"fr/Bac+3", "Vous êtes titulaire d'un Bac+3 minimum.", req},

	// Spanish.
	{"es/titulación universitaria", "Titulación universitaria en Ingeniería Informática.", req},
	{"es/licenciatura", "Licenciatura en Administración de Empresas o afín.", req},
	{"es/grado en", "Grado en Ingeniería Informática o similar.", req},
	{"es/o experiencia equivalente", "Grado en Ingeniería o experiencia equivalente.", equiv},
	{"es/se valorará", "Se valorará titulación universitaria en Marketing.", pref},
	{"es/no se requiere", "No se requiere titulación universitaria.", notr},

	// Portuguese.
	{"pt/ensino superior completo", "Ensino superior completo em Ciência da Computação.", req},
	{"pt/graduação desejável", "Graduação em Sistemas de Informação é desejável.", pref},
	{"pt/ou experiência equivalente", "Formação superior em Engenharia ou experiência equivalente.", equiv},
	{"pt/diferencial", "Pós-graduação em Data Science será um diferencial.", pref},
	{"pt/não é necessário", "Diploma não é necessário, valorizamos a prática.", notr},

	// Someone else's degree and the company's product are no requirement
	// of the candidate.
	{"product/courses lead to degrees", "Learnwell builds online courses that lead to accredited university degrees.", unk},
	{"product/learners earn a degree", "More than 2 million learners have used Learnwell to earn a university degree online.", unk},
	{"product/learnwell about paragraph", "Learnwell builds online courses that lead to accredited university degrees. Founded in 2014, we are 780 people, backed by a $60M Series C raised in 2024. Our headquarters are at 88 Broad Street, New York. More than 2 million learners have used Learnwell to earn a university degree online. Over 15,000 customers rely on us every day.", unk},
	{"product/about then degree a plus", "Learnwell builds online courses that lead to accredited university degrees. More than 3 million learners have used Learnwell to earn a university degree online.\nNice to have\n- A degree in Computer Science is a plus", pref},
	{"product/about then degree required", "Learnwell builds online courses that lead to accredited university degrees.\nRequirements\n- Bachelor's degree in Computer Science, Engineering or a related field", req},
	{"product/university offers degrees", "The university offers bachelor's and master's degrees in 40 subjects.", unk},
	{"product/our customers' degrees", "We verify our customers' degrees and certificates in seconds.", unk},
	{"product/alumni hold degrees", "Our alumni hold degrees from 300 universities.", unk},
	{"product/help learners earn, you", "You will help learners earn a bachelor's degree while they work.", unk},
	{"product/you have earned a degree", "You have earned a Bachelor's degree in Computer Science.", req},
	{"product/candidates earn", "Candidates must have earned a master's degree in statistics.", req},

	// A school-level requirement with no degree statement: no degree needed.
	{"school/GED required", "- High school diploma or GED required", notr},
	{"school/diploma or equivalent bullet", "- High school diploma or equivalent", notr},
	{"school/high school or equivalent", "High school or equivalent education.", notr},
	{"school/GED alone", "Requirements:\n- GED\n- Valid driver's license", notr},
	{"school/abitur", "Abitur oder Fachhochschulreife", notr},
	{"school/with degree preferred", "High school diploma required; bachelor's degree preferred.", pref},
	{"school/with degree required", "- High school diploma or GED\n- Bachelor's degree in Accounting", req},
	{"school/high school students", "We run coding camps for high school students.", unk},
	{"school/teachers", "Our app helps high school teachers grade essays.", unk},

	// A comparable field is still a degree; comparable training or
	// experience is the alternative.
	{"field/de vergleichbare Fachrichtung", "Abgeschlossenes Studium der Informatik, Mathematik oder einer vergleichbaren Fachrichtung", req},
	{"field/de vergleichbarer Studiengang", "Abgeschlossenes Studium der Wirtschaftsinformatik oder ein vergleichbarer Studiengang", req},
	{"field/de vergleichbare Ausbildung", "Abgeschlossenes Studium der Informatik oder eine vergleichbare Ausbildung mit entsprechender Berufserfahrung", equiv},
	{"field/de entsprechende Berufserfahrung", "Hochschulabschluss in Informatik oder entsprechende Berufserfahrung", equiv},
	{"field/en equivalent field", "Bachelor's degree in Computer Science or an equivalent field", req},
	{"field/en comparable field", "BSc in Physics, Mathematics or a comparable field.", req},
	{"field/fr domaine équivalent", "Diplôme d'ingénieur en informatique ou domaine équivalent.", req},
	{"field/fr expérience équivalente", "Diplôme d'ingénieur en informatique ou expérience équivalente.", equiv},
	{"field/es campo equivalente", "Grado en Informática o campo equivalente.", req},
	{"field/es experiencia equivalente", "Grado en Informática o experiencia equivalente.", equiv},
	{"field/pt área equivalente", "Graduação em Ciência da Computação ou área equivalente.", req},
	{"field/pt experiência equivalente", "Graduação em Ciência da Computação ou experiência equivalente", equiv},

	// Negations.
	{"not/pt não exigimos", "Não exigimos diploma universitário", notr},
	{"not/es no exigimos", "No exigimos título universitario.", notr},

	// Misreadings found in real postings (issue 9), several per class.
	{"skills not degrees", "We hire based on skills, not degrees.", notr},
	{"skills over degrees", "We value skills over degrees and show-offs.", notr},
	{"rather than degrees", "We look at what you have built rather than degrees.", notr},
	{"formal cs education not a requirement", "Formal CS education is not a requirement for this role.", notr},
	{"formal education not required", "Formal education is not required; a portfolio is.", notr},
	{"cs education optional", "A computer science education is optional.", notr},
	{"completed studies comparable", "Completed studies in computer science or a comparable qualification", equiv},
	{"completed studies or equivalent", "Completed university studies in informatics or equivalent experience.", equiv},
	{"completed studies required", "Completed studies in mathematics or physics.", req},
	{"preferred heading inline with equivalent", "Preferred qualifications: Bachelor's degree in Computer Science or equivalent practical experience.", pref},
	{"preferred heading above with equivalent", "Minimum qualifications:\n- 5 years of experience with Go.\nPreferred qualifications:\n- Bachelor's degree in Computer Science or equivalent practical experience.", pref},
	{"preferred skills heading", "Preferred skills: MS in Statistics or equivalent experience.", pref},
	{"minimum equivalent beats preferred", "Minimum qualifications:\n- Bachelor's degree or equivalent practical experience.\nPreferred qualifications:\n- Master's degree in Computer Science.", equiv},
	{"equivalent without a heading stays", "Bachelor's degree in Computer Science or equivalent practical experience.", equiv},
}

func TestDegree(t *testing.T) {
	if len(degreeCases) < 100 {
		t.Fatalf("only %d degree cases, want at least 100", len(degreeCases))
	}
	seen := map[string]bool{}
	for _, tc := range degreeCases {
		if seen[tc.name] {
			t.Fatalf("duplicate case name %q", tc.name)
		}
		seen[tc.name] = true
		t.Run(tc.name, func(t *testing.T) {
			if got := parse.Degree(tc.text); got != tc.want {
				t.Errorf("Degree(%q) = %s, want %s", tc.text, got, tc.want)
			}
		})
	}
}

func TestDegreeCredential(t *testing.T) {
	tests := []struct {
		category string
		want     jobstats.Degree
		ok       bool
	}{
		{"bachelor degree", req, true},
		{"master degree", req, true},
		{"doctoral degree", req, true},
		{"postgraduate degree", req, true},
		{"associate degree", req, true},
		{"Bachelor's Degree", req, true},
		{"bachelor_degree", req, true},
		{"high school", notr, true},
		{"High School", notr, true},
		{"no requirements", notr, true},
		{"professional certificate", unk, false},
		{"", unk, false},
		{"bachelor degree or equivalent experience", equiv, true},
		{"master degree preferred", pref, true},
		{"no degree required", notr, true},
	}
	for _, tc := range tests {
		t.Run(tc.category, func(t *testing.T) {
			got, ok := parse.DegreeCredential(tc.category)
			if got != tc.want || ok != tc.ok {
				t.Errorf("DegreeCredential(%q) = %s, %v; want %s, %v", tc.category, got, ok, tc.want, tc.ok)
			}
		})
	}
}

func FuzzDegree(f *testing.F) {
	for _, tc := range degreeCases {
		f.Add(tc.text)
	}
	f.Fuzz(func(t *testing.T, text string) {
		switch d := parse.Degree(text); d {
		case unk, req, equiv, pref, notr:
		default:
			t.Fatalf("Degree(%q) = %q, not a Degree value", text, d)
		}
		if d, ok := parse.DegreeCredential(text); !ok && d != unk {
			t.Fatalf("DegreeCredential(%q) = %q, false", text, d)
		}
	})
}

func BenchmarkDegree(b *testing.B) {
	desc := benchDescription(b)
	b.SetBytes(int64(len(desc)))
	b.ReportAllocs()
	for b.Loop() {
		parse.Degree(desc)
	}
}

// benchDescription is a 5 KB job description (testdata/description.txt).
func benchDescription(b *testing.B) string {
	b.Helper()
	data, err := os.ReadFile("testdata/description.txt")
	if err != nil {
		b.Fatal(err)
	}
	return string(data)
}

func ExampleDegree() {
	fmt.Println(parse.Degree("BS in Computer Science or equivalent practical experience"))
	fmt.Println(parse.Degree("Bachelor's degree required; Master's preferred"))
	fmt.Println(parse.Degree("We build online degree programs for universities"))
	// Output:
	// equivalent
	// required
	// unknown
}
