package config

import (
	"time"

	"github.com/jobstats/jobstats"
)

// Config is the whole configuration of jobstats: plain data, loaded from a
// YAML file by Load, or built in by Default.
type Config struct {
	// Database is the bbolt file, or a postgres:// URL of a PostgreSQL
	// database; default $XDG_DATA_HOME/jobstats/jobstats.db.
	Database string `yaml:"database"`
	// UserAgent is sent with every request.
	UserAgent string `yaml:"user_agent"`
	// ReportCurrency is the ISO 4217 code statistics are reported in; default USD.
	ReportCurrency string `yaml:"report_currency"`
	// CurrencyRates converts pay into ReportCurrency; default jobstats.DefaultRates.
	CurrencyRates jobstats.Rates `yaml:"currency_rates"`
	// Annualization turns hourly, daily, weekly and monthly pay into yearly.
	Annualization jobstats.Annualization `yaml:"annualization"`
	// PlausibleAnnual is the band of annual pay, in USD-equivalent, outside
	// which a figure is flagged and left out of statistics; default 1,000 to 2,000,000.
	PlausibleAnnual Band `yaml:"plausible_annual"`
	// Roles controls role grouping.
	Roles Roles `yaml:"roles"`
	// Report holds the defaults of the report commands (stats report,
	// stats history, export stats, export listings): their filters, and
	// how the report is cut into pages. Their flags override them.
	Report Report `yaml:"report"`
	// LockWait is how long a crawl whose fetching has ended waits for the
	// database while other jobstats processes hold it (long exports and
	// reports), before it gives up and reports the listings it could not
	// store; default DefaultLockWait (10m). While it fetches, a crawl keeps
	// what it cannot store yet and never gives up.
	LockWait Duration `yaml:"lock_wait"`
	// Sources are crawled by `jobstats crawl` and the daemon.
	Sources []Source `yaml:"sources"`
}

// Band is a closed interval of annual amounts in whole units.
type Band struct {
	Min float64 `yaml:"min"`
	Max float64 `yaml:"max"`
}

// Roles controls how titles are grouped into roles.
type Roles struct {
	// Aliases maps a canonical role to the one it is merged into, e.g.
	// "Backend Developer": "Backend Engineer".
	Aliases map[string]string `yaml:"aliases"`
}

// Report holds the defaults of the report commands. A list left empty
// does not filter; a flag of the same name replaces the list.
type Report struct {
	// Countries keeps the listings of these markets: ISO 3166-1 alpha-2
	// codes ("US"), region groups ("EU", "EMEA", "APAC", ...: their
	// countries and their remote market), "remote:SCOPE" ("remote:worldwide")
	// and "unknown" (listings whose place is not known).
	Countries []string `yaml:"countries"`
	// Workplace is any (the default; "" in a Config built in code), remote
	// (fully remote only) or onsite (on-site, hybrid, or not stated).
	Workplace string `yaml:"workplace"`
	// Companies, Sources, Seniorities and Skills keep the listings of
	// these employers, sources, levels (intern ... principal) and skills.
	Companies   []string `yaml:"companies"`
	Sources     []string `yaml:"sources"`
	Seniorities []string `yaml:"seniorities"`
	Skills      []string `yaml:"skills"`
	// PostedWithin keeps the listings posted within this long before the
	// report ("30d", "720h"); 0 (the default) keeps all.
	PostedWithin Duration `yaml:"posted_within"`
	// MinOpenings is the fewest openings for which a market gets a page of
	// its own in the printed report; default DefaultMinOpenings (0 in a
	// Config built in code means the default; in a file it is an error).
	// Smaller markets stay in the role's markets table; exports give every
	// market its page.
	MinOpenings int `yaml:"min_openings"`
	// Pool gives each role one page for all its markets instead of one
	// per market; default false.
	Pool bool `yaml:"pool"`
}

