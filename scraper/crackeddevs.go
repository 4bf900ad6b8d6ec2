package scraper

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/config"
)

const crackedDevsBase = "https://api.crackeddevs.com/api/get-jobs"

// crackedDevs crawls the CrackedDevs jobs API, which wants an API key in
// an api-key header: one response holds every active job.
type crackedDevs struct {
	src  config.Source
	opts Options
	url  string
}

func newCrackedDevs(src config.Source, opts Options) (Source, error) {
	if strings.TrimSpace(src.APIKeyEnv) == "" {
		return nil, errors.New("crackeddevs: api_key_env is required (the name of the environment variable holding the API key)")
	}
	return &crackedDevs{src: src, opts: opts, url: baseURL(src, crackedDevsBase)}, nil
}

// Crawl reads the API key from the environment variable api_key_env names
// (through Options.Env) and fetches the jobs. A missing or empty variable
// fails the crawl before any request.
func (c *crackedDevs) Crawl(ctx context.Context, sink Sink) (Stats, error) {
	name := strings.TrimSpace(c.src.APIKeyEnv)
	env := c.opts.Env
	if env == nil {
		return Stats{}, fmt.Errorf("crackeddevs: no environment to read %s from", name)
	}
	key := strings.TrimSpace(env(name))
	if key == "" {
		return Stats{}, fmt.Errorf("crackeddevs: environment variable %s is not set; it must hold the CrackedDevs API key", name)
	}
	f, err := newFetcher(c.src, c.opts)
	if err != nil {
		return Stats{}, err
	}
	hdr := http.Header{}
	hdr.Set("api-key", key)
	return crawlOnePage(ctx, f, c.url, hdr, func(b []byte) ([]jobstats.Listing, error) {
		return parseCrackedDevs(b, c.src)
	}, sink)
}

type crackedDevsJob struct {
	ID             flexString `json:"id"`
	Title          string     `json:"title"`
	Company        string     `json:"company"`
	MinSalaryUSD   flexString `json:"min_salary_usd"`
	MaxSalaryUSD   flexString `json:"max_salary_usd"`
	Location       string     `json:"location"`
	LocationISO    string     `json:"location_iso"`
	JobType        string     `json:"job_type"`
	DegreeRequired *bool      `json:"degree_required"`
	Description    string     `json:"description"`
	URL            string     `json:"url"`
	ApplyURL       string     `json:"apply_url"`
	CreatedAt      string     `json:"created_at"`
	Technologies   stringList `json:"technologies"`
}

// parseCrackedDevs reads a CrackedDevs /api/get-jobs response (a JSON
// array). min_salary_usd and max_salary_usd are USD a year; null or 0
// means unknown, and either may be missing. degree_required becomes
// DegreeText "degree required" or "no degree required", wording the degree
// classifier reads as a statement (the classification itself is not done
// here). technologies are appended to the description as a
// "Technologies:" line. Jobs without an id or title are skipped and
// reported in the returned error beside the other listings.
func parseCrackedDevs(body []byte, src config.Source) ([]jobstats.Listing, error) {
	var jobs []crackedDevsJob
	if err := decodeBoard(body, "crackeddevs jobs", &jobs); err != nil {
		return nil, err
	}
	out := make([]jobstats.Listing, 0, len(jobs))
	var errs []error
	for i, j := range jobs {
		id := strings.TrimSpace(string(j.ID))
		title := cleanText(j.Title)
		if id == "" || title == "" {
			errs = append(errs, itemError("crackeddevs", i, id, "no id or title"))
			continue
		}
		l := newListing(src, id)
		l.Title = title
		l.Company = companyName(src, cleanText(j.Company), "")
		l.URL = strings.TrimSpace(j.URL)
		if l.URL == "" {
			l.URL = strings.TrimSpace(j.ApplyURL)
		}
		l.Location = cleanLocation(j.Location)
		if l.Location == "" {
			l.Location = strings.ToUpper(cleanLocation(j.LocationISO))
		}
		if mentionsRemote(l.Location) {
			l.Workplace = jobstats.WorkplaceRemote
		}
		setPlace(&l, j.LocationISO, "", "")
		l.EmploymentType = employmentLabel(j.JobType)
		l.PostedAt = parseTime(j.CreatedAt)
		l.Description = withTags(plainText(j.Description), "Technologies", j.Technologies)
		l.Salary = fieldSalary(parseAmount(string(j.MinSalaryUSD)), parseAmount(string(j.MaxSalaryUSD)), "USD", jobstats.PeriodYear)
		if j.DegreeRequired != nil {
			if *j.DegreeRequired {
				l.DegreeText = "degree required"
			} else {
				l.DegreeText = "no degree required"
			}
		}
		out = append(out, l)
	}
	return out, errors.Join(errs...)
}
