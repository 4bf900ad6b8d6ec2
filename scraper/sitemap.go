package scraper

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
)

// This file reads sitemaps (sitemaps.org): XML url sets and sitemap
// indexes, plain-text lists, gzipped or not, and the Sitemap lines of
// robots.txt; and it keeps the page memory that makes a sitemap crawl
// incremental.

const (
	// sitemapMaxBytes caps a sitemap after decompression: the protocol's
	// own limit (50 MB, 50,000 URLs), so that a small gzip cannot expand
	// into gigabytes.
	sitemapMaxBytes = 50 << 20
	// sitemapMaxFiles caps the sitemaps one crawl reads, indexes included.
	sitemapMaxFiles = 1000
	// pageMemoryPrefix starts the Validators keys of the page memory.
	pageMemoryPrefix = "jsonld-page "
)

// sitemapURL is one page a sitemap lists.
type sitemapURL struct {
	Loc     string
	Lastmod string // as written; "" when none
}

// sitemapDoc is one sitemap file read.
type sitemapDoc struct {
	URLs []sitemapURL
	// Sitemaps are the sitemaps an index lists.
	Sitemaps []string
}

var errNotSitemap = errors.New("not a sitemap (want a <urlset>, a <sitemapindex> or a list of URLs)")

// gunzipCapped returns body itself, or, when it is gzip (by its magic
// bytes, whatever the server called it), its decompressed bytes, failing
// when they exceed max.
func gunzipCapped(body []byte, max int64) ([]byte, error) {
	if len(body) < 2 || body[0] != 0x1f || body[1] != 0x8b {
		return body, nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("gunzip: %w", err)
	}
	out, err := io.ReadAll(io.LimitReader(zr, max+1))
	if err != nil {
		return nil, fmt.Errorf("gunzip: %w", err)
	}
	if int64(len(out)) > max {
		return nil, fmt.Errorf("gunzip: larger than %d bytes once decompressed", max)
	}
	return out, nil
}

// parseSitemap reads one sitemap: an XML <urlset> or <sitemapindex>
// (namespaced or not), or a plain-text list of URLs, one per line. Locs
// are trimmed; entries without one are skipped.
func parseSitemap(body []byte) (sitemapDoc, error) {
	body = bytes.TrimSpace(bytes.TrimPrefix(body, utf8BOM))
	if len(body) == 0 {
		return sitemapDoc{}, fmt.Errorf("parse sitemap: %w", errEmptyBody)
	}
	if body[0] != '<' {
		return parseTextSitemap(body)
	}
	dec := newXMLDecoder(body)
	var doc sitemapDoc
	var root string
	var cur *sitemapURL
	var field *string
	var text strings.Builder
	depth, curDepth := 0, 0 // element depth now, and of cur
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return doc, fmt.Errorf("parse sitemap: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			name := strings.ToLower(t.Name.Local)
			if !sitemapSpace(t.Name.Space) {
				continue // <image:loc> and other extensions
			}
			if root == "" {
				root = name
				if root != "urlset" && root != "sitemapindex" {
					return doc, fmt.Errorf("parse sitemap: <%s>: %w", t.Name.Local, errNotSitemap)
				}
				continue
			}
			switch {
			case (name == "url" || name == "sitemap") && depth == 2:
				cur, curDepth = &sitemapURL{}, depth
			case name == "loc" && cur != nil && depth == curDepth+1:
				field = &cur.Loc
			case name == "lastmod" && cur != nil && depth == curDepth+1:
				field = &cur.Lastmod
			}
			text.Reset()
		case xml.CharData:
			if field != nil {
				text.Write(t)
			}
		case xml.EndElement:
			depth--
			name := strings.ToLower(t.Name.Local)
			if !sitemapSpace(t.Name.Space) {
				continue
			}
			switch {
			case field != nil && (name == "loc" || name == "lastmod"):
				*field = strings.TrimSpace(text.String())
				field = nil
			case cur != nil && (name == "url" || name == "sitemap"):
				if cur.Loc != "" {
					if root == "sitemapindex" {
						doc.Sitemaps = append(doc.Sitemaps, cur.Loc)
					} else {
						doc.URLs = append(doc.URLs, *cur)
					}
				}
				cur = nil
			}
		}
	}
	if root == "" {
		return doc, fmt.Errorf("parse sitemap: %w", errNotSitemap)
	}
	return doc, nil
}

// sitemapSpace reports whether an element namespace is the sitemap
// protocol's (or none, as some sites write).
func sitemapSpace(ns string) bool {
	return ns == "" || strings.Contains(ns, "sitemaps.org") || strings.Contains(ns, "google.com/schemas/sitemap/0.")
}

// parseTextSitemap reads a text sitemap: one absolute URL a line.
func parseTextSitemap(body []byte) (sitemapDoc, error) {
	var doc sitemapDoc
	sc := bufio.NewScanner(bytes.NewReader(body))
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		if !isHTTP(line) {
			return sitemapDoc{}, fmt.Errorf("parse sitemap: line %q: %w", truncateText(line, 40), errNotSitemap)
		}
		doc.URLs = append(doc.URLs, sitemapURL{Loc: line})
	}
	if err := sc.Err(); err != nil {
		return sitemapDoc{}, fmt.Errorf("parse sitemap: %w", err)
	}
	return doc, nil
}

