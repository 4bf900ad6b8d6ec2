package scraper

import (
	"bytes"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jobstats/jobstats"
	xhtml "golang.org/x/net/html"
)

func mustURL(t testing.TB, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func salary(lo, hi float64, cur string, p jobstats.Period) *jobstats.Salary {
	return &jobstats.Salary{Min: jobstats.AmountOf(lo), Max: jobstats.AmountOf(hi), Currency: cur, Period: p, From: jobstats.SalaryFromField}
}

// posting wraps JobPosting fields in an object.
func posting(fields string) string {
	return `{"@context":"https://schema.org","@type":"JobPosting","title":"Go Developer",` + fields + `}`
}

func TestExtractPostingsShapes(t *testing.T) {
	const page = "https://jobs.example.test/job/7?ref=a#apply"
	tests := []struct {
		name  string
		block string
		want  []jobstats.Listing // only the fields set here are compared (see check)
		err   string
	}{
		{
			name:  "single object",
			block: posting(`"hiringOrganization":{"@type":"Organization","name":"Acme"}`),
			want:  []jobstats.Listing{{Title: "Go Developer", Company: "Acme", URL: "https://jobs.example.test/job/7?ref=a", SourceID: "https://jobs.example.test/job/7?ref=a"}},
		},
		{
			name:  "array of mixed types",
			block: `[{"@type":"Organization","name":"Acme"},` + posting(`"identifier":"A1"`) + `,{"@type":"JobPosting","title":"Second","identifier":{"@type":"PropertyValue","value":"A2"}}, 42, "x"]`,
			want:  []jobstats.Listing{{Title: "Go Developer", SourceID: "A1"}, {Title: "Second", SourceID: "A2"}},
		},
		{
			name:  "graph",
			block: `{"@context":"https://schema.org","@graph":[{"@type":"WebSite","url":"https://jobs.example.test"},{"@type":"JobPosting","title":"In Graph"}]}`,
			want:  []jobstats.Listing{{Title: "In Graph"}},
		},
		{
			name:  "graph object, nested array",
			block: `[[{"@graph":{"@type":"JobPosting","title":"Deep"}}]]`,
			want:  []jobstats.Listing{{Title: "Deep"}},
		},
		{
			name:  "type array and IRI",
			block: `[{"@type":["Thing","JobPosting"],"title":"A"},{"@type":"http://schema.org/JobPosting","title":"B"},{"@type":"schema:JobPosting","title":"C"},{"@type":"JobPostingX","title":"no"}]`,
			want:  []jobstats.Listing{{Title: "A"}, {Title: "B"}, {Title: "C"}},
		},
		{
			name:  "salary range",
			block: posting(`"baseSalary":{"@type":"MonetaryAmount","currency":"usd","value":{"@type":"QuantitativeValue","minValue":100000,"maxValue":130000,"unitText":"YEAR"}}`),
			want:  []jobstats.Listing{{Salary: salary(100000, 130000, "USD", jobstats.PeriodYear)}},
		},
		{
			name:  "salary single value",
			block: posting(`"baseSalary":{"@type":"MonetaryAmount","currency":"EUR","value":{"@type":"QuantitativeValue","value":45.5,"unitText":"HOUR"}}`),
			want:  []jobstats.Listing{{Salary: salary(45.5, 45.5, "EUR", jobstats.PeriodHour)}},
		},
		{
			name:  "salary value bare number",
			block: posting(`"baseSalary":{"@type":"MonetaryAmount","currency":"GBP","value":52000,"unitText":"YEAR"}`),
			want:  []jobstats.Listing{{Salary: salary(52000, 52000, "GBP", jobstats.PeriodYear)}},
		},
		{
			name:  "baseSalary bare number",
			block: posting(`"baseSalary":75000`),
			want:  []jobstats.Listing{{Salary: salary(75000, 75000, "", jobstats.PeriodUnknown)}},
		},
		{
			name:  "salary string numbers",
			block: posting(`"baseSalary":{"@type":"MonetaryAmount","currency":"USD","value":{"@type":"QuantitativeValue","minValue":"90,000","maxValue":"$110,000.50","unitText":"yearly"}}`),
			want:  []jobstats.Listing{{Salary: salary(90000, 110000.50, "USD", jobstats.PeriodYear)}},
		},
		{
			name:  "salary string value with symbol",
			block: posting(`"baseSalary":{"@type":"MonetaryAmount","currency":"USD","value":{"@type":"QuantitativeValue","unitText":"YEAR","value":"$100,000"}}`),
			want:  []jobstats.Listing{{Salary: salary(100000, 100000, "USD", jobstats.PeriodYear)}},
		},
		{
			name:  "salary missing unit",
			block: posting(`"baseSalary":{"@type":"MonetaryAmount","currency":"CAD","value":{"@type":"QuantitativeValue","minValue":60,"maxValue":80}}`),
			want:  []jobstats.Listing{{Salary: salary(60, 80, "CAD", jobstats.PeriodUnknown)}},
		},
		{
			name:  "salary unknown unit",
			block: posting(`"baseSalary":{"@type":"MonetaryAmount","currency":"CAD","value":{"@type":"QuantitativeValue","minValue":60,"maxValue":80,"unitText":"PER_SHIFT"}}`),
			want:  []jobstats.Listing{{Salary: salary(60, 80, "CAD", jobstats.PeriodUnknown)}},
		},
		{
			name:  "salary min and max on MonetaryAmount, swapped",
			block: posting(`"baseSalary":{"@type":"MonetaryAmount","currency":"USD","minValue":90,"maxValue":70,"unitText":"HOUR"}`),
			want:  []jobstats.Listing{{Salary: salary(70, 90, "USD", jobstats.PeriodHour)}},
		},
		{
			name:  "salary text range left to the text parser",
			block: posting(`"baseSalary":{"@type":"MonetaryAmount","currency":"USD","value":{"@type":"QuantitativeValue","value":"80k-100k","unitText":"YEAR"}}`),
			want:  []jobstats.Listing{{SalaryText: "USD 80k-100k per year"}},
		},
		{
			name:  "estimated salary fallback",
			block: posting(`"estimatedSalary":[{"@type":"MonetaryAmount","currency":"USD","minValue":50000,"maxValue":60000,"unitText":"YEAR"}]`),
			want:  []jobstats.Listing{{Salary: salary(50000, 60000, "USD", jobstats.PeriodYear)}},
		},
		{
			name:  "no salary",
			block: posting(`"description":"Pay: $50-60 an hour"`),
			want:  []jobstats.Listing{{Description: "Pay: $50-60 an hour"}},
		},
		{
			name:  "org as string, html-escaped",
			block: posting(`"hiringOrganization":"Smith &amp; Sons"`),
			want:  []jobstats.Listing{{Company: "Smith & Sons"}},
		},
		{
			name:  "location object",
			block: posting(`"jobLocation":{"@type":"Place","address":{"@type":"PostalAddress","addressLocality":"Austin","addressRegion":"TX","addressCountry":"US"}}`),
			want:  []jobstats.Listing{{Location: "Austin, TX, US"}},
		},
		{
			name:  "location array, country object, address string",
			block: posting(`"jobLocation":[{"@type":"Place","address":{"addressLocality":"Lyon","addressCountry":{"@type":"Country","name":"France"}}},{"@type":"Place","address":"Remote, EU"},{"@type":"Place","name":"HQ"}]`),
			want:  []jobstats.Listing{{Location: "Lyon, France; Remote, EU; HQ"}},
		},
		{
			name:  "telecommute",
			block: posting(`"jobLocationType":"TELECOMMUTE","applicantLocationRequirements":{"@type":"Country","name":"USA"}`),
			want:  []jobstats.Listing{{Workplace: jobstats.WorkplaceRemote}},
		},
		{
			name:  "employment type array",
			block: posting(`"employmentType":["FULL_TIME","PART_TIME"]`),
			want:  []jobstats.Listing{{EmploymentType: "FULL_TIME, PART_TIME"}},
		},
		{
			name:  "date posted with offset",
			block: posting(`"datePosted":"2025-06-01T01:30:00+02:00"`),
			want:  []jobstats.Listing{{PostedAt: time.Date(2025, 5, 31, 23, 30, 0, 0, time.UTC)}},
		},
		{
			name:  "date only",
			block: posting(`"datePosted":"2025-06-01"`),
			want:  []jobstats.Listing{{PostedAt: time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)}},
		},
		{
			name:  "description html decoded once",
			block: posting(`"description":"<p>R&amp;D &amp;amp; more</p><ul><li>Go</li></ul>"`),
			want:  []jobstats.Listing{{Description: "R&D &amp; more\n- Go"}},
		},
		{
			name:  "description escaped html",
			block: posting(`"description":"&lt;p&gt;Hello&lt;/p&gt;&lt;p&gt;World&lt;/p&gt;"`),
			want:  []jobstats.Listing{{Description: "Hello\nWorld"}},
		},
		{
			name:  "url field and numeric identifier",
			block: posting(`"url":"/job/99#x","identifier":{"@type":"PropertyValue","name":"Acme","value":12345}`),
			want:  []jobstats.Listing{{URL: "https://jobs.example.test/job/99", SourceID: "12345"}},
		},
		{
			name:  "education string",
			block: posting(`"educationRequirements":"Bachelor's degree in CS"`),
			want:  []jobstats.Listing{{DegreeText: "Bachelor's degree in CS"}},
		},
		{
			name:  "education credential",
			block: posting(`"educationRequirements":{"@type":"EducationalOccupationalCredential","credentialCategory":"bachelor degree"}`),
			want:  []jobstats.Listing{{DegreeText: "bachelor degree"}},
		},
		{
			name:  "education array",
			block: posting(`"educationRequirements":[{"@type":"EducationalOccupationalCredential","credentialCategory":"associate degree"},"or equivalent experience"]`),
			want:  []jobstats.Listing{{DegreeText: "associate degree; or equivalent experience"}},
		},
		{
			name:  "field of unexpected type is left empty",
			block: posting(`"datePosted":20250101,"description":["a"],"hiringOrganization":{"name":"Kept"}`),
			want:  []jobstats.Listing{{Company: "Kept"}},
		},
		{
			name:  "no posting",
			block: `{"@context":"https://schema.org","@type":"BreadcrumbList","itemListElement":[]}`,
		},
		{
			name:  "malformed JSON",
			block: `{"@type":"JobPosting","title":"x",}`,
			err:   "malformed JSON-LD",
		},
		{
			name:  "posting without title",
			block: `{"@type":"JobPosting","description":"nothing"}`,
			err:   "no title",
		},
		{
			name:  "literal new lines in strings are tolerated",
			block: "{\"@type\":\"JobPosting\",\"title\":\"Line\",\"description\":\"one\ntwo\"}",
			want:  []jobstats.Listing{{Title: "Line", Description: "one\ntwo"}},
		},
		{
			name:  "comment and CDATA wrappers",
			block: "\n<!--//--><![CDATA[//><!--\n" + posting(`"identifier":"W"`) + ";\n//--><!]]>\n",
			want:  []jobstats.Listing{{SourceID: "W"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := extractPostings(nil, []byte(tt.block), mustURL(t, page))
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
			} else if err != nil {
				t.Fatalf("err = %v", err)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %d listings, want %d: %+v", len(got), len(tt.want), got)
			}
			for i := range got {
				check(t, got[i], tt.want[i])
			}
		})
	}
}

