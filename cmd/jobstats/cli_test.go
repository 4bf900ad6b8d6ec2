package main

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/demo"
	"github.com/jobstats/jobstats/storage"
)

func init() {
	// A command that panics, for the tests of the internal-error path;
	// only the test binary has it.
	testCommands = func(a *app) []*cobra.Command {
		return []*cobra.Command{{
			Use:    "test-panic",
			Hidden: true,
			RunE:   func(*cobra.Command, []string) error { panic("test panic") },
		}}
	}
}

// cli runs the command in-process as run does, with the environment env
// (and an empty config directory), and returns its output and error.
func cli(t *testing.T, env map[string]string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	return cliCtx(t, t.Context(), env, args...)
}

// cliCtx is cli bounded by ctx.
func cliCtx(t *testing.T, ctx context.Context, env map[string]string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errb bytes.Buffer
	cfgDir := t.TempDir()
	a := &app{
		stdin:  strings.NewReader(""),
		stdout: &out,
		stderr: &errb,
		getenv: func(k string) string {
			if k == "XDG_CONFIG_HOME" {
				return cfgDir
			}
			return env[k]
		},
		now: time.Now,
	}
	err = a.run(ctx, args)
	return out.String(), errb.String(), err
}

// TestExitCodes runs every kind of wrong call, failure and success and
// checks the exit status (0, 1, 2) and that the error is one line saying
// what is wrong.
func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing.db")
	empty := filepath.Join(dir, "empty.db")
	os.WriteFile(empty, nil, 0o600)
	text := filepath.Join(dir, "notes.db")
	os.WriteFile(text, []byte(strings.Repeat("my notes\n", 500)), 0o600)

	// A jsonld source whose start page fails: it fetched nothing.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		http.Error(w, "down", http.StatusInternalServerError)
	}))
	defer srv.Close()
	cfg := filepath.Join(dir, "jobstats.yaml")
	os.WriteFile(cfg, []byte(fmt.Sprintf(`user_agent: jobstats-test
sources:
  - {name: down, kind: jsonld, start_urls: ["%s/jobs"], retries: 0}
  - {name: other, kind: jsonld, start_urls: ["%s/other"], retries: 0}
`, srv.URL, srv.URL)), 0o600)

	tomorrow := time.Now().UTC().AddDate(0, 0, 1).Format(time.DateOnly)
	db := []string{"--db", missing}
	tests := []struct {
		name string
		args []string
		code int
		want string // in the error message
	}{
		// Usage: exit 2, whatever the state of the database.
		{"unknown command", []string{"frobnicate"}, 2, `unknown command "frobnicate" for "jobstats"`},
		{"unknown command suggestion", []string{"stast"}, 2, "did you mean stats?"},
		{"unknown stats subcommand", []string{"stats", "foo"}, 2, `unknown command "foo" for "jobstats stats"`},
		{"unknown export subcommand", []string{"export", "foo"}, 2, `unknown command "foo" for "jobstats export"`},
		{"unknown parse subcommand", []string{"parse", "foo"}, 2, `unknown command "foo" for "jobstats parse"`},
		{"unknown db subcommand", []string{"db", "chek"}, 2, "did you mean check?"},
		{"unknown sources subcommand", []string{"sources", "foo"}, 2, `unknown command "foo" for "jobstats sources"`},
		{"unknown demo subcommand", []string{"demo", "foo"}, 2, `unknown command "foo" for "jobstats demo"`},
		{"argument to report", append(db, "stats", "report", "extra"), 2, `unknown command "extra" for "jobstats stats report"`},
		{"argument to version", []string{"version", "x"}, 2, "jobstats version"},
		{"sources test without name", []string{"sources", "test"}, 2, "accepts 1 arg(s), received 0"},
		{"sources test two names", []string{"sources", "test", "a", "b"}, 2, "accepts 1 arg(s), received 2"},
		{"unknown flag", append(db, "stats", "report", "--bogus"), 2, "unknown flag: --bogus"},
		{"flag not a number", append(db, "stats", "report", "--top", "abc"), 2, `invalid argument "abc" for "--top"`},
		{"negative top", append(db, "stats", "report", "--top", "-1"), 2, "--top -1: want 0 or more"},
		{"negative limit", append(db, "runs", "--limit", "-3"), 2, "--limit -3: want 0 or more"},
		{"zero sources test limit", []string{"--config", cfg, "sources", "test", "down", "--limit", "0"}, 2, "--limit 0: want 1 or more"},
		{"negative demo jobs", []string{"demo", "--jobs", "-5"}, 2, "--jobs -5: want 0 or more"},
		{"negative demo top", []string{"demo", "--top", "-1"}, 2, "--top -1: want 0 or more"},
		{"negative demo serve jobs", []string{"demo", "serve", "--jobs", "-1"}, 2, "--jobs -1: want 0 or more"},
		{"as-of not a day", append(db, "stats", "report", "--as-of", "2026-13-01"), 2, `--as-of "2026-13-01": want a day as YYYY-MM-DD`},
		{"as-of a time", append(db, "stats", "report", "--as-of", "2026-11-30T10:00:00Z"), 2, "want a day as YYYY-MM-DD"},
		{"as-of in the future", append(db, "stats", "report", "--as-of", tomorrow), 2, "--as-of " + tomorrow + " is in the future"},
		{"export stats as-of in the future", append(db, "export", "stats", "--as-of", tomorrow), 2, "is in the future"},
		{"bad report format", append(db, "stats", "report", "--format", "pdf"), 2, `--format "pdf"`},
		{"bad export format", append(db, "export", "listings", "--format", "xml"), 2, `--format "xml"`},
		{"history without role", append(db, "stats", "history"), 2, "--role is required"},
		{"prune without what", append(db, "prune"), 2, "give --closed-before DATE, --compact, or both"},
		{"prune bad day", append(db, "prune", "--closed-before", "yesterday"), 2, `--closed-before "yesterday": want YYYY-MM-DD`},
		{"repeated source", []string{"--config", cfg, "--db", missing, "crawl", "--source", "down", "--source", "down"}, 2, "--source down given twice"},
		{"unknown source", []string{"--config", cfg, "--db", missing, "crawl", "--source", "nope"}, 2, `no source named "nope"`},
		{"bad log level", []string{"--log-level", "loud", "version"}, 2, `--log-level "loud"`},
		{"backup without out", append(db, "db", "backup"), 2, "--out FILE is required"},
		{"unknown completion shell", []string{"completion", "tcsh"}, 2, `unknown command "tcsh" for "jobstats completion"`},
		{"argument to a completion", []string{"completion", "bash", "extra"}, 2, `unknown command "extra" for "jobstats completion bash"`},
		{"help on an unknown topic", []string{"help", "frobnicate"}, 2, `unknown help topic "frobnicate"`},

		// Success: exit 0. A group alone prints its help.
		{"version", []string{"version"}, 0, ""},
		{"help", []string{"--help"}, 0, ""},
		{"help on a command", []string{"help", "stats", "report"}, 0, ""},
		{"completion", []string{"completion", "bash"}, 0, ""},
		{"group alone", []string{"stats"}, 0, ""},
		{"command help", []string{"stats", "report", "--help"}, 0, ""},
		{"parse", []string{"parse", "salary", "$100k"}, 0, ""},

		// Failure: exit 1.
		{"no database", append(db, "stats", "report"), 1, "no database at " + missing + " yet"},
		{"no database info", append(db, "db", "info"), 1, "no database at"},
		{"empty file", []string{"--db", empty, "stats", "report"}, 1, "database " + empty + " is damaged (empty file, 0 bytes): restore a backup"},
		{"not a database", []string{"--db", text, "runs"}, 1, text + " is not a jobstats database (no bbolt header): is --db"},
		{"writer on a foreign file", []string{"--db", text, "prune", "--compact"}, 1, "is not a jobstats database"},
		{"crawl into a foreign file", []string{"--config", cfg, "--db", text, "crawl", "-q"}, 1, text + " is not a jobstats database (no bbolt header): is --db"},
		{"crawl into an empty file", []string{"--config", cfg, "--db", empty, "crawl", "-q"}, 1, "database " + empty + " is damaged (empty file, 0 bytes)"},
		{"source fetched nothing", []string{"--config", cfg, "--db", filepath.Join(dir, "crawl.db"), "crawl", "-q"}, 1, "2 of 2 sources failed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, err := cli(t, nil, tt.args...)
			code := 0
			if err != nil {
				code = exitCode(err)
			}
			if code != tt.code {
				t.Fatalf("exit %d, want %d; err: %v\nstdout: %s\nstderr: %s", code, tt.code, err, stdout, stderr)
			}
			if err == nil {
				return
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q\nwant it to contain %q", err, tt.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error of several lines: %q", err)
			}
			if code == 2 && strings.Contains(stdout+stderr, "Usage:") {
				t.Errorf("a usage error printed the help:\n%s%s", stdout, stderr)
			}
		})
	}
}

