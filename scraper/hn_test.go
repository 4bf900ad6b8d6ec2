package scraper

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/config"
)

func TestParseHN(t *testing.T) {
	src := config.Source{Name: "hn", Kind: "hn", Thread: "48990001"}
	got, err := parseHN(readFixture(t, "hn", "thread.json"), src)
	if err != nil {
		t.Fatal(err)
	}
	// Skipped: a deleted comment (id only), a dead one (null author and
	// text), "Great thread!" (no pipes), Goody (no role in the header),
	// and every reply, including replies whose first line has pipes.
	checkListings(t, got, []want{
		{Listing: with(listing("hn", "49000010"), func(l *jobstats.Listing) {
			l.Title = "Founding Sr Backend Engineer"
			l.Company = "Neon Example"
			l.Location = "SF, Remote (North America)"
			l.Workplace = jobstats.WorkplaceRemote
			l.EmploymentType = "Full-time"
			l.SalaryText = "$170-225K + equity"
			l.PostedAt = utc("2026-08-03T15:01:40Z")
			l.URL = "https://news.ycombinator.com/item?id=49000010"
		}), desc: "Neon Example | Founding Sr Backend Engineer | SF, Remote (North America) | Full-time | $170-225K + equity\nhttps://neon.example.com\nWe're making drugs cheaper & faster."},
		{Listing: with(listing("hn", "49000040"), func(l *jobstats.Listing) {
			// The roles are on the header's next lines.
			l.Title = "Founding Frontend Engineer / Founding Backend Engineer"
			l.Company = "Galaxy Example"
			l.Location = "NYC, NY"
			l.EmploymentType = "Full-time"
			l.PostedAt = utc("2026-08-03T15:08:54Z")
			l.URL = "https://news.ycombinator.com/item?id=49000040"
		}), descHas: []string{"We are building the unified data platform."}},
		{Listing: with(listing("hn", "49000060"), func(l *jobstats.Listing) {
			l.Title = "Growth Engineer"
			l.Company = "TryHackThem"
			l.Location = "Remote - UK/EU"
			l.Workplace = jobstats.WorkplaceRemote
			l.SalaryText = "€60-100k"
			l.PostedAt = utc("2026-08-03T15:10:00Z")
			l.URL = "https://news.ycombinator.com/item?id=49000060"
		}), descHas: []string{"Cyber security training."}},
		{Listing: with(listing("hn", "49000080"), func(l *jobstats.Listing) {
			l.Title = "Founding Engineer"
			l.Company = "Tendavo Example"
			l.Location = "Stockholm; On-site (Hybrid)"
			l.Workplace = jobstats.WorkplaceHybrid
			l.EmploymentType = "Full-time"
			l.PostedAt = utc("2026-08-03T15:12:00Z")
			l.URL = "https://news.ycombinator.com/item?id=49000080"
		}), descHas: []string{"We help SMEs win tenders."}},
	})
	for name, body := range map[string]string{"empty": "", "no id": `{"children":[]}`, "truncated": `{"id":1,"children":[{"id":2,`} {
		if ls, err := parseHN([]byte(body), src); err == nil || len(ls) != 0 {
			t.Errorf("%s: got %d listings, err %v; want an error", name, len(ls), err)
		}
	}
}

func TestParseHNSearch(t *testing.T) {
	id, err := parseHNSearch(readFixture(t, "hn", "search.json"))
	if err != nil || id != "48990001" {
		t.Errorf("got %q, %v; want the August thread 48990001 (not the newer 'Who wants to be hired?')", id, err)
	}
	for name, body := range map[string]string{
		"no hiring thread": `{"hits":[{"objectID":"1","title":"Ask HN: Who wants to be hired? (May 2026)","created_at_i":5}]}`,
		"no hits":          `{"hits":[]}`,
		"not an envelope":  `[]`,
		"bad id":           `{"hits":[{"objectID":"abc","title":"Ask HN: Who is hiring? (May 2026)","created_at_i":5}]}`,
	} {
		if id, err := parseHNSearch([]byte(body)); err == nil {
			t.Errorf("%s: got %q, want an error", name, id)
		}
	}
}

