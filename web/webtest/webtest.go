// Package webtest checks web pages against the report JSON they claim to
// show, for the tests of package web and of the command line. A page's
// figures are <data> elements whose value attribute is a number of the
// report and whose data-field attribute is its JSON Pointer (see package
// web); Check reads them all, compares each with the JSON, and reports any
// number in the page's text that is not such a figure.
package webtest

import (
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// Figure is one figure of a page.
type Figure struct {
	// Field is the JSON Pointer (or, for a constant, its name).
	Field string
	// Value is the value attribute; Text what the page shows.
	Value, Text string
}

// Facts is what Read finds in a page.
type Facts struct {
	// Figures are the <data data-field> elements.
	Figures []Figure
	// Consts are the <data data-const> elements: the sample rules.
	Consts []Figure
	// Stray are the text runs in <main> that hold a digit outside a
	// figure, a time, a heading, a table header or caption, a chart, code,
	// a form, a navigation, or an element marked data-label (fixed
	// wording) or data-source="listings" (what a board wrote).
	Stray []string
	// JSONLD are the contents of the application/ld+json scripts.
	JSONLD []string
	// Hrefs are the links' targets.
	Hrefs []string
	// Text is all the text, joined with spaces.
	Text string
}

// exempt are the elements whose digits are not figures of the report.
var exempt = map[string]bool{"data": true, "time": true, "th": true, "caption": true, "h1": true, "h2": true, "h3": true,
	"svg": true, "code": true, "form": true, "nav": true, "title": true, "summary": true}

// Read parses a page.
func Read(src string) (Facts, error) {
	doc, err := html.Parse(strings.NewReader(src))
	if err != nil {
		return Facts{}, fmt.Errorf("parse page: %w", err)
	}
	var f Facts
	var text strings.Builder
	var walk func(n *html.Node, inMain, skip bool)
	walk = func(n *html.Node, inMain, skip bool) {
		if n.Type == html.ElementNode {
			attr := map[string]string{}
			has := map[string]bool{}
			for _, a := range n.Attr {
				attr[a.Key], has[a.Key] = a.Val, true
			}
			switch n.Data {
			case "main":
				inMain = true
			case "script":
				if attr["type"] == "application/ld+json" && n.FirstChild != nil {
					f.JSONLD = append(f.JSONLD, n.FirstChild.Data)
				}
				return
			case "a":
				f.Hrefs = append(f.Hrefs, attr["href"])
			case "data":
				fig := Figure{Field: attr["data-field"], Value: attr["value"], Text: textOf(n)}
				if has["data-field"] {
					f.Figures = append(f.Figures, fig)
				} else if has["data-const"] {
					fig.Field = attr["data-const"]
					f.Consts = append(f.Consts, fig)
				}
			}
			if exempt[n.Data] || has["data-label"] || attr["data-source"] == "listings" {
				skip = true
			}
		}
		if n.Type == html.TextNode {
			text.WriteString(n.Data)
			text.WriteString(" ")
			if inMain && !skip && strings.ContainsAny(n.Data, "0123456789") {
				f.Stray = append(f.Stray, strings.TrimSpace(n.Data))
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inMain, skip)
		}
	}
	walk(doc, false, false)
	f.Text = text.String()
	return f, nil
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// Resolve returns the value at a JSON Pointer (RFC 6901) in doc, as
// encoding/json decodes into any.
func Resolve(doc any, pointer string) (any, error) {
	if pointer == "" {
		return doc, nil
	}
	if !strings.HasPrefix(pointer, "/") {
		return nil, fmt.Errorf("pointer %q does not start with /", pointer)
	}
	cur := doc
	for _, seg := range strings.Split(pointer[1:], "/") {
		seg = strings.ReplaceAll(strings.ReplaceAll(seg, "~1", "/"), "~0", "~")
		switch v := cur.(type) {
		case map[string]any:
			next, ok := v[seg]
			if !ok {
				return nil, fmt.Errorf("pointer %q: no key %q", pointer, seg)
			}
			cur = next
		case []any:
			i, err := strconv.Atoi(seg)
			if err != nil || i < 0 || i >= len(v) {
				return nil, fmt.Errorf("pointer %q: no index %q", pointer, seg)
			}
			cur = v[i]
		default:
			return nil, fmt.Errorf("pointer %q: %q is inside a %T", pointer, seg, cur)
		}
	}
	return cur, nil
}

var digits = regexp.MustCompile(`[0-9]+(\.[0-9]+)?`)

// Check reads page and checks every figure against data, the report JSON
// the page shows: its value equals the JSON number (or string) at its
// pointer, and its text shows it as the report does (whole units, or a
// share as a whole percentage); and no other number is in the text. It
// returns what it read; failures go to t, named by name.
func Check(t testing.TB, name, page string, data []byte) Facts {
	t.Helper()
	f, err := Read(page)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	var doc any
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatalf("%s: report json: %v", name, err)
	}
	for _, fig := range f.Figures {
		want, err := Resolve(doc, fig.Field)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		got, perr := strconv.ParseFloat(fig.Value, 64)
		w, isNum := want.(float64)
		if perr != nil || !isNum || got != w {
			if s, ok := want.(string); !ok || s != fig.Value {
				t.Errorf("%s: %s = %q, the report has %v", name, fig.Field, fig.Value, want)
			}
			continue
		}
		m := digits.FindString(strings.ReplaceAll(fig.Text, ",", ""))
		if m == "" {
			t.Errorf("%s: %s shows %q, no number", name, fig.Field, fig.Text)
			continue
		}
		v, _ := strconv.ParseFloat(m, 64)
		if strings.HasSuffix(strings.TrimSpace(fig.Text), "%") {
			if v != math.Round(math.Abs(w)*100) {
				t.Errorf("%s: %s shows %q for %v", name, fig.Field, fig.Text, w)
			}
		} else if v != math.Round(math.Abs(w)) && v != math.Abs(w) {
			t.Errorf("%s: %s shows %q for %v", name, fig.Field, fig.Text, w)
		}
	}
	for _, s := range f.Stray {
		t.Errorf("%s: a number that is not a figure of the report: %q", name, s)
	}
	return f
}
