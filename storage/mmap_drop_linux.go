package storage

import "syscall"

// dropMapped gives back the memory pages of data, a read-only shared
// mapping of a file (see mapFile): touched again, they are read again from
// the page cache. The walk of verifyFile calls it as it goes, so that
// checking a file does not make the process as large as the file.
func dropMapped(data []byte) {
	if len(data) > 0 {
		_ = syscall.Madvise(data, syscall.MADV_DONTNEED) // an error only means the memory stays
	}
}
