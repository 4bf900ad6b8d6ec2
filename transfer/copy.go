package transfer

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/jobstats/jobstats"
)

// Source is a database to copy from, and the target to verify.
type Source interface {
	// ForEach streams the listings s selects, in ID order.
	ForEach(ctx context.Context, s jobstats.Scan, fn func(*jobstats.Listing) error) error
	// Runs returns the runs of source ("" for all), newest first, at most
	// limit (<= 0 for all).
	Runs(ctx context.Context, source string, limit int) ([]jobstats.Run, error)
	// SnapshotKeys returns the keys that have snapshots.
	SnapshotKeys(ctx context.Context) ([]string, error)
	// Snapshots calls fn with every snapshot stored under key.
	Snapshots(ctx context.Context, key string, fn func(at time.Time, data []byte) error) error
	// Validators returns every stored validator by URL.
	Validators(ctx context.Context) (map[string]jobstats.Validator, error)
}

// Target is a database to copy into: it is read back to verify the copy.
type Target interface {
	Source
	// ImportListings stores listings as given, lifecycle included,
	// replacing those with the same IDs.
	ImportListings(ctx context.Context, ls []jobstats.Listing) error
	// PutRun stores a run under its ID, replacing one stored there.
	PutRun(ctx context.Context, r *jobstats.Run) error
	// PutSnapshot stores a snapshot, replacing one with the same key and time.
	PutSnapshot(ctx context.Context, at time.Time, key string, data []byte) error
	// PutValidators stores validators by URL.
	PutValidators(ctx context.Context, vals map[string]jobstats.Validator) error
}

// ErrTargetNotEmpty is returned by Copy, before it writes anything, when
// the target holds records that are not the source's: copying into it
// would replace its runs and listings that have the same IDs as the
// source's and leave a mix of two databases.
var ErrTargetNotEmpty = errors.New("the target database is not empty")

// DefaultBatchSize is how many listings one write of Copy stores.
const DefaultBatchSize = 1000

// Options configure Copy; the zero value is ready to use.
type Options struct {
	// BatchSize is how many listings one write stores; default
	// DefaultBatchSize.
	BatchSize int
	// Progress, when set, is told how many records of kind (KindListing,
	// ...) have been copied so far, after every write.
	Progress func(kind byte, copied int)
}

// Result is what Copy copied and verified.
type Result struct {
	// Counts is how many records of each kind were read from the source
	// and written; Checksum their checksum (see the package doc).
	Counts   Counts
	Checksum string
	// Target is what the target holds after the copy, read back; a
	// successful Copy returns the same counts and checksum as the source.
	TargetCounts   Counts
	TargetChecksum string
}

