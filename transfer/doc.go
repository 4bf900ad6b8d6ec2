// Package transfer copies a jobstats database into another, record for
// record, and proves it did: every listing (description and lifecycle
// included), run, statistics snapshot and HTTP cache validator, between
// any two stores (the bbolt file, PostgreSQL) in either direction. It owns
// the small interfaces it needs (Source, Target), so it imports no store.
//
// Copy writes in batches and is idempotent: every record is written with
// its own identity (listing ID, run ID, snapshot key and time, validator
// URL) and replaces what the target holds under it, so a copy that was
// interrupted is resumed by running it again. A target that holds
// anything else is refused before the first write (ErrTargetNotEmpty). At
// the end it reads the target back and compares it with what it read from
// the source: the count of each kind of record, and the checksum.
//
// # Checksum
//
// The checksum of a database is defined over a canonical encoding of each
// record: a kind byte ('L' listing, 'R' run, 'S' snapshot, 'V' validator)
// followed by the record's fields in their Go declaration order, each as
// its name and its value: strings and byte slices as a uvarint length and
// the bytes, signed integers as varints, unsigned as uvarints, booleans as
// one byte, times as a presence byte and the unix nanoseconds (the zero
// time is absent, the location is not part of the value), pointers as a
// presence byte and the value, slices as a uvarint count and the elements
// (nil and empty are the same), structs field by field. Snapshots are
// (key, time, data) and validators (URL, ETag, Last-Modified).
//
// Each record's encoding is hashed with SHA-256; the hashes of each kind
// are added as 256-bit big-endian numbers modulo 2^256, so the order in
// which a store yields its records does not matter; the checksum is the
// SHA-256 of "jobstats-checksum-1", then, for each kind in the order L, R,
// S, V, the count as a uvarint and the 32-byte sum. It is printed as
// "sha256:" and 64 hex digits. Two databases with the same records have
// the same checksum, whichever store holds them; the checksum of one
// database changes with any change of any field of any record. It is
// comparable between databases read by the same jobstats version (a new
// field of Listing changes every listing's encoding).
package transfer
