package scraper

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/jobstats/jobstats/config"
)

// BenchmarkParseRemoteOK parses a RemoteOK-sized dump (100 jobs with
// double-encoded HTML descriptions of about 3 KB).
func BenchmarkParseRemoteOK(b *testing.B) {
	desc := mojibake(strings.Repeat("<p>You’ll build APIs in Go — pay £57,000.</p><ul><li>Remote 🚀</li></ul>", 40))
	jobs := []any{map[string]any{"legal": "terms"}}
	for i := range 100 {
		jobs = append(jobs, map[string]any{
			"id": fmt.Sprint(1200000 + i), "position": "Senior Go Engineer", "company": "Northwind", "date": "2026-08-11T02:21:57+00:00",
			"description": desc, "tags": []string{"go", "backend"}, "salary_min": 120000, "salary_max": 150000, "location": "Berlin",
		})
	}
	body, _ := json.Marshal(jobs)
	src := config.Source{Name: "rok"}
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		if ls, err := parseRemoteOK(body, src); err != nil || len(ls) != 100 {
			b.Fatal(len(ls), err)
		}
	}
}

// BenchmarkParseHN parses a thread of 500 job comments, each with a reply.
func BenchmarkParseHN(b *testing.B) {
	text := "<p>Acme " + "| Senior Backend Engineer | SF, Remote (US) | Full-time | $170-225K + equity</p>" +
		strings.Repeat("<p>We build things &amp; ship them. Stack: Go, Postgres, React.</p>", 20)
	var children []any
	for i := range 500 {
		children = append(children, map[string]any{
			"id": 49000000 + i, "type": "comment", "author": "a", "text": text, "created_at": "2026-08-03T15:01:40.000Z", "parent_id": 1,
			"children": []any{map[string]any{"id": 50000000 + i, "type": "comment", "author": "b", "text": "<p>Nice | thanks</p>", "children": []any{}}},
		})
	}
	body, _ := json.Marshal(map[string]any{"id": 1, "type": "story", "children": children})
	src := config.Source{Name: "hn"}
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		if ls, err := parseHN(body, src); err != nil || len(ls) != 500 {
			b.Fatal(len(ls), err)
		}
	}
}
