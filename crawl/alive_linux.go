package crawl

import (
	"bytes"
	"os"
	"strconv"
	"time"
)

// processAlive reports whether process pid exists, is not a zombie, and
// started no later than since (with a little slack): a pid taken over by a
// process started after the run is not the run's. It reads
// /proc/PID/stat and the boot time in /proc/stat; when they cannot be
// read or parsed it answers true, so that a live run is never marked dead.
func processAlive(pid int, since time.Time) bool {
	stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if os.IsNotExist(err) {
		return false
	}
	if err != nil {
		return true
	}
	procStat, err := os.ReadFile("/proc/stat")
	if err != nil {
		return true
	}
	return aliveFromProc(stat, procStat, since)
}

// aliveFromProc is processAlive on the contents of /proc/PID/stat and
// /proc/stat.
func aliveFromProc(stat, procStat []byte, since time.Time) bool {
	// The command name (field 2) is in parentheses and may hold spaces
	// and parentheses: the fields after it start after the last ')'.
	i := bytes.LastIndexByte(stat, ')')
	if i < 0 {
		return true
	}
	fields := bytes.Fields(stat[i+1:])
	// fields[0] is the state (field 3), fields[19] the start time (field
	// 22) in clock ticks after boot.
	if len(fields) < 20 {
		return true
	}
	if string(fields[0]) == "Z" || string(fields[0]) == "X" {
		return false
	}
	ticks, err := strconv.ParseInt(string(fields[19]), 10, 64)
	if err != nil {
		return true
	}
	var boot int64 = -1
	for line := range bytes.Lines(procStat) {
		if rest, ok := bytes.CutPrefix(line, []byte("btime ")); ok {
			boot, _ = strconv.ParseInt(string(bytes.TrimSpace(rest)), 10, 64)
			break
		}
	}
	if boot <= 0 {
		return true
	}
	// USER_HZ, the unit of /proc times, is 100 on every Linux platform.
	started := time.Unix(boot, 0).Add(time.Duration(ticks) * (time.Second / 100))
	return !started.After(since.Add(startSlack))
}

// startSlack absorbs the rounding of the boot time to whole seconds and
// clock adjustments since boot.
const startSlack = 5 * time.Second
