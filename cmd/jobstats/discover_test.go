package main

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jobstats/jobstats/config"
)

func TestSourcesDiscover(t *testing.T) {
	pages := map[string]string{
		"/acme":     `<iframe src="https://boards.greenhouse.io/embed/job_board?for=acmehealth"></iframe>`,
		"/widgets":  `<a href="https://jobs.lever.co/acme-widgets/1">Engineer</a>`,
		"/widgets2": `<a href="https://jobs.lever.co/acme-widgets/2">Designer</a>`,
		"/cloud":    `<a href="https://examplecloud.wd5.myworkdayjobs.com/External_Careers">Jobs</a>`,
		"/sense":    `<script>COMEET.init({"token": "6F329B2DE6379829B229B2037983E8B3E8B", "company-uid": "A1.234"});</script>`,
		"/jobs/1":   `<script type="application/ld+json">{"@type":"JobPosting","title":"Engineer"}</script>`,
		"/own":      `<a href="/jobs/1">Engineer</a>`,
		"/nothing":  `<p>No jobs today.</p>`,
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.Header.Get("User-Agent"), "discover-test") {
			http.Error(w, "no user agent", http.StatusForbidden)
			return
		}
		body, ok := pages[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		fmt.Fprintf(w, "<!doctype html><html><body>%s</body></html>", body)
	}))
	defer srv.Close()
	dir := t.TempDir()
	cfg := filepath.Join(dir, "jobstats.yaml")
	if err := os.WriteFile(cfg, []byte("user_agent: discover-test/1.0\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	list := filepath.Join(dir, "urls.txt")
	if err := os.WriteFile(list, []byte("# companies\n"+srv.URL+"/cloud\n\n"+srv.URL+"/sense\n"+srv.URL+"/own\n"), 0o600); err != nil {
		t.Fatal(err)
	}

	out, errOut, err := jobstatsCmd(t, "", "--config", cfg, "sources", "discover", srv.URL+"/acme", srv.URL+"/widgets", srv.URL+"/widgets2", "--file", list)
	if err != nil {
		t.Fatalf("discover: %v\n%s%s", err, out, errOut)
	}
	for _, want := range []string{
		"# " + srv.URL + "/acme: Greenhouse (the page names https://boards.greenhouse.io/embed/job_board?for=acmehealth)\n- name: acmehealth\n  kind: greenhouse\n  board: acmehealth\n",
		"- name: acme-widgets\n  kind: lever\n  site: acme-widgets\n",
		// The same board twice: a second name.
		"- name: acme-widgets-2\n  kind: lever\n  site: acme-widgets\n",
		"- name: examplecloud\n  kind: workday\n  url: https://examplecloud.wd5.myworkdayjobs.com/External_Careers\n",
		"# note: set COMEET_TOKEN_CAREERS to the company's Comeet careers API token",
		"- name: careers\n  kind: comeet\n  company_uid: A1.234\n  token_env: COMEET_TOKEN_CAREERS\n",
		"- name: careers-2\n  kind: jsonld\n  start_urls: ['" + srv.URL + "/own']\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if !strings.Contains(errOut, "6 of 6 pages classified") {
		t.Errorf("stderr: %s", errOut)
	}
	// What it prints loads as the sources of a config.
	doc := "sources:\n"
	for _, line := range strings.Split(out, "\n") {
		if line != "" && !strings.HasPrefix(line, "#") {
			doc += "  " + line + "\n"
		}
	}
	c, err := config.Parse("pasted.yaml", []byte(doc))
	if err != nil || len(c.Sources) != 6 {
		t.Errorf("pasted output: %d sources, %v\n%s", len(c.Sources), err, doc)
	}

	// A page that is no board and one that is gone: said so, exit status 1.
	out, errOut, err = jobstatsCmd(t, "", "--config", cfg, "sources", "discover", srv.URL+"/nothing", srv.URL+"/gone", srv.URL+"/acme")
	if err == nil || exitCode(err) != 1 || !strings.Contains(err.Error(), "2 pages were not classified") {
		t.Errorf("err = %v", err)
	}
	if !strings.Contains(out, "# "+srv.URL+"/nothing: no job board found: no known job board") ||
		!strings.Contains(out, "# "+srv.URL+"/gone: could not be fetched:") || !strings.Contains(out, "- name: acmehealth") ||
		!strings.Contains(errOut, "1 of 3 pages classified") {
		t.Errorf("output:\n%s%s", out, errOut)
	}

	_, _, err = jobstatsCmd(t, "", "--config", cfg, "sources", "discover")
	if !errors.Is(err, errUsage) {
		t.Errorf("no URLs: err = %v, want a usage error", err)
	}
}
