package crawl

import (
	"maps"
	"sync"

	"github.com/jobstats/jobstats"
)

// validatorCache holds the HTTP cache validators (ETag, Last-Modified) of
// one run in memory, loaded from the store before it and saved after, so
// that the store is not held while the crawl waits on the network. It
// implements scraper.Validators.
type validatorCache struct {
	mu    sync.Mutex
	m     map[string]jobstats.Validator
	dirty map[string]jobstats.Validator
}

func newValidatorCache(m map[string]jobstats.Validator) *validatorCache {
	if m == nil {
		m = map[string]jobstats.Validator{}
	}
	return &validatorCache{m: m, dirty: map[string]jobstats.Validator{}}
}

// Validator returns the validators of url, "" when none are known.
func (c *validatorCache) Validator(url string) (etag, lastModified string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v := c.m[url]
	return v.ETag, v.LastModified
}

// SetValidator remembers new validators of url until they are saved; both
// empty forgets them.
func (c *validatorCache) SetValidator(url, etag, lastModified string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v := jobstats.Validator{ETag: etag, LastModified: lastModified}
	c.m[url] = v
	c.dirty[url] = v
}

// changed returns a copy of the validators set since the cache was made.
func (c *validatorCache) changed() map[string]jobstats.Validator {
	c.mu.Lock()
	defer c.mu.Unlock()
	return maps.Clone(c.dirty)
}

// changedIf returns a copy of the validators set since the cache was made
// whose key keep accepts.
func (c *validatorCache) changedIf(keep func(key string) bool) map[string]jobstats.Validator {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := map[string]jobstats.Validator{}
	for k, v := range c.dirty {
		if keep(k) {
			out[k] = v
		}
	}
	return out
}

// forget drops every validator whose key drop accepts: they are saved as
// deleted.
func (c *validatorCache) forget(drop func(key string) bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k := range c.m {
		if drop(k) {
			c.m[k] = jobstats.Validator{}
			c.dirty[k] = jobstats.Validator{}
		}
	}
}
