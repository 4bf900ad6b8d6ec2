package config_test

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/config"
)

func TestLoadFull(t *testing.T) {
	c, err := config.Load("testdata/full.yaml")
	if err != nil {
		t.Fatal(err)
	}
	check := func(name string, got, want any) {
		t.Helper()
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s = %#v, want %#v", name, got, want)
		}
	}
	check("database", c.Database, "/var/lib/jobstats/jobs.db")
	check("user_agent", c.UserAgent, "acme-research/1.0 (+mailto:ops@example.com)")
	check("report_currency", c.ReportCurrency, "EUR")
	check("rates base", c.CurrencyRates.Base, "USD")
	check("rates as_of", c.CurrencyRates.AsOf, "2026-12-01")
	check("rate EUR (user)", c.CurrencyRates.Rates["EUR"], 0.9)
	check("rate XAF (user)", c.CurrencyRates.Rates["XAF"], 600.0)
	check("rate GBP (merged default)", c.CurrencyRates.Rates["GBP"], jobstats.DefaultRates().Rates["GBP"])
	check("annualization", c.Annualization, jobstats.Annualization{Hours: 2000, Days: 250, Weeks: 50, Months: 12})
	check("plausible_annual", c.PlausibleAnnual, config.Band{Min: 5000, Max: 900000})
	check("lock_wait", c.LockWait, config.Duration(30*time.Minute))
	check("aliases", c.Roles.Aliases, map[string]string{"Backend Developer": "Backend Engineer"})
	check("report", c.Report, config.Report{Countries: []string{"US", "EU", "remote:worldwide", "unknown"}, Workplace: "remote",
		Companies: []string{"Acme"}, Sources: []string{"careers"}, Seniorities: []string{"senior", "lead"}, Skills: []string{"Go"},
		PostedWithin: config.Duration(30 * 24 * time.Hour), MinOpenings: 3, Pool: true})
	if len(c.Sources) != 15 {
		t.Fatalf("got %d sources, want 15", len(c.Sources))
	}

	zero, three := 0, 3
	careers, _ := c.Source("careers")
	check("careers", careers, config.Source{
		Name: "careers", Kind: "jsonld", Schedule: "0 3 * * *",
		Jitter: config.Duration(10 * time.Minute), RunOnStart: true,
		Parallelism: 2, Delay: config.Duration(500 * time.Millisecond), Rate: "1/5s",
		Timeout: config.Duration(time.Minute), MaxBodySize: 2 << 20, Retries: &zero, MaxPages: 50, CloseAfter: 3,
		CompanyName: "Acme",
		StartURLs:   []string{"https://careers.example.com/jobs", "https://jobs.example.org/"},
		Follow:      []string{`^https://careers\.example\.com/jobs/\d+$`},
		// Defaulted from start_urls.
		AllowedDomains: []string{"careers.example.com", "jobs.example.org"},
	})
	// Merged from the anchor, with defaults for the rest.
	acme, _ := c.Source("acme-eu")
	check("acme-eu", acme, config.Source{
		Name: "acme-eu", Kind: "lever", Site: "acme", Region: "eu", Disabled: true,
		Schedule: "@every 6h", Parallelism: 4, Delay: config.Duration(2 * time.Second),
		Timeout: config.Duration(20 * time.Second), MaxBodySize: 10 << 20, Retries: &three, MaxPages: 1000,
		CloseAfter: config.DefaultCloseAfter,
	})
	gh, _ := c.Source("gh")
	check("gh base_url", gh.BaseURL, "http://127.0.0.1:8080/gh")
	check("gh max_body_size", gh.MaxBodySize, int64(1<<20))
	hn, _ := c.Source("hn")
	check("hn", []string{hn.Thread, hn.Schedule}, []string{"41709301", "@every 1h30m"})
	cd, _ := c.Source("cd")
	check("cd api_key_env", cd.APIKeyEnv, "CRACKEDDEVS_API_KEY")
	if _, ok := c.Source("nope"); ok {
		t.Error(`Source("nope") found a source`)
	}
}

