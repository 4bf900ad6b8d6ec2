package config_test

import (
	"testing"

	"github.com/jobstats/jobstats/config"
)

func TestSourceYAML(t *testing.T) {
	for _, tt := range []struct {
		src  config.Source
		want string
	}{
		{config.Source{Name: "acme", Kind: "greenhouse", Board: "acme"}, "name: acme\nkind: greenhouse\nboard: acme\n"},
		{config.Source{Name: "wd", Kind: "workday", URL: "https://acme.wd5.myworkdayjobs.com/Careers", Schedule: "@daily"},
			"name: wd\nkind: workday\nschedule: '@daily'\nurl: https://acme.wd5.myworkdayjobs.com/Careers\n"},
		{config.Source{Name: "j", Kind: "jsonld", StartURLs: []string{"https://a.example/jobs"}, Follow: []string{`^https://a\.example/jobs/`}},
			"name: j\nkind: jsonld\nstart_urls: ['https://a.example/jobs']\nfollow: ['^https://a\\.example/jobs/']\n"},
	} {
		b, err := tt.src.YAML()
		if err != nil || string(b) != tt.want {
			t.Errorf("YAML() = %q, %v\nwant %q", b, err, tt.want)
		}
		s := tt.src
		if _, err := config.Parse("x.yaml", append([]byte("sources:\n  - "), indent(b)...)); err != nil {
			t.Errorf("%s does not load back: %v", s.Name, err)
		}
	}
}

// indent indents every line but the first by four spaces.
func indent(b []byte) []byte {
	var out []byte
	for i, c := range b {
		out = append(out, c)
		if c == '\n' && i < len(b)-1 {
			out = append(out, "    "...)
		}
	}
	return out
}
