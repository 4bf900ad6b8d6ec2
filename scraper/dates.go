package scraper

import (
	"strings"
	"time"
)

// timeLayouts are the date forms every kind meets, JSON-LD datePosted
// included, most common first. Fractional seconds are optional in every
// layout that names them.
var timeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02",
	"2006-01-02T15:04:05.999999999Z0700", // +0000 without a colon
	"2006-01-02T15:04:05.999999999",      // no zone: UTC
	"2006-01-02T15:04Z07:00",             // no seconds
	"2006-01-02 15:04:05 MST",            // recruitee: "2026-08-11 20:45:29 UTC"
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05",
}

// parseTime is the one date parser of the scraper: it reads a date or
// timestamp in any of timeLayouts and returns it in UTC; zero when s is
// empty or unreadable.
func parseTime(s string) time.Time {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}
	}
	for _, layout := range timeLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC()
		}
	}
	return time.Time{}
}
