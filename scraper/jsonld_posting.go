package scraper

import (
	"bytes"
	"encoding/json"
	"html"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/jobstats/jobstats"
)

// This file maps one schema.org JobPosting to a listing: title, company,
// identifier, dates, description and education.

// listing maps the posting to a Listing. Source, ID and Company override
// are left to the caller.
func (p *ldPosting) listing(page *url.URL) (jobstats.Listing, error) {
	title := textOf(p.Title)
	if title == "" {
		title = textOf(p.Name)
	}
	if title == "" {
		return jobstats.Listing{}, errNoTitle
	}
	l := jobstats.Listing{
		Title:          title,
		Company:        textOf(ldName(p.HiringOrganization)),
		Location:       ldLocation(p.JobLocation),
		EmploymentType: strings.Join(ldStrings(p.EmploymentType), ", "),
		PostedAt:       parseTime(p.DatePosted),
		Description:    ldDescription(p.Description),
		DegreeText:     ldEducation(p.EducationRequirements),
	}
	for _, t := range ldStrings(p.JobLocationType) {
		if strings.EqualFold(strings.TrimSpace(t), "TELECOMMUTE") {
			l.Workplace = jobstats.WorkplaceRemote
		}
	}
	// The structured place: the first jobLocation's address, and for a
	// remote job the areas its applicants must be in.
	country, region, locality := ldAddressParts(p.JobLocation)
	setPlace(&l, country, region, locality)
	if l.Workplace == jobstats.WorkplaceRemote {
		setRemoteScope(&l, ldNames(p.ApplicantLocation))
	}
	pageURL := *page
	pageURL.Fragment, pageURL.RawFragment = "", ""
	l.URL = pageURL.String()
	if s := strings.TrimSpace(p.URL); s != "" {
		if u, err := page.Parse(s); err == nil && (u.Scheme == "http" || u.Scheme == "https") {
			u.Fragment, u.RawFragment = "", ""
			l.URL = u.String()
		}
	}
	l.SourceID = ldIdentifier(p.Identifier)
	if l.SourceID == "" {
		l.SourceID = l.URL
	}
	var text string
	l.Salary, text = ldSalary(p.BaseSalary, 0)
	if l.Salary == nil && text == "" {
		l.Salary, text = ldSalary(p.EstimatedSalary, 0)
	}
	if l.Salary == nil {
		l.SalaryText = text
	} else if l.Salary.Currency == "" {
		// schema.org JobPosting.salaryCurrency names the currency of a
		// baseSalary given as a bare number.
		l.Salary.Currency = strings.ToUpper(ldName(p.SalaryCurrency))
	}
	return l, nil
}

// textOf decodes character references once and tidies white space, for
// short fields (title, company) that some sites HTML-escape.
func textOf(s string) string {
	if strings.IndexByte(s, '&') >= 0 {
		s = html.UnescapeString(s)
	}
	return jobstats.TrimSpace(s)
}

// ldDescription turns a description into plain text. Descriptions written
// as escaped HTML ("&lt;p&gt;...") are unescaped to HTML first: their
// markup was meant, not their entities.
func ldDescription(s string) string {
	if !strings.Contains(s, "<") && strings.Contains(s, "&lt;") {
		s = html.UnescapeString(s)
	}
	return plainText(s)
}

// jsonString decodes a JSON string value as json.Unmarshal does, without
// the decoder for the common string that has no escapes and is UTF-8.
func jsonString(raw json.RawMessage) (string, bool) {
	if len(raw) < 2 || raw[0] != '"' {
		return "", false
	}
	if in := raw[1 : len(raw)-1]; raw[len(raw)-1] == '"' && bytes.IndexByte(in, '\\') < 0 && bytes.IndexByte(in, '"') < 0 && utf8.Valid(in) {
		return string(in), true
	}
	var s string
	if json.Unmarshal(raw, &s) != nil {
		return "", false
	}
	return s, true
}

// ldStrings reads a string or an array of strings; other values give nil.
func ldStrings(raw json.RawMessage) []string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return nil
	}
	switch raw[0] {
	case '"':
		if s, ok := jsonString(raw); ok && s != "" {
			return []string{s}
		}
	case '[':
		items, ok := ldItems(raw)
		if !ok {
			return nil
		}
		var out []string
		for _, it := range items {
			if s, ok := jsonString(it); ok && strings.TrimSpace(s) != "" {
				out = append(out, strings.TrimSpace(s))
			}
		}
		return out
	}
	return nil
}

