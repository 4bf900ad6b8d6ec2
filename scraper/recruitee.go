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

func newRecruitee(src config.Source, opts Options) (Source, error) {
	company := strings.TrimSpace(src.Company)
	if company == "" {
		return nil, errors.New("recruitee: company is required")
	}
	if strings.ContainsAny(company, "/.:?#@ ") {
		return nil, fmt.Errorf("recruitee: company %q is not a subdomain", company)
	}
	// base_url replaces https://{company}.recruitee.com.
	u := baseURL(src, "https://"+url.PathEscape(company)+".recruitee.com") + "/api/offers/"
	return &onePage{src: src, opts: opts, url: u, parse: parseRecruitee}, nil
}

type recruiteeOffers struct {
	Offers *[]recruiteeOffer `json:"offers"`
}

type recruiteeOffer struct {
	ID                 flexString `json:"id"`
	Title              string     `json:"title"`
	CompanyName        string     `json:"company_name"`
	Location           string     `json:"location"`
	City               string     `json:"city"`
	State              string     `json:"state_name"`
	Country            string     `json:"country"`
	CountryCode        string     `json:"country_code"`
	StateCode          string     `json:"state_code"`
	Remote             bool       `json:"remote"`
	Hybrid             bool       `json:"hybrid"`
	OnSite             bool       `json:"on_site"`
	EmploymentTypeCode string     `json:"employment_type_code"`
	EducationCode      string     `json:"education_code"`
	PublishedAt        string     `json:"published_at"`
	CreatedAt          string     `json:"created_at"`
	CareersURL         string     `json:"careers_url"`
	Description        string     `json:"description"`
	Requirements       string     `json:"requirements"`
	Salary             *struct {
		Min      flexString `json:"min"`
		Max      flexString `json:"max"`
		Currency string     `json:"currency"`
		Period   string     `json:"period"`
	} `json:"salary"`
}

// parseRecruitee reads a Recruitee offers response (/api/offers/). Salary
// amounts are decimal strings ("75.00") taken as written, in whole units
// of the stated period. Offers without an id or title are skipped and
// reported in the returned error beside the other listings.
func parseRecruitee(body []byte, src config.Source) ([]jobstats.Listing, error) {
	var resp recruiteeOffers
	if err := json.Unmarshal(bytes.TrimPrefix(body, utf8BOM), &resp); err != nil {
		return nil, fmt.Errorf("parse recruitee offers: %w", err)
	}
	if resp.Offers == nil {
		return nil, errors.New("parse recruitee offers: no offers array")
	}
	var out []jobstats.Listing
	var errs []error
	for i, o := range *resp.Offers {
		id := strings.TrimSpace(string(o.ID))
		title := jobstats.TrimSpace(o.Title)
		if id == "" || title == "" {
			errs = append(errs, itemError("recruitee", i, id, "no id or title"))
			continue
		}
		l := newListing(src, id)
		l.Title = title
		l.Company = companyName(src, o.CompanyName, src.Company)
		l.URL = strings.TrimSpace(o.CareersURL)
		l.Location = jobstats.TrimSpace(o.Location)
		if l.Location == "" {
			l.Location = joinNonEmpty(", ", o.City, o.State, o.Country)
		}
		switch {
		case o.Hybrid:
			l.Workplace = jobstats.WorkplaceHybrid
		case o.Remote:
			l.Workplace = jobstats.WorkplaceRemote
		case o.OnSite:
			l.Workplace = jobstats.WorkplaceOnsite
		}
		setPlace(&l, firstNonEmpty(o.CountryCode, o.Country), firstNonEmpty(o.StateCode, o.State), o.City)
		l.EmploymentType = recruiteeEmployment(o.EmploymentTypeCode)
		l.PostedAt = parseTime(o.PublishedAt)
		if l.PostedAt.IsZero() {
			l.PostedAt = parseTime(o.CreatedAt)
		}
		l.Description = joinNonEmpty("\n", plainText(o.Description), plainText(o.Requirements))
		if ed := strings.TrimSpace(o.EducationCode); ed != "" && ed != "unspecified" {
			l.DegreeText = strings.ReplaceAll(ed, "_", " ")
		}
		if s := o.Salary; s != nil {
			if period, ok := jobstats.ParsePeriod(s.Period); ok {
				l.Salary = fieldSalary(parseAmount(string(s.Min)), parseAmount(string(s.Max)), s.Currency, period)
			}
		}
		out = append(out, l)
	}
	return out, errors.Join(errs...)
}

// recruiteeEmployment spells Recruitee's employment type codes as people do.
func recruiteeEmployment(code string) string {
	switch code = strings.TrimSpace(code); code {
	case "fulltime", "fulltime_permanent":
		return "Full-time"
	case "fulltime_fixed_term":
		return "Full-time, fixed term"
	case "parttime", "parttime_permanent":
		return "Part-time"
	case "parttime_fixed_term":
		return "Part-time, fixed term"
	case "internship":
		return "Internship"
	case "freelance", "contract":
		return "Contract"
	case "traineeship":
		return "Traineeship"
	}
	return strings.ReplaceAll(code, "_", " ")
}
