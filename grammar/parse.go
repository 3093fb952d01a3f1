package grammar

import (
	"errors"
	"io"
	"strings"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// Default limits of Parse.
const (
	DefaultMaxDepth = 200     // brackets and parentheses open at once
	DefaultMaxBytes = 4 << 20 // pattern text
)

// Limits bound the resources a parse may use. A zero field takes its default.
type Limits struct {
	MaxDepth int // most brackets and parentheses open at once
	MaxBytes int // longest pattern text, in bytes
}

func (l Limits) withDefaults() Limits {
	if l.MaxDepth <= 0 {
		l.MaxDepth = DefaultMaxDepth
	}
	if l.MaxBytes <= 0 {
		l.MaxBytes = DefaultMaxBytes
	}
	return l
}

// definition makes the scanner a participle lexer definition. Parse scans before it
// parses, so its Lex methods only serve participle's own tooling.
type definition struct{ symbols map[string]lexer.TokenType }

func (d definition) Symbols() map[string]lexer.TokenType { return d.symbols }

func (d definition) Lex(filename string, r io.Reader) (lexer.Lexer, error) {
	var b strings.Builder
	if _, err := io.Copy(&b, r); err != nil {
		return nil, err
	}
	return d.LexString(filename, b.String())
}

func (definition) LexString(_ string, src string) (lexer.Lexer, error) {
	return newScanner(src, DefaultMaxDepth), nil
}

var parser = participle.MustBuild[Pattern](
	participle.Lexer(definition{symbols}),
	participle.UseLookahead(0),
)

// Parse scans and parses a pattern. Errors are *Error values.
func Parse(src string, lim Limits) (*Pattern, error) {
	lim = lim.withDefaults()
	if len(src) > lim.MaxBytes {
		return nil, errorf(lexer.Position{Line: 1, Column: 1},
			"pattern is %d bytes long, more than the limit of %d", len(src), lim.MaxBytes)
	}
	pl, err := lexer.Upgrade(newScanner(src, lim.MaxDepth))
	if err != nil {
		return nil, err
	}
	first := *pl.Peek()
	if first.EOF() {
		return nil, errorf(first.Pos, "empty pattern: expected an observation expression")
	}
	p, err := parser.ParseFromLexer(pl)
	if err != nil {
		return nil, translate(err, first.Pos)
	}
	return p, nil
}

// translate turns a participle error into an *Error that says what was expected.
func translate(err error, first lexer.Position) error {
	var own *Error
	if errors.As(err, &own) {
		return own
	}
	var ute *participle.UnexpectedTokenError
	if errors.As(err, &ute) {
		return unexpected(ute.Unexpected, expectation(ute.Message()), first)
	}
	var pe participle.Error
	if errors.As(err, &pe) {
		return errorf(pe.Position(), "%s", pe.Message())
	}
	return err
}
