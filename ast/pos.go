package ast

import (
	"fmt"
	"strings"
)

// Pos is a position in the pattern text. Offset counts bytes from 0; Line and Column count
// from 1, and Column counts runes. The zero Pos means "no position".
type Pos struct {
	Offset int
	Line   int
	Column int
}

// IsValid reports whether p names a place in the text.
func (p Pos) IsValid() bool { return p.Line > 0 }

// String returns "LINE:COL".
func (p Pos) String() string { return fmt.Sprintf("%d:%d", p.Line, p.Column) }

// Error is a problem with a pattern, at a position. Its text reads
// "pattern:LINE:COL: message".
type Error struct {
	Pos Pos
	Msg string
}

// Error implements the error interface.
func (e *Error) Error() string {
	if !e.Pos.IsValid() {
		return "pattern: " + e.Msg
	}
	return fmt.Sprintf("pattern:%d:%d: %s", e.Pos.Line, e.Pos.Column, e.Msg)
}

// Errorf returns an *Error at pos.
func Errorf(pos Pos, format string, args ...any) *Error {
	return &Error{Pos: pos, Msg: fmt.Sprintf(format, args...)}
}

// ErrorList is a list of errors, in the order found.
type ErrorList []*Error

// Error joins the errors, one a line.
func (l ErrorList) Error() string {
	msgs := make([]string, len(l))
	for i, e := range l {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "\n")
}

// Unwrap returns the errors of the list, so that errors.As finds an *Error in it.
func (l ErrorList) Unwrap() []error {
	errs := make([]error, len(l))
	for i, e := range l {
		errs[i] = e
	}
	return errs
}

// Err returns nil for an empty list, and the list otherwise.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}
