package compiler

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stix2hunq/stix2hunq/ast"
)

// newUnit prepares a unit for p as Compile does, without running passes.
func newUnit(p *ast.Pattern, opts Options) *unit {
	u := &unit{opts: &opts, pattern: p, plan: &Plan{Pattern: p},
		resolve: newResolver(opts.fields(), opts.catalog())}
	u.collect(p.Expr, nil)
	return u
}

// snapshot is what a pass may change: the formulas, windows and records.
func snapshot(u *unit) []string {
	var s []string
	for _, o := range u.obs {
		s = append(s, o.expr.String(), o.window.String())
	}
	for _, w := range u.plan.Widenings {
		s = append(s, w.What+": "+w.Reason)
	}
	for _, m := range u.plan.Unmapped {
		s = append(s, "unmapped "+m.Property)
	}
	return s
}

func unitPatterns() []*ast.Pattern {
	return []*ast.Pattern{
		readmePattern(),
		pattern(obs(ast.ObsAnd,
			bracket(and(notE(cmpE("ipv4-addr:value", ast.OpEqual, str("1.2.3.4"))),
				cmpE("file:size", ast.OpIn, set(num(1), num(2))),
				cmpE("x-unknown:thing", ast.OpEqual, str("x")))),
			startStop(bracket(cmpE("process:pid", ast.OpGreater, num(4))),
				"2022-01-01T00:00:00Z", "2022-01-02T00:00:00Z"))),
		pattern(startStop(startStop(bracket(or(
			cmpE("file:size", ast.OpNotEqual, num(5)),
			notE(cmpE("file:size", ast.OpIn, set(num(1), num(3)))),
			cmpE("domain-name:value", ast.OpLike, str("evil%")))),
			"2022-01-01T00:00:00Z", "2022-01-03T00:00:00Z"),
			"2022-01-02T00:00:00Z", "2022-01-04T00:00:00Z")),
	}
}

// TestUnitPassesIdempotent runs every pass a second time right after the table has run
// it, and requires no change.
func TestUnitPassesIdempotent(t *testing.T) {
	for _, p := range unitPatterns() {
		u := newUnit(p, testOptions())
		for _, ps := range passes {
			if err := ps.run(u); err != nil {
				t.Fatalf("%s: %v", ps.name, err)
			}
			once := snapshot(u)
			if err := ps.run(u); err != nil {
				t.Fatalf("%s again: %v", ps.name, err)
			}
			if diff := cmp.Diff(once, snapshot(u)); diff != "" {
				t.Errorf("pass %s is not idempotent (got - want +):\n%s", ps.name, diff)
			}
		}
	}
}

func TestPassNames(t *testing.T) {
	want := []string{"check", "unmapped", "map", "nnf", "flatten", "simplify", "windows"}
	if diff := cmp.Diff(want, PassNames()); diff != "" {
		t.Errorf("got - want +:\n%s", diff)
	}
}
