// Package storage is the embedded database of jobstats: one bbolt file
// holding listings, their descriptions, crawl runs, statistics snapshots and
// HTTP cache validators. It is the only package that imports bbolt, and it
// translates bbolt's errors into its own (ErrLocked, ErrNotFound,
// ErrSchema, ErrInvalid, ErrReadOnly, ErrClosed), so callers never import
// bbolt.
//
// Open takes an exclusive file lock (a shared one with Options.ReadOnly) and
// never waits longer than Options.Timeout for it; when another process holds
// the file it returns a *LockedError naming that process's pid, found in
// /proc/locks by the file's inode.
//
// # Layout
//
// The file has one bucket per kind of record:
//
//	meta          schema version (SchemaVersion) and creation time
//	listings      Listing.ID ("source:sourceID") → compact binary record
//	descriptions  Listing.ID → description text
//	runs          big-endian uint64 run id (bucket sequence) → JSON Run
//	snapshots     one nested bucket per key: big-endian time → opaque data
//	validators    URL → ETag and Last-Modified
//
// Listing keys start with the source name and a colon, so one source's
// listings are a prefix range. The listing record is a versioned binary
// encoding (a leading format byte, varints, length-prefixed strings, times
// as unix nanoseconds) of every field but Description, which lives in its
// own bucket so that scans for statistics never read it: ForEach loads it
// only when Scan.Description is set. The lifecycle times (FirstSeen,
// LastSeen, ClosedAt, and the Gaps of earlier closures) come first, so that
// closing or touching a listing rewrites a few header bytes and copies the
// rest. Records of the first format (before Fingerprint and Simhash) are
// still read.
//
// # Lifecycle
//
// The rules are the domain's, the same for every store: PutListings
// upserts one batch per transaction by jobstats.Lifecycle.Seen (a closed
// listing seen again reopens and keeps the closure in Gaps),
// jobstats.MergeSources and jobstats.SameContent (what counts as updated).
// Fingerprint and Simhash are stored so that readers can find cross-posts
// and reposts (jobstats.SameJob) among the listings they scan; storage does
// not join them at ingest, which keeps ingest one ordered write per listing.
//
// At the end of a run, Sweep applies a jobstats.Sweep to the source's
// listings: it marks seen those the run saw without storing them and
// closes those the last complete runs all missed (CloseMissing and
// TouchSource are its simple cases). Prune deletes listings closed long
// ago, and Compact gives their space back to the file system. DB
// implements crawl.Store.
//
// All methods of DB are safe for concurrent use, except that Compact waits
// for the others and blocks them while it runs. Methods that do I/O take a
// context, checked before each transaction and every 4096 items of a scan.
package storage
