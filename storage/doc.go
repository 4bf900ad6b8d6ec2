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
//	meta          schema version (SchemaVersion), creation time, the facts'
//	              version (jobstats.FactsVersion) and the change count
//	listings      Listing.ID ("source:sourceID") → compact binary record
//	descriptions  Listing.ID → description text
//	facts         Listing.ID → the listing's facts (what statistics read)
//	symbols       big-endian uint32 symbol → string
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
// # Facts: what statistics read, apart
//
// Beside each listing the facts bucket keeps its jobstats.Fact: role,
// market, level, employment type, workplace, degree, company, place,
// salary (integer bounds, currency, period: converting and annualizing
// happen at report time, since rates and annualization are settings),
// experience asked, fingerprint and simhash, sources, skills,
// certifications, posting date, and the lifecycle (first and last seen,
// closed, earlier closures). Strings are numbers of the symbols bucket,
// interned as listings are stored; a record is 45 to 75 bytes (see
// factcodec.go), against some 300 for the listing and 1-2 KB for its
// description. PutListings, Sweep and Prune write them in the same
// transaction as the listing, so that they never disagree, and
// jobstats.Fact.Set, which every store shares, derives them. A listing
// seen again unchanged gets its stored fact with the new lifecycle.
//
// Facts reads them alone, in ID order, in two passes of one read
// transaction: the fingerprints first (a few bytes at the head of each
// record), to set Fact.Alone on the listings that share theirs with no
// other (so that statistics look for cross-posts among the rest only),
// then the records, decoded on every core, a segment of 4,096 each, and
// handed to the caller in order. About 100 ns a listing; a million
// listings in well under a second, and memory that does not grow with the
// file: the scan gives the pages it has passed back to the kernel
// (madvise, on Linux) as it goes.
//
// Changes counts the write transactions that changed listings; a cache of
// statistics (the server's index) is current while it has not moved.
//
// # Older files
//
// Schema version 2 added facts and symbols. A writable Open of a version
// 1 file (or of one whose facts were made by another
// jobstats.FactsVersion, or left half built) builds the facts of every
// listing first, in transactions of 50,000, logging its progress to
// Options.Logger; only the last transaction marks them ready, so an
// interrupted build starts again on the next open. Until then, a
// read-only Open reads the file as it is, and Facts derives the facts
// by decoding every listing (the same facts, slower, with a log line
// saying so). A jobstats older than version 2 refuses a version 2 file
// (ErrSchema): it would store listings without their facts.
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
//
// # For other stores
//
// Statistics need one read of a store: "every listing's facts, in ID
// order, with the symbol table that names them" (the Facts method; its
// signature is that of stats.Stream.AddFact and stats.Table.AddFact, so
// that a store's scan feeds them directly), and, for a server's cache, a
// number that changes when listings do (Changes). A store without a
// symbol table of its own (the PostgreSQL store) interns as it reads:
// fill a jobstats.Fact with Fact.Set from each listing, or from columns
// holding the same values, into one jobstats.Symbols, and pass the same
// table with every fact. Alone may stay false (statistics then look for
// cross-posts among all listings, a little slower), or be set from
// jobstats.LoneFingerprints or a query such as count(*) OVER (PARTITION
// BY fingerprint) = 1. A stats.Table finds lone fingerprints itself.
package storage
