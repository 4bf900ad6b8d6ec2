package scraper

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/config"
)

// workdayLimit is the page size asked of Workday's jobs API: its maximum
// (a larger limit is answered 400).
const workdayLimit = 20

// workday crawls a Workday careers site through the JSON API its own pages
// use: POST {site API}/jobs with limit and offset for the postings, then
// one GET {site API}{externalPath} per posting for its description,
// locations, time type and dates.
type workday struct {
	src  config.Source
	opts Options
	site config.WorkdaySite
	api  string // {base}/wday/cxs/{tenant}/{site}
}

func newWorkday(src config.Source, opts Options) (Source, error) {
	site, err := config.ParseWorkdayURL(src.URL, src.Tenant)
	if err != nil {
		return nil, fmt.Errorf("workday: url: %w", err)
	}
	return &workday{src: src, opts: opts, site: site, api: site.API(strings.TrimSpace(src.BaseURL))}, nil
}

// workdayQuery is the body of one list request.
func workdayQuery(offset int) []byte {
	return fmt.Appendf(nil, `{"appliedFacets":{},"limit":%d,"offset":%d,"searchText":""}`, workdayLimit, offset)
}

// Crawl pages through the postings until the total the first page names
// is reached or a page comes back short, fetching each page's details
// (concurrently, within the source's parallelism) before handing the page
// to sink. Workday repeats total only on the first page, so later pages'
// totals are ignored.
//
// Completeness: a list page that fails, cannot be read or only repeats
// earlier postings ends the crawl with Stats.Incomplete set, as does
// reaching max_pages list pages before the end. A posting whose detail
// fails for a reason that may pass is not handed over; its SourceID goes
// to Stats.KeepOpen. One whose detail is gone (404) is neither.
func (w *workday) Crawl(ctx context.Context, sink Sink) (Stats, error) {
	f, err := newFetcher(w.src, w.opts)
	if err != nil {
		return Stats{}, err
	}
	c := newPageCrawl(sink, f.log)
	hdr := http.Header{}
	hdr.Set("Content-Type", "application/json")
	hdr.Set("Accept", "application/json")
	now := w.opts.Now()
	limit := f.maxPages()
	offset, total := 0, 0
	for page := 0; ; page++ {
		if page >= limit {
			c.capped(limit)
			break
		}
		body, err := f.post(ctx, w.api+"/jobs", hdr, workdayQuery(offset))
		if err != nil {
			if ctx.Err() == nil {
				c.failIndex(page, err)
			}
			break
		}
		c.stats.PagesFetched++
		jobs, n, t, perr := parseWorkdayJobs(body, w.src, w.site, now)
		if perr != nil && n == 0 {
			c.failIndex(page, perr)
			break
		}
		if page == 0 {
			total = t
		}
		fresh := jobs[:0]
		for _, j := range jobs {
			if !c.seen[j.SourceID] {
				fresh = append(fresh, j)
			}
		}
		if page > 0 && n > 0 && len(fresh) == 0 {
			c.failIndex(page, fmt.Errorf("workday %s: page at offset %d repeats earlier postings; stopping", w.site.Site, offset))
			break
		}
		ls := w.details(ctx, f, c, fresh, now)
		if ctx.Err() != nil {
			break
		}
		c.itemErrors(perr)
		switch {
		case len(ls) > 0:
			if err := c.page(ctx, ls); err != nil {
				return c.result(ctx, err)
			}
		case n == 0:
			_ = c.page(ctx, nil) // counts the empty page
		default:
			c.good++ // read, but every detail failed
		}
		offset += n
		if n < workdayLimit || (total > 0 && offset >= total) {
			break
		}
	}
	return c.result(ctx, nil)
}

