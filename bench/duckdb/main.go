// Command duckdb runs DuckDB beside jobstats on the same listings, for
// bench/report.sh: it loads the facts of a jobstats database into a DuckDB
// table, times the per-role and per-market figures of `jobstats stats
// report` (openings, salaries counted, median and average annual salary
// in USD) as one SQL query, cold (a new process) and warm (the query run
// again), and checks them against jobstats' own JSON, to the cent.
//
//	duckdb load  -db bench.db -out bench.duckdb
//	duckdb query -duckdb bench.duckdb [-runs 5] [-check report.json] [-role R -market M]
//
// It is a module of its own so that jobstats does not depend on DuckDB
// (a cgo library of some 130 MB).
package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/stats"
	"github.com/jobstats/jobstats/storage"
)

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "duckdb:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, w io.Writer) error {
	if len(args) == 0 {
		return errors.New("usage: duckdb load|query [flags]")
	}
	fs := flag.NewFlagSet(args[0], flag.ContinueOnError)
	dbPath := fs.String("db", "", "the jobstats database (load)")
	out := fs.String("out", "", "the DuckDB file to write (load)")
	duck := fs.String("duckdb", "", "the DuckDB file to query (query)")
	runs := fs.Int("runs", 5, "how many times to run the query in one process (query)")
	check := fs.String("check", "", "jobstats' `stats report --format json --min-openings 1` to compare with (query)")
	role := fs.String("role", "", "only this role: the figures of one page (query)")
	market := fs.String("market", "", "only this market, with -role (query)")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	switch args[0] {
	case "load":
		return load(ctx, *dbPath, *out, w)
	case "query":
		return query(ctx, *duck, *runs, *check, *role, *market, w)
	}
	return fmt.Errorf("unknown command %q", args[0])
}

// schema is the table of listings: the facts statistics read, as their
// strings and numbers.
const schema = `CREATE TABLE listings (
	role VARCHAR, market VARCHAR, seniority VARCHAR, employment VARCHAR,
	has_salary BOOLEAN, currency VARCHAR, period VARCHAR, min_cents BIGINT, max_cents BIGINT,
	first_seen BIGINT, closed_at BIGINT, fingerprint UBIGINT);
CREATE TABLE rates (currency VARCHAR, per_usd DOUBLE);`

