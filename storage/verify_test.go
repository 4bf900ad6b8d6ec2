package storage

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/bits"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"go.etcd.io/bbolt"

	"github.com/jobstats/jobstats"
)

// writeSample writes a database with nested buckets (snapshots), inline
// buckets (the empty ones), branch pages and overflow pages.
func writeSample(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "v.db")
	db, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	var ls []jobstats.Listing
	for i := range 3000 {
		l := jobstats.Listing{Source: "s", SourceID: fmt.Sprintf("%05d", i), Title: "Backend Engineer",
			Description: strings.Repeat("words ", 50+i%100)}
		if i == 10 {
			l.Description = strings.Repeat("long ", 20000)
		}
		ls = append(ls, l)
	}
	if _, err := db.PutListings(ctx, ls, time.Now()); err != nil {
		t.Fatal(err)
	}
	for i := range 200 {
		db.PutSnapshot(ctx, time.Unix(int64(i), 0), fmt.Sprintf("role:%d", i%3), bytes.Repeat([]byte("x"), 100))
	}
	db.Close()
	return path
}

// TestVerifyMatchesBbolt checks the walk against bbolt's own view of a
// file: the meta it reads, and every page it counts as in use.
func TestVerifyMatchesBbolt(t *testing.T) {
	path := writeSample(t)
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	h, err := verifyFile(path, f, true, nil, nil)
	if err != nil {
		t.Fatalf("a sound file: %v", err)
	}
	data, unmap, err := mapFile(f, int64(h.meta.pgid)*int64(h.pageSize))
	if err != nil {
		t.Fatal(err)
	}
	defer unmap()
	w := newWalker(data, h, true)
	w.walk(h.meta)
	reached := 0
	for _, word := range w.seen {
		reached += bits.OnesCount64(word)
	}

	bdb, err := bbolt.Open(path, 0o600, &bbolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer bdb.Close()
	err = bdb.View(func(tx *bbolt.Tx) error {
		if got, want := h.pageSize, bdb.Info().PageSize; got != want {
			t.Errorf("page size %d, bbolt says %d", got, want)
		}
		if got, want := int64(h.meta.pgid)*int64(h.pageSize), tx.Size(); got != want {
			t.Errorf("high-water mark at %d bytes, bbolt says %d", got, want)
		}
		if got, want := int(h.meta.txid), tx.ID(); got != want {
			t.Errorf("meta txid %d, bbolt's transaction %d", got, want)
		}
		inUse := 3 // two meta pages and the root bucket's page
		inline := 0
		err := tx.ForEach(func(name []byte, b *bbolt.Bucket) error {
			s := b.Stats()
			inUse += s.BranchPageN + s.BranchOverflowN + s.LeafPageN + s.LeafOverflowN
			inline += s.InlineBucketN
			return nil
		})
		if reached != inUse {
			t.Errorf("walk reached %d pages, bbolt counts %d in use", reached, inUse)
		}
		if inline == 0 {
			t.Error("the sample has no inline bucket: the walk of inline pages is untested")
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestVerifyKeyOrder breaks the order of two keys without touching the
// structure: a reader's walk (structure only) accepts the file, bbolt
// reads it without harm, but a writer's walk refuses it, since bbolt would
// check the order in a goroutine of its own and panic.
func TestVerifyKeyOrder(t *testing.T) {
	path := writeSample(t)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.Index(data, []byte("s:00500"))
	if i < 0 {
		t.Fatal("key s:00500 not found")
	}
	copy(data[i:], "s:09999")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	ro, err := Open(path, &Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("read-only Open: %v", err)
	}
	ro.Close()
	_, err = Open(path, nil)
	var ie *InvalidError
	if !errors.As(err, &ie) || !strings.Contains(ie.Reason, "out of order") {
		t.Errorf("writable Open = %v, want a key out of order", err)
	}
	rep, err := Check(context.Background(), path, nil)
	if err != nil || rep.OK() {
		t.Errorf("Check = %+v, %v; want the problem reported", rep, err)
	}
}

func TestKeyString(t *testing.T) {
	tests := []struct{ key, want string }{
		{"greenhouse:123", "greenhouse:123"},
		{"a b", `"a b"`},
		{"x\x00\xff", `"x\x00\xff"`},
		{strings.Repeat("k", 70), `"` + strings.Repeat("k", 60) + `"...`},
	}
	for _, tt := range tests {
		if got := keyString([]byte(tt.key)); got != tt.want {
			t.Errorf("keyString(%q) = %s, want %s", tt.key, got, tt.want)
		}
	}
}

// TestPageRuns: spans given in file order are populated a run of adjacent
// pages at a time, a gap or a jump back starting a new run.
func TestPageRuns(t *testing.T) {
	var got [][2]uint64
	r := pageRuns{populate: func(from, to uint64) { got = append(got, [2]uint64{from, to}) }}
	for _, s := range [][2]uint64{{2, 1}, {3, 2}, {5, 1}, {9, 3}, {12, 1}, {4, 1}} {
		r.add(s[0], s[1])
	}
	r.flush()
	r.flush() // nothing gathered: no call
	want := [][2]uint64{{2, 6}, {9, 13}, {4, 5}}
	if !slices.Equal(got, want) {
		t.Errorf("runs %v, want %v", got, want)
	}
}
