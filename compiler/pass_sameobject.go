package compiler

import "github.com/stix2hunq/stix2hunq/ast"

// sameObject records that a conjunction of comparisons on one object type is wider in
// HunQ: STIX requires one object to satisfy them all, HunQ tests the event, whose fields
// may come from different objects of that type. Comparisons that all test one property,
// held once per event (one single-valued property on one field of one path), cannot be
// split across objects and record nothing.
func (u *unit) sameObject(i int, e Expr) {
	switch e := e.(type) {
	case *And:
		if clash := u.clash(e.Xs); clash != nil {
			u.widen(i, clash, false, "comparisons joined by AND must hold for one "+
				clash.Path.ObjectType+" object; HunQ tests the whole event")
		}
		for _, x := range e.Xs {
			u.sameObject(i, x)
		}
	case *Or:
		for _, x := range e.Xs {
			u.sameObject(i, x)
		}
	case *Not:
		u.sameObject(i, e.X)
	}
}

// clash returns a comparison of xs that an object type shares with another operand, where
// the two need not be about one object, or nil.
func (u *unit) clash(xs []Expr) *ast.CompareExpr {
	type seen struct {
		operand  int
		property string
		once     bool // the property is held once per event
	}
	byType := map[string]seen{}
	var clash *ast.CompareExpr
	for j, x := range xs {
		walkCmps(x, func(c *Cmp) {
			typ, prop := c.Src.Path.ObjectType, propertyKey(c.Src.Path)
			s, ok := byType[typ]
			if !ok {
				byType[typ] = seen{operand: j, property: prop, once: u.heldOnce(typ, prop)}
				return
			}
			if s.operand != j && (s.property != prop || !s.once) && clash == nil {
				clash = c.Src
			}
		})
	}
	return clash
}

// heldOnce reports whether an event holds at most one value of the property.
func (u *unit) heldOnce(typ, prop string) bool {
	t, _ := u.resolve.lookup(typ, prop)
	return t != nil && t.single && !t.wide && len(t.fields) == 1 &&
		len(t.fields[0].paths) == 1 && !t.fields[0].universal
}
