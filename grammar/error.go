package grammar

import (
	"fmt"

	"github.com/alecthomas/participle/v2/lexer"
)

// Error is a syntax error at a position of the pattern text. Package ast turns it into an
// *ast.Error; its text here is "LINE:COL: message".
type Error struct {
	Pos lexer.Position
	Msg string
}

// Error implements the error interface.
func (e *Error) Error() string { return fmt.Sprintf("%d:%d: %s", e.Pos.Line, e.Pos.Column, e.Msg) }

func errorf(pos lexer.Position, format string, args ...any) *Error {
	return &Error{Pos: pos, Msg: fmt.Sprintf(format, args...)}
}
