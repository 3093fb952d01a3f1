package compiler

import (
	"strings"

	"github.com/stix2hunq/stix2hunq/ast"
	"github.com/stix2hunq/stix2hunq/compiler/mapping"
)

// mapPass replaces each STIX comparison by HunQ terms on the fields that search its
// property, following the operator and field-kind table of the design: exact where HunQ
// says the same, wider (with a recorded reason) where it cannot, never narrower. A
// comparison under a NOT of the formula widens to false instead of true.
func mapPass(u *unit) error {
	for i, o := range u.obs {
		u.sameObject(i, o.expr)
		o.expr = u.mapExpr(i, o.expr, false)
	}
	return nil
}

// mapExpr maps the atoms of e; neg tells whether e sits under an odd number of NOTs.
func (u *unit) mapExpr(i int, e Expr, neg bool) Expr {
	switch e := e.(type) {
	case *Cmp:
		return u.mapCmp(i, e, neg)
	case *Not:
		return &Not{X: u.mapExpr(i, e.X, !neg)}
	case *And:
		return &And{Xs: u.mapList(i, e.Xs, neg)}
	case *Or:
		return &Or{Xs: u.mapList(i, e.Xs, neg)}
	}
	return e
}

func (u *unit) mapList(i int, xs []Expr, neg bool) []Expr {
	out := make([]Expr, len(xs))
	for j, x := range xs {
		out[j] = u.mapExpr(i, x, neg)
	}
	return out
}

// mapCmp maps one comparison and records the decision and any widening.
func (u *unit) mapCmp(i int, c *Cmp, neg bool) Expr {
	t, _ := u.targetOf(c)
	var r result
	switch {
	case t != nil:
		r = u.translate(c, t)
	case len(u.unsearchedOf(c)) > 0:
		r = drop("complete mode: no HunQ field searches the property, which comes from " +
			strings.Join(u.unsearchedOf(c), ", "))
	default:
		return False() // unmappedPass has recorded it
	}
	if r.dropped && neg {
		r.expr = False()
	}
	if !r.exact {
		u.widen(i, c.Src, r.dropped, r.reason)
	}
	if u.opts.Trace {
		u.plan.Decisions = append(u.plan.Decisions, Decision{Observation: i, Pos: c.Src.Pos,
			Comparison: c.String(), Result: r.expr.String(), Note: decisionNote(t, r)})
	}
	return r.expr
}

func decisionNote(t *target, r result) string {
	if t == nil || t.present {
		return "no field searches it; widened to true: " + r.reason
	}
	names := make([]string, len(t.fields))
	for i, f := range t.fields {
		names[i] = f.name + " (" + f.kind.String() + ")"
	}
	note := "fields " + strings.Join(names, ", ")
	if t.single {
		note += "; single-valued"
	}
	switch {
	case r.dropped:
		return note + "; widened to true: " + r.reason
	case !r.exact:
		return note + "; inexact: " + r.reason
	}
	return note + "; exact"
}

// translate maps one comparison onto the fields of its target.
func (u *unit) translate(c *Cmp, t *target) result {
	if paths := u.unsearchedOf(c); len(paths) > 0 {
		return drop("complete mode: the property also comes from " +
			strings.Join(paths, ", ") + ", which no mapped field reads")
	}
	if t.present {
		return drop("events carry the property, but no HunQ field searches it as STIX " +
			"writes it")
	}
	op, neg := normalise(c.Src)
	tr := translator{src: c.Src, op: op, value: c.Src.Value, dialect: u.opts.Dialect,
		terms: &u.terms}
	if neg {
		return tr.negated(t)
	}
	var buf [4]result
	rs := buf[:0]
	for _, f := range t.fields {
		rs = append(rs, tr.positive(f))
	}
	r := anyOf(rs)
	switch {
	case t.wide:
		r = r.inexact("the fields also search values of other properties")
	case hasIndex(c.Src.Path):
		r = r.inexact("HunQ searches every member of the list, the pattern one")
	case hasReference(c.Src.Path):
		r = r.inexact("HunQ finds the value whether or not the event's STIX has an object " +
			"referring to it")
	case !kindFits(t.kind, c.Src.Value):
		r = r.inexact("the property holds " + t.kind.String() + " values; HunQ matches a " +
			"literal of another kind by its text, STIX does not")
	case numericText(c.Src.Value) && anyTerm(t.fields):
		r = r.inexact(numberText)
	}
	return r
}

