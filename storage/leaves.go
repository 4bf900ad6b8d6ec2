package storage

import (
	"fmt"
	"unsafe"

	"go.etcd.io/bbolt"
)

// A scan of the facts reads the leaf pages of their bucket straight from
// the file's mapping, on every core, rather than through a bbolt cursor
// (one per goroutine, each stepping from key to key): the pages are found
// by a descent of the bucket's branch pages, and each goroutine reads the
// records of the leaves it is given. The pages were walked before (a
// reader's walk of what it reads, a writer's walk at Open, see verify.go),
// and every read here is bounds-checked on top, in a transaction's guard:
// a bad page is an error, never a crash.

// leaf is one leaf page of a bucket: its id, then (once loaded) its bytes
// with its overflow pages and the number of its records; or, for a bucket
// read by cursor, its records.
type leaf struct {
	id    uint64
	page  []byte
	count int
	kvs   [][2][]byte // read by cursor: the records
}

// mapping is the file's memory, as a read transaction sees it.
type mapping struct {
	base      unsafe.Pointer
	pageSize  uint64
	pages     uint64 // the transaction's high-water mark
	forCursor bool   // the leaves were read with a cursor
}

// page returns the bytes of page id with its overflow pages.
func (m *mapping) page(id uint64) ([]byte, error) {
	if id < 2 || id >= m.pages {
		return nil, fmt.Errorf("%w: facts: page %d outside pages 2-%d", errRecord, id, m.pages-1)
	}
	hdr := unsafe.Slice((*byte)(unsafe.Add(m.base, id*m.pageSize)), pageHeaderSize)
	overflow := uint64(ne.Uint32(hdr[12:]))
	if ne.Uint64(hdr) != id || id+overflow >= m.pages {
		return nil, fmt.Errorf("%w: facts: page %d is not what its parent says", errRecord, id)
	}
	return unsafe.Slice((*byte)(unsafe.Add(m.base, id*m.pageSize)), (1+overflow)*m.pageSize), nil
}

// load reads the header of leaf l, a page of the mapping.
func (m *mapping) load(l *leaf) error {
	if m.forCursor {
		return nil
	}
	p, err := m.page(l.id)
	if err != nil {
		return err
	}
	flags, count := ne.Uint16(p[8:]), int(ne.Uint16(p[10:]))
	if flags != flagLeaf {
		return fmt.Errorf("%w: facts: page %d has type %#x, want leaf", errRecord, l.id, flags)
	}
	if pageHeaderSize+count*elemSize > len(p) {
		return fmt.Errorf("%w: facts: page %d: %d elements do not fit", errRecord, l.id, count)
	}
	l.page, l.count = p, count
	return nil
}

