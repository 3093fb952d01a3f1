package compiler

// unmappedPass replaces every comparison on a property that no HunQ field searches, or
// that no source yields, by false: this data source never has the property, so the
// comparison cannot hold. The
// property is recorded in Plan.Unmapped; a pattern that is false as a whole is reported
// by Compile. In complete mode, a property that events do yield stays for the map pass,
// which widens it.
func unmappedPass(u *unit) error {
	var err error
	for i, o := range u.obs {
		o.expr = mapAtoms(o.expr, func(c *Cmp) Expr {
			t, lerr := u.targetOf(c)
			if lerr != nil && err == nil {
				err = lerr
			}
			if t != nil || lerr != nil || len(u.unsearchedOf(c)) > 0 {
				return c // in complete mode, the map pass widens it
			}
			u.plan.Unmapped = append(u.plan.Unmapped, Unmapped{Observation: i,
				Pos: c.Src.Pos, Property: c.Property(), Absent: c.absent})
			return False()
		})
	}
	return err
}

// mapAtoms rebuilds e with every *Cmp replaced by f's result. Groups whose operands do
// not change are kept.
func mapAtoms(e Expr, f func(*Cmp) Expr) Expr {
	switch e := e.(type) {
	case *Cmp:
		return f(e)
	case *Not:
		x := mapAtoms(e.X, f)
		if x == e.X {
			return e
		}
		return &Not{X: x}
	case *And:
		if xs, changed := mapList(e.Xs, f); changed {
			return &And{Xs: xs}
		}
	case *Or:
		if xs, changed := mapList(e.Xs, f); changed {
			return &Or{Xs: xs}
		}
	}
	return e
}

func mapList(xs []Expr, f func(*Cmp) Expr) ([]Expr, bool) {
	var out []Expr
	for i, x := range xs {
		y := mapAtoms(x, f)
		if y != x && out == nil {
			out = make([]Expr, len(xs))
			copy(out, xs[:i])
		}
		if out != nil {
			out[i] = y
		}
	}
	return out, out != nil
}
