package hunq

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// tokKind is the kind of a lexical token.
type tokKind uint8

const (
	tokEOF tokKind = iota
	tokField
	tokString
	tokNumber
	tokTrue
	tokFalse
	tokAnd
	tokOr
	tokNot
	tokEq
	tokNe
	tokLParen
	tokRParen
)

// token is one lexical token. text is the field name, the decoded string, or the number.
type token struct {
	kind tokKind
	text string
	pos  Pos
}

// describe names the token in an error message.
func (t token) describe() string {
	switch t.kind {
	case tokEOF:
		return "end of query"
	case tokString:
		return "string " + DefaultDialect.mustQuote(t.text)
	case tokField:
		return "field " + t.text
	case tokNumber:
		return "number " + t.text
	case tokTrue, tokFalse, tokAnd, tokOr, tokNot:
		return "keyword " + strings.ToUpper(t.text)
	}
	return fmt.Sprintf("%q", t.text)
}

func (d Dialect) mustQuote(s string) string {
	q, err := d.quote(Str(s))
	if err != nil {
		return fmt.Sprintf("%q", s)
	}
	return q
}

// lexer splits query text into tokens. It keeps its own line and column.
type lexer struct {
	src    string
	esc    Escaping
	off    int
	line   int
	column int
}

func (l *lexer) pos() Pos { return Pos{Offset: l.off, Line: l.line, Column: l.column} }

// advance moves past one rune, counting lines and columns.
func (l *lexer) advance() {
	r, w := utf8.DecodeRuneInString(l.src[l.off:])
	l.off += w
	if r == '\n' {
		l.line++
		l.column = 1
	} else {
		l.column++
	}
}

// next returns the next token.
func (l *lexer) next() (token, *Error) {
	for l.off < len(l.src) && isSpace(l.src[l.off]) {
		l.advance()
	}
	start := l.pos()
	if l.off == len(l.src) {
		return token{kind: tokEOF, pos: start}, nil
	}
	c := l.src[l.off]
	switch {
	case c == '"':
		return l.lexString(start)
	case c == '-' || c >= '0' && c <= '9':
		return l.lexNumber(start)
	case isFieldStart(c):
		return l.lexWord(start), nil
	}
	return l.lexPunct(start)
}

func (l *lexer) lexPunct(start Pos) (token, *Error) {
	switch {
	case l.src[l.off] == '=':
		l.advance()
		return token{kind: tokEq, text: "=", pos: start}, nil
	case strings.HasPrefix(l.src[l.off:], "!="):
		l.advance()
		l.advance()
		return token{kind: tokNe, text: "!=", pos: start}, nil
	case l.src[l.off] == '(':
		l.advance()
		return token{kind: tokLParen, text: "(", pos: start}, nil
	case l.src[l.off] == ')':
		l.advance()
		return token{kind: tokRParen, text: ")", pos: start}, nil
	}
	r, _ := utf8.DecodeRuneInString(l.src[l.off:])
	return token{}, &Error{start, fmt.Sprintf("unexpected character %q", r)}
}

func (l *lexer) lexWord(start Pos) token {
	i := l.off
	for l.off < len(l.src) && isFieldByte(l.src[l.off]) {
		l.advance()
	}
	word := l.src[i:l.off]
	return token{kind: keywordOf(word), text: word, pos: start}
}

func (l *lexer) lexNumber(start Pos) (token, *Error) {
	i := l.off
	for l.off < len(l.src) && (isFieldByte(l.src[l.off]) || l.src[l.off] == '-') {
		l.advance()
	}
	text := l.src[i:l.off]
	if !isNumber(text) {
		return token{}, &Error{start, fmt.Sprintf("invalid number %q", text)}
	}
	return token{kind: tokNumber, text: text, pos: start}, nil
}

func (l *lexer) lexString(start Pos) (token, *Error) {
	l.advance() // the opening quote
	var b strings.Builder
	for l.off < len(l.src) {
		c := l.src[l.off]
		switch {
		case c == '"':
			l.advance()
			return token{kind: tokString, text: b.String(), pos: start}, nil
		case c == '\\' && l.esc == EscapeBackslash && l.off+1 < len(l.src) &&
			(l.src[l.off+1] == '"' || l.src[l.off+1] == '\\'):
			b.WriteByte(l.src[l.off+1])
			l.advance()
			l.advance()
		default:
			j := l.off
			l.advance()
			b.WriteString(l.src[j:l.off])
		}
	}
	return token{}, &Error{start, "unterminated string"}
}

// keywordOf returns the keyword kind of word, matched without regard to case, or tokField.
func keywordOf(word string) tokKind {
	switch len(word) {
	case 2:
		if strings.EqualFold(word, "or") {
			return tokOr
		}
	case 3:
		if strings.EqualFold(word, "and") {
			return tokAnd
		}
		if strings.EqualFold(word, "not") {
			return tokNot
		}
	case 4:
		if strings.EqualFold(word, "true") {
			return tokTrue
		}
	case 5:
		if strings.EqualFold(word, "false") {
			return tokFalse
		}
	}
	return tokField
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }
