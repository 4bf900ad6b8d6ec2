package scraper

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"strings"
	"time"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/config"
)

// This file holds what the public job-board kinds (remoteok, remotive,
// arbeitnow, himalayas, jobicy, crackeddevs, hn) share beyond ats.go: the
// paged crawl loop and a few field converters.

// pageParser reads one page of a paged board. It returns the page's
// listings, how many postings the page held (skipped ones included), the
// URL of the next page ("" when this was the last), and an error for the
// page (with no listings) or for skipped postings (beside the listings).
type pageParser func(body []byte) (ls []jobstats.Listing, n int, next string, err error)

// crawlPaged is the Crawl of a paged board: the first page is requested
// conditionally (a 304 ends the crawl with Stats.NotModified), later pages
// unconditionally, each parsed by parse, which names the next page. The
// crawl stops at the last page, at an empty page, at a page that only
// repeats earlier postings, at a failed or unparseable page (without it
// the next page is unknown), or after src's max_pages; all but the first
// two make it Incomplete. The first page's validators are kept only when
// it held the whole board and nothing failed.
func crawlPaged(ctx context.Context, f *fetcher, src config.Source, first string, hdr http.Header, parse pageParser, sink Sink) (_ Stats, err error) {
	c := newPageCrawl(sink, f.log)
	multiPage := false
	defer func() {
		if err != nil || c.stats.PagesFailed > 0 || multiPage {
			f.forget(first)
		}
	}()
	limit := f.maxPages()
	u := first
	for page := 0; page < limit; page++ {
		if page > 0 {
			multiPage = true
		}
		body, ok := c.fetchPage(ctx, f, u, hdr, page)
		if !ok {
			return c.result(ctx, nil)
		}
		ls, n, next, perr := parse(body)
		if perr != nil && len(ls) == 0 && n == 0 {
			c.failIndex(page, perr)
			return c.result(ctx, nil)
		}
		before := c.stats.Listings
		if err := c.parsed(ctx, page, ls, perr); err != nil {
			return c.result(ctx, err)
		}
		if n == 0 || next == "" {
			return c.result(ctx, nil)
		}
		if page > 0 && len(ls) > 0 && c.stats.Listings == before {
			c.failIndex(page, fmt.Errorf("%s: page %s repeats earlier postings; stopping", src.Kind, u))
			return c.result(ctx, nil)
		}
		u = next
	}
	// Boards such as Himalayas hold far more pages than one crawl should
	// read; they list the newest first, so the cap keeps the freshest.
	multiPage = true
	c.capped(limit)
	return c.result(ctx, nil)
}

// decodeBoard decodes a board's JSON body into v after skipping a UTF-8
// byte order mark, failing with errEmptyBody on an empty body. what names
// the document in errors ("remotive jobs").
func decodeBoard(body []byte, what string, v any) error {
	body = bytes.TrimSpace(bytes.TrimPrefix(body, utf8BOM))
	if len(body) == 0 {
		return fmt.Errorf("parse %s: %w", what, errEmptyBody)
	}
	if err := json.Unmarshal(body, v); err != nil {
		return fmt.Errorf("parse %s: %w", what, err)
	}
	return nil
}

// fromEpoch converts epoch seconds to UTC; zero for 0 or less.
func fromEpoch(s int64) time.Time {
	if s <= 0 {
		return time.Time{}
	}
	return time.Unix(s, 0).UTC()
}

// employmentLabel spells an employment type as people do: "full_time",
// "Full Time" and "fulltime" become "Full-time", "part_time" "Part-time",
// "contractor" "Contract", "intern" "Internship"; anything else is kept,
// entity-decoded and trimmed.
func employmentLabel(s string) string {
	s = jobstats.TrimSpace(html.UnescapeString(s))
	k := strings.ToLower(strings.NewReplacer("_", " ", "-", " ").Replace(s))
	switch strings.Join(strings.Fields(k), " ") {
	case "full time", "fulltime":
		return "Full-time"
	case "part time", "parttime":
		return "Part-time"
	case "contract", "contractor":
		return "Contract"
	case "freelance", "freelancer":
		return "Freelance"
	case "intern", "internship":
		return "Internship"
	case "temporary", "temp":
		return "Temporary"
	}
	return s
}

// employmentLabels joins the labels of several employment types with ", ",
// dropping duplicates and blanks.
func employmentLabels(types []string) string {
	var out []string
	seen := map[string]bool{}
	for _, t := range types {
		l := employmentLabel(t)
		if l == "" || seen[l] {
			continue
		}
		seen[l] = true
		out = append(out, l)
	}
	return strings.Join(out, ", ")
}

// cleanText decodes entities once and collapses white space, for short
// fields (titles, company names) that boards entity-escape.
func cleanText(s string) string {
	return jobstats.TrimSpace(html.UnescapeString(s))
}

// cleanLocation tidies a location field: entities decoded, white space
// collapsed, and dangling separators ("Krishnagiri, ") trimmed.
func cleanLocation(s string) string {
	s = cleanText(s)
	// "LATAM,  Hong Kong" was collapsed above; now the ends.
	return strings.Trim(s, " ,;/|-")
}

// withTags appends a "label: a, b" line to a description, so that the
// skills the board tags a job with reach the skills classifier.
func withTags(desc, label string, tags []string) string {
	var ts []string
	for _, t := range tags {
		if t = cleanText(t); t != "" {
			ts = append(ts, t)
		}
	}
	if len(ts) == 0 {
		return desc
	}
	return joinNonEmpty("\n", desc, label+": "+strings.Join(ts, ", "))
}

// stringList is a JSON value boards write as a list of strings or as one
// string; null reads as none.
type stringList []string

// UnmarshalJSON accepts an array of strings (numbers and nulls in it are
// tolerated), a single string or null.
func (l *stringList) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case len(b) == 0 || string(b) == "null":
		*l = nil
	case b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*l = stringList{s}
	case b[0] == '[':
		var vs []flexString
		if err := json.Unmarshal(b, &vs); err != nil {
			return err
		}
		out := make(stringList, 0, len(vs))
		for _, v := range vs {
			if v != "" {
				out = append(out, string(v))
			}
		}
		*l = out
	default:
		return fmt.Errorf("want a string or a list of strings, got %.20s", b)
	}
	return nil
}
