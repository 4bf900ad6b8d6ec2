package storage_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
	"unsafe"

	"go.etcd.io/bbolt"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/storage"
)

// sampleDB writes a database with every kind of record: listings of three
// sources with descriptions (enough for branch pages and overflow pages),
// runs, snapshots and validators. It returns the file's bytes.
func sampleDB(t testing.TB, dir string) []byte {
	t.Helper()
	path := filepath.Join(dir, "sample.db")
	db, err := storage.Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	var ls []jobstats.Listing
	for i := range 700 {
		l := listing(fmt.Sprintf("src%d", i%3), fmt.Sprint(i), "Backend Engineer")
		l.Company = fmt.Sprintf("Company %d", i%40)
		l.Salary = &jobstats.Salary{Min: jobstats.AmountOf(90000), Max: jobstats.AmountOf(120000), Currency: "USD", Period: jobstats.PeriodYear}
		l.Description = strings.Repeat(fmt.Sprintf("listing %d: we build things with Go. ", i), 5+i%25)
		if i == 7 {
			l.Description = strings.Repeat("a long description that takes several pages. ", 1200)
		}
		ls = append(ls, l)
	}
	if _, err := db.PutListings(ctx, ls, t0); err != nil {
		t.Fatal(err)
	}
	if _, err := db.CloseMissing(ctx, "src1", t1, t1); err != nil {
		t.Fatal(err)
	}
	for i := range 20 {
		r := jobstats.Run{Source: fmt.Sprintf("src%d", i%3), Start: t0.Add(time.Duration(i) * time.Hour), Status: jobstats.RunOK, Listings: i}
		if err := db.PutRun(ctx, &r); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 30 {
		if err := db.PutSnapshot(ctx, t0.Add(time.Duration(i)*time.Hour), fmt.Sprintf("role:%d", i%5), []byte(`{"openings":3}`)); err != nil {
			t.Fatal(err)
		}
	}
	vals := map[string]storage.Validator{}
	for i := range 50 {
		vals[fmt.Sprintf("https://example.com/jobs?page=%d", i)] = storage.Validator{ETag: fmt.Sprintf(`"%d"`, i)}
	}
	if err := db.PutValidators(ctx, vals); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// pageKinds returns the id of every page of a bbolt file by type
// ("meta", "freelist", "branch", "leaf", "free"), read with bbolt itself.
func pageKinds(t testing.TB, data []byte) (pageSize int, kinds map[string][]int) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "kinds.db")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	bdb, err := bbolt.Open(path, 0o600, &bbolt.Options{NoFreelistSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer bdb.Close()
	kinds = map[string][]int{}
	err = bdb.Update(func(tx *bbolt.Tx) error {
		pageSize = tx.DB().Info().PageSize
		for id := 0; ; id++ {
			p, err := tx.Page(id)
			if err != nil {
				return err
			}
			if p == nil {
				return nil
			}
			kinds[p.Type] = append(kinds[p.Type], id)
			id += p.OverflowCount
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	return pageSize, kinds
}

// damage is one way of breaking a copy of the sample database.
type damage struct {
	name  string
	apply func(data []byte) []byte
}

// damages returns the corruptions of the sample file data: truncations at
// many offsets, zeroed pages, flipped bytes in the meta, branch and leaf
// pages, and foreign content.
func damages(t testing.TB, data []byte) []damage {
	ps, kinds := pageKinds(t, data)
	var ds []damage
	add := func(name string, fn func([]byte) []byte) { ds = append(ds, damage{name, fn}) }

	// Truncations: inside the header, at and around page boundaries, and
	// at evenly spread offsets through the file.
	offsets := []int{0, 1, 15, 100, 1024, 4095, 4096, ps - 1, ps, ps + 100, 2 * ps, 2*ps + 1, 3 * ps, 4*ps - 1}
	for i := 1; i < 16; i++ {
		offsets = append(offsets, len(data)*i/16, len(data)*i/16+ps/2)
	}
	offsets = append(offsets, len(data)-ps, len(data)-1)
	sort.Ints(offsets)
	for _, off := range offsets {
		if off < len(data) {
			add(fmt.Sprintf("truncate/%d", off), func(d []byte) []byte { return d[:off] })
		}
	}
	// A file grown by zeros is not damage: bbolt files grow ahead.
	add("grown", func(d []byte) []byte { return append(d, make([]byte, 3*ps)...) })

	zero := func(d []byte, id int) { clear(d[id*ps : (id+1)*ps]) }
	add("zero/meta0", func(d []byte) []byte { zero(d, 0); return d })
	add("zero/meta1", func(d []byte) []byte { zero(d, 1); return d })
	add("zero/both-metas", func(d []byte) []byte { zero(d, 0); zero(d, 1); return d })
	for _, kind := range []string{"branch", "leaf", "free", "freelist"} {
		ids := kinds[kind]
		if kind == "leaf" && len(ids) > 12 {
			ids = spread(ids, 12)
		}
		for _, id := range ids {
			add(fmt.Sprintf("zero/%s-%d", kind, id), func(d []byte) []byte { zero(d, id); return d })
		}
	}
	add("zero/second-half", func(d []byte) []byte { clear(d[len(d)/2:]); return d })

	// Flips in the meta page: every field, with and without a checksum
	// that matches the flip (a checksum hides nothing from the walk).
	for _, field := range []struct {
		name string
		off  int
	}{{"magic", 0}, {"version", 4}, {"pagesize", 8}, {"root", 16}, {"freelist", 32}, {"pgid", 40}, {"txid", 48}, {"checksum", 56}} {
		for _, resum := range []bool{false, true} {
			name := "meta/" + field.name
			if resum {
				name += "+checksum"
			}
			add(name, func(d []byte) []byte {
				for _, m := range []int{0, ps} {
					d[m+16+field.off] ^= 0x41
					d[m+16+field.off+1] ^= 0x03
					if resum {
						h := fnv.New64a()
						h.Write(d[m+16 : m+16+56])
						binary.NativeEndian.PutUint64(d[m+16+56:], h.Sum64())
					}
				}
				return d
			})
		}
	}
	// Flips in page headers and elements of branch and leaf pages.
	rng := rand.New(rand.NewPCG(1, 2))
	for _, kind := range []string{"branch", "leaf"} {
		for _, id := range spread(kinds[kind], 8) {
			for _, off := range []int{0, 1, 8, 10, 11, 12, 16, 20, 24, 28, 32 + 4, 48 + 8} {
				add(fmt.Sprintf("flip/%s-%d@%d", kind, id, off), func(d []byte) []byte { d[id*ps+off] ^= 0xA5; return d })
			}
			for range 4 {
				off := rng.IntN(ps)
				bit := byte(1 << rng.IntN(8))
				add(fmt.Sprintf("flip/%s-%d@%d.%d", kind, id, off, bit), func(d []byte) []byte { d[id*ps+off] ^= bit; return d })
			}
		}
	}
	// Random bytes scattered over the used pages.
	for i := range 20 {
		seed := uint64(i)
		add(fmt.Sprintf("scatter/%d", i), func(d []byte) []byte {
			r := rand.New(rand.NewPCG(seed, 99))
			for range 8 {
				d[2*ps+r.IntN(len(d)-2*ps)] ^= byte(1 + r.IntN(255))
			}
			return d
		})
	}
	// Two pages swapped: every header is right, but in the wrong place.
	if ls := kinds["leaf"]; len(ls) > 3 {
		a, b := ls[1], ls[len(ls)-2]
		add("swap/leaves", func(d []byte) []byte {
			tmp := bytes.Clone(d[a*ps : (a+1)*ps])
			copy(d[a*ps:], d[b*ps:(b+1)*ps])
			copy(d[b*ps:], tmp)
			return d
		})
	}
	// A branch page that points to itself.
	for _, id := range spread(kinds["branch"], 2) {
		add(fmt.Sprintf("cycle/branch-%d", id), func(d []byte) []byte {
			binary.NativeEndian.PutUint64(d[id*ps+16+8:], uint64(id))
			return d
		})
	}

	// Foreign content.
	add("foreign/empty", func([]byte) []byte { return nil })
	add("foreign/text", func([]byte) []byte { return []byte(strings.Repeat("not a database\n", 3000)) })
	add("foreign/short-text", func([]byte) []byte { return []byte("hello\n") })
	add("foreign/zeros", func([]byte) []byte { return make([]byte, 64<<10) })
	add("foreign/sqlite", func([]byte) []byte { return append([]byte("SQLite format 3\x00"), make([]byte, 8192)...) })
	add("foreign/random", func([]byte) []byte {
		r := rand.New(rand.NewPCG(7, 7))
		b := make([]byte, 100<<10)
		for i := range b {
			b[i] = byte(r.Uint32())
		}
		return b
	})
	add("foreign/bbolt-v1", func(d []byte) []byte {
		for _, m := range []int{0, ps} {
			binary.NativeEndian.PutUint32(d[m+16+4:], 1)
			h := fnv.New64a()
			h.Write(d[m+16 : m+16+56])
			binary.NativeEndian.PutUint64(d[m+16+56:], h.Sum64())
		}
		return d
	})
	return ds
}

// spread returns at most n of ids, spread over them.
func spread(ids []int, n int) []int {
	if len(ids) <= n {
		return ids
	}
	out := make([]int, n)
	for i := range out {
		out[i] = ids[i*(len(ids)-1)/(n-1)]
	}
	return out
}

// outcome tallies how the package met the damaged copies.
type outcome struct {
	refused, failedRead, clean int
}

// checkErr fails the test unless err is nil or an *InvalidError naming path.
func checkErr(t *testing.T, what, path string, err error) bool {
	t.Helper()
	if err == nil {
		return true
	}
	if !errors.Is(err, storage.ErrInvalid) {
		t.Errorf("%s: %v, want nil or an error wrapping ErrInvalid", what, err)
	} else if !strings.Contains(err.Error(), path) {
		t.Errorf("%s: %q does not name the file %s", what, err, path)
	}
	if strings.Count(err.Error(), "\n") > 0 {
		t.Errorf("%s: error of several lines: %q", what, err)
	}
	return false
}

// TestDamagedFiles breaks copies of a database in many ways and checks
// that no call panics or crashes, and that every error is an
// *InvalidError naming the file, for readers and writers alike.
func TestDamagedFiles(t *testing.T) {
	dir := t.TempDir()
	orig := sampleDB(t, dir)
	var out outcome
	for _, d := range damages(t, orig) {
		t.Run(d.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "jobstats.db")
			if err := os.WriteFile(path, d.apply(bytes.Clone(orig)), 0o600); err != nil {
				t.Fatal(err)
			}
			ctx := t.Context()
			opts := &storage.Options{ReadOnly: true, Timeout: time.Second}
			ok := true
			db, err := storage.Open(path, opts)
			if !checkErr(t, "read-only Open", path, err) {
				out.refused++
			} else {
				n := 0
				err := db.ForEach(ctx, storage.Scan{Description: true}, func(l *jobstats.Listing) error { n++; return nil })
				ok = checkErr(t, "ForEach", path, err) && ok
				err = db.Facts(ctx, func(*jobstats.Symbols, *jobstats.Fact) error { return nil })
				ok = checkErr(t, "Facts", path, err) && ok
				_, _, err = db.Count(ctx)
				ok = checkErr(t, "Count", path, err) && ok
				_, err = db.Runs(ctx, "", 0)
				ok = checkErr(t, "Runs", path, err) && ok
				err = db.Snapshots(ctx, "role:1", func(time.Time, []byte) error { return nil })
				ok = checkErr(t, "Snapshots", path, err) && ok
				_, err = db.Info(ctx)
				ok = checkErr(t, "Info", path, err) && ok
				_, err = db.Get(ctx, "src0:3")
				ok = (errors.Is(err, storage.ErrNotFound) || checkErr(t, "Get", path, err)) && ok
				db.Close()
				if ok {
					out.clean++
				} else {
					out.failedRead++
				}
			}

			rep, err := storage.Check(ctx, path, opts)
			if err != nil {
				t.Fatalf("Check: %v", err)
			}
			if rep.OK() && !ok {
				t.Errorf("Check found nothing, but reads failed")
			}

			// A writer: Open walks the file first, and writes only to a
			// file it found sound.
			w, err := storage.Open(path, &storage.Options{Timeout: time.Second})
			if checkErr(t, "writable Open", path, err) {
				_, err = w.PutListings(ctx, []jobstats.Listing{listing("src0", "new", "Data Scientist")}, t2)
				checkErr(t, "PutListings", path, err)
				_, err = w.CloseMissing(ctx, "src2", t2, t2)
				checkErr(t, "CloseMissing", path, err)
				checkErr(t, "Close", path, w.Close())
			}
			if matches, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "*")); len(matches) > 2 {
				t.Errorf("files left beside the database: %v", matches)
			}
		})
	}
	t.Logf("damaged copies: %d refused at Open, %d failed a read, %d read cleanly", out.refused, out.failedRead, out.clean)
}

func TestInvalidErrorMessages(t *testing.T) {
	dir := t.TempDir()
	orig := sampleDB(t, dir)
	tests := []struct {
		name    string
		data    []byte
		damaged bool
		reason  string
	}{
		{"empty", nil, true, "empty file, 0 bytes"},
		{"text", []byte(strings.Repeat("text ", 1000)), false, "no bbolt header"},
		{"tiny", []byte("hi"), false, "2 bytes, too small for a database"},
		{"truncated", orig[:len(orig)/2], true, "truncated: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "x.db")
			os.WriteFile(path, tt.data, 0o600)
			for _, ro := range []bool{true, false} {
				_, err := storage.Open(path, &storage.Options{ReadOnly: ro})
				var ie *storage.InvalidError
				if !errors.As(err, &ie) {
					t.Fatalf("ReadOnly=%v: Open = %v, want an *InvalidError", ro, err)
				}
				if ie.Damaged != tt.damaged || !strings.HasPrefix(ie.Reason, tt.reason) || ie.Path != path {
					t.Errorf("ReadOnly=%v: %+v, want damaged=%v, reason %q", ro, ie, tt.damaged, tt.reason)
				}
				want := fmt.Sprintf("database %s is damaged (", path)
				if !tt.damaged {
					want = fmt.Sprintf("%s is not a jobstats database (", path)
				}
				if !strings.HasPrefix(err.Error(), want) {
					t.Errorf("ReadOnly=%v: %q, want it to start %q", ro, err, want)
				}
			}
			if fi, _ := os.Stat(path); fi.Size() != int64(len(tt.data)) {
				t.Errorf("the refused file was changed: %d bytes, was %d", fi.Size(), len(tt.data))
			}
		})
	}
}

