package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/parse"
	"github.com/jobstats/jobstats/postgres"
	"github.com/jobstats/jobstats/report"
	"github.com/jobstats/jobstats/scraper"
)

func (a *app) sourcesCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "sources",
		Short: "List the configured sources with their kind, schedule and last run",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := a.config()
			if err != nil {
				return err
			}
			last := map[string]jobstats.Run{}
			path, err := a.databasePath()
			if err != nil {
				return err
			}
			if _, statErr := os.Stat(path); statErr == nil || postgres.IsURL(path) {
				err := a.withDB(cmd.Context(), false, func(db database) error {
					for _, s := range cfg.Sources {
						runs, err := db.Runs(cmd.Context(), s.Name, 1)
						if err != nil {
							return err
						}
						if len(runs) > 0 {
							last[s.Name] = runs[0]
						}
					}
					return nil
				})
				if err != nil {
					return err
				}
			}
			tw := tabwriter.NewWriter(a.stdout, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "NAME\tKIND\tSCHEDULE\tLAST RUN\tSTATUS\tLISTINGS\tERRORS")
			for _, s := range cfg.Sources {
				sched := s.Schedule
				if s.Disabled {
					sched += " (disabled)"
				}
				when, status, listings, errs := "never", "-", "-", "-"
				if r, ok := last[s.Name]; ok {
					when = r.Start.Local().Format("2006-01-02 15:04")
					status = string(r.Status)
					listings = fmt.Sprint(r.Listings)
					errs = fmt.Sprint(r.PagesFailed)
					if len(r.Errors) > 0 {
						errs += ": " + truncate(r.Errors[0], 60)
					}
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", s.Name, s.Kind, sched, when, status, listings, errs)
			}
			return tw.Flush()
		},
	}
	cmd.AddCommand(a.sourcesTestCommand(), a.sourcesDiscoverCommand())
	return cmd
}

