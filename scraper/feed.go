package scraper

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"

	"golang.org/x/net/html/charset"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/config"
)

// This file reads job feeds: RSS 2.0 (and RSS 1.0), Atom and JSON Feed,
// into one shape, feedItem, and maps items to listings. The rss and
// teamtailor kinds use it. It is written on encoding/xml and
// encoding/json rather than a feed library: the three formats are small,
// and what job feeds add to them (WeWorkRemotely's <region> and <type>,
// Teamtailor's _jobposting) needs direct access to the items anyway.

// feedDoc is a feed read by parseFeed.
type feedDoc struct {
	Title string
	// Next is the address of the feed's next page (JSON Feed next_url,
	// Atom rel="next"), "" when there is none.
	Next  string
	Items []feedItem
}

// feedItem is one entry of a feed, whatever its format.
type feedItem struct {
	ID, Title, Link string
	// Content is the item's body as HTML (or text).
	Content string
	// Date is the publication date as written; Updated the modification date.
	Date, Updated string
	// Company, Location, Salary and Type are job elements some feeds add
	// (<company>, <location>, <salary>, WeWorkRemotely's <type>).
	Company, Location, Salary, Type string
	// Region is WeWorkRemotely's <region>: where applicants may live.
	Region string
	// Skills are the item's skill tags (WeWorkRemotely's <skills>, JSON
	// Feed tags).
	Skills []string
	// JobPosting is the schema.org JobPosting a JSON Feed item embeds as
	// _jobposting (Teamtailor); nil when none.
	JobPosting json.RawMessage
}

// errNotFeed is returned by parseFeed for a document in no feed format.
var errNotFeed = errors.New("not an RSS, Atom or JSON feed")

// parseFeed reads an RSS 2.0 or 1.0, Atom or JSON Feed document. XML feeds
// may declare any encoding and may hold HTML entities such as &nbsp;.
func parseFeed(body []byte) (feedDoc, error) {
	body = bytes.TrimSpace(bytes.TrimPrefix(body, utf8BOM))
	if len(body) == 0 {
		return feedDoc{}, fmt.Errorf("parse feed: %w", errEmptyBody)
	}
	if body[0] == '{' {
		return parseJSONFeed(body)
	}
	dec := newXMLDecoder(body)
	for {
		tok, err := dec.Token()
		if err != nil {
			if err == io.EOF {
				return feedDoc{}, fmt.Errorf("parse feed: %w", errNotFeed)
			}
			return feedDoc{}, fmt.Errorf("parse feed: %w", err)
		}
		start, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch strings.ToLower(start.Name.Local) {
		case "rss", "rdf":
			var doc rssDoc
			if err := dec.DecodeElement(&doc, &start); err != nil {
				return feedDoc{}, fmt.Errorf("parse rss feed: %w", err)
			}
			return doc.feed(), nil
		case "feed":
			var doc atomFeed
			if err := dec.DecodeElement(&doc, &start); err != nil {
				return feedDoc{}, fmt.Errorf("parse atom feed: %w", err)
			}
			return doc.feed(), nil
		}
		return feedDoc{}, fmt.Errorf("parse feed: <%s>: %w", start.Name.Local, errNotFeed)
	}
}

// newXMLDecoder returns a lenient decoder: HTML entities are known,
// malformed ones are kept as text, missing end tags are invented, and
// declared encodings other than UTF-8 are converted.
func newXMLDecoder(body []byte) *xml.Decoder {
	dec := xml.NewDecoder(bytes.NewReader(body))
	dec.Strict = false
	dec.Entity = xml.HTMLEntity
	dec.CharsetReader = charset.NewReaderLabel
	return dec
}

type rssDoc struct {
	Channel struct {
		Title string    `xml:"title"`
		Items []rssItem `xml:"item"`
	} `xml:"channel"`
	// RSS 1.0 puts its items beside the channel.
	Items []rssItem `xml:"item"`
}

type rssItem struct {
	Title       string   `xml:"title"`
	Link        string   `xml:"link"`
	GUID        string   `xml:"guid"`
	Description string   `xml:"description"`
	Encoded     string   `xml:"http://purl.org/rss/1.0/modules/content/ encoded"`
	PubDate     string   `xml:"pubDate"`
	DCDate      string   `xml:"http://purl.org/dc/elements/1.1/ date"`
	Company     string   `xml:"company"`
	Location    string   `xml:"location"`
	Salary      string   `xml:"salary"`
	Type        string   `xml:"type"`
	Region      string   `xml:"region"`
	Skills      []string `xml:"skills"`
	About       string   `xml:"about,attr"` // RSS 1.0 rdf:about
}

