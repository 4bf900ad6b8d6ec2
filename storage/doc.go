// Package storage is the embedded database of jobstats: one bbolt file
// holding listings, their descriptions, crawl runs, statistics snapshots and
// HTTP cache validators. It is the only package that imports bbolt, and it
// translates bbolt's errors into its own (ErrLocked, ErrNotFound,
// ErrSchema, ErrInvalid, ErrReadOnly, ErrClosed), so callers never import
// bbolt.
//
// Open never waits longer than Options.Timeout for another process, and
// refuses a damaged, truncated, empty or foreign file with an
// *InvalidError before bbolt reads it (see the sections below).
//
// # Locks: writers never lose to readers
//
// bbolt locks the file: exclusively for a writer, shared for readers
// (Options.ReadOnly). Shared locks alone would starve writers: with
// readers arriving faster than they leave, the file is never free of
// them. So Open also takes a second lock, on a turnstile file beside the
// database (PATH.lock, created with the database and never removed):
//
//   - A writer takes the turnstile exclusively, then waits for the file's
//     exclusive lock, and holds both until Close.
//   - A reader takes the turnstile shared, takes the file's shared lock,
//     and gives the turnstile up at once.
//   - A long scan of a reader (ForEach, Count) looks at the turnstile
//     every 20 ms; when a writer holds it, the scan ends its read
//     transaction, closes the file (dropping its shared lock), waits at
//     the turnstile for the writer to finish, opens the file again and
//     goes on from the listing it stopped at.
//
// So once a writer waits, no new reader starts, the readers in the middle
// of a scan step aside within about 20 ms, and the writer gets in as soon
// as the others are done (bbolt looks for its lock every 50 ms). Nothing
// waits forever: every wait ends at Options.Timeout (twice that for a
// scan that stepped aside, since its writer may have waited its own
// timeout first) with a *LockedError naming the process that holds the
// lock, found in /proc/locks by the file's inode (Linux only). Readers
// create the lock file too when it is missing (not on a read-only
// directory): a reader that came before any writer must still step aside. What a writer still waits for: a reader
// between scans that keeps the DB open (every call is short), a reader
// whose scan callback blocks (a paused pager downstream), Backup and
// Check, which read one snapshot and do not step aside. Where flock is
// missing (or the directory is read-only, for a reader) there is no
// turnstile and only bbolt's locks apply.
//
// # Damaged files
//
// bbolt trusts its file: a damaged page makes it panic ("page 52 expected,
// but self identifies as 0"), a page past the end of a truncated file
// makes the process fault, and some of those reads happen in goroutines
// of bbolt's own, where they cannot be recovered. So before bbolt reads a
// file, Open checks it without bbolt: the meta pages (magic, version,
// checksum, as bbolt picks them), the file's size against the pages the
// meta counts, and a walk of every page of every bucket's B-tree, bounds-
// checking each page header, element and key, and refusing pages out of
// range, of the wrong type, referenced twice (which also catches cycles)
// or nested too deep. A writer walks the whole file at Open, with key
// order, since bbolt reads every key of a file it opens for writing. A
// reader walks, before its first read of them, the pages of what it reads:
// the whole file for every read but Facts, which reads the meta, facts and
// symbols buckets only, and of the facts only the branch pages, since it
// reads their leaf pages itself, checking every record's bounds as it
// goes (see leaves.go): a report over a million listings walks a few
// hundred pages, not a file of 550 MB. The walk reads only
// headers and element arrays through a read-only mapping: 25 ms for a
// 230 MB file of 500,000 listings (55 ms with key order). Every
// transaction also runs with memory faults turned into panics
// (debug.SetPanicOnFault) and a recover that turns bbolt's panics into an
// *InvalidError; a write transaction that panicked leaves the DB refusing
// every later call. A record that cannot be decoded is an *InvalidError
// too. Every such error names the file. Check runs the full walk, bbolt's
// own consistency check and a decoding of every record; Backup copies the
// file from one read transaction.
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
// All methods of DB are safe for concurrent use, except that Compact (and
// a read-only scan stepping aside for a writer) waits for the others and
// blocks them while it runs. Methods that do I/O take a
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
