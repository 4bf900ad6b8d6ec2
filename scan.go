package jobstats

// Scan selects the listings a store visits when it streams them (the
// ForEach of storage.DB and postgres.DB), in ID order. The zero Scan visits
// every listing, without descriptions.
type Scan struct {
	// Source limits the scan to the listings whose ID starts with
	// Source + ":"; "" scans all.
	Source string
	// Description loads each listing's description too, which is slower.
	Description bool
	// OpenOnly skips closed listings.
	OpenOnly bool
}
