package stats

import (
	"slices"
	"strings"
	"time"

	"github.com/jobstats/jobstats"
)

// Posting is one open listing as a page lists it among the latest
// openings. Its strings are as the source wrote them.
type Posting struct {
	Role     string    `json:"role"`
	Market   string    `json:"market"`
	Title    string    `json:"title"`
	Company  string    `json:"company"`
	Location string    `json:"location"`
	URL      string    `json:"url"`
	Posted   time.Time `json:"posted"`
}

// Recent keeps, for every role and market, the n openings a filter
// selects that were posted last (a listing without a posting date counts
// from when it was first seen). Like the Aggregator it counts a job once:
// a cross-post or repost of a job already added is skipped. It is not safe
// for concurrent use.
type Recent struct {
	filter Filter
	n      int
	jobs   sameJobs
	pages  map[string][]Posting
}

// NewRecent returns a Recent keeping n postings per role and market of the
// listings f selects.
func NewRecent(f Filter, n int) *Recent {
	return &Recent{filter: f, n: n, jobs: newSameJobs(), pages: make(map[string][]Posting)}
}

// Add considers one listing; it does not retain l.
func (r *Recent) Add(l *jobstats.Listing) {
	if r.n <= 0 || !l.Open() || !r.filter.Match(l) {
		return
	}
	if _, created, _ := r.jobs.add(l.Fingerprint, l.Simhash); !created {
		return
	}
	posted := l.PostedAt
	if posted.IsZero() {
		posted = l.FirstSeen
	}
	role, market := RoleOf(l), MarketOf(l)
	k := pageKey(role, market)
	list := r.pages[k]
	if len(list) == r.n && !posted.After(list[len(list)-1].Posted) {
		return
	}
	p := Posting{Role: strings.Clone(role), Market: strings.Clone(market), Title: strings.Clone(jobstats.TrimSpace(l.Title)),
		Company: strings.Clone(jobstats.TrimSpace(l.Company)), Location: strings.Clone(l.Place()), URL: strings.Clone(l.URL), Posted: posted.UTC()}
	i, _ := slices.BinarySearchFunc(list, posted, func(x Posting, t time.Time) int { return t.Compare(x.Posted) })
	list = slices.Insert(list, i, p)
	if len(list) > r.n {
		list = list[:r.n]
	}
	r.pages[k] = list
}

// Postings returns the postings kept, newest first within each role and
// market; roles and markets in no particular order.
func (r *Recent) Postings() []Posting {
	var out []Posting
	for _, list := range r.pages {
		out = append(out, list...)
	}
	return out
}
