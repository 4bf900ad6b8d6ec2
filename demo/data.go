package demo

import "github.com/jobstats/jobstats"

// This file holds the tables the generator draws from. Order matters: the
// generator indexes them with a seeded source, so reordering an entry
// changes every board.

// role is one canonical job title and the ways boards write it.
type role struct {
	name     string
	spelling []string // written forms of the role in titles (canonical first)
	weight   int
	factor   float64 // pay relative to Backend Engineer
	core     []string
	extra    []string
	teams    []string
	duties   []string
	certs    []string // certification phrases, see certs
	mission  string
}

var roles = []role{
	{
		name:     "Backend Engineer",
		spelling: []string{"Backend Engineer", "Backend Engineer", "Back-end Engineer", "Back End Engineer", "Backend Engineer"},
		weight:   15, factor: 1.0,
		core:  []string{"Go", "Python", "Java", "Kotlin", "PostgreSQL", "Kafka"},
		extra: []string{"Kubernetes", "AWS", "gRPC", "Redis", "Docker", "Terraform", "GCP"},
		teams: []string{"Payments", "Platform", "Growth", "Core Banking", "Checkout", "Identity"},
		duties: []string{
			"Design, build and operate the APIs behind our customer-facing products",
			"Own services end to end, from the first design doc to the on-call rotation",
			"Improve the reliability and latency of high-traffic services",
			"Model data and write migrations that keep millions of rows consistent",
			"Review code and mentor other engineers on the team",
			"Work with product and design to turn rough ideas into shipped features",
		},
		certs:   []string{"AWS Certified Solutions Architect", "CKA"},
		mission: "you will build the services that move money and data for our customers",
	},
	{
		name:     "Backend Developer",
		spelling: []string{"Backend Developer", "Back-end Developer", "Back End Developer", "Backend Developer"},
		weight:   10, factor: 0.93,
		core:  []string{"Node.js", "TypeScript", "PHP", "Python", "Java", "MySQL", "PostgreSQL"},
		extra: []string{"Docker", "Redis", "AWS", "MongoDB", "GraphQL", "Elasticsearch"},
		teams: []string{"Integrations", "Marketplace", "Platform", "Search"},
		duties: []string{
			"Develop and maintain REST and GraphQL APIs",
			"Write clean, tested code and take part in code reviews",
			"Integrate third-party services such as payment and shipping providers",
			"Optimise slow queries and background jobs",
			"Document the services you build for the rest of the team",
		},
		certs:   []string{"AWS Certified Developer"},
		mission: "you will develop the server side of the products our customers use every day",
	},
	{
		name:     "Frontend Engineer",
		spelling: []string{"Frontend Engineer", "Front-end Engineer", "Front End Engineer", "Frontend Engineer"},
		weight:   8, factor: 0.95,
		core:  []string{"React", "TypeScript", "JavaScript", "CSS"},
		extra: []string{"Next.js", "GraphQL", "Vue.js", "Figma", "Cypress", "HTML"},
		teams: []string{"Design Systems", "Web", "Onboarding", "Growth"},
		duties: []string{
			"Build fast, accessible interfaces used by thousands of customers",
			"Grow our design system together with the design team",
			"Measure and improve Core Web Vitals across the product",
			"Write unit and end-to-end tests for the features you ship",
			"Shape the architecture of a large single-page application",
		},
		mission: "you will craft the interfaces our customers see first",
	},
	{
		name:     "Full Stack Engineer",
		spelling: []string{"Full Stack Engineer", "Fullstack Engineer", "Full-Stack Engineer", "Full Stack Engineer"},
		weight:   8, factor: 0.97,
		core:  []string{"TypeScript", "React", "Node.js", "Python", "Ruby on Rails", "PostgreSQL"},
		extra: []string{"AWS", "Docker", "GraphQL", "Redis", "Next.js", "Django"},
		teams: []string{"Product", "Internal Tools", "Growth", "Billing"},
		duties: []string{
			"Ship features across the stack, from the database schema to the UI",
			"Talk to customers and turn their feedback into improvements",
			"Keep our test suite fast and our deploys boring",
			"Prototype new product ideas in days, not months",
			"Improve the performance of pages and endpoints alike",
		},
		mission: "you will work across the whole stack on features customers ask for",
	},
	{
		name:     "Software Engineer",
		spelling: []string{"Software Engineer"},
		weight:   6, factor: 1.0,
		core:  []string{"Java", "C++", "Go", "Python", "C#"},
		extra: []string{"Linux", "AWS", "Docker", "SQL", "Azure"},
		teams: []string{"Infrastructure", "Core", "Tools"},
		duties: []string{
			"Write well-tested, maintainable software",
			"Participate in design reviews and planning",
			"Debug production issues across distributed systems",
			"Contribute to internal libraries used by other teams",
		},
		mission: "you will write software that runs at the heart of our platform",
	},
	{
		name:     "Data Scientist",
		spelling: []string{"Data Scientist", "Data Scientist", "Data Scientist"},
		weight:   7, factor: 1.02,
		core:  []string{"Python", "SQL", "R", "pandas", "scikit-learn"},
		extra: []string{"Spark", "Tableau", "Snowflake", "PyTorch", "Airflow", "BigQuery"},
		teams: []string{"Pricing", "Risk", "Marketing Analytics", "Experimentation"},
		duties: []string{
			"Design and analyse A/B tests that guide product decisions",
			"Build forecasting and pricing models and take them to production",
			"Turn messy data into clear recommendations for leadership",
			"Define the metrics the company steers by",
			"Partner with engineers to instrument new features",
		},
		certs:   []string{"Google Professional Data Engineer"},
		mission: "you will turn our data into decisions",
	},
	{
		name:     "Data Engineer",
		spelling: []string{"Data Engineer", "Data Engineer", "Data Engineer"},
		weight:   7, factor: 1.0,
		core:  []string{"Python", "SQL", "Spark", "Airflow", "dbt", "Scala"},
		extra: []string{"Kafka", "Snowflake", "BigQuery", "AWS", "Terraform", "Databricks"},
		teams: []string{"Data Platform", "Analytics", "Ingestion"},
		duties: []string{
			"Build and run batch and streaming pipelines",
			"Model data in the warehouse so analysts can trust it",
			"Own data quality checks, lineage and documentation",
			"Cut the cost and runtime of our heaviest jobs",
			"Support data scientists with features and training sets",
		},
		certs:   []string{"Google Professional Data Engineer", "AWS Certified Data Engineer"},
		mission: "you will build the pipelines every team relies on",
	},
	{
		name:     "DevOps Engineer",
		spelling: []string{"DevOps Engineer", "DevOps Engineer", "Devops Engineer"},
		weight:   6, factor: 0.98,
		core:  []string{"Kubernetes", "Terraform", "AWS", "Docker", "Linux"},
		extra: []string{"Ansible", "Jenkins", "GitHub Actions", "Prometheus", "Grafana", "Azure", "Python"},
		teams: []string{"Cloud Infrastructure", "Platform", "Developer Experience"},
		duties: []string{
			"Automate infrastructure with code and keep it reviewable",
			"Run and upgrade our Kubernetes clusters",
			"Build CI/CD pipelines that let teams deploy many times a day",
			"Improve monitoring, alerting and incident response",
			"Keep cloud costs under control",
		},
		certs:   []string{"CKA", "AWS Certified Solutions Architect", "HashiCorp Certified: Terraform Associate"},
		mission: "you will give our engineers a platform they can ship on safely",
	},
	{
		name:     "Site Reliability Engineer",
		spelling: []string{"Site Reliability Engineer", "SRE", "Site Reliability Engineer (SRE)", "Site Reliability Engineer"},
		weight:   5, factor: 1.05,
		core:  []string{"Kubernetes", "Go", "Python", "Linux", "Prometheus"},
		extra: []string{"Terraform", "AWS", "GCP", "Grafana", "Kafka"},
		teams: []string{"Production Engineering", "Observability", "Storage"},
		duties: []string{
			"Define SLOs with service owners and hold us to them",
			"Lead incident response and write blameless postmortems",
			"Remove toil through automation",
			"Plan capacity for traffic that doubles every year",
			"Harden our systems against failures of zones and regions",
		},
		certs:   []string{"CKA"},
		mission: "you will keep a platform serving 10 million requests a minute up and fast",
	},
	{
		name:     "Machine Learning Engineer",
		spelling: []string{"Machine Learning Engineer", "ML Engineer", "Machine Learning Engineer"},
		weight:   6, factor: 1.12,
		core:  []string{"Python", "PyTorch", "TensorFlow", "Kubernetes"},
		extra: []string{"MLflow", "Spark", "AWS", "GCP", "Docker", "Kafka", "C++"},
		teams: []string{"Recommendations", "Search Ranking", "Fraud", "Personalization"},
		duties: []string{
			"Train, evaluate and ship models that serve real-time traffic",
			"Build feature pipelines and model-serving infrastructure",
			"Monitor models in production for drift and regressions",
			"Work with data scientists to turn prototypes into products",
			"Optimise inference latency and cost",
		},
		certs:   []string{"AWS Certified Machine Learning"},
		mission: "you will take models from notebooks to production",
	},
	{
		name:     "Product Manager",
		spelling: []string{"Product Manager", "Product Manager", "Product Manager"},
		weight:   6, factor: 1.0,
		core:  []string{"SQL", "Jira", "Figma"},
		extra: []string{"Amplitude", "Tableau"},
		teams: []string{"Payments", "Onboarding", "Mobile", "Platform"},
		duties: []string{
			"Own the roadmap for your product area",
			"Interview customers and synthesise what you learn",
			"Write clear problem statements and success metrics",
			"Work with engineering and design from discovery to launch",
			"Report on outcomes to leadership",
		},
		certs:   []string{"PMP", "CSPO"},
		mission: "you will decide what we build next and why",
	},
	{
		name:     "QA Engineer",
		spelling: []string{"QA Engineer"},
		weight:   5, factor: 0.78,
		core:  []string{"Selenium", "Cypress", "Playwright", "Java", "Python", "JavaScript"},
		extra: []string{"Jenkins", "Postman", "Jira", "SQL"},
		teams: []string{"Mobile", "Web", "Payments"},
		duties: []string{
			"Design test plans for new features",
			"Automate regression suites and keep them green",
			"Report bugs clearly and follow them to the fix",
			"Improve quality practices across engineering",
		},
		certs:   []string{"ISTQB"},
		mission: "you will make sure what we ship works",
	},
	{
		name:     "Mobile Developer",
		spelling: []string{"Mobile Developer", "Mobile Developer (iOS)", "Mobile Developer (Android)", "Mobile Developer (iOS/Android)"},
		weight:   5, factor: 0.96,
		core:  []string{"Swift", "Kotlin", "React Native", "Flutter"},
		extra: []string{"GraphQL", "Firebase", "TypeScript"},
		teams: []string{"Consumer App", "Driver App", "Wallet"},
		duties: []string{
			"Build features for apps with more than a million monthly users",
			"Keep crash rates low and startup times short",
			"Work with designers on polished, accessible interactions",
			"Automate releases to the App Store and Google Play",
		},
		mission: "you will build the app our customers carry in their pocket",
	},
	{
		name:     "Security Engineer",
		spelling: []string{"Security Engineer", "Security Engineer", "Security Engineer"},
		weight:   4, factor: 1.05,
		core:  []string{"Python", "AWS", "Kubernetes", "Linux"},
		extra: []string{"Splunk", "Terraform", "Go", "Burp Suite"},
		teams: []string{"Application Security", "Cloud Security", "Detection & Response"},
		duties: []string{
			"Threat-model new systems with the teams that build them",
			"Run our vulnerability management and bug bounty programmes",
			"Build detections and respond to security incidents",
			"Harden our cloud accounts and CI/CD pipelines",
		},
		certs:   []string{"CISSP", "OSCP", "AWS Certified Security"},
		mission: "you will protect our customers' data",
	},
}

