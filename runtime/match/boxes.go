package match

import "slices"

// box is a set of choices of one object per type: every choice of one name from each of
// its lists (one list per object type, none empty) satisfies the expression evaluated.
type box map[string][]string

// boxes evaluates n on o over choices of one object per type. A comparison gives one box
// holding the objects that satisfy it; OR gives the boxes of its operands; AND joins the
// boxes of its operands pairwise, intersecting the lists of a type both hold. The
// expression holds when some box is left.
func (n *cnode) boxes(o *Observation) []box {
	if n.cmp != nil {
		r := n.cmp.roots(o)
		if len(r) == 0 {
			return nil
		}
		slices.Sort(r)
		return []box{{n.cmp.expr.Path.ObjectType: r}}
	}
	acc := n.kids[0].boxes(o)
	for i := 1; i < len(n.kids); i++ {
		if n.and && len(acc) == 0 {
			return nil
		}
		if n.and {
			acc = joinBoxes(acc, n.kids[i].boxes(o))
		} else {
			acc = append(acc, n.kids[i].boxes(o)...)
		}
	}
	if !n.and {
		acc = mergeSingles(acc)
	}
	return acc
}

// joinBoxes returns the boxes that satisfy both a box of xs and a box of ys.
func joinBoxes(xs, ys []box) []box {
	var out []box
	for _, x := range xs {
	next:
		for _, y := range ys {
			j := make(box, len(x)+len(y))
			for t, names := range x {
				j[t] = names
			}
			for t, names := range y {
				if have, ok := j[t]; ok {
					names = intersect(have, names)
					if len(names) == 0 {
						continue next
					}
				}
				j[t] = names
			}
			out = append(out, j)
		}
	}
	return out
}

// mergeSingles unites the boxes of one type each that name the same type: a choice from
// either is a choice from their union. It keeps an OR of comparisons on one type to one
// box, so that ANDs above it do not multiply boxes.
func mergeSingles(bs []box) []box {
	var out []box
	single := map[string]int{} // type -> index in out
	for _, b := range bs {
		if len(b) != 1 {
			out = append(out, b)
			continue
		}
		for t, names := range b {
			if i, ok := single[t]; ok {
				out[i] = box{t: union(out[i][t], names)}
				continue
			}
			single[t] = len(out)
			out = append(out, b)
		}
	}
	return out
}

// intersect returns the names in both sorted lists.
func intersect(a, b []string) []string {
	var out []string
	for _, x := range a {
		if _, ok := slices.BinarySearch(b, x); ok {
			out = append(out, x)
		}
	}
	return out
}

// union returns the names in either sorted list, sorted.
func union(a, b []string) []string {
	out := append(slices.Clone(a), b...)
	slices.Sort(out)
	return slices.Compact(out)
}
