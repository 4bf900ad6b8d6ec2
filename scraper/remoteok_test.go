package scraper

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/config"
)

func TestParseRemoteOK(t *testing.T) {
	src := config.Source{Name: "rok", Kind: "remoteok"}
	got, err := parseRemoteOK(readFixture(t, "remoteok", "api.json"), src)
	if err == nil || !strings.Contains(err.Error(), "1200003") || strings.Contains(err.Error(), "posting 0") {
		t.Errorf("err = %v, want only the job without a position reported (not the legal notice)", err)
	}
	checkListings(t, got, []want{
		{Listing: with(listing("rok", "1200001"), func(l *jobstats.Listing) {
			l.Title = "Senior Go Engineer"
			l.Company = "Northwind Labs"
			l.Location = "Berlin"
			l.Workplace = jobstats.WorkplaceRemote
			l.PostedAt = utc("2026-08-11T02:21:57Z")
			l.URL = "https://remoteOK.com/remote-jobs/remote-senior-go-engineer-northwind-1200001"
			l.Salary = sal(12000000, 15000000, "USD", jobstats.PeriodYear)
		}), desc: "What You’ll Do\n- Build APIs in Go\n- Pay: £57,000 — €65,000\nWe’re remote-first 🚀\nTags: golang, backend, dev"},
		{Listing: with(listing("rok", "1200002"), func(l *jobstats.Listing) {
			l.Title = "Customer Support Agent"
			l.Company = "Café Société" // repaired from "CafÃ© SociÃ©tÃ©"
			l.Workplace = jobstats.WorkplaceRemote
			l.PostedAt = utc("2026-08-11T01:56:42Z") // from epoch: date is empty
			l.URL = "https://remoteOK.com/remote-jobs/remote-support-agent-caf-1200002"
			// salary_min/max 0: unknown, no salary.
		}), desc: "Answer tickets.\nPlease mention the word **LOVED** when applying."},
	})
}

func TestParseRemoteOKErrors(t *testing.T) {
	tests := []struct{ name, body string }{
		{"empty body", ""},
		{"not an array", `{"error":"rate limited"}`},
		{"truncated", `[{"legal":"x"},{"id":"1",`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ls, err := parseRemoteOK([]byte(tt.body), config.Source{Name: "rok"})
			if err == nil || len(ls) != 0 {
				t.Errorf("got %d listings, err %v; want an error", len(ls), err)
			}
		})
	}
}

// mojibake encodes s as UTF-8, decodes the bytes as Windows-1252 (Latin-1
// for the five bytes it leaves undefined) and encodes the result as UTF-8
// again: what RemoteOK does to its text.
func mojibake(s string) string {
	back := map[byte]rune{}
	for r, b := range cp1252High {
		back[b] = r
	}
	var out strings.Builder
	for i := 0; i < len(s); i++ {
		if r, ok := back[s[i]]; ok {
			out.WriteRune(r)
		} else {
			out.WriteRune(rune(s[i]))
		}
	}
	return out.String()
}

func TestRepairMojibake(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"apostrophe", "Youâ€™ll", "You’ll"},
		{"pound", "Â£57,000", "£57,000"},
		{"nbsp", "Location:Â\u00a0Remote", "Location:\u00a0Remote"},
		{"latin-1 decoded C1 bytes", "Youâ\u0080\u0099ll", "You’ll"},
		{"euro", "â‚¬2,500â€“3,500", "€2,500–3,500"},
		{"emoji", "ð\u009f\u009a\u0080 Join", "🚀 Join"},
		{"accents", "CafÃ© SociÃ©tÃ©", "Café Société"},
		{"twice encoded", mojibake(mojibake("You’ll")), "You’ll"},
		{"ascii", "plain text", "plain text"},
		{"empty", "", ""},
		{"valid accents kept", "café — naïve", "café — naïve"},
		{"valid quotes kept", "You’ll “love” it", "You’ll “love” it"},
		{"valid pound kept", "£57,000", "£57,000"},
		{"cjk kept", "東京 office", "東京 office"},
		// A character with no Windows-1252 byte: the text is not
		// double-encoded as a whole, and is left alone.
		{"mixed with unmappable", "Youâ€™ll 東京", "Youâ€™ll 東京"},
		{"invalid utf-8 kept", "a\xffb", "a\xffb"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := repairMojibake(tt.in); got != tt.want {
				t.Errorf("repairMojibake(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func FuzzRepairMojibake(f *testing.F) {
	for _, s := range []string{"Youâ€™ll", "Â£57,000", "café", "ð\u009f\u009a\u0080", "a\xffb", "plain", "東京", "Ã", "â€"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r := repairMojibake(s)
		if !utf8.ValidString(s) {
			return
		}
		if !utf8.ValidString(r) {
			t.Fatalf("repairMojibake(%q) = %q, not valid UTF-8", s, r)
		}
		if again := repairMojibake(r); again != r {
			t.Fatalf("not idempotent: %q → %q → %q", s, r, again)
		}
		// Double-encoding a repaired text is undone exactly.
		if m := mojibake(r); repairMojibake(m) != r {
			t.Fatalf("repairMojibake(mojibake(%q)) = %q", r, repairMojibake(m))
		}
	})
}
