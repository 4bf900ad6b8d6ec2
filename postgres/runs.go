package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/jobstats/jobstats"
)

// PutRun stores r. When r.ID is 0 it assigns the next id (ids increase
// across all sources and processes) and sets r.ID once the write
// succeeded; otherwise it overwrites the run with that id, and later ids
// are assigned above it.
func (db *DB) PutRun(ctx context.Context, r *jobstats.Run) error {
	id := r.ID
	err := db.tx(ctx, "put run of "+r.Source, pgx.TxOptions{}, func(tx pgx.Tx) error {
		if id == 0 {
			if err := tx.QueryRow(ctx, "SELECT nextval('runs_id_seq')").Scan(&id); err != nil {
				return err
			}
		} else if _, err := tx.Exec(ctx, `SELECT setval('runs_id_seq', $1) FROM runs_id_seq
			WHERE NOT is_called OR last_value < $1`, int64(id)); err != nil {
			return err
		}
		rr := *r
		rr.ID = id
		data, err := json.Marshal(&rr)
		if err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `INSERT INTO runs (id, source, status, record) VALUES ($1, $2, $3, $4)
			ON CONFLICT (id) DO UPDATE SET source = EXCLUDED.source, status = EXCLUDED.status, record = EXCLUDED.record`,
			int64(id), rr.Source, string(rr.Status), data)
		return err
	})
	if err != nil {
		return err
	}
	r.ID = id
	return nil
}

// Runs returns the runs of source ("" for all sources), newest (highest
// id) first, at most limit of them (limit <= 0 for all).
func (db *DB) Runs(ctx context.Context, source string, limit int) ([]jobstats.Run, error) {
	q := "SELECT id, record FROM runs"
	var args []any
	if source != "" {
		q += " WHERE source = $1"
		args = append(args, source)
	}
	q += " ORDER BY id DESC"
	if limit > 0 {
		q += fmt.Sprintf(" LIMIT %d", limit)
	}
	rows, err := db.pool.Query(ctx, q, args...)
	if err != nil {
		return nil, db.wrap("list runs", err)
	}
	defer rows.Close()
	var runs []jobstats.Run
	var id int64
	var data []byte
	for rows.Next() {
		if err := rows.Scan(&id, &data); err != nil {
			return nil, db.wrap("list runs", err)
		}
		var r jobstats.Run
		if err := json.Unmarshal(data, &r); err != nil {
			return nil, fmt.Errorf("list runs: run %d: %w", id, err)
		}
		r.ID = uint64(id)
		runs = append(runs, r)
	}
	if err := rows.Err(); err != nil {
		return nil, db.wrap("list runs", err)
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

// PutSnapshot stores data (opaque, typically JSON) under key at time at,
// replacing a snapshot with the same key and time. key must not be empty.
func (db *DB) PutSnapshot(ctx context.Context, at time.Time, key string, data []byte) error {
	if key == "" {
		return errors.New("put snapshot: empty key")
	}
	if data == nil {
		data = []byte{}
	}
	_, err := db.pool.Exec(ctx, `INSERT INTO snapshots (key, at, data) VALUES ($1, $2, $3)
		ON CONFLICT (key, at) DO UPDATE SET data = EXCLUDED.data`, key, at.UnixNano(), data)
	return db.wrap("put snapshot "+key, err)
}

// Snapshots calls fn with every snapshot stored under key, oldest first;
// at is in UTC and data is a copy fn may keep. An error from fn stops the
// walk and is returned as is. An unknown key calls fn never.
func (db *DB) Snapshots(ctx context.Context, key string, fn func(at time.Time, data []byte) error) error {
	rows, err := db.pool.Query(ctx, "SELECT at, data FROM snapshots WHERE key = $1 ORDER BY at", key)
	if err != nil {
		return db.wrap("read snapshots "+key, err)
	}
	defer rows.Close()
	for rows.Next() {
		var at int64
		var data []byte
		if err := rows.Scan(&at, &data); err != nil {
			return db.wrap("read snapshots "+key, err)
		}
		if err := fn(time.Unix(0, at).UTC(), data); err != nil {
			return err
		}
	}
	return db.wrap("read snapshots "+key, rows.Err())
}

// SnapshotKeys returns the keys that have snapshots, in byte order.
func (db *DB) SnapshotKeys(ctx context.Context) ([]string, error) {
	rows, err := db.pool.Query(ctx, "SELECT DISTINCT key FROM snapshots ORDER BY key")
	if err != nil {
		return nil, db.wrap("list snapshot keys", err)
	}
	keys, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, db.wrap("list snapshot keys", err)
	}
	return keys, nil
}

// Validators returns every stored HTTP cache validator by URL.
func (db *DB) Validators(ctx context.Context) (map[string]jobstats.Validator, error) {
	rows, err := db.pool.Query(ctx, "SELECT url, etag, last_modified FROM validators")
	if err != nil {
		return nil, db.wrap("read validators", err)
	}
	defer rows.Close()
	m := map[string]jobstats.Validator{}
	var url string
	var v jobstats.Validator
	for rows.Next() {
		if err := rows.Scan(&url, &v.ETag, &v.LastModified); err != nil {
			return nil, db.wrap("read validators", err)
		}
		m[url] = v
	}
	if err := rows.Err(); err != nil {
		return nil, db.wrap("read validators", err)
	}
	return m, nil
}

// PutValidators stores validators by URL in one transaction; a Validator
// with both fields empty deletes the URL's.
func (db *DB) PutValidators(ctx context.Context, vals map[string]jobstats.Validator) error {
	if len(vals) == 0 {
		return nil
	}
	var del, urls, etags, lms []string
	for u, v := range vals {
		if v.ETag == "" && v.LastModified == "" {
			del = append(del, u)
			continue
		}
		urls, etags, lms = append(urls, u), append(etags, v.ETag), append(lms, v.LastModified)
	}
	return db.tx(ctx, "put validators", pgx.TxOptions{}, func(tx pgx.Tx) error {
		if len(del) > 0 {
			if _, err := tx.Exec(ctx, "DELETE FROM validators WHERE url = ANY($1)", del); err != nil {
				return err
			}
		}
		if len(urls) > 0 {
			_, err := tx.Exec(ctx, `INSERT INTO validators (url, etag, last_modified)
				SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
				ON CONFLICT (url) DO UPDATE SET etag = EXCLUDED.etag, last_modified = EXCLUDED.last_modified`, urls, etags, lms)
			return err
		}
		return nil
	})
}
