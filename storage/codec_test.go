package storage_test

import (
	"bytes"
	"encoding/binary"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/storage"
)

// fullListing returns a listing with every field set; times are in UTC.
func fullListing() jobstats.Listing {
	return jobstats.Listing{
		ID:             "greenhouse:4012345",
		Source:         "greenhouse",
		SourceID:       "4012345",
		Sources:        []string{"greenhouse", "linkedin"},
		URL:            "https://boards.example.com/acme/jobs/4012345",
		Title:          "Senior Backend Engineer (Go)",
		Company:        "Acme GmbH",
		Location:       "Berlin, Germany",
		Country:        "DE",
		Region:         "BE",
		City:           "Berlin",
		Workplace:      jobstats.WorkplaceHybrid,
		EmploymentType: "full-time",
		PostedAt:       time.Date(2026, 10, 30, 0, 0, 0, 0, time.UTC),
		SalaryText:     "€70,000 – €85,000 a year",
		Salary: &jobstats.Salary{
			Min: jobstats.AmountOf(70000), Max: jobstats.AmountOf(85000),
			Currency: "EUR", Period: jobstats.PeriodYear, PeriodInferred: true,
			From: jobstats.SalaryFromText,
		},
		DegreeText:      "Bachelor's degree in Computer Science or equivalent experience",
		Degree:          jobstats.DegreeEquivalent,
		Role:            "Backend Engineer",
		Seniority:       jobstats.SenioritySenior,
		ExperienceYears: 5,
		Skills:          []string{"Go", "PostgreSQL", "Kubernetes"},
		Certifications:  []string{"CKA"},
		Fingerprint:     0x8a3f_01c2_77d4_e905,
		Simhash:         0x0f0f_3c3c_a5a5_9669,
		FirstSeen:       time.Date(2026, 11, 1, 6, 0, 0, 123, time.UTC),
		LastSeen:        time.Date(2026, 11, 20, 6, 0, 0, 0, time.UTC),
		ClosedAt:        time.Date(2026, 11, 21, 6, 30, 0, 0, time.UTC),
	}
}

func TestCodecRoundTrip(t *testing.T) {
	colon := fullListing()
	colon.Source, colon.SourceID, colon.ID = "a:b", "c", "a:b:c"
	odd := fullListing()
	odd.ID = "custom-id"
	odd.Salary = &jobstats.Salary{Max: 1, Period: jobstats.PeriodHour}
	epoch := jobstats.Listing{ID: "s:1", Source: "s", SourceID: "1", LastSeen: time.Unix(0, 0).UTC(), PostedAt: time.Unix(-5, 0).UTC()}
	fpOnly, shOnly := fullListing(), fullListing()
	fpOnly.Simhash, shOnly.Fingerprint = 0, 0
	maxHashes := jobstats.Listing{ID: "s:1", Source: "s", SourceID: "1", Fingerprint: ^uint64(0), Simhash: 1}
	tests := []struct {
		name string
		l    jobstats.Listing
	}{
		{"full", fullListing()},
		{"minimal", jobstats.Listing{ID: "s:1", Source: "s", SourceID: "1"}},
		{"empty", jobstats.Listing{}},
		{"colon in source", colon},
		{"id not from parts", odd},
		{"epoch and negative times", epoch},
		{"unicode", jobstats.Listing{ID: "ü:ñ", Source: "ü", SourceID: "ñ", Title: "Ingénieur·e 日本語"}},
		{"fingerprint without simhash", fpOnly},
		{"simhash without fingerprint", shOnly},
		{"extreme hashes", maxHashes},
		{"remote scope only", jobstats.Listing{ID: "s:1", Source: "s", SourceID: "1", Workplace: jobstats.WorkplaceRemote, RemoteScope: jobstats.RemoteEU}},
		{"experience only", jobstats.Listing{ID: "s:1", Source: "s", SourceID: "1", ExperienceYears: 12}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := storage.EncodeListing(&tt.l)
			got, err := storage.DecodeListing([]byte(tt.l.ID), rec)
			if err != nil {
				t.Fatalf("decode: %v", err)
			}
			if !reflect.DeepEqual(got, tt.l) {
				t.Errorf("round trip:\n got %+v\nwant %+v", got, tt.l)
			}
		})
	}
}

func TestDecodeResetsReusedListing(t *testing.T) {
	full := fullListing()
	minimal := jobstats.Listing{ID: "s:1", Source: "s", SourceID: "1"}
	var l jobstats.Listing
	if err := storage.DecodeListingInto([]byte(full.ID), storage.EncodeListing(&full), &l); err != nil {
		t.Fatal(err)
	}
	l.Description = "left over"
	kept := l // a shallow copy must survive the next decode
	if err := storage.DecodeListingInto([]byte(minimal.ID), storage.EncodeListing(&minimal), &l); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(l, minimal) {
		t.Errorf("reused listing keeps old fields:\n got %+v\nwant %+v", l, minimal)
	}
	full.Description = "left over"
	if !reflect.DeepEqual(kept, full) {
		t.Errorf("shallow copy changed by the next decode:\n got %+v\nwant %+v", kept, full)
	}
}

