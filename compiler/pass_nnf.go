package compiler

// nnfPass pushes every NOT down to a single term with De Morgan's laws: NOT (a OR b)
// becomes NOT a AND NOT b, NOT (a AND b) becomes NOT a OR NOT b, NOT NOT a becomes a and
// NOT of a constant the other constant. HunQ's NOT over a group is unverified, so after
// this pass NOT only ever negates one term.
func nnfPass(u *unit) error {
	u.rewrite(NNF)
	return nil
}

// NNF returns e in negation normal form.
func NNF(e Expr) Expr { return nnf(e, false) }

// nnf returns e, or its negation when neg is set, in negation normal form. A formula
// already in that form comes back as it is.
func nnf(e Expr, neg bool) Expr {
	if !neg && negationNormal(e) {
		return e
	}
	switch e := e.(type) {
	case *Not:
		return nnf(e.X, !neg)
	case *And:
		xs := nnfList(e.Xs, neg)
		if neg {
			return &Or{Xs: xs}
		}
		return &And{Xs: xs}
	case *Or:
		xs := nnfList(e.Xs, neg)
		if neg {
			return &And{Xs: xs}
		}
		return &Or{Xs: xs}
	case *Const:
		if neg {
			return constOf(!e.Value)
		}
		return e
	}
	if neg {
		return &Not{X: e}
	}
	return e
}

func nnfList(xs []Expr, neg bool) []Expr {
	out := make([]Expr, len(xs))
	for i, x := range xs {
		out[i] = nnf(x, neg)
	}
	return out
}

func constOf(b bool) *Const {
	if b {
		return True()
	}
	return False()
}

// negationNormal reports whether NOT in e only ever negates a single atom.
func negationNormal(e Expr) bool {
	switch e := e.(type) {
	case *Not:
		switch e.X.(type) {
		case *Term, *Cmp:
			return true
		}
		return false
	case *And:
		return allNegationNormal(e.Xs)
	case *Or:
		return allNegationNormal(e.Xs)
	}
	return true
}

func allNegationNormal(xs []Expr) bool {
	for _, x := range xs {
		if !negationNormal(x) {
			return false
		}
	}
	return true
}