// Source is one configured source. Name, Kind and Schedule are common to all
// kinds; the rest apply to the kinds named beside them, and a key set for a
// kind it does not apply to is an error.
//
// A zero value means the default (see ApplyDefaults), except for Retries,
// where nil means the default and 0 means no retries. KindKeys says which
// keys each kind takes.
type Source struct {
	// Name identifies the source in the database, logs and commands:
	// required, unique, letters, digits, - and _.
	Name string `yaml:"name"`
	// Kind is one of the kinds Kinds returns, e.g. "greenhouse"; required.
	Kind string `yaml:"kind"`
	// Schedule is when the daemon runs the source: a standard 5-field cron
	// spec or a descriptor such as "@every 6h" or "@daily", parsed by
	// cron.ParseStandard; default "@every 6h".
	Schedule string `yaml:"schedule"`
	// Jitter delays each scheduled run by a random duration up to this.
	Jitter Duration `yaml:"jitter"`
	// RunOnStart runs the source once when the daemon starts.
	RunOnStart bool `yaml:"run_on_start"`
	// Disabled sources are listed but never crawled.
	Disabled bool `yaml:"disabled"`

	// Politeness, all kinds.
	Parallelism int      `yaml:"parallelism"`   // requests in flight per host; default 4
	Delay       Duration `yaml:"delay"`         // between requests to a host; default 0
	Rate        string   `yaml:"rate"`          // request budget per host, "N/s", "N/min", "N/h", "N/d" or "N/5s" (see ParseRate, Politeness); default none
	Timeout     Duration `yaml:"timeout"`       // per request; default 30s
	MaxBodySize int64    `yaml:"max_body_size"` // bytes per response (YAML also takes "10MiB", "512KB"); default 10 MiB
	Retries     *int     `yaml:"retries"`       // on timeouts, 429 and 5xx; default 3

	// CompanyName is the employer's display name, for kinds whose API has
	// none (lever) or to override the API's; default: the API's name, else
	// the board, site or company key.
	CompanyName string `yaml:"company_name"`
	// MaxPages caps the pages (requests) one crawl fetches, all kinds;
	// default 1000. A crawl that reaches it has not seen the whole board,
	// and closes nothing.
	MaxPages int `yaml:"max_pages"`
	// CloseAfter is how many consecutive complete crawls must miss a
	// listing before it is closed; default DefaultCloseAfter (2), so that
	// a board that drops a job from one response does not move the figures.
	CloseAfter int `yaml:"close_after"`
	// BaseURL overrides the kind's default endpoint (tests, mirrors,
	// self-hosted); every kind but jsonld and html. For workday and rss it
	// replaces the scheme and host of url.
	BaseURL string `yaml:"base_url"`

	// jsonld, html
	StartURLs      []string `yaml:"start_urls"`
	Follow         []string `yaml:"follow"`          // jsonld: regular expressions over absolute URLs
	AllowedDomains []string `yaml:"allowed_domains"` // default: the hosts of start_urls (and sitemaps)
	// Sitemaps are, for jsonld, sitemaps (or sitemap indexes, gzipped or
	// not) that list the site's job pages; with RobotsSitemaps, the
	// Sitemap lines of the robots.txt of the hosts of start_urls and
	// sitemaps are read too. A job page whose lastmod has not changed since
	// it was last read is not fetched again.
	Sitemaps       []string `yaml:"sitemaps"`
	RobotsSitemaps bool     `yaml:"robots_sitemaps"`

	// html: CSS selectors (see HTMLFields). Next selects the links to the
	// next list pages; Item one element per job on a list page; Link each
	// job's own page (within the item when Item is set). Fields are read
	// within each item, Detail on each job's page.
	Next   string      `yaml:"next"`
	Item   string      `yaml:"item"`
	Link   string      `yaml:"link"`
	Fields *HTMLFields `yaml:"fields"`
	Detail *HTMLFields `yaml:"detail"`

	// greenhouse, ashby
	Board string `yaml:"board"`
	// lever
	Site   string `yaml:"site"`
	Region string `yaml:"region"` // us (default) or eu
	// smartrecruiters, recruitee, personio, teamtailor: the company's slug in the URL
	Company string `yaml:"company"`
	// workable
	Account string `yaml:"account"`
	// remotive
	Category string `yaml:"category"`
	Search   string `yaml:"search"`
	// jobicy
	Tag string `yaml:"tag"`
	Geo string `yaml:"geo"`
	// crackeddevs
	APIKeyEnv string `yaml:"api_key_env"`
	// hn
	Thread string `yaml:"thread"` // an item id, or "latest"

	// URL is, for workday, the careers site as a browser shows it
	// (https://{tenant}.wd{N}.myworkdayjobs.com[/{locale}]/{site}, see
	// ParseWorkdayURL); for rss, the feed (RSS 2.0, Atom or JSON Feed).
	URL string `yaml:"url"`
	// Tenant is, for workday, the tenant name in the API path; required on
	// hosts that are not Workday's own (mirrors, tests), else read from url.
	Tenant string `yaml:"tenant"`
	// CompanyUID is, for comeet, the company's uid ("F6.003").
	CompanyUID string `yaml:"company_uid"`
	// TokenEnv is, for comeet, the name of the environment variable that
	// holds the company's careers API token.
	TokenEnv string `yaml:"token_env"`
}

// Duration is a time.Duration written in YAML as "90s", "5m", "1h30m"; a
// malformed one is an *Error with its line.
type Duration time.Duration

// D returns the duration as a time.Duration.
func (d Duration) D() time.Duration { return time.Duration(d) }
