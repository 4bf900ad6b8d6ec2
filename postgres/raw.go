package postgres

import (
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/jobstats/jobstats"
)

// This file decodes the listing columns of a row from PostgreSQL's binary
// format directly: a report streams a million rows, and pgx's general
// Scan (a plan per column, a string per array element) costs more than
// the aggregation. rowScanner.Scan is the reference: a test checks that
// both read the same listings.

// Column types of listingColumns (and description), in order.
const (
	colText = iota
	colTextArray
	colInt8
	colInt4
	colBool
	colInt8Array
)

var rawTypes = []int{
	colText, colText, colText, colTextArray, colText, colText, colText, colText, colText, // id .. workplace
	colText, colText, colText, colText, colText, colInt8, colText, // employment .. salary_text
	colInt8, colInt8, colText, colText, colBool, colText, // salary
	colText, colText, colText, colText, colInt4, colTextArray, colTextArray, // degree_text .. certifications
	colInt8, colInt8, colInt8, colInt8, colInt8, colInt8Array, // fingerprint .. gaps
	colText, // description
}

var errRaw = errors.New("unexpected binary value")

// rawDecodable reports whether the columns come as decodeRaw reads them:
// every one but text in binary format (text is the same bytes in both).
func rawDecodable(fds []pgconn.FieldDescription) bool {
	if len(fds) > len(rawTypes) || len(fds) < len(rawTypes)-1 {
		return false
	}
	for i, fd := range fds {
		if fd.Format != pgx.BinaryFormatCode && rawTypes[i] != colText {
			return false
		}
	}
	return true
}

// textArray walks the elements of a binary text[] value; fn gets each
// element's bytes. NULL elements are an error.
func textArray(b []byte, fn func([]byte)) error {
	if len(b) < 12 {
		return errRaw
	}
	ndim := binary.BigEndian.Uint32(b)
	if ndim == 0 {
		return nil
	}
	if ndim != 1 || len(b) < 20 {
		return errRaw
	}
	n := int(binary.BigEndian.Uint32(b[12:]))
	b = b[20:]
	for range n {
		if len(b) < 4 {
			return errRaw
		}
		l := int32(binary.BigEndian.Uint32(b))
		if l < 0 || int(l) > len(b)-4 {
			return errRaw
		}
		fn(b[4 : 4+l])
		b = b[4+l:]
	}
	return nil
}

// decodeRaw fills l from a row's binary values. All strings of the row
// share one allocation, and no slice is shared with another row.
func decodeRaw(vals [][]byte, l *jobstats.Listing) error {
	// One allocation for every string of the row.
	size := 0
	for i, v := range vals {
		if rawTypes[i] == colText || rawTypes[i] == colTextArray {
			size += len(v)
		}
	}
	var sb strings.Builder
	sb.Grow(size)
	type span struct{ start, end int }
	var spans [36]span
	var arrays [3][]span // sources, skills, certifications
	for i, v := range vals {
		switch rawTypes[i] {
		case colText:
			start := sb.Len()
			sb.Write(v)
			spans[i] = span{start, sb.Len()}
		case colTextArray:
			k := 0 // sources
			switch i {
			case 27:
				k = 1 // skills
			case 28:
				k = 2 // certifications
			}
			if err := textArray(v, func(e []byte) {
				start := sb.Len()
				sb.Write(e)
				arrays[k] = append(arrays[k], span{start, sb.Len()})
			}); err != nil {
				return fmt.Errorf("column %d: %w", i, err)
			}
		}
	}
	all := sb.String()
	str := func(i int) string { return all[spans[i].start:spans[i].end] }
	list := func(k int) []string {
		if len(arrays[k]) == 0 {
			return nil
		}
		out := make([]string, len(arrays[k]))
		for j, sp := range arrays[k] {
			out[j] = all[sp.start:sp.end]
		}
		return out
	}
	i8 := func(i int) (int64, bool, error) {
		v := vals[i]
		if v == nil {
			return 0, false, nil
		}
		if len(v) != 8 {
			return 0, false, fmt.Errorf("column %d: %w", i, errRaw)
		}
		return int64(binary.BigEndian.Uint64(v)), true, nil
	}
	tm := func(i int) (time.Time, error) {
		n, ok, err := i8(i)
		if !ok || err != nil {
			return time.Time{}, err
		}
		return time.Unix(0, n).UTC(), nil
	}
	var err error
	var x jobstats.Listing
	x.ID, x.Source, x.SourceID, x.Sources = str(0), str(1), str(2), list(0)
	x.URL, x.Title, x.Company, x.Location = str(4), str(5), str(6), str(7)
	x.Workplace, x.EmploymentType = jobstats.Workplace(str(8)), str(9)
	x.Country, x.Region, x.City, x.RemoteScope = str(10), str(11), str(12), str(13)
	posted, perr := tm(14)
	x.PostedAt, x.SalaryText = posted, str(15)
	if smin, ok, serr := i8(16); serr != nil {
		err = serr
	} else if ok {
		smax, _, serr := i8(17)
		if serr != nil {
			err = serr
		}
		inferred := len(vals[20]) == 1 && vals[20][0] == 1
		x.Salary = &jobstats.Salary{Min: jobstats.Amount(smin), Max: jobstats.Amount(smax), Currency: str(18),
			Period: jobstats.Period(str(19)), PeriodInferred: inferred, From: jobstats.SalarySource(str(21))}
	}
	x.DegreeText, x.Degree, x.Role, x.Seniority = str(22), jobstats.Degree(str(23)), str(24), jobstats.Seniority(str(25))
	if v := vals[26]; len(v) == 4 {
		x.ExperienceYears = int(int32(binary.BigEndian.Uint32(v)))
	} else {
		err = fmt.Errorf("column 26: %w", errRaw)
	}
	x.Skills, x.Certifications = list(1), list(2)
	fp, _, ferr := i8(29)
	sh, _, herr := i8(30)
	x.Fingerprint, x.Simhash = uint64(fp), uint64(sh)
	first, e1 := tm(31)
	last, e2 := tm(32)
	closed, e3 := tm(33)
	x.FirstSeen, x.LastSeen, x.ClosedAt = first, last, closed
	gaps, gerr := int8Array(vals[34])
	x.Gaps = gapsOf(gaps)
	if len(vals) > 35 {
		x.Description = str(35)
	}
	if err = errors.Join(err, perr, ferr, herr, e1, e2, e3, gerr); err != nil {
		return err
	}
	*l = x
	return nil
}

// int8Array decodes a binary bigint[] value.
func int8Array(b []byte) ([]int64, error) {
	if len(b) < 12 {
		return nil, errRaw
	}
	if binary.BigEndian.Uint32(b) == 0 {
		return nil, nil
	}
	if len(b) < 20 {
		return nil, errRaw
	}
	n := int(binary.BigEndian.Uint32(b[12:]))
	b = b[20:]
	if len(b) != n*12 {
		return nil, errRaw
	}
	out := make([]int64, n)
	for i := range out {
		if binary.BigEndian.Uint32(b) != 8 {
			return nil, errRaw
		}
		out[i] = int64(binary.BigEndian.Uint64(b[4:]))
		b = b[12:]
	}
	return out, nil
}
