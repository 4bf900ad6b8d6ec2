package stats

import (
	"slices"

	"github.com/jobstats/jobstats"
)

// sameJobs groups listings that are the same job (jobstats.SameJob: the
// same fingerprint and near-identical descriptions). It is the one place
// both the Aggregator (which counts each job once) and Jobs (which tells
// every source a job was seen on) find a listing's job. Each job keeps the
// simhash of the first listing that made it. Most fingerprints have one
// job, which costs one map entry of two words; the others of a fingerprint
// go to a second map.
type sameJobs struct {
	first map[uint64]uint64   // fingerprint -> simhash of its first job
	more  map[uint64][]uint64 // fingerprint -> simhashes of its other jobs
}

// jobKey identifies a job: its fingerprint and its place among the jobs of
// that fingerprint (0 the first).
type jobKey struct {
	fingerprint uint64
	n           int
}

func newSameJobs() sameJobs {
	return sameJobs{first: make(map[uint64]uint64), more: make(map[uint64][]uint64)}
}

// find returns the job of a listing with fingerprint fp and simhash sim,
// and false when there is none yet (or fp is 0, so that the listing is
// never the same job as another).
func (s *sameJobs) find(fp, sim uint64) (jobKey, bool) {
	if fp == 0 {
		return jobKey{}, false
	}
	first, ok := s.first[fp]
	if !ok {
		return jobKey{}, false
	}
	if jobstats.SimhashClose(first, sim) {
		return jobKey{fp, 0}, true
	}
	for i, h := range s.more[fp] {
		if jobstats.SimhashClose(h, sim) {
			return jobKey{fp, i + 1}, true
		}
	}
	return jobKey{}, false
}

// add returns the job of a listing with fingerprint fp and simhash sim,
// creating it when there is none; created is true then. A listing without
// fingerprint is always a job of its own, and has no key (ok false).
func (s *sameJobs) add(fp, sim uint64) (k jobKey, created, ok bool) {
	if fp == 0 {
		return jobKey{}, true, false
	}
	if k, found := s.find(fp, sim); found {
		return k, false, true
	}
	if _, has := s.first[fp]; !has {
		s.first[fp] = sim
		return jobKey{fp, 0}, true, true
	}
	s.more[fp] = append(s.more[fp], sim)
	return jobKey{fp, len(s.more[fp])}, true, true
}

// Jobs finds the listings that are the same job (jobstats.SameJob: the same
// fingerprint and near-identical descriptions), whether cross-posted on
// several sources or reposted under a new id, and the sources each job was
// seen on. Add every listing first, then ask Sources. It keeps a few words
// per listing, never descriptions.
type Jobs struct {
	jobs    sameJobs
	sources map[jobKey][]string // every source a job was seen on
}

// NewJobs returns an empty Jobs.
func NewJobs() *Jobs { return &Jobs{jobs: newSameJobs(), sources: make(map[jobKey][]string)} }

// Add records l (which may be reused after Add returns).
func (j *Jobs) Add(l *jobstats.Listing) {
	k, _, ok := j.jobs.add(l.Fingerprint, l.Simhash)
	if !ok {
		return
	}
	srcs := j.sources[k]
	for _, s := range ownSources(l) {
		if !slices.Contains(srcs, s) {
			srcs = append(srcs, s)
		}
	}
	j.sources[k] = srcs
}

// Sources returns every source the job of l was seen on: l's own first,
// then those of the listings Add saw that are the same job, each once.
func (j *Jobs) Sources(l *jobstats.Listing) []string {
	out := ownSources(l)
	if k, ok := j.jobs.find(l.Fingerprint, l.Simhash); ok {
		for _, s := range j.sources[k] {
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
