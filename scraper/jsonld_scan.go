package scraper

import (
	"bytes"
)

// This file holds the jsonld kind's page scanner: one pass over a page's
// bytes, by hand and without a parser tree, that finds its JSON-LD blocks,
// its links and its base href. Nothing here does I/O.

// pageScan is what one pass over an HTML page found. Its byte slices point
// into the scanned body.
type pageScan struct {
	// ld holds the contents of every <script type="application/ld+json">.
	ld [][]byte
	// hrefs holds the raw href of every <a> (entities not yet decoded).
	hrefs [][]byte
	// next holds the hrefs of rel="next" links (<a> and <link>), also in
	// hrefs when on an <a>: pagination is crawled first, so that the
	// queue of pages to fetch never runs dry.
	next [][]byte
	// base is the href of the first <base>, nil when there is none.
	base []byte
}

// scanPage finds JSON-LD blocks, <a href> links and <base href> in body in
// one pass, without building a DOM. It follows the HTML tokenizer where it
// matters: comments, raw-text elements (script, style, textarea, title)
// and quoted attribute values do not yield tags.
func scanPage(body []byte) pageScan {
	var p pageScan
	i := 0
	for i < len(body) {
		j := bytes.IndexByte(body[i:], '<')
		if j < 0 {
			break
		}
		i += j
		rest := body[i:]
		if len(rest) < 2 {
			break
		}
		switch c := rest[1]; {
		case c == '!':
			if bytes.HasPrefix(rest, []byte("<!--")) {
				k := bytes.Index(rest[4:], []byte("-->"))
				if k < 0 {
					return p
				}
				i += 4 + k + 3
				continue
			}
			i = skipPast(body, i+2, '>')
			continue
		case c == '?' || c == '/':
			i = skipPast(body, i+2, '>')
			continue
		case !isLetter(c):
			i++
			continue
		}
		// A start tag: its name, then its attributes up to '>'.
		k := 1
		for k < len(rest) && !isHTMLSpace(rest[k]) && rest[k] != '/' && rest[k] != '>' {
			k++
		}
		name := rest[1:k]
		tag := tagOther
		switch {
		case len(name) == 1 && (name[0] == 'a' || name[0] == 'A'):
			tag = tagA
		case bytes.EqualFold(name, []byte("link")):
			tag = tagLink
		case bytes.EqualFold(name, []byte("base")):
			tag = tagBase
		case bytes.EqualFold(name, []byte("script")):
			tag = tagScript
		case bytes.EqualFold(name, []byte("style")), bytes.EqualFold(name, []byte("textarea")), bytes.EqualFold(name, []byte("title")):
			tag = tagRaw
		}
		end, href, typ, next := scanAttrs(body, i+k, tag)
		i = end
		if next && href != nil {
			p.next = append(p.next, href)
		}
		switch tag {
		case tagA:
			if href != nil {
				p.hrefs = append(p.hrefs, href)
			}
		case tagBase:
			if href != nil && p.base == nil {
				p.base = href
			}
		case tagScript, tagRaw:
			closeAt := indexEndTag(body, i, name)
			if closeAt < 0 {
				closeAt = len(body)
			}
			if tag == tagScript && isLDType(typ) {
				p.ld = append(p.ld, body[i:closeAt])
			}
			i = skipPast(body, closeAt, '>')
		}
	}
	return p
}

const (
	tagOther = iota
	tagA
	tagLink
	tagBase
	tagScript
	tagRaw
)

// scanAttrs reads the attributes of a start tag from i (just after its
// name) and returns the index after the closing '>' and, for the tags that
// need them, the raw href and type values and whether rel holds "next".
func scanAttrs(b []byte, i int, tag int) (end int, href, typ []byte, next bool) {
	for i < len(b) {
		for i < len(b) && (isHTMLSpace(b[i]) || b[i] == '/') {
			i++
		}
		if i >= len(b) {
			break
		}
		if b[i] == '>' {
			return i + 1, href, typ, next
		}
		start := i
		i++ // an attribute name may start with '='
		for i < len(b) && !isHTMLSpace(b[i]) && b[i] != '/' && b[i] != '>' && b[i] != '=' {
			i++
		}
		name := b[start:i]
		for i < len(b) && isHTMLSpace(b[i]) {
			i++
		}
		if i >= len(b) || b[i] != '=' {
			continue
		}
		i++
		for i < len(b) && isHTMLSpace(b[i]) {
			i++
		}
		if i >= len(b) {
			break
		}
		var val []byte
		if q := b[i]; q == '"' || q == '\'' {
			k := bytes.IndexByte(b[i+1:], q)
			if k < 0 {
				return len(b), href, typ, next
			}
			val = b[i+1 : i+1+k]
			i += k + 2
		} else {
			start := i
			for i < len(b) && !isHTMLSpace(b[i]) && b[i] != '>' {
				i++
			}
			val = b[start:i]
		}
		switch {
		case (tag == tagA || tag == tagBase || tag == tagLink) && href == nil && bytes.EqualFold(name, []byte("href")):
			href = val
		case (tag == tagA || tag == tagLink) && bytes.EqualFold(name, []byte("rel")):
			next = hasToken(val, "next")
		case tag == tagScript && typ == nil && bytes.EqualFold(name, []byte("type")):
			typ = val
		}
	}
	return len(b), href, typ, next
}

// indexEndTag returns the index of the "</name" that closes a raw-text
// element opened before i, or -1.
func indexEndTag(b []byte, i int, name []byte) int {
	for {
		k := bytes.Index(b[i:], []byte("</"))
		if k < 0 {
			return -1
		}
		i += k
		e := i + 2 + len(name)
		if e <= len(b) && bytes.EqualFold(b[i+2:e], name) && (e == len(b) || isHTMLSpace(b[e]) || b[e] == '/' || b[e] == '>') {
			return i
		}
		i += 2
	}
}

// skipPast returns the index after the first c at or after i, or len(b).
func skipPast(b []byte, i int, c byte) int {
	if i >= len(b) {
		return len(b)
	}
	k := bytes.IndexByte(b[i:], c)
	if k < 0 {
		return len(b)
	}
	return i + k + 1
}

// hasToken reports whether the space-separated list v holds tok, in any case.
func hasToken(v []byte, tok string) bool {
	for _, f := range bytes.Fields(v) {
		if bytes.EqualFold(f, []byte(tok)) {
			return true
		}
	}
	return false
}

func isLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

func isHTMLSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}

// isLDType reports whether a script type attribute names JSON-LD
// (parameters such as charset are allowed).
func isLDType(t []byte) bool {
	if i := bytes.IndexByte(t, ';'); i >= 0 {
		t = t[:i]
	}
	return bytes.EqualFold(bytes.TrimSpace(t), []byte("application/ld+json"))
}
