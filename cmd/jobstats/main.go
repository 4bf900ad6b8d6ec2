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
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "jobstats:", err)
		os.Exit(exitCode(err))
	}
}
