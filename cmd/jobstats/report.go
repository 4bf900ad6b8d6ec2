package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/config"
	"github.com/jobstats/jobstats/parse"
	"github.com/jobstats/jobstats/report"
	"github.com/jobstats/jobstats/stats"
	"github.com/jobstats/jobstats/storage"
)

func (a *app) statsCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "stats",
		Short: "Salary statistics per role and market",
	}
	cmd.AddCommand(a.statsReportCommand(), a.statsHistoryCommand())
	return cmd
}

// filterFlags are the listing filters of every report command (stats
// report, stats history, export stats, export listings). A flag that is
// given replaces the config's report default of the same name.
type filterFlags struct {
	role        string
	countries   []string
	remote      bool
	onsite      bool
	companies   []string
	sources     []string
	seniorities []string
	skills      []string
	postedSince string
}

func (f *filterFlags) register(cmd *cobra.Command, roleRequired bool) {
	fl := cmd.Flags()
	if roleRequired {
		fl.StringVar(&f.role, "role", "", `the role, e.g. "Backend Engineer" (case-insensitive)`)
	} else {
		fl.StringVar(&f.role, "role", "", `only this role, e.g. "Backend Engineer" (case-insensitive)`)
	}
	fl.StringArrayVar(&f.countries, "country", nil, `only this market (repeatable): a country code or name (US, Germany), a region group (EU, EMEA, APAC, ...: its countries and its remote market), remote:worldwide, or unknown; "all" clears the config's report.countries`)
	fl.BoolVar(&f.remote, "remote", false, "only fully remote jobs (--remote=false clears the config's report.workplace)")
	fl.BoolVar(&f.onsite, "onsite", false, "only jobs that are not fully remote: on-site, hybrid or not stated")
	fl.StringArrayVar(&f.companies, "company", nil, "only this employer (repeatable)")
	fl.StringArrayVar(&f.sources, "source", nil, "only listings seen on this source (repeatable; cross-posts count)")
	fl.StringArrayVar(&f.seniorities, "seniority", nil, "only this level (repeatable): intern, junior, mid, senior, lead, principal")
	fl.StringArrayVar(&f.skills, "skill", nil, "only listings asking for this skill (repeatable: any of them)")
	fl.StringVar(&f.postedSince, "posted-since", "", `only listings posted on or after this day (YYYY-MM-DD), or within this long ("30d")`)
}

// listFlag returns the values of a repeatable filter flag when it was
// given (an empty value or "all" clears), else the config's default.
func listFlag(cmd *cobra.Command, name string, vals, def []string) []string {
	if !cmd.Flags().Changed(name) {
		return def
	}
	var out []string
	for _, v := range vals {
		if v = strings.TrimSpace(v); v != "" && !(name == "country" && strings.EqualFold(v, "all")) {
			out = append(out, v)
		}
	}
	return out
}

// filter builds the listing filter of a command from its flags over the
// config's report defaults. It is the one place the four report commands
// turn what a user asks for into a stats.Filter.
func (a *app) filter(cmd *cobra.Command, f *filterFlags) (stats.Filter, error) {
	cfg, err := a.config()
	if err != nil {
		return stats.Filter{}, err
	}
	def := cfg.Report
	out := stats.Filter{Role: strings.TrimSpace(f.role)}

	countries := listFlag(cmd, "country", f.countries, def.Countries)
	if out.Markets, err = stats.ParseMarkets(countries, expandCountries); err != nil {
		if cmd.Flags().Changed("country") {
			return stats.Filter{}, fmt.Errorf("%w: --country: %v", errUsage, err)
		}
		return stats.Filter{}, fmt.Errorf("config report.countries: %w", err)
	}

	switch def.Workplace {
	case "remote":
		out.Workplace = stats.WorkplaceRemote
	case "onsite":
		out.Workplace = stats.WorkplaceOnsite
	}
	if cmd.Flags().Changed("remote") || cmd.Flags().Changed("onsite") {
		switch {
		case f.remote && f.onsite:
			return stats.Filter{}, fmt.Errorf("%w: --remote and --onsite exclude each other", errUsage)
		case f.remote:
			out.Workplace = stats.WorkplaceRemote
		case f.onsite:
			out.Workplace = stats.WorkplaceOnsite
		default:
			out.Workplace = stats.WorkplaceAny
		}
	}

	out.Companies = listFlag(cmd, "company", f.companies, def.Companies)
	out.Sources = listFlag(cmd, "source", f.sources, def.Sources)
	// A skill is matched however the parser reads it ("golang" is Go,
	// "k8s" Kubernetes); one it cannot read is in no listing.
	for _, v := range listFlag(cmd, "skill", f.skills, def.Skills) {
		name, ok := parse.CanonicalSkill(v)
		switch {
		case ok:
			out.Skills = append(out.Skills, name)
		case cmd.Flags().Changed("skill"):
			return stats.Filter{}, fmt.Errorf("%w: --skill %q: not a skill jobstats recognises (see 'jobstats parse skills %s')", errUsage, v, v)
		default:
			return stats.Filter{}, fmt.Errorf("config report.skills: %q: not a skill jobstats recognises", v)
		}
	}
	for _, s := range listFlag(cmd, "seniority", f.seniorities, def.Seniorities) {
		out.Seniorities = append(out.Seniorities, jobstats.Seniority(strings.ToLower(s)))
	}
	if err := out.Validate(); err != nil {
		return stats.Filter{}, fmt.Errorf("%w: --seniority: %v", errUsage, err)
	}

	if cmd.Flags().Changed("posted-since") {
		if out.PostedSince, err = parsePostedSince(f.postedSince, a.now()); err != nil {
			return stats.Filter{}, err
		}
	} else if def.PostedWithin > 0 {
		out.PostedSince = a.now().UTC().Add(-def.PostedWithin.D())
	}
	return out, nil
}

