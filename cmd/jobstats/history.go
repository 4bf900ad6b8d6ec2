package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/jobstats/jobstats/report"
	"github.com/jobstats/jobstats/storage"
)

// snapshot is what is kept of a role's statistics after every run: the
// figures `stats history` shows over time. Its JSON is stored, so fields
// are only ever added.
type snapshot struct {
	At            time.Time `json:"at"`
	Role          string    `json:"role"`
	Openings      int       `json:"openings"`
	SalaryCount   int       `json:"salary_count"`
	Average       *float64  `json:"average"`
	Median        *float64  `json:"median"`
	Currency      string    `json:"currency"`
	DegreeStated  int       `json:"degree_stated"`
	RequiredShare *float64  `json:"degree_required_share"`
}

// snapshotKey is the storage key of a role's snapshots; roles compare
// without regard to case.
func snapshotKey(role string) string { return "role:" + strings.ToLower(role) }

// takeSnapshot stores a snapshot of every role's statistics as they stand at
// at, so that `stats history` can show how they move. The crawl runner
// calls it once per crawl (or per group of daemon runs). It holds the
// database open for writing while it scans: this process's crawls share
// that handle meanwhile, so their writes go on beside the scan.
func (a *app) takeSnapshot(ctx context.Context, at time.Time) error {
	return a.withDB(ctx, true, func(db *storage.DB) error {
		sum, err := a.summary(ctx, "", "", 0)
		if err != nil {
			return err
		}
		for _, r := range sum.Roles {
			s := snapshot{At: at, Role: r.Name, Openings: r.Openings, Currency: sum.Currency,
				DegreeStated: r.Degree.Stated, RequiredShare: r.Degree.RequiredShare}
			if r.Salary != nil {
				avg, med := r.Salary.Average, r.Salary.Median
				s.SalaryCount, s.Average, s.Median = r.Salary.Count, &avg, &med
			}
			data, err := json.Marshal(s)
			if err != nil {
				return err
			}
			if err := db.PutSnapshot(ctx, at, snapshotKey(r.Name), data); err != nil {
				return err
			}
		}
		return nil
	})
}

func (a *app) statsHistoryCommand() *cobra.Command {
	var role, format, out string
	cmd := &cobra.Command{
		Use:   "history",
		Short: "Openings, median salary and degree share of a role over time",
		Long: `history prints the statistics of one role as they stood after each crawl
(a snapshot is stored once every 'jobstats crawl', and once the daemon's
runs in flight together have ended), oldest first. Snapshots survive
'jobstats prune'.`,
		Example: `  jobstats stats history --role "Backend Engineer"
  jobstats stats history --role "Backend Engineer" --format csv --out backend.csv`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if role == "" {
				return fmt.Errorf("%w: --role is required", errUsage)
			}
			var snaps []snapshot
			err := a.withDB(cmd.Context(), false, func(db *storage.DB) error {
				return db.Snapshots(cmd.Context(), snapshotKey(role), func(at time.Time, data []byte) error {
					var s snapshot
					if err := json.Unmarshal(data, &s); err != nil {
						return fmt.Errorf("snapshot of %s at %s: %w", role, at.Format(time.RFC3339), err)
					}
					s.At = at
					snaps = append(snaps, s)
					return nil
				})
			})
			if err != nil {
				return err
			}
			if len(snaps) == 0 {
				return fmt.Errorf("no history for role %q yet: snapshots are stored after every crawl", role)
			}
			var render func(io.Writer, []snapshot) error
			switch format {
			case "text":
				render = historyText
			case "csv":
				render = historyCSV
			case "json":
				render = func(w io.Writer, s []snapshot) error {
					enc := json.NewEncoder(w)
					enc.SetIndent("", "  ")
					return enc.Encode(s)
				}
			default:
				return fmt.Errorf("%w: --format %q: want text, csv or json", errUsage, format)
			}
			return a.writeOut(out, func(w io.Writer) error { return render(w, snaps) })
		},
	}
	cmd.Flags().StringVar(&role, "role", "", `the role, e.g. "Backend Engineer" (case-insensitive)`)
	cmd.Flags().StringVarP(&format, "format", "f", "text", "text, csv or json")
	cmd.Flags().StringVarP(&out, "out", "o", "", "write to this file instead of standard output")
	return cmd
}

func historyText(w io.Writer, snaps []snapshot) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "%s\t\n", strings.Join([]string{"TIME (UTC)", "OPENINGS", "WITH SALARY", "MEDIAN", "AVERAGE", "DEGREE REQUIRED"}, "\t"))
	for _, s := range snaps {
		med, avg, share := "n/a", "n/a", "n/a"
		if s.Median != nil {
			med = report.Money(s.Currency, *s.Median)
		}
		if s.Average != nil {
			avg = report.Money(s.Currency, *s.Average)
		}
		if s.RequiredShare != nil {
			share = report.Percent(*s.RequiredShare)
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%s\t%s\t%s\t\n", s.At.UTC().Format("2006-01-02 15:04"), s.Openings, s.SalaryCount, med, avg, share)
	}
	return tw.Flush()
}

func historyCSV(w io.Writer, snaps []snapshot) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"time", "role", "openings", "salary_count", "median", "average", "currency", "degree_stated", "degree_required_share"})
	num := func(p *float64) string {
		if p == nil {
			return ""
		}
		return strconv.FormatFloat(*p, 'f', -1, 64)
	}
	for _, s := range snaps {
		cw.Write([]string{s.At.UTC().Format(time.RFC3339), report.Neutralize(s.Role), strconv.Itoa(s.Openings),
			strconv.Itoa(s.SalaryCount), num(s.Median), num(s.Average), s.Currency, strconv.Itoa(s.DegreeStated), num(s.RequiredShare)})
	}
	cw.Flush()
	return cw.Error()
}
