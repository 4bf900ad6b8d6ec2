//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package storage

import (
	"errors"
	"os"
	"syscall"
)

const (
	flockSupported = true

	lockShared    = syscall.LOCK_SH
	lockExclusive = syscall.LOCK_EX
	lockNoWait    = syscall.LOCK_NB
	lockRelease   = syscall.LOCK_UN
)

func flock(f *os.File, how int) error { return syscall.Flock(int(f.Fd()), how) }

// busy reports whether a flock error means that another holds the lock
// (or that the call was interrupted): worth trying again.
func busy(err error) bool {
	return errors.Is(err, syscall.EWOULDBLOCK) || errors.Is(err, syscall.EINTR)
}