// skillForms lists the ways a description may write each canonical skill.
// The first form is the canonical name.
var skillForms = map[string][]string{
	"Go":             {"Go", "Golang", "Go (Golang)"},
	"PostgreSQL":     {"PostgreSQL", "Postgres"},
	"Kubernetes":     {"Kubernetes", "K8s"},
	"AWS":            {"AWS", "Amazon Web Services"},
	"GCP":            {"GCP", "Google Cloud"},
	"JavaScript":     {"JavaScript", "JS"},
	"Node.js":        {"Node.js", "Node", "NodeJS"},
	"React":          {"React", "React.js"},
	"Kafka":          {"Kafka", "Apache Kafka"},
	"Spark":          {"Spark", "Apache Spark"},
	"Airflow":        {"Airflow", "Apache Airflow"},
	"scikit-learn":   {"scikit-learn", "sklearn"},
	"Ruby on Rails":  {"Ruby on Rails", "Rails"},
	"Vue.js":         {"Vue.js", "Vue"},
	"MongoDB":        {"MongoDB", "Mongo"},
	"Elasticsearch":  {"Elasticsearch"},
	"GitHub Actions": {"GitHub Actions"},
}

// forms returns the written forms of skill.
func forms(skill string) []string {
	if f, ok := skillForms[skill]; ok {
		return f
	}
	return []string{skill}
}

