package grammar

import "github.com/alecthomas/participle/v2/lexer"

// comparisons reads propTest ((AND | OR) propTest)*.
func (t *tokens) comparisons() (*Comparisons, error) {
	c := &Comparisons{Pos: t.cur.Pos}
	first, err := t.propTest()
	if err != nil {
		return nil, err
	}
	c.First = first
	for t.is(Keyword, "AND") || t.is(Keyword, "OR") {
		op := t.next().Value
		p, err := t.propTest()
		if err != nil {
			return nil, err
		}
		c.Ops = append(c.Ops, op)
		c.Rest = append(c.Rest, p)
	}
	return c, nil
}

// propTest reads ( comparisons ), EXISTS path, or path [NOT] operator value.
func (t *tokens) propTest() (*PropTest, error) {
	p := &PropTest{Pos: t.cur.Pos}
	switch {
	case t.is(Punct, "("):
		t.next()
		g, err := t.comparisons()
		if err != nil {
			return nil, err
		}
		p.Group = g
		return p, t.expect(")", `AND, OR or ")"`)
	case t.is(Keyword, "EXISTS"):
		t.next()
		p.Exists = true
		path, err := t.path()
		p.Path = path
		return p, err
	case t.is(Keyword, "NOT"):
		return nil, errorf(t.cur.Pos, `expected a comparison, found "NOT" `+
			`(NOT follows the object path: file:name NOT = 'a')`)
	case t.cur.Type != Ident:
		return nil, unexpected(t.cur, "a comparison", noFirst)
	}
	path, err := t.path()
	if err != nil {
		return nil, err
	}
	p.Path = path
	if t.is(Keyword, "NOT") {
		t.next()
		p.Not = true
	}
	if t.cur.Type != Operator && !(t.cur.Type == Keyword && keywordOps[t.cur.Value]) {
		return nil, unexpected(t.cur, "a comparison operator", noFirst)
	}
	p.Op = t.next().Value
	p.Value, err = t.value()
	return p, err
}

// keywordOps are the comparison operators spelled as keywords.
var keywordOps = map[string]bool{
	"IN": true, "LIKE": true, "MATCHES": true, "ISSUBSET": true, "ISSUPERSET": true,
}

// literalTypes are the token types of literals.
var literalTypes = map[lexer.TokenType]bool{
	String: true, Int: true, Float: true, Bool: true, Timestamp: true, Binary: true, Hex: true,
}

// path reads type:first, then .key, [n] and [*] steps.
func (t *tokens) path() (*Path, error) {
	if t.cur.Type != Ident {
		return nil, unexpected(t.cur, "an object path", noFirst)
	}
	typ := t.next()
	p := &Path{Pos: typ.Pos, Type: typ.Value}
	if err := t.expect(":", `":"`); err != nil {
		return nil, err
	}
	first, err := t.key()
	if err != nil {
		return nil, err
	}
	p.First = first
	for t.is(Punct, ".") || t.is(Punct, "[") {
		if t.next().Value == "." {
			k, err := t.key()
			if err != nil {
				return nil, err
			}
			p.Steps = append(p.Steps, Step{Key: k})
			continue
		}
		if t.cur.Type != Int && !t.is(Punct, "*") {
			return nil, unexpected(t.cur, `a list index (an integer or "*")`, noFirst)
		}
		idx := t.next()
		if err := t.expect("]", `"]"`); err != nil {
			return nil, err
		}
		p.Steps = append(p.Steps, Step{Index: idx})
	}
	return p, nil
}

// key reads a bare or quoted property name.
func (t *tokens) key() (lexer.Token, error) {
	if t.cur.Type != Ident && t.cur.Type != String {
		return lexer.Token{}, unexpected(t.cur, "a property name", noFirst)
	}
	return t.next(), nil
}

// value reads a literal or a parenthesised set of literals.
func (t *tokens) value() (*Value, error) {
	if literalTypes[t.cur.Type] {
		return &Value{Literal: t.next()}, nil
	}
	if !t.is(Punct, "(") {
		return nil, unexpected(t.cur, "a value", noFirst)
	}
	s := &Set{Pos: t.next().Pos}
	if t.is(Punct, ")") {
		t.next()
		return &Value{Set: s}, nil
	}
	for {
		if !literalTypes[t.cur.Type] {
			return nil, unexpected(t.cur, "a literal", noFirst)
		}
		s.Elems = append(s.Elems, t.next())
		if t.is(Punct, ")") {
			t.next()
			return &Value{Set: s}, nil
		}
		if err := t.expect(",", `"," or ")"`); err != nil {
			return nil, err
		}
	}
}
