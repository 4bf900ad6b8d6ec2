package main

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/jobstats/jobstats"
)

// progress receives crawl events. On a terminal it draws a live bar; else
// it stays silent and the caller prints one summary line per source.
type progress interface {
	listings(source string, n int)
	done(run jobstats.Run)
	finish()
	// transport wraps the HTTP transport to count requests and errors, or
	// returns nil when nothing is counted (the sources' own is then used).
	transport() http.RoundTripper
	// logWriter is where log lines go while the bar is drawn.
	logWriter(w io.Writer) io.Writer
}

type noProgress struct{}

func (noProgress) listings(string, int)            {}
func (noProgress) done(jobstats.Run)               {}
func (noProgress) finish()                         {}
func (noProgress) transport() http.RoundTripper    { return nil }
func (noProgress) logWriter(w io.Writer) io.Writer { return w }

// newProgress returns a terminal progress bar when stderr is a terminal
// and quiet is false, else a silent one.
func (a *app) newProgress(quiet bool) progress {
	f, ok := a.stderr.(*os.File)
	if quiet || !ok || !term.IsTerminal(int(f.Fd())) {
		return noProgress{}
	}
	return newBarProgress(f)
}

// barProgress shows listings extracted, sources finished and errors, with
// the listing rate, as one line that redraws itself.
type barProgress struct {
	mu       sync.Mutex
	bar      *progressbar.ProgressBar
	listed   int
	finished int
	failed   int
	requests atomic.Int64
	errors   atomic.Int64
	rt       http.RoundTripper
}

func newBarProgress(w io.Writer) *barProgress {
	bar := progressbar.NewOptions(-1,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription("crawling"),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("listings"),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionSpinnerType(14),
		progressbar.OptionClearOnFinish(),
	)
	base := http.DefaultTransport.(*http.Transport).Clone()
	base.MaxIdleConnsPerHost = 64
	return &barProgress{bar: bar, rt: base}
}

// RoundTrip counts a request, and an error when it fails or is answered
// 4xx/5xx, then redraws the description.
func (p *barProgress) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := p.rt.RoundTrip(r)
	p.requests.Add(1)
	if err != nil || resp.StatusCode >= 400 {
		p.errors.Add(1)
	}
	return resp, err
}

func (p *barProgress) transport() http.RoundTripper { return p }

// logWriter clears the bar before each log line, so that logs and the bar
// do not run into each other; the bar redraws on its next update.
func (p *barProgress) logWriter(w io.Writer) io.Writer {
	return writerFunc(func(b []byte) (int, error) {
		p.mu.Lock()
		defer p.mu.Unlock()
		_ = p.bar.Clear()
		return w.Write(b)
	})
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(b []byte) (int, error) { return f(b) }

func (p *barProgress) describe() {
	p.bar.Describe(fmt.Sprintf("crawling: %d requests, %d HTTP errors, %d sources done", p.requests.Load(), p.errors.Load(), p.finished))
}

func (p *barProgress) listings(_ string, n int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.listed += n
	p.describe()
	_ = p.bar.Add(n)
}

func (p *barProgress) done(r jobstats.Run) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.finished++
	if r.Status == jobstats.RunFailed || r.PagesFailed > 0 {
		p.failed++
	}
	p.describe()
}

func (p *barProgress) finish() {
	_ = p.bar.Finish()
}
