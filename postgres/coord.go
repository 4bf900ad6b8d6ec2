package postgres

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
)

// Coordination defaults.
const (
	// DefaultHostPoll is how often a run waiting for a host that another
	// run crawls asks again.
	DefaultHostPoll = 250 * time.Millisecond
	// DefaultKeepAlive is how often the lock session is checked, and
	// re-established with its locks when it broke.
	DefaultKeepAlive = 5 * time.Second
)

// ErrHeld is returned by LockSource when the source's lock is held: a run
// of it is going, in this process or another.
var ErrHeld = errors.New("held by another run")

// Coordinator lets any number of worker processes share the database
// without running anything twice, with PostgreSQL's own primitives:
//
//   - Claim inserts (source, tick) into crawl_ticks with ON CONFLICT DO
//     NOTHING: the one worker whose insert lands runs that tick of the
//     source's schedule; every other skips it.
//   - LockSource and LockHost take session advisory locks, on a connection
//     of the Coordinator's own: a source is run by one run at a time, and
//     a host is crawled by one run at a time, across all workers. When a
//     worker dies, its connection closes and PostgreSQL releases its locks
//     at once, so the next tick's worker takes the source over.
//
// A lock key is the 64-bit hash of the schema and the source or host name,
// so jobstats databases in two schemas of one database do not block each
// other. Within one process the Coordinator keeps its own account, since
// PostgreSQL's session locks are reentrant. Its methods are safe for
// concurrent use.
type Coordinator struct {
	db     *DB
	worker string
	log    *slog.Logger

	mu     sync.Mutex // guards conn, held, closed; serializes the session's queries
	conn   *pgx.Conn
	held   map[string]bool // lock names held by this process
	closed bool
	stop   chan struct{}
	done   chan struct{}
}

// Coordinator opens the lock session of a worker named worker (recorded
// on the ticks it claims, e.g. "host:pid"). Close it when the worker
// stops: that releases every lock it holds.
func (db *DB) Coordinator(ctx context.Context, worker string, log *slog.Logger) (*Coordinator, error) {
	if log == nil {
		log = db.log
	}
	c := &Coordinator{db: db, worker: worker, log: log, held: map[string]bool{},
		stop: make(chan struct{}), done: make(chan struct{})}
	conn, err := pgx.ConnectConfig(ctx, db.cfg.ConnConfig)
	if err != nil {
		return nil, db.wrap("open the lock session", err)
	}
	c.conn = conn
	go c.keepAlive()
	return c, nil
}

// Close releases every lock of the worker and closes its session.
func (c *Coordinator) Close() error {
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		return nil
	}
	c.closed = true
	close(c.stop)
	conn := c.conn
	c.mu.Unlock()
	<-c.done
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return conn.Close(ctx)
}

// keepAlive checks the session every DefaultKeepAlive; when it broke
// (the server restarted, the network failed) it connects again and takes
// back the locks this process held, logging any another worker took
// meanwhile.
func (c *Coordinator) keepAlive() {
	defer close(c.done)
	t := time.NewTicker(DefaultKeepAlive)
	defer t.Stop()
	for {
		select {
		case <-c.stop:
			return
		case <-t.C:
		}
		c.mu.Lock()
		ctx, cancel := context.WithTimeout(context.Background(), DefaultKeepAlive)
		err := c.conn.Ping(ctx)
		if err != nil {
			err = c.reconnect(ctx)
		}
		cancel()
		c.mu.Unlock()
		if err != nil {
			c.log.Warn("lock session lost; trying again", "database", c.db.name, "err", err)
		}
	}
}

// reconnect replaces a broken session and takes its locks again; c.mu is
// held.
func (c *Coordinator) reconnect(ctx context.Context) error {
	c.conn.Close(ctx)
	conn, err := pgx.ConnectConfig(ctx, c.db.cfg.ConnConfig)
	if err != nil {
		return c.db.wrap("reconnect the lock session", err)
	}
	c.conn = conn
	for name := range c.held {
		ok, err := c.tryLock(ctx, name)
		if err != nil {
			return c.db.wrap("take the locks back", err)
		}
		if !ok {
			c.log.Warn("lock taken by another worker while the session was lost", "lock", name)
		}
	}
	c.log.Info("lock session back", "database", c.db.name, "locks", len(c.held))
	return nil
}

