package parse

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/jobstats/jobstats"
)

// This file holds the byte scanner under SalaryIn: numbers, currency
// tokens, range connectors and the words before and after an amount. It
// works on string indices and never allocates.

// salNum is a number as written, with its multiplier.
type salNum struct {
	start, end int     // digits, decimals, multiplier and "+"
	val        float64 // whole units, multiplier applied
	mult       float64 // 1 when none is written
	multCur    string  // currency the multiplier implies (lakh: INR)
	lpa        bool    // "LPA": lakh per annum
	digits     int     // digits before the first separator
	grouped    bool    // thousands separators were read
	decimal    bool    // a decimal part was read
	leadZero   bool    // "08": a phone or date part, not money
	plus       bool    // "X+"
	percent    bool    // "X%"
	bad        bool    // part of a date, time, version, rating or "401(k)"
}

// small reports a bare small integer, which "am"/"pm" after makes a time.
func (n salNum) small() bool { return n.val <= 24 && !n.decimal && n.mult == 1 }

// yearLike reports a bare four-digit year.
func (n salNum) yearLike(hasCur bool) bool {
	return !hasCur && n.mult == 1 && !n.decimal && !n.grouped && n.digits == 4 && n.val >= 1900 && n.val <= 2100
}

// bigBare reports a bare number large enough to be pay on its own in a
// salary field: grouped ("40,000") or five digits or more.
func (n salNum) bigBare() bool {
	return n.val >= 1000 && (n.grouped || n.digits >= 5)
}

func salIsDigit(c byte) bool { return '0' <= c && c <= '9' }

func salIsASCIILetter(c byte) bool { c |= 0x20; return 'a' <= c && c <= 'z' }

// salDigits reads ASCII digits from i.
func salDigits(s string, i int) (j int, v float64, n int) {
	j = i
	for j < len(s) && salIsDigit(s[j]) {
		v = v*10 + float64(s[j]-'0')
		j++
	}
	return j, v, j - i
}

// salSep reads a digit-group separator at j: its kind (',', '.', '\”,
// ' ' for every space, '-') and byte length, or 0.
func salSep(s string, j int) (byte, int) {
	if j >= len(s) {
		return 0, 0
	}
	switch c := s[j]; c {
	case ',', '.', '\'', '-':
		return c, 1
	case ' ':
		return ' ', 1
	case 0xC2:
		if j+1 < len(s) && s[j+1] == 0xA0 {
			return ' ', 2 // NBSP
		}
	case 0xC3:
		if strings.HasPrefix(s[j:], "\u00c2\u00a0") {
			return ' ', 4 // double-encoded NBSP
		}
	case 0xE2:
		if j+2 < len(s) && s[j+1] == 0x80 {
			switch s[j+2] {
			case 0xAF, 0x89, 0x87, 0x8A: // narrow NBSP, thin, figure, hair space
				return ' ', 3
			case 0x99: // right single quote as in CHF 120’000
				return '\'', 3
			}
		}
	}
	return 0, 0
}

// salSpaceLen returns the byte length of a space at i (ASCII white space,
// NBSP, narrow and thin spaces, double-encoded NBSP), or 0.
func salSpaceLen(s string, i int) int {
	if i >= len(s) {
		return 0
	}
	switch s[i] {
	case ' ', '\t', '\n', '\r', '\f', '\v':
		return 1
	}
	if k, n := salSep(s, i); k == ' ' {
		return n
	}
	return 0
}

// salSpaceBefore returns the byte length of a space ending at p, or 0.
func salSpaceBefore(s string, p int) int {
	if p <= 0 {
		return 0
	}
	switch s[p-1] {
	case ' ', '\t', '\n', '\r':
		return 1
	case 0xA0:
		if p >= 4 && s[p-4:p] == "\u00c2\u00a0" {
			return 4
		}
		if p >= 2 && s[p-2] == 0xC2 {
			return 2
		}
	case 0xAF, 0x89, 0x87, 0x8A:
		if p >= 3 && s[p-3] == 0xE2 && s[p-2] == 0x80 {
			return 3
		}
	}
	return 0
}

// salSpacesBefore returns the byte length of the ASCII spaces ending at p,
// stopping one byte short of the start of s.
func salSpacesBefore(s string, p int) int {
	q := p
	for q > 1 && (s[q-1] == ' ' || s[q-1] == '\t') {
		q--
	}
	return p - q
}

