package scraper

import (
	"strings"
	"testing"
	"time"
)

func TestProductToken(t *testing.T) {
	for ua, want := range map[string]string{
		"jobstats/0.1 (+https://example.com)": "jobstats",
		"JobStats":                            "jobstats",
		"my-bot_2":                            "my-bot_",
		"":                                    "",
	} {
		if got := productToken(ua); got != want {
			t.Errorf("productToken(%q) = %q, want %q", ua, got, want)
		}
	}
}

func TestRobots(t *testing.T) {
	tests := []struct {
		name  string
		body  string
		allow map[string]bool
		delay time.Duration
	}{
		{"empty allows all", "", map[string]bool{"/": true, "/x": true}, 0},
		{"star group", "User-agent: *\nDisallow: /private/\n",
			map[string]bool{"/private/a": false, "/private": true, "/public": true}, 0},
		{"own group beats star", "User-agent: *\nDisallow: /\n\nUser-agent: JobStats\nDisallow: /no\n",
			map[string]bool{"/": true, "/no/x": false, "/yes": true}, 0},
		{"own groups merge", "User-agent: jobstats\nDisallow: /a\n\nUser-agent: other\nDisallow: /\n\nUser-agent: jobstats\nDisallow: /b\n",
			map[string]bool{"/a": false, "/b": false, "/c": true}, 0},
		{"agents share a group", "User-agent: a\nUser-agent: jobstats\nDisallow: /x\n", map[string]bool{"/x": false}, 0},
		{"longest match wins", "User-agent: *\nDisallow: /jobs\nAllow: /jobs/open\n",
			map[string]bool{"/jobs/closed": false, "/jobs/open/1": true}, 0},
		{"allow wins a tie", "User-agent: *\nDisallow: /page\nAllow: /page\n", map[string]bool{"/page": true}, 0},
		{"wildcards", "User-agent: *\nDisallow: /*.pdf$\nDisallow: /*?sessionid=\nDisallow: /a*b*c\n",
			map[string]bool{"/x/y.pdf": false, "/x/y.pdf?q": true, "/p?sessionid=1": false, "/p?q=1": true, "/a-b-c-d": false, "/a-c-b": true}, 0},
		{"end anchor", "User-agent: *\nDisallow: /exact$\n", map[string]bool{"/exact": false, "/exact/more": true}, 0},
		{"empty disallow allows", "User-agent: *\nDisallow:\n", map[string]bool{"/": true}, 0},
		{"robots.txt always allowed", "User-agent: *\nDisallow: /\n", map[string]bool{"/robots.txt": true, "/": false}, 0},
		{"comments and CRLF", "User-agent: * # all\r\nDisallow: /x # not x\r\n", map[string]bool{"/x": false, "/y": true}, 0},
		{"percent encoding", "User-agent: *\nDisallow: /caf\xc3\xa9\nDisallow: /a%3cb\n",
			map[string]bool{"/caf%C3%A9": false, "/a%3Cb": false, "/cafe": true}, 0},
		{"bad lines skipped", "User-agent: *\nnonsense\nDisallow /nocolon\n\x00\xff: ?\nDisallow: /x\n", map[string]bool{"/nocolon": true, "/x": false}, 0},
		{"crawl-delay", "User-agent: *\nCrawl-delay: 2.5\n", nil, 2500 * time.Millisecond},
		{"crawl-delay capped", "User-agent: *\nCrawl-delay: 1e300\n", nil, maxCrawlDelay},
		{"crawl-delay garbage", "User-agent: *\nCrawl-delay: -1\nCrawl-delay: NaN\nCrawl-delay: soon\n", nil, 0},
		{"sitemap does not end a group", "User-agent: *\nSitemap: /s.xml\nDisallow: /x\n", map[string]bool{"/x": false}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := parseRobots([]byte(tt.body), "jobstats")
			for path, want := range tt.allow {
				if got := r.allowed(path); got != want {
					t.Errorf("allowed(%q) = %v, want %v", path, got, want)
				}
			}
			if r.crawlDelay != tt.delay {
				t.Errorf("crawl delay %v, want %v", r.crawlDelay, tt.delay)
			}
		})
	}
	if (&robotsRules{disallow: true}).allowed("/x") {
		t.Error("an unreachable robots.txt allows")
	}
}

func TestCutIncompleteLine(t *testing.T) {
	if got := string(cutIncompleteLine([]byte("Disallow: /a\nDisallow: /pri"))); got != "Disallow: /a\n" {
		t.Errorf("got %q", got)
	}
	if got := cutIncompleteLine([]byte("no newline")); len(got) != 0 {
		t.Errorf("got %q", got)
	}
}

// FuzzRobots checks that any robots.txt parses without a panic, that
// /robots.txt is always allowed, and that matching ends quickly.
func FuzzRobots(f *testing.F) {
	f.Add("User-agent: *\nDisallow: /*.pdf$\nAllow: /a*b\nCrawl-delay: 3\n", "/x.pdf")
	f.Add("User-agent: jobstats\nDisallow: /\n", "/")
	f.Add("\xff\x00:\n:::\nDisallow: %zz\n", "/%zz")
	f.Add("User-agent: *\nDisallow: /"+strings.Repeat("*a", 50)+"$\n", "/"+strings.Repeat("a", 200)+"b")
	f.Fuzz(func(t *testing.T, body, path string) {
		r := parseRobots([]byte(body), "jobstats")
		if !r.allowed("/robots.txt") {
			t.Fatal("/robots.txt disallowed")
		}
		_ = r.allowed(path)
		if r.crawlDelay < 0 || r.crawlDelay > maxCrawlDelay {
			t.Fatalf("crawl delay %v", r.crawlDelay)
		}
	})
}