// check compares the fields of want that are not zero (Salary: compared
// whenever SalaryText is empty, so that a nil salary is checked too).
func check(t *testing.T, got, want jobstats.Listing) {
	t.Helper()
	cmp := func(field string, g, w any) {
		if !reflect.ValueOf(w).IsZero() && !reflect.DeepEqual(g, w) {
			t.Errorf("%s = %#v, want %#v", field, g, w)
		}
	}
	cmp("Title", got.Title, want.Title)
	cmp("Company", got.Company, want.Company)
	cmp("Location", got.Location, want.Location)
	cmp("Workplace", got.Workplace, want.Workplace)
	cmp("EmploymentType", got.EmploymentType, want.EmploymentType)
	cmp("PostedAt", got.PostedAt, want.PostedAt)
	cmp("Description", got.Description, want.Description)
	cmp("URL", got.URL, want.URL)
	cmp("SourceID", got.SourceID, want.SourceID)
	cmp("DegreeText", got.DegreeText, want.DegreeText)
	cmp("SalaryText", got.SalaryText, want.SalaryText)
	cmp("Country", got.Country, want.Country)
	cmp("Region", got.Region, want.Region)
	cmp("City", got.City, want.City)
	cmp("RemoteScope", got.RemoteScope, want.RemoteScope)
	if want.Salary != nil || want.SalaryText != "" {
		if !reflect.DeepEqual(got.Salary, want.Salary) {
			t.Errorf("Salary = %+v, want %+v", got.Salary, want.Salary)
		}
	}
}

