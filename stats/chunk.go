package stats

import (
	"math"

	"github.com/jobstats/jobstats"
)

// chunkRows is how many facts a chunk holds.
const chunkRows = 4096

// chunk is up to chunkRows facts in columns: what an Aggregator consumes,
// a Table keeps and a Stream hands to its workers. Every way into the
// statistics (listings, stored facts) goes through a chunk, so that one
// aggregation serves them all.
type chunk struct {
	n int
	// The symbols of each fact (see jobstats.Fact).
	role, market, seniority, currency []jobstats.Sym
	// The local ids (see classifier) of each fact's company and place.
	company, place []uint32
	// The kinds of the small enumerations (see classifier): the index of
	// the employment type in jobstats.EmploymentTypes, the workplace,
	// degree and period kinds.
	employment, workplace, degree, period []uint8
	salary, alone                         []bool
	min, max                              []jobstats.Amount
	years                                 []int32
	fingerprint, simhash                  []uint64
	posted, first, last, closed           []int64
	// gaps holds the Gaps of the few facts that have any, by row.
	gaps map[int32][]int64
	// lists holds every fact's sources (symbols), skills and
	// certifications (local ids), one after the other; listEnd[3i],
	// [3i+1] and [3i+2] are where row i's sources, skills and
	// certifications end, and listEnd[3i-1] (0 for row 0) where its
	// sources start.
	lists   []uint32
	listEnd []uint32
}

func newChunk() *chunk {
	const n = chunkRows
	return &chunk{
		role: make([]jobstats.Sym, n), market: make([]jobstats.Sym, n), seniority: make([]jobstats.Sym, n),
		employment: make([]uint8, n), workplace: make([]uint8, n), degree: make([]uint8, n),
		company: make([]uint32, n), place: make([]uint32, n), currency: make([]jobstats.Sym, n),
		period: make([]uint8, n), salary: make([]bool, n), alone: make([]bool, n), min: make([]jobstats.Amount, n),
		max: make([]jobstats.Amount, n), years: make([]int32, n), fingerprint: make([]uint64, n),
		simhash: make([]uint64, n), posted: make([]int64, n), first: make([]int64, n), last: make([]int64, n),
		closed: make([]int64, n), lists: make([]uint32, 0, 6*n), listEnd: make([]uint32, 0, 3*n),
	}
}

func (c *chunk) full() bool { return c.n == chunkRows }

// reset empties c for reuse.
func (c *chunk) reset() {
	c.n = 0
	c.gaps = nil
	c.lists = c.lists[:0]
	c.listEnd = c.listEnd[:0]
}

// add appends f, whose symbols cls classifies; c must not be full.
func (c *chunk) add(f *jobstats.Fact, cls *classifier) {
	i := c.n
	c.n++
	c.role[i], c.market[i], c.seniority[i] = f.Role, f.Market, f.Seniority
	c.company[i], c.place[i] = cls.companies.get(f.Company), cls.places.get(f.Place)
	c.employment[i] = cls.employment.get(f.Employment)
	c.workplace[i] = cls.workplace.get(f.Workplace)
	c.degree[i] = cls.degree.get(f.Degree)
	c.salary[i], c.min[i], c.max[i], c.currency[i] = f.Salary, f.Min, f.Max, f.Currency
	c.period[i] = cls.period.get(f.Period)
	c.years[i] = int32(min(max(f.ExperienceYears, 0), math.MaxInt32))
	c.fingerprint[i], c.simhash[i], c.alone[i] = f.Fingerprint, f.Simhash, f.Alone
	c.posted[i], c.first[i], c.last[i], c.closed[i] = f.PostedAt, f.FirstSeen, f.LastSeen, f.ClosedAt
	if len(f.Gaps) > 0 {
		if c.gaps == nil {
			c.gaps = make(map[int32][]int64)
		}
		c.gaps[int32(i)] = append([]int64(nil), f.Gaps...)
	}
	for _, s := range f.Sources {
		c.lists = append(c.lists, uint32(s))
	}
	c.listEnd = append(c.listEnd, uint32(len(c.lists)))
	for _, s := range f.Skills {
		c.lists = append(c.lists, cls.skills.get(s))
	}
	c.listEnd = append(c.listEnd, uint32(len(c.lists)))
	for _, s := range f.Certifications {
		c.lists = append(c.lists, cls.certs.get(s))
	}
	c.listEnd = append(c.listEnd, uint32(len(c.lists)))
}

// sources, skills and certs return row i's lists.
func (c *chunk) sources(i int) []uint32 {
	start := uint32(0)
	if i > 0 {
		start = c.listEnd[3*i-1]
	}
	return c.lists[start:c.listEnd[3*i]]
}

func (c *chunk) skills(i int) []uint32 { return c.lists[c.listEnd[3*i]:c.listEnd[3*i+1]] }

func (c *chunk) certs(i int) []uint32 { return c.lists[c.listEnd[3*i+1]:c.listEnd[3*i+2]] }

// openAt reports whether row i was open at t (jobstats.OpenAtNanos).
func (c *chunk) openAt(i int, t int64) bool {
	var gaps []int64
	if c.gaps != nil {
		gaps = c.gaps[int32(i)]
	}
	return jobstats.OpenAtNanos(c.first[i], c.closed[i], gaps, t)
}
