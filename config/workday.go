package config

import (
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
)

// WorkdaySite is a Workday careers site, read from the address a browser
// shows by ParseWorkdayURL. The source kind workday, its validation and
// `jobstats sources discover` all read the address with it, so that they
// cannot disagree.
type WorkdaySite struct {
	// Origin is the scheme and host, "https://acme.wd5.myworkdayjobs.com".
	Origin string
	// Tenant is the company's name in the API path, "acme".
	Tenant string
	// Site is the careers site's name, "External_Careers".
	Site string
	// Home is the site as a browser shows it, without a trailing slash:
	// Origin, the locale when the address had one, and the site
	// ("https://acme.wd5.myworkdayjobs.com/en-US/External_Careers"). A
	// posting's externalPath appended to it is the posting's page.
	Home string
}

// API returns the address of the site's jobs API under base (Origin when
// base is ""): base + "/wday/cxs/{tenant}/{site}". The list of postings is
// API + "/jobs", a posting's detail API + its externalPath.
func (w WorkdaySite) API(base string) string {
	if base == "" {
		base = w.Origin
	}
	return strings.TrimRight(base, "/") + "/wday/cxs/" + url.PathEscape(w.Tenant) + "/" + url.PathEscape(w.Site)
}

// workdayLocale matches the locale segment Workday puts before the site
// ("en-US", "fr-CA", "de").
var workdayLocale = regexp.MustCompile(`^[a-z]{2}(-[A-Z]{2})?$`)

// workdayName is what a tenant or site name may hold.
var workdayName = regexp.MustCompile(`^[A-Za-z0-9_.-]+$`)

// ParseWorkdayURL reads the address of a Workday careers site as a browser
// shows it, in either of Workday's two forms:
//
//	https://{tenant}.wd{N}.myworkdayjobs.com[/{locale}]/{site}[/...]
//	https://wd{N}.myworkdaysite.com[/{locale}]/recruiting/{tenant}/{site}[/...]
//
// A path after the site (a posting's "/job/..." page) is ignored. tenant,
// when not empty, overrides the tenant the host implies; it is required on
// any other host (a mirror, a test server), where the path is
// [/{locale}]/{site}. It fails with a message that says what is missing.
func ParseWorkdayURL(raw, tenant string) (WorkdaySite, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return WorkdaySite{}, fmt.Errorf("%q is not an absolute http or https URL", raw)
	}
	host := strings.ToLower(u.Hostname())
	var segs []string
	for _, s := range strings.Split(u.Path, "/") {
		if s != "" {
			segs = append(segs, s)
		}
	}
	home := []string{}
	if len(segs) > 0 && workdayLocale.MatchString(segs[0]) {
		home, segs = append(home, segs[0]), segs[1:]
	}
	var w WorkdaySite
	w.Origin = u.Scheme + "://" + strings.ToLower(u.Host)
	switch {
	case strings.HasSuffix(host, ".myworkdaysite.com") || host == "myworkdaysite.com":
		if len(segs) < 3 || segs[0] != "recruiting" {
			return WorkdaySite{}, fmt.Errorf("%q: want https://wdN.myworkdaysite.com/recruiting/{tenant}/{site}", raw)
		}
		w.Tenant, w.Site = segs[1], segs[2]
		home = append(home, segs[0], segs[1], segs[2])
	default:
		if len(segs) == 0 {
			return WorkdaySite{}, fmt.Errorf("%q names no careers site: want https://{tenant}.wdN.myworkdayjobs.com/{site}", raw)
		}
		w.Site = segs[0]
		home = append(home, segs[0])
		if isWorkdayHost(host) {
			w.Tenant, _, _ = strings.Cut(host, ".")
		}
	}
	if t := strings.TrimSpace(tenant); t != "" {
		w.Tenant = t
	}
	switch {
	case w.Tenant == "":
		return WorkdaySite{}, errors.New("set tenant: the host " + host + " is not Workday's own (*.myworkdayjobs.com), so it does not name the tenant")
	case !workdayName.MatchString(w.Tenant):
		return WorkdaySite{}, fmt.Errorf("tenant %q may hold only letters, digits, '.', '-' and '_'", w.Tenant)
	case !workdayName.MatchString(w.Site):
		return WorkdaySite{}, fmt.Errorf("%q: site %q may hold only letters, digits, '.', '-' and '_'", raw, w.Site)
	}
	w.Home = w.Origin + "/" + strings.Join(home, "/")
	return w, nil
}

// isWorkdayHost reports whether host is a tenant's own host on Workday
// (acme.wd5.myworkdayjobs.com, acme.myworkdayjobs.com,
// acme.wd1.myworkdayjobs-impl.com), not a bare pod (wd5.myworkdayjobs.com).
func isWorkdayHost(host string) bool {
	for _, d := range []string{".myworkdayjobs.com", ".myworkdayjobs-impl.com"} {
		if rest, ok := strings.CutSuffix(host, d); ok && rest != "" {
			first, _, _ := strings.Cut(rest, ".")
			return !workdayPod.MatchString(first)
		}
	}
	return false
}

// workdayPod matches the data-center label of a Workday host ("wd5").
var workdayPod = regexp.MustCompile(`^wd[0-9]+$`)
