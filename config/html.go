package config

import (
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strings"

	"github.com/andybalholm/cascadia"
	"go.yaml.in/yaml/v3"
)

// HTMLFields are the selectors of the fields of a job, for the html kind:
// read within each list item (Source.Fields) or on each job's own page
// (Source.Detail). A field left out is not read.
type HTMLFields struct {
	Title          Selector `yaml:"title"`
	Company        Selector `yaml:"company"`
	Location       Selector `yaml:"location"`
	Salary         Selector `yaml:"salary"`
	Description    Selector `yaml:"description"`
	Posted         Selector `yaml:"posted"`
	EmploymentType Selector `yaml:"employment_type"`
	// URL is the job's page, read within a list item; by default the
	// item's link (Source.Link), else its first <a href>.
	URL Selector `yaml:"url"`
	// ID is the job's id; by default its page's address.
	ID Selector `yaml:"id"`
}

// Selector reads one field from HTML: the text of the first element CSS
// matches (of every match, joined, with All), or its attribute Attr,
// narrowed by Regex (the first capture group when it has one, else the
// whole match; no match leaves the field empty). In YAML it is a CSS
// selector alone ("h1.title") or a mapping with the keys css, attr, regex
// and all.
type Selector struct {
	CSS   string `yaml:"css"`
	Attr  string `yaml:"attr"`
	Regex string `yaml:"regex"`
	All   bool   `yaml:"all"`
}

// Set reports whether the selector names anything to read.
func (s Selector) Set() bool { return s != Selector{} }

