package config

import (
	"time"

	"github.com/jobstats/jobstats"
)

// Config is the whole configuration of jobstats: plain data, loaded from a
// YAML file by Load, or built in by Default.
type Config struct {
	// Database is the bbolt file; default $XDG_DATA_HOME/jobstats/jobstats.db.
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
	// default 1000.
	MaxPages int `yaml:"max_pages"`
	// BaseURL overrides the kind's default endpoint (tests, mirrors,
	// self-hosted); every kind but jsonld.
	BaseURL string `yaml:"base_url"`

	// jsonld
	StartURLs      []string `yaml:"start_urls"`
	Follow         []string `yaml:"follow"`          // regular expressions over absolute URLs
	AllowedDomains []string `yaml:"allowed_domains"` // default: the hosts of start_urls

	// greenhouse, ashby
	Board string `yaml:"board"`
	// lever
	Site   string `yaml:"site"`
	Region string `yaml:"region"` // us (default) or eu
	// smartrecruiters, recruitee, personio: the company's slug in the URL
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
}

// Duration is a time.Duration written in YAML as "90s", "5m", "1h30m"; a
// malformed one is an *Error with its line.
type Duration time.Duration

// D returns the duration as a time.Duration.
func (d Duration) D() time.Duration { return time.Duration(d) }
