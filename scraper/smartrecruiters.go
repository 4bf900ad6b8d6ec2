package scraper

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"sync"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/config"
)

const (
	smartRecruitersBase = "https://api.smartrecruiters.com"
	// smartRecruitersLimit is the page size asked of SmartRecruiters (its maximum).
	smartRecruitersLimit = 100
)

// smartRecruiters crawls a SmartRecruiters company: pages of posting
// summaries, then one detail request per posting for its description.
type smartRecruiters struct {
	src  config.Source
	opts Options
	base string // {base}/v1/companies/{company}/postings
}

func newSmartRecruiters(src config.Source, opts Options) (Source, error) {
	if strings.TrimSpace(src.Company) == "" {
		return nil, errors.New("smartrecruiters: company is required")
	}
	return &smartRecruiters{
		src:  src,
		opts: opts,
		base: baseURL(src, smartRecruitersBase) + "/v1/companies/" + url.PathEscape(src.Company) + "/postings",
	}, nil
}

func (s *smartRecruiters) pageURL(offset int) string {
	return fmt.Sprintf("%s?offset=%d&limit=%d", s.base, offset, smartRecruitersLimit)
}

// Crawl pages through the postings by offset until totalFound is reached
// or a page comes back short, fetching each page's details (concurrently,
// within the source's parallelism) before handing the page to sink. A
// posting whose detail request fails counts as a failed page and is not
// handed to the sink (a summary without its description would blank the
// stored one); when the failure may pass (timeout, 429, 5xx) it goes to
// Stats.KeepOpen, while a 404 says the posting is gone. Only the first
// page is requested
// conditionally; its validators are kept only when it held every posting
// and nothing failed. (A description edited without any change to the
// summary list goes unseen until another change invalidates the list.)
func (s *smartRecruiters) Crawl(ctx context.Context, sink Sink) (_ Stats, err error) {
	f, err := newFetcher(s.src, s.opts)
	if err != nil {
		return Stats{}, err
	}
	c := newPageCrawl(sink, f.log)
	first := s.pageURL(0)
	multiPage := false
	defer func() {
		if err != nil || c.stats.PagesFailed > 0 || multiPage {
			f.forget(first)
		}
	}()
	offset := 0
	limit := f.maxPages()
	for page := 0; page < limit; page++ {
		u := s.pageURL(offset)
		if page > 0 {
			multiPage = true
		}
		body, ok := c.fetchPage(ctx, f, u, nil, page)
		if !ok {
			return c.result(ctx, nil)
		}
		ls, n, total, perr := parseSmartRecruitersPage(body, s.src)
		if perr != nil && len(ls) == 0 && n == 0 {
			c.failIndex(page, perr)
			return c.result(ctx, nil)
		}
		offset += n
		if page > 0 && len(ls) > 0 && !slices.ContainsFunc(ls, func(l jobstats.Listing) bool { return !c.seen[l.SourceID] }) {
			c.failIndex(page, fmt.Errorf("smartrecruiters %s: page at offset %d repeats earlier postings; stopping", s.src.Company, offset-n))
			return c.result(ctx, nil)
		}
		withDetails := s.details(ctx, f, c, ls)
		if ctx.Err() != nil {
			return c.result(ctx, nil)
		}
		if len(withDetails) == 0 && len(ls) > 0 {
			c.good++ // every detail failed: kept open, not an empty page
			c.itemErrors(perr)
		} else if err := c.parsed(ctx, page, withDetails, perr); err != nil {
			return c.result(ctx, err)
		}
		if n < smartRecruitersLimit || n == 0 || offset >= total {
			return c.result(ctx, nil)
		}
	}
	c.capped(limit)
	return c.result(ctx, nil)
}

// details fetches the detail of every listing and fills in what it adds.
// It returns the listings whose detail was read; the others are counted
// as failed pages and kept open.
func (s *smartRecruiters) details(ctx context.Context, f *fetcher, c *pageCrawl, ls []jobstats.Listing) []jobstats.Listing {
	errs := make([]error, len(ls))
	fetched := make([]bool, len(ls))
	var wg sync.WaitGroup
	work := make(chan int)
	for range min(f.parallelism(), len(ls)) {
		wg.Go(func() {
			for i := range work {
				body, err := f.getPlain(ctx, s.base+"/"+url.PathEscape(ls[i].SourceID), nil)
				if err != nil {
					errs[i] = err
					continue
				}
				fetched[i] = true
				errs[i] = applySmartRecruitersDetail(&ls[i], body)
			}
		})
	}
	for i := range ls {
		if ctx.Err() != nil {
			break
		}
		work <- i
	}
	close(work)
	wg.Wait()
	out := ls[:0]
	for i, err := range errs {
		if fetched[i] {
			c.stats.PagesFetched++
		}
		if err != nil || !fetched[i] {
			if ctx.Err() == nil {
				c.fail(fmt.Errorf("smartrecruiters posting %s detail: %w", ls[i].SourceID, err))
			}
			if ctx.Err() != nil || !fetched[i] && mayPass(err) {
				c.keepOpen(ls[i].SourceID)
			}
			continue
		}
		out = append(out, ls[i])
	}
	return out
}

type srPage struct {
	TotalFound *int        `json:"totalFound"`
	Content    []srPosting `json:"content"`
}