// smallDB returns a database file with 1 KiB pages (so that fuzzing works
// on small inputs) holding a few listings, a run and a snapshot.
func smallDB(f *testing.F) []byte {
	path := filepath.Join(f.TempDir(), "small.db")
	bdb, err := bbolt.Open(path, 0o600, &bbolt.Options{PageSize: 1024, NoFreelistSync: true})
	if err != nil {
		f.Fatal(err)
	}
	bdb.Close()
	db, err := storage.Open(path, nil)
	if err != nil {
		f.Fatal(err)
	}
	ctx := f.Context()
	var ls []jobstats.Listing
	for i := range 12 {
		l := listing("s", fmt.Sprint(i), "Data Engineer")
		l.Description = strings.Repeat("text ", 20*i)
		ls = append(ls, l)
	}
	db.PutListings(ctx, ls, t0)
	db.PutRun(ctx, &jobstats.Run{Source: "s", Status: jobstats.RunOK})
	db.PutSnapshot(ctx, t0, "role:x", []byte("{}"))
	db.Close()
	data, err := os.ReadFile(path)
	if err != nil {
		f.Fatal(err)
	}
	return data
}

// FuzzOpen opens arbitrary bytes as a database, reads everything and
// writes a listing: nothing may panic or crash, and every error must be
// an *InvalidError naming the file.
func FuzzOpen(f *testing.F) {
	valid := smallDB(f)
	f.Add(valid)
	f.Add(valid[:len(valid)/2])
	f.Add([]byte("not a database"))
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "fuzz.db")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		ctx := t.Context()
		if db, err := storage.Open(path, &storage.Options{ReadOnly: true}); checkErr(t, "read-only Open", path, err) {
			checkErr(t, "ForEach", path, db.ForEach(ctx, storage.Scan{Description: true}, func(*jobstats.Listing) error { return nil }))
			checkErr(t, "Facts", path, db.Facts(ctx, func(*jobstats.Symbols, *jobstats.Fact) error { return nil }))
			_, err := db.Runs(ctx, "", 0)
			checkErr(t, "Runs", path, err)
			_, err = db.Info(ctx)
			checkErr(t, "Info", path, err)
			db.Close()
		}
		if _, err := storage.Check(ctx, path, nil); err != nil {
			t.Errorf("Check: %v", err)
		}
		if db, err := storage.Open(path, nil); checkErr(t, "Open", path, err) {
			_, err := db.PutListings(ctx, []jobstats.Listing{listing("s", "new", "x")}, t1)
			checkErr(t, "PutListings", path, err)
			db.Close()
		}
	})
}

