package match

import (
	"errors"
	"sort"

	"github.com/stix2hunq/stix2hunq/ast"
)

// DefaultBudget is the number of search steps one call of Match may take by default.
const DefaultBudget = 1 << 22

// ErrBudget reports that the correlation search took more steps than its budget allows.
var ErrBudget = errors.New("match: correlation search budget exhausted")

// Matcher evaluates one pattern. It is safe for concurrent use.
type Matcher struct {
	root     *node
	nodes    int
	leaves   []leaf
	brackets []*bracket
	single   bool
	budget   int
}

// Option adjusts a Matcher.
type Option func(*Matcher)

// WithBudget sets the number of search steps one call of Match may take; n <= 0 means
// DefaultBudget.
func WithBudget(n int) Option {
	return func(m *Matcher) {
		if n > 0 {
			m.budget = n
		}
	}
}

// Result is the outcome of matching a pattern over a set of observations.
type Result struct {
	// Matched reports whether the whole pattern matches.
	Matched bool
	// Used lists, in increasing order, the indices of the observations that take part in
	// at least one match of the whole pattern.
	Used []int
}

// New compiles a pattern. It fails, with the position of the problem, on a literal that
// does not suit its operator, a non-positive WITHIN or REPEATS, or a pattern that expands
// to more brackets than the matcher handles.
func New(p *ast.Pattern, opts ...Option) (*Matcher, error) {
	if p == nil || p.Expr == nil {
		return nil, ast.Errorf(ast.Pos{}, "empty pattern")
	}
	pl := &planner{}
	root, err := pl.build(p.Expr, nil)
	if err != nil {
		return nil, err
	}
	m := &Matcher{root: root, leaves: pl.leaves, brackets: pl.brackets, budget: DefaultBudget}
	m.nodes = numberNodes(root, 0)
	m.single = singleObservation(root)
	for _, o := range opts {
		o(m)
	}
	return m, nil
}

func numberNodes(n *node, next int) int {
	n.id = next
	next++
	for _, k := range n.kids {
		next = numberNodes(k, next)
	}
	return next
}

func singleObservation(n *node) bool {
	switch n.kind {
	case leafNode:
		return true
	case orNode:
		for _, k := range n.kids {
			if !singleObservation(k) {
				return false
			}
		}
		return true
	}
	return false
}

// SingleObservation reports whether every match of the pattern binds exactly one
// observation (brackets joined by OR, with START/STOP or WITHIN). Such a pattern can be
// evaluated one observation at a time with MatchesOne.
func (m *Matcher) SingleObservation() bool { return m.single }

// MatchesOne reports whether observation o alone matches the pattern. For a pattern that
// is not SingleObservation it runs the correlation on o alone (o counts as Count
// observations); an invalid o matches nothing.
func (m *Matcher) MatchesOne(o Observation) bool {
	if o.check(0) != nil {
		return false
	}
	if m.single {
		first, last := o.First.UnixMicro(), o.Last.UnixMicro()
		for _, b := range m.brackets {
			if b.admits(first, last) && b.cmp.Holds(&o) {
				return true
			}
		}
		return false
	}
	r, _ := m.Match([]Observation{o})
	return r.Matched
}

// admits reports whether an observation spanning [first, last] falls in every START/STOP
// window of the bracket: it must overlap [start, stop), touching start but not stop.
func (b *bracket) admits(first, last int64) bool {
	for _, w := range b.windows {
		if w[0] >= w[1] || last < w[0] || first >= w[1] {
			return false
		}
	}
	return true
}

// Match evaluates the pattern over obs. It fails on an invalid observation, and with
// ErrBudget when the correlation search runs out of steps; the Result then holds what was
// found so far.
func (m *Matcher) Match(obs []Observation) (Result, error) {
	for i := range obs {
		if err := obs[i].check(i); err != nil {
			return Result{}, err
		}
	}
	s := newSearcher(m, obs)
	if m.single {
		return s.unionOfCandidates(), nil
	}
	return s.run()
}

// candidates returns, for each bracket, the observations that satisfy it, sorted by
// first_observed.
func (m *Matcher) candidates(obs []Observation, first, last []int64) [][]int {
	cands := make([][]int, len(m.brackets))
	for i := range obs {
		for b, br := range m.brackets {
			if br.admits(first[i], last[i]) && br.cmp.Holds(&obs[i]) {
				cands[b] = append(cands[b], i)
			}
		}
	}
	for _, c := range cands {
		sort.SliceStable(c, func(x, y int) bool { return first[c[x]] < first[c[y]] })
	}
	return cands
}

func (s *searcher) unionOfCandidates() Result {
	used := map[int]bool{}
	for _, c := range s.cands {
		for _, o := range c {
			used[o] = true
		}
	}
	return result(used)
}

func result(used map[int]bool) Result {
	r := Result{Matched: len(used) > 0}
	for o := range used {
		r.Used = append(r.Used, o)
	}
	sort.Ints(r.Used)
	return r
}
