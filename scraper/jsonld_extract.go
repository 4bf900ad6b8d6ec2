package scraper

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"

	"github.com/jobstats/jobstats"
)

// This file holds the jsonld kind's pure half: it takes the JSON-LD blocks
// of a scanned page, decodes them as forgivingly as the web needs, and
// finds every schema.org JobPosting in them. The mapping of one posting to
// a listing is in jsonld_posting.go, its place in jsonld_location.go and
// its pay in jsonld_salary.go. Nothing here does I/O.

// extractPage scans body once, hands every link of the page to onLink as
// an absolute URL without fragment, rel="next" links first (the slice is reused after onLink
// returns), and returns the listings of every JobPosting in its JSON-LD
// with Source and ID unset, and an error for each block it could not use.
// Listings without an identifier that would share a SourceID on the page
// get "#2", "#3"... appended.
func extractPage(body []byte, page *url.URL, onLink func(abs []byte)) ([]jobstats.Listing, []error) {
	scan := scanPage(body)
	if onLink != nil && len(scan.hrefs)+len(scan.next) > 0 {
		r := newLinkResolver(page, scan.base)
		for _, h := range scan.next {
			if abs := r.resolve(h); abs != nil {
				onLink(abs)
			}
		}
		for _, h := range scan.hrefs {
			if abs := r.resolve(h); abs != nil {
				onLink(abs)
			}
		}
	}
	var out []jobstats.Listing
	var errs []error
	for _, block := range scan.ld {
		var err error
		out, err = extractPostings(out, block, page)
		if err != nil {
			errs = append(errs, err)
		}
	}
	if len(out) > 1 {
		seen := make(map[string]int, len(out))
		for i := range out {
			id := out[i].SourceID
			seen[id]++
			if n := seen[id]; n > 1 {
				out[i].SourceID = id + "#" + strconv.Itoa(n)
			}
		}
	}
	return out, errs
}

// ldPosting is a JSON-LD node decoded as far as every node needs: its type
// and graph. The JobPosting fields whose shape varies stay raw until the
// node turns out to be a posting. The json tags document the member names;
// ldPosting.read is what reads them.
type ldPosting struct {
	Type                  json.RawMessage `json:"@type"`
	Graph                 json.RawMessage `json:"@graph"`
	Title                 string          `json:"title"`
	Name                  string          `json:"name"`
	Description           string          `json:"description"`
	URL                   string          `json:"url"`
	DatePosted            string          `json:"datePosted"`
	EmploymentType        json.RawMessage `json:"employmentType"`
	JobLocationType       json.RawMessage `json:"jobLocationType"`
	ApplicantLocation     json.RawMessage `json:"applicantLocationRequirements"`
	HiringOrganization    json.RawMessage `json:"hiringOrganization"`
	JobLocation           json.RawMessage `json:"jobLocation"`
	Identifier            json.RawMessage `json:"identifier"`
	BaseSalary            json.RawMessage `json:"baseSalary"`
	EstimatedSalary       json.RawMessage `json:"estimatedSalary"`
	SalaryCurrency        json.RawMessage `json:"salaryCurrency"`
	EducationRequirements json.RawMessage `json:"educationRequirements"`
}

// read sets p from the members of a JSON object, as json.Unmarshal
// would: a string field given another type (or null) is left as it was.
// It reports false when raw is not an object.
func (p *ldPosting) read(raw []byte) bool {
	return ldMembers(raw, func(key, val []byte) {
		for k := range ldPostingFields {
			f := &ldPostingFields[k]
			if !bytes.EqualFold(key, []byte(f.name)) {
				continue
			}
			if f.raw != nil {
				*f.raw(p) = val
			} else if s, ok := jsonString(val); ok {
				*f.str(p) = s
			}
			return
		}
	})
}

