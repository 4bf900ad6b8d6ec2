package config

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/jobstats/jobstats"
)

// Built-in defaults. A zero value in a Source means the default below.
const (
	// DefaultUserAgent is sent when the configuration sets no user_agent.
	DefaultUserAgent = "jobstats/0.1 (+https://github.com/jobstats/jobstats)"
	// DefaultReportCurrency is the currency statistics are reported in.
	DefaultReportCurrency = "USD"
	// DefaultSchedule is a source's schedule when it sets none.
	DefaultSchedule = "@every 6h"
	// DefaultParallelism is how many requests a source keeps in flight per host.
	DefaultParallelism = 4
	// MaxParallelism is the largest parallelism allowed.
	MaxParallelism = 64
	// DefaultTimeout is the per-request timeout.
	DefaultTimeout = 30 * time.Second
	// DefaultMaxBodySize caps each response, in bytes (10 MiB).
	DefaultMaxBodySize = 10 << 20
	// DefaultRetries is how often a request is retried on a timeout, 429 or 5xx.
	DefaultRetries = 3
	// DefaultMaxPages caps the pages one crawl of a source fetches.
	DefaultMaxPages = 1000
	// DefaultCloseAfter is how many consecutive complete crawls must miss
	// a listing before it closes (jobstats.DefaultCloseAfter).
	DefaultCloseAfter = jobstats.DefaultCloseAfter
	// MaxCloseAfter is the largest close_after allowed.
	MaxCloseAfter = 100
	// DefaultLockWait is how long a finished crawl waits for a database
	// that other processes hold.
	DefaultLockWait = 10 * time.Minute
	// DefaultRegion is lever's region when it sets none.
	DefaultRegion = "us"
	// DefaultThread is hn's thread when it sets none: the newest "Who is hiring?".
	DefaultThread = "latest"
	// DefaultWorkplace is report.workplace when the file sets none: no filter.
	DefaultWorkplace = "any"
	// DefaultMinOpenings is report.min_openings when the file sets none: a
	// market needs as many openings for a page of its own as a median needs
	// salaries.
	DefaultMinOpenings = 5
)

// DefaultPlausibleAnnual is the default band of plausible annual pay.
var DefaultPlausibleAnnual = Band{Min: 1_000, Max: 2_000_000}

// DefaultDatabasePath returns $XDG_DATA_HOME/jobstats/jobstats.db, or
// ~/.local/share/jobstats/jobstats.db when XDG_DATA_HOME is unset or not
// absolute (as the XDG Base Directory specification says), or jobstats.db
// in the working directory when the home directory is unknown too.
func DefaultDatabasePath() string {
	if dir := os.Getenv("XDG_DATA_HOME"); dir != "" && filepath.IsAbs(dir) {
		return filepath.Join(dir, "jobstats", "jobstats.db")
	}
	home, err := os.UserHomeDir()
	if err != nil || home == "" {
		return "jobstats.db"
	}
	return filepath.Join(home, ".local", "share", "jobstats", "jobstats.db")
}

// Default returns the built-in configuration, used when there is no config
// file and as the base that Load overlays a file on: the database at
// DefaultDatabasePath, DefaultUserAgent, USD with jobstats.DefaultRates,
// jobstats.DefaultAnnualization, DefaultPlausibleAnnual, DefaultLockWait,
// report defaults that filter nothing (DefaultWorkplace, DefaultMinOpenings),
// and a set of real
// public sources (RemoteOK, Remotive, Arbeitnow, Himalayas, Jobicy, the
// latest Hacker News "Who is hiring?" thread and well-known company boards
// on Greenhouse, Lever and Ashby) with defaults applied. It is the same as
// jobstats.example.yaml in the repository, and it validates.
func Default() Config {
	c := Config{
		Database:        DefaultDatabasePath(),
		UserAgent:       DefaultUserAgent,
		ReportCurrency:  DefaultReportCurrency,
		CurrencyRates:   jobstats.DefaultRates(),
		Annualization:   jobstats.DefaultAnnualization(),
		PlausibleAnnual: DefaultPlausibleAnnual,
		Report:          Report{Workplace: DefaultWorkplace, MinOpenings: DefaultMinOpenings},
		LockWait:        Duration(DefaultLockWait),
		Sources:         defaultSources(),
	}
	for i := range c.Sources {
		c.Sources[i].ApplyDefaults()
	}
	return c
}

func defaultSources() []Source {
	const (
		m = Duration(time.Minute)
	)
	return []Source{
		// Job-board APIs. Remotive's terms ask for at most 2 requests a
		// minute and a few fetches a day.
		{Name: "remoteok", Kind: "remoteok", Schedule: "@every 6h", Jitter: 15 * m},
		{Name: "remotive", Kind: "remotive", Schedule: "@every 12h", Jitter: 30 * m, Rate: "2/min"},
		{Name: "arbeitnow", Kind: "arbeitnow", Schedule: "@every 6h", Jitter: 15 * m, Rate: "1/s"},
		{Name: "himalayas", Kind: "himalayas", Schedule: "@every 12h", Jitter: 30 * m, Rate: "1/s"},
		{Name: "jobicy", Kind: "jobicy", Schedule: "@every 12h", Jitter: 30 * m},
		{Name: "hn", Kind: "hn", Thread: "latest", Schedule: "@daily", Jitter: 60 * m, Rate: "1/s"},

		// Company boards on applicant-tracking systems: one request each.
		{Name: "gitlab", Kind: "greenhouse", Board: "gitlab", Schedule: "@daily", Jitter: 60 * m},
		{Name: "discord", Kind: "greenhouse", Board: "discord", Schedule: "@daily", Jitter: 60 * m},
		{Name: "honeycomb", Kind: "greenhouse", Board: "honeycomb", Schedule: "@daily", Jitter: 60 * m},
		{Name: "jumpcloud", Kind: "lever", Site: "jumpcloud", CompanyName: "JumpCloud", Schedule: "@daily", Jitter: 60 * m},
		{Name: "15five", Kind: "lever", Site: "15five", CompanyName: "15Five", Schedule: "@daily", Jitter: 60 * m},
		{Name: "matchgroup", Kind: "lever", Site: "matchgroup", CompanyName: "Match Group", Schedule: "@daily", Jitter: 60 * m},
		{Name: "ramp", Kind: "ashby", Board: "ramp", Schedule: "@daily", Jitter: 60 * m},
		{Name: "notion", Kind: "ashby", Board: "notion", Schedule: "@daily", Jitter: 60 * m},
		{Name: "linear", Kind: "ashby", Board: "linear", Schedule: "@daily", Jitter: 60 * m},
	}
}

