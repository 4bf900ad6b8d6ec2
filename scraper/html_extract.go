package scraper

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/andybalholm/cascadia"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/config"
)

// This file is the html kind's pure half: the compiled selectors of a
// source and what they read from a list page or a job's page. Nothing here
// does I/O.

// htmlRules are the compiled selectors of one html source.
type htmlRules struct {
	next, item, link cascadia.Selector // nil when not set
	fields, detail   []fieldRule
}

// fieldRule reads one field (see config.Selector).
type fieldRule struct {
	key  string // the yaml key: title, company, ...
	css  string
	sel  cascadia.Selector
	attr string
	re   *regexp.Regexp
	all  bool
}

// compileHTMLRules compiles the selectors of src. Config validation
// compiles them the same way (config.CompileCSS), so an error here means a
// Source that was not loaded by config.
func compileHTMLRules(src config.Source) (*htmlRules, error) {
	r := &htmlRules{}
	var err error
	for _, c := range []struct {
		key, css string
		dst      *cascadia.Selector
	}{{"next", src.Next, &r.next}, {"item", src.Item, &r.item}, {"link", src.Link, &r.link}} {
		if c.css == "" {
			continue
		}
		if *c.dst, err = config.CompileCSS(c.css); err != nil {
			return nil, fmt.Errorf("%s: %w", c.key, err)
		}
	}
	compile := func(group string, fs *config.HTMLFields) ([]fieldRule, error) {
		var out []fieldRule
		var first error
		fs.Each(func(key string, s config.Selector) {
			f := fieldRule{key: key, css: s.CSS, attr: strings.TrimSpace(s.Attr), all: s.All}
			var err error
			if f.sel, err = config.CompileCSS(s.CSS); err != nil && first == nil {
				first = fmt.Errorf("%s.%s: %w", group, key, err)
			}
			if s.Regex != "" {
				if f.re, err = regexp.Compile(s.Regex); err != nil && first == nil {
					first = fmt.Errorf("%s.%s: regex: %w", group, key, err)
				}
			}
			out = append(out, f)
		})
		return out, first
	}
	if r.fields, err = compile("fields", src.Fields); err != nil {
		return nil, err
	}
	if r.detail, err = compile("detail", src.Detail); err != nil {
		return nil, err
	}
	if r.item == nil && r.link == nil {
		return nil, errors.New("neither item nor link is set")
	}
	return r, nil
}

// htmlDoc is a parsed page and the address its relative links resolve
// against (its <base href>, else its own).
type htmlDoc struct {
	doc  *goquery.Document
	base *url.URL
}

// parseHTMLDoc parses body, the page at page.
func parseHTMLDoc(body []byte, page *url.URL) (htmlDoc, error) {
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(body))
	if err != nil {
		return htmlDoc{}, fmt.Errorf("parse html: %w", err)
	}
	d := htmlDoc{doc: doc, base: page}
	if href, ok := doc.Find("base[href]").First().Attr("href"); ok {
		if b, err := page.Parse(strings.TrimSpace(href)); err == nil && (b.Scheme == "http" || b.Scheme == "https") {
			d.base = b
		}
	}
	return d, nil
}

// resolve returns the absolute http(s) address of href without its
// fragment, "" when there is none.
func (d htmlDoc) resolve(href string) string {
	href = strings.TrimSpace(href)
	if href == "" || strings.HasPrefix(href, "#") {
		return ""
	}
	u, err := d.base.Parse(href)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	u.Fragment, u.RawFragment = "", ""
	return u.String()
}

// htmlJob is a job found on a list page.
type htmlJob struct {
	// Listing holds what the item's fields said; no identity yet.
	jobstats.Listing
	// Page is the job's own page: where detail fields are read, or, for a
	// source without a link selector, the item's url field or first link
	// ("" when it has none).
	Page string
	// IDField is what the id field read in the item, "" when none.
	IDField string
}

// htmlList is what a list page holds.
type htmlList struct {
	Jobs []htmlJob
	// Next are the list pages it links to as next, in page order.
	Next []string
	// Skipped are the items that could not be used, with why.
	Skipped []error
}

// readList reads a list page: its next links, and its jobs, from the items
// (fields read within each, the detail link within each) or, without an
// item selector, from the detail links of the whole page.
func (r *htmlRules) readList(d htmlDoc, now time.Time) htmlList {
	var out htmlList
	seen := map[string]bool{}
	if r.next != nil {
		d.doc.FindMatcher(r.next).Each(func(_ int, s *goquery.Selection) {
			if u := d.resolve(linkHref(s)); u != "" && !seen[u] {
				seen[u] = true
				out.Next = append(out.Next, u)
			}
		})
	}
	if r.item == nil {
		pages := map[string]bool{}
		d.doc.FindMatcher(r.link).Each(func(_ int, s *goquery.Selection) {
			if u := d.resolve(linkHref(s)); u != "" && !pages[u] {
				pages[u] = true
				out.Jobs = append(out.Jobs, htmlJob{Page: u})
			}
		})
		return out
	}
	d.doc.FindMatcher(r.item).Each(func(i int, item *goquery.Selection) {
		var j htmlJob
		j.IDField, j.Page = applyFields(&j.Listing, r.fields, item, d, now)
		if r.link != nil {
			// The link wins over a url field: it is where details are read.
			if u := d.resolve(linkHref(within(item, r.link).First())); u != "" {
				j.Page = u
			}
			if j.Page == "" {
				out.Skipped = append(out.Skipped, fmt.Errorf("item %d (%q): no link to its page", i+1, j.Title))
				return
			}
		} else if j.Page == "" {
			j.Page = d.resolve(linkHref(item))
		}
		if j.Title == "" && !r.detailHas("title") {
			out.Skipped = append(out.Skipped, fmt.Errorf("item %d: no title", i+1))
			return
		}
		if j.Page == "" && j.IDField == "" {
			out.Skipped = append(out.Skipped, fmt.Errorf("item %d (%q): no link and no id", i+1, j.Title))
			return
		}
		out.Jobs = append(out.Jobs, j)
	})
	return out
}

