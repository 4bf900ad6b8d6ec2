package scraper

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/config"
)

const ashbyBase = "https://api.ashbyhq.com"

func newAshby(src config.Source, opts Options) (Source, error) {
	if strings.TrimSpace(src.Board) == "" {
		return nil, errors.New("ashby: board is required")
	}
	u := baseURL(src, ashbyBase) + "/posting-api/job-board/" + url.PathEscape(src.Board) + "?includeCompensation=true"
	return &onePage{src: src, opts: opts, url: u, parse: parseAshby}, nil
}

type ashbyBoard struct {
	Jobs *[]ashbyJob `json:"jobs"`
}

type ashbyJob struct {
	ID                 string       `json:"id"`
	Title              string       `json:"title"`
	EmploymentType     string       `json:"employmentType"`
	Location           string       `json:"location"`
	Address            ashbyAddress `json:"address"`
	SecondaryLocations []struct {
		Location string       `json:"location"`
		Address  ashbyAddress `json:"address"`
	} `json:"secondaryLocations"`
	PublishedAt     string `json:"publishedAt"`
	IsListed        *bool  `json:"isListed"`
	IsRemote        bool   `json:"isRemote"`
	WorkplaceType   string `json:"workplaceType"`
	JobURL          string `json:"jobUrl"`
	DescriptionHTML string `json:"descriptionHtml"`
	DescriptionText string `json:"descriptionPlain"`
	// ShouldDisplayCompensation false means the employer entered a range
	// but hides it from candidates.
	ShouldDisplayCompensation *bool              `json:"shouldDisplayCompensationOnJobPostings"`
	Compensation              *ashbyCompensation `json:"compensation"`
}

// ashbyAddress is a posting's structured place: a schema.org-like
// PostalAddress whose country is a name or a code ("USA", "United States",
// "European Union").
type ashbyAddress struct {
	PostalAddress struct {
		Country  string `json:"addressCountry"`
		Region   string `json:"addressRegion"`
		Locality string `json:"addressLocality"`
	} `json:"postalAddress"`
}

type ashbyCompensation struct {
	CompensationTierSummary             string           `json:"compensationTierSummary"`
	ScrapeableCompensationSalarySummary string           `json:"scrapeableCompensationSalarySummary"`
	SummaryComponents                   []ashbyComponent `json:"summaryComponents"`
	CompensationTiers                   []struct {
		TierSummary string           `json:"tierSummary"`
		Components  []ashbyComponent `json:"components"`
	} `json:"compensationTiers"`
}

type ashbyComponent struct {
	CompensationType string   `json:"compensationType"`
	Interval         string   `json:"interval"`
	CurrencyCode     string   `json:"currencyCode"`
	MinValue         *float64 `json:"minValue"`
	MaxValue         *float64 `json:"maxValue"`
}

// parseAshby reads an Ashby posting-api job board response. Unlisted jobs
// are left out; jobs without an id or title are skipped and reported in
// the returned error beside the other listings.
func parseAshby(body []byte, src config.Source) ([]jobstats.Listing, error) {
	var board ashbyBoard
	if err := json.Unmarshal(bytes.TrimPrefix(body, utf8BOM), &board); err != nil {
		return nil, fmt.Errorf("parse ashby board: %w", err)
	}
	if board.Jobs == nil {
		return nil, errors.New("parse ashby board: no jobs array")
	}
	var out []jobstats.Listing
	var errs []error
	for i, j := range *board.Jobs {
		if j.IsListed != nil && !*j.IsListed {
			continue
		}
		id := strings.TrimSpace(j.ID)
		title := jobstats.TrimSpace(j.Title)
		if id == "" || title == "" {
			errs = append(errs, itemError("ashby", i, id, "no id or title"))
			continue
		}
		l := newListing(src, id)
		l.Title = title
		// The posting API names no organization.
		l.Company = companyName(src, "", src.Board)
		l.URL = strings.TrimSpace(j.JobURL)
		l.Location = jobstats.TrimSpace(j.Location)
		// isRemote is also true on Hybrid jobs: trust workplaceType first.
		l.Workplace = workplaceOf(j.WorkplaceType)
		if l.Workplace == jobstats.WorkplaceUnknown && j.IsRemote {
			l.Workplace = jobstats.WorkplaceRemote
		}
		a := j.Address.PostalAddress
		setPlace(&l, a.Country, a.Region, a.Locality)
		l.EmploymentType = ashbyEmployment(j.EmploymentType)
		l.PostedAt = parseTime(j.PublishedAt)
		l.Description = tidy(j.DescriptionText)
		if l.Description == "" {
			l.Description = plainText(j.DescriptionHTML)
		}
		// shouldDisplayCompensationOnJobPostings: false means the employer
		// keeps the range from candidates; we do not publish what the
		// employer hides, so such compensation is ignored.
		hidden := j.ShouldDisplayCompensation != nil && !*j.ShouldDisplayCompensation
		if c := j.Compensation; c != nil && !hidden {
			l.Salary = ashbySalary(c)
			if l.Salary == nil {
				l.SalaryText = jobstats.TrimSpace(c.ScrapeableCompensationSalarySummary)
				if l.SalaryText == "" {
					l.SalaryText = jobstats.TrimSpace(c.CompensationTierSummary)
				}
			}
		}
		out = append(out, l)
	}
	return out, errors.Join(errs...)
}

// ashbySalary takes the Salary component of summaryComponents, else of the
// first tier that has one. Equity and bonus components are ignored.
func ashbySalary(c *ashbyCompensation) *jobstats.Salary {
	if s := ashbySalaryOf(c.SummaryComponents); s != nil {
		return s
	}
	for _, t := range c.CompensationTiers {
		if s := ashbySalaryOf(t.Components); s != nil {
			return s
		}
	}
	return nil
}

func ashbySalaryOf(comps []ashbyComponent) *jobstats.Salary {
	for _, k := range comps {
		if !strings.EqualFold(k.CompensationType, "Salary") {
			continue
		}
		period, ok := ashbyInterval(k.Interval)
		if !ok {
			continue
		}
		var lo, hi float64
		if k.MinValue != nil {
			lo = *k.MinValue
		}
		if k.MaxValue != nil {
			hi = *k.MaxValue
		}
		if s := fieldSalary(lo, hi, k.CurrencyCode, period); s != nil {
			return s
		}
	}
	return nil
}

// ashbyInterval reads "1 YEAR", "1 MONTH", "1 HOUR"; other counts and
// "NONE" report false.
func ashbyInterval(s string) (jobstats.Period, bool) {
	f := strings.Fields(s)
	if len(f) != 2 {
		return jobstats.PeriodUnknown, false
	}
	if n, err := strconv.Atoi(f[0]); err != nil || n != 1 {
		return jobstats.PeriodUnknown, false
	}
	return jobstats.ParsePeriod(f[1])
}

// ashbyEmployment spells Ashby's employment types as people do.
func ashbyEmployment(s string) string {
	switch strings.TrimSpace(s) {
	case "FullTime":
		return "Full-time"
	case "PartTime":
		return "Part-time"
	case "Intern":
		return "Internship"
	case "Contract":
		return "Contract"
	case "Temporary":
		return "Temporary"
	}
	return jobstats.TrimSpace(s)
}
