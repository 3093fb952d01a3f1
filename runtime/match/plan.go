package match

import (
	"math"

	"github.com/stix2hunq/stix2hunq/ast"
)

// maxLeaves bounds the brackets of a pattern once REPEATS are expanded.
//
// Limitation: REPEATS n TIMES is expanded into n copies of its expression, so a pattern
// with more than maxLeaves brackets after expansion (REPEATS 300 TIMES, say) is refused.
const maxLeaves = 256

// noBound marks the absence of a time constraint between two leaves.
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
	lo, hi int
}

// leaf is one bracket position of the expanded pattern.
type leaf struct {
	bracket int // index into Matcher.brackets
	twin    int // previous copy of the same REPEATS bracket, or -1
}

// bracket is one distinct bracket of the pattern with the START/STOP windows above it.
type bracket struct {
	cmp     *Comparison
	windows [][2]int64 // [start, stop) in microseconds
}

// planner builds the tree, the leaves and the constraints.
type planner struct {
	brackets []*bracket
	leaves   []leaf
	index    map[*ast.BracketExpr]int
	// after[a*n+b]: observations of leaf a must have first <= last of leaf b plus this many
	// microseconds, filled once the number n of leaves is known.
	pairs []pairRule
}

// pairRule says that every leaf of a has first <= last of every leaf of b plus slack.
type pairRule struct {
	a, b  [2]int // leaf ranges
	slack int64
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
	b, ok := p.index[e]
	if !ok {
		cmp, err := CompileComparison(e.Comparison)
		if err != nil {
			return nil, err
		}
		b = len(p.brackets)
		p.brackets = append(p.brackets, &bracket{cmp: cmp, windows: windows})
		p.index[e] = b
	}
	if len(p.leaves) >= maxLeaves {
		return nil, ast.Errorf(e.Pos, "pattern has more than %d brackets once REPEATS are "+
			"expanded", maxLeaves)
	}
	n := &node{kind: leafNode, lo: len(p.leaves), hi: len(p.leaves) + 1}
	p.leaves = append(p.leaves, leaf{bracket: b, twin: -1})
	return n, nil
}

func (p *planner) buildBinary(e *ast.ObservationBinaryExpr, w [][2]int64) (*node, error) {
	n := &node{kind: map[ast.ObservationOp]nodeKind{
		ast.ObsAnd: andNode, ast.ObsOr: orNode, ast.ObsFollowedBy: seqNode}[e.Op]}
	n.lo = len(p.leaves)
	for _, k := range e.Operands {
		kn, err := p.build(k, w)
		if err != nil {
			return nil, err
		}
		n.kids = append(n.kids, kn)
	}
	if len(n.kids) == 0 {
		return nil, ast.Errorf(e.Pos, "%s without operands", e.Op)
	}
	n.hi = len(p.leaves)
	if n.kind == seqNode {
		for j := 1; j < len(n.kids); j++ {
			before := [2]int{n.lo, n.kids[j].lo}
			p.pairs = append(p.pairs, pairRule{a: before, b: span(n.kids[j]), slack: 0})
		}
	}
	return n, nil
}

func span(n *node) [2]int { return [2]int{n.lo, n.hi} }

func (p *planner) buildQualified(e *ast.QualifiedExpr, w [][2]int64) (*node, error) {
	switch q := e.Qualifier.(type) {
	case *ast.StartStopQualifier:
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
		r := span(n)
		p.pairs = append(p.pairs, pairRule{a: r, b: r, slack: d.Microseconds()})
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
	n := &node{kind: andNode, lo: len(p.leaves)}
	for i := int64(0); i < q.Times.Value; i++ {
		kn, err := p.build(e.Expr, w)
		if err != nil {
			return nil, err
		}
		if kn.kind == leafNode && i > 0 {
			p.leaves[kn.lo].twin = kn.lo - 1
		}
		n.kids = append(n.kids, kn)
	}
	n.hi = len(p.leaves)
	if len(n.kids) == 1 {
		return n.kids[0], nil
	}
	return n, nil
}

// slackMatrix turns the rules into a matrix: m[a*n+b] is the least slack such that
// first(a) <= last(b) + slack must hold, or noBound.
func (p *planner) slackMatrix() []int64 {
	n := len(p.leaves)
	m := make([]int64, n*n)
	for i := range m {
		m[i] = noBound
	}
	for _, r := range p.pairs {
		for a := r.a[0]; a < r.a[1]; a++ {
			for b := r.b[0]; b < r.b[1]; b++ {
				if a != b && r.slack < m[a*n+b] {
					m[a*n+b] = r.slack
				}
			}
		}
	}
	return m
}