// certPhrases renders each certification as descriptions write it.
var certPhrases = map[string][]string{
	"AWS Certified Solutions Architect":        {"AWS Certified Solutions Architect (Associate or Professional)", "an AWS Certified Solutions Architect certification"},
	"AWS Certified Developer":                  {"AWS Certified Developer – Associate"},
	"AWS Certified Data Engineer":              {"AWS Certified Data Engineer – Associate"},
	"AWS Certified Machine Learning":           {"AWS Certified Machine Learning – Specialty"},
	"AWS Certified Security":                   {"AWS Certified Security – Specialty"},
	"CKA":                                      {"CKA (Certified Kubernetes Administrator)", "a CKA certification"},
	"HashiCorp Certified: Terraform Associate": {"HashiCorp Certified: Terraform Associate"},
	"Google Professional Data Engineer":        {"Google Professional Data Engineer certification"},
	"PMP":                                      {"PMP certification"},
	"CSPO":                                     {"Certified Scrum Product Owner (CSPO)"},
	"ISTQB":                                    {"ISTQB Foundation Level certification"},
	"CISSP":                                    {"CISSP"},
	"OSCP":                                     {"OSCP"},
}

// level pay factors and quotas.
var levels = []struct {
	level  jobstats.Seniority
	weight int
	factor float64
	words  []string // title forms; "%s" is the role
	inText float64  // share of titles that carry a level word
	years  []string // experience lines; empty for none
}{
	{jobstats.SeniorityIntern, 4, 0.42, []string{"%s Intern", "%s Internship", "Intern - %s"}, 1, nil},
	{jobstats.SeniorityJunior, 16, 0.7, []string{"Junior %s", "Jr. %s", "Jr %s", "Entry Level %s", "Graduate %s", "Associate %s"}, 0.75,
		[]string{"0-2 years of professional experience", "1+ year of experience building production software", "1-2 years of hands-on experience"}},
	{jobstats.SeniorityMid, 33, 1.0, []string{"%s II", "Intermediate %s", "Mid-level %s"}, 0.25,
		[]string{"3+ years of professional experience", "3-5 years of experience in a similar role", "At least 3 years of industry experience"}},
	{jobstats.SenioritySenior, 29, 1.3, []string{"Senior %s", "Senior %s", "Sr. %s", "Sr %s", "%s III"}, 0.75,
		[]string{"5+ years of professional experience", "6+ years of experience, with a track record of shipping", "7+ years building software products"}},
	{jobstats.SeniorityLead, 10, 1.5, []string{"Lead %s", "Lead %s"}, 1,
		[]string{"8+ years of experience, including time leading a team", "8+ years of professional experience"}},
	{jobstats.SeniorityPrincipal, 8, 1.8, []string{"Principal %s"}, 1,
		[]string{"10+ years of experience designing large systems", "12+ years of professional experience"}},
}