func (d *rssDoc) feed() feedDoc {
	f := feedDoc{Title: cleanText(d.Channel.Title)}
	for _, it := range append(d.Channel.Items, d.Items...) {
		content := it.Encoded
		if strings.TrimSpace(content) == "" {
			content = it.Description
		}
		date := it.PubDate
		if strings.TrimSpace(date) == "" {
			date = it.DCDate
		}
		id := strings.TrimSpace(it.GUID)
		if id == "" {
			id = strings.TrimSpace(it.About)
		}
		f.Items = append(f.Items, feedItem{
			ID: id, Title: it.Title, Link: strings.TrimSpace(it.Link), Content: content, Date: date,
			Company: it.Company, Location: it.Location, Salary: it.Salary, Type: it.Type, Region: it.Region,
			Skills: splitTags(it.Skills),
		})
	}
	return f
}

type atomFeed struct {
	Title   atomText    `xml:"title"`
	Links   []atomLink  `xml:"link"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr"`
}

// atomText is an Atom text construct: type="text" and "html" hold their
// content as character data, type="xhtml" as markup.
type atomText struct {
	Type  string `xml:"type,attr"`
	Text  string `xml:",chardata"`
	Inner string `xml:",innerxml"`
}

func (t atomText) html() string {
	if strings.EqualFold(strings.TrimSpace(t.Type), "xhtml") {
		return t.Inner
	}
	return t.Text
}

type atomEntry struct {
	ID        string     `xml:"id"`
	Title     atomText   `xml:"title"`
	Links     []atomLink `xml:"link"`
	Content   atomText   `xml:"content"`
	Summary   atomText   `xml:"summary"`
	Published string     `xml:"published"`
	Updated   string     `xml:"updated"`
	Location  string     `xml:"location"`
	Company   string     `xml:"company"`
	Salary    string     `xml:"salary"`
	Category  []struct {
		Term string `xml:"term,attr"`
	} `xml:"category"`
}

// link returns the href of the first link with rel (alternate when rel is
// empty or absent).
func atomHref(links []atomLink, rel string) string {
	for _, l := range links {
		r := strings.TrimSpace(l.Rel)
		if r == "" {
			r = "alternate"
		}
		if r == rel {
			return strings.TrimSpace(l.Href)
		}
	}
	return ""
}

func (d *atomFeed) feed() feedDoc {
	f := feedDoc{Title: plainText(d.Title.html()), Next: atomHref(d.Links, "next")}
	for _, e := range d.Entries {
		content := e.Content.html()
		if strings.TrimSpace(content) == "" {
			content = e.Summary.html()
		}
		date := e.Published
		if strings.TrimSpace(date) == "" {
			date = e.Updated
		}
		f.Items = append(f.Items, feedItem{
			ID: strings.TrimSpace(e.ID), Title: plainText(e.Title.html()), Link: atomHref(e.Links, "alternate"),
			Content: content, Date: date, Updated: e.Updated,
			Company: e.Company, Location: e.Location, Salary: e.Salary,
		})
	}
	return f
}

type jsonFeed struct {
	Version string          `json:"version"`
	Title   string          `json:"title"`
	NextURL string          `json:"next_url"`
	Items   *[]jsonFeedItem `json:"items"`
}

type jsonFeedItem struct {
	ID            flexString      `json:"id"`
	URL           string          `json:"url"`
	ExternalURL   string          `json:"external_url"`
	Title         string          `json:"title"`
	ContentHTML   string          `json:"content_html"`
	ContentText   string          `json:"content_text"`
	Summary       string          `json:"summary"`
	DatePublished string          `json:"date_published"`
	DateModified  string          `json:"date_modified"`
	Tags          stringList      `json:"tags"`
	JobPosting    json.RawMessage `json:"_jobposting"`
}

func parseJSONFeed(body []byte) (feedDoc, error) {
	var jf jsonFeed
	if err := json.Unmarshal(body, &jf); err != nil {
		return feedDoc{}, fmt.Errorf("parse json feed: %w", err)
	}
	if jf.Items == nil {
		return feedDoc{}, errors.New("parse json feed: no items")
	}
	f := feedDoc{Title: cleanText(jf.Title), Next: strings.TrimSpace(jf.NextURL)}
	for _, it := range *jf.Items {
		content := it.ContentHTML
		if strings.TrimSpace(content) == "" {
			content = it.ContentText
		}
		if strings.TrimSpace(content) == "" {
			content = it.Summary
		}
		link := strings.TrimSpace(it.URL)
		if link == "" {
			link = strings.TrimSpace(it.ExternalURL)
		}
		var posting json.RawMessage
		if p := bytes.TrimSpace(it.JobPosting); len(p) > 0 && p[0] == '{' {
			posting = p
		}
		f.Items = append(f.Items, feedItem{
			ID: strings.TrimSpace(string(it.ID)), Title: it.Title, Link: link, Content: content,
			Date: it.DatePublished, Updated: it.DateModified, Skills: it.Tags, JobPosting: posting,
		})
	}
	return f, nil
}

