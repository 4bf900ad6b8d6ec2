package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/jobstats/jobstats/config"
	"github.com/jobstats/jobstats/postgres"
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

	// db is the database as this process holds it (see withDB); pg is
	// the PostgreSQL database, when the database is one (see pgDB).
	db dbHandle
	pg pgHandle
	// lockTimeout is how long an open waits for another process's lock;
	// zero means dbTimeout. Tests shorten it.
	lockTimeout time.Duration

	// index is the statistics a server answers from (see indexedSummary).
	index statsIndex
}

// errUsage marks errors in how a command was called (exit status 2).
var errUsage = errors.New("usage")

// Exit statuses (documented in README.md).
const (
	exitFailure  = 1 // the command failed: a crawl with a failed source, a damaged database, ...
	exitUsage    = 2 // the command was called wrongly
	exitInternal = 3 // a bug: jobstats panicked
)

func exitCode(err error) int {
	var ie *internalError
	switch {
	case errors.As(err, &ie):
		return exitInternal
	case errors.Is(err, errUsage):
		return exitUsage
	}
	return exitFailure
}

// internalError is a panic caught at the top: a bug in jobstats.
type internalError struct {
	value any
	stack []byte
}

func (e *internalError) Error() string {
	return fmt.Sprintf("internal error: %v (a bug in jobstats; please report it with the output of --log-level debug)", e.value)
}

// run is main without the process: it parses args, runs the command and
// returns its error. A panic in the command is returned as an
// *internalError (exit status 3), its stack written to stderr first when
// the log level is debug. Tests call it directly.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	a := &app{stdin: stdin, stdout: stdout, stderr: stderr, getenv: os.Getenv, now: time.Now}
	return a.run(ctx, args)
}

// run is the package's run for an app already made (tests make their own).
func (a *app) run(ctx context.Context, args []string) (err error) {
	defer func() {
		if r := recover(); r != nil {
			ie := &internalError{value: r, stack: debug.Stack()}
			if a.log != nil && a.log.Enabled(ctx, slog.LevelDebug) {
				fmt.Fprintf(a.stderr, "panic: %v\n\n%s\n", r, ie.stack)
			}
			err = ie
		}
	}()
	return hint(a.execute(ctx, args))
}

// hint adds to an error what the user can do about it, where that is
// clear: a damaged database, or a file that is not a database at all.
func hint(err error) error {
	var ie *storage.InvalidError
	switch {
	case err == nil || !errors.As(err, &ie):
		return err
	case ie.Damaged:
		return fmt.Errorf("%w: restore a backup, or move the file aside to start a new database; 'jobstats --db %s db check' lists the damage", err, ie.Path)
	}
	return fmt.Errorf("%w: is --db (or JOBSTATS_DB, or the config's database) the right file?", err)
}

func (a *app) execute(ctx context.Context, args []string) error {
	root := a.rootCommand()
	root.SetArgs(args)
	root.SetIn(a.stdin)
	root.SetOut(a.stdout)
	root.SetErr(a.stderr)
	_, err := root.ExecuteContextC(ctx)
	if cerr := a.closePG(); err == nil {
		err = cerr
	}
	return err
}

// testCommands adds commands to the root in tests (see cli_test.go).
var testCommands func(a *app) []*cobra.Command

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
	pf.StringVar(&a.dbPath, "db", "", "database file, or postgres://user@host:port/dbname (env JOBSTATS_DB; default: config 'database', else $XDG_DATA_HOME/jobstats/jobstats.db)")
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
		a.siteCommand(),
		a.serveCommand(),
		a.pruneCommand(),
		a.parseCommand(),
		a.dbCommand(),
		a.versionCommand(),
	)
	if testCommands != nil {
		root.AddCommand(testCommands(a)...)
	}
	// cobra adds its help and completion commands when the command runs;
	// add them now so that they keep the usage-error rules too.
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	helpTopics(root)
	usageErrors(root)
	return root
}

// helpTopics makes 'jobstats help TOPIC' a usage error when TOPIC names
// no command (cobra prints the root's help and exits 0).
func helpTopics(root *cobra.Command) {
	for _, c := range root.Commands() {
		if c.Name() != "help" || c.Run == nil {
			continue
		}
		show := c.Run
		c.Run = nil
		c.RunE = func(c *cobra.Command, args []string) error {
			if cmd, rest, err := c.Root().Find(args); err != nil || cmd == nil || len(rest) > 0 {
				return fmt.Errorf("%w: unknown help topic %q (see 'jobstats --help')", errUsage, strings.Join(args, " "))
			}
			show(c, args)
			return nil
		}
	}
}

// usageErrors makes every way of calling a command wrongly a usage error
// (exit status 2) of one line: an unknown command or subcommand, and a
// wrong number of arguments. A command group called alone prints its
// help; with an unknown subcommand it says so, with suggestions.
func usageErrors(cmd *cobra.Command) {
	for _, c := range cmd.Commands() {
		usageErrors(c)
	}
	if cmd.HasSubCommands() && cmd.RunE == nil && cmd.Run == nil {
		cmd.Args = cobra.ArbitraryArgs
		cmd.RunE = func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return cmd.Help()
			}
			msg := fmt.Sprintf("unknown command %q for %q", args[0], cmd.CommandPath())
			if cmd.SuggestionsMinimumDistance <= 0 {
				cmd.SuggestionsMinimumDistance = 2 // as cobra's own suggestions
			}
			if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
				msg += fmt.Sprintf(" (did you mean %s?)", strings.Join(s, " or "))
			}
			return fmt.Errorf("%w: %s (see '%s --help')", errUsage, msg, cmd.CommandPath())
		}
		return
	}
	if check := cmd.Args; check != nil {
		cmd.Args = func(cmd *cobra.Command, args []string) error {
			if err := check(cmd, args); err != nil {
				return fmt.Errorf("%w: %v (see '%s --help')", errUsage, err, cmd.CommandPath())
			}
			return nil
		}
	}
}

