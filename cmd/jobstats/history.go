package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/jobstats/jobstats/report"
	"github.com/jobstats/jobstats/stats"
)

// snapshot is what is kept of a role's statistics after every run: the
// figures `stats history` shows over time. Its JSON is stored, so fields
// are only ever added. The top-level figures pool every market (as all
// snapshots did before markets were kept); Markets holds each market's.
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
	// Markets are the role's markets, most openings first; absent from
	// snapshots stored before markets were kept.
	Markets []marketSnapshot `json:"markets,omitempty"`
}

// marketSnapshot is one market of a role in a snapshot: the figures of its
// page. Median and Average are null below stats.MinMedian salaries.
type marketSnapshot struct {
	Market        string   `json:"market"`
	Openings      int      `json:"openings"`
	SalaryCount   int      `json:"salary_count"`
	Average       *float64 `json:"average"`
	Median        *float64 `json:"median"`
	LocalCurrency string   `json:"local_currency,omitempty"`
	MedianLocal   *float64 `json:"median_local"`
	DegreeStated  int      `json:"degree_stated"`
	RequiredShare *float64 `json:"degree_required_share"`
	Remote        int      `json:"remote"`
}

// snapshotKey is the storage key of a role's snapshots; roles compare
// without regard to case.
func snapshotKey(role string) string { return "role:" + strings.ToLower(role) }

// snapshotOptions returns the two aggregations a snapshot is made of, from
// base: one page per market (every market, however small) and one pooled
// page per role. Neither applies the config's report defaults: a snapshot
// keeps everything, and history filters it.
func snapshotOptions(base stats.Options) (markets, pooled stats.Options) {
	markets, pooled = base, base
	markets.Pool, markets.MinOpenings = false, 1
	pooled.Pool = true
	return markets, pooled
}

// snapshots computes what is stored after a run, one snapshot per role:
// from markets (a summary with a page for every market) and pooled (the
// same listings with one pooled page per role), as snapshotOptions makes
// them.
func snapshots(markets, pooled stats.Summary, at time.Time) []snapshot {
	all := map[string]*stats.Page{}
	for i := range pooled.Roles {
		if r := &pooled.Roles[i]; len(r.Pages) > 0 {
			all[strings.ToLower(r.Name)] = &r.Pages[0]
		}
	}
	out := make([]snapshot, 0, len(markets.Roles))
	for _, r := range markets.Roles {
		s := snapshot{At: at, Role: r.Name, Openings: r.Openings, Currency: markets.Currency}
		if p := all[strings.ToLower(r.Name)]; p != nil {
			s.SalaryCount, s.Average, s.Median = p.Salary.Count, p.Salary.Average, p.Salary.Median
			s.DegreeStated, s.RequiredShare = p.Degree.Stated, p.Degree.RequiredShare
		}
		for _, p := range r.Pages {
			m := marketSnapshot{Market: p.Market, Openings: p.Openings, SalaryCount: p.Salary.Count,
				Average: p.Salary.Average, Median: p.Salary.Median, LocalCurrency: p.LocalCurrency,
				DegreeStated: p.Degree.Stated, RequiredShare: p.Degree.RequiredShare, Remote: p.Workplace.Remote}
			if p.SalaryLocal != nil {
				m.MedianLocal = p.SalaryLocal.Median
			}
			s.Markets = append(s.Markets, m)
		}
		out = append(out, s)
	}
	return out
}

// takeSnapshot stores a snapshot of every role's statistics as they stand at
// at, so that `stats history` can show how they move. The crawl runner
// calls it once per crawl (or per group of daemon runs). It holds the
// database open for writing while it scans: this process's crawls share
// that handle meanwhile, so their writes go on beside the scan. What is
// stored is snapshots (from the summaries snapshotOptions asks for).
func (a *app) takeSnapshot(ctx context.Context, at time.Time) error {
	return a.withDB(ctx, true, func(db database) error {
		base, err := a.statsOptions()
		if err != nil {
			return err
		}
		base.MarketName, base.Now = marketName, a.now
		mo, po := snapshotOptions(base)
		sums, _, err := a.scanSummaries(ctx, mo, po)
		if err != nil {
			return err
		}
		for _, s := range snapshots(sums[0], sums[1], at) {
			data, err := json.Marshal(s)
			if err != nil {
				return err
			}
			if err := db.PutSnapshot(ctx, at, snapshotKey(s.Role), data); err != nil {
				return err
			}
		}
		return nil
	})
}

