package parse_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/jobstats/jobstats/parse"
)

// skillCases cover synonyms, punctuation boundaries and the guards for
// ambiguous names. Several are quoted from captured postings.
var skillCases = []struct {
	name string
	text string
	want []string
}{
	{"synonyms go postgres k8s", "Experience with Golang, Postgres, K8s and Docker.", []string{"Go", "PostgreSQL", "Docker", "Kubernetes"}},
	{"go in a list", "We use Go, Python and PostgreSQL on Kubernetes.", []string{"Python", "Go", "PostgreSQL", "Kubernetes"}},
	{"go in parens title", "Backend Engineer (Go)", []string{"Go"}},

	// Misreadings found in real postings (issue 9).
	{"spark in a list with and", "Experience with Hadoop, Dask, Spark, and MapReduce.", []string{"Apache Spark", "Hadoop", "MapReduce", "Dask"}},
	{"spark after or", "Pipelines in Kafka or Spark.", []string{"Kafka", "Apache Spark"}},
	{"spark lowercase slash", "Hands-on with EMR/spark on AWS.", []string{"Apache Spark", "Amazon EMR", "AWS"}},
	{"spark lowercase list", "sql, spark, airflow", []string{"SQL", "Apache Spark"}},
	{"spark lowercase prose", "We want to spark curiosity and spark joy.", nil},
	{"emr in healthcare", "Charting in the EMR; Epic experience.", nil},
	{"excel lowercase software", "Strong excel and database skills required.", []string{"Excel"}},
	{"excel lowercase advanced", "advanced excel (pivot tables, vlookup)", []string{"Excel"}},
	{"excel lowercase proficient", "You are proficient in excel and sql.", []string{"SQL", "Excel"}},
	{"excel lowercase spreadsheets", "Build excel spreadsheets for finance.", []string{"Excel"}},
	{"excellent is no excel", "Excellent communication skills; excellent written English.", nil},
	{"to excel in", "You will have the chance to excel in a fast-paced team.", nil},
	{"excel at", "People who excel at ownership.", nil},
	{"help teams excel", "We help teams excel.", nil},
	{"amazon web services", "Deploy on Amazon Web Services (EC2, S3, Lambda).", []string{"AWS"}},
	{"amazon web services lower", "experience with amazon web services", []string{"AWS"}},
	{"written in go and rust", "Written in Go and Rust.", []string{"Go", "Rust"}},
	{"go developer", "We are hiring a Go developer.", []string{"Go"}},
	{"go experience", "3+ years of Go experience", []string{"Go"}},
	{"go slash rust", "Go/Rust backend", []string{"Go", "Rust"}},
	{"verb go", "Let's go! We go to conferences on the go.", nil},
	{"go to market", "Go-to-market strategy experience.", nil},
	{"go to capitalised", "Go To Market Strategist", nil},
	{"go ahead", "Go ahead and apply.", nil},
	{"go lowercase list", "we go, you stay", nil},
	{"rust belt", "The Rust Belt is a region.", nil},
	{"rust lowercase", "Remove rust from the pipes.", nil},
	{"swift delivery", "Swift delivery of features matters.", nil},
	{"swift and swiftui", "iOS development with Swift and SwiftUI.", []string{"Swift", "iOS", "SwiftUI"}},
	{"spark joy", "Spark joy in your team.", nil},
	{"apache spark pyspark", "Apache Spark and PySpark pipelines.", []string{"Apache Spark"}},
	{"spark in list", "Python, Spark, Airflow", []string{"Python", "Apache Spark", "Airflow"}},
	{"r with stats", "Statistics in R, Python or SAS.", []string{"Python", "R", "SAS"}},
	{"r and d", "R&D department.", nil},
	{"r initial", "Contact R. Smith for details.", nil},
	{"c family", "C, C++ and C# experience; .NET Core and ASP.NET.", []string{"C", "C++", "C#", ".NET"}},
	{"c level series c", "C-level executives and Series C funding.", nil},
	{"c plus plus only", "Modern C++17 and CMake", []string{"C++"}},
	{"c slash c++", "Embedded C/C++ on ARM", []string{"C", "C++"}},
	{"c title remoteok", "C C++ Linux developer", []string{"C", "C++", "Linux"}},
	{"node react vue ts", "Node.js, React.js, Vue and TypeScript.", []string{"TypeScript", "React", "Vue.js", "Node.js"}},
	{"java vs javascript", "JavaScript and Java.", []string{"Java", "JavaScript"}},
	{"javascript only", "Modern JavaScript (ES6+)", []string{"JavaScript"}},
	{"rails", "Ruby on Rails experience; Rails engineers welcome.", []string{"Ruby on Rails"}},
	{"rails verb", "He rails against the machine.", nil},
	{"express", "Express yourself. Express.js APIs.", []string{"Express"}},
	{"express in list", "Node, Express, MongoDB", []string{"Node.js", "Express", "MongoDB"}},
	{"chef puppet", "Chef and Puppet for configuration management.", []string{"Chef", "Puppet"}},
	{"chef cook", "Our chef cooks lunch every day.", nil},
	{"flask django", "Django or Flask", []string{"Django", "Flask"}},
	{"flask lab", "A Flask of coffee is on us.", nil},
	{"objective-c", "Objective-C and Swift.", []string{"Swift", "Objective-C"}},
	{"ci/cd", "CI/CD with GitHub Actions and Jenkins.", []string{"GitHub Actions", "Jenkins", "CI/CD"}},
	{"dotnet domain", "Visit example.net for more.", nil},
	{"dotnet", "Senior .NET Developer", []string{".NET"}},
	{"url skipped", "See https://golang.org/doc and https://kubernetes.io", nil},
	{"email skipped", "Write to python@example.com", nil},
	{"html css", "HTML5, CSS3 and Sass", []string{"HTML", "CSS", "Sass"}},
	{"react native vs react", "React Native and React", []string{"React", "React Native"}},
	{"vue french", "point de vue", nil},
	{"excel verb", "Excel at customer service.", nil},
	{"excel tool", "Advanced Excel and Power BI skills", []string{"Power BI", "Excel"}},
	{"sql server", "SQL Server and T-SQL", []string{"SQL", "SQL Server"}},
	{"mongodb", "MongoDB or DynamoDB", []string{"MongoDB", "DynamoDB"}},
	{"ml", "ML and NLP models in PyTorch", []string{"PyTorch", "Machine Learning", "NLP"}},
	{"aws gcp azure", "AWS, GCP or Azure", []string{"AWS", "Azure", "Google Cloud"}},
	{"terraform ansible", "Terraform, Ansible, Helm charts", []string{"Helm", "Terraform", "Ansible"}},
	{"helm of ship", "At the helm of a growing team.", nil},
	{"unity game", "Unity and C# for mobile games", []string{"C#", "Unity"}},
	{"unity prose", "Unity is our strength.", nil},
	{"spring boot", "Java and Spring Boot", []string{"Java", "Spring"}},
	{"spring season", "Spring 2026 internship", nil},
	{"kotlin android", "Kotlin for Android", []string{"Kotlin", "Android"}},
	{"remoteok title skills", "Senior Software Engineer Python Django PostgreSQL and Vue.js", []string{"Python", "Vue.js", "Django", "PostgreSQL"}},
	{"lever stack", "Fullstack Engineer(Web3, React, Node, Python)", []string{"Python", "React", "Node.js", "Web3"}},
	{"no tech", "We value kindness, curiosity and ownership.", nil},
	// The demo board's requirement lines.
	{"exposure to go", "- Exposure to Go", []string{"Go"}},
	{"exposure to spark", "- Exposure to Spark", []string{"Apache Spark"}},
	{"go to still a verb", "You will go to conferences.", nil},
	{"mlflow and spark", "- Hands-on experience with MLflow and Spark", []string{"Apache Spark", "MLflow"}},
	{"amplitude tool", "- Familiarity with Amplitude and Tableau", []string{"Tableau", "Amplitude"}},
	{"amplitude alone with", "- Comfortable working with Amplitude", []string{"Amplitude"}},
	{"amplitude physics", "Measure the amplitude of the signal. The Amplitude was high.", nil},
	{"burp suite", "- Comfortable working with Terraform and Burp Suite", []string{"Terraform", "Burp Suite"}},
	{"empty", "", nil},
	{"shouting", "PYTHON AND KUBERNETES", []string{"Python", "Kubernetes"}},
	{"newline multiword", "Ruby on\nRails", []string{"Ruby on Rails"}},
	{"inside longer word", "Pythonista Gopher Javanese Rustic", nil},
}

