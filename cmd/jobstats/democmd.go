package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/config"
	"github.com/jobstats/jobstats/demo"
	"github.com/jobstats/jobstats/postgres"
	"github.com/jobstats/jobstats/report"
)

func (a *app) demoCommand() *cobra.Command {
	var top, jobs, minOpenings int
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Crawl a built-in job board offline and print the report",
		Long: `demo serves a built-in job board on 127.0.0.1 (a random port), crawls it with
the jsonld source into a fresh database, prints the markdown report for the
roles with the most openings (for each, its markets and a page per market
with at least --min-openings openings), and the path of the database so the
other commands can be tried on it. No network and no config are needed. A
few of the board's pages are broken on purpose; the crawl counts them as
failed and says so.

The database is $TMPDIR/jobstats-demo/jobstats.db (/tmp when TMPDIR is not
set), made afresh by every demo, unless --db names another; JOBSTATS_DB is
ignored here, so the demo's made-up listings never land in a real database.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := atLeast("top", top, 0); err != nil {
				return err
			}
			if err := atLeast("jobs", jobs, 0); err != nil {
				return err
			}
			// The demo's failed pages are on purpose and counted in the
			// summary line; keep its first screen free of warnings unless
			// a log level was asked for.
			if !cmd.Flags().Changed("log-level") {
				a.logLevel = "error"
				if err := a.setupLogging(); err != nil {
					return err
				}
			}
			if minOpenings < 1 {
				return fmt.Errorf("%w: --min-openings %d: want 1 or more", errUsage, minOpenings)
			}
			return a.runDemo(cmd.Context(), top, jobs, minOpenings)
		},
	}
	cmd.Flags().IntVar(&top, "top", 2, "print the report for the N roles with the most openings")
	cmd.Flags().IntVar(&minOpenings, "min-openings", 20, "give a page of its own to each market with at least this many openings")
	cmd.Flags().IntVar(&jobs, "jobs", 0, "how many listings the board holds (default: the board's own)")
	cmd.AddCommand(a.demoServeCommand())
	return cmd
}

// demoDatabase returns the demo's database: a fresh one at the same
// place every time, $TMPDIR/jobstats-demo/jobstats.db (or /tmp/...), so
// the commands the README shows after the demo work as pasted. A
// directory there that is not this user's own (or not a directory) is
// left alone and a new one made instead.
func demoDatabase() (string, error) {
	dir := filepath.Join(os.TempDir(), "jobstats-demo")
	if err := os.Mkdir(dir, 0o700); err != nil && !errors.Is(err, fs.ErrExist) {
		return "", fmt.Errorf("create demo directory: %w", err)
	}
	if !ownDirectory(dir) {
		var err error
		if dir, err = os.MkdirTemp("", "jobstats-demo-"); err != nil {
			return "", fmt.Errorf("create demo directory: %w", err)
		}
	}
	path := filepath.Join(dir, "jobstats.db")
	for _, p := range []string{path, path + ".lock"} {
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return "", fmt.Errorf("remove the last demo's database: %w", err)
		}
	}
	return path, nil
}

func (a *app) runDemo(ctx context.Context, top, jobs, minOpenings int) error {
	// The demo writes 477 made-up listings: only --db may send them
	// anywhere but a database of the demo's own. JOBSTATS_DB, usually set
	// for real use, does not count.
	if a.dbPath == "" {
		path, err := demoDatabase()
		if err != nil {
			return err
		}
		a.dbPath = path
	}
	board := demo.New(demo.Options{Jobs: jobs})
	ctx, stop := context.WithCancel(ctx)
	defer stop()
	ready := make(chan string, 1)
	served := make(chan error, 1)
	go func() { served <- demo.Serve(ctx, "127.0.0.1:0", board, func(base string) { ready <- base }) }()
	var base string
	select {
	case base = <-ready:
	case err := <-served:
		return fmt.Errorf("serve demo board: %w", err)
	}

	cfg := config.Default()
	src := config.Source{
		Name:        "demo",
		Kind:        "jsonld",
		StartURLs:   []string{board.StartURL(base)},
		Follow:      board.Follow(),
		Parallelism: 8,
		// Every page: the jobs, the index pages, the about page.
		MaxPages: len(board.Jobs()) + board.Pages() + 10,
	}
	src.ApplyDefaults()
	cfg.Sources = []config.Source{src}
	a.cfg, a.loaded = cfg, true

	fmt.Fprintf(a.stderr, "Crawling the demo board at %s ...\n", base)
	runs, err := a.crawlSources(ctx, cfg.Sources, noProgress{})
	stop()
	if err != nil {
		return err
	}
	if err := <-served; err != nil && !errors.Is(err, context.Canceled) {
		a.logger().Warn("demo board", "err", err)
	}
	if err := summarizeRuns(a.stderr, runs); err != nil {
		return err
	}
	explainDemoRun(a.stderr, runs)
	sum, err := a.summary(context.WithoutCancel(ctx), summaryRequest{top: top, minOpenings: minOpenings})
	if err != nil {
		return err
	}
	if err := report.Markdown(a.stdout, sum); err != nil {
		return err
	}
	path, _ := a.databasePath()
	if postgres.IsURL(path) {
		// Never print a password, but keep the user and parameters: the
		// commands below must reach this database when pasted.
		path = postgres.WithoutPassword(path)
	}
	path = shellArg(path)
	self := selfCommand()
	fmt.Fprintf(a.stdout, "\n---\nDatabase: %s\nTry: %s --db %s stats report --format text\n     %s --db %s export listings --format csv --out listings.csv\n",
		path, self, path, self, path)
	fmt.Fprintf(a.stdout, "The pages as a web site: %s --db %s serve   then open http://127.0.0.1:8080/\n"+
		"     or a static copy:    %s --db %s site --out jobstats-site\n", self, path, self, path)
	return nil
}

// explainDemoRun tells a first-time user that the demo run's failed and
// empty pages are the board's design, not a fault: without it the
// "partial" status and the error line read as a broken demo.
func explainDemoRun(w io.Writer, runs []jobstats.Run) {
	for _, r := range runs {
		if r.PagesFailed > 0 {
			fmt.Fprintf(w, "Note: the %d failed pages are broken on purpose: the demo board serves a few job pages with malformed\n"+
				"JSON-LD to show that a crawl counts and logs such pages and keeps going. The run is 'partial' (some pages\n"+
				"failed) but complete (every index page was read), so a later run may close listings the board drops.\n"+
				"The %d empty pages are index and about pages, which hold no job posting.\n", r.PagesFailed, r.PagesEmpty)
		}
	}
	fmt.Fprintln(w)
}

// selfCommand is how the user ran jobstats, for the hints the demo prints:
// "go run ./cmd/jobstats" when it was built by go run, else "jobstats".
func selfCommand() string {
	if exe, err := os.Executable(); err == nil && strings.Contains(exe, "go-build") {
		return "go run ./cmd/jobstats"
	}
	return "jobstats"
}

func (a *app) demoServeCommand() *cobra.Command {
	var addr string
	var jobs int
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Only serve the demo job board, so a config can point at it",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := atLeast("jobs", jobs, 0); err != nil {
				return err
			}
			board := demo.New(demo.Options{Jobs: jobs})
			return demo.Serve(cmd.Context(), addr, board, func(base string) {
				fmt.Fprintf(a.stdout, "Serving the demo job board at %s (Ctrl-C to stop)\n", base)
				fmt.Fprintf(a.stdout, "A source for it:\n  - name: demo\n    kind: jsonld\n    start_urls: [%q]\n    follow: [", board.StartURL(base))
				for i, f := range board.Follow() {
					if i > 0 {
						fmt.Fprint(a.stdout, ", ")
					}
					fmt.Fprintf(a.stdout, "%q", f)
				}
				fmt.Fprintln(a.stdout, "]")
			})
		},
	}
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:8080", "address to listen on")
	cmd.Flags().IntVar(&jobs, "jobs", 0, "how many listings the board holds (default: the board's own)")
	return cmd
}

// shellArg quotes s for a POSIX shell when it holds anything but letters,
// digits and -_.:/@+,= (a URL's ? and &, a space in a path).
func shellArg(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_.:/@+,=", r))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
