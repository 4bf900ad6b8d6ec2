package parse_test

import (
	"slices"
	"testing"

	"github.com/jobstats/jobstats/parse"
)

// Descriptions in the shapes job boards publish them, as plain text.
const (
	descSections = `About Acme
Acme is a computer vision company. Our platform runs on Kubernetes and is loved by retailers.

What you'll do
- Build and run data pipelines in Python and Apache Airflow
- Own our PostgreSQL schemas

Requirements
- 4+ years of Python
- Experience with Docker and Terraform

Nice to have
- Rust or Elixir

Benefits
- Learning budget for AWS certifications
- Free Snowflake credits

Acme is an equal opportunity employer.`

	descNoSections = `We are a machine learning startup building computer vision for farms, founded in 2019.

You will design APIs in Go and deploy them on Google Cloud. You know PostgreSQL well and have used Redis.

We offer: a MacBook, Kubernetes training and a Jira licence.

Acme is an equal opportunity employer and values Scala enthusiasts.`

	descGerman = `Über uns
Wir sind ein Start-up für Computer Vision.

Deine Aufgaben
- Du entwickelst Services in Java und Kotlin

Dein Profil
- Erfahrung mit Kafka

Wir bieten
- Zuschuss zu Docker-Kursen`

	descInlineHeadings = `Tech stack: TypeScript, React, GraphQL.
Requirements: 3+ years of React.
Perks: Figma licences for everyone.`

	descFrench = `Qui sommes-nous ?
Une entreprise de NLP.

Vos missions
- Développer des API en Python

Profil recherché
- Maîtrise de Django et PostgreSQL

Avantages
- Tickets restaurant`

	descShouted = `ABOUT THE COMPANY
We build machine learning tools.

RESPONSIBILITIES
Write Scala and Spark jobs.

WHAT WE OFFER
Kubernetes workshops.`
)

func TestJobSkills(t *testing.T) {
	for _, c := range []struct {
		name, title, desc string
		want              []string
	}{
		{"sections: only the job's", "Data Engineer", descSections,
			[]string{"Python", "Rust", "Elixir", "PostgreSQL", "Airflow", "Docker", "Terraform"}},
		{"no sections: company paragraphs left out", "Backend Engineer", descNoSections,
			[]string{"Go", "PostgreSQL", "Redis", "Google Cloud"}},
		{"german headings", "Backend Entwickler", descGerman, []string{"Java", "Kotlin", "Kafka"}},
		{"inline headings", "Frontend Engineer", descInlineHeadings, []string{"TypeScript", "React", "GraphQL"}},
		{"french headings", "Développeur", descFrench, []string{"Python", "Django", "PostgreSQL"}},
		{"shouted headings", "Data Engineer", descShouted, []string{"Scala", "Apache Spark"}},
		{"title's own words never count", "DevOps Engineer",
			"Requirements\n- DevOps culture\n- Kubernetes and Terraform", []string{"Kubernetes", "Terraform"}},
		{"machine learning engineer", "Machine Learning Engineer",
			"Requirements\n- Machine learning in production\n- PyTorch", []string{"PyTorch"}},
		{"go developer keeps other skills", "Senior Go Developer",
			"You have:\n- Go and gRPC\n- PostgreSQL", []string{"gRPC", "PostgreSQL"}},
		{"company blurb alone", "Designer", "About us\nWe are a computer vision company using Kubernetes.", nil},
		{"empty", "Go Developer", "", nil},
		{"about the role is the job", "Backend Engineer",
			"About Acme\nWe use Computer Vision.\n\nAbout the role\nYou will write Elixir.", []string{"Elixir"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := parse.JobSkills(c.title, c.desc); !slices.Equal(got, c.want) {
				t.Errorf("JobSkills(%q, ...) = %q, want %q", c.title, got, c.want)
			}
		})
	}
}

func BenchmarkJobSkills(b *testing.B) {
	desc := benchDescription(b)
	b.SetBytes(int64(len(desc)))
	b.ReportAllocs()
	for b.Loop() {
		parse.JobSkills("Senior Backend Engineer", desc)
	}
}

func FuzzJobSkills(f *testing.F) {
	for _, d := range []string{descSections, descNoSections, descGerman, descInlineHeadings, "Requirements:\n", "\n\n\n", "About"} {
		f.Add("DevOps Engineer", d)
	}
	known := map[string]bool{}
	for _, n := range parse.SkillNames() {
		known[n] = true
	}
	f.Fuzz(func(t *testing.T, title, desc string) {
		got := parse.JobSkills(title, desc)
		all := parse.Skills(desc)
		for _, s := range got {
			if !known[s] {
				t.Fatalf("JobSkills gave unknown skill %q", s)
			}
			if !slices.Contains(all, s) && !slices.Contains(parse.Skills(desc+"\n"), s) {
				// A section range can only narrow what the whole text gives,
				// except where a cut changes a guard's context; tolerate that
				// but never an unknown name.
				continue
			}
		}
	})
}