func truncate(s string, n int) string {
	s = jobstats.TrimSpace(s)
	if len([]rune(s)) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

// errEnough stops a test crawl once --limit listings are shown.
var errEnough = errors.New("enough")

func (a *app) sourcesTestCommand() *cobra.Command {
	var limit int
	cmd := &cobra.Command{
		Use:   "test NAME",
		Short: "Fetch a source until --limit listings and print what would be stored, storing nothing",
		Long: `test crawls the named source until it has extracted --limit listings (or the
source ends), understands them as a crawl would, and prints them as JSON
lines in the fields of 'jobstats export listings --format jsonl' (amounts
in currency units, descriptions cut to 300 characters): the way to check a
new board's configuration before the first real crawl.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := atLeast("limit", limit, 1); err != nil {
				return err
			}
			cfg, err := a.config()
			if err != nil {
				return err
			}
			src, ok := cfg.Source(args[0])
			if !ok {
				_, err := selectSources(cfg, args)
				return err
			}
			opts, err := a.statsOptions()
			if err != nil {
				return err
			}
			sopts := scraper.Options{UserAgent: cfg.UserAgent, Logger: a.logger(), Now: a.now, Env: a.getenv}
			s, err := scraper.New(src, sopts)
			if err != nil {
				return err
			}
			ctx, cancel := context.WithTimeout(cmd.Context(), 2*time.Minute)
			defer cancel()
			if src.Kind == "html" {
				matches, err := scraper.ProbeSelectors(ctx, src, sopts)
				if err != nil {
					return fmt.Errorf("source %s: %w", src.Name, err)
				}
				printSelectorMatches(a.stderr, matches)
			}
			lw, err := report.NewListingWriter(a.stdout, "jsonl", opts)
			if err != nil {
				return err
			}
			n := 0
			st, err := s.Crawl(ctx, func(ctx context.Context, batch []jobstats.Listing) error {
				for i := range batch {
					if n >= limit {
						return errEnough
					}
					l := batch[i]
					parse.Enrich(&l, parse.EnrichOptions{Aliases: cfg.Roles.Aliases})
					if r := []rune(l.Description); len(r) > 300 {
						l.Description = string(r[:300]) + "…"
					}
					if err := lw.Write(&l); err != nil {
						return err
					}
					n++
				}
				if n >= limit {
					return errEnough
				}
				return nil
			})
			if werr := lw.Close(); werr != nil && err == nil {
				err = werr
			}
			fmt.Fprintf(a.stderr, "%s: %d listings shown, %d pages fetched, %d failed, %d empty\n",
				src.Name, n, st.PagesFetched, st.PagesFailed, st.PagesEmpty)
			for _, e := range st.Errors {
				fmt.Fprintln(a.stderr, "  error:", e)
			}
			if err != nil && !errors.Is(err, errEnough) {
				return err
			}
			if n == 0 {
				return fmt.Errorf("source %s: no listings extracted", src.Name)
			}
			return nil
		},
	}
	cmd.Flags().IntVar(&limit, "limit", 20, "print at most N listings")
	return cmd
}

// printSelectorMatches shows what each selector of an html source matched,
// page by page.
func printSelectorMatches(w io.Writer, matches []scraper.SelectorMatch) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	page := "\x00"
	for _, m := range matches {
		if m.Page != page {
			page = m.Page
			where := page
			if where == "" {
				where = "(no job page found)"
			}
			fmt.Fprintf(tw, "selectors on %s:\n", where)
		}
		n := fmt.Sprintf("%d matches", m.Matches)
		if m.Matches == 1 {
			n = "1 match"
		}
		v := m.Value
		if v == "" {
			v = "-"
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", m.Selector, m.CSS, n, truncate(v, 70))
	}
	tw.Flush()
}

func (a *app) runsCommand() *cobra.Command {
	var source string
	var limit int
	var full bool
	cmd := &cobra.Command{
		Use:   "runs",
		Short: "Show the crawl history: one line per run, newest first",
		Long: `runs lists the crawl runs, newest first: status (ok, partial, failed,
interrupted, or running), whether the run saw the whole board (COMPLETE: only
a complete run closes listings), pages, listings and what became of them, and
the errors, cut short unless --full. 'jobstats runs show ID' prints one run
whole.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := atLeast("limit", limit, 0); err != nil {
				return err
			}
			var runs []jobstats.Run
			err := a.withDB(cmd.Context(), false, func(db database) error {
				var err error
				runs, err = db.Runs(cmd.Context(), source, limit)
				return err
			})
			if err != nil {
				return err
			}
			if len(runs) == 0 {
				a.noRuns(source)
				return nil
			}
			tw := tabwriter.NewWriter(a.stdout, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tSOURCE\tSTART\tDURATION\tSTATUS\tCOMPLETE\tPAGES\tFAILED\tLISTINGS\tNEW\tUPDATED\tCLOSED\tERRORS")
			for _, r := range runs {
				dur := "-"
				if !r.End.IsZero() {
					dur = r.End.Sub(r.Start).Round(time.Millisecond).String()
				}
				errs := strings.Join(r.Errors, "; ")
				if !full {
					errs = truncate(errs, 80)
				}
				fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%d\t%d\t%d\t%d\t%d\t%d\t%s\n", r.ID, r.Source,
					r.Start.Local().Format("2006-01-02 15:04:05"), dur, r.Status, yesNo(r.Complete), r.PagesFetched, r.PagesFailed,
					r.Listings, r.New, r.Updated, r.Closed, errs)
			}
			return tw.Flush()
		},
	}
	cmd.Flags().StringVar(&source, "source", "", "only runs of this source")
	cmd.Flags().IntVarP(&limit, "limit", "n", 20, "at most N runs (0 = all)")
	cmd.Flags().BoolVar(&full, "full", false, "print the errors whole")
	cmd.AddCommand(a.runsShowCommand())
	return cmd
}

