package scraper

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/jobstats/jobstats/config"
)

// careerPage wraps a body in a career page.
func careerPage(body string) string {
	return `<!doctype html><html><head><title>Careers</title></head><body><h1>Join us</h1>` + body + `</body></html>`
}

// jobPostingPage is a job page with JobPosting JSON-LD.
const jobPostingPage = `<!doctype html><html><head><script type="application/ld+json">
{"@context":"https://schema.org","@type":"JobPosting","title":"Platform Engineer","hiringOrganization":{"name":"Kestrel"},"datePosted":"2026-09-01"}
</script></head><body><h1>Platform Engineer</h1></body></html>`

// careerSite serves one fake career page per board, as companies embed
// their boards, and counts every request.
func careerSite(t *testing.T) (*httptest.Server, *sync.Map) {
	t.Helper()
	pages := map[string]string{
		"/greenhouse-iframe": careerPage(`<iframe id="grnhse_iframe" src="https://boards.greenhouse.io/embed/job_board?for=acmehealth&amp;b=https%3A%2F%2Facme.example%2Fcareers" frameborder="0"></iframe>`),
		"/greenhouse-script": careerPage(`<div id="grnhse_app"></div><script src="https://boards.greenhouse.io/embed/job_board/js?for=acmehealth"></script>`),
		"/greenhouse-json":   careerPage(`<script>window.__DATA__={"jobsUrl":"https:\/\/job-boards.greenhouse.io\/acmehealth\/jobs\/4100001"}</script>`),
		"/lever":             careerPage(`<ul><li><a href="https://jobs.lever.co/acme-widgets/0b7f1c9e-1111">Staff Engineer</a></li><li><a href="https://jobs.lever.co/acme-widgets/0b7f1c9e-2222">Designer</a></li></ul>`),
		"/lever-eu":          careerPage(`<a href="https://jobs.eu.lever.co/acme-eu">All jobs</a>`),
		"/ashby":             careerPage(`<div id="ashby_embed"></div><script src="https://jobs.ashbyhq.com/examplefin/embed?version=2" defer></script>`),
		"/workday":           careerPage(`<a class="btn" href="https://examplecloud.wd5.myworkdayjobs.com/en-US/External_Careers?locations=abc">See open roles</a>`),
		"/smartrecruiters":   careerPage(`<a href="https://careers.smartrecruiters.com/ExampleSoft1">Open positions</a>`),
		"/workable":          careerPage(`<a href="https://apply.workable.com/exampleprint/j/7417AAAA01/">Account Executive</a>`),
		"/recruitee":         careerPage(`<a href="https://acmeledger.recruitee.com/o/security-engineer">Security Engineer</a>`),
		"/personio":          careerPage(`<a href="https://example-co.jobs.personio.de/job/1834171?language=en">Staff Engineer</a>`),
		"/teamtailor":        careerPage(`<link rel="stylesheet" href="https://scripts.teamtailor-cdn.com/x.css"><a href="https://nordlys.teamtailor.com/jobs">Jobs</a>`),
		"/comeet-link":       careerPage(`<a href="https://www.comeet.com/jobs/examplesense/A1.234/firmware-engineer/21.401">Firmware Engineer</a>`),
		"/comeet-widget": careerPage(`<script type="comeet-careers"></script><script>window.comeetInit = function() {
  COMEET.init({"token": "6F329B2DE6379829B229B2037983E8B3E8B", "company-uid": "A1.234", "company-name": "ExampleSense", "color": "278fe6"});
};</script><script src="//www.comeet.co/careers-api/api.js"></script>`),
		"/mostly-greenhouse": careerPage(`<iframe src="https://boards.greenhouse.io/embed/job_board?for=acmehealth"></iframe>
<a href="https://boards.greenhouse.io/acmehealth/jobs/1">One</a><footer>Formerly on <a href="https://jobs.lever.co/oldacme">Lever</a></footer>`),
		"/jsonld":                         jobPostingPage,
		"/careers":                        careerPage(`<a href="/about">About</a><a href="/careers">Careers</a><a href="/careers/jobs/platform-engineer">Platform Engineer</a>`),
		"/careers/jobs/platform-engineer": jobPostingPage,
		"/nothing":                        careerPage(`<p>Write to jobs@example.com.</p><a href="/careers/team">Meet the team</a><a href="/blog">Blog</a>`),
		"/careers/team":                   careerPage(`<p>Our team.</p>`),
		"/deep":                           careerPage(`<a href="/jobs/list">All jobs</a>`),
		"/robots.txt":                     "User-agent: *\nDisallow: /private/\nSitemap: https://kestrel.example/sitemap.xml\n",
		"/sitemap.xml": `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>https://kestrel.example/about</loc></url><url><loc>https://kestrel.example/careers/jobs/platform-engineer</loc><lastmod>2026-09-01</lastmod></url></urlset>`,
		"/sitemap_index.xml": `<sitemapindex><sitemap><loc>https://kestrel.example/sitemap.xml</loc></sitemap></sitemapindex>`,
		"/jobs/list":         careerPage(`<iframe src="https://boards.greenhouse.io/embed/job_board?for=deepco"></iframe>`),
	}
	var hits sync.Map
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n, _ := hits.LoadOrStore(r.URL.Path, new(int))
		*n.(*int)++
		if r.Header.Get("User-Agent") != "jobstats-test/1.0" {
			http.Error(w, "who are you", http.StatusForbidden)
			return
		}
		switch r.URL.Path {
		case "/moved":
			http.Redirect(w, r, "/lever", http.StatusMovedPermanently)
			return
		case "/to-board":
			// To the board itself: the address tells; it is not fetched.
			http.Redirect(w, r, "https://jobs.ashbyhq.com/redirectco", http.StatusFound)
			return
		}
		body, ok := pages[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, body)
	}))
	t.Cleanup(srv.Close)
	return srv, &hits
}

