package grammar

import (
	"strings"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// Parse implements participle.Parseable: it takes one BracketText token and parses the
// comparisons it holds, by recursive descent over a scanner of its text. It returns
// participle.NextMatch when the next token is not one.
func (b *Bracket) Parse(lex *lexer.PeekingLexer) error {
	tok := lex.Peek()
	if tok.Type != BracketText {
		return participle.NextMatch
	}
	lex.Next()
	b.Pos = tok.Pos
	text, closed := strings.CutSuffix(tok.Value[1:], "]")
	ts := &tokens{sc: &scanner{src: text, base: tok.Pos.Offset + 1, line: tok.Pos.Line,
		col: tok.Pos.Column + 1}, closed: closed}
	ts.next()
	c, err := ts.comparisons()
	if err != nil {
		return err
	}
	if err := ts.expect("]", `AND, OR or "]"`); err != nil {
		return err
	}
	b.Comparisons = c
	return ts.err
}

// tokens is a stream of tokens with one token of lookahead. When the text it scans was
// closed by "]", that "]" comes last, before the EOF.
type tokens struct {
	sc     *scanner
	cur    lexer.Token
	closed bool
	err    error
}

// next consumes the next token and returns it. The text of a BracketText has been scanned
// once already, so a scan error cannot happen; should one, it ends the stream and is kept.
func (t *tokens) next() lexer.Token {
	tok := t.cur
	var err error
	if t.cur, err = t.sc.Next(); err != nil {
		t.cur = lexer.EOFToken(t.sc.pos())
		t.err = err
	}
	if t.cur.EOF() && t.closed {
		t.cur = lexer.Token{Type: Punct, Value: "]", Pos: t.cur.Pos}
		t.closed = false
	}
	return tok
}

// is reports whether the next token is the punctuation or keyword text.
func (t *tokens) is(typ lexer.TokenType, text string) bool {
	return t.cur.Type == typ && t.cur.Value == text
}

// expect consumes the next token if it is the punctuation p, and says what it found
// otherwise.
func (t *tokens) expect(p, want string) error {
	if !t.is(Punct, p) {
		return unexpected(t.cur, want, noFirst)
	}
	t.next()
	return nil
}

// noFirst is the position given to unexpected by productions that never start a pattern.
var noFirst = lexer.Position{Offset: -1}
