package demo_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	xhtml "golang.org/x/net/html"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/demo"
	"github.com/jobstats/jobstats/stats"
)

// get serves one request to b and returns the recorded response.
func get(t testing.TB, b http.Handler, target string, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	b.ServeHTTP(rec, req)
	return rec
}

var ldRe = regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`)

// ldBlocks returns the JSON-LD blocks of a page.
func ldBlocks(page string) []string {
	var out []string
	for _, m := range ldRe.FindAllStringSubmatch(page, -1) {
		out = append(out, m[1])
	}
	return out
}

// findPosting returns the JobPosting in a decoded JSON-LD block.
func findPosting(v any) map[string]any {
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			if p := findPosting(e); p != nil {
				return p
			}
		}
	case map[string]any:
		if g, ok := x["@graph"]; ok {
			return findPosting(g)
		}
		switch ty := x["@type"].(type) {
		case string:
			if ty == "JobPosting" {
				return x
			}
		case []any:
			if slices.Contains(ty, any("JobPosting")) {
				return x
			}
		}
	}
	return nil
}

// allPaths lists every page of a board.
func allPaths(b *demo.Board) []string {
	paths := []string{"/robots.txt", "/about"}
	for n := 1; n <= b.Pages(); n++ {
		paths = append(paths, fmt.Sprintf("/jobs?page=%d", n))
	}
	for _, j := range b.Jobs() {
		paths = append(paths, "/job/"+j.ID)
	}
	return paths
}

func TestDeterministic(t *testing.T) {
	a, b := demo.New(demo.Options{}), demo.New(demo.Options{Seed: 1, Jobs: demo.DefaultJobs})
	if !slices.EqualFunc(a.Jobs(), b.Jobs(), jobEqual) {
		t.Fatal("two boards with the same options have different jobs")
	}
	for _, p := range allPaths(a) {
		ra, rb := get(t, a, p), get(t, b, p)
		if ra.Code != http.StatusOK {
			t.Fatalf("GET %s: status %d", p, ra.Code)
		}
		if !bytes.Equal(ra.Body.Bytes(), rb.Body.Bytes()) || ra.Header().Get("ETag") != rb.Header().Get("ETag") {
			t.Fatalf("GET %s: bytes differ between two boards with the same seed", p)
		}
	}
	c := demo.New(demo.Options{Seed: 2})
	if slices.EqualFunc(a.Jobs(), c.Jobs(), jobEqual) {
		t.Error("seeds 1 and 2 give the same jobs")
	}
}

func jobEqual(a, b demo.Job) bool {
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return bytes.Equal(ja, jb)
}

func TestCoverage(t *testing.T) {
	b := demo.New(demo.Options{})
	jobs := b.Jobs()
	if len(jobs) != demo.DefaultJobs {
		t.Fatalf("got %d jobs, want %d", len(jobs), demo.DefaultJobs)
	}
	count := func(key func(demo.Job) string) map[string]int {
		m := map[string]int{}
		for _, j := range jobs {
			m[key(j)]++
		}
		return m
	}
	roles := count(func(j demo.Job) string { return j.Role })
	levels := count(func(j demo.Job) string { return string(j.Level) })
	degrees := count(func(j demo.Job) string { return string(j.Degree) })
	langs := count(func(j demo.Job) string { return j.DegreeLang })
	countries := count(func(j demo.Job) string { return j.Country })
	companies := count(func(j demo.Job) string { return j.Company })
	employment := count(func(j demo.Job) string { return j.EmploymentType })
	currencies := count(func(j demo.Job) string {
		switch {
		case j.Structured != nil:
			return j.Structured.Currency
		case j.TextPay != nil:
			return j.TextPay.Currency
		}
		return ""
	})
	payKind := count(func(j demo.Job) string {
		switch {
		case j.Structured != nil:
			return "structured"
		case j.SalaryText != "":
			return "text"
		}
		return "none"
	})
	units := count(func(j demo.Job) string {
		if j.Structured != nil {
			return "structured " + j.Structured.Unit
		}
		if j.TextPay != nil {
			return "text " + j.TextPay.Unit
		}
		return ""
	})
	share := func(n int) float64 { return float64(n) / float64(len(jobs)) }

	t.Run("roles", func(t *testing.T) {
		if len(roles) < 12 {
			t.Errorf("%d roles, want at least 12: %v", len(roles), roles)
		}
		for _, r := range []string{"Backend Engineer", "Backend Developer", "Frontend Engineer", "Full Stack Engineer", "Data Scientist",
			"Data Engineer", "DevOps Engineer", "Site Reliability Engineer", "Machine Learning Engineer", "Product Manager",
			"QA Engineer", "Mobile Developer", "Security Engineer"} {
			if roles[r] < 10 {
				t.Errorf("role %q has %d jobs, want at least 10", r, roles[r])
			}
		}
		// The title spellings vary: at least 4 distinct titles per big role.
		titles := map[string]map[string]bool{}
		for _, j := range jobs {
			if titles[j.Role] == nil {
				titles[j.Role] = map[string]bool{}
			}
			titles[j.Role][j.Title] = true
		}
		if n := len(titles["Backend Engineer"]); n < 20 {
			t.Errorf("Backend Engineer is written %d ways, want at least 20", n)
		}
	})
	t.Run("levels", func(t *testing.T) {
		for _, l := range jobstats.Seniorities {
			if levels[string(l)] == 0 {
				t.Errorf("no %s jobs", l)
			}
		}
		yearsOnly := 0
		for _, j := range jobs {
			if !j.LevelInTitle && j.Level != jobstats.SeniorityMid {
				yearsOnly++
				if !strings.Contains(j.Description, "year") {
					t.Errorf("job %s: level %s not in title %q and no years in the description", j.ID, j.Level, j.Title)
				}
			}
		}
		if yearsOnly < 20 {
			t.Errorf("%d jobs give their level only as years of experience, want at least 20", yearsOnly)
		}
	})
	t.Run("pay", func(t *testing.T) {
		if s := share(payKind["text"]); s < 0.15 {
			t.Errorf("text-only pay share %.2f, want at least 0.15", s)
		}
		if s := share(payKind["none"]); s < 0.05 || s > 0.12 {
			t.Errorf("no-pay share %.2f, want about 0.08", s)
		}
		delete(currencies, "")
		if len(currencies) < 5 {
			t.Errorf("%d currencies, want at least 5: %v", len(currencies), currencies)
		}
		for _, u := range []string{"structured YEAR", "structured MONTH", "structured HOUR", "structured ", "text YEAR", "text MONTH", "text HOUR", "text DAY"} {
			if units[u] == 0 {
				t.Errorf("no pay of kind %q: %v", u, units)
			}
		}
		for _, j := range jobs {
			if (j.SalaryText == "") != (j.TextPay == nil) {
				t.Errorf("job %s: SalaryText %q but TextPay %v", j.ID, j.SalaryText, j.TextPay)
			}
			if j.SalaryText != "" && !strings.Contains(j.Description, j.SalaryText) {
				t.Errorf("job %s: SalaryText %q not in the description", j.ID, j.SalaryText)
			}
			for _, p := range []*demo.Pay{j.Structured, j.TextPay} {
				if p != nil && (p.Min < 0 || p.Max < 0 || (p.Min > 0 && p.Max > 0 && p.Min > p.Max) || p.Min+p.Max == 0) {
					t.Errorf("job %s: bad pay %+v", j.ID, *p)
				}
			}
		}
	})
	t.Run("degree", func(t *testing.T) {
		for _, d := range []jobstats.Degree{jobstats.DegreeUnknown, jobstats.DegreeRequired, jobstats.DegreeEquivalent, jobstats.DegreePreferred, jobstats.DegreeNotRequired} {
			if degrees[string(d)] < 10 {
				t.Errorf("degree %s: %d jobs, want at least 10", d, degrees[string(d)])
			}
		}
		for _, l := range []string{"en", "de", "pt"} {
			if langs[l] == 0 {
				t.Errorf("no degree statement in %q", l)
			}
		}
		highSchool, ld := 0, 0
		for _, j := range jobs {
			if j.HighSchool {
				highSchool++
			}
			if j.Education != "" {
				ld++
			}
			if j.Degree == jobstats.DegreeUnknown && (j.DegreeLang != "" || j.Education != "") {
				t.Errorf("job %s: no degree stance but language %q, education %q", j.ID, j.DegreeLang, j.Education)
			}
		}
		if highSchool == 0 || ld < 50 {
			t.Errorf("%d high-school-only jobs and %d with educationRequirements", highSchool, ld)
		}
	})
	t.Run("places and employers", func(t *testing.T) {
		for _, c := range []string{"US", "GB", "DE", "NL", "CA", "IN", "BR", "PL", ""} {
			if countries[c] == 0 {
				t.Errorf("no jobs in %q", c)
			}
		}
		markets := count(func(j demo.Job) string { return j.Market() })
		for _, m := range []string{"US", "GB", "DE", "IN", "CA", "remote:EU", "remote:worldwide"} {
			if markets[m] < 30 {
				t.Errorf("market %s has %d jobs, want at least 30: %v", m, markets[m], markets)
			}
		}
		if len(companies) < 20 {
			t.Errorf("%d companies, want at least 20", len(companies))
		}
		for _, e := range []string{"FULL_TIME", "CONTRACTOR", "INTERN", "PART_TIME", "TEMPORARY"} {
			if employment[e] == 0 {
				t.Errorf("no %s jobs", e)
			}
		}
		remote := 0
		for _, j := range jobs {
			if j.Remote {
				remote++
			}
			// The place and the employment type agree with themselves.
			switch {
			case j.Remote && (j.RemoteScope == "" || j.City != "" || j.Region != "" || (j.Country != "" && j.RemoteScope != j.Country)):
				t.Errorf("job %s: remote, scope %q, country %q, city %q, region %q", j.ID, j.RemoteScope, j.Country, j.City, j.Region)
			case !j.Remote && (j.RemoteScope != "" || j.City == "" || j.Country == ""):
				t.Errorf("job %s: on site, scope %q, country %q, city %q", j.ID, j.RemoteScope, j.Country, j.City)
			}
			want := map[string]string{"FULL_TIME": jobstats.EmploymentFullTime, "PART_TIME": jobstats.EmploymentPartTime,
				"CONTRACTOR": jobstats.EmploymentContract, "TEMPORARY": jobstats.EmploymentTemporary, "INTERN": jobstats.EmploymentInternship}[j.EmploymentType]
			if j.Employment != want || want == "" {
				t.Errorf("job %s: employment %q for %s", j.ID, j.Employment, j.EmploymentType)
			}
		}
		if s := share(remote); s < 0.1 || s > 0.45 {
			t.Errorf("%d remote jobs", remote)
		}
	})
	t.Run("skills", func(t *testing.T) {
		skills, certs := map[string]bool{}, map[string]bool{}
		for _, j := range jobs {
			for _, s := range j.Skills {
				skills[s] = true
			}
			for _, c := range j.Certifications {
				certs[c] = true
			}
		}
		for _, s := range []string{"Go", "Python", "PostgreSQL", "Kubernetes", "AWS", "React", "TypeScript", "Java", "Kafka", "Terraform"} {
			if !skills[s] {
				t.Errorf("skill %s never asked for", s)
			}
		}
		for _, c := range []string{"AWS Certified Solutions Architect", "CKA"} {
			if !certs[c] {
				t.Errorf("certification %s never named", c)
			}
		}
		var synonyms bool
		for _, j := range jobs {
			if strings.Contains(j.Description, "Golang") || strings.Contains(j.Description, "K8s") {
				synonyms = true
			}
		}
		if !synonyms {
			t.Error("no skill written under a synonym")
		}
	})
	t.Run("pay types", func(t *testing.T) {
		// What the contract section and the internship line need: day
		// rates in the UK, hourly contracts in the US, internships and
		// part-time hourly pay; and salaried pay everywhere else.
		kinds := count(func(j demo.Job) string {
			if p := j.Pay(); p != nil {
				return j.Market() + " " + j.EmploymentType + " " + p.Unit
			}
			return ""
		})
		for _, k := range []string{"GB CONTRACTOR DAY", "DE CONTRACTOR DAY", "US CONTRACTOR HOUR", "PL CONTRACTOR MONTH",
			"US INTERN HOUR", "GB INTERN MONTH", "US PART_TIME HOUR", "US TEMPORARY HOUR", "remote:EU CONTRACTOR DAY"} {
			if kinds[k] == 0 {
				t.Errorf("no %s pay", k)
			}
		}
		if kinds["GB CONTRACTOR DAY"] < 25 {
			t.Errorf("%d UK day rates, want enough for medians per role", kinds["GB CONTRACTOR DAY"])
		}
		for _, j := range jobs {
			if p := j.Pay(); p != nil && j.EmploymentType == "FULL_TIME" && p.Unit != "YEAR" && p.Unit != "MONTH" && p.Unit != "" {
				t.Errorf("job %s: a full-time salary quoted per %s", j.ID, p.Unit)
			}
		}
	})
	t.Run("malformed", func(t *testing.T) {
		n := 0
		for _, j := range jobs {
			if j.Malformed {
				n++
			}
		}
		if n < 2 || n > 3 {
			t.Errorf("%d malformed pages, want 2 or 3", n)
		}
	})
}

func TestJobPages(t *testing.T) {
	b := demo.New(demo.Options{})
	for _, j := range b.Jobs() {
		rec := get(t, b, "/job/"+j.ID)
		if rec.Code != http.StatusOK {
			t.Fatalf("job %s: status %d", j.ID, rec.Code)
		}
		if ct := rec.Header().Get("Content-Type"); ct != "text/html; charset=utf-8" {
			t.Errorf("job %s: Content-Type %q", j.ID, ct)
		}
		if rec.Header().Get("Last-Modified") == "" || rec.Header().Get("ETag") == "" {
			t.Errorf("job %s: no validators", j.ID)
		}
		page := rec.Body.String()
		if n := len(page); n < 2500 || n > 12000 {
			t.Errorf("job %s: page is %d bytes", j.ID, n)
		}
		blocks := ldBlocks(page)
		if len(blocks) != 1 {
			t.Fatalf("job %s: %d JSON-LD blocks", j.ID, len(blocks))
		}
		var v any
		err := json.Unmarshal([]byte(blocks[0]), &v)
		if j.Malformed {
			if err == nil {
				t.Errorf("job %s: malformed JSON-LD parses", j.ID)
			}
			continue
		}
		if err != nil {
			t.Fatalf("job %s: JSON-LD: %v", j.ID, err)
		}
		p := findPosting(v)
		if p == nil {
			t.Fatalf("job %s: no JobPosting in %s", j.ID, blocks[0])
		}
		checkPosting(t, j, p)
	}
}

// checkPosting compares a decoded JobPosting with the ground truth.
func checkPosting(t *testing.T, j demo.Job, p map[string]any) {
	t.Helper()
	if p["title"] != j.Title {
		t.Errorf("job %s: title %q, want %q", j.ID, p["title"], j.Title)
	}
	org := p["hiringOrganization"]
	if m, ok := org.(map[string]any); ok {
		org = m["name"]
	}
	if org != j.Company {
		t.Errorf("job %s: hiringOrganization %v, want %q", j.ID, org, j.Company)
	}
	if got := htmlText(p["description"].(string)); got != j.Description {
		t.Errorf("job %s: description as text\n%s\nwant\n%s", j.ID, got, j.Description)
	}
	if (p["jobLocationType"] == "TELECOMMUTE") != j.Remote {
		t.Errorf("job %s: jobLocationType %v, remote %v", j.ID, p["jobLocationType"], j.Remote)
	}
	posted, err := time.Parse(time.RFC3339, p["datePosted"].(string))
	if err != nil {
		posted, err = time.Parse(time.DateOnly, p["datePosted"].(string))
	}
	if err != nil || !posted.Equal(j.Posted) {
		t.Errorf("job %s: datePosted %v, want %v", j.ID, p["datePosted"], j.Posted)
	}
	var got *demo.Pay
	switch s := p["baseSalary"].(type) {
	case float64:
		got = &demo.Pay{Min: s, Max: s, Currency: p["salaryCurrency"].(string)}
	case map[string]any:
		got = &demo.Pay{Currency: s["currency"].(string)}
		switch v := s["value"].(type) {
		case float64:
			got.Min, got.Max = v, v
		case map[string]any:
			got.Unit = v["unitText"].(string)
			if x, ok := v["value"].(float64); ok {
				got.Min, got.Max = x, x
			} else {
				got.Min, got.Max = v["minValue"].(float64), v["maxValue"].(float64)
			}
		}
	}
	if (got == nil) != (j.Structured == nil) || (got != nil && *got != *j.Structured) {
		t.Errorf("job %s: baseSalary %v, want %v", j.ID, got, j.Structured)
	}
	// The place and the kind of contract, as the location and employment
	// understanding read them.
	if emp := p["employmentType"]; emp != j.EmploymentType && !slices.Equal(asStrings(emp), []string{j.EmploymentType}) {
		t.Errorf("job %s: employmentType %v, want %s", j.ID, emp, j.EmploymentType)
	}
	if j.Remote {
		req, _ := p["applicantLocationRequirements"].(map[string]any)
		wantType := "Country"
		if j.Country == "" {
			wantType = "AdministrativeArea"
		}
		if req == nil || req["@type"] != wantType || req["name"] == "" || p["jobLocation"] != nil {
			t.Errorf("job %s: remote (%s) with applicantLocationRequirements %v, jobLocation %v", j.ID, j.RemoteScope, req, p["jobLocation"])
		}
	} else {
		var addr map[string]any
		switch loc := p["jobLocation"].(type) {
		case map[string]any:
			addr, _ = loc["address"].(map[string]any)
		case []any:
			addr, _ = loc[0].(map[string]any)["address"].(map[string]any)
		}
		if addr == nil || addr["addressCountry"] != j.Country || addr["addressLocality"] == nil ||
			(j.Region != "") != (addr["addressRegion"] != nil) {
			t.Errorf("job %s: in %s/%s/%s, address %v", j.ID, j.City, j.Region, j.Country, addr)
		}
	}
	edu := p["educationRequirements"]
	if m, ok := edu.(map[string]any); ok {
		edu = m["credentialCategory"]
	}
	if edu == nil {
		edu = ""
	}
	if edu != j.Education {
		t.Errorf("job %s: educationRequirements %v, want %q", j.ID, edu, j.Education)
	}
}

func asStrings(v any) []string {
	var out []string
	if list, ok := v.([]any); ok {
		for _, x := range list {
			s, _ := x.(string)
			out = append(out, s)
		}
	}
	return out
}

// htmlText converts a description fragment to text the way the jsonld
// source does: block elements on their own lines, list items prefixed.
func htmlText(s string) string {
	var b strings.Builder
	z := xhtml.NewTokenizer(strings.NewReader(s))
	for {
		switch z.Next() {
		case xhtml.ErrorToken:
			var lines []string
			for _, ln := range strings.Split(b.String(), "\n") {
				if ln = strings.Join(strings.Fields(ln), " "); ln != "" {
					lines = append(lines, ln)
				}
			}
			return strings.Join(lines, "\n")
		case xhtml.TextToken:
			b.Write(z.Text())
		case xhtml.StartTagToken:
			name, _ := z.TagName()
			b.WriteByte('\n')
			if string(name) == "li" {
				b.WriteString("- ")
			}
		case xhtml.EndTagToken:
			b.WriteByte('\n')
		}
	}
}

var (
	jobLinkRe = regexp.MustCompile(`<a href="/job/(\d+)">`)
	nextRe    = regexp.MustCompile(`<a rel="next" href="([^"]+)">`)
)

