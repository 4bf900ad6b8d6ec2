package scraper

import (
	"testing"
	"time"
)

func TestParseTime(t *testing.T) {
	tests := []struct {
		in   string
		want time.Time
	}{
		{"2026-08-06T07:39:35.941Z", time.Date(2026, 8, 6, 7, 39, 35, 941000000, time.UTC)},
		{"2026-07-29T08:50:01-04:00", time.Date(2026, 7, 29, 12, 50, 1, 0, time.UTC)},
		{"2025-01-02", time.Date(2025, 1, 2, 0, 0, 0, 0, time.UTC)},
		{"2025-01-02T10:00:00", time.Date(2025, 1, 2, 10, 0, 0, 0, time.UTC)},
		{"2025-01-02T10:00:00.5", time.Date(2025, 1, 2, 10, 0, 0, 500000000, time.UTC)},
		{"2025-01-02T10:00:00-0500", time.Date(2025, 1, 2, 15, 0, 0, 0, time.UTC)},
		{"2024-11-13T14:10:41+0000", time.Date(2024, 11, 13, 14, 10, 41, 0, time.UTC)},
		{"2025-01-02T10:00+01:00", time.Date(2025, 1, 2, 9, 0, 0, 0, time.UTC)},
		{"2025-01-02 10:00:00", time.Date(2025, 1, 2, 10, 0, 0, 0, time.UTC)},
		{"2026-08-11 20:45:29 UTC", time.Date(2026, 8, 11, 20, 45, 29, 0, time.UTC)},
		{"2026-08-11 20:45:29 +0200", time.Date(2026, 8, 11, 18, 45, 29, 0, time.UTC)},
		{"2026-08-11 20:45:29Z", time.Date(2026, 8, 11, 20, 45, 29, 0, time.UTC)},
		{" 2025-01-02 ", time.Date(2025, 1, 2, 0, 0, 0, 0, time.UTC)},
		{"yesterday", time.Time{}},
		{"", time.Time{}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := parseTime(tt.in); !got.Equal(tt.want) || got.Location() != time.UTC {
				t.Errorf("parseTime(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

// FuzzParseTime checks that any text parses to UTC or zero without a panic.
func FuzzParseTime(f *testing.F) {
	for _, s := range []string{"2026-08-06T07:39:35.941Z", "2025-01-02", "2026-08-11 20:45:29 UTC", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got := parseTime(s); !got.IsZero() && got.Location() != time.UTC {
			t.Fatalf("parseTime(%q) = %v, not UTC", s, got)
		}
	})
}
