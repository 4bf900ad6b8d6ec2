package storage

import (
	"syscall"
	"unsafe"

	"go.etcd.io/bbolt"
	"golang.org/x/sys/unix"
)

// releaser gives the operating system back the memory pages of the file
// that a read transaction's scan is done with. bbolt maps the file into
// memory read-only and shared, and a scan touches every page of a bucket
// (and a page fault maps the 64 KiB around each, pages of other buckets
// included): without this, the process's resident memory grows by about
// the size of the file. Dropping pages of a read-only shared file mapping
// loses nothing (a page touched again is read again from the page cache),
// so every releaseEvery pages of scan the span of the file they lie in
// (with the 64 KiB around it) is dropped, in one system call: the few
// pages still in use come back at the cost of a page fault each. Only values inside the mapping count: in a write
// transaction values may live in Go's heap, so a releaser serves read
// transactions only.
type releaser struct {
	lo, hi   uintptr // the mapped file: [lo, hi)
	base     unsafe.Pointer
	pageSize int
	page     uintptr // the page of the last value seen
	pages    int     // pages seen since the last drop
	// from and to bound the offsets of the pages seen since the last drop.
	from, to uintptr
}

// releaseEvery is how many pages of scan a releaser lets pass between
// drops: 4 MiB of 16 KiB pages.
const releaseEvery = 256

// faultAround is the span a page fault maps, aligned (Linux's default
// fault_around_bytes).
const faultAround = 64 << 10

func newReleaser(db *bbolt.DB, tx *bbolt.Tx) *releaser {
	if tx.Writable() {
		return &releaser{}
	}
	info := db.Info()
	return &releaser{lo: info.Data, hi: info.Data + uintptr(tx.Size()), pageSize: info.PageSize}
}

// saw tells the releaser the scan reads v now.
func (r *releaser) saw(v []byte) {
	if r.pageSize == 0 || len(v) == 0 {
		return
	}
	p := unsafe.Pointer(unsafe.SliceData(v))
	addr := uintptr(p)
	if addr < r.lo || addr >= r.hi {
		return
	}
	if r.base == nil {
		r.base = unsafe.Add(p, -int(addr-r.lo))
	}
	off := addr - r.lo
	if page := off / uintptr(r.pageSize); page != r.page {
		r.page = page
		if r.pages == 0 {
			r.from, r.to = off, off
		}
		r.from, r.to = min(r.from, off), max(r.to, off)
		if r.pages++; r.pages >= releaseEvery {
			r.done()
		}
	}
}

// done drops the span of the pages seen since the last drop.
func (r *releaser) done() {
	if r.base == nil || r.pages == 0 {
		return
	}
	r.pages = 0
	from := r.from &^ (faultAround - 1)
	to := min((r.to+uintptr(r.pageSize)+faultAround-1)&^(faultAround-1), r.hi-r.lo)
	// An error (an old kernel) only means the memory stays.
	_ = syscall.Madvise(unsafe.Slice((*byte)(unsafe.Add(r.base, from)), int(to-from)), syscall.MADV_DONTNEED)
}

// populate maps the pages of b, a span of the file's mapping, in one
// system call (MADV_POPULATE_READ, Linux 5.14), instead of a page fault
// every few pages as a scan reaches them; on an older kernel it does
// nothing, and the faults map them as before.
func populate(b []byte) {
	if len(b) > 0 {
		_ = unix.Madvise(b, unix.MADV_POPULATE_READ)
	}
}
