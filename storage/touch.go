package storage

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"go.etcd.io/bbolt"

	"github.com/jobstats/jobstats"
)

// TouchResult counts what TouchListings did.
type TouchResult struct {
	// Touched counts the listings whose LastSeen is now seen (or later).
	Touched int
	// Reopened counts those of them that were closed and are open again.
	Reopened int
	// Missing holds the source ids of listings that are not stored.
	Missing []string
}

// TouchListings records that the listings of source with the given source
// ids were seen at seen, unchanged, without being fetched again (a sitemap
// said their pages have not changed): LastSeen becomes seen (one seen
// later keeps its LastSeen), and a closed listing reopens, its closed
// time kept as a gap, as PutListings would reopen it. Their content is not
// touched. Ids that are not stored are returned in Missing. A zero seen
// means Options.Now(). One write transaction touches them all.
func (db *DB) TouchListings(ctx context.Context, source string, sourceIDs []string, seen time.Time) (TouchResult, error) {
	var res TouchResult
	if source == "" {
		return res, errors.New("touch listings: empty source")
	}
	if len(sourceIDs) == 0 {
		return res, nil
	}
	if seen.IsZero() {
		seen = db.opts.Now()
	}
	keys := make([]string, len(sourceIDs))
	for i, id := range sourceIDs {
		keys[i] = jobstats.ListingID(source, id)
	}
	slices.Sort(keys)
	keys = slices.Compact(keys)
	err := db.update(ctx, func(tx *bbolt.Tx) error {
		res = TouchResult{}
		b := tx.Bucket(bucketListings)
		for i, k := range keys {
			if i%ctxEvery == ctxEvery-1 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			key := []byte(k)
			v := b.Get(key)
			if v == nil {
				res.Missing = append(res.Missing, k[len(source)+1:])
				continue
			}
			lc, off, err := readHeader(v)
			if err != nil {
				return fmt.Errorf("listing %s: %w", k, err)
			}
			before := lc
			if lc.last.IsZero() || seen.After(lc.last) {
				lc.last = seen
			}
			if !lc.isOpen() {
				lc.gaps = append(slices.Clip(lc.gaps), jobstats.Gap{Closed: lc.closed, Reopened: seen})
				lc.closed = time.Time{}
				res.Reopened++
			}
			res.Touched++
			if lc.equal(before) {
				continue
			}
			rec := append(appendHeader(make([]byte, 0, len(v)+8), lc), v[off:]...)
			if err := b.Put(bytes.Clone(key), rec); err != nil {
				return fmt.Errorf("listing %s: %w", k, err)
			}
		}
		return nil
	})
	if err != nil {
		return TouchResult{}, fmt.Errorf("touch listings of %s: %w", source, err)
	}
	return res, nil
}