// TestCrawlFetchedNothingIsFailed checks the run records of a crawl whose
// jsonld sources could not fetch their start page.
func TestCrawlFetchedNothingIsFailed(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "down", http.StatusServiceUnavailable)
	}))
	defer srv.Close()
	dir := t.TempDir()
	cfg := filepath.Join(dir, "jobstats.yaml")
	os.WriteFile(cfg, []byte(fmt.Sprintf("user_agent: t\nsources:\n  - {name: down, kind: jsonld, start_urls: [\"%s/jobs\"], retries: 0}\n", srv.URL)), 0o600)
	path := filepath.Join(dir, "jobstats.db")
	stdout, _, err := cli(t, nil, "--config", cfg, "--db", path, "crawl", "-q")
	if err == nil || exitCode(err) != 1 {
		t.Fatalf("crawl = %v, want exit 1", err)
	}
	if !strings.Contains(stdout, "failed") {
		t.Errorf("summary line: %q, want the source failed", stdout)
	}
	openDB(t, path, func(db *storage.DB) {
		runs, err := db.Runs(t.Context(), "down", 0)
		if err != nil || len(runs) != 1 || runs[0].Status != "failed" || len(runs[0].Errors) == 0 {
			t.Errorf("runs = %+v, %v; want one failed run saying why", runs, err)
		}
	})
}

