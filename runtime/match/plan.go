package match

import (
	"math"
	"slices"

	"github.com/stix2hunq/stix2hunq/ast"
)

// maxLeaves bounds the brackets of a pattern once REPEATS are expanded.
//
// Limitation: REPEATS n TIMES is expanded into n copies of its expression, so a pattern
// with more than maxLeaves brackets after expansion (REPEATS 5000 TIMES, say) is refused
// with an error naming the qualifier.
const maxLeaves = 4096

// noBound marks the absence of a WITHIN on a node.
const noBound = int64(math.MaxInt64)

type nodeKind int

const (
	leafNode nodeKind = iota
	andNode           // AND, and the copies of a REPEATS
	orNode
	seqNode // FOLLOWEDBY
)

// node is a node of the compiled observation expression. Leaves are numbered in tree
// order, so the leaves below a node are the range [lo, hi).
type node struct {
	id     int
	kind   nodeKind
	kids   []*node
	parent *node
	idx    int // place among the parent's kids
	lo, hi int
	// within is the tightest WITHIN on the node in microseconds, or noBound: every two
	// observations bound below it must have first <= last of the other plus within.
	within int64
}

// leaf is one bracket position of the expanded pattern.
type leaf struct {
	node    *node
	bracket int // index into Matcher.brackets
	twin    int // previous copy of the same REPEATS bracket, or -1
	copies  int // copies of the same REPEATS bracket from this one on, this one included
}

// bracket is one distinct bracket of the pattern with the START/STOP windows above it.
type bracket struct {
	expr    *ast.BracketExpr
	cmp     *Comparison
	windows [][2]int64 // [start, stop) in microseconds
}

// planner builds the tree and the leaves.
type planner struct {
	brackets []*bracket
	leaves   []leaf
}

func (p *planner) build(e ast.ObservationExpr, windows [][2]int64) (*node, error) {
	switch e := e.(type) {
	case *ast.BracketExpr:
		return p.buildLeaf(e, windows)
	case *ast.ObservationBinaryExpr:
		return p.buildBinary(e, windows)
	case *ast.QualifiedExpr:
		return p.buildQualified(e, windows)
	case nil:
		return nil, ast.Errorf(ast.Pos{}, "empty observation expression")
	}
	return nil, ast.Errorf(e.Position(), "unknown observation expression %T", e)
}

func (p *planner) buildLeaf(e *ast.BracketExpr, windows [][2]int64) (*node, error) {
	if len(p.leaves) >= maxLeaves {
		return nil, ast.Errorf(e.Pos, "pattern has more than %d brackets once REPEATS are "+
			"expanded", maxLeaves)
	}
	b, err := p.bracketOf(e, windows)
	if err != nil {
		return nil, err
	}
	n := &node{kind: leafNode, lo: len(p.leaves), hi: len(p.leaves) + 1, within: noBound}
	p.leaves = append(p.leaves, leaf{node: n, bracket: b, twin: -1, copies: 1})
	return n, nil
}

// bracketOf returns the index of the bracket for e under windows, compiling it the first
// time. The copies of a REPEATS share one bracket, and so one list of candidates.
func (p *planner) bracketOf(e *ast.BracketExpr, windows [][2]int64) (int, error) {
	for i, b := range p.brackets {
		if b.expr == e && slices.Equal(b.windows, windows) {
			return i, nil
		}
	}
	cmp, err := CompileComparison(e.Comparison)
	if err != nil {
		return 0, err
	}
	p.brackets = append(p.brackets, &bracket{expr: e, cmp: cmp, windows: windows})
	return len(p.brackets) - 1, nil
}

var nodeKinds = map[ast.ObservationOp]nodeKind{
	ast.ObsAnd: andNode, ast.ObsOr: orNode, ast.ObsFollowedBy: seqNode}

func (p *planner) buildBinary(e *ast.ObservationBinaryExpr, w [][2]int64) (*node, error) {
	kind, ok := nodeKinds[e.Op]
	if !ok {
		return nil, ast.Errorf(e.Pos, "unknown observation operator %d", int(e.Op))
	}
	n := &node{kind: kind, lo: len(p.leaves), within: noBound}
	for _, k := range e.Operands {
		kn, err := p.build(k, w)
		if err != nil {
			return nil, err
		}
		n.adopt(kn)
	}
	if len(n.kids) == 0 {
		return nil, ast.Errorf(e.Pos, "%s without operands", e.Op)
	}
	n.hi = len(p.leaves)
	return n, nil
}

// adopt makes k the last kid of n.
func (n *node) adopt(k *node) {
	k.parent, k.idx = n, len(n.kids)
	n.kids = append(n.kids, k)
}

func (p *planner) buildQualified(e *ast.QualifiedExpr, w [][2]int64) (*node, error) {
	switch q := e.Qualifier.(type) {
	case *ast.StartStopQualifier:
		if q.Start == nil || q.Stop == nil {
			return nil, ast.Errorf(q.Pos, "START/STOP needs two timestamps")
		}
		win := [2]int64{q.Start.Value.UnixMicro(), q.Stop.Value.UnixMicro()}
		return p.build(e.Expr, append(w[:len(w):len(w)], win))
	case *ast.WithinQualifier:
		d := q.Duration()
		if d <= 0 {
			return nil, ast.Errorf(q.Pos, "WITHIN needs a positive number of seconds")
		}
		n, err := p.build(e.Expr, w)
		if err != nil {
			return nil, err
		}
		n.within = min(n.within, d.Microseconds())
		return n, nil
	case *ast.RepeatsQualifier:
		return p.buildRepeats(e, q, w)
	}
	return nil, ast.Errorf(e.Pos, "unknown qualifier %T", e.Qualifier)
}

// buildRepeats expands REPEATS n TIMES into an AND of n copies of the expression.
func (p *planner) buildRepeats(e *ast.QualifiedExpr, q *ast.RepeatsQualifier,
	w [][2]int64) (*node, error) {
	if q.Times == nil || q.Times.Value < 1 {
		return nil, ast.Errorf(q.Pos, "REPEATS needs a positive count")
	}
	if q.Times.Value > maxLeaves {
		return nil, ast.Errorf(q.Pos, "REPEATS %d TIMES exceeds the matcher's limit of %d",
			q.Times.Value, maxLeaves)
	}
	times := int(q.Times.Value)
	n := &node{kind: andNode, lo: len(p.leaves), within: noBound}
	for i := range times {
		kn, err := p.build(e.Expr, w)
		if err != nil {
			return nil, err
		}
		if kn.kind == leafNode {
			p.leaves[kn.lo].copies = times - i
			if i > 0 {
				p.leaves[kn.lo].twin = kn.lo - 1
			}
		}
		n.adopt(kn)
	}
	n.hi = len(p.leaves)
	if len(n.kids) == 1 {
		k := n.kids[0]
		k.parent, k.idx = nil, 0
		return k, nil
	}
	return n, nil
}
