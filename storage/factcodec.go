package storage

import (
	"encoding/binary"
	"fmt"
	"math"

	"github.com/jobstats/jobstats"
)

// A fact record is the value stored under a listing's ID in the facts
// bucket: the jobstats.Fact of the listing, what statistics read of it,
// with every string as the number of a symbol (see the symbols bucket):
//
//	fact      = format flags [fingerprint] [simhash] lifecycle symbols [salary] [years] [posted] lists
//	format    = byte 0x01
//	flags     = u16 (the ff* bits below)
//	lifecycle = [i64 FirstSeen] [varint LastSeen-base] [varint ClosedAt-LastSeen']
//	            [uvarint #Gaps (varint Closed varint Reopened)...]
//	symbols   = uvarint Role Market Seniority Employment Workplace Degree Company Place
//	salary    = uvarint Currency uvarint Period (u32 Min u32 Max | varint Min varint Max)
//	years     = uvarint ExperienceYears
//	posted    = i64 PostedAt
//	lists     = uvarint #Sources Sources... uvarint #Skills Skills... uvarint #Certifications Certifications...
//
// Fixed-size numbers are big-endian. Times are Unix nanoseconds, each
// present only when its flag is set (a zero time takes no room); the ones
// that are large numbers are 8 bytes (no longer than their varint, and
// read in one step), the others distances: LastSeen from FirstSeen (from 0
// when FirstSeen is zero), ClosedAt from LastSeen (from that base when
// LastSeen is zero), usually a byte or two; differences wrap around like
// the int64 they are, and decode exactly. Salary bounds are 4 bytes each
// when both fit (ffPay32), varints otherwise. Fingerprint and Simhash, 8
// bytes, present when not zero, come right after the flags, so that a scan
// for fingerprints alone reads a few bytes of each record (see
// recordFingerprint). A record is about 45 to 75 bytes, and decodes in
// a few dozen nanoseconds.

// factFormat is the leading byte of a fact record.
const factFormat = 1

// Flag bits of a fact record.
const (
	ffFirst = 1 << iota
	ffLast
	ffClosed
	ffGaps
	ffSalary
	ffYears
	ffFingerprint
	ffSimhash
	ffPosted
	ffPay32 // both salary bounds in 0..2^32-1, stored in 4 bytes each

	ffAll = ffFirst | ffLast | ffClosed | ffGaps | ffSalary | ffYears | ffFingerprint | ffSimhash | ffPosted | ffPay32
)

// appendFact appends the record of f to dst.
func appendFact(dst []byte, f *jobstats.Fact) []byte {
	var flags uint64
	set := func(bit uint64, on bool) {
		if on {
			flags |= bit
		}
	}
	set(ffFirst, f.FirstSeen != jobstats.NoTime)
	set(ffLast, f.LastSeen != jobstats.NoTime)
	set(ffClosed, f.ClosedAt != jobstats.NoTime)
	set(ffGaps, len(f.Gaps) >= 2)
	set(ffSalary, f.Salary)
	set(ffYears, f.ExperienceYears > 0)
	set(ffFingerprint, f.Fingerprint != 0)
	set(ffSimhash, f.Simhash != 0)
	set(ffPosted, f.PostedAt != jobstats.NoTime)
	set(ffPay32, f.Salary && f.Min >= 0 && f.Min <= math.MaxUint32 && f.Max >= 0 && f.Max <= math.MaxUint32)
	dst = append(dst, factFormat)
	dst = binary.BigEndian.AppendUint16(dst, uint16(flags))
	if f.Fingerprint != 0 {
		dst = binary.BigEndian.AppendUint64(dst, f.Fingerprint)
	}
	if f.Simhash != 0 {
		dst = binary.BigEndian.AppendUint64(dst, f.Simhash)
	}
	base := int64(0)
	if flags&ffFirst != 0 {
		dst = binary.BigEndian.AppendUint64(dst, uint64(f.FirstSeen))
		base = f.FirstSeen
	}
	if flags&ffLast != 0 {
		dst = binary.AppendVarint(dst, f.LastSeen-base)
		base = f.LastSeen
	}
	if flags&ffClosed != 0 {
		dst = binary.AppendVarint(dst, f.ClosedAt-base)
	}
	if flags&ffGaps != 0 {
		n := len(f.Gaps) / 2
		dst = binary.AppendUvarint(dst, uint64(n))
		for _, t := range f.Gaps[:2*n] {
			dst = binary.AppendVarint(dst, t)
		}
	}
	for _, s := range [...]jobstats.Sym{f.Role, f.Market, f.Seniority, f.Employment, f.Workplace, f.Degree, f.Company, f.Place} {
		dst = binary.AppendUvarint(dst, uint64(s))
	}
	if f.Salary {
		dst = binary.AppendUvarint(dst, uint64(f.Currency))
		dst = binary.AppendUvarint(dst, uint64(f.Period))
		if flags&ffPay32 != 0 {
			dst = binary.BigEndian.AppendUint32(dst, uint32(f.Min))
			dst = binary.BigEndian.AppendUint32(dst, uint32(f.Max))
		} else {
			dst = binary.AppendVarint(dst, int64(f.Min))
			dst = binary.AppendVarint(dst, int64(f.Max))
		}
	}
	if flags&ffYears != 0 {
		dst = binary.AppendUvarint(dst, uint64(f.ExperienceYears))
	}
	if flags&ffPosted != 0 {
		dst = binary.BigEndian.AppendUint64(dst, uint64(f.PostedAt))
	}
	for _, list := range [...][]jobstats.Sym{f.Sources, f.Skills, f.Certifications} {
		dst = binary.AppendUvarint(dst, uint64(len(list)))
		for _, s := range list {
			dst = binary.AppendUvarint(dst, uint64(s))
		}
	}
	return dst
}

