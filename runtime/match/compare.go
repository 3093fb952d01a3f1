package match

import (
	"net/netip"
	"regexp"
	"strings"

	"github.com/stix2hunq/stix2hunq/ast"
)

// compare is one compiled comparison: Path Op Value, maybe negated.
type compare struct {
	expr   *ast.CompareExpr
	re     *regexp.Regexp // LIKE and MATCHES
	reBin  bool           // MATCHES: the expression may be applied to binary values
	prefix netip.Prefix   // ISSUBSET and ISSUPERSET
}

// compileCompare checks the literal against the operator and prepares what it needs.
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
		c.re = regexp.MustCompile(likeToRegexp(s.Value))
	case ast.OpMatches:
		// Limitation: the expression is read with Go's RE2 syntax, not Python's: look-around
		// and back-references are rejected, and \d, \w and \s match ASCII only.
		c.re, err = regexp.Compile(s.Value)
		if err != nil {
			return ast.Errorf(s.Pos, "invalid regular expression %q: %v", s.Value, err)
		}
		_, c.reBin = latin1(s.Value)
	default:
		var ok bool
		c.prefix, ok = parsePrefix(s.Value)
		if !ok {
			return ast.Errorf(s.Pos, "%q is not an IP address or CIDR block", s.Value)
		}
	}
	return nil
}

// likeToRegexp translates a LIKE pattern: % is any run of characters, _ any one
// character, everything else stands for itself (there is no escape character). The whole
// value must match.
//
// Limitation: % and _ also match line breaks, as in SQL; the reference's translation does
// not. Neither the pattern nor the value is put in Unicode normal form C first, as the
// reference does for LIKE and MATCHES: values compare code point by code point.
func likeToRegexp(like string) string {
	var sb strings.Builder
	sb.WriteString(`^(?s:`)
	for _, r := range like {
		switch r {
		case '%':
			sb.WriteString(".*")
		case '_':
			sb.WriteString(".")
		default:
			sb.WriteString(regexp.QuoteMeta(string(r)))
		}
	}
	sb.WriteString(`)$`)
	return sb.String()
}

// parsePrefix reads a CIDR block or a single address (a full-length block). Unlike the
// reference, which knows IPv4 only, it reads IPv6 too; a block of one family never
// contains a block of the other.
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
	case ast.OpLike:
		r = c.like(v)
	case ast.OpMatches:
		r = c.matches(v)
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

// inSet reports whether v equals a member of the set. Limitation: the reference, using a
// Python set, also finds true in a set holding 1 (and false in one holding 0); here a
// boolean only equals a boolean.
func inSet(v any, set *ast.SetLit) bool {
	for _, el := range set.Elems {
		if equal(v, el, true) {
			return true
		}
	}
	return false
}

func (c *compare) like(v any) bool {
	switch x := v.(type) {
	case string:
		return c.re.MatchString(x)
	case []byte:
		return utf8Valid(x) && c.re.MatchString(string(x))
	}
	return false
}

func (c *compare) matches(v any) bool {
	switch x := v.(type) {
	case string:
		return c.re.MatchString(x)
	case []byte:
		return c.reBin && c.re.MatchString(latin1String(x))
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
