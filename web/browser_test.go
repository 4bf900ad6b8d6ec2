package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/jobstats/jobstats/web"
	"github.com/jobstats/jobstats/web/webtest"
)

// The browser tests drive a real Chromium over the static site (served by
// http.FileServer) and the live server. They skip when no Chromium is
// found, unless CI=true, where a missing browser is a failure (.ci/run
// installs Debian's chromium). JOBSTATS_CHROMIUM names the binary;
// JOBSTATS_SCREENSHOTS the directory for the screenshots (default
// $TMPDIR/jobstats-screenshots).

// findChromium returns the browser to drive, or skips (fails under CI).
func findChromium(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("JOBSTATS_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("CI=true and no Chromium found (chromium, chromium-browser, google-chrome): .ci/run must install Debian's chromium")
	}
	t.Skip("no Chromium found (chromium, chromium-browser, google-chrome; or set JOBSTATS_CHROMIUM): skipping the browser tests")
	return ""
}

// browser starts one headless Chromium for a test, with the flags that work
// as root on a machine without network: no sandbox, no GPU, no QUIC, no
// background traffic, a fresh profile.
func browser(t *testing.T) context.Context {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(findChromium(t)),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("mute-audio", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	bctx, cancelBrowser := chromedp.NewContext(actx)
	t.Cleanup(func() { cancelBrowser(); cancelAlloc() })
	// Start the browser now, so its start-up is not counted against a page.
	if err := chromedp.Do(bctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return bctx
}

// tab is one page load and what the browser reported meanwhile.
type tab struct {
	mu       sync.Mutex
	requests []string
	console  []string
	problems []string
}

func (tb *tab) add(list *[]string, s string) {
	tb.mu.Lock()
	*list = append(*list, s)
	tb.mu.Unlock()
}

// violationsJS records Content-Security-Policy violations before any page
// script could run (the test's own script, not the page's).
const violationsJS = `window.__violations = [];
document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));`

// load opens url in a new tab of bctx at width, waits for it, and returns
// the tab's context (to read the DOM) with what the browser reported.
func load(t *testing.T, bctx context.Context, url string, width int64) (context.Context, *tab) {
	t.Helper()
	tb := &tab{}
	listen := func(ev any) {
		switch ev := ev.(type) {
		case *network.EventRequestWillBeSent:
			tb.add(&tb.requests, ev.Request.URL)
		case *runtime.EventConsoleAPICalled:
			var args []string
			for _, a := range ev.Args {
				args = append(args, string(a.Value))
			}
			tb.add(&tb.console, string(ev.Type)+": "+strings.Join(args, " "))
		case *runtime.EventExceptionThrown:
			tb.add(&tb.problems, "exception: "+ev.ExceptionDetails.Text)
		case *log.EventEntryAdded:
			if ev.Entry.Level == log.EntryLevelError || ev.Entry.Level == log.EntryLevelWarning {
				tb.add(&tb.problems, fmt.Sprintf("log %s (%s): %s %s", ev.Entry.Level, ev.Entry.Source, ev.Entry.Text, ev.Entry.URL))
			}
		}
	}
	ctx, cancel := chromedp.NewContext(bctx, chromedp.WithListener(listen))
	t.Cleanup(cancel)
	ctx, cancelTimeout := context.WithTimeout(ctx, 20*time.Second)
	t.Cleanup(cancelTimeout)
	err := chromedp.Do(ctx,
		chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			_, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: violationsJS})
			return err
		}),
		chromedp.EmulateViewport(width, 900),
		chromedp.Navigate(url),
		chromedp.WaitReady("body"),
	)
	if err != nil {
		t.Fatalf("load %s: %v", url, err)
	}
	return ctx, tb
}