// load writes every listing's facts from the jobstats database into a new
// DuckDB file, with jobstats' built-in exchange rates.
func load(ctx context.Context, dbPath, out string, w io.Writer) error {
	if dbPath == "" || out == "" {
		return errors.New("load: want -db and -out")
	}
	os.Remove(out)
	start := time.Now()
	connector, err := duckdb.NewConnector(out, nil)
	if err != nil {
		return fmt.Errorf("open %s: %w", out, err)
	}
	defer connector.Close()
	conn, err := connector.Connect(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	sqldb := sql.OpenDB(connector)
	defer sqldb.Close()
	if _, err := sqldb.ExecContext(ctx, schema); err != nil {
		return fmt.Errorf("create tables: %w", err)
	}
	for cur, v := range jobstats.DefaultRates().Rates {
		if _, err := sqldb.ExecContext(ctx, `INSERT INTO rates VALUES (?, ?)`, cur, v); err != nil {
			return err
		}
	}
	app, err := duckdb.NewAppenderFromConn(conn, "", "listings")
	if err != nil {
		return err
	}
	db, err := storage.Open(dbPath, &storage.Options{ReadOnly: true})
	if err != nil {
		return err
	}
	defer db.Close()
	n := 0
	err = db.Facts(ctx, func(syms *jobstats.Symbols, f *jobstats.Fact) error {
		n++
		var closed any
		if f.ClosedAt != jobstats.NoTime {
			closed = f.ClosedAt
		}
		return app.AppendRow(syms.Name(f.Role), syms.Name(f.Market), syms.Name(f.Seniority), syms.Name(f.Employment),
			f.Salary, syms.Name(f.Currency), syms.Name(f.Period), int64(f.Min), int64(f.Max),
			f.FirstSeen, closed, f.Fingerprint)
	})
	if err == nil {
		err = app.Close()
	}
	if err != nil {
		return fmt.Errorf("load listings: %w", err)
	}
	fmt.Fprintf(w, "duckdb load: %d listings in %.1f s\n", n, time.Since(start).Seconds())
	return nil
}

// figures is the query: the rules of the stats package on these columns
// (markets, pay types, annualization at 2080/260/52/12, conversion with
// the rates table, the plausible band of 1,000 to 2,000,000 USD), for the
// listings open now. It does not group cross-posts (the benchmark's
// listings have none) and reads the employment labels the benchmark
// writes and the normalized ones.
const figures = `
WITH open AS (
	SELECT role, coalesce(nullif(market, ''), 'unknown') AS market, seniority,
		lower(replace(replace(trim(employment), '-', '_'), ' ', '_')) AS emp,
		has_salary, currency, period, min_cents, max_cents
	FROM listings WHERE closed_at IS NULL %s
), typed AS (
	SELECT *,
		CASE WHEN emp IN ('contract', 'contractor', 'freelance', 'temporary') THEN 'contract'
		     WHEN emp IN ('internship', 'intern') THEN 'internship'
		     WHEN emp NOT IN ('full_time', 'part_time') AND seniority = 'intern' THEN 'internship'
		     WHEN emp NOT IN ('full_time', 'part_time') AND has_salary AND period = 'day' THEN 'contract'
		     ELSE 'salaried' END AS pay_type,
		CASE period WHEN 'hour' THEN 2080.0 WHEN 'day' THEN 260.0 WHEN 'week' THEN 52.0
		            WHEN 'month' THEN 12.0 WHEN 'year' THEN 1.0 END AS per
	FROM open
), annual AS (
	SELECT t.role, t.market, t.pay_type,
		CASE WHEN t.min_cents > 0 THEN t.min_cents / 100.0 * t.per * (1.0 / r.per_usd) ELSE 0 END AS lo,
		CASE WHEN t.max_cents > 0 THEN t.max_cents / 100.0 * t.per * (1.0 / r.per_usd) ELSE 0 END AS hi,
		t.has_salary AND (t.min_cents > 0 OR t.max_cents > 0) AND t.per IS NOT NULL AND r.per_usd IS NOT NULL
			AND NOT (t.min_cents > 0 AND t.max_cents > 0 AND t.min_cents > t.max_cents) AS usable
	FROM typed t LEFT JOIN rates r ON r.currency = upper(t.currency)
), pay AS (
	SELECT role, market,
		CASE WHEN pay_type = 'salaried' AND usable
		      AND (lo = 0 OR lo BETWEEN 1000 AND 2000000) AND (hi = 0 OR hi BETWEEN 1000 AND 2000000)
		     THEN CASE WHEN lo > 0 AND hi > 0 THEN (lo + hi) / 2 WHEN lo > 0 THEN lo ELSE hi END END AS salary
	FROM annual
)
SELECT role, market, count(*) AS openings, count(salary) AS salaries,
	median(salary) AS median, avg(salary) AS average
FROM pay GROUP BY role, market ORDER BY role, market`

// row is one role in one market.
type row struct {
	role, market       string
	openings, salaries int
	median, average    *float64
}

func query(ctx context.Context, duck string, runs int, check, role, market string, w io.Writer) error {
	if duck == "" {
		return errors.New("query: want -duckdb")
	}
	start := time.Now()
	db, err := sql.Open("duckdb", duck+"?access_mode=READ_ONLY")
	if err != nil {
		return err
	}
	defer db.Close()
	where := ""
	var args []any
	if role != "" {
		where = "AND role = ? AND coalesce(nullif(market, ''), 'unknown') = ?"
		args = []any{role, market}
	}
	q := fmt.Sprintf(figures, where)
	var rows []row
	var times []time.Duration
	for i := range max(runs, 1) {
		t0 := time.Now()
		if rows, err = fetch(ctx, db, q, args); err != nil {
			return err
		}
		d := time.Since(t0)
		if i == 0 {
			fmt.Fprintf(w, "duckdb cold (open and first query): %.3f s\n", time.Since(start).Seconds())
		}
		times = append(times, d)
	}
	slices.Sort(times)
	fmt.Fprintf(w, "duckdb warm (median of %d runs): %.1f ms, %d rows\n", len(times), float64(times[len(times)/2].Microseconds())/1000, len(rows))
	if check == "" {
		return nil
	}
	return compare(rows, check, w)
}

func fetch(ctx context.Context, db *sql.DB, q string, args []any) ([]row, error) {
	rs, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("query: %w", err)
	}
	defer rs.Close()
	var out []row
	for rs.Next() {
		var r row
		var med, avg sql.NullFloat64
		if err := rs.Scan(&r.role, &r.market, &r.openings, &r.salaries, &med, &avg); err != nil {
			return nil, err
		}
		if med.Valid {
			r.median = &med.Float64
		}
		if avg.Valid {
			r.average = &avg.Float64
		}
		out = append(out, r)
	}
	return out, rs.Err()
}

// compare checks the DuckDB rows against jobstats' summary: every market
// of every role, the same openings, salaries counted, median and average
// to the cent (jobstats gives no median below 5 salaries).
func compare(rows []row, path string, w io.Writer) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var sum stats.Summary
	if err := json.Unmarshal(data, &sum); err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	type key struct{ role, market string }
	want := map[key]stats.Page{}
	for _, r := range sum.Roles {
		for _, p := range r.Pages {
			want[key{r.Name, p.Market}] = p
		}
	}
	cents := func(p *float64) string {
		if p == nil {
			return "null"
		}
		return fmt.Sprintf("%.2f", math.Round(*p*100)/100)
	}
	var bad []string
	medians := 0
	for _, r := range rows {
		p, ok := want[key{r.role, r.market}]
		if !ok {
			bad = append(bad, fmt.Sprintf("%s in %s: no page in jobstats", r.role, r.market))
			continue
		}
		delete(want, key{r.role, r.market})
		med, avg := r.median, r.average
		if r.salaries < stats.MinMedian {
			med, avg = nil, nil
		}
		if p.Openings != r.openings || p.Salary.Count != r.salaries || cents(p.Salary.Median) != cents(med) || cents(p.Salary.Average) != cents(avg) {
			bad = append(bad, fmt.Sprintf("%s in %s: jobstats %d openings, %d salaries, median %s, average %s; duckdb %d, %d, %s, %s",
				r.role, r.market, p.Openings, p.Salary.Count, cents(p.Salary.Median), cents(p.Salary.Average),
				r.openings, r.salaries, cents(med), cents(avg)))
			continue
		}
		if med != nil {
			medians++
		}
	}
	for k := range want {
		bad = append(bad, fmt.Sprintf("%s in %s: no row in duckdb", k.role, k.market))
	}
	if len(bad) > 0 {
		return fmt.Errorf("%d of %d figures differ:\n%s", len(bad), len(rows), strings.Join(bad, "\n"))
	}
	fmt.Fprintf(w, "same figures: %d roles × markets, %d medians and averages equal to the cent\n", len(rows), medians)
	return nil
}
