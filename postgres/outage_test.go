package postgres_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/crawl"
	"github.com/jobstats/jobstats/postgres"
	"github.com/jobstats/jobstats/postgres/pgtest"
	"github.com/jobstats/jobstats/scraper"
)

// proxy forwards TCP connections to a PostgreSQL server, and can play the
// server going away (down: every connection cut, new ones refused) and
// coming back (up).
type proxy struct {
	addr, target string
	mu           sync.Mutex
	ln           net.Listener
	conns        []net.Conn
}

func newProxy(t *testing.T, target string) *proxy {
	p := &proxy{target: target}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p.addr = ln.Addr().String()
	p.serve(ln)
	t.Cleanup(p.down)
	return p
}

func (p *proxy) serve(ln net.Listener) {
	p.mu.Lock()
	p.ln = ln
	p.mu.Unlock()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			s, err := net.Dial("tcp", p.target)
			if err != nil {
				c.Close()
				continue
			}
			p.mu.Lock()
			p.conns = append(p.conns, c, s)
			p.mu.Unlock()
			go func() { io.Copy(s, c); s.Close() }()
			go func() { io.Copy(c, s); c.Close() }()
		}
	}()
}

func (p *proxy) down() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.ln != nil {
		p.ln.Close()
		p.ln = nil
	}
	for _, c := range p.conns {
		c.Close()
	}
	p.conns = nil
}

func (p *proxy) up(t *testing.T) {
	ln, err := net.Listen("tcp", p.addr)
	if err != nil {
		t.Fatalf("listen again on %s: %v", p.addr, err)
	}
	p.serve(ln)
}

// through returns rawURL with its host replaced by the proxy's, and a
// password that must never be printed.
func (p *proxy) through(t *testing.T, rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		t.Fatal(err)
	}
	u.Host = p.addr
	u.User = url.UserPassword(u.User.Username(), "s3cret-pw")
	return u.String()
}

func targetOf(t *testing.T, rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		t.Fatal(err)
	}
	return u.Host
}

func TestUnreachable(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens there now
	raw := "postgres://jobstats:s3cret-pw@" + addr + "/jobstats?sslmode=disable&connect_timeout=2"
	_, err = postgres.Open(t.Context(), raw, nil)
	if !errors.Is(err, postgres.ErrUnavailable) {
		t.Fatalf("open with no server: %v, want ErrUnavailable", err)
	}
	msg := err.Error()
	if !strings.Contains(msg, "database postgres://"+addr+"/jobstats is unreachable: ") || strings.Contains(msg, "s3cret") {
		t.Errorf("error %q: want it to name postgres://%s/jobstats as unreachable, without the password", msg, addr)
	}
	if _, err := postgres.Open(t.Context(), "postgres://u:s3cret-pw@[::1/x", nil); err == nil || strings.Contains(err.Error(), "s3cret") {
		t.Errorf("bad URL: %v", err)
	}
}

// slowBoard hands over batches of listings, one every tick, while the
// test cuts the database off and brings it back.
type slowBoard struct {
	batches, size int
	every         time.Duration
	sent          chan int
}

func (b *slowBoard) Crawl(ctx context.Context, sink scraper.Sink) (scraper.Stats, error) {
	n := 0
	for i := range b.batches {
		var batch []jobstats.Listing
		for j := range b.size {
			batch = append(batch, jobstats.Listing{Source: "board", SourceID: fmt.Sprintf("%d-%d", i, j), Title: "Job", Description: "text"})
		}
		if err := sink(ctx, batch); err != nil {
			return scraper.Stats{Listings: n}, err
		}
		n += len(batch)
		b.sent <- i
		time.Sleep(b.every)
	}
	return scraper.Stats{PagesFetched: b.batches, Listings: n}, nil
}

// TestCrawlOutlivesAnOutage: the database goes away in the middle of a
// crawl and comes back; the crawl keeps what it fetched meanwhile, stores
// it when the server is back, and the run is ok with everything stored.
func TestCrawlOutlivesAnOutage(t *testing.T) {
	base := pgtest.Schema(t)
	p := newProxy(t, targetOf(t, base))
	raw := p.through(t, base)
	db, err := postgres.Open(t.Context(), raw, &postgres.Options{ConnectTimeout: time.Second, StatementTimeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()

	var busyErrs []string
	var mu sync.Mutex
	board := &slowBoard{batches: 12, size: 50, every: 150 * time.Millisecond, sent: make(chan int, 100)}
	r := &crawl.Runner{Store: db, BatchSize: 50, BatchAfter: 50 * time.Millisecond, RetryWait: 50 * time.Millisecond,
		LockWait: 20 * time.Second,
		Busy: func(err error) bool {
			mu.Lock()
			busyErrs = append(busyErrs, err.Error())
			mu.Unlock()
			return errors.Is(err, postgres.ErrUnavailable)
		}}
	src := crawl.Source{Name: "board", Kind: "test", New: func(scraper.Validators) (scraper.Source, error) { return board, nil }}
	done := make(chan jobstats.Run)
	go func() {
		run, _ := r.Run(context.Background(), src)
		done <- run
	}()
	for i := range board.batches {
		<-board.sent
		switch i {
		case 2:
			p.down()
		case 8:
			p.up(t)
		}
	}
	run := <-done
	if run.Status != jobstats.RunOK || run.Stored != 600 || run.New != 600 {
		t.Errorf("run after the outage: %s stored %d new %d, errors %v", run.Status, run.Stored, run.New, run.Errors)
	}
	total, _, err := db.Count(t.Context())
	if err != nil || total != 600 {
		t.Errorf("%d listings stored, %v; want all 600", total, err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(busyErrs) == 0 {
		t.Fatal("the store never reported the outage")
	}
	for _, e := range busyErrs {
		if strings.Contains(e, "s3cret") {
			t.Errorf("an error shows the password: %s", e)
		}
	}
	if !strings.Contains(strings.Join(busyErrs, "\n"), "is unreachable") {
		t.Errorf("no error says the database is unreachable:\n%s", strings.Join(busyErrs, "\n"))
	}
}