// ApplyDefaults fills the settings s leaves at their zero value: schedule
// DefaultSchedule, parallelism DefaultParallelism, timeout DefaultTimeout,
// max_body_size DefaultMaxBodySize, retries DefaultRetries (an explicit 0
// stays 0), max_pages DefaultMaxPages, close_after DefaultCloseAfter; for
// lever, region DefaultRegion; for hn, thread DefaultThread; for jsonld and
// html, allowed_domains the hosts of start_urls and sitemaps. Jitter, delay
// and rate have no default (none). Load and
// Default call it for every source.
func (s *Source) ApplyDefaults() {
	if s.Schedule == "" {
		s.Schedule = DefaultSchedule
	}
	if s.Parallelism == 0 {
		s.Parallelism = DefaultParallelism
	}
	if s.Timeout == 0 {
		s.Timeout = Duration(DefaultTimeout)
	}
	if s.MaxBodySize == 0 {
		s.MaxBodySize = DefaultMaxBodySize
	}
	if s.Retries == nil {
		r := DefaultRetries
		s.Retries = &r
	}
	if s.MaxPages == 0 {
		s.MaxPages = DefaultMaxPages
	}
	if s.CloseAfter == 0 {
		s.CloseAfter = DefaultCloseAfter
	}
	switch s.Kind {
	case "lever":
		if s.Region == "" {
			s.Region = DefaultRegion
		}
	case "hn":
		if s.Thread == "" {
			s.Thread = DefaultThread
		}
	case "jsonld", "html":
		if len(s.AllowedDomains) == 0 {
			s.AllowedDomains = hostsOf(append(slices.Clip(s.StartURLs), s.Sitemaps...))
		}
	}
}

// hostsOf returns the distinct host names of the absolute URLs in urls.
func hostsOf(urls []string) []string {
	var hosts []string
	seen := map[string]bool{}
	for _, raw := range urls {
		u, err := url.Parse(raw)
		if err != nil || u.Hostname() == "" || seen[u.Hostname()] {
			continue
		}
		seen[u.Hostname()] = true
		hosts = append(hosts, u.Hostname())
	}
	return hosts
}

// Politeness is how a source treats the hosts it fetches from, with every
// default applied and the rate parsed: what the scraper enforces. Build it
// with Source.Politeness.
type Politeness struct {
	// Parallelism is the number of requests in flight per host.
	Parallelism int
	// Rate is the parsed rate setting; the zero Rate is no budget.
	Rate Rate
	// Delay is the delay setting.
	Delay time.Duration
	// Interval is the minimum spacing of two request starts to one host:
	// the larger of Rate.Interval() and Delay; 0 means none.
	Interval time.Duration
	// Timeout bounds one attempt of a request, its body included.
	Timeout time.Duration
	// MaxBodySize caps a response body, counted after decompression.
	MaxBodySize int64
	// Retries is how often a failed request is tried again; 0 is never.
	Retries int
	// MaxPages caps the pages one crawl fetches.
	MaxPages int
}

// Politeness returns the politeness settings of s, with the defaults of
// ApplyDefaults for the ones s leaves at zero (so a Source built in code
// gets the same defaults as a loaded one). It fails, naming the key, for a
// rate ParseRate rejects or a negative setting; Validate reports the same
// problems at load time.
func (s Source) Politeness() (Politeness, error) {
	s.ApplyDefaults()
	r, err := ParseRate(s.Rate)
	if err != nil {
		return Politeness{}, fmt.Errorf("rate: %w", err)
	}
	p := Politeness{
		Parallelism: s.Parallelism,
		Rate:        r,
		Delay:       s.Delay.D(),
		Timeout:     s.Timeout.D(),
		MaxBodySize: s.MaxBodySize,
		Retries:     *s.Retries,
		MaxPages:    s.MaxPages,
	}
	switch {
	case p.Parallelism < 0:
		return Politeness{}, fmt.Errorf("parallelism %d is negative", p.Parallelism)
	case p.Delay < 0:
		return Politeness{}, fmt.Errorf("delay %v is negative", p.Delay)
	case p.Timeout < 0:
		return Politeness{}, fmt.Errorf("timeout %v is negative", p.Timeout)
	case p.MaxBodySize < 0:
		return Politeness{}, fmt.Errorf("max_body_size %d is negative", p.MaxBodySize)
	case p.Retries < 0:
		return Politeness{}, fmt.Errorf("retries %d is negative", p.Retries)
	case p.MaxPages < 0:
		return Politeness{}, fmt.Errorf("max_pages %d is negative", p.MaxPages)
	}
	p.Interval = max(r.Interval(), p.Delay)
	return p, nil
}
