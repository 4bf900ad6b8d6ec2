package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/report"
	"github.com/jobstats/jobstats/stats"
	"github.com/jobstats/jobstats/storage"
)

func (a *app) statsCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "stats",
		Short: "Salary statistics per role",
	}
	cmd.AddCommand(a.statsReportCommand(), a.statsHistoryCommand())
	return cmd
}

// reportFlags are the flags every statistics command shares.
type reportFlags struct {
	role   string
	asOf   string
	top    int
	out    string
	format string
}

func (f *reportFlags) register(cmd *cobra.Command, formats string, def string) {
	cmd.Flags().StringVar(&f.role, "role", "", `only this role, e.g. "Backend Engineer" (case-insensitive)`)
	cmd.Flags().StringVar(&f.asOf, "as-of", "", "report the market as it stood on this day (YYYY-MM-DD, end of day UTC)")
	cmd.Flags().StringVarP(&f.format, "format", "f", def, "output format: "+formats)
	cmd.Flags().StringVarP(&f.out, "out", "o", "", "write to this file instead of standard output")
}

// parseAsOf reads a YYYY-MM-DD day and returns the end of that day in
// UTC, so a listing closed during the day counts as closed. A day after
// today (UTC) is a usage error: the database knows nothing of it.
func parseAsOf(s string, now time.Time) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	day, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%w: --as-of %q: want a day as YYYY-MM-DD", errUsage, s)
	}
	today := now.UTC().Format(time.DateOnly)
	if s > today {
		return time.Time{}, fmt.Errorf("%w: --as-of %s is in the future (today is %s, UTC)", errUsage, s, today)
	}
	return day.Add(24*time.Hour - time.Nanosecond), nil
}

// check returns a usage error for flag values out of range.
func (f *reportFlags) check(now time.Time) error {
	if err := atLeast("top", f.top, 0); err != nil {
		return err
	}
	_, err := parseAsOf(f.asOf, now)
	return err
}

func (a *app) statsReportCommand() *cobra.Command {
	var f reportFlags
	cmd := &cobra.Command{
		Use:   "report",
		Short: "Print the salary report: one page per role, most openings first",
		Long: `report aggregates the open listings in the database per role: job openings,
average and median annual salary in the report currency, the salary range by
seniority, the share of employers that require a degree, who is hiring and
which skills they ask for. Every figure states the sample it rests on.`,
		Example: `  jobstats stats report
  jobstats stats report --role "Backend Engineer"
  jobstats stats report --format text
  jobstats stats report --format json --out report.json
  jobstats stats report --as-of 2026-10-01`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			var render func(io.Writer, stats.Summary) error
			switch f.format {
			case "markdown", "md":
				render = report.Markdown
			case "text":
				render = report.Text
			case "json":
				render = report.JSON
			default:
				return fmt.Errorf("%w: --format %q: want markdown, text or json", errUsage, f.format)
			}
			if err := f.check(a.now()); err != nil {
				return err
			}
			sum, err := a.summary(cmd.Context(), f.role, f.asOf, f.top)
			if err != nil {
				return err
			}
			if f.role != "" && len(sum.Roles) == 0 {
				return fmt.Errorf("no open listings for role %q (see 'jobstats stats report --format text' for the roles)", f.role)
			}
			return a.writeOut(f.out, func(w io.Writer) error { return render(w, sum) })
		},
	}
	f.register(cmd, "markdown, text or json", "markdown")
	cmd.Flags().IntVar(&f.top, "top", 0, "only the N roles with the most openings (0 = all)")
	return cmd
}

// compareDays is how far back the reports compare openings and median.
const compareDays = 30

