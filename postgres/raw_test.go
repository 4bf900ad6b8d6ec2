package postgres

import (
	"testing"

	"github.com/jobstats/jobstats"
)

// TestDecodeRawRejects: damaged binary values are errors, never panics.
// (The contract suite checks that decodeRaw, which ForEach uses, and
// rowScanner, which Get uses, read the same listings.)
func TestDecodeRawRejects(t *testing.T) {
	row := func() [][]byte {
		vals := make([][]byte, len(rawTypes))
		for i, typ := range rawTypes {
			switch typ {
			case colTextArray, colInt8Array:
				vals[i] = make([]byte, 12) // an empty array
			case colInt8:
				vals[i] = make([]byte, 8)
			case colInt4:
				vals[i] = make([]byte, 4)
			default:
				vals[i] = []byte("x")
			}
		}
		return vals
	}
	var l jobstats.Listing
	if err := decodeRaw(row(), &l); err != nil || l.ID != "x" {
		t.Fatalf("a well-formed row: %v, %+v", err, l)
	}
	for name, damage := range map[string]func([][]byte){
		"short int8":      func(v [][]byte) { v[29] = []byte{1, 2} },
		"short int4":      func(v [][]byte) { v[26] = nil },
		"array too short": func(v [][]byte) { v[3] = []byte{0, 0, 0, 1} },
		"array element past end": func(v [][]byte) {
			v[27] = []byte{0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 25, 0, 0, 0, 3, 0, 0, 0, 1, 0, 0, 0, 99, 'a'}
		},
		"array of two dimensions": func(v [][]byte) { v[28] = append([]byte{0, 0, 0, 2}, make([]byte, 24)...) },
		"gaps cut short": func(v [][]byte) {
			v[34] = []byte{0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 20, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 8}
		},
	} {
		vals := row()
		damage(vals)
		if err := decodeRaw(vals, &l); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}