// ldNamed is any node of which the name (or a bare value) is wanted.
type ldNamed struct {
	Name  json.RawMessage `json:"name"`
	Value json.RawMessage `json:"@value"`
}

func (n *ldNamed) read(raw []byte) bool {
	return ldFields(raw, ldNamedFields, &n.Name, &n.Value)
}

var ldNamedFields = []string{"name", "@value"}

// ldName reads a string, a number, an object's name (or @value), or the
// first usable element of an array.
func ldName(raw json.RawMessage) string {
	return ldNameDepth(raw, 0)
}

func ldNameDepth(raw json.RawMessage, depth int) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || depth > maxLDDepth {
		return ""
	}
	switch c := raw[0]; {
	case c == '"':
		if s, ok := jsonString(raw); ok {
			return strings.TrimSpace(s)
		}
	case c == '-' || (c >= '0' && c <= '9'):
		return string(raw)
	case c == '{':
		var n ldNamed
		if n.read(raw) {
			if s := ldNameDepth(n.Name, depth+1); s != "" {
				return s
			}
			return ldNameDepth(n.Value, depth+1)
		}
	case c == '[':
		if items, ok := ldItems(raw); ok {
			for _, it := range items {
				if s := ldNameDepth(it, depth+1); s != "" {
					return s
				}
			}
		}
	}
	return ""
}

func containsString(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

// ldIdentifierNode is a schema.org PropertyValue.
type ldIdentifierNode struct {
	Value json.RawMessage `json:"value"`
	AtVal json.RawMessage `json:"@value"`
}

func (n *ldIdentifierNode) read(raw []byte) bool {
	return ldFields(raw, ldIdentifierFields, &n.Value, &n.AtVal)
}

var ldIdentifierFields = []string{"value", "@value"}

// ldIdentifier reads identifier: a string, a number, a PropertyValue's
// value, or the first of an array of those.
func ldIdentifier(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return ""
	}
	switch raw[0] {
	case '{':
		var n ldIdentifierNode
		if !n.read(raw) {
			return ""
		}
		if s := ldIdentifier(n.Value); s != "" {
			return s
		}
		return ldIdentifier(n.AtVal)
	case '[':
		if items, ok := ldItems(raw); ok {
			for _, it := range items {
				if bytes.HasPrefix(bytes.TrimSpace(it), []byte("[")) {
					continue
				}
				if s := ldIdentifier(it); s != "" {
					return s
				}
			}
		}
		return ""
	}
	return ldName(raw)
}

// ldCredential is a schema.org EducationalOccupationalCredential.
type ldCredential struct {
	CredentialCategory json.RawMessage `json:"credentialCategory"`
	Name               json.RawMessage `json:"name"`
	Description        json.RawMessage `json:"description"`
}

func (c *ldCredential) read(raw []byte) bool {
	return ldFields(raw, ldCredentialFields, &c.CredentialCategory, &c.Name, &c.Description)
}

var ldCredentialFields = []string{"credentialCategory", "name", "description"}

// ldEducation reads educationRequirements: text, a credential (its
// credentialCategory), or an array of them, joined with "; ".
func ldEducation(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return ""
	}
	var items []json.RawMessage
	if raw[0] == '[' {
		var ok bool
		if items, ok = ldItems(raw); !ok {
			return ""
		}
	} else {
		items = []json.RawMessage{raw}
	}
	var out []string
	for _, it := range items {
		it = bytes.TrimSpace(it)
		var s string
		if len(it) > 0 && it[0] == '{' {
			var c ldCredential
			if c.read(it) {
				s = ldName(c.CredentialCategory)
				if s == "" {
					s = ldName(c.Name)
				}
				if s == "" {
					s = ldName(c.Description)
				}
			}
		} else {
			s = ldName(it)
		}
		if s = plainText(s); s != "" && !containsString(out, s) {
			out = append(out, s)
		}
	}
	return strings.Join(out, "; ")
}