// truncateText cuts s to n bytes at most.
func truncateText(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// sameLastmod reports whether two lastmod values name the same time: W3C
// datetimes are compared as instants ("2026-09-01" and
// "2026-09-01T00:00:00Z" are the same), anything else as written. An
// empty lastmod, or noLastmod, is the same as nothing.
func sameLastmod(a, b string) bool {
	if a == "" || b == "" || a == noLastmod || b == noLastmod {
		return false
	}
	ta, tb := parseTime(a), parseTime(b)
	if !ta.IsZero() && !tb.IsZero() {
		return ta.Equal(tb)
	}
	return a == b
}

// IsPageMemory reports whether a Validators key holds the jsonld kind's
// page memory (what a page a sitemap lists held when it was read) rather
// than an HTTP validator. Page memory describes listings that were handed
// to the sink: the caller may save it whenever they were all stored, even
// from a run that was not complete, and must drop it when it disagrees
// with the store (see jobstats.SweepResult.ListedOpen).
func IsPageMemory(key string) bool { return strings.HasPrefix(key, pageMemoryPrefix) }

// pageMemory is what the jsonld kind last read from a page a sitemap
// lists.
type pageMemory struct {
	Lastmod   string
	SourceIDs []string
}

// recallPage returns the memory of page u, false when there is none.
func recallPage(v Validators, u string) (pageMemory, bool) {
	if v == nil {
		return pageMemory{}, false
	}
	ids, lastmod := v.Validator(pageMemoryPrefix + u)
	if lastmod == "" {
		return pageMemory{}, false
	}
	var m pageMemory
	m.Lastmod = lastmod
	if ids != "" && json.Unmarshal([]byte(ids), &m.SourceIDs) != nil {
		return pageMemory{}, false
	}
	return m, true
}

// rememberPage keeps what page u held at lastmod; an empty lastmod forgets
// the page (it cannot be compared next time).
func rememberPage(v Validators, u, lastmod string, ids []string) {
	if v == nil {
		return
	}
	if lastmod == "" {
		if _, lm := v.Validator(pageMemoryPrefix + u); lm != "" {
			v.SetValidator(pageMemoryPrefix+u, "", "")
		}
		return
	}
	if ids == nil {
		ids = []string{}
	}
	b, _ := json.Marshal(ids)
	v.SetValidator(pageMemoryPrefix+u, string(b), lastmod)
}

// sitemapReader reads the sitemaps of one crawl through a fetcher.
type sitemapReader struct {
	f     *fetcher
	files int // sitemaps fetched or tried
}

// read fetches the sitemaps at roots and every sitemap their indexes name
// (each once, at most sitemapMaxFiles in all), and returns the pages they
// list, in order, without repeats. failed says, for each sitemap that
// could not be fetched or read, why; fetched counts those that were.
func (r *sitemapReader) read(ctx context.Context, roots []string) (pages []sitemapURL, fetched int, failed []string) {
	queue := append([]string(nil), roots...)
	seenMap := map[string]bool{}
	seenPage := map[string]bool{}
	hdr := http.Header{}
	hdr.Set("Accept", "application/xml, text/xml;q=0.9, text/plain;q=0.5, */*;q=0.1")
	for len(queue) > 0 && ctx.Err() == nil {
		u := queue[0]
		queue = queue[1:]
		if seenMap[u] {
			continue
		}
		seenMap[u] = true
		if r.files >= sitemapMaxFiles {
			failed = append(failed, fmt.Sprintf("%s: not read: more than %d sitemaps", u, sitemapMaxFiles))
			continue
		}
		r.files++
		body, err := r.f.getPlain(ctx, u, hdr)
		if err != nil {
			if ctx.Err() == nil {
				failed = append(failed, err.Error())
			}
			continue
		}
		fetched++
		body, err = gunzipCapped(body, sitemapMaxBytes)
		if err == nil {
			var doc sitemapDoc
			doc, err = parseSitemap(body)
			if err == nil {
				base, _ := url.Parse(u)
				for _, s := range doc.Sitemaps {
					if abs := resolveHTTP(base, s); abs != "" && !seenMap[abs] {
						queue = append(queue, abs)
					}
				}
				for _, p := range doc.URLs {
					abs := resolveHTTP(base, p.Loc)
					if abs == "" || seenPage[abs] {
						continue
					}
					seenPage[abs] = true
					pages = append(pages, sitemapURL{Loc: abs, Lastmod: p.Lastmod})
				}
				continue
			}
		}
		failed = append(failed, fmt.Sprintf("sitemap %s: %v", u, err))
	}
	return pages, fetched, failed
}

// robotsSitemaps returns the sitemaps the robots.txt of each origin
// names, read through the crawl's transport (which reads each robots.txt
// once per crawl, for its rules too). A robots.txt that cannot be read
// names none; failed says so when that was not a 4xx (no robots.txt).
func (r *sitemapReader) robotsSitemaps(ctx context.Context, origins []string) (sitemaps []string, failed []string) {
	for _, o := range origins {
		u, err := url.Parse(o + "/robots.txt")
		if err != nil {
			continue
		}
		hs := r.f.t.host(u)
		if _, err := r.f.t.robotsAllow(ctx, hs, u); err != nil {
			return sitemaps, failed // the crawl is stopping
		}
		if hs.robots.disallow {
			failed = append(failed, "robots.txt of "+u.Host+" unreachable: its sitemaps are unknown")
			continue
		}
		sitemaps = append(sitemaps, hs.robots.sitemaps...)
	}
	return sitemaps, failed
}

// resolveHTTP resolves ref against base and returns it without fragment
// when it is an absolute http(s) URL, "" otherwise.
func resolveHTTP(base *url.URL, ref string) string {
	u, err := url.Parse(strings.TrimSpace(ref))
	if err != nil {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	u.Fragment, u.RawFragment = "", ""
	return u.String()
}
