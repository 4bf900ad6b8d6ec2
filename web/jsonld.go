package web

import (
	"strings"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/stats"
)

// occupation is schema.org's Occupation, as search engines read salary
// estimates from it.
type occupation struct {
	Context            string         `json:"@context"`
	Type               string         `json:"@type"`
	Name               string         `json:"name"`
	Description        string         `json:"description,omitempty"`
	URL                string         `json:"url,omitempty"`
	OccupationLocation []place        `json:"occupationLocation,omitempty"`
	EstimatedSalary    []distribution `json:"estimatedSalary,omitempty"`
	// DatePosted is not an Occupation property; LastReviewed is
	// WebPage's. The page's freshness is in the HTML instead.
}

// place is where the occupation's figures hold.
type place struct {
	Type string `json:"@type"`
	Name string `json:"name"`
}

// distribution is schema.org's MonetaryAmountDistribution: annual salary
// percentiles. A figure the sample rules withhold is left out.
type distribution struct {
	Type     string   `json:"@type"`
	Name     string   `json:"name"`
	Currency string   `json:"currency"`
	Duration string   `json:"duration"`
	Median   *float64 `json:"median,omitempty"`
	P10      *float64 `json:"percentile10,omitempty"`
	P25      *float64 `json:"percentile25,omitempty"`
	P75      *float64 `json:"percentile75,omitempty"`
	P90      *float64 `json:"percentile90,omitempty"`
}

// occupationLD returns the structured data of a page: the Occupation, its
// market as occupationLocation (a country, or the region of a remote
// market; none for unknown or pooled markets), and the salary
// distribution in the report currency and, where the market has its own,
// in that one. Without a median (too few salaries) there is no
// estimatedSalary at all.
func occupationLD(s *stats.Summary, p *stats.Page, url string) occupation {
	o := occupation{Context: "https://schema.org", Type: "Occupation", Name: p.Role, URL: url,
		Description: description(s, p)}
	switch m := p.Market; {
	case m == stats.MarketUnknown || m == stats.MarketAll || m == "":
	case strings.HasPrefix(m, jobstats.MarketRemotePrefix):
		o.OccupationLocation = []place{{Type: "AdministrativeArea", Name: p.MarketName}}
	default:
		o.OccupationLocation = []place{{Type: "Country", Name: p.MarketName}}
	}
	add := func(cur string, st *stats.PayStats) {
		if st == nil || st.Median == nil {
			return
		}
		o.EstimatedSalary = append(o.EstimatedSalary, distribution{Type: "MonetaryAmountDistribution", Name: "base",
			Currency: cur, Duration: "P1Y", Median: st.Median, P10: st.P10, P25: st.P25, P75: st.P75, P90: st.P90})
	}
	if p.LocalCurrency != "" && p.LocalCurrency != s.Currency {
		add(p.LocalCurrency, p.SalaryLocal)
	}
	add(s.Currency, &p.Salary)
	return o
}
