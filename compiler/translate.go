package compiler

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

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

// inexact returns r marked inexact for reason, unless it already is.
func (r result) inexact(reason string) result {
	if r.exact {
		r.exact, r.reason = false, reason
	}
	return r
}

// translator maps one comparison (op, value) to one field, by the field's kind. op is
// never OpNotEqual: negation is handled by the caller.
type translator struct {
	src     *ast.CompareExpr
	op      ast.CompareOp
	value   ast.Literal
	dialect hunq.Dialect
	terms   *termBlock
}

// termBlock hands out terms allocated in blocks, each twice the last up to 64.
type termBlock struct {
	free []Term
	size int
}

func (b *termBlock) new(field string, v hunq.Value, src *ast.CompareExpr) *Term {
	if len(b.free) == 0 {
		b.size = min(2*b.size+4, 64)
		b.free = make([]Term, b.size)
	}
	t := &b.free[0]
	b.free = b.free[1:]
	*t = Term{Field: field, Value: v, Src: src}
	return t
}

// term builds field = v, or drops the comparison if the dialect cannot write v.
func (t *translator) term(f string, v hunq.Value) result {
	if err := t.dialect.CanExpress(v); err != nil {
		return drop("the dialect cannot write the value: " + err.Error())
	}
	return exact(t.terms.new(f, v, t.src))
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
		return t.termEqual(f, v)
	case ast.OpIn:
		return t.each(v, func(el ast.Literal) result { return t.termEqual(f, el) })
	case ast.OpLike:
		s := v.(*ast.StringLit).Value
		switch {
		case strings.ContainsAny(s, "%_"):
			return drop("LIKE with a wildcard on TERM field " + f.name)
		case !plainText(s):
			return drop(normalFormReason)
		}
		return t.termEqual(f, v)
	case ast.OpMatches:
		alts, ok := wholeMatches(v.(*ast.StringLit).Value)
		switch {
		case !ok:
			return drop("MATCHES on TERM field " + f.name + " is not anchored (^...$) " +
				"around a finite set of literal strings")
		case !allPlainText(alts):
			return drop(normalFormReason)
		}
		return t.strings(alts, func(s string) result {
			r := t.termEqual(f, strLit(s))
			if numericText(strLit(s)) {
				r = r.inexact(numberText)
			}
			return r
		})
	case ast.OpIsSubset, ast.OpIsSuperset:
		addrs, ok := networkAddresses(v.(*ast.StringLit).Value, op == ast.OpIsSubset)
		if !ok {
			return drop(op.String() + " of a network of more than " +
				"16 addresses on TERM field " + f.name)
		}
		return t.strings(addrs, func(s string) result { return t.termEqual(f, strLit(s)) })
	}
	return drop(op.String() + " on TERM field " + f.name)
}

// termEqual is f = v on a TERM field.
//
// Limitation: TERM is taken as exact, case-sensitive equality on the value's text, and a
// quoted number as matching the number; the Hunt API documents neither.
func (t *translator) termEqual(f field, v ast.Literal) result {
	hv, why := searchValue(v)
	if why != "" {
		return drop(why + " to search TERM field " + f.name + " with")
	}
	r := t.term(f.name, hv)
	if hv.Kind == hunq.String && strings.ContainsAny(hv.Text, "*?") {
		r = r.inexact("HunQ may read * and ? as wildcards")
	}
	return r
}

// numberText is why a string literal that reads as a number is inexact on a TERM field.
const numberText = "HunQ compares a number by its value, and the property's text may " +
	"spell it otherwise (08, 8.0)"

// numericText reports whether l is a string, or a set holding one, that HunQ reads as a
// number: a TERM field compares a number with the event's value by value, where STIX
// compares the property's text.
func numericText(l ast.Literal) bool {
	switch l := l.(type) {
	case *ast.StringLit:
		if !mayBeNumber(l.Value) {
			return false
		}
		f, err := strconv.ParseFloat(l.Value, 64)
		return err == nil && !math.IsInf(f, 0) && !math.IsNaN(f)
	case *ast.SetLit:
		for _, el := range l.Elems {
			if numericText(el) {
				return true
			}
		}
	}
	return false
}