type srPosting struct {
	ID      flexString `json:"id"`
	Name    string     `json:"name"`
	Company struct {
		Identifier string `json:"identifier"`
		Name       string `json:"name"`
	} `json:"company"`
	ReleasedDate string `json:"releasedDate"`
	Location     struct {
		City         string `json:"city"`
		Region       string `json:"region"`
		Country      string `json:"country"`
		Remote       bool   `json:"remote"`
		Hybrid       bool   `json:"hybrid"`
		FullLocation string `json:"fullLocation"`
	} `json:"location"`
	TypeOfEmployment struct {
		Label string `json:"label"`
	} `json:"typeOfEmployment"`
	Compensation *srCompensation `json:"compensation"`
	PostingURL   string          `json:"postingUrl"`
}

// srCompensation is the pay some postings carry, in whole units.
type srCompensation struct {
	Min      float64 `json:"min"`
	Max      float64 `json:"max"`
	Currency string  `json:"currency"`
	Period   string  `json:"period"`
}

// parseSmartRecruiters reads one page of posting summaries
// (/v1/companies/{company}/postings). Descriptions come from the detail
// requests, see applySmartRecruitersDetail.
func parseSmartRecruiters(body []byte, src config.Source) ([]jobstats.Listing, error) {
	ls, _, _, err := parseSmartRecruitersPage(body, src)
	return ls, err
}

// parseSmartRecruitersPage is parseSmartRecruiters that also returns how
// many postings the page held (skipped ones included) and totalFound.
func parseSmartRecruitersPage(body []byte, src config.Source) (ls []jobstats.Listing, n, total int, err error) {
	var page srPage
	if err := json.Unmarshal(bytes.TrimPrefix(body, utf8BOM), &page); err != nil {
		return nil, 0, 0, fmt.Errorf("parse smartrecruiters postings: %w", err)
	}
	if page.TotalFound == nil && page.Content == nil {
		return nil, 0, 0, errors.New("parse smartrecruiters postings: no content")
	}
	total = len(page.Content)
	if page.TotalFound != nil {
		total = *page.TotalFound
	}
	var errs []error
	for i, p := range page.Content {
		id := strings.TrimSpace(string(p.ID))
		title := jobstats.TrimSpace(p.Name)
		if id == "" || title == "" {
			errs = append(errs, itemError("smartrecruiters", i, id, "no id or title"))
			continue
		}
		l := newListing(src, id)
		l.Title = title
		l.Company = companyName(src, p.Company.Name, src.Company)
		l.URL = strings.TrimSpace(p.PostingURL)
		if l.URL == "" {
			ident := p.Company.Identifier
			if ident == "" {
				ident = src.Company
			}
			l.URL = "https://jobs.smartrecruiters.com/" + url.PathEscape(ident) + "/" + url.PathEscape(id)
		}
		loc := p.Location
		l.Location = jobstats.TrimSpace(loc.FullLocation)
		if l.Location == "" {
			l.Location = joinNonEmpty(", ", loc.City, loc.Region, strings.ToUpper(loc.Country))
		}
		switch {
		case loc.Remote:
			l.Workplace = jobstats.WorkplaceRemote
		case loc.Hybrid:
			l.Workplace = jobstats.WorkplaceHybrid
		}
		setPlace(&l, loc.Country, loc.Region, loc.City)
		l.EmploymentType = jobstats.TrimSpace(p.TypeOfEmployment.Label)
		l.PostedAt = parseTime(p.ReleasedDate)
		if c := p.Compensation; c != nil {
			if period, ok := jobstats.ParsePeriod(c.Period); ok {
				l.Salary = fieldSalary(c.Min, c.Max, c.Currency, period)
			}
		}
		ls = append(ls, l)
	}
	return ls, len(page.Content), total, errors.Join(errs...)
}

type srDetail struct {
	PostingURL string `json:"postingUrl"`
	JobAd      *struct {
		Sections map[string]struct {
			Title string `json:"title"`
			Text  string `json:"text"`
		} `json:"sections"`
	} `json:"jobAd"`
	Compensation *srCompensation `json:"compensation"`
}

// srSections is the order the sections of a job ad are read in.
var srSections = []string{"companyDescription", "jobDescription", "qualifications", "additionalInformation"}

// applySmartRecruitersDetail fills l's description (and URL and pay when
// the detail has them) from a posting detail response.
func applySmartRecruitersDetail(l *jobstats.Listing, body []byte) error {
	var d srDetail
	if err := json.Unmarshal(bytes.TrimPrefix(body, utf8BOM), &d); err != nil {
		return fmt.Errorf("parse smartrecruiters detail: %w", err)
	}
	if d.JobAd == nil {
		return errors.New("parse smartrecruiters detail: no jobAd")
	}
	var parts []string
	for _, key := range srSections {
		sec, ok := d.JobAd.Sections[key]
		if !ok {
			continue
		}
		if text := plainText(sec.Text); text != "" {
			parts = append(parts, joinNonEmpty("\n", sec.Title, text))
		}
	}
	l.Description = strings.Join(parts, "\n")
	if u := strings.TrimSpace(d.PostingURL); u != "" {
		l.URL = u
	}
	if c := d.Compensation; c != nil && l.Salary == nil {
		if period, ok := jobstats.ParsePeriod(c.Period); ok {
			l.Salary = fieldSalary(c.Min, c.Max, c.Currency, period)
		}
	}
	return nil
}
