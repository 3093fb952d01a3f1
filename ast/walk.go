package ast

// A Visitor's Visit method is called by [Walk] for each node. If it returns a Visitor w,
// Walk visits each child of the node with w, then calls w.Visit(nil).
type Visitor interface {
	Visit(n Node) (w Visitor)
}

// Walk traverses a tree depth-first, in source order: it calls v.Visit(n), and unless
// that returns nil, walks every child of n with the Visitor it returned. Nil children of
// trees built by hand are skipped.
func Walk(v Visitor, n Node) {
	if v = v.Visit(n); v == nil {
		return
	}
	switch n := n.(type) {
	case *Pattern:
		walkIf(v, n.Expr, n.Expr != nil)
	case *BracketExpr:
		walkIf(v, n.Comparison, n.Comparison != nil)
	case *ObservationBinaryExpr:
		for _, o := range n.Operands {
			walkIf(v, o, o != nil)
		}
	case *QualifiedExpr:
		walkIf(v, n.Expr, n.Expr != nil)
		walkIf(v, n.Qualifier, n.Qualifier != nil)
	case *StartStopQualifier:
		walkIf(v, n.Start, n.Start != nil)
		walkIf(v, n.Stop, n.Stop != nil)
	case *WithinQualifier:
		walkIf(v, n.Seconds, n.Seconds != nil)
	case *RepeatsQualifier:
		walkIf(v, n.Times, n.Times != nil)
	case *ComparisonBinaryExpr:
		for _, o := range n.Operands {
			walkIf(v, o, o != nil)
		}
	case *CompareExpr:
		walkIf(v, n.Path, n.Path != nil)
		walkIf(v, n.Value, n.Value != nil)
	case *SetLit:
		for _, el := range n.Elems {
			walkIf(v, el, el != nil)
		}
	}
	v.Visit(nil)
}

// walkIf walks c when ok: a child typed nil (a nil pointer in an interface) is not ok.
func walkIf(v Visitor, c Node, ok bool) {
	if ok {
		Walk(v, c)
	}
}

type inspector func(Node) bool

func (f inspector) Visit(n Node) Visitor {
	if n != nil && f(n) {
		return f
	}
	return nil
}

// Inspect traverses a tree depth-first in source order, calling f for each node; when f
// returns false, Inspect skips that node's children.
func Inspect(n Node, f func(Node) bool) {
	Walk(inspector(f), n)
}
