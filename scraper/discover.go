package scraper

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strings"

	"github.com/jobstats/jobstats/config"
)

// Discovery is what Discover found behind one career page.
type Discovery struct {
	// URL is the page as given; Final is where it led after redirects,
	// "" when it was not fetched (its address named the board).
	URL, Final string
	// Board names the system for people ("Greenhouse", "JSON-LD pages");
	// "" when none was found.
	Board string
	// Source is a source entry that crawls it, named after the company;
	// its Kind is "" when no board was found.
	Source config.Source
	// Evidence says how the board was found, or, when none was, what was
	// looked at.
	Evidence string
	// Notes are what is left to the user (an environment variable to set,
	// a follow expression to check).
	Notes []string
}

// Found reports whether a board was found.
func (d Discovery) Found() bool { return d.Source.Kind != "" }

// maxProbes is how many job-like links of a page Discover opens to look
// for JSON-LD (and boards) when the page itself shows none.
const maxProbes = 3

// boardStop is a RoundTripper that does not send requests to job-board
// addresses: a redirect to a board tells the board by its address, and
// the board's page need not be fetched. It answers them itself with an
// empty 200, so that the address is where the request ended.
type boardStop struct{ next http.RoundTripper }

// RoundTrip answers a request to a job board's address with an empty 200
// and sends others on.
func (b boardStop) RoundTrip(req *http.Request) (*http.Response, error) {
	if _, ok := boardFromURL(req.URL); ok {
		return &http.Response{
			Status: "200 OK", StatusCode: http.StatusOK, Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
			Header: http.Header{}, Body: http.NoBody, Request: req,
		}, nil
	}
	next := b.next
	if next == nil {
		next = http.DefaultTransport
	}
	return next.RoundTrip(req)
}

// Discover finds the job board behind a company's career page and a
// source entry that crawls it. It recognises Greenhouse, Lever, Ashby,
// Workday, SmartRecruiters, Workable, Recruitee, Personio, Teamtailor and
// Comeet from the address itself, the redirects it leads through, and the
// links, iframes and scripts of the page; failing those, schema.org
// JobPosting JSON-LD on the page, or on up to three job-like pages it
// links to on its own host (a jsonld source, reading the sitemaps its
// robots.txt names when it names any); an address that is a sitemap gives
// a jsonld source that reads it. Requests go through the
// same polite client as a crawl, with opts' User-Agent.
//
// A page without any of these gives a Discovery that is not Found, with
// a nil error; an error means the page could not be fetched.
func Discover(ctx context.Context, pageURL string, opts Options) (Discovery, error) {
	d := Discovery{URL: pageURL}
	u, err := url.Parse(strings.TrimSpace(pageURL))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return d, fmt.Errorf("discover %q: not an absolute http(s) URL", pageURL)
	}
	if h, ok := boardFromURL(u); ok {
		return d.with(h, "the address itself"), nil
	}
	src := config.Source{Name: "discover", Kind: "jsonld", StartURLs: []string{u.String()}}
	src.ApplyDefaults()
	opts.Transport = boardStop{next: opts.Transport}
	g, err := newPageGetter(src, withDefaults(opts), nil)
	if err != nil {
		return d, fmt.Errorf("discover %s: %w", pageURL, err)
	}
	body, final, err := g.getPage(ctx, u.String())
	if err != nil {
		return d, fmt.Errorf("discover %s: %w", pageURL, err)
	}
	d.Final = final.String()
	if h, ok := boardFromURL(final); ok {
		return d.with(h, "it redirects to "+final.String()), nil
	}
	if sm, ok := sitemapOf(body); ok {
		return d.sitemap(final, sm), nil
	}
	if ms := pageBoards(body); len(ms) > 0 {
		return d.with(ms[0].Hit, "the page names "+ms[0].Evidence), nil
	}
	if job, ok := postingsOn(body, final); ok {
		return d.jsonld(final, job, "the page holds JobPosting JSON-LD").robots(ctx, g, final), nil
	}
	probed := 0
	for _, link := range jobLinks(body, final) {
		if probed == maxProbes || ctx.Err() != nil {
			break
		}
		probed++
		pbody, pfinal, err := g.getPage(ctx, link)
		if err != nil {
			continue
		}
		if h, ok := boardFromURL(pfinal); ok {
			return d.with(h, "its link "+link+" redirects to "+pfinal.String()), nil
		}
		if ms := pageBoards(pbody); len(ms) > 0 {
			return d.with(ms[0].Hit, "its page "+link+" names "+ms[0].Evidence), nil
		}
		if job, ok := postingsOn(pbody, pfinal); ok {
			return d.jsonld(final, job, "its link "+link+" holds JobPosting JSON-LD").robots(ctx, g, final), nil
		}
	}
	d.Evidence = fmt.Sprintf("no known job board in its address, redirects, links, iframes or scripts, and no JobPosting JSON-LD on it or on %d job-like pages it links to", probed)
	return d, nil
}

