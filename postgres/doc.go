// Package postgres is the PostgreSQL store of jobstats: the database that
// many crawl workers, a web server and analysts share. It is the only
// package that imports pgx (github.com/jackc/pgx/v5, with pgxpool for the
// connection pool), and it translates pgx's errors into its own: an error
// that means "not now" (the server is down or restarting, the connection
// broke, a serialization failure, deadlock or timeout) matches
// ErrUnavailable and names the database without its password
// ("database postgres://host:port/db is unreachable: ..."), so that a crawl
// keeps what it fetched and writes it when the server is back.
//
// DB implements crawl.Store and everything the CLI reads (ForEach,
// Snapshots, Runs), with the same behaviour as the bbolt store in package
// storage: the package storetest runs one contract suite against both.
// The lifecycle rules are the domain's: PutListings reads the stored rows
// of a batch and applies jobstats.Lifecycle.Seen, jobstats.MergeSources and
// jobstats.SameContent in Go; Sweep streams a source's lifecycles through
// jobstats.Sweep.Apply and writes back the ones it changed. Writers of one
// source's listings take turns under a transaction-scoped advisory lock,
// as writers of one bbolt file do. Statistics stream listings without
// their descriptions (ForEach) into the same aggregation code as bbolt, so
// that reports agree to the cent.
//
// # Schema
//
// Versioned migrations (migrations/NNNN_name.sql) are embedded in the
// binary and applied by Open, each in one transaction with its row in
// schema_migrations, under a session advisory lock so that workers starting
// together apply each once. A database migrated by a newer jobstats is
// refused (ErrSchema). All tables live in the schema the URL's search_path
// names (default public), and advisory lock keys include that schema, so
// two jobstats databases may share one PostgreSQL database. Times are unix
// nanoseconds in bigint columns, as Go keeps them, so that the lifecycle
// rules compare exactly what they compared before; the view listing_times
// shows them as timestamptz.
//
// # Workers
//
// Coordinator lets any number of daemon processes share the database:
// Claim decides which worker runs a tick of a source's schedule (the first
// to insert the tick into crawl_ticks), and Lease holds session advisory
// locks on the source and on each host the run crawls, so that a source
// never runs twice at once and a host is crawled by one run at a time. A
// worker that dies loses its connection, and PostgreSQL releases its locks
// at once: the next tick's worker takes the source over and marks the dead
// run interrupted.
package postgres
