//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package storage

import (
	"errors"
	"os"
)

// Without flock there is no turnstile: writers rely on bbolt's own lock
// alone, and a steady stream of readers can keep them waiting.
const (
	flockSupported = false

	lockShared    = 1
	lockExclusive = 2
	lockNoWait    = 4
	lockRelease   = 8
)

func flock(f *os.File, how int) error { return errors.ErrUnsupported }

func busy(err error) bool { return false }
