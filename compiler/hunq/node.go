package hunq

// Node is a HunQ expression: one of *CompareExpr, *AndExpr, *OrExpr, *NotExpr and ConstExpr.
// The set is closed.
type Node interface {
	node()
}

// Op is a comparison operator.
type Op uint8

// The comparison operators of HunQ.
const (
	Eq Op = iota // =
	Ne           // !=
)

// String returns the operator as written in a query.
func (o Op) String() string {
	if o == Ne {
		return "!="
	}
	return "="
}

// CompareExpr is a comparison `Field Op Value`.
type CompareExpr struct {
	Field string
	Op    Op
	Value Value
}

// AndExpr is the conjunction of two or more terms.
type AndExpr struct {
	Terms []Node
}

// OrExpr is the disjunction of two or more terms.
type OrExpr struct {
	Terms []Node
}

// NotExpr is the negation of a comparison or, where the dialect allows it, of a group.
type NotExpr struct {
	X Node
}

// ConstExpr is the constant true or false. The compiler uses it while it builds and
// simplifies a query; [Simplify] removes it from every position but the root, and the
// printer refuses it, so a constant never reaches the Hunt API.
type ConstExpr bool

// The two constants.
const (
	True  ConstExpr = true
	False ConstExpr = false
)

func (*CompareExpr) node() {}
func (*AndExpr) node()     {}
func (*OrExpr) node()      {}
func (*NotExpr) node()     {}
func (ConstExpr) node()    {}

// Compare returns the comparison `field = v`.
func Compare(field string, v Value) *CompareExpr {
	return &CompareExpr{Field: field, Op: Eq, Value: v}
}

// And returns the conjunction of terms: the term itself when there is one, True when there
// are none, and an *AndExpr otherwise. Nested conjunctions stay nested.
func And(terms ...Node) Node {
	switch len(terms) {
	case 0:
		return True
	case 1:
		return terms[0]
	}
	return &AndExpr{Terms: terms}
}

// Or returns the disjunction of terms: the term itself when there is one, False when there
// are none, and an *OrExpr otherwise. Nested disjunctions stay nested.
func Or(terms ...Node) Node {
	switch len(terms) {
	case 0:
		return False
	case 1:
		return terms[0]
	}
	return &OrExpr{Terms: terms}
}

// Not returns the negation of x.
func Not(x Node) Node {
	return &NotExpr{X: x}
}
