package scraper

import (
	"html"
	"strings"

	xhtml "golang.org/x/net/html"
)

// blockTags end a line of text when they open or close.
var blockTags = map[string]bool{
	"p": true, "div": true, "br": true, "li": true, "ul": true, "ol": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"tr": true, "table": true, "section": true, "article": true, "blockquote": true,
	"pre": true, "hr": true, "dd": true, "dt": true, "header": true, "footer": true,
}

// plainText turns an HTML fragment into plain text: tags removed, entities
// decoded once, script and style dropped, block elements on their own
// lines, runs of spaces collapsed and blank lines squeezed. Text without
// any tag is only entity-decoded and tidied.
func plainText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return tidy(s)
	}
	if !strings.Contains(s, "<") {
		return tidy(html.UnescapeString(s))
	}
	var b strings.Builder
	b.Grow(len(s))
	z := xhtml.NewTokenizer(strings.NewReader(s))
	skip := 0
	bullet := false // a "- " was written and no text has followed yet
	for {
		switch z.Next() {
		case xhtml.ErrorToken:
			return tidy(b.String())
		case xhtml.TextToken:
			if skip == 0 {
				t := z.Text()
				b.Write(t)
				if bullet && strings.TrimFunc(string(t), isSpace) != "" {
					bullet = false
				}
			}
		case xhtml.StartTagToken, xhtml.SelfClosingTagToken:
			name, _ := z.TagName()
			tag := string(name)
			if tag == "script" || tag == "style" {
				skip++
			}
			if tag == "li" {
				b.WriteString("\n- ")
				bullet = true
			} else if blockTags[tag] && !bullet {
				// A block inside a list item (<li><p>…) stays on the
				// bullet's line.
				b.WriteByte('\n')
			}
		case xhtml.EndTagToken:
			name, _ := z.TagName()
			tag := string(name)
			if (tag == "script" || tag == "style") && skip > 0 {
				skip--
			}
			if tag == "li" || tag == "ul" || tag == "ol" {
				bullet = false
			}
			if blockTags[tag] && !bullet {
				b.WriteByte('\n')
			}
		}
	}
}

// tidy collapses spaces within lines (NBSP included), trims lines and
// squeezes blank lines.
func tidy(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	lines := strings.Split(s, "\n")
	out := lines[:0]
	for _, ln := range lines {
		ln = strings.Join(strings.FieldsFunc(ln, isSpace), " ")
		if ln == "" || ln == "-" {
			continue
		}
		out = append(out, ln)
	}
	return strings.Join(out, "\n")
}

func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\r', '\f', '\v', '\u00a0', '\u2007', '\u202f', '\u200b':
		return true
	}
	return false
}