func TestDiscover(t *testing.T) {
	srv, hits := careerSite(t)
	for _, tt := range []struct {
		path     string // on the fake site; a full URL is used as it is
		board    string
		src      config.Source
		evidence string
		requests int // to the fake site, all paths together, robots.txt included
	}{
		{"/greenhouse-iframe", "Greenhouse", config.Source{Name: "acmehealth", Kind: "greenhouse", Board: "acmehealth"}, "boards.greenhouse.io/embed/job_board?for=acmehealth", 2},
		{"/greenhouse-script", "Greenhouse", config.Source{Name: "acmehealth", Kind: "greenhouse", Board: "acmehealth"}, "job_board/js?for=acmehealth", 2},
		{"/greenhouse-json", "Greenhouse", config.Source{Name: "acmehealth", Kind: "greenhouse", Board: "acmehealth"}, "job-boards.greenhouse.io/acmehealth", 2},
		{"/lever", "Lever", config.Source{Name: "acme-widgets", Kind: "lever", Site: "acme-widgets"}, "jobs.lever.co/acme-widgets", 2},
		{"/lever-eu", "Lever", config.Source{Name: "acme-eu", Kind: "lever", Site: "acme-eu", Region: "eu"}, "jobs.eu.lever.co", 2},
		{"/ashby", "Ashby", config.Source{Name: "examplefin", Kind: "ashby", Board: "examplefin"}, "jobs.ashbyhq.com/examplefin", 2},
		{"/workday", "Workday", config.Source{Name: "examplecloud", Kind: "workday", URL: "https://examplecloud.wd5.myworkdayjobs.com/en-US/External_Careers"}, "myworkdayjobs.com", 2},
		{"/smartrecruiters", "SmartRecruiters", config.Source{Name: "examplesoft1", Kind: "smartrecruiters", Company: "ExampleSoft1"}, "careers.smartrecruiters.com", 2},
		{"/workable", "Workable", config.Source{Name: "exampleprint", Kind: "workable", Account: "exampleprint"}, "apply.workable.com/exampleprint", 2},
		{"/recruitee", "Recruitee", config.Source{Name: "acmeledger", Kind: "recruitee", Company: "acmeledger"}, "acmeledger.recruitee.com", 2},
		{"/personio", "Personio", config.Source{Name: "example-co", Kind: "personio", Company: "example-co"}, "example-co.jobs.personio.de", 2},
		{"/teamtailor", "Teamtailor", config.Source{Name: "nordlys", Kind: "teamtailor", Company: "nordlys"}, "nordlys.teamtailor.com", 2},
		{"/comeet-link", "Comeet", config.Source{Name: "examplesense", Kind: "comeet", CompanyUID: "A1.234", TokenEnv: "COMEET_TOKEN_EXAMPLESENSE"}, "comeet.com/jobs/examplesense/A1.234", 2},
		{"/comeet-widget", "Comeet", config.Source{Name: "careers", Kind: "comeet", CompanyUID: "A1.234", TokenEnv: "COMEET_TOKEN_CAREERS"}, "token 6F329B2DE6379829B229B2037983E8B3E8B", 2},
		{"/mostly-greenhouse", "Greenhouse", config.Source{Name: "acmehealth", Kind: "greenhouse", Board: "acmehealth"}, "for=acmehealth", 2},
		{"/moved", "Lever", config.Source{Name: "acme-widgets", Kind: "lever", Site: "acme-widgets"}, "jobs.lever.co/acme-widgets", 3},
		{"/to-board", "Ashby", config.Source{Name: "redirectco", Kind: "ashby", Board: "redirectco"}, "redirects to https://jobs.ashbyhq.com/redirectco", 2},
		{"https://jobs.ashbyhq.com/ramp", "Ashby", config.Source{Name: "ramp", Kind: "ashby", Board: "ramp"}, "the address itself", 0},
		{"https://boards.greenhouse.io/embed/job_board?for=gitlab", "Greenhouse", config.Source{Name: "gitlab", Kind: "greenhouse", Board: "gitlab"}, "the address itself", 0},
		{"https://acme.wd1.myworkdayjobs.com/Careers/job/Berlin/Engineer_R1", "Workday", config.Source{Name: "acme", Kind: "workday", URL: "https://acme.wd1.myworkdayjobs.com/Careers"}, "the address itself", 0},
		{"/jsonld", "JSON-LD pages", config.Source{Name: "careers", Kind: "jsonld", StartURLs: []string{"{srv}/jsonld"}, RobotsSitemaps: true},
			"the page holds JobPosting JSON-LD; robots.txt names 1 sitemaps", 2},
		{"/careers", "JSON-LD pages", config.Source{Name: "careers", Kind: "jsonld", StartURLs: []string{"{srv}/careers"}, Follow: []string{`^{srvq}/careers/jobs/`}, RobotsSitemaps: true},
			"its link {srv}/careers/jobs/platform-engineer holds JobPosting JSON-LD", 3},
		{"/sitemap.xml", "sitemap", config.Source{Name: "careers", Kind: "jsonld", Sitemaps: []string{"{srv}/sitemap.xml"}, Follow: []string{`^https://kestrel\.example/careers/jobs/`},
			AllowedDomains: []string{"127.0.0.1", "kestrel.example"}},
			"the address is a sitemap listing 2 pages", 2},
		{"/sitemap_index.xml", "sitemap", config.Source{Name: "careers", Kind: "jsonld", Sitemaps: []string{"{srv}/sitemap_index.xml"}},
			"the address is a sitemap index of 1 sitemaps", 2},
		{"/deep", "Greenhouse", config.Source{Name: "deepco", Kind: "greenhouse", Board: "deepco"}, "its page {srv}/jobs/list names", 3},
		{"/nothing", "", config.Source{}, "no known job board", 3},
	} {
		t.Run(tt.path, func(t *testing.T) {
			hits.Clear()
			page := tt.path
			if strings.HasPrefix(page, "/") {
				page = srv.URL + page
			}
			d, err := Discover(t.Context(), page, Options{UserAgent: "jobstats-test/1.0"})
			if err != nil {
				t.Fatal(err)
			}
			fill := func(s string) string {
				s = strings.ReplaceAll(s, "{srvq}", strings.ReplaceAll(regexpQuote(srv.URL), `\`, `\`))
				return strings.ReplaceAll(s, "{srv}", srv.URL)
			}
			want := tt.src
			for i := range want.StartURLs {
				want.StartURLs[i] = fill(want.StartURLs[i])
			}
			for i := range want.Follow {
				want.Follow[i] = fill(want.Follow[i])
			}
			for i := range want.Sitemaps {
				want.Sitemaps[i] = fill(want.Sitemaps[i])
			}
			if d.Board != tt.board || !reflect.DeepEqual(d.Source, want) || !strings.Contains(d.Evidence, fill(tt.evidence)) || d.Found() != (tt.board != "") {
				t.Errorf("got %s %+v (%s)\nwant %s %+v (%s)", d.Board, d.Source, d.Evidence, tt.board, want, fill(tt.evidence))
			}
			n := 0
			hits.Range(func(_, v any) bool { n += *v.(*int); return true })
			if n != tt.requests {
				t.Errorf("%d requests to the site, want %d", n, tt.requests)
			}
			if d.Found() {
				c := config.Default()
				s := d.Source
				s.ApplyDefaults()
				c.Sources = []config.Source{s}
				if err := c.Validate(); err != nil {
					t.Errorf("the discovered source does not validate: %v", err)
				}
			}
		})
	}
}

func regexpQuote(s string) string {
	u, _ := url.Parse(s)
	return strings.ReplaceAll(u.Scheme+"://"+u.Host, ".", `\.`)
}

func TestDiscoverErrors(t *testing.T) {
	srv, _ := careerSite(t)
	zero := 0
	_ = zero
	for _, page := range []string{srv.URL + "/gone", "careers.acme.example", "ftp://acme.example/"} {
		if d, err := Discover(t.Context(), page, Options{UserAgent: "jobstats-test/1.0"}); err == nil {
			t.Errorf("Discover(%q) = %+v, want an error", page, d)
		}
	}
}

func TestBoardFromURL(t *testing.T) {
	for raw, want := range map[string]string{
		"https://boards.greenhouse.io/embed/job_board?for=":                          "",
		"https://boards.greenhouse.io/":                                              "",
		"https://boards-api.greenhouse.io/v1/boards/gitlab/jobs":                     "greenhouse gitlab",
		"https://api.lever.co/v0/postings/jumpcloud?mode=json":                       "lever jumpcloud",
		"https://api.eu.lever.co/v0/postings/acme":                                   "lever acme eu",
		"https://api.ashbyhq.com/posting-api/job-board/ramp":                         "ashby ramp",
		"https://api.smartrecruiters.com/v1/companies/Acme/postings":                 "smartrecruiters Acme",
		"https://apply.workable.com/api/v1/widget/accounts/acme":                     "workable acme",
		"https://acme.workable.com/":                                                 "workable acme",
		"https://www.workable.com/":                                                  "",
		"https://jobs.personio.com/":                                                 "",
		"https://acme.jobs.personio.com/":                                            "personio acme",
		"https://app.teamtailor.com/":                                                "",
		"https://www.comeet.co/careers-api/2.0/company/F6.003/positions":             "comeet F6.003",
		"https://www.comeet.com/jobs/wiliot/F6.003/forward-deployed-engineer/18.767": "comeet F6.003",
		"https://wd5.myworkdayjobs.com/Careers":                                      "",
		"https://wd3.myworkdaysite.com/recruiting/acme/External":                     "workday https://wd3.myworkdaysite.com/recruiting/acme/External",
		"https://example.com/jobs":                                                   "",
		"mailto:jobs@lever.co":                                                       "",
	} {
		u, _ := url.Parse(raw)
		h, ok := boardFromURL(u)
		got := ""
		if ok {
			s := h.Source
			got = strings.Join(strings.Fields(strings.Join([]string{s.Kind, s.Board, s.Site, s.Company, s.Account, s.CompanyUID, s.URL, s.Region}, " ")), " ")
		}
		if got != want {
			t.Errorf("boardFromURL(%q) = %q, want %q", raw, got, want)
		}
	}
}

func TestHostNameAndSourceName(t *testing.T) {
	for in, want := range map[string]string{
		"https://careers.acme.example/jobs": "acme",
		"https://www.acme.co.uk/careers":    "acme",
		"https://acme.com":                  "acme",
		"http://127.0.0.1:8080/x":           "",
	} {
		if got := hostName(in); got != want {
			t.Errorf("hostName(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{"ExampleSoft1": "examplesoft1", "acme.io": "acme-io", "..": "careers", "Ünïcode Co": "ncode-co"} {
		if got := sourceName(in); got != want {
			t.Errorf("sourceName(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzPageBoards(f *testing.F) {
	f.Add([]byte(careerPage(`<iframe src="https://boards.greenhouse.io/embed/job_board?for=acme"></iframe>`)))
	f.Add([]byte(`COMEET.init({"token": "6F329B2DE6379829B229B2037983E8B3E8B", "company-uid": "A1.234"})`))
	f.Add([]byte(`//x.myworkdayjobs.com/en-US/ //jobs.lever.co/%zz https:\/\/acme.recruitee.com`))
	f.Fuzz(func(t *testing.T, body []byte) {
		for _, m := range pageBoards(body) {
			if m.Hit.Source.Kind == "" || m.Count < 1 {
				t.Errorf("mention %+v", m)
			}
		}
	})
}
