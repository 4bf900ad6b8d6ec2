package storage

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"strconv"
)

// The layout of a bbolt file (go.etcd.io/bbolt v1.5, format version 2),
// read here without bbolt. bbolt trusts its file: it panics on a page whose
// header is wrong, runs past the end of a page on a bad element, faults on
// a page past the end of a truncated file, and loops forever on a page that
// points to its own ancestor. Some of those reads happen in goroutines of
// its own, where no recover can reach them. So Open reads the meta pages
// and walks every page bbolt may read before bbolt does, bounds-checking
// each step, and refuses the file with an *InvalidError at the first
// problem. TestVerifyMatchesBbolt keeps these constants honest.
const (
	boltMagic      = 0xED0CDAED
	boltVersion    = 2
	pageHeaderSize = 16 // id uint64, flags uint16, count uint16, overflow uint32
	elemSize       = 16 // branch: pos, ksize uint32, pgid uint64; leaf: flags, pos, ksize, vsize uint32
	metaOffset     = pageHeaderSize
	metaSize       = 64 // magic, version, pageSize, flags uint32; root, sequence, freelist, pgid, txid, checksum uint64
	bucketHeader   = 16 // root pgid uint64, sequence uint64

	flagBranch   = 0x01
	flagLeaf     = 0x02
	flagMeta     = 0x04
	flagFreelist = 0x10

	elemBucket = 0x01 // leaf element flag: the value is a bucket

	noFreelist = ^uint64(0)

	// maxDepth bounds the levels of one bucket's B-tree and the nesting of
	// buckets; real files have a handful of each.
	maxDepth = 64
	// maxProblems bounds the problems one walk collects.
	maxProblems = 50
)

// ne is the byte order of bbolt files: the machine's own.
var ne = binary.NativeEndian

// boltMeta is one of the two meta pages.
type boltMeta struct {
	magic, version, pageSize, flags      uint32
	root, sequence, freelist, pgid, txid uint64
	checksum                             uint64
	sum                                  uint64 // computed over the fields before checksum
}

// parseMeta reads a meta from the 64 bytes after a meta page's header.
func parseMeta(b []byte) boltMeta {
	h := fnv.New64a()
	h.Write(b[:56])
	return boltMeta{
		magic: ne.Uint32(b[0:]), version: ne.Uint32(b[4:]), pageSize: ne.Uint32(b[8:]), flags: ne.Uint32(b[12:]),
		root: ne.Uint64(b[16:]), sequence: ne.Uint64(b[24:]), freelist: ne.Uint64(b[32:]), pgid: ne.Uint64(b[40:]),
		txid: ne.Uint64(b[48:]), checksum: ne.Uint64(b[56:]), sum: h.Sum64(),
	}
}

// valid reports whether bbolt would accept the meta.
func (m boltMeta) valid() bool {
	return m.magic == boltMagic && m.version == boltVersion && m.checksum == m.sum
}

// fileHeader is what the meta pages say about a file.
type fileHeader struct {
	size     int64 // of the file
	pageSize int
	meta     boltMeta // the one bbolt uses
	// badMeta says which meta page fails its checksum, when bbolt reads
	// the file through the other one; "" when both are sound. Check
	// reports it; Open does not refuse such a file, which bbolt reads
	// well and whose next write rewrites that page.
	badMeta string
}

// readMeta reads the meta page at off, or reports that it cannot.
func readMeta(r io.ReaderAt, off int64) (boltMeta, bool) {
	var b [metaOffset + metaSize]byte
	if _, err := r.ReadAt(b[:], off); err != nil {
		return boltMeta{}, false
	}
	return parseMeta(b[metaOffset:]), true
}

