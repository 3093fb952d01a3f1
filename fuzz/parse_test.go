package fuzz

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/stix2hunq/stix2hunq/ast"
	"github.com/stix2hunq/stix2hunq/internal/golden"
)

// patternSeeds reads the patterns of the grammar's corpora in ../testdata/patterns, valid
// and invalid; the specifications' examples are in the targets' checked-in corpora.
func patternSeeds(f *testing.F) []string {
	files, err := filepath.Glob("../testdata/patterns/*valid.txt")
	if err != nil || len(files) != 2 {
		f.Fatalf("want the corpora valid.txt and invalid.txt: %v %v", files, err)
	}
	var out []string
	for _, name := range files {
		out = append(out, golden.Lines(f, name)...)
	}
	return out
}

// FuzzParse: parsing never panics, and every pattern it accepts prints to text that
// parses back to the same tree and prints the same again.
func FuzzParse(f *testing.F) {
	for _, s := range patternSeeds(f) {
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, src string, v20 bool) {
		opts := ast.ParseOptions{Version: ast.V21}
		if v20 {
			opts.Version = ast.V20
		}
		p, err := ast.Parse(src, opts)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "pattern:") {
				t.Fatalf("error without the pattern prefix: %v", err)
			}
			return
		}
		text := ast.Print(p)
		q, err := ast.Parse(text, opts)
		if err != nil {
			t.Fatalf("accepted %q, printed %q, which fails: %v", src, text, err)
		}
		if d := cmp.Diff(p, q, cmpopts.IgnoreTypes(ast.Pos{})); d != "" {
			t.Fatalf("accepted %q, printed %q, reparsed differently:\n%s", src, text, d)
		}
		if again := ast.Print(q); again != text {
			t.Fatalf("printing is not stable: %q then %q", text, again)
		}
	})
}