// summary aggregates the stored listings in one scan, together with the
// same figures 30 days before, so the reports can show the change. The
// comparison is made only when the database reaches back that far.
func (a *app) summary(ctx context.Context, role, asOf string, top int) (stats.Summary, error) {
	opts, err := a.statsOptions()
	if err != nil {
		return stats.Summary{}, err
	}
	if opts.AsOf, err = parseAsOf(asOf, a.now()); err != nil {
		return stats.Summary{}, err
	}
	opts.Role = role
	opts.Now = a.now
	at := opts.AsOf
	if at.IsZero() {
		at = a.now()
	}
	prevOpts := opts
	prevOpts.AsOf = at.AddDate(0, 0, -compareDays)
	agg, prev := stats.New(opts), stats.New(prevOpts)
	var oldest time.Time
	err = a.withDB(ctx, false, func(db *storage.DB) error {
		return db.ForEach(ctx, storage.Scan{}, func(l *jobstats.Listing) error {
			agg.Add(l)
			prev.Add(l)
			if oldest.IsZero() || (!l.FirstSeen.IsZero() && l.FirstSeen.Before(oldest)) {
				oldest = l.FirstSeen
			}
			return nil
		})
	})
	if err != nil {
		return stats.Summary{}, err
	}
	sum := agg.Summary()
	if !oldest.IsZero() && !oldest.After(prevOpts.AsOf) {
		p := prev.Summary()
		sum.CompareWith(&p)
	}
	if top > 0 && len(sum.Roles) > top {
		sum.Roles = sum.Roles[:top]
	}
	return sum, nil
}

// writeOut runs render against --out (atomically) or standard output. On
// failure (or a panic) no file is left behind, and a file that was there
// stays as it was.
func (a *app) writeOut(path string, render func(io.Writer) error) error {
	w, done, err := a.output(path)
	if err != nil {
		return err
	}
	defer done(false)
	if err := render(w); err != nil {
		return err
	}
	return done(true)
}

func (a *app) exportCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Export listings or statistics as CSV, JSON or JSON Lines",
	}
	cmd.AddCommand(a.exportListingsCommand(), a.exportStatsCommand())
	return cmd
}

func (a *app) exportListingsCommand() *cobra.Command {
	var format, out, source string
	var openOnly bool
	cmd := &cobra.Command{
		Use:   "listings",
		Short: "Export every stored listing, streamed from the database",
		Long: `listings writes every stored listing (open and closed; --open for open only)
with JobSpy-compatible column names first, then jobstats' own. The columns
and the JSON schema are documented in the report package (see README.md).
Cells that a spreadsheet would run as a formula are neutralised.`,
		Example: `  jobstats export listings --format csv --out listings.csv
  jobstats export listings --format jsonl | jq .title`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			switch format {
			case "csv", "json", "jsonl":
			default:
				return fmt.Errorf("%w: --format %q: want csv, json or jsonl", errUsage, format)
			}
			opts, err := a.statsOptions()
			if err != nil {
				return err
			}
			ctx := cmd.Context()
			return a.writeOut(out, func(w io.Writer) error {
				lw, err := report.NewListingWriter(w, format, opts)
				if err != nil {
					return err
				}
				err = a.withDB(ctx, false, func(db *storage.DB) error {
					// First pass: which listings are the same job, so each
					// shows every source it was seen on (cross-posts).
					jobs := stats.NewJobs()
					err := db.ForEach(ctx, storage.Scan{}, func(l *jobstats.Listing) error {
						jobs.Add(l)
						return nil
					})
					if err != nil {
						return err
					}
					return db.ForEach(ctx, storage.Scan{Source: source, Description: true, OpenOnly: openOnly},
						func(l *jobstats.Listing) error {
							l.Sources = jobs.Sources(l)
							return lw.Write(l)
						})
				})
				if cerr := lw.Close(); err == nil {
					err = cerr
				}
				return err
			})
		},
	}
	cmd.Flags().StringVarP(&format, "format", "f", "csv", "csv, json or jsonl")
	cmd.Flags().StringVarP(&out, "out", "o", "", "write to this file instead of standard output")
	cmd.Flags().StringVar(&source, "source", "", "only listings of this source")
	cmd.Flags().BoolVar(&openOnly, "open", false, "only open listings")
	return cmd
}

func (a *app) exportStatsCommand() *cobra.Command {
	var f reportFlags
	cmd := &cobra.Command{
		Use:   "stats",
		Short: "Export the per-role statistics as CSV or JSON",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			var render func(io.Writer, stats.Summary) error
			switch f.format {
			case "csv":
				render = report.StatsCSV
			case "json":
				render = report.JSON
			default:
				return fmt.Errorf("%w: --format %q: want csv or json", errUsage, f.format)
			}
			if err := f.check(a.now()); err != nil {
				return err
			}
			sum, err := a.summary(cmd.Context(), f.role, f.asOf, 0)
			if err != nil {
				return err
			}
			return a.writeOut(f.out, func(w io.Writer) error { return render(w, sum) })
		},
	}
	f.register(cmd, "csv or json", "csv")
	return cmd
}