func TestDecodeErrors(t *testing.T) {
	good := fullListing()
	rec := storage.EncodeListing(&good)
	tests := []struct {
		name string
		rec  []byte
	}{
		{"empty", nil},
		{"unknown format", append([]byte{4}, rec[1:]...)},
		{"format 2 with a place", append([]byte{2}, rec[1:]...)},
		{"zero experience stored", []byte{3, 0, 0x80, 0, 0, 0, 0}},
		{"format zero", append([]byte{0}, rec[1:]...)},
		{"format 1 with a fingerprint", append([]byte{1}, rec[1:]...)},
		{"truncated fingerprint", []byte{2, 0, 0x10, 0, 0, 0, 1, 2, 3}},
		{"zero fingerprint stored", []byte{2, 0, 0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}},
		{"zero simhash stored", []byte{2, 0, 0x20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}},
		{"truncated header", rec[:2]},
		{"truncated body", rec[:len(rec)-1]},
		{"trailing bytes", append(append([]byte(nil), rec...), 0)},
		{"huge count", []byte{1, 0, 0, 0xff, 0xff, 0xff, 0xff, 0x0f, 0, 0}},
		{"unknown flag", []byte{1, 0x80, 0x01}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := storage.DecodeListing([]byte(good.ID), tt.rec)
			if err == nil {
				t.Fatalf("decode gave %+v, want an error", l)
			}
			if !reflect.DeepEqual(l, jobstats.Listing{}) {
				t.Errorf("failed decode left %+v", l)
			}
		})
	}
}

// normalize makes empty lists nil, as the codec returns them.
func normalize(l *jobstats.Listing) {
	for _, p := range []*[]string{&l.Sources, &l.Skills, &l.Certifications} {
		if len(*p) == 0 {
			*p = nil
		}
	}
}

func FuzzCodec(f *testing.F) {
	full := fullListing()
	f.Add("greenhouse", "4012345", "Senior Go Engineer", "EUR", int64(7000000), int64(8500000), uint8(0xff), int64(1761955200000000000), int64(-1), "Go,SQL", full.Fingerprint, full.Simhash, storage.EncodeListing(&full))
	f.Add("", "", "", "", int64(0), int64(0), uint8(0), int64(0), int64(0), "", uint64(0), uint64(0), []byte{1, 0, 0, 0, 0, 0})
	f.Add("a:b", "c", "x", "", int64(-1), int64(1<<62), uint8(0x55), int64(1), int64(1<<62), ",,", uint64(1), ^uint64(0), []byte{1})
	f.Add("s", "1", "t", "", int64(0), int64(0), uint8(0), int64(0), int64(0), "", uint64(0), uint64(7), encodeV1(&full))
	f.Add("s", "1", "t", "", int64(0), int64(0), uint8(0), int64(0), int64(0), "", uint64(9), uint64(0), []byte{2, 0, 0x31, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 6, 7, 8, 1, 's', 1, 'i', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0})
	f.Fuzz(func(t *testing.T, source, sourceID, title, currency string, min, max int64, bits uint8, t1, t2 int64, skills string, fp, sh uint64, raw []byte) {
		l := jobstats.Listing{
			ID: jobstats.ListingID(source, sourceID), Source: source, SourceID: sourceID,
			Title: title, URL: title + "/" + sourceID, Company: currency, Role: skills,
			Workplace: jobstats.Workplace(currency), Seniority: jobstats.Seniority(title),
			Fingerprint: fp, Simhash: sh,
			Country: currency, City: sourceID, ExperienceYears: int(uint8(min)),
		}
		if bits&1 != 0 {
			l.ID = source + sourceID // not derivable from the parts
		}
		if bits&2 != 0 {
			l.Salary = &jobstats.Salary{Min: jobstats.Amount(min), Max: jobstats.Amount(max), Currency: currency,
				Period: jobstats.Period(title), PeriodInferred: bits&4 != 0, From: jobstats.SalaryFromField}
		}
		if bits&8 != 0 {
			l.PostedAt = time.Unix(0, t1).UTC()
		}
		if bits&16 != 0 {
			l.FirstSeen = time.Unix(0, t2).UTC()
		}
		if bits&32 != 0 {
			l.LastSeen = time.Unix(0, t1).UTC()
			l.ClosedAt = time.Unix(0, t2).UTC()
		}
		if bits&64 != 0 {
			l.Skills = splitComma(skills)
		}
		if bits&128 != 0 {
			l.Sources = []string{source, sourceID}
			l.Certifications = splitComma(title)
		}
		normalize(&l)
		got, err := storage.DecodeListing([]byte(l.ID), storage.EncodeListing(&l))
		if err != nil {
			t.Fatalf("decode of encoded %+v: %v", l, err)
		}
		if !reflect.DeepEqual(got, l) {
			t.Fatalf("round trip:\n got %+v\nwant %+v", got, l)
		}

		// The previous format decodes to the same listing without the
		// hashes.
		old := l
		old.Fingerprint, old.Simhash = 0, 0
		old.Country, old.City, old.ExperienceYears = "", "", 0
		got, err = storage.DecodeListing([]byte(l.ID), encodeV1(&l))
		if err != nil {
			t.Fatalf("decode of format 1 %+v: %v", old, err)
		}
		if !reflect.DeepEqual(got, old) {
			t.Fatalf("format 1:\n got %+v\nwant %+v", got, old)
		}

		// Arbitrary bytes: an error, or a listing that encodes back to a
		// record decoding to the same listing.
		got, err = storage.DecodeListing([]byte(source), raw)
		if err != nil {
			if !reflect.DeepEqual(got, jobstats.Listing{}) {
				t.Fatalf("failed decode left %+v", got)
			}
			return
		}
		again, err := storage.DecodeListing([]byte(got.ID), storage.EncodeListing(&got))
		if err != nil || !reflect.DeepEqual(again, got) {
			t.Fatalf("re-encode of decoded %+v: %+v, %v", got, again, err)
		}
	})
}