// TestMediansRiseWithLevel checks the board's design, before any crawl:
// within every market of every role, the median salary of each level (of
// the salaried jobs the report counts) is above every lower level's, where
// both rest on at least five salaries. It aggregates the ground truth
// with the stats package, so a market the pay tables get wrong fails here.
func TestMediansRiseWithLevel(t *testing.T) {
	b := demo.New(demo.Options{})
	a := stats.New(stats.Options{})
	pairs := 0
	for _, j := range b.Jobs() {
		l := jobstats.Listing{Role: j.Role, Seniority: j.Level, Country: j.Country, RemoteScope: j.RemoteScope,
			EmploymentType: j.Employment, Workplace: jobstats.WorkplaceOnsite}
		if j.Remote {
			l.Workplace = jobstats.WorkplaceRemote
		}
		if p := j.Pay(); p != nil {
			per := p.Period()
			if per == jobstats.PeriodUnknown {
				per = jobstats.PeriodYear // the demo's bare numbers are yearly
			}
			l.Salary = &jobstats.Salary{Min: jobstats.AmountOf(p.Min), Max: jobstats.AmountOf(p.Max), Currency: p.Currency, Period: per}
		}
		a.Add(&l)
	}
	for _, r := range a.Summary().Roles {
		for _, p := range r.Pages {
			if len(p.Currencies) > 1 {
				t.Errorf("%s in %s: pay in %v", r.Name, p.Market, p.Currencies)
			}
			for _, inv := range p.Inversions {
				t.Errorf("%s in %s: %s median %.0f below %s median %.0f", r.Name, p.Market, inv.Level, inv.Median, inv.Lower, inv.LowerMedian)
			}
			rated := 0
			for _, l := range p.BySeniority {
				if l.Salary.Median != nil {
					rated++
				}
			}
			if rated > 1 {
				pairs += rated - 1
			}
		}
	}
	if pairs < 10 {
		t.Errorf("only %d level steps with medians on both sides: the check says little", pairs)
	}
}

