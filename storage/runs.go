package storage

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"go.etcd.io/bbolt"

	"github.com/jobstats/jobstats"
)

// PutRun stores r. When r.ID is 0 it assigns the next id (ids increase
// across all sources) and sets r.ID once the write succeeded; otherwise it
// overwrites the run with that id.
func (db *DB) PutRun(ctx context.Context, r *jobstats.Run) error {
	id := r.ID
	err := db.update(ctx, func(tx *bbolt.Tx) error {
		b := tx.Bucket(bucketRuns)
		if id == 0 {
			var err error
			if id, err = b.NextSequence(); err != nil {
				return err
			}
		} else if id > b.Sequence() {
			if err := b.SetSequence(id); err != nil {
				return err
			}
		}
		rr := *r
		rr.ID = id
		data, err := json.Marshal(&rr)
		if err != nil {
			return err
		}
		return b.Put(u64(id), data)
	})
	if err != nil {
		return fmt.Errorf("put run of %s: %w", r.Source, err)
	}
	r.ID = id
	return nil
}

// Runs returns the runs of source ("" for all sources), newest (highest
// id) first, at most limit of them (limit <= 0 for all).
func (db *DB) Runs(ctx context.Context, source string, limit int) ([]jobstats.Run, error) {
	var runs []jobstats.Run
	err := db.view(ctx, func(tx *bbolt.Tx) error {
		runs = nil
		c := tx.Bucket(bucketRuns).Cursor()
		for k, v := c.Last(); k != nil; k, v = c.Prev() {
			var r jobstats.Run
			if err := json.Unmarshal(v, &r); err != nil {
				return damaged(db.path, "run %d: %v", binary.BigEndian.Uint64(k), err)
			}
			if source != "" && r.Source != source {
				continue
			}
			runs = append(runs, r)
			if limit > 0 && len(runs) >= limit {
				break
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list runs: %w", err)
	}
	return runs, nil
}

// LastRun returns the newest run of source ("" for any source), and false
// when there is none.
func (db *DB) LastRun(ctx context.Context, source string) (jobstats.Run, bool, error) {
	runs, err := db.Runs(ctx, source, 1)
	if err != nil || len(runs) == 0 {
		return jobstats.Run{}, false, err
	}
	return runs[0], true, nil
}

// snapshotKey orders times as unsigned big-endian bytes: the sign bit is
// flipped so that times before 1970 sort first.
func snapshotKey(at time.Time) []byte { return u64(uint64(at.UnixNano()) ^ 1<<63) }

// PutSnapshot stores data (opaque, typically JSON) under key at time at,
// replacing a snapshot with the same key and time. key must not be empty.
func (db *DB) PutSnapshot(ctx context.Context, at time.Time, key string, data []byte) error {
	if key == "" {
		return errors.New("put snapshot: empty key")
	}
	err := db.update(ctx, func(tx *bbolt.Tx) error {
		b, err := tx.Bucket(bucketSnapshots).CreateBucketIfNotExists([]byte(key))
		if err != nil {
			return err
		}
		return b.Put(snapshotKey(at), data)
	})
	if err != nil {
		return fmt.Errorf("put snapshot %s: %w", key, err)
	}
	return nil
}

// Snapshots calls fn with every snapshot stored under key, oldest first;
// at is in UTC and data is a copy fn may keep. An error from fn stops the
// walk and is returned as is. An unknown key calls fn never.
func (db *DB) Snapshots(ctx context.Context, key string, fn func(at time.Time, data []byte) error) error {
	var cb callback
	err := db.viewFn(ctx, &cb.in, func(tx *bbolt.Tx) error {
		b := tx.Bucket(bucketSnapshots).Bucket([]byte(key))
		if b == nil {
			return nil
		}
		c := b.Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			if len(k) != 8 || v == nil {
				return damaged(db.path, "snapshot %s: key %x", key, k)
			}
			at := time.Unix(0, int64(binary.BigEndian.Uint64(k)^1<<63)).UTC()
			if err := cb.call(func() error { return fn(at, append([]byte(nil), v...)) }); err != nil {
				return err
			}
		}
		return nil
	})
	if cb.err != nil {
		return cb.err
	}
	if err != nil {
		return fmt.Errorf("read snapshots %s: %w", key, err)
	}
	return nil
}
