package storage

import (
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jobstats/jobstats"
)

// A listing record is the value stored under the listing's ID in the
// listings bucket. It holds every Listing field except ID (the key) and
// Description (kept in its own bucket), in a compact binary form:
//
//	record    = format header body
//	format    = byte 0x03 (0x01, 0x02: see below)
//	header    = uvarint(lifecycle mask) [varint FirstSeen] [varint LastSeen] [varint ClosedAt]
//	            [uvarint(#Gaps) (varint Closed varint Reopened)...]
//	body      = uvarint(content flags) uvarint(#Sources) uvarint(#Skills) uvarint(#Certifications)
//	            [u64 Fingerprint] [u64 Simhash]
//	            Sources... [Source SourceID] [varint PostedAt]
//	            URL Title Company Location Workplace EmploymentType SalaryText
//	            DegreeText Degree Role Seniority
//	            [varint Min varint Max Currency Period From]
//	            Skills... Certifications...
//	            [Country Region City RemoteScope] [uvarint ExperienceYears]
//
// Strings are uvarint(length) followed by the bytes; times are unix
// nanoseconds, present only when their bit is set (the zero time stays
// zero); u64 is 8 bytes big-endian, present only when its flag is set (a
// zero Fingerprint or Simhash takes no room). The header holds only the
// lifecycle times that storage itself maintains, so that closing,
// touching and reopening a listing rewrites the header and copies the body
// bytes unchanged, and so that two bodies compare equal exactly when the
// content is the same. Fingerprint and Simhash come right after the counts,
// at a fixed place, so that PutListings reads them without decoding the
// strings.
//
// Format 1, written before Fingerprint and Simhash were stored, is the same
// but for the format byte and the two u64 fields, whose flags it may not
// set. It is still decoded (both fields are then 0), so a database written
// by an older jobstats reads unchanged; a record is written again in the
// current format the next time it is stored. A format 1 body without them
// is byte for byte a format 2 body, so an unchanged listing of an old
// database is not counted as updated merely for the new format.
//
// Format 3 adds the place (Country, Region, City, RemoteScope: present
// together when any is set) and ExperienceYears (present when above 0) at
// the end of the body, each behind a content flag. A format 2 body is byte
// for byte a format 3 body without them, and still decodes.

// Record formats: the leading byte of a listing record. formatCurrent is
// the one this code writes; every older one is still decoded.
const (
	formatV1      = 1 // before Fingerprint and Simhash
	formatV2      = 2 // adds Fingerprint and Simhash
	formatV3      = 3 // adds the place and ExperienceYears
	formatCurrent = formatV3
)

// Lifecycle mask bits of the record header.
const (
	lcFirstSeen = 1 << iota
	lcLastSeen
	lcClosed
	lcGaps // earlier closures; never set by format 1 writers, so old records read unchanged
)

// Content flag bits of the record body.
const (
	cfIDParts        = 1 << iota // Source and SourceID stored (ID is not Source + ":" + SourceID)
	cfPosted                     // PostedAt stored
	cfSalary                     // Salary stored
	cfPeriodInferred             // Salary.PeriodInferred
	cfFingerprint                // Fingerprint stored (format 2)
	cfSimhash                    // Simhash stored (format 2)
	cfPlace                      // Country, Region, City and RemoteScope stored (format 3)
	cfExperience                 // ExperienceYears stored (format 3)
)

// contentFlags are the content flags each format may set.
var contentFlags = [...]uint64{
	formatV1: cfIDParts | cfPosted | cfSalary | cfPeriodInferred,
	formatV2: cfIDParts | cfPosted | cfSalary | cfPeriodInferred | cfFingerprint | cfSimhash,
	formatV3: cfIDParts | cfPosted | cfSalary | cfPeriodInferred | cfFingerprint | cfSimhash | cfPlace | cfExperience,
}