func TestPagination(t *testing.T) {
	b := demo.New(demo.Options{})
	want := b.Jobs()
	var got []string
	target, pages := strings.TrimPrefix(b.StartURL("http://example.com"), "http://example.com"), 0
	for target != "" {
		pages++
		if pages > 100 {
			t.Fatal("rel=next never ends")
		}
		rec := get(t, b, target)
		if rec.Code != http.StatusOK {
			t.Fatalf("GET %s: status %d", target, rec.Code)
		}
		page := rec.Body.String()
		links := jobLinkRe.FindAllStringSubmatch(page, -1)
		if len(links) > demo.PerPage {
			t.Errorf("%s: %d job links", target, len(links))
		}
		for _, m := range links {
			got = append(got, m[1])
		}
		target = ""
		if m := nextRe.FindStringSubmatch(page); m != nil {
			target = m[1]
		}
	}
	if pages != b.Pages() || pages != (len(want)+demo.PerPage-1)/demo.PerPage {
		t.Errorf("walked %d pages, Pages() = %d", pages, b.Pages())
	}
	ids := make([]string, len(want))
	for i, j := range want {
		ids[i] = j.ID
	}
	if !slices.Equal(got, ids) {
		t.Errorf("index pages list %d jobs, want each of the %d jobs once in order", len(got), len(ids))
	}
	for i := 1; i < len(want); i++ {
		if want[i].Posted.After(want[i-1].Posted) {
			t.Fatalf("jobs %d and %d are not newest first", i-1, i)
		}
	}
	for _, bad := range []string{"/jobs?page=0", fmt.Sprintf("/jobs?page=%d", pages+1), "/jobs?page=x", "/job/1", "/job/", "/nope"} {
		if rec := get(t, b, bad); rec.Code != http.StatusNotFound {
			t.Errorf("GET %s: status %d, want 404", bad, rec.Code)
		}
	}
	if rec := get(t, b, "/"); rec.Code != http.StatusFound || rec.Header().Get("Location") != "/jobs?page=1" {
		t.Errorf("GET /: %d %q", rec.Code, rec.Header().Get("Location"))
	}
}

