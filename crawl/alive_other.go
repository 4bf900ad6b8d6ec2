//go:build !unix

package crawl

import "time"

// processAlive answers true: without a portable check, a run of this host
// is taken for dead only when it is stale, like another host's.
func processAlive(int, time.Time) bool { return true }
