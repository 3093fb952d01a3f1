package fuzz

import (
	"errors"
	"net/netip"
	"regexp/syntax"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/google/go-cmp/cmp"

	"github.com/stix2hunq/stix2hunq/ast"
	"github.com/stix2hunq/stix2hunq/compiler"
	"github.com/stix2hunq/stix2hunq/compiler/hunq"
	"github.com/stix2hunq/stix2hunq/runtime/coverage"
	"github.com/stix2hunq/stix2hunq/runtime/tostix"
)

// FuzzCompile compiles every pattern that parses, in STIX 2.0 or 2.1, in the default or
// the complete mode: the compiler never panics and fails only by refusing a pattern that
// can never match; every query it prints parses back to the tree it printed; and every
// string the queries search for is a value of the pattern (a literal, the text before a
// LIKE wildcard, text taken from a MATCHES expression, or an address of an ISSUBSET or
// ISSUPERSET block), so that no value can change a query's structure.
func FuzzCompile(f *testing.F) {
	for _, s := range patternSeeds(f) {
		f.Add(s, false, false)
	}
	sources := map[bool][]compiler.Source{}
	for _, v20 := range []bool{false, true} {
		v := tostix.STIX21
		if v20 {
			v = tostix.STIX20
		}
		m, err := tostix.New(tostix.Options{Version: v})
		if err != nil {
			f.Fatal(err)
		}
		sources[v20] = coverage.Sources(m)
	}
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	f.Fuzz(func(t *testing.T, src string, v20, complete bool) {
		opts := ast.ParseOptions{Version: ast.V21}
		if v20 {
			opts.Version = ast.V20
		}
		p, err := ast.Parse(src, opts)
		if err != nil {
			return
		}
		plan, err := compiler.Compile(p, compiler.Options{Sources: sources[v20],
			Complete: complete, Parsed: true, Now: func() time.Time { return now }})
		var ue *compiler.UntranslatableError
		if errors.As(err, &ue) {
			return
		}
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		values := patternValues(p)
		for _, q := range plan.Queries {
			checkQuery(t, src, q, values)
		}
	})
}

// checkQuery checks that a query parses back to its tree and searches only values of the
// pattern.
func checkQuery(t *testing.T, src string, q compiler.Query, values *literals) {
	back, err := hunq.Parse(q.Text)
	if err != nil {
		t.Fatalf("%s\nprints %s\nwhich does not parse: %v", src, q.Text, err)
	}
	if d := cmp.Diff(q.Tree, back); d != "" {
		t.Fatalf("%s\nprints %s\nwhich parses to another tree:\n%s", src, q.Text, d)
	}
	hunq.EachCompare(back, func(c *hunq.CompareExpr) {
		if c.Value.Kind == hunq.String && c.Field != "happenedAfter" &&
			c.Field != "happenedBefore" && !values.allows(c.Value.Text) {
			t.Fatalf("%s\nsearches %s for %q, which is no value of the pattern\n%s", src,
				c.Field, c.Value.Text, q.Text)
		}
	})
}

// literals are the values of a pattern that a query may search for.
type literals struct {
	exact   map[string]bool // literals, LIKE prefixes and number texts
	regexes []string        // MATCHES expressions
	blocks  []netip.Prefix  // ISSUBSET and ISSUPERSET operands
}

func patternValues(p *ast.Pattern) *literals {
	l := &literals{exact: map[string]bool{}}
	ast.Inspect(p, func(n ast.Node) bool {
		if c, ok := n.(*ast.CompareExpr); ok {
			l.add(c.Op, c.Value)
		}
		return true
	})
	return l
}

func (l *literals) add(op ast.CompareOp, v ast.Literal) {
	switch v := v.(type) {
	case *ast.SetLit:
		for _, el := range v.Elems {
			l.add(op, el)
		}
	case *ast.StringLit:
		l.exact[v.Value] = true
		switch op {
		case ast.OpLike:
			if i := strings.IndexAny(v.Value, "%_"); i >= 0 {
				l.exact[v.Value[:i]] = true
			}
		case ast.OpMatches:
			l.regexes = append(l.regexes, v.Value)
		case ast.OpIsSubset, ast.OpIsSuperset:
			if b, err := netip.ParsePrefix(v.Value); err == nil {
				l.blocks = append(l.blocks, b.Masked())
			} else if a, err := netip.ParseAddr(v.Value); err == nil {
				l.blocks = append(l.blocks, netip.PrefixFrom(a, a.BitLen()))
			}
		}
	case *ast.TimestampLit:
		l.exact[compiler.FormatTime(v.Value)] = true
		l.exact[v.Value.UTC().Format(time.RFC3339Nano)] = true
	case *ast.IntLit:
		l.exact[ast.Print(v)] = true
	case *ast.FloatLit:
		l.exact[ast.Print(v)] = true
		if f, err := strconv.ParseFloat(ast.Print(v), 64); err == nil {
			l.exact[strconv.FormatFloat(f, 'f', -1, 64)] = true
		}
	}
}

// allows reports whether a query may search for s: a literal, an address of a block, or
// text every character of which a MATCHES expression holds.
func (l *literals) allows(s string) bool {
	if l.exact[s] {
		return true
	}
	if a, err := netip.ParseAddr(s); err == nil {
		for _, b := range l.blocks {
			if b.Contains(a) {
				return true
			}
		}
	}
	for _, re := range l.regexes {
		if allIn(s, re) {
			return true
		}
	}
	return false
}

// allIn reports whether every character of s is one that the expression re names: a
// literal of it, or a member of one of its classes (case folded where it folds case).
func allIn(s, re string) bool {
	tree, err := syntax.Parse(re, syntax.Perl)
	if err != nil {
		return false
	}
	var ranges []rune
	var walk func(n *syntax.Regexp)
	walk = func(n *syntax.Regexp) {
		switch n.Op {
		case syntax.OpLiteral:
			for _, r := range n.Rune {
				ranges = append(ranges, r, r, unicode.SimpleFold(r), unicode.SimpleFold(r))
			}
		case syntax.OpCharClass:
			ranges = append(ranges, n.Rune...)
		}
		for _, sub := range n.Sub {
			walk(sub)
		}
	}
	walk(tree)
	for _, r := range s {
		if !inRanges(r, ranges) {
			return false
		}
	}
	return true
}

func inRanges(r rune, ranges []rune) bool {
	for i := 0; i+1 < len(ranges); i += 2 {
		if ranges[i] <= r && r <= ranges[i+1] {
			return true
		}
	}
	return false
}