// uv returns the uvarint at b[i:] and the index after it. After an error
// the index is len(b)+1, and stays there through every later call, so
// that a decoder checks once per field rather than per byte.
func uv(b []byte, i int) (uint64, int) {
	if uint(i) < uint(len(b)) && b[i] < 0x80 {
		return uint64(b[i]), i + 1
	}
	return uvLong(b, i)
}

func uvLong(b []byte, i int) (uint64, int) {
	if i >= len(b) {
		return 0, len(b) + 1
	}
	v, n := binary.Uvarint(b[i:])
	if n <= 0 {
		return 0, len(b) + 1
	}
	return v, i + n
}

// sv returns the varint at b[i:] and the index after it, as uv does.
func sv(b []byte, i int) (int64, int) {
	u, i := uv(b, i)
	return int64(u>>1) ^ -int64(u&1), i
}

// u64At returns the 8 bytes big-endian at b[i:] and the index after them,
// as uv does.
func u64At(b []byte, i int) (uint64, int) {
	if i < 0 || i+8 > len(b) {
		return 0, len(b) + 1
	}
	return binary.BigEndian.Uint64(b[i:]), i + 8
}

// factError is the error of a fact record bad at field what, byte i.
func factError(what string, i int) error {
	return fmt.Errorf("%w: bad %s at byte %d", errRecord, what, i)
}

// u32At returns the 4 bytes big-endian at b[i:] and the index after them,
// as uv does.
func u32At(b []byte, i int) (uint64, int) {
	if i < 0 || i+4 > len(b) {
		return 0, len(b) + 1
	}
	return uint64(binary.BigEndian.Uint32(b[i:])), i + 4
}

// recordFingerprint returns the Fingerprint of a fact record, 0 when it
// has none (or the record is bad), without decoding the rest of it.
func recordFingerprint(rec []byte) uint64 {
	if len(rec) < 11 || rec[0] != factFormat || binary.BigEndian.Uint16(rec[1:])&ffFingerprint == 0 {
		return 0
	}
	return binary.BigEndian.Uint64(rec[3:])
}

// symFields names the symbol fields of a record in their order.
var symFields = [...]string{"role", "market", "seniority", "employment type", "workplace", "degree", "company", "place"}

