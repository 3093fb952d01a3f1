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
	var s operandSet
	if len(flat) > smallGroup {
		s.atoms = make(map[atomKey]uint8, len(flat))
	}
	kept := flat[:0]
	for _, x := range flat {
		switch s.add(x) {
		case duplicate:
			continue
		case complement:
			return absorbing // x and NOT x
		}
		kept = append(kept, x)
	}
	return finish(absorb(kept, &s, and), identity, and)
}

// smallGroup is the size up to which a group's operands are compared pairwise rather than
// through a map.
const smallGroup = 8

// operandSet holds the operands of a group seen so far.
type operandSet struct {
	atoms    map[atomKey]uint8 // for large groups: the atom's key, the signs seen
	list     []atomKey         // for small groups
	compound map[string]bool   // groups, by their text
}

// The signs of an atom in operandSet.atoms.
const (
	seenPositive uint8 = 1 << iota
	seenNegated
)

type addResult uint8

const (
	added addResult = iota
	duplicate
	complement
)

// add records x and says whether it repeats or complements an operand seen before.
func (s *operandSet) add(x Expr) addResult {
	k, ok := keyOf(x)
	if !ok {
		if s.compound == nil {
			s.compound = map[string]bool{}
		}
		text := x.String()
		if s.compound[text] {
			return duplicate
		}
		s.compound[text] = true
		return added
	}
	if s.atoms != nil {
		return s.addAtom(k)
	}
	if s.has(k) {
		return duplicate
	}
	k.neg = !k.neg
	if s.has(k) {
		return complement
	}
	k.neg = !k.neg
	s.list = append(s.list, k)
	return added
}

// addAtom records an atom of a large group, with one lookup and one store.
func (s *operandSet) addAtom(k atomKey) addResult {
	sign, other := seenPositive, seenNegated
	if k.neg {
		sign, other = other, sign
	}
	k.neg = false
	seen := s.atoms[k]
	switch {
	case seen&sign != 0:
		return duplicate
	case seen&other != 0:
		return complement
	}
	s.atoms[k] = seen | sign
	return added
}

func (s *operandSet) has(k atomKey) bool {
	if s.atoms != nil {
		sign := seenPositive
		if k.neg {
			sign = seenNegated
		}
		k.neg = false
		return s.atoms[k]&sign != 0
	}
	for _, l := range s.list {
		if l == k {
			return true
		}
	}
	return false
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
func absorb(xs []Expr, s *operandSet, and bool) []Expr {
	kept := xs[:0]
	for _, x := range xs {
		if inner, ok := group(x, !and); ok && holdsAtom(inner, s) {
			continue
		}
		kept = append(kept, x)
	}
	return kept
}

func holdsAtom(xs []Expr, s *operandSet) bool {
	for _, x := range xs {
		if k, ok := keyOf(x); ok && s.has(k) {
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