// TestInternalErrorExitCode runs the real main in a child process with a
// command that panics: one line, exit status 3, the stack only at debug
// level.
func TestInternalErrorExitCode(t *testing.T) {
	for _, debug := range []bool{false, true} {
		args := []string{"test-panic"}
		if debug {
			args = []string{"--log-level", "debug", "test-panic"}
		}
		cmd := exec.Command(os.Args[0], args...)
		cmd.Env = append(os.Environ(), "JOBSTATS_TEST_MAIN=1", "XDG_CONFIG_HOME="+t.TempDir())
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		err := cmd.Run()
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != exitInternal {
			t.Fatalf("debug=%v: %v, want exit status %d\n%s", debug, err, exitInternal, stderr.String())
		}
		lines := strings.Split(strings.TrimSpace(stderr.String()), "\n")
		last := lines[len(lines)-1]
		if !strings.HasPrefix(last, "jobstats: internal error: test panic (a bug in jobstats") {
			t.Errorf("debug=%v: last line %q", debug, last)
		}
		hasStack := strings.Contains(stderr.String(), "goroutine ") && strings.Contains(stderr.String(), "cli_test.go")
		if debug != hasStack {
			t.Errorf("debug=%v: stack trace shown: %v\n%s", debug, hasStack, stderr.String())
		}
	}
	// And a usage error through the real main: exit status 2.
	cmd := exec.Command(os.Args[0], "frobnicate")
	cmd.Env = append(os.Environ(), "JOBSTATS_TEST_MAIN=1", "XDG_CONFIG_HOME="+t.TempDir())
	var ee *exec.ExitError
	if err := cmd.Run(); !errors.As(err, &ee) || ee.ExitCode() != exitUsage {
		t.Errorf("unknown command: %v, want exit status %d", err, exitUsage)
	}
}

