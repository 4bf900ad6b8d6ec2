package storage

import (
	"bufio"
	"strings"
	"testing"
)

func TestParseLocks(t *testing.T) {
	const locks = `1: FLOCK  ADVISORY  WRITE 111 fe:00:999 0 EOF
2: FLOCK  ADVISORY  READ 222 08:01:4242 0 EOF
2: -> FLOCK  ADVISORY  WRITE 333 fe:00:4242 0 EOF
3: POSIX  ADVISORY  WRITE 444 00:2f:4242 0 EOF
4: FLOCK  ADVISORY  READ 555 fe:00:4242 0 EOF
`
	tests := []struct {
		name string
		ino  uint64
		dev  string
		want int
	}{
		{"same device preferred", 4242, "fe:00", 555},
		{"inode only fallback", 4242, "99:99", 222},
		{"no lock", 7, "fe:00", 0},
		{"other inode", 999, "fe:00", 111},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := parseLocks(bufio.NewScanner(strings.NewReader(locks)), tt.ino, tt.dev)
			if got != tt.want {
				t.Errorf("pid %d, want %d", got, tt.want)
			}
		})
	}
	if got := devString(0xfe00); got != "fe:00" {
		t.Errorf("devString(0xfe00) = %q", got)
	}
}
