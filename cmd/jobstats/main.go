// Command jobstats crawls job boards, stores every listing in an embedded
// database and reports salary statistics per job title.
//
// Run `jobstats --help` for the commands, or `go run ./cmd/jobstats demo`
// for an offline demonstration.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"runtime/pprof"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	stopProfile := startCPUProfile(os.Getenv("JOBSTATS_CPUPROFILE"))
	err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stopProfile()
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "jobstats:", err)
		os.Exit(exitCode(err))
	}
}

// startCPUProfile writes a pprof CPU profile of the whole process to path
// (the JOBSTATS_CPUPROFILE environment variable, for developers: see
// README's Speed section) until the returned function is called. An empty
// path profiles nothing; a profile that cannot be started is reported on
// stderr and the command runs anyway.
func startCPUProfile(path string) (stop func()) {
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, "jobstats: cpu profile:", err)
		return func() {}
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		fmt.Fprintln(os.Stderr, "jobstats: cpu profile:", err)
		f.Close()
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		if err := f.Close(); err != nil {
			fmt.Fprintln(os.Stderr, "jobstats: cpu profile:", err)
		}
	}
}