func TestExtractPageFixtures(t *testing.T) {
	tests := []struct {
		file  string
		page  string
		want  []jobstats.Listing
		links []string
		errs  int
	}{
		{
			file: "escaped_board.html",
			page: "https://au.board.test/viewjob?jk=9f1c2a",
			want: []jobstats.Listing{{
				Title: "Platform Engineer", Company: "Wattle Print Co", Location: "Hawthorn, VIC, AU",
				EmploymentType: "FULL_TIME, CONTRACTOR",
				PostedAt:       time.Date(2026, 3, 4, 5, 6, 7, 891000000, time.UTC),
				Description:    "About us\nWe build print tools & coffee.\n- Go\n- Kubernetes",
				URL:            "https://au.board.test/viewjob?jk=9f1c2a", SourceID: "https://au.board.test/viewjob?jk=9f1c2a",
				Salary: salary(120000, 150000, "AUD", jobstats.PeriodYear),
			}},
			links: []string{"https://au.board.test/viewjob?jk=9f1c2a&from=serp", "https://au.board.test/jobs?q=platform&l=VIC"},
		},
		{
			file: "wordpress_comment.php.txt",
			page: "https://kestrel.test/careers/",
			want: []jobstats.Listing{{
				Title: "Frontend Developer", Company: "Kestrel Soft", Location: "Pune", SourceID: "FE-42",
				EmploymentType: "PART_TIME", PostedAt: time.Date(2025, 5, 11, 0, 0, 0, 0, time.UTC),
				Description: "Build our web app.\nWe use HTML, CSS & TypeScript.",
				Salary:      salary(600000, 600000, "INR", jobstats.PeriodYear), DegreeText: "Diploma in computer science",
			}},
		},
		{
			file: "gtm_telecommute.html",
			page: "https://simple.test/jobs/7",
			want: []jobstats.Listing{{
				Title: "Form Specialist", Company: "Simple & Co", SourceID: "7", Workplace: jobstats.WorkplaceRemote,
				PostedAt: time.Date(2024, 11, 24, 7, 30, 0, 0, time.UTC),
				Salary:   salary(90000, 90000, "USD", jobstats.PeriodYear), DegreeText: "high school",
			}},
		},
		{
			file: "graph_site.html",
			page: "https://careers.example.test/en/jobs/data-analyst",
			want: []jobstats.Listing{{
				Title: "Data Analyst", Company: "Harbor Analytics", Location: "Lisbon, Portugal; Porto, Portugal",
				URL: "https://careers.example.test/en/jobs/data-analyst", SourceID: "https://careers.example.test/en/jobs/data-analyst",
				Salary: salary(40000, 52000, "EUR", jobstats.PeriodYear), DegreeText: "bachelor degree; master degree",
			}},
			links: []string{"https://careers.example.test/en/jobs/data-analyst", "https://careers.example.test/de/", "https://cdn.example.test/file.pdf"},
		},
		{
			file: "listing_page.html",
			page: "https://board.test/jobs?page=2",
			links: []string{
				"https://board.test/jobs?page=3", "https://board.test/jobs?page=3", // rel=next first (<link>, <a>)
				"https://board.test/job/11", "https://board.test/job/12", "https://board.test/job/13?ref=list&pos=3",
				"https://board.test/job/14", "https://board.test/job/15", "https://board.test/jobs?page=3",
			},
		},
		{file: "malformed.html", page: "https://board.test/job/1", errs: 1},
		{file: "no_posting.html", page: "https://board.test/"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			body, err := os.ReadFile(filepath.Join("testdata", "jsonld", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			var links []string
			got, errs := extractPage(body, mustURL(t, tt.page), func(abs []byte) { links = append(links, string(abs)) })
			if len(errs) != tt.errs {
				t.Errorf("errors = %v, want %d", errs, tt.errs)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %d listings, want %d: %+v", len(got), len(tt.want), got)
			}
			for i := range got {
				check(t, got[i], tt.want[i])
			}
			if !slices.Equal(links, tt.links) {
				t.Errorf("links =\n%q\nwant\n%q", links, tt.links)
			}
		})
	}
}

func TestExtractPageDuplicateSourceIDs(t *testing.T) {
	body := []byte(`<script type="application/ld+json">[{"@type":"JobPosting","title":"A"},{"@type":"JobPosting","title":"B"},{"@type":"JobPosting","title":"C","identifier":"c"}]</script>`)
	got, errs := extractPage(body, mustURL(t, "https://x.test/list"), nil)
	if len(errs) != 0 {
		t.Fatal(errs)
	}
	var ids []string
	for _, l := range got {
		ids = append(ids, l.SourceID)
	}
	want := []string{"https://x.test/list", "https://x.test/list#2", "c"}
	if !slices.Equal(ids, want) {
		t.Errorf("ids = %q, want %q", ids, want)
	}
}

// tokenizerScan is the reference for scanPage: the same facts gathered with
// golang.org/x/net/html's tokenizer.
func tokenizerScan(body []byte) (ld, hrefs []string) {
	z := xhtml.NewTokenizer(bytes.NewReader(body))
	inLD := false
	for {
		switch z.Next() {
		case xhtml.ErrorToken:
			return ld, hrefs
		case xhtml.StartTagToken, xhtml.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			var typ, href string
			var sawHref bool
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				switch string(k) {
				case "type":
					typ = string(v)
				case "href":
					if !sawHref {
						href, sawHref = string(v), true
					}
				}
			}
			switch string(name) {
			case "a":
				if sawHref {
					hrefs = append(hrefs, href)
				}
			case "script":
				inLD = isLDType([]byte(typ))
				if inLD {
					ld = append(ld, "")
				}
			}
		case xhtml.TextToken:
			if inLD {
				ld[len(ld)-1] += string(z.Raw())
			}
		case xhtml.EndTagToken:
			inLD = false
		}
	}
}

