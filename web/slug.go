package web

import (
	"net/url"
	"strings"
	"unicode"
)

// Slug returns the URL path segment of a role or market: lower case,
// letters and digits kept, every other run of characters one hyphen, with
// the few symbols that tell roles apart spelled out ("C++ Developer" is
// "cplusplus-developer", "C# Developer" "csharp-developer", "remote:EU"
// "remote-eu"). It is stable: the same name always gives the same slug.
// A name with no letter or digit gives "-".
func Slug(name string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range strings.TrimSpace(name) {
		var word string
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(unicode.ToLower(r))
			continue
		case r == '+':
			word = "plus"
		case r == '#':
			word = "sharp"
		default:
			hyphen = true
			continue
		}
		if hyphen && b.Len() > 0 {
			b.WriteByte('-')
		}
		hyphen = false
		b.WriteString(word)
	}
	if b.Len() == 0 {
		return "-"
	}
	return b.String()
}

// pagePath returns the path of a role's page in a market, from the site
// root, with a trailing slash: "backend-engineer/us/". Segments are
// escaped for a URL.
func pagePath(role, market string) string {
	return url.PathEscape(Slug(role)) + "/" + url.PathEscape(Slug(market)) + "/"
}

// rolePath returns the path of a role's markets page: "backend-engineer/".
func rolePath(role string) string { return url.PathEscape(Slug(role)) + "/" }
