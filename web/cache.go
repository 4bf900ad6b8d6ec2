package web

import (
	"context"
	"encoding/json"
	"sync"
	"time"

	"github.com/jobstats/jobstats/stats"
)

// maxCached is how many results the server keeps at most; past it, the
// cache starts afresh.
const maxCached = 512

// cached reads the data through a cache kept while Options.Marker says the
// data did not change, each result at most Options.CacheTTL. Without a
// marker it only passes calls on.
type cached struct {
	o       Options
	mu      sync.Mutex
	marker  string
	entries map[string]cacheEntry
	// flight holds the computations under way, so that requests arriving
	// together for the same result wait for one computation.
	flight map[string]*flight
}

type flight struct {
	done chan struct{}
	v    any
	err  error
}

type cacheEntry struct {
	at time.Time
	v  any
}

func newCached(o Options) *cached {
	return &cached{o: o, entries: map[string]cacheEntry{}, flight: map[string]*flight{}}
}

// get returns the value of key, computing it with fn when it is not kept.
func (c *cached) get(ctx context.Context, key string, fn func() (any, error)) (any, error) {
	if c.o.Marker == nil {
		return fn()
	}
	m, err := c.o.Marker(ctx)
	if err != nil {
		return nil, err
	}
	now := time.Now()
	c.mu.Lock()
	if m != c.marker || len(c.entries) >= maxCached {
		c.marker, c.entries = m, map[string]cacheEntry{}
	}
	e, ok := c.entries[key]
	if ok && now.Sub(e.at) < c.o.CacheTTL {
		c.mu.Unlock()
		return e.v, nil
	}
	fkey := m + "\x00" + key
	if f := c.flight[fkey]; f != nil {
		c.mu.Unlock()
		select {
		case <-f.done:
			return f.v, f.err
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	f := &flight{done: make(chan struct{})}
	c.flight[fkey] = f
	c.mu.Unlock()

	f.v, f.err = fn()
	c.mu.Lock()
	delete(c.flight, fkey)
	if f.err == nil && c.marker == m {
		c.entries[key] = cacheEntry{now, f.v}
	}
	c.mu.Unlock()
	close(f.done)
	return f.v, f.err
}

// key makes a cache key of a kind and its arguments.
func key(kind string, args ...any) string {
	b, _ := json.Marshal(args)
	return kind + string(b)
}

// peek returns the value kept for key, if any, without computing it.
func (c *cached) peek(ctx context.Context, key string) (any, bool, error) {
	if c.o.Marker == nil {
		return nil, false, nil
	}
	m, err := c.o.Marker(ctx)
	if err != nil {
		return nil, false, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if m != c.marker {
		c.marker, c.entries = m, map[string]cacheEntry{}
		return nil, false, nil
	}
	e, ok := c.entries[key]
	if !ok || time.Since(e.at) >= c.o.CacheTTL {
		return nil, false, nil
	}
	return e.v, true, nil
}

// summaries returns the summary of each query. Each is kept on its own, so
// that a page and the index share theirs; the missing ones are computed in
// one call, which requests asking for the same ones together share.
func (c *cached) summaries(ctx context.Context, qs ...Query) ([]stats.Summary, error) {
	out := make([]stats.Summary, len(qs))
	var missing []int
	var keys []string
	for i, q := range qs {
		k := key("summary", q)
		v, ok, err := c.peek(ctx, k)
		if err != nil {
			return nil, err
		}
		if ok {
			out[i] = v.(stats.Summary)
			continue
		}
		missing = append(missing, i)
		keys = append(keys, k)
	}
	if len(missing) == 0 {
		return out, nil
	}
	ask := make([]Query, len(missing))
	for j, i := range missing {
		ask[j] = qs[i]
	}
	v, err := c.get(ctx, key("summaries", keys), func() (any, error) { return c.o.Summaries.Summaries(ctx, ask...) })
	if err != nil {
		return nil, err
	}
	sums := v.([]stats.Summary)
	for j, i := range missing {
		out[i] = sums[j]
		s := sums[j]
		c.get(ctx, keys[j], func() (any, error) { return s, nil })
	}
	return out, nil
}

func (c *cached) summary(ctx context.Context, q Query) (stats.Summary, error) {
	sums, err := c.summaries(ctx, q)
	if err != nil {
		return stats.Summary{}, err
	}
	return sums[0], nil
}

func (c *cached) history(ctx context.Context, role string, f stats.Filter) ([]Point, error) {
	if c.o.Archive == nil {
		return nil, nil
	}
	v, err := c.get(ctx, key("history", role, f), func() (any, error) { return c.o.Archive.History(ctx, role, f) })
	if err != nil {
		return nil, err
	}
	return v.([]Point), nil
}

func (c *cached) latest(ctx context.Context, f stats.Filter, n int) ([]stats.Posting, error) {
	if c.o.Archive == nil {
		return nil, nil
	}
	v, err := c.get(ctx, key("latest", f, n), func() (any, error) { return c.o.Archive.Latest(ctx, f, n) })
	if err != nil {
		return nil, err
	}
	return v.([]stats.Posting), nil
}