// errRecord is wrapped by every decoding error.
var errRecord = errors.New("malformed listing record")

// lifecycle holds the times storage maintains for a listing.
type lifecycle struct {
	first, last, closed time.Time
	gaps                []jobstats.Gap
}

// domain returns lc as a jobstats.Lifecycle, whose rules apply to it.
func (lc lifecycle) domain() jobstats.Lifecycle {
	return jobstats.Lifecycle{FirstSeen: lc.first, LastSeen: lc.last, ClosedAt: lc.closed, Gaps: lc.gaps}
}

// fromDomain returns the stored form of lc.
func fromDomain(lc jobstats.Lifecycle) lifecycle {
	return lifecycle{first: lc.FirstSeen, last: lc.LastSeen, closed: lc.ClosedAt, gaps: lc.Gaps}
}

// isOpen reports whether the listing has not been closed.
func (lc *lifecycle) isOpen() bool { return lc.closed.IsZero() }

// equal reports whether both lifecycles hold the same instants.
func (lc *lifecycle) equal(o lifecycle) bool {
	if !lc.first.Equal(o.first) || !lc.last.Equal(o.last) || !lc.closed.Equal(o.closed) || len(lc.gaps) != len(o.gaps) {
		return false
	}
	for i, g := range lc.gaps {
		if !g.Closed.Equal(o.gaps[i].Closed) || !g.Reopened.Equal(o.gaps[i].Reopened) {
			return false
		}
	}
	return true
}

// appendHeader appends the format byte and the lifecycle header to dst.
func appendHeader(dst []byte, lc lifecycle) []byte {
	var mask uint64
	if !lc.first.IsZero() {
		mask |= lcFirstSeen
	}
	if !lc.last.IsZero() {
		mask |= lcLastSeen
	}
	if !lc.closed.IsZero() {
		mask |= lcClosed
	}
	if len(lc.gaps) > 0 {
		mask |= lcGaps
	}
	dst = append(dst, formatCurrent)
	dst = binary.AppendUvarint(dst, mask)
	for _, t := range [...]time.Time{lc.first, lc.last, lc.closed} {
		if !t.IsZero() {
			dst = binary.AppendVarint(dst, t.UnixNano())
		}
	}
	if len(lc.gaps) > 0 {
		dst = binary.AppendUvarint(dst, uint64(len(lc.gaps)))
		for _, g := range lc.gaps {
			dst = binary.AppendVarint(dst, g.Closed.UnixNano())
			dst = binary.AppendVarint(dst, g.Reopened.UnixNano())
		}
	}
	return dst
}

