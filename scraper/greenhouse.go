package scraper

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"net/url"
	"strings"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/config"
)

const greenhouseBase = "https://boards-api.greenhouse.io"

func newGreenhouse(src config.Source, opts Options) (Source, error) {
	if strings.TrimSpace(src.Board) == "" {
		return nil, errors.New("greenhouse: board is required")
	}
	u := baseURL(src, greenhouseBase) + "/v1/boards/" + url.PathEscape(src.Board) + "/jobs?content=true&pay_transparency=true"
	return &onePage{src: src, opts: opts, url: u, parse: parseGreenhouse}, nil
}

type ghBoard struct {
	Jobs *[]ghJob `json:"jobs"`
}

type ghJob struct {
	ID             flexString `json:"id"`
	Title          string     `json:"title"`
	CompanyName    string     `json:"company_name"`
	AbsoluteURL    string     `json:"absolute_url"`
	UpdatedAt      string     `json:"updated_at"`
	FirstPublished string     `json:"first_published"`
	Content        string     `json:"content"`
	Location       struct {
		Name string `json:"name"`
	} `json:"location"`
	Offices []struct {
		Name     string `json:"name"`
		Location string `json:"location"`
	} `json:"offices"`
	Metadata []struct {
		Name  string          `json:"name"`
		Value json.RawMessage `json:"value"`
	} `json:"metadata"`
	PayInputRanges []ghPayRange `json:"pay_input_ranges"`
}

type ghPayRange struct {
	MinCents     int64  `json:"min_cents"`
	MaxCents     int64  `json:"max_cents"`
	CurrencyType string `json:"currency_type"`
	Title        string `json:"title"`
	Blurb        string `json:"blurb"`
}

// parseGreenhouse reads a Greenhouse board response
// (/v1/boards/{board}/jobs?content=true&pay_transparency=true). Jobs
// without an id or title are skipped and reported in the returned error
// beside the other listings.
func parseGreenhouse(body []byte, src config.Source) ([]jobstats.Listing, error) {
	var board ghBoard
	if err := json.Unmarshal(bytes.TrimPrefix(body, utf8BOM), &board); err != nil {
		return nil, fmt.Errorf("parse greenhouse board: %w", err)
	}
	if board.Jobs == nil {
		return nil, errors.New("parse greenhouse board: no jobs array")
	}
	var out []jobstats.Listing
	var errs []error
	for i, j := range *board.Jobs {
		id := strings.TrimSpace(string(j.ID))
		title := jobstats.TrimSpace(j.Title)
		if id == "" || title == "" {
			errs = append(errs, itemError("greenhouse", i, id, "no id or title"))
			continue
		}
		l := newListing(src, id)
		l.Title = title
		l.Company = companyName(src, j.CompanyName, src.Board)
		l.URL = strings.TrimSpace(j.AbsoluteURL)
		l.Location = jobstats.TrimSpace(j.Location.Name)
		if l.Location == "" {
			var offices []string
			for _, o := range j.Offices {
				offices = append(offices, o.Name)
			}
			l.Location = joinNonEmpty("; ", offices...)
		}
		switch {
		case mentionsRemote(l.Location):
			l.Workplace = jobstats.WorkplaceRemote
		case strings.Contains(strings.ToLower(l.Location), "hybrid"):
			l.Workplace = jobstats.WorkplaceHybrid
		}
		// Offices are places too ("Remote" at an office named "United
		// States of America"): their country when the location names none.
		var offices []string
		for _, o := range j.Offices {
			offices = append(offices, firstNonEmpty(o.Location, o.Name))
		}
		setOfficeCountry(&l, offices)
		for _, m := range j.Metadata {
			if strings.EqualFold(strings.TrimSpace(m.Name), "employment type") {
				var v string
				if json.Unmarshal(m.Value, &v) == nil {
					l.EmploymentType = jobstats.TrimSpace(v)
				}
			}
		}
		l.PostedAt = parseTime(j.FirstPublished)
		if l.PostedAt.IsZero() {
			l.PostedAt = parseTime(j.UpdatedAt)
		}
		// content is HTML whose markup is entity-escaped once more
		// ("&lt;p&gt;"): undo that once, then strip the HTML, which
		// decodes the entities of the text itself.
		l.Description = plainText(html.UnescapeString(j.Content))
		l.Salary = greenhousePay(j.PayInputRanges)
		out = append(out, l)
	}
	return out, errors.Join(errs...)
}

// greenhousePay turns pay_input_ranges into one salary: the span of the
// ranges in the first range's currency (boards give one range per
// location zone). Amounts are already in cents. The period is a year
// unless a range's title or blurb says hourly or monthly.
func greenhousePay(ranges []ghPayRange) *jobstats.Salary {
	var s *jobstats.Salary
	for _, r := range ranges {
		if r.MinCents <= 0 && r.MaxCents <= 0 {
			continue
		}
		period := jobstats.PeriodYear
		text := strings.ToLower(r.Title + " " + r.Blurb)
		switch {
		case strings.Contains(text, "hourly") || strings.Contains(text, "per hour") || strings.Contains(text, "/hr"):
			period = jobstats.PeriodHour
		case strings.Contains(text, "monthly") || strings.Contains(text, "per month"):
			period = jobstats.PeriodMonth
		}
		cur := amountSalary(jobstats.Amount(r.MinCents), jobstats.Amount(r.MaxCents), r.CurrencyType, period)
		if s == nil {
			s = cur
			continue
		}
		if cur.Currency != s.Currency || cur.Period != s.Period {
			continue
		}
		if cur.Min > 0 && (s.Min == 0 || cur.Min < s.Min) {
			s.Min = cur.Min
		}
		if cur.Max > s.Max {
			s.Max = cur.Max
		}
	}
	return s
}
