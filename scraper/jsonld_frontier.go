package scraper

import (
	"context"
	"sync"

	"github.com/gocolly/colly/v2"
)

// frontier is the jsonld crawl's queue of pages to fetch, served to a
// fixed set of workers that each run colly's synchronous Request. colly's
// Async mode starts a goroutine per queued URL, which then grows its stack
// through the whole fetch and parse: at thousands of pages a second that
// churn was a visible share of the crawl's CPU. Workers keep their grown
// stacks, and the queue is a plain FIFO slice.
//
// Politeness does not depend on the number of workers: every request
// still waits for a slot of its host in politeTransport.
type frontier struct {
	mu   sync.Mutex
	wake sync.Cond
	jobs []frontierJob // jobs[head:] are waiting
	head int
	busy int  // jobs taken and not done
	stop bool // the crawl is stopping: take nothing more
}

// frontierJob is one page to request; ctx is nil for a followed link.
type frontierJob struct {
	url string
	ctx *colly.Context
}

func newFrontier() *frontier {
	f := &frontier{}
	f.wake.L = &f.mu
	return f
}

// push queues a page.
func (f *frontier) push(j frontierJob) {
	f.mu.Lock()
	if f.head == len(f.jobs) {
		f.jobs, f.head = f.jobs[:0], 0
	}
	f.jobs = append(f.jobs, j)
	f.mu.Unlock()
	f.wake.Signal()
}

// take returns the next page, waiting while the queue is empty and a
// taken page may still add more; false when the crawl is over (nothing
// waiting, nothing busy) or stopping. Every job taken must be marked done.
func (f *frontier) take() (frontierJob, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for !f.stop && f.head == len(f.jobs) && f.busy > 0 {
		f.wake.Wait()
	}
	if f.stop || f.head == len(f.jobs) {
		f.wake.Broadcast() // the crawl is over: wake every worker
		return frontierJob{}, false
	}
	j := f.jobs[f.head]
	f.jobs[f.head] = frontierJob{}
	f.head++
	f.busy++
	return j, true
}

// done marks a taken job finished (its links pushed already).
func (f *frontier) done() {
	f.mu.Lock()
	f.busy--
	over := f.busy == 0 && f.head == len(f.jobs)
	f.mu.Unlock()
	if over {
		f.wake.Broadcast()
	}
}

// halt makes every worker return, leaving what waits unfetched.
func (f *frontier) halt() {
	f.mu.Lock()
	f.stop = true
	f.mu.Unlock()
	f.wake.Broadcast()
}

// run serves the queue to n workers, each calling the fetch function
// newWorker made for it, one job at a time, until the queue runs dry or
// ctx ends.
func (f *frontier) run(ctx context.Context, n int, newWorker func() func(frontierJob)) {
	stop := context.AfterFunc(ctx, f.halt)
	defer stop()
	var wg sync.WaitGroup
	for range n {
		fetch := newWorker()
		wg.Go(func() {
			for {
				j, ok := f.take()
				if !ok {
					return
				}
				if ctx.Err() != nil {
					// halt may not have run yet: stop here too.
					f.done()
					return
				}
				fetch(j)
				f.done()
			}
		})
	}
	wg.Wait()
}
