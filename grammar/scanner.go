package grammar

import (
	"fmt"
	"unicode/utf8"

	"github.com/alecthomas/participle/v2/lexer"
)

// scanner turns pattern text into tokens, one per call of Next, as participle's lexer. It
// is hand-written because a regular-expression lexer costs several times more per token,
// and because it is the one place that counts lines and columns: Line and Column are
// 1-based, Column counts runes.
//
// The scanner of a whole pattern returns each observation's square brackets, with what
// they hold, as one BracketText token: participle parses the observation expressions, and the
// comparisons inside one are parsed by a scanner over its text (see bracket.go).
type scanner struct {
	src      string
	off      int // byte offset of the next character in src
	base     int // offset of src in the whole pattern
	line     int
	col      int
	depth    int // open "(" and "[" not yet closed
	maxDepth int
	brackets bool        // return [...] as one BracketText token
	tok      lexer.Token // the token being scanned
}

// newScanner scans a whole pattern, refusing text whose brackets and parentheses nest
// deeper than maxDepth (no limit when maxDepth <= 0).
func newScanner(src string, maxDepth int) *scanner {
	return &scanner{src: src, line: 1, col: 1, maxDepth: maxDepth, brackets: true}
}

// Next implements lexer.Lexer: it returns the next token, an EOF token at the end.
func (s *scanner) Next() (lexer.Token, error) {
	if err := s.skipSpace(); err != nil {
		return lexer.Token{}, err
	}
	if s.off >= len(s.src) {
		return lexer.EOFToken(s.pos()), nil
	}
	if err := s.next(); err != nil {
		return lexer.Token{}, err
	}
	return s.tok, nil
}

// bracket scans an observation's "[", what it holds and its "]" (or the rest of the text,
// when the "]" is missing) as one BracketText token.
func (s *scanner) bracket() error {
	start, from := s.pos(), s.off
	s.advance(1)
	s.brackets = false
	defer func() { s.brackets = true }()
	open := 0 // "[" of list indexes
	for {
		if err := s.skipSpace(); err != nil {
			return err
		}
		if s.off >= len(s.src) {
			break
		}
		switch s.src[s.off] {
		case '[':
			open++
		case ']':
			open--
		}
		if open < 0 {
			s.depth--
			s.advance(1)
			break
		}
		if err := s.next(); err != nil {
			return err
		}
	}
	s.tok = lexer.Token{Type: BracketText, Value: s.src[from:s.off], Pos: start}
	return nil
}

// scan returns all the tokens of src, ending with an EOF token.
func scan(src string, maxDepth int) ([]lexer.Token, error) {
	s := newScanner(src, maxDepth)
	var toks []lexer.Token
	for {
		t, err := s.Next()
		if err != nil {
			return nil, err
		}
		toks = append(toks, t)
		if t.EOF() {
			return toks, nil
		}
	}
}

func (s *scanner) pos() lexer.Position {
	return lexer.Position{Offset: s.base + s.off, Line: s.line, Column: s.col}
}

// advance moves past n bytes of s.src, keeping the line and column.
func (s *scanner) advance(n int) {
	end := s.off + n
	for s.off < end {
		c := s.src[s.off]
		switch {
		case c == '\n':
			s.line++
			s.col = 1
			s.off++
		case c < utf8.RuneSelf:
			s.col++
			s.off++
		default:
			_, size := utf8.DecodeRuneInString(s.src[s.off:])
			s.col++
			s.off += size
		}
	}
}

func (s *scanner) peekByte(i int) byte {
	if s.off+i < len(s.src) {
		return s.src[s.off+i]
	}
	return 0
}

// skipSpace skips white space and comments, as the STIX grammar allows them between tokens.
func (s *scanner) skipSpace() error {
	for s.off < len(s.src) {
		c := s.src[s.off]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f':
			s.advance(1)
		case c == '/' && s.peekByte(1) == '*':
			start := s.pos()
			end := indexFrom(s.src, s.off+2, "*/")
			if end < 0 {
				return errorf(start, "unterminated comment: expected */")
			}
			s.advance(end + 2 - s.off)
		case c == '/' && s.peekByte(1) == '/':
			for s.off < len(s.src) && s.src[s.off] != '\n' && s.src[s.off] != '\r' {
				s.advance(1)
			}
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRuneInString(s.src[s.off:])
			if !isUnicodeSpace(r) {
				return nil
			}
			s.advance(size)
		default:
			return nil
		}
	}
	return nil
}

// isUnicodeSpace reports the non-ASCII white space of the STIX grammar.
func isUnicodeSpace(r rune) bool {
	switch r {
	case 0x85, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000:
		return true
	}
	return r >= 0x2000 && r <= 0x200a
}

func indexFrom(s string, from int, sub string) int {
	for i := from; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}

// emit sets the token of n bytes starting at the current offset.
func (s *scanner) emit(t lexer.TokenType, n int) {
	s.tok = lexer.Token{Type: t, Value: s.src[s.off : s.off+n], Pos: s.pos()}
	s.advance(n)
}

