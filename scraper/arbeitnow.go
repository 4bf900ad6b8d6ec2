package scraper

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/config"
)

const arbeitnowBase = "https://www.arbeitnow.com/api/job-board-api"

// arbeitnow crawls Arbeitnow's job-board API page by page (?page=N),
// following links.next.
type arbeitnow struct {
	src  config.Source
	opts Options
	base string
}

func newArbeitnow(src config.Source, opts Options) (Source, error) {
	return &arbeitnow{src: src, opts: opts, base: baseURL(src, arbeitnowBase)}, nil
}

func (a *arbeitnow) pageURL(page int) string {
	return fmt.Sprintf("%s?page=%d", a.base, page)
}

// Crawl pages through the board until links.next is null or absent, a
// page is empty, or max_pages is reached. Next pages are requested from
// the configured base URL with the page number links.next names, so a
// mirror or test server is never left for the real host.
func (a *arbeitnow) Crawl(ctx context.Context, sink Sink) (Stats, error) {
	f, err := newFetcher(a.src, a.opts)
	if err != nil {
		return Stats{}, err
	}
	page := 1
	return crawlPaged(ctx, f, a.src, a.pageURL(page), nil, func(body []byte) ([]jobstats.Listing, int, string, error) {
		ls, n, next, err := parseArbeitnowPage(body, a.src)
		if next == "" || n == 0 {
			return ls, n, "", err
		}
		page = nextPageNumber(next, page)
		return ls, n, a.pageURL(page), err
	}, sink)
}

type arbeitnowPage struct {
	Data  *[]arbeitnowJob `json:"data"`
	Links struct {
		Next *string `json:"next"`
	} `json:"links"`
}

type arbeitnowJob struct {
	Slug        string     `json:"slug"`
	CompanyName string     `json:"company_name"`
	Title       string     `json:"title"`
	Description string     `json:"description"`
	Remote      bool       `json:"remote"`
	URL         string     `json:"url"`
	Tags        stringList `json:"tags"`
	JobTypes    stringList `json:"job_types"`
	Location    string     `json:"location"`
	CreatedAt   int64      `json:"created_at"`
}

// parseArbeitnow reads one page of an Arbeitnow job-board-api response.
// Jobs without a slug or title are skipped and reported in the returned
// error beside the other listings.
func parseArbeitnow(body []byte, src config.Source) ([]jobstats.Listing, error) {
	ls, _, _, err := parseArbeitnowPage(body, src)
	return ls, err
}

// parseArbeitnowPage is parseArbeitnow that also returns how many jobs the
// page held and links.next ("" when null or absent).
//
// remote: true makes a job remote; otherwise it is hybrid when its title or
// location says so, else on-site (Arbeitnow has no other workplace field).
// job_types ("full time", "Berufserfahren", "Side") become the employment
// type, joined. created_at is epoch seconds.
func parseArbeitnowPage(body []byte, src config.Source) ([]jobstats.Listing, int, string, error) {
	var doc arbeitnowPage
	if err := decodeBoard(body, "arbeitnow jobs", &doc); err != nil {
		return nil, 0, "", err
	}
	if doc.Data == nil {
		return nil, 0, "", errors.New("parse arbeitnow jobs: no data array")
	}
	next := ""
	if doc.Links.Next != nil {
		next = strings.TrimSpace(*doc.Links.Next)
	}
	jobs := *doc.Data
	out := make([]jobstats.Listing, 0, len(jobs))
	var errs []error
	for i, j := range jobs {
		id := strings.TrimSpace(j.Slug)
		title := cleanText(j.Title)
		if id == "" || title == "" {
			errs = append(errs, itemError("arbeitnow", i, id, "no slug or title"))
			continue
		}
		l := newListing(src, id)
		l.Title = title
		l.Company = companyName(src, cleanText(j.CompanyName), "")
		l.URL = strings.TrimSpace(j.URL)
		l.Location = cleanLocation(j.Location)
		switch {
		case j.Remote:
			l.Workplace = jobstats.WorkplaceRemote
		case strings.Contains(strings.ToLower(l.Title+" "+l.Location), "hybrid"):
			l.Workplace = jobstats.WorkplaceHybrid
		default:
			l.Workplace = jobstats.WorkplaceOnsite
		}
		l.EmploymentType = employmentLabels(j.JobTypes)
		l.PostedAt = fromEpoch(j.CreatedAt)
		l.Description = plainText(j.Description)
		out = append(out, l)
	}
	return out, len(jobs), next, errors.Join(errs...)
}

// nextPageNumber reads the page query parameter of a next link; when it
// has none it returns cur+1. A link that goes backwards also yields
// cur+1, so a confused server cannot make the crawl loop.
func nextPageNumber(next string, cur int) int {
	if u, err := url.Parse(next); err == nil {
		if n, err := strconv.Atoi(u.Query().Get("page")); err == nil && n > cur {
			return n
		}
	}
	return cur + 1
}