// inspect reads the meta pages of a file of the given size as bbolt.Open
// does (the page size from the first valid meta, the newest valid meta),
// and checks that the pages the meta counts are all in the file. It
// returns an *InvalidError, or a plain error when the file cannot be read.
func inspect(path string, r io.ReaderAt, size int64) (fileHeader, error) {
	h := fileHeader{size: size}
	bad := func(damaged bool, format string, args ...any) (fileHeader, error) {
		return h, &InvalidError{Path: path, Damaged: damaged, Reason: fmt.Sprintf(format, args...)}
	}
	if size == 0 {
		return bad(false, "empty file")
	}
	// The page size: from the first meta, else from the second one,
	// looked for at every power of two as bbolt does.
	m0, ok0 := readMeta(r, 0)
	var seen []boltMeta // every meta found, for the diagnosis
	if ok0 {
		seen = append(seen, m0)
	}
	if ok0 && m0.valid() {
		h.pageSize = int(m0.pageSize)
	} else {
		for i := 0; i <= 14 && h.pageSize == 0; i++ {
			pos := int64(1024) << i
			if pos >= size-1024 {
				break
			}
			if m, ok := readMeta(r, pos); ok {
				seen = append(seen, m)
				if m.valid() {
					h.pageSize = int(m.pageSize)
				}
			}
		}
	}
	if h.pageSize == 0 {
		for _, m := range seen {
			if m.magic == boltMagic && m.version != boltVersion {
				return bad(false, "a bbolt file of format version %d, not %d", m.version, boltVersion)
			}
		}
		for _, m := range seen {
			if m.magic == boltMagic {
				return bad(true, "both meta pages fail their checksum")
			}
		}
		if size < 2*1024 {
			return bad(false, "%d bytes, too small for a database", size)
		}
		return bad(false, "no bbolt header")
	}
	if h.pageSize < 512 || h.pageSize > 1<<24 || h.pageSize&(h.pageSize-1) != 0 {
		return bad(true, "page size %d", h.pageSize)
	}
	if size < 2*int64(h.pageSize) {
		return bad(true, "truncated to %d bytes, less than its two meta pages", size)
	}
	m0, ok0 = readMeta(r, 0)
	m1, ok1 := readMeta(r, int64(h.pageSize))
	if !ok0 || !ok1 {
		return bad(true, "meta pages unreadable")
	}
	// As bbolt's DB.meta: the meta with the higher txid if valid, else
	// the other.
	a, b := m0, m1
	if m1.txid > m0.txid {
		a, b = m1, m0
	}
	switch {
	case a.valid():
		h.meta = a
	case b.valid():
		h.meta = b
	default:
		return bad(true, "both meta pages fail their checksum")
	}
	for i, m := range []boltMeta{m0, m1} {
		if !m.valid() {
			// Its txid cannot be trusted: it may have been the newer.
			h.badMeta = fmt.Sprintf("meta page %d fails its checksum: the file is read through the other one (transaction %d), and the last write may be lost",
				i, h.meta.txid)
		}
	}
	m := h.meta
	if m.pgid < 3 || m.pgid > uint64(1<<62)/uint64(h.pageSize) {
		return bad(true, "meta page counts %d pages", m.pgid)
	}
	if need := int64(m.pgid) * int64(h.pageSize); size < need {
		return bad(true, "truncated: %d bytes, but its pages need %d", size, need)
	}
	if m.root < 2 || m.root >= m.pgid {
		return bad(true, "root page %d outside pages 2-%d", m.root, m.pgid-1)
	}
	if m.freelist != noFreelist && (m.freelist < 2 || m.freelist >= m.pgid) {
		return bad(true, "freelist page %d outside pages 2-%d", m.freelist, m.pgid-1)
	}
	return h, nil
}

// walker checks every page reachable from a meta's root bucket (and the
// freelist page, when the file keeps one), reading only within the file's
// bytes, so that what bbolt will read is known to be within bounds, of the
// right type, referenced once and, with keys set, in key order.
type walker struct {
	data     []byte // the file's first pgid pages
	pageSize uint64
	pgid     uint64   // the high-water mark: pages 0..pgid-1 exist
	seen     []uint64 // bitset of the pages reached
	keys     bool     // check key order as bbolt's Tx.Check does
	problems []string
	pages    int // pages reached
	// only, when not nil, names the top-level buckets to walk: the trees
	// of the others are left out (a reader that reads only those).
	only map[string]bool
	// shallow names the top-level buckets whose leaf pages the walk only
	// marks, without reading them: a reader that checks every record of
	// them itself as it reads them (the facts, see leaves.go). Their
	// branch pages are walked; their leaves are those at the depth of the
	// leftmost leaf, as in every B+tree.
	shallow map[string]bool
	// leafDepth is the depth of the leaves of the shallow bucket being
	// walked, -1 for none.
	leafDepth int
}

// dropEvery is how many pages the walker reads between two drops of the
// mapping's memory (dropMapped): 32 MiB of 16 KiB pages.
const dropEvery = 2048