func TestParseErrors(t *testing.T) {
	allKinds := strings.Join(config.Kinds(), ", ")
	// src builds a file whose sources list holds one source written as lines.
	src := func(lines ...string) string {
		return "user_agent: test\nsources:\n  - name: s\n" + "    " + strings.Join(lines, "\n    ") + "\n"
	}
	tests := []struct {
		name string
		yaml string
		want []string // every error line, in order
	}{
		{"unknown top-level key", "user_agent: x\ndatabse: a.db\n",
			[]string{`j.yaml:2: databse: unknown key (did you mean database?)`}},
		{"unknown source key", src("kind: greenhouse", "board: b", "shedule: '@daily'"),
			[]string{`j.yaml:6: sources[0].shedule: unknown key (did you mean schedule?)`}},
		{"unknown nested key", "annualization:\n  hours: 1\n  years: 1\n",
			[]string{`j.yaml:3: annualization.years: unknown key`}},
		{"unknown report key", "report:\n  countrys: [US]\n",
			[]string{`j.yaml:2: report.countrys: unknown key (did you mean countries?)`}},
		{"report countries", "report:\n  countries: [US, Germany, eu, remote:EU, remote:Mars, de, unknown]\n",
			[]string{
				`j.yaml:2: report.countries[1]: "Germany" is not a market: want an upper-case ISO 3166-1 alpha-2 code such as DE, a group (worldwide, EU, Europe, EMEA, Americas, North America, LATAM, APAC), remote: and a group (remote:worldwide), or unknown`,
				`j.yaml:2: report.countries[4]: "remote:Mars" is not a market: want an upper-case ISO 3166-1 alpha-2 code such as DE, a group (worldwide, EU, Europe, EMEA, Americas, North America, LATAM, APAC), remote: and a group (remote:worldwide), or unknown`,
				`j.yaml:2: report.countries[5]: "de" is not a market: want an upper-case ISO 3166-1 alpha-2 code such as DE, a group (worldwide, EU, Europe, EMEA, Americas, North America, LATAM, APAC), remote: and a group (remote:worldwide), or unknown`,
			}},
		{"report workplace", "report:\n  workplace: office\n",
			[]string{`j.yaml:2: report.workplace: must be any, remote or onsite, got "office"`}},
		{"report levels", "report:\n  seniorities:\n    - senior\n    - staff\n",
			[]string{`j.yaml:4: report.seniorities[1]: unknown level "staff": want one of intern, junior, mid, senior, lead, principal`}},
		{"report empty company", "report:\n  companies: ['', Acme]\n",
			[]string{`j.yaml:2: report.companies[0]: must be a name, got ""`}},
		{"report min openings", "report:\n  min_openings: 0\n",
			[]string{`j.yaml:2: report.min_openings: must be at least 1, got 0`}},
		{"report posted within", "report:\n  posted_within: -1d\n",
			[]string{`j.yaml:2: report.posted_within: invalid duration "-1d": want a number with a unit, such as "30s", "5m", "1h30m" or "30d"`}},
		{"report pool", "report:\n  pool: maybe\n",
			[]string{`j.yaml:2: report.pool: cannot use "maybe" as true or false`}},
		{"wrong kind", src("kind: linkedin"),
			[]string{`j.yaml:4: sources[0].kind: unknown kind "linkedin"; want one of ` + allKinds}},
		{"missing kind", src("board: b"),
			[]string{`j.yaml:3: sources[0].kind: is required; one of ` + allKinds}},
		{"key for another kind", src("kind: lever", "site: acme", "board: acme"),
			[]string{`j.yaml:6: sources[0].board: key board does not apply to kind lever`}},
		{"base_url for jsonld", src("kind: jsonld", "start_urls: [https://a.example/]", "base_url: https://a.example/"),
			[]string{`j.yaml:6: sources[0].base_url: key base_url does not apply to kind jsonld`}},
		{"missing required", src("kind: greenhouse"),
			[]string{`j.yaml:3: sources[0].board: kind greenhouse requires board`}},
		{"missing required crackeddevs", src("kind: crackeddevs"),
			[]string{`j.yaml:3: sources[0].api_key_env: kind crackeddevs requires api_key_env`}},
		{"missing name", "sources:\n  - kind: remoteok\n",
			[]string{`j.yaml:2: sources[0].name: is required`}},
		{"bad name", "sources:\n  - kind: remoteok\n    name: my source\n",
			[]string{`j.yaml:3: sources[0].name: "my source" may hold only letters, digits, - and _`}},
		{"duplicate name", "sources:\n  - name: a\n    kind: remoteok\n  - name: a\n    kind: remotive\n",
			[]string{`j.yaml:4: sources[1].name: "a" is already used by sources[0] (line 2)`}},
		{"bad cron", src("kind: remoteok", "schedule: '61 * * * *'"),
			[]string{`j.yaml:5: sources[0].schedule: invalid schedule "61 * * * *": end of range (61) above maximum (59): 61 (want 5 cron fields such as "0 */6 * * *" or a descriptor such as "@every 6h" or "@daily")`}},
		{"bad descriptor", src("kind: remoteok", "schedule: '@every 6 hours'"),
			[]string{`j.yaml:5: sources[0].schedule: invalid schedule "@every 6 hours": failed to parse duration @every 6 hours: time: unknown unit " hours" in duration "6 hours" (want 5 cron fields such as "0 */6 * * *" or a descriptor such as "@every 6h" or "@daily")`}},
		{"cron TZ without spec", src("kind: remoteok", "schedule: TZ=UTC"),
			[]string{`j.yaml:5: sources[0].schedule: invalid schedule "TZ=UTC": a time zone must be followed by a schedule (want 5 cron fields such as "0 */6 * * *" or a descriptor such as "@every 6h" or "@daily")`}},
		{"bad duration", src("kind: remoteok", "timeout: 30"),
			[]string{`j.yaml:5: sources[0].timeout: invalid duration "30": want a number with a unit, such as "30s", "5m", "1h30m" or "30d"`}},
		{"duration as list", src("kind: remoteok", "jitter: [1s]"),
			[]string{`j.yaml:5: sources[0].jitter: want a duration such as "30s" or "5m", got a list`}},
		{"close_after zero", src("kind: remoteok", "close_after: 0"),
			[]string{`j.yaml:5: sources[0].close_after: must be positive (leave it out for the default 2)`}},
		{"close_after too large", src("kind: remoteok", "close_after: 1000"),
			[]string{`j.yaml:5: sources[0].close_after: must be between 1 and 100, got 1000`}},
		{"lock_wait zero", "lock_wait: 0s\n",
			[]string{`j.yaml:1: lock_wait: must be positive, got 0s (leave it out for the default 10m0s)`}},
		{"negative delay", src("kind: remoteok", "delay: -1s"),
			[]string{`j.yaml:5: sources[0].delay: must not be negative, got -1s`}},
		{"bad regexp", src("kind: jsonld", "start_urls: ['https://a.example/']", "follow: ['ok', '[a-']"),
			[]string{"j.yaml:6: sources[0].follow[1]: invalid regular expression: error parsing regexp: missing closing ]: `[a-`"}},
		{"relative start url", src("kind: jsonld", "start_urls:", "  - /jobs"),
			[]string{`j.yaml:6: sources[0].start_urls[0]: "/jobs" is not an absolute http or https URL`}},
		{"bad base_url", src("kind: remoteok", "base_url: remoteok.com/api"),
			[]string{`j.yaml:5: sources[0].base_url: "remoteok.com/api" is not an absolute http or https URL`}},
		{"bad region", src("kind: lever", "site: a", "region: apac"),
			[]string{`j.yaml:6: sources[0].region: must be us or eu, got "apac"`}},
		{"bad thread", src("kind: hn", "thread: newest"),
			[]string{`j.yaml:5: sources[0].thread: must be "latest" or a Hacker News item id, got "newest"`}},
		{"api key instead of env name", src("kind: crackeddevs", "api_key_env: sk-123"),
			[]string{`j.yaml:5: sources[0].api_key_env: "sk-123" is not an environment variable name; name the variable that holds the key, not the key`}},
		{"workday mirror without tenant", src("kind: workday", "url: http://127.0.0.1:8080/en-US/Careers"),
			[]string{`j.yaml:5: sources[0].url: set tenant: the host 127.0.0.1 is not Workday's own (*.myworkdayjobs.com), so it does not name the tenant`}},
		{"workday without site", src("kind: workday", "url: https://acme.wd5.myworkdayjobs.com/en-US/"),
			[]string{`j.yaml:5: sources[0].url: "https://acme.wd5.myworkdayjobs.com/en-US/" names no careers site: want https://{tenant}.wdN.myworkdayjobs.com/{site}`}},
		{"workday bad tenant", src("kind: workday", "url: https://acme.wd5.myworkdayjobs.com/Careers", "tenant: a/b"),
			[]string{
				`j.yaml:5: sources[0].url: tenant "a/b" may hold only letters, digits, '.', '-' and '_'`,
				`j.yaml:6: sources[0].tenant: "a/b" is not a tenant name as it appears in the board's URL`,
			}},
		{"rss relative url", src("kind: rss", "url: /jobs.rss"),
			[]string{`j.yaml:5: sources[0].url: "/jobs.rss" is not an absolute http or https URL`}},
		{"url for another kind", src("kind: greenhouse", "board: b", "url: https://a.example/"),
			[]string{`j.yaml:6: sources[0].url: key url does not apply to kind greenhouse`}},
		{"comeet token instead of env name", src("kind: comeet", "company_uid: F6.003", "token_env: 6F329B2DE63798"),
			[]string{`j.yaml:6: sources[0].token_env: "6F329B2DE63798" is not an environment variable name; name the variable that holds the token, not the token`}},
		{"comeet missing keys", src("kind: comeet"),
			[]string{`j.yaml:3: sources[0].company_uid: kind comeet requires company_uid`, `j.yaml:3: sources[0].token_env: kind comeet requires token_env`}},
		{"html bad selectors", src("kind: html", "start_urls: [https://a.example/jobs]", "company_name: A", "item: 'li..job'", "next: a[rel=next",
			"fields:", "  title: h2 >", "  url: {css: a, attr: 'data href'}", "  posted: {css: time, regex: '(\\d+'}"),
			[]string{
				`j.yaml:7: sources[0].item: invalid CSS selector "li..job": expected identifier, found . instead`,
				`j.yaml:8: sources[0].next: invalid CSS selector "a[rel=next": unexpected EOF in attribute selector`,
				`j.yaml:10: sources[0].fields.title: invalid CSS selector "h2 >": expected selector, found EOF instead`,
				`j.yaml:11: sources[0].fields.url: attr "data href" is not an attribute name such as href or datetime`,
				"j.yaml:12: sources[0].fields.posted: invalid regular expression: error parsing regexp: missing closing ): `(\\d+`",
			}},
		{"html selector keys", src("kind: html", "start_urls: [https://a.example/jobs]", "item: li", "fields:", "  title: {css: h2, atr: title}", "  company: [a]"),
			[]string{
				`j.yaml:8: sources[0].fields.title: unknown key atr (did you mean attr?); a selector takes css, attr, regex and all`,
				`j.yaml:9: sources[0].fields.company: want a CSS selector, or a mapping of css, attr, regex and all; got a list`,
			}},
		{"html unknown field", src("kind: html", "start_urls: [https://a.example/jobs]", "company_name: A", "item: li", "fields:", "  titel: h2"),
			[]string{
				`j.yaml:8: sources[0].fields.title: kind html needs a title selector, under fields or detail`,
				`j.yaml:9: sources[0].fields.titel: unknown key (did you mean title?)`,
			}},
		{"html needs item or link", src("kind: html", "start_urls: [https://a.example/jobs]", "company_name: A", "detail: {title: h1}"),
			[]string{
				`j.yaml:4: sources[0].kind: kind html needs item (one element per job on a list page), link (each job's own page), or both`,
				`j.yaml:7: sources[0].detail: detail fields are read on each job's page: set link`,
			}},
		{"html fields without item", src("kind: html", "start_urls: [https://a.example/jobs]", "link: a.job", "fields: {title: h2}", "detail: {url: a}"),
			[]string{
				`j.yaml:7: sources[0].fields: fields are read within each item: set item, or read them on each job's page under detail`,
				`j.yaml:8: sources[0].detail.url: a job page's address is the page's own; read url under fields`,
				`j.yaml:8: sources[0].detail.company: kind html needs company_name, or a company selector under fields or detail`,
			}},
		{"jsonld without start", src("kind: jsonld", "follow: [a]"),
			[]string{`j.yaml:3: sources[0].start_urls: kind jsonld requires start_urls, sitemaps, or both`}},
		{"robots_sitemaps without host", src("kind: jsonld", "robots_sitemaps: true"),
			[]string{`j.yaml:5: sources[0].robots_sitemaps: robots_sitemaps reads the robots.txt of the hosts of start_urls and sitemaps: set one of them`}},
		{"bad sitemap", src("kind: jsonld", "sitemaps: [/sitemap.xml]"),
			[]string{`j.yaml:5: sources[0].sitemaps[0]: "/sitemap.xml" is not an absolute http or https URL`}},
		{"sitemaps on greenhouse", src("kind: greenhouse", "board: b", "sitemaps: [https://a.example/sitemap.xml]"),
			[]string{`j.yaml:6: sources[0].sitemaps: key sitemaps does not apply to kind greenhouse`}},
		{"html keys on jsonld", src("kind: jsonld", "start_urls: [https://a.example/jobs]", "item: li"),
			[]string{`j.yaml:6: sources[0].item: key item does not apply to kind jsonld`}},
		{"bad rate", src("kind: remotive", "rate: 2 per minute"),
			[]string{`j.yaml:5: sources[0].rate: invalid rate "2 per minute": want requests per period, such as "2/min", "10/s" or "1/5s"`}},
		{"type error int", src("kind: remoteok", "parallelism: many"),
			[]string{`j.yaml:5: sources[0].parallelism: cannot use "many" as an integer`}},
		{"type error bool", src("kind: remoteok", "disabled: maybe"),
			[]string{`j.yaml:5: sources[0].disabled: cannot use "maybe" as true or false`}},
		{"type error float", "plausible_annual:\n  min: lots\n",
			[]string{`j.yaml:2: plausible_annual.min: cannot use "lots" as a number`}},
		{"type error list", "sources: remoteok\n",
			[]string{`j.yaml:1: sources: want a list, got "remoteok"`}},
		{"type error string", "user_agent: [a, b]\n",
			[]string{`j.yaml:1: user_agent: want a string, got a list`}},
		{"source not a mapping", "sources:\n  - remoteok\n",
			[]string{`j.yaml:2: sources[0]: want a mapping, got "remoteok"`}},
		{"parallelism out of range", src("kind: remoteok", "parallelism: 65"),
			[]string{`j.yaml:5: sources[0].parallelism: must be between 1 and 64, got 65`}},
		{"parallelism explicit zero", src("kind: remoteok", "parallelism: 0"),
			[]string{`j.yaml:5: sources[0].parallelism: must be positive (leave it out for the default 4)`}},
		{"negative retries", src("kind: remoteok", "retries: -1"),
			[]string{`j.yaml:5: sources[0].retries: must not be negative, got -1`}},
		{"bad size", src("kind: remoteok", "max_body_size: 10 furlongs"),
			[]string{`j.yaml:5: sources[0].max_body_size: invalid size "10 furlongs": want a number of bytes or a size such as "10MiB" or "512KB"`}},
		{"duplicate key", src("kind: remoteok", "kind: remotive"),
			[]string{`j.yaml:5: sources[0].kind: key kind is already set at line 4`}},
		{"bad currency", "report_currency: usd\n",
			[]string{`j.yaml:1: report_currency: "usd" is not an upper-case ISO 4217 code such as USD`}},
		{"currency without rate", "report_currency: XYZ\n",
			[]string{`j.yaml:1: report_currency: report currency XYZ has no rate in currency_rates (base USD)`}},
		{"replaced table lacks report currency", "currency_rates:\n  base: EUR\n  rates: {GBP: 0.88}\n",
			[]string{`j.yaml:1: currency_rates: report currency USD has no rate in currency_rates (base EUR)`}},
		{"bad rate value", "currency_rates:\n  rates:\n    EUR: 0\n    eur: 1\n",
			[]string{
				`j.yaml:3: currency_rates.rates.EUR: rate must be a positive number, got 0`,
				`j.yaml:4: currency_rates.rates.eur: "eur" is not an upper-case ISO 4217 code such as EUR`,
			}},
		{"annualization", "annualization:\n  hours: 0\n",
			[]string{`j.yaml:2: annualization.hours: must be a positive number, got 0`}},
		{"plausible band", "plausible_annual: {min: 10, max: 5}\n",
			[]string{`j.yaml:1: plausible_annual: min (10) must be less than max (5)`}},
		{"empty user agent", "user_agent: ''\n",
			[]string{`j.yaml:1: user_agent: must not be empty: sites want to know who is crawling`}},
		{"empty database", "database: ' '\n",
			[]string{`j.yaml:1: database: must name the database file`}},
		{"alias loop", "roles:\n  aliases:\n    A: B\n    B: A\n",
			[]string{`j.yaml:3: roles.aliases.A: aliases loop back to "A"`, `j.yaml:4: roles.aliases.B: aliases loop back to "B"`}},
		{"root not a mapping", "- a\n- b\n",
			[]string{`j.yaml:1: want a mapping of settings such as "database: ...", got a list`}},
		{"malformed indentation", "user_agent: x\nsources:\n  - name: a\n   kind: b\n",
			[]string{`j.yaml:4: malformed YAML: did not find expected '-' indicator`}},
		{"malformed flow", "user_agent: x\nsources: [a,\n",
			[]string{`j.yaml:2: malformed YAML: did not find expected node content`}},
		{"malformed tab", "user_agent: x\nannualization:\n  hours: 1\n\tdays: 2\n",
			[]string{`j.yaml:4: malformed YAML: found a tab character that violates indentation`}},
		{"malformed list in mapping", "user_agent: x\ndatabase: x\n- c\n",
			[]string{`j.yaml:3: malformed YAML: did not find expected key`}},
		{"malformed mapping value", "user_agent: x\ndatabase: a: b\n",
			[]string{`j.yaml:2: malformed YAML: mapping values are not allowed in this context`}},
		{"two documents", "user_agent: x\n---\nuser_agent: y\n",
			[]string{`j.yaml:2: the file holds more than one YAML document`}},
		{"all errors at once", "databse: x\nsources:\n  - name: a\n    kind: greenhouse\n    timeout: soon\n  - name: a\n    kind: lever\n    site: s\n    schedule: daily\n",
			[]string{
				`j.yaml:1: databse: unknown key (did you mean database?)`,
				`j.yaml:3: sources[0].board: kind greenhouse requires board`,
				`j.yaml:5: sources[0].timeout: invalid duration "soon": want a number with a unit, such as "30s", "5m", "1h30m" or "30d"`,
				`j.yaml:6: sources[1].name: "a" is already used by sources[0] (line 3)`,
				`j.yaml:9: sources[1].schedule: invalid schedule "daily": expected exactly 5 fields, found 1: [daily] (want 5 cron fields such as "0 */6 * * *" or a descriptor such as "@every 6h" or "@daily")`,
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := config.Parse("j.yaml", []byte(tt.yaml))
			if err == nil {
				t.Fatal("Parse succeeded, want an error")
			}
			if got := strings.Split(err.Error(), "\n"); !slices.Equal(got, tt.want) {
				t.Errorf("error:\n%s\nwant:\n%s", err, strings.Join(tt.want, "\n"))
			}
			if !errors.Is(err, config.ErrInvalid) {
				t.Errorf("errors.Is(err, ErrInvalid) = false for %v", err)
			}
			var e *config.Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v holds no *config.Error", err)
			}
			if e.File != "j.yaml" || e.Line == 0 {
				t.Errorf("first *Error = %+v, want File j.yaml and a line", e)
			}
		})
	}
}

