package scraper

import (
	"errors"
	"strings"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/config"
)

const workingNomadsBase = "https://www.workingnomads.com/api/exposed_jobs/"

func newWorkingNomads(src config.Source, opts Options) (Source, error) {
	return &onePage{src: src, opts: opts, url: baseURL(src, strings.TrimSuffix(workingNomadsBase, "/")) + "/", parse: parseWorkingNomads}, nil
}

type workingNomadsJob struct {
	URL          string `json:"url"`
	Title        string `json:"title"`
	Description  string `json:"description"`
	CompanyName  string `json:"company_name"`
	CategoryName string `json:"category_name"`
	Tags         string `json:"tags"`
	Location     string `json:"location"`
	PubDate      string `json:"pub_date"`
}

// parseWorkingNomads reads the Working Nomads jobs API
// (/api/exposed_jobs/, a JSON array). Every job there is remote; location
// says where applicants may live ("Canada", "Japan - Remote", "Global").
// A job's id is the number in its URL (/job/go/1719512/). tags are
// appended to the description as a "Tags:" line. Jobs without a URL or
// title are skipped and reported in the returned error beside the others.
func parseWorkingNomads(body []byte, src config.Source) ([]jobstats.Listing, error) {
	var jobs []workingNomadsJob
	if err := decodeBoard(body, "workingnomads jobs", &jobs); err != nil {
		return nil, err
	}
	out := make([]jobstats.Listing, 0, len(jobs))
	var errs []error
	for i, j := range jobs {
		u := strings.TrimSpace(j.URL)
		title := cleanText(j.Title)
		if u == "" || title == "" {
			errs = append(errs, itemError("workingnomads", i, u, "no url or title"))
			continue
		}
		l := newListing(src, workingNomadsID(u))
		l.URL = u
		l.Title = title
		l.Company = companyName(src, cleanText(j.CompanyName), "")
		l.Location = cleanLocation(j.Location)
		l.Workplace = jobstats.WorkplaceRemote
		setRemoteScope(&l, l.Location)
		l.PostedAt = parseTime(j.PubDate)
		l.Description = withTags(plainText(j.Description), "Tags", strings.Split(j.Tags, ","))
		out = append(out, l)
	}
	return out, errors.Join(errs...)
}

// workingNomadsID returns the job number of a Working Nomads job URL
// (https://www.workingnomads.com/job/go/1719512/ → "1719512"), else the URL.
func workingNomadsID(u string) string {
	p := strings.TrimRight(u, "/")
	last := p[strings.LastIndexByte(p, '/')+1:]
	if last != "" && strings.Trim(last, "0123456789") == "" {
		return last
	}
	return u
}