// TestScanPageMatchesTokenizer checks the byte scanner against the HTML
// tokenizer on every page fixture, the shared benchmark board's shape
// included.
func TestScanPageMatchesTokenizer(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "jsonld", "*"))
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			body, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			p := scanPage(body)
			var ld, hrefs []string
			for _, b := range p.ld {
				ld = append(ld, string(b))
			}
			for _, h := range p.hrefs {
				hrefs = append(hrefs, attrString(h))
			}
			wantLD, wantHrefs := tokenizerScan(body)
			if !slices.Equal(ld, wantLD) {
				t.Errorf("ld blocks differ:\n got %q\nwant %q", ld, wantLD)
			}
			if !slices.Equal(hrefs, wantHrefs) {
				t.Errorf("hrefs differ:\n got %q\nwant %q", hrefs, wantHrefs)
			}
		})
	}
}

func TestLinkResolver(t *testing.T) {
	page := mustURL(t, "https://Board.test/a/b/page?x=1")
	tests := []struct{ base, href, want string }{
		{"", "/job/1", "https://board.test/job/1"},
		{"", "/job/1#frag", "https://board.test/job/1"},
		{"", "job/2", "https://board.test/a/b/job/2"},
		{"", "../c", "https://board.test/a/c"},
		{"", "/a/./b/../d", "https://board.test/a/d"},
		{"", "?page=2", "https://board.test/a/b/page?page=2"},
		{"", "/q?a=1&amp;b=2#x", "https://board.test/q?a=1&b=2"},
		{"", "/caf\u00e9", "https://board.test/caf%C3%A9"},
		{"", "HTTPS://Other.test/Path", "https://other.test/Path"},
		{"", "//cdn.test/x", "https://cdn.test/x"},
		{"", "#top", ""},
		{"", "", ""},
		{"", "mailto:a@b.test", ""},
		{"", "javascript:void(0)", ""},
		{"/base/", "rel", "https://board.test/base/rel"},
		{"https://other.test/x/", "y", "https://other.test/x/y"},
	}
	for _, tt := range tests {
		t.Run(tt.base+" "+tt.href, func(t *testing.T) {
			var base []byte
			if tt.base != "" {
				base = []byte(tt.base)
			}
			r := newLinkResolver(page, base)
			if got := string(r.resolve([]byte(tt.href))); got != tt.want {
				t.Errorf("resolve(%q) = %q, want %q", tt.href, got, tt.want)
			}
		})
	}
}

