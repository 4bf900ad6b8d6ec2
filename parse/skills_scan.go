package parse

import "strings"

// This file holds the word-boundary scanner shared by Skills, Certifications
// and Degree. A phrase table is indexed by the lower-cased first word of
// each phrase, so scanning a text costs one map lookup per word plus a short
// comparison for the few phrases that start with that word; nothing is
// compiled per call and the scan allocates nothing but its results.
//
// Phrase syntax (in the tables):
//   - lower case letters match either case; a leading '=' makes the phrase
//     case-sensitive ("=Go" matches "Go" but not "go" or "GO");
//   - a leading '?' (before any '=') applies the entry's guard;
//   - a space matches one or more spaces, tabs, newlines or hyphens, so
//     "full stack" matches "Full-Stack" and "full  stack";
//   - a phrase may start with '.' (".net"): it matches only where the dot
//     is not glued to a preceding word ("ASP.NET" is its own phrase,
//     "example.net" is no match);
//
// A phrase ending in a letter or digit needs a boundary after it: no
// letter, digit, '+', '#' or "._-"-joined word may follow, so "C" never
// matches inside "C++" or "C#", and "node" never matches "Node.js" (which
// is its own phrase). A phrase must start at a word start, so "Java" never
// matches inside "JavaScript" and "go" never inside "Django". Bytes of
// non-ASCII letters count as word bytes.

// skillPhrase is one compiled phrase of a scanner table.
type skillPhrase struct {
	text  string // lower case unless cased
	cased bool
	dot   bool // starts with '.'
	id    int  // caller's value (entry index)
	guard func(s string, start, end int) bool
}

// skillScanner finds phrases of one table in texts.
type skillScanner struct {
	byKey map[string][]skillPhrase // first word, lower case → phrases, longest first
}

// skillMatch is one phrase found in a text.
type skillMatch struct {
	id, start, end int
}

// skillIsWordByte reports whether b belongs to a word: ASCII letters and
// digits, '_' and every byte of a multi-byte UTF-8 sequence.
func skillIsWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '_' || b >= 0x80
}

func skillIsSpace(b byte) bool {
	return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' || b == '\v'
}

func skillLower(b byte) byte {
	if b >= 'A' && b <= 'Z' {
		return b + 'a' - 'A'
	}
	return b
}

// skillAdd compiles phrase p (table syntax) for entry id.
func (sc *skillScanner) skillAdd(p string, id int, guard func(string, int, int) bool) {
	ph := skillPhrase{id: id}
	if strings.HasPrefix(p, "?") {
		ph.guard = guard
		p = p[1:]
	}
	if strings.HasPrefix(p, "=") {
		ph.cased = true
		p = p[1:]
	}
	if !ph.cased {
		p = strings.ToLower(p)
	}
	ph.text = p
	key := p
	if strings.HasPrefix(key, ".") {
		ph.dot = true
		key = key[1:]
	}
	n := 0
	for n < len(key) && skillIsWordByte(key[n]) {
		n++
	}
	if n == 0 {
		panic("parse: phrase without a leading word: " + p)
	}
	key = strings.ToLower(key[:n])
	if sc.byKey == nil {
		sc.byKey = make(map[string][]skillPhrase)
	}
	list := append(sc.byKey[key], ph)
	// Longest first, so "node.js" is tried before "node", "c++" before "c".
	for i := len(list) - 1; i > 0 && len(list[i].text) > len(list[i-1].text); i-- {
		list[i], list[i-1] = list[i-1], list[i]
	}
	sc.byKey[key] = list
}

