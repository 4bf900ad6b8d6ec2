package parse

import (
	"strings"

	"github.com/jobstats/jobstats"
)

// SalaryMatch is a salary found in text and where it was written.
type SalaryMatch struct {
	// Salary is the pay read: From is jobstats.SalaryFromText, Min and Max
	// are in hundredths (0 is an open bound), Currency is an ISO 4217 code
	// or "" when the text names none, and Period is always known
	// (PeriodInferred tells whether it was written or inferred).
	Salary jobstats.Salary
	// Start and End are the byte span of the matched text in the input:
	// currency, amounts and a period written after them.
	Start, End int
}

// Salary finds the salary in text, a salary field or a whole description,
// and reports false when there is none. See SalaryIn.
func Salary(text string) (SalaryMatch, bool) {
	return SalaryIn(text, "")
}

// SalaryIn is like Salary, with a default currency (an ISO 4217 code, ""
// for none) for amounts written without one, such as the bare numbers of
// a source known to pay in EUR. A bare "$" takes the default when it is a
// dollar (CAD, AUD, ...) and is USD otherwise; "kr" takes it when it is a
// krona or krone and is SEK otherwise.
//
// SalaryIn reads ranges ("$120k–$150k", "between 50,000 and 60,000",
// "60.000 € bis 75.000 €"), single amounts, upper ("up to $19/hour") and
// lower bounds ("from €60k", "$100k+"); multipliers (k, M, lakh, LPA,
// crore, 万); thousands separators (, . ' and spaces) told apart from
// decimal marks by position and digit count; currencies as symbols, codes
// or words on either side of either amount; and periods written after the
// amount or just before it, in English and the common European languages.
// When no period is written it is inferred from the amount and currency
// (see salScale) and PeriodInferred is set. A reversed range ("$120,000 -
// $110,000", common on SEEK) is swapped.
//
// Numbers that are not pay are skipped: percentages, years of experience,
// head counts, funding rounds, bonuses and stipends, dates, times, phone
// numbers, versions, levels and grades, and "$0 - $0". When several
// amounts qualify, the one with the most evidence wins (currency, range,
// period, nearness to words like salary, pay, rate, range, OTE), the
// earliest on a tie.
//
// It does not allocate for any code it knows and is safe for concurrent
// use.
func SalaryIn(text, defaultCurrency string) (SalaryMatch, bool) {
	def := salNormCode(defaultCurrency)
	short := len(text) <= salShortText
	var best salCand
	found := false
	for i := 0; i < len(text); {
		if c := text[i]; c < '0' || c > '9' {
			i++
			continue
		}
		cand, next := salCandidateAt(text, i, def, short)
		if cand.ok && (!found || cand.score > best.score) {
			best, found = cand, true
		}
		if next <= i {
			next = i + 1
		}
		i = next
	}
	if !found {
		return SalaryMatch{}, false
	}
	return SalaryMatch{
		Salary: jobstats.Salary{
			Min:            jobstats.AmountOf(best.min),
			Max:            jobstats.AmountOf(best.max),
			Currency:       best.cur,
			Period:         best.period,
			PeriodInferred: best.inferred,
			From:           jobstats.SalaryFromText,
		},
		Start: best.start,
		End:   best.end,
	}, true
}

// salShortText is the length up to which text is taken for a salary field,
// where a bare large number ("40000 pro rata") is read as pay.
const salShortText = 100

// salMaxUnits caps amounts: anything larger is not pay in any currency.
const salMaxUnits = 1e12

// salCand is a candidate salary.
type salCand struct {
	ok         bool
	score      int
	start, end int
	min, max   float64 // whole units; 0 is an open bound
	cur        string
	period     jobstats.Period
	inferred   bool
}

