package web_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"unicode"

	"github.com/jobstats/jobstats/web"
)

func FuzzSlug(f *testing.F) {
	for _, s := range []string{"Backend Engineer", "remote:EU", "C++", "C#/.NET", "  ", "Ingénieur", "a--b", "İstanbul", "ǅ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := web.Slug(s)
		if got == "" || strings.ContainsAny(got, "/.?#% ") || strings.Contains(got, "--") ||
			(got != "-" && (strings.HasPrefix(got, "-") || strings.HasSuffix(got, "-"))) {
			t.Fatalf("Slug(%q) = %q", s, got)
		}
		for _, r := range got {
			if r != '-' && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				t.Fatalf("Slug(%q) = %q holds %q", s, got, r)
			}
		}
	})
}

// FuzzServer asks the live server for any path and query: it answers,
// never with a server error, and always with its security headers.
func FuzzServer(f *testing.F) {
	for _, s := range [][2]string{
		{"/", ""}, {"/backend-engineer/us/", "seniority=senior&posted_since=30d"}, {"/api/v1/report", "country=EU,US&remote=1"},
		{"/api/v1/report", "posted_since=-5d&min_openings=x"}, {"/backend-engineer/us/data.csv", "workplace=nowhere"},
		{"/api/v1/history", "role=%00"}, {"/../../etc/passwd", ""}, {"/backend-engineer/remote-eu/", "company=%3Cscript%3E"},
	} {
		f.Add(s[0], s[1])
	}
	d := newMemData()
	h, err := web.NewServer(options(d))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, path, query string) {
		u := &url.URL{Path: path, RawQuery: query}
		if !strings.HasPrefix(path, "/") {
			u.Path = "/" + path
		}
		req, err := http.NewRequest("GET", "http://x"+u.RequestURI(), nil)
		if err != nil {
			return
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("GET %s: %d %s", u.RequestURI(), rec.Code, rec.Body.String())
		}
		if rec.Header().Get("Content-Security-Policy") != web.CSP {
			t.Fatalf("GET %s: no CSP", u.RequestURI())
		}
	})
}

func ExampleSlug() {
	// A page's path is the slug of its role, then of its market.
	for _, name := range []string{"Backend Engineer", "US", "remote:EU", "C++ Developer"} {
		fmt.Println(web.Slug(name))
	}
	// Output:
	// backend-engineer
	// us
	// remote-eu
	// cplusplus-developer
}