// city is a place a job can be in: its name as local boards write it
// ("München"), the region as they write it ("Bayern", "CA"), and what the
// location understanding should make of them: the region's ISO 3166-2 code
// without the country prefix ("BY") and the city's common English name
// ("Munich").
type city struct{ name, region, regionCode, en string }

// country is a labour market: currency, pay level, places. A region (remote
// only, no ISO country) has no code and a remote scope instead.
type country struct {
	code, name, currency string
	base                 float64 // mid-level Backend Engineer, annual, local currency
	monthly              bool    // pay is usually quoted per month
	cities               []city
	remote               string // location label of remote jobs
	tz                   string // UTC offset used for timestamps
	scope                string // remote scope of a region (jobstats.RemoteEU, ...); "" for a country
	// contract and partTime are the shares of a market's jobs (above
	// junior, and up to mid, respectively) that are contract and part-time.
	contract, partTime float64
}

var countries = []country{
	{"US", "United States", "USD", 145000, false, []city{{"San Francisco", "CA", "CA", "San Francisco"}, {"New York", "NY", "NY", "New York"}, {"Austin", "TX", "TX", "Austin"}, {"Seattle", "WA", "WA", "Seattle"}, {"Chicago", "IL", "IL", "Chicago"}, {"Boston", "MA", "MA", "Boston"}, {"Denver", "CO", "CO", "Denver"}}, "Remote (United States)", "-05:00", "", 0.08, 0.05},
	{"GB", "United Kingdom", "GBP", 72000, false, []city{{"London", "", "", "London"}, {"Manchester", "", "", "Manchester"}, {"Edinburgh", "Scotland", "SCT", "Edinburgh"}, {"Bristol", "", "", "Bristol"}}, "Remote (UK)", "+00:00", "", 0.3, 0.05},
	{"DE", "Germany", "EUR", 72000, false, []city{{"Berlin", "Berlin", "BE", "Berlin"}, {"München", "Bayern", "BY", "Munich"}, {"Hamburg", "Hamburg", "HH", "Hamburg"}, {"Köln", "NRW", "NW", "Cologne"}}, "Remote (Deutschland)", "+01:00", "", 0.14, 0.05},
	{"NL", "Netherlands", "EUR", 66000, false, []city{{"Amsterdam", "Noord-Holland", "NH", "Amsterdam"}, {"Rotterdam", "Zuid-Holland", "ZH", "Rotterdam"}, {"Utrecht", "", "", "Utrecht"}, {"Eindhoven", "Noord-Brabant", "NB", "Eindhoven"}}, "Remote (Netherlands)", "+01:00", "", 0.12, 0.06},
	{"CA", "Canada", "CAD", 118000, false, []city{{"Toronto", "ON", "ON", "Toronto"}, {"Vancouver", "BC", "BC", "Vancouver"}, {"Montréal", "QC", "QC", "Montreal"}}, "Remote (Canada)", "-05:00", "", 0.06, 0.04},
	{"IN", "India", "INR", 2200000, false, []city{{"Bengaluru", "Karnataka", "KA", "Bengaluru"}, {"Hyderabad", "Telangana", "TG", "Hyderabad"}, {"Pune", "Maharashtra", "MH", "Pune"}, {"Gurugram", "Haryana", "HR", "Gurugram"}}, "Remote (India)", "+05:30", "", 0.03, 0},
	{"BR", "Brazil", "BRL", 204000, true, []city{{"São Paulo", "SP", "SP", "São Paulo"}, {"Rio de Janeiro", "RJ", "RJ", "Rio de Janeiro"}, {"Florianópolis", "SC", "SC", "Florianópolis"}}, "Remoto (Brasil)", "-03:00", "", 0, 0},
	{"PL", "Poland", "PLN", 252000, true, []city{{"Warszawa", "", "", "Warsaw"}, {"Kraków", "", "", "Krakow"}, {"Wrocław", "", "", "Wroclaw"}}, "Remote (Poland)", "+01:00", "", 0.25, 0},
	// Regions: remote only, no ISO country.
	{"", "European Union", "EUR", 76000, false, nil, "Remote – EU (CET ±3h)", "+01:00", jobstats.RemoteEU, 0.1, 0},
	{"", "Worldwide", "USD", 125000, false, nil, "Remote (Worldwide)", "+00:00", jobstats.RemoteWorldwide, 0.1, 0},
}

