package scraper

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/config"
)

func TestParseArbeitnow(t *testing.T) {
	src := config.Source{Name: "an", Kind: "arbeitnow"}
	got, n, next, err := parseArbeitnowPage(readFixture(t, "arbeitnow", "page1.json"), src)
	if err != nil || n != 3 || next != "https://www.arbeitnow.com/api/job-board-api?page=2" {
		t.Fatalf("n = %d, next = %q, err = %v", n, next, err)
	}
	checkListings(t, got, []want{
		{Listing: with(listing("an", "werkstudent-marketing-berlin-500001"), func(l *jobstats.Listing) {
			l.Title = "Werkstudent Marketing (m/w/d)"
			l.Company = "Georg Beispiel GmbH"
			l.Location = "Berlin"
			l.Workplace = jobstats.WorkplaceOnsite
			l.EmploymentType = "Werkstudent, Part-time"
			l.PostedAt = utc("2026-08-15T15:30:24Z")
			l.URL = "https://www.arbeitnow.com/jobs/companies/x/werkstudent-marketing-berlin-500001"
		}), desc: "Wir bieten Studenten die Möglichkeit, bei uns zu arbeiten.\n- Flexible Zeiten"},
		{Listing: with(listing("an", "senior-php-developer-remote-500002"), func(l *jobstats.Listing) {
			l.Title = "Senior PHP Developer"
			l.Company = "Remote Works AG"
			l.Location = "Remote"
			l.Workplace = jobstats.WorkplaceRemote
			l.EmploymentType = "Full-time"
			l.PostedAt = utc("2026-08-15T13:20:00Z")
			l.URL = "https://www.arbeitnow.com/jobs/companies/x/senior-php-developer-remote-500002"
		}), desc: "Laravel & Vue"},
		{Listing: with(listing("an", "teamlead-hybrid-hamburg-500003"), func(l *jobstats.Listing) {
			l.Title = "Teamlead IT (Hybrid)"
			l.Company = "Nord Logistik"
			l.Location = "Hamburg"
			l.Workplace = jobstats.WorkplaceHybrid
			l.PostedAt = utc("2026-08-15T10:33:20Z")
			l.URL = "https://www.arbeitnow.com/jobs/companies/x/teamlead-hybrid-hamburg-500003"
		}), desc: "Hybrid: 2 days office"},
	})
	_, _, next, err = parseArbeitnowPage(readFixture(t, "arbeitnow", "page2.json"), src)
	if err != nil || next != "" {
		t.Errorf("page 2: next = %q, err = %v; want no next page", next, err)
	}
	for name, body := range map[string]string{"empty": "", "no data": `{"links":{}}`, "truncated": `{"data":[{"slug":"a",`} {
		if ls, err := parseArbeitnow([]byte(body), src); err == nil || len(ls) != 0 {
			t.Errorf("%s: got %d listings, err %v; want an error", name, len(ls), err)
		}
	}
}

func TestNextPageNumber(t *testing.T) {
	tests := []struct {
		next string
		cur  int
		want int
	}{
		{"https://www.arbeitnow.com/api/job-board-api?page=2", 1, 2},
		{"/api/job-board-api?page=7", 6, 7},
		{"https://www.arbeitnow.com/api/job-board-api?cursor=abc", 3, 4},
		{"https://www.arbeitnow.com/api/job-board-api?page=1", 3, 4}, // backwards
		{"%zz", 1, 2},
	}
	for _, tt := range tests {
		if got := nextPageNumber(tt.next, tt.cur); got != tt.want {
			t.Errorf("nextPageNumber(%q, %d) = %d, want %d", tt.next, tt.cur, got, tt.want)
		}
	}
}

// arbeitnowServer serves pages by number from pages; a missing page is a 404.
func arbeitnowServer(t *testing.T, pages map[string]string, requested *[]string) *httptest.Server {
	var mu sync.Mutex
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		*requested = append(*requested, r.URL.RequestURI())
		mu.Unlock()
		if r.URL.Path != "/api/job-board-api" {
			http.NotFound(w, r)
			return
		}
		body, ok := pages[r.URL.Query().Get("page")]
		if !ok {
			http.NotFound(w, r)
			return
		}
		fmt.Fprint(w, body)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestCrawlArbeitnowPages(t *testing.T) {
	page1 := string(readFixture(t, "arbeitnow", "page1.json"))
	page2 := string(readFixture(t, "arbeitnow", "page2.json"))
	emptyWithNext := `{"data":[],"links":{"next":"https://www.arbeitnow.com/api/job-board-api?page=3"}}`
	tests := []struct {
		name      string
		pages     map[string]string
		maxPages  int
		titles    int
		requests  []string
		fetched   int
		failed    int
		empty     int
		wantErr   bool
		errorMsgs int
	}{
		{"two pages", map[string]string{"1": page1, "2": page2}, 0, 4,
			[]string{"/api/job-board-api?page=1", "/api/job-board-api?page=2"}, 2, 0, 0, false, 0},
		{"stops on an empty page", map[string]string{"1": page1, "2": emptyWithNext}, 0, 3,
			[]string{"/api/job-board-api?page=1", "/api/job-board-api?page=2"}, 2, 0, 1, false, 0},
		{"max_pages", map[string]string{"1": page1, "2": page2}, 1, 3,
			[]string{"/api/job-board-api?page=1"}, 1, 0, 0, false, 0},
		{"malformed second page", map[string]string{"1": page1, "2": `{"data":[{"slug":`}, 0, 3,
			[]string{"/api/job-board-api?page=1", "/api/job-board-api?page=2"}, 2, 1, 0, false, 1},
		{"missing second page", map[string]string{"1": page1}, 0, 3,
			[]string{"/api/job-board-api?page=1", "/api/job-board-api?page=2"}, 1, 1, 0, false, 1},
		{"empty board", map[string]string{"1": `{"data":[],"links":{"next":null}}`}, 0, 0,
			[]string{"/api/job-board-api?page=1"}, 1, 0, 1, false, 0},
		{"malformed board", map[string]string{"1": `{"data": [`}, 0, 0,
			[]string{"/api/job-board-api?page=1"}, 1, 1, 0, true, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var requested []string
			srv := arbeitnowServer(t, tt.pages, &requested)
			src := config.Source{Name: "an", Kind: "arbeitnow", BaseURL: srv.URL + "/api/job-board-api", MaxPages: tt.maxPages}
			st, got, err := collect(t, src, Options{})
			if len(got) != tt.titles || st.Listings != tt.titles {
				t.Errorf("got %d listings %q (stats %d), want %d", len(got), titles(got), st.Listings, tt.titles)
			}
			if fmt.Sprint(requested) != fmt.Sprint(tt.requests) {
				t.Errorf("requests %q, want %q (next links must stay on base_url)", requested, tt.requests)
			}
			if st.PagesFetched != tt.fetched || st.PagesFailed != tt.failed || st.PagesEmpty != tt.empty || len(st.Errors) != tt.errorMsgs {
				t.Errorf("stats %+v", st)
			}
			if (err != nil) != tt.wantErr {
				t.Errorf("err = %v, want error %v", err, tt.wantErr)
			}
		})
	}
}
