package jobstats

import (
	"hash/fnv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// simhashRef is Simhash as it was first written (a hash.Hash per word):
// stored listings hold its values, so Simhash must give the same.
func simhashRef(text string) uint64 {
	var counts [64]int
	var w [3]uint64
	n := 0
	word := fnv.New64a()
	inWord := false
	flush := func() {
		if !inWord {
			return
		}
		inWord = false
		w[0], w[1], w[2] = w[1], w[2], word.Sum64()
		word.Reset()
		n++
		if n < 3 {
			return
		}
		x := w[0]*0x9E3779B97F4A7C15 ^ w[1]*0xC2B2AE3D27D4EB4F ^ w[2]
		x ^= x >> 31
		x *= 0xBF58476D1CE4E5B9
		x ^= x >> 29
		for i := range counts {
			if x&(1<<i) != 0 {
				counts[i]++
			} else {
				counts[i]--
			}
		}
	}
	var buf [4]byte
	for _, r := range text {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			r = unicode.ToLower(r)
			k := utf8.EncodeRune(buf[:], r)
			word.Write(buf[:k])
			inWord = true
		} else {
			flush()
		}
	}
	flush()
	if n < 3 {
		return 0
	}
	var h uint64
	for i, c := range counts {
		if c > 0 {
			h |= 1 << i
		}
	}
	return h
}

func FuzzSimhashSame(f *testing.F) {
	for _, s := range []string{"", "a b c", "Go, Kafka & PostgreSQL on Kubernetes: 5+ years.",
		"Müller GmbH sucht Entwickler (m/w/d) in München — ÄÖÜ ß İstanbul", "\xff\xfe bad utf8 words here",
		"ǅemal Ⅻ ６４ bits ٣ digits", "one two three four five six seven eight nine ten", strings.Repeat("many words make lanes drain ", 200)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Simhash(s), simhashRef(s); got != want {
			t.Fatalf("Simhash(%q) = %x, first version %x", s, got, want)
		}
	})
}

func BenchmarkSimhash(b *testing.B) {
	text := strings.Repeat("You will build the services behind our checkout with Go, PostgreSQL and Kafka on Kubernetes. ", 5)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Simhash(text)
	}
}
