package scraper

import (
	"bytes"
	"math"
	"strconv"
	"strings"
	"time"
)

// robots.txt per RFC 9309: the rules of the groups that apply to one
// product token, longest match wins, allow wins a tie, "*" and "$"
// patterns, parse errors tolerated (a line that is not understood is
// skipped). Crawl-delay, not in the RFC, is read as seconds.

// maxRobotsSize is how much of a robots.txt is read and parsed (RFC 9309
// asks for at least 500 KiB; Google stops there too). The rest is ignored.
const maxRobotsSize = 500 << 10

// maxCrawlDelay caps the Crawl-delay honoured, so that a hostile or
// mistaken robots.txt cannot stall a crawl for days.
const maxCrawlDelay = time.Hour

// robotsRules are the rules of a robots.txt that apply to one crawler.
// The zero value allows everything.
type robotsRules struct {
	rules      []robotsRule
	crawlDelay time.Duration
	disallow   bool // everything is disallowed (robots.txt unreachable)
	// sitemaps are the absolute URLs of its Sitemap lines, in order: they
	// belong to no group.
	sitemaps []string
}

// robotsRule is one allow or disallow line.
type robotsRule struct {
	pattern string // percent-encoding normalised; may hold * and end in $
	allow   bool
}

// productToken returns the part of a User-Agent that robots.txt groups
// name, lower case: "jobstats" for "jobstats/0.1 (+https://...)".
func productToken(userAgent string) string {
	end := strings.IndexFunc(userAgent, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '_' || r == '-')
	})
	if end < 0 {
		end = len(userAgent)
	}
	return strings.ToLower(userAgent[:end])
}

// parseRobots reads a robots.txt body and keeps the rules for the crawler
// whose product token is token (lower case): the groups that name it, or
// when none does, the groups of "*". Groups for one agent are merged.
// Lines it cannot read are skipped. A body cut at maxRobotsSize should be
// passed without its incomplete last line.
func parseRobots(body []byte, token string) *robotsRules {
	var own, star robotsRules
	var ownFound bool
	var sitemaps []string
	// The agents of the group being read, and whether a rule has been read
	// since its last user-agent line (which then starts a new group).
	var forOwn, forStar, inRules bool
	for len(body) > 0 {
		var line []byte
		if i := bytes.IndexAny(body, "\r\n"); i >= 0 {
			line, body = body[:i], body[i+1:]
		} else {
			line, body = body, nil
		}
		if i := bytes.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		key, value, ok := bytes.Cut(line, []byte{':'})
		if !ok {
			continue
		}
		k := strings.ToLower(string(bytes.TrimSpace(key)))
		v := string(bytes.TrimSpace(value))
		switch k {
		case "user-agent", "useragent", "user agent":
			if inRules {
				forOwn, forStar, inRules = false, false, false
			}
			agent := productToken(v)
			switch {
			case v == "*":
				forStar = true
			case agent != "" && agent == token:
				forOwn, ownFound = true, true
			}
		case "allow", "disallow", "dissallow", "dissalow", "disalow", "diasllow", "disallaw":
			inRules = true
			if v == "" {
				continue // "Disallow:" with no path disallows nothing
			}
			r := robotsRule{pattern: normalisePattern(v), allow: k == "allow"}
			if forOwn {
				own.rules = append(own.rules, r)
			}
			if forStar {
				star.rules = append(star.rules, r)
			}
		case "crawl-delay", "crawldelay":
			inRules = true
			secs, err := strconv.ParseFloat(v, 64)
			if err != nil || !(secs >= 0) || math.IsInf(secs, 0) {
				continue
			}
			d := maxCrawlDelay
			if secs < maxCrawlDelay.Seconds() {
				d = time.Duration(secs * float64(time.Second))
			}
			if forOwn {
				own.crawlDelay = max(own.crawlDelay, d)
			}
			if forStar {
				star.crawlDelay = max(star.crawlDelay, d)
			}
		case "sitemap", "site-map":
			// Not part of any group (RFC 9309 2.2.4): kept for every agent.
			if isHTTP(v) && !containsString(sitemaps, v) {
				sitemaps = append(sitemaps, v)
			}
		default:
			// host and unknown keys end nothing: RFC 9309 2.2.4 says other
			// records do not start a group.
		}
	}
	if ownFound {
		own.sitemaps = sitemaps
		return &own
	}
	star.sitemaps = sitemaps
	return &star
}

