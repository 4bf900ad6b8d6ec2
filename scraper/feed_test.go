package scraper

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/config"
)

// feedListings parses a fixture feed the way the rss kind does.
func feedListings(t *testing.T, src config.Source, base string, file ...string) ([]jobstats.Listing, error) {
	t.Helper()
	doc, err := parseFeed(readFixture(t, file...))
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(base)
	m := feedMapping{src: src, base: u, splitTitle: src.Kind == "rss"}
	if src.Kind == "teamtailor" {
		m.company = doc.Title
	}
	return m.listings(doc)
}

func TestParseFeedWeWorkRemotely(t *testing.T) {
	src := config.Source{Name: "wwr", Kind: "rss", URL: "https://weworkremotely.com/categories/remote-programming-jobs.rss"}
	got, err := feedListings(t, src, src.URL, "rss", "wwr.xml")
	if err == nil || !strings.Contains(err.Error(), "rss posting 3") || !strings.Contains(err.Error(), "no title") {
		t.Errorf("err = %v, want the untitled item reported", err)
	}
	checkListings(t, got, []want{
		{Listing: with(listing("wwr", "https://weworkremotely.com/remote-jobs/lattice-tools-senior-go-engineer"), func(l *jobstats.Listing) {
			// "Company: Title".
			l.Title = "Senior Go Engineer"
			l.Company = "Lattice Tools"
			l.Location = "Anywhere in the World"
			l.Workplace = jobstats.WorkplaceRemote
			l.RemoteScope = jobstats.RemoteWorldwide
			l.EmploymentType = "Full-Time"
			l.PostedAt = utc("2026-09-22T07:30:41Z")
			l.URL = "https://weworkremotely.com/remote-jobs/lattice-tools-senior-go-engineer"
		}), descHas: []string{"Headquarters: Delaware, USA", "Compensation: $140,000 - $170,000 USD per year.", "Skills: Go, PostgreSQL"}},
		{Listing: with(listing("wwr", "https://weworkremotely.com/remote-jobs/tidewater-health-customer-support-specialist"), func(l *jobstats.Listing) {
			// "Company : Title", &nbsp; in XML, CDATA description.
			l.Title = "Customer Support Specialist (Spanish speaking)"
			l.Company = "Tidewater Health"
			l.Location = "USA Only"
			l.Workplace = jobstats.WorkplaceRemote
			l.RemoteScope = "US"
			l.Country = "US"
			l.EmploymentType = "Contract"
			l.PostedAt = utc("2026-09-21T19:44:50Z")
			l.URL = "https://weworkremotely.com/remote-jobs/tidewater-health-customer-support-specialist"
		}), desc: "Headquarters: Remote - U.S.A.\nAnswer patients' questions by chat and phone. Pay: $24 per hour."},
		{Listing: with(listing("wwr", "wwr-90003"), func(l *jobstats.Listing) {
			l.Title = "Product Designer"
			l.Company = "Brightline Labs"
			l.Location = "Europe Only"
			l.Workplace = jobstats.WorkplaceRemote
			l.RemoteScope = jobstats.RemoteEurope
			l.EmploymentType = "Full-Time"
			l.PostedAt = utc("2026-09-20T09:00:00Z")
			// A relative link, resolved against the feed.
			l.URL = "https://weworkremotely.com/remote-jobs/brightline-labs-product-designer"
		}), desc: "Design the next version of our editor."},
	})
}

func TestParseFeedCompanyName(t *testing.T) {
	// A company's own feed: its titles are titles, colons and all.
	src := config.Source{Name: "own", Kind: "rss", CompanyName: "Lattice Tools"}
	got, _ := feedListings(t, src, "https://lattice.example/jobs.rss", "rss", "wwr.xml")
	if len(got) != 3 || got[0].Title != "Lattice Tools: Senior Go Engineer" || got[1].Company != "Lattice Tools" {
		t.Errorf("got %+v", got)
	}
}

