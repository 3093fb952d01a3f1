package compiler

import (
	"strings"

	"github.com/stix2hunq/stix2hunq/ast"
	"github.com/stix2hunq/stix2hunq/compiler/hunq"
)

// Expr is a node of the compiler's boolean formula: one of *Const, *Not, *And, *Or, *Cmp
// and *Term. A formula starts with *Cmp atoms (STIX comparisons) and, after the map pass,
// holds only *Term atoms (HunQ comparisons).
type Expr interface {
	// String writes the node in a compact, HunQ-like notation for explain and tests.
	String() string
	expr()
}

// Const is the constant true or false.
type Const struct {
	Value bool
}

// Not is the boolean negation of X over one event.
type Not struct {
	X Expr
}

// And holds when every operand holds. An empty And is true.
type And struct {
	Xs []Expr
}

// Or holds when some operand holds. An empty Or is false.
type Or struct {
	Xs []Expr
}

// Cmp is one STIX comparison, an atom of the formula before the map pass. A negated STIX
// comparison (NOT, !=) is its own atom and not a *Not of the positive one: STIX negation
// applies per object, so "p = v" and "p != v" can both hold in one observation.
type Cmp struct {
	Src *ast.CompareExpr

	resolved bool    // target, absent and err hold the lookup of the property
	target   *target // nil: no field searches the property, or it is absent
	absent   bool    // mapped, but Options.Sources says the events never have it
	err      error
}

// Property returns the compared property as "type:prop.sub" (see [PropertyName]).
func (c *Cmp) Property() string { return PropertyName(c.Src.Path) }

// Term is one HunQ comparison, Field = Value, an atom after the map pass. Src is the STIX
// comparison it comes from.
type Term struct {
	Field string
	Value hunq.Value
	Src   *ast.CompareExpr
}

var (
	constTrue  = &Const{Value: true}
	constFalse = &Const{Value: false}
)

// True and False return the shared constants.
func True() *Const { return constTrue }

// False returns the constant false.
func False() *Const { return constFalse }

func (*Const) expr() {}
func (*Not) expr()   {}
func (*And) expr()   {}
func (*Or) expr()    {}
func (*Cmp) expr()   {}
func (*Term) expr()  {}

// String returns "true" or "false".
func (c *Const) String() string {
	if c.Value {
		return "true"
	}
	return "false"
}

// String returns "NOT x", with x in parentheses when it is a group.
func (n *Not) String() string {
	switch n.X.(type) {
	case *And, *Or:
		return "NOT (" + n.X.String() + ")"
	}
	return "NOT " + n.X.String()
}

// String joins the operands with AND, parenthesising groups.
func (a *And) String() string { return join(a.Xs, " AND ", "true") }

// String joins the operands with OR, parenthesising groups.
func (o *Or) String() string { return join(o.Xs, " OR ", "false") }

func join(xs []Expr, sep, empty string) string {
	if len(xs) == 0 {
		return empty
	}
	var b strings.Builder
	for i, x := range xs {
		if i > 0 {
			b.WriteString(sep)
		}
		switch x.(type) {
		case *And, *Or:
			b.WriteString("(" + x.String() + ")")
		default:
			b.WriteString(x.String())
		}
	}
	return b.String()
}

// String returns the comparison as pattern text writes it, without brackets.
func (c *Cmp) String() string {
	var b strings.Builder
	e := c.Src
	if e.Op == ast.OpExists {
		b.WriteString("EXISTS " + c.Property())
		return b.String()
	}
	b.WriteString(c.Property())
	if e.Negated {
		b.WriteString(" NOT")
	}
	b.WriteString(" " + e.Op.String() + " " + ast.Print(e.Value))
	return b.String()
}

// String returns field = value, the value quoted as Go would quote it.
func (t *Term) String() string {
	switch t.Value.Kind {
	case hunq.String:
		return t.Field + " = " + quote(t.Value.Text)
	default:
		return t.Field + " = " + t.Value.Text
	}
}