// damageDB returns damaged copies of the database file at path, by name.
func damageDB(t *testing.T, path string) map[string]string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// The newer of the two meta pages (at 16 bytes into pages 0 and 1):
	// page size at +8, root page at +16, page count at +40, txid at +48.
	ps := int(binary.NativeEndian.Uint32(data[16+8:]))
	meta := data[16:]
	if binary.NativeEndian.Uint64(data[ps+16+48:]) > binary.NativeEndian.Uint64(data[16+48:]) {
		meta = data[ps+16:]
	}
	root := int(binary.NativeEndian.Uint64(meta[16:]))
	hwm := int(binary.NativeEndian.Uint64(meta[40:]))
	dir := t.TempDir()
	out := map[string]string{}
	write := func(name string, b []byte) {
		p := filepath.Join(dir, name+".db")
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
		out[name] = p
	}
	write("truncated", bytes.Clone(data[:hwm*ps/2]))
	write("truncated-page", bytes.Clone(data[:(hwm-1)*ps+100]))
	zeroRoot := bytes.Clone(data)
	clear(zeroRoot[root*ps : (root+1)*ps])
	write("zeroed-root", zeroRoot)
	zeroPages := bytes.Clone(data)
	clear(zeroPages[2*ps : hwm*ps])
	write("zeroed-pages", zeroPages)
	metas := bytes.Clone(data)
	metas[16+20] ^= 0xff // in both metas, under their checksums
	metas[ps+16+20] ^= 0xff
	write("bad-metas", metas)
	write("empty", nil)
	write("foreign", []byte(strings.Repeat("not a database\n", 2000)))
	return out
}

// TestDamagedDatabaseCommands runs every command that reads or writes the
// database on damaged copies of one: each fails with one line naming the
// file and what to do, exit status 1, and leaves no file behind.
func TestDamagedDatabaseCommands(t *testing.T) {
	path, _ := demoDB(t)
	cmds := [][]string{
		{"stats", "report"},
		{"stats", "report", "--format", "json", "--out", "OUT"},
		{"stats", "history", "--role", "Backend Engineer"},
		{"export", "listings", "--format", "csv", "--out", "OUT"},
		{"export", "listings", "--format", "jsonl"},
		{"export", "stats", "--out", "OUT"},
		{"runs"},
		{"sources"},
		{"db", "info"},
		{"db", "check"},
		{"db", "backup", "--out", "OUT"},
		{"prune", "--closed-before", "2026-01-01"},
	}
	for name, bad := range damageDB(t, path) {
		t.Run(name, func(t *testing.T) {
			if _, err := storage.Open(bad, &storage.Options{ReadOnly: true}); !errors.Is(err, storage.ErrInvalid) {
				t.Fatalf("the damage did not take: Open = %v", err)
			}
			for _, args := range cmds {
				outDir := t.TempDir()
				out := filepath.Join(outDir, "out.file")
				for i, a := range args {
					if a == "OUT" {
						args = append(args[:i:i], append([]string{out}, args[i+1:]...)...)
					}
				}
				stdout, stderr, err := cli(t, nil, append([]string{"--db", bad}, args...)...)
				what := strings.Join(args[:min(2, len(args))], " ")
				if err == nil || exitCode(err) != 1 {
					t.Errorf("%s: %v, want exit status 1\n%s%s", what, err, stdout, stderr)
					continue
				}
				msg := err.Error()
				if !strings.Contains(msg, bad) || strings.Contains(msg, "\n") {
					t.Errorf("%s: error %q, want one line naming %s", what, msg, bad)
				}
				if args[0] != "db" && !strings.Contains(msg, "restore a backup") && !strings.Contains(msg, "is --db") {
					t.Errorf("%s: error %q says nothing of what to do", what, msg)
				}
				if args[0] == "db" && args[1] == "check" && !strings.Contains(msg, "problem") {
					t.Errorf("db check: error %q, want the problems counted", msg)
				}
				if left, _ := os.ReadDir(outDir); len(left) > 0 {
					t.Errorf("%s: left %v behind", what, left)
				}
			}
			if fi, err := os.Stat(bad); err != nil || fi.Size() == 0 && name != "empty" {
				t.Errorf("the damaged file is gone or emptied: %v", err)
			}
		})
	}
}

