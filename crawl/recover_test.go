package crawl_test

import (
	"os"
	"os/exec"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/crawl"
)

func TestRecover(t *testing.T) {
	now := day(20)
	running := func(source, host string, pid int, heartbeat time.Time) jobstats.Run {
		return jobstats.Run{Source: source, Start: day(19), Status: jobstats.RunRunning, Host: host, PID: pid,
			Heartbeat: heartbeat, Stored: 8000, New: 7000, Updated: 1000, Listings: 0}
	}
	tests := []struct {
		name        string
		run         jobstats.Run
		interrupted bool
		end         time.Time
	}{
		{"dead process on this host", running("a", "here", 100, day(19).Add(time.Hour)), true, day(19).Add(time.Hour)},
		{"live process on this host", running("b", "here", 200, day(19).Add(time.Hour)), false, time.Time{}},
		{"this process", running("c", "here", 300, now.Add(-time.Minute)), false, time.Time{}},
		{"another host, recent", running("d", "there", 100, now.Add(-time.Hour)), false, time.Time{}},
		{"another host, stale", running("e", "there", 100, now.Add(-25*time.Hour)), true, now.Add(-25 * time.Hour)},
		{"an older jobstats, stale", jobstats.Run{Source: "f", Start: now.Add(-48 * time.Hour), Status: jobstats.RunRunning}, true, now.Add(-48 * time.Hour)},
		{"an older jobstats, recent", jobstats.Run{Source: "g", Start: now.Add(-time.Hour), Status: jobstats.RunRunning}, false, time.Time{}},
		{"live on this host but silent for days", running("h", "here", 200, now.Add(-30*time.Hour)), true, now.Add(-30 * time.Hour)},
		{"finished", jobstats.Run{Source: "i", Start: day(19), End: day(19), Status: jobstats.RunOK, Host: "here", PID: 100}, false, day(19)},
	}
	store := newMemStore()
	for i := range tests {
		if err := store.PutRun(t.Context(), &tests[i].run); err != nil {
			t.Fatal(err)
		}
	}
	alive := map[int]bool{200: true, 300: true}
	got, err := crawl.Recover(t.Context(), store, crawl.Recovery{Host: "here", PID: 300, Now: func() time.Time { return now },
		Alive: func(pid int, since time.Time) bool { return alive[pid] }})
	if err != nil {
		t.Fatal(err)
	}
	recovered := map[string]bool{}
	for _, r := range got {
		recovered[r.Source] = true
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			runs, _ := store.Runs(t.Context(), tt.run.Source, 1)
			r := runs[0]
			if recovered[r.Source] != tt.interrupted || (r.Status == jobstats.RunInterrupted) != tt.interrupted {
				t.Fatalf("status %s, returned %v; want interrupted %v", r.Status, recovered[r.Source], tt.interrupted)
			}
			if !r.End.Equal(tt.end) {
				t.Errorf("end %v, want %v", r.End, tt.end)
			}
			if !tt.interrupted {
				return
			}
			if r.Complete || !strings.HasPrefix(r.Incomplete, "interrupted: ") || len(r.Errors) != 1 || !strings.Contains(r.Errors[0], "process 300 on here") {
				t.Errorf("recovered run says %q, %q", r.Incomplete, r.Errors)
			}
			if r.Stored != tt.run.Stored || r.New != tt.run.New {
				t.Errorf("counts changed: %+v", r)
			}
		})
	}
	// Idempotent: nothing is left to recover.
	if again, err := crawl.Recover(t.Context(), store, crawl.Recovery{Host: "here", PID: 300, Now: func() time.Time { return now },
		Alive: func(pid int, since time.Time) bool { return alive[pid] }}); err != nil || len(again) != 0 {
		t.Errorf("second Recover: %v, %v", again, err)
	}
}

// TestRecoverRealProcesses checks the default process check: this process
// is alive, a process that has exited is not.
func TestRecoverRealProcesses(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no process check on Windows")
	}
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	store := newMemStore()
	host, _ := os.Hostname()
	start := time.Now()
	dead := jobstats.Run{Source: "dead", Start: start, Status: jobstats.RunRunning, Host: host, PID: cmd.Process.Pid}
	live := jobstats.Run{Source: "live", Start: start, Status: jobstats.RunRunning, Host: host, PID: os.Getpid()}
	reused := jobstats.Run{Source: "reused", Start: start.Add(-2 * time.Hour), Status: jobstats.RunRunning, Host: host, PID: os.Getpid()}
	for _, r := range []*jobstats.Run{&dead, &live, &reused} {
		store.PutRun(t.Context(), r)
	}
	got, err := crawl.Recover(t.Context(), store, crawl.Recovery{})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, r := range got {
		names = append(names, r.Source)
	}
	slices.Sort(names)
	want := "dead"
	if runtime.GOOS == "linux" {
		want = "dead reused" // a pid now held by a process started after the run
	}
	if strings.Join(names, " ") != want {
		t.Errorf("recovered %v, want %s", names, want)
	}
}