// appendBody appends the content of l (everything but ID, Description and
// the lifecycle times) to dst.
func appendBody(dst []byte, l *jobstats.Listing) []byte {
	var flags uint64
	if !idFromParts(l) {
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
	if l.Fingerprint != 0 {
		flags |= cfFingerprint
	}
	if l.Simhash != 0 {
		flags |= cfSimhash
	}
	place := l.Country != "" || l.Region != "" || l.City != "" || l.RemoteScope != ""
	if place {
		flags |= cfPlace
	}
	if l.ExperienceYears > 0 {
		flags |= cfExperience
	}
	dst = binary.AppendUvarint(dst, flags)
	dst = binary.AppendUvarint(dst, uint64(len(l.Sources)))
	dst = binary.AppendUvarint(dst, uint64(len(l.Skills)))
	dst = binary.AppendUvarint(dst, uint64(len(l.Certifications)))
	if l.Fingerprint != 0 {
		dst = binary.BigEndian.AppendUint64(dst, l.Fingerprint)
	}
	if l.Simhash != 0 {
		dst = binary.BigEndian.AppendUint64(dst, l.Simhash)
	}
	for _, s := range l.Sources {
		dst = appendString(dst, s)
	}
	if flags&cfIDParts != 0 {
		dst = appendString(dst, l.Source)
		dst = appendString(dst, l.SourceID)
	}
	if flags&cfPosted != 0 {
		dst = binary.AppendVarint(dst, l.PostedAt.UnixNano())
	}
	for _, s := range [...]string{
		l.URL, l.Title, l.Company, l.Location, string(l.Workplace), l.EmploymentType,
		l.SalaryText, l.DegreeText, string(l.Degree), l.Role, string(l.Seniority),
	} {
		dst = appendString(dst, s)
	}
	if s := l.Salary; s != nil {
		dst = binary.AppendVarint(dst, int64(s.Min))
		dst = binary.AppendVarint(dst, int64(s.Max))
		dst = appendString(dst, s.Currency)
		dst = appendString(dst, string(s.Period))
		dst = appendString(dst, string(s.From))
	}
	for _, s := range l.Skills {
		dst = appendString(dst, s)
	}
	for _, s := range l.Certifications {
		dst = appendString(dst, s)
	}
	if place {
		for _, s := range [...]string{l.Country, l.Region, l.City, l.RemoteScope} {
			dst = appendString(dst, s)
		}
	}
	if l.ExperienceYears > 0 {
		dst = binary.AppendUvarint(dst, uint64(l.ExperienceYears))
	}
	return dst
}

// appendRecord appends the whole record of l to dst, taking the lifecycle
// times from l.
func appendRecord(dst []byte, l *jobstats.Listing) []byte {
	dst = appendHeader(dst, lifecycle{first: l.FirstSeen, last: l.LastSeen, closed: l.ClosedAt, gaps: l.Gaps})
	return appendBody(dst, l)
}

// idFromParts reports whether l.ID is Source + ":" + SourceID with a Source
// free of colons, so that both parts can be recovered from the ID.
func idFromParts(l *jobstats.Listing) bool {
	n := len(l.Source)
	return len(l.ID) == n+1+len(l.SourceID) &&
		!strings.Contains(l.Source, ":") &&
		l.ID[:n] == l.Source && l.ID[n] == ':' && l.ID[n+1:] == l.SourceID
}

func appendString(dst []byte, s string) []byte {
	dst = binary.AppendUvarint(dst, uint64(len(s)))
	return append(dst, s...)
}

// decoder reads a record. b is the raw record; s, when set, is the same
// bytes as one string so that string fields are substrings of a single
// allocation. format is the record's format, set by header. The first
// error sticks and later reads return zero values.
type decoder struct {
	b      []byte
	s      string
	i      int
	format byte
	err    error
}

func (d *decoder) fail(what string) {
	if d.err == nil {
		d.err = fmt.Errorf("%w: bad %s at byte %d", errRecord, what, d.i)
	}
}

func (d *decoder) uvarint(what string) uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b[d.i:])
	if n <= 0 {
		d.fail(what)
		return 0
	}
	d.i += n
	return v
}

func (d *decoder) varint(what string) int64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Varint(d.b[d.i:])
	if n <= 0 {
		d.fail(what)
		return 0
	}
	d.i += n
	return v
}

func (d *decoder) u64(what string) uint64 {
	if d.err != nil {
		return 0
	}
	if len(d.b)-d.i < 8 {
		d.fail(what)
		return 0
	}
	v := binary.BigEndian.Uint64(d.b[d.i:])
	d.i += 8
	return v
}

func (d *decoder) time(what string) time.Time {
	n := d.varint(what)
	if d.err != nil {
		return time.Time{}
	}
	return time.Unix(0, n).UTC()
}

func (d *decoder) str(what string) string {
	n := d.uvarint(what)
	if d.err != nil {
		return ""
	}
	if n > uint64(len(d.b)-d.i) {
		d.fail(what)
		return ""
	}
	start := d.i
	d.i += int(n)
	return d.s[start:d.i]
}