func TestDBCommands(t *testing.T) {
	path, _ := demoDB(t)
	var total, open int
	openDB(t, path, func(db *storage.DB) {
		var err error
		if total, open, err = db.Count(t.Context()); err != nil || total == 0 {
			t.Fatalf("Count = %d, %v", total, err)
		}
	})
	out, _, err := cli(t, nil, "--db", path, "db", "check")
	if err != nil || !strings.Contains(out, path+": no problems (") || !strings.Contains(out, fmt.Sprintf(" %d listings, ", total)) {
		t.Errorf("db check: %v\n%s", err, out)
	}
	out, _, err = cli(t, nil, "--db", path, "db", "info")
	for _, want := range []string{"path       " + path, fmt.Sprintf("listings   %d (%d open)", total, open), "runs       1\n",
		fmt.Sprintf("schema     %d (this jobstats writes %d)", storage.SchemaVersion, storage.SchemaVersion), "page size  16384"} {
		if err != nil || !strings.Contains(out, want) {
			t.Errorf("db info lacks %q: %v\n%s", want, err, out)
		}
	}
	backup := filepath.Join(t.TempDir(), "backup.db")
	if _, stderr, err := cli(t, nil, "--db", path, "db", "backup", "--out", backup); err != nil || !strings.Contains(stderr, "backed up "+path+" to "+backup) ||
		!strings.Contains(stderr, "checked the copy: no problems") {
		t.Fatalf("db backup: %v\n%s", err, stderr)
	}
	if fi, err := os.Stat(backup); err != nil || fi.Mode().Perm() != 0o666&^umask() {
		t.Errorf("backup: %v, mode %v; want %v", err, fi.Mode(), fs.FileMode(0o666&^umask()))
	}
	a, _, err1 := cli(t, nil, "--db", path, "export", "listings", "--format", "jsonl")
	b, _, err2 := cli(t, nil, "--db", backup, "export", "listings", "--format", "jsonl")
	if err1 != nil || err2 != nil || a != b || len(a) == 0 {
		t.Errorf("the backup exports differently: %v, %v", err1, err2)
	}
	if _, _, err := cli(t, nil, "--db", path, "db", "backup", "--out", path); err == nil || exitCode(err) != 2 {
		t.Errorf("backup over the database itself: %v, want a usage error", err)
	}
}

