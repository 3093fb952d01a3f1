package ast_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/stix2hunq/stix2hunq/ast"
	"github.com/stix2hunq/stix2hunq/internal/golden"
)

// ignorePos compares trees without their positions, which printing changes.
var ignorePos = cmpopts.IgnoreTypes(ast.Pos{})

// corpus is every valid test pattern with the version it is read under.
type corpusEntry struct {
	src string
	v   ast.Version
}

func validCorpus(t testing.TB) []corpusEntry {
	var out []corpusEntry
	for _, s := range readPatterns(t, "spec-2.1.txt") {
		out = append(out, corpusEntry{s, ast.V21})
	}
	for _, s := range readPatterns(t, "spec-2.0.txt") {
		out = append(out, corpusEntry{s, ast.V20})
	}
	for _, s := range readPatterns(t, "valid.txt") {
		out = append(out, corpusEntry{s, ast.V21})
	}
	return out
}

// TestSpecExamples: every example of the 2.1 and 2.0 specifications is valid under its
// version.
func TestSpecExamples(t *testing.T) {
	for _, f := range []struct {
		file string
		v    ast.Version
		n    int
	}{{"spec-2.1.txt", ast.V21, 23}, {"spec-2.0.txt", ast.V20, 24}} {
		pats := readPatterns(t, f.file)
		if len(pats) != f.n {
			t.Errorf("%s: %d patterns, want %d", f.file, len(pats), f.n)
		}
		for _, s := range pats {
			if _, err := ast.Parse(s, ast.ParseOptions{Version: f.v}); err != nil {
				t.Errorf("%s: %s: %v", f.file, s, err)
			}
		}
	}
}

// TestRoundTrip: parse, print, parse gives an equal tree, and printing is stable.
func TestRoundTrip(t *testing.T) {
	for _, c := range validCorpus(t) {
		p, err := ast.Parse(c.src, ast.ParseOptions{Version: c.v})
		if err != nil {
			t.Errorf("%s: %v", c.src, err)
			continue
		}
		text := ast.Print(p)
		q, err := ast.Parse(text, ast.ParseOptions{Version: c.v})
		if err != nil {
			t.Errorf("%s\nprinted %s\nwhich fails: %v", c.src, text, err)
			continue
		}
		if d := cmp.Diff(p, q, ignorePos); d != "" {
			t.Errorf("%s\nprinted %s\ntrees differ (-parsed +reparsed):\n%s", c.src, text, d)
		}
		if again := ast.Print(q); again != text {
			t.Errorf("printing is not stable: %s, then %s", text, again)
		}
	}
}

// TestPrintGolden pins the canonical text of every valid test pattern.
func TestPrintGolden(t *testing.T) {
	var b strings.Builder
	for _, c := range validCorpus(t) {
		p, err := ast.Parse(c.src, ast.ParseOptions{Version: c.v})
		if err != nil {
			t.Fatalf("%s: %v", c.src, err)
		}
		b.WriteString("< " + c.src + "\n> " + ast.Print(p) + "\n\n")
	}
	golden.Check(t, "../testdata/golden/print.golden", b.String())
}