// TestCheckOneBadMeta: with one meta page damaged, bbolt reads the other
// and every command works, but the file has lost its spare header, and
// when the damaged one was the newer, its last write. db check says so.
func TestCheckOneBadMeta(t *testing.T) {
	dir := t.TempDir()
	orig := sampleDB(t, dir)
	ps := int(binary.NativeEndian.Uint32(orig[16+8:]))
	for i, off := range []int{0, ps} {
		t.Run(fmt.Sprintf("meta %d", i), func(t *testing.T) {
			d := bytes.Clone(orig)
			d[off+16+20] ^= 0xff // the root page id, under the checksum
			path := filepath.Join(t.TempDir(), "jobstats.db")
			if err := os.WriteFile(path, d, 0o600); err != nil {
				t.Fatal(err)
			}
			db, err := storage.Open(path, &storage.Options{ReadOnly: true, Timeout: time.Second})
			if err != nil {
				t.Fatalf("Open: %v, want the other meta page used", err)
			}
			db.Close()
			rep, err := storage.Check(t.Context(), path, nil)
			if err != nil {
				t.Fatal(err)
			}
			want := fmt.Sprintf("meta page %d fails its checksum", i)
			if rep.OK() || !strings.Contains(strings.Join(rep.Problems, "\n"), want) {
				t.Errorf("Check problems %q, want %q", rep.Problems, want)
			}
			// A writer may use the file, and its write rewrites the page.
			w, err := storage.Open(path, &storage.Options{Timeout: time.Second})
			if err != nil {
				t.Fatalf("writable Open: %v", err)
			}
			if _, err := w.PutListings(t.Context(), []jobstats.Listing{listing("src0", "new", "Data Scientist")}, t2); err != nil {
				t.Fatal(err)
			}
			w.Close()
			if rep, err := storage.Check(t.Context(), path, nil); err != nil || !rep.OK() {
				t.Errorf("after a write: Check = %+v, %v; want no problem", rep, err)
			}
		})
	}
}