// countryIndex returns the index of the country with code, or of the region
// with that remote scope.
func countryIndex(key string) int {
	for i, c := range countries {
		if c.code == key || (c.code == "" && c.scope == key) {
			return i
		}
	}
	panic("demo: unknown country " + key)
}

// company is an employer on the board.
type company struct {
	name      string
	product   string
	markets   []string // country codes or remote scopes of regions, first is headquarters
	remote    float64  // share of jobs that are remote
	founded   int
	people    int
	funding   string // "" for public or bootstrapped
	startup   bool
	edtech    bool
	weight    int
	hqAddress string
}

var companies = []company{
	{"Northwind Payments", "payment infrastructure for online marketplaces", []string{"US", "GB", "IN"}, 0.2, 2015, 850, "$120M Series C", false, false, 6, "1200 Market Street, San Francisco"},
	{"Acme Cloud", "a developer cloud for small teams", []string{"US", "CA", "EU"}, 0.4, 2012, 2300, "", false, false, 6, "500 Congress Avenue, Austin"},
	{"Barnes & Kettle", "the UK's favourite online homeware shop", []string{"GB", "PL"}, 0.15, 2009, 1400, "", false, false, 5, "44 Clerkenwell Road, London"},
	{"Helio Health", "software that helps clinics schedule and bill patients", []string{"US"}, 0.3, 2017, 320, "$40M Series B", true, false, 4, "101 Federal Street, Boston"},
	{"Kestrel Analytics", "forecasting tools for retailers", []string{"GB", "NL"}, 0.25, 2018, 140, "£18M Series A", true, false, 4, "3 Piccadilly Place, Manchester"},
	{"Tulip Mobility", "shared e-bikes in 40 European cities", []string{"NL", "DE", "PL"}, 0.1, 2019, 410, "€65M Series B", true, false, 4, "Herengracht 182, Amsterdam"},
	{"Fernweh Reisen GmbH", "Germany's largest platform for package holidays", []string{"DE", "EU"}, 0.2, 2006, 1900, "", false, false, 5, "Friedrichstraße 68, Berlin"},
	{"Brightloop Energy", "software for home batteries and heat pumps", []string{"DE", "NL", "GB"}, 0.2, 2016, 600, "€90M Series C", true, false, 4, "Leopoldstraße 31, München"},
	{"Maple Ledger", "accounting software for Canadian small businesses", []string{"CA", "US"}, 0.35, 2013, 520, "CA$50M Series B", true, false, 4, "200 King Street West, Toronto"},
	{"Northern Pixel Studios", "mobile games played by 30 million people", []string{"CA"}, 0.1, 2011, 260, "", false, false, 3, "1 Rue Sainte-Catherine, Montréal"},
	{"Saffron Systems", "core banking software for cooperative banks", []string{"IN", "GB"}, 0.1, 2008, 3200, "", false, false, 5, "Outer Ring Road, Bengaluru"},
	{"Indus Fintech", "UPI payments and credit for small merchants", []string{"IN"}, 0.15, 2019, 700, "$75M Series C", true, false, 5, "Hitec City, Hyderabad"},
	{"Carioca Pay", "digital wallets for Latin America", []string{"BR", "US"}, 0.3, 2017, 900, "$110M Series C", true, false, 4, "Avenida Paulista 1578, São Paulo"},
	{"Verde AgroTech", "satellite crop monitoring for farmers", []string{"BR"}, 0.25, 2020, 120, "$15M Series A", true, false, 3, "Rua Bocaiúva 2125, Florianópolis"},
	{"Wisła Software House", "custom software for European clients", []string{"PL", "EU"}, 0.35, 2010, 450, "", false, false, 4, "ul. Prosta 20, Warszawa"},
	{"Kopernik Labs", "computer vision for warehouse robots", []string{"PL", "DE"}, 0.2, 2018, 90, "€12M Series A", true, false, 3, "ul. Krakowska 29, Kraków"},
	{"Learnwell", "online courses that lead to accredited university degrees", []string{"US", "IN"}, 0.5, 2014, 780, "$60M Series C", true, true, 4, "88 Broad Street, New York"},
	{"Quantia Robotics", "autonomous forklifts for logistics centres", []string{"DE", "US"}, 0.05, 2015, 350, "€55M Series B", true, false, 3, "Am Sandtorkai 50, Hamburg"},
	{"Orbital Freight", "a freight-forwarding platform for ocean shipping", []string{"NL", "EU"}, 0.3, 2016, 300, "€30M Series B", true, false, 3, "Wilhelminakade 123, Rotterdam"},
	{"Lumen Security", "a cloud security posture platform", []string{"US", "GB"}, 0.45, 2019, 240, "$85M Series B", true, false, 4, "1601 Fifth Avenue, Seattle"},
	{"Parcelhub", "same-day delivery for independent shops", []string{"GB"}, 0.1, 2017, 500, "£35M Series B", true, false, 3, "12 Temple Street, Bristol"},
	{"Stratus Data Co.", "a managed data warehouse", []string{"US", "CA", "IN"}, 0.35, 2014, 1100, "", false, false, 5, "350 North Orleans Street, Chicago"},
	{"Redwood AI", "AI assistants for customer support teams", []string{"worldwide", "US"}, 0.85, 2021, 95, "$28M Series A", true, false, 4, "a fully distributed team"},
	{"Driftwood Labs", "open-source observability tools", []string{"worldwide", "EU"}, 0.9, 2018, 60, "", true, false, 3, "a fully distributed team"},
}

