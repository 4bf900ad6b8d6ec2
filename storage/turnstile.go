package storage

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"time"
)

// lockSuffix names the turnstile file beside a database: PATH.lock.
const lockSuffix = ".lock"

// lockPoll is how often a waiting Open retries a lock held by another
// process.
const lockPoll = 10 * time.Millisecond

// errLockTimeout is returned by turnstile.wait when the deadline passes.
var errLockTimeout = errors.New("lock timeout")

// turnstile is the lock file beside a database that gives writers
// preference over readers (see the package documentation): a writer holds
// it exclusively from before it waits for the database until it closes
// it; a reader holds it shared only while it takes its shared lock on the
// database, and tests it between chunks of a long scan to learn that a
// writer is waiting. A nil *turnstile (the file cannot be created, on a
// read-only directory, or flock is not supported) does nothing.
type turnstile struct {
	f    *os.File
	path string
}

// openTurnstile opens the lock file of the database at path, creating it
// when missing: a reader must take part from the first, or a reader that
// came before any writer would never step aside. It returns nil when
// there is none to be had: a reader of a read-only directory goes
// without. created reports that this call created the file.
func openTurnstile(path string, writer bool) (t *turnstile, created bool, err error) {
	if !flockSupported {
		return nil, false, nil
	}
	lp := path + lockSuffix
	f, err := os.OpenFile(lp, os.O_RDONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		f, err = os.Open(lp)
	} else {
		created = err == nil
	}
	if err != nil && !writer {
		return nil, false, nil
	}
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, false, &fs.PathError{Op: "open lock file", Path: lp, Err: err}
	}
	return &turnstile{f: f, path: lp}, created, nil
}

// wait takes the lock (exclusive or shared), polling until the deadline or
// until ctx ends. It returns errLockTimeout at the deadline.
func (t *turnstile) wait(ctx context.Context, exclusive bool, deadline time.Time) error {
	if t == nil {
		return nil
	}
	how := lockShared
	if exclusive {
		how = lockExclusive
	}
	for {
		err := flock(t.f, how|lockNoWait)
		if err == nil {
			return nil
		}
		if !busy(err) {
			return &fs.PathError{Op: "lock", Path: t.path, Err: err}
		}
		left := time.Until(deadline)
		if left <= 0 {
			return errLockTimeout
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(min(left, lockPoll)):
		}
	}
}

// writerWaiting reports whether a writer holds the turnstile (and so waits
// for, or holds, the database).
func (t *turnstile) writerWaiting() bool {
	if t == nil {
		return false
	}
	if err := flock(t.f, lockShared|lockNoWait); err != nil {
		return busy(err)
	}
	flock(t.f, lockRelease)
	return false
}

// release gives the lock up and keeps the file open.
func (t *turnstile) release() {
	if t != nil {
		flock(t.f, lockRelease)
	}
}

// close gives the lock up and closes the file.
func (t *turnstile) close() {
	if t != nil {
		t.f.Close()
	}
}

// holder returns the pid holding the turnstile, 0 when unknown.
func (t *turnstile) holder() int {
	if t == nil {
		return 0
	}
	return lockHolder(t.path)
}