// TestOutputFiles checks --out: the usual mode, the mode of a file it
// replaces, errors naming the user's path, and nothing left on failure.
func TestOutputFiles(t *testing.T) {
	path, _ := demoDB(t)
	dir := t.TempDir()

	fresh := filepath.Join(dir, "stats.csv")
	if _, _, err := cli(t, nil, "--db", path, "export", "stats", "--out", fresh); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(fresh); fi.Mode().Perm() != 0o666&^umask() {
		t.Errorf("new file mode %v, want %v", fi.Mode().Perm(), fs.FileMode(0o666&^umask()))
	}
	kept := filepath.Join(dir, "kept.json")
	os.WriteFile(kept, []byte("old"), 0o640)
	os.Chmod(kept, 0o640)
	if _, _, err := cli(t, nil, "--db", path, "stats", "report", "--format", "json", "--out", kept); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(kept); fi.Mode().Perm() != 0o640 {
		t.Errorf("replaced file mode %v, want 0640 kept", fi.Mode().Perm())
	}

	noDir := filepath.Join(dir, "no", "such", "dir", "x.csv")
	_, _, err := cli(t, nil, "--db", path, "export", "listings", "--out", noDir)
	if err == nil || err.Error() != "write "+noDir+": no such file or directory" {
		t.Errorf("err = %v, want it to name %s", err, noDir)
	}
	// A failed export (an unknown role) leaves the old file as it was,
	// and nothing else.
	os.WriteFile(kept, []byte("old"), 0o640)
	if _, _, err := cli(t, nil, "--db", path, "stats", "report", "--role", "Astronaut", "--out", kept); err == nil {
		t.Fatal("report of an unknown role succeeded")
	}
	if b, _ := os.ReadFile(kept); string(b) != "old" {
		t.Errorf("a failed export changed the file: %q", b)
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if strings.Join(names, " ") != "kept.json stats.csv" {
		t.Errorf("files in the output directory: %v", names)
	}
}

// TestDemoDatabase checks where the demo writes: never to JOBSTATS_DB, to
// the same fresh place every time, and to --db when given.
func TestDemoDatabase(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	envDB := filepath.Join(t.TempDir(), "x.db")
	env := map[string]string{"JOBSTATS_DB": envDB}
	want := filepath.Join(tmp, "jobstats-demo", "jobstats.db")
	for run := range 2 {
		out, stderr, err := cli(t, env, "demo", "--jobs", "30", "--top", "1")
		if err != nil {
			t.Fatalf("demo %d: %v\n%s", run, err, stderr)
		}
		if !strings.Contains(out, "Database: "+want+"\n") {
			t.Errorf("demo %d names another database:\n%s", run, out)
		}
		if _, err := os.Stat(envDB); err == nil {
			t.Fatalf("demo %d wrote to JOBSTATS_DB", run)
		}
		// The README's next command, as pasted, on the demo's database.
		if _, _, err := cli(t, env, "--db", want, "stats", "report", "--format", "text"); err != nil {
			t.Errorf("report on the demo database after demo %d: %v", run, err)
		}
	}
	openDB(t, want, func(db *storage.DB) {
		if runs, _ := db.Runs(t.Context(), "", 0); len(runs) != 1 {
			t.Errorf("the second demo's database holds %d runs, want 1: it is made afresh", len(runs))
		}
	})
	own := filepath.Join(t.TempDir(), "mine.db")
	if _, _, err := cli(t, env, "--db", own, "demo", "--jobs", "30", "--top", "1"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(own); err != nil {
		t.Errorf("demo --db did not write there: %v", err)
	}
}

// umask returns the process's umask, read off a file created with 0666.
func umask() fs.FileMode {
	dir, err := os.MkdirTemp("", "umask")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	f, err := os.OpenFile(filepath.Join(dir, "f"), os.O_CREATE|os.O_WRONLY, 0o666)
	if err != nil {
		panic(err)
	}
	fi, _ := f.Stat()
	f.Close()
	return 0o666 &^ fi.Mode().Perm()
}

// TestSourcesTestJSONLD checks sources test on a jsonld source (the demo
// board): --limit listings exactly, amounts in currency units, and no
// warnings for the requests that stopping cut short.
func TestSourcesTestJSONLD(t *testing.T) {
	board := demo.New(demo.Options{})
	srv := httptest.NewServer(board)
	defer srv.Close()
	var follow []string
	for _, f := range board.Follow() {
		follow = append(follow, fmt.Sprintf("%q", f))
	}
	cfg := filepath.Join(t.TempDir(), "jobstats.yaml")
	os.WriteFile(cfg, []byte(fmt.Sprintf("user_agent: t\nsources:\n  - {name: demo, kind: jsonld, start_urls: [%q], follow: [%s], parallelism: 8}\n",
		board.StartURL(srv.URL), strings.Join(follow, ", "))), 0o600)
	for _, limit := range []int{1, 7} {
		stdout, stderr, err := cli(t, nil, "--config", cfg, "sources", "test", "demo", "--limit", fmt.Sprint(limit))
		if err != nil {
			t.Fatalf("--limit %d: %v\n%s", limit, err, stderr)
		}
		if n := strings.Count(stdout, "\n"); n != limit {
			t.Errorf("--limit %d: %d listings printed", limit, n)
		}
		if strings.Contains(stderr, "level=WARN") || !strings.Contains(stderr, fmt.Sprintf("demo: %d listings shown", limit)) {
			t.Errorf("--limit %d: stderr:\n%s", limit, stderr)
		}
		for _, line := range strings.Split(strings.TrimSpace(stdout), "\n") {
			var l struct {
				Salary *struct {
					Min      float64 `json:"min_amount"`
					Currency string  `json:"currency"`
					Interval string  `json:"interval"`
				} `json:"salary"`
				AnnualMin   *float64 `json:"annual_min"`
				Description string   `json:"description"`
			}
			if err := json.Unmarshal([]byte(line), &l); err != nil {
				t.Fatalf("not a JSON line: %v\n%s", err, line)
			}
			// A yearly USD salary is its own annual USD figure: the
			// amounts are in dollars, not cents.
			if s := l.Salary; s != nil && s.Currency == "USD" && s.Interval == "year" && l.AnnualMin != nil && s.Min != *l.AnnualMin {
				t.Errorf("min_amount %v, annual_min %v: not in currency units", s.Min, *l.AnnualMin)
			}
			if n := len([]rune(l.Description)); n > 301 {
				t.Errorf("description of %d characters, want at most 300 and an ellipsis", n)
			}
		}
	}
}

// TestCrawlRefusesDamagedFile: a crawl or a daemon on a file that is no
// sound database stops before it fetches anything, with the one line that
// names the file and what to do, and leaves the file as it was.
func TestCrawlRefusesDamagedFile(t *testing.T) {
	requests := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests++
		http.NotFound(w, r)
	}))
	defer srv.Close()
	dir := t.TempDir()
	cfg := filepath.Join(dir, "jobstats.yaml")
	os.WriteFile(cfg, []byte(fmt.Sprintf("user_agent: t\nsources:\n  - {name: s, kind: greenhouse, board: acme, base_url: %q, retries: 0, run_on_start: true}\n", srv.URL)), 0o600)
	good, _ := demoDB(t)
	for name, damaged := range damageDB(t, good) {
		for _, cmd := range [][]string{{"crawl", "-q"}, {"daemon"}} {
			t.Run(name+"/"+cmd[0], func(t *testing.T) {
				before, _ := os.ReadFile(damaged)
				requests = 0
				// A daemon that does not refuse the file runs until stopped.
				ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
				defer cancel()
				stdout, stderr, err := cliCtx(t, ctx, nil, append([]string{"--config", cfg, "--db", damaged}, cmd...)...)
				if err == nil || exitCode(err) != 1 {
					t.Fatalf("err %v, want exit 1", err)
				}
				if msg := err.Error(); !strings.Contains(msg, damaged) || strings.Contains(msg, "\n") {
					t.Errorf("error %q: want one line naming %s", msg, damaged)
				}
				if requests != 0 || stdout != "" || stderr != "" {
					t.Errorf("%d requests, stdout %q, stderr %q: want nothing fetched or printed", requests, stdout, stderr)
				}
				if after, _ := os.ReadFile(damaged); !bytes.Equal(before, after) {
					t.Errorf("the damaged file was changed")
				}
			})
		}
	}
}