// with sets the board h names.
func (d Discovery) with(h boardHit, evidence string) Discovery {
	d.Board, d.Source, d.Evidence = h.Board, h.Source, evidence
	slug := h.Slug
	if slug == "" {
		slug = hostName(d.URL)
	}
	d.Source.Name = sourceName(slug)
	if d.Source.Kind == "comeet" {
		env := "COMEET_TOKEN_" + strings.ToUpper(strings.ReplaceAll(d.Source.Name, "-", "_"))
		d.Source.TokenEnv = env
		d.Notes = append(d.Notes, "set "+env+" to the company's Comeet careers API token (in the widget code of its careers page)")
	}
	return d
}

// jsonld sets a jsonld source that starts at page and follows the links
// next to job, a page that holds a JobPosting.
func (d Discovery) jsonld(page *url.URL, job string, evidence string) Discovery {
	d.Board, d.Evidence = "JSON-LD pages", evidence
	d.Source = config.Source{Name: sourceName(hostName(page.String())), Kind: "jsonld", StartURLs: []string{page.String()}}
	if f := followFor(job); f != "" && job != page.String() {
		d.Source.Follow = []string{f}
		d.Notes = append(d.Notes, "check that follow matches every job page (jobstats sources test "+d.Source.Name+")")
	}
	return d
}

// sitemapOf reads body as an XML sitemap (gzipped or not); false when it
// is none.
func sitemapOf(body []byte) (sitemapDoc, bool) {
	b, err := gunzipCapped(body, sitemapMaxBytes)
	if err != nil || !bytes.HasPrefix(bytes.TrimSpace(bytes.TrimPrefix(b, utf8BOM)), []byte("<")) {
		return sitemapDoc{}, false
	}
	doc, err := parseSitemap(b)
	return doc, err == nil && len(doc.URLs)+len(doc.Sitemaps) > 0
}

// sitemap sets a jsonld source that reads the sitemap at page, following
// the job-like pages it lists.
func (d Discovery) sitemap(page *url.URL, doc sitemapDoc) Discovery {
	d.Board = "sitemap"
	d.Source = config.Source{Name: sourceName(hostName(page.String())), Kind: "jsonld", Sitemaps: []string{page.String()}}
	d.Evidence = fmt.Sprintf("the address is a sitemap listing %d pages", len(doc.URLs))
	if len(doc.Sitemaps) > 0 {
		d.Evidence = fmt.Sprintf("the address is a sitemap index of %d sitemaps", len(doc.Sitemaps))
	}
	hosts := []string{strings.ToLower(page.Hostname())}
	for _, u := range doc.URLs {
		pu, err := url.Parse(u.Loc)
		if err != nil {
			continue
		}
		if h := strings.ToLower(pu.Hostname()); h != "" && !containsString(hosts, h) {
			hosts = append(hosts, h)
		}
		if len(d.Source.Follow) == 0 && jobLike.MatchString(pu.Path) {
			if f := followFor(u.Loc); f != "" {
				d.Source.Follow = []string{f}
			}
		}
	}
	if len(hosts) > 1 {
		// The pages are on other hosts than the sitemap: allow them.
		d.Source.AllowedDomains = hosts
	}
	if len(d.Source.Follow) == 0 {
		d.Notes = append(d.Notes, "set follow to the job pages' addresses: a sitemap lists every page of a site")
	} else {
		d.Notes = append(d.Notes, "check that follow matches every job page (jobstats sources test "+d.Source.Name+")")
	}
	return d
}