// historyRow is one line of `stats history`: a role in one market (or all
// markets pooled) at one time.
type historyRow struct {
	At            time.Time `json:"at"`
	Role          string    `json:"role"`
	Market        string    `json:"market"`
	MarketName    string    `json:"market_name"`
	Openings      int       `json:"openings"`
	SalaryCount   int       `json:"salary_count"`
	Median        *float64  `json:"median"`
	Average       *float64  `json:"average"`
	Currency      string    `json:"currency"`
	MedianLocal   *float64  `json:"median_local"`
	LocalCurrency string    `json:"local_currency"`
	DegreeStated  int       `json:"degree_stated"`
	RequiredShare *float64  `json:"degree_required_share"`
	// Basis is "snapshot" (stored after the run) or "recomputed" (from the
	// stored listings' lifecycles, for filters snapshots cannot answer).
	Basis string `json:"basis"`
}

// historyRows turns snapshots into rows: each market the filter keeps, in
// the order of the markets' openings in the latest snapshot, oldest first
// within a market; or, pooled, the all-markets figures.
func historyRows(snaps []snapshot, markets []string, pooled bool, basis string) []historyRow {
	var rows []historyRow
	if pooled {
		for _, s := range snaps {
			rows = append(rows, historyRow{At: s.At, Role: s.Role, Market: stats.MarketAll, MarketName: marketNameOf(stats.MarketAll),
				Openings: s.Openings, SalaryCount: s.SalaryCount, Median: s.Median, Average: s.Average, Currency: s.Currency,
				DegreeStated: s.DegreeStated, RequiredShare: s.RequiredShare, Basis: basis})
		}
		return rows
	}
	var order []string
	for i := len(snaps) - 1; i >= 0; i-- {
		for _, m := range snaps[i].Markets {
			if !slices.Contains(order, m.Market) && (len(markets) == 0 || slices.Contains(markets, m.Market)) {
				order = append(order, m.Market)
			}
		}
	}
	for _, key := range order {
		for _, s := range snaps {
			for _, m := range s.Markets {
				if m.Market == key {
					rows = append(rows, historyRow{At: s.At, Role: s.Role, Market: m.Market, MarketName: marketNameOf(m.Market),
						Openings: m.Openings, SalaryCount: m.SalaryCount, Median: m.Median, Average: m.Average, Currency: s.Currency,
						MedianLocal: m.MedianLocal, LocalCurrency: m.LocalCurrency, DegreeStated: m.DegreeStated,
						RequiredShare: m.RequiredShare, Basis: basis})
				}
			}
		}
	}
	return rows
}

func marketNameOf(key string) string {
	if key == stats.MarketAll || key == stats.MarketUnknown {
		return stats.DefaultMarketName(key)
	}
	if n := marketName(key); n != "" {
		return n
	}
	return stats.DefaultMarketName(key)
}