// salCandidateAt reads the candidate whose first digit is at i. It returns
// the candidate (ok false when the number is not pay) and where to resume.
func salCandidateAt(s string, i int, def string, short bool) (c salCand, next int) {
	start := i
	if i > 0 {
		b := s[i-1]
		switch {
		case b == '+' || b == '#' || b == '@' || b == '_' || b == '^':
			return c, salSkipToken(s, i)
		case (b == '/' || b == ':' || b == '.' || b == ',' || b == '-') && i >= 2 && salIsDigit(s[i-2]):
			return c, salSkipToken(s, i)
		case b == '-' && i >= 2 && salIsASCIILetter(s[i-2]):
			return c, salSkipToken(s, i) // COVID-19, H-1B
		case salIsASCIILetter(b):
			w, ws := salWordBefore(s, i)
			if _, ok := salCodes[w]; !ok {
				if w != "c" && w != "C" && w != "ca" && w != "Ca" {
					return c, salSkipToken(s, i)
				}
				start = ws // circa: "c40,000"
			}
		}
	}

	pre := salCurBefore(s, i)
	if pre.ok {
		start = pre.start
	}
	n1 := salReadNumber(s, i)
	next = n1.end
	if n1.bad || n1.leadZero || n1.percent {
		return c, next
	}
	bf := salScanBefore(s, start)
	// "Level 6", "Year 1", "Band 7": a label number, unless a multiplier
	// makes it money ("pay band 18-25 LPA").
	labelled := bf.label && !pre.ok && n1.mult == 1
	post1 := salCurAfter(s, n1.end, false)
	p := n1.end
	if post1.ok {
		p = post1.end
	}

	// A second amount: "X - Y", "X to Y", "between X and Y", "X/day to Y/day".
	var n2 salNum
	var pre2, post2 salCurTok
	var mid salAfterInfo
	isRange, wordy := false, false
	if !n1.plus {
		q, ok := salConnector(s, p, bf.between)
		if !ok {
			mid = salScanAfter(s, p, pre.ok || post1.ok, n1.small(), 3)
			if mid.reject {
				return c, next
			}
			if mid.period != "" {
				q, ok = salConnector(s, mid.end, bf.between)
			}
		}
		if !ok && pre.ok && !pre.iso {
			// "$115,824  $156,740": the same symbol twice, only spaces between.
			if q2 := salSkipSpaces(s, p, 4); q2 > p {
				if t := salCurAfter(s, q2, true); t.ok && t.code == pre.code {
					q, ok = q2, true
				}
			}
		}
		if !ok {
			// "7.46 plus enhancements to 9.25 per hour", "23 per hour LTD
			// to 29 per hour LTD", "£30,000 rising to £35,000".
			from := p
			if mid.period != "" {
				from = mid.end
			}
			q, ok = salWordyConnector(s, from)
			wordy = ok
		}
		if ok {
			r := q
			if pre2 = salCurAfter(s, q, true); pre2.ok {
				r = salSkipSpaces(s, pre2.end, 1)
			}
			if r < len(s) && salIsDigit(s[r]) {
				n2 = salReadNumber(s, r)
				next = n2.end
				if n2.bad || n2.leadZero || n2.percent {
					return c, next
				}
				// "555-123-4567", "2024-01-15"
				if e := n2.end; e+1 < len(s) && (s[e] == '-' || s[e] == '/') && salIsDigit(s[e+1]) {
					return c, salSkipToken(s, e)
				}
				post2 = salCurAfter(s, n2.end, false)
				isRange = true
				if wordy && !(n2.mult == n1.mult && n2.val > n1.val && n2.val <= 3*n1.val) {
					// Words between two amounts make a range only when the
					// second is the upper bound of the first.
					n2, pre2, post2, isRange = salNum{}, salCurTok{}, salCurTok{}, false
				}
			} else {
				pre2 = salCurTok{}
			}
		}
	}

	if labelled && !(isRange && n2.mult > 1 && !pre2.ok) {
		return c, n1.end // "Level 6 - $89,850": the amount after is read on its own
	}

	numEnd := p
	last := n1
	if isRange {
		last = n2
		numEnd = n2.end
		if post2.ok {
			numEnd = post2.end
		}
	}
	next = numEnd
	hasCur := pre.ok || post1.ok || pre2.ok || post2.ok
	af := salScanAfter(s, numEnd, hasCur, last.small(), 6)
	if af.reject {
		return c, next
	}
	if bf.neg >= 0 && bf.neg <= 3 {
		return c, next // "bonus of up to $20k", "raised $50M"
	}

	plus := n1.plus
	if !isRange && !plus {
		// "$100,000 +" at the end of the text or of a clause.
		if q := salSkipSpaces(s, numEnd, 2); q < len(s) && s[q] == '+' {
			if q+1 == len(s) || strings.IndexByte(")],;\n|", s[q+1]) >= 0 {
				plus = true
			}
		}
	}

	lpa := n1.lpa || n2.lpa
	hasMult := n1.mult > 1 || n2.mult > 1
	explicit := af.period != "" || mid.period != "" || lpa || bf.period != ""
	if n1.yearLike(hasCur) && (!isRange || n2.yearLike(hasCur)) && !explicit {
		return c, next // 2024, "2019-2024"
	}
	if !hasCur && !hasMult && start > 0 && salIsDigit(s[start-1-salSpacesBefore(s, start)]) {
		return c, next // "+49 30 1234567": one of several digit groups
	}
	kw := bf.kw >= 0 || bf.weak >= 0 || af.kw
	if !(hasCur || hasMult || explicit || kw) {
		big := last.bigBare() || n1.bigBare()
		if !big || !(short || def != "") {
			return c, next
		}
	}
	periodPay := false
	if !short && !kw && !(isRange && hasCur) {
		// In a description a lone amount with no salary word near is a
		// benefit, a price or a funding figure far more often than pay,
		// unless it carries both a currency and a pay period of its own
		// ("- $100/hr", "£2,900 per month" in a list of perks): that is
		// pay when it is plausible pay for the period (checked below).
		// "LPA" is both ("- 15-20 LPA").
		if !(n1.lpa || n2.lpa || hasCur && (af.period != "" || mid.period != "")) {
			return c, next
		}
		periodPay = true
	}

	// Amounts.
	a, b := n1.val, n1.val
	if isRange {
		b = n2.val
		if n1.mult == 1 && n2.mult > 1 && a < 1000 {
			a *= n2.mult // "$150-200k", "18-25 LPA"
		} else if n2.mult == 1 && n1.mult > 1 && salNear(b*n1.mult, a) {
			b *= n1.mult // "$90k - $125"
		}
		switch {
		case a > 0 && a < 1000 && b >= 1000 && salNear(a*1000, b):
			a *= 1000 // "AU$95 - AU$95000", "$140 - $160000"
		case b > 0 && b < 1000 && a >= 1000 && salNear(b*1000, a):
			b *= 1000 // "$112,000 - $123"
		}
		if a > b {
			a, b = b, a // SEEK writes "max - min"
		}
	} else {
		switch {
		case bf.upTo:
			a = 0
		case bf.from || plus:
			b = 0
		}
	}
	if b <= 0 && a <= 0 || a > salMaxUnits || b > salMaxUnits || a < 0 || b < 0 ||
		jobstats.AmountOf(a) == 0 && jobstats.AmountOf(b) == 0 {
		return c, next
	}

	// Currency.
	implied := n1.multCur
	if implied == "" {
		implied = n2.multCur
	}
	cur := salResolveCurrency(s, def, implied, pre, post1, pre2, post2)
	if cur == "PHP" && n1.val < 100 && !hasMult {
		return c, next // "PHP 8", the language
	}

	// Period.
	period := af.period
	switch {
	case period != "":
	case mid.period != "":
		period = mid.period
	case lpa:
		period = jobstats.PeriodYear
	default:
		period = bf.period
	}
	ref := b
	if ref == 0 {
		ref = a
	}
	sc := salScaleOf(cur)
	inferred := false
	if period == "" {
		period, inferred = salInferPeriod(ref, cur, sc), true
	}

	// Evidence.
	score := 0
	if hasCur {
		score += 3
	}
	if isRange {
		score += 2
	}
	if explicit {
		score += 2
	}
	if hasMult {
		score++
	}
	switch {
	case bf.kw >= 0 && bf.kw <= 3:
		score += 3
	case bf.kw >= 0:
		score += 2
	}
	if bf.weak >= 0 && bf.weak <= 3 {
		score++
	}
	if af.kw {
		score++
	}
	if bf.neg > 3 {
		score -= 2
	}
	annual := salAnnualUSPay(ref, period, sc)
	if periodPay && annual < salTypicalLow {
		return c, next // "$5/month", "€30 per day": a price or an allowance
	}
	switch {
	case annual > salPlausibleHigh:
		return c, next // "$2B", funding, not pay
	case annual >= salTypicalLow && annual <= salTypicalHigh:
		score++
	case annual < salPlausibleLow || annual > salPlausibleHigh:
		score -= 3
	}

	end := numEnd
	if af.period != "" && af.end > end {
		end = af.end
	}
	return salCand{
		ok: true, score: score, start: start, end: end,
		min: a, max: b, cur: cur, period: period, inferred: inferred,
	}, next
}

