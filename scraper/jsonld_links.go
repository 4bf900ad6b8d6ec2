package scraper

import (
	"bytes"
	"html"
	"net/url"
	"strings"
)

// This file resolves the links the page scanner found into absolute URLs.

// linkResolver turns raw hrefs into absolute http(s) URLs without fragment.
// Root-relative hrefs of plain characters, by far the most common kind,
// take a path that neither parses nor allocates.
type linkResolver struct {
	base   *url.URL
	prefix string // scheme://host of base, host lower-cased
	buf    []byte
}

func newLinkResolver(page *url.URL, baseHref []byte) *linkResolver {
	base := page
	if baseHref != nil {
		if u, err := page.Parse(attrString(baseHref)); err == nil && (u.Scheme == "http" || u.Scheme == "https") {
			base = u
		}
	}
	return &linkResolver{base: base, prefix: base.Scheme + "://" + strings.ToLower(base.Host)}
}

// resolve returns the absolute URL of href, or nil when href is not an
// http(s) link to another page. The result is valid until the next call.
func (r *linkResolver) resolve(href []byte) []byte {
	href = bytes.TrimSpace(href)
	if len(href) == 0 || href[0] == '#' {
		return nil // the page itself
	}
	if href[0] == '/' && (len(href) == 1 || href[1] != '/') {
		if i := bytes.IndexByte(href, '#'); i >= 0 {
			href = href[:i]
		}
	}
	if href[0] == '/' && (len(href) == 1 || href[1] != '/') && plainPath(href) {
		r.buf = append(append(r.buf[:0], r.prefix...), href...)
		return r.buf
	}
	u, err := r.base.Parse(attrString(href))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil
	}
	u.Fragment, u.RawFragment = "", ""
	u.Host = strings.ToLower(u.Host)
	r.buf = append(r.buf[:0], u.String()...)
	return r.buf
}

// plainPath reports whether href holds only characters that url.URL.String
// writes back unchanged, and no dot segments.
func plainPath(href []byte) bool {
	for i, c := range href {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		case c == '-', c == '_', c == '~', c == '/', c == '?', c == '=', c == '+', c == ',', c == ':', c == '@', c == '!', c == '*', c == ';':
		case c == '.':
			if href[i-1] == '/' {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// attrString decodes character references in an attribute value.
func attrString(b []byte) string {
	if bytes.IndexByte(b, '&') >= 0 {
		return html.UnescapeString(string(b))
	}
	return string(b)
}
