//go:build unix

package main

import (
	"os"
	"syscall"
)

// ownDirectory reports whether dir is a directory (not a link) that this
// user owns and that no one else may write to.
func ownDirectory(dir string) bool {
	fi, err := os.Lstat(dir)
	if err != nil || !fi.IsDir() || fi.Mode().Perm()&0o022 != 0 {
		return false
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	return ok && int(st.Uid) == os.Getuid()
}