// salNear reports whether x is within a factor of 4 of y.
func salNear(x, y float64) bool {
	return x >= y/4 && x <= y*4
}

// salResolveCurrency picks the candidate's currency: an ISO code written
// anywhere on it, else an unambiguous symbol, else the currency a unit
// implies (lakh: INR), else an ambiguous symbol resolved, else def.
func salResolveCurrency(s, def, implied string, toks ...salCurTok) string {
	amb := -1
	sym := ""
	for _, t := range toks {
		switch {
		case !t.ok:
		case t.iso:
			return t.code
		case t.amb != salAmbNone:
			if amb < 0 {
				amb = int(t.amb)
			}
		case sym == "":
			sym = t.code
		}
	}
	switch {
	case sym != "":
		return sym
	case implied != "":
		return implied
	}
	switch amb {
	case salAmbDollar:
		if salDollarCurrencies[def] {
			return def
		}
		return "USD"
	case salAmbKr:
		switch {
		case salHasCode(s, "NOK"):
			return "NOK"
		case salHasCode(s, "DKK"):
			return "DKK"
		case def == "NOK" || def == "DKK" || def == "ISK" || def == "SEK":
			return def
		}
		return "SEK"
	case salAmbYen:
		if def == "CNY" {
			return def
		}
		return "JPY"
	}
	return def
}