// TestReaderWalksWhatItReads: a read-only Open and a read of the facts
// walk the facts' pages only, so a damaged page of listings does not cost
// a report anything; the first read of listings finds it.
func TestReaderWalksWhatItReads(t *testing.T) {
	dir := t.TempDir()
	orig := sampleDB(t, dir)
	// The leaf page of the first listing.
	pages, ps := leafPages(t, filepath.Join(dir, "sample.db"), "listings")
	page := pages[0]
	d := bytes.Clone(orig)
	clear(d[page*ps : (page+1)*ps])
	path := filepath.Join(t.TempDir(), "jobstats.db")
	if err := os.WriteFile(path, d, 0o600); err != nil {
		t.Fatal(err)
	}
	db, err := storage.Open(path, &storage.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		t.Fatalf("read-only Open: %v, want the listings left for their first read", err)
	}
	defer db.Close()
	n := 0
	if err := db.Facts(t.Context(), func(*jobstats.Symbols, *jobstats.Fact) error { n++; return nil }); err != nil || n != 700 {
		t.Fatalf("Facts: %d facts, %v; want 700, nil", n, err)
	}
	err = db.ForEach(t.Context(), storage.Scan{}, func(*jobstats.Listing) error { return nil })
	if !errors.Is(err, storage.ErrInvalid) || !strings.Contains(err.Error(), fmt.Sprintf("page %d", page)) {
		t.Errorf("ForEach: %v, want page %d named as damaged", err, page)
	}
}

