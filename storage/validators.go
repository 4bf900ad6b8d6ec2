package storage

import (
	"context"
	"encoding/binary"
	"fmt"

	"go.etcd.io/bbolt"

	"github.com/jobstats/jobstats"
)

// Validator is the pair of HTTP cache validators stored for one URL.
type Validator = jobstats.Validator

func encodeValidator(v Validator) []byte {
	b := binary.AppendUvarint(nil, uint64(len(v.ETag)))
	b = append(b, v.ETag...)
	return append(b, v.LastModified...)
}

func decodeValidator(b []byte) (Validator, bool) {
	n, k := binary.Uvarint(b)
	if k <= 0 || n > uint64(len(b)-k) {
		return Validator{}, false
	}
	b = b[k:]
	return Validator{ETag: string(b[:n]), LastModified: string(b[n:])}, true
}

// Validators returns every stored validator by URL, so a crawl can use
// them without holding the database open while it waits on the network.
// A record that cannot be decoded is skipped (it only costs a full fetch).
func (db *DB) Validators(ctx context.Context) (map[string]Validator, error) {
	m := map[string]Validator{}
	err := db.view(ctx, func(tx *bbolt.Tx) error {
		return tx.Bucket(bucketValidators).ForEach(func(k, v []byte) error {
			if d, ok := decodeValidator(v); ok {
				m[string(k)] = d
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
	if len(vals) == 0 {
		return nil
	}
	err := db.update(ctx, func(tx *bbolt.Tx) error {
		b := tx.Bucket(bucketValidators)
		for url, v := range vals {
			var err error
			if v == (Validator{}) {
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
		return fmt.Errorf("put validators: %w", err)
	}
	return nil
}
