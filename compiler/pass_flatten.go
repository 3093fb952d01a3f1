package compiler

// flattenPass merges nested groups of the same operator: (a AND (b AND c)) becomes
// (a AND b AND c), and likewise for OR.
func flattenPass(u *unit) error {
	u.rewrite(Flatten)
	return nil
}

// Flatten returns e with every AND inside an AND, and OR inside an OR, merged. A flat
// formula comes back as it is.
func Flatten(e Expr) Expr {
	if flattened(e) {
		return e
	}
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

// flattened reports whether no AND holds an AND and no OR an OR.
func flattened(e Expr) bool {
	switch e := e.(type) {
	case *Not:
		return flattened(e.X)
	case *And:
		return flattenedList(e.Xs, true)
	case *Or:
		return flattenedList(e.Xs, false)
	}
	return true
}

func flattenedList(xs []Expr, and bool) bool {
	for _, x := range xs {
		if _, same := group(x, and); same || !flattened(x) {
			return false
		}
	}
	return true
}
