package hunq

import (
	"errors"
	"fmt"
	"strings"
)

// ErrConst is returned by the printer for a constant node: the compiler must simplify it
// away (or decide what a query that is always true or false means) before printing.
var ErrConst = errors.New("hunq: a constant true or false cannot be printed")

// Print writes n in the default dialect.
func Print(n Node) (string, error) { return DefaultDialect.Print(n) }

// Print writes n as canonical HunQ text: comparisons as `field = value`, terms joined by
// ` AND ` or ` OR `, and every nested AND or OR in parentheses, so the text never depends
// on HunQ's undocumented precedence. It refuses constants (ErrConst), AND and OR with
// fewer than two terms, field names that are not identifiers, NOT over a group where the
// dialect does not allow it, and values the dialect cannot express (*InexpressibleError).
func (d Dialect) Print(n Node) (string, error) {
	var b strings.Builder
	b.Grow(printedSize(n))
	if err := d.print(&b, n, false); err != nil {
		return "", err
	}
	return b.String(), nil
}

func (d Dialect) print(b *strings.Builder, n Node, nested bool) error {
	switch n := n.(type) {
	case *CompareExpr:
		return d.printCompare(b, n)
	case *AndExpr:
		return d.printTerms(b, n.Terms, "AND", nested)
	case *OrExpr:
		return d.printTerms(b, n.Terms, "OR", nested)
	case *NotExpr:
		return d.printNot(b, n)
	case ConstExpr:
		return ErrConst
	case nil:
		return errors.New("hunq: nil node")
	}
	return fmt.Errorf("hunq: unknown node %T", n)
}

func (d Dialect) printCompare(b *strings.Builder, c *CompareExpr) error {
	if !isField(c.Field) {
		return fmt.Errorf("hunq: %q is not a field name", c.Field)
	}
	b.WriteString(c.Field)
	b.WriteByte(' ')
	b.WriteString(c.Op.String())
	b.WriteByte(' ')
	return d.writeValue(b, c.Value)
}

func (d Dialect) printTerms(b *strings.Builder, terms []Node, op string, nested bool) error {
	if len(terms) < 2 {
		return fmt.Errorf("hunq: %s with %d terms", op, len(terms))
	}
	if nested {
		b.WriteByte('(')
	}
	sep := " " + d.keyword(op) + " "
	for i, t := range terms {
		if i > 0 {
			b.WriteString(sep)
		}
		if err := d.print(b, t, true); err != nil {
			return err
		}
	}
	if nested {
		b.WriteByte(')')
	}
	return nil
}

func (d Dialect) printNot(b *strings.Builder, n *NotExpr) error {
	switch n.X.(type) {
	case *AndExpr, *OrExpr:
		if !d.NotGroup {
			return errors.New("hunq: the dialect does not allow NOT over a group")
		}
	}
	b.WriteString(d.keyword("NOT"))
	b.WriteByte(' ')
	return d.print(b, n.X, true)
}

// isField reports whether s is a field name: [$_A-Za-z][$_A-Za-z0-9.]* and no keyword.
func isField(s string) bool {
	if s == "" || !isFieldStart(s[0]) {
		return false
	}
	for i := 1; i < len(s); i++ {
		if !isFieldByte(s[i]) {
			return false
		}
	}
	return keywordOf(s) == tokField
}

func isFieldStart(c byte) bool {
	return c == '$' || c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func isFieldByte(c byte) bool {
	return isFieldStart(c) || c == '.' || c >= '0' && c <= '9'
}

// printedSize estimates the length of n's text, so that the printer allocates once.
func printedSize(n Node) int {
	switch n := n.(type) {
	case *CompareExpr:
		return len(n.Field) + len(n.Value.Text) + 7
	case *AndExpr:
		return termsSize(n.Terms) + 5*len(n.Terms)
	case *OrExpr:
		return termsSize(n.Terms) + 4*len(n.Terms)
	case *NotExpr:
		return printedSize(n.X) + 4
	}
	return 0
}

func termsSize(terms []Node) int {
	size := 2
	for _, t := range terms {
		size += printedSize(t)
	}
	return size
}