func TestParseFeedAtom(t *testing.T) {
	src := config.Source{Name: "acme", Kind: "rss", CompanyName: "Acme"}
	got, err := feedListings(t, src, "https://careers.acme.example/jobs.atom", "rss", "atom.xml")
	if err != nil {
		t.Fatal(err)
	}
	checkListings(t, got, []want{
		{Listing: with(listing("acme", "urn:acme:job:77"), func(l *jobstats.Listing) {
			// type="html" title: its entity decoded once, as HTML.
			l.Title = "Data Engineer & Analyst"
			l.Company = "Acme"
			l.PostedAt = utc("2026-09-18T06:30:00Z")
			l.URL = "https://careers.acme.example/jobs/77"
		}), desc: "Pipelines in Python and SQL. Berlin office, 2 days a week."},
		{Listing: with(listing("acme", "urn:acme:job:78"), func(l *jobstats.Listing) {
			l.Title = "Office Manager"
			l.Company = "Acme"
			// No published: updated.
			l.PostedAt = utc("2026-09-17T10:00:00Z")
			l.URL = "https://careers.acme.example/jobs/78"
		}), desc: "Keep the Munich office running."},
	})
}

func TestParseFeedJSON(t *testing.T) {
	src := config.Source{Name: "ex", Kind: "rss", CompanyName: "Example"}
	doc, err := parseFeed(readFixture(t, "rss", "jobs.json"))
	if err != nil || doc.Next != "https://jobs.example.org/feed.json?page=2" || doc.Title != "Example Board" {
		t.Fatalf("doc %+v, err %v", doc, err)
	}
	got, err := feedListings(t, src, "https://jobs.example.org/feed.json", "rss", "jobs.json")
	if err != nil {
		t.Fatal(err)
	}
	checkListings(t, got, []want{
		{Listing: with(listing("ex", "301"), func(l *jobstats.Listing) {
			l.Title = "Site Reliability Engineer"
			l.Company = "Example"
			l.PostedAt = utc("2026-09-10T00:00:00Z")
			l.URL = "https://jobs.example.org/jobs/301"
		}), desc: "Keep it up. €70k-€85k.\nSkills: kubernetes, terraform"},
		{Listing: with(listing("ex", "302"), func(l *jobstats.Listing) {
			l.Title = "QA Engineer"
			l.Company = "Example"
			l.PostedAt = utc("2026-09-11T00:00:00Z")
			l.URL = "https://jobs.example.org/jobs/302"
		}), desc: "Test all the things."},
	})
}

func TestParseTeamtailor(t *testing.T) {
	src := config.Source{Name: "tt", Kind: "teamtailor", Company: "nordlys"}
	got, err := feedListings(t, src, "https://nordlys.teamtailor.com/jobs.json", "teamtailor", "jobs.json")
	if err == nil || !strings.Contains(err.Error(), "teamtailor posting 3") {
		t.Errorf("err = %v, want the empty item reported", err)
	}
	checkListings(t, got, []want{
		{Listing: with(listing("tt", "5100001"), func(l *jobstats.Listing) {
			// Read from the embedded JobPosting, as the jsonld kind reads it.
			l.Title = "Backend Developer (Go)"
			l.Company = "Nordlys Energi AS"
			l.Location = "Oslo, NO"
			l.Country, l.City = "NO", "Oslo"
			l.EmploymentType = "FULL_TIME"
			l.PostedAt = utc("2026-09-14T08:05:00Z")
			l.URL = "https://nordlys.teamtailor.com/jobs/5100001-backend-developer-go"
			l.Salary = sal(75000000, 90000000, "NOK", jobstats.PeriodYear)
		}), desc: "Build the systems that balance the grid.\n- Go, PostgreSQL"},
		{Listing: with(listing("tt", "5100002"), func(l *jobstats.Listing) {
			l.Title = "Account Executive - Nordics (Stockholm based)"
			// No hiringOrganization: the feed's title.
			l.Company = "Nordlys Energi"
			l.Location = "Stockholm, Sweden, SE; København, Europe, DK"
			// The JSON-LD reader takes the first place's.
			l.Country, l.City = "SE", "Stockholm"
			l.PostedAt = utc("2026-08-30T14:40:12Z")
			l.URL = "https://nordlys.teamtailor.com/jobs/5100002-account-executive-nordics"
		})},
		{Listing: with(listing("tt", "5d1c2a9e-0b1f-4c55-9d6e-000000000003"), func(l *jobstats.Listing) {
			// No _jobposting: the item alone.
			l.Title = "Open application"
			l.Company = "Nordlys Energi"
			l.PostedAt = utc("2026-01-02T07:00:00Z")
			l.URL = "https://nordlys.teamtailor.com/jobs/5100003-open-application"
		}), desc: "Tell us what you would like to do – we read every letter."},
	})
}

