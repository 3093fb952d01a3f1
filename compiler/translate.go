package compiler

import (
	"strings"

	"github.com/stix2hunq/stix2hunq/ast"
	"github.com/stix2hunq/stix2hunq/compiler/hunq"
)

// result is the HunQ formula for one comparison on one field.
type result struct {
	expr    Expr
	exact   bool
	reason  string // why the formula is wider than the comparison
	dropped bool   // the comparison cannot be tested: expr is true
}

func exact(e Expr) result { return result{expr: e, exact: true} }

func approx(e Expr, reason string) result { return result{expr: e, reason: reason} }

func drop(reason string) result {
	return result{expr: True(), reason: reason, dropped: true}
}

// translator maps one comparison (op, value) to one field, by the field's kind. op is
// never OpNotEqual: negation is handled by the caller.
type translator struct {
	src     *ast.CompareExpr
	op      ast.CompareOp
	value   ast.Literal
	dialect hunq.Dialect
}

// term builds field = v, or drops the comparison if the dialect cannot write v.
func (t *translator) term(f string, v hunq.Value) result {
	if err := t.dialect.CanExpress(v); err != nil {
		return drop("the dialect cannot write the value: " + err.Error())
	}
	return exact(&Term{Field: f, Value: v, Src: t.src})
}

// positive returns the formula for "some value of f satisfies op value".
func (t *translator) positive(f field) result {
	switch f.kind {
	case termField:
		return t.onTerm(f, t.op, t.value)
	case prefixField:
		return t.onPrefix(f, t.op, t.value)
	case rangeField:
		return t.onRange(f, t.op, t.value)
	}
	return t.onExists(f)
}

func (t *translator) onTerm(f field, op ast.CompareOp, v ast.Literal) result {
	switch op {
	case ast.OpEqual:
		s, ok := scalarText(v)
		if !ok {
			return drop("the value has no text form to search " + f.name + " with")
		}
		if b, isBool := v.(*ast.BoolLit); isBool {
			return t.term(f.name, hunq.Boolean(b.Value))
		}
		return t.term(f.name, hunq.Str(s))
	case ast.OpIn:
		return t.each(v, func(el ast.Literal) result { return t.onTerm(f, ast.OpEqual, el) })
	case ast.OpLike:
		s := v.(*ast.StringLit).Value
		if strings.ContainsAny(s, "%_") {
			return drop("LIKE with wildcards on TERM field " + f.name)
		}
		return t.onTerm(f, ast.OpEqual, v)
	case ast.OpMatches:
		alts, ok := literalAlternation(v.(*ast.StringLit).Value)
		if !ok {
			return drop("MATCHES on TERM field " + f.name + " is not ^literal$ or " +
				"^(a|b|...)$")
		}
		return t.strings(alts, func(s string) result {
			return t.onTerm(f, ast.OpEqual, &ast.StringLit{Value: s})
		})
	case ast.OpIsSubset, ast.OpIsSuperset:
		addr, ok := hostAddress(v.(*ast.StringLit).Value)
		if !ok {
			return drop(op.String() + " of a network wider than one address")
		}
		return t.onTerm(f, ast.OpEqual, &ast.StringLit{Value: addr})
	}
	return drop(op.String() + " on TERM field " + f.name)
}

func (t *translator) onPrefix(f field, op ast.CompareOp, v ast.Literal) result {
	const why = "PREFIX field %s matches a prefix or word, not the whole value"
	switch op {
	case ast.OpEqual:
		s, ok := v.(*ast.StringLit)
		if !ok {
			return drop("a value that is not a string on PREFIX field " + f.name)
		}
		r := t.term(f.name, hunq.Str(s.Value))
		if !r.dropped {
			r.exact, r.reason = false, strings.Replace(why, "%s", f.name, 1)
		}
		return r
	case ast.OpIn:
		return t.each(v, func(el ast.Literal) result { return t.onPrefix(f, ast.OpEqual, el) })
	case ast.OpLike:
		s := v.(*ast.StringLit).Value
		if lit, ok := likePrefix(s); ok {
			return t.onPrefix(f, ast.OpEqual, &ast.StringLit{Value: lit})
		}
		return drop("LIKE on PREFIX field " + f.name + " is not a literal prefix (abc%)")
	case ast.OpMatches:
		if lit, ok := literalPrefix(v.(*ast.StringLit).Value); ok {
			return t.onPrefix(f, ast.OpEqual, &ast.StringLit{Value: lit})
		}
		return drop("MATCHES on PREFIX field " + f.name + " has no anchored literal prefix")
	}
	return drop(op.String() + " on PREFIX field " + f.name)
}

// likePrefix returns abc for the LIKE pattern abc% or abc, and false for other wildcards.
func likePrefix(s string) (string, bool) {
	lit := strings.TrimSuffix(s, "%")
	if lit == "" || strings.ContainsAny(lit, "%_") {
		return "", false
	}
	return lit, true
}

func (t *translator) onExists(f field) result {
	if t.op == ast.OpExists {
		return t.term(f.name, hunq.Boolean(true))
	}
	if b, ok := t.value.(*ast.BoolLit); ok && t.op == ast.OpEqual {
		return t.term(f.name, hunq.Boolean(b.Value))
	}
	return drop(t.op.String() + " on EXISTS field " + f.name)
}

// each ORs the results for the members of a set.
func (t *translator) each(v ast.Literal, f func(ast.Literal) result) result {
	set := v.(*ast.SetLit)
	rs := make([]result, len(set.Elems))
	for i, el := range set.Elems {
		rs[i] = f(el)
	}
	return anyOf(rs)
}

func (t *translator) strings(ss []string, f func(string) result) result {
	rs := make([]result, len(ss))
	for i, s := range ss {
		rs[i] = f(s)
	}
	return anyOf(rs)
}

// anyOf ORs results: dropped if one is, exact if all are.
func anyOf(rs []result) result { return combine(rs, false) }

// allOf ANDs results: dropped if one is, exact if all are.
func allOf(rs []result) result { return combine(rs, true) }

func combine(rs []result, and bool) result {
	if len(rs) == 1 {
		return rs[0]
	}
	out := result{exact: true}
	xs := make([]Expr, 0, len(rs))
	for _, r := range rs {
		if r.dropped && !and {
			return r
		}
		if !r.exact && out.exact {
			out.exact, out.reason = false, r.reason
		}
		if !r.dropped {
			xs = append(xs, r.expr)
		}
	}
	if and {
		out.expr = &And{Xs: xs}
	} else {
		out.expr = &Or{Xs: xs}
	}
	return out
}

// hostAddress returns the address of a /32 IPv4 or /128 IPv6 network.
func hostAddress(cidr string) (string, bool) {
	addr, bits, ok := strings.Cut(cidr, "/")
	if !ok {
		return "", false
	}
	if bits == "32" && !strings.Contains(addr, ":") || bits == "128" && strings.Contains(addr, ":") {
		return addr, addr != ""
	}
	return "", false
}
