package scraper

import (
	"testing"
	"time"
)

func TestBackoffCeiling(t *testing.T) {
	for n, want := range map[int]time.Duration{0: time.Second, 1: 2 * time.Second, 5: 32 * time.Second, 6: time.Minute, 63: time.Minute, 1000: time.Minute} {
		if got := backoffCeiling(n); got != want {
			t.Errorf("backoffCeiling(%d) = %v, want %v", n, got, want)
		}
	}
}
