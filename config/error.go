package config

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// ErrInvalid is matched (errors.Is) by every *Error: malformed YAML, an
// unknown key, a value of the wrong type, or a setting that fails
// validation. Errors reading the file are not ErrInvalid.
var ErrInvalid = errors.New("invalid configuration")

// Error is one problem in a configuration, with where it is. File is the
// name given to Parse (the path given to Load), empty for Validate on a
// Config built in code; Line and Column are 1-based and 0 when unknown
// (a setting that has no place in the file, such as a missing key in a
// config built in code); Field is the path of the setting, such as
// "sources[2].schedule", empty for YAML syntax errors.
//
// Its message reads "jobstats.yaml:12: sources[2].schedule: ...".
type Error struct {
	File   string
	Line   int
	Column int
	Field  string
	Err    error
}

// Error formats the error as "file:line: field: message", leaving out the
// parts that are unknown ("line 12: ..." when there is no file name).
func (e *Error) Error() string {
	var b strings.Builder
	switch {
	case e.File != "" && e.Line > 0:
		b.WriteString(e.File + ":" + strconv.Itoa(e.Line) + ": ")
	case e.File != "":
		b.WriteString(e.File + ": ")
	case e.Line > 0:
		b.WriteString("line " + strconv.Itoa(e.Line) + ": ")
	}
	if e.Field != "" {
		b.WriteString(e.Field + ": ")
	}
	if e.Err != nil {
		b.WriteString(e.Err.Error())
	} else {
		b.WriteString("invalid")
	}
	return b.String()
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// Is reports whether target is ErrInvalid, so that every *Error matches it.
func (e *Error) Is(target error) bool { return target == ErrInvalid }

// errorf builds an *Error with a formatted message.
func errorf(field string, p position, format string, args ...any) *Error {
	return &Error{Line: p.line, Column: p.col, Field: field, Err: fmt.Errorf(format, args...)}
}
