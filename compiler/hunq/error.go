package hunq

import "fmt"

// Pos is a position in query text. Offset counts bytes from 0; Line and Column count from
// 1, and Column counts runes.
type Pos struct {
	Offset int
	Line   int
	Column int
}

// Error is a syntax error in query text. Its text reads "hunq:LINE:COL: message".
type Error struct {
	Pos Pos
	Msg string
}

// Error implements the error interface.
func (e *Error) Error() string {
	return fmt.Sprintf("hunq:%d:%d: %s", e.Pos.Line, e.Pos.Column, e.Msg)
}

// UnknownFieldError reports a field the catalogue does not hold. Its text is the Hunt
// API's 422 message: "<field> is not a valid field.".
type UnknownFieldError struct {
	Field string
}

// Error implements the error interface.
func (e *UnknownFieldError) Error() string {
	return e.Field + " is not a valid field."
}
