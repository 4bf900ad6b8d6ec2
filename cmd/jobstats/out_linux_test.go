package main

import (
	"io"
	"os"
	"path/filepath"
	"testing"
)

// TestOutputLeavesNothingWhileWriting: on Linux the data of --out goes to
// an unnamed file until it is complete, so a process killed mid-export
// (kill -9, where no cleanup runs) leaves no file at all, hidden or not.
func TestOutputLeavesNothingWhileWriting(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "listings.csv")
	a := &app{}
	w, done, err := a.output(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.WriteString(w, "id,title\n1,Engineer\n"); err != nil {
		t.Fatal(err)
	}
	if names := dirNames(t, dir); len(names) != 0 {
		t.Errorf("while writing, the directory holds %q; want nothing a kill -9 would leave behind", names)
	}
	if err := done(true); err != nil {
		t.Fatal(err)
	}
	if names := dirNames(t, dir); len(names) != 1 || names[0] != "listings.csv" {
		t.Errorf("after done, the directory holds %q; want only listings.csv", names)
	}
	if data, _ := os.ReadFile(path); string(data) != "id,title\n1,Engineer\n" {
		t.Errorf("listings.csv holds %q", data)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o666&^umask() {
		t.Errorf("mode %v, want %v", fi.Mode().Perm(), 0o666&^umask())
	}
}

func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}