func TestSkills(t *testing.T) {
	for _, tc := range skillCases {
		t.Run(tc.name, func(t *testing.T) {
			got := parse.Skills(tc.text)
			if !slices.Equal(got, tc.want) {
				t.Errorf("Skills(%q) = %q, want %q", tc.text, got, tc.want)
			}
		})
	}
}

// TestCanonicalSkill: a skill asked for by name (a filter) is matched
// however the parser would have read it.
func TestCanonicalSkill(t *testing.T) {
	for _, tt := range []struct {
		name, want string
		ok         bool
	}{
		{"Go", "Go", true},
		{"go", "Go", true},
		{"golang", "Go", true},
		{"k8s", "Kubernetes", true},
		{"postgres", "PostgreSQL", true},
		{" Amazon Web Services ", "AWS", true},
		{"nodejs", "Node.js", true},
		{"c++", "C++", true},
		{"r", "R", true},
		{"excel", "Excel", true},
		{"frobnication", "", false},
		{"Go and Rust", "", false}, // two skills, not one
		{"", "", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := parse.CanonicalSkill(tt.name)
			if got != tt.want || ok != tt.ok {
				t.Errorf("CanonicalSkill(%q) = %q, %v; want %q, %v", tt.name, got, ok, tt.want, tt.ok)
			}
		})
	}
	// Every canonical name is its own.
	for _, n := range parse.SkillNames() {
		if got, ok := parse.CanonicalSkill(n); !ok || got != n {
			t.Errorf("CanonicalSkill(%q) = %q, %v", n, got, ok)
		}
	}
}

