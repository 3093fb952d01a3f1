package hunq

import "fmt"

// MaxDepth bounds the nesting of parentheses and NOTs the parser accepts.
const MaxDepth = 200

// Parse reads a query in the default dialect.
func Parse(src string) (Node, error) { return DefaultDialect.Parse(src) }

// Parse reads a query: comparisons `field = value` and `field != value` (a value is a
// double-quoted string, a decimal number, or true/false), joined by AND and OR, negated by
// NOT, grouped by parentheses. Keywords are read in any case; whitespace is free. AND binds
// tighter than OR, as in SQL. A parenthesised group stays a node of its own, so
// `a AND (b AND c)` is not flattened. Errors are *Error values naming the position.
//
// Limitation: HunQ's precedence of AND over OR is an assumption; the printer never relies
// on it.
func (d Dialect) Parse(src string) (Node, error) {
	p := &parser{lex: lexer{src: src, esc: d.Escaping, line: 1, column: 1}}
	p.advance()
	n := p.parseOr(0)
	if p.err == nil && p.tok.kind != tokEOF {
		p.fail(p.tok.pos, "unexpected %s", p.tok.describe())
	}
	if p.err != nil {
		return nil, p.err
	}
	return n, nil
}

// parser is a recursive-descent parser with one token of look-ahead. After the first
// error every method returns at once.
type parser struct {
	lex lexer
	tok token
	err *Error
}

func (p *parser) advance() {
	if p.err != nil {
		return
	}
	t, err := p.lex.next()
	if err != nil {
		p.err = err
		p.tok = token{kind: tokEOF, pos: err.Pos}
		return
	}
	p.tok = t
}

func (p *parser) fail(pos Pos, format string, args ...any) {
	if p.err == nil {
		p.err = &Error{Pos: pos, Msg: fmt.Sprintf(format, args...)}
	}
}

func (p *parser) parseOr(depth int) Node {
	terms := []Node{p.parseAnd(depth)}
	for p.err == nil && p.tok.kind == tokOr {
		p.advance()
		terms = append(terms, p.parseAnd(depth))
	}
	if len(terms) == 1 {
		return terms[0]
	}
	return &OrExpr{Terms: terms}
}

func (p *parser) parseAnd(depth int) Node {
	terms := []Node{p.parseUnary(depth)}
	for p.err == nil && p.tok.kind == tokAnd {
		p.advance()
		terms = append(terms, p.parseUnary(depth))
	}
	if len(terms) == 1 {
		return terms[0]
	}
	return &AndExpr{Terms: terms}
}

func (p *parser) parseUnary(depth int) Node {
	if p.err != nil {
		return nil
	}
	switch p.tok.kind {
	case tokNot, tokLParen:
		if depth >= MaxDepth {
			p.fail(p.tok.pos, "nesting deeper than %d", MaxDepth)
			return nil
		}
	}
	switch p.tok.kind {
	case tokNot:
		p.advance()
		return &NotExpr{X: p.parseUnary(depth + 1)}
	case tokLParen:
		open := p.tok.pos
		p.advance()
		n := p.parseOr(depth + 1)
		if p.err == nil && p.tok.kind != tokRParen {
			p.fail(p.tok.pos, "expected ) to close ( at %d:%d, found %s",
				open.Line, open.Column, p.tok.describe())
		}
		p.advance()
		return n
	}
	return p.parseCompare()
}

func (p *parser) parseCompare() Node {
	if p.tok.kind != tokField {
		p.fail(p.tok.pos, "expected a field name, found %s", p.tok.describe())
		return nil
	}
	c := &CompareExpr{Field: p.tok.text}
	p.advance()
	switch p.tok.kind {
	case tokEq:
		c.Op = Eq
	case tokNe:
		c.Op = Ne
	default:
		p.fail(p.tok.pos, "expected = or != after %s, found %s", c.Field, p.tok.describe())
		return nil
	}
	p.advance()
	c.Value = p.parseValue()
	return c
}

func (p *parser) parseValue() Value {
	var v Value
	switch p.tok.kind {
	case tokString:
		v = Str(p.tok.text)
	case tokNumber:
		v = Value{Kind: Number, Text: p.tok.text}
	case tokTrue, tokFalse:
		v = Boolean(p.tok.kind == tokTrue)
	default:
		p.fail(p.tok.pos, "expected a value, found %s", p.tok.describe())
		return v
	}
	p.advance()
	return v
}
