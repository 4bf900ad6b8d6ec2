package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/jobstats/jobstats/postgres"
	"github.com/jobstats/jobstats/storage"
	"github.com/jobstats/jobstats/transfer"
)

// copyStore is a database db copy reads or writes, and closes.
type copyStore interface {
	transfer.Target
	Close() error
}

func (a *app) dbCopyCommand() *cobra.Command {
	var from, to string
	var batch int
	cmd := &cobra.Command{
		Use:   "copy --from FILE-or-URL --to FILE-or-URL",
		Short: "Copy every listing, run, snapshot and validator from one database into another",
		Long: `copy copies a whole database, record for record, between bbolt files and
PostgreSQL databases in either direction (FILE to URL, URL to FILE, FILE to
FILE, URL to URL): every listing with its description and lifecycle, every
run, statistics snapshot and HTTP cache validator. It writes in batches,
then reads the target back and verifies that it holds the same number of
records of each kind with the same checksum (see 'go doc transfer'), which
it prints. Copy into an empty database: one that holds records the source
does not is refused before anything is written. An interrupted copy is
resumed by running the same command again: every record replaces the one
with the same identity. The source is only read; stop the daemons writing to it
first if the copy must be a point in time.`,
		Example: `  jobstats db copy --from ~/.local/share/jobstats/jobstats.db --to postgres://jobstats@db.internal/jobstats
  jobstats db copy --from postgres://jobstats@db.internal/jobstats --to backup.db`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if from == "" || to == "" {
				return fmt.Errorf("%w: give both --from and --to (a file or a postgres:// URL)", errUsage)
			}
			if batch < 0 {
				return fmt.Errorf("%w: --batch %d: want a positive number", errUsage, batch)
			}
			if same, err := sameDatabase(from, to); err != nil {
				return err
			} else if same {
				return fmt.Errorf("%w: --from and --to are the same database", errUsage)
			}
			ctx := cmd.Context()
			src, err := a.openCopyStore(ctx, from, false)
			if err != nil {
				return err
			}
			defer src.Close()
			dst, err := a.openCopyStore(ctx, to, true)
			if err != nil {
				return err
			}
			fromName, toName := displayName(from), displayName(to)
			fmt.Fprintf(a.stdout, "copying %s to %s\n", fromName, toName)
			log := a.logger()
			res, err := transfer.Copy(ctx, src, dst, transfer.Options{BatchSize: batch, Progress: func(kind byte, n int) {
				if kind == transfer.KindListing && n%50000 < max(batch, transfer.DefaultBatchSize) {
					log.Info("copying", "listings", n)
				}
			}})
			if cerr := dst.Close(); err == nil && cerr != nil {
				err = fmt.Errorf("close %s: %w", toName, cerr)
			}
			if err != nil {
				if res.Checksum != "" {
					fmt.Fprintf(a.stdout, "copied %s\nchecksum %s (source)\n", res.Counts, res.Checksum)
				}
				return fmt.Errorf("copy %s to %s: %w", fromName, toName, err)
			}
			fmt.Fprintf(a.stdout, "copied %s\nverified %s: %s\nchecksum %s\n", res.Counts, toName, res.TargetCounts, res.TargetChecksum)
			return nil
		},
	}
	cmd.Flags().StringVar(&from, "from", "", "the database to copy: a bbolt file or a postgres:// URL")
	cmd.Flags().StringVar(&to, "to", "", "the database to copy into: a bbolt file (created if missing) or a postgres:// URL")
	cmd.Flags().IntVar(&batch, "batch", transfer.DefaultBatchSize, "listings per write")
	return cmd
}

// displayName names a database without a password.
func displayName(s string) string {
	if postgres.IsURL(s) {
		return postgres.Redact(s)
	}
	return s
}

// sameDatabase reports whether a and b name one database.
func sameDatabase(a, b string) (bool, error) {
	if postgres.IsURL(a) || postgres.IsURL(b) {
		return a == b, nil
	}
	fa, errA := os.Stat(a)
	fb, errB := os.Stat(b)
	if errA == nil && errB == nil {
		return os.SameFile(fa, fb), nil
	}
	absA, err := filepath.Abs(a)
	if err != nil {
		return false, err
	}
	absB, err := filepath.Abs(b)
	return absA == absB, err
}

// openCopyStore opens a file or a PostgreSQL database for db copy: the
// source read-only, the target for writing.
func (a *app) openCopyStore(ctx context.Context, name string, write bool) (copyStore, error) {
	if postgres.IsURL(name) {
		return postgres.Open(ctx, name, &postgres.Options{Now: a.now, Logger: a.logger()})
	}
	timeout := a.lockTimeout
	if timeout <= 0 {
		timeout = dbTimeout
	}
	db, err := storage.Open(name, &storage.Options{ReadOnly: !write, Timeout: timeout, Now: a.now})
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("no database at %s", name)
	}
	return db, err
}
