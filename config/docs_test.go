package config_test

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/jobstats/jobstats/config"
)

// The configuration examples in the documentation must load: the YAML
// blocks of README.md that hold sources, and the commented-out examples at
// the end of jobstats.example.yaml.

func TestREADMEConfigExamples(t *testing.T) {
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := regexp.MustCompile("(?s)```yaml\n(.*?)```").FindAllStringSubmatch(string(b), -1)
	n := 0
	for _, m := range blocks {
		if !strings.Contains(m[1], "sources:") {
			continue
		}
		n++
		if _, err := config.Parse("README.md block", []byte(m[1])); err != nil {
			t.Errorf("README example does not load:\n%s\n%v", m[1], err)
		}
	}
	if n == 0 {
		t.Error("no README block with sources")
	}
}

func TestExampleFileCommentedSources(t *testing.T) {
	b, err := os.ReadFile("../jobstats.example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(b), "# More examples (uncomment to use):")
	if !ok {
		t.Fatal("no commented examples in jobstats.example.yaml")
	}
	var yaml strings.Builder
	yaml.WriteString("sources:\n")
	for _, line := range strings.Split(rest, "\n") {
		line = strings.TrimPrefix(strings.TrimSpace(line), "#")
		if strings.HasPrefix(line, "   ") || strings.HasPrefix(line, " - ") {
			yaml.WriteString(line[1:] + "\n")
		}
	}
	c, err := config.Parse("jobstats.example.yaml (commented examples)", []byte(yaml.String()))
	if err != nil {
		t.Fatalf("%v\n%s", err, yaml.String())
	}
	if want := strings.Count(rest, "# - name:"); len(c.Sources) != want {
		t.Errorf("read %d commented examples, want %d", len(c.Sources), want)
	}
}
