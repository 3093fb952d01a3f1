package compiler

import "github.com/stix2hunq/stix2hunq/compiler/hunq"

// simplifyPass folds constants, removes duplicate operands, and removes operands that
// another absorbs: x OR (x AND y) is x, x AND (x OR y) is x, x AND NOT x is false and
// x OR NOT x is true. A group left with one operand becomes that operand. Operands keep
// their order; the first of duplicates stays.
func simplifyPass(u *unit) error {
	u.rewrite(Simplify)
	return nil
}

// Simplify returns e simplified as simplifyPass describes.
func Simplify(e Expr) Expr {
	switch e := e.(type) {
	case *Not:
		x := Simplify(e.X)
		if c, ok := x.(*Const); ok {
			return constOf(!c.Value)
		}
		if n, ok := x.(*Not); ok {
			return n.X
		}
		return &Not{X: x}
	case *And:
		return simplifyGroup(e.Xs, true)
	case *Or:
		return simplifyGroup(e.Xs, false)
	}
	return e
}

// atomKey identifies an atom or a negated atom, for duplicate and complement tests.
type atomKey struct {
	neg   bool
	field string
	kind  hunq.ValueKind
	text  string
}

// keyOf returns the key of an atom or a negated atom, and false for anything else.
func keyOf(e Expr) (atomKey, bool) {
	neg := false
	if n, ok := e.(*Not); ok {
		neg, e = true, n.X
	}
	switch a := e.(type) {
	case *Term:
		return atomKey{neg: neg, field: a.Field, kind: a.Value.Kind, text: a.Value.Text}, true
	case *Cmp:
		return atomKey{neg: neg, field: "\x00", text: a.String()}, true
	}
	return atomKey{}, false
}

func simplifyGroup(xs []Expr, and bool) Expr {
	identity, absorbing := constOf(and), constOf(!and)
	flat := make([]Expr, 0, len(xs))
	for _, x := range xs {
		y := Simplify(x)
		if c, ok := y.(*Const); ok {
			if c.Value != and {
				return absorbing
			}
			continue
		}
		if g, ok := group(y, and); ok {
			flat = append(flat, g...)
			continue
		}
		flat = append(flat, y)
	}
	atoms := make(map[atomKey]bool, len(flat))
	kept := flat[:0]
	var compound map[string]bool
	for _, x := range flat {
		if k, ok := keyOf(x); ok {
			if atoms[k] {
				continue
			}
			k.neg = !k.neg
			if atoms[k] {
				return absorbing // x and NOT x
			}
			k.neg = !k.neg
			atoms[k] = true
		} else {
			if compound == nil {
				compound = map[string]bool{}
			}
			s := x.String()
			if compound[s] {
				continue
			}
			compound[s] = true
		}
		kept = append(kept, x)
	}
	return finish(absorb(kept, atoms, and), identity, and)
}

// group returns the operands of e when e is a group of the same operator.
func group(e Expr, and bool) ([]Expr, bool) {
	if a, ok := e.(*And); ok && and {
		return a.Xs, true
	}
	if o, ok := e.(*Or); ok && !and {
		return o.Xs, true
	}
	return nil, false
}

// absorb drops each operand of the dual operator that holds one of the atoms of the
// group: in an OR, (x AND y) goes when x is an operand; in an AND, (x OR y) does.
func absorb(xs []Expr, atoms map[atomKey]bool, and bool) []Expr {
	kept := xs[:0]
	for _, x := range xs {
		if inner, ok := group(x, !and); ok && holdsAtom(inner, atoms) {
			continue
		}
		kept = append(kept, x)
	}
	return kept
}

func holdsAtom(xs []Expr, atoms map[atomKey]bool) bool {
	for _, x := range xs {
		if k, ok := keyOf(x); ok && atoms[k] {
			return true
		}
	}
	return false
}

func finish(xs []Expr, identity *Const, and bool) Expr {
	switch len(xs) {
	case 0:
		return identity
	case 1:
		return xs[0]
	}
	if and {
		return &And{Xs: xs}
	}
	return &Or{Xs: xs}
}