// details fetches the detail of every job and returns the listings whose
// detail was read, in order. A failed detail is counted as a failed page,
// and its SourceID kept open when the failure may pass.
func (w *workday) details(ctx context.Context, f *fetcher, c *pageCrawl, jobs []workdayJob, now time.Time) []jobstats.Listing {
	errs := make([]error, len(jobs))
	fetched := make([]bool, len(jobs))
	hdr := http.Header{}
	hdr.Set("Accept", "application/json")
	var wg sync.WaitGroup
	work := make(chan int)
	for range min(f.parallelism(), len(jobs)) {
		wg.Go(func() {
			for i := range work {
				body, err := f.getPlain(ctx, w.api+jobs[i].path, hdr)
				if err != nil {
					errs[i] = err
					continue
				}
				fetched[i] = true
				errs[i] = applyWorkdayDetail(&jobs[i].Listing, body, w.src, w.site, now)
			}
		})
	}
	for i := range jobs {
		if ctx.Err() != nil {
			errs[i] = context.Cause(ctx)
			continue
		}
		work <- i
	}
	close(work)
	wg.Wait()
	out := make([]jobstats.Listing, 0, len(jobs))
	for i, err := range errs {
		if fetched[i] {
			c.stats.PagesFetched++
		}
		if err == nil {
			out = append(out, jobs[i].Listing)
			continue
		}
		if ctx.Err() != nil || !fetched[i] && mayPass(err) {
			c.keepOpen(jobs[i].SourceID)
		}
		if ctx.Err() == nil {
			c.fail(fmt.Errorf("workday posting %s detail: %w", jobs[i].SourceID, err))
		}
	}
	return out
}

// workdayJob is a posting of a list page: its listing as far as the list
// tells, and the externalPath of its detail.
type workdayJob struct {
	jobstats.Listing
	path string
}

type workdayList struct {
	Total       *int `json:"total"`
	JobPostings *[]struct {
		Title         string            `json:"title"`
		ExternalPath  string            `json:"externalPath"`
		LocationsText string            `json:"locationsText"`
		PostedOn      string            `json:"postedOn"`
		RemoteType    workdayDescriptor `json:"remoteType"`
		BulletFields  []flexString      `json:"bulletFields"`
	} `json:"jobPostings"`
}

// parseWorkdayJobs reads one page of the jobs API (POST .../jobs). It
// returns the postings with their listings filled as far as the list
// tells (title, page URL, "3 Locations", the date "Posted 3 Days Ago"
// names counted back from now), how many postings the page held (skipped
// ones included) and the total it states (0 when it states none). A
// posting without a title or externalPath is skipped and reported in the
// returned error beside the others.
func parseWorkdayJobs(body []byte, src config.Source, site config.WorkdaySite, now time.Time) (jobs []workdayJob, n, total int, err error) {
	var page workdayList
	if err := decodeBoard(body, "workday jobs", &page); err != nil {
		return nil, 0, 0, err
	}
	if page.JobPostings == nil {
		return nil, 0, 0, errors.New("parse workday jobs: no jobPostings")
	}
	if page.Total != nil {
		total = *page.Total
	}
	var errs []error
	for i, p := range *page.JobPostings {
		path := strings.TrimSpace(p.ExternalPath)
		title := cleanText(p.Title)
		if !strings.HasPrefix(path, "/") || title == "" {
			errs = append(errs, itemError("workday", i, path, "no title or externalPath"))
			continue
		}
		l := newListing(src, workdayID(path))
		l.Title = title
		l.Company = companyName(src, "", site.Tenant)
		l.URL = site.Home + path
		l.Location = cleanLocation(p.LocationsText)
		l.Workplace = workplaceOf(string(p.RemoteType))
		l.PostedAt = postedAgo(p.PostedOn, now)
		jobs = append(jobs, workdayJob{Listing: l, path: path})
	}
	return jobs, len(*page.JobPostings), total, errors.Join(errs...)
}

// workdayID returns a posting's id from its externalPath: the requisition
// id Workday ends the last segment with
// ("/job/Chicago/Engineer_JR332446" → "JR332446"), else the whole path.
func workdayID(path string) string {
	last := path[strings.LastIndexByte(path, '/')+1:]
	if i := strings.LastIndexByte(last, '_'); i >= 0 {
		if id := last[i+1:]; id != "" && strings.ContainsAny(id, "0123456789") {
			return id
		}
	}
	return path
}

type workdayCountry struct {
	Descriptor string `json:"descriptor"`
	Alpha2Code string `json:"alpha2Code"`
}