// newWalker walks data, the first h.meta.pgid pages of a file.
func newWalker(data []byte, h fileHeader, keys bool) *walker {
	return &walker{data: data, pageSize: uint64(h.pageSize), pgid: h.meta.pgid,
		seen: make([]uint64, (h.meta.pgid+63)/64), keys: keys, leafDepth: -1}
}

// problem records a problem; it reports false once too many are recorded.
func (w *walker) problem(format string, args ...any) bool {
	if len(w.problems) < maxProblems {
		w.problems = append(w.problems, fmt.Sprintf(format, args...))
	}
	return len(w.problems) < maxProblems
}

// walk checks the tree of the root bucket and the freelist page of m.
func (w *walker) walk(m boltMeta) {
	w.mark(0, 0)
	w.mark(1, 0)
	w.tree("root", m.root, nil, nil, 0, 0)
	if m.freelist != noFreelist {
		w.freelist(m.freelist)
	}
}

// mark records pages id..id+overflow as reached and reports whether none
// was reached before.
func (w *walker) mark(id uint64, overflow uint32) bool {
	for p := id; p <= id+uint64(overflow); p++ {
		if w.seen[p/64]&(1<<(p%64)) != 0 {
			return false
		}
	}
	for p := id; p <= id+uint64(overflow); p++ {
		w.seen[p/64] |= 1 << (p % 64)
	}
	if w.pages++; w.pages%dropEvery == 0 {
		dropMapped(w.data)
	}
	return true
}

// page returns the bytes of page id with its overflow pages, checking
// its header; ok is false (and a problem recorded) when it cannot be used.
func (w *walker) page(bucket string, id uint64) (b []byte, flags, count uint16, ok bool) {
	if id < 2 || id >= w.pgid {
		w.problem("%s: page %d outside pages 2-%d", bucket, id, w.pgid-1)
		return nil, 0, 0, false
	}
	off := id * w.pageSize
	hdr := w.data[off : off+pageHeaderSize]
	if self := ne.Uint64(hdr); self != id {
		w.problem("%s: page %d identifies as page %d", bucket, id, self)
		return nil, 0, 0, false
	}
	flags, count = ne.Uint16(hdr[8:]), ne.Uint16(hdr[10:])
	overflow := ne.Uint32(hdr[12:])
	if id+uint64(overflow) >= w.pgid {
		w.problem("%s: page %d runs %d pages past the last page %d", bucket, id, overflow, w.pgid-1)
		return nil, 0, 0, false
	}
	if !w.mark(id, overflow) {
		w.problem("%s: page %d is referenced more than once", bucket, id)
		return nil, 0, 0, false
	}
	return w.data[off : off+(1+uint64(overflow))*w.pageSize], flags, count, true
}

// tree checks the B-tree page id of a bucket: every key within [min, max)
// when keys is set. It returns the greatest key of the subtree.
func (w *walker) tree(bucket string, id uint64, min, max []byte, level, nesting int) []byte {
	if level > maxDepth {
		w.problem("%s: page %d is more than %d levels deep", bucket, id, maxDepth)
		return nil
	}
	if level == w.leafDepth {
		// A leaf of a shallow bucket: in range and reached once.
		if id < 2 || id >= w.pgid {
			w.problem("%s: page %d outside pages 2-%d", bucket, id, w.pgid-1)
		} else if !w.mark(id, 0) {
			w.problem("%s: page %d is referenced more than once", bucket, id)
		}
		return nil
	}
	p, flags, count, ok := w.page(bucket, id)
	if !ok {
		return nil
	}
	switch flags {
	case flagBranch:
		if count == 0 {
			w.problem("%s: branch page %d has no elements", bucket, id)
			return nil
		}
	case flagLeaf:
	default:
		w.problem("%s: page %d has type %#x, want branch or leaf", bucket, id, flags)
		return nil
	}
	return w.elements(bucket, id, p, flags, count, min, max, level, nesting)
}