// salSkipSpaces skips at most max spaces from p, never a line break: a
// range, a suffix or a following word belongs to the amount only within
// its line ("£2,900 per month\n- 25 days holiday" is no range).
func salSkipSpaces(s string, p, max int) int {
	for k := 0; k < max; k++ {
		n := salSpaceLen(s, p)
		if n == 0 || salIsLineBreak(s[p]) {
			break
		}
		p += n
	}
	return p
}

// salIsLineBreak reports whether c ends a line.
func salIsLineBreak(c byte) bool {
	return c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

// salDashLen returns the byte length of a dash at i other than '-': en and
// em dash, hyphen, minus, and double-encoded en and em dash; or 0.
func salDashLen(s string, i int) int {
	if i+2 < len(s) && s[i] == 0xE2 {
		if s[i+1] == 0x80 && s[i+2] >= 0x90 && s[i+2] <= 0x95 {
			return 3
		}
		if s[i+1] == 0x88 && s[i+2] == 0x92 {
			return 3
		}
	}
	if i+1 < len(s) && s[i] == 0xC2 && (s[i+1] == 0x96 || s[i+1] == 0x97) {
		return 2 // en and em dash read as Latin-1 control codes
	}
	if strings.HasPrefix(s[i:], "\u00e2\u20ac\u201c") || strings.HasPrefix(s[i:], "\u00e2\u20ac\u201d") {
		return 7 // en and em dash, UTF-8 read as Windows-1252
	}
	if strings.HasPrefix(s[i:], "\u00e2\u0080\u0093") || strings.HasPrefix(s[i:], "\u00e2\u0080\u0094") {
		return 6 // en and em dash, UTF-8 read as Latin-1
	}
	if strings.HasPrefix(s[i:], "\u301c") || strings.HasPrefix(s[i:], "\uff5e") {
		return 3 // wave dashes: 600万円〜800万円
	}
	return 0
}

// salLetterAt reports whether a letter starts at i.
func salLetterAt(s string, i int) bool {
	if i >= len(s) {
		return false
	}
	if c := s[i]; c < utf8.RuneSelf {
		return salIsASCIILetter(c)
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r)
}

// salWordEnd returns the end of the run of letters starting at i.
func salWordEnd(s string, i int) int {
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if !salIsASCIILetter(c) {
				break
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsLetter(r) {
			break
		}
		i += n
	}
	return i
}

// salWordBefore returns the run of letters ending at p and its start.
func salWordBefore(s string, p int) (string, int) {
	q := p
	for q > 0 {
		c := s[q-1]
		if c < utf8.RuneSelf {
			if !salIsASCIILetter(c) {
				break
			}
			q--
			continue
		}
		r, n := utf8.DecodeLastRuneInString(s[:q])
		if !unicode.IsLetter(r) {
			break
		}
		q -= n
	}
	return s[q:p], q
}

// salSkipToken skips a token that is not an amount: letters, digits and
// the punctuation inside dates, versions and phone numbers.
func salSkipToken(s string, i int) int {
	for i < len(s) {
		c := s[i]
		if salIsDigit(c) || salIsASCIILetter(c) || c == '.' || c == ',' || c == ':' || c == '/' || c == '-' {
			i++
			continue
		}
		break
	}
	return i
}

// salReadNumber reads the number whose first digit is at i.
func salReadNumber(s string, i int) (n salNum) {
	n.start, n.mult = i, 1
	j, v, nd := salDigits(s, i)
	n.digits = nd
	n.leadZero = nd > 1 && s[i] == '0'
	var tsep byte
	indian := false
groups:
	for j < len(s) {
		sk, sl := salSep(s, j)
		if sk == 0 {
			break
		}
		j2, gv, gd := salDigits(s, j+sl)
		if gd == 0 {
			break
		}
		cont := false // another separator and digits follow
		if sk2, sl2 := salSep(s, j2); sk2 != 0 && j2+sl2 < len(s) && salIsDigit(s[j2+sl2]) {
			cont = true
		}
		switch {
		case sk == '-':
			// "$130-000", a typo; any other digit after '-' is a range.
			if gd == 3 && gv == 0 && tsep == 0 && nd <= 3 && !cont {
				v, tsep, n.grouped, j = v*1000, sk, true, j2
			}
			break groups
		case gd == 3 && (tsep == sk || tsep == 0 && nd <= 3):
			v, tsep, n.grouped, j = v*1000+gv, sk, true, j2
		case sk == ',' && gd == 2 && cont && s[j2] == ',' && (indian || tsep == 0 && nd <= 2):
			// Indian grouping: 25,00,000 and 1,20,00,000.
			v, tsep, indian, n.grouped, j = v*100+gv, sk, true, true, j2
		case sk == ',' && gd == 4 && !cont && (tsep == ',' || tsep == 0 && nd <= 3):
			// "$70,0000": a stray digit.
			v, n.grouped, j = v*1000+float64(int64(gv)/10), true, j2
			break groups
		case (sk == '.' || sk == ',') && sk != tsep:
			if cont {
				n.bad = true // 15.01.2024, 1.2.3
				j = j2
				break groups
			}
			f := 1.0
			for k := 0; k < gd; k++ {
				f *= 10
			}
			v += gv / f
			n.decimal, j = true, j2
			break groups
		default:
			break groups
		}
	}
	// 4.5/5, 10:30, 1.2.3
	if j+1 < len(s) && (s[j] == '.' || s[j] == ',' || s[j] == ':' || s[j] == '/') && salIsDigit(s[j+1]) {
		if s[j] != ',' || !n.grouped && !n.decimal {
			n.bad = true
		}
	}
	// "120'000.-", "60.000,- €": no cents.
	if j+1 < len(s) && (s[j] == '.' || s[j] == ',') && (s[j+1] == '-' || salDashLen(s, j+1) > 0) &&
		(j+2 >= len(s) || !salIsDigit(s[j+2])) {
		j += 2
		if s[j-1] != '-' {
			j += salDashLen(s, j-1) - 1
		}
	}
	n.val = v
	n.end = j
	if q := salSkipSpaces(s, j, 1); q < len(s) && s[q] == '%' {
		n.percent = true
		n.end = q + 1
		return n
	}
	// 401(k)
	if v == 401 && nd == 3 && !n.grouped && !n.decimal && (strings.HasPrefix(s[j:], "(k)") || strings.HasPrefix(s[j:], "(K)") ||
		strings.HasPrefix(s[j:], "k") || strings.HasPrefix(s[j:], "K")) {
		n.bad = true
		return n
	}
	// Multiplier: 120k, 1.5M, 18 LPA, 25 lakh, 600万円.
	q := j
	if k := salSpaceLen(s, q); k > 0 && s[q] != '\n' {
		q += k
	}
	if salLetterAt(s, q) {
		e := salWordEnd(s, q)
		m, ok := salMultOf(s[q:e])
		if !ok && e-q == 1 && s[q] == 'T' && salRupeeBefore(s, i) {
			// Indian boards write thousands as T: "₹25T - ₹35T", "₹31T - ₹2L".
			m, ok = salMult{mult: 1e3, cur: "INR"}, true
		}
		if ok {
			if m.mult == 1e3 && n.grouped && v >= 1000 {
				m.mult = 1 // "$91,755K": the K repeats the grouping
			}
			if s[q:e] == "mil" && n.decimal && v < 10 {
				m.mult = 1e6 // "$1.5 mil"
			}
			n.mult, n.multCur, n.lpa = m.mult, m.cur, m.year
			n.val = v * m.mult
			n.end = e
			if e < len(s) && s[e] == '.' && (e+1 == len(s) || s[e+1] == ' ') && e-q > 2 {
				n.end = e + 1 // "tys.", "Mio."
			}
		}
	}
	if n.end < len(s) && s[n.end] == '+' {
		n.plus = true
		n.end++
	}
	return n
}

// salMultOf looks up a multiplier word, ignoring ASCII case.
func salMultOf(w string) (salMult, bool) {
	if len(w) == 1 && w[0]|0x20 == 'k' {
		return salMult{mult: 1e3}, true // the common case, without a map lookup
	}
	var buf [16]byte
	if len(w) > len(buf) {
		return salMult{}, false
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	m, ok := salMults[string(buf[:len(w)])]
	return m, ok
}

// salCurName looks up a currency name, ignoring ASCII case.
func salCurName(w string) (salCurWord, bool) {
	var buf [16]byte
	if len(w) > len(buf) {
		return salCurWord{}, false
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	cw, ok := salCurNames[string(buf[:len(w)])]
	return cw, ok
}

// salCurTok is a currency written next to an amount.
type salCurTok struct {
	code       string
	amb        uint8
	iso        bool
	ok         bool
	start, end int
}

// salCurBefore reads a currency written just before the amount at i:
// "$", "CA$", "CAD $", "Â£", "CHF ", "Rs. ".
func salCurBefore(s string, i int) (t salCurTok) {
	p := i - salSpaceBefore(s, i)
	if p <= 0 {
		return t
	}
	for _, k := range salSymByLast[s[p-1]] {
		sym := salSyms[k]
		if strings.HasSuffix(s[:p], sym.text) {
			t = salCurTok{code: sym.code, amb: sym.amb, ok: true, start: p - len(sym.text), end: p}
			break
		}
	}
	if t.ok {
		q := t.start - salSpaceBefore(s, t.start)
		if w, ws := salWordBefore(s, q); w != "" {
			if cw, ok := salCodes[w]; ok && cw.iso {
				t.code, t.iso, t.amb, t.start = cw.code, true, salAmbNone, ws
			}
		}
		return t
	}
	e := p
	if s[p-1] == '.' {
		e = p - 1 // "Rs. 50,000"
	}
	w, ws := salWordBefore(s, e)
	if w == "" {
		return t
	}
	if cw, ok := salCodes[w]; ok {
		return salCurTok{code: cw.code, amb: cw.amb, iso: cw.iso, ok: true, start: ws, end: p}
	}
	return t
}

// salCurAfter reads a currency starting at p after at most one space. As a
// suffix (prefix false) it must not be the symbol of a following amount;
// as the prefix of a range's second amount it may be a prefix-only code.
func salCurAfter(s string, p int, prefix bool) (t salCurTok) {
	q := p
	if n := salSpaceLen(s, q); n > 0 && s[q] != '\n' {
		q += n
	}
	if q >= len(s) {
		return t
	}
	for _, k := range salSymByFirst[s[q]] {
		sym := salSyms[k]
		if strings.HasPrefix(s[q:], sym.text) {
			t = salCurTok{code: sym.code, amb: sym.amb, ok: true, start: q, end: q + len(sym.text)}
			break
		}
	}
	if !t.ok {
		if !salLetterAt(s, q) {
			return t
		}
		e := salWordEnd(s, q)
		w := s[q:e]
		if cw, ok := salCodes[w]; ok && (prefix || !cw.prefix) {
			t = salCurTok{code: cw.code, amb: cw.amb, iso: cw.iso, ok: true, start: q, end: e}
			if e < len(s) && s[e] == '.' && !cw.iso {
				t.end++ // "kr.", "Rs."
			}
		} else if cw, ok := salCurName(w); ok && !prefix {
			t = salCurTok{code: cw.code, ok: true, start: q, end: e}
		} else {
			return t
		}
	}
	if !prefix {
		if r := salSkipSpaces(s, t.end, 1); r < len(s) && salIsDigit(s[r]) {
			return salCurTok{} // "$100 $200": the symbol of the next amount
		}
	}
	return t
}

// salConnector reads a range connector at p ("-", "–", "to", "bis", "and"
// after "between") and returns where the second amount may start.
func salConnector(s string, p int, between bool) (int, bool) {
	q := salSkipSpaces(s, p, 4)
	if q >= len(s) {
		return 0, false
	}
	switch c := s[q]; {
	case c == '-' || c == '~' || c == '_':
		q++
		if q < len(s) && s[q] == '-' {
			q++
		}
	case c >= utf8.RuneSelf && salDashLen(s, q) > 0:
		q += salDashLen(s, q)
	case salLetterAt(s, q):
		e := salWordEnd(s, q)
		w := s[q:e]
		switch {
		case salEqFold(w, "to"), salEqFold(w, "bis"), w == "à", salEqFold(w, "a"), w == "até", salEqFold(w, "ate"),
			salEqFold(w, "do"), salEqFold(w, "tot"), salEqFold(w, "till"), salEqFold(w, "til"), salEqFold(w, "hasta"),
			salEqFold(w, "au"), salEqFold(w, "through"), salEqFold(w, "thru"), salEqFold(w, "until"):
		case between && (salEqFold(w, "and") || salEqFold(w, "und") || salEqFold(w, "y") || salEqFold(w, "e") ||
			salEqFold(w, "et") || salEqFold(w, "en") || salEqFold(w, "och") || salEqFold(w, "og") || w == "i"):
		default:
			return 0, false
		}
		q = e
		if salSpaceLen(s, q) == 0 && (q >= len(s) || !salStartsCurrency(s, q)) {
			return 0, false
		}
	default:
		return 0, false
	}
	return salSkipSpaces(s, q, 4), true
}

// salStartsCurrency reports whether a currency symbol starts at q.
func salStartsCurrency(s string, q int) bool {
	for _, k := range salSymByFirst[s[q]] {
		if strings.HasPrefix(s[q:], salSyms[k].text) {
			return true
		}
	}
	return false
}

// salBeforeInfo is what the words before an amount say.
type salBeforeInfo struct {
	kw      int // index of the nearest salary keyword (0 = adjacent), -1 if none
	weak    int // index of the nearest weak keyword (OTE, package), -1 if none
	neg     int // index of the nearest non-pay money word with no keyword closer, -1 if none
	upTo    bool
	from    bool
	between bool
	label   bool // the word right before is a label: Level 6, Year 1
	period  jobstats.Period
}

// salScanBefore reads up to eight words before p, stopping at a sentence
// end, a digit or another amount.
func salScanBefore(s string, p int) (b salBeforeInfo) {
	b.kw, b.neg, b.weak = -1, -1, -1
	lo := p - 120
	if lo < 0 {
		lo = 0
	}
	prev := ""
	for n := 0; n < 8; n++ {
		for p > lo {
			c := s[p-1]
			if c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ':' || c == '(' || c == ')' || c == '"' ||
				c == '\'' || c == ',' || c == '-' || c == '*' || c == '/' || c == '[' || c == ']' || c == '=' || c == '>' {
				p--
				continue
			}
			if c == '.' {
				// An abbreviation ("min.", "ca.") goes on; a sentence ends.
				if w, _ := salWordBefore(s, p-1); len(w) > 0 && len(w) <= 4 {
					p--
					continue
				}
				return b
			}
			if c >= utf8.RuneSelf {
				if k := salSpaceBefore(s, p); k > 0 {
					p -= k
					continue
				}
				if p >= 3 && s[p-3] == 0xE2 && s[p-2] == 0x80 && s[p-1] >= 0x90 && s[p-1] <= 0x94 {
					p -= 3 // en or em dash
					continue
				}
			}
			break
		}
		if p <= lo {
			return b
		}
		w, ws := salWordBefore(s, p)
		if w == "" {
			return b
		}
		info := salLookup(w)
		k := info.kind
		if n == 0 && k&salKNeg != 0 && salLineLabel(s, ws, p) && (salEqFold(w, "stipend") || salEqFold(w, "stipends")) {
			// "Stipend: ₹56,000 - ₹77,000 per month" opening a line is an
			// intern's pay; "Home office stipend: $500" is not.
			k = salKKeyword
		}
		if n == 0 && k&salKLabel != 0 {
			b.label = true
		}
		// "20 - 25k Basic, 70 - 75K OTE": a word right after another
		// amount is about that amount.
		if k&(salKKeyword|salKWeak|salKNeg) != 0 && salAfterAmount(s, ws) {
			k &^= salKKeyword | salKWeak | salKNeg
		}
		if k&salKKeyword != 0 && b.kw < 0 {
			b.kw = n
		}
		if k&salKWeak != 0 && b.weak < 0 && n <= 2 {
			b.weak = n
		}
		if k&salKNeg != 0 && b.neg < 0 && b.kw < 0 {
			b.neg = n
		}
		if n <= 1 {
			if k&salKUpTo != 0 {
				b.upTo = true
			}
			if k&salKFrom != 0 {
				b.from = true
			}
			if k&salKBetween != 0 {
				b.between = true
			}
			if n == 1 && (salEqFold(w, "up") && salEqFold(prev, "to") || salEqFold(w, "bis") && salEqFold(prev, "zu")) {
				b.upTo = true
			}
		}
		if b.period == "" && n <= 3 {
			switch {
			case k&salKBefore != 0:
				b.period = info.period
			case n >= 1 && salEqFold(prev, "rate") && (salEqFold(w, "day") || salEqFold(w, "daily")):
				b.period = jobstats.PeriodDay
			case n >= 1 && salEqFold(prev, "rate") && salEqFold(w, "hour"):
				b.period = jobstats.PeriodHour
			}
		}
		prev = w
		p = ws
	}
	return b
}

// salLineLabel reports whether the word s[ws:we] is a label opening its
// line: only a bullet before it on the line, a colon right after it.
func salLineLabel(s string, ws, we int) bool {
	if we >= len(s) || s[we] != ':' {
		return false
	}
	for q := ws; q > 0; q-- {
		switch s[q-1] {
		case '\n', '\r':
			return true
		case ' ', '\t', '-', '*':
		case 0xA2: // "•"
			if q < 3 || s[q-3:q] != "•" {
				return false
			}
			q -= 2
		default:
			return false
		}
	}
	return true
}

// salAfterAmount reports whether the word starting at ws follows an
// amount: a digit or a multiplier letter after a digit, past spaces.
func salAfterAmount(s string, ws int) bool {
	q := ws
	for q > 0 && (s[q-1] == ' ' || s[q-1] == '\t') {
		q--
	}
	if q == 0 {
		return false
	}
	if salIsDigit(s[q-1]) {
		return true
	}
	return q >= 2 && (s[q-1]|0x20 == 'k' || s[q-1]|0x20 == 'm') && salIsDigit(s[q-2])
}

// salAfterInfo is what the words after an amount say.
type salAfterInfo struct {
	period jobstats.Period
	end    int  // end of the period text
	kw     bool // a salary word follows: base, gross, OTE, DOE
	reject bool // the amount is not pay: a duration, a count, a bonus, a time
}

// salScanAfter reads up to maxTok words after p. hasCur tells whether the
// amount has a currency; small whether it is a bare integer up to 24.
func salScanAfter(s string, p int, hasCur, small bool, maxTok int) (a salAfterInfo) {
	prep, first := false, true
	per := false // the last word was "per": a unit must follow
	limit := p + 64
	if limit > len(s) {
		limit = len(s)
	}
	for tok := 0; tok < maxTok; tok++ {
		q := p
		attached := tok == 0
		for q < limit {
			c := s[q]
			if c == '/' {
				prep = true
			} else if c == '\n' {
				return a
			} else if n := salSpaceLen(s, q); n > 0 {
				q += n
				attached = false
				continue
			} else if c != '(' && c != ')' && c != '-' && c != ':' && c != '"' && c != '[' && c != ']' {
				break
			}
			q++
			attached = false
		}
		if q >= limit || !salLetterAt(s, q) {
			if per && q < limit && salIsDigit(s[q]) {
				a.reject = true // "$20 per 100 words"
			}
			return a
		}
		e := salWordEnd(s, q)
		w := s[q:e]
		// p.a., p/h, p.h., p/hr, p/w
		if (w == "p" || w == "P") && e+1 < len(s) && (s[e] == '.' || s[e] == '/') && salLetterAt(s, e+1) {
			e2 := salWordEnd(s, e+1)
			if per := salPComb(s[e+1 : e2]); per != "" {
				if e2 < len(s) && s[e2] == '.' {
					e2++
				}
				a.period, a.end = per, e2
				return a
			}
		}
		info := salLookup(w)
		k := info.kind
		if salEqFold(w, "to") && salNextWord(s, e)&salKFiller != 0 {
			k = salKFiller // "35,000 to Negotiable per year", "7.00 to Competitive"
		}
		switch {
		case k&salKTime != 0 && small && !hasCur && first:
			a.reject = true // 10pm, 8am
			return a
		case k&salKPrep != 0 && prep && salEqFold(w, "an"):
			a.period, a.end = jobstats.PeriodYear, e // par an, /an
			return a
		case k&salKStand != 0 && (k&salKTime == 0 || hasCur || !small):
			a.period, a.end = info.period, e
			if salNextWord(s, e)&(salKNeg|salKNegAfter) != 0 && !salPerkList(s, e) {
				a.reject = true // "$10k annual bonus", "$1,500 monthly stipend"
			}
			return a
		case k&salKNoun != 0 && (prep || salEqFold(salNextWordText(s, e), "rate")):
			a.period, a.end = info.period, e
			if prep && salNextWord(s, e)&(salKNeg|salKNegAfter) != 0 && !salPerkList(s, e) {
				a.reject = true // "$100/month gym budget", "$50 per month stipend"
			}
			return a
		case k&salKDuration != 0 && first && !hasCur:
			a.reject = true // 5 years, 40 hours
			return a
		case k&salKPrep != 0:
			prep = true
			per = salEqFold(w, "per") || salEqFold(w, "each")
			if e < len(s) && s[e] == '.' {
				e++ // "pr. år"
			}
			p = e
			continue
		case k&(salKNeg|salKNegAfter|salKCount) != 0:
			if first {
				a.reject = true
			}
			return a
		case k&salKLookOn != 0:
		case k&salKStop != 0:
			return a
		case k&(salKKeyAfter|salKFiller) != 0:
			if k&salKKeyAfter != 0 {
				a.kw = true
			}
			first = false
		default:
			if attached && first || per {
				a.reject = true // 3rd, 5G, 2FA; "$0.55 per accepted image"
			}
			return a
		}
		per = false
		p = e
	}
	return a
}

// salNextWordText returns the word after e, past spaces.
func salNextWordText(s string, e int) string {
	q := salSkipSpaces(s, e, 2)
	if !salLetterAt(s, q) {
		return ""
	}
	return s[q:salWordEnd(s, q)]
}

// salNextWord returns the kinds of the word after e.
func salNextWord(s string, e int) salKind {
	w := salNextWordText(s, e)
	if w == "" {
		return 0
	}
	return salLookup(w).kind
}

// salPComb reads the second letter of "p.a.", "p/h", "p/hr", "p.w.".
func salPComb(w string) jobstats.Period {
	switch {
	case salEqFold(w, "a"), salEqFold(w, "yr"), salEqFold(w, "y"):
		return jobstats.PeriodYear
	case salEqFold(w, "h"), salEqFold(w, "hr"), salEqFold(w, "hour"):
		return jobstats.PeriodHour
	case salEqFold(w, "w"), salEqFold(w, "wk"):
		return jobstats.PeriodWeek
	case salEqFold(w, "m"), salEqFold(w, "mo"), salEqFold(w, "mth"), salEqFold(w, "cm"):
		return jobstats.PeriodMonth
	case salEqFold(w, "d"):
		return jobstats.PeriodDay
	}
	return ""
}

// salRupeeBefore reports whether a rupee sign or code is written just
// before the amount at i, or before the amount of a range it ends
// ("INR 25T - 35T").
func salRupeeBefore(s string, i int) bool {
	w := s[max(0, i-24):i]
	return strings.Contains(w, "₹") || strings.Contains(w, "INR") || strings.Contains(w, "Rs")
}

// salPerkList reports whether the word after e starts a list of perks
// that follows the pay rather than qualifying it: "per annum Bonus,
// laptop, mobile", "per annum bonus,car allowance and pckge". The word is
// followed by a comma, or capitalised after a period that was spelled
// out with "per" ("£40,000 per annum Bonus scheme").
func salPerkList(s string, e int) bool {
	q := salSkipSpaces(s, e, 2)
	if !salLetterAt(s, q) {
		return false
	}
	we := salWordEnd(s, q)
	if we < len(s) && s[we] == ',' {
		return true
	}
	return s[q] >= 'A' && s[q] <= 'Z' && salSpacesBefore(s, q) > 0 && strings.Contains(strings.ToLower(s[max(0, e-12):e]), "per ")
}

// salWordyConnector reads up to three words and then "to" at p ("plus
// enhancements to", "LTD to", "rising to") and returns where the second
// amount may start. The words must be plain words: no digits, no
// sentence end, none that stops a salary or makes it no pay.
func salWordyConnector(s string, p int) (int, bool) {
	for words := 0; words < 4; words++ {
		q := salSkipSpaces(s, p, 2)
		if q >= len(s) || !salLetterAt(s, q) {
			return 0, false
		}
		e := salWordEnd(s, q)
		w := s[q:e]
		if salEqFold(w, "to") {
			if words == 0 || e >= len(s) || salSpaceLen(s, e) == 0 {
				return 0, false // plain "to" is salConnector's
			}
			return salSkipSpaces(s, e, 4), true
		}
		if words == 3 || e-q > 16 || salLookup(w).kind&(salKNeg|salKNegAfter|salKCount|salKDuration) != 0 {
			return 0, false
		}
		if e < len(s) && (s[e] == '.' || s[e] == ',' || s[e] == ';' || s[e] == ':') {
			return 0, false
		}
		p = e
	}
	return 0, false
}