// Copy copies every record of from into to, in batches, then reads to
// back and verifies that it holds the same records: the same count of each
// kind and the same checksum. The target must be empty, or hold only
// records of the source: running Copy again after an interruption
// completes it, as every write replaces the record with the same
// identity. A target that holds anything else is refused before anything
// is written (ErrTargetNotEmpty); that check reads the source twice when
// the target is not empty.
func Copy(ctx context.Context, from Source, to Target, opts Options) (Result, error) {
	var res Result
	if err := checkTarget(ctx, from, to); err != nil {
		return res, err
	}
	size := opts.BatchSize
	if size <= 0 {
		size = DefaultBatchSize
	}
	progress := opts.Progress
	if progress == nil {
		progress = func(byte, int) {}
	}
	var src Digest

	// Listings, descriptions and lifecycles included.
	batch := make([]jobstats.Listing, 0, size)
	copied := 0
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		if err := to.ImportListings(ctx, batch); err != nil {
			return fmt.Errorf("copy listings: %w", err)
		}
		copied += len(batch)
		progress(KindListing, copied)
		batch = batch[:0]
		return nil
	}
	err := from.ForEach(ctx, jobstats.Scan{Description: true}, func(l *jobstats.Listing) error {
		src.AddListing(l)
		batch = append(batch, *l)
		if len(batch) == size {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	if err != nil {
		return res, fmt.Errorf("copy listings: %w", err)
	}

	// Runs, oldest first, under their own IDs.
	runs, err := from.Runs(ctx, "", 0)
	if err != nil {
		return res, fmt.Errorf("copy runs: %w", err)
	}
	slices.SortFunc(runs, func(a, b jobstats.Run) int { return compareUint(a.ID, b.ID) })
	for i := range runs {
		src.AddRun(&runs[i])
		r := runs[i]
		if err := to.PutRun(ctx, &r); err != nil {
			return res, fmt.Errorf("copy run %d: %w", runs[i].ID, err)
		}
		if (i+1)%100 == 0 || i == len(runs)-1 {
			progress(KindRun, i+1)
		}
	}

	// Snapshots.
	keys, err := from.SnapshotKeys(ctx)
	if err != nil {
		return res, fmt.Errorf("copy snapshots: %w", err)
	}
	nsnap := 0
	for _, key := range keys {
		err := from.Snapshots(ctx, key, func(at time.Time, data []byte) error {
			src.AddSnapshot(key, at, data)
			if err := to.PutSnapshot(ctx, at, key, data); err != nil {
				return err
			}
			nsnap++
			return nil
		})
		if err != nil {
			return res, fmt.Errorf("copy snapshots %s: %w", key, err)
		}
		progress(KindSnapshot, nsnap)
	}

	// Validators.
	vals, err := from.Validators(ctx)
	if err != nil {
		return res, fmt.Errorf("copy validators: %w", err)
	}
	for url, v := range vals {
		src.AddValidator(url, v)
	}
	if len(vals) > 0 {
		if err := to.PutValidators(ctx, vals); err != nil {
			return res, fmt.Errorf("copy validators: %w", err)
		}
		progress(KindValidator, len(vals))
	}
	res.Counts, res.Checksum = src.Counts(), src.Sum()

	// Verify: read the target back.
	dst, err := Sum(ctx, to)
	if err != nil {
		return res, fmt.Errorf("verify the copy: %w", err)
	}
	res.TargetCounts, res.TargetChecksum = dst.Counts(), dst.Sum()
	if res.TargetCounts != res.Counts || res.TargetChecksum != res.Checksum {
		why := "the same counts but other contents"
		if res.TargetCounts != res.Counts {
			why = fmt.Sprintf("%s, the source %s", res.TargetCounts, res.Counts)
		}
		return res, fmt.Errorf("verify the copy: the target holds %s (checksum %s, the source's %s): "+
			"was it empty before the copy, and is nothing else writing to it?", why, res.TargetChecksum, res.Checksum)
	}
	return res, nil
}

// checkTarget returns ErrTargetNotEmpty when to holds a record that from
// does not hold as it is: an empty target passes, and so does one that an
// interrupted Copy from the same source left.
func checkTarget(ctx context.Context, from Source, to Target) error {
	// Records are known by the first half of their SHA-256: 16 bytes each,
	// and a collision is out of reach.
	type key [16]byte
	held := map[key]int{}
	tgt := Digest{each: func(h *[32]byte) { held[key(h[:16])]++ }}
	if err := sumInto(ctx, to, &tgt); err != nil {
		return fmt.Errorf("read the target: %w", err)
	}
	if len(held) == 0 {
		return nil
	}
	src := Digest{each: func(h *[32]byte) {
		k := key(h[:16])
		switch n := held[k]; {
		case n > 1:
			held[k] = n - 1
		case n == 1:
			delete(held, k)
		}
	}}
	if err := sumInto(ctx, from, &src); err != nil {
		return fmt.Errorf("read the source: %w", err)
	}
	if len(held) == 0 {
		return nil // what an interrupted copy left: go on
	}
	other := 0
	for _, n := range held {
		other += n
	}
	return fmt.Errorf("%w: it holds %s, %d of them not in the source; nothing was copied: copy into an empty database",
		ErrTargetNotEmpty, tgt.Counts(), other)
}

// Sum reads every record of db and returns their digest.
func Sum(ctx context.Context, db Source) (*Digest, error) {
	var d Digest
	if err := sumInto(ctx, db, &d); err != nil {
		return nil, err
	}
	return &d, nil
}

// sumInto adds every record of db to d.
func sumInto(ctx context.Context, db Source, d *Digest) error {
	if err := db.ForEach(ctx, jobstats.Scan{Description: true}, func(l *jobstats.Listing) error {
		d.AddListing(l)
		return nil
	}); err != nil {
		return fmt.Errorf("read listings: %w", err)
	}
	runs, err := db.Runs(ctx, "", 0)
	if err != nil {
		return fmt.Errorf("read runs: %w", err)
	}
	for i := range runs {
		d.AddRun(&runs[i])
	}
	keys, err := db.SnapshotKeys(ctx)
	if err != nil {
		return fmt.Errorf("read snapshots: %w", err)
	}
	for _, key := range keys {
		if err := db.Snapshots(ctx, key, func(at time.Time, data []byte) error {
			d.AddSnapshot(key, at, data)
			return nil
		}); err != nil {
			return fmt.Errorf("read snapshots %s: %w", key, err)
		}
	}
	vals, err := db.Validators(ctx)
	if err != nil {
		return fmt.Errorf("read validators: %w", err)
	}
	for url, v := range vals {
		d.AddValidator(url, v)
	}
	return nil
}

func compareUint(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
