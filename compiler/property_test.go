package compiler

import (
	"errors"
	"hash/fnv"
	"net/netip"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stix2hunq/stix2hunq/ast"
	"github.com/stix2hunq/stix2hunq/compiler/hunq"
	"pgregory.net/rapid"
)

// compileDrawn draws a pattern, parses it and compiles it; it returns nil for a pattern
// that can never match.
func compileDrawn(t *rapid.T, g *genPattern) (*Plan, string) {
	src := g.draw(t)
	p, err := ast.Parse(src, ast.ParseOptions{})
	if err != nil {
		t.Fatalf("the generated pattern does not parse: %v\n%s", err, src)
	}
	plan, err := Compile(p, testOptions())
	var ue *UntranslatableError
	if errors.As(err, &ue) {
		return nil, src
	}
	if err != nil {
		t.Fatalf("compile %s: %v", src, err)
	}
	return plan, src
}

// TestQueriesParseBackAndHoldOnlyPatternValues checks, on random patterns full of quotes,
// backslashes, parentheses, line breaks and HunQ keywords, that every printed query parses
// back to the tree it was printed from, and that every string it searches for is a value
// of the pattern (or a prefix or alternative the pattern's LIKE and MATCHES name, or an
// address of its ISSUBSET blocks): no value can change a query's structure.
func TestQueriesParseBackAndHoldOnlyPatternValues(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		g := newGenPattern()
		plan, src := compileDrawn(t, g)
		if plan == nil {
			return
		}
		for _, q := range plan.Queries {
			back, err := hunq.Parse(q.Text)
			if err != nil {
				t.Fatalf("%s\nprints %s\nwhich does not parse: %v", src, q.Text, err)
			}
			if diff := cmp.Diff(q.Tree, back); diff != "" {
				t.Fatalf("%s\nprints %s\nwhich parses to another tree (- printed, + "+
					"parsed):\n%s", src, q.Text, diff)
			}
			hunq.EachCompare(q.Tree, func(c *hunq.CompareExpr) {
				v := c.Value.Text
				if c.Value.Kind != hunq.String || c.Field == "happenedAfter" ||
					c.Field == "happenedBefore" || g.allowed[v] || inBlocks(v) {
					return
				}
				t.Fatalf("%s\nsearches %s for %q, which is no value of the pattern",
					src, c.Field, v)
			})
		}
	})
}

// inBlocks reports whether s is an address of one of the generator's blocks.
func inBlocks(s string) bool {
	a, err := netip.ParseAddr(s)
	if err != nil {
		return false
	}
	for _, b := range []string{"10.1.2.0/30", "10.1.2.3/32", "192.168.0.1/32",
		"2001:db8::/126"} {
		if netip.MustParsePrefix(b).Contains(a) {
			return true
		}
	}
	return false
}

// TestNormalisationKeepsPatternMeaning checks, on random patterns and random truth
// assignments to their HunQ terms, that each observation's formula means the same after
// the map pass and after nnf, flatten and simplify; and that running any pass a second
// time changes nothing.
func TestNormalisationKeepsPatternMeaning(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		src := newGenPattern().draw(t)
		p, err := ast.Parse(src, ast.ParseOptions{})
		if err != nil {
			t.Fatalf("%v\n%s", err, src)
		}
		u := newUnit(p, testOptions())
		var mapped []Expr
		runPassesTwice(t, src, u, func(pass string) {
			if pass == "map" {
				for _, o := range u.obs {
					mapped = append(mapped, o.expr)
				}
			}
		})
		seed := rapid.Uint64().Draw(t, "assignment")
		val := func(x *Term) bool {
			h := fnv.New64a()
			h.Write([]byte(x.Field + "\x00" + x.Value.Text))
			return (h.Sum64()^seed)&1 == 1
		}
		for i, o := range u.obs {
			if isFalseWindow(o) {
				continue
			}
			if eval(mapped[i], val) != eval(o.expr, val) {
				t.Fatalf("%s\nobservation %d: %s after map, %s after simplify", src, i+1,
					mapped[i], o.expr)
			}
		}
	})
}

// isFalseWindow reports an observation made false by an empty window.
func isFalseWindow(o *obsState) bool {
	c, ok := o.expr.(*Const)
	return ok && !c.Value && !o.window.After.Before(o.window.Before)
}
