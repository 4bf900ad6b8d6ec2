//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package storage

import (
	"io"
	"os"
)

// mapFile reads the first n bytes of f: without a portable mmap, the file
// is read into memory.
func mapFile(f *os.File, n int64) (data []byte, unmap func(), err error) {
	data = make([]byte, n)
	if _, err := f.ReadAt(data, 0); err != nil && err != io.EOF {
		return nil, nil, err
	}
	return data, func() {}, nil
}
