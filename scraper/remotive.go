package scraper

import (
	"errors"
	"net/url"
	"strings"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/config"
)

const remotiveBase = "https://remotive.com/api/remote-jobs"

func newRemotive(src config.Source, opts Options) (Source, error) {
	q := url.Values{}
	if c := strings.TrimSpace(src.Category); c != "" {
		q.Set("category", c)
	}
	if s := strings.TrimSpace(src.Search); s != "" {
		q.Set("search", s)
	}
	u := baseURL(src, remotiveBase)
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	return &onePage{src: src, opts: opts, url: u, parse: parseRemotive}, nil
}

type remotiveJobs struct {
	Jobs *[]remotiveJob `json:"jobs"`
}

type remotiveJob struct {
	ID                        flexString `json:"id"`
	URL                       string     `json:"url"`
	Title                     string     `json:"title"`
	CompanyName               string     `json:"company_name"`
	Category                  string     `json:"category"`
	Tags                      stringList `json:"tags"`
	JobType                   string     `json:"job_type"`
	PublicationDate           string     `json:"publication_date"`
	CandidateRequiredLocation string     `json:"candidate_required_location"`
	Salary                    string     `json:"salary"`
	Description               string     `json:"description"`
}

// parseRemotive reads a Remotive /api/remote-jobs response (the body may
// start with a UTF-8 byte order mark). Pay is free text ("$31,2k- $52k",
// "OTE $25k - $35k", "up to $19/hour") and goes to SalaryText as written
// for the salary parser. publication_date has no zone and is UTC. Every
// job is remote; candidate_required_location says from where. Jobs
// without an id or title are skipped and reported in the returned error
// beside the other listings.
func parseRemotive(body []byte, src config.Source) ([]jobstats.Listing, error) {
	var doc remotiveJobs
	if err := decodeBoard(body, "remotive jobs", &doc); err != nil {
		return nil, err
	}
	if doc.Jobs == nil {
		return nil, errors.New("parse remotive jobs: no jobs array")
	}
	out := make([]jobstats.Listing, 0, len(*doc.Jobs))
	var errs []error
	for i, j := range *doc.Jobs {
		id := strings.TrimSpace(string(j.ID))
		title := cleanText(j.Title)
		if id == "" || title == "" {
			errs = append(errs, itemError("remotive", i, id, "no id or title"))
			continue
		}
		l := newListing(src, id)
		l.Title = title
		l.Company = companyName(src, cleanText(j.CompanyName), "")
		l.URL = strings.TrimSpace(j.URL)
		l.Location = cleanLocation(j.CandidateRequiredLocation)
		l.Workplace = jobstats.WorkplaceRemote
		setRemoteScope(&l, l.Location) // where applicants must live
		l.EmploymentType = employmentLabel(j.JobType)
		l.PostedAt = parseTime(j.PublicationDate)
		l.Description = withTags(plainText(j.Description), "Tags", j.Tags)
		l.SalaryText = cleanText(j.Salary)
		out = append(out, l)
	}
	return out, errors.Join(errs...)
}
