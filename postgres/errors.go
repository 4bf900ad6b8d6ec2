package postgres

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"syscall"

	"github.com/jackc/pgx/v5/pgconn"
)

// Errors returned by this package. They are wrapped: test with errors.Is.
var (
	// ErrUnavailable is matched by every error that means "not now": the
	// server cannot be reached, is starting or shutting down, has no
	// connection left, the connection was lost, or the transaction lost a
	// serialization race, a deadlock or a lock or statement timeout. What
	// was to be written was not; trying again later may succeed, and a
	// crawl does (crawl.Runner.Busy). The error is an *UnavailableError.
	ErrUnavailable = errors.New("database unavailable")
	// ErrSchema is returned by Open when the database was migrated by a
	// newer jobstats, with schema versions this one does not know.
	ErrSchema = errors.New("database schema is newer than this jobstats")
	// ErrNotFound is returned by Get when no listing has the id.
	ErrNotFound = errors.New("not found")
)

// UnavailableError is an error of a database that is unreachable or busy
// for now. It matches ErrUnavailable with errors.Is.
type UnavailableError struct {
	// Op is what failed ("put listings").
	Op string
	// Name is the database, without user or password (see Redact).
	Name string
	// Busy is true when the server answered but could not do it now
	// (serialization failure, deadlock, lock or statement timeout, too
	// many connections), false when it could not be reached.
	Busy bool
	// Err is the driver's error.
	Err error
}

// Error returns "OP: database postgres://host:port/db is unreachable: ERR"
// (or "is busy").
func (e *UnavailableError) Error() string {
	state := "unreachable"
	if e.Busy {
		state = "busy"
	}
	return fmt.Sprintf("%s: database %s is %s: %v", e.Op, e.Name, state, e.Err)
}

// Unwrap returns the driver's error.
func (e *UnavailableError) Unwrap() error { return e.Err }

// Is reports whether target is ErrUnavailable.
func (e *UnavailableError) Is(target error) bool { return target == ErrUnavailable }

// wrap names the operation on err, and makes it an *UnavailableError when
// it means the database is unreachable or busy for now.
func (db *DB) wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	err = oneLine(err)
	var ue *UnavailableError
	if errors.As(err, &ue) {
		return err
	}
	if reachable, busy := classify(err); !reachable || busy {
		return &UnavailableError{Op: op, Name: db.name, Busy: busy, Err: err}
	}
	return fmt.Errorf("%s: %w", op, err)
}

// classify tells an error that means "not now" from one that does not:
// reachable is false when the server could not be reached or the
// connection broke, busy is true when the server declined for now.
func classify(err error) (reachable, busy bool) {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch {
		case pe.Code == "40001", pe.Code == "40P01": // serialization failure, deadlock
			return true, true
		case pe.Code == "55P03", pe.Code == "57014": // lock not available, statement timeout or cancel
			return true, true
		case strings.HasPrefix(pe.Code, "53"): // insufficient resources: too many connections, out of memory or disk
			return true, true
		case strings.HasPrefix(pe.Code, "08"), pe.Code == "57P01", pe.Code == "57P02", pe.Code == "57P03":
			// connection exception; admin shutdown, crash shutdown, cannot connect now
			return false, false
		}
		return true, false
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		// The caller's own context, unless the connect timeout expired.
		var ce *pgconn.ConnectError
		if errors.As(err, &ce) {
			return false, false
		}
		return true, false
	}
	var ce *pgconn.ConnectError
	var ne net.Error
	switch {
	case errors.As(err, &ce), errors.As(err, &ne),
		errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF),
		errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.EPIPE),
		pgconn.SafeToRetry(err), pgconn.Timeout(err):
		return false, false
	}
	// pgx says "conn closed" for a connection that broke earlier.
	if strings.Contains(err.Error(), "conn closed") {
		return false, false
	}
	return true, false
}

// oneLine returns err with a message on one line: pgx joins the errors of
// each address it tried to connect to with a newline and a tab, and every
// error jobstats prints is one line. The wrapped error stays err.
func oneLine(err error) error {
	if !strings.Contains(err.Error(), "\n") {
		return err
	}
	return lineError{err}
}

// lineError is an error whose message is folded onto one line.
type lineError struct{ err error }

func (e lineError) Error() string {
	msg := strings.ReplaceAll(e.err.Error(), "\n\t", "; ")
	return strings.ReplaceAll(msg, "\n", "; ")
}

func (e lineError) Unwrap() error { return e.err }
