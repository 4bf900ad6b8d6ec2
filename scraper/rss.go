package scraper

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/config"
)

// feedSource crawls a job feed (RSS 2.0 or 1.0, Atom or JSON Feed) and the
// pages it links as next (JSON Feed next_url, Atom rel="next"). It is the
// rss kind, and the teamtailor kind with Teamtailor's address.
type feedSource struct {
	src     config.Source
	opts    Options
	fetch   string // the first page's address, base_url applied
	mapping feedMapping
}

func newRSS(src config.Source, opts Options) (Source, error) {
	public, err := url.Parse(strings.TrimSpace(src.URL))
	if err != nil || (public.Scheme != "http" && public.Scheme != "https") || public.Host == "" {
		return nil, fmt.Errorf("rss: url %q is not an absolute http(s) URL", src.URL)
	}
	fetch := public.String()
	if b := strings.TrimSpace(src.BaseURL); b != "" {
		// base_url replaces the scheme and host: a mirror of the feed.
		fetch = strings.TrimRight(b, "/") + public.RequestURI()
	}
	return &feedSource{src: src, opts: opts, fetch: fetch, mapping: feedMapping{
		src: src, base: public, splitTitle: true,
	}}, nil
}

func newTeamtailor(src config.Source, opts Options) (Source, error) {
	company := strings.TrimSpace(src.Company)
	if company == "" {
		return nil, errors.New("teamtailor: company is required")
	}
	if strings.ContainsAny(company, "/.:?#@ ") {
		return nil, fmt.Errorf("teamtailor: company %q is not a subdomain", company)
	}
	// base_url replaces https://{company}.teamtailor.com.
	home := "https://" + url.PathEscape(company) + ".teamtailor.com"
	public, _ := url.Parse(home + "/jobs.json")
	return &feedSource{src: src, opts: opts, fetch: baseURL(src, home) + "/jobs.json", mapping: feedMapping{
		src: src, base: public, company: titleSlug(company),
	}}, nil
}

// Crawl fetches the feed, conditionally, and every next page it names up
// to max_pages; see crawlPaged for when it stops and what it counts. On a
// teamtailor feed the employer is the posting's hiringOrganization, else
// the feed's title, else the company key title-cased.
func (s *feedSource) Crawl(ctx context.Context, sink Sink) (Stats, error) {
	f, err := newFetcher(s.src, s.opts)
	if err != nil {
		return Stats{}, err
	}
	hdr := http.Header{}
	hdr.Set("Accept", "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, application/json;q=0.9, */*;q=0.5")
	return crawlPaged(ctx, f, s.src, s.fetch, hdr, func(body []byte) ([]jobstats.Listing, int, string, error) {
		doc, err := parseFeed(body)
		if err != nil {
			return nil, 0, "", err
		}
		m := s.mapping
		if s.src.Kind == "teamtailor" && doc.Title != "" {
			m.company = doc.Title
		}
		ls, err := m.listings(doc)
		return ls, len(doc.Items), s.next(doc.Next), err
	}, sink)
}

// next resolves a feed's next page against the address the feed was
// fetched from, so that a mirror's pages stay on the mirror.
func (s *feedSource) next(next string) string {
	if next == "" {
		return ""
	}
	base, err := url.Parse(s.fetch)
	if err != nil {
		return ""
	}
	u, err := base.Parse(next)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return ""
	}
	if b := strings.TrimSpace(s.src.BaseURL); b != "" && u.Host == s.mapping.base.Host {
		return strings.TrimRight(b, "/") + u.RequestURI()
	}
	return u.String()
}
