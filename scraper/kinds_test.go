package scraper_test

import (
	"slices"
	"testing"

	"github.com/jobstats/jobstats/config"
	"github.com/jobstats/jobstats/scraper"
)

// setKey sets the kind-specific yaml key of src to a plausible value.
var setKey = map[string]func(*config.Source){
	"start_urls":      func(s *config.Source) { s.StartURLs = []string{"https://careers.example.test/jobs"} },
	"follow":          func(s *config.Source) { s.Follow = []string{"/jobs/"} },
	"allowed_domains": func(s *config.Source) { s.AllowedDomains = []string{"careers.example.test"} },
	"board":           func(s *config.Source) { s.Board = "acme" },
	"site":            func(s *config.Source) { s.Site = "acme" },
	"region":          func(s *config.Source) { s.Region = "eu" },
	"company":         func(s *config.Source) { s.Company = "acme" },
	"account":         func(s *config.Source) { s.Account = "acme" },
	"category":        func(s *config.Source) { s.Category = "software-dev" },
	"search":          func(s *config.Source) { s.Search = "go" },
	"tag":             func(s *config.Source) { s.Tag = "go" },
	"geo":             func(s *config.Source) { s.Geo = "usa" },
	"api_key_env":     func(s *config.Source) { s.APIKeyEnv = "KEY" },
	"thread":          func(s *config.Source) { s.Thread = "123" },
	"base_url":        func(s *config.Source) { s.BaseURL = "https://mirror.example.test" },
	"url":             func(s *config.Source) { s.URL = "https://acme.wd5.myworkdayjobs.com/Careers" },
	"tenant":          func(s *config.Source) { s.Tenant = "acme" },
	"company_uid":     func(s *config.Source) { s.CompanyUID = "A1.234" },
	"token_env":       func(s *config.Source) { s.TokenEnv = "TOKEN" },
	"sitemaps":        func(s *config.Source) { s.Sitemaps = []string{"https://careers.example.test/sitemap.xml"} },
	"robots_sitemaps": func(s *config.Source) { s.RobotsSitemaps = true },
	"next":            func(s *config.Source) { s.Next = "a[rel=next]" },
	"item":            func(s *config.Source) { s.Item = "li.job" },
	"link":            func(s *config.Source) { s.Link = "a.job" },
	"fields": func(s *config.Source) {
		s.Fields = &config.HTMLFields{Title: config.Selector{CSS: "h2"}, Company: config.Selector{CSS: ".company"}}
	},
	"detail": func(s *config.Source) {
		s.Detail = &config.HTMLFields{Description: config.Selector{CSS: "#description"}}
	},
}

// TestKindsAgreeWithConfig checks that config (which validates files) and
// the scraper (which crawls) know the same kinds, that every source config
// accepts with all its keys set builds, and that the scraper rejects a
// source that lacks a key config requires.
func TestKindsAgreeWithConfig(t *testing.T) {
	if got, want := scraper.Kinds(), config.Kinds(); !slices.Equal(got, want) {
		t.Fatalf("scraper kinds %v, config kinds %v", got, want)
	}
	for _, kind := range config.Kinds() {
		t.Run(kind, func(t *testing.T) {
			required, optional, ok := config.KindKeys(kind)
			if !ok {
				t.Fatal("config does not know its own kind")
			}
			full := config.Source{Name: "s", Kind: kind}
			for _, k := range append(required, optional...) {
				set, ok := setKey[k]
				if !ok {
					t.Fatalf("no test value for key %s", k)
				}
				set(&full)
			}
			c := config.Default()
			c.Sources = []config.Source{full}
			if err := c.Validate(); err != nil {
				t.Fatalf("config rejects %+v: %v", full, err)
			}
			if _, err := scraper.New(full, scraper.Options{UserAgent: "x"}); err != nil {
				t.Errorf("config accepts it, the scraper does not: %v", err)
			}
			if hosts, err := scraper.Hosts(full); err != nil || len(hosts) == 0 {
				t.Errorf("Hosts = %q, %v; want the hosts it crawls", hosts, err)
			}
			for _, k := range required {
				missing := config.Source{Name: "s", Kind: kind}
				for _, other := range required {
					if other != k {
						setKey[other](&missing)
					}
				}
				if _, err := scraper.New(missing, scraper.Options{UserAgent: "x", Env: func(string) string { return "" }}); err == nil {
					t.Errorf("without %s the scraper builds the source", k)
				}
			}
		})
	}
}

// TestHosts: the hosts a crawl requests are its own, not its kind's: two
// Workday tenants, two Recruitee companies or two feeds are two hosts;
// the kinds on one public API share its host.
func TestHosts(t *testing.T) {
	for _, tt := range []struct {
		name string
		src  config.Source
		want []string
	}{
		{"greenhouse", config.Source{Kind: "greenhouse", Board: "a"}, []string{"boards-api.greenhouse.io"}},
		{"greenhouse base_url", config.Source{Kind: "greenhouse", Board: "a", BaseURL: "http://127.0.0.1:8081/x"}, []string{"127.0.0.1:8081"}},
		{"lever eu", config.Source{Kind: "lever", Site: "a", Region: "eu"}, []string{"api.eu.lever.co"}},
		{"workday", config.Source{Kind: "workday", URL: "https://acme.wd5.myworkdayjobs.com/en-US/Careers"}, []string{"acme.wd5.myworkdayjobs.com"}},
		{"workday base_url", config.Source{Kind: "workday", URL: "https://acme.wd5.myworkdayjobs.com/Careers", BaseURL: "http://127.0.0.1:9000"}, []string{"127.0.0.1:9000"}},
		{"recruitee", config.Source{Kind: "recruitee", Company: "acme"}, []string{"acme.recruitee.com"}},
		{"personio", config.Source{Kind: "personio", Company: "acme"}, []string{"acme.jobs.personio.de"}},
		{"teamtailor", config.Source{Kind: "teamtailor", Company: "acme"}, []string{"acme.teamtailor.com"}},
		{"rss", config.Source{Kind: "rss", URL: "https://weworkremotely.com/categories/remote-programming-jobs.rss"}, []string{"weworkremotely.com"}},
		{"default port dropped", config.Source{Kind: "rss", URL: "https://Feeds.Example.com:443/jobs.rss"}, []string{"feeds.example.com"}},
		{"comeet", config.Source{Kind: "comeet", CompanyUID: "A1.2", TokenEnv: "T"}, []string{"www.comeet.co"}},
		{"remoteok", config.Source{Kind: "remoteok"}, []string{"remoteok.com"}},
		{"jsonld", config.Source{Kind: "jsonld", StartURLs: []string{"https://Careers.Example.com/jobs", "https://careers.example.com/b"},
			AllowedDomains: []string{"careers.example.com", "cdn.example.com"}}, []string{"careers.example.com", "cdn.example.com"}},
		{"jsonld sitemaps, a port", config.Source{Kind: "jsonld", Sitemaps: []string{"http://127.0.0.1:8090/sitemap.xml"}}, []string{"127.0.0.1:8090"}},
		{"html", config.Source{Kind: "html", StartURLs: []string{"https://jobs.example.org/list"}, Item: "li",
			Fields: &config.HTMLFields{Title: config.Selector{CSS: "h2"}, Company: config.Selector{CSS: "b"}}}, []string{"jobs.example.org"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			tt.src.Name = "s"
			got, err := scraper.Hosts(tt.src)
			if err != nil || !slices.Equal(got, tt.want) {
				t.Errorf("Hosts = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}