// parsePostedSince reads --posted-since (stats.ParsePostedSince).
func parsePostedSince(s string, now time.Time) (time.Time, error) {
	t, err := stats.ParsePostedSince(s, now)
	if err != nil {
		return time.Time{}, fmt.Errorf("%w: --%v", errUsage, strings.Replace(err.Error(), "posted since", "posted-since", 1))
	}
	return t, nil
}

// reportFlags are the flags every statistics command shares.
type reportFlags struct {
	filterFlags
	asOf        string
	top         int
	out         string
	format      string
	pool        bool
	minOpenings int
}

func (f *reportFlags) register(cmd *cobra.Command, formats string, def string) {
	f.filterFlags.register(cmd, false)
	cmd.Flags().StringVar(&f.asOf, "as-of", "", "report the market as it stood on this day (YYYY-MM-DD, end of day UTC)")
	cmd.Flags().StringVarP(&f.format, "format", "f", def, "output format: "+formats)
	cmd.Flags().StringVarP(&f.out, "out", "o", "", "write to this file instead of standard output")
	cmd.Flags().BoolVar(&f.pool, "pool", false, "one page per role for all markets together, stating its country and currency mix (config report.pool)")
	cmd.Flags().IntVar(&f.minOpenings, "min-openings", 0, "the fewest openings for which a market gets a page of its own (config report.min_openings, default 5)")
}

// request turns the flags into what summary needs. keepSmall gives every
// market a page unless --min-openings says otherwise (for exports, which
// are data and hide nothing).
func (a *app) request(cmd *cobra.Command, f *reportFlags, keepSmall bool) (summaryRequest, error) {
	if err := f.check(a.now()); err != nil {
		return summaryRequest{}, err
	}
	cfg, err := a.config()
	if err != nil {
		return summaryRequest{}, err
	}
	filter, err := a.filter(cmd, &f.filterFlags)
	if err != nil {
		return summaryRequest{}, err
	}
	req := summaryRequest{filter: filter, asOf: f.asOf, top: f.top, pool: cfg.Report.Pool, minOpenings: cfg.Report.MinOpenings}
	if req.minOpenings == 0 {
		req.minOpenings = config.DefaultMinOpenings
	}
	if keepSmall {
		req.minOpenings = 1
	}
	if cmd.Flags().Changed("pool") {
		req.pool = f.pool
	}
	if cmd.Flags().Changed("min-openings") {
		if f.minOpenings < 1 {
			return summaryRequest{}, fmt.Errorf("%w: --min-openings %d: want 1 or more", errUsage, f.minOpenings)
		}
		req.minOpenings = f.minOpenings
	}
	return req, nil
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
		Short: "Print the salary report: per role, its markets, then one page per market",
		Long: `report aggregates the open listings in the database per role and market
(country, or a remote region such as "Remote — EU"): for each role a table of
its markets (openings, median in the report currency and in the local one),
then a page per market with at least --min-openings openings, most openings
first. A page gives the median and average annual salary with a 95%
confidence interval, the salary range, the range by seniority, contract rates
and internship pay apart from the salaries, the share of listings that ask
for a degree, the remote share, who is hiring and which skills they ask for.
Every figure states the sample it rests on; a median needs 5 salaries.`,
		Example: `  jobstats stats report
  jobstats stats report --role "Backend Engineer" --country US
  jobstats stats report --country EU --remote --seniority senior
  jobstats stats report --format text
  jobstats stats report --format json --out report.json
  jobstats stats report --pool --as-of 2026-10-01`,
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
			req, err := a.request(cmd, &f, false)
			if err != nil {
				return err
			}
			sum, err := a.summary(cmd.Context(), req)
			if err != nil {
				return err
			}
			if f.role != "" && len(sum.Roles) == 0 {
				return fmt.Errorf("no open listings for role %q%s (see 'jobstats stats report --format text' for the roles)", f.role, filterNote(sum))
			}
			return a.writeOut(f.out, func(w io.Writer) error { return render(w, sum) })
		},
	}
	f.register(cmd, "markdown, text or json", "markdown")
	cmd.Flags().IntVar(&f.top, "top", 0, "only the N roles with the most openings (0 = all)")
	return cmd
}

