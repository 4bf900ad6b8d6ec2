package storage

import (
	"context"
	"fmt"

	"go.etcd.io/bbolt"

	"github.com/jobstats/jobstats"
)

// ImportListings stores ls exactly as given, lifecycle included (FirstSeen,
// LastSeen, ClosedAt, Gaps), replacing the listings with the same IDs, in
// one transaction. It applies no lifecycle rule: it is for copying a
// database (jobstats db copy), not for crawls, which use PutListings. A
// listing without an ID is an error, and nothing is written.
func (db *DB) ImportListings(ctx context.Context, ls []jobstats.Listing) error {
	for i := range ls {
		if ls[i].ID == "" {
			return fmt.Errorf("import listings: listing %d has no id", i)
		}
	}
	err := db.update(ctx, func(tx *bbolt.Tx) error {
		lb := tx.Bucket(bucketListings)
		descs := tx.Bucket(bucketDescriptions)
		for i := range ls {
			l := &ls[i]
			rec := appendBody(appendHeader(nil, fromDomain(l.Lifecycle())), l)
			if err := lb.Put([]byte(l.ID), rec); err != nil {
				return fmt.Errorf("listing %s: %w", l.ID, err)
			}
			var err error
			if l.Description == "" {
				err = descs.Delete([]byte(l.ID))
			} else {
				err = descs.Put([]byte(l.ID), []byte(l.Description))
			}
			if err != nil {
				return fmt.Errorf("description of %s: %w", l.ID, err)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("import listings: %w", err)
	}
	return nil
}

// SnapshotKeys returns the keys that have snapshots, in byte order.
func (db *DB) SnapshotKeys(ctx context.Context) ([]string, error) {
	var keys []string
	err := db.view(ctx, func(tx *bbolt.Tx) error {
		keys = nil
		return tx.Bucket(bucketSnapshots).ForEachBucket(func(k []byte) error {
			keys = append(keys, string(k))
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("list snapshot keys: %w", err)
	}
	return keys, nil
}
