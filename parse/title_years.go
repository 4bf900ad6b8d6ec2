package parse

import (
	"strings"

	"github.com/jobstats/jobstats"
)

// SeniorityFromYears reads the years of experience a description asks for
// ("5+ years", "at least 3 years of experience", "3-5 years", "five years
// of experience", "3 Jahre Berufserfahrung", "5 ans d'expérience", "3 años
// de experiencia", "2 anos de experiência") and maps them to a level: 0–1
// junior, 2–4 mid, 5–7 senior, 8 or more lead. A range counts by its lower
// bound; of several statements the highest wins ("5+ years of backend
// experience, 2+ years with Kubernetes" is senior). A number of years
// counts only with a word for experience within 60 bytes after it or 40
// before it, or as a minimum or range with an activity right after it
// ("7+ years building software products"), so "founded 10 years ago"
// does not. It reports false when no
// such statement is found.
func SeniorityFromYears(description string) (jobstats.Seniority, bool) {
	best, ok := ExperienceYears(description)
	if !ok {
		return "", false
	}
	return seniorityOfYears(best), true
}

// seniorityOfYears maps years of experience asked to a level.
func seniorityOfYears(best int) jobstats.Seniority {
	switch {
	case best <= 1:
		return jobstats.SeniorityJunior
	case best <= 4:
		return jobstats.SeniorityMid
	case best <= 7:
		return jobstats.SenioritySenior
	default:
		return jobstats.SeniorityLead
	}
}

// ExperienceYears returns the minimum years of experience a description
// asks for, read as SeniorityFromYears reads them: a range by its lower
// bound ("3-5 years" is 3), of several statements the highest ("5+ years
// of backend experience, 2+ years with Kubernetes" is 5). It reports false
// when the description states none; "0-2 years" gives 0, true.
func ExperienceYears(description string) (int, bool) {
	s := description
	best := -1
	for i := 0; i < len(s); i++ {
		n, end, ok := titleYearsNumber(s, i)
		if !ok {
			continue
		}
		if e2, ok := titleYearsAt(s, end); ok {
			if titleYearsExperience(s, i, e2) && n > best {
				best = n
			}
			i = e2 - 1
			continue
		}
		i = end - 1
	}
	if best < 0 {
		return 0, false
	}
	return best, true
}

// titleYearsWords are spelled-out numbers.
var titleYearsWords = []struct {
	w string
	n int
}{
	{"one", 1}, {"two", 2}, {"three", 3}, {"four", 4}, {"five", 5}, {"six", 6}, {"seven", 7},
	{"eight", 8}, {"nine", 9}, {"ten", 10}, {"eleven", 11}, {"twelve", 12}, {"fifteen", 15},
}

// titleYearsNumber reads a number (digits or a word) starting a word at i,
// with an optional "+" and an optional range ("3-5", "3 to 5", "3–5"): it
// returns the lower bound and where the number phrase ends.
func titleYearsNumber(s string, i int) (int, int, bool) {
	if i > 0 && (skillIsWordByte(s[i-1]) || s[i-1] == '.' || s[i-1] == '$' || s[i-1] == ',') {
		return 0, 0, false
	}
	n, j := 0, i
	for j < len(s) && s[j] >= '0' && s[j] <= '9' && j-i < 3 {
		n = n*10 + int(s[j]-'0')
		j++
	}
	if j == i {
		for _, w := range titleYearsWords {
			if len(s)-i >= len(w.w) && skillHasFoldPrefix(s[i:], w.w) && (len(s) == i+len(w.w) || !skillIsWordByte(s[i+len(w.w)])) {
				n, j = w.n, i+len(w.w)
				break
			}
		}
		if j == i {
			return 0, 0, false
		}
	} else if j < len(s) && (skillIsWordByte(s[j]) && !strings.HasPrefix(s[j:], "–") || s[j] == '%' || s[j] == ',') {
		return 0, 0, false
	}
	if n > 40 {
		return 0, 0, false
	}
	// Skip "+", ".5", and a range upper bound.
	k := j
	if k+1 < len(s) && s[k] == '.' && s[k+1] == '5' {
		k += 2
	}
	for k < len(s) && (s[k] == '+' || s[k] == ' ') {
		k++
	}
	r := k
	switch {
	case r < len(s) && (s[r] == '-' || s[r] == '/'):
		r++
	case len(s)-r >= 3 && s[r:r+3] == "\u2013":
		r += 3
	case len(s)-r >= 3 && skillHasFoldPrefix(s[r:], "to "):
		r += 3
	case len(s)-r >= 4 && skillHasFoldPrefix(s[r:], "bis "):
		r += 4
	case len(s)-r >= 2 && s[r:r+2] == "a ":
		r += 2
	case len(s)-r >= 3 && s[r:r+3] == "à ":
		r += 3
	default:
		return n, k, true
	}
	for r < len(s) && s[r] == ' ' {
		r++
	}
	e := r
	for e < len(s) && s[e] >= '0' && s[e] <= '9' && e-r < 3 {
		e++
	}
	if e == r {
		return n, k, true
	}
	for e < len(s) && (s[e] == '+' || s[e] == ' ') {
		e++
	}
	return n, e, true
}

// titleYearsUnits name years in the supported languages.
var titleYearsUnits = []string{"years", "year", "yrs", "yr", "jahre", "jahren", "ans", "an", "años", "año", "anos", "ano", "anni", "jaar", "år"}

// titleYearsAt reads a years unit at i (after optional "(" or "of").
func titleYearsAt(s string, i int) (int, bool) {
	for i < len(s) && (s[i] == ' ' || s[i] == '(') {
		i++
	}
	for _, u := range titleYearsUnits {
		if len(s)-i >= len(u) && skillHasFoldPrefix(s[i:], u) && (len(s) == i+len(u) || !skillIsWordByte(s[i+len(u)]) || s[i+len(u)] == '\'') {
			return i + len(u), true
		}
	}
	return 0, false
}

// titleYearsExperienceWords say "experience" in the supported languages.
var titleYearsExperienceWords = []string{"experience", "erfahrung", "expérience", "experiencia", "experiência", "esperienza", "ervaring", "exp.", "professional", "industry", "background"}

// titleYearsExperience reports whether the years at s[start:end] are about
// experience, and not age or history ("years ago", "years old").
func titleYearsExperience(s string, start, end int) bool {
	after := skillWordAfter(s, end)
	if skillIn(after, "ago", "old", "warranty", "anniversary", "running", "in a row") {
		return false
	}
	// "7+ years building software products", "3-5 years of leading
	// teams": a minimum or a range of years spent doing something is
	// experience ("10 years serving our customers" is history).
	num := s[start:end]
	doing := ""
	if strings.ContainsAny(num, "+-/") || strings.Contains(num, "–") || strings.Contains(num, " to ") {
		doing = after
	}
	if strings.EqualFold(doing, "of") {
		doing = skillWordAfter(s, end+strings.Index(s[end:], after)+len(after))
	}
	if len(doing) > 4 && strings.HasSuffix(strings.ToLower(doing), "ing") && !skillIn(doing, "running", "during", "nothing", "something") {
		return true
	}
	lo, hi := max(start-40, 0), min(end+60, len(s))
	w := s[lo:hi]
	for _, x := range titleYearsExperienceWords {
		if skillContainsFold(w, x) {
			return true
		}
	}
	return false
}

// skillHasFoldPrefix reports whether s starts with prefix (lower case
// ASCII), ignoring ASCII case.
func skillHasFoldPrefix(s, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		if skillLower(s[i]) != prefix[i] {
			return false
		}
	}
	return true
}