func TestParseLDTime(t *testing.T) {
	tests := []struct {
		in   string
		want time.Time
	}{
		{"2026-08-06T07:39:35.941Z", time.Date(2026, 8, 6, 7, 39, 35, 941000000, time.UTC)},
		{"2025-01-02", time.Date(2025, 1, 2, 0, 0, 0, 0, time.UTC)},
		{"2025-01-02T10:00:00", time.Date(2025, 1, 2, 10, 0, 0, 0, time.UTC)},
		{"2025-01-02T10:00:00-0500", time.Date(2025, 1, 2, 15, 0, 0, 0, time.UTC)},
		{"2025-01-02 10:00:00", time.Date(2025, 1, 2, 10, 0, 0, 0, time.UTC)},
		{"yesterday", time.Time{}},
		{"", time.Time{}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := parseTime(tt.in); !got.Equal(tt.want) || got.Location() != time.UTC {
				t.Errorf("parseTime(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func FuzzExtract(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "jsonld", "*"))
	for _, file := range files {
		if b, err := os.ReadFile(file); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(`<script type="application/ld+json">` + posting(`"baseSalary":{"value":{"minValue":"1e400"}}`) + `</script>`))
	f.Add([]byte(`<a href="`))
	f.Add([]byte(`<script type=application/ld+json>[[[[[[[[[[[{}]]]]]]]]]]]`))
	page, _ := url.Parse("https://fuzz.test/dir/page?q=1")
	f.Fuzz(func(t *testing.T, body []byte) {
		listings, _ := extractPage(body, page, func(abs []byte) {
			if !bytes.HasPrefix(abs, []byte("http")) {
				t.Fatalf("link %q is not absolute", abs)
			}
		})
		for _, l := range listings {
			if l.Title == "" {
				t.Fatal("listing without title")
			}
			if l.Salary != nil && (l.Salary.Min < 0 || l.Salary.Max < 0) {
				t.Fatalf("negative salary %+v", l.Salary)
			}
		}
	})
}

// benchPage builds a ~20 KB job page in the shape of the benchmark board.
func benchPage() []byte {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Senior Go Developer at Acme</title>`)
	b.WriteString(`<link rel="canonical" href="/job/123"><style>` + strings.Repeat(`.x{color:#123456;margin:0 auto}`, 60) + `</style>`)
	b.WriteString(`<script type="application/ld+json">{"@context":"https://schema.org","@type":"BreadcrumbList","itemListElement":[{"@type":"ListItem","position":1,"name":"Jobs","item":"/jobs?page=1"}]}</script>`)
	b.WriteString(`<script type="application/ld+json">` + posting(`"description":"Build reliable systems. Own delivery.","identifier":{"@type":"PropertyValue","name":"Acme","value":"LJ-0000123"},"datePosted":"2026-05-01","validThrough":"2026-06-30T23:59:59Z","employmentType":"FULL_TIME","hiringOrganization":{"@type":"Organization","name":"Acme Inc.","sameAs":"https://example.invalid/company/1"},"jobLocation":{"@type":"Place","address":{"@type":"PostalAddress","streetAddress":"1 Main St","addressLocality":"Austin","addressRegion":"TX","postalCode":"78701","addressCountry":"US"}},"baseSalary":{"@type":"MonetaryAmount","currency":"USD","value":{"@type":"QuantitativeValue","minValue":120000,"maxValue":150000,"unitText":"YEAR"}},"educationRequirements":{"@type":"EducationalOccupationalCredential","credentialCategory":"bachelor degree"}`) + `</script>`)
	b.WriteString(`</head><body><header><nav>`)
	for i := range 6 {
		fmt.Fprintf(&b, `<a href="/jobs?page=1#nav%d">Nav %d</a>`, i, i)
	}
	b.WriteString(`</nav></header><main><section class="desc">`)
	for b.Len() < 17000 {
		b.WriteString(`<h2>What you will do</h2><ul><li>Write clean code reviewing changes mentoring peers improving observability.</li><li>Collaborate with product design and data partners to ship features quickly.</li></ul><p>The team platform customers build scalable reliable systems we are looking for an experienced engineer who will own design delivery and operation of services across our product.</p>`)
	}
	b.WriteString(`</section><aside><ul>`)
	for i := range 12 {
		fmt.Fprintf(&b, `<li><a class="similar" href="/job/%d">Similar job %d</a><br><small>Acme · Austin</small></li>`, 100+i, i)
	}
	b.WriteString(`</ul></aside></main><footer>`)
	for i := range 17 {
		fmt.Fprintf(&b, `<a href="/jobs?page=1#f%d">Footer %d</a>`, i, i)
	}
	b.WriteString(`</footer><script>(function(){var d=document;})();</script></body></html>`)
	return []byte(b.String())
}

func BenchmarkExtract(b *testing.B) {
	body := benchPage()
	page, _ := url.Parse("http://127.0.0.1:8080/job/123")
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		listings, errs := extractPage(body, page, func([]byte) { n++ })
		if len(listings) != 1 || len(errs) != 0 || n != 35 {
			b.Fatalf("listings %d, errs %v, links %d", len(listings), errs, n)
		}
	}
}

// TestExtractPostingPlace reads the structured place of a posting: the
// address's country as a code, a name or a Country object, its region and
// locality, and a remote job's applicantLocationRequirements.
func TestExtractPostingPlace(t *testing.T) {
	page := mustURL(t, "https://jobs.example.test/job/9")
	for _, c := range []struct {
		name, fields string
		want         jobstats.Listing
	}{
		{"codes", `"jobLocation":{"@type":"Place","address":{"@type":"PostalAddress","addressLocality":"Austin","addressRegion":"TX","addressCountry":"US"}}`,
			jobstats.Listing{Location: "Austin, TX, US", Country: "US", Region: "TX", City: "Austin"}},
		{"native names", `"jobLocation":{"address":{"addressLocality":"København","addressCountry":"DK"}}`,
			jobstats.Listing{Country: "DK", City: "Copenhagen"}},
		{"country object", `"jobLocation":[{"address":{"addressLocality":"Toronto","addressRegion":"Ontario","addressCountry":{"@type":"Country","name":"Canada"}}}]`,
			jobstats.Listing{Country: "CA", Region: "ON", City: "Toronto"}},
		{"region only", `"jobLocation":{"address":{"addressRegion":"Europe","addressCountry":"Sweden"}}`,
			jobstats.Listing{Country: "SE"}},
		{"remote with requirements", `"jobLocationType":"TELECOMMUTE","applicantLocationRequirements":[{"@type":"Country","name":"USA"},{"@type":"Country","name":"Canada"}]`,
			jobstats.Listing{Workplace: jobstats.WorkplaceRemote, RemoteScope: jobstats.RemoteNorthAmerica}},
		{"remote in one country", `"jobLocationType":"TELECOMMUTE","applicantLocationRequirements":{"@type":"Country","name":"Germany"}`,
			jobstats.Listing{Workplace: jobstats.WorkplaceRemote, RemoteScope: "DE", Country: "DE"}},
		{"requirements without telecommute", `"applicantLocationRequirements":{"@type":"Country","name":"Germany"}`,
			jobstats.Listing{}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := extractPostings(nil, []byte(posting(c.fields)), page)
			if err != nil || len(got) != 1 {
				t.Fatalf("extractPostings = %d, %v", len(got), err)
			}
			check(t, got[0], c.want)
			if c.want.RemoteScope == "" && got[0].RemoteScope != "" {
				t.Errorf("RemoteScope = %q, want none", got[0].RemoteScope)
			}
		})
	}
}
