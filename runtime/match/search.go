package match

import (
	"math"
	"sort"
)

// searcher finds bindings: one observation for each leaf on the chosen branch of every
// OR, pairwise distinct (an observation of Count n may be bound n times), meeting the
// time constraints between leaves (FOLLOWEDBY and WITHIN) of the slack matrix.
type searcher struct {
	m           *Matcher
	first, last []int64 // per observation, microseconds
	avail       []int   // per observation, instances not yet bound
	cands       [][]int // per bracket
	maxSpan     []int64 // per bracket: the longest last - first among its candidates
	pick, pos   []int   // per leaf: bound observation and its place in cands, or -1
	bound       []int   // leaves bound so far, in order
	order       [][]*node
	forced      int // leaf that must be bound to forcedObs, or -1
	forcedObs   int
	used        map[int]bool
	steps       int
	over        bool
}

func newSearcher(m *Matcher, obs []Observation) *searcher {
	s := &searcher{m: m, first: make([]int64, len(obs)), last: make([]int64, len(obs)),
		avail: make([]int, len(obs)), forced: -1, used: map[int]bool{}}
	for i := range obs {
		s.first[i], s.last[i] = obs[i].First.UnixMicro(), obs[i].Last.UnixMicro()
		s.avail[i] = obs[i].instances()
	}
	s.cands = m.candidates(obs, s.first, s.last)
	s.maxSpan = make([]int64, len(s.cands))
	for b, c := range s.cands {
		for _, o := range c {
			s.maxSpan[b] = max(s.maxSpan[b], s.last[o]-s.first[o])
		}
	}
	s.pick = make([]int, len(m.leaves))
	s.pos = make([]int, len(m.leaves))
	for i := range s.pick {
		s.pick[i] = -1
	}
	return s
}

// run finds one binding, then, for every candidate not yet known to take part in a
// match, a binding that includes it.
//
// Limitation: the search backtracks. Candidate windows found by binary search on time,
// the most selective operand first and interchangeable REPEATS copies taken in order keep
// the usual patterns near linear, but a pattern whose operands share many candidates and
// cannot be completed (REPEATS of an AND, long FOLLOWEDBY chains without a WITHIN) may
// take exponential time: the step budget stops it with ErrBudget.
func (s *searcher) run() (Result, error) {
	s.plan()
	if !s.sat(&plist{n: s.m.root}) {
		return Result{}, s.err()
	}
	for b, c := range s.cands {
		for _, o := range c {
			if s.used[o] {
				continue
			}
			s.forceAny(b, o)
			if s.over {
				return result(s.used), ErrBudget
			}
		}
	}
	return result(s.used), nil
}

func (s *searcher) err() error {
	if s.over {
		return ErrBudget
	}
	return nil
}

// forceAny searches for a binding with observation o at some leaf of bracket b. Only the
// first copy of a REPEATS leaf is tried: the copies are interchangeable.
func (s *searcher) forceAny(b, o int) {
	for l, lf := range s.m.leaves {
		if lf.bracket != b || lf.twin >= 0 {
			continue
		}
		s.forced, s.forcedObs = l, o
		s.plan()
		found := s.sat(&plist{n: s.m.root})
		s.forced = -1
		if found || s.over {
			return
		}
	}
}

// plist is a list of nodes still to bind.
type plist struct {
	n    *node
	next *plist
}

func (s *searcher) sat(p *plist) bool {
	if p == nil {
		for _, l := range s.bound {
			s.used[s.pick[l]] = true
		}
		return true
	}
	if s.steps++; s.steps > s.m.budget {
		s.over = true
		return false
	}
	n, rest := p.n, p.next
	switch n.kind {
	case leafNode:
		return s.satLeaf(n.lo, rest)
	case orNode:
		for _, k := range s.order[n.id] {
			if s.over {
				return false
			}
			if s.sat(&plist{n: k, next: rest}) {
				return true
			}
		}
		return false
	}
	kids := s.order[n.id]
	for i := len(kids) - 1; i >= 0; i-- {
		rest = &plist{n: kids[i], next: rest}
	}
	return s.sat(rest)
}