// robots adds robots_sitemaps to a jsonld source when the robots.txt of
// page's host names sitemaps: the crawl is then incremental.
func (d Discovery) robots(ctx context.Context, g pageGetter, page *url.URL) Discovery {
	if lines := g.robotsSitemaps(ctx, page); len(lines) > 0 {
		d.Source.RobotsSitemaps = true
		d.Evidence += fmt.Sprintf("; robots.txt names %d sitemaps", len(lines))
	}
	return d
}

// postingsOn returns the address of the first JobPosting in body's
// JSON-LD (the page's own when the posting names none).
func postingsOn(body []byte, page *url.URL) (string, bool) {
	for _, block := range scanPage(body).ld {
		if ls, _ := extractPostings(nil, block, page); len(ls) > 0 {
			return ls[0].URL, true
		}
	}
	return "", false
}

// jobLike matches paths that look like job pages or job lists.
var jobLike = regexp.MustCompile(`(?i)/(jobs?|careers?|positions?|openings?|vacanc[a-z]*|stellen[a-z]*|karriere|offres?|empleos?|vagas?)([/_.-]|$)`)

// jobLinks returns the links of a page, on its own host, that look like
// job pages, in page order, without the page itself.
func jobLinks(body []byte, page *url.URL) []string {
	scan := scanPage(body)
	r := newLinkResolver(page, scan.base)
	self := page.String()
	seen := map[string]bool{self: true}
	var out []string
	for _, h := range scan.hrefs {
		abs := r.resolve(h)
		if abs == nil {
			continue
		}
		s := string(abs)
		u, err := url.Parse(s)
		if err != nil || seen[s] || !strings.EqualFold(u.Host, page.Host) || !jobLike.MatchString(u.Path) {
			continue
		}
		seen[s] = true
		out = append(out, s)
	}
	return out
}

// followFor returns a follow expression for the pages beside job: its
// address up to the last slash of its path.
func followFor(job string) string {
	u, err := url.Parse(job)
	if err != nil || u.Host == "" {
		return ""
	}
	dir := u.Path[:strings.LastIndexByte(u.Path, '/')+1]
	if dir == "" || dir == "/" {
		return ""
	}
	return "^" + regexp.QuoteMeta(u.Scheme+"://"+u.Host+dir)
}

// hostName returns the company-like label of an address's host: the label
// before the top-level domain ("acme" for "careers.acme.example").
func hostName(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || net.ParseIP(u.Hostname()) != nil {
		return ""
	}
	labels := strings.Split(strings.TrimPrefix(strings.ToLower(u.Hostname()), "www."), ".")
	switch {
	case len(labels) >= 2 && len(labels[len(labels)-1]) == 2 && len(labels[len(labels)-2]) <= 3 && len(labels) >= 3:
		return labels[len(labels)-3] // acme.co.uk
	case len(labels) >= 2:
		return labels[len(labels)-2]
	}
	return labels[0]
}

// sourceName turns a slug into a source name: letters, digits, - and _.
func sourceName(slug string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(slug) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '-', r == '_':
			b.WriteRune(r)
		case r == '.' || r == ' ':
			b.WriteByte('-')
		}
	}
	if s := strings.Trim(b.String(), "-_"); s != "" {
		return s
	}
	return "careers"
}