func TestFollow(t *testing.T) {
	b := demo.New(demo.Options{})
	var res []*regexp.Regexp
	for _, f := range b.Follow() {
		res = append(res, regexp.MustCompile(f))
	}
	follows := func(u string) bool {
		return slices.ContainsFunc(res, func(re *regexp.Regexp) bool { return re.MatchString(u) })
	}
	base := "http://127.0.0.1:8080"
	for _, u := range []string{b.StartURL(base), base + "/jobs?page=7", base + "/job/" + b.Jobs()[0].ID, base + "/about"} {
		if !follows(u) {
			t.Errorf("Follow does not match %s", u)
		}
	}
	for _, u := range []string{"https://helio-health.example/careers/42382", base + "/robots.txt"} {
		if follows(u) {
			t.Errorf("Follow matches %s", u)
		}
	}
}

func TestRobots(t *testing.T) {
	b := demo.New(demo.Options{})
	rec := get(t, b, "/robots.txt")
	if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/plain") {
		t.Fatalf("robots.txt: %d %q", rec.Code, rec.Header().Get("Content-Type"))
	}
	if want := "# Hirewire demo board\nUser-agent: *\nDisallow: /admin/\n"; rec.Body.String() != want {
		t.Errorf("robots.txt is %q, want %q", rec.Body.String(), want)
	}
	// The board links to /admin/ exactly once, from the first index page.
	links := 0
	for _, p := range allPaths(b) {
		links += strings.Count(get(t, b, p).Body.String(), `href="/admin/"`)
	}
	if links != 1 || !strings.Contains(get(t, b, "/jobs?page=1").Body.String(), `href="/admin/"`) {
		t.Errorf("%d links to /admin/, want 1 on page 1", links)
	}
	if b.DisallowedHits() != 0 {
		t.Fatalf("DisallowedHits = %d before any visit", b.DisallowedHits())
	}
	if rec := get(t, b, "/admin/"); rec.Code != http.StatusForbidden {
		t.Errorf("/admin/: status %d", rec.Code)
	}
	if b.DisallowedHits() != 1 {
		t.Errorf("DisallowedHits = %d after one visit", b.DisallowedHits())
	}
}

