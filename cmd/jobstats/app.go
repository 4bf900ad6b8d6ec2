package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/jobstats/jobstats/config"
	"github.com/jobstats/jobstats/stats"
	"github.com/jobstats/jobstats/storage"
)

// version is set at build time with -ldflags "-X main.version=v1.2.3";
// otherwise the module version or VCS revision from the build info is used.
var version = ""

// app is what every command shares: the global flags, the loaded config,
// the output streams and the clock.
type app struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
	now            func() time.Time

	configPath string
	dbPath     string
	logLevel   string
	logFormat  string

	cfg    config.Config
	log    *slog.Logger
	loaded bool

	// db is the database as this process holds it (see withDB).
	db dbHandle
	// lockTimeout is how long an open waits for another process's lock;
	// zero means dbTimeout. Tests shorten it.
	lockTimeout time.Duration

	// index is the statistics a server answers from (see indexedSummary).
	index statsIndex
}

// errUsage marks errors in how a command was called (exit status 2).
var errUsage = errors.New("usage")

func exitCode(err error) int {
	if errors.Is(err, errUsage) {
		return 2
	}
	return 1
}

// run is main without the process: it parses args, runs the command and
// returns its error. Tests call it directly.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	a := &app{stdin: stdin, stdout: stdout, stderr: stderr, getenv: os.Getenv, now: time.Now}
	return a.execute(ctx, args)
}

func (a *app) execute(ctx context.Context, args []string) error {
	root := a.rootCommand()
	root.SetArgs(args)
	root.SetIn(a.stdin)
	root.SetOut(a.stdout)
	root.SetErr(a.stderr)
	_, err := root.ExecuteContextC(ctx)
	return err
}

func (a *app) rootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:   "jobstats",
		Short: "Crawl job boards and report salary statistics per job title",
		Long: `jobstats crawls job boards and applicant-tracking APIs on a schedule, stores
every listing in an embedded database, and turns them into salary statistics:
per job title, openings, average and median salary, salary range by seniority,
degree requirements, who is hiring and which skills they ask for.

Start with 'jobstats demo': it crawls a built-in job board offline and prints
the report.`,
		SilenceUsage:      true,
		SilenceErrors:     true,
		CompletionOptions: cobra.CompletionOptions{HiddenDefaultCmd: false},
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			return a.setupLogging()
		},
	}
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error {
		return fmt.Errorf("%w: %v (see '%s --help')", errUsage, err, cmd.CommandPath())
	})
	pf := root.PersistentFlags()
	pf.StringVar(&a.configPath, "config", "", "config file (env JOBSTATS_CONFIG; default $XDG_CONFIG_HOME/jobstats/jobstats.yaml if it exists, else built-in defaults)")
	pf.StringVar(&a.dbPath, "db", "", "database file (env JOBSTATS_DB; default: config 'database', else $XDG_DATA_HOME/jobstats/jobstats.db)")
	pf.StringVar(&a.logLevel, "log-level", "info", "log level: debug, info, warn, error")
	pf.StringVar(&a.logFormat, "log-format", "text", "log format: text or json")

	root.AddCommand(
		a.demoCommand(),
		a.crawlCommand(),
		a.statsCommand(),
		a.exportCommand(),
		a.sourcesCommand(),
		a.runsCommand(),
		a.daemonCommand(),
		a.pruneCommand(),
		a.parseCommand(),
		a.versionCommand(),
	)
	return root
}

func (a *app) setupLogging() error {
	var level slog.Level
	if err := level.UnmarshalText([]byte(a.logLevel)); err != nil {
		return fmt.Errorf("%w: --log-level %q: want debug, info, warn or error", errUsage, a.logLevel)
	}
	opts := &slog.HandlerOptions{Level: level}
	switch a.logFormat {
	case "text":
		a.log = slog.New(slog.NewTextHandler(a.stderr, opts))
	case "json":
		a.log = slog.New(slog.NewJSONHandler(a.stderr, opts))
	default:
		return fmt.Errorf("%w: --log-format %q: want text or json", errUsage, a.logFormat)
	}
	return nil
}

// logger returns the configured logger (a discarding one before setup).
func (a *app) logger() *slog.Logger {
	if a.log == nil {
		return slog.New(slog.DiscardHandler)
	}
	return a.log
}

