package transfer

import (
	"context"
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
// kind and the same checksum. A copy into a target that already held
// other records fails that verification and says so; what was copied
// stays. Running Copy again after an interruption completes it: every
// write replaces the record with the same identity.
func Copy(ctx context.Context, from Source, to Target, opts Options) (Result, error) {
	var res Result
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

// Sum reads every record of db and returns their digest.
func Sum(ctx context.Context, db Source) (*Digest, error) {
	var d Digest
	if err := db.ForEach(ctx, jobstats.Scan{Description: true}, func(l *jobstats.Listing) error {
		d.AddListing(l)
		return nil
	}); err != nil {
		return nil, fmt.Errorf("read listings: %w", err)
	}
	runs, err := db.Runs(ctx, "", 0)
	if err != nil {
		return nil, fmt.Errorf("read runs: %w", err)
	}
	for i := range runs {
		d.AddRun(&runs[i])
	}
	keys, err := db.SnapshotKeys(ctx)
	if err != nil {
		return nil, fmt.Errorf("read snapshots: %w", err)
	}
	for _, key := range keys {
		if err := db.Snapshots(ctx, key, func(at time.Time, data []byte) error {
			d.AddSnapshot(key, at, data)
			return nil
		}); err != nil {
			return nil, fmt.Errorf("read snapshots %s: %w", key, err)
		}
	}
	vals, err := db.Validators(ctx)
	if err != nil {
		return nil, fmt.Errorf("read validators: %w", err)
	}
	for url, v := range vals {
		d.AddValidator(url, v)
	}
	return &d, nil
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