// skillMatchAt matches ph at s[start:] and returns the end of the match.
func skillMatchAt(s string, start int, ph *skillPhrase) (int, bool) {
	i := start
	for k := 0; k < len(ph.text); k++ {
		c := ph.text[k]
		if c == ' ' {
			n := i
			for n < len(s) && (skillIsSpace(s[n]) || s[n] == '-') {
				n++
			}
			if n == i {
				return 0, false
			}
			i = n
			continue
		}
		if i >= len(s) {
			return 0, false
		}
		b := s[i]
		if !ph.cased {
			b = skillLower(b)
		}
		if b != c {
			return 0, false
		}
		i++
	}
	if i >= len(s) {
		return i, true
	}
	last := ph.text[len(ph.text)-1]
	n := s[i]
	if skillIsWordByte(last) {
		if skillIsWordByte(n) || n == '+' || n == '#' {
			return 0, false
		}
		if (n == '.' || n == '_') && i+1 < len(s) && skillIsWordByte(s[i+1]) {
			return 0, false
		}
	} else if n == '+' || n == '#' {
		return 0, false
	}
	return i, true
}

// skillScan calls emit for every phrase found in s, left to right; a match
// consumes its text. Words longer than 32 bytes and URLs are skipped.
func (sc *skillScanner) skillScan(s string, emit func(m skillMatch)) {
	var buf [32]byte
	i := 0
	for i < len(s) {
		if !skillIsWordByte(s[i]) {
			i++
			continue
		}
		j := i
		for j < len(s) && skillIsWordByte(s[j]) {
			j++
		}
		// Skip URLs and e-mail addresses whole.
		if j+2 < len(s) && s[j] == ':' && s[j+1] == '/' && s[j+2] == '/' || j < len(s) && s[j] == '@' {
			for j < len(s) && !skillIsSpace(s[j]) {
				j++
			}
			i = j
			continue
		}
		if j-i > len(buf) {
			i = j
			continue
		}
		for k := i; k < j; k++ {
			buf[k-i] = skillLower(s[k])
		}
		cands := sc.byKey[string(buf[:j-i])]
		next := j
		for c := range cands {
			ph := &cands[c]
			start := i
			if ph.dot {
				if i == 0 || s[i-1] != '.' || (i >= 2 && skillIsWordByte(s[i-2])) {
					continue
				}
				start = i - 1
			} else if i >= 2 && (s[i-1] == '.' || s[i-1] == '@') && skillIsWordByte(s[i-2]) {
				// "file.go", "ASP.net" tail, "user@go": not a word of its own.
				continue
			}
			end, ok := skillMatchAt(s, start, ph)
			if !ok {
				continue
			}
			if ph.guard != nil && !ph.guard(s, start, end) {
				continue
			}
			emit(skillMatch{id: ph.id, start: start, end: end})
			if end > next {
				next = end
			}
			break
		}
		i = next
	}
}

// skillWordBefore returns the word (letters, digits, '\” and '.') that
// ends just before i, skipping spaces; "" when the nearest non-space byte
// is other punctuation.
func skillWordBefore(s string, i int) string {
	k := i
	for k > 0 && skillIsSpace(s[k-1]) {
		k--
	}
	e := k
	for k > 0 && (skillIsWordByte(s[k-1]) || s[k-1] == '\'' || s[k-1] == '.') {
		k--
	}
	return s[k:e]
}

// skillWordAfter returns the word that starts just after i, skipping spaces.
func skillWordAfter(s string, i int) string {
	k := i
	for k < len(s) && skillIsSpace(s[k]) {
		k++
	}
	e := k
	for e < len(s) && (skillIsWordByte(s[e]) || s[e] == '+' || s[e] == '#') {
		e++
	}
	return s[k:e]
}

// skillPrevByte returns the last non-space byte before i and its index, or
// 0 and -1.
func skillPrevByte(s string, i int) (byte, int) {
	for k := i - 1; k >= 0; k-- {
		if !skillIsSpace(s[k]) {
			return s[k], k
		}
	}
	return 0, -1
}

// skillNextByte returns the first non-space byte at or after i and its
// index, or 0 and len(s).
func skillNextByte(s string, i int) (byte, int) {
	for k := i; k < len(s); k++ {
		if !skillIsSpace(s[k]) {
			return s[k], k
		}
	}
	return 0, len(s)
}

// skillIn reports whether w equals one of the words, ignoring ASCII case.
func skillIn(w string, words ...string) bool {
	for _, x := range words {
		if strings.EqualFold(w, x) {
			return true
		}
	}
	return false
}
