package storage

import (
	"go.etcd.io/bbolt"

	"github.com/jobstats/jobstats"
)

// EncodeListing returns the record of l, for codec tests.
func EncodeListing(l *jobstats.Listing) []byte { return appendRecord(nil, l) }

// DecodeListing decodes a record stored under key, for codec tests.
func DecodeListing(key, rec []byte) (jobstats.Listing, error) {
	var l jobstats.Listing
	err := decodeListing(key, rec, &l)
	return l, err
}

// DecodeListingInto decodes into a reused listing, as ForEach does.
func DecodeListingInto(key, rec []byte, l *jobstats.Listing) error {
	return decodeListing(key, rec, l)
}

// EncodeFact returns the fact record of f, for codec tests.
func EncodeFact(f *jobstats.Fact) []byte { return appendFact(nil, f) }

// DecodeFact decodes a fact record whose symbols are below nsyms.
func DecodeFact(rec []byte, nsyms int) (jobstats.Fact, error) {
	var f jobstats.Fact
	err := decodeFact(rec, nsyms, &f)
	return f, err
}

// DecodeFactInto decodes into a reused fact, as Facts does.
func DecodeFactInto(rec []byte, nsyms int, f *jobstats.Fact) error { return decodeFact(rec, nsyms, f) }

// FactsCount returns the count the facts bucket's sequence keeps.
func FactsCount(db *DB) (n uint64) {
	db.bolt.View(func(tx *bbolt.Tx) error {
		n = tx.Bucket(bucketFacts).Sequence()
		return nil
	})
	return n
}
