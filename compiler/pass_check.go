package compiler

import "github.com/stix2hunq/stix2hunq/ast"

// checkPass refuses what no pattern may hold (see [ast.Check]): a value of the wrong kind
// for its operator, an empty window, a WITHIN or REPEATS that is not positive. Trees built
// by hand need it; a pattern from ast.Parse has passed it already, and Options.Parsed
// skips it. It changes nothing, so it is trivially idempotent.
func checkPass(u *unit) error {
	if u.opts.Parsed {
		return nil
	}
	return ast.Check(u.pattern).Err()
}

// walkCmps calls f on every *Cmp of e.
func walkCmps(e Expr, f func(*Cmp)) {
	switch e := e.(type) {
	case *Cmp:
		f(e)
	case *Not:
		walkCmps(e.X, f)
	case *And:
		for _, x := range e.Xs {
			walkCmps(x, f)
		}
	case *Or:
		for _, x := range e.Xs {
			walkCmps(x, f)
		}
	}
}
