package stats

import (
	"slices"

	"github.com/jobstats/jobstats"
)

// sameJobs groups listings that are the same job (jobstats.SameJob: the
// same fingerprint and near-identical descriptions). It is the one place
// both the Aggregator (which counts each job once) and Jobs (which tells
// every source a job was seen on) find a listing's job. Each job keeps the
// simhash of the first listing that made it; the jobs of one fingerprint
// are chained, so that the common case costs one map entry and 16 bytes.
type sameJobs struct {
	first map[uint64]int32 // fingerprint -> its first job
	jobs  []job
}

type job struct {
	simhash uint64
	next    int32 // the next job of the same fingerprint, -1 for none
}

func newSameJobs() sameJobs { return sameJobs{first: make(map[uint64]int32)} }

// find returns the index of the job l belongs to, or -1 when there is none
// yet (or l has no fingerprint, so it is never the same job as another).
func (s *sameJobs) find(l *jobstats.Listing) int32 {
	if l.Fingerprint == 0 {
		return -1
	}
	i, ok := s.first[l.Fingerprint]
	if !ok {
		return -1
	}
	for ; i >= 0; i = s.jobs[i].next {
		if jobstats.SimhashClose(s.jobs[i].simhash, l.Simhash) {
			return i
		}
	}
	return -1
}

// add returns the index of the job of l, creating the job when there is
// none; created is true then. A listing without fingerprint is always a job
// of its own, and has no index (-1).
func (s *sameJobs) add(l *jobstats.Listing) (i int32, created bool) {
	if l.Fingerprint == 0 {
		return -1, true
	}
	if i = s.find(l); i >= 0 {
		return i, false
	}
	i = int32(len(s.jobs))
	next := int32(-1)
	if f, ok := s.first[l.Fingerprint]; ok {
		next = f
	}
	s.jobs = append(s.jobs, job{simhash: l.Simhash, next: next})
	s.first[l.Fingerprint] = i
	return i, true
}

// Jobs finds the listings that are the same job (jobstats.SameJob: the same
// fingerprint and near-identical descriptions), whether cross-posted on
// several sources or reposted under a new id, and the sources each job was
// seen on. Add every listing first, then ask Sources. It keeps a few words
// per listing, never descriptions.
type Jobs struct {
	jobs    sameJobs
	sources map[int32][]string // job -> every source it was seen on
}

// NewJobs returns an empty Jobs.
func NewJobs() *Jobs { return &Jobs{jobs: newSameJobs(), sources: make(map[int32][]string)} }

// Add records l (which may be reused after Add returns).
func (j *Jobs) Add(l *jobstats.Listing) {
	i, _ := j.jobs.add(l)
	if i < 0 {
		return
	}
	srcs := j.sources[i]
	for _, s := range ownSources(l) {
		if !slices.Contains(srcs, s) {
			srcs = append(srcs, s)
		}
	}
	j.sources[i] = srcs
}

// Sources returns every source the job of l was seen on: l's own first,
// then those of the listings Add saw that are the same job, each once.
func (j *Jobs) Sources(l *jobstats.Listing) []string {
	out := ownSources(l)
	if i := j.jobs.find(l); i >= 0 {
		for _, s := range j.sources[i] {
			if !slices.Contains(out, s) {
				out = append(out, s)
			}
		}
	}
	return out
}

// ownSources returns a fresh slice of l.Source followed by l.Sources, each once.
func ownSources(l *jobstats.Listing) []string {
	out := make([]string, 0, 1+len(l.Sources))
	if l.Source != "" {
		out = append(out, l.Source)
	}
	for _, s := range l.Sources {
		if s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}