func TestSkillTaxonomy(t *testing.T) {
	names := parse.SkillNames()
	if len(names) < 150 {
		t.Errorf("taxonomy has %d entries, want at least 150", len(names))
	}
	if len(names) > 256 || len(parse.CertificationNames()) > 256 {
		t.Errorf("taxonomies exceed the 256 entries of the seen set")
	}
	seen := map[string]bool{}
	for _, n := range names {
		if seen[n] {
			t.Errorf("duplicate taxonomy name %q", n)
		}
		seen[n] = true
	}
}

var certCases = []struct {
	name string
	text string
	want []string
}{
	{"aws and kubernetes", "AWS Certified Solutions Architect, CKA and CKAD preferred.", []string{"AWS Certified Solutions Architect", "Certified Kubernetes Administrator (CKA)", "Certified Kubernetes Application Developer (CKAD)"}},
	{"aws generic", "AWS certification is a plus.", []string{"AWS Certified"}},
	{"aws developer associate", "AWS Certified Developer – Associate", []string{"AWS Certified Developer"}},
	{"comptia", "CompTIA Security+, Network+ and A+ certifications.", []string{"CompTIA Security+", "CompTIA Network+", "CompTIA A+"}},
	{"remotive it degree", "IT-related degree and/or certifications (Cisco, A+, Network+, Microsoft, or equivalent)", []string{"CompTIA Network+", "CompTIA A+"}},
	{"a plus grade", "A+ customer service attitude.", nil},
	{"pm certs", "PMP or PRINCE2 certification; Certified ScrumMaster (CSM).", []string{"PMP", "PRINCE2", "Certified ScrumMaster (CSM)"}},
	{"csm customer success", "Our CSM team handles accounts.", nil},
	{"cpa licence", "CPA license required; CFA a plus.", []string{"CPA", "CFA"}},
	{"cpa marketing", "Optimize CPA and ROAS for campaigns.", nil},
	{"azure and gcp", "AZ-104 and AZ-900; Google Cloud Professional Cloud Architect.", []string{"Google Cloud Professional Cloud Architect", "Microsoft Certified: Azure Fundamentals (AZ-900)", "Microsoft Certified: Azure Administrator Associate (AZ-104)"}},
	{"security list", "CISSP, CISM, CISA, OSCP, CCNA, CCNP, ITIL, TOGAF.", []string{"CISSP", "CISM", "CISA", "OSCP", "CCNA", "CCNP", "ITIL", "TOGAF"}},
	{"scrum master certification", "Scrum Master certification preferred", []string{"Certified ScrumMaster (CSM)"}},
	{"terraform associate", "HashiCorp Certified: Terraform Associate", []string{"HashiCorp Certified: Terraform Associate"}},
	{"six sigma", "Lean Six Sigma Green Belt", []string{"Lean Six Sigma"}},
	{"none", "Experience with AWS and Kubernetes.", nil},
}