// Degree statements, by stance. "%s" in a required statement is a field.
var degreeEN = map[jobstats.Degree][]string{
	jobstats.DegreeRequired: {
		"Bachelor's degree in Computer Science, Engineering or a related field",
		"BS/MS in Computer Science or a related technical discipline is required",
		"A university degree in a quantitative field is required",
		"Degree in Computer Science or similar (required)",
	},
	jobstats.DegreeEquivalent: {
		"Bachelor's degree in Computer Science or equivalent practical experience",
		"BS in Computer Science, or equivalent work experience",
		"A degree in a technical field, or equivalent experience",
	},
	jobstats.DegreePreferred: {
		"A degree in Computer Science is a plus",
		"Bachelor's degree preferred",
		"A BS in Computer Science or a related field is nice to have",
		"A relevant degree is an advantage, but not essential",
	},
	jobstats.DegreeNotRequired: {
		"No degree required: we care about what you have built, not where you studied",
		"A college degree is not required for this role",
		"You don't need a computer science degree to apply",
		"We do not require a university degree",
	},
}

// degreeResearch are required statements for the research-heavy roles.
var degreeResearch = []string{
	"MSc or PhD in Statistics, Mathematics, Computer Science or a related field",
	"Master's degree in a quantitative field (PhD is a plus) is required",
}

