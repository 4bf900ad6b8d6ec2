package config

import (
	"errors"
	"fmt"
	"math"
	"net/url"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/jobstats/jobstats"
)

// kindKeys lists, per kind, the kind-specific keys it requires and those it
// takes optionally. Every kind also takes commonKeys.
var kindKeys = map[string]struct{ required, optional []string }{
	"jsonld":          {nil, []string{"start_urls", "sitemaps", "robots_sitemaps", "follow", "allowed_domains"}},
	"html":            {[]string{"start_urls"}, []string{"allowed_domains", "next", "item", "link", "fields", "detail"}},
	"greenhouse":      {[]string{"board"}, []string{"base_url"}},
	"lever":           {[]string{"site"}, []string{"region", "base_url"}},
	"ashby":           {[]string{"board"}, []string{"base_url"}},
	"smartrecruiters": {[]string{"company"}, []string{"base_url"}},
	"workable":        {[]string{"account"}, []string{"base_url"}},
	"recruitee":       {[]string{"company"}, []string{"base_url"}},
	"personio":        {[]string{"company"}, []string{"base_url"}},
	"remoteok":        {nil, []string{"base_url"}},
	"remotive":        {nil, []string{"category", "search", "base_url"}},
	"arbeitnow":       {nil, []string{"base_url"}},
	"himalayas":       {nil, []string{"base_url"}},
	"jobicy":          {nil, []string{"tag", "geo", "base_url"}},
	"crackeddevs":     {[]string{"api_key_env"}, []string{"base_url"}},
	"hn":              {nil, []string{"thread", "base_url"}},
	"workday":         {[]string{"url"}, []string{"tenant", "base_url"}},
	"teamtailor":      {[]string{"company"}, []string{"base_url"}},
	"rss":             {[]string{"url"}, []string{"base_url"}},
	"workingnomads":   {nil, []string{"base_url"}},
	"comeet":          {[]string{"company_uid", "token_env"}, []string{"base_url"}},
}

// commonKeys are the keys every kind takes.
var commonKeys = []string{
	"name", "kind", "schedule", "jitter", "run_on_start", "disabled",
	"parallelism", "delay", "rate", "timeout", "max_body_size", "retries",
	"max_pages", "close_after", "company_name",
}

