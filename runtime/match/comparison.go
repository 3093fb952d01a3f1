package match

import (
	"slices"
	"sort"

	"github.com/stix2hunq/stix2hunq/ast"
)

// Comparison is a compiled comparison expression: the inside of one pair of brackets.
type Comparison struct {
	root cnode
	// types counts the object types the expression names; with more than one, AND is
	// evaluated over choices of one object per type (see boxes).
	types int
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
	types := map[string]bool{}
	n.types(types)
	return &Comparison{root: n, types: len(types)}, nil
}

// types adds the object types of the comparisons below n to seen.
func (n *cnode) types(seen map[string]bool) {
	if n.cmp != nil {
		seen[n.cmp.expr.Path.ObjectType] = true
	}
	for i := range n.kids {
		n.kids[i].types(seen)
	}
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

// Holds reports whether the comparison expression holds for observation o: whether one
// object of each type it names can be chosen in o such that the expression holds when
// each comparison is tested on the object chosen for its type. Comparisons on one type
// joined by AND must so hold for one object; comparisons on different types, for objects
// of the same observation.
//
// Note: the reference intersects the objects at which each operand of AND holds whatever
// their types, so that there an AND of comparisons on different types never holds. The
// specification (STIX 2.1) asks for one object per type only, and the compiler widens
// such an AND on that reading; the matcher follows it.
func (c *Comparison) Holds(o *Observation) bool {
	if c.types > 1 {
		return len(c.root.boxes(o)) > 0
	}
	return len(c.root.roots(o)) > 0
}

// Roots returns, sorted, the names of the objects of o at which the comparison expression
// holds: for a comparison, the objects of the path's type that satisfy it; for AND, the
// objects that satisfy every operand on their type; for OR, those that satisfy some
// operand.
func (c *Comparison) Roots(o *Observation) []string {
	var r []string
	if c.types > 1 {
		for _, b := range c.root.boxes(o) {
			for _, names := range b {
				r = append(r, names...)
			}
		}
	} else {
		r = c.root.roots(o)
	}
	sort.Strings(r)
	return slices.Compact(r)
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