// TestCrawlFindsRecordDamage: damage inside a listing record, which the
// check at open cannot see, does not stop a crawl, which stores what it
// fetched and takes its snapshot from the listings' facts; the first
// command that reads the whole listing fails with the line that names the
// file and what to do.
func TestCrawlFindsRecordDamage(t *testing.T) {
	board := &ghBoard{}
	board.set(ghJob{1, "Backend Engineer", "Acme", "Berlin, Germany", 100000, desc("payments")})
	srv := httptest.NewServer(board)
	defer srv.Close()
	dir := t.TempDir()
	cfg := filepath.Join(dir, "jobstats.yaml")
	os.WriteFile(cfg, []byte(fmt.Sprintf("user_agent: t\nsources:\n  - {name: s, kind: greenhouse, board: acme, base_url: %q, retries: 0}\n", srv.URL)), 0o600)

	path := filepath.Join(dir, "jobstats.db")
	db, err := storage.Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	const title = "Quality Engineer Unmistakable"
	if _, err := db.PutListings(t.Context(), []jobstats.Listing{{ID: "old:1", Source: "old", SourceID: "1", Title: title,
		Company: "Initech", Role: "Quality Engineer"}}, time.Now()); err != nil {
		t.Fatal(err)
	}
	db.Close()
	data, _ := os.ReadFile(path)
	i := bytes.Index(data, []byte(title))
	if i < 1 || data[i-1] != byte(len(title)) {
		t.Fatalf("the title's length prefix is not where it was expected (%d)", i)
	}
	data[i-1] = 0x7f // longer than what is left of the record
	os.WriteFile(path, data, 0o600)

	// The crawl stores its listings and takes its snapshot from the
	// listings' facts, which are sound: it never reads the damaged record.
	// Whatever reads whole listings finds the damage and says so.
	stdout, _, err := cli(t, nil, "--config", cfg, "--db", path, "crawl", "-q")
	if err != nil || !strings.Contains(stdout, "1 listings (1 new") {
		t.Fatalf("crawl: %v, summary %q", err, stdout)
	}
	_, _, err = cli(t, nil, "--config", cfg, "--db", path, "export", "listings", "--format", "jsonl")
	if err == nil || exitCode(err) != 1 || !strings.Contains(err.Error(), "database "+path+" is damaged") ||
		!strings.Contains(err.Error(), "restore a backup") {
		t.Fatalf("export listings: err %v, want exit 1 saying the file is damaged", err)
	}
	// A backup copies the damage as it is: the check of the copy says so.
	backup := filepath.Join(dir, "backup.db")
	_, _, err = cli(t, nil, "--config", cfg, "--db", path, "db", "backup", "--out", backup)
	if err == nil || exitCode(err) != 1 || !strings.Contains(err.Error(), "the copy "+backup+", and so the database "+path+", has") {
		t.Errorf("db backup of a damaged file: err %v, want exit 1 saying the copy has problems", err)
	}
}

