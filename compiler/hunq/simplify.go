package hunq

// Simplify folds the constants out of n: AND drops True terms and becomes False with a
// False term, OR drops False terms and becomes True with a True term, NOT of a constant is
// the other constant, and an AND or OR left with one term becomes that term. The result
// holds a ConstExpr only at its root, and only when n is always true or always false.
// Other nodes are shared with n, not copied.
func Simplify(n Node) Node {
	switch n := n.(type) {
	case *AndExpr:
		return simplifyTerms(n.Terms, true)
	case *OrExpr:
		return simplifyTerms(n.Terms, false)
	case *NotExpr:
		x := Simplify(n.X)
		if c, ok := x.(ConstExpr); ok {
			return !c
		}
		if x == n.X {
			return n
		}
		return &NotExpr{X: x}
	}
	return n
}

// simplifyTerms folds the terms of an AND (and is true) or an OR (and is false).
func simplifyTerms(terms []Node, and bool) Node {
	identity, absorbing := ConstExpr(and), ConstExpr(!and)
	kept := make([]Node, 0, len(terms))
	for _, t := range terms {
		s := Simplify(t)
		if c, ok := s.(ConstExpr); ok {
			if c == absorbing {
				return absorbing
			}
			continue
		}
		kept = append(kept, s)
	}
	switch {
	case len(kept) == 0:
		return identity
	case len(kept) == 1:
		return kept[0]
	case and:
		return &AndExpr{Terms: kept}
	}
	return &OrExpr{Terms: kept}
}