// next scans one token.
func (s *scanner) next() error {
	c := s.src[s.off]
	switch {
	case isLetter(c) || c == '_':
		return s.word()
	case c == '\'':
		return s.quoted(String)
	case isDigit(c) || c == '+' || c == '-' || (c == '.' && isDigit(s.peekByte(1))):
		return s.number()
	case c == '=' || c == '!' || c == '<' || c == '>':
		return s.operator()
	case c == '(' || c == '[':
		s.depth++
		if s.maxDepth > 0 && s.depth > s.maxDepth {
			return errorf(s.pos(), "brackets and parentheses nest deeper than %d levels",
				s.maxDepth)
		}
		if c == '[' && s.brackets {
			return s.bracket()
		}
		s.emit(Punct, 1)
	case c == ')' || c == ']':
		if s.depth > 0 {
			s.depth--
		}
		s.emit(Punct, 1)
	case c == ':' || c == '.' || c == ',' || c == '*':
		s.emit(Punct, 1)
	default:
		r, _ := utf8.DecodeRuneInString(s.src[s.off:])
		return errorf(s.pos(), "unexpected character %s", quoteRune(r))
	}
	return nil
}

func quoteRune(r rune) string {
	if r == utf8.RuneError {
		return "(invalid UTF-8)"
	}
	return fmt.Sprintf("%q", r)
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isDigit(c byte) bool  { return c >= '0' && c <= '9' }

// word scans an identifier, a keyword, a boolean, or a prefixed literal (t”, b”, h”).
func (s *scanner) word() error {
	if s.peekByte(1) == '\'' {
		switch s.src[s.off] {
		case 't':
			return s.quoted(Timestamp)
		case 'b':
			return s.quoted(Binary)
		case 'h':
			return s.quoted(Hex)
		}
	}
	n := 1
	for s.off+n < len(s.src) {
		c := s.src[s.off+n]
		if !isLetter(c) && !isDigit(c) && c != '_' && c != '-' {
			break
		}
		n++
	}
	word := s.src[s.off : s.off+n]
	switch {
	case keywords[word]:
		s.emit(Keyword, n)
	case word == "true" || word == "false":
		s.emit(Bool, n)
	default:
		s.emit(Ident, n)
	}
	return nil
}

// quoted scans a quoted literal. In strings a backslash may only escape a quote or a
// backslash; the prefixed literals (t”, b”, h”) have no escapes.
func (s *scanner) quoted(t lexer.TokenType) error {
	start := 1 // the opening quote
	if t != String {
		start = 2
	}
	for i := s.off + start; i < len(s.src); i++ {
		switch s.src[i] {
		case '\'':
			s.emit(t, i+1-s.off)
			return nil
		case '\\':
			if t != String {
				continue
			}
			if n := s.peekAt(i + 1); n != '\'' && n != '\\' {
				s.advance(i - s.off)
				return s.badEscape()
			}
			i++
		}
	}
	return errorf(s.pos(), "unterminated %s: expected a closing quote", kindName(t))
}

func (s *scanner) peekAt(i int) byte {
	if i < len(s.src) {
		return s.src[i]
	}
	return 0
}

// badEscape reports the escape at the current offset (a backslash).
func (s *scanner) badEscape() error {
	if s.off+1 >= len(s.src) {
		return errorf(s.pos(), "unterminated string: expected a closing quote")
	}
	r, _ := utf8.DecodeRuneInString(s.src[s.off+1:])
	return errorf(s.pos(),
		`invalid escape \%c in string: only \' and \\ are allowed`, r)
}

// number scans [+-]?digits, [+-]?digits?.digits; a sign must be followed by a number.
func (s *scanner) number() error {
	n := 0
	if c := s.src[s.off]; c == '+' || c == '-' {
		n = 1
	}
	digits := n
	for isDigit(s.peekByte(n)) {
		n++
	}
	if s.peekByte(n) == '.' && isDigit(s.peekByte(n+1)) {
		n++
		for isDigit(s.peekByte(n)) {
			n++
		}
		s.emit(Float, n)
		return nil
	}
	if n == digits {
		return errorf(s.pos(), "unexpected character %q: expected a number after the sign",
			s.src[s.off])
	}
	s.emit(Int, n)
	return nil
}

func (s *scanner) operator() error {
	c, d := s.src[s.off], s.peekByte(1)
	switch {
	case d == '=' && c != '=' || c == '=' && d == '=' || c == '<' && d == '>':
		s.emit(Operator, 2)
	case c == '!':
		return errorf(s.pos(), `unexpected character '!': expected "!="`)
	default:
		s.emit(Operator, 1)
	}
	return nil
}

func kindName(t lexer.TokenType) string {
	switch t {
	case Timestamp:
		return "timestamp"
	case Binary:
		return "binary literal"
	case Hex:
		return "hex literal"
	}
	return "string"
}