// noRuns says on stderr that there is no run to list, and, when a source
// was named that the config does not know either, which ones it does.
func (a *app) noRuns(source string) {
	if source == "" {
		fmt.Fprintln(a.stderr, "jobstats: no runs recorded yet: 'jobstats crawl' records one per source")
		return
	}
	msg := fmt.Sprintf("jobstats: no runs recorded for source %q", source)
	if cfg, err := a.config(); err == nil {
		if _, ok := cfg.Source(source); !ok {
			var known []string
			for _, s := range cfg.Sources {
				known = append(known, s.Name)
			}
			msg += fmt.Sprintf(", and the config has no source of that name (configured: %s)", strings.Join(known, ", "))
		}
	}
	fmt.Fprintln(a.stderr, msg)
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func (a *app) runsShowCommand() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "show ID",
		Short: "Print one run's record whole: owner, completeness, counts and every error",
		Example: `  jobstats runs show 42
  jobstats runs show 42 --format json`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := strconv.ParseUint(args[0], 10, 64)
			if err != nil || id == 0 {
				return fmt.Errorf("%w: run id %q: want a positive number (see 'jobstats runs')", errUsage, args[0])
			}
			if format != "text" && format != "json" {
				return fmt.Errorf("%w: --format %q: want text or json", errUsage, format)
			}
			var run jobstats.Run
			found := false
			err = a.withDB(cmd.Context(), false, func(db database) error {
				runs, err := db.Runs(cmd.Context(), "", 0)
				for _, r := range runs {
					if r.ID == id {
						run, found = r, true
					}
				}
				return err
			})
			if err != nil {
				return err
			}
			if !found {
				return fmt.Errorf("no run %d (see 'jobstats runs')", id)
			}
			if format == "json" {
				enc := json.NewEncoder(a.stdout)
				enc.SetIndent("", "  ")
				enc.SetEscapeHTML(false)
				return enc.Encode(run)
			}
			return writeRun(a.stdout, run)
		},
	}
	cmd.Flags().StringVarP(&format, "format", "f", "text", "text or json")
	return cmd
}

// writeRun prints a run's record whole, for 'jobstats runs show'.
func writeRun(w io.Writer, r jobstats.Run) error {
	tw := tabwriter.NewWriter(w, 0, 0, 1, ' ', 0)
	line := func(k, format string, args ...any) {
		fmt.Fprintf(tw, "%s:\t"+format+"\n", append([]any{k}, args...)...)
	}
	when := func(t time.Time) string {
		if t.IsZero() {
			return "-"
		}
		return t.Local().Format("2006-01-02 15:04:05 MST")
	}
	line("run", "%d", r.ID)
	line("source", "%s (%s)", r.Source, r.Kind)
	line("status", "%s", r.Status)
	switch {
	case r.Complete:
		line("complete", "yes: it saw the whole board, and may close what it no longer lists")
	case r.Incomplete != "":
		line("complete", "no: %s", r.Incomplete)
	default:
		line("complete", "no")
	}
	line("start", "%s", when(r.Start))
	if r.End.IsZero() {
		line("end", "- (last heartbeat %s)", when(r.Heartbeat))
	} else {
		line("end", "%s (%s)", when(r.End), r.End.Sub(r.Start).Round(time.Millisecond))
	}
	if r.Host != "" || r.PID != 0 {
		line("owner", "process %d on %s", r.PID, r.Host)
	}
	line("pages", "%d fetched, %d failed, %d without a posting", r.PagesFetched, r.PagesFailed, r.PagesEmpty)
	line("listings", "%d found, %d stored: %d new, %d updated", r.Listings, r.Stored, r.New, r.Updated)
	if r.Unchanged > 0 {
		line("unchanged", "%d (still listed, not fetched again: their pages had not changed)", r.Unchanged)
	}
	line("closed", "%d", r.Closed)
	if r.KeptOpen > 0 {
		line("kept open", "%d (still listed, but their pages failed)", r.KeptOpen)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(r.Errors) == 0 {
		_, err := fmt.Fprintln(w, "errors:   none")
		return err
	}
	fmt.Fprintf(w, "errors:   %d kept", len(r.Errors))
	if len(r.Errors) >= jobstats.MaxRunErrors {
		fmt.Fprintf(w, " (the first %d; the failed pages are counted above)", jobstats.MaxRunErrors)
	}
	fmt.Fprintln(w)
	for _, e := range r.Errors {
		if _, err := fmt.Fprintf(w, "  - %s\n", e); err != nil {
			return err
		}
	}
	return nil
}