// salHasCode reports whether text contains code as a word.
func salHasCode(s, code string) bool {
	for off := 0; ; {
		k := strings.Index(s[off:], code)
		if k < 0 {
			return false
		}
		k += off
		e := k + len(code)
		if (k == 0 || !salIsASCIILetter(s[k-1])) && (e == len(s) || !salIsASCIILetter(s[e])) {
			return true
		}
		off = e
	}
}

// salNormCode returns the canonical form of a default currency code.
func salNormCode(code string) string {
	if code == "" {
		return ""
	}
	if cw, ok := salCodes[code]; ok && cw.iso {
		return cw.code
	}
	if len(code) == 3 {
		var buf [3]byte
		for i := 0; i < 3; i++ {
			c := code[i]
			if 'a' <= c && c <= 'z' {
				c -= 'a' - 'A'
			}
			buf[i] = c
		}
		if cw, ok := salCodes[string(buf[:])]; ok && cw.iso {
			return cw.code
		}
	}
	return strings.ToUpper(strings.TrimSpace(code))
}

// salScaleOf returns the pay scale of a currency; unknown currencies and
// "" are treated like USD.
func salScaleOf(cur string) salScale {
	if sc, ok := salScales[cur]; ok {
		return sc
	}
	return salScale{unit: 1}
}

// salInferPeriod infers the period of an amount v in cur, of pay scale sc,
// written without one from its US-pay equivalent (see salScale).
func salInferPeriod(v float64, cur string, sc salScale) jobstats.Period {
	u := v / sc.unit
	hourMax, dayMax, monthMax := float64(salHourMax), float64(salDayMax), float64(salMonthMax)
	if sc.monthly {
		hourMax, dayMax, monthMax = salMonthlyHour, salMonthlyDay, salMonthlyMonth
	}
	if cur == "INR" {
		monthMax = salINRMonthMax
	}
	switch {
	case u < hourMax:
		return jobstats.PeriodHour
	case u < dayMax:
		return jobstats.PeriodDay
	case u < monthMax:
		return jobstats.PeriodMonth
	}
	return jobstats.PeriodYear
}

// salAnnualUSPay returns v per period p, of pay scale sc, as a yearly US-pay
// equivalent.
func salAnnualUSPay(v float64, p jobstats.Period, sc salScale) float64 {
	f := 1.0
	switch p {
	case jobstats.PeriodHour:
		f = 2080
	case jobstats.PeriodDay:
		f = 260
	case jobstats.PeriodWeek:
		f = 52
	case jobstats.PeriodMonth:
		f = 12
	}
	return v * f / sc.unit
}
