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
}

type cacheEntry struct {
	at time.Time
	v  any
}

func newCached(o Options) *cached { return &cached{o: o, entries: map[string]cacheEntry{}} }

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
	c.mu.Unlock()
	if ok && now.Sub(e.at) < c.o.CacheTTL {
		return e.v, nil
	}
	v, err := fn()
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	if c.marker == m {
		c.entries[key] = cacheEntry{now, v}
	}
	c.mu.Unlock()
	return v, nil
}

// key makes a cache key of a kind and its arguments.
func key(kind string, args ...any) string {
	b, _ := json.Marshal(args)
	return kind + string(b)
}

func (c *cached) summaries(ctx context.Context, qs ...Query) ([]stats.Summary, error) {
	// Each query is kept on its own, so a page and the index share theirs;
	// the missing ones are computed in one call.
	out := make([]stats.Summary, len(qs))
	var missing []int
	for i, q := range qs {
		v, err := c.get(ctx, key("summary", q), func() (any, error) { return nil, errMiss })
		if err == nil {
			out[i] = v.(stats.Summary)
			continue
		}
		if err != errMiss {
			return nil, err
		}
		missing = append(missing, i)
	}
	if len(missing) == 0 {
		return out, nil
	}
	ask := make([]Query, len(missing))
	for j, i := range missing {
		ask[j] = qs[i]
	}
	sums, err := c.o.Summaries.Summaries(ctx, ask...)
	if err != nil {
		return nil, err
	}
	for j, i := range missing {
		out[i] = sums[j]
		s := sums[j]
		c.get(ctx, key("summary", qs[i]), func() (any, error) { return s, nil })
	}
	return out, nil
}

// errMiss asks get to report a value that is not kept.
var errMiss = errMissing{}

type errMissing struct{}

func (errMissing) Error() string { return "not cached" }

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
