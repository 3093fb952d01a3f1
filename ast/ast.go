// Package ast defines the typed syntax tree of a STIX 2.x pattern: observation expressions,
// qualifiers, comparison expressions, object paths and decoded literals, each with its
// position in the pattern text.
//
// The node set is closed: every node type is declared in this file, and the marker methods
// keep other packages from adding to it. Parse builds a tree from text; Print writes the
// canonical text of a tree; Walk and Inspect traverse one.
package ast

import "time"

// Version is the STIX specification version a pattern is read under.
type Version int

// The supported STIX versions. The zero Version means STIX 2.1.
const (
	V21 Version = iota
	V20
)

// String returns "2.1" or "2.0".
func (v Version) String() string {
	if v == V20 {
		return "2.0"
	}
	return "2.1"
}

// Node is any node of the tree.
type Node interface {
	// Position returns where the node starts in the pattern text.
	Position() Pos
	node()
}

// Pattern is a whole STIX pattern.
type Pattern struct {
	Pos     Pos
	Version Version
	Expr    ObservationExpr
}

// ObservationExpr is an observation expression: one of *BracketExpr,
// *ObservationBinaryExpr and *QualifiedExpr.
type ObservationExpr interface {
	Node
	observationExpr()
}

// BracketExpr is an observation expression in square brackets: a comparison expression
// that one observation must satisfy.
type BracketExpr struct {
	Pos        Pos
	Comparison ComparisonExpr
}

// ObservationOp is an operator joining observation expressions.
type ObservationOp int

// The observation operators, from the loosest binding to the tightest.
const (
	ObsFollowedBy ObservationOp = iota
	ObsOr
	ObsAnd
)

// String returns the operator's keyword.
func (op ObservationOp) String() string {
	switch op {
	case ObsFollowedBy:
		return "FOLLOWEDBY"
	case ObsOr:
		return "OR"
	default:
		return "AND"
	}
}

// ObservationBinaryExpr joins two or more observation expressions with one operator. A chain
// of the same operator is one node with all its operands, in source order.
type ObservationBinaryExpr struct {
	Pos      Pos
	Op       ObservationOp
	Operands []ObservationExpr
}

// QualifiedExpr is an observation expression followed by one qualifier. A chain of
// qualifiers nests: the innermost QualifiedExpr holds the first qualifier written.
type QualifiedExpr struct {
	Pos       Pos
	Expr      ObservationExpr
	Qualifier Qualifier
}

// Qualifier is one of *StartStopQualifier, *WithinQualifier and *RepeatsQualifier.
type Qualifier interface {
	Node
	qualifier()
}

// StartStopQualifier is START t'...' STOP t'...': the observations must fall in the
// half-open interval [Start, Stop).
type StartStopQualifier struct {
	Pos   Pos
	Start *TimestampLit
	Stop  *TimestampLit
}

// WithinQualifier is WITHIN n SECONDS. Seconds is an *IntLit or a *FloatLit.
type WithinQualifier struct {
	Pos     Pos
	Seconds Literal
}

// Duration returns the qualifier's time span; a span longer than a time.Duration holds
// (about 292 years) is the longest one.
func (q *WithinQualifier) Duration() time.Duration {
	const longest = time.Duration(1<<63 - 1)
	var s float64
	switch v := q.Seconds.(type) {
	case *IntLit:
		s = float64(v.Value)
	case *FloatLit:
		s = v.Value
	default:
		return 0
	}
	if s*float64(time.Second) >= float64(longest) {
		return longest
	}
	return time.Duration(s * float64(time.Second))
}

// RepeatsQualifier is REPEATS n TIMES.
type RepeatsQualifier struct {
	Pos   Pos
	Times *IntLit
}

// ComparisonExpr is an expression inside square brackets: one of *ComparisonBinaryExpr and
// *CompareExpr.
type ComparisonExpr interface {
	Node
	comparisonExpr()
}

// BoolOp joins comparison expressions.
type BoolOp int

// The comparison-level boolean operators.
const (
	BoolOr BoolOp = iota
	BoolAnd
)

// String returns the operator's keyword.
func (op BoolOp) String() string {
	if op == BoolAnd {
		return "AND"
	}
	return "OR"
}

// ComparisonBinaryExpr joins two or more comparison expressions with AND or OR. A chain of
// the same operator is one node with all its operands, in source order.
type ComparisonBinaryExpr struct {
	Pos      Pos
	Op       BoolOp
	Operands []ComparisonExpr
}

// CompareOp is a comparison operator.
type CompareOp int

// The comparison operators. Equal also stands for "==", NotEqual for "<>".
const (
	OpEqual CompareOp = iota
	OpNotEqual
	OpLess
	OpLessEqual
	OpGreater
	OpGreaterEqual
	OpIn
	OpLike
	OpMatches
	OpIsSubset
	OpIsSuperset
	OpExists
)

var compareOpText = [...]string{
	OpEqual: "=", OpNotEqual: "!=", OpLess: "<", OpLessEqual: "<=", OpGreater: ">",
	OpGreaterEqual: ">=", OpIn: "IN", OpLike: "LIKE", OpMatches: "MATCHES",
	OpIsSubset: "ISSUBSET", OpIsSuperset: "ISSUPERSET", OpExists: "EXISTS",
}