// elements checks the elements of a branch or leaf page p (a page of the
// file, or an inline bucket's page), recursing into children and buckets.
func (w *walker) elements(bucket string, id uint64, p []byte, flags, count uint16, min, max []byte, level, nesting int) []byte {
	where := func() string {
		if id == 0 {
			return "inline page"
		}
		return "page " + strconv.FormatUint(id, 10)
	}
	if pageHeaderSize+uint64(count)*elemSize > uint64(len(p)) {
		w.problem("%s: %s: %d elements do not fit in %d bytes", bucket, where(), count, len(p))
		return nil
	}
	if flags == flagBranch {
		w.populate(p, count)
	}
	prev, greatest := min, []byte(nil)
	for i := 0; i < int(count); i++ {
		at := pageHeaderSize + uint64(i)*elemSize
		e := p[at : at+elemSize]
		var eflags uint32
		var pos, ksize, vsize uint64
		var child uint64
		if flags == flagBranch {
			pos, ksize, child = uint64(ne.Uint32(e[0:])), uint64(ne.Uint32(e[4:])), ne.Uint64(e[8:])
		} else {
			eflags = ne.Uint32(e[0:])
			pos, ksize, vsize = uint64(ne.Uint32(e[4:])), uint64(ne.Uint32(e[8:])), uint64(ne.Uint32(e[12:]))
		}
		start := at + pos
		if start+ksize+vsize > uint64(len(p)) {
			w.problem("%s: %s: element %d lies past the end of the page", bucket, where(), i)
			return nil
		}
		if ksize == 0 {
			w.problem("%s: %s: element %d has an empty key", bucket, where(), i)
			return nil
		}
		key := p[start : start+ksize]
		if w.keys {
			if (i == 0 && prev != nil && bytes.Compare(prev, key) > 0) || (i > 0 && bytes.Compare(prev, key) >= 0) ||
				(max != nil && bytes.Compare(key, max) >= 0) {
				if !w.problem("%s: %s: key %d (%s) out of order", bucket, where(), i, keyString(key)) {
					return nil
				}
			}
		}
		if flags == flagBranch {
			var next []byte
			if i+1 < int(count) {
				nx := p[at+elemSize : at+2*elemSize]
				npos, nksize := uint64(ne.Uint32(nx[0:])), uint64(ne.Uint32(nx[4:]))
				if s := at + elemSize + npos; s+nksize <= uint64(len(p)) {
					next = p[s : s+nksize]
				}
			} else {
				next = max
			}
			greatest = w.tree(bucket, child, key, next, level+1, nesting)
			prev = greatest
			if prev == nil {
				prev = key
			}
			continue
		}
		prev, greatest = key, key
		switch {
		case eflags == 0:
		case eflags == elemBucket:
			w.bucket(bucket, key, p[start+ksize:start+ksize+vsize], nesting+1)
		default:
			w.problem("%s: %s: element %d has flags %#x", bucket, where(), i, eflags)
		}
	}
	return greatest
}

// populate maps the children of branch page p (their first pages) before
// the walk reads them, a run of pages that follow each other in the file
// at a time (see populate).
func (w *walker) populate(p []byte, count uint16) {
	runs := pageRuns{populate: func(from, to uint64) {
		populate(w.data[from*w.pageSize : to*w.pageSize])
	}}
	for i := range uint64(count) {
		child := ne.Uint64(p[pageHeaderSize+i*elemSize+8:])
		if child < 2 || child >= w.pgid {
			continue // the walk reports it
		}
		runs.add(child, 1)
	}
	runs.flush()
}

// depth returns the depth of the leftmost leaf under page id, read without
// marking; -1 when the path down is not sound (the walk then reads every
// page, and reports what is wrong).
func (w *walker) depth(id uint64) int {
	for d := 0; d <= maxDepth; d++ {
		if id < 2 || id >= w.pgid {
			return -1
		}
		hdr := w.data[id*w.pageSize : id*w.pageSize+pageHeaderSize+elemSize]
		if ne.Uint64(hdr) != id {
			return -1
		}
		switch ne.Uint16(hdr[8:]) {
		case flagLeaf:
			return d
		case flagBranch:
			if ne.Uint16(hdr[10:]) == 0 {
				return -1
			}
			id = ne.Uint64(hdr[pageHeaderSize+8:])
		default:
			return -1
		}
	}
	return -1
}