var degreeHighSchool = []string{
	"High school diploma or GED required",
	"High school diploma or equivalent",
}

var degreeDE = map[jobstats.Degree]string{
	jobstats.DegreeRequired:    "Abgeschlossenes Studium der Informatik, Mathematik oder einer vergleichbaren Fachrichtung",
	jobstats.DegreeEquivalent:  "Abgeschlossenes Studium der Informatik oder eine vergleichbare Ausbildung mit entsprechender Berufserfahrung",
	jobstats.DegreePreferred:   "Ein abgeschlossenes Studium ist von Vorteil, aber kein Muss",
	jobstats.DegreeNotRequired: "Ein Studium ist keine Voraussetzung",
}

var degreePT = map[jobstats.Degree]string{
	jobstats.DegreeRequired:    "Ensino superior completo em Ciência da Computação, Engenharia ou áreas afins",
	jobstats.DegreeEquivalent:  "Graduação em Ciência da Computação ou experiência equivalente",
	jobstats.DegreePreferred:   "Graduação em Ciência da Computação será um diferencial",
	jobstats.DegreeNotRequired: "Não exigimos diploma universitário",
}

// Benefits by country code ("" for the regions).
var benefits = map[string][]string{
	"US": {"401(k) match up to 4%", "Medical, dental and vision insurance with 100% of premiums covered", "Unlimited PTO (most of us take 20-25 days)", "16 weeks of paid parental leave", "Home office stipend"},
	"GB": {"25 days holiday plus bank holidays", "Pension with 5% employer contribution", "Private medical insurance", "Cycle to work scheme", "Enhanced parental leave"},
	"DE": {"30 days of paid vacation", "Company pension scheme with 20% employer top-up", "Deutschlandticket", "Language classes", "Hybrid working from our office"},
	"NL": {"8% holiday allowance", "27 vacation days", "NS Business Card", "Pension plan", "Budget for a home office setup"},
	"CA": {"RRSP matching up to 5%", "Extended health and dental from day one", "Flexible hours", "Wellness allowance"},
	"IN": {"Health insurance for you and your family", "Annual performance bonus", "Flexible working hours", "Learning and certification support", "Meal and commute allowances"},
	"BR": {"Plano de saúde e odontológico", "Vale-refeição", "Gympass", "Home office allowance", "Participação nos lucros (PLR)"},
	"PL": {"Private medical care", "Multisport card", "Flexible B2B or employment contract", "English classes", "Modern office in the city centre"},
	"":   {"Work from anywhere in the region", "Home office budget", "Annual company offsite", "Flexible hours", "Paid time off that people actually take"},
}
