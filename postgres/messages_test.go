package postgres

import (
	"errors"
	"fmt"
	"net"
	"strings"
	"testing"
)

func TestRedactAndWithoutPassword(t *testing.T) {
	for _, tt := range []struct {
		url, redacted, pasteable string
	}{
		{"postgres://jobstats:s3cret@db.internal:5432/jobstats?sslmode=verify-full",
			"postgres://db.internal:5432/jobstats", "postgres://jobstats@db.internal:5432/jobstats?sslmode=verify-full"},
		{"postgres://postgres@127.0.0.1:5432/jobstats_test?sslmode=disable&search_path=t_1",
			"postgres://127.0.0.1:5432/jobstats_test", "postgres://postgres@127.0.0.1:5432/jobstats_test?sslmode=disable&search_path=t_1"},
		{"postgresql://u@h/db?password=s3cret&sslmode=require",
			"postgresql://h/db", "postgresql://u@h/db?sslmode=require"},
		{"postgres://h/db", "postgres://h/db", "postgres://h/db"},
		{"postgres://u:p@h:bad port/db", "postgres://?", "postgres://?"},
		{"/var/lib/jobstats.db", "postgres://?", "postgres://?"},
	} {
		if got := Redact(tt.url); got != tt.redacted {
			t.Errorf("Redact(%q) = %q, want %q", tt.url, got, tt.redacted)
		}
		if got := WithoutPassword(tt.url); got != tt.pasteable {
			t.Errorf("WithoutPassword(%q) = %q, want %q", tt.url, got, tt.pasteable)
		}
	}
}

// TestErrorsOnOneLine: a driver error over several lines (pgx joins the
// error of every address it tried with "\n\t") is printed on one.
func TestErrorsOnOneLine(t *testing.T) {
	db := &DB{name: "postgres://127.0.0.1:5432/db"}
	refused := errors.New("127.0.0.1:5432 (127.0.0.1): tls error: server refused TLS connection")
	role := errors.New(`127.0.0.1:5432 (127.0.0.1): server error: FATAL: role "root" does not exist`)
	driver := fmt.Errorf("failed to connect to `user=root database=db`:\n\t%w\n\t%w", refused, role)
	for _, err := range []error{db.wrap("open database", driver), db.wrap("put listings", &net.OpError{Op: "dial", Err: driver})} {
		if msg := err.Error(); strings.Contains(msg, "\n") || !strings.Contains(msg, "connection; 127.0.0.1") {
			t.Errorf("error %q: want one line, the addresses joined by '; '", msg)
		}
		if !errors.Is(err, role) {
			t.Errorf("error %q no longer wraps the driver's", err)
		}
	}
}
