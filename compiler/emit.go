package compiler

import (
	"fmt"
	"slices"

	"github.com/stix2hunq/stix2hunq/ast"
	"github.com/stix2hunq/stix2hunq/compiler/hunq"
)

// emit fills the plan: observations, one query per distinct window, exactness, the
// runtime's checks and the coverage gaps.
func (u *unit) emit() error {
	for _, o := range u.obs {
		u.plan.Observations = append(u.plan.Observations, Observation{Bracket: o.bracket,
			Expr: o.expr, Window: o.window, Exact: o.exact})
	}
	if err := u.queries(); err != nil {
		return err
	}
	slices.SortStableFunc(u.plan.Widenings, func(a, b Widening) int {
		if a.Observation != b.Observation {
			return a.Observation - b.Observation
		}
		return a.Pos.Offset - b.Pos.Offset
	})
	u.checks(u.pattern.Expr)
	u.plan.Exact = len(u.plan.Widenings) == 0 && len(u.plan.Checks) == 0
	if !u.plan.Exact {
		u.plan.Checks = append([]string{"evaluate the pattern on the returned events: " +
			"the queries select more than it describes"}, u.plan.Checks...)
	}
	u.plan.Gaps = gaps(u, u.opts.Sources)
	u.plan.gapsKnown = len(u.opts.Sources) > 0
	return nil
}

// queries ORs the observations of each distinct window, in order of first appearance.
func (u *unit) queries() error {
	type group struct {
		window Window
		obs    []int
	}
	var groups []*group
	for i, o := range u.obs {
		if c, ok := o.expr.(*Const); ok && !c.Value {
			continue
		}
		var g *group
		for _, h := range groups {
			if h.window.After.Equal(o.window.After) && h.window.Before.Equal(o.window.Before) {
				g = h
			}
		}
		if g == nil {
			g = &group{window: o.window}
			groups = append(groups, g)
		}
		g.obs = append(g.obs, i)
	}
	for _, g := range groups {
		q, err := u.query(g.window, g.obs)
		if err != nil {
			return err
		}
		u.plan.Queries = append(u.plan.Queries, q)
	}
	return nil
}

// query builds and prints the query of one window: the OR of its observations, ANDed
// with the window's bounds.
func (u *unit) query(w Window, obs []int) (Query, error) {
	var match Expr
	if len(obs) == 1 {
		match = u.obs[obs[0]].expr
	} else {
		xs := make([]Expr, len(obs))
		for j, i := range obs {
			xs[j] = u.obs[i].expr
		}
		match = Simplify(&Or{Xs: xs})
	}
	terms := []Expr{match,
		&Term{Field: "happenedAfter", Value: hunq.Str(FormatTime(w.After))},
		&Term{Field: "happenedBefore", Value: hunq.Str(FormatTime(w.Before))}}
	switch m := match.(type) {
	case *Const: // true: the observations test nothing but the window
		terms = terms[1:]
	case *And:
		terms = append(m.Xs[:len(m.Xs):len(m.Xs)], terms[1:]...)
	}
	tree := toHunq(&And{Xs: terms}, u.opts.Dialect)
	text, err := u.opts.Dialect.Print(tree)
	if err != nil {
		return Query{}, fmt.Errorf("compiler: printing the query: %w", err)
	}
	return Query{Text: text, Tree: tree, Observations: obs, Window: w}, nil
}

// toHunq converts a formula in negation normal form to a HunQ tree.
func toHunq(e Expr, d hunq.Dialect) hunq.Node {
	c := converter{dialect: d}
	return c.node(e)
}

// converter builds HunQ nodes, allocating comparisons in blocks, each twice the last up
// to 256.
type converter struct {
	dialect hunq.Dialect
	block   []hunq.CompareExpr
	size    int
}

func (c *converter) compare(t *Term) *hunq.CompareExpr {
	if len(c.block) == 0 {
		c.size = min(2*c.size+4, 256)
		c.block = make([]hunq.CompareExpr, c.size)
	}
	n := &c.block[0]
	c.block = c.block[1:]
	*n = hunq.CompareExpr{Field: t.Field, Op: hunq.Eq, Value: t.Value}
	return n
}

func (c *converter) node(e Expr) hunq.Node {
	switch e := e.(type) {
	case *Term:
		return c.compare(e)
	case *Not:
		if t, ok := e.X.(*Term); ok {
			return c.dialect.Negate(c.compare(t))
		}
		return hunq.Not(c.node(e.X))
	case *And:
		return hunq.And(c.list(e.Xs)...)
	case *Or:
		return hunq.Or(c.list(e.Xs)...)
	case *Const:
		return hunq.ConstExpr(e.Value)
	}
	return hunq.False // a *Cmp never reaches here: mapPass replaces them all
}

func (c *converter) list(xs []Expr) []hunq.Node {
	out := make([]hunq.Node, len(xs))
	for i, x := range xs {
		out[i] = c.node(x)
	}
	return out
}

// checks lists the observation operators and qualifiers the runtime must check.
func (u *unit) checks(e ast.ObservationExpr) {
	switch e := e.(type) {
	case *ast.ObservationBinaryExpr:
		switch e.Op {
		case ast.ObsAnd:
			u.check(e.Pos, "observation AND: every operand must match its own events")
		case ast.ObsFollowedBy:
			u.check(e.Pos, "FOLLOWEDBY: the operands must match in time order")
		}
		for _, o := range e.Operands {
			u.checks(o)
		}
	case *ast.QualifiedExpr:
		switch q := e.Qualifier.(type) {
		case *ast.WithinQualifier:
			u.check(q.Pos, "WITHIN: the matching events must fall within the given span")
		case *ast.RepeatsQualifier:
			u.check(q.Pos, "REPEATS: the expression must match that many times")
		}
		u.checks(e.Expr)
	}
}

func (u *unit) check(pos ast.Pos, what string) {
	if pos.IsValid() {
		what = pos.String() + ": " + what
	}
	u.plan.Checks = append(u.plan.Checks, what)
}
