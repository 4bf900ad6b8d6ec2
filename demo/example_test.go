package demo_test

import (
	"context"
	"fmt"
	"net/http"

	"github.com/jobstats/jobstats/demo"
)

func ExampleNew() {
	b := demo.New(demo.Options{})
	jobs := b.Jobs()
	fmt.Println(len(jobs), "jobs on", b.Pages(), "index pages")
	fmt.Println(b.StartURL("http://127.0.0.1:8080"))
	fmt.Println(b.Follow()[1])
	// Output:
	// 1200 jobs on 48 index pages
	// http://127.0.0.1:8080/jobs?page=1
	// ^https?://[^/]+/job/\d+$
}

func ExampleServe() {
	ctx, cancel := context.WithCancel(context.Background())
	b := demo.New(demo.Options{Jobs: 50})
	done := make(chan error, 1)
	go func() {
		done <- demo.Serve(ctx, "127.0.0.1:0", b, func(base string) {
			resp, err := http.Get(b.StartURL(base))
			if err == nil {
				fmt.Println(resp.Status, resp.Header.Get("Content-Type"))
				resp.Body.Close()
			}
			cancel()
		})
	}()
	fmt.Println(<-done)
	// Output:
	// 200 OK text/html; charset=utf-8
	// <nil>
}