// String returns the operator as the canonical pattern text writes it.
func (op CompareOp) String() string {
	if int(op) < len(compareOpText) {
		return compareOpText[op]
	}
	return "?"
}

// CompareExpr is one comparison: Path Op Value, optionally negated with NOT. For OpExists,
// Value is nil (the pattern text is EXISTS path).
type CompareExpr struct {
	Pos     Pos
	Negated bool
	Path    *ObjectPath
	Op      CompareOp
	Value   Literal
}

// ObjectPath names a property of a cyber-observable object: type:property.step...
type ObjectPath struct {
	Pos        Pos
	ObjectType string
	Steps      []PathStep
}

// StepKind says what a PathStep selects.
type StepKind int

// The kinds of path step.
const (
	KeyStep      StepKind = iota // a property or dictionary key: .name or .'quoted name'
	IndexStep                    // one list member: [n]; the grammar allows a negative n
	AnyIndexStep                 // every list member: [*]
)

// PathStep is one step of an object path. The first step of a path is always a KeyStep.
type PathStep struct {
	Kind  StepKind
	Key   string // KeyStep only
	Index int    // IndexStep only
}

// Literal is a decoded literal value: one of *StringLit, *IntLit, *FloatLit, *BoolLit,
// *TimestampLit, *BinaryLit, *HexLit and *SetLit.
type Literal interface {
	Node
	literal()
}

// StringLit is a string literal with its escapes decoded.
type StringLit struct {
	Pos   Pos
	Value string
}

// IntLit is an integer literal.
type IntLit struct {
	Pos   Pos
	Value int64
}

// FloatLit is a floating-point literal.
type FloatLit struct {
	Pos   Pos
	Value float64
}

// BoolLit is true or false.
type BoolLit struct {
	Pos   Pos
	Value bool
}

// TimestampLit is t'...', an RFC 3339 timestamp in UTC.
type TimestampLit struct {
	Pos   Pos
	Value time.Time
}

// BinaryLit is b'...', base64 decoded.
type BinaryLit struct {
	Pos   Pos
	Value []byte
}

// HexLit is h'...', hex decoded.
type HexLit struct {
	Pos   Pos
	Value []byte
}

// SetLit is a parenthesised list of literals, the right side of IN. Elems may be empty.
type SetLit struct {
	Pos   Pos
	Elems []Literal
}

// Position implements Node.
func (n *Pattern) Position() Pos { return n.Pos }

// Position implements Node.
func (n *BracketExpr) Position() Pos { return n.Pos }

// Position implements Node.
func (n *ObservationBinaryExpr) Position() Pos { return n.Pos }

// Position implements Node.
func (n *QualifiedExpr) Position() Pos { return n.Pos }

// Position implements Node.
func (n *StartStopQualifier) Position() Pos { return n.Pos }

// Position implements Node.
func (n *WithinQualifier) Position() Pos { return n.Pos }

// Position implements Node.
func (n *RepeatsQualifier) Position() Pos { return n.Pos }

// Position implements Node.
func (n *ComparisonBinaryExpr) Position() Pos { return n.Pos }

// Position implements Node.
func (n *CompareExpr) Position() Pos { return n.Pos }

// Position implements Node.
func (n *ObjectPath) Position() Pos { return n.Pos }

// Position implements Node.
func (n *StringLit) Position() Pos { return n.Pos }

// Position implements Node.
func (n *IntLit) Position() Pos { return n.Pos }

// Position implements Node.
func (n *FloatLit) Position() Pos { return n.Pos }

// Position implements Node.
func (n *BoolLit) Position() Pos { return n.Pos }

// Position implements Node.
func (n *TimestampLit) Position() Pos { return n.Pos }

// Position implements Node.
func (n *BinaryLit) Position() Pos { return n.Pos }

// Position implements Node.
func (n *HexLit) Position() Pos { return n.Pos }

// Position implements Node.
func (n *SetLit) Position() Pos { return n.Pos }

func (*Pattern) node()               {}
func (*BracketExpr) node()           {}
func (*ObservationBinaryExpr) node() {}
func (*QualifiedExpr) node()         {}
func (*StartStopQualifier) node()    {}
func (*WithinQualifier) node()       {}
func (*RepeatsQualifier) node()      {}
func (*ComparisonBinaryExpr) node()  {}
func (*CompareExpr) node()           {}
func (*ObjectPath) node()            {}
func (*StringLit) node()             {}
func (*IntLit) node()                {}
func (*FloatLit) node()              {}
func (*BoolLit) node()               {}
func (*TimestampLit) node()          {}
func (*BinaryLit) node()             {}
func (*HexLit) node()                {}
func (*SetLit) node()                {}

func (*BracketExpr) observationExpr()           {}
func (*ObservationBinaryExpr) observationExpr() {}
func (*QualifiedExpr) observationExpr()         {}

func (*StartStopQualifier) qualifier() {}
func (*WithinQualifier) qualifier()    {}
func (*RepeatsQualifier) qualifier()   {}

func (*ComparisonBinaryExpr) comparisonExpr() {}
func (*CompareExpr) comparisonExpr()          {}

func (*StringLit) literal()    {}
func (*IntLit) literal()       {}
func (*FloatLit) literal()     {}
func (*BoolLit) literal()      {}
func (*TimestampLit) literal() {}
func (*BinaryLit) literal()    {}
func (*HexLit) literal()       {}
func (*SetLit) literal()       {}
