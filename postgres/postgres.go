package postgres

import (
	"context"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Defaults of Options.
const (
	// DefaultConnectTimeout bounds each attempt to connect, unless the URL
	// sets connect_timeout.
	DefaultConnectTimeout = 10 * time.Second
	// DefaultStatementTimeout bounds each statement on the server (a batch
	// of listings, a sweep of one source), unless the URL sets
	// statement_timeout. Streaming reads (ForEach) are not bounded by it:
	// their context bounds them.
	DefaultStatementTimeout = 2 * time.Minute
	// DefaultMaxConns is the pool's size, unless the URL sets
	// pool_max_conns.
	DefaultMaxConns = 10
)

// Options configure Open. A nil *Options means the defaults.
type Options struct {
	// ConnectTimeout, StatementTimeout and MaxConns default to
	// DefaultConnectTimeout, DefaultStatementTimeout and DefaultMaxConns;
	// the URL's connect_timeout, statement_timeout and pool_max_conns win
	// over them.
	ConnectTimeout   time.Duration
	StatementTimeout time.Duration
	MaxConns         int32
	// Now is the clock; nil means time.Now. PutListings uses it when given
	// a zero time.
	Now func() time.Time
	// Logger receives the schema migrations applied; nil discards.
	Logger *slog.Logger
}

// DB is a jobstats database in PostgreSQL: a pool of connections to one
// database (and schema: the URL's search_path, default public). Its
// methods are safe for concurrent use, by any number of processes.
type DB struct {
	pool *pgxpool.Pool
	cfg  *pgxpool.Config
	name string
	now  func() time.Time
	log  *slog.Logger
}

// IsURL reports whether s names a PostgreSQL database (postgres:// or
// postgresql://) rather than a file.
func IsURL(s string) bool {
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://")
}

// Redact returns the URL without user, password and parameters:
// "postgres://host:port/db", for messages and logs. A URL it cannot parse
// gives "postgres://?" rather than risk printing a password.
func Redact(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil || !IsURL(rawURL) {
		return "postgres://?"
	}
	return (&url.URL{Scheme: u.Scheme, Host: u.Host, Path: u.Path}).String()
}

// WithoutPassword returns rawURL without its password (in the user
// information or a password parameter) and nothing else removed: the
// user, host, database and parameters (sslmode, search_path, ...) stay,
// so that the address still names the same database when a user pastes it
// into a command. A URL it cannot parse gives "postgres://?".
func WithoutPassword(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil || !IsURL(rawURL) {
		return "postgres://?"
	}
	if u.User != nil {
		u.User = url.User(u.User.Username())
	}
	if q := u.Query(); q.Has("password") {
		q.Del("password")
		u.RawQuery = q.Encode()
	}
	return u.String()
}

// Open connects to the database at rawURL (a postgres:// URL as libpq
// takes it: host, port, user, password, dbname, sslmode, search_path, ...),
// waits for the server (at most ConnectTimeout), and applies the schema
// migrations this jobstats knows and the database lacks, under an advisory
// lock so that many processes may start at once. It returns an error
// matching ErrUnavailable when the server cannot be reached, ErrSchema
// when the database was migrated by a newer jobstats, and never prints the
// password.
func Open(ctx context.Context, rawURL string, opts *Options) (*DB, error) {
	var o Options
	if opts != nil {
		o = *opts
	}
	name := Redact(rawURL)
	cfg, err := pgxpool.ParseConfig(rawURL)
	if err != nil {
		// pgx's parse errors may quote the URL: say what is wrong without it.
		return nil, fmt.Errorf("open database %s: cannot read the URL (want postgres://user:password@host:port/dbname?sslmode=...)", name)
	}
	q, _ := url.Parse(rawURL)
	params := q.Query()
	if !params.Has("connect_timeout") {
		cfg.ConnConfig.ConnectTimeout = orDefault(o.ConnectTimeout, DefaultConnectTimeout)
	}
	if !params.Has("statement_timeout") {
		d := orDefault(o.StatementTimeout, DefaultStatementTimeout)
		cfg.ConnConfig.RuntimeParams["statement_timeout"] = fmt.Sprint(d.Milliseconds())
	}
	if !params.Has("pool_max_conns") {
		cfg.MaxConns = orDefault(o.MaxConns, DefaultMaxConns)
	}
	if _, ok := cfg.ConnConfig.RuntimeParams["application_name"]; !ok {
		cfg.ConnConfig.RuntimeParams["application_name"] = "jobstats"
	}
	db := &DB{cfg: cfg, name: name, now: o.Now, log: o.Logger}
	if db.now == nil {
		db.now = time.Now
	}
	if db.log == nil {
		db.log = slog.New(slog.DiscardHandler)
	}
	db.pool, err = pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, db.wrap("open database", err)
	}
	if err := db.migrate(ctx); err != nil {
		db.pool.Close()
		return nil, err
	}
	return db, nil
}

func orDefault[T int32 | time.Duration](v, def T) T {
	if v > 0 {
		return v
	}
	return def
}

// Name returns the database as messages name it: postgres://host:port/db,
// without user or password.
func (db *DB) Name() string { return db.name }

// Path returns Name, so that messages written for a file name the database.
func (db *DB) Path() string { return db.name }

// Close closes every connection of the pool; calls after it fail.
func (db *DB) Close() error {
	db.pool.Close()
	return nil
}

// tx runs fn in a transaction at the isolation level, committing when fn
// returns nil and rolling back otherwise; errors are wrapped by what.
func (db *DB) tx(ctx context.Context, what string, opts pgx.TxOptions, fn func(pgx.Tx) error) error {
	err := pgx.BeginTxFunc(ctx, db.pool, opts, fn)
	if err != nil {
		return db.wrap(what, err)
	}
	return nil
}
