package scraper

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/config"
)

const comeetBase = "https://www.comeet.co"

// comeet crawls a company's positions through Comeet's careers API, which
// wants the company's token: one response holds every position with its
// details.
type comeet struct {
	src  config.Source
	opts Options
	url  string // without the token
}

func newComeet(src config.Source, opts Options) (Source, error) {
	uid := strings.TrimSpace(src.CompanyUID)
	if uid == "" {
		return nil, errors.New("comeet: company_uid is required")
	}
	if strings.TrimSpace(src.TokenEnv) == "" {
		return nil, errors.New("comeet: token_env is required (the name of the environment variable holding the careers API token)")
	}
	u := baseURL(src, comeetBase) + "/careers-api/2.0/company/" + url.PathEscape(uid) + "/positions?details=true"
	return &comeet{src: src, opts: opts, url: u}, nil
}

// Crawl reads the token from the environment variable token_env names
// (through Options.Env) and fetches the positions. A missing or empty
// variable fails the crawl before any request. The token travels in the
// query, as Comeet wants it, but is added only as the request leaves (see
// queryToken): addresses in errors, logs and stored validators never hold
// it.
func (c *comeet) Crawl(ctx context.Context, sink Sink) (Stats, error) {
	name := strings.TrimSpace(c.src.TokenEnv)
	token := ""
	if c.opts.Env != nil {
		token = strings.TrimSpace(c.opts.Env(name))
	}
	if token == "" {
		return Stats{}, fmt.Errorf("comeet: environment variable %s is not set; it must hold the company's careers API token", name)
	}
	opts := c.opts
	opts.Transport = &queryToken{next: opts.Transport, host: hostOf(c.url), key: "token", value: token}
	f, err := newFetcher(c.src, opts)
	if err != nil {
		return Stats{}, err
	}
	return crawlOnePage(ctx, f, c.url, nil, func(b []byte) ([]jobstats.Listing, error) {
		return parseComeet(b, c.src)
	}, sink)
}

// queryToken is a RoundTripper that adds a secret query parameter to the
// requests to one host, so that the secret is in no address the crawl
// shows or stores.
type queryToken struct {
	next       http.RoundTripper // nil: http.DefaultTransport
	host       string
	key, value string
}

// RoundTrip adds the parameter to requests to q.host and sends the request on.
func (q *queryToken) RoundTrip(r *http.Request) (*http.Response, error) {
	next := q.next
	if next == nil {
		next = http.DefaultTransport
	}
	if r.URL.Host != q.host {
		return next.RoundTrip(r)
	}
	r2 := r.Clone(r.Context())
	v := r2.URL.Query()
	v.Set(q.key, q.value)
	r2.URL.RawQuery = v.Encode()
	return next.RoundTrip(r2)
}

// hostOf returns the host (with port) of an absolute URL, "" when it has none.
func hostOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return u.Host
}

type comeetPosition struct {
	UID            flexString `json:"uid"`
	Name           string     `json:"name"`
	CompanyName    string     `json:"company_name"`
	Department     string     `json:"department"`
	EmploymentType string     `json:"employment_type"`
	WorkplaceType  string     `json:"workplace_type"`
	HostedPage     string     `json:"url_comeet_hosted_page"`
	RecruitPage    string     `json:"url_recruit_hosted_page"`
	ActivePage     string     `json:"url_active_page"`
	Location       *struct {
		Name     string `json:"name"`
		Country  string `json:"country"`
		City     string `json:"city"`
		State    string `json:"state"`
		IsRemote bool   `json:"is_remote"`
	} `json:"location"`
	Details []struct {
		Name  string  `json:"name"`
		Value *string `json:"value"`
		Order int     `json:"order"`
	} `json:"details"`
}

// parseComeet reads a Comeet careers API response
// (/careers-api/2.0/company/{uid}/positions?details=true, a JSON array).
// The location is written "City, State, Country" from its structured
// parts, which also give the place (setPlace). The description is the details in
// their order, each under its name. Comeet publishes no posting date:
// time_updated is when the position was last edited, so PostedAt stays
// unknown. Positions without a uid or name are skipped and reported in the
// returned error beside the others.
func parseComeet(body []byte, src config.Source) ([]jobstats.Listing, error) {
	var ps []comeetPosition
	if err := decodeBoard(body, "comeet positions", &ps); err != nil {
		return nil, err
	}
	out := make([]jobstats.Listing, 0, len(ps))
	var errs []error
	for i, p := range ps {
		id := strings.TrimSpace(string(p.UID))
		title := cleanText(p.Name)
		if id == "" || title == "" {
			errs = append(errs, itemError("comeet", i, id, "no uid or name"))
			continue
		}
		l := newListing(src, id)
		l.Title = title
		l.Company = companyName(src, cleanText(p.CompanyName), "")
		l.URL = firstNonEmpty(p.HostedPage, p.RecruitPage, p.ActivePage)
		l.EmploymentType = cleanText(p.EmploymentType)
		l.Workplace = workplaceOf(p.WorkplaceType)
		if loc := p.Location; loc != nil {
			country := strings.ToUpper(strings.TrimSpace(loc.Country))
			l.Location = joinNonEmpty(", ", cleanText(loc.City), cleanText(loc.State), country)
			if l.Location == "" {
				l.Location = cleanLocation(loc.Name)
			}
			if loc.IsRemote {
				l.Workplace = jobstats.WorkplaceRemote
			}
			setPlace(&l, country, loc.State, loc.City)
		}
		details := p.Details
		sort.SliceStable(details, func(a, b int) bool { return details[a].Order < details[b].Order })
		var parts []string
		for _, d := range details {
			if d.Value == nil {
				continue
			}
			if text := plainText(*d.Value); text != "" {
				parts = append(parts, joinNonEmpty("\n", cleanText(d.Name), text))
			}
		}
		l.Description = strings.Join(parts, "\n")
		out = append(out, l)
	}
	return out, errors.Join(errs...)
}