// Kinds returns every source kind a configuration may name, sorted.
func Kinds() []string {
	var ks []string
	for k := range kindKeys {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

// KindKeys returns the kind-specific keys a source of kind must set and
// those it may set; ok is false for an unknown kind. Every kind also takes
// the keys of CommonKeys; a kind-specific key of another kind is an error.
// The slices are the caller's.
func KindKeys(kind string) (required, optional []string, ok bool) {
	k, ok := kindKeys[kind]
	return slices.Clone(k.required), slices.Clone(k.optional), ok
}

// CommonKeys returns the keys every kind takes: name and kind (required),
// schedule, jitter, run_on_start, disabled, the politeness settings,
// max_pages, close_after and company_name.
func CommonKeys() []string { return slices.Clone(commonKeys) }

// Validate checks c and returns every problem as an *Error (joined with
// errors.Join), each matching ErrInvalid. A zero value where a default
// exists (a source's schedule, parallelism, timeout, max_body_size,
// max_pages) is valid: ApplyDefaults fills it. Errors from Validate name
// the setting but no line; Load's name the line as well.
func (c *Config) Validate() error {
	v := &validator{}
	v.config(c)
	if len(v.errs) == 0 {
		return nil
	}
	errs := make([]error, len(v.errs))
	for i, e := range v.errs {
		errs[i] = e
	}
	return errors.Join(errs...)
}

// validator checks a Config, placing errors by the positions recorded when
// it was decoded (none for a Config built in code).
type validator struct {
	pos  map[string]position
	errs []*Error
}

// at returns the position of field, or of the nearest setting holding it.
func (v *validator) at(field string) position {
	for f := field; f != ""; f = parent(f) {
		if p, ok := v.pos[f]; ok {
			return p
		}
	}
	return position{}
}

func (v *validator) errorf(field, format string, args ...any) {
	v.errs = append(v.errs, errorf(field, v.at(field), format, args...))
}

var (
	currencyCode = regexp.MustCompile(`^[A-Z]{3}$`)
	sourceName   = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)
	envName      = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
	threadID     = regexp.MustCompile(`^[0-9]+$`)
)

func (v *validator) config(c *Config) {
	if strings.TrimSpace(c.Database) == "" {
		v.errorf("database", "must name the database file")
	} else if strings.ContainsRune(c.Database, 0) {
		v.errorf("database", "must not contain a NUL byte")
	}
	if strings.TrimSpace(c.UserAgent) == "" {
		v.errorf("user_agent", "must not be empty: sites want to know who is crawling")
	} else if strings.ContainsFunc(c.UserAgent, isControl) {
		v.errorf("user_agent", "must not contain control characters")
	}
	v.rates(c)
	v.annualization(c)
	b := c.PlausibleAnnual
	switch {
	case !finite(b.Min) || !finite(b.Max):
		v.errorf("plausible_annual", "min and max must be numbers")
	case b.Min < 0:
		v.errorf("plausible_annual.min", "must not be negative, got %v", b.Min)
	case b.Min >= b.Max:
		v.errorf("plausible_annual", "min (%v) must be less than max (%v)", b.Min, b.Max)
	}
	v.aliases(c.Roles.Aliases)
	if _, set := v.pos["lock_wait"]; c.LockWait < 0 || (set && c.LockWait == 0) {
		v.errorf("lock_wait", "must be positive, got %v (leave it out for the default %v)", c.LockWait, DefaultLockWait)
	}
	v.report(&c.Report)

	names := map[string]int{}
	for i := range c.Sources {
		s := &c.Sources[i]
		p := "sources[" + strconv.Itoa(i) + "]"
		if j, dup := names[s.Name]; dup && s.Name != "" {
			msg := fmt.Sprintf("%q is already used by sources[%d]", s.Name, j)
			if line := v.at(fmt.Sprintf("sources[%d]", j)).line; line > 0 {
				msg += fmt.Sprintf(" (line %d)", line)
			}
			v.errorf(p+".name", "%s", msg)
		} else {
			names[s.Name] = i
		}
		v.source(p, s)
	}
}

func (v *validator) rates(c *Config) {
	r := c.CurrencyRates
	if !currencyCode.MatchString(r.Base) {
		v.errorf("currency_rates.base", "%q is not an upper-case ISO 4217 code such as USD", r.Base)
	}
	codes := make([]string, 0, len(r.Rates))
	for code := range r.Rates {
		codes = append(codes, code)
	}
	slices.Sort(codes)
	for _, code := range codes {
		f := "currency_rates.rates." + code
		if !currencyCode.MatchString(code) {
			v.errorf(f, "%q is not an upper-case ISO 4217 code such as EUR", code)
		} else if x := r.Rates[code]; !(x > 0) || math.IsInf(x, 0) {
			v.errorf(f, "rate must be a positive number, got %v", x)
		}
	}
	field := "report_currency"
	if _, set := v.pos[field]; !set && v.pos != nil {
		if _, ratesSet := v.pos["currency_rates"]; ratesSet {
			field = "currency_rates" // the table is what changed
		}
	}
	switch {
	case !currencyCode.MatchString(c.ReportCurrency):
		v.errorf("report_currency", "%q is not an upper-case ISO 4217 code such as USD", c.ReportCurrency)
	case currencyCode.MatchString(r.Base):
		if _, ok := r.Convert(1, c.ReportCurrency, r.Base); !ok {
			v.errorf(field, "report currency %s has no rate in currency_rates (base %s)", c.ReportCurrency, r.Base)
		}
	}
}

func (v *validator) annualization(c *Config) {
	a := c.Annualization
	for _, f := range []struct {
		key string
		val float64
	}{{"hours", a.Hours}, {"days", a.Days}, {"weeks", a.Weeks}, {"months", a.Months}} {
		if !(f.val > 0) || math.IsInf(f.val, 0) {
			v.errorf("annualization."+f.key, "must be a positive number, got %v", f.val)
		}
	}
}

func (v *validator) aliases(aliases map[string]string) {
	keys := make([]string, 0, len(aliases))
	for k := range aliases {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		f := "roles.aliases." + k
		if strings.TrimSpace(k) == "" || strings.TrimSpace(aliases[k]) == "" {
			v.errorf(f, "role names must not be empty")
			continue
		}
		// Follow the chain; coming back to k is a cycle.
		cur := aliases[k]
		for range len(aliases) {
			if cur == k {
				v.errorf(f, "aliases loop back to %q", k)
				break
			}
			next, ok := aliases[cur]
			if !ok {
				break
			}
			cur = next
		}
	}
}

var countryCode = regexp.MustCompile(`^[A-Z]{2}$`)

// remoteGroups are the region groups a report.countries entry may name
// (jobstats.Remote* scopes that are not a country).
var remoteGroups = []string{jobstats.RemoteWorldwide, jobstats.RemoteEU, jobstats.RemoteEurope, jobstats.RemoteEMEA,
	jobstats.RemoteAmericas, jobstats.RemoteNorthAmerica, jobstats.RemoteLATAM, jobstats.RemoteAPAC}

// isGroup reports whether s names a region group, without regard to case.
func isGroup(s string) bool {
	return slices.ContainsFunc(remoteGroups, func(g string) bool { return strings.EqualFold(g, s) })
}

func (v *validator) report(r *Report) {
	for i, c := range r.Countries {
		f := fmt.Sprintf("report.countries[%d]", i)
		scope, remote := strings.CutPrefix(c, jobstats.MarketRemotePrefix)
		switch {
		case countryCode.MatchString(c), isGroup(c), strings.EqualFold(c, "unknown"):
		case remote && isGroup(scope):
		default:
			v.errorf(f, "%q is not a market: want an upper-case ISO 3166-1 alpha-2 code such as DE, a group (%s), remote: and a group (remote:worldwide), or unknown",
				c, strings.Join(remoteGroups, ", "))
		}
	}
	switch r.Workplace {
	case "", "any", "remote", "onsite": // "" (a Config built in code) is any
	default:
		v.errorf("report.workplace", "must be any, remote or onsite, got %q", r.Workplace)
	}
	for _, list := range []struct {
		key  string
		vals []string
	}{{"companies", r.Companies}, {"sources", r.Sources}, {"skills", r.Skills}} {
		for i, s := range list.vals {
			if strings.TrimSpace(s) == "" || strings.ContainsFunc(s, isControl) {
				v.errorf(fmt.Sprintf("report.%s[%d]", list.key, i), "must be a name, got %q", s)
			}
		}
	}
	for i, s := range r.Seniorities {
		if jobstats.Seniority(s).Rank() < 0 {
			var names []string
			for _, l := range jobstats.Seniorities {
				names = append(names, string(l))
			}
			v.errorf(fmt.Sprintf("report.seniorities[%d]", i), "unknown level %q: want one of %s", s, strings.Join(names, ", "))
		}
	}
	if r.PostedWithin < 0 {
		v.errorf("report.posted_within", "must not be negative, got %v", r.PostedWithin)
	}
	// 0 in a Config built in code means the default; in a file it is a
	// mistake.
	if _, set := v.pos["report.min_openings"]; r.MinOpenings < 0 || (r.MinOpenings == 0 && set) {
		v.errorf("report.min_openings", "must be at least 1, got %d", r.MinOpenings)
	}
}

// explicitZeros reports settings written as 0 in the file that ApplyDefaults
// would otherwise silently replace.
func (v *validator) explicitZeros(sources []Source) {
	for i, s := range sources {
		p := "sources[" + strconv.Itoa(i) + "]."
		for _, z := range []struct {
			key  string
			zero bool
			def  string
		}{
			{"parallelism", s.Parallelism == 0, strconv.Itoa(DefaultParallelism)},
			{"timeout", s.Timeout == 0, DefaultTimeout.String()},
			{"max_body_size", s.MaxBodySize == 0, "10MiB"},
			{"max_pages", s.MaxPages == 0, strconv.Itoa(DefaultMaxPages)},
			{"close_after", s.CloseAfter == 0, strconv.Itoa(DefaultCloseAfter)},
		} {
			if _, set := v.pos[p+z.key]; set && z.zero {
				v.errorf(p+z.key, "must be positive (leave it out for the default %s)", z.def)
			}
		}
	}
}

func (v *validator) source(p string, s *Source) {
	switch {
	case s.Name == "":
		v.errorf(p+".name", "is required")
	case !sourceName.MatchString(s.Name):
		v.errorf(p+".name", "%q may hold only letters, digits, - and _", s.Name)
	}
	k, known := kindKeys[s.Kind]
	switch {
	case s.Kind == "":
		v.errorf(p+".kind", "is required; one of %s", strings.Join(Kinds(), ", "))
	case !known:
		v.errorf(p+".kind", "unknown kind %q; want one of %s", s.Kind, strings.Join(Kinds(), ", "))
	default:
		set := s.setKeys()
		for _, key := range set {
			if !slices.Contains(commonKeys, key) && !slices.Contains(k.required, key) && !slices.Contains(k.optional, key) {
				v.errorf(p+"."+key, "key %s does not apply to kind %s", key, s.Kind)
			}
		}
		for _, key := range k.required {
			if !slices.Contains(set, key) {
				v.errorf(p+"."+key, "kind %s requires %s", s.Kind, key)
			}
		}
	}

	if s.Schedule != "" {
		if err := checkSchedule(s.Schedule); err != nil {
			v.errorf(p+".schedule", "invalid schedule %q: %v (want 5 cron fields such as \"0 */6 * * *\" or a descriptor such as \"@every 6h\" or \"@daily\")", s.Schedule, err)
		}
	}
	for _, d := range []struct {
		key string
		val Duration
	}{{"jitter", s.Jitter}, {"delay", s.Delay}, {"timeout", s.Timeout}} {
		if d.val < 0 {
			v.errorf(p+"."+d.key, "must not be negative, got %v", d.val)
		}
	}
	if _, err := ParseRate(s.Rate); err != nil {
		v.errorf(p+".rate", "%v", err)
	}
	if s.Parallelism < 0 || s.Parallelism > MaxParallelism {
		v.errorf(p+".parallelism", "must be between 1 and %d, got %d", MaxParallelism, s.Parallelism)
	}
	if s.MaxBodySize < 0 {
		v.errorf(p+".max_body_size", "must be positive, got %d", s.MaxBodySize)
	}
	if s.MaxPages < 0 {
		v.errorf(p+".max_pages", "must be positive, got %d", s.MaxPages)
	}
	if s.CloseAfter < 0 || s.CloseAfter > MaxCloseAfter {
		v.errorf(p+".close_after", "must be between 1 and %d, got %d", MaxCloseAfter, s.CloseAfter)
	}
	if s.Retries != nil && *s.Retries < 0 {
		v.errorf(p+".retries", "must not be negative, got %d", *s.Retries)
	}
	if s.BaseURL != "" {
		if err := checkURL(s.BaseURL); err != nil {
			v.errorf(p+".base_url", "%v", err)
		}
	}
	for j, u := range s.StartURLs {
		if err := checkURL(u); err != nil {
			v.errorf(fmt.Sprintf("%s.start_urls[%d]", p, j), "%v", err)
		}
	}
	for j, u := range s.Sitemaps {
		if err := checkURL(u); err != nil {
			v.errorf(fmt.Sprintf("%s.sitemaps[%d]", p, j), "%v", err)
		}
	}
	if s.Kind == "jsonld" && len(s.StartURLs) == 0 && len(s.Sitemaps) == 0 {
		if s.RobotsSitemaps {
			v.errorf(p+".robots_sitemaps", "robots_sitemaps reads the robots.txt of the hosts of start_urls and sitemaps: set one of them")
		} else {
			v.errorf(p+".start_urls", "kind jsonld requires start_urls, sitemaps, or both")
		}
	}
	for j, re := range s.Follow {
		if _, err := regexp.Compile(re); err != nil {
			v.errorf(fmt.Sprintf("%s.follow[%d]", p, j), "invalid regular expression: %v", err)
		}
	}
	for j, d := range s.AllowedDomains {
		if d == "" || strings.ContainsAny(d, "/?#@ \t") || strings.ContainsFunc(d, isControl) {
			v.errorf(fmt.Sprintf("%s.allowed_domains[%d]", p, j), "%q is not a host name such as example.com", d)
		}
	}
	for _, slug := range []struct{ key, val string }{
		{"board", s.Board}, {"site", s.Site}, {"company", s.Company}, {"account", s.Account},
		{"tenant", s.Tenant}, {"company_uid", s.CompanyUID},
	} {
		if slug.val != "" && (strings.ContainsAny(slug.val, "/?#") || strings.ContainsFunc(slug.val, isControl) ||
			strings.TrimSpace(slug.val) != slug.val) {
			v.errorf(p+"."+slug.key, "%q is not a %s name as it appears in the board's URL", slug.val, slug.key)
		}
	}
	if s.Region != "" && s.Region != "us" && s.Region != "eu" {
		v.errorf(p+".region", "must be us or eu, got %q", s.Region)
	}
	if s.Thread != "" && s.Thread != "latest" && !threadID.MatchString(s.Thread) {
		v.errorf(p+".thread", "must be \"latest\" or a Hacker News item id, got %q", s.Thread)
	}
	if s.APIKeyEnv != "" && !envName.MatchString(s.APIKeyEnv) {
		v.errorf(p+".api_key_env", "%q is not an environment variable name; name the variable that holds the key, not the key", s.APIKeyEnv)
	}
	v.html(p, s)
	if s.TokenEnv != "" && !envName.MatchString(s.TokenEnv) {
		v.errorf(p+".token_env", "%q is not an environment variable name; name the variable that holds the token, not the token", s.TokenEnv)
	}
	if s.URL != "" {
		if err := checkURL(s.URL); err != nil {
			v.errorf(p+".url", "%v", err)
		} else if s.Kind == "workday" {
			if _, err := ParseWorkdayURL(s.URL, s.Tenant); err != nil {
				v.errorf(p+".url", "%v", err)
			}
		}
	}
}

// checkSchedule parses spec as the daemon will (cron.ParseStandard),
// guarding against the parser's panic on a bare "TZ=" prefix.
func checkSchedule(spec string) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("unparseable: %v", r)
		}
	}()
	if (strings.HasPrefix(spec, "TZ=") || strings.HasPrefix(spec, "CRON_TZ=")) && !strings.Contains(spec, " ") {
		return errors.New("a time zone must be followed by a schedule")
	}
	if _, err := cron.ParseStandard(spec); err != nil {
		return err
	}
	if rest, ok := strings.CutPrefix(spec, "@every "); ok {
		if d, err := time.ParseDuration(rest); err == nil && d < time.Second {
			return errors.New("the interval must be at least 1s")
		}
	}
	return nil
}

// checkURL requires an absolute http or https URL with a host.
func checkURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Errorf("invalid URL %q", raw)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("%q is not an absolute http or https URL", raw)
	}
	return nil
}

func isControl(r rune) bool { return r < 0x20 || r == 0x7f }

func finite(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }

// setKeys returns the yaml keys of s's fields that hold a non-zero value,
// in field order.
func (s *Source) setKeys() []string {
	keys, index := structFields(reflect.TypeFor[Source]())
	v := reflect.ValueOf(s).Elem()
	var set []string
	for _, k := range keys {
		if !v.Field(index[k]).IsZero() {
			set = append(set, k)
		}
	}
	return set
}