func TestErrorFields(t *testing.T) {
	_, err := config.Parse("j.yaml", []byte("sources:\n  - name: a\n    kind: remoteok\n    schedule: nope\n"))
	var e *config.Error
	if !errors.As(err, &e) {
		t.Fatalf("got %v, want a *config.Error", err)
	}
	if e.File != "j.yaml" || e.Line != 4 || e.Column != 5 || e.Field != "sources[0].schedule" {
		t.Errorf("got %+v, want j.yaml line 4 column 5 sources[0].schedule", e)
	}
	if errors.Unwrap(e) == nil {
		t.Error("Unwrap returned nil")
	}
}

func TestErrorFormat(t *testing.T) {
	tests := []struct {
		name string
		err  config.Error
		want string
	}{
		{"all", config.Error{File: "f.yaml", Line: 3, Field: "a.b", Err: errors.New("bad")}, "f.yaml:3: a.b: bad"},
		{"no line", config.Error{File: "f.yaml", Field: "a", Err: errors.New("bad")}, "f.yaml: a: bad"},
		{"no file", config.Error{Line: 3, Field: "a", Err: errors.New("bad")}, "line 3: a: bad"},
		{"field only", config.Error{Field: "a", Err: errors.New("bad")}, "a: bad"},
		{"no field", config.Error{File: "f.yaml", Line: 1, Err: errors.New("bad")}, "f.yaml:1: bad"},
		{"no err", config.Error{Field: "a"}, "a: invalid"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.err.Error(); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestDefaultsApplied(t *testing.T) {
	c, err := config.Parse("j.yaml", []byte(`
user_agent: custom
annualization: {hours: 2000}
sources:
  - {name: a, kind: remoteok}
  - {name: h, kind: hn}
  - {name: l, kind: lever, site: x}
  - {name: r, kind: remoteok, retries: 0, max_body_size: 1KB}
`))
	if err != nil {
		t.Fatal(err)
	}
	def := config.Default()
	if c.Database != def.Database || c.ReportCurrency != "USD" || !reflect.DeepEqual(c.CurrencyRates, def.CurrencyRates) ||
		c.PlausibleAnnual != def.PlausibleAnnual {
		t.Errorf("top-level defaults not kept: %+v", c)
	}
	if want := (jobstats.Annualization{Hours: 2000, Days: 260, Weeks: 52, Months: 12}); c.Annualization != want {
		t.Errorf("annualization = %+v, want %+v (overlaid field by field)", c.Annualization, want)
	}
	if c.UserAgent != "custom" {
		t.Errorf("user_agent = %q", c.UserAgent)
	}
	if len(c.Sources) != 4 {
		t.Fatalf("got %d sources, want the file's 4 (replacing the defaults)", len(c.Sources))
	}
	a := c.Sources[0]
	if a.Schedule != "@every 6h" || a.Parallelism != 4 || a.Timeout.D() != 30*time.Second ||
		a.MaxBodySize != 10<<20 || a.Retries == nil || *a.Retries != 3 || a.MaxPages != 1000 || a.CloseAfter != 2 ||
		a.Jitter != 0 || a.Delay != 0 || a.Rate != "" {
		t.Errorf("source defaults not applied: %+v", a)
	}
	if h := c.Sources[1]; h.Thread != "latest" {
		t.Errorf("hn thread = %q, want latest", h.Thread)
	}
	if l := c.Sources[2]; l.Region != "us" {
		t.Errorf("lever region = %q, want us", l.Region)
	}
	if r := c.Sources[3]; r.Retries == nil || *r.Retries != 0 || r.MaxBodySize != 1000 {
		t.Errorf("explicit retries 0 / max_body_size 1KB not kept: %+v", r)
	}
}

func TestEmptyFile(t *testing.T) {
	for _, data := range []string{"", "# only a comment\n", "---\n", "sources:\n"} {
		c, err := config.Parse("j.yaml", []byte(data))
		if err != nil {
			t.Fatalf("Parse(%q): %v", data, err)
		}
		if !reflect.DeepEqual(c, config.Default()) {
			t.Errorf("Parse(%q) differs from Default()", data)
		}
	}
	c, err := config.Parse("j.yaml", []byte("sources: []\n"))
	if err != nil || len(c.Sources) != 0 {
		t.Errorf("sources: [] gave %d sources, %v; want none", len(c.Sources), err)
	}
}

func TestCurrencyRates(t *testing.T) {
	tests := []struct {
		name     string
		yaml     string
		base     string
		has, not []string
	}{
		{"merged without base", "currency_rates: {rates: {XAF: 600}}\n", "USD", []string{"XAF", "EUR"}, nil},
		{"merged with default base", "currency_rates: {base: USD, rates: {EUR: 0.5}}\n", "USD", []string{"EUR", "GBP"}, nil},
		{"replaced with another base", "report_currency: EUR\ncurrency_rates: {base: EUR, rates: {GBP: 0.88}}\n", "EUR", []string{"GBP"}, []string{"JPY", "USD"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := config.Parse("j.yaml", []byte(tt.yaml))
			if err != nil {
				t.Fatal(err)
			}
			r := c.CurrencyRates
			if r.Base != tt.base {
				t.Errorf("base = %q, want %q", r.Base, tt.base)
			}
			for _, code := range tt.has {
				if _, ok := r.Rates[code]; !ok {
					t.Errorf("rate %s missing", code)
				}
			}
			for _, code := range tt.not {
				if _, ok := r.Rates[code]; ok {
					t.Errorf("rate %s present, want the table replaced", code)
				}
			}
		})
	}
	// The default table must not be changed by a merge.
	if _, err := config.Parse("j.yaml", []byte("currency_rates: {rates: {EUR: 0.5}}\n")); err != nil {
		t.Fatal(err)
	}
	if jobstats.DefaultRates().Rates["EUR"] == 0.5 {
		t.Error("merge changed jobstats.DefaultRates")
	}
}

func TestDefaultValidates(t *testing.T) {
	c := config.Default()
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	kinds := map[string]bool{}
	for _, s := range c.Sources {
		kinds[s.Kind] = true
		if s.Jitter <= 0 {
			t.Errorf("default source %s has no jitter", s.Name)
		}
	}
	for _, k := range []string{"remoteok", "remotive", "arbeitnow", "himalayas", "jobicy", "hn", "greenhouse", "lever", "ashby"} {
		if !kinds[k] {
			t.Errorf("no default source of kind %s", k)
		}
	}
	if s, _ := c.Source("remotive"); s.Rate != "2/min" {
		t.Errorf("remotive rate = %q, want 2/min (their terms)", s.Rate)
	}
}

func TestValidateInCode(t *testing.T) {
	c := config.Default()
	c.Sources = append(c.Sources,
		config.Source{Name: "x", Kind: "greenhouse"}, // zero values mean the defaults
		config.Source{Name: "y", Kind: "lever", Site: "s", Board: "b", Schedule: "@yearly-ish"},
	)
	c.UserAgent = "line\nbreak"
	err := c.Validate()
	want := []string{
		"user_agent: must not contain control characters",
		"sources[15].board: kind greenhouse requires board",
		"sources[16].board: key board does not apply to kind lever",
		`sources[16].schedule: invalid schedule "@yearly-ish": unrecognized descriptor: @yearly-ish (want 5 cron fields such as "0 */6 * * *" or a descriptor such as "@every 6h" or "@daily")`,
	}
	if err == nil {
		t.Fatal("Validate succeeded")
	}
	if got := strings.Split(err.Error(), "\n"); !slices.Equal(got, want) {
		t.Errorf("got\n%v\nwant\n%s", err, strings.Join(want, "\n"))
	}
	if !errors.Is(err, config.ErrInvalid) {
		t.Error("not ErrInvalid")
	}
}

func TestDefaultDatabasePath(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	tests := []struct {
		name, xdg, want string
	}{
		{"set", "/srv/data", "/srv/data/jobstats/jobstats.db"},
		{"unset", "", filepath.Join(home, ".local/share/jobstats/jobstats.db")},
		{"relative is ignored", "data", filepath.Join(home, ".local/share/jobstats/jobstats.db")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("XDG_DATA_HOME", tt.xdg)
			if tt.xdg == "" {
				os.Unsetenv("XDG_DATA_HOME") // restored by t.Setenv's cleanup
			}
			if got := config.DefaultDatabasePath(); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			if got := config.Default().Database; got != tt.want {
				t.Errorf("Default().Database = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestDatabaseTilde(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	c, err := config.Parse("j.yaml", []byte("database: ~/jobs/j.db\n"))
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(home, "jobs/j.db"); c.Database != want {
		t.Errorf("database = %q, want %q", c.Database, want)
	}
}

func TestExampleFileLoads(t *testing.T) {
	c, err := config.Load("../jobstats.example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if def := config.Default(); !reflect.DeepEqual(c, def) {
		t.Errorf("jobstats.example.yaml differs from Default():\n got %+v\nwant %+v", c, def)
	}
}

func TestLoadMissingFile(t *testing.T) {
	_, err := config.Load(filepath.Join(t.TempDir(), "none.yaml"))
	if !errors.Is(err, fs.ErrNotExist) || errors.Is(err, config.ErrInvalid) {
		t.Errorf("got %v, want fs.ErrNotExist and not ErrInvalid", err)
	}
	if err != nil && !strings.HasPrefix(err.Error(), "load config: ") {
		t.Errorf("got %q, want it to name the operation", err)
	}
}

func TestParseRate(t *testing.T) {
	tests := []struct {
		in       string
		n        int
		per      time.Duration
		interval time.Duration
		str      string
		fail     bool
	}{
		{in: "2/min", n: 2, per: time.Minute, interval: 30 * time.Second, str: "2/min"},
		{in: "10/s", n: 10, per: time.Second, interval: 100 * time.Millisecond, str: "10/s"},
		{in: "100/h", n: 100, per: time.Hour, interval: 36 * time.Second, str: "100/h"},
		{in: "1/5s", n: 1, per: 5 * time.Second, interval: 5 * time.Second, str: "1/5s"},
		{in: "10/d", n: 10, per: 24 * time.Hour, interval: 144 * time.Minute, str: "10/d"},
		{in: "3 / minute", n: 3, per: time.Minute, interval: 20 * time.Second, str: "3/min"},
		{in: "1/1m30s", n: 1, per: 90 * time.Second, interval: 90 * time.Second, str: "1/1m30s"},
		{in: "500/day", n: 500, per: 24 * time.Hour, interval: 172800 * time.Millisecond, str: "500/d"},
		{in: "", str: ""},
		{in: "2", fail: true},
		{in: "0/s", fail: true},
		{in: "-1/s", fail: true},
		{in: "x/s", fail: true},
		{in: "1.5/s", fail: true},
		{in: "2/fortnight", fail: true},
		{in: "2/0s", fail: true},
		{in: "2/-1s", fail: true},
		{in: "2000000000/1ns", fail: true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			r, err := config.ParseRate(tt.in)
			if tt.fail {
				if err == nil {
					t.Errorf("ParseRate(%q) = %+v; want an error", tt.in, r)
				}
				return
			}
			if err != nil || r.N != tt.n || r.Per != tt.per || r.Interval() != tt.interval || r.String() != tt.str {
				t.Errorf("ParseRate(%q) = %+v (interval %v, %q), %v; want %d/%v (interval %v, %q)",
					tt.in, r, r.Interval(), r.String(), err, tt.n, tt.per, tt.interval, tt.str)
			}
		})
	}
}

// FuzzParseRate checks that ParseRate never panics, that every rate it
// accepts has a positive interval, and that String reads back the same.
func FuzzParseRate(f *testing.F) {
	for _, s := range []string{"2/min", "10/s", "1/5s", "10/d", "3 / minute", "1/1m30s", "0/s", "9999999999/ns", "1/-0s"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := config.ParseRate(s)
		if err != nil || r == (config.Rate{}) {
			return
		}
		if r.Interval() <= 0 {
			t.Fatalf("ParseRate(%q) = %+v with interval %v", s, r, r.Interval())
		}
		back, err := config.ParseRate(r.String())
		if err != nil || back != r {
			t.Fatalf("ParseRate(%q) = %+v; String %q reads back as %+v, %v", s, r, r.String(), back, err)
		}
	})
}

func TestPoliteness(t *testing.T) {
	zero, two := 0, 2
	tests := []struct {
		name string
		src  config.Source
		want config.Politeness
		err  string
	}{
		{name: "defaults", src: config.Source{Kind: "greenhouse"}, want: config.Politeness{
			Parallelism: config.DefaultParallelism, Timeout: config.DefaultTimeout,
			MaxBodySize: config.DefaultMaxBodySize, Retries: config.DefaultRetries, MaxPages: config.DefaultMaxPages}},
		{name: "rate wins over a shorter delay", src: config.Source{Rate: "1/5s", Delay: config.Duration(time.Second), Retries: &zero},
			want: config.Politeness{Parallelism: 4, Rate: config.Rate{N: 1, Per: 5 * time.Second}, Delay: time.Second,
				Interval: 5 * time.Second, Timeout: 30 * time.Second, MaxBodySize: 10 << 20, MaxPages: 1000}},
		{name: "delay wins over a faster rate", src: config.Source{Rate: "10/s", Delay: config.Duration(time.Second), Retries: &two,
			Parallelism: 2, Timeout: config.Duration(time.Second), MaxBodySize: 100, MaxPages: 3},
			want: config.Politeness{Parallelism: 2, Rate: config.Rate{N: 10, Per: time.Second}, Delay: time.Second,
				Interval: time.Second, Timeout: time.Second, MaxBodySize: 100, Retries: 2, MaxPages: 3}},
		{name: "bad rate", src: config.Source{Rate: "fast"}, err: `rate: invalid rate "fast"`},
		{name: "negative parallelism", src: config.Source{Parallelism: -1}, err: "parallelism -1 is negative"},
		{name: "negative retries", src: config.Source{Retries: new(-1)}, err: "retries -1 is negative"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.src.Politeness()
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Errorf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("Politeness() = %+v, %v; want %+v", got, err, tt.want)
			}
		})
	}
}

// TestDefaultsAgree checks that what ApplyDefaults writes into a source is
// what Politeness resolves for an empty one: one table of defaults.
func TestDefaultsAgree(t *testing.T) {
	for _, kind := range config.Kinds() {
		empty := config.Source{Kind: kind}
		filled := empty
		filled.ApplyDefaults()
		a, err1 := empty.Politeness()
		b, err2 := filled.Politeness()
		if err1 != nil || err2 != nil || a != b {
			t.Errorf("%s: Politeness of an empty source %+v (%v), after ApplyDefaults %+v (%v)", kind, a, err1, b, err2)
		}
	}
}

func TestKindKeys(t *testing.T) {
	tests := []struct {
		kind          string
		required, opt []string
	}{
		{"jsonld", nil, []string{"start_urls", "sitemaps", "robots_sitemaps", "follow", "allowed_domains"}},
		{"greenhouse", []string{"board"}, []string{"base_url"}},
		{"lever", []string{"site"}, []string{"region", "base_url"}},
		{"ashby", []string{"board"}, []string{"base_url"}},
		{"smartrecruiters", []string{"company"}, []string{"base_url"}},
		{"workable", []string{"account"}, []string{"base_url"}},
		{"recruitee", []string{"company"}, []string{"base_url"}},
		{"personio", []string{"company"}, []string{"base_url"}},
		{"crackeddevs", []string{"api_key_env"}, []string{"base_url"}},
		{"hn", nil, []string{"thread", "base_url"}},
		{"remotive", nil, []string{"category", "search", "base_url"}},
		{"jobicy", nil, []string{"tag", "geo", "base_url"}},
		{"remoteok", nil, []string{"base_url"}},
		{"arbeitnow", nil, []string{"base_url"}},
		{"himalayas", nil, []string{"base_url"}},
		{"workday", []string{"url"}, []string{"tenant", "base_url"}},
		{"teamtailor", []string{"company"}, []string{"base_url"}},
		{"rss", []string{"url"}, []string{"base_url"}},
		{"workingnomads", nil, []string{"base_url"}},
		{"comeet", []string{"company_uid", "token_env"}, []string{"base_url"}},
		{"html", []string{"start_urls"}, []string{"allowed_domains", "next", "item", "link", "fields", "detail"}},
	}
	if len(tests) != len(config.Kinds()) {
		t.Errorf("table has %d kinds, Kinds() %d", len(tests), len(config.Kinds()))
	}
	for _, tt := range tests {
		t.Run(tt.kind, func(t *testing.T) {
			req, opt, ok := config.KindKeys(tt.kind)
			if !ok || !slices.Equal(req, tt.required) || !slices.Equal(opt, tt.opt) {
				t.Errorf("KindKeys(%q) = %v, %v, %v", tt.kind, req, opt, ok)
			}
		})
	}
	if _, _, ok := config.KindKeys("linkedin"); ok {
		t.Error("KindKeys(linkedin) ok")
	}
	req, _, _ := config.KindKeys("greenhouse")
	req[0] = "changed"
	if again, _, _ := config.KindKeys("greenhouse"); again[0] != "board" {
		t.Error("KindKeys returned the table's own slice")
	}
	if !slices.Contains(config.CommonKeys(), "schedule") {
		t.Error("CommonKeys lacks schedule")
	}
}

func TestSourceKeysAndValue(t *testing.T) {
	c, err := config.Parse("j.yaml", []byte(`
sources:
  - {name: a, kind: greenhouse, board: acme, schedule: "@every 6h", timeout: 1m, retries: 0}
  - {name: b, kind: jsonld, start_urls: ["https://x.example/"], follow: [a, b]}
`))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		src  config.Source
		keys []string
	}{
		{c.Sources[0], []string{"name", "kind", "timeout", "retries", "board"}},
		{c.Sources[1], []string{"name", "kind", "start_urls", "follow"}},
	}
	for _, tt := range tests {
		t.Run(tt.src.Name, func(t *testing.T) {
			if got := tt.src.Keys(); !slices.Equal(got, tt.keys) {
				t.Errorf("Keys() = %v, want %v", got, tt.keys)
			}
		})
	}
	values := []struct{ src, key, want string }{
		{"a", "timeout", "1m"}, {"a", "retries", "0"}, {"a", "board", "acme"},
		{"a", "run_on_start", "false"}, {"a", "max_body_size", "10485760"},
		{"b", "follow", "a, b"}, {"b", "allowed_domains", "x.example"},
	}
	for _, v := range values {
		s, _ := c.Source(v.src)
		if got, ok := s.Value(v.key); !ok || got != v.want {
			t.Errorf("%s.Value(%q) = %q, %v; want %q", v.src, v.key, got, ok, v.want)
		}
	}
	if _, ok := c.Sources[0].Value("nope"); ok {
		t.Error(`Value("nope") ok`)
	}
}

func TestDurationString(t *testing.T) {
	for d, want := range map[time.Duration]string{
		0: "0s", 6 * time.Hour: "6h", 90 * time.Minute: "1h30m", 90 * time.Second: "1m30s",
		500 * time.Millisecond: "500ms", time.Hour + time.Second: "1h0m1s",
	} {
		if got := config.Duration(d).String(); got != want {
			t.Errorf("Duration(%v).String() = %q, want %q", d, got, want)
		}
	}
}

func TestAliasBomb(t *testing.T) {
	// Each level merges ten copies of the one before: 10^30 values if expanded.
	var b strings.Builder
	b.WriteString("sources:\n  - name: a\n    kind: remoteok\n    <<: &l0 {rate: 1/s}\n")
	for i := 1; i <= 30; i++ {
		prev := "*l" + strconv.Itoa(i-1)
		fmt.Fprintf(&b, "  - name: n%d\n    kind: remoteok\n    <<: &l%d {<<: [%s]}\n",
			i, i, strings.Join(slices.Repeat([]string{prev}, 10), ", "))
	}
	_, err := config.Parse("j.yaml", []byte(b.String()))
	if err == nil || !strings.Contains(err.Error(), "too many values") {
		t.Errorf("got %v, want the expansion capped", err)
	}
}

func FuzzParse(f *testing.F) {
	for _, name := range []string{"testdata/full.yaml", "../jobstats.example.yaml"} {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("sources:\n  - {name: a, kind: remoteok, schedule: 'TZ=UTC'}\n"))
	f.Add([]byte("a: &x [*x]\n"))
	f.Add([]byte("sources: [{<<: *x}]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := config.Parse("f.yaml", data)
		if err != nil {
			if !errors.Is(err, config.ErrInvalid) {
				t.Fatalf("error %v is not ErrInvalid", err)
			}
			return
		}
		if err := c.Validate(); err != nil {
			t.Fatalf("Parse accepted a config that Validate rejects: %v", err)
		}
	})
}

func TestLargeMalformed(t *testing.T) {
	// A flow mapping opened on line 1 and never closed: the line search
	// is bounded, and the error still names a line.
	data := "user_agent: {a: b,\n" + strings.Repeat("c: d,\n", 20000) + "- x\n"
	_, err := config.Parse("j.yaml", []byte(data))
	var e *config.Error
	if !errors.As(err, &e) || e.Line == 0 {
		t.Errorf("got %v, want an *Error with a line", err)
	}
}

func BenchmarkParseExample(b *testing.B) {
	data, err := os.ReadFile("../jobstats.example.yaml")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := config.Parse("jobstats.example.yaml", data); err != nil {
			b.Fatal(err)
		}
	}
}