// header reads the format byte and the lifecycle header.
func (d *decoder) header() lifecycle {
	var lc lifecycle
	if len(d.b) == 0 {
		d.fail("format (empty record)")
		return lc
	}
	if d.b[0] == 0 || d.b[0] > formatCurrent {
		d.err = fmt.Errorf("%w: unknown format %d", errRecord, d.b[0])
		return lc
	}
	d.format = d.b[0]
	d.i = 1
	mask := d.uvarint("lifecycle mask")
	if mask&^(lcFirstSeen|lcLastSeen|lcClosed|lcGaps) != 0 {
		d.fail("lifecycle mask")
	}
	if mask&lcFirstSeen != 0 {
		lc.first = d.time("first seen")
	}
	if mask&lcLastSeen != 0 {
		lc.last = d.time("last seen")
	}
	if mask&lcClosed != 0 {
		lc.closed = d.time("closed at")
	}
	if mask&lcGaps != 0 {
		n := d.uvarint("gaps")
		if n == 0 || n > uint64(len(d.b)-d.i)/2 {
			d.fail("gaps (count)")
			return lc
		}
		lc.gaps = make([]jobstats.Gap, n)
		for i := range lc.gaps {
			lc.gaps[i].Closed = d.time("gap closed")
			lc.gaps[i].Reopened = d.time("gap reopened")
		}
	}
	return lc
}

// readHeader returns the lifecycle of a record and the offset of its body,
// without allocating.
func readHeader(rec []byte) (lifecycle, int, error) {
	d := decoder{b: rec}
	lc := d.header()
	return lc, d.i, d.err
}

// bodyHead is the fixed part of a record body: the content flags, the
// list lengths, and Fingerprint and Simhash.
type bodyHead struct {
	flags                     uint64
	nSources, nSkills, nCerts int
	fingerprint, simhash      uint64
}

// head reads the fixed part of a body of format d.format, checking that
// the lists could fit in what remains.
func (d *decoder) head() bodyHead {
	var h bodyHead
	h.flags = d.uvarint("content flags")
	if h.flags&^contentFlags[d.format] != 0 {
		d.fail("content flags")
	}
	a := d.uvarint("sources count")
	b := d.uvarint("skills count")
	c := d.uvarint("certifications count")
	if h.flags&cfFingerprint != 0 {
		if h.fingerprint = d.u64("fingerprint"); h.fingerprint == 0 {
			d.fail("fingerprint (zero stored)")
		}
	}
	if h.flags&cfSimhash != 0 {
		if h.simhash = d.u64("simhash"); h.simhash == 0 {
			d.fail("simhash (zero stored)")
		}
	}
	if d.err != nil {
		return bodyHead{}
	}
	// Every string takes at least one byte, so the counts are bounded by
	// the bytes left; this also keeps allocations honest on bad input.
	rest := uint64(len(d.b) - d.i)
	if a > rest || b > rest || c > rest || a+b+c > rest {
		d.fail("list counts")
		return bodyHead{}
	}
	h.nSources, h.nSkills, h.nCerts = int(a), int(b), int(c)
	return h
}

// readBody returns the fixed part and the Sources of a record body of the
// given format, without decoding the rest.
func readBody(format byte, body []byte) (bodyHead, []string, error) {
	d := decoder{b: body, format: format}
	h := d.head()
	if h.nSources == 0 || d.err != nil {
		return h, nil, d.err
	}
	out := make([]string, h.nSources)
	for i := range out {
		m := d.uvarint("source")
		if d.err != nil || m > uint64(len(body)-d.i) {
			d.fail("source")
			return bodyHead{}, nil, d.err
		}
		out[i] = string(body[d.i : d.i+int(m)])
		d.i += int(m)
	}
	return h, out, nil
}