// checkClean fails when the page logged anything, threw, broke its CSP,
// ran a hostile payload, or asked anything of a host but origin.
func checkClean(t *testing.T, ctx context.Context, tb *tab, origin string) {
	t.Helper()
	title, err := chromedp.Run(ctx, chromedp.Title())
	if err != nil {
		t.Fatal(err)
	}
	violations, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`window.__violations || []`))
	if err != nil {
		t.Fatal(err)
	}
	pwned, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.title === "pwned" || !!window.pwned`))
	if err != nil {
		t.Fatal(err)
	}
	tb.mu.Lock()
	defer tb.mu.Unlock()
	if pwned || title == "pwned" || !strings.HasSuffix(title, "· jobstats") {
		t.Errorf("a payload ran: the title is %q", title)
	}
	for _, v := range violations {
		t.Errorf("Content-Security-Policy violation: %s", v)
	}
	for _, c := range tb.console {
		t.Errorf("console: %s", c)
	}
	for _, p := range tb.problems {
		t.Errorf("%s", p)
	}
	if len(tb.requests) == 0 {
		t.Error("no request seen: the network events are not listened to")
	}
	for _, u := range tb.requests {
		if !strings.HasPrefix(u, origin+"/") && !strings.HasPrefix(u, "data:") {
			t.Errorf("a request left the local server: %s", u)
		}
		if strings.Contains(u, "beacon") {
			t.Errorf("the hostile beacon was requested: %s", u)
		}
	}
}

// domFigures reads every figure of the page: its JSON Pointer and value.
func domFigures(t *testing.T, ctx context.Context) [][2]string {
	t.Helper()
	figs, err := chromedp.Run(ctx, chromedp.Evaluate[[][2]string](
		`Array.from(document.querySelectorAll('data[data-field]')).map(e => [e.dataset.field, e.value])`))
	if err != nil {
		t.Fatal(err)
	}
	return figs
}

// checkDOMFigures compares the figures read from the DOM with the JSON at
// dataURL.
func checkDOMFigures(t *testing.T, ctx context.Context, dataURL string) {
	t.Helper()
	resp, err := http.Get(dataURL)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	var doc any
	if err := json.Unmarshal(body, &doc); err != nil {
		t.Fatalf("%s: %v", dataURL, err)
	}
	figs := domFigures(t, ctx)
	if len(figs) < 5 {
		t.Errorf("only %d figures in the DOM", len(figs))
	}
	for _, f := range figs {
		want, err := webtest.Resolve(doc, f[0])
		if err != nil {
			t.Error(err)
			continue
		}
		got, err := strconv.ParseFloat(f[1], 64)
		if w, ok := want.(float64); !ok || err != nil || w != got {
			if s, ok := want.(string); !ok || s != f[1] {
				t.Errorf("DOM %s = %s, JSON has %v", f[0], f[1], want)
			}
		}
	}
}

func screenshotDir(t *testing.T) string {
	dir := os.Getenv("JOBSTATS_SCREENSHOTS")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "jobstats-screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// shoot writes a full-page PNG of the tab.
func shoot(t *testing.T, ctx context.Context, dir, name string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
}

const hostilePath = "/backend-script-document-title-pwned-script-engineer/us/"

func TestBrowser(t *testing.T) {
	findChromium(t)
	start := time.Now()
	d := newMemData()
	dir, _ := writeSite(t, d)
	static := httptest.NewServer(http.FileServer(http.Dir(dir)))
	defer static.Close()
	live := newServer(t, options(d))
	bctx := browser(t)
	shots := screenshotDir(t)
	t.Logf("browser up in %v; screenshots in %s", time.Since(start).Round(time.Millisecond), shots)

	pages := []struct {
		name, path string
		data       string // the JSON the figures point into
		shoot      bool
	}{
		{"index", "/", "/data.json", true},
		{"role", "/backend-engineer/", "/backend-engineer/data.json", false},
		{"page-us", "/backend-engineer/us/", "/backend-engineer/us/data.json", true},
		{"page-gb", "/backend-engineer/gb/", "/backend-engineer/gb/data.json", false},
		{"page-remote-eu", "/backend-engineer/remote-eu/", "/backend-engineer/remote-eu/data.json", false},
		{"page-hostile", hostilePath, hostilePath + "data.json", true},
	}
	for _, site := range []struct {
		name string
		srv  *httptest.Server
	}{{"static", static}, {"live", live}} {
		for _, p := range pages {
			t.Run(site.name+"/"+p.name, func(t *testing.T) {
				began := time.Now()
				ctx, tb := load(t, bctx, site.srv.URL+p.path, 1280)
				checkClean(t, ctx, tb, site.srv.URL)
				checkDOMFigures(t, ctx, site.srv.URL+p.data)
				if p.shoot && site.name == "static" {
					shoot(t, ctx, shots, p.name+"-1280")
					ctx, tb = load(t, bctx, site.srv.URL+p.path, 390)
					checkClean(t, ctx, tb, site.srv.URL)
					shoot(t, ctx, shots, p.name+"-390")
				}
				t.Logf("%s in %v", p.path, time.Since(began).Round(time.Millisecond))
			})
		}
	}

	t.Run("live/filtered", func(t *testing.T) {
		u := live.URL + "/backend-engineer/us/?seniority=senior&posted_since=2026-10-01"
		ctx, tb := load(t, bctx, u, 1280)
		checkClean(t, ctx, tb, live.URL)
		checkDOMFigures(t, ctx, live.URL+"/backend-engineer/us/data.json?seniority=senior&posted_since=2026-10-01")
		// The form keeps what was asked, and submitting it is a plain GET.
		level, err := chromedp.Run(ctx, chromedp.Value(`select[name="seniority"]`))
		if err != nil {
			t.Fatal(err)
		}
		if level != "senior" {
			t.Errorf("the level control shows %q", level)
		}
		resp, err := chromedp.RunResponse(ctx,
			chromedp.SetValue(`select[name="workplace"]`, "onsite"),
			chromedp.Click(`form.filters button`),
		)
		if err != nil {
			t.Fatal(err)
		}
		if resp.Status != http.StatusOK {
			t.Errorf("the form's page answered %d", resp.Status)
		}
		loc, _ := chromedp.Run(ctx, chromedp.Location())
		if !strings.Contains(loc, "workplace=onsite") || !strings.Contains(loc, "seniority=senior") {
			t.Errorf("the form went to %s", loc)
		}
		shoot(t, ctx, shots, "live-filtered-1280")
	})

	// Dark mode and print, for people to look at.
	t.Run("static/dark-and-print", func(t *testing.T) {
		for _, m := range []struct {
			name string
			p    emulation.SetEmulatedMediaParams
		}{
			{"page-us-dark-1280", emulation.SetEmulatedMediaParams{Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}}}},
			{"page-us-print", emulation.SetEmulatedMediaParams{Media: "print"}},
		} {
			ctx, tb := load(t, bctx, static.URL+"/backend-engineer/us/", 1280)
			if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, m.p); err != nil {
				t.Fatal(err)
			}
			bg, err := chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.body).backgroundColor`))
			if err != nil {
				t.Fatal(err)
			}
			if dark := m.p.Media == ""; dark != (bg != "rgb(255, 255, 255)") {
				t.Errorf("%s: background %s", m.name, bg)
			}
			checkClean(t, ctx, tb, static.URL)
			shoot(t, ctx, shots, m.name)
		}
	})

	t.Run("live/no-match", func(t *testing.T) {
		ctx, tb := load(t, bctx, live.URL+"/backend-engineer/us/?workplace=remote", 390)
		checkClean(t, ctx, tb, live.URL)
	})

	t.Run("hostile/as-text", func(t *testing.T) {
		ctx, _ := load(t, bctx, static.URL+hostilePath, 1280)
		text, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body.innerText`))
		if err != nil {
			t.Fatal(err)
		}
		links, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('a')).map(a => a.href)`))
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range []string{hostileRole, hostileCompany, hostileSkill, "<script>document.title"} {
			if !strings.Contains(text, s) {
				t.Errorf("%q is not on the page as text", s)
			}
		}
		for _, l := range links {
			if !strings.HasPrefix(l, static.URL) && !strings.HasPrefix(l, "https://") {
				t.Errorf("link %q", l)
			}
		}
	})
	t.Logf("all browser tests in %v", time.Since(start).Round(time.Millisecond))
	_ = web.CSP
}
