package match

import (
	"slices"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stix2hunq/stix2hunq/ast"
	"pgregory.net/rapid"
)

// The brute-force matcher below enumerates every binding the way the reference does (sets
// of bindings combined bottom-up) and serves as an oracle for the search.

type inst struct{ obs, k int }

type binding []inst

type oracle struct {
	obs         []Observation
	first, last []int64
}

func (or *oracle) eval(e ast.ObservationExpr) []binding {
	switch e := e.(type) {
	case *ast.BracketExpr:
		return or.bracket(e)
	case *ast.ObservationBinaryExpr:
		acc := or.eval(e.Operands[0])
		for _, k := range e.Operands[1:] {
			acc = or.combine(e.Op, acc, or.eval(k))
		}
		return acc
	case *ast.QualifiedExpr:
		return or.qualified(e)
	}
	panic("unknown expression")
}

func (or *oracle) bracket(e *ast.BracketExpr) []binding {
	c, err := CompileComparison(e.Comparison)
	if err != nil {
		panic(err)
	}
	var out []binding
	for i := range or.obs {
		if c.Holds(&or.obs[i]) {
			for k := 0; k < or.obs[i].instances(); k++ {
				out = append(out, binding{{i, k}})
			}
		}
	}
	return out
}

func (or *oracle) combine(op ast.ObservationOp, l, r []binding) []binding {
	if op == ast.ObsOr {
		return append(append([]binding{}, l...), r...)
	}
	var out []binding
	for _, x := range l {
		for _, y := range r {
			if !disjoint(x, y) {
				continue
			}
			if op == ast.ObsFollowedBy && or.maxFirst(x) > or.minLast(y) {
				continue
			}
			out = append(out, append(append(binding{}, x...), y...))
		}
	}
	return out
}

func (or *oracle) qualified(e *ast.QualifiedExpr) []binding {
	in := or.eval(e.Expr)
	var out []binding
	switch q := e.Qualifier.(type) {
	case *ast.WithinQualifier:
		for _, x := range in {
			if or.maxFirst(x)-or.minLast(x) <= q.Duration().Microseconds() {
				out = append(out, x)
			}
		}
	case *ast.StartStopQualifier:
		start, stop := q.Start.Value.UnixMicro(), q.Stop.Value.UnixMicro()
		for _, x := range in {
			ok := start < stop
			for _, i := range x {
				ok = ok && or.last[i.obs] >= start && or.first[i.obs] < stop
			}
			if ok {
				out = append(out, x)
			}
		}
	case *ast.RepeatsQualifier:
		out = combinations(in, int(q.Times.Value), 0, nil)
	}
	return out
}

// combinations returns the unions of n pairwise disjoint bindings of in[from:].
func combinations(in []binding, n, from int, acc binding) []binding {
	if n == 0 {
		return []binding{append(binding{}, acc...)}
	}
	var out []binding
	for i := from; i < len(in); i++ {
		if disjoint(acc, in[i]) {
			out = append(out, combinations(in, n-1, i+1, append(acc, in[i]...))...)
		}
	}
	return out
}

func disjoint(x, y binding) bool {
	for _, a := range x {
		for _, b := range y {
			if a == b {
				return false
			}
		}
	}
	return true
}

func (or *oracle) maxFirst(x binding) int64 {
	m := or.first[x[0].obs]
	for _, i := range x {
		m = max(m, or.first[i.obs])
	}
	return m
}

func (or *oracle) minLast(x binding) int64 {
	m := or.last[x[0].obs]
	for _, i := range x {
		m = min(m, or.last[i.obs])
	}
	return m
}

func (or *oracle) result(e ast.ObservationExpr) Result {
	used := map[int]bool{}
	for _, x := range or.eval(e) {
		for _, i := range x {
			used[i.obs] = true
		}
	}
	r := result(used)
	sort.Ints(r.Used)
	return r
}

// genExpr draws an observation expression over brackets a, b and c.
func genExpr(t *rapid.T, depth int) ast.ObservationExpr {
	choice := rapid.IntRange(0, 6).Draw(t, "kind")
	if depth == 0 || choice < 2 {
		return ipBracket(rapid.SampledFrom([]string{"1.1.1.1", "2.2.2.2", "3.3.3.3"}).
			Draw(t, "value"))
	}
	switch choice {
	case 2:
		return oAnd(genExpr(t, depth-1), genExpr(t, depth-1))
	case 3:
		return oOr(genExpr(t, depth-1), genExpr(t, depth-1))
	case 4:
		return fby(genExpr(t, depth-1), genExpr(t, depth-1))
	case 5:
		// Halves of seconds put observation times on and off the boundary.
		return withinQ(genExpr(t, depth-1), float64(rapid.IntRange(1, 8).Draw(t, "within"))/2)
	}
	if rapid.Bool().Draw(t, "startstop") {
		s := rapid.IntRange(0, 10).Draw(t, "start")
		return startStop(genExpr(t, depth-1), sec(float64(s)),
			sec(float64(s+rapid.IntRange(0, 6).Draw(t, "len"))))
	}
	return repeats(genExpr(t, depth-1), int64(rapid.IntRange(1, 3).Draw(t, "times")))
}

