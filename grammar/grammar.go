// Package grammar is the concrete syntax of the STIX 2.x Patterning language: a scanner that
// turns pattern text into tokens, and a participle grammar that turns the tokens into a
// tree of the productions below, each with the position where it starts.
//
// Chains of operators are kept flat, operands and operators in source order, and package
// ast applies the specification's precedence when it lowers them: FOLLOWEDBY binds
// loosest, then OR, then AND, then the qualifiers of an observation expression; inside
// brackets OR binds looser than AND. The grammar is deliberately permissive about which
// literal follows which operator or qualifier: package ast checks those, so that the
// messages can say what the operator needs instead of listing every token the grammar
// would have taken. Both choices keep the number of productions per comparison small,
// which is what a participle parse costs.
package grammar

import "github.com/alecthomas/participle/v2/lexer"

// Pattern is a whole pattern: one observation expression and nothing after it.
type Pattern struct {
	Pos  lexer.Position
	Expr *Observations `parser:"@@"`
}

// Observations is a chain of observation expressions joined by AND, OR and FOLLOWEDBY:
// First, then Ops[i] and Rest[i] in turn.
type Observations struct {
	Pos   lexer.Position
	First *Qualified   `parser:"@@"`
	Ops   []string     `parser:"( @( 'AND' | 'OR' | 'FOLLOWEDBY' )"`
	Rest  []*Qualified `parser:"  @@ )*"`
}

// Qualified is a primary observation expression followed by any chain of qualifiers.
type Qualified struct {
	Pos        lexer.Position
	Bracket    *Bracket      `parser:"(  @@"`
	Group      *Observations `parser:" | '(' @@ ')' )"`
	Qualifiers []*Qualifier  `parser:"@@*"`
}

// Bracket is an observation expression in square brackets. The scanner returns it as one
// token, which parses itself (see bracket.go): comparisons are most of a pattern, and a
// participle parse of them cost five times more, most of it in holding their tokens.
type Bracket struct {
	Pos         lexer.Position
	Comparisons *Comparisons
}

// Qualifier is START ... STOP ..., WITHIN ... SECONDS or REPEATS ... TIMES, exactly one of
// its fields set. Their values are any literal here; package ast checks their kinds. It
// parses itself (see qualifier.go), which halves the cost of a pattern's outer grammar.
type Qualifier struct {
	Pos     lexer.Position
	Start   *Instant
	Stop    *Instant
	Within  *Seconds
	Repeats *Count
}

// Instant is the literal after START or STOP.
type Instant Literal

// Seconds is the literal after WITHIN.
type Seconds Literal

// Count is the literal after REPEATS.
type Count Literal

// Comparisons is a chain of comparison expressions joined by AND and OR: First, then
// Ops[i] and Rest[i] in turn.
type Comparisons struct {
	Pos   lexer.Position
	First *PropTest
	Ops   []string
	Rest  []*PropTest
}

// PropTest is a parenthesised comparison expression (Group), EXISTS Path (Exists), or one
// comparison: Path [NOT] Op Value, Op being an Operator token's text or a keyword.
type PropTest struct {
	Pos    lexer.Position
	Group  *Comparisons
	Exists bool
	Path   *Path
	Not    bool
	Op     string
	Value  *Value
}

// Path is an object path: type:first, then any steps. First is an Ident or a String
// token (a quoted key).
type Path struct {
	Pos   lexer.Position
	Type  string
	First lexer.Token
	Steps []Step
}

// Step is one step of a path after the first: .key (an Ident or String token in Key)
// or [index] (an Int token, or "*" for any index, in Index).
type Step struct {
	Key   lexer.Token
	Index lexer.Token
}

// Value is the right side of a comparison: a set, or a single literal token.
type Value struct {
	Literal lexer.Token
	Set     *Set
}

// Set is a parenthesised, comma-separated list of literal tokens, possibly empty.
type Set struct {
	Pos   lexer.Position
	Elems []lexer.Token
}

// Literal is one literal token. Strings and the prefixed literals keep their quotes.
type Literal struct {
	Token lexer.Token
}
