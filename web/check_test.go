package web_test

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

// figure is one <data> element of a page.
type figure struct {
	field, value, text string
}

// pageFacts is what the checks read from a page's HTML.
type pageFacts struct {
	figures []figure
	consts  []figure
	// stray are text runs with a digit outside the elements that may hold
	// one (see strayDigits).
	stray  []string
	jsonld []string
	hrefs  []string
	text   string
}

// readPage parses a page and collects its figures, structured data, links
// and the digits that are not figures.
func readPage(t *testing.T, src string) pageFacts {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	var f pageFacts
	var text strings.Builder
	var walk func(n *html.Node, inMain, exempt bool)
	walk = func(n *html.Node, inMain, exempt bool) {
		if n.Type == html.ElementNode {
			attr := map[string]string{}
			has := map[string]bool{}
			for _, a := range n.Attr {
				attr[a.Key] = a.Val
				has[a.Key] = true
			}
			switch n.Data {
			case "main":
				inMain = true
			case "script":
				if attr["type"] == "application/ld+json" && n.FirstChild != nil {
					f.jsonld = append(f.jsonld, n.FirstChild.Data)
				}
				return
			case "a":
				f.hrefs = append(f.hrefs, attr["href"])
			case "data":
				fig := figure{field: attr["data-field"], value: attr["value"], text: nodeText(n)}
				switch {
				case has["data-field"]:
					f.figures = append(f.figures, fig)
				case has["data-const"]:
					fig.field = attr["data-const"]
					f.consts = append(f.consts, fig)
				}
				exempt = true
			case "time", "th", "caption", "h1", "h2", "h3", "svg", "code", "form", "nav", "title", "summary":
				exempt = true
			}
			if has["data-label"] || attr["data-source"] == "listings" {
				exempt = true
			}
		}
		if n.Type == html.TextNode {
			text.WriteString(n.Data)
			text.WriteString(" ")
			if inMain && !exempt && strings.ContainsAny(n.Data, "0123456789") {
				f.stray = append(f.stray, strings.TrimSpace(n.Data))
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inMain, exempt)
		}
	}
	walk(doc, false, false)
	f.text = text.String()
	return f
}

func nodeText(n *html.Node) string {
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

// resolve returns the value at a JSON Pointer in doc.
func resolve(doc any, pointer string) (any, error) {
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

var digitsRe = regexp.MustCompile(`[0-9]+(\.[0-9]+)?`)

// checkFigures checks every figure of a page against the JSON its
// data-field points into: the value equals the JSON number, and the text
// shows it as the report does (whole units, percent of a share). It
// returns how many figures it checked.
func checkFigures(t *testing.T, name string, facts pageFacts, data []byte) int {
	t.Helper()
	var doc any
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatalf("%s: data.json: %v", name, err)
	}
	for _, fig := range facts.figures {
		want, err := resolve(doc, fig.field)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		got, err := strconv.ParseFloat(fig.value, 64)
		if err != nil {
			if s, ok := want.(string); !ok || s != fig.value {
				t.Errorf("%s: %s = %q, JSON has %v", name, fig.field, fig.value, want)
			}
			continue
		}
		w, ok := want.(float64)
		if !ok || w != got {
			t.Errorf("%s: %s = %v, JSON has %v", name, fig.field, got, want)
			continue
		}
		shown := strings.ReplaceAll(fig.text, ",", "")
		m := digitsRe.FindString(shown)
		if m == "" {
			t.Errorf("%s: %s shows %q, no number", name, fig.field, fig.text)
			continue
		}
		v, _ := strconv.ParseFloat(m, 64)
		if strings.HasSuffix(strings.TrimSpace(fig.text), "%") {
			if v != math.Round(math.Abs(w)*100) {
				t.Errorf("%s: %s shows %q for %v", name, fig.field, fig.text, w)
			}
		} else if v != math.Round(math.Abs(w)) && v != math.Abs(w) {
			t.Errorf("%s: %s shows %q for %v", name, fig.field, fig.text, w)
		}
	}
	for _, s := range facts.stray {
		t.Errorf("%s: a number outside a figure: %q", name, s)
	}
	return len(facts.figures)
}
