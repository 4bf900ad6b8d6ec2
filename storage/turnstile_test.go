package storage_test

import (
	"bufio"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/storage"
)

// fillDB writes n listings of source "s" (with descriptions) to a new
// database and returns its path.
func fillDB(t *testing.T, n int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "busy.db")
	db, err := storage.Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(1, 1))
	ls := make([]jobstats.Listing, n)
	for i := range ls {
		ls[i] = benchListing(r, "s", i, true)
	}
	if _, err := db.PutListings(t.Context(), ls, t0); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestWriterGetsInWhileReadersKeepArriving runs readers that open the
// database again as soon as they finish a slow scan, always overlapping,
// so that the file is never free of shared locks; without writer
// preference a writer would wait for ever. Every batch of the writer must
// get in, within a few scan chunks, and every reader scan must succeed
// and visit each listing once, in order.
func TestWriterGetsInWhileReadersKeepArriving(t *testing.T) {
	if !flockTurnstile() {
		t.Skip("no flock: no turnstile")
	}
	const listings, readers, batches = 6000, 6, 15
	path := fillDB(t, listings)
	ctx := t.Context()

	var stop atomic.Bool
	var scans atomic.Int64
	var wg sync.WaitGroup
	errs := make(chan error, readers)
	for range readers {
		wg.Go(func() {
			for !stop.Load() {
				db, err := storage.Open(path, &storage.Options{ReadOnly: true, Timeout: 5 * time.Second})
				if err != nil {
					errs <- fmt.Errorf("reader open: %w", err)
					return
				}
				var last string
				n := 0
				err = db.ForEach(ctx, storage.Scan{}, func(l *jobstats.Listing) error {
					if l.ID <= last {
						return fmt.Errorf("listing %s after %s", l.ID, last)
					}
					last = l.ID
					if n++; n%200 == 0 {
						time.Sleep(2 * time.Millisecond) // a slow consumer: a scan takes 60 ms or more
					}
					return nil
				})
				db.Close()
				if err == nil && n < listings {
					err = fmt.Errorf("scan saw %d listings, want at least %d", n, listings)
				}
				if err != nil {
					errs <- fmt.Errorf("reader scan: %w", err)
					return
				}
				scans.Add(1)
			}
		})
	}
	// Let the readers overlap before the writer comes.
	time.Sleep(100 * time.Millisecond)
	var waits []time.Duration
	for b := range batches {
		start := time.Now()
		db, err := storage.Open(path, &storage.Options{Timeout: 3 * time.Second})
		if err != nil {
			stop.Store(true)
			wg.Wait()
			t.Fatalf("batch %d: writer starved: %v", b, err)
		}
		waits = append(waits, time.Since(start))
		ls := []jobstats.Listing{listing("w", fmt.Sprint(b), "Backend Engineer")}
		if _, err := db.PutListings(ctx, ls, t1); err != nil {
			t.Errorf("batch %d: %v", b, err)
		}
		db.Close()
		time.Sleep(20 * time.Millisecond)
	}
	stop.Store(true)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if scans.Load() < readers {
		t.Errorf("readers finished %d scans meanwhile, want at least %d", scans.Load(), readers)
	}
	t.Logf("%d batches stored, opens waited %v; readers finished %d scans", batches, waits, scans.Load())
}

// flockTurnstile reports whether this platform has the turnstile.
func flockTurnstile() bool {
	switch runtime.GOOS {
	case "linux", "darwin", "freebsd", "netbsd", "openbsd", "dragonfly":
		return true
	}
	return false
}

// Environment of the helper process that scans a database slowly.
const envScanPath = "JOBSTATS_STORAGE_SCAN_PATH"

// TestHelperSlowScan is not a test: run as a child process, it opens the
// database read-only, prints "ready" once its scan has started, scans
// slowly, and prints how many listings it saw.
func TestHelperSlowScan(t *testing.T) {
	path := os.Getenv(envScanPath)
	if path == "" {
		t.Skip("helper process only")
	}
	db, err := storage.Open(path, &storage.Options{ReadOnly: true, Timeout: 5 * time.Second})
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(2)
	}
	n, s := 0, 0
	err = db.ForEach(t.Context(), storage.Scan{}, func(l *jobstats.Listing) error {
		if n++; n == 1 {
			fmt.Println("ready")
		}
		if l.Source == "s" {
			s++
		}
		if n%2 == 0 {
			time.Sleep(500 * time.Microsecond) // a slow consumer: the scan takes a second or more
		}
		return nil
	})
	db.Close()
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(2)
	}
	fmt.Println("saw", s, n)
	os.Exit(0)
}

// TestWriterGetsInBesideAnotherProcessScanning checks the turnstile across
// processes: a child process scans slowly (a second or more), and a
// writer in this process gets in long before the scan ends; the scan
// then goes on and still sees every listing once.
func TestWriterGetsInBesideAnotherProcessScanning(t *testing.T) {
	if !flockTurnstile() {
		t.Skip("no flock: no turnstile")
	}
	const listings = 3000
	path := fillDB(t, listings)
	// As for a database written before lock files: the reader, which
	// comes first, must make it.
	if err := os.Remove(path + ".lock"); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperSlowScan$")
	cmd.Env = append(os.Environ(), envScanPath+"="+path)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Wait()
	out := bufio.NewReader(stdout)
	if line, err := out.ReadString('\n'); strings.TrimSpace(line) != "ready" {
		t.Fatalf("helper: %q, %v", line, err)
	}
	start := time.Now()
	db, err := storage.Open(path, &storage.Options{Timeout: 3 * time.Second})
	if err != nil {
		t.Fatalf("writer beside a scanning reader: %v", err)
	}
	waited := time.Since(start)
	if _, err := db.PutListings(t.Context(), []jobstats.Listing{listing("zz", "1", "x")}, t1); err != nil {
		t.Fatal(err)
	}
	db.Close()
	rest, _ := out.ReadString('\n')
	fields := strings.Fields(rest)
	if len(fields) != 3 || fields[0] != "saw" {
		t.Fatalf("helper: %q", rest)
	}
	if s, _ := strconv.Atoi(fields[1]); s != listings {
		t.Errorf("the scan saw %d of the %d listings", s, listings)
	}
	if total := time.Since(start); waited > total/2 || waited > time.Second {
		t.Errorf("the writer waited %v of the scan's remaining %v", waited, total)
	}
	t.Logf("writer waited %v beside a scan that went on for %v", waited, time.Since(start))
}

// TestReaderWaitsForWriterAndNamesIt checks that a reader waits at the
// turnstile for a writer, up to its timeout, and then names the writer.
func TestReaderWaitsForWriterAndNamesIt(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the holder's pid comes from /proc/locks")
	}
	path := fillDB(t, 10)
	pid := holdLock(t, path, false)
	start := time.Now()
	_, err := storage.Open(path, &storage.Options{ReadOnly: true, Timeout: 300 * time.Millisecond})
	var le *storage.LockedError
	if !errors.As(err, &le) || le.PID != pid {
		t.Fatalf("Open beside a writer = %v, want a LockedError naming pid %d", err, pid)
	}
	if d := time.Since(start); d < 300*time.Millisecond || d > 3*time.Second {
		t.Errorf("waited %v, want about the 300ms timeout", d)
	}
}