// leaves returns the leaf pages of b, in key order, to be loaded (see
// mapping.load) before they are read. Only branch pages are read: every
// leaf of a B+tree is at the same depth, which the leftmost path down
// gives, and a page found where a leaf should be and that is not one is
// refused when loaded. A bucket with no page of its own (an inline
// bucket, inside its parent's page) is read with a cursor into one leaf of
// records, loaded. b must be of tx, a read transaction; the pages live as
// long as tx.
func leaves(tx *bbolt.Tx, b *bbolt.Bucket) (*mapping, []leaf, error) {
	root := uint64(b.Root())
	k, v := b.Cursor().First()
	if k == nil {
		return &mapping{forCursor: true}, nil, nil
	}
	if root == 0 || tx.Writable() || v == nil {
		return byCursor(b)
	}
	// The mapping: from a value of the bucket, which lies in it.
	ps := uint64(tx.DB().Info().PageSize)
	lo := tx.DB().Info().Data
	addr := uintptr(unsafe.Pointer(unsafe.SliceData(v)))
	if addr < lo || addr >= lo+uintptr(tx.Size()) {
		return byCursor(b)
	}
	m := &mapping{base: unsafe.Add(unsafe.Pointer(unsafe.SliceData(v)), -int(addr-lo)), pageSize: ps, pages: uint64(tx.Size()) / ps}
	// The depth of the leaves, from the leftmost path.
	depth := 0
	for id := root; ; depth++ {
		p, err := m.page(id)
		if err != nil {
			return nil, nil, err
		}
		if ne.Uint16(p[8:]) != flagBranch || depth > maxDepth {
			break
		}
		if ne.Uint16(p[10:]) == 0 {
			return nil, nil, fmt.Errorf("%w: facts: branch page %d has no elements", errRecord, id)
		}
		id = ne.Uint64(p[pageHeaderSize+8:])
	}
	var out []leaf
	var walk func(id uint64, level int) error
	walk = func(id uint64, level int) error {
		if level == depth {
			out = append(out, leaf{id: id})
			return nil
		}
		p, err := m.page(id)
		if err != nil {
			return err
		}
		flags, count := ne.Uint16(p[8:]), int(ne.Uint16(p[10:]))
		if flags != flagBranch || count == 0 || pageHeaderSize+count*elemSize > len(p) {
			return fmt.Errorf("%w: facts: page %d is not a branch of %d elements", errRecord, id, count)
		}
		for i := range count {
			e := p[pageHeaderSize+i*elemSize:]
			if err := walk(ne.Uint64(e[8:]), level+1); err != nil {
				return err
			}
		}
		return nil
	}
	if err := walk(root, 0); err != nil {
		return nil, nil, err
	}
	return m, out, nil
}

// populate maps the pages of leaves (their first pages, for leaves not
// loaded yet) ahead of a scan of them, in one system call per run of
// pages that follow each other in the file (see populate).
func (m *mapping) populate(leaves []leaf) {
	if m.forCursor {
		return
	}
	runs := pageRuns{populate: func(from, to uint64) {
		populate(unsafe.Slice((*byte)(unsafe.Add(m.base, from*m.pageSize)), (to-from)*m.pageSize))
	}}
	for i := range leaves {
		l := &leaves[i]
		n := max(uint64(len(l.page))/m.pageSize, 1)
		if l.id < 2 || l.id+n > m.pages {
			continue
		}
		runs.add(l.id, n)
	}
	runs.flush()
}

// pageRuns gathers spans of pages, given in file order, into runs of
// pages that follow each other in the file, and populates each run with
// one call: the pages [from, to).
type pageRuns struct {
	from, to uint64
	populate func(from, to uint64)
}

// add adds the n pages from id, populating the run before when they do
// not continue it.
func (r *pageRuns) add(id, n uint64) {
	if id != r.to {
		r.flush()
		r.from = id
	}
	r.to = id + n
}

// flush populates the run gathered, if any, and starts a new one.
func (r *pageRuns) flush() {
	if r.to > r.from {
		r.populate(r.from, r.to)
	}
	r.from = r.to
}

// byCursor returns the records of b as one leaf, read with a cursor.
func byCursor(b *bbolt.Bucket) (*mapping, []leaf, error) {
	var l leaf
	c := b.Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		l.kvs = append(l.kvs, [2][]byte{k, v})
	}
	l.count = len(l.kvs)
	return &mapping{forCursor: true}, []leaf{l}, nil
}

// record returns the key and value of record i of l, and whether it is a
// plain record (not a nested bucket); it panics on an element that lies
// outside the page, which the scan's guard turns into an error.
func (l *leaf) record(i int) (k, v []byte, plain bool) {
	if l.kvs != nil {
		kv := l.kvs[i]
		return kv[0], kv[1], kv[1] != nil
	}
	at := pageHeaderSize + i*elemSize
	e := l.page[at : at+elemSize]
	flags := ne.Uint32(e)
	start := at + int(ne.Uint32(e[4:]))
	ksize, vsize := int(ne.Uint32(e[8:])), int(ne.Uint32(e[12:]))
	k = l.page[start : start+ksize]
	v = l.page[start+ksize : start+ksize+vsize]
	return k, v, flags == 0
}
