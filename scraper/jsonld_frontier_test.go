package scraper

import (
	"context"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestFrontierDrains checks that jobs pushed by jobs are all run, each
// once, and that run returns when the queue is dry and nothing is busy.
func TestFrontierDrains(t *testing.T) {
	f := newFrontier()
	f.push(frontierJob{url: "0"})
	var mu sync.Mutex
	seen := map[string]int{}
	f.run(t.Context(), 4, func() func(frontierJob) {
		return func(j frontierJob) {
			n, _ := strconv.Atoi(j.url)
			mu.Lock()
			seen[j.url]++
			mu.Unlock()
			time.Sleep(time.Millisecond) // let other workers find the queue empty meanwhile
			// A binary tree of 127 jobs: every job but the leaves pushes two.
			if n < 63 {
				f.push(frontierJob{url: strconv.Itoa(2*n + 1)})
				f.push(frontierJob{url: strconv.Itoa(2*n + 2)})
			}
		}
	})
	if len(seen) != 127 {
		t.Errorf("%d jobs run, want 127", len(seen))
	}
	for u, n := range seen {
		if n != 1 {
			t.Errorf("job %s run %d times", u, n)
		}
	}
}

// TestFrontierHalts checks that run returns soon after its context ends,
// leaving waiting jobs unrun.
func TestFrontierHalts(t *testing.T) {
	f := newFrontier()
	for i := range 100 {
		f.push(frontierJob{url: strconv.Itoa(i)})
	}
	ctx, cancel := context.WithCancel(t.Context())
	var ran atomic.Int32
	f.run(ctx, 2, func() func(frontierJob) {
		return func(frontierJob) {
			if ran.Add(1) == 3 {
				cancel()
			}
		}
	})
	if n := ran.Load(); n < 3 || n > 4 {
		t.Errorf("%d jobs ran, want 3 or 4 (one per worker after the cancel at most)", n)
	}
}
