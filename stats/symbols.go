package stats

import (
	"slices"

	"github.com/jobstats/jobstats"
)

// lazy caches a value computed from a symbol, so that a rule on strings
// runs once per distinct string rather than once per listing. Its arrays
// grow to the largest symbol asked for.
type lazy[T any] struct {
	val  []T
	ok   []bool
	calc func(jobstats.Sym) T
}

func (c *lazy[T]) get(s jobstats.Sym) T {
	if int(s) < len(c.ok) && c.ok[s] {
		return c.val[s]
	}
	return c.fill(s)
}

func (c *lazy[T]) fill(s jobstats.Sym) T {
	if int(s) >= len(c.ok) {
		n := max(int(s)+1, 2*len(c.ok), 64)
		c.val = slices.Grow(c.val, n-len(c.val))[:n]
		c.ok = slices.Grow(c.ok, n-len(c.ok))[:n]
	}
	v := c.calc(s)
	c.val[s], c.ok[s] = v, true
	return v
}

// Kinds of the small enumerations a chunk keeps as one byte, from the
// symbol of the string a listing stores. Every unknown string is kind 0.
const (
	workplaceUnknown uint8 = iota
	workplaceRemote
	workplaceHybrid
	workplaceOnsite
)

const (
	degreeUnknown uint8 = iota
	degreeRequired
	degreeEquivalent
	degreePreferred
	degreeNotRequired
)

// periods lists the periods by kind; kind 0 is every period that is not
// one of the others (jobstats.Annualization.Factor gives it 0).
var periods = [...]jobstats.Period{jobstats.PeriodUnknown, jobstats.PeriodHour, jobstats.PeriodDay,
	jobstats.PeriodWeek, jobstats.PeriodMonth, jobstats.PeriodYear}

const periodDay = 2

// employmentUnknownIndex is the employment index of a listing whose type
// is not known: after the jobstats.EmploymentTypes.
var employmentUnknownIndex = uint8(len(jobstats.EmploymentTypes))

// classifier turns the symbols of the small enumerations into their kinds,
// and those of companies, places, skills and certifications into numbers
// of their own (local ids, 0 for the empty string, in the order met), so
// that a page counts them in small dense arrays. It works once per symbol.
// Each owner of chunks (an Aggregator, a Table, a Stream) has one for its
// symbol table; only the goroutine that fills chunks changes it.
type classifier struct {
	syms                                  *jobstats.Symbols
	employment, workplace, degree, period lazy[uint8]
	companies, places, skills, certs      localIDs
}

// localIDs numbers the symbols of one kind.
type localIDs struct {
	lazy[uint32]
	// syms are the symbols by local id.
	syms []jobstats.Sym
}

func newClassifier(syms *jobstats.Symbols) *classifier {
	c := &classifier{syms: syms}
	for _, l := range []*localIDs{&c.companies, &c.places, &c.skills, &c.certs} {
		*l = localIDs{syms: []jobstats.Sym{0}}
		l.calc = func(s jobstats.Sym) uint32 {
			if s == 0 {
				return 0
			}
			l.syms = append(l.syms, s)
			return uint32(len(l.syms) - 1)
		}
	}
	c.employment.calc = func(s jobstats.Sym) uint8 {
		if i := slices.Index(jobstats.EmploymentTypes, EmploymentOf(syms.Name(s))); i >= 0 {
			return uint8(i)
		}
		return employmentUnknownIndex
	}
	c.workplace.calc = func(s jobstats.Sym) uint8 {
		switch jobstats.Workplace(syms.Name(s)) {
		case jobstats.WorkplaceRemote:
			return workplaceRemote
		case jobstats.WorkplaceHybrid:
			return workplaceHybrid
		case jobstats.WorkplaceOnsite:
			return workplaceOnsite
		}
		return workplaceUnknown
	}
	c.degree.calc = func(s jobstats.Sym) uint8 {
		switch jobstats.Degree(syms.Name(s)) {
		case jobstats.DegreeRequired:
			return degreeRequired
		case jobstats.DegreeEquivalent:
			return degreeEquivalent
		case jobstats.DegreePreferred:
			return degreePreferred
		case jobstats.DegreeNotRequired:
			return degreeNotRequired
		}
		return degreeUnknown
	}
	c.period.calc = func(s jobstats.Sym) uint8 {
		if i := slices.Index(periods[:], jobstats.Period(syms.Name(s))); i > 0 {
			return uint8(i)
		}
		return 0
	}
	return c
}

// name returns the string of local id id of l.
func (c *classifier) name(l *localIDs, id uint32) string { return c.syms.Name(l.syms[id]) }

// idCounts counts local ids, in blocks of 64 counts allocated as they are
// first touched: a few nanoseconds a count, and memory in proportion to
// the spread of the ids counted.
type idCounts struct {
	blocks []*[64]int32
}

func (c *idCounts) inc(id uint32) {
	b := int(id >> 6)
	if b >= len(c.blocks) {
		c.blocks = slices.Grow(c.blocks, b+1-len(c.blocks))[:b+1]
	}
	blk := c.blocks[b]
	if blk == nil {
		blk = new([64]int32)
		c.blocks[b] = blk
	}
	blk[id&63]++
}

// tallies returns the counts above zero with the names of their ids.
func (c *idCounts) tallies(name func(uint32) string) []tally {
	var out []tally
	for b, blk := range c.blocks {
		if blk == nil {
			continue
		}
		for i, n := range blk {
			if n > 0 {
				out = append(out, tally{name(uint32(b<<6 | i)), int(n)})
			}
		}
	}
	return out
}
