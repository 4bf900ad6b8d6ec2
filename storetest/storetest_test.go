package storetest_test

import (
	"testing"

	"github.com/jobstats/jobstats/storetest"
)

// TestFullListingSetsEveryField fails when jobstats.Listing gains a field
// that FullListing does not set, so that the contract tests every store
// with it.
func TestFullListingSetsEveryField(t *testing.T) {
	if unset := storetest.UnsetFields(storetest.FullListing()); len(unset) > 0 {
		t.Errorf("FullListing leaves %v unset: set them, so every store is tested with them", unset)
	}
}
