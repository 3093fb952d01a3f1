package match

import (
	"math"
	"sort"
)

// searcher finds bindings: one observation for each leaf on the chosen branch of every
// OR, pairwise distinct (an observation of Count n may be bound n times), meeting the
// time constraints of FOLLOWEDBY and WITHIN.
type searcher struct {
	m           *Matcher
	first, last []int64 // per observation, microseconds
	avail       []int   // per observation, instances not yet bound
	cands       [][]int // per bracket
	maxSpan     []int64 // per bracket: the longest last - first among its candidates
	pick, pos   []int   // per leaf: bound observation and its place in cands, or -1
	bound       []int   // leaves bound so far, in order
	agg         []span  // per node: the times of the observations bound below it
	saved       []span  // the agg entries that binding overwrote, to restore on return
	order       [][]*node
	forced      int // leaf that must be bound to forcedObs, or -1
	forcedObs   int
	used        map[int]bool
	steps       int
	over        bool
}

// span is the latest first_observed and the earliest last_observed of a set of bound
// observations; the empty set has first = MinInt64 and last = MaxInt64.
type span struct{ first, last int64 }

var emptySpan = span{math.MinInt64, math.MaxInt64}

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
	s.agg = make([]span, m.nodes)
	for i := range s.agg {
		s.agg[i] = emptySpan
	}
	return s
}

// run finds one binding, then, for every candidate not yet known to take part in a
// match, a binding that includes it.
//
// Limitation: the search backtracks. Candidate windows found by binary search on time,
// the most selective operand first, interchangeable REPEATS copies taken in order and a
// count of the candidates left for them keep the usual patterns near linear, but a
// pattern whose operands share many candidates and cannot be completed (REPEATS of an
// AND, long FOLLOWEDBY chains without a WITHIN) may take exponential time: the step
// budget stops it with ErrBudget.
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

// charge counts n steps against the budget and reports whether the search may go on.
func (s *searcher) charge(n int) bool {
	if s.steps += n; s.steps > s.m.budget {
		s.over = true
	}
	return !s.over
}

func (s *searcher) sat(p *plist) bool {
	if p == nil {
		for _, l := range s.bound {
			s.used[s.pick[l]] = true
		}
		return true
	}
	if !s.charge(1) {
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
	lf := &s.m.leaves[l]
	c := s.cands[lf.bracket]
	from := satSub(lowLast, s.maxSpan[lf.bracket])
	i := sort.Search(len(c), func(i int) bool { return s.first[c[i]] >= from })
	if t := lf.twin; t >= 0 && s.pick[t] >= 0 && t != s.forced {
		i = max(i, s.pos[t])
	}
	if lf.copies > 1 && !s.enough(c[i:], lf.copies, lowLast, highFirst) {
		return false
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

// enough reports whether the candidates c that fit the bounds hold n instances still
// unbound: the copies of a REPEATS from this one on need that many, and bounds only
// tighten as the search goes on.
func (s *searcher) enough(c []int, n int, lowLast, highFirst int64) bool {
	count := 0
	for j, o := range c {
		if s.first[o] > highFirst || j%64 == 63 && !s.charge(1) {
			break
		}
		if s.fits(o, lowLast, highFirst) {
			if count += s.avail[o]; count >= n {
				return true
			}
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
	mark := len(s.saved)
	for n := s.m.leaves[l].node; n != nil; n = n.parent {
		a := s.agg[n.id]
		s.saved = append(s.saved, a)
		s.agg[n.id] = span{max(a.first, s.first[o]), min(a.last, s.last[o])}
	}
	ok := s.sat(rest)
	for n, i := s.m.leaves[l].node, mark; n != nil; n, i = n.parent, i+1 {
		s.agg[n.id] = s.saved[i]
	}
	s.saved = s.saved[:mark]
	s.bound = s.bound[:len(s.bound)-1]
	s.avail[o]++
	s.pick[l] = -1
	return ok
}

// bounds returns the least last_observed and the greatest first_observed an observation
// bound to leaf l may have, given the observations bound so far: every WITHIN above l
// relates it to all observations bound below that WITHIN, and every FOLLOWEDBY above l
// to those bound in its operands before l's (which must come first) and after it.
func (s *searcher) bounds(l int) (lowLast, highFirst int64) {
	lowLast, highFirst = math.MinInt64, math.MaxInt64
	child := s.m.leaves[l].node
	for n := child.parent; n != nil; child, n = n, n.parent {
		if a := s.agg[n.id]; n.within != noBound && a != emptySpan {
			lowLast = max(lowLast, satSub(a.first, n.within))
			highFirst = min(highFirst, satAdd(a.last, n.within))
		}
		if n.kind != seqNode {
			continue
		}
		for _, k := range n.kids[:child.idx] {
			lowLast = max(lowLast, s.agg[k.id].first)
		}
		for _, k := range n.kids[child.idx+1:] {
			highFirst = min(highFirst, s.agg[k.id].last)
		}
	}
	return lowLast, highFirst
}

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
