package postgres

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/jobstats/jobstats"
)

// ctxEvery is how many rows a long scan handles between checks of ctx.
const ctxEvery = 4096

// prefixOf returns the part of a listing id that names its source: what
// comes before the first colon.
func prefixOf(id string) string {
	p, _, _ := strings.Cut(id, ":")
	return p
}

// lockSources takes the transaction-scoped advisory lock of each source
// (listing id prefix), in order, so that two writers of one source's
// listings (a run's batches and its sweep, or two processes) take turns,
// as writes to one bbolt file do, and a lifecycle is never computed from
// a row another transaction is changing.
func lockSources(ctx context.Context, tx pgx.Tx, prefixes []string) error {
	_, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtextextended('jobstats:' || current_schema() || ':listings:' || p, 0))
		FROM (SELECT DISTINCT p FROM unnest($1::text[]) AS p ORDER BY p) AS s`, prefixes)
	return err
}

// ensureStaging creates, once per connection, the temporary table batches
// are copied into before they are merged into listings: the columns of
// listings, all nullable, and whether the row's content is to be written
// (content) or only its lifecycle.
func ensureStaging(ctx context.Context, tx pgx.Tx) error {
	_, err := tx.Exec(ctx, `CREATE TEMP TABLE IF NOT EXISTS listings_in ON COMMIT DELETE ROWS AS
		SELECT *, true AS content FROM listings WITH NO DATA`)
	return err
}

// upsertSQL merges the staged rows with content into listings.
var upsertSQL = func() string {
	cols := columnList(contentColumns + ", " + lifecycleColumns + ", description")
	set := make([]string, len(cols))
	for i, c := range cols {
		set[i] = c + " = EXCLUDED." + c
	}
	all := "id, " + strings.Join(cols, ", ")
	return "INSERT INTO listings (" + all + ") SELECT " + all + " FROM listings_in WHERE content " +
		"ON CONFLICT (id) DO UPDATE SET " + strings.Join(set, ", ")
}()

// lifecycleSQL writes the staged lifecycles of rows whose content stays.
const lifecycleSQL = `UPDATE listings AS l SET first_seen = i.first_seen, last_seen = i.last_seen,
	closed_at = i.closed_at, gaps = i.gaps FROM listings_in AS i WHERE NOT i.content AND l.id = i.id`

// stagedRow is one row to stage: a listing whose content is written, or
// only a lifecycle.
type stagedRow struct {
	l       *jobstats.Listing // content: every column; nil: lifecycle only
	id      string
	lc      jobstats.Lifecycle
	content bool
}

// stage copies rows into listings_in and merges them into listings.
func stage(ctx context.Context, tx pgx.Tx, rows []stagedRow) error {
	if len(rows) == 0 {
		return nil
	}
	if err := ensureStaging(ctx, tx); err != nil {
		return err
	}
	cols := append([]string{"id"}, columnList(contentColumns+", "+lifecycleColumns+", description, content")...)
	nContent := len(columnList(contentColumns))
	vals := make([]any, 0, len(cols))
	_, err := tx.CopyFrom(ctx, pgx.Identifier{"listings_in"}, cols, pgx.CopyFromSlice(len(rows), func(i int) ([]any, error) {
		r := &rows[i]
		vals = append(vals[:0], r.id)
		if r.content {
			vals = contentValues(vals, r.l)
		} else {
			for range nContent {
				vals = append(vals, nil)
			}
		}
		vals = lifecycleValues(vals, r.lc)
		if r.content {
			vals = append(vals, r.l.Description)
		} else {
			vals = append(vals, nil)
		}
		return append(vals, r.content), nil
	}))
	if err != nil {
		return fmt.Errorf("copy: %w", err)
	}
	content := slices.ContainsFunc(rows, func(r stagedRow) bool { return r.content })
	if content {
		if _, err := tx.Exec(ctx, upsertSQL); err != nil {
			return err
		}
	}
	if slices.ContainsFunc(rows, func(r stagedRow) bool { return !r.content }) {
		if _, err := tx.Exec(ctx, lifecycleSQL); err != nil {
			return err
		}
	}
	// ON COMMIT DELETE ROWS empties it at the end; a second stage in the
	// same transaction must not merge these rows again.
	_, err = tx.Exec(ctx, "TRUNCATE listings_in")
	return err
}

// PutListings upserts a batch of listings seen at seen (the start of the
// run) in one transaction, by the same rules and with the same counts as
// storage.DB.PutListings: a listing without an ID gets
// jobstats.ListingID(Source, SourceID), one without either is an error;
// the lifecycle follows jobstats.Lifecycle.Seen, Sources
// jobstats.MergeSources, and a stored listing is Updated exactly when
// jobstats.SameContent with it is false; when an id occurs more than once
// in the batch the last occurrence wins with the Sources of all merged. A
// zero seen means Options.Now(). Writers of one source take turns (an
// advisory lock per source), so concurrent batches never lose an update.
func (db *DB) PutListings(ctx context.Context, ls []jobstats.Listing, seen time.Time) (jobstats.PutResult, error) {
	var res jobstats.PutResult
	if seen.IsZero() {
		seen = db.now()
	}
	batch, err := jobstats.Batch(ls)
	if err != nil {
		return res, fmt.Errorf("put listings: %w", err)
	}
	keys := make([]string, len(batch))
	var prefixes []string
	for i := range batch {
		keys[i] = batch[i].ID
		if p := prefixOf(keys[i]); !slices.Contains(prefixes, p) {
			prefixes = append(prefixes, p)
		}
	}

	err = db.tx(ctx, "put listings", pgx.TxOptions{}, func(tx pgx.Tx) error {
		res = jobstats.PutResult{}
		if err := lockSources(ctx, tx, prefixes); err != nil {
			return err
		}
		stored, err := readListings(ctx, tx, keys)
		if err != nil {
			return err
		}
		rows := make([]stagedRow, 0, len(batch))
		for i := range batch {
			l := &batch[i]
			old, ok := stored[l.ID]
			if !ok {
				lc, _ := jobstats.Lifecycle{}.Seen(seen)
				l.Sources = jobstats.MergeSources(nil, l.Sources, l.Source)
				l.SetLifecycle(lc)
				rows = append(rows, stagedRow{l: l, id: l.ID, lc: lc, content: true})
				res.New++
				continue
			}
			l.Sources = jobstats.MergeSources(old.Sources, l.Sources, l.Source)
			olc := old.Lifecycle()
			lc, reopened := olc.Seen(seen)
			if reopened {
				res.Reopened++
			}
			l.SetLifecycle(lc)
			if jobstats.SameContent(old, l) {
				res.Unchanged++
				if !lc.Equal(olc) {
					rows = append(rows, stagedRow{id: l.ID, lc: lc})
				}
				continue
			}
			res.Updated++
			rows = append(rows, stagedRow{l: l, id: l.ID, lc: lc, content: true})
		}
		return stage(ctx, tx, rows)
	})
	if err != nil {
		return jobstats.PutResult{}, err
	}
	return res, nil
}

// readListings returns the stored listings with the ids, description
// included, locked for update.
func readListings(ctx context.Context, tx pgx.Tx, ids []string) (map[string]*jobstats.Listing, error) {
	rows, err := tx.Query(ctx, "SELECT "+listingColumns+", description FROM listings WHERE id = ANY($1) FOR UPDATE", ids)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make(map[string]*jobstats.Listing)
	sc := newRowScanner(true)
	for rows.Next() {
		if err := rows.Scan(sc.dest...); err != nil {
			return nil, fmt.Errorf("listing %s: %w", sc.id, err)
		}
		l := new(jobstats.Listing)
		sc.listing(l)
		out[l.ID] = l
	}
	return out, rows.Err()
}

// sourceRange returns the bounds of the ids of source's listings: at or
// after lo ("source:") and before hi ("source;"), compared as bytes.
func sourceRange(source string) (lo, hi string) {
	return source + ":", source + ";"
}

// Sweep applies s to every stored listing of s.Source (jobstats.Sweep.Apply)
// in one transaction, writes the lifecycles it changed, and returns what it
// did: the same rules and counts as storage.DB.Sweep.
func (db *DB) Sweep(ctx context.Context, s *jobstats.Sweep) (jobstats.SweepResult, error) {
	if s.Source == "" {
		return jobstats.SweepResult{}, errors.New("sweep listings: empty source")
	}
	var res jobstats.SweepResult
	err := db.tx(ctx, "sweep listings of "+s.Source, pgx.TxOptions{}, func(tx pgx.Tx) error {
		res = jobstats.SweepResult{}
		if err := lockSources(ctx, tx, []string{s.Source}); err != nil {
			return err
		}
		lo, hi := sourceRange(s.Source)
		rows, err := tx.Query(ctx, "SELECT id, "+lifecycleColumns+" FROM listings WHERE id >= $1 AND id < $2 ORDER BY id", lo, hi)
		if err != nil {
			return err
		}
		var changed []stagedRow
		var id string
		var lc lcScan
		n := 0
		for rows.Next() {
			if n++; n%ctxEvery == 0 && ctx.Err() != nil {
				rows.Close()
				return ctx.Err()
			}
			if err := rows.Scan(&id, &lc.first, &lc.last, &lc.closed, &lc.gaps); err != nil {
				rows.Close()
				return fmt.Errorf("listing %s: %w", id, err)
			}
			before := lc.domain()
			if out, ok := s.Apply(id, before, &res); ok && !out.Equal(before) {
				changed = append(changed, stagedRow{id: id, lc: out})
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		return stage(ctx, tx, changed)
	})
	if err != nil {
		return jobstats.SweepResult{}, err
	}
	return res, nil
}

// lcScan scans the lifecycle columns.
type lcScan struct {
	first, last, closed pgtype.Int8
	gaps                []int64
}

func (lc *lcScan) domain() jobstats.Lifecycle {
	return jobstats.Lifecycle{FirstSeen: fromNanos(lc.first), LastSeen: fromNanos(lc.last),
		ClosedAt: fromNanos(lc.closed), Gaps: gapsOf(lc.gaps)}
}

// ForEach calls fn for every listing selected by s, in id order (bytes),
// streamed from one consistent snapshot of the database (a read-only
// repeatable-read transaction, which never holds writers back). The
// *Listing passed to fn is reused between calls, but none of its strings,
// slices or Salary is: a shallow copy (v := *l) is safe to keep. An error
// from fn stops the scan and is returned as is. The scan is bounded by ctx,
// not by the statement timeout.
func (db *DB) ForEach(ctx context.Context, s jobstats.Scan, fn func(*jobstats.Listing) error) error {
	q := "SELECT " + listingColumns
	if s.Description {
		q += ", description"
	}
	q += " FROM listings"
	var where []string
	var args []any
	if s.Source != "" {
		lo, hi := sourceRange(s.Source)
		where = append(where, "id >= $1 AND id < $2")
		args = append(args, lo, hi)
	}
	if s.OpenOnly {
		where = append(where, "closed_at IS NULL")
	}
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY id"
	var fnErr error
	err := db.tx(ctx, "scan listings", pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, "SET LOCAL statement_timeout = 0"); err != nil {
			return err
		}
		rows, err := tx.Query(ctx, q, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		sc := newRowScanner(s.Description)
		raw := rawDecodable(rows.FieldDescriptions())
		var l jobstats.Listing
		n := 0
		for rows.Next() {
			if n++; n%ctxEvery == 0 && ctx.Err() != nil {
				return ctx.Err()
			}
			if raw {
				if err := decodeRaw(rows.RawValues(), &l); err != nil {
					return fmt.Errorf("listing %d of the scan: %w", n, err)
				}
			} else {
				if err := rows.Scan(sc.dest...); err != nil {
					return fmt.Errorf("listing %s: %w", sc.id, err)
				}
				sc.listing(&l)
			}
			if err := fn(&l); err != nil {
				fnErr = err
				return err
			}
		}
		return rows.Err()
	})
	if fnErr != nil {
		return fnErr
	}
	return err
}

// Get returns the listing with the id, Description included, or an error
// wrapping ErrNotFound.
func (db *DB) Get(ctx context.Context, id string) (jobstats.Listing, error) {
	sc := newRowScanner(true)
	err := db.pool.QueryRow(ctx, "SELECT "+listingColumns+", description FROM listings WHERE id = $1", id).Scan(sc.dest...)
	if errors.Is(err, pgx.ErrNoRows) {
		return jobstats.Listing{}, fmt.Errorf("get listing %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return jobstats.Listing{}, db.wrap("get listing "+id, err)
	}
	var l jobstats.Listing
	sc.listing(&l)
	return l, nil
}

// Count returns how many listings are stored and how many of them are open.
func (db *DB) Count(ctx context.Context) (total, open int, err error) {
	err = db.pool.QueryRow(ctx, "SELECT count(*), count(*) FILTER (WHERE closed_at IS NULL) FROM listings").Scan(&total, &open)
	if err != nil {
		return 0, 0, db.wrap("count listings", err)
	}
	return total, open, nil
}

// Prune deletes the listings closed before closedBefore, descriptions
// included, and returns how many it deleted, as storage.DB.Prune does.
func (db *DB) Prune(ctx context.Context, closedBefore time.Time) (int, error) {
	tag, err := db.pool.Exec(ctx, "DELETE FROM listings WHERE closed_at IS NOT NULL AND closed_at < $1", closedBefore.UnixNano())
	if err != nil {
		return 0, db.wrap("prune listings", err)
	}
	return int(tag.RowsAffected()), nil
}

// Compact lets PostgreSQL reuse the space of deleted and rewritten rows
// (VACUUM) and refreshes the planner's statistics (ANALYZE). It takes no
// lock that stops readers or writers.
func (db *DB) Compact(ctx context.Context) error {
	for _, t := range []string{"listings", "runs", "snapshots", "validators", "crawl_ticks"} {
		if _, err := db.pool.Exec(ctx, "VACUUM (ANALYZE) "+t); err != nil {
			return db.wrap("compact database: vacuum "+t, err)
		}
	}
	return nil
}

// ImportListings stores ls exactly as given, lifecycle included, replacing
// the listings with the same IDs, in one transaction; it applies no
// lifecycle rule (see storage.DB.ImportListings). A listing without an ID
// is an error, and nothing is written.
func (db *DB) ImportListings(ctx context.Context, ls []jobstats.Listing) error {
	rows := make([]stagedRow, len(ls))
	for i := range ls {
		if ls[i].ID == "" {
			return fmt.Errorf("import listings: listing %d has no id", i)
		}
		rows[i] = stagedRow{l: &ls[i], id: ls[i].ID, lc: ls[i].Lifecycle(), content: true}
	}
	// Staged rows are merged in one statement, in which an id may occur
	// once: the last occurrence wins, as it would one by one.
	seen := make(map[string]int, len(rows))
	out := rows[:0]
	for _, r := range rows {
		if i, ok := seen[r.id]; ok {
			out[i] = r
			continue
		}
		seen[r.id] = len(out)
		out = append(out, r)
	}
	return db.tx(ctx, "import listings", pgx.TxOptions{}, func(tx pgx.Tx) error { return stage(ctx, tx, out) })
}
