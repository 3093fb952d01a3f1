package match

import (
	"math"
	"sort"
)

// plan orders the operands of every node: the one holding the forced leaf first, then
// the most selective. An OR keeps only the operand holding the forced leaf. Planning
// counts one step per node against the budget.
func (s *searcher) plan() {
	s.order = make([][]*node, s.m.nodes)
	s.planNode(s.m.root)
	s.charge(s.m.nodes)
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
