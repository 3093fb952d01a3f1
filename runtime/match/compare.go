package match

import (
	"net/netip"
	"strings"

	"github.com/stix2hunq/stix2hunq/ast"
)

// compare is one compiled comparison: Path Op Value, maybe negated.
type compare struct {
	expr   *ast.CompareExpr
	text   *textMatcher // LIKE and MATCHES
	prefix netip.Prefix // ISSUBSET and ISSUPERSET
}

// compileCompare checks the literal against the operator and prepares what it needs.
// ast.Check refuses the same literals in a parsed pattern; these checks keep a tree built
// by hand from reaching a comparison the matcher cannot evaluate.
func compileCompare(e *ast.CompareExpr) (*compare, error) {
	c := &compare{expr: e}
	if e.Path == nil || len(e.Path.Steps) == 0 {
		return nil, ast.Errorf(e.Pos, "comparison has no object path")
	}
	switch e.Op {
	case ast.OpLike, ast.OpMatches, ast.OpIsSubset, ast.OpIsSuperset:
		s, ok := e.Value.(*ast.StringLit)
		if !ok {
			return nil, ast.Errorf(e.Pos, "%s needs a string literal", e.Op)
		}
		return c, c.compileString(s)
	case ast.OpIn:
		if _, ok := e.Value.(*ast.SetLit); !ok {
			return nil, ast.Errorf(e.Pos, "IN needs a set literal")
		}
	case ast.OpExists:
	default:
		if e.Value == nil {
			return nil, ast.Errorf(e.Pos, "%s needs a value", e.Op)
		}
		if _, ok := e.Value.(*ast.SetLit); ok {
			return nil, ast.Errorf(e.Value.Position(), "%s cannot take a set", e.Op)
		}
	}
	return c, nil
}

func (c *compare) compileString(s *ast.StringLit) error {
	var err error
	switch c.expr.Op {
	case ast.OpLike:
		c.text = compileLike(s.Value)
	case ast.OpMatches:
		c.text, err = compileMatches(s)
	default:
		var ok bool
		c.prefix, ok = parsePrefix(s.Value)
		if !ok {
			return ast.Errorf(s.Pos, "%q is not an IP address or CIDR block", s.Value)
		}
	}
	return err
}

// parsePrefix reads a CIDR block or a single address (a full-length block); a block of
// one family never contains a block of the other.
//
// Note: the reference knows IPv4 only and stops matching with an error on a value or
// operand it cannot read: an IPv6 address, a string that is no address, a block of
// length 0, or (ISSUBSET's operand, ISSUPERSET's value) a plain address. Here IPv6 blocks
// compare as IPv4 blocks do, a plain address is the block of its own length, /0 is every
// address of its family, and a value that is no address satisfies neither operator (so
// NOT ISSUBSET holds for it). Addresses are read strictly (no "127.1" shorthand, no
// leading zeros), as net/netip reads them.
func parsePrefix(s string) (netip.Prefix, bool) {
	if strings.Contains(s, "/") {
		p, err := netip.ParsePrefix(s)
		if err != nil {
			return netip.Prefix{}, false
		}
		return p.Masked(), true
	}
	a, err := netip.ParseAddr(s)
	if err != nil || a.Zone() != "" {
		return netip.Prefix{}, false
	}
	return netip.PrefixFrom(a, a.BitLen()), true
}

// within reports whether block inner lies inside block outer (same address family).
func within(inner, outer netip.Prefix) bool {
	return inner.Addr().Is4() == outer.Addr().Is4() && inner.Bits() >= outer.Bits() &&
		outer.Contains(inner.Addr())
}

// holds reports whether some value selected in root satisfies the comparison. A root whose
// path selects nothing satisfies no comparison but NOT EXISTS.
func (c *compare) holds(o *Observation, root map[string]any) bool {
	vals := selectValues(o, root, c.expr.Path.Steps)
	if c.expr.Op == ast.OpExists {
		return (len(vals) > 0) != c.expr.Negated
	}
	for _, v := range vals {
		if c.test(v) {
			return true
		}
	}
	return false
}

// test applies the operator and the negation to one value, as the reference does: an
// order comparison between kinds that do not order is false even under NOT.
func (c *compare) test(v any) bool {
	e := c.expr
	var r bool
	switch e.Op {
	case ast.OpEqual:
		r = equal(v, e.Value, false)
	case ast.OpNotEqual:
		r = !equal(v, e.Value, false)
	case ast.OpLess, ast.OpLessEqual, ast.OpGreater, ast.OpGreaterEqual:
		cmp, res := order(v, e.Value)
		if res == unordered {
			return false
		}
		r = res == ordered && orderHolds(e.Op, cmp)
	case ast.OpIn:
		r = inSet(v, e.Value.(*ast.SetLit))
	case ast.OpLike, ast.OpMatches:
		r = c.text.match(v)
	case ast.OpIsSubset:
		p, ok := valuePrefix(v)
		r = ok && within(p, c.prefix)
	case ast.OpIsSuperset:
		p, ok := valuePrefix(v)
		r = ok && within(c.prefix, p)
	}
	return r != e.Negated
}

func orderHolds(op ast.CompareOp, cmp int) bool {
	switch op {
	case ast.OpLess:
		return cmp < 0
	case ast.OpLessEqual:
		return cmp <= 0
	case ast.OpGreater:
		return cmp > 0
	}
	return cmp >= 0
}

// inSet reports whether v equals a member of the set, with equal's rules except that a
// string never equals a binary value (the reference's rule: it looks values up in a
// Python set).
//
// Note: the reference's Python set also finds true in a set holding 1 (and false in one
// holding 0), since Python counts booleans as integers there; here a boolean only equals a
// boolean, as with =.
func inSet(v any, set *ast.SetLit) bool {
	for _, el := range set.Elems {
		if equal(v, el, true) {
			return true
		}
	}
	return false
}

func valuePrefix(v any) (netip.Prefix, bool) {
	s, ok := v.(string)
	if !ok {
		return netip.Prefix{}, false
	}
	return parsePrefix(s)
}
