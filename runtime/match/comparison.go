package match

import (
	"sort"

	"github.com/stix2hunq/stix2hunq/ast"
)

// Comparison is a compiled comparison expression: the inside of one pair of brackets.
type Comparison struct {
	root cnode
}

// cnode is a node of a compiled comparison expression.
type cnode struct {
	cmp  *compare // a leaf when set
	and  bool
	kids []cnode
}

// CompileComparison prepares a comparison expression for evaluation. It fails on a literal
// that does not suit its operator, such as an invalid regular expression or CIDR block.
func CompileComparison(e ast.ComparisonExpr) (*Comparison, error) {
	n, err := compileCNode(e)
	if err != nil {
		return nil, err
	}
	return &Comparison{root: n}, nil
}

func compileCNode(e ast.ComparisonExpr) (cnode, error) {
	switch e := e.(type) {
	case *ast.CompareExpr:
		c, err := compileCompare(e)
		return cnode{cmp: c}, err
	case *ast.ComparisonBinaryExpr:
		n := cnode{and: e.Op == ast.BoolAnd}
		for _, k := range e.Operands {
			kn, err := compileCNode(k)
			if err != nil {
				return cnode{}, err
			}
			n.kids = append(n.kids, kn)
		}
		if len(n.kids) == 0 {
			return cnode{}, ast.Errorf(e.Pos, "%s without operands", e.Op)
		}
		return n, nil
	case nil:
		return cnode{}, ast.Errorf(ast.Pos{}, "empty comparison expression")
	}
	return cnode{}, ast.Errorf(e.Position(), "unknown comparison expression %T", e)
}

// Holds reports whether the comparison expression holds for observation o.
func (c *Comparison) Holds(o *Observation) bool {
	return len(c.root.roots(o)) > 0
}

// Roots returns, sorted, the names of the objects of o at which the comparison expression
// holds: for a comparison, the objects of the path's type that satisfy it; for AND, the
// objects that satisfy every operand; for OR, those that satisfy some operand.
func (c *Comparison) Roots(o *Observation) []string {
	r := c.root.roots(o)
	sort.Strings(r)
	return r
}

func (n *cnode) roots(o *Observation) []string {
	if n.cmp != nil {
		return n.cmp.roots(o)
	}
	acc := n.kids[0].roots(o)
	for i := 1; i < len(n.kids); i++ {
		if n.and && len(acc) == 0 {
			return nil
		}
		acc = combine(acc, n.kids[i].roots(o), n.and)
	}
	return acc
}

// roots returns the objects of the path's type that satisfy the comparison.
func (c *compare) roots(o *Observation) []string {
	var out []string
	for name, obj := range o.Objects {
		if t, _ := obj["type"].(string); t != c.expr.Path.ObjectType {
			continue
		}
		if c.holds(o, obj) {
			out = append(out, name)
		}
	}
	return out
}

// combine intersects (and) or unites two small sets of names.
func combine(a, b []string, and bool) []string {
	var out []string
	if !and {
		out = append(out, a...)
	}
	for _, x := range b {
		in := contains(a, x)
		if in == and {
			out = append(out, x)
		}
	}
	return out
}

func contains(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}
