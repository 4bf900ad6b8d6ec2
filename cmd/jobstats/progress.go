package main

import (
	"fmt"
	"io"
	"os"
	"sync"
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
}

type noProgress struct{}

func (noProgress) listings(string, int) {}
func (noProgress) done(jobstats.Run)    {}
func (noProgress) finish()              {}

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
	return &barProgress{bar: bar}
}

func (p *barProgress) listings(_ string, n int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.listed += n
	_ = p.bar.Add(n)
}

func (p *barProgress) done(r jobstats.Run) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.finished++
	if r.Status == jobstats.RunFailed || r.PagesFailed > 0 {
		p.failed++
	}
	p.bar.Describe(fmt.Sprintf("crawling (%d sources done, %d with errors)", p.finished, p.failed))
}

func (p *barProgress) finish() {
	_ = p.bar.Finish()
}