// String formats the selector as it would be written in a flow mapping.
func (s Selector) String() string {
	if s.Attr == "" && s.Regex == "" && !s.All {
		return s.CSS
	}
	parts := []string{"css: " + s.CSS}
	if s.Attr != "" {
		parts = append(parts, "attr: "+s.Attr)
	}
	if s.Regex != "" {
		parts = append(parts, "regex: "+s.Regex)
	}
	if s.All {
		parts = append(parts, "all: true")
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// UnmarshalYAML reads a selector written as a string or as a mapping of
// css, attr, regex and all. An unknown key or a value of the wrong type is
// an *Error with its line.
func (s *Selector) UnmarshalYAML(n *yaml.Node) error {
	bad := func(at *yaml.Node, format string, args ...any) error {
		return &Error{Line: at.Line, Column: at.Column, Err: fmt.Errorf(format, args...)}
	}
	switch n.Kind {
	case yaml.ScalarNode:
		*s = Selector{CSS: n.Value}
		return nil
	case yaml.MappingNode:
	default:
		return bad(n, "want a CSS selector, or a mapping of css, attr, regex and all; got %s", describe(n))
	}
	keys, index := structFields(reflect.TypeFor[Selector]())
	var out Selector
	v := reflect.ValueOf(&out).Elem()
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		fi, ok := index[k.Value]
		switch {
		case k.Kind != yaml.ScalarNode:
			return bad(k, "want a plain key, got %s", describe(k))
		case !ok:
			msg := "unknown key " + k.Value
			if sg := suggest(k.Value, keys); sg != "" {
				msg += fmt.Sprintf(" (did you mean %s?)", sg)
			}
			return bad(k, "%s; a selector takes css, attr, regex and all", msg)
		case seen[k.Value]:
			return bad(k, "key %s is set twice", k.Value)
		case val.Kind != yaml.ScalarNode:
			return bad(val, "%s: want a string, got %s", k.Value, describe(val))
		}
		seen[k.Value] = true
		f := v.Field(fi)
		if f.Kind() == reflect.Bool {
			var b bool
			if err := val.Decode(&b); err != nil {
				return bad(val, "%s: cannot use %q as true or false", k.Value, val.Value)
			}
			f.SetBool(b)
			continue
		}
		f.SetString(val.Value)
	}
	*s = out
	return nil
}

// String lists the fields that are set, for display.
func (f *HTMLFields) String() string {
	if f == nil {
		return ""
	}
	var parts []string
	keys, index := structFields(reflect.TypeFor[HTMLFields]())
	v := reflect.ValueOf(*f)
	for _, k := range keys {
		if sel := v.Field(index[k]).Interface().(Selector); sel.Set() {
			parts = append(parts, k+": "+sel.String())
		}
	}
	return strings.Join(parts, "; ")
}

// Each calls fn with the yaml key and selector of every field that is set,
// in field order.
func (f *HTMLFields) Each(fn func(key string, sel Selector)) {
	if f == nil {
		return
	}
	keys, index := structFields(reflect.TypeFor[HTMLFields]())
	v := reflect.ValueOf(*f)
	for _, k := range keys {
		if sel := v.Field(index[k]).Interface().(Selector); sel.Set() {
			fn(k, sel)
		}
	}
}

// CompileCSS compiles a CSS selector group as the html kind runs it
// (cascadia, the engine goquery uses). Config validation and the crawler
// both call it, so that a selector that loads also runs.
func CompileCSS(css string) (cascadia.Selector, error) {
	if strings.TrimSpace(css) == "" {
		return nil, errors.New("empty CSS selector")
	}
	sel, err := cascadia.Compile(css)
	if err != nil {
		return nil, fmt.Errorf("invalid CSS selector %q: %v", css, err)
	}
	return sel, nil
}

// attrName is what an attribute name may be.
var attrName = regexp.MustCompile(`^[A-Za-z_:][-A-Za-z0-9_:.]*$`)

// html checks the keys of an html source: what needs what, and every
// selector and regular expression compiled.
func (v *validator) html(p string, s *Source) {
	for _, c := range []struct{ key, css string }{{"next", s.Next}, {"item", s.Item}, {"link", s.Link}} {
		if c.css != "" {
			if _, err := CompileCSS(c.css); err != nil {
				v.errorf(p+"."+c.key, "%v", err)
			}
		}
	}
	for _, group := range []struct {
		key    string
		fields *HTMLFields
	}{{"fields", s.Fields}, {"detail", s.Detail}} {
		group.fields.Each(func(key string, sel Selector) {
			f := p + "." + group.key + "." + key
			if _, err := CompileCSS(sel.CSS); err != nil {
				v.errorf(f, "%v", err)
			}
			if sel.Attr != "" && !attrName.MatchString(sel.Attr) {
				v.errorf(f, "attr %q is not an attribute name such as href or datetime", sel.Attr)
			}
			if sel.Regex != "" {
				if _, err := regexp.Compile(sel.Regex); err != nil {
					v.errorf(f, "invalid regular expression: %v", err)
				}
			}
		})
	}
	if s.Kind != "html" {
		return
	}
	if s.Item == "" && s.Link == "" {
		v.errorf(p+".kind", "kind html needs item (one element per job on a list page), link (each job's own page), or both")
	}
	if s.Fields != nil && s.Item == "" {
		v.errorf(p+".fields", "fields are read within each item: set item, or read them on each job's page under detail")
	}
	if s.Detail != nil && s.Link == "" {
		v.errorf(p+".detail", "detail fields are read on each job's page: set link")
	}
	if s.Detail != nil && s.Detail.URL.Set() {
		v.errorf(p+".detail.url", "a job page's address is the page's own; read url under fields")
	}
	fields, detail := s.Fields, s.Detail
	if fields == nil {
		fields = &HTMLFields{}
	}
	if detail == nil {
		detail = &HTMLFields{}
	}
	// Named after the field where it would go, so that a title that is
	// there but failed to decode is reported once.
	group := p + ".detail."
	if s.Item != "" {
		group = p + ".fields."
	}
	if !fields.Title.Set() && !detail.Title.Set() {
		v.errorf(group+"title", "kind html needs a title selector, under fields or detail")
	}
	if !fields.Company.Set() && !detail.Company.Set() && strings.TrimSpace(s.CompanyName) == "" {
		v.errorf(group+"company", "kind html needs company_name, or a company selector under fields or detail")
	}
}
