package crawl

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/jobstats/jobstats"
)

// spool is the queue of listings a run has fetched and not yet stored,
// first in, first out. It keeps them in memory up to max bytes (an
// estimate), and past that writes what it holds in memory to a file in dir
// (a segment) and reads it back when the store takes it. A spool is not
// safe for concurrent use.
type spool struct {
	dir string // "" means os.TempDir()
	max int64

	mem      []jobstats.Listing
	memBytes int64
	segs     []*segment // older than mem, oldest first
	n        int        // listings queued, in segments and memory
	spilled  int        // listings ever written to segments
}

// segment is one spill file, read from the start.
type segment struct {
	f      *os.File
	r      *json.Decoder
	left   int
	remove bool // the file could not be unlinked while open
}

// len returns how many listings are queued.
func (s *spool) len() int { return s.n }

// push appends copies of ls (shallow: strings are immutable, and the
// caller hands the slices over) and spills memory to a segment when it
// holds more than max bytes. A failed spill keeps everything in memory and
// returns the error: nothing is lost, but memory grows.
func (s *spool) push(ls []jobstats.Listing) error {
	s.mem = append(s.mem, ls...)
	for i := range ls {
		s.memBytes += size(&ls[i])
	}
	s.n += len(ls)
	if s.memBytes <= s.max {
		return nil
	}
	err := s.spill()
	if err != nil {
		// Try again only once memory has doubled, not on every push.
		s.max = 2 * s.memBytes
	}
	return err
}

// spill writes every listing in memory to a new segment.
func (s *spool) spill() error {
	f, err := os.CreateTemp(s.dir, "jobstats-spool-*.jsonl")
	if err != nil {
		return fmt.Errorf("spill fetched listings to disk: %w", err)
	}
	// Unlinked at once where the system allows it, so that a crash
	// leaves no file behind; the open file stays readable.
	seg := &segment{f: f, left: len(s.mem), remove: os.Remove(f.Name()) != nil}
	bw := bufio.NewWriterSize(f, 1<<16)
	enc := json.NewEncoder(bw)
	for i := range s.mem {
		if err = enc.Encode(&s.mem[i]); err != nil {
			break
		}
	}
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		_, err = f.Seek(0, io.SeekStart)
	}
	if err != nil {
		seg.close()
		return fmt.Errorf("spill fetched listings to %s: %w", f.Name(), err)
	}
	seg.r = json.NewDecoder(bufio.NewReaderSize(f, 1<<16))
	s.segs = append(s.segs, seg)
	s.spilled += len(s.mem)
	s.mem, s.memBytes = nil, 0
	return nil
}

// take removes and returns up to max of the oldest queued listings.
func (s *spool) take(max int) ([]jobstats.Listing, error) {
	if len(s.segs) > 0 {
		seg := s.segs[0]
		out := make([]jobstats.Listing, 0, min(max, seg.left))
		for len(out) < max && seg.left > 0 {
			var l jobstats.Listing
			if err := seg.r.Decode(&l); err != nil {
				return nil, fmt.Errorf("read spilled listings back from %s: %w", seg.f.Name(), err)
			}
			out = append(out, l)
			seg.left--
		}
		if seg.left == 0 {
			seg.close()
			s.segs = s.segs[1:]
		}
		s.n -= len(out)
		return out, nil
	}
	k := min(max, len(s.mem))
	out := s.mem[:k:k]
	for i := range out {
		s.memBytes -= size(&out[i])
	}
	s.mem = s.mem[k:]
	if len(s.mem) == 0 {
		s.mem, s.memBytes = nil, 0
	}
	s.n -= k
	return out, nil
}

// close drops what is queued and removes the spill files.
func (s *spool) close() error {
	var errs []error
	for _, seg := range s.segs {
		errs = append(errs, seg.close())
	}
	s.segs, s.mem, s.memBytes, s.n = nil, nil, 0, 0
	return errors.Join(errs...)
}

func (seg *segment) close() error {
	err := seg.f.Close()
	if seg.remove {
		if rerr := os.Remove(seg.f.Name()); err == nil {
			err = rerr
		}
	}
	return err
}

// size estimates the memory a listing holds, in bytes.
func size(l *jobstats.Listing) int64 {
	n := 512 + len(l.ID) + len(l.Source) + len(l.SourceID) + len(l.URL) + len(l.Title) + len(l.Company) +
		len(l.Location) + len(l.Description) + len(l.SalaryText) + len(l.DegreeText) + len(l.Role) +
		len(l.EmploymentType) + len(l.Country) + len(l.Region) + len(l.City) + len(l.RemoteScope)
	for _, ss := range [][]string{l.Sources, l.Skills, l.Certifications} {
		for _, s := range ss {
			n += 16 + len(s)
		}
	}
	return int64(n)
}
