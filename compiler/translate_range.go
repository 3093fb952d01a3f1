package compiler

import (
	"math"
	"strconv"

	"github.com/stix2hunq/stix2hunq/ast"
	"github.com/stix2hunq/stix2hunq/compiler/hunq"
)

// bound is a number for a range field: an integer, or a float that is not one.
type bound struct {
	i     int64
	f     float64
	isInt bool
}

func boundOf(v ast.Literal) (bound, bool) {
	switch v := v.(type) {
	case *ast.IntLit:
		return bound{i: v.Value, isInt: true}, true
	case *ast.FloatLit:
		if math.IsNaN(v.Value) || math.IsInf(v.Value, 0) {
			return bound{}, false
		}
		return bound{f: v.Value}, true
	}
	return bound{}, false
}

func (b bound) value() hunq.Value {
	if b.isInt {
		return hunq.Int(b.i)
	}
	return hunq.Value{Kind: hunq.Number, Text: strconv.FormatFloat(b.f, 'f', -1, 64)}
}

// next returns the bound moved by one integer step up (+1) or down (-1); ok is false
// when the bound is not an integer or would overflow.
func (b bound) next(step int64) (bound, bool) {
	if !b.isInt || step > 0 && b.i == math.MaxInt64 || step < 0 && b.i == math.MinInt64 {
		return b, false
	}
	return bound{i: b.i + step, isInt: true}, true
}

func (t *translator) gte(f field, b bound) Expr {
	return t.terms.new(f.name+".gte", b.value(), t.src)
}

func (t *translator) lte(f field, b bound) Expr {
	return t.terms.new(f.name+".lte", b.value(), t.src)
}

// onRange translates a comparison on a range field: inclusive bounds, strict ones exact
// on integers.
func (t *translator) onRange(f field, op ast.CompareOp, v ast.Literal) result {
	switch op {
	case ast.OpIn:
		return t.each(v, func(el ast.Literal) result { return t.onRange(f, ast.OpEqual, el) })
	case ast.OpExists, ast.OpLike, ast.OpMatches, ast.OpIsSubset, ast.OpIsSuperset:
		return drop(op.String() + " on range field " + f.name)
	}
	b, ok := boundOf(v)
	if !ok {
		return drop(op.String() + " with a value that is not a number on range field " +
			f.name)
	}
	switch op {
	case ast.OpEqual:
		return exact(&And{Xs: []Expr{t.gte(f, b), t.lte(f, b)}})
	case ast.OpLessEqual:
		return exact(t.lte(f, b))
	case ast.OpGreaterEqual:
		return exact(t.gte(f, b))
	case ast.OpLess:
		if n, ok := b.next(-1); ok {
			return exact(t.lte(f, n))
		}
		return approx(t.lte(f, b), "a strict bound that is not an integer is sent inclusive")
	case ast.OpGreater:
		if n, ok := b.next(1); ok {
			return exact(t.gte(f, n))
		}
		return approx(t.gte(f, b), "a strict bound that is not an integer is sent inclusive")
	}
	return drop(op.String() + " on range field " + f.name)
}

// outsideRange translates "some value of f differs from v" (and, for IN, from every
// member): the value lies below or above the bounds.
func (t *translator) outsideRange(f field, op ast.CompareOp, v ast.Literal) result {
	if op == ast.OpIn {
		set := v.(*ast.SetLit)
		rs := make([]result, len(set.Elems))
		for i, el := range set.Elems {
			rs[i] = t.outsideRange(f, ast.OpEqual, el)
		}
		return allOf(rs)
	}
	b, ok := boundOf(v)
	if op != ast.OpEqual || !ok {
		return drop("negated " + op.String() + " on range field " + f.name)
	}
	lo, okLo := b.next(-1)
	hi, okHi := b.next(1)
	if okLo && okHi {
		return exact(&Or{Xs: []Expr{t.lte(f, lo), t.gte(f, hi)}})
	}
	return approx(&Or{Xs: []Expr{t.lte(f, b), t.gte(f, b)}},
		"a value that is not an integer: the bounds also select it")
}
