package scraper

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/config"
)

const (
	himalayasBase = "https://himalayas.app/jobs/api"
	// himalayasLimit is the page size asked of Himalayas, its maximum.
	himalayasLimit = 20
)

// himalayas crawls the Himalayas jobs API by offset and limit. The board
// holds about a hundred thousand jobs, newest first: max_pages decides
// how deep a crawl reads.
type himalayas struct {
	src  config.Source
	opts Options
	base string
}

func newHimalayas(src config.Source, opts Options) (Source, error) {
	return &himalayas{src: src, opts: opts, base: baseURL(src, himalayasBase)}, nil
}

func (h *himalayas) pageURL(offset int) string {
	return fmt.Sprintf("%s?offset=%d&limit=%d", h.base, offset, himalayasLimit)
}

// Crawl pages through the jobs until a page is empty, the envelope's
// totalCount is reached, a page comes back shorter than the envelope's
// limit (when there is no totalCount), or max_pages is reached.
func (h *himalayas) Crawl(ctx context.Context, sink Sink) (Stats, error) {
	f, err := newFetcher(h.src, h.opts)
	if err != nil {
		return Stats{}, err
	}
	offset := 0
	return crawlPaged(ctx, f, h.src, h.pageURL(0), nil, func(body []byte) ([]jobstats.Listing, int, string, error) {
		ls, pg, err := parseHimalayasPage(body, h.src)
		if pg.n == 0 {
			return ls, 0, "", err
		}
		if pg.offset != nil {
			offset = *pg.offset
		}
		offset += pg.n
		switch {
		case pg.total > 0 && offset >= pg.total:
			return ls, pg.n, "", err
		case pg.total <= 0 && pg.limit > 0 && pg.n < pg.limit:
			return ls, pg.n, "", err
		}
		return ls, pg.n, h.pageURL(offset), err
	}, sink)
}

type himalayasEnvelope struct {
	Offset     *int            `json:"offset"`
	Limit      int             `json:"limit"`
	TotalCount int             `json:"totalCount"`
	Jobs       *[]himalayasJob `json:"jobs"`
}

type himalayasJob struct {
	Title                string     `json:"title"`
	Excerpt              string     `json:"excerpt"`
	CompanyName          string     `json:"companyName"`
	CompanySlug          string     `json:"companySlug"`
	EmploymentType       string     `json:"employmentType"`
	MinSalary            flexString `json:"minSalary"`
	MaxSalary            flexString `json:"maxSalary"`
	SalaryPeriod         string     `json:"salaryPeriod"`
	Currency             string     `json:"currency"`
	LocationRestrictions stringList `json:"locationRestrictions"`
	Description          string     `json:"description"`
	PubDate              int64      `json:"pubDate"`
	ApplicationLink      string     `json:"applicationLink"`
	GUID                 string     `json:"guid"`
}

// himalayasPageInfo is what one page says about paging.
type himalayasPageInfo struct {
	n      int  // jobs on the page, skipped ones included
	offset *int // the envelope's offset, nil when absent
	limit  int  // the envelope's limit, 0 when absent
	total  int  // the envelope's totalCount, 0 when absent
}

// himalayasPlaceholders are values Himalayas has been seen to put in
// companyName instead of a name: one real capture holds the literal
// "name" (and "thumbnail_url" as the logo), a template left unfilled.
var himalayasPlaceholders = map[string]bool{
	"name": true, "companyname": true, "company_name": true, "company": true,
	"null": true, "undefined": true, "n/a": true,
}

// parseHimalayas reads one page of a Himalayas /jobs/api response.
func parseHimalayas(body []byte, src config.Source) ([]jobstats.Listing, error) {
	ls, _, err := parseHimalayasPage(body, src)
	return ls, err
}

// parseHimalayasPage is parseHimalayas that also returns the paging
// fields.
//
// The job's guid (its URL) is the source id. A placeholder companyName
// (see himalayasPlaceholders) counts as missing: the company is then the
// configured company_name, else companySlug title-cased, else "". Pay is
// minSalary/maxSalary in currency per salaryPeriod ("annual", "hourly";
// a year when absent); without a currency it is kept with Currency "".
// Every job is remote; locationRestrictions say from where. Jobs without a
// guid or title are skipped and reported in the returned error beside the
// other listings.
func parseHimalayasPage(body []byte, src config.Source) ([]jobstats.Listing, himalayasPageInfo, error) {
	var doc himalayasEnvelope
	if err := decodeBoard(body, "himalayas jobs", &doc); err != nil {
		return nil, himalayasPageInfo{}, err
	}
	if doc.Jobs == nil {
		return nil, himalayasPageInfo{}, errors.New("parse himalayas jobs: no jobs array")
	}
	jobs := *doc.Jobs
	pg := himalayasPageInfo{n: len(jobs), offset: doc.Offset, limit: doc.Limit, total: doc.TotalCount}
	out := make([]jobstats.Listing, 0, len(jobs))
	var errs []error
	for i, j := range jobs {
		id := strings.TrimSpace(j.GUID)
		if id == "" {
			id = strings.TrimSpace(j.ApplicationLink)
		}
		title := cleanText(j.Title)
		if id == "" || title == "" {
			errs = append(errs, itemError("himalayas", i, id, "no guid or title"))
			continue
		}
		l := newListing(src, id)
		l.Title = title
		company := cleanText(j.CompanyName)
		if himalayasPlaceholders[strings.ToLower(company)] {
			company = ""
		}
		l.Company = companyName(src, company, j.CompanySlug)
		l.URL = strings.TrimSpace(j.ApplicationLink)
		if l.URL == "" {
			l.URL = strings.TrimSpace(j.GUID)
		}
		var locs []string
		for _, loc := range j.LocationRestrictions {
			locs = append(locs, cleanLocation(loc))
		}
		l.Location = joinNonEmpty(", ", locs...)
		l.Workplace = jobstats.WorkplaceRemote
		setRemoteScope(&l, l.Location) // where applicants must live
		l.EmploymentType = employmentLabel(j.EmploymentType)
		l.PostedAt = fromEpoch(j.PubDate)
		l.Description = plainText(j.Description)
		if l.Description == "" {
			l.Description = plainText(j.Excerpt)
		}
		period := jobstats.PeriodYear
		if p := strings.TrimSpace(j.SalaryPeriod); p != "" {
			period, _ = jobstats.ParsePeriod(p) // unknown: no structured pay
		}
		l.Salary = fieldSalary(parseAmount(string(j.MinSalary)), parseAmount(string(j.MaxSalary)), j.Currency, period)
		out = append(out, l)
	}
	return out, pg, errors.Join(errs...)
}
