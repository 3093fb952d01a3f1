package compiler

import "github.com/stix2hunq/stix2hunq/ast"

// sameObject records that a conjunction of comparisons on one object type is wider in
// HunQ: STIX requires one object to satisfy them all, HunQ tests the event, whose fields
// may come from different objects of that type.
func (u *unit) sameObject(i int, e Expr) {
	switch e := e.(type) {
	case *And:
		seen := map[string]bool{}
		var clash *ast.CompareExpr
		for _, x := range e.Xs {
			here := map[string]bool{}
			walkCmps(x, func(c *Cmp) {
				typ := c.Src.Path.ObjectType
				if seen[typ] && !here[typ] && clash == nil {
					clash = c.Src
				}
				here[typ] = true
			})
			for typ := range here {
				seen[typ] = true
			}
		}
		if clash != nil {
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
