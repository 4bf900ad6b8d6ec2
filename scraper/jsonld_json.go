package scraper

import (
	"bytes"
	"encoding/json"
)

// This file is the jsonld kind's JSON reader. A JSON-LD block is checked
// once with json.Valid (extractPostings); after that the walk takes it
// apart with ldItems and ldFields, which slice the block without copying
// or reflection, where encoding/json would check and copy every nested
// value again at each level. They read valid JSON as json.Unmarshal does
// into []json.RawMessage and into a struct of json.RawMessage fields
// (member names matched case-insensitively, the last of duplicates
// winning); given invalid JSON they may give up early, but never read out
// of bounds.

// ldItems returns the items of a JSON array, each without surrounding
// white space; false when raw is not an array.
func ldItems(raw []byte) ([]json.RawMessage, bool) {
	i := ldSpace(raw, 0)
	if i >= len(raw) || raw[i] != '[' {
		return nil, false
	}
	var out []json.RawMessage
	i = ldSpace(raw, i+1)
	if i < len(raw) && raw[i] == ']' {
		return out, true
	}
	for i < len(raw) {
		end := ldSkip(raw, i)
		if end < 0 {
			return nil, false
		}
		out = append(out, raw[i:end:end])
		i = ldSpace(raw, end)
		if i >= len(raw) {
			return nil, false
		}
		switch raw[i] {
		case ']':
			return out, true
		case ',':
			i = ldSpace(raw, i+1)
		default:
			return nil, false
		}
	}
	return nil, false
}

// ldFields reads a JSON object: for each member whose name matches
// names[k] (ASCII and Unicode simple case folding, as encoding/json
// does), *dst[k] is set to its raw value. It reports false when raw is
// not an object.
func ldFields(raw []byte, names []string, dst ...*json.RawMessage) bool {
	return ldMembers(raw, func(key, val []byte) {
		for k, name := range names {
			if bytes.EqualFold(key, []byte(name)) {
				*dst[k] = val
				return
			}
		}
	})
}

// ldMembers calls fn with the name (unescaped) and raw value of every
// member of a JSON object, in order. It reports false when raw is not an
// object.
func ldMembers(raw []byte, fn func(key, val []byte)) bool {
	i := ldSpace(raw, 0)
	if i >= len(raw) || raw[i] != '{' {
		return false
	}
	i = ldSpace(raw, i+1)
	if i < len(raw) && raw[i] == '}' {
		return true
	}
	for i < len(raw) {
		if raw[i] != '"' {
			return false
		}
		kend := ldSkip(raw, i)
		if kend < 0 {
			return false
		}
		key := raw[i+1 : kend-1]
		if bytes.IndexByte(key, '\\') >= 0 {
			var s string
			if json.Unmarshal(raw[i:kend], &s) != nil {
				return false
			}
			key = []byte(s)
		}
		i = ldSpace(raw, kend)
		if i >= len(raw) || raw[i] != ':' {
			return false
		}
		i = ldSpace(raw, i+1)
		end := ldSkip(raw, i)
		if end < 0 {
			return false
		}
		fn(key, raw[i:end:end])
		i = ldSpace(raw, end)
		if i >= len(raw) {
			return false
		}
		switch raw[i] {
		case '}':
			return true
		case ',':
			i = ldSpace(raw, i+1)
		default:
			return false
		}
	}
	return false
}

// ldSpace returns the index of the first byte at or after i that is not
// JSON white space.
func ldSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t') {
		i++
	}
	return i
}

// ldSkip returns the index just past the JSON value starting at b[i], or
// -1 when it does not end in b.
func ldSkip(b []byte, i int) int {
	if i >= len(b) {
		return -1
	}
	switch b[i] {
	case '"':
		return ldSkipString(b, i)
	case '{', '[':
		depth := 0
		for i < len(b) {
			switch b[i] {
			case '"':
				i = ldSkipString(b, i)
				if i < 0 {
					return -1
				}
				continue
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return i + 1
				}
			}
			i++
		}
		return -1
	}
	// A number or a literal: up to the next delimiter.
	j := i
	for j < len(b) {
		switch b[j] {
		case ',', '}', ']', ' ', '\n', '\r', '\t':
			if j == i {
				return -1
			}
			return j
		}
		j++
	}
	if j == i {
		return -1
	}
	return j
}

// ldSkipString returns the index just past the JSON string starting at
// b[i] (a quote), or -1.
func ldSkipString(b []byte, i int) int {
	j := i + 1
	for {
		k := bytes.IndexByte(b[j:], '"')
		if k < 0 {
			return -1
		}
		j += k
		// The quote ends the string unless an odd run of backslashes
		// escapes it.
		n := 0
		for p := j - 1; p > i && b[p] == '\\'; p-- {
			n++
		}
		j++
		if n%2 == 0 {
			return j
		}
	}
}
