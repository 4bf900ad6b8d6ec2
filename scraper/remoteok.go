package scraper

import (
	"errors"
	"strings"
	"unicode/utf8"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/config"
)

const remoteOKBase = "https://remoteok.com/api"

func newRemoteOK(src config.Source, opts Options) (Source, error) {
	return &onePage{src: src, opts: opts, url: baseURL(src, remoteOKBase), parse: parseRemoteOK}, nil
}

type remoteOKJob struct {
	ID          flexString `json:"id"`
	Slug        string     `json:"slug"`
	Epoch       int64      `json:"epoch"`
	Date        string     `json:"date"`
	Company     string     `json:"company"`
	Position    string     `json:"position"`
	Tags        stringList `json:"tags"`
	Description string     `json:"description"`
	Location    string     `json:"location"`
	ApplyURL    string     `json:"apply_url"`
	URL         string     `json:"url"`
	SalaryMin   flexString `json:"salary_min"`
	SalaryMax   flexString `json:"salary_max"`
	Legal       string     `json:"legal"`
}

// parseRemoteOK reads a RemoteOK /api response: a JSON array whose first
// element is a legal notice, not a job. Elements with neither id nor
// position (the notice) are skipped silently; jobs with only one of them
// are skipped and reported in the returned error beside the other
// listings.
//
// RemoteOK double-encodes its text as UTF-8 ("Youâ€™ll", "Â£57,000"):
// every text field is repaired with repairMojibake. salary_min and
// salary_max are USD a year, 0 meaning unknown. (RemoteOK also carries
// figures such as 30/30, surely hourly; they are kept as written and the
// plausibility band flags them downstream.) Every job is remote.
func parseRemoteOK(body []byte, src config.Source) ([]jobstats.Listing, error) {
	var jobs []remoteOKJob
	if err := decodeBoard(body, "remoteok jobs", &jobs); err != nil {
		return nil, err
	}
	out := make([]jobstats.Listing, 0, len(jobs))
	var errs []error
	for i, j := range jobs {
		id := strings.TrimSpace(string(j.ID))
		title := jobstats.TrimSpace(repairMojibake(cleanText(j.Position)))
		if id == "" && title == "" {
			continue // the legal notice
		}
		if id == "" || title == "" {
			errs = append(errs, itemError("remoteok", i, id, "no id or position"))
			continue
		}
		l := newListing(src, id)
		l.Title = title
		l.Company = companyName(src, repairMojibake(cleanText(j.Company)), "")
		l.Location = repairMojibake(cleanLocation(j.Location))
		l.Workplace = jobstats.WorkplaceRemote
		l.URL = strings.TrimSpace(j.URL)
		if l.URL == "" {
			l.URL = strings.TrimSpace(j.ApplyURL)
		}
		l.PostedAt = parseTime(j.Date)
		if l.PostedAt.IsZero() {
			l.PostedAt = fromEpoch(j.Epoch)
		}
		l.Description = withTags(plainText(repairMojibake(j.Description)), "Tags", j.Tags)
		l.Salary = fieldSalary(parseAmount(string(j.SalaryMin)), parseAmount(string(j.SalaryMax)), "USD", jobstats.PeriodYear)
		out = append(out, l)
	}
	return out, errors.Join(errs...)
}

// cp1252High maps the characters Windows-1252 puts at bytes 0x80-0x9F
// back to those bytes. The five bytes it leaves undefined (0x81, 0x8D,
// 0x8F, 0x90, 0x9D) decode as the Latin-1 control characters U+0081 and
// so on, which map back to themselves.
var cp1252High = map[rune]byte{
	'€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87,
	'ˆ': 0x88, '‰': 0x89, 'Š': 0x8A, '‹': 0x8B, 'Œ': 0x8C, 'Ž': 0x8E,
	'‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97,
	'˜': 0x98, '™': 0x99, 'š': 0x9A, '›': 0x9B, 'œ': 0x9C, 'ž': 0x9E, 'Ÿ': 0x9F,
}

// repairMojibake undoes double encoding: UTF-8 text that was decoded as
// Latin-1 or Windows-1252 and encoded as UTF-8 again ("Youâ€™ll" →
// "You’ll", "Â£57,000" → "£57,000"). It turns every character back into
// the byte it came from and keeps the result only when every character
// has such a byte and the bytes are valid UTF-8; otherwise s is returned
// unchanged. Genuine text almost never passes: a lone "é" or "’" is not
// valid UTF-8 as a byte. Layers are undone until none is left, so the
// result is a fixed point: repairMojibake is idempotent.
func repairMojibake(s string) string {
	for {
		r, ok := undoMojibake(s)
		if !ok {
			return s
		}
		s = r
	}
}

// undoMojibake undoes one layer of double encoding; ok is false when s
// has no non-ASCII character or is not double-encoded text.
func undoMojibake(s string) (string, bool) {
	i := 0
	for i < len(s) && s[i] < utf8.RuneSelf {
		i++
	}
	if i == len(s) {
		return s, false // ASCII: nothing to undo
	}
	b := make([]byte, i, len(s))
	copy(b, s[:i])
	for _, r := range s[i:] {
		switch {
		case r < 0x100:
			b = append(b, byte(r))
		default:
			c, ok := cp1252High[r]
			if !ok {
				return s, false
			}
			b = append(b, c)
		}
	}
	if !utf8.Valid(b) {
		return s, false
	}
	return string(b), true
}