// splitTags splits comma-separated tag lists and drops blanks.
func splitTags(lists []string) []string {
	var out []string
	for _, l := range lists {
		for _, t := range strings.Split(l, ",") {
			if t = cleanText(t); t != "" {
				out = append(out, t)
			}
		}
	}
	return out
}

// feedMapping says how the items of one source's feed become listings.
type feedMapping struct {
	src config.Source
	// base resolves relative links: the feed's own (public) address.
	base *url.URL
	// company is the employer when neither company_name nor the item names
	// one ("" for none).
	company string
	// splitTitle reads "Company: Title" item titles (WeWorkRemotely) when
	// the item names no company.
	splitTitle bool
}

// listings maps the items of f. Items without a title, or without any id
// or link, are skipped and reported in the returned error beside the
// others.
func (m feedMapping) listings(f feedDoc) ([]jobstats.Listing, error) {
	out := make([]jobstats.Listing, 0, len(f.Items))
	var errs []error
	for i, it := range f.Items {
		l, err := m.listing(it)
		if err != nil {
			errs = append(errs, itemError(m.src.Kind, i, it.ID, err.Error()))
			continue
		}
		out = append(out, l)
	}
	return out, errors.Join(errs...)
}

// listing maps one item. An item that embeds a JobPosting is read as
// JSON-LD first (as the jsonld kind reads pages), and the item fills in
// what the posting leaves out.
func (m feedMapping) listing(it feedItem) (jobstats.Listing, error) {
	link := m.resolve(it.Link)
	var l jobstats.Listing
	if it.JobPosting != nil {
		page := m.base
		if u, err := url.Parse(link); err == nil && link != "" {
			page = u
		}
		ls, _ := extractPostings(nil, it.JobPosting, page)
		if len(ls) > 0 {
			l = ls[0]
		}
	}
	title := cleanText(it.Title)
	company := cleanText(it.Company)
	if company == "" && m.splitTitle && strings.TrimSpace(m.src.CompanyName) == "" {
		company, title = splitCompanyTitle(title)
	}
	if l.Title == "" {
		l.Title = title
	}
	if l.Title == "" {
		return l, errors.New("no title")
	}
	id := l.SourceID
	if id == "" || id == l.URL {
		// A posting without an identifier names itself by its page: the
		// item's own id is steadier.
		id = it.ID
	}
	if id == "" {
		id = link
	}
	if id == "" {
		return l, errors.New("no id or link")
	}
	base := newListing(m.src, id)
	l.ID, l.Source, l.SourceID = base.ID, base.Source, base.SourceID
	if link != "" {
		l.URL = link
	} else if l.URL == "" && isHTTP(it.ID) {
		l.URL = it.ID
	}
	l.Company = companyName(m.src, firstNonEmpty(l.Company, company, m.company), "")
	if l.Description == "" {
		l.Description = plainText(it.Content)
	}
	l.Description = withTags(l.Description, "Skills", it.Skills)
	if l.PostedAt.IsZero() {
		l.PostedAt = parseTime(it.Date)
	}
	if l.PostedAt.IsZero() {
		l.PostedAt = parseTime(it.Updated)
	}
	if l.EmploymentType == "" {
		l.EmploymentType = cleanText(it.Type)
	}
	if l.SalaryText == "" && l.Salary == nil {
		l.SalaryText = cleanText(it.Salary)
	}
	if l.Location == "" {
		l.Location = cleanLocation(firstNonEmpty(it.Location, it.Region))
	}
	if region := cleanText(it.Region); region != "" {
		// WeWorkRemotely lists only remote jobs; <region> says where
		// applicants may live.
		l.Workplace = jobstats.WorkplaceRemote
		setRemoteScope(&l, region)
	} else if l.Workplace == jobstats.WorkplaceUnknown && mentionsRemote(l.Location) {
		l.Workplace = jobstats.WorkplaceRemote
	}
	return l, nil
}

// resolve makes a link absolute against the feed's address; "" for a link
// that is not http(s).
func (m feedMapping) resolve(link string) string {
	link = strings.TrimSpace(link)
	if link == "" {
		return ""
	}
	u, err := url.Parse(link)
	if err != nil {
		return ""
	}
	if m.base != nil {
		u = m.base.ResolveReference(u)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return ""
	}
	return u.String()
}

// splitCompanyTitle splits a "Company: Title" item title
// ("Amplitude : Senior Account Executive"). A title whose part before the
// first colon is long, or that has nothing after it, is no such title.
func splitCompanyTitle(s string) (company, title string) {
	c, t, ok := strings.Cut(s, ":")
	c, t = strings.TrimSpace(c), strings.TrimSpace(t)
	if !ok || c == "" || t == "" || len(c) > 80 || len(strings.Fields(c)) > 8 {
		return "", s
	}
	return c, t
}

func isHTTP(s string) bool {
	return strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "http://")
}