func (a *app) statsHistoryCommand() *cobra.Command {
	var f filterFlags
	var format, out string
	var pool bool
	cmd := &cobra.Command{
		Use:   "history",
		Short: "Openings, median salary and degree share of a role over time, per market",
		Long: `history prints the statistics of one role as they stood after each crawl,
one series per market (--pool: all markets pooled), oldest first. A snapshot
of every role and market is stored once every 'jobstats crawl', and once the
daemon's runs in flight together have ended; snapshots survive 'jobstats
prune'.

--country picks markets from the snapshots. The other filters (--remote,
--onsite, --company, --source, --seniority, --skill, --posted-since) cannot
be answered by snapshots: with any of them, each point is recomputed from the
stored listings as they were open at that snapshot's time, and the output
says so (basis "recomputed"); listings pruned since are missing from it.`,
		Example: `  jobstats stats history --role "Backend Engineer"
  jobstats stats history --role "Backend Engineer" --country US --format csv --out backend-us.csv
  jobstats stats history --role "Backend Engineer" --country US --seniority senior`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if f.role == "" {
				return fmt.Errorf("%w: --role is required", errUsage)
			}
			var render func(io.Writer, []historyRow) error
			switch format {
			case "text":
				render = historyText
			case "csv":
				render = historyCSV
			case "json":
				render = func(w io.Writer, rows []historyRow) error {
					enc := json.NewEncoder(w)
					enc.SetIndent("", "  ")
					if rows == nil {
						rows = []historyRow{}
					}
					return enc.Encode(rows)
				}
			default:
				return fmt.Errorf("%w: --format %q: want text, csv or json", errUsage, format)
			}
			filter, err := a.filter(cmd, &f)
			if err != nil {
				return err
			}
			if !cmd.Flags().Changed("pool") {
				if cfg, err := a.config(); err == nil {
					pool = cfg.Report.Pool
				}
			}
			snaps, err := a.loadSnapshots(cmd.Context(), f.role)
			if err != nil {
				return err
			}
			if len(snaps) == 0 {
				return fmt.Errorf("no history for role %q yet: snapshots are stored after every crawl run", f.role)
			}
			marketsKept := slices.ContainsFunc(snaps, func(s snapshot) bool { return len(s.Markets) > 0 })
			basis := "snapshot"
			rest := filter
			rest.Role, rest.Markets = "", nil
			if !rest.IsZero() {
				basis = "recomputed"
				if snaps, err = a.recompute(cmd.Context(), filter, snaps); err != nil {
					return err
				}
			}
			rows := historyRows(snaps, filter.Markets, pool, basis)
			if len(rows) == 0 {
				why := filterNote(stats.Summary{Filter: filter})
				if !pool && !marketsKept && basis == "snapshot" {
					why += "; snapshots stored before markets were kept have only all-markets figures (see --pool)"
				}
				return fmt.Errorf("no history for role %q%s", f.role, why)
			}
			return a.writeOut(out, func(w io.Writer) error { return render(w, rows) })
		},
	}
	f.register(cmd, true)
	cmd.Flags().StringVarP(&format, "format", "f", "text", "text, csv or json")
	cmd.Flags().StringVarP(&out, "out", "o", "", "write to this file instead of standard output")
	cmd.Flags().BoolVar(&pool, "pool", false, "all markets pooled into one series (config report.pool)")
	return cmd
}

// loadSnapshots reads the stored snapshots of a role, oldest first.
func (a *app) loadSnapshots(ctx context.Context, role string) ([]snapshot, error) {
	var snaps []snapshot
	err := a.withDB(ctx, false, func(db database) error {
		return db.Snapshots(ctx, snapshotKey(role), func(at time.Time, data []byte) error {
			var s snapshot
			if err := json.Unmarshal(data, &s); err != nil {
				return fmt.Errorf("snapshot of %s at %s: %w", role, at.Format(time.RFC3339), err)
			}
			s.At = at
			snaps = append(snaps, s)
			return nil
		})
	})
	return snaps, err
}

// recompute returns the snapshots a filter would have given at the times
// of snaps, from the stored listings' lifecycles (jobstats.OpenAtNanos),
// in one pass over their facts: one pair of aggregations per time.
func (a *app) recompute(ctx context.Context, filter stats.Filter, snaps []snapshot) ([]snapshot, error) {
	base, err := a.statsOptions()
	if err != nil {
		return nil, err
	}
	base.MarketName, base.Now, base.Filter = marketName, a.now, filter
	opts := make([]stats.Options, 0, 2*len(snaps))
	for _, s := range snaps {
		o := base
		o.AsOf = s.At
		mo, po := snapshotOptions(o)
		opts = append(opts, mo, po)
	}
	sums, _, err := a.scanSummaries(ctx, opts...)
	if err != nil {
		return nil, err
	}
	out := make([]snapshot, 0, len(snaps))
	for i, s := range snaps {
		got := snapshots(sums[2*i], sums[2*i+1], s.At)
		if len(got) == 0 {
			got = []snapshot{{At: s.At, Role: s.Role, Currency: base.Currency}}
		}
		out = append(out, got[0])
	}
	return out, nil
}