// tryLock asks for the session lock name; c.mu is held.
func (c *Coordinator) tryLock(ctx context.Context, name string) (bool, error) {
	var ok bool
	err := c.conn.QueryRow(ctx, `SELECT pg_try_advisory_lock(hashtextextended('jobstats:' || current_schema() || ':' || $1, 0))`, name).Scan(&ok)
	return ok, err
}

// lock takes the lock name for this process unless it, or another
// process, holds it.
func (c *Coordinator) lock(ctx context.Context, name string) (bool, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return false, fmt.Errorf("lock %s: coordinator closed", name)
	}
	if c.held[name] {
		return false, nil
	}
	ok, err := c.tryLock(ctx, name)
	if err != nil {
		return false, c.db.wrap("lock "+name, err)
	}
	if ok {
		c.held[name] = true
	}
	return ok, nil
}

// unlock lets the lock name go.
func (c *Coordinator) unlock(name string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.held[name] {
		return
	}
	delete(c.held, name)
	if c.closed {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := c.conn.Exec(ctx, `SELECT pg_advisory_unlock(hashtextextended('jobstats:' || current_schema() || ':' || $1, 0))`, name); err != nil {
		// A broken session released it already; keepAlive reconnects.
		c.log.Debug("unlock", "lock", name, "err", err)
	}
}

// Claim records that this worker runs the tick of source's schedule at
// tick, and reports whether it is the first to: exactly one of the workers
// that claim the same (source, tick) gets true. Ticks are the scheduled
// times, which every worker computes alike.
func (c *Coordinator) Claim(ctx context.Context, source string, tick time.Time) (bool, error) {
	tag, err := c.db.pool.Exec(ctx, `INSERT INTO crawl_ticks (source, tick, worker) VALUES ($1, $2, $3)
		ON CONFLICT (source, tick) DO NOTHING`, source, tick.UnixNano(), c.worker)
	if err != nil {
		return false, c.db.wrap("claim the tick of "+source, err)
	}
	return tag.RowsAffected() == 1, nil
}

// Ticks returns the workers that claimed each tick of source, by tick, for
// tests and inspection.
func (c *Coordinator) Ticks(ctx context.Context, source string) (map[time.Time]string, error) {
	rows, err := c.db.pool.Query(ctx, "SELECT tick, worker FROM crawl_ticks WHERE source = $1", source)
	if err != nil {
		return nil, c.db.wrap("read ticks", err)
	}
	defer rows.Close()
	out := map[time.Time]string{}
	for rows.Next() {
		var tick int64
		var worker string
		if err := rows.Scan(&tick, &worker); err != nil {
			return nil, c.db.wrap("read ticks", err)
		}
		out[time.Unix(0, tick).UTC()] = worker
	}
	return out, c.db.wrap("read ticks", rows.Err())
}

// LockSource takes the lock of source, which every run of it holds, and
// returns the function that lets it go. It returns ErrHeld at once when a
// run of source is going, in this process or in another worker.
func (c *Coordinator) LockSource(ctx context.Context, source string) (release func(), err error) {
	name := "source:" + source
	ok, err := c.lock(ctx, name)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, fmt.Errorf("source %s: %w", source, ErrHeld)
	}
	return func() { c.unlock(name) }, nil
}

// LockHost waits until this process may crawl host (host:port, as in a
// URL): no other run, here or in another worker, crawls it. It returns the
// function that lets it go, or ctx's error.
func (c *Coordinator) LockHost(ctx context.Context, host string) (release func(), err error) {
	name := "host:" + host
	t := time.NewTicker(DefaultHostPoll)
	defer t.Stop()
	for waited := false; ; waited = true {
		ok, err := c.lock(ctx, name)
		if err != nil {
			return nil, err
		}
		if ok {
			return func() { c.unlock(name) }, nil
		}
		if !waited {
			c.log.Info("waiting for a host that another run crawls", "host", host)
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("wait for host %s: %w", host, ctx.Err())
		case <-t.C:
		}
	}
}

// PruneTicks deletes the claims of ticks before before, and returns how
// many it deleted: they only matter while workers may still claim them.
func (c *Coordinator) PruneTicks(ctx context.Context, before time.Time) (int, error) {
	tag, err := c.db.pool.Exec(ctx, "DELETE FROM crawl_ticks WHERE tick < $1", before.UnixNano())
	if err != nil {
		return 0, c.db.wrap("prune ticks", err)
	}
	return int(tag.RowsAffected()), nil
}
