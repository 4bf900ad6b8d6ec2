package transfer

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"math/big"
	"reflect"
	"time"

	"github.com/jobstats/jobstats"
)

// Kinds of records, in checksum order.
const (
	KindListing   = 'L'
	KindRun       = 'R'
	KindSnapshot  = 'S'
	KindValidator = 'V'
)

var kinds = []byte{KindListing, KindRun, KindSnapshot, KindValidator}

// Counts says how many records of each kind a database holds.
type Counts struct {
	Listings, Runs, Snapshots, Validators int
}

// String returns "N listings, N runs, N snapshots, N validators".
func (c Counts) String() string {
	return fmt.Sprintf("%d listings, %d runs, %d snapshots, %d validators", c.Listings, c.Runs, c.Snapshots, c.Validators)
}

// Digest accumulates the checksum of a database, record by record, in any
// order (see the package documentation). The zero Digest is empty.
type Digest struct {
	counts [4]int
	sums   [4]*big.Int
	buf    []byte
	// each, when set, is called with the hash of every record added.
	each func(h *[sha256.Size]byte)
}

var mod = new(big.Int).Lsh(big.NewInt(1), 256)

func kindIndex(kind byte) int {
	for i, k := range kinds {
		if k == kind {
			return i
		}
	}
	panic("transfer: unknown record kind")
}

// add counts one record of kind whose canonical encoding is d.buf.
func (d *Digest) add(kind byte) {
	h := sha256.Sum256(d.buf)
	if d.each != nil {
		d.each(&h)
	}
	i := kindIndex(kind)
	if d.sums[i] == nil {
		d.sums[i] = new(big.Int)
	}
	d.sums[i].Add(d.sums[i], new(big.Int).SetBytes(h[:]))
	d.sums[i].Mod(d.sums[i], mod)
	d.counts[i]++
}

// AddListing adds a listing, description and lifecycle included.
func (d *Digest) AddListing(l *jobstats.Listing) {
	d.buf = appendValue(append(d.buf[:0], KindListing), reflect.ValueOf(l).Elem())
	d.add(KindListing)
}

// AddRun adds a run record.
func (d *Digest) AddRun(r *jobstats.Run) {
	d.buf = appendValue(append(d.buf[:0], KindRun), reflect.ValueOf(r).Elem())
	d.add(KindRun)
}

// AddSnapshot adds the snapshot stored under key at at.
func (d *Digest) AddSnapshot(key string, at time.Time, data []byte) {
	b := append(d.buf[:0], KindSnapshot)
	b = appendBytes(b, []byte(key))
	b = appendTime(b, at)
	d.buf = appendBytes(b, data)
	d.add(KindSnapshot)
}

// AddValidator adds the validators of url.
func (d *Digest) AddValidator(url string, v jobstats.Validator) {
	b := append(d.buf[:0], KindValidator)
	b = appendBytes(b, []byte(url))
	b = appendBytes(b, []byte(v.ETag))
	d.buf = appendBytes(b, []byte(v.LastModified))
	d.add(KindValidator)
}

// Counts returns how many records of each kind were added.
func (d *Digest) Counts() Counts {
	return Counts{Listings: d.counts[0], Runs: d.counts[1], Snapshots: d.counts[2], Validators: d.counts[3]}
}

// Sum returns the checksum: "sha256:" and 64 hex digits.
func (d *Digest) Sum() string {
	h := sha256.New()
	h.Write([]byte("jobstats-checksum-1"))
	for i := range kinds {
		h.Write(binary.AppendUvarint(nil, uint64(d.counts[i])))
		var sum [32]byte
		if d.sums[i] != nil {
			d.sums[i].FillBytes(sum[:])
		}
		h.Write(sum[:])
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil))
}

var timeType = reflect.TypeFor[time.Time]()

// appendValue appends the canonical encoding of v.
func appendValue(b []byte, v reflect.Value) []byte {
	if v.Type() == timeType {
		return appendTime(b, v.Interface().(time.Time))
	}
	switch v.Kind() {
	case reflect.String:
		return appendBytes(b, []byte(v.String()))
	case reflect.Bool:
		if v.Bool() {
			return append(b, 1)
		}
		return append(b, 0)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return binary.AppendVarint(b, v.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return binary.AppendUvarint(b, v.Uint())
	case reflect.Pointer:
		if v.IsNil() {
			return append(b, 0)
		}
		return appendValue(append(b, 1), v.Elem())
	case reflect.Slice:
		b = binary.AppendUvarint(b, uint64(v.Len()))
		for i := range v.Len() {
			b = appendValue(b, v.Index(i))
		}
		return b
	case reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			b = appendBytes(b, []byte(t.Field(i).Name))
			b = appendValue(b, v.Field(i))
		}
		return b
	case reflect.Map:
		panic("transfer: maps have no canonical order: " + v.Type().String())
	}
	panic("transfer: cannot encode " + v.Type().String())
}

func appendBytes(b, s []byte) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

func appendTime(b []byte, t time.Time) []byte {
	if t.IsZero() {
		return append(b, 0)
	}
	return binary.AppendVarint(append(b, 1), t.UnixNano())
}