func TestAbout(t *testing.T) {
	b := demo.New(demo.Options{})
	rec := get(t, b, "/about")
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d", rec.Code)
	}
	for _, blk := range ldBlocks(rec.Body.String()) {
		var v any
		if err := json.Unmarshal([]byte(blk), &v); err != nil {
			t.Fatal(err)
		}
		if findPosting(v) != nil {
			t.Error("/about holds a JobPosting")
		}
	}
}

func TestHostileCompany(t *testing.T) {
	const evil = `</script><script>alert("x")</script><b onclick='y'>Evil & Co</b>`
	names := make([]string, 30)
	for i := range names {
		names[i] = evil
	}
	b := demo.New(demo.Options{Companies: names})
	jobs := b.Jobs()
	var j *demo.Job
	for i := range jobs {
		if jobs[i].Company == evil && !jobs[i].Malformed {
			j = &jobs[i]
			break
		}
	}
	if j == nil {
		t.Fatal("no job of the renamed company")
	}
	for _, path := range []string{"/job/" + j.ID, "/jobs?page=1", fmt.Sprintf("/jobs?page=%d", b.Pages())} {
		page := get(t, b, path).Body.String()
		if strings.Contains(page, "<script>alert") || strings.Contains(page, "<b onclick") {
			t.Errorf("%s: hostile markup is not escaped", path)
		}
		if n := strings.Count(page, "</script>"); n != len(ldBlocks(page)) {
			t.Errorf("%s: %d </script> for %d script blocks", path, n, len(ldBlocks(page)))
		}
	}
	page := get(t, b, "/job/"+j.ID).Body.String()
	if !strings.Contains(page, "&lt;/script&gt;&lt;script&gt;alert(&#34;x&#34;)") {
		t.Error("company name is not HTML-escaped in the body")
	}
	var v any
	if err := json.Unmarshal([]byte(ldBlocks(page)[0]), &v); err != nil {
		t.Fatalf("JSON-LD with a hostile name: %v", err)
	}
	checkPosting(t, *j, findPosting(v))
}

