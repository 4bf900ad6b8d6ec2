package jobstats_test

import (
	"strings"
	"testing"
	"time"

	"github.com/jobstats/jobstats"
)

func TestFingerprint(t *testing.T) {
	base := jobstats.Fingerprint("Acme Inc.", "Backend Engineer", "Berlin, Germany")
	same := []struct{ company, role, location string }{
		{"ACME", "Backend Engineer", "Berlin, Germany"},
		{"Acme, Inc", "backend engineer", "Berlin Germany"},
		{"Acme GmbH", "Backend  Engineer", "Berlin, Germany (Remote)"},
	}
	for _, s := range same {
		if got := jobstats.Fingerprint(s.company, s.role, s.location); got != base {
			t.Errorf("Fingerprint(%q, %q, %q) differs from Acme Inc./Backend Engineer/Berlin", s.company, s.role, s.location)
		}
	}
	differ := []struct{ company, role, location string }{
		{"Acme Labs", "Backend Engineer", "Berlin, Germany"},
		{"Acme", "Backend Developer", "Berlin, Germany"},
		{"Acme", "Backend Engineer", "Munich, Germany"},
	}
	for _, s := range differ {
		if got := jobstats.Fingerprint(s.company, s.role, s.location); got == base {
			t.Errorf("Fingerprint(%q, %q, %q) equals Acme Inc./Backend Engineer/Berlin", s.company, s.role, s.location)
		}
	}
	if jobstats.Fingerprint("", "Backend Engineer", "") != 0 || jobstats.Fingerprint("Acme", "", "") != 0 {
		t.Error("a fingerprint without company or role is not zero")
	}
}

func TestSimhash(t *testing.T) {
	desc := strings.Repeat("We build payment infrastructure for online marketplaces and you will write software that runs at the heart of our platform. ", 3) +
		"You have five years of experience with Go and PostgreSQL, and you care about tests, reviews and clear writing. We offer a salary of $150,000."
	edited := strings.Replace(desc, "$150,000", "$155,000", 1)
	other := "Lumen Security builds a cloud security posture platform. As an intern Machine Learning Engineer on our Fraud team you will take models from notebooks to production and monitor them for drift."
	a, b, c := jobstats.Simhash(desc), jobstats.Simhash(edited), jobstats.Simhash(other)
	if !jobstats.SimhashClose(a, b) {
		t.Errorf("a one-figure edit moved the simhash by too many bits: %064b vs %064b", a, b)
	}
	if jobstats.SimhashClose(a, c) {
		t.Errorf("unrelated descriptions are close: %064b vs %064b", a, c)
	}
	if jobstats.Simhash("two words") != 0 {
		t.Error("a text too short to shingle has a simhash")
	}
}

func TestSameJob(t *testing.T) {
	desc := strings.Repeat("Design, build and run the services behind our checkout with Go and Kafka. ", 5)
	a := &jobstats.Listing{Fingerprint: 42, Simhash: jobstats.Simhash(desc)}
	b := &jobstats.Listing{Fingerprint: 42, Simhash: jobstats.Simhash(desc + " Apply now.")}
	c := &jobstats.Listing{Fingerprint: 43, Simhash: a.Simhash}
	if !jobstats.SameJob(a, b) {
		t.Error("same fingerprint, near description: not the same job")
	}
	if jobstats.SameJob(a, c) {
		t.Error("different fingerprints: the same job")
	}
	if jobstats.SameJob(&jobstats.Listing{}, &jobstats.Listing{}) {
		t.Error("listings without fingerprints are the same job")
	}
}

func FuzzSimhash(f *testing.F) {
	f.Add("We build payment infrastructure for online marketplaces.")
	f.Add("")
	f.Fuzz(func(t *testing.T, s string) {
		if a, b := jobstats.Simhash(s), jobstats.Simhash(s); a != b {
			t.Fatal("simhash is not deterministic")
		}
		_ = jobstats.Fingerprint(s, s, s)
	})
}

func TestOpenAt(t *testing.T) {
	day := func(n int) time.Time { return time.Date(2026, 10, n, 12, 0, 0, 0, time.UTC) }
	l := jobstats.Listing{FirstSeen: day(2), Gaps: []jobstats.Gap{{Closed: day(4), Reopened: day(6)}}, ClosedAt: day(9)}
	for n, want := range map[int]bool{1: false, 2: true, 3: true, 4: false, 5: false, 6: true, 8: true, 9: false, 10: false} {
		if got := l.OpenAt(day(n)); got != want {
			t.Errorf("OpenAt(day %d) = %v, want %v", n, got, want)
		}
	}
}

func TestTrimSpace(t *testing.T) {
	for in, want := range map[string]string{
		"": "", "Backend Engineer": "Backend Engineer", " Backend Engineer": "Backend Engineer",
		"Backend Engineer ": "Backend Engineer", "Backend  Engineer": "Backend Engineer",
		"Backend\tEngineer": "Backend Engineer", "Backend\u00a0 Engineer\n": "Backend Engineer", "  ": "",
		"Müller & Söhne": "Müller & Söhne",
	} {
		if got := jobstats.TrimSpace(in); got != want {
			t.Errorf("TrimSpace(%q) = %q, want %q", in, got, want)
		}
	}
	if n := testing.AllocsPerRun(100, func() { _ = jobstats.TrimSpace("Backend Engineer") }); n != 0 {
		t.Errorf("TrimSpace of a clean string allocates %v times", n)
	}
}
