package hunq

// EachCompare calls f on every comparison of n, in the order a printer writes them.
func EachCompare(n Node, f func(*CompareExpr)) {
	switch n := n.(type) {
	case *CompareExpr:
		f(n)
	case *AndExpr:
		for _, x := range n.Terms {
			EachCompare(x, f)
		}
	case *OrExpr:
		for _, x := range n.Terms {
			EachCompare(x, f)
		}
	case *NotExpr:
		EachCompare(n.X, f)
	}
}