// detailHas reports whether a detail field key is read.
func (r *htmlRules) detailHas(key string) bool {
	for _, f := range r.detail {
		if f.key == key {
			return true
		}
	}
	return false
}

// readDetail reads a job's own page into l, which holds what its list item
// said: the detail fields first (they override the item's), then the
// page's JSON-LD JobPosting, which wins wherever it says something. It
// returns what the id field read.
func (r *htmlRules) readDetail(l *jobstats.Listing, body []byte, d htmlDoc, now time.Time) string {
	id, _ := applyFields(l, r.detail, d.doc.Selection, d, now)
	var ld []jobstats.Listing
	for _, block := range scanPage(body).ld {
		ld, _ = extractPostings(ld, block, d.base)
	}
	if len(ld) > 0 {
		overlayLD(l, ld[0])
	}
	return id
}

// overlayLD sets every field of l that the JSON-LD posting p states.
// Identity and address stay l's.
func overlayLD(l *jobstats.Listing, p jobstats.Listing) {
	set := func(dst *string, v string) {
		if v != "" {
			*dst = v
		}
	}
	set(&l.Title, p.Title)
	set(&l.Company, p.Company)
	set(&l.Location, p.Location)
	set(&l.EmploymentType, p.EmploymentType)
	set(&l.Description, p.Description)
	set(&l.DegreeText, p.DegreeText)
	set(&l.Country, p.Country)
	set(&l.Region, p.Region)
	set(&l.City, p.City)
	set(&l.RemoteScope, p.RemoteScope)
	if p.Workplace != jobstats.WorkplaceUnknown {
		l.Workplace = p.Workplace
	}
	if !p.PostedAt.IsZero() {
		l.PostedAt = p.PostedAt
	}
	if p.Salary != nil {
		l.Salary, l.SalaryText = p.Salary, ""
	} else if p.SalaryText != "" {
		l.SalaryText = p.SalaryText
	}
}

// applyFields reads rules within s into l and returns what the id and url
// fields read (url resolved).
func applyFields(l *jobstats.Listing, rules []fieldRule, s *goquery.Selection, d htmlDoc, now time.Time) (id, link string) {
	for _, f := range rules {
		v, _ := f.read(s)
		if v == "" {
			continue
		}
		switch f.key {
		case "title":
			l.Title = v
		case "company":
			l.Company = v
		case "location":
			l.Location = cleanLocation(v)
			if mentionsRemote(l.Location) {
				l.Workplace = jobstats.WorkplaceRemote
			}
		case "salary":
			l.SalaryText = v
		case "description":
			l.Description = v
		case "posted":
			l.PostedAt = parseDate(v, now)
		case "employment_type":
			l.EmploymentType = v
		case "url":
			link = d.resolve(v)
		case "id":
			id = v
		}
	}
	return id, link
}

// within returns the elements of s, and below s, that m matches, in
// document order: a field may be read from the item element itself.
func within(s *goquery.Selection, m goquery.Matcher) *goquery.Selection {
	return s.FilterMatcher(m).AddSelection(s.FindMatcher(m))
}

// read returns the field's value within s and how many elements matched.
// Descriptions keep their lines; every other field is one line.
func (f fieldRule) read(s *goquery.Selection) (string, int) {
	matches := within(s, f.sel)
	var vals []string
	matches.EachWithBreak(func(_ int, m *goquery.Selection) bool {
		var v string
		switch {
		case f.attr != "":
			v, _ = m.Attr(f.attr)
			if f.key == "description" {
				v = plainText(v)
			} else {
				v = cleanText(v)
			}
		case f.key == "description":
			v = selectionText(m)
		default:
			v = oneLine(selectionText(m))
		}
		if v != "" {
			vals = append(vals, v)
		}
		return f.all || v == ""
	})
	sep := ", "
	if f.key == "description" {
		sep = "\n"
	}
	v := strings.Join(vals, sep)
	if f.re != nil && v != "" {
		m := f.re.FindStringSubmatch(v)
		switch {
		case m == nil:
			v = ""
		case len(m) > 1:
			v = jobstats.TrimSpace(m[1])
		default:
			v = jobstats.TrimSpace(m[0])
		}
	}
	return v, matches.Length()
}

// selectionText is the plain text of the first element of s, read as
// plainText reads descriptions (block elements on their own lines).
func selectionText(s *goquery.Selection) string {
	h, err := goquery.OuterHtml(s)
	if err != nil {
		return ""
	}
	return plainText(h)
}

// oneLine joins the lines of a plain text with spaces, without the
// bullets plainText puts before list items.
func oneLine(s string) string {
	lines := strings.Split(s, "\n")
	for i, ln := range lines {
		lines[i] = strings.TrimPrefix(ln, "- ")
	}
	return jobstats.TrimSpace(strings.Join(lines, " "))
}

// linkHref is the href of the first element of s when it has one, else of
// the first link within it.
func linkHref(s *goquery.Selection) string {
	if s.Length() == 0 {
		return ""
	}
	if h, ok := s.First().Attr("href"); ok {
		return h
	}
	h, _ := s.First().Find("a[href]").First().Attr("href")
	return h
}
