package scraper

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/jobstats/jobstats"
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
	// RSS pubDate: RFC 822 as feeds write it, day names and seconds optional.
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	"2 Jan 2006 15:04:05 -0700",
	"2 Jan 2006 15:04:05 MST",
	"Mon, 2 Jan 2006 15:04 -0700",
	"Mon, 2 Jan 2006",
}

// parseTime is the one date parser of the scraper: it reads a date or
// timestamp in any of timeLayouts and returns it in UTC; zero when s is
// empty or unreadable. parseDate adds the forms pages write for people,
// postedAgo the relative ones.
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

// dateLayouts are the absolute dates pages write beside the ISO and RFC
// forms parseTime reads.
var dateLayouts = []string{
	"January 2, 2006", "Jan 2, 2006", "2 January 2006", "2 Jan 2006",
	"January 2 2006", "Jan 2 2006", "02.01.2006", "2.1.2006",
}

// parseDate reads a posting date as pages write it: ISO 8601 and RFC
// forms (parseTime), "January 2, 2006", "2 Jan 2006", "02.01.2006", or
// relative to now ("3 days ago", "Posted Yesterday"); zero when it is none
// of these.
func parseDate(s string, now time.Time) time.Time {
	s = jobstats.TrimSpace(s)
	if t := parseTime(s); !t.IsZero() {
		return t
	}
	clean := strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(s, "Posted on"), "Posted"))
	clean = strings.TrimPrefix(clean, ":")
	clean = strings.TrimSpace(clean)
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, clean); err == nil {
			return t.UTC()
		}
	}
	return postedAgo(s, now)
}

// agoPattern matches "3 days ago", "30+ Days Ago", "a week ago", "an hour
// ago", with an optional "Posted" or "Published" before it.
var agoPattern = regexp.MustCompile(`(?i)^(?:posted|published|updated)?\s*(?:on\s*)?:?\s*(an?|one|\d{1,4})\+?\s*(minute|min|hour|hr|day|week|wk|month|mo|year|yr)s?\s+ago\.?$`)

// postedAgo reads a publication date written relative to the day it is
// read, as boards show it ("Posted Today", "Posted Yesterday", "Posted 3
// Days Ago", "Posted 30+ Days Ago", "2 weeks ago", "an hour ago"), and
// returns that day at midnight UTC, counted back from now. "30+ Days Ago"
// gives 30 days back, the latest day the posting can be from; a week is 7
// days, a month 30 and a year 365. It returns the zero time for anything
// else.
func postedAgo(s string, now time.Time) time.Time {
	s = strings.Join(strings.Fields(strings.TrimSpace(s)), " ")
	if s == "" || now.IsZero() {
		return time.Time{}
	}
	low := strings.ToLower(s)
	for _, p := range []string{"posted ", "published ", "updated "} {
		low = strings.TrimPrefix(low, p)
	}
	low = strings.TrimPrefix(low, "on ")
	day := func(back int) time.Time {
		y, m, d := now.UTC().Date()
		return time.Date(y, m, d-back, 0, 0, 0, 0, time.UTC)
	}
	switch strings.TrimSuffix(low, ".") {
	case "today", "just now", "just posted":
		return day(0)
	case "yesterday":
		return day(1)
	}
	m := agoPattern.FindStringSubmatch(s)
	if m == nil {
		return time.Time{}
	}
	n := 1
	if v, err := strconv.Atoi(m[1]); err == nil {
		n = v
	}
	switch strings.ToLower(m[2]) {
	case "minute", "min", "hour", "hr":
		unit := time.Minute
		if u := strings.ToLower(m[2]); u == "hour" || u == "hr" {
			unit = time.Hour
		}
		t := now.UTC().Add(-time.Duration(n) * unit)
		y, mo, d := t.Date()
		return time.Date(y, mo, d, 0, 0, 0, 0, time.UTC)
	case "day":
		return day(n)
	case "week", "wk":
		return day(7 * n)
	case "month", "mo":
		return day(30 * n)
	default:
		return day(365 * n)
	}
}