// kindFits reports whether every value of l is of a kind that values of kind k can equal
// in the runtime's matcher: for an address property, an address or block of its family.
// EXISTS has no value and always fits.
func kindFits(k mapping.ValueKind, l ast.Literal) bool {
	switch l := l.(type) {
	case nil:
		return true
	case *ast.SetLit:
		for _, el := range l.Elems {
			if !kindFits(k, el) {
				return false
			}
		}
		return true
	case *ast.IntLit, *ast.FloatLit:
		return k == mapping.KindInt
	case *ast.BoolLit:
		return k == mapping.KindBool
	case *ast.StringLit:
		switch k {
		case mapping.KindString:
			return true
		case mapping.KindIPv4, mapping.KindIPv6:
			b, ok := parseBlock(l.Value)
			return ok && b.Addr().Is4() == (k == mapping.KindIPv4)
		}
	}
	return false
}

// normalise folds NOT and != into the operator: it returns the positive operator and
// whether the comparison is negated. A negated order comparison becomes its complement:
// the matcher takes an order comparison between kinds that do not order as false, with or
// without NOT, and so does the complement.
func normalise(e *ast.CompareExpr) (ast.CompareOp, bool) {
	op, neg := e.Op, e.Negated
	if op == ast.OpNotEqual {
		op, neg = ast.OpEqual, !neg
	}
	if !neg {
		return op, false
	}
	switch op {
	case ast.OpLess:
		return ast.OpGreaterEqual, false
	case ast.OpLessEqual:
		return ast.OpGreater, false
	case ast.OpGreater:
		return ast.OpLessEqual, false
	case ast.OpGreaterEqual:
		return ast.OpLess, false
	}
	return op, true
}

// negated translates a negated comparison. STIX negation holds per object: "some object
// has the property, with a value that does not match". HunQ's NOT holds per event, so the
// two agree only when the event holds at most one value of the property: one single-valued
// property of the value's kind, on one field that reads one path and no other property.
// Then a TERM field takes NOT f = v (NOT IN is NOT over an OR, which nnf turns into
// NOT f = a AND NOT f = b) and a range field the values outside the bounds. Anything else
// widens: with two fields, say pid and ppid, an event whose pid is 4 and ppid 1 holds a
// process (the parent) whose pid is not 4, which NOT pid = 4 AND NOT ppid = 4 would lose.
func (tr *translator) negated(t *target) result {
	switch {
	case !t.single:
		return drop("negation holds per object, and the property can hold several values")
	case t.wide:
		return drop("negation over fields that also search other properties")
	case len(t.fields) > 1:
		return drop("negation holds per object, and the property is searched in several " +
			"fields, which can hold different objects")
	case !kindFits(t.kind, tr.value):
		return drop("the value is not of the property's kind (" + t.kind.String() +
			"), so every object with the property differs from it")
	}
	f := t.fields[0]
	switch {
	case f.universal:
		return drop("negation over " + f.name + ", which searches several objects")
	case len(f.paths) > 1:
		return drop("negation over " + f.name + ", which reads several event paths")
	case f.kind == rangeField:
		return tr.outsideRange(f, tr.op, tr.value)
	case f.kind != termField:
		return drop("negation on " + f.kind.String() + " field " + f.name)
	}
	r := tr.positive(f)
	switch {
	case !r.exact:
		return drop("negation of an inexact match: " + r.reason)
	case numericText(tr.value):
		return drop("negation of an inexact match: " + numberText)
	}
	return approx(&Not{X: r.expr}, "NOT also selects events that lack the property")
}
