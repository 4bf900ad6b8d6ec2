package scraper

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/config"
)

const workableBase = "https://apply.workable.com"

func newWorkable(src config.Source, opts Options) (Source, error) {
	if strings.TrimSpace(src.Account) == "" {
		return nil, errors.New("workable: account is required")
	}
	u := baseURL(src, workableBase) + "/api/v1/widget/accounts/" + url.PathEscape(src.Account) + "?details=true"
	return &onePage{src: src, opts: opts, url: u, parse: parseWorkable}, nil
}

type workableAccount struct {
	Name string         `json:"name"`
	Jobs *[]workableJob `json:"jobs"`
}

type workableJob struct {
	Title          string `json:"title"`
	Shortcode      string `json:"shortcode"`
	EmploymentType string `json:"employment_type"`
	Telecommuting  bool   `json:"telecommuting"`
	URL            string `json:"url"`
	ApplicationURL string `json:"application_url"`
	PublishedOn    string `json:"published_on"`
	CreatedAt      string `json:"created_at"`
	Country        string `json:"country"`
	City           string `json:"city"`
	State          string `json:"state"`
	Education      string `json:"education"`
	Description    string `json:"description"`
	Locations      []struct {
		Country     string `json:"country"`
		CountryCode string `json:"countryCode"`
		City        string `json:"city"`
		Region      string `json:"region"`
		Hidden      bool   `json:"hidden"`
	} `json:"locations"`
}

// parseWorkable reads a Workable widget response
// (/api/v1/widget/accounts/{account}?details=true). Jobs without a
// shortcode or title are skipped and reported in the returned error
// beside the other listings.
func parseWorkable(body []byte, src config.Source) ([]jobstats.Listing, error) {
	var acct workableAccount
	if err := json.Unmarshal(bytes.TrimPrefix(body, utf8BOM), &acct); err != nil {
		return nil, fmt.Errorf("parse workable account: %w", err)
	}
	if acct.Jobs == nil {
		return nil, errors.New("parse workable account: no jobs array")
	}
	var out []jobstats.Listing
	var errs []error
	for i, j := range *acct.Jobs {
		id := strings.TrimSpace(j.Shortcode)
		title := jobstats.TrimSpace(j.Title)
		if id == "" || title == "" {
			errs = append(errs, itemError("workable", i, id, "no shortcode or title"))
			continue
		}
		l := newListing(src, id)
		l.Title = title
		l.Company = companyName(src, acct.Name, src.Account)
		l.URL = strings.TrimSpace(j.URL)
		if l.URL == "" {
			l.URL = strings.TrimSuffix(strings.TrimSpace(j.ApplicationURL), "/apply")
		}
		l.Location = joinNonEmpty(", ", j.City, j.State, j.Country)
		if l.Location == "" {
			var locs []string
			for _, loc := range j.Locations {
				if !loc.Hidden {
					locs = append(locs, joinNonEmpty(", ", loc.City, loc.Region, loc.Country))
				}
			}
			l.Location = joinNonEmpty("; ", locs...)
		}
		// telecommuting false does not say the job is on site.
		if j.Telecommuting {
			l.Workplace = jobstats.WorkplaceRemote
		}
		// The first visible location's code, else the job's own fields.
		for _, loc := range j.Locations {
			if !loc.Hidden {
				setPlace(&l, firstNonEmpty(loc.CountryCode, loc.Country), loc.Region, loc.City)
				break
			}
		}
		setPlace(&l, j.Country, j.State, j.City)
		l.EmploymentType = jobstats.TrimSpace(j.EmploymentType)
		l.PostedAt = parseTime(j.PublishedOn)
		if l.PostedAt.IsZero() {
			l.PostedAt = parseTime(j.CreatedAt)
		}
		l.Description = plainText(j.Description)
		l.DegreeText = jobstats.TrimSpace(j.Education)
		out = append(out, l)
	}
	return out, errors.Join(errs...)
}