func historyText(w io.Writer, rows []historyRow) error {
	if len(rows) > 0 && rows[0].Basis == "recomputed" {
		fmt.Fprintln(w, "Recomputed from the stored listings at each snapshot time (the filters asked for are not in the snapshots); listings pruned since are missing.")
		fmt.Fprintln(w)
	}
	var b strings.Builder
	market := ""
	for _, r := range rows {
		if r.Market != market {
			if market != "" {
				b.WriteString("\n")
			}
			market = r.Market
			fmt.Fprintf(&b, "%s — %s\n", r.Role, r.MarketName)
			b.WriteString("TIME (UTC)\tOPENINGS\tWITH SALARY\tMEDIAN\tMEDIAN (LOCAL)\tAVERAGE\tDEGREE REQUIRED\n")
		}
		med, loc, avg, share := "too few", "too few", "too few", "n/a"
		if r.SalaryCount == 0 {
			med, loc, avg = "n/a", "n/a", "n/a"
		}
		if r.Median != nil {
			med = report.Money(r.Currency, *r.Median)
			loc = "n/a"
		}
		if r.MedianLocal != nil {
			loc = report.Money(r.LocalCurrency, *r.MedianLocal)
		}
		if r.Market == stats.MarketAll {
			loc = "–"
		}
		if r.Average != nil {
			avg = report.Money(r.Currency, *r.Average)
		}
		if r.RequiredShare != nil {
			share = report.Percent(*r.RequiredShare)
		}
		fmt.Fprintf(&b, "%s\t%d\t%d\t%s\t%s\t%s\t%s\n", r.At.UTC().Format("2006-01-02 15:04"), r.Openings, r.SalaryCount, med, loc, avg, share)
	}
	// Align each market's block on its own.
	for i, block := range strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n\n") {
		if i > 0 {
			fmt.Fprintln(w)
		}
		title, table, _ := strings.Cut(block, "\n")
		fmt.Fprintln(w, title)
		if err := alignTabs(w, table); err != nil {
			return err
		}
	}
	return nil
}

// alignTabs writes tab-separated lines with their columns aligned, the
// first column left and the rest right.
func alignTabs(w io.Writer, text string) error {
	lines := strings.Split(text, "\n")
	var cells [][]string
	var width []int
	for _, l := range lines {
		c := strings.Split(l, "\t")
		for i, s := range c {
			if i >= len(width) {
				width = append(width, 0)
			}
			width[i] = max(width[i], len([]rune(s)))
		}
		cells = append(cells, c)
	}
	for _, c := range cells {
		var b strings.Builder
		for i, s := range c {
			pad := strings.Repeat(" ", width[i]-len([]rune(s)))
			if i > 0 {
				b.WriteString("  " + pad + s)
			} else {
				b.WriteString(s + pad)
			}
		}
		if _, err := fmt.Fprintln(w, b.String()); err != nil {
			return err
		}
	}
	return nil
}

func historyCSV(w io.Writer, rows []historyRow) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"time", "role", "openings", "salary_count", "median", "average", "currency", "degree_stated", "degree_required_share",
		"market", "market_name", "median_local", "local_currency", "basis"})
	num := func(p *float64) string {
		if p == nil {
			return ""
		}
		return strconv.FormatFloat(*p, 'f', -1, 64)
	}
	for _, r := range rows {
		cw.Write([]string{r.At.UTC().Format(time.RFC3339), report.Neutralize(r.Role), strconv.Itoa(r.Openings),
			strconv.Itoa(r.SalaryCount), num(r.Median), num(r.Average), r.Currency, strconv.Itoa(r.DegreeStated), num(r.RequiredShare),
			report.Neutralize(r.Market), report.Neutralize(r.MarketName), num(r.MedianLocal), r.LocalCurrency, r.Basis})
	}
	cw.Flush()
	return cw.Error()
}
