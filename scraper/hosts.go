package scraper

import (
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/jobstats/jobstats/config"
)

// Hosts returns the hosts a crawl of src sends its requests to, sorted, as
// lower-case host names with the port when it is not the scheme's default
// ("boards-api.greenhouse.io", "acme.wd5.myworkdayjobs.com",
// "127.0.0.1:8081"): for the API kinds the host of the kind's endpoint
// with base_url applied (each company's own host for workday, recruitee,
// personio and teamtailor, the feed's for rss), for jsonld and html those
// of start_urls and sitemaps and the allowed_domains beside them. Workers
// that share a database each take a lock per host, so that one host is
// crawled by one run at a time. It fails for a source New rejects.
func Hosts(src config.Source) ([]string, error) {
	s, err := New(src, Options{})
	if err != nil {
		return nil, err
	}
	hs, ok := s.(hoster)
	if !ok {
		return nil, fmt.Errorf("source %s: kind %s does not say which hosts it crawls", src.Name, src.Kind)
	}
	var out []string
	for _, raw := range hs.endpoints() {
		if h := lockHost(raw); h != "" {
			out = append(out, h)
		}
	}
	if c, ok := s.(interface{ allowedDomains() []string }); ok {
		// A bare domain that is the host of an address above is that host.
		named := map[string]bool{}
		for _, raw := range hs.endpoints() {
			if u, err := url.Parse(raw); err == nil {
				named[strings.ToLower(u.Hostname())] = true
			}
		}
		for _, d := range c.allowedDomains() {
			if !named[d] {
				out = append(out, d)
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

// hoster is implemented by every kind: the addresses a crawl starts from.
type hoster interface {
	endpoints() []string
}

// lockHost returns the lower-case host of an absolute URL, its port
// dropped when it is the scheme's default; "" when raw is not one.
func lockHost(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" {
		return ""
	}
	host, port := strings.ToLower(u.Hostname()), u.Port()
	if port == "" || (u.Scheme == "http" && port == "80") || (u.Scheme == "https" && port == "443") {
		return host
	}
	return host + ":" + port
}

func (p *onePage) endpoints() []string         { return []string{p.url} }
func (l *lever) endpoints() []string           { return []string{l.base} }
func (s *smartRecruiters) endpoints() []string { return []string{s.base} }
func (p *personio) endpoints() []string        { return []string{p.base} }
func (a *arbeitnow) endpoints() []string       { return []string{a.base} }
func (h *himalayas) endpoints() []string       { return []string{h.base} }
func (c *crackedDevs) endpoints() []string     { return []string{c.url} }
func (h *hn) endpoints() []string              { return []string{h.base} }
func (w *workday) endpoints() []string         { return []string{w.api} }
func (c *comeet) endpoints() []string          { return []string{c.url} }
func (s *feedSource) endpoints() []string      { return []string{s.fetch} }

func (s *jsonldSource) endpoints() []string {
	out := slices.Clone(s.src.Sitemaps)
	for _, u := range s.starts {
		out = append(out, u.String())
	}
	return out
}

func (s *jsonldSource) allowedDomains() []string { return s.allowed }

func (s *htmlSource) endpoints() []string      { return s.starts }
func (s *htmlSource) allowedDomains() []string { return s.allowed }