func TestParseFeedErrors(t *testing.T) {
	for name, body := range map[string]string{
		"empty":         "  ",
		"html page":     "<!doctype html><html><body>Not found</body></html>",
		"sitemap":       `<?xml version="1.0"?><urlset><url><loc>https://x/</loc></url></urlset>`,
		"truncated rss": `<rss><channel><item><title>A</title><guid>1</guid></item><item><title>`,
		"json array":    `[{"title":"x"}]`,
		"json no items": `{"version":"https://jsonfeed.org/version/1.1","title":"x"}`,
		"not xml":       "hello",
	} {
		t.Run(name, func(t *testing.T) {
			doc, err := parseFeed([]byte(body))
			if err == nil {
				t.Errorf("no error; doc %+v", doc)
			}
		})
	}
}

func TestParseFeedCharset(t *testing.T) {
	// ISO-8859-1: "Café" with é as the single byte 0xE9.
	body := []byte("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<rss version=\"2.0\"><channel><title>T</title><item><title>Caf\xe9 Manager</title><guid>g1</guid></item></channel></rss>")
	doc, err := parseFeed(body)
	if err != nil || len(doc.Items) != 1 || doc.Items[0].Title != "Café Manager" {
		t.Errorf("doc %+v, err %v", doc, err)
	}
}

func TestSplitCompanyTitle(t *testing.T) {
	for _, tt := range []struct{ in, company, title string }{
		{"Mathmo: Maths Coach", "Mathmo", "Maths Coach"},
		{"Amplitude : Senior Enterprise Account Executive", "Amplitude", "Senior Enterprise Account Executive"},
		{"Remote: Account Executive DACH", "Remote", "Account Executive DACH"},
		{"APEX TRADE: Entry-Level Crypto Market Specialist: Remote", "APEX TRADE", "Entry-Level Crypto Market Specialist: Remote"},
		{"Senior Go Engineer", "", "Senior Go Engineer"},
		{"Acme:", "", "Acme:"},
		{": Engineer", "", ": Engineer"},
		{"We are hiring many people for many roles in many places: Engineer", "", "We are hiring many people for many roles in many places: Engineer"},
	} {
		c, ti := splitCompanyTitle(tt.in)
		if c != tt.company || ti != tt.title {
			t.Errorf("splitCompanyTitle(%q) = %q, %q; want %q, %q", tt.in, c, ti, tt.company, tt.title)
		}
	}
}

// feedServer serves a JSON Feed of pages pages of two items each, every
// page naming the next by an absolute address on the public host.
func feedServer(t *testing.T, pages int, failPage int) (*httptest.Server, *sync.Map) {
	t.Helper()
	var hits sync.Map
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		page := r.URL.Query().Get("page")
		if r.URL.Path != "/feeds/jobs.json" {
			http.NotFound(w, r)
			return
		}
		if page == "" {
			page = "1"
		}
		n, _ := hits.LoadOrStore(page, new(int))
		*n.(*int)++
		var p int
		fmt.Sscan(page, &p)
		if p == failPage {
			http.Error(w, "gone", http.StatusNotFound)
			return
		}
		next := ""
		if p < pages {
			next = fmt.Sprintf(`,"next_url":"https://jobs.example.org/feeds/jobs.json?page=%d"`, p+1)
		}
		fmt.Fprintf(w, `{"version":"https://jsonfeed.org/version/1.1","title":"Board"%s,"items":[
			{"id":"%d-a","url":"https://jobs.example.org/j/%d-a","title":"Company %d: Job A"},
			{"id":"%d-b","url":"/j/%d-b","title":"Company %d: Job B"}]}`, next, p, p, p, p, p, p)
	}))
	t.Cleanup(srv.Close)
	return srv, &hits
}