// satLeaf binds leaf l to each observation that fits, and goes on with the rest.
func (s *searcher) satLeaf(l int, rest *plist) bool {
	lowLast, highFirst := s.bounds(l)
	if l == s.forced {
		o := s.forcedObs
		return s.fits(o, lowLast, highFirst) && s.try(l, o, -1, rest)
	}
	b := s.m.leaves[l].bracket
	c := s.cands[b]
	from := satSub(lowLast, s.maxSpan[b])
	i := sort.Search(len(c), func(i int) bool { return s.first[c[i]] >= from })
	if t := s.m.leaves[l].twin; t >= 0 && s.pick[t] >= 0 && t != s.forced {
		i = max(i, s.pos[t])
	}
	for ; i < len(c) && s.first[c[i]] <= highFirst; i++ {
		if s.over {
			return false
		}
		if o := c[i]; s.fits(o, lowLast, highFirst) && s.try(l, o, i, rest) {
			return true
		}
	}
	return false
}

func (s *searcher) fits(o int, lowLast, highFirst int64) bool {
	return s.avail[o] > 0 && s.last[o] >= lowLast && s.first[o] <= highFirst
}

func (s *searcher) try(l, o, pos int, rest *plist) bool {
	s.pick[l], s.pos[l] = o, pos
	s.avail[o]--
	s.bound = append(s.bound, l)
	ok := s.sat(rest)
	s.bound = s.bound[:len(s.bound)-1]
	s.avail[o]++
	s.pick[l] = -1
	return ok
}

// bounds returns the least last_observed and the greatest first_observed an observation
// bound to leaf l may have, given the leaves bound so far.
func (s *searcher) bounds(l int) (lowLast, highFirst int64) {
	n := len(s.m.leaves)
	lowLast, highFirst = math.MinInt64, math.MaxInt64
	for _, p := range s.bound {
		o := s.pick[p]
		if sl := s.m.slack[p*n+l]; sl != noBound {
			lowLast = max(lowLast, satSub(s.first[o], sl))
		}
		if sl := s.m.slack[l*n+p]; sl != noBound {
			highFirst = min(highFirst, satAdd(s.last[o], sl))
		}
	}
	return lowLast, highFirst
}

// plan orders the operands of every node: the one holding the forced leaf first, then
// the most selective. An OR keeps only the operand holding the forced leaf.
func (s *searcher) plan() {
	s.order = make([][]*node, s.m.nodes)
	s.planNode(s.m.root)
}

func (s *searcher) planNode(n *node) int {
	if n.kind == leafNode {
		return len(s.cands[s.m.leaves[n.lo].bracket])
	}
	kids := make([]*node, 0, len(n.kids))
	sizes := map[*node]int{}
	total, least := 0, math.MaxInt
	for _, k := range n.kids {
		sz := s.planNode(k)
		if n.kind == orNode && s.forced >= 0 && !holds(k, s.forced) && holds(n, s.forced) {
			continue
		}
		kids = append(kids, k)
		sizes[k] = sz
		total += sz
		least = min(least, sz)
	}
	sort.SliceStable(kids, func(i, j int) bool {
		fi, fj := holds(kids[i], s.forced), holds(kids[j], s.forced)
		if fi != fj {
			return fi
		}
		return n.kind != orNode && sizes[kids[i]] < sizes[kids[j]]
	})
	s.order[n.id] = kids
	if n.kind == orNode {
		return total
	}
	return least
}

func holds(n *node, leaf int) bool { return leaf >= n.lo && leaf < n.hi }

func satAdd(a, b int64) int64 {
	if b > 0 && a > math.MaxInt64-b {
		return math.MaxInt64
	}
	return a + b
}

func satSub(a, b int64) int64 {
	if b > 0 && a < math.MinInt64+b {
		return math.MinInt64
	}
	return a - b
}
