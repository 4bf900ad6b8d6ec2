package scraper

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/config"
)

const (
	leverBase   = "https://api.lever.co"
	leverBaseEU = "https://api.eu.lever.co"
	// leverLimit is the page size asked of Lever.
	leverLimit = 100
)

// lever crawls a Lever postings site, leverLimit postings a page.
type lever struct {
	src  config.Source
	opts Options
	base string // up to and including the site, without query
}

func newLever(src config.Source, opts Options) (Source, error) {
	if strings.TrimSpace(src.Site) == "" {
		return nil, errors.New("lever: site is required")
	}
	def := leverBase
	switch strings.ToLower(strings.TrimSpace(src.Region)) {
	case "", "us", "global":
	case "eu":
		def = leverBaseEU
	default:
		return nil, fmt.Errorf("lever: region %q is not us or eu", src.Region)
	}
	return &lever{src: src, opts: opts, base: baseURL(src, def) + "/v0/postings/" + url.PathEscape(src.Site)}, nil
}

func (lv *lever) pageURL(skip int) string {
	return fmt.Sprintf("%s?mode=json&skip=%d&limit=%d", lv.base, skip, leverLimit)
}

// Crawl pages through the site until a page holds fewer than leverLimit
// postings. Only the first page is requested conditionally; its
// validators are kept only when it held the whole site and nothing failed.
func (lv *lever) Crawl(ctx context.Context, sink Sink) (_ Stats, err error) {
	f, err := newFetcher(lv.src, lv.opts)
	if err != nil {
		return Stats{}, err
	}
	c := newPageCrawl(sink, f.log)
	first := lv.pageURL(0)
	defer func() {
		if err != nil || c.stats.PagesFailed > 0 || c.stats.PagesFetched > 1 {
			f.forget(first)
		}
	}()
	limit := f.maxPages()
	for page := 0; page < limit; page++ {
		u := lv.pageURL(page * leverLimit)
		body, ok := c.fetchPage(ctx, f, u, nil, page)
		if !ok {
			return c.result(ctx, nil)
		}
		ls, n, perr := parseLeverPage(body, lv.src)
		if perr != nil && len(ls) == 0 {
			c.failIndex(page, perr)
			return c.result(ctx, nil)
		}
		before := c.stats.Listings
		if err := c.parsed(ctx, page, ls, perr); err != nil {
			return c.result(ctx, err)
		}
		if n < leverLimit {
			return c.result(ctx, nil)
		}
		if page > 0 && c.stats.Listings == before {
			c.failIndex(page, fmt.Errorf("lever %s: page at skip=%d repeats earlier postings; stopping", lv.src.Site, page*leverLimit))
			return c.result(ctx, nil)
		}
	}
	c.capped(limit)
	return c.result(ctx, nil)
}

type leverPosting struct {
	ID         string `json:"id"`
	Text       string `json:"text"`
	Categories struct {
		Commitment   string   `json:"commitment"`
		Department   string   `json:"department"`
		Location     string   `json:"location"`
		Team         string   `json:"team"`
		AllLocations []string `json:"allLocations"`
	} `json:"categories"`
	CreatedAt        int64  `json:"createdAt"`
	Description      string `json:"description"`
	DescriptionPlain string `json:"descriptionPlain"`
	Lists            []struct {
		Text    string `json:"text"`
		Content string `json:"content"`
	} `json:"lists"`
	Additional             string `json:"additional"`
	AdditionalPlain        string `json:"additionalPlain"`
	HostedURL              string `json:"hostedUrl"`
	Country                string `json:"country"`
	WorkplaceType          string `json:"workplaceType"`
	SalaryDescription      string `json:"salaryDescription"`
	SalaryDescriptionPlain string `json:"salaryDescriptionPlain"`
	SalaryRange            *struct {
		Min      float64 `json:"min"`
		Max      float64 `json:"max"`
		Currency string  `json:"currency"`
		Interval string  `json:"interval"`
	} `json:"salaryRange"`
}

