package jobstats

import (
	"hash/fnv"
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"
)

// SimhashNear is the largest number of differing bits at which two
// description simhashes count as the same text (about 90% similar).
const SimhashNear = 6

// SameJob reports whether a and b are the same job posted twice (on two
// sources, or reposted under a new id): the same fingerprint, and
// descriptions whose simhashes are near. Listings without a fingerprint
// are never the same job; two without descriptions match on fingerprint.
func SameJob(a, b *Listing) bool {
	if a.Fingerprint == 0 || a.Fingerprint != b.Fingerprint {
		return false
	}
	return SimhashClose(a.Simhash, b.Simhash)
}

// SimhashClose reports whether two simhashes are within SimhashNear bits;
// two zero hashes (no description) are close.
func SimhashClose(a, b uint64) bool {
	return bits.OnesCount64(a^b) <= SimhashNear
}

// Fingerprint hashes the normalized company, role and location of a
// listing: case, punctuation, legal suffixes (Inc, LLC, GmbH, Ltd, ...) and
// remote tags do not matter. It returns 0 when company or role is empty.
func Fingerprint(company, role, location string) uint64 {
	c := normalizeKey(company, companySuffixes)
	r := normalizeKey(role, nil)
	if c == "" || r == "" {
		return 0
	}
	h := fnv.New64a()
	h.Write([]byte(c))
	h.Write([]byte{0})
	h.Write([]byte(r))
	h.Write([]byte{0})
	h.Write([]byte(normalizeKey(location, locationNoise)))
	if s := h.Sum64(); s != 0 {
		return s
	}
	return 1
}

var companySuffixes = map[string]bool{
	"inc": true, "llc": true, "ltd": true, "limited": true, "gmbh": true, "ag": true, "corp": true,
	"corporation": true, "co": true, "sa": true, "bv": true, "plc": true, "srl": true, "oy": true, "ab": true,
	"as": true, "pty": true, "kg": true, "se": true, "the": true,
}

var locationNoise = map[string]bool{"remote": true, "hybrid": true, "onsite": true, "on": true, "site": true}

// normalizeKey lower-cases s, keeps letters and digits, and drops the
// words in drop.
func normalizeKey(s string, drop map[string]bool) string {
	words := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	out := words[:0]
	for _, w := range words {
		if !drop[w] {
			out = append(out, w)
		}
	}
	return strings.Join(out, " ")
}

// Simhash returns a 64-bit simhash of text over word 3-shingles, so that
// near-identical descriptions (a changed date, a reworded line) get hashes
// a few bits apart. It returns 0 for text with fewer than 3 words.
func Simhash(text string) uint64 {
	const (
		fnvOffset = 14695981039346656037
		fnvPrime  = 1099511628211
	)
	// Each word is hashed with FNV-1a over its lower-cased UTF-8, inline:
	// no hash.Hash, no allocation, ASCII without decoding. A bit of the
	// result is set when more shingle hashes have it set than not. The
	// ones are counted eight bits at a time: lane k of acc[j] counts bit
	// 8k+j, and lanes are drained into ones before they can overflow.
	var ones [64]int32
	var acc [8]uint64
	pending, shingles := 0, 0
	drain := func() {
		for j, a := range acc {
			for k := range 8 {
				ones[8*k+j] += int32(a >> (8 * k) & 0xff)
			}
			acc[j] = 0
		}
		pending = 0
	}
	var w [3]uint64
	n := 0
	word := uint64(fnvOffset)
	inWord := false
	flush := func() {
		if !inWord {
			return
		}
		inWord = false
		w[0], w[1], w[2] = w[1], w[2], word
		word = fnvOffset
		n++
		if n < 3 {
			return
		}
		x := w[0]*0x9E3779B97F4A7C15 ^ w[1]*0xC2B2AE3D27D4EB4F ^ w[2]
		x ^= x >> 31
		x *= 0xBF58476D1CE4E5B9
		x ^= x >> 29
		for j := range acc {
			acc[j] += x >> j & 0x0101010101010101
		}
		shingles++
		if pending++; pending == 255 {
			drain()
		}
	}
	var buf [utf8.UTFMax]byte
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
				fallthrough
			case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
				word = (word ^ uint64(c)) * fnvPrime
				inWord = true
			default:
				flush()
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			k := utf8.EncodeRune(buf[:], unicode.ToLower(r))
			for _, b := range buf[:k] {
				word = (word ^ uint64(b)) * fnvPrime
			}
			inWord = true
		} else {
			flush()
		}
	}
	flush()
	if n < 3 {
		return 0
	}
	drain()
	var h uint64
	for i, c := range ones {
		if 2*int(c) > shingles {
			h |= 1 << i
		}
	}
	return h
}