func TestFeedCrawl(t *testing.T) {
	zero := 0
	for _, tt := range []struct {
		name                string
		pages, fail, max    int
		listings            int
		incomplete          string
		wantErr, wantFailed bool
	}{
		{name: "every page", pages: 3, listings: 6},
		{name: "max_pages", pages: 3, max: 2, listings: 4, incomplete: "max_pages 2 reached"},
		{name: "failed page", pages: 3, fail: 2, listings: 2, incomplete: "index page 2 failed", wantFailed: true},
		{name: "first page fails", pages: 3, fail: 1, incomplete: "index page 1 failed", wantErr: true, wantFailed: true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv, hits := feedServer(t, tt.pages, tt.fail)
			// The public feed is on jobs.example.org; base_url mirrors it
			// locally, next pages included.
			src := config.Source{Name: "f", Kind: "rss", URL: "https://jobs.example.org/feeds/jobs.json", BaseURL: srv.URL,
				Retries: &zero, MaxPages: tt.max}
			st, got, err := collect(t, src, Options{})
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v", err)
			}
			if len(got) != tt.listings || !strings.HasPrefix(st.Incomplete, tt.incomplete) || (tt.incomplete == "") != (st.Incomplete == "") || (st.PagesFailed > 0) != tt.wantFailed {
				t.Errorf("%d listings, stats %+v; want %d, incomplete %q", len(got), st, tt.listings, tt.incomplete)
			}
			for _, l := range got {
				if !strings.HasPrefix(l.URL, "https://jobs.example.org/j/") || !strings.HasPrefix(l.Company, "Company ") || !strings.HasPrefix(l.Title, "Job ") {
					t.Errorf("listing %+v", l)
				}
			}
			hits.Range(func(k, v any) bool {
				if *v.(*int) != 1 {
					t.Errorf("page %v fetched %d times", k, *v.(*int))
				}
				return true
			})
		})
	}
}

func TestTeamtailorCrawl(t *testing.T) {
	srv := serve(t, map[string]string{"/jobs.json": string(readFixture(t, "teamtailor", "jobs.json"))})
	st, got, err := collect(t, config.Source{Name: "tt", Kind: "teamtailor", Company: "nordlys", BaseURL: srv.URL}, Options{})
	if err != nil || len(got) != 3 || st.Incomplete != "" || st.PagesFetched != 1 {
		t.Errorf("%d listings, stats %+v, err %v", len(got), st, err)
	}
	// Links stay on the real host, not the mirror.
	if len(got) > 0 && !strings.HasPrefix(got[0].URL, "https://nordlys.teamtailor.com/jobs/") {
		t.Errorf("URL %q", got[0].URL)
	}
}

func FuzzParseFeed(f *testing.F) {
	f.Add(readFixture(f, "rss", "wwr.xml"))
	f.Add(readFixture(f, "rss", "atom.xml"))
	f.Add(readFixture(f, "rss", "jobs.json"))
	f.Add(readFixture(f, "teamtailor", "jobs.json"))
	f.Add([]byte(`<rss><channel><item><title>&bogus; A: B</title><link>javascript:x</link></item></channel></rss>`))
	base, _ := url.Parse("https://feed.example/jobs.rss")
	f.Fuzz(func(t *testing.T, body []byte) {
		doc, err := parseFeed(body)
		if err != nil {
			return
		}
		for _, m := range []feedMapping{
			{src: config.Source{Name: "rss", Kind: "rss"}, base: base, splitTitle: true},
			{src: config.Source{Name: "tt", Kind: "teamtailor"}, base: base, company: "T"},
		} {
			ls, err := m.listings(doc)
			checkFuzzListings(t, ls, err)
			for _, l := range ls {
				if l.URL != "" && !isHTTP(l.URL) {
					t.Errorf("URL %q is not http(s)", l.URL)
				}
			}
		}
	})
}
