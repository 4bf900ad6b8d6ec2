package main

import (
	"context"
	"sync"

	"github.com/jobstats/jobstats/storage"
)

// validatorCache holds the HTTP cache validators (ETag, Last-Modified) of
// one crawl in memory, loaded from the database before it and saved after,
// so the database is not held open while the crawl waits on the network.
type validatorCache struct {
	mu    sync.Mutex
	m     map[string]storage.Validator
	dirty map[string]storage.Validator
}

// Validator returns the stored validators of url.
func (c *validatorCache) Validator(url string) (etag, lastModified string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v := c.m[url]
	return v.ETag, v.LastModified
}

// SetValidator remembers new validators of url until they are saved.
func (c *validatorCache) SetValidator(url, etag, lastModified string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v := storage.Validator{ETag: etag, LastModified: lastModified}
	c.m[url] = v
	c.dirty[url] = v
}

func (a *app) loadValidators(ctx context.Context) (*validatorCache, error) {
	c := &validatorCache{m: map[string]storage.Validator{}, dirty: map[string]storage.Validator{}}
	err := a.withDB(ctx, false, func(db *storage.DB) error {
		m, err := db.Validators(ctx)
		if err != nil {
			return err
		}
		c.m = m
		return nil
	})
	return c, err
}

func (a *app) saveValidators(ctx context.Context, c *validatorCache) error {
	c.mu.Lock()
	dirty := c.dirty
	c.dirty = map[string]storage.Validator{}
	c.mu.Unlock()
	if len(dirty) == 0 {
		return nil
	}
	return a.withDB(ctx, true, func(db *storage.DB) error { return db.PutValidators(ctx, dirty) })
}
