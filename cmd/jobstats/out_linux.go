package main

import (
	"errors"
	"io/fs"
	"os"
	"strconv"

	"golang.org/x/sys/unix"
)

// createUnnamed opens an unnamed file in dir (O_TMPFILE) that is linked
// into dir only by linkUnnamed, and reports false where the kernel or the
// file system cannot.
func createUnnamed(dir string, mode os.FileMode) (*os.File, bool) {
	if dir == "" {
		dir = "."
	}
	f, err := os.OpenFile(dir, os.O_RDWR|unix.O_TMPFILE, mode)
	if err != nil {
		return nil, false
	}
	return f, true
}

// linkUnnamed gives the unnamed file f the name name; it fails with an
// error matching fs.ErrExist when name exists.
func linkUnnamed(f *os.File, name string) error {
	err := unix.Linkat(unix.AT_FDCWD, "/proc/self/fd/"+strconv.Itoa(int(f.Fd())), unix.AT_FDCWD, name, unix.AT_SYMLINK_FOLLOW)
	if errors.Is(err, unix.EEXIST) {
		return fs.ErrExist
	}
	if err != nil {
		return &os.LinkError{Op: "link", Old: f.Name(), New: name, Err: err}
	}
	return nil
}