type workdayDetail struct {
	JobPostingInfo *struct {
		Title                  string            `json:"title"`
		JobDescription         string            `json:"jobDescription"`
		Location               string            `json:"location"`
		AdditionalLocations    []string          `json:"additionalLocations"`
		PostedOn               string            `json:"postedOn"`
		StartDate              string            `json:"startDate"`
		TimeType               string            `json:"timeType"`
		RemoteType             workdayDescriptor `json:"remoteType"`
		ExternalURL            string            `json:"externalUrl"`
		Country                *workdayCountry   `json:"country"`
		JobRequisitionLocation *struct {
			Descriptor string          `json:"descriptor"`
			Country    *workdayCountry `json:"country"`
		} `json:"jobRequisitionLocation"`
	} `json:"jobPostingInfo"`
	HiringOrganization *struct {
		Name string `json:"name"`
	} `json:"hiringOrganization"`
}

// applyWorkdayDetail fills l from a posting's detail (GET
// {site API}{externalPath}): the description (pay is only ever written
// there), the locations ("Illinois - Chicago; Virginia - Reston" instead
// of "2 Locations"), the time type as Workday writes it ("Full time"), the
// remote type, the public page, the employer and the posting's start date
// (more exact than "Posted 3 Days Ago", which is counted back from now
// when there is none). The country is set from Workday's country (its
// ISO code, else its name) when the posting has one location.
func applyWorkdayDetail(l *jobstats.Listing, body []byte, src config.Source, site config.WorkdaySite, now time.Time) error {
	var d workdayDetail
	if err := decodeBoard(body, "workday posting", &d); err != nil {
		return err
	}
	info := d.JobPostingInfo
	if info == nil {
		return errors.New("parse workday posting: no jobPostingInfo")
	}
	if t := cleanText(info.Title); t != "" {
		l.Title = t
	}
	l.Description = plainText(info.JobDescription)
	locs := []string{cleanLocation(info.Location)}
	if locs[0] == "" && info.JobRequisitionLocation != nil {
		locs[0] = cleanLocation(info.JobRequisitionLocation.Descriptor)
	}
	for _, a := range info.AdditionalLocations {
		locs = append(locs, cleanLocation(a))
	}
	if loc := joinNonEmpty("; ", locs...); loc != "" {
		l.Location = loc
	}
	l.EmploymentType = cleanText(info.TimeType)
	if wp := workplaceOf(string(info.RemoteType)); wp != jobstats.WorkplaceUnknown {
		l.Workplace = wp
	} else if l.Workplace == jobstats.WorkplaceUnknown && len(info.AdditionalLocations) == 0 && mentionsRemote(l.Location) {
		l.Workplace = jobstats.WorkplaceRemote
	}
	if u := strings.TrimSpace(info.ExternalURL); strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "http://") {
		l.URL = u
	}
	if d.HiringOrganization != nil {
		l.Company = companyName(src, cleanText(d.HiringOrganization.Name), site.Tenant)
	}
	if t := parseTime(info.StartDate); !t.IsZero() {
		l.PostedAt = t
	} else if t := postedAgo(info.PostedOn, now); !t.IsZero() {
		l.PostedAt = t
	}
	if len(info.AdditionalLocations) == 0 {
		var c *workdayCountry
		if info.JobRequisitionLocation != nil {
			c = info.JobRequisitionLocation.Country
		}
		if c == nil {
			c = info.Country
		}
		if c != nil {
			setPlace(l, firstNonEmpty(c.Alpha2Code, c.Descriptor), "", "")
		}
	}
	return nil
}

// workdayDescriptor is a value Workday writes as a string or as an object
// with a descriptor ({"descriptor": "Hybrid", "id": "..."}).
type workdayDescriptor string

// UnmarshalJSON accepts a string, an object with a descriptor, or null.
func (d *workdayDescriptor) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case len(b) == 0 || string(b) == "null":
		*d = ""
	case b[0] == '{':
		var o struct {
			Descriptor string `json:"descriptor"`
		}
		if err := json.Unmarshal(b, &o); err != nil {
			return err
		}
		*d = workdayDescriptor(o.Descriptor)
	default:
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*d = workdayDescriptor(s)
	}
	return nil
}
