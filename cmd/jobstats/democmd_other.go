//go:build !unix

package main

import "os"

// ownDirectory reports whether dir is a directory (not a link).
func ownDirectory(dir string) bool {
	fi, err := os.Lstat(dir)
	return err == nil && fi.IsDir()
}
