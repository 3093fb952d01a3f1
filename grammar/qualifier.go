package grammar

import (
	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// Parse implements participle.Parseable: START literal STOP literal, WITHIN literal
// SECONDS, or REPEATS literal TIMES. It returns participle.NextMatch when the next token
// starts none of them, which ends a chain of qualifiers.
func (q *Qualifier) Parse(lex *lexer.PeekingLexer) error {
	tok := lex.Peek()
	if tok.Type != Keyword {
		return participle.NextMatch
	}
	q.Pos = tok.Pos
	var err error
	switch tok.Value {
	case "START":
		lex.Next()
		var start, stop lexer.Token
		if start, err = literalAfter(lex, "a timestamp t'...'"); err == nil {
			if err = keyword(lex, "STOP"); err == nil {
				stop, err = literalAfter(lex, "a timestamp t'...'")
			}
		}
		q.Start, q.Stop = &Instant{Token: start}, &Instant{Token: stop}
	case "WITHIN":
		lex.Next()
		var n lexer.Token
		if n, err = literalAfter(lex, "a number of seconds"); err == nil {
			err = keyword(lex, "SECONDS")
		}
		q.Within = &Seconds{Token: n}
	case "REPEATS":
		lex.Next()
		var n lexer.Token
		if n, err = literalAfter(lex, "a number of repetitions"); err == nil {
			err = keyword(lex, "TIMES")
		}
		q.Repeats = &Count{Token: n}
	default:
		return participle.NextMatch
	}
	return err
}

// literalAfter consumes a literal token, or says that want was expected.
func literalAfter(lex *lexer.PeekingLexer, want string) (lexer.Token, error) {
	tok := lex.Peek()
	if !literalTypes[tok.Type] {
		return lexer.Token{}, unexpected(*tok, want, noFirst)
	}
	return *lex.Next(), nil
}

// keyword consumes the keyword k, or says it was expected.
func keyword(lex *lexer.PeekingLexer, k string) error {
	tok := lex.Peek()
	if tok.Type != Keyword || tok.Value != k {
		return unexpected(*tok, k, noFirst)
	}
	lex.Next()
	return nil
}