// decodeListing decodes the record rec stored under key into l, resetting
// every field first; Description is left empty. All strings of l share one
// allocation and no slice or pointer is shared with earlier calls, so a
// shallow copy of l stays valid after the next decode.
func decodeListing(key, rec []byte, l *jobstats.Listing) error {
	// Decode into a local, which stays on the stack, and copy it once:
	// field by field stores into *l, which lives on the heap, would each
	// pay a GC write barrier while a collection runs, as it often does
	// during a scan.
	var x jobstats.Listing
	if err := decodeInto(key, rec, &x); err != nil {
		*l = jobstats.Listing{}
		return err
	}
	*l = x
	return nil
}

// decodeInto decodes into the zero listing l.
func decodeInto(key, rec []byte, l *jobstats.Listing) error {
	var sb strings.Builder
	sb.Grow(len(key) + len(rec))
	sb.Write(key)
	sb.Write(rec)
	all := sb.String()
	d := decoder{b: rec, s: all[len(key):]}
	lc := d.header()
	h := d.head()
	if d.err != nil {
		return d.err
	}
	flags, nSources, nSkills, nCerts := h.flags, h.nSources, h.nSkills, h.nCerts
	l.ID = all[:len(key)]
	l.FirstSeen, l.LastSeen, l.ClosedAt, l.Gaps = lc.first, lc.last, lc.closed, lc.gaps
	l.Fingerprint, l.Simhash = h.fingerprint, h.simhash

	var lists []string
	if n := nSources + nSkills + nCerts; n > 0 {
		lists = make([]string, n)
	}
	if nSources > 0 {
		l.Sources = lists[:nSources:nSources]
		for i := range l.Sources {
			l.Sources[i] = d.str("source")
		}
	}
	if flags&cfIDParts != 0 {
		l.Source = d.str("source name")
		l.SourceID = d.str("source id")
	} else {
		src, id, ok := strings.Cut(l.ID, ":")
		if !ok {
			d.fail("id (no colon)")
		}
		l.Source, l.SourceID = src, id
	}
	if flags&cfPosted != 0 {
		l.PostedAt = d.time("posted at")
	}
	l.URL = d.str("url")
	l.Title = d.str("title")
	l.Company = d.str("company")
	l.Location = d.str("location")
	l.Workplace = jobstats.Workplace(d.str("workplace"))
	l.EmploymentType = d.str("employment type")
	l.SalaryText = d.str("salary text")
	l.DegreeText = d.str("degree text")
	l.Degree = jobstats.Degree(d.str("degree"))
	l.Role = d.str("role")
	l.Seniority = jobstats.Seniority(d.str("seniority"))
	if flags&cfSalary != 0 {
		l.Salary = &jobstats.Salary{
			Min:            jobstats.Amount(d.varint("salary min")),
			Max:            jobstats.Amount(d.varint("salary max")),
			Currency:       d.str("salary currency"),
			Period:         jobstats.Period(d.str("salary period")),
			From:           jobstats.SalarySource(d.str("salary source")),
			PeriodInferred: flags&cfPeriodInferred != 0,
		}
	} else if flags&cfPeriodInferred != 0 {
		d.fail("content flags (period inferred without salary)")
	}
	if nSkills > 0 {
		l.Skills = lists[nSources : nSources+nSkills : nSources+nSkills]
		for i := range l.Skills {
			l.Skills[i] = d.str("skill")
		}
	}
	if nCerts > 0 {
		l.Certifications = lists[nSources+nSkills:]
		for i := range l.Certifications {
			l.Certifications[i] = d.str("certification")
		}
	}
	if flags&cfPlace != 0 {
		l.Country = d.str("country")
		l.Region = d.str("region")
		l.City = d.str("city")
		l.RemoteScope = d.str("remote scope")
	}
	if flags&cfExperience != 0 {
		y := d.uvarint("experience years")
		if y == 0 || y > 1<<31-1 {
			d.fail("experience years")
		}
		l.ExperienceYears = int(y)
	}
	if d.err == nil && d.i != len(rec) {
		d.fail("record length (trailing bytes)")
	}
	return d.err
}
