package parse

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// locWord is one word of a location text.
type locWord struct {
	fold  string // lower case, accents and inner punctuation removed
	orig  string // as written, without edge punctuation
	upper bool   // written in capitals ("US", "NY", "U.S.")
	sep   locSep // the separator before the word
}

// locSep is what separates a word from the one before it.
type locSep uint8

const (
	locSepNone   locSep = iota // a space: same phrase run
	locSepWeak                 // a comma: same place, next part ("Austin, TX")
	locSepStrong               // ; | / ( ) " - " and the like: next place
)

// locMaxText bounds the text Location reads: location fields are short,
// and the cost per call stays bounded on hostile input.
const locMaxText = 600

// locFoldRune maps a rune to its lower-case ASCII base letter where it has
// one (é → e, ß → ss, ł → l), else to its lower case.
func locFoldRune(r rune) string {
	if r < 0x80 {
		if r >= 'A' && r <= 'Z' {
			r += 'a' - 'A'
		}
		return string(r)
	}
	if s, ok := locFoldTable[r]; ok {
		return s
	}
	return string(unicode.ToLower(r))
}

// locFoldTable folds the Latin letters with diacritics seen in place names.
var locFoldTable = func() map[rune]string {
	m := map[rune]string{'ß': "ss", 'æ': "ae", 'Æ': "ae", 'œ': "oe", 'Œ': "oe", 'ø': "o", 'Ø': "o",
		'ł': "l", 'Ł': "l", 'đ': "d", 'Đ': "d", 'þ': "th", 'Þ': "th", 'ı': "i", 'İ': "i", 'ð': "d"}
	groups := map[string]string{
		"a": "àáâãäåāăąǎȁȃạảấầẩẫậắằẳẵặ", "c": "çćĉċč", "d": "ď", "e": "èéêëēĕėęěȅȇẹẻẽếềểễệ",
		"g": "ĝğġģ", "h": "ĥħ", "i": "ìíîïĩīĭįǐȉȋịỉ", "j": "ĵ", "k": "ķ", "l": "ĺļľŀ", "n": "ñńņňŉ",
		"o": "òóôõöōŏőǒȍȏơọỏốồổỗộớờởỡợ", "r": "ŕŗř", "s": "śŝşšș", "t": "ţťŧț",
		"u": "ùúûüũūŭůűųǔưụủứừửữự", "w": "ŵ", "y": "ýÿŷỳỵỷỹ", "z": "źżž",
	}
	for base, letters := range groups {
		for _, r := range letters {
			m[r] = base
			m[unicode.ToUpper(r)] = base
		}
	}
	return m
}()

// locFold folds a whole name the way locWords folds words, with words
// joined by one space: "Baden-Württemberg" → "baden wurttemberg",
// "St. John's" → "st johns".
func locFold(s string) string {
	ws := locWords(s, nil)
	parts := make([]string, len(ws))
	for i, w := range ws {
		parts[i] = w.fold
	}
	return strings.Join(parts, " ")
}

// locWords splits a location text into words, folding each and recording
// the separator before it. A hyphen inside a word ("Baden-Württemberg",
// "Remote-India") splits it like a space; a spaced dash, and ; | / ( ) [ ]
// • · : + & and line breaks separate places; a comma separates the parts
// of one place. Periods and apostrophes inside a word are dropped ("U.S.",
// "St.", "Xi'an"). dst is reused.
func locWords(text string, dst []locWord) []locWord {
	if len(text) > locMaxText {
		n := locMaxText
		for n > 0 && !utf8.RuneStart(text[n]) {
			n--
		}
		text = text[:n]
	}
	out := dst[:0]
	var fold strings.Builder
	sep := locSepNone
	start := -1 // byte offset where the current word started
	upper, lower := 0, 0
	flush := func(end int) {
		if fold.Len() > 0 {
			o := strings.Trim(text[start:end], ".'’")
			out = append(out, locWord{fold: fold.String(), orig: o, upper: upper >= 2 && lower == 0 || upper == 1 && lower == 0 && fold.Len() == 1, sep: sep})
			sep = locSepNone
		}
		fold.Reset()
		start, upper, lower = -1, 0, 0
	}
	mark := func(s locSep) {
		if s > sep {
			sep = s
		}
	}
	for i, r := range text {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
			if unicode.IsMark(r) {
				continue
			}
			if start < 0 {
				start = i
			}
			if unicode.IsUpper(r) {
				upper++
			} else if unicode.IsLower(r) {
				lower++
			}
			if r < 0x80 {
				// ASCII, the common case, without locFoldRune's string.
				if r >= 'A' && r <= 'Z' {
					r += 'a' - 'A'
				}
				fold.WriteByte(byte(r))
			} else {
				fold.WriteString(locFoldRune(r))
			}
		case r == '.' || r == '\'' || r == '’':
			// Inside a word ("U.S.", "Xi'an") it joins; at its end it is
			// dropped with the edge punctuation.
			if start >= 0 && i+1 < len(text) && text[i+1] != ' ' {
				continue
			}
			if start >= 0 {
				flush(i)
			}
		case r == '-' || r == '‐' || r == '‑':
			spaced := start < 0 || i+1 >= len(text) || text[i+1] == ' '
			flush(i)
			if spaced {
				mark(locSepStrong)
			}
		case r == ',':
			flush(i)
			mark(locSepWeak)
		case r == ' ' || r == '\t' || r == '\u00a0':
			flush(i)
		case r == ';' || r == '|' || r == '/' || r == '\\' || r == '(' || r == ')' || r == '[' || r == ']' ||
			r == '•' || r == '·' || r == ':' || r == '+' || r == '&' || r == '\n' || r == '\r' || r == '–' ||
			r == '—' || r == '*' || r == '{' || r == '}' || r == '<' || r == '>' || r == '"' || r == '~':
			flush(i)
			mark(locSepStrong)
		default:
			flush(i)
		}
	}
	flush(len(text))
	return out
}