// leafPages returns the leaf pages of the records of a top-level bucket of
// the bbolt file at path, in key order, found through bbolt's mapping,
// and the file's page size.
func leafPages(t *testing.T, path, bucket string) (pages []int, pageSize int) {
	t.Helper()
	bdb, err := bbolt.Open(path, 0o600, &bbolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer bdb.Close()
	ps := bdb.Info().PageSize
	bdb.View(func(tx *bbolt.Tx) error {
		c := tx.Bucket([]byte(bucket)).Cursor()
		for _, v := c.First(); v != nil; _, v = c.Next() {
			p := int(uintptr(unsafe.Pointer(unsafe.SliceData(v)))-bdb.Info().Data) / ps
			if len(pages) == 0 || pages[len(pages)-1] != p {
				pages = append(pages, p)
			}
		}
		return nil
	})
	if len(pages) == 0 {
		t.Fatalf("bucket %s has no records", bucket)
	}
	return pages, ps
}

// TestDamagedFactsLeaf: the walk of a reader of facts leaves their leaf
// pages to the read, which checks them: a damaged leaf is an error naming
// the file, never a crash, whatever the cores.
func TestDamagedFactsLeaf(t *testing.T) {
	dir := t.TempDir()
	orig := sampleDB(t, dir)
	pages, ps := leafPages(t, filepath.Join(dir, "sample.db"), "facts")
	if len(pages) < 2 {
		t.Fatalf("the facts take %d leaf pages, want several", len(pages))
	}
	for _, page := range []int{pages[0], pages[len(pages)-1]} {
		for name, damage := range map[string]func([]byte){
			"zeroed":      func(p []byte) { clear(p) },
			"bad element": func(p []byte) { binary.NativeEndian.PutUint32(p[16+4:], 1<<30) },
			"bad count":   func(p []byte) { binary.NativeEndian.PutUint16(p[10:], 0xffff) },
		} {
			t.Run(fmt.Sprintf("page %d %s", page, name), func(t *testing.T) {
				d := bytes.Clone(orig)
				damage(d[page*ps : (page+1)*ps])
				path := filepath.Join(t.TempDir(), "jobstats.db")
				if err := os.WriteFile(path, d, 0o600); err != nil {
					t.Fatal(err)
				}
				db, err := storage.Open(path, &storage.Options{ReadOnly: true, Timeout: time.Second})
				if !checkErr(t, "read-only Open", path, err) {
					return
				}
				defer db.Close()
				err = db.Facts(t.Context(), func(*jobstats.Symbols, *jobstats.Fact) error { return nil })
				if err == nil {
					t.Fatal("Facts over a damaged leaf: no error")
				}
				checkErr(t, "Facts", path, err)
			})
		}
	}
}