func TestCertifications(t *testing.T) {
	for _, tc := range certCases {
		t.Run(tc.name, func(t *testing.T) {
			got := parse.Certifications(tc.text)
			if !slices.Equal(got, tc.want) {
				t.Errorf("Certifications(%q) = %q, want %q", tc.text, got, tc.want)
			}
		})
	}
}

func TestSkillsDescription(t *testing.T) {
	desc := string(mustRead(t, "testdata/description.txt"))
	want := []string{"Python", "Java", "TypeScript", "Go", "Rust", "React", "Next.js", "REST", "gRPC", "iOS", "Android",
		"PostgreSQL", "MySQL", "Redis", "Kafka", "dbt", "Snowflake", "BigQuery", "AWS", "Azure", "Google Cloud",
		"Docker", "Kubernetes", "Terraform", "Prometheus", "Grafana", "Datadog", "OpenTelemetry", "GitHub Actions", "CI/CD"}
	if got := parse.Skills(desc); !slices.Equal(got, want) {
		t.Errorf("Skills(description) = %q\nwant %q", got, want)
	}
	wantCerts := []string{"AWS Certified Solutions Architect", "Certified Kubernetes Administrator (CKA)"}
	if got := parse.Certifications(desc); !slices.Equal(got, wantCerts) {
		t.Errorf("Certifications(description) = %q, want %q", got, wantCerts)
	}
}

func FuzzSkills(f *testing.F) {
	for _, tc := range skillCases {
		f.Add(tc.text)
	}
	for _, tc := range certCases {
		f.Add(tc.text)
	}
	known := map[string]bool{}
	for _, n := range parse.SkillNames() {
		known[n] = true
	}
	knownCert := map[string]bool{}
	for _, n := range parse.CertificationNames() {
		knownCert[n] = true
	}
	f.Fuzz(func(t *testing.T, text string) {
		check := func(what string, got []string, known map[string]bool) {
			seen := map[string]bool{}
			for _, s := range got {
				if !known[s] {
					t.Fatalf("%s(%q) returned %q, not a taxonomy name", what, text, s)
				}
				if seen[s] {
					t.Fatalf("%s(%q) returned %q twice", what, text, s)
				}
				seen[s] = true
			}
		}
		check("Skills", parse.Skills(text), known)
		check("Certifications", parse.Certifications(text), knownCert)
	})
}

func BenchmarkSkills(b *testing.B) {
	desc := benchDescription(b)
	b.SetBytes(int64(len(desc)))
	b.ReportAllocs()
	for b.Loop() {
		parse.Skills(desc)
	}
}

func BenchmarkCertifications(b *testing.B) {
	desc := benchDescription(b)
	b.SetBytes(int64(len(desc)))
	b.ReportAllocs()
	for b.Loop() {
		parse.Certifications(desc)
	}
}

func ExampleSkills() {
	fmt.Println(parse.Skills("Backend in Golang and Postgres on K8s; let's go to market!"))
	fmt.Println(parse.Certifications("CKA or AWS Certified Solutions Architect preferred"))
	// Output:
	// [Go PostgreSQL Kubernetes]
	// [AWS Certified Solutions Architect Certified Kubernetes Administrator (CKA)]
}
