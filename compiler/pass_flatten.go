package compiler

// flattenPass merges nested groups of the same operator: (a AND (b AND c)) becomes
// (a AND b AND c), and likewise for OR.
func flattenPass(u *unit) error {
	u.rewrite(Flatten)
	return nil
}

// Flatten returns e with every AND inside an AND, and OR inside an OR, merged.
func Flatten(e Expr) Expr {
	switch e := e.(type) {
	case *Not:
		return &Not{X: Flatten(e.X)}
	case *And:
		return &And{Xs: flattenInto(nil, e.Xs, true)}
	case *Or:
		return &Or{Xs: flattenInto(nil, e.Xs, false)}
	}
	return e
}

func flattenInto(out, xs []Expr, and bool) []Expr {
	if out == nil {
		out = make([]Expr, 0, len(xs))
	}
	for _, x := range xs {
		switch y := x.(type) {
		case *And:
			if and {
				out = flattenInto(out, y.Xs, and)
				continue
			}
		case *Or:
			if !and {
				out = flattenInto(out, y.Xs, and)
				continue
			}
		}
		out = append(out, Flatten(x))
	}
	return out
}
