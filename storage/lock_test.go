package storage_test

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/jobstats/jobstats/storage"
)

// Environment of the helper process that holds a database open.
const (
	envHoldPath     = "JOBSTATS_STORAGE_HOLD_PATH"
	envHoldReadOnly = "JOBSTATS_STORAGE_HOLD_READONLY"
)

// TestHelperHoldLock is not a test: run as a child process by holdLock, it
// opens the database named by the environment, prints "ready", and holds
// it until its standard input closes.
func TestHelperHoldLock(t *testing.T) {
	path := os.Getenv(envHoldPath)
	if path == "" {
		t.Skip("helper process only")
	}
	db, err := storage.Open(path, &storage.Options{ReadOnly: os.Getenv(envHoldReadOnly) == "1"})
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(2)
	}
	fmt.Println("ready")
	io.Copy(io.Discard, os.Stdin)
	db.Close()
	os.Exit(0)
}

// holdLock starts a child process holding path open and returns its pid
// once the database is open. The child ends with the test.
func holdLock(t *testing.T, path string, readOnly bool) int {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperHoldLock$")
	cmd.Env = append(os.Environ(), envHoldPath+"="+path)
	if readOnly {
		cmd.Env = append(cmd.Env, envHoldReadOnly+"=1")
	}
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		stdin.Close()
		cmd.Wait()
	})
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if strings.TrimSpace(line) != "ready" {
		t.Fatalf("helper process: %q, %v", line, err)
	}
	return cmd.Process.Pid
}

func TestOpenLockedByAnotherProcess(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the holder's pid comes from /proc/locks")
	}
	path := filepath.Join(t.TempDir(), "locked.db")
	db, err := storage.Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()

	t.Run("writer holds", func(t *testing.T) {
		pid := holdLock(t, path, false)
		for _, ro := range []bool{false, true} {
			_, err := storage.Open(path, &storage.Options{Timeout: 200 * time.Millisecond, ReadOnly: ro})
			if !errors.Is(err, storage.ErrLocked) {
				t.Fatalf("ReadOnly=%v: Open = %v, want ErrLocked", ro, err)
			}
			want := fmt.Sprintf("database %s is in use by another jobstats process (pid %d)", path, pid)
			if err.Error() != want {
				t.Errorf("ReadOnly=%v: error %q, want %q", ro, err, want)
			}
			var le *storage.LockedError
			if !errors.As(err, &le) || le.PID != pid {
				t.Errorf("LockedError = %+v, want pid %d", le, pid)
			}
		}
	})
	t.Run("reader holds", func(t *testing.T) {
		pid := holdLock(t, path, true)
		ro, err := storage.Open(path, &storage.Options{ReadOnly: true, Timeout: 200 * time.Millisecond})
		if err != nil {
			t.Fatalf("read-only open beside a reader: %v", err)
		}
		defer ro.Close()
		_, err = storage.Open(path, &storage.Options{Timeout: 200 * time.Millisecond})
		if !errors.Is(err, storage.ErrLocked) || !strings.Contains(err.Error(), fmt.Sprintf("(pid %d)", pid)) &&
			!strings.Contains(err.Error(), fmt.Sprintf("(pid %d)", os.Getpid())) {
			t.Errorf("writable open beside readers = %v, want ErrLocked naming pid %d", err, pid)
		}
	})
	t.Run("released", func(t *testing.T) {
		db, err := storage.Open(path, &storage.Options{Timeout: 200 * time.Millisecond})
		if err != nil {
			t.Fatalf("Open after the holders ended: %v", err)
		}
		db.Close()
	})
}
