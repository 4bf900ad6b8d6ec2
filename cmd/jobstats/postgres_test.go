package main

import (
	"bytes"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jobstats/jobstats/postgres/pgtest"
)

// jobstatsAt runs the CLI in-process with the clock stopped at now.
func jobstatsAt(t *testing.T, now time.Time, args ...string) (string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	a := &app{stdin: strings.NewReader(""), stdout: &out, stderr: &errb,
		getenv: func(k string) string {
			if k == "XDG_CONFIG_HOME" {
				return t.TempDir()
			}
			return ""
		},
		now: func() time.Time { return now }}
	err := a.execute(t.Context(), args)
	if err != nil {
		err = &cmdError{err: err, stderr: errb.String()}
	}
	return out.String(), err
}

type cmdError struct {
	err    error
	stderr string
}

func (e *cmdError) Error() string { return e.err.Error() + "\nstderr:\n" + e.stderr }

var checksumRe = regexp.MustCompile(`(?m)^checksum (sha256:[0-9a-f]{64})$`)

// TestPostgresSameAnswers copies the demo database into PostgreSQL with
// db copy, and asks both every question the CLI answers: reports in every
// format, as of a past day, exports, history and runs must come out byte
// for byte the same. Then it copies PostgreSQL back into a file: the
// checksums of the three are equal.
func TestPostgresSameAnswers(t *testing.T) {
	url := pgtest.Schema(t)
	file, _ := demoDB(t)
	now := time.Now().Add(time.Hour)

	out, err := jobstatsAt(t, now, "db", "copy", "--from", file, "--to", url)
	if err != nil {
		t.Fatalf("db copy to postgres: %v", err)
	}
	m := checksumRe.FindStringSubmatch(out)
	if m == nil || !strings.Contains(out, "verified postgres://") || strings.Contains(out, "postgres@") {
		t.Fatalf("db copy printed no checksum, or a user name:\n%s", out)
	}
	sum := m[1]

	yesterday := now.AddDate(0, 0, -1).Format(time.DateOnly)
	for _, args := range [][]string{
		{"stats", "report"},
		{"stats", "report", "--format", "json"},
		{"stats", "report", "--format", "text", "--as-of", yesterday},
		{"stats", "report", "--role", "Backend Engineer", "--remote"},
		{"export", "listings", "--format", "csv"},
		{"export", "listings", "--format", "jsonl", "--open"},
		{"export", "stats", "--format", "csv"},
		{"stats", "history", "--role", "Backend Engineer", "--format", "json"},
		{"stats", "history", "--role", "Backend Engineer", "--seniority", "senior"},
		{"runs", "--full"},
		{"runs", "show", "1", "--format", "json"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			want, werr := jobstatsAt(t, now, append([]string{"--db", file}, args...)...)
			got, gerr := jobstatsAt(t, now, append([]string{"--db", url}, args...)...)
			if (werr == nil) != (gerr == nil) {
				t.Fatalf("bbolt: %v; postgres: %v", werr, gerr)
			}
			if want == "" && werr == nil {
				t.Fatal("the bbolt answer is empty: the test compares nothing")
			}
			if got != want {
				t.Errorf("postgres answers differently:\n%s\nbbolt:\n%s", clip(got), clip(want))
			}
		})
	}

	back := filepath.Join(t.TempDir(), "back.db")
	out, err = jobstatsAt(t, now, "db", "copy", "--from", url, "--to", back)
	if err != nil {
		t.Fatalf("db copy back to a file: %v", err)
	}
	if m := checksumRe.FindStringSubmatch(out); m == nil || m[1] != sum {
		t.Errorf("round trip checksum:\n%s\nwant %s", out, sum)
	}
	// A third copy into the same file is a resumed copy: same checksum.
	if out, err := jobstatsAt(t, now, "db", "copy", "--from", url, "--to", back); err != nil || !strings.Contains(out, sum) {
		t.Errorf("copy again: %v\n%s", err, out)
	}
	if _, err := jobstatsAt(t, now, "db", "copy", "--from", back, "--to", back); err == nil {
		t.Error("copy of a file onto itself: no error")
	}
}

func clip(s string) string {
	if len(s) > 3000 {
		return s[:3000] + "…"
	}
	return s
}

// TestPostgresDemoSaysHowToGoOn: the commands the demo prints after its
// report reach the database it wrote, pasted as they are: the user and
// the parameters (here search_path) stay in the address, the password
// does not.
func TestPostgresDemoSaysHowToGoOn(t *testing.T) {
	url := pgtest.Schema(t)
	withPassword := strings.Replace(url, "postgres://postgres@", "postgres://postgres:s3cret@", 1)
	out, stderr, err := cli(t, nil, "demo", "--db", withPassword, "--jobs", "30", "--top", "1")
	if err != nil {
		t.Fatalf("demo: %v\n%s", err, stderr)
	}
	if strings.Contains(out, "s3cret") {
		t.Fatalf("the demo printed the password:\n%s", out)
	}
	var db string
	for line := range strings.Lines(out) {
		if rest, ok := strings.CutPrefix(line, "Try: "); ok {
			f := strings.Fields(rest)
			i := slices.Index(f, "--db")
			if i < 0 || i+1 == len(f) {
				t.Fatalf("Try line %q", line)
			}
			db = f[i+1]
		}
	}
	if q, ok := strings.CutPrefix(db, "'"); ok {
		db = strings.ReplaceAll(strings.TrimSuffix(q, "'"), `'\''`, "'")
	}
	if db != url {
		t.Errorf("the demo's commands name %q, want %q", db, url)
	}
	want, _, err := cli(t, nil, "--db", url, "export", "listings", "--format", "jsonl")
	if err != nil || want == "" {
		t.Fatalf("export from the demo's database: %v", err)
	}
	if got, _, err := cli(t, nil, "--db", db, "export", "listings", "--format", "jsonl"); err != nil || got != want {
		t.Errorf("the demo's database as printed: %v, %d bytes of listings, want %d", err, len(got), len(want))
	}
}
