// Package pgtest gives tests a PostgreSQL database of their own: a fresh
// schema on the server named by JOBSTATS_TEST_POSTGRES, dropped when the
// test ends. Without that variable the tests that need it are skipped and
// say why, except under CI (CI=true), where they fail: CI must run them.
// .ci/postgres.sh starts a throwaway server and prints the variable.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// EnvURL is the environment variable that names the test server.
const EnvURL = "JOBSTATS_TEST_POSTGRES"

// URL returns the test server's URL. Without one it skips t, or fails it
// when the environment variable CI is "true".
func URL(t testing.TB) string {
	t.Helper()
	u := os.Getenv(EnvURL)
	if u == "" {
		if os.Getenv("CI") == "true" {
			t.Fatalf("no PostgreSQL server for the tests: CI must set %s (.ci/run starts one with .ci/postgres.sh)", EnvURL)
		}
		t.Skipf("no PostgreSQL server: set %s or run .ci/postgres.sh (eval \"$(.ci/postgres.sh start)\")", EnvURL)
	}
	return u
}

// Schema creates a new, empty schema on the test server and returns a URL
// whose search_path is that schema, so that every table jobstats creates
// lives there. The schema is dropped when t ends. It skips or fails t as
// URL does.
func Schema(t testing.TB) string {
	t.Helper()
	base := URL(t)
	var b [6]byte
	rand.Read(b[:])
	name := "t_" + hex.EncodeToString(b[:])
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatalf("connect to the test server: %v", err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+name); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		conn, err := pgx.Connect(ctx, base)
		if err != nil {
			t.Logf("drop schema %s: %v", name, err)
			return
		}
		defer conn.Close(ctx)
		if _, err := conn.Exec(ctx, "DROP SCHEMA "+name+" CASCADE"); err != nil {
			t.Logf("drop schema %s: %v", name, err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("%s: %v", EnvURL, err)
	}
	q := u.Query()
	q.Set("search_path", name)
	u.RawQuery = q.Encode()
	return u.String()
}

// Exec runs sql on the database of rawURL, for tests that look behind a
// store's back (terminating its connections, reading its tables).
func Exec(t testing.TB, rawURL, sql string, args ...any) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, rawURL)
	if err != nil {
		t.Fatalf("connect: %v", err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, sql, args...); err != nil {
		t.Fatalf("exec %q: %v", sql, err)
	}
}

// QueryInts runs sql on the database of rawURL and returns the first
// column of every row, which must be an integer.
func QueryInts(t testing.TB, rawURL, sql string, args ...any) []int64 {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, rawURL)
	if err != nil {
		t.Fatalf("connect: %v", err)
	}
	defer conn.Close(ctx)
	rows, err := conn.Query(ctx, sql, args...)
	if err != nil {
		t.Fatalf("query %q: %v", sql, err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		t.Fatalf("query %q: %v", sql, err)
	}
	return out
}