// mayBeNumber reports whether ParseFloat could read s as a finite number. It reads a decimal
// s in full, and leaves one with a base prefix or digit separators to ParseFloat; a false
// answer spares ParseFloat's error, which allocates, for the many strings that are no number
// (addresses, names, most hashes).
func mayBeNumber(s string) bool {
	if s != "" && (s[0] == '+' || s[0] == '-') {
		s = s[1:]
	}
	if len(s) > 1 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') {
		return true
	}
	digits, dot, exp := false, false, false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case '0' <= c && c <= '9':
			digits = true
		case c == '.' && !dot && !exp:
			dot = true
		case (c == 'e' || c == 'E') && digits && !exp:
			exp, digits = true, false
			if i+1 < len(s) && (s[i+1] == '+' || s[i+1] == '-') {
				i++
			}
		case c == '_': // a digit separator: ParseFloat says where it may stand
			return true
		default:
			return false
		}
	}
	return digits
}

// anyTerm reports whether one of fs is a TERM field.
func anyTerm(fs []field) bool {
	for _, f := range fs {
		if f.kind == termField {
			return true
		}
	}
	return false
}

// normalFormReason is why LIKE and MATCHES on text beyond ASCII widen.
const normalFormReason = "LIKE and MATCHES compare in Unicode normal form C, and text " +
	"beyond ASCII has other spellings (é composed or not), which HunQ compares as different"

// plainText reports whether s is ASCII, whose only spelling in normal form C is itself.
//
// Limitation: three code points outside ASCII (U+212A KELVIN SIGN, U+037E GREEK QUESTION
// MARK, U+1FEF GREEK VARIA) have an ASCII letter as their normal form C; an event holding
// one where the pattern has K, ; or ` is missed by LIKE and MATCHES searches.
func plainText(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func allPlainText(ss []string) bool {
	for _, s := range ss {
		if !plainText(s) {
			return false
		}
	}
	return true
}

func strLit(s string) *ast.StringLit { return &ast.StringLit{Value: s} }

func (t *translator) onPrefix(f field, op ast.CompareOp, v ast.Literal) result {
	switch op {
	case ast.OpEqual:
		return t.prefixEqual(f, v)
	case ast.OpIn:
		return t.each(v, func(el ast.Literal) result { return t.prefixEqual(f, el) })
	case ast.OpLike:
		lit := likePrefix(v.(*ast.StringLit).Value)
		switch {
		case lit == "":
			return drop("LIKE on PREFIX field " + f.name + " starts with a wildcard")
		case !plainText(lit):
			return drop(normalFormReason)
		}
		return t.prefixEqual(f, strLit(lit))
	case ast.OpMatches:
		lits, ok := regexPrefixes(v.(*ast.StringLit).Value)
		switch {
		case !ok:
			return drop("MATCHES on PREFIX field " + f.name + " has no anchored literal prefix")
		case !allPlainText(lits):
			return drop(normalFormReason)
		}
		return t.strings(lits, func(s string) result { return t.prefixEqual(f, strLit(s)) })
	}
	return drop(op.String() + " on PREFIX field " + f.name)
}

// prefixEqual is f = v on a PREFIX field: it matches every value that starts with v, and
// more, so it is never exact.
//
// Limitation: that f = v matches every value starting with v (whatever else it matches) is
// inferred from working queries, not documented; an empty prefix is widened because what
// it matches is unknown.
func (t *translator) prefixEqual(f field, v ast.Literal) result {
	hv, why := searchValue(v)
	switch {
	case why != "":
		return drop(why + " to search PREFIX field " + f.name + " with")
	case hv.Kind == hunq.String && hv.Text == "":
		return drop("an empty prefix on PREFIX field " + f.name)
	}
	return t.term(f.name, hunq.Str(hv.Text)).inexact("PREFIX field " + f.name +
		" matches a prefix or a word, not the whole value")
}

// likePrefix returns the literal text before the first wildcard of a LIKE pattern.
func likePrefix(s string) string {
	if i := strings.IndexAny(s, "%_"); i >= 0 {
		return s[:i]
	}
	return s
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

// allOf ANDs results: exact if all are; a dropped operand is left out.
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