// allowed reports whether the rules allow pathQuery, a URL's escaped path
// and query ("/jobs?page=2"). The longest matching pattern decides; an
// allow wins a tie; nothing matching allows. /robots.txt is always allowed.
func (r *robotsRules) allowed(pathQuery string) bool {
	if r == nil {
		return true
	}
	if pathQuery == "/robots.txt" {
		return true
	}
	if r.disallow {
		return false
	}
	if len(r.rules) == 0 {
		return true
	}
	if pathQuery == "" {
		pathQuery = "/"
	}
	p := pathQuery
	if needsNormalising(p) {
		p = normalisePattern(p)
	}
	best, allow := -1, true
	for i := range r.rules {
		rule := &r.rules[i]
		n := len(rule.pattern)
		if n < best || (n == best && allow) {
			continue // cannot beat the current match
		}
		if robotsMatch(rule.pattern, p) {
			best, allow = n, rule.allow
		}
	}
	return allow
}

// robotsMatch reports whether pattern matches the start of path, "*"
// matching any run of bytes and a final "$" the end of path.
func robotsMatch(pattern, path string) bool {
	anchored := strings.HasSuffix(pattern, "$")
	if anchored {
		pattern = pattern[:len(pattern)-1]
	}
	if strings.IndexByte(pattern, '*') < 0 {
		if anchored {
			return pattern == path
		}
		return strings.HasPrefix(path, pattern)
	}
	// Greedy wildcard matching with backtracking to the last star: linear
	// in practice, O(len(pattern)*len(path)) at worst.
	pi, si := 0, 0
	star, mark := -1, 0
	for si < len(path) {
		switch {
		case pi < len(pattern) && pattern[pi] == '*':
			star, mark = pi, si
			pi++
		case pi < len(pattern) && pattern[pi] == path[si]:
			pi++
			si++
		case pi == len(pattern) && !anchored:
			return true // the pattern is a prefix of what remains
		case star >= 0:
			mark++
			pi, si = star+1, mark
		default:
			return false
		}
	}
	for pi < len(pattern) && pattern[pi] == '*' {
		pi++
	}
	return pi == len(pattern)
}

// needsNormalising reports whether s holds a byte normalisePattern would
// change.
func needsNormalising(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 || c <= ' ' || c == 0x7f {
			return true
		}
		if c == '%' && i+2 < len(s) && (isLowerHex(s[i+1]) || isLowerHex(s[i+2])) {
			return true
		}
	}
	return false
}

func isLowerHex(c byte) bool { return c >= 'a' && c <= 'f' }

// normalisePattern percent-encodes the bytes of s that a URL would carry
// encoded (non-ASCII, controls, space) and upper-cases the hex digits of
// existing escapes, so that a pattern and a URL path compare byte by byte
// (RFC 9309 2.2.2).
func normalisePattern(s string) string {
	if !needsNormalising(s) {
		return s
	}
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 0x80 || c <= ' ' || c == 0x7f:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		case c == '%' && i+2 < len(s):
			b.WriteByte('%')
			b.WriteString(strings.ToUpper(s[i+1 : i+3]))
			i += 2
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// cutIncompleteLine drops the bytes after the last line break of a body
// that was cut short, so that half a rule is not read as a whole one.
func cutIncompleteLine(body []byte) []byte {
	if i := bytes.LastIndexAny(body, "\r\n"); i >= 0 {
		return body[:i+1]
	}
	return nil
}
