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
	for _, c := range children(n) {
		Walk(v, c)
	}
	v.Visit(nil)
}

// children lists the non-nil children of n in source order.
func children(n Node) []Node {
	var cs []Node
	add := func(c Node, ok bool) {
		if ok {
			cs = append(cs, c)
		}
	}
	switch n := n.(type) {
	case *Pattern:
		add(n.Expr, n.Expr != nil)
	case *BracketExpr:
		add(n.Comparison, n.Comparison != nil)
	case *ObservationBinaryExpr:
		for _, o := range n.Operands {
			add(o, o != nil)
		}
	case *QualifiedExpr:
		add(n.Expr, n.Expr != nil)
		add(n.Qualifier, n.Qualifier != nil)
	case *StartStopQualifier:
		add(n.Start, n.Start != nil)
		add(n.Stop, n.Stop != nil)
	case *WithinQualifier:
		add(n.Seconds, n.Seconds != nil)
	case *RepeatsQualifier:
		add(n.Times, n.Times != nil)
	case *ComparisonBinaryExpr:
		for _, o := range n.Operands {
			add(o, o != nil)
		}
	case *CompareExpr:
		add(n.Path, n.Path != nil)
		add(n.Value, n.Value != nil)
	case *SetLit:
		for _, el := range n.Elems {
			add(el, el != nil)
		}
	}
	return cs
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