func genObservations(t *rapid.T) []Observation {
	n := rapid.IntRange(0, 6).Draw(t, "n")
	obs := make([]Observation, n)
	for i := range obs {
		first := rapid.IntRange(0, 12).Draw(t, "first")
		length := rapid.SampledFrom([]int{0, 0, 1, 3}).Draw(t, "length")
		v := rapid.SampledFrom([]string{"1.1.1.1", "2.2.2.2", "3.3.3.3"}).Draw(t, "ip")
		obs[i] = spanObs(sec(float64(first)), sec(float64(first+length)), ip(v))
		obs[i].Count = rapid.IntRange(1, 2).Draw(t, "count")
	}
	return obs
}

// TestMatchAgreesWithBruteForce checks Matched and Used against every binding enumerated,
// and for patterns whose matches bind one observation, MatchesOne against Match.
func TestMatchAgreesWithBruteForce(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		e := genExpr(t, 3)
		obs := genObservations(t)
		or := &oracle{obs: obs, first: make([]int64, len(obs)), last: make([]int64, len(obs))}
		for i := range obs {
			or.first[i], or.last[i] = obs[i].First.UnixMicro(), obs[i].Last.UnixMicro()
		}
		want := or.result(e)
		m, err := New(pattern(e))
		if err != nil {
			t.Fatalf("New: %v", err)
		}
		got, err := m.Match(obs)
		if err != nil {
			t.Fatalf("Match: %v", err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("got %+v, want %+v (-want +got):\n%s", got, want, diff)
		}
		if !m.SingleObservation() {
			return
		}
		for i, o := range obs {
			if one := m.MatchesOne(o); one != slices.Contains(want.Used, i) {
				t.Fatalf("MatchesOne(obs[%d]) = %v, but Used = %v", i, one, want.Used)
			}
		}
	})
}

// genComparison draws a comparison expression over two object types, each comparison
// testing property v against 0, 1 or 2.
func genComparison(t *rapid.T, depth int) ast.ComparisonExpr {
	if depth == 0 || rapid.IntRange(0, 2).Draw(t, "leaf") == 0 {
		typ := rapid.SampledFrom([]string{"x-a", "x-b"}).Draw(t, "type")
		v := int64(rapid.IntRange(0, 2).Draw(t, "v"))
		return cmpE(path(typ, key("v")), ast.OpEqual, num(v))
	}
	op := ast.BoolOr
	if rapid.Bool().Draw(t, "and") {
		op = ast.BoolAnd
	}
	return &ast.ComparisonBinaryExpr{Op: op, Operands: []ast.ComparisonExpr{
		genComparison(t, depth-1), genComparison(t, depth-1)}}
}

// holdsFor evaluates e with each comparison tested on the object chosen for its type.
func holdsFor(e ast.ComparisonExpr, chosen map[string]map[string]any) bool {
	switch e := e.(type) {
	case *ast.CompareExpr:
		obj := chosen[e.Path.ObjectType]
		return obj != nil && obj["v"] == float64(e.Value.(*ast.IntLit).Value)
	case *ast.ComparisonBinaryExpr:
		and := e.Op == ast.BoolAnd
		for _, k := range e.Operands {
			if holdsFor(k, chosen) != and {
				return !and
			}
		}
		return and
	}
	panic("unknown comparison expression")
}

// TestHoldsAgreesWithBruteForce: a comparison expression holds when some choice of one
// object per type (or none, for a type without objects) makes it true.
func TestHoldsAgreesWithBruteForce(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		e := genComparison(t, 3)
		objects := map[string]map[string]any{}
		byType := map[string][]map[string]any{"x-a": {nil}, "x-b": {nil}}
		for i := range rapid.IntRange(0, 5).Draw(t, "objects") {
			typ := rapid.SampledFrom([]string{"x-a", "x-b"}).Draw(t, "type")
			obj := map[string]any{"type": typ, "v": float64(rapid.IntRange(0, 2).Draw(t, "v"))}
			objects[string(rune('0'+i))] = obj
			byType[typ] = append(byType[typ], obj)
		}
		want := false
		for _, a := range byType["x-a"] {
			for _, b := range byType["x-b"] {
				want = want || holdsFor(e, map[string]map[string]any{"x-a": a, "x-b": b})
			}
		}
		c, err := CompileComparison(e)
		if err != nil {
			t.Fatal(err)
		}
		o := at(t0, objects)
		if got := c.Holds(&o); got != want {
			t.Fatalf("%s on %v: got %v, want %v", ast.Print(e), objects, got, want)
		}
	})
}
