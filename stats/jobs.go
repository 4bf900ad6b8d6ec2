package stats

import (
	"slices"

	"github.com/jobstats/jobstats"
)

// Jobs finds the listings that are the same job (jobstats.SameJob: the same
// fingerprint and near-identical descriptions), whether cross-posted on
// several sources or reposted under a new id, and the sources each job was
// seen on. Add every listing first, then ask Sources. It keeps a few words
// per listing, never descriptions.
type Jobs struct {
	byFingerprint map[uint64][]*job
}

type job struct {
	simhash uint64
	sources []string
}

// NewJobs returns an empty Jobs.
func NewJobs() *Jobs { return &Jobs{byFingerprint: make(map[uint64][]*job)} }

// Add records l (which may be reused after Add returns).
func (j *Jobs) Add(l *jobstats.Listing) {
	if l.Fingerprint == 0 {
		return
	}
	g := j.find(l)
	if g == nil {
		g = &job{simhash: l.Simhash}
		j.byFingerprint[l.Fingerprint] = append(j.byFingerprint[l.Fingerprint], g)
	}
	for _, s := range ownSources(l) {
		if !slices.Contains(g.sources, s) {
			g.sources = append(g.sources, s)
		}
	}
}

// Sources returns every source the job of l was seen on: l's own first,
// then those of the listings Add saw that are the same job, each once.
func (j *Jobs) Sources(l *jobstats.Listing) []string {
	out := ownSources(l)
	if g := j.find(l); g != nil {
		for _, s := range g.sources {
			if !slices.Contains(out, s) {
				out = append(out, s)
			}
		}
	}
	return out
}

func (j *Jobs) find(l *jobstats.Listing) *job {
	if l.Fingerprint == 0 {
		return nil
	}
	for _, g := range j.byFingerprint[l.Fingerprint] {
		if jobstats.SimhashClose(g.simhash, l.Simhash) {
			return g
		}
	}
	return nil
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