// TestNothingMatchesSaysSo: a filter or a source name that matches nothing
// (a typo, most likely) gives an empty answer with a note on stderr, not
// silence.
func TestNothingMatchesSaysSo(t *testing.T) {
	path := filepath.Join(t.TempDir(), "jobstats.db")
	db, err := storage.Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.PutListings(t.Context(), []jobstats.Listing{{ID: "s:1", Source: "s", SourceID: "1", Title: "Backend Engineer",
		Company: "Acme", Role: "Backend Engineer"}}, time.Now()); err != nil {
		t.Fatal(err)
	}
	db.Close()
	out, stderr, err := cli(t, nil, "--db", path, "export", "listings", "--source", "nope", "--format", "jsonl")
	if err != nil || out != "" || !strings.Contains(stderr, "no listing matches the filter") {
		t.Errorf("export --source nope: %v, stdout %q, stderr %q", err, out, stderr)
	}
	out, stderr, err = cli(t, nil, "--db", path, "runs", "--source", "nope")
	if err != nil || out != "" || !strings.Contains(stderr, `no runs recorded for source "nope", and the config has no source of that name`) {
		t.Errorf("runs --source nope: %v, stdout %q, stderr %q", err, out, stderr)
	}
	if _, stderr, err = cli(t, nil, "--db", path, "export", "listings", "--format", "jsonl"); err != nil || stderr != "" {
		t.Errorf("export without a filter: %v, stderr %q; want no note", err, stderr)
	}
}
