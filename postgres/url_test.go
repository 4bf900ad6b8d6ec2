package postgres

import "testing"

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