// config loads the configuration once: --config, then JOBSTATS_CONFIG,
// then $XDG_CONFIG_HOME/jobstats/jobstats.yaml when it exists, else the
// built-in defaults.
func (a *app) config() (config.Config, error) {
	if a.loaded {
		return a.cfg, nil
	}
	path := a.configPath
	if path == "" {
		path = a.getenv("JOBSTATS_CONFIG")
	}
	explicit := path != ""
	if !explicit {
		if p := userConfigPath(a.getenv); p != "" {
			if _, err := os.Stat(p); err == nil {
				path = p
			}
		}
	}
	var cfg config.Config
	if path == "" {
		cfg = config.Default()
	} else {
		c, err := config.Load(path)
		if err != nil {
			return config.Config{}, err
		}
		cfg = c
	}
	a.cfg, a.loaded = cfg, true
	return cfg, nil
}

func userConfigPath(getenv func(string) string) string {
	dir := getenv("XDG_CONFIG_HOME")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return ""
		}
		dir = filepath.Join(home, ".config")
	}
	return filepath.Join(dir, "jobstats", "jobstats.yaml")
}

// databasePath resolves --db, JOBSTATS_DB, the config's database, and the
// default under $XDG_DATA_HOME, in that order.
func (a *app) databasePath() (string, error) {
	if a.dbPath != "" {
		return a.dbPath, nil
	}
	if p := a.getenv("JOBSTATS_DB"); p != "" {
		return p, nil
	}
	cfg, err := a.config()
	if err != nil {
		return "", err
	}
	if cfg.Database != "" {
		return expandHome(cfg.Database), nil
	}
	return config.DefaultDatabasePath(), nil
}

func expandHome(p string) string {
	if strings.HasPrefix(p, "~/") {
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, p[2:])
		}
	}
	return p
}

// dbTimeout is how long a command waits for another process's lock on the
// database before it gives up and says who holds it. A daemon holds the
// lock only while it writes a batch, so readers rarely wait at all.
const dbTimeout = 5 * time.Second

// withDB opens the database for the length of fn and closes it after.
// Readers share the file with other processes; a writer has it alone.
// Calls of this process that overlap share one open database (see
// acquireDB), so a long read here never holds back this process's writes.
// A reader of a database that does not exist yet gets a clear error
// instead of an empty file.
func (a *app) withDB(ctx context.Context, write bool, fn func(*storage.DB) error) error {
	path, err := a.databasePath()
	if err != nil {
		return err
	}
	if !write {
		if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("no database at %s yet: run 'jobstats crawl' (or 'jobstats demo') first, or pass --db", path)
		}
	}
	db, release, err := a.acquireDB(ctx, path, write)
	if err != nil {
		return err
	}
	err = fn(db)
	if cerr := release(); err == nil && cerr != nil {
		err = fmt.Errorf("close database: %w", cerr)
	}
	return err
}

// statsOptions returns the aggregation settings the config asks for.
func (a *app) statsOptions() (stats.Options, error) {
	cfg, err := a.config()
	if err != nil {
		return stats.Options{}, err
	}
	return stats.Options{
		Currency:      cfg.ReportCurrency,
		Rates:         cfg.CurrencyRates,
		Annualization: cfg.Annualization,
		Plausible:     [2]float64{cfg.PlausibleAnnual.Min, cfg.PlausibleAnnual.Max},
	}, nil
}

// output opens --out for writing, or returns stdout for "" and "-". A file
// is written beside its final name and renamed into place by done(true), so
// an interrupted export never leaves a truncated file behind; done(false)
// removes it.
func (a *app) output(path string) (w io.Writer, done func(ok bool) error, err error) {
	if path == "" || path == "-" {
		return a.stdout, func(bool) error { return nil }, nil
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return nil, nil, fmt.Errorf("create output: %w", err)
	}
	bw := bufio.NewWriterSize(f, 1<<16)
	return bw, func(ok bool) error {
		if !ok {
			f.Close()
			os.Remove(f.Name())
			return nil
		}
		err := bw.Flush()
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err == nil {
			err = os.Rename(f.Name(), path)
		}
		if err != nil {
			os.Remove(f.Name())
			return fmt.Errorf("write %s: %w", path, err)
		}
		return nil
	}, nil
}
