package stats

import (
	"math"

	"github.com/jobstats/jobstats"
)

// chunkRows is how many facts a chunk holds.
const chunkRows = 4096

// chunk is up to chunkRows facts: what an Aggregator consumes, a Table
// keeps and a Stream hands to its workers. Every way into the statistics
// (listings, stored facts) goes through a chunk, so that one aggregation
// serves them all. Each fact is one row of about 120 bytes (two cache
// lines), so that a summary that reads some rows only (those of one role)
// pays a few cache misses per row, not one per field.
type chunk struct {
	n    int
	rows []row
	// gaps holds the Gaps of the few facts that have any, by row.
	gaps map[int32][]int64
	// lists holds every row's sources (symbols), skills and
	// certifications (local ids), one after the other, from row.lists.
	lists []uint32
}

// row is one fact in a chunk (see jobstats.Fact): symbols of the strings
// a rule reads as such, local ids (see classifier) of the companies,
// places, skills and certifications, and the kinds of the small
// enumerations.
type row struct {
	min, max             jobstats.Amount
	fingerprint, simhash uint64
	// Unix nanoseconds, jobstats.NoTime for none.
	posted, first, last, closed int64

	role, market, seniority, currency jobstats.Sym
	company, place                    uint32
	years                             int32
	// lists is where the row's lists start in chunk.lists; sources,
	// skills and certs are their lengths.
	lists, sources, skills, certs uint32

	// employment is the index in jobstats.EmploymentTypes (unknown after
	// them); workplace, degree and period are kinds.
	employment, workplace, degree, period uint8
	salary, alone                         bool
}

func newChunk() *chunk {
	return &chunk{rows: make([]row, chunkRows), lists: make([]uint32, 0, 6*chunkRows)}
}

func (c *chunk) full() bool { return c.n == chunkRows }

// reset empties c for reuse.
func (c *chunk) reset() {
	c.n = 0
	c.gaps = nil
	c.lists = c.lists[:0]
}

// add appends f, whose symbols cls classifies; c must not be full.
func (c *chunk) add(f *jobstats.Fact, cls *classifier) {
	i := c.n
	c.n++
	r := &c.rows[i]
	*r = row{
		min: f.Min, max: f.Max, fingerprint: f.Fingerprint, simhash: f.Simhash,
		posted: f.PostedAt, first: f.FirstSeen, last: f.LastSeen, closed: f.ClosedAt,
		role: f.Role, market: f.Market, seniority: f.Seniority, currency: f.Currency,
		company: cls.companies.get(f.Company), place: cls.places.get(f.Place),
		years: int32(min(max(f.ExperienceYears, 0), math.MaxInt32)),
		lists: uint32(len(c.lists)), sources: uint32(len(f.Sources)), skills: uint32(len(f.Skills)),
		certs:      uint32(len(f.Certifications)),
		employment: cls.employment.get(f.Employment), workplace: cls.workplace.get(f.Workplace),
		degree: cls.degree.get(f.Degree), period: cls.period.get(f.Period),
		salary: f.Salary, alone: f.Alone,
	}
	if len(f.Gaps) > 0 {
		if c.gaps == nil {
			c.gaps = make(map[int32][]int64)
		}
		c.gaps[int32(i)] = append([]int64(nil), f.Gaps...)
	}
	for _, s := range f.Sources {
		c.lists = append(c.lists, uint32(s))
	}
	for _, s := range f.Skills {
		c.lists = append(c.lists, cls.skills.get(s))
	}
	for _, s := range f.Certifications {
		c.lists = append(c.lists, cls.certs.get(s))
	}
}

// sources, skills and certs return a row's lists.
func (c *chunk) sources(r *row) []uint32 { return c.lists[r.lists : r.lists+r.sources] }

func (c *chunk) skills(r *row) []uint32 {
	start := r.lists + r.sources
	return c.lists[start : start+r.skills]
}

func (c *chunk) certs(r *row) []uint32 {
	start := r.lists + r.sources + r.skills
	return c.lists[start : start+r.certs]
}

// openAt reports whether row i was open at t (jobstats.OpenAtNanos).
func (c *chunk) openAt(i int, t int64) bool {
	var gaps []int64
	if c.gaps != nil {
		gaps = c.gaps[int32(i)]
	}
	r := &c.rows[i]
	return jobstats.OpenAtNanos(r.first, r.closed, gaps, t)
}
