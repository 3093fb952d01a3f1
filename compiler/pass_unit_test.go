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

var unitPatterns = []string{
	readmeText,
	`[ipv4-addr:value != '1.2.3.4' AND file:size IN (1, 2) AND x-unknown:thing = 'x'] AND ` +
		`[process:pid > 4] START t'2022-01-01T00:00:00Z' STOP t'2022-01-02T00:00:00Z'`,
	`([file:size != 5 OR file:size NOT IN (1, 3) OR domain-name:value LIKE 'evil%'] ` +
		`START t'2022-01-01T00:00:00Z' STOP t'2022-01-03T00:00:00Z') ` +
		`START t'2022-01-02T00:00:00Z' STOP t'2022-01-04T00:00:00Z'`,
}

// TestUnitPassesIdempotent runs every pass a second time right after the table has run
// it, and requires no change.
func TestUnitPassesIdempotent(t *testing.T) {
	for _, src := range unitPatterns {
		runPassesTwice(t, src, newUnit(mustParse(t, src), testOptions()), nil)
	}
}

// runPassesTwice runs the pass table on u, each pass twice in a row, and fails when the
// second run changes anything; after each pass it calls after, if given.
func runPassesTwice(t interface{ Fatalf(string, ...any) }, src string, u *unit,
	after func(pass string)) {
	for _, ps := range passes {
		if err := ps.run(u); err != nil {
			t.Fatalf("%s: %s: %v", src, ps.name, err)
		}
		once := snapshot(u)
		if err := ps.run(u); err != nil {
			t.Fatalf("%s: %s again: %v", src, ps.name, err)
		}
		if diff := cmp.Diff(once, snapshot(u)); diff != "" {
			t.Fatalf("%s: pass %s is not idempotent (- once, + twice):\n%s", src, ps.name,
				diff)
		}
		if after != nil {
			after(ps.name)
		}
	}
}

func TestPassNames(t *testing.T) {
	want := []string{"check", "unmapped", "map", "nnf", "flatten", "simplify", "windows"}
	if diff := cmp.Diff(want, PassNames()); diff != "" {
		t.Errorf("got - want +:\n%s", diff)
	}
}
