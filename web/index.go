package web

import (
	"fmt"
	"html/template"
	"strings"
	"time"

	"github.com/jobstats/jobstats/stats"
)

// indexView is the site's front page: every role and its markets.
type indexView struct {
	layout
	Lead       template.HTML
	Updated    template.HTML
	FilterText string
	Roles      []indexRole
	Note       template.HTML
	JSONHref   string
	CSVHref    string
}

type indexRole struct {
	Name, Href string
	Openings   template.HTML
	Markets    []indexMarket
	// HasTrend is true when a market has a sparkline (two snapshots or
	// more).
	HasTrend bool
}

type indexMarket struct {
	Name, Href  string
	Openings    template.HTML
	Median      template.HTML
	MedianLocal template.HTML
	Salaries    template.HTML
	Spark       template.HTML
}

// roleView is a role's markets.
type roleView struct {
	layout
	Heading string
	Lead    template.HTML
	Role    indexRole
	Note    template.HTML
}

// buildIndex returns the front page of s; history holds each role's
// points (by role name), for the sparklines.
func buildIndex(s *stats.Summary, history map[string][]Point, root, canonical string, live bool, query string) indexView {
	v := indexView{
		layout: layout{Title: "Salaries by role and market", Root: root, Canonical: canonical, Generated: s.GeneratedAt, Live: live,
			Description: fmt.Sprintf("Salary statistics from %d job openings: median salary, salary range by seniority, companies hiring and skills, per role and market.", s.Open)},
		FilterText: s.FilterText,
		JSONHref:   "data.json",
		CSVHref:    "data.csv",
	}
	markets := map[string]bool{}
	for i := range s.Roles {
		for _, m := range s.Roles[i].Markets {
			markets[m.Market] = true
		}
	}
	v.Lead = join([]template.HTML{count("/open", s.Open), text(" job openings, "), plainCount(len(s.Roles), "roles"), text(" and "),
		plainCount(len(markets), "markets"), text(". Pick a role and a market for its salaries, who is hiring and what they ask for.")}, "")
	if s.LastUpdated != nil {
		v.Updated = template.HTML(fmt.Sprintf(`Updated <time datetime="%s">%s</time>`, s.LastUpdated.UTC().Format(time.RFC3339),
			s.LastUpdated.UTC().Format("2 January 2006")))
	}
	for i := range s.Roles {
		v.Roles = append(v.Roles, roleRow(s, i, history[strings.ToLower(s.Roles[i].Name)], root, query))
	}
	v.Note = join([]template.HTML{text("Medians are annual salaries in " + s.Currency + "; a median needs "),
		constEl("min_median", stats.MinMedian, fmt.Sprint(stats.MinMedian)), text(" salaries. A market needs "),
		count("/min_openings", s.MinOpenings), text(" openings for a page of its own.")}, "")
	return v
}

// plainCount is a count that is not a figure of the report ("14
// roles"); what is the plural, made singular for one.
func plainCount(n int, what string) template.HTML {
	if n == 1 {
		what = strings.TrimSuffix(what, "s")
	}
	return template.HTML(fmt.Sprintf(`<data value="%d" data-label>%d %s</data>`, n, n, esc(what)))
}

// roleRow is one role of the index with its markets.
func roleRow(s *stats.Summary, i int, pts []Point, root, query string) indexRole {
	r := &s.Roles[i]
	rb := ptr("", "roles", i)
	out := indexRole{Name: r.Name, Href: root + rolePath(r.Name) + query, Openings: count(ptr(rb, "openings"), r.Openings)}
	for j, m := range r.Markets {
		mb := ptr(rb, "markets", j)
		im := indexMarket{Name: m.Name, Openings: count(ptr(mb, "openings"), m.Openings), Salaries: count(ptr(mb, "salary_count"), m.SalaryCount)}
		if m.HasPage {
			im.Href = root + pagePath(r.Name, m.Market) + query
		}
		st := &stats.PayStats{Count: m.SalaryCount}
		im.Median = payFig(mb, "median", s.Currency, st, m.Median, true)
		if m.MedianLocal != nil && m.LocalCurrency != "" && m.LocalCurrency != s.Currency {
			im.MedianLocal = money(ptr(mb, "median_local"), m.LocalCurrency, *m.MedianLocal)
		}
		var vals []float64
		for _, pt := range pts {
			if pt.Market == m.Market {
				vals = append(vals, float64(pt.Openings))
			}
		}
		if len(vals) >= 2 {
			im.Spark = sparkline(fmt.Sprintf("spark-%d-%d", i, j),
				fmt.Sprintf("Openings over the last %d snapshots: from %d to %d", len(vals), int(vals[0]), int(vals[len(vals)-1])), vals)
			out.HasTrend = true
		}
		out.Markets = append(out.Markets, im)
	}
	return out
}

// buildRole returns a role's page of markets: s is the summary of the
// role alone.
func buildRole(s *stats.Summary, pts []Point, root, canonical string, live bool, query string) roleView {
	r := &s.Roles[0]
	v := roleView{
		layout: layout{Title: r.Name + " Salaries by Market", Root: root, Canonical: canonical, Generated: s.GeneratedAt, Live: live,
			Crumbs:      []link{{Name: "All roles", Href: root}, {Name: r.Name, Current: true}},
			Description: fmt.Sprintf("%s salaries in %d markets: median salary and openings per country and remote region.", r.Name, len(r.Markets))},
		Heading: r.Name + " salaries by market",
		Role:    roleRow(s, 0, pts, root, query),
	}
	v.Lead = join([]template.HTML{count("/roles/0/openings", r.Openings), text(" openings in "), plainCount(len(r.Markets), "markets"), text(".")}, "")
	v.Note = join([]template.HTML{text("A market needs "), count("/min_openings", s.MinOpenings), text(" openings for a page of its own; medians need "),
		constEl("min_median", stats.MinMedian, fmt.Sprint(stats.MinMedian)), text(" salaries.")}, "")
	return v
}

// controls are the filters a live page offers: plain links and a GET form.
type controls struct {
	Action      string
	Workplace   string
	Seniority   string
	Company     string
	Skill       string
	Since       string
	Levels      []string
	Companies   []string
	Skills      []string
	SinceValues []link // Name: label, Href: value
	Clear       string
	Active      bool
}