func splitComma(s string) []string {
	var out []string
	start := 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == ',' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return out
}

func TestDecodeFormat1(t *testing.T) {
	colon := fullListing()
	colon.Source, colon.SourceID, colon.ID = "a:b", "c", "a:b:c"
	noSalary := fullListing()
	noSalary.Salary, noSalary.PostedAt, noSalary.ClosedAt = nil, time.Time{}, time.Time{}
	tests := []struct {
		name string
		l    jobstats.Listing
	}{
		{"full", fullListing()},
		{"minimal", jobstats.Listing{ID: "s:1", Source: "s", SourceID: "1"}},
		{"colon in source", colon},
		{"no salary, open", noSalary},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := tt.l
			want.Fingerprint, want.Simhash = 0, 0
			want.Country, want.Region, want.City, want.RemoteScope, want.ExperienceYears = "", "", "", "", 0
			rec := encodeV1(&tt.l)
			if rec[0] != 1 {
				t.Fatalf("format byte %d", rec[0])
			}
			got, err := storage.DecodeListing([]byte(tt.l.ID), rec)
			if err != nil {
				t.Fatalf("decode: %v", err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("format 1:\n got %+v\nwant %+v", got, want)
			}
			// Without the hashes, the current format differs only in its
			// format byte: unchanged listings of an old database compare
			// equal to what PutListings writes.
			if cur := storage.EncodeListing(&want); cur[0] != 3 || !bytes.Equal(cur[1:], rec[1:]) {
				t.Errorf("format 3 without hashes and place differs from format 1 beyond the format byte:\n%x\n%x", cur, rec)
			}
		})
	}
}

// encodeV1 is the listing encoder as it was before format 2 (Fingerprint
// and Simhash not stored), kept to test that old records still decode.
func encodeV1(l *jobstats.Listing) []byte {
	const (
		cfIDParts = 1 << iota
		cfPosted
		cfSalary
		cfPeriodInferred
	)
	str := func(dst []byte, s string) []byte {
		dst = binary.AppendUvarint(dst, uint64(len(s)))
		return append(dst, s...)
	}
	var mask uint64
	times := []time.Time{l.FirstSeen, l.LastSeen, l.ClosedAt}
	for i, t := range times {
		if !t.IsZero() {
			mask |= 1 << i
		}
	}
	dst := []byte{1}
	dst = binary.AppendUvarint(dst, mask)
	for _, t := range times {
		if !t.IsZero() {
			dst = binary.AppendVarint(dst, t.UnixNano())
		}
	}
	var flags uint64
	n := len(l.Source)
	fromParts := len(l.ID) == n+1+len(l.SourceID) && !strings.Contains(l.Source, ":") &&
		l.ID[:n] == l.Source && l.ID[n] == ':' && l.ID[n+1:] == l.SourceID
	if !fromParts {
		flags |= cfIDParts
	}
	if !l.PostedAt.IsZero() {
		flags |= cfPosted
	}
	if l.Salary != nil {
		flags |= cfSalary
		if l.Salary.PeriodInferred {
			flags |= cfPeriodInferred
		}
	}
	dst = binary.AppendUvarint(dst, flags)
	dst = binary.AppendUvarint(dst, uint64(len(l.Sources)))
	dst = binary.AppendUvarint(dst, uint64(len(l.Skills)))
	dst = binary.AppendUvarint(dst, uint64(len(l.Certifications)))
	for _, s := range l.Sources {
		dst = str(dst, s)
	}
	if flags&cfIDParts != 0 {
		dst = str(dst, l.Source)
		dst = str(dst, l.SourceID)
	}
	if flags&cfPosted != 0 {
		dst = binary.AppendVarint(dst, l.PostedAt.UnixNano())
	}
	for _, s := range [...]string{
		l.URL, l.Title, l.Company, l.Location, string(l.Workplace), l.EmploymentType,
		l.SalaryText, l.DegreeText, string(l.Degree), l.Role, string(l.Seniority),
	} {
		dst = str(dst, s)
	}
	if s := l.Salary; s != nil {
		dst = binary.AppendVarint(dst, int64(s.Min))
		dst = binary.AppendVarint(dst, int64(s.Max))
		dst = str(dst, s.Currency)
		dst = str(dst, string(s.Period))
		dst = str(dst, string(s.From))
	}
	for _, s := range l.Skills {
		dst = str(dst, s)
	}
	for _, s := range l.Certifications {
		dst = str(dst, s)
	}
	return dst
}

