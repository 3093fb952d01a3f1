package compiler

import "github.com/stix2hunq/stix2hunq/ast"

// checkPass reports comparisons and qualifiers that no pattern may hold: a value of the
// wrong kind for its operator, an empty window, a WITHIN or REPEATS that is not positive.
// It changes nothing, so it is trivially idempotent.
func checkPass(u *unit) error {
	var errs ast.ErrorList
	for _, o := range u.obs {
		walkCmps(o.expr, func(c *Cmp) {
			if err := checkCmp(c.Src); err != nil {
				errs = append(errs, err)
			}
		})
	}
	checkQualifiers(u.pattern.Expr, &errs)
	return errs.Err()
}

// checkCmp checks the kind of a comparison's value against its operator.
func checkCmp(e *ast.CompareExpr) *ast.Error {
	_, isSet := e.Value.(*ast.SetLit)
	_, isString := e.Value.(*ast.StringLit)
	switch e.Op {
	case ast.OpExists:
		return nil
	case ast.OpIn:
		if !isSet {
			return ast.Errorf(e.Pos, "IN needs a parenthesised list of values")
		}
		return checkSet(e.Value.(*ast.SetLit))
	case ast.OpLike, ast.OpMatches, ast.OpIsSubset, ast.OpIsSuperset:
		if !isString {
			return ast.Errorf(e.Pos, "%s needs a string value", e.Op)
		}
	case ast.OpLess, ast.OpLessEqual, ast.OpGreater, ast.OpGreaterEqual:
		switch e.Value.(type) {
		case *ast.BoolLit, *ast.SetLit, nil:
			return ast.Errorf(e.Pos, "%s needs a number, string or timestamp", e.Op)
		}
	default:
		if isSet || e.Value == nil {
			return ast.Errorf(e.Pos, "%s needs a single value", e.Op)
		}
	}
	return nil
}

// checkSet requires the members of a set to be of one kind, and none to be a set.
func checkSet(s *ast.SetLit) *ast.Error {
	for i, el := range s.Elems {
		if _, nested := el.(*ast.SetLit); nested {
			return ast.Errorf(el.Position(), "a set cannot hold a set")
		}
		if i > 0 && kindOf(el) != kindOf(s.Elems[0]) {
			return ast.Errorf(el.Position(), "set members must be of one kind")
		}
	}
	return nil
}

func kindOf(l ast.Literal) string {
	switch l.(type) {
	case *ast.IntLit, *ast.FloatLit:
		return "number"
	case *ast.StringLit:
		return "string"
	case *ast.BoolLit:
		return "bool"
	case *ast.TimestampLit:
		return "timestamp"
	}
	return "binary"
}

// checkQualifiers checks every qualifier of an observation expression.
func checkQualifiers(e ast.ObservationExpr, errs *ast.ErrorList) {
	switch e := e.(type) {
	case *ast.ObservationBinaryExpr:
		for _, o := range e.Operands {
			checkQualifiers(o, errs)
		}
	case *ast.QualifiedExpr:
		checkQualifiers(e.Expr, errs)
		if err := checkQualifier(e.Qualifier); err != nil {
			*errs = append(*errs, err)
		}
	}
}

func checkQualifier(q ast.Qualifier) *ast.Error {
	switch q := q.(type) {
	case *ast.StartStopQualifier:
		if q.Start == nil || q.Stop == nil || !q.Start.Value.Before(q.Stop.Value) {
			return ast.Errorf(q.Pos, "START must be before STOP")
		}
	case *ast.WithinQualifier:
		if q.Duration() <= 0 {
			return ast.Errorf(q.Pos, "WITHIN needs a positive number of seconds")
		}
	case *ast.RepeatsQualifier:
		if q.Times == nil || q.Times.Value < 1 {
			return ast.Errorf(q.Pos, "REPEATS needs a positive count")
		}
	}
	return nil
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