// bucket checks the bucket stored as value v under key in parent.
func (w *walker) bucket(parent string, key, v []byte, nesting int) {
	name := string(key)
	if parent != "root" {
		name = parent + "/" + name
	} else if w.only != nil && !w.only[name] {
		return
	}
	if nesting > maxDepth {
		w.problem("%s: buckets nested more than %d deep", name, maxDepth)
		return
	}
	if len(v) < bucketHeader {
		w.problem("%s: bucket header of %d bytes", name, len(v))
		return
	}
	root := ne.Uint64(v)
	if root != 0 {
		if w.shallow[name] && nesting == 1 {
			w.leafDepth = w.depth(root)
			defer func() { w.leafDepth = -1 }()
		}
		w.tree(name, root, nil, nil, 0, nesting)
		return
	}
	// An inline bucket: a leaf page inside the value.
	p := v[bucketHeader:]
	if len(p) < pageHeaderSize {
		w.problem("%s: inline bucket of %d bytes", name, len(p))
		return
	}
	// Anything but a leaf would send bbolt's cursor down to "page 0",
	// which for an inline bucket is the same page again, for ever.
	flags, count := ne.Uint16(p[8:]), ne.Uint16(p[10:])
	if flags != flagLeaf {
		w.problem("%s: inline page has type %#x, want leaf", name, flags)
		return
	}
	w.elements(name, 0, p, flagLeaf, count, nil, nil, 0, nesting)
}

// freelist checks the freelist page of a file that keeps one: in range,
// of its type, listing pages that exist, are sorted, and are not in use.
func (w *walker) freelist(id uint64) {
	p, flags, count, ok := w.page("freelist", id)
	if !ok {
		return
	}
	if flags != flagFreelist {
		w.problem("freelist: page %d has type %#x", id, flags)
		return
	}
	body := p[pageHeaderSize:]
	n, first := uint64(count), uint64(0)
	if count == 0xFFFF {
		if len(body) < 8 {
			w.problem("freelist: page %d too short", id)
			return
		}
		n, first = ne.Uint64(body), 1
	}
	if n > uint64(len(body))/8 || first+n > uint64(len(body))/8 {
		w.problem("freelist: page %d: %d ids do not fit", id, n)
		return
	}
	var last uint64
	for i := first; i < first+n; i++ {
		free := ne.Uint64(body[i*8:])
		switch {
		case free < 2 || free >= w.pgid:
			w.problem("freelist: free page %d outside pages 2-%d", free, w.pgid-1)
			return
		case i > first && free <= last:
			w.problem("freelist: free pages not sorted at %d", free)
			return
		case w.seen[free/64]&(1<<(free%64)) != 0:
			w.problem("freelist: page %d is both free and in use", free)
			return
		}
		last = free
	}
}

// verifyFile checks the file open as f: the meta pages, its size against
// them, and every page bbolt may read (with key order when keys is set),
// or, when only is not nil, the pages of the top-level buckets it names
// (and the root's); of the top-level buckets shallow names, only the
// branch pages are read (see walker.shallow). It returns an *InvalidError for a damaged or foreign
// file, another error when the file cannot be read.
func verifyFile(path string, f *os.File, keys bool, only, shallow []string) (fileHeader, error) {
	fi, err := f.Stat()
	if err != nil {
		return fileHeader{}, err
	}
	h, err := inspect(path, f, fi.Size())
	if err != nil {
		return h, err
	}
	n := int64(h.meta.pgid) * int64(h.pageSize)
	data, unmap, err := mapFile(f, n)
	if err != nil {
		return h, fmt.Errorf("map %s: %w", path, err)
	}
	defer unmap()
	var problems []string
	// The file may shrink under the walk (another program truncating
	// it): a fault reading the mapping becomes a problem, not a crash.
	err = guardFault(func() {
		w := newWalker(data, h, keys)
		if only != nil {
			w.only = make(map[string]bool)
			for _, b := range only {
				w.only[b] = true
			}
		}
		if shallow != nil {
			w.shallow = make(map[string]bool)
			for _, b := range shallow {
				w.shallow[b] = true
			}
		}
		w.walk(h.meta)
		problems = w.problems
	})
	if err != nil {
		problems = append(problems, err.Error())
	}
	if len(problems) > 0 {
		return h, &InvalidError{Path: path, Damaged: true, Reason: problems[0], Problems: problems}
	}
	return h, nil
}

// keyString returns a key for a message: as it is when it is short,
// printable text (as every key jobstats writes is), else quoted and cut
// to 60 bytes, since a key read from a damaged page may be anything.
func keyString(k []byte) string {
	const max = 60
	if len(k) <= max {
		plain := true
		for _, c := range k {
			if c < 0x21 || c > 0x7e {
				plain = false
				break
			}
		}
		if plain {
			return string(k)
		}
		return strconv.Quote(string(k))
	}
	return strconv.Quote(string(k[:max])) + "..."
}
