//go:build !unix

package storage_test

import "time"

// cpuTime returns 0: process CPU time needs getrusage.
func cpuTime() time.Duration { return 0 }

// maxRSS returns 0: the peak resident set size needs getrusage.
func maxRSS() int64 { return 0 }
