package storage

import (
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