// parseLever reads one page of a Lever postings response (a JSON array).
// Postings without an id or title are skipped and reported in the
// returned error beside the other listings.
func parseLever(body []byte, src config.Source) ([]jobstats.Listing, error) {
	ls, _, err := parseLeverPage(body, src)
	return ls, err
}

// parseLeverPage is parseLever that also returns how many postings the
// page held, skipped ones included, for paging.
func parseLeverPage(body []byte, src config.Source) ([]jobstats.Listing, int, error) {
	var postings []leverPosting
	body = bytes.TrimSpace(bytes.TrimPrefix(body, utf8BOM))
	if len(body) == 0 {
		return nil, 0, fmt.Errorf("parse lever postings: %w", errEmptyBody)
	}
	if body[0] != '[' {
		// Lever answers errors as {"ok":false,"error":"..."}.
		var e struct {
			Error string `json:"error"`
		}
		if json.Unmarshal(body, &e) == nil && e.Error != "" {
			return nil, 0, fmt.Errorf("parse lever postings: lever says %q", e.Error)
		}
	}
	if err := json.Unmarshal(body, &postings); err != nil {
		return nil, 0, fmt.Errorf("parse lever postings: %w", err)
	}
	out := make([]jobstats.Listing, 0, len(postings))
	var errs []error
	for i, p := range postings {
		id := strings.TrimSpace(p.ID)
		title := jobstats.TrimSpace(p.Text)
		if id == "" || title == "" {
			errs = append(errs, itemError("lever", i, id, "no id or title"))
			continue
		}
		l := newListing(src, id)
		l.Title = title
		l.Company = companyName(src, "", src.Site)
		l.URL = strings.TrimSpace(p.HostedURL)
		l.Location = jobstats.TrimSpace(p.Categories.Location)
		if l.Location == "" {
			l.Location = joinNonEmpty("; ", p.Categories.AllLocations...)
		}
		l.Workplace = workplaceOf(p.WorkplaceType)
		if l.Workplace == jobstats.WorkplaceUnknown && mentionsRemote(l.Location) {
			l.Workplace = jobstats.WorkplaceRemote
		}
		// country is the posting's ISO code ("US").
		setPlace(&l, p.Country, "", "")
		l.EmploymentType = jobstats.TrimSpace(p.Categories.Commitment)
		l.PostedAt = fromMillis(p.CreatedAt)
		l.Description = leverDescription(p)
		if r := p.SalaryRange; r != nil {
			if period, ok := leverInterval(r.Interval); ok {
				l.Salary = fieldSalary(r.Min, r.Max, r.Currency, period)
			}
		}
		if l.Salary == nil {
			l.SalaryText = tidy(p.SalaryDescriptionPlain)
			if l.SalaryText == "" {
				l.SalaryText = plainText(p.SalaryDescription)
			}
		}
		out = append(out, l)
	}
	return out, len(postings), errors.Join(errs...)
}

// leverDescription joins the opening description, each list under its
// heading, and the closing text.
func leverDescription(p leverPosting) string {
	parts := []string{tidy(p.DescriptionPlain)}
	if parts[0] == "" {
		parts[0] = plainText(p.Description)
	}
	for _, list := range p.Lists {
		parts = append(parts, joinNonEmpty("\n", tidy(list.Text), plainText(list.Content)))
	}
	add := tidy(p.AdditionalPlain)
	if add == "" {
		add = plainText(p.Additional)
	}
	return joinNonEmpty("\n", append(parts, add)...)
}

// leverInterval reads salaryRange.interval: "per-year-salary",
// "per-month-salary", "per-week-salary", "per-day-wage", "per-hour-wage".
// "one-time" and unknown intervals report false.
func leverInterval(s string) (jobstats.Period, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.TrimPrefix(s, "per-")
	unit, _, _ := strings.Cut(s, "-")
	return jobstats.ParsePeriod(unit)
}