// decodeFact decodes the record rec into f, reusing f's slices; every
// symbol must be below nsyms (the size of the symbol table). It sets
// every field of f but Alone, which is the scan's. It is written for a
// scan of a million records: local indexes, and one check per field.
func decodeFact(rec []byte, nsyms int, f *jobstats.Fact) error {
	if len(rec) == 0 {
		return fmt.Errorf("%w: empty fact record", errRecord)
	}
	if rec[0] != factFormat {
		return fmt.Errorf("%w: unknown fact format %d", errRecord, rec[0])
	}
	b, n, ns := rec, len(rec), uint64(nsyms)
	if n < 3 {
		return factError("fact flags", n)
	}
	flags, i := uint64(binary.BigEndian.Uint16(b[1:])), 3
	if flags&^ffAll != 0 {
		return factError("fact flags", 1)
	}
	f.Fingerprint, f.Simhash = 0, 0
	if flags&ffFingerprint != 0 {
		if f.Fingerprint, i = u64At(b, i); f.Fingerprint == 0 {
			return factError("fingerprint", min(i, n))
		}
	}
	if flags&ffSimhash != 0 {
		if f.Simhash, i = u64At(b, i); f.Simhash == 0 {
			return factError("simhash", min(i, n))
		}
	}
	f.FirstSeen, f.LastSeen, f.ClosedAt, f.PostedAt = jobstats.NoTime, jobstats.NoTime, jobstats.NoTime, jobstats.NoTime
	base := int64(0)
	var d int64
	var u uint64
	if flags&ffFirst != 0 {
		u, i = u64At(b, i)
		f.FirstSeen = int64(u)
		base = f.FirstSeen
	}
	if flags&ffLast != 0 {
		d, i = sv(b, i)
		f.LastSeen = base + d
		base = f.LastSeen
	}
	if flags&ffClosed != 0 {
		d, i = sv(b, i)
		f.ClosedAt = base + d
	}
	if i > n {
		return factError("lifecycle", n)
	}
	f.Gaps = f.Gaps[:0]
	if flags&ffGaps != 0 {
		var k uint64
		k, i = uv(b, i)
		if k == 0 || i > n || k > uint64(n-i)/2 {
			return factError("gaps (count)", min(i, n))
		}
		for range 2 * k {
			d, i = sv(b, i)
			f.Gaps = append(f.Gaps, d)
		}
		if i > n {
			return factError("gaps", n)
		}
	}
	var v uint64
	for k, p := range [...]*jobstats.Sym{&f.Role, &f.Market, &f.Seniority, &f.Employment, &f.Workplace, &f.Degree, &f.Company, &f.Place} {
		if v, i = uv(b, i); v >= ns || i > n {
			return factError(symFields[k], min(i, n))
		}
		*p = jobstats.Sym(v)
	}
	f.Salary, f.Currency, f.Period, f.Min, f.Max = false, 0, 0, 0, 0
	if flags&ffSalary != 0 {
		f.Salary = true
		var c, p uint64
		c, i = uv(b, i)
		p, i = uv(b, i)
		if c >= ns || p >= ns {
			return factError("currency or period (no such symbol)", min(i, n))
		}
		f.Currency, f.Period = jobstats.Sym(c), jobstats.Sym(p)
		if flags&ffPay32 != 0 {
			u, i = u32At(b, i)
			f.Min = jobstats.Amount(u)
			u, i = u32At(b, i)
			f.Max = jobstats.Amount(u)
		} else {
			d, i = sv(b, i)
			f.Min = jobstats.Amount(d)
			d, i = sv(b, i)
			f.Max = jobstats.Amount(d)
		}
		if i > n {
			return factError("salary", n)
		}
	}
	f.ExperienceYears = 0
	if flags&ffYears != 0 {
		if v, i = uv(b, i); v == 0 || v > 1<<31-1 || i > n {
			return factError("experience years", min(i, n))
		}
		f.ExperienceYears = int(v)
	}
	if flags&ffPosted != 0 {
		if u, i = u64At(b, i); i > n {
			return factError("posted at", n)
		}
		f.PostedAt = int64(u)
	}
	for k, p := range [...]*[]jobstats.Sym{&f.Sources, &f.Skills, &f.Certifications} {
		list := (*p)[:0]
		var count uint64
		if count, i = uv(b, i); i > n || count > uint64(n-i) {
			return factError(listFields[k]+" (count)", min(i, n))
		}
		for range count {
			v, i = uv(b, i)
			if v >= ns {
				return factError(listFields[k]+" (no such symbol)", min(i, n))
			}
			list = append(list, jobstats.Sym(v))
		}
		*p = list
	}
	if i != n {
		return factError("fact length (trailing bytes)", min(i, n))
	}
	return nil
}

// listFields names the lists of a record in their order.
var listFields = [...]string{"sources", "skills", "certifications"}