// filterNote is " with filter ..." when the summary was filtered beyond
// its role, else "".
func filterNote(s stats.Summary) string {
	f := s.Filter
	f.Role = ""
	if f.IsZero() {
		return ""
	}
	return " with filter " + f.Describe(marketName)
}

// compareDays is how far back the reports compare openings and median.
const compareDays = 30

// summaryRequest is what a report asks of the stored listings.
type summaryRequest struct {
	filter      stats.Filter
	asOf        string
	top         int
	pool        bool
	minOpenings int
}

// options returns the aggregation options the config and req ask for.
func (a *app) options(req summaryRequest) (stats.Options, error) {
	opts, err := a.statsOptions()
	if err != nil {
		return stats.Options{}, err
	}
	if opts.AsOf, err = parseAsOf(req.asOf, a.now()); err != nil {
		return stats.Options{}, err
	}
	opts.Filter, opts.Pool, opts.MinOpenings = req.filter, req.pool, req.minOpenings
	opts.MarketName = marketName
	opts.Now = a.now
	at := opts.AsOf
	if at.IsZero() {
		at = a.now()
	}
	opts.CompareAt = at.AddDate(0, 0, -compareDays)
	return opts, nil
}

// summary aggregates the facts of the stored listings in one scan, with
// the change of every page since 30 days before (made only when the
// database reaches back that far: stats.Options.CompareAt).
func (a *app) summary(ctx context.Context, req summaryRequest) (stats.Summary, error) {
	sums, err := a.summaries(ctx, req)
	if err != nil {
		return stats.Summary{}, err
	}
	return sums[0], nil
}

// summaries is summary for several requests in one scan of the facts:
// the summary of each, in order.
func (a *app) summaries(ctx context.Context, reqs ...summaryRequest) ([]stats.Summary, error) {
	opts := make([]stats.Options, 0, len(reqs))
	for _, req := range reqs {
		o, err := a.options(req)
		if err != nil {
			return nil, err
		}
		opts = append(opts, o)
	}
	sums, _, err := a.scanSummaries(ctx, opts...)
	if err != nil {
		return nil, err
	}
	for i, req := range reqs {
		sums[i] = topRoles(sums[i], req.top)
	}
	return sums, nil
}

// topRoles keeps the top roles of sum (all when top is 0).
func topRoles(sum stats.Summary, top int) stats.Summary {
	if top > 0 && len(sum.Roles) > top {
		sum.Roles = sum.Roles[:top]
	}
	return sum
}

// factReader is a database that keeps the facts of its listings apart
// (storage.DB: see storage.DB.Facts): statistics read them alone.
type factReader interface {
	Facts(ctx context.Context, fn func(*jobstats.Symbols, *jobstats.Fact) error) error
}

var _ factReader = (*storage.DB)(nil)

