package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/jobstats/jobstats/postgres"
	"github.com/jobstats/jobstats/storage"
)

func (a *app) dbCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "db",
		Short: "Check, back up or describe the database file; copy a database between files and PostgreSQL",
	}
	cmd.AddCommand(a.dbCheckCommand(), a.dbBackupCommand(), a.dbInfoCommand(), a.dbCopyCommand())
	return cmd
}

// existingDB returns the database path, or an error when there is no
// file there yet.
func (a *app) existingDB() (string, error) {
	path, err := a.databasePath()
	if err != nil {
		return "", err
	}
	if postgres.IsURL(path) {
		return "", fmt.Errorf("%w: db check, backup and info read a bbolt file, and %s is PostgreSQL: use its own tools "+
			"(pg_amcheck, pg_dump), or 'jobstats db copy --from URL --to FILE' for a file", errUsage, postgres.Redact(path))
	}
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return "", fmt.Errorf("no database at %s yet: run 'jobstats crawl' (or 'jobstats demo') first, or pass --db", path)
	}
	return path, nil
}

func (a *app) dbCheckCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "check",
		Short: "Check the whole database for damage: every page and every record",
		Long: `check reads the whole database file: it walks every page (their headers,
elements and key order), runs bbolt's own consistency check, and decodes
every record: listings, descriptions, runs, snapshots and cache validators.
It prints what it read and every problem found, and exits 1 when there is
any. It only reads: a daemon may keep running, though its writes wait until
the check is done.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			path, err := a.existingDB()
			if err != nil {
				return err
			}
			rep, err := storage.Check(cmd.Context(), path, &storage.Options{Timeout: dbTimeout})
			if err != nil {
				return err
			}
			if rep.OK() {
				fmt.Fprintf(a.stdout, "%s: no problems (%s; %s, %s, %s, %s, %s)\n", path, plural(rep.Pages, "page"),
					plural(rep.Listings, "listing"), plural(rep.Descriptions, "description"), plural(rep.Runs, "run"),
					plural(rep.Snapshots, "snapshot"), plural(rep.Validators, "validator"))
				return nil
			}
			for _, p := range rep.Problems {
				fmt.Fprintln(a.stdout, p)
			}
			return fmt.Errorf("database %s has %s: restore a backup, or move the file aside to start a new database", path, plural(len(rep.Problems), "problem"))
		},
	}
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

func (a *app) dbBackupCommand() *cobra.Command {
	var out string
	var noCheck bool
	cmd := &cobra.Command{
		Use:   "backup --out FILE",
		Short: "Write a consistent copy of the database, even while a daemon runs",
		Long: `backup copies the database as it stands at one moment (one read transaction)
to --out, written beside it and renamed into place, so the copy is never
half-written. A running daemon's writes wait for the copy (up to their
timeout; a crawl keeps what it fetched meanwhile). The copy is an ordinary
database file: use it with --db, or put it back in place of a damaged one.
The copy is then checked whole, as 'db check' would (--no-check skips it):
damage inside a record would have been copied too.`,
		Example: `  jobstats db backup --out jobstats-$(date +%F).db
  jobstats --db jobstats-2026-11-30.db db check`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if out == "" {
				return fmt.Errorf("%w: --out FILE is required", errUsage)
			}
			path, err := a.existingDB()
			if err != nil {
				return err
			}
			if same(path, out) {
				return fmt.Errorf("%w: --out %s is the database itself", errUsage, out)
			}
			var n int64
			start := time.Now()
			err = a.writeOut(out, func(w io.Writer) error {
				return a.withDB(cmd.Context(), false, func(d database) error {
					db, ok := d.(*storage.DB)
					if !ok {
						return fmt.Errorf("back up %s: not a bbolt file", d.Path())
					}
					var err error
					n, err = db.Backup(cmd.Context(), w)
					return err
				})
			})
			if err != nil {
				return err
			}
			fmt.Fprintf(a.stderr, "backed up %s to %s (%s in %s)\n", path, out, megabytes(n), time.Since(start).Round(time.Millisecond))
			if out == "-" || noCheck {
				return nil
			}
			// A backup is only as good as what it copied: damage inside a
			// record is copied as it is, so the copy is checked whole (it
			// is nobody else's file: no lock is waited on).
			rep, err := storage.Check(cmd.Context(), out, &storage.Options{Timeout: dbTimeout, ReadOnly: true})
			if err != nil {
				return fmt.Errorf("check the copy %s: %w", out, err)
			}
			if !rep.OK() {
				for _, p := range rep.Problems {
					fmt.Fprintln(a.stdout, p)
				}
				return fmt.Errorf("the copy %s, and so the database %s, has %s: keep an older backup; 'jobstats --db %s db check' lists them",
					out, path, plural(len(rep.Problems), "problem"), path)
			}
			fmt.Fprintf(a.stderr, "checked the copy: no problems (%s)\n", plural(rep.Listings, "listing"))
			return nil
		},
	}
	cmd.Flags().StringVarP(&out, "out", "o", "", "write the copy to this file (- for standard output)")
	cmd.Flags().BoolVar(&noCheck, "no-check", false, "do not check the copy for damage after writing it")
	return cmd
}

// same reports whether two paths name the same file.
func same(a, b string) bool {
	if filepath.Clean(a) == filepath.Clean(b) {
		return true
	}
	fa, err1 := os.Stat(a)
	fb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(fa, fb)
}

func megabytes(n int64) string {
	return fmt.Sprintf("%.1f MB", float64(n)/1e6)
}

func (a *app) dbInfoCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "info",
		Short: "Print the database's path, size, record counts and schema version",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if _, err := a.existingDB(); err != nil {
				return err
			}
			var in storage.Info
			err := a.withDB(cmd.Context(), false, func(d database) error {
				db, ok := d.(*storage.DB)
				if !ok {
					return fmt.Errorf("describe %s: not a bbolt file", d.Path())
				}
				var err error
				in, err = db.Info(cmd.Context())
				return err
			})
			if err != nil {
				return err
			}
			tw := tabwriter.NewWriter(a.stdout, 0, 0, 2, ' ', 0)
			fmt.Fprintf(tw, "path\t%s\n", in.Path)
			fmt.Fprintf(tw, "size\t%s (%d bytes)\n", megabytes(in.Size), in.Size)
			fmt.Fprintf(tw, "page size\t%d\n", in.PageSize)
			fmt.Fprintf(tw, "listings\t%d (%d open)\n", in.Listings, in.Open)
			fmt.Fprintf(tw, "runs\t%d\n", in.Runs)
			fmt.Fprintf(tw, "snapshots\t%d (of %s)\n", in.Snapshots, plural(in.SnapshotKeys, "role"))
			fmt.Fprintf(tw, "schema\t%d (this jobstats writes %d)\n", in.Schema, storage.SchemaVersion)
			created := "unknown"
			if !in.Created.IsZero() {
				created = in.Created.UTC().Format("2006-01-02 15:04:05 UTC")
			}
			fmt.Fprintf(tw, "created\t%s\n", created)
			return tw.Flush()
		},
	}
}
