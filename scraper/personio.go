package scraper

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/config"
)

// personio crawls a Personio careers page through its XML feed: one
// response holds every position.
type personio struct {
	src  config.Source
	opts Options
	base string // https://{company}.jobs.personio.de, or base_url
}

func newPersonio(src config.Source, opts Options) (Source, error) {
	company := strings.TrimSpace(src.Company)
	if company == "" {
		return nil, errors.New("personio: company is required")
	}
	if strings.ContainsAny(company, "/.:?#@ ") {
		return nil, fmt.Errorf("personio: company %q is not a subdomain", company)
	}
	// base_url replaces https://{company}.jobs.personio.de.
	base := baseURL(src, "https://"+url.PathEscape(company)+".jobs.personio.de")
	return &personio{src: src, opts: opts, base: base}, nil
}

// Crawl fetches the feed and hands its positions to sink in one batch.
func (p *personio) Crawl(ctx context.Context, sink Sink) (Stats, error) {
	f, err := newFetcher(p.src, p.opts)
	if err != nil {
		return Stats{}, err
	}
	hdr := map[string][]string{"Accept": {"application/xml, text/xml;q=0.9, */*;q=0.5"}}
	return crawlOnePage(ctx, f, p.base+"/xml", hdr, func(b []byte) ([]jobstats.Listing, error) {
		return parsePersonio(b, p.src, p.base)
	}, sink)
}

type personioFeed struct {
	XMLName   xml.Name           `xml:"workzag-jobs"`
	Positions []personioPosition `xml:"position"`
}

type personioPosition struct {
	ID                string   `xml:"id"`
	Subcompany        string   `xml:"subcompany"`
	Office            string   `xml:"office"`
	AdditionalOffices []string `xml:"additionalOffices>office"`
	Department        string   `xml:"department"`
	Name              string   `xml:"name"`
	Descriptions      []struct {
		Name  string `xml:"name"`
		Value string `xml:"value"`
	} `xml:"jobDescriptions>jobDescription"`
	EmploymentType    string `xml:"employmentType"`
	Schedule          string `xml:"schedule"`
	Seniority         string `xml:"seniority"`
	YearsOfExperience string `xml:"yearsOfExperience"`
	CreatedAt         string `xml:"createdAt"`
}

// parsePersonio reads a Personio XML feed (/xml). base is the careers
// site (https://{company}.jobs.personio.de) that job URLs are built on. A
// position listed twice is kept once; positions without an id or name are
// skipped and reported in the returned error beside the other listings.
func parsePersonio(body []byte, src config.Source, base string) ([]jobstats.Listing, error) {
	var feed personioFeed
	dec := xml.NewDecoder(bytes.NewReader(bytes.TrimPrefix(body, utf8BOM)))
	// The feed declares UTF-8; accept a declared Latin-1 or similar as is
	// rather than failing, since Go's decoder only knows UTF-8.
	dec.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
	if err := dec.Decode(&feed); err != nil {
		return nil, fmt.Errorf("parse personio feed: %w", err)
	}
	var out []jobstats.Listing
	var errs []error
	seen := make(map[string]bool)
	for i, p := range feed.Positions {
		id := strings.TrimSpace(p.ID)
		title := jobstats.TrimSpace(p.Name)
		if id == "" || title == "" {
			errs = append(errs, itemError("personio", i, id, "no id or name"))
			continue
		}
		if seen[id] {
			continue
		}
		seen[id] = true
		l := newListing(src, id)
		l.Title = title
		l.Company = companyName(src, p.Subcompany, src.Company)
		l.URL = strings.TrimRight(base, "/") + "/job/" + url.PathEscape(id)
		offices := append([]string{p.Office}, p.AdditionalOffices...)
		l.Location = joinNonEmpty("; ", offices...)
		if mentionsRemote(p.Office) {
			l.Workplace = jobstats.WorkplaceRemote
		}
		l.EmploymentType = personioEmployment(p.Schedule, p.EmploymentType)
		l.ExperienceYears = personioYears(p.YearsOfExperience)
		l.PostedAt = parseTime(p.CreatedAt)
		var parts []string
		for _, d := range p.Descriptions {
			parts = append(parts, joinNonEmpty("\n", jobstats.TrimSpace(d.Name), plainText(d.Value)))
		}
		l.Description = joinNonEmpty("\n", parts...)
		out = append(out, l)
	}
	return out, errors.Join(errs...)
}

// personioEmployment combines the schedule ("full-time") and the kind of
// contract ("permanent", "intern", "trainee", "freelance").
func personioEmployment(schedule, kind string) string {
	sched := map[string]string{"full-time": "Full-time", "part-time": "Part-time", "full-or-part-time": "Full- or part-time"}[strings.TrimSpace(schedule)]
	if sched == "" {
		sched = strings.TrimSpace(schedule)
	}
	switch k := strings.TrimSpace(kind); k {
	case "", "permanent":
		return sched
	case "intern":
		return joinNonEmpty(", ", sched, "Internship")
	default:
		// The kind first: a freelance or temporary job on a full-time
		// schedule is freelance or temporary.
		return joinNonEmpty(", ", k, sched)
	}
}

// personioYears reads yearsOfExperience ("lt-1", "1-2", "2-5", "5-7",
// "7-10", "10+") as its lower bound; 0 when absent or unreadable.
func personioYears(s string) int {
	s = strings.TrimSpace(s)
	n := 0
	for i := 0; i < len(s) && s[i] >= '0' && s[i] <= '9' && n < 100; i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}
