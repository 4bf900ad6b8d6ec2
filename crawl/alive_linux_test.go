package crawl

import (
	"testing"
	"time"
)

func TestAliveFromProc(t *testing.T) {
	procStat := []byte("cpu  1 2 3\nintr 5\nbtime 1700000000\nprocesses 9\n")
	boot := time.Unix(1700000000, 0)
	// pid (comm) state ppid ... field 22 (starttime) is the 20th after the comm.
	stat := func(comm, state string, ticks string) []byte {
		return []byte("4242 (" + comm + ") " + state + " 1 4242 4242 0 -1 4194560 100 0 0 0 1 1 0 0 20 0 1 0 " + ticks + " 1000 100 18446744073709551615")
	}
	tests := []struct {
		name  string
		stat  []byte
		since time.Time
		want  bool
	}{
		{"started before the run", stat("jobstats", "S", "100"), boot.Add(time.Hour), true},
		{"started after the run: pid reused", stat("jobstats", "S", "720000"), boot.Add(time.Hour), false},
		{"within the slack", stat("jobstats", "S", "360200"), boot.Add(time.Hour), true},
		{"zombie", stat("jobstats", "Z", "100"), boot.Add(time.Hour), false},
		{"comm with spaces and parentheses", stat("a) b (c", "R", "100"), boot.Add(time.Hour), true},
		{"truncated", []byte("4242 (jobstats) S 1 2"), boot.Add(time.Hour), true},
		{"garbage", []byte("nonsense"), boot.Add(time.Hour), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := aliveFromProc(tt.stat, procStat, tt.since); got != tt.want {
				t.Errorf("aliveFromProc = %v, want %v", got, tt.want)
			}
		})
	}
	if !aliveFromProc(stat("x", "S", "100"), []byte("no boot time\n"), boot) {
		t.Error("no btime: must answer alive")
	}
}
