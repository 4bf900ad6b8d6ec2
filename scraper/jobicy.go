package scraper

import (
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/config"
)

const (
	jobicyBase = "https://jobicy.com/api/v2/remote-jobs"
	// jobicyCount is how many jobs are asked of Jobicy, its maximum.
	jobicyCount = 50
)

func newJobicy(src config.Source, opts Options) (Source, error) {
	q := url.Values{}
	q.Set("count", strconv.Itoa(jobicyCount))
	if g := strings.TrimSpace(src.Geo); g != "" {
		q.Set("geo", g)
	}
	if t := strings.TrimSpace(src.Tag); t != "" {
		q.Set("tag", t)
	}
	return &onePage{src: src, opts: opts, url: baseURL(src, jobicyBase) + "?" + q.Encode(), parse: parseJobicy}, nil
}

type jobicyDoc struct {
	Success *bool        `json:"success"`
	Message string       `json:"message"`
	Jobs    *[]jobicyJob `json:"jobs"`
}

type jobicyJob struct {
	ID              flexString `json:"id"`
	URL             string     `json:"url"`
	JobTitle        string     `json:"jobTitle"`
	CompanyName     string     `json:"companyName"`
	JobType         stringList `json:"jobType"`
	JobGeo          string     `json:"jobGeo"`
	JobExcerpt      string     `json:"jobExcerpt"`
	JobDescription  string     `json:"jobDescription"`
	PubDate         string     `json:"pubDate"`
	AnnualSalaryMin flexString `json:"annualSalaryMin"`
	AnnualSalaryMax flexString `json:"annualSalaryMax"`
	SalaryMin       flexString `json:"salaryMin"`
	SalaryMax       flexString `json:"salaryMax"`
	SalaryCurrency  string     `json:"salaryCurrency"`
	SalaryPeriod    string     `json:"salaryPeriod"`
}

// parseJobicy reads a Jobicy /api/v2/remote-jobs response. Titles,
// company names and geos are entity-escaped ("&amp;") and decoded once.
// Pay is salaryMin/salaryMax per salaryPeriod ("yearly", "monthly",
// "hourly"; a year when absent) in salaryCurrency, or, in older
// responses, annualSalaryMin/annualSalaryMax a year; either bound may be
// missing. Every job is remote; jobGeo says from where. Jobs without an
// id or title are skipped and reported in the returned error beside the
// other listings.
func parseJobicy(body []byte, src config.Source) ([]jobstats.Listing, error) {
	var doc jobicyDoc
	if err := decodeBoard(body, "jobicy jobs", &doc); err != nil {
		return nil, err
	}
	if doc.Jobs == nil {
		if doc.Success != nil && !*doc.Success {
			return nil, fmt.Errorf("parse jobicy jobs: jobicy says %q", doc.Message)
		}
		return nil, errors.New("parse jobicy jobs: no jobs array")
	}
	out := make([]jobstats.Listing, 0, len(*doc.Jobs))
	var errs []error
	for i, j := range *doc.Jobs {
		id := strings.TrimSpace(string(j.ID))
		title := cleanText(j.JobTitle)
		if id == "" || title == "" {
			errs = append(errs, itemError("jobicy", i, id, "no id or title"))
			continue
		}
		l := newListing(src, id)
		l.Title = title
		l.Company = companyName(src, cleanText(j.CompanyName), "")
		l.URL = strings.TrimSpace(j.URL)
		l.Location = cleanLocation(j.JobGeo)
		l.Workplace = jobstats.WorkplaceRemote
		setRemoteScope(&l, l.Location) // jobGeo: where applicants must live
		l.EmploymentType = employmentLabels(j.JobType)
		l.PostedAt = parseTime(j.PubDate)
		l.Description = plainText(j.JobDescription)
		if l.Description == "" {
			l.Description = plainText(j.JobExcerpt)
		}
		l.Salary = jobicySalary(j)
		out = append(out, l)
	}
	return out, errors.Join(errs...)
}

// jobicySalary reads the newer salaryMin/salaryMax/salaryPeriod fields,
// else the older annual ones.
func jobicySalary(j jobicyJob) *jobstats.Salary {
	min, max := parseAmount(string(j.SalaryMin)), parseAmount(string(j.SalaryMax))
	if min > 0 || max > 0 {
		period := jobstats.PeriodYear
		if p := strings.TrimSpace(j.SalaryPeriod); p != "" {
			period, _ = jobstats.ParsePeriod(p) // unknown: no structured pay
		}
		return fieldSalary(min, max, j.SalaryCurrency, period)
	}
	min, max = parseAmount(string(j.AnnualSalaryMin)), parseAmount(string(j.AnnualSalaryMax))
	return fieldSalary(min, max, j.SalaryCurrency, jobstats.PeriodYear)
}