func TestConditionalRequests(t *testing.T) {
	b := demo.New(demo.Options{})
	path := "/job/" + b.Jobs()[0].ID
	first := get(t, b, path)
	etag, modified := first.Header().Get("ETag"), first.Header().Get("Last-Modified")
	if rec := get(t, b, path, "If-None-Match", etag); rec.Code != http.StatusNotModified {
		t.Errorf("If-None-Match: status %d, want 304", rec.Code)
	}
	if rec := get(t, b, path, "If-Modified-Since", modified); rec.Code != http.StatusNotModified {
		t.Errorf("If-Modified-Since: status %d, want 304", rec.Code)
	}
}

func TestOptions(t *testing.T) {
	now := time.Date(2030, 1, 15, 12, 0, 0, 0, time.UTC)
	b := demo.New(demo.Options{Jobs: 30, Seed: 7, Now: now})
	jobs := b.Jobs()
	if len(jobs) != 30 || b.Pages() != 2 {
		t.Fatalf("%d jobs on %d pages, want 30 on 2", len(jobs), b.Pages())
	}
	ids := map[string]bool{}
	for _, j := range jobs {
		if ids[j.ID] {
			t.Errorf("duplicate id %s", j.ID)
		}
		ids[j.ID] = true
		if j.Posted.After(now) || j.Posted.Before(now.AddDate(0, 0, -46)) {
			t.Errorf("job %s posted %v, outside the 45 days before %v", j.ID, j.Posted, now)
		}
	}
}

func TestServe(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	b := demo.New(demo.Options{Jobs: 10})
	urls := make(chan string, 1)
	done := make(chan error, 1)
	go func() { done <- demo.Serve(ctx, "127.0.0.1:0", b, func(u string) { urls <- u }) }()
	var base string
	select {
	case base = <-urls:
	case err := <-done:
		t.Fatalf("Serve: %v", err)
	}
	resp, err := http.Get(base + "/robots.txt")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(body), "Disallow: /admin/") {
		t.Errorf("robots.txt over HTTP: %q", body)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Serve after cancel: %v", err)
	}
	if _, err := http.Get(base + "/robots.txt"); err == nil {
		t.Error("board still serving after cancel")
	}
}

func TestServeListenError(t *testing.T) {
	err := demo.Serve(t.Context(), "256.0.0.1:99999", demo.New(demo.Options{Jobs: 1}), nil)
	if err == nil || !strings.Contains(err.Error(), "listen on") {
		t.Errorf("Serve on a bad address: %v", err)
	}
}
