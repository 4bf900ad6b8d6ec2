package scraper

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/jobstats/jobstats"
)

// This file holds the jsonld kind's pure half: one pass over a page's bytes
// that finds its JSON-LD blocks and links, and the mapping of schema.org
// JobPosting objects to listings. Nothing here does I/O.

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
// node turns out to be a posting.
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
	HiringOrganization    json.RawMessage `json:"hiringOrganization"`
	JobLocation           json.RawMessage `json:"jobLocation"`
	Identifier            json.RawMessage `json:"identifier"`
	BaseSalary            json.RawMessage `json:"baseSalary"`
	EstimatedSalary       json.RawMessage `json:"estimatedSalary"`
	SalaryCurrency        json.RawMessage `json:"salaryCurrency"`
	EducationRequirements json.RawMessage `json:"educationRequirements"`
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

// walkTop walks a block that should be one JSON value, decoding it once.
// It returns a syntax error, leaving dst alone, when it is not JSON.
func walkTop(dst *[]jobstats.Listing, block []byte, page *url.URL, firstErr *error) error {
	switch block[0] {
	case '[':
		var items []json.RawMessage
		if err := json.Unmarshal(block, &items); err != nil {
			var te *json.UnmarshalTypeError
			if !errors.As(err, &te) {
				return err
			}
		}
		for _, it := range items {
			*dst = walkLD(*dst, it, page, 1, firstErr)
		}
		return nil
	case '{':
		var p ldPosting
		if err := json.Unmarshal(block, &p); err != nil {
			var te *json.UnmarshalTypeError
			if !errors.As(err, &te) {
				return err
			}
		}
		*dst = p.walk(*dst, page, 0, firstErr)
		return nil
	}
	return errors.New("no JSON object or array")
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
		var items []json.RawMessage
		if json.Unmarshal(raw, &items) != nil {
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
	if err := json.Unmarshal(raw, &p); err != nil {
		var te *json.UnmarshalTypeError
		if !errors.As(err, &te) {
			return dst
		}
		// A field of an unexpected type is left empty; the rest is decoded.
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
		PostedAt:       parseLDTime(p.DatePosted),
		Description:    ldDescription(p.Description),
		DegreeText:     ldEducation(p.EducationRequirements),
	}
	for _, t := range ldStrings(p.JobLocationType) {
		if strings.EqualFold(strings.TrimSpace(t), "TELECOMMUTE") {
			l.Workplace = jobstats.WorkplaceRemote
		}
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

// jsonString decodes a JSON string value, without the decoder for the
// common string that has no escapes.
func jsonString(raw json.RawMessage) (string, bool) {
	if len(raw) < 2 || raw[0] != '"' {
		return "", false
	}
	if in := raw[1 : len(raw)-1]; raw[len(raw)-1] == '"' && bytes.IndexByte(in, '\\') < 0 && bytes.IndexByte(in, '"') < 0 {
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
		var items []json.RawMessage
		if json.Unmarshal(raw, &items) != nil {
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
		if json.Unmarshal(raw, &n) == nil {
			if s := ldNameDepth(n.Name, depth+1); s != "" {
				return s
			}
			return ldNameDepth(n.Value, depth+1)
		}
	case c == '[':
		var items []json.RawMessage
		if json.Unmarshal(raw, &items) == nil {
			for _, it := range items {
				if s := ldNameDepth(it, depth+1); s != "" {
					return s
				}
			}
		}
	}
	return ""
}

// ldPlace is a schema.org Place.
type ldPlace struct {
	Name    json.RawMessage `json:"name"`
	Address json.RawMessage `json:"address"`
}

// ldAddress is a schema.org PostalAddress.
type ldAddress struct {
	Locality json.RawMessage `json:"addressLocality"`
	Region   json.RawMessage `json:"addressRegion"`
	Country  json.RawMessage `json:"addressCountry"`
	Name     json.RawMessage `json:"name"`
}

// ldLocation reads jobLocation (a Place or an array of them) as
// "City, Region, Country", several places joined with "; ".
func ldLocation(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return ""
	}
	var places []json.RawMessage
	switch raw[0] {
	case '[':
		if json.Unmarshal(raw, &places) != nil {
			return ""
		}
	case '{', '"':
		places = []json.RawMessage{raw}
	}
	var out []string
	for _, pr := range places {
		s := ldPlaceText(pr)
		if s != "" && !containsString(out, s) {
			out = append(out, s)
		}
	}
	return strings.Join(out, "; ")
}

func ldPlaceText(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return ""
	}
	if raw[0] != '{' {
		return textOf(ldName(raw))
	}
	var p ldPlace
	if json.Unmarshal(raw, &p) != nil {
		return ""
	}
	addr := bytes.TrimSpace(p.Address)
	if len(addr) > 0 && addr[0] == '[' {
		var items []json.RawMessage
		if json.Unmarshal(addr, &items) == nil && len(items) > 0 {
			addr = bytes.TrimSpace(items[0])
		}
	}
	if len(addr) > 0 && addr[0] == '{' {
		var a ldAddress
		if json.Unmarshal(addr, &a) == nil {
			var parts []string
			for _, f := range []json.RawMessage{a.Locality, a.Region, a.Country} {
				if s := textOf(ldName(f)); s != "" && !containsString(parts, s) {
					parts = append(parts, s)
				}
			}
			if len(parts) > 0 {
				return strings.Join(parts, ", ")
			}
			if s := textOf(ldName(a.Name)); s != "" {
				return s
			}
		}
	} else if s := textOf(ldName(addr)); s != "" {
		return s
	}
	return textOf(ldName(p.Name))
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
		if json.Unmarshal(raw, &n) != nil {
			return ""
		}
		if s := ldIdentifier(n.Value); s != "" {
			return s
		}
		return ldIdentifier(n.AtVal)
	case '[':
		var items []json.RawMessage
		if json.Unmarshal(raw, &items) == nil {
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

// ldEducation reads educationRequirements: text, a credential (its
// credentialCategory), or an array of them, joined with "; ".
func ldEducation(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return ""
	}
	var items []json.RawMessage
	if raw[0] == '[' {
		if json.Unmarshal(raw, &items) != nil {
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
			if json.Unmarshal(it, &c) == nil {
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

// ldMoney is a schema.org MonetaryAmount; ldQuantity a QuantitativeValue.
type ldMoney struct {
	Currency json.RawMessage `json:"currency"`
	Value    json.RawMessage `json:"value"`
	MinValue json.RawMessage `json:"minValue"`
	MaxValue json.RawMessage `json:"maxValue"`
	UnitText json.RawMessage `json:"unitText"`
}

type ldQuantity struct {
	Value    json.RawMessage `json:"value"`
	MinValue json.RawMessage `json:"minValue"`
	MaxValue json.RawMessage `json:"maxValue"`
	UnitText json.RawMessage `json:"unitText"`
}

// ldSalary reads baseSalary or estimatedSalary: a MonetaryAmount whose
// value is a QuantitativeValue, a number or a string, or a bare number or
// string. It returns nil and the pay as written when it is text that is
// not a plain number, nil and "" when there is no pay.
func ldSalary(raw json.RawMessage, depth int) (*jobstats.Salary, string) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || depth > maxLDDepth {
		return nil, ""
	}
	var lo, hi float64
	var currency, unit, text string
	switch raw[0] {
	case '[':
		var items []json.RawMessage
		if json.Unmarshal(raw, &items) == nil {
			for _, it := range items {
				if s, t := ldSalary(it, depth+1); s != nil || t != "" {
					return s, t
				}
			}
		}
		return nil, ""
	case '{':
		var m ldMoney
		if json.Unmarshal(raw, &m) != nil {
			return nil, ""
		}
		currency = ldName(m.Currency)
		unit = ldName(m.UnitText)
		lo, _ = ldNumber(m.MinValue)
		hi, _ = ldNumber(m.MaxValue)
		v := bytes.TrimSpace(m.Value)
		if len(v) > 0 && v[0] == '{' {
			var q ldQuantity
			if json.Unmarshal(v, &q) == nil {
				if u := ldName(q.UnitText); u != "" {
					unit = u
				}
				if n, ok := ldNumber(q.MinValue); ok {
					lo = n
				}
				if n, ok := ldNumber(q.MaxValue); ok {
					hi = n
				}
				v = q.Value
			}
		}
		if lo <= 0 && hi <= 0 {
			n, ok := ldNumber(v)
			if !ok {
				text = ldName(v)
			}
			lo, hi = n, n
		}
	default:
		n, ok := ldNumber(raw)
		if !ok {
			return nil, ldName(raw)
		}
		lo, hi = n, n
	}
	s := &jobstats.Salary{
		Min:      jobstats.AmountOf(lo),
		Max:      jobstats.AmountOf(hi),
		Currency: strings.ToUpper(strings.TrimSpace(currency)),
		From:     jobstats.SalaryFromField,
	}
	if s.Min <= 0 && s.Max <= 0 {
		if text != "" && s.Currency != "" && !strings.Contains(text, s.Currency) {
			text = s.Currency + " " + text
		}
		if text != "" && unit != "" {
			text += " per " + strings.ToLower(unit)
		}
		return nil, text
	}
	if s.Min > 0 && s.Max > 0 && s.Min > s.Max {
		s.Min, s.Max = s.Max, s.Min
	}
	s.Period, _ = jobstats.ParsePeriod(unit)
	return s, ""
}

// ldNumber reads a JSON number, or a string holding one written plainly
// or as "$100,000", "100 000", "85k". It reports false for anything else,
// including ranges.
func ldNumber(raw json.RawMessage) (float64, bool) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return 0, false
	}
	if raw[0] != '"' {
		f, err := strconv.ParseFloat(string(raw), 64)
		return f, err == nil
	}
	s, ok := jsonString(raw)
	if !ok {
		return 0, false
	}
	return looseNumber(s)
}

func looseNumber(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	mult := 1.0
	var b strings.Builder
	digits := false
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
			digits = true
		case r == '.':
			b.WriteRune(r)
		case r == ',' || r == ' ' || r == '\u00a0' || r == '\'' || r == '_':
			// thousands separators
		case (r == 'k' || r == 'K') && digits && strings.TrimSpace(s[i+1:]) == "":
			mult = 1000
		case !digits && (r == '$' || r == '€' || r == '£' || r == '¥' || r == '₹' || isUpperASCII(r)):
			// a leading currency symbol or code
		default:
			return 0, false
		}
	}
	if !digits {
		return 0, false
	}
	f, err := strconv.ParseFloat(b.String(), 64)
	if err != nil {
		return 0, false
	}
	return f * mult, true
}

func isUpperASCII(r rune) bool { return r >= 'A' && r <= 'Z' }

// ldTimeLayouts are the datePosted forms seen in the wild, most common first.
var ldTimeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02T15:04:05-0700",
	"2006-01-02T15:04:05.999999999-0700",
	"2006-01-02T15:04Z07:00",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04:05Z07:00",
}

// parseLDTime reads datePosted as UTC; zero when it is not a date.
func parseLDTime(s string) time.Time {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}
	}
	for _, layout := range ldTimeLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC()
		}
	}
	return time.Time{}
}