// ldPostingFields are the members ldPosting.read takes, each to a raw
// or a string field.
var ldPostingFields = []struct {
	name string
	raw  func(*ldPosting) *json.RawMessage
	str  func(*ldPosting) *string
}{
	{name: "@type", raw: func(p *ldPosting) *json.RawMessage { return &p.Type }},
	{name: "@graph", raw: func(p *ldPosting) *json.RawMessage { return &p.Graph }},
	{name: "title", str: func(p *ldPosting) *string { return &p.Title }},
	{name: "name", str: func(p *ldPosting) *string { return &p.Name }},
	{name: "description", str: func(p *ldPosting) *string { return &p.Description }},
	{name: "url", str: func(p *ldPosting) *string { return &p.URL }},
	{name: "datePosted", str: func(p *ldPosting) *string { return &p.DatePosted }},
	{name: "employmentType", raw: func(p *ldPosting) *json.RawMessage { return &p.EmploymentType }},
	{name: "jobLocationType", raw: func(p *ldPosting) *json.RawMessage { return &p.JobLocationType }},
	{name: "applicantLocationRequirements", raw: func(p *ldPosting) *json.RawMessage { return &p.ApplicantLocation }},
	{name: "hiringOrganization", raw: func(p *ldPosting) *json.RawMessage { return &p.HiringOrganization }},
	{name: "jobLocation", raw: func(p *ldPosting) *json.RawMessage { return &p.JobLocation }},
	{name: "identifier", raw: func(p *ldPosting) *json.RawMessage { return &p.Identifier }},
	{name: "baseSalary", raw: func(p *ldPosting) *json.RawMessage { return &p.BaseSalary }},
	{name: "estimatedSalary", raw: func(p *ldPosting) *json.RawMessage { return &p.EstimatedSalary }},
	{name: "salaryCurrency", raw: func(p *ldPosting) *json.RawMessage { return &p.SalaryCurrency }},
	{name: "educationRequirements", raw: func(p *ldPosting) *json.RawMessage { return &p.EducationRequirements }},
}

// errNoTitle is reported for a JobPosting without a title.
var errNoTitle = errors.New("job posting has no title")

// maxLDDepth bounds the nesting of arrays and @graph that is followed.
const maxLDDepth = 8

// extractPostings decodes one JSON-LD block and appends a listing for every
// JobPosting in it (a single object, an array, an @graph, nested arrays of
// mixed types) to dst. page is the URL the block was found on. It returns
// an error for a block that is not JSON, or a posting it cannot use; the
// postings it could use are appended even then.
func extractPostings(dst []jobstats.Listing, block []byte, page *url.URL) ([]jobstats.Listing, error) {
	block = cleanLD(block)
	if len(block) == 0 {
		return dst, nil
	}
	var firstErr error
	if err := walkTop(&dst, block, page, &firstErr); err == nil {
		return dst, firstErr
	}
	values, err := salvageJSON(block)
	if err != nil {
		return dst, fmt.Errorf("malformed JSON-LD: %w", err)
	}
	for _, v := range values {
		dst = walkLD(dst, v, page, 0, &firstErr)
	}
	return dst, firstErr
}

// walkTop walks a block that should be one JSON value. It returns a
// syntax error, leaving dst alone, when it is not JSON: once valid, the
// block is read by ldItems and ldFields without further checks.
func walkTop(dst *[]jobstats.Listing, block []byte, page *url.URL, firstErr *error) error {
	if block[0] != '[' && block[0] != '{' {
		return errors.New("no JSON object or array")
	}
	if !json.Valid(block) {
		return errors.New("invalid JSON")
	}
	*dst = walkLD(*dst, block, page, 0, firstErr)
	return nil
}

// salvageJSON reads what a block that is not one JSON value holds: the
// JSON values after any leading wrapper (comment or CDATA markers), with
// raw control characters inside strings escaped. Text after the values is
// ignored. It returns the syntax error of the block when nothing is usable.
func salvageJSON(b []byte) ([]json.RawMessage, error) {
	if b[0] != '{' && b[0] != '[' {
		return nil, errors.New("no JSON object or array")
	}
	values, err := decodeValues(b)
	if len(values) == 0 {
		if fixed, ok := escapeControls(b); ok {
			values, _ = decodeValues(fixed)
		}
	}
	if len(values) == 0 {
		return nil, err
	}
	return values, nil
}

