package storage

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"
)

// lockHolder returns the pid of a process holding a lock on the file at
// path, from /proc/locks, or 0 when none is found. A holder on the same
// device is preferred; overlay file systems may report another device for
// the same inode, so an inode match alone is the fallback.
func lockHolder(path string) int {
	fi, err := os.Stat(path)
	if err != nil {
		return 0
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return 0
	}
	f, err := os.Open("/proc/locks")
	if err != nil {
		return 0
	}
	defer f.Close()
	return parseLocks(bufio.NewScanner(f), st.Ino, devString(uint64(st.Dev)))
}

// devString formats a device number as /proc/locks does: "maj:min" in hex.
func devString(dev uint64) string {
	major := (dev>>8)&0xfff | (dev>>32)&^0xfff
	minor := dev&0xff | (dev>>12)&^0xff
	return fmt.Sprintf("%02x:%02x", major, minor)
}

// parseLocks scans /proc/locks lines such as
//
//	1: FLOCK  ADVISORY  WRITE 4242 fe:00:246947 0 EOF
//
// for a granted lock on inode ino and returns its pid. Waiting requests
// ("1: -> FLOCK ...") are skipped.
func parseLocks(sc *bufio.Scanner, ino uint64, dev string) int {
	inoStr := strconv.FormatUint(ino, 10)
	fallback := 0
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) < 6 || fields[1] == "->" {
			continue
		}
		pid, err := strconv.Atoi(fields[4])
		if err != nil || pid <= 0 {
			continue
		}
		i := strings.LastIndexByte(fields[5], ':')
		if i < 0 || fields[5][i+1:] != inoStr {
			continue
		}
		if fields[5][:i] == dev {
			return pid
		}
		if fallback == 0 {
			fallback = pid
		}
	}
	return fallback
}