func TestParseHNFirstLine(t *testing.T) {
	type h = hnHeader
	const (
		remote = jobstats.WorkplaceRemote
		hybrid = jobstats.WorkplaceHybrid
		onsite = jobstats.WorkplaceOnsite
	)
	tests := []struct {
		line string
		want h
		ok   bool
	}{
		{"Neon Example | Founding Sr Backend Engineer | SF, Remote (North America) | Full-time | $170-225K + equity",
			h{"Neon Example", "Founding Sr Backend Engineer", "SF, Remote (North America)", remote, "Full-time", "$170-225K + equity"}, true},
		{"Qase | Developer Advocate | Technical Customer Support Specialist | REMOTE | Full-time",
			h{"Qase", "Developer Advocate", "REMOTE", remote, "Full-time", ""}, true},
		{"Wave | On-Premises SRE | Remote (EMEA) | Permanent (Full-time) | Salary up to $185,500 + equity",
			h{"Wave", "On-Premises SRE", "Remote (EMEA)", remote, "Permanent (Full-time)", "Salary up to $185,500 + equity"}, true},
		{"Zeitlabs | Senior Frontend Engineer | Remote (UTC+3) | Full time or Full time contract",
			h{"Zeitlabs", "Senior Frontend Engineer", "Remote (UTC+3)", remote, "Full time or Full time contract", ""}, true},
		{"Snout https://www.snoutplans.com/ | Principal Software Engineer | Remote US | Full Time",
			h{"Snout", "Principal Software Engineer", "Remote US", remote, "Full-time", ""}, true},
		{"TryHackMe| Growth Engineer | Remote - UK/EU |https://careers.tryhackme.com/jobs/6527370-growth-engineer | €60-100k",
			h{"TryHackMe", "Growth Engineer", "Remote - UK/EU", remote, "", "€60-100k"}, true},
		{"The General Intelligence Company | Senior Product Engineer | Build the OS for Autonomous Agents | Full-Time | NYC | $260K - $300K + 0.3-0.41% Equity | cofounder.co",
			h{"The General Intelligence Company", "Senior Product Engineer", "NYC", "", "Full-time", "$260K - $300K + 0.3-0.41% Equity"}, true},
		{"Tendavo | Founding Engineer | Stockholm | On-site (Hybrid) | Full-time | Visa | https://tendavo.se/",
			h{"Tendavo", "Founding Engineer", "Stockholm; On-site (Hybrid)", hybrid, "Full-time", ""}, true},
		{"klarasystems.com | OpenZFS Developer | REMOTE | Full-time Contract",
			h{"klarasystems.com", "OpenZFS Developer", "REMOTE", remote, "Full-time Contract", ""}, true},
		{"Acme Robotics (YC W24) | Senior Backend / Frontend Engineers | San Francisco, CA | ONSITE | $150k-$210k",
			h{"Acme Robotics", "Senior Backend / Frontend Engineers", "San Francisco, CA; ONSITE", onsite, "", "$150k-$210k"}, true},
		{"Stripe Example | Dublin, Ireland | Staff Engineer, Payments | Hybrid (3 days in office)",
			h{"Stripe Example", "Staff Engineer, Payments", "Dublin, Ireland; Hybrid (3 days in office)", hybrid, "", ""}, true},
		{"Mercury Labs | Berlin or Remote (Germany) | Data Scientist | €90k–€120k | Full-time",
			h{"Mercury Labs", "Data Scientist", "Berlin or Remote (Germany)", remote, "Full-time", "€90k–€120k"}, true},
		{"Initech | Engineering Manager | Austin, TX | In-office | 401k, health",
			h{"Initech", "Engineering Manager", "Austin, TX; In-office", onsite, "", ""}, true},
		{"Hooli | Senior ML Engineer | Remote (US timezones) | $200k-$250k base | Visa sponsorship",
			h{"Hooli", "Senior ML Engineer", "Remote (US timezones)", remote, "", "$200k-$250k base"}, true},
		{"Pied Piper | Backend Engineer | Gdynia | Contract",
			h{"Pied Piper", "Backend Engineer", "Gdynia", "", "Contract", ""}, true},
		{"Vandelay Industries | Importer/Exporter Sales Lead | NYC | no remote",
			h{"Vandelay Industries", "Importer/Exporter Sales Lead", "NYC; no remote", "", "", ""}, true},
		{"Dunder Mifflin | Regional Manager | Scranton, PA | Part-time | $25/hr",
			h{"Dunder Mifflin", "Regional Manager", "Scranton, PA", "", "Part-time", "$25/hr"}, true},
		{"Globex - We build doomsday devices | Intern, Software Engineering | Remote | Summer 2026",
			h{"Globex", "Intern, Software Engineering", "Remote", remote, "", ""}, true},
		{"Galaxy (getgalaxy.io) - The Cursor for SQL | NYC, NY | Full time", h{}, false}, // roles on later lines
		{"SmarterDx | 150-250k+ + equity + benefits | Remote (US only) | Multiple roles | https://smarterdx.com/careers", h{}, false},
		{"Goody | Remote | $170-230K + equity and benefits | Full-time", h{}, false},
		{"Great thread! Looking forward to seeing the opportunities.", h{}, false},
		{" | Backend Engineer | Remote", h{}, false},
		{"Acme |", h{}, false},
		{"", h{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			got, ok := parseHNFirstLine(tt.line)
			if ok != tt.ok || (ok && got != tt.want) {
				t.Errorf("parseHNFirstLine(%q)\n got %+v, %v\nwant %+v, %v", tt.line, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestHNHeaderOf(t *testing.T) {
	tests := []struct {
		name, text string
		title      string // "" when not a job
	}{
		{"items API wrapping", "<p>Acme | Backend Engineer | Remote</p><p>Body | with pipes | Engineer</p>", "Backend Engineer"},
		{"search API shape", "Acme | Backend Engineer | Remote<p>Body", "Backend Engineer"},
		{"entities and links", `<p>R&amp;D Co <a href="https:&#x2F;&#x2F;rd.example">https:&#x2F;&#x2F;rd.example</a> | QA Engineer | Berlin</p>`, "QA Engineer"},
		{"roles on next lines", "<p>Galaxy | NYC | Full time\n- Founding Frontend Engineer\n* Designer</p><p>x", "Founding Frontend Engineer / Designer"},
		{"pipes only in the body", "<p>We are hiring!</p><p>Acme | Engineer | Remote</p>", ""},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, ok := hnHeaderOf(tt.text)
			if ok != (tt.title != "") || h.Title != tt.title {
				t.Errorf("hnHeaderOf(%q) = %+v, %v; want title %q", tt.text, h, ok, tt.title)
			}
		})
	}
}

// hnServer serves the search and the thread from fixtures; search, when
// set, replaces the search response.
func hnServer(t *testing.T, search string, requests *atomic.Int32) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		switch {
		case r.URL.Path == "/api/v1/search_by_date":
			q := r.URL.Query()
			if q.Get("tags") != "story,author_whoishiring" || q.Get("query") != "who is hiring" {
				http.Error(w, "bad query "+r.URL.RawQuery, http.StatusBadRequest)
				return
			}
			if search != "" {
				fmt.Fprint(w, search)
				return
			}
			w.Write(readFixture(t, "hn", "search.json"))
		case r.URL.Path == "/api/v1/items/48990001":
			w.Write(readFixture(t, "hn", "thread.json"))
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestCrawlHNLatest(t *testing.T) {
	tests := []struct {
		name     string
		search   string
		listings int
		requests int32
		fetched  int
		failed   int
		wantErr  string
	}{
		{"found", "", 4, 2, 2, 0, ""},
		{"no hiring thread", `{"hits":[{"objectID":"7","title":"Ask HN: Who wants to be hired? (May 2026)","created_at_i":5}]}`, 0, 1, 1, 1, "no \"Ask HN: Who is hiring?\" thread"},
		{"malformed search", `{"hits":[`, 0, 1, 1, 1, "parse hn search"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var requests atomic.Int32
			srv := hnServer(t, tt.search, &requests)
			src := config.Source{Name: "hn", Kind: "hn", Thread: "latest", BaseURL: srv.URL + "/api/v1"}
			st, got, err := collect(t, src, Options{})
			if len(got) != tt.listings || requests.Load() != tt.requests || st.PagesFetched != tt.fetched || st.PagesFailed != tt.failed {
				t.Errorf("%d listings, %d requests, stats %+v", len(got), requests.Load(), st)
			}
			if tt.wantErr == "" && err != nil || tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
				t.Errorf("err = %v, want %q", err, tt.wantErr)
			}
			if tt.failed > 0 && len(st.Errors) != 1 {
				t.Errorf("errors %q, want one", st.Errors)
			}
		})
	}
}

func TestNewHNThread(t *testing.T) {
	for thread, ok := range map[string]bool{"": true, "latest": true, "41709301": true, "newest": false, "-1": false} {
		_, err := New(config.Source{Name: "hn", Kind: "hn", Thread: thread}, Options{})
		if (err == nil) != ok {
			t.Errorf("thread %q: err = %v", thread, err)
		}
	}
}

func FuzzParseHNFirstLine(f *testing.F) {
	for _, s := range []string{
		"Neon Example | Founding Sr Backend Engineer | SF, Remote (North America) | Full-time | $170-225K + equity",
		"Snout https://www.snoutplans.com/ | Principal Software Engineer | Remote US | Full Time",
		"Galaxy (getgalaxy.io) - The Cursor for SQL | NYC, NY | Full time",
		"|||", "a|b", "( | ) | [", "https://x.y | Engineer",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		h, ok := parseHNFirstLine(line)
		if !ok {
			return
		}
		if h.Company == "" || h.Title == "" {
			t.Fatalf("ok with company %q, title %q", h.Company, h.Title)
		}
		for _, s := range []string{h.Company, h.Title, h.Location, h.EmploymentType, h.SalaryText} {
			if strings.Contains(s, "|") {
				t.Fatalf("field %q holds a pipe: %+v", s, h)
			}
		}
	})
}

func FuzzHNHeaderOf(f *testing.F) {
	for _, s := range []string{
		"<p>Acme | Backend Engineer | Remote</p><p>Body</p>",
		"Acme | Engineer<p>x",
		"<p>Galaxy | NYC\n- Founding Engineer</p>",
		"<p><p><p>", "<a href='x'>|</a>",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if h, ok := hnHeaderOf(text); ok && (h.Company == "" || h.Title == "") {
			t.Fatalf("ok with %+v", h)
		}
	})
}
