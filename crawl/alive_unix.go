//go:build unix && !linux

package crawl

import (
	"errors"
	"syscall"
	"time"
)

// processAlive reports whether a process pid exists (signal 0 reaches it,
// or it exists but belongs to another user). It cannot tell a pid taken
// over by a later process.
func processAlive(pid int, _ time.Time) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