// atLeast returns a usage error when the value of an integer flag is below
// min.
func atLeast(flag string, v, min int) error {
	if v < min {
		return fmt.Errorf("%w: --%s %d: want %d or more", errUsage, flag, v, min)
	}
	return nil
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
// instead of an empty file. A postgres:// database is opened once per
// process (see pgDB) and shared by every call: PostgreSQL serves many
// readers and writers at once.
func (a *app) withDB(ctx context.Context, write bool, fn func(database) error) error {
	path, err := a.databasePath()
	if err != nil {
		return err
	}
	if postgres.IsURL(path) {
		db, err := a.pgDB(ctx, path, write)
		if err != nil {
			return err
		}
		return fn(db)
	}
	if !write {
		if path, err = a.existingDB(); err != nil {
			return err
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
// is written where no one sees it and put in place by done(true), so an
// interrupted or failed command never leaves a truncated file behind, nor
// a hidden one: on Linux the data goes to an unnamed file (O_TMPFILE) that
// gets a name only at the end, so even kill -9 leaves nothing; elsewhere
// to a hidden file beside path that done(false) removes. done is safe to
// call twice. The file gets the mode of the file it replaces, else 0666
// less the umask, as a shell's > would. Errors name path, not the
// temporary file.
func (a *app) output(path string) (w io.Writer, done func(ok bool) error, err error) {
	if path == "" || path == "-" {
		return a.stdout, func(bool) error { return nil }, nil
	}
	t, err := createBeside(path)
	if err != nil {
		return nil, nil, fmt.Errorf("write %s: %w", path, err)
	}
	bw := bufio.NewWriterSize(t.f, 1<<16)
	finished := false
	return bw, func(ok bool) error {
		if finished {
			return nil
		}
		finished = true
		if !ok {
			t.discard()
			return nil
		}
		err := bw.Flush()
		if err == nil {
			err = t.place(path)
		} else {
			t.discard()
		}
		if err != nil {
			var pe *fs.PathError
			var le *os.LinkError
			if errors.As(err, &pe) {
				err = pe.Err
			} else if errors.As(err, &le) {
				err = le.Err
			}
			return fmt.Errorf("write %s: %w", path, err)
		}
		return nil
	}, nil
}

// tempOut is the file an --out command writes before it is put in place:
// unnamed (name "") until place links it into the directory, or a hidden
// file beside the target where unnamed files are not supported.
type tempOut struct {
	f    *os.File
	dir  string
	base string
	name string
}

// createBeside creates the temporary file of path in path's directory,
// with the mode of the file at path if there is one, else 0666 less the
// umask.
func createBeside(path string) (*tempOut, error) {
	mode, replacing := os.FileMode(0o666), false
	if fi, err := os.Stat(path); err == nil {
		if !fi.Mode().IsRegular() {
			return nil, fmt.Errorf("not a regular file")
		}
		mode, replacing = fi.Mode().Perm(), true
	}
	dir, base := filepath.Split(path)
	t := &tempOut{dir: dir, base: base}
	if f, ok := createUnnamed(dir, mode); ok {
		t.f = f
	} else {
		f, name, err := t.createNamed(func(name string) (*os.File, error) {
			return os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, mode)
		})
		if err != nil {
			var pe *fs.PathError
			if errors.As(err, &pe) {
				err = pe.Err
			}
			return nil, err
		}
		t.f, t.name = f, name
	}
	if replacing {
		t.f.Chmod(mode) // the replaced file's mode exactly, whatever the umask
	}
	return t, nil
}

// createNamed calls create with new hidden names beside the target until
// one does not exist yet, and returns the file and its name.
func (t *tempOut) createNamed(create func(name string) (*os.File, error)) (*os.File, string, error) {
	for range 100 {
		name := filepath.Join(t.dir, fmt.Sprintf(".%s.%d.tmp", t.base, rand.Uint32()))
		f, err := create(name)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		return f, name, err
	}
	return nil, "", errors.New("cannot create a temporary file")
}

// place closes the file and renames it to path. An unnamed file is first
// linked under a hidden name, for the instant until the rename.
func (t *tempOut) place(path string) error {
	if t.name == "" {
		_, name, err := t.createNamed(func(name string) (*os.File, error) { return nil, linkUnnamed(t.f, name) })
		if err != nil {
			t.f.Close()
			return err
		}
		t.name = name
	}
	err := t.f.Close()
	if err == nil {
		err = os.Rename(t.name, path)
	}
	if err != nil {
		os.Remove(t.name)
	}
	return err
}

// discard closes the file and removes it (an unnamed one vanishes).
func (t *tempOut) discard() {
	t.f.Close()
	if t.name != "" {
		os.Remove(t.name)
	}
}
