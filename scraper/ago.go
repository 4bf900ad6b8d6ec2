package scraper

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

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