func TestCodecGaps(t *testing.T) {
	l := jobstats.Listing{ID: "a:1", Source: "a", SourceID: "1", Title: "Backend Engineer",
		FirstSeen: time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC),
		Gaps: []jobstats.Gap{
			{Closed: time.Date(2026, 10, 3, 0, 0, 0, 0, time.UTC), Reopened: time.Date(2026, 10, 5, 0, 0, 0, 0, time.UTC)},
			{Closed: time.Date(2026, 10, 7, 0, 0, 0, 0, time.UTC), Reopened: time.Date(2026, 10, 9, 0, 0, 0, 0, time.UTC)},
		}}
	got, err := storage.DecodeListing([]byte(l.ID), storage.EncodeListing(&l))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Gaps, l.Gaps) {
		t.Errorf("gaps = %v, want %v", got.Gaps, l.Gaps)
	}
}

// TestDecodeFormat2 decodes records as format 2 wrote them (with
// Fingerprint and Simhash, before the place and ExperienceYears): the new
// fields read empty, and the current format of the same content differs
// only in its format byte.
func TestDecodeFormat2(t *testing.T) {
	for _, l := range []jobstats.Listing{fullListing(), {ID: "s:1", Source: "s", SourceID: "1", Simhash: 9}} {
		want := l
		want.Country, want.Region, want.City, want.RemoteScope, want.ExperienceYears = "", "", "", "", 0
		rec := encodeV2(&l)
		got, err := storage.DecodeListing([]byte(l.ID), rec)
		if err != nil {
			t.Fatalf("decode format 2: %v", err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("format 2:\n got %+v\nwant %+v", got, want)
		}
		if cur := storage.EncodeListing(&want); cur[0] != 3 || !bytes.Equal(cur[1:], rec[1:]) {
			t.Errorf("format 3 without the place differs from format 2 beyond the format byte:\n%x\n%x", cur, rec)
		}
	}
}

// encodeV2 is the listing encoder of format 2: format 1 plus Fingerprint
// and Simhash (content flags 1<<4 and 1<<5, each 8 bytes big-endian right
// after the list counts).
func encodeV2(l *jobstats.Listing) []byte {
	old := *l
	old.Fingerprint, old.Simhash = 0, 0
	v1 := encodeV1(&old)
	// Split format 1 into header and body: re-encode the header alone.
	hdr := encodeV1(&jobstats.Listing{ID: "x:y", Source: "x", SourceID: "y", FirstSeen: l.FirstSeen, LastSeen: l.LastSeen, ClosedAt: l.ClosedAt})
	hdrLen := len(hdr) - (len(encodeV1(&jobstats.Listing{ID: "x:y", Source: "x", SourceID: "y"})) - 2)
	body := v1[hdrLen:]
	flags, n := binary.Uvarint(body)
	rest := body[n:]
	var counts []byte
	for range 3 {
		_, k := binary.Uvarint(rest)
		counts, rest = append(counts, rest[:k]...), rest[k:]
	}
	if l.Fingerprint != 0 {
		flags |= 1 << 4
	}
	if l.Simhash != 0 {
		flags |= 1 << 5
	}
	out := append([]byte{2}, v1[1:hdrLen]...)
	out = binary.AppendUvarint(out, flags)
	out = append(out, counts...)
	if l.Fingerprint != 0 {
		out = binary.BigEndian.AppendUint64(out, l.Fingerprint)
	}
	if l.Simhash != 0 {
		out = binary.BigEndian.AppendUint64(out, l.Simhash)
	}
	return append(out, rest...)
}
