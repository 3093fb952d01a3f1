package compiler

import "github.com/stix2hunq/stix2hunq/ast"

// Lower turns a comparison expression into a formula of *Cmp atoms joined by *And and *Or.
func Lower(e ast.ComparisonExpr) Expr {
	switch e := e.(type) {
	case *ast.CompareExpr:
		return &Cmp{Src: e}
	case *ast.ComparisonBinaryExpr:
		xs := make([]Expr, len(e.Operands))
		for i, o := range e.Operands {
			xs[i] = Lower(o)
		}
		if e.Op == ast.BoolAnd {
			return &And{Xs: xs}
		}
		return &Or{Xs: xs}
	}
	return False()
}

// walkAST calls f with the object type and property path (list indexes as [*]) of
// every comparison in the brackets.
func walkAST(br *ast.BracketExpr, f func(typ, path string)) {
	var walk func(e ast.ComparisonExpr)
	walk = func(e ast.ComparisonExpr) {
		switch e := e.(type) {
		case *ast.CompareExpr:
			f(e.Path.ObjectType, propertyKey(e.Path))
		case *ast.ComparisonBinaryExpr:
			for _, o := range e.Operands {
				walk(o)
			}
		}
	}
	walk(br.Comparison)
}
