package storage

import (
	"context"
	"encoding/binary"
	"fmt"

	"go.etcd.io/bbolt"

	"github.com/jobstats/jobstats"
)

// validator is the pair of HTTP cache validators of one URL.
type validator struct{ etag, lastModified string }

func encodeValidator(v validator) []byte {
	b := binary.AppendUvarint(nil, uint64(len(v.etag)))
	b = append(b, v.etag...)
	return append(b, v.lastModified...)
}

func decodeValidator(b []byte) (validator, bool) {
	n, k := binary.Uvarint(b)
	if k <= 0 || n > uint64(len(b)-k) {
		return validator{}, false
	}
	b = b[k:]
	return validator{etag: string(b[:n]), lastModified: string(b[n:])}, true
}

// Validator returns the ETag and Last-Modified stored for url, the ones set
// since the last flush first; both are empty when none is known or the
// database cannot be read. Together with SetValidator it implements
// scraper.Validators.
func (db *DB) Validator(url string) (etag, lastModified string) {
	db.vmu.Lock()
	v, ok := db.validators[url]
	db.vmu.Unlock()
	if ok {
		return v.etag, v.lastModified
	}
	db.view(context.Background(), func(tx *bbolt.Tx) error {
		v, _ = decodeValidator(tx.Bucket(bucketValidators).Get([]byte(url)))
		return nil
	})
	return v.etag, v.lastModified
}

// SetValidator remembers the ETag and Last-Modified of url in memory; both
// empty forgets them. It never fails: FlushValidators (or Close) writes them.
func (db *DB) SetValidator(url, etag, lastModified string) {
	db.vmu.Lock()
	defer db.vmu.Unlock()
	if db.validators == nil {
		db.validators = make(map[string]validator)
	}
	db.validators[url] = validator{etag, lastModified}
}

// FlushValidators writes the validators set since the last flush in one
// transaction. On failure they stay in memory for the next flush. It
// returns ErrReadOnly on a read-only database with validators to write.
func (db *DB) FlushValidators(ctx context.Context) error {
	db.vmu.Lock()
	pending := db.validators
	db.validators = nil
	db.vmu.Unlock()
	if len(pending) == 0 {
		return nil
	}
	err := db.update(ctx, func(tx *bbolt.Tx) error {
		b := tx.Bucket(bucketValidators)
		for url, v := range pending {
			var err error
			if v.etag == "" && v.lastModified == "" {
				err = b.Delete([]byte(url))
			} else {
				err = b.Put([]byte(url), encodeValidator(v))
			}
			if err != nil {
				return fmt.Errorf("validator of %s: %w", url, err)
			}
		}
		return nil
	})
	if err != nil {
		// Put them back, unless set again meanwhile.
		db.vmu.Lock()
		if db.validators == nil {
			db.validators = pending
		} else {
			for url, v := range pending {
				if _, ok := db.validators[url]; !ok {
					db.validators[url] = v
				}
			}
		}
		db.vmu.Unlock()
		return fmt.Errorf("flush validators: %w", err)
	}
	return nil
}

// Validator is the pair of HTTP cache validators stored for one URL.
type Validator = jobstats.Validator

// Validators returns every stored validator by URL, so a crawl can use
// them without holding the database open while it waits on the network.
func (db *DB) Validators(ctx context.Context) (map[string]Validator, error) {
	m := map[string]Validator{}
	err := db.view(ctx, func(tx *bbolt.Tx) error {
		return tx.Bucket(bucketValidators).ForEach(func(k, v []byte) error {
			if d, ok := decodeValidator(v); ok {
				m[string(k)] = Validator{ETag: d.etag, LastModified: d.lastModified}
			}
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("read validators: %w", err)
	}
	return m, nil
}

// PutValidators stores validators by URL in one transaction; a Validator
// with both fields empty deletes the URL's.
func (db *DB) PutValidators(ctx context.Context, vals map[string]Validator) error {
	for url, v := range vals {
		db.SetValidator(url, v.ETag, v.LastModified)
	}
	return db.FlushValidators(ctx)
}