// decodeValues decodes consecutive JSON values from b until the first
// error; the error is returned with the values before it.
func decodeValues(b []byte) ([]json.RawMessage, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	var out []json.RawMessage
	for {
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			if err == io.EOF {
				err = nil
			}
			return out, err
		}
		out = append(out, v)
	}
}

func walkLD(dst []jobstats.Listing, raw json.RawMessage, page *url.URL, depth int, firstErr *error) []jobstats.Listing {
	if depth > maxLDDepth {
		return dst
	}
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return dst
	}
	switch raw[0] {
	case '[':
		items, ok := ldItems(raw)
		if !ok {
			return dst
		}
		for _, it := range items {
			dst = walkLD(dst, it, page, depth+1, firstErr)
		}
		return dst
	case '{':
	default:
		return dst
	}
	var p ldPosting
	if !p.read(raw) {
		return dst
	}
	return p.walk(dst, page, depth, firstErr)
}

// walk appends the listing of p when it is a JobPosting, then walks its
// @graph.
func (p *ldPosting) walk(dst []jobstats.Listing, page *url.URL, depth int, firstErr *error) []jobstats.Listing {
	if isJobPosting(p.Type) {
		l, err := p.listing(page)
		if err != nil {
			if *firstErr == nil {
				*firstErr = err
			}
		} else {
			dst = append(dst, l)
		}
	}
	if len(p.Graph) > 0 {
		dst = walkLD(dst, p.Graph, page, depth+1, firstErr)
	}
	return dst
}

// cleanLD strips what pages wrap around JSON-LD: white space, HTML
// comment markers, CDATA sections (also behind // and in Drupal's
// "<!--//--><![CDATA[//><!--" form), a trailing semicolon.
func cleanLD(b []byte) []byte {
	for {
		n := len(b)
		b = bytes.TrimSpace(b)
		for _, p := range ldWrappers {
			b = bytes.TrimPrefix(b, []byte(p))
		}
		for _, p := range ldWrappers {
			b = bytes.TrimSuffix(b, []byte(p))
		}
		b = bytes.TrimSuffix(b, []byte(";"))
		if len(b) == n {
			return b
		}
	}
}

var ldWrappers = []string{"<!--", "-->", "//", "<![CDATA[", "<!]]>", "]]>", "><!--", ">"}

// escapeControls escapes raw control characters inside JSON strings (a
// common fault of hand-written JSON-LD: literal new lines in a
// description). It reports false when there were none.
func escapeControls(b []byte) ([]byte, bool) {
	var out []byte
	in, esc := false, false
	for i, c := range b {
		switch {
		case esc:
			esc = false
		case in && c == '\\':
			esc = true
		case c == '"':
			in = !in
		case in && c < 0x20:
			if out == nil {
				out = append(make([]byte, 0, len(b)+16), b[:i]...)
			}
			switch c {
			case '\n':
				out = append(out, `\n`...)
			case '\r':
				out = append(out, `\r`...)
			case '\t':
				out = append(out, `\t`...)
			default:
				out = append(out, ' ')
			}
			continue
		}
		if out != nil {
			out = append(out, c)
		}
	}
	return out, out != nil
}

// isJobPosting reports whether an @type (string or array) names
// schema.org's JobPosting, bare or as an IRI.
func isJobPosting(raw json.RawMessage) bool {
	for _, t := range ldStrings(raw) {
		t = strings.TrimSpace(t)
		if t == "JobPosting" || strings.HasSuffix(t, "/JobPosting") || strings.HasSuffix(t, ":JobPosting") {
			return true
		}
	}
	return false
}