// facts calls fn with the facts of every listing of db, in ID order: the
// ones db keeps when it keeps them, else those derived from its listings
// (jobstats.Fact.Set), which are the same.
func facts(ctx context.Context, db database, fn func(*jobstats.Symbols, *jobstats.Fact) error) error {
	if fr, ok := db.(factReader); ok {
		return fr.Facts(ctx, fn)
	}
	syms := jobstats.NewSymbols()
	var f jobstats.Fact
	return db.ForEach(ctx, jobstats.Scan{}, func(l *jobstats.Listing) error {
		f.Set(l, syms)
		return fn(syms, &f)
	})
}

// scanSummaries aggregates the facts of the stored listings in one pass
// into a summary per option set, side by side (stats.Stream), and returns
// the earliest FirstSeen of any listing.
func (a *app) scanSummaries(ctx context.Context, opts ...stats.Options) ([]stats.Summary, time.Time, error) {
	st := stats.NewStream(opts...)
	err := a.withDB(ctx, false, func(db database) error { return facts(ctx, db, st.AddFact) })
	sums := st.Summaries()
	if err != nil {
		return nil, time.Time{}, err
	}
	return sums, st.Oldest(), nil
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
	var format, out string
	var f filterFlags
	var openOnly bool
	cmd := &cobra.Command{
		Use:   "listings",
		Short: "Export every stored listing, streamed from the database",
		Long: `listings writes every stored listing (open and closed; --open for open only)
with JobSpy-compatible column names first, then jobstats' own (market,
country, pay type, ...). The filters are those of 'stats report'. The columns
and the JSON schema are documented in the report package (see README.md).
Cells that a spreadsheet would run as a formula are neutralised.`,
		Example: `  jobstats export listings --format csv --out listings.csv
  jobstats export listings --country DE --open --format jsonl | jq .title`,
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
			filter, err := a.filter(cmd, &f)
			if err != nil {
				return err
			}
			ctx := cmd.Context()
			written := 0
			return a.writeOut(out, func(w io.Writer) error {
				lw, err := report.NewListingWriter(w, format, opts)
				if err != nil {
					return err
				}
				err = a.withDB(ctx, false, func(db database) error {
					// First pass: which listings are the same job, so each
					// shows (and is filtered by) every source it was seen on.
					jobs := stats.NewJobs()
					err := db.ForEach(ctx, storage.Scan{}, func(l *jobstats.Listing) error {
						jobs.Add(l)
						return nil
					})
					if err != nil {
						return err
					}
					return db.ForEach(ctx, storage.Scan{Description: true, OpenOnly: openOnly},
						func(l *jobstats.Listing) error {
							l.Sources = jobs.Sources(l)
							if !filter.Match(l) {
								return nil
							}
							written++
							return lw.Write(l)
						})
				})
				if cerr := lw.Close(); err == nil {
					err = cerr
				}
				if err == nil && written == 0 && (!filter.IsZero() || openOnly) {
					// An empty export is a valid answer, but a typo in a
					// filter (--source nope) should not pass for one.
					fmt.Fprintf(a.stderr, "jobstats: no listing matches the filter: %s\n", describeFilter(filter, openOnly))
				}
				return err
			})
		},
	}
	f.register(cmd, false)
	cmd.Flags().StringVarP(&format, "format", "f", "csv", "csv, json or jsonl")
	cmd.Flags().StringVarP(&out, "out", "o", "", "write to this file instead of standard output")
	cmd.Flags().BoolVar(&openOnly, "open", false, "only open listings")
	return cmd
}

func (a *app) exportStatsCommand() *cobra.Command {
	var f reportFlags
	cmd := &cobra.Command{
		Use:   "stats",
		Short: "Export the statistics per role and market as CSV or JSON",
		Long: `stats writes the figures of 'stats report' as data: the JSON schema of the
stats package, or one CSV row per page (a role in a market) and level. Unlike
the printed report it gives every market a page unless --min-openings is set.`,
		Args: cobra.NoArgs,
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
			req, err := a.request(cmd, &f, true)
			if err != nil {
				return err
			}
			sum, err := a.summary(cmd.Context(), req)
			if err != nil {
				return err
			}
			return a.writeOut(f.out, func(w io.Writer) error { return render(w, sum) })
		},
	}
	f.register(cmd, "csv or json", "csv")
	return cmd
}

// describeFilter says in words what an export was limited to.
func describeFilter(f stats.Filter, openOnly bool) string {
	var parts []string
	if !f.IsZero() {
		parts = append(parts, f.Describe(marketName))
	}
	if openOnly {
		parts = append(parts, "open listings only")
	}
	return strings.Join(parts, "; ")
}
