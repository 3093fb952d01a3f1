package ast_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/stix2hunq/stix2hunq/ast"
	"github.com/stix2hunq/stix2hunq/grammar"
)

func pos(off, line, col int) ast.Pos { return ast.Pos{Offset: off, Line: line, Column: col} }

// TestParseTree pins the whole tree of one pattern, positions and decoded values included.
func TestParseTree(t *testing.T) {
	src := "[a:'b\\'c'[*] NOT IN (b'AQI=', h'ff') OR EXISTS d:e[-1].f] FOLLOWEDBY\n" +
		"([g:h = 'x\\\\y' AND g:i > 1.5] AND [g:j = t'2020-02-29T01:02:03.5Z']) WITHIN 2 SECONDS"
	p, err := ast.Parse(src, ast.ParseOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ts := time.Date(2020, 2, 29, 1, 2, 3, 500000000, time.UTC)
	want := &ast.Pattern{Pos: pos(0, 1, 1), Expr: &ast.ObservationBinaryExpr{
		Pos: pos(0, 1, 1), Op: ast.ObsFollowedBy, Operands: []ast.ObservationExpr{
			&ast.BracketExpr{Pos: pos(0, 1, 1), Comparison: &ast.ComparisonBinaryExpr{
				Pos: pos(1, 1, 2), Op: ast.BoolOr, Operands: []ast.ComparisonExpr{
					&ast.CompareExpr{Pos: pos(1, 1, 2), Negated: true, Op: ast.OpIn,
						Path: &ast.ObjectPath{Pos: pos(1, 1, 2), ObjectType: "a",
							Steps: []ast.PathStep{{Key: "b'c"}, {Kind: ast.AnyIndexStep}}},
						Value: &ast.SetLit{Pos: pos(20, 1, 21), Elems: []ast.Literal{
							&ast.BinaryLit{Pos: pos(21, 1, 22), Value: []byte{1, 2}},
							&ast.HexLit{Pos: pos(30, 1, 31), Value: []byte{0xff}}}}},
					&ast.CompareExpr{Pos: pos(40, 1, 41), Op: ast.OpExists,
						Path: &ast.ObjectPath{Pos: pos(47, 1, 48), ObjectType: "d",
							Steps: []ast.PathStep{{Key: "e"}, {Kind: ast.IndexStep, Index: -1},
								{Key: "f"}}}}}}},
			&ast.QualifiedExpr{Pos: pos(69, 2, 1), Qualifier: &ast.WithinQualifier{
				Pos: pos(138, 2, 70), Seconds: &ast.IntLit{Pos: pos(145, 2, 77), Value: 2}},
				Expr: &ast.ObservationBinaryExpr{Pos: pos(70, 2, 2), Op: ast.ObsAnd,
					Operands: []ast.ObservationExpr{
						&ast.BracketExpr{Pos: pos(70, 2, 2), Comparison: &ast.ComparisonBinaryExpr{
							Pos: pos(71, 2, 3), Op: ast.BoolAnd, Operands: []ast.ComparisonExpr{
								&ast.CompareExpr{Pos: pos(71, 2, 3), Op: ast.OpEqual,
									Path: &ast.ObjectPath{Pos: pos(71, 2, 3), ObjectType: "g",
										Steps: []ast.PathStep{{Key: "h"}}},
									Value: &ast.StringLit{Pos: pos(77, 2, 9), Value: `x\y`}},
								&ast.CompareExpr{Pos: pos(88, 2, 20), Op: ast.OpGreater,
									Path: &ast.ObjectPath{Pos: pos(88, 2, 20), ObjectType: "g",
										Steps: []ast.PathStep{{Key: "i"}}},
									Value: &ast.FloatLit{Pos: pos(94, 2, 26), Value: 1.5}}}}},
						&ast.BracketExpr{Pos: pos(103, 2, 35), Comparison: &ast.CompareExpr{
							Pos: pos(104, 2, 36), Op: ast.OpEqual,
							Path: &ast.ObjectPath{Pos: pos(104, 2, 36), ObjectType: "g",
								Steps: []ast.PathStep{{Key: "j"}}},
							Value: &ast.TimestampLit{Pos: pos(110, 2, 42), Value: ts}}}}}}}}}
	if d := cmp.Diff(want, p); d != "" {
		t.Errorf("tree differs (-want +got):\n%s", d)
	}
}

// TestPrintHandBuilt: trees that parsing never builds still print to text that parses
// back to them.
func TestPrintHandBuilt(t *testing.T) {
	cmpE := func(v ast.Literal) *ast.CompareExpr {
		return &ast.CompareExpr{Op: ast.OpEqual, Value: v, Path: &ast.ObjectPath{
			ObjectType: "x", Steps: []ast.PathStep{{Key: "a-b"}, {Key: "c"}, {Key: "true"}}}}
	}
	br := func(c ast.ComparisonExpr) ast.ObservationExpr { return &ast.BracketExpr{Comparison: c} }
	and := &ast.ObservationBinaryExpr{Op: ast.ObsAnd, Operands: []ast.ObservationExpr{
		br(cmpE(&ast.FloatLit{Value: 3})), br(cmpE(&ast.FloatLit{Value: 1e21}))}}
	cases := []struct {
		name string
		n    ast.Node
		want string
	}{
		{"same operator nested", &ast.ObservationBinaryExpr{Op: ast.ObsAnd,
			Operands: []ast.ObservationExpr{and, br(cmpE(&ast.BoolLit{}))}},
			"([x:'a-b'.c.'true' = 3.0] AND [x:'a-b'.c.'true' = 1000000000000000000000.0]) " +
				"AND [x:'a-b'.c.'true' = false]"},
		{"qualified binary", &ast.QualifiedExpr{Expr: and, Qualifier: &ast.RepeatsQualifier{
			Times: &ast.IntLit{Value: 2}}},
			"([x:'a-b'.c.'true' = 3.0] AND [x:'a-b'.c.'true' = 1000000000000000000000.0]) " +
				"REPEATS 2 TIMES"},
		{"comparisons nested", &ast.ComparisonBinaryExpr{Op: ast.BoolOr,
			Operands: []ast.ComparisonExpr{
				&ast.ComparisonBinaryExpr{Op: ast.BoolOr, Operands: []ast.ComparisonExpr{
					cmpE(&ast.StringLit{Value: "it's \\"}), cmpE(&ast.IntLit{Value: -1})}},
				cmpE(&ast.HexLit{Value: []byte{0xab}})}},
			`(x:'a-b'.c.'true' = 'it\'s \\' OR x:'a-b'.c.'true' = -1) OR ` +
				`x:'a-b'.c.'true' = h'ab'`},
		{"timestamp in UTC", &ast.TimestampLit{Value: time.Date(2020, 1, 2, 3, 4, 5, 60,
			time.FixedZone("x", 3600))}, "t'2020-01-02T02:04:05.00000006Z'"},
		{"binary", &ast.BinaryLit{Value: []byte("hi")}, "b'aGk='"},
		{"empty set", &ast.SetLit{}, "()"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := ast.Print(c.n); got != c.want {
				t.Errorf("got  %s\nwant %s", got, c.want)
			}
		})
	}
	p := &ast.Pattern{Expr: &ast.ObservationBinaryExpr{Op: ast.ObsAnd,
		Operands: []ast.ObservationExpr{and, br(cmpE(&ast.BoolLit{}))}}}
	q, err := ast.Parse(ast.Print(p), ast.ParseOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(p, q, ignorePos); d != "" {
		t.Errorf("reparsed tree differs:\n%s", d)
	}
}

// TestIsBareKey lists which keys print without quotes.
func TestIsBareKey(t *testing.T) {
	for k, want := range map[string]bool{
		"name": true, "_x1": true, "SHA256": true, "": false, "SHA-256": false, "1a": false,
		"a b": false, "AND": false, "EXISTS": false, "true": false, "False": true, "é": false,
	} {
		if got := ast.IsBareKey(k); got != want {
			t.Errorf("IsBareKey(%q) = %v, want %v", k, got, want)
		}
	}
}

// TestInspect visits every node in source order and can prune.
func TestInspect(t *testing.T) {
	p, err := ast.Parse("[a:b = 1 OR c:d IN (2, 3)] REPEATS 2 TIMES", ast.ParseOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	ast.Inspect(p, func(n ast.Node) bool {
		got = append(got, strings.TrimPrefix(typeName(n), "*ast."))
		_, set := n.(*ast.SetLit)
		return !set
	})
	want := "Pattern QualifiedExpr BracketExpr ComparisonBinaryExpr CompareExpr ObjectPath " +
		"IntLit CompareExpr ObjectPath SetLit RepeatsQualifier IntLit"
	if strings.Join(got, " ") != want {
		t.Errorf("got  %s\nwant %s", strings.Join(got, " "), want)
	}
}

// countVisitor counts Visit calls, nil ones apart.
type countVisitor struct{ nodes, ends *int }

func (v countVisitor) Visit(n ast.Node) ast.Visitor {
	if n == nil {
		*v.ends++
	} else {
		*v.nodes++
	}
	return v
}

// TestWalk calls Visit(nil) once after the children of every node.
func TestWalk(t *testing.T) {
	p, err := ast.Parse("[a:b = 1] AND [EXISTS c:d]", ast.ParseOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var nodes, ends int
	ast.Walk(countVisitor{&nodes, &ends}, p)
	if nodes != 9 || ends != 9 {
		t.Errorf("got %d nodes and %d ends, want 9 and 9", nodes, ends)
	}
}

// TestLimits: nesting and size past the limits end in an error, not a crash.
func TestLimits(t *testing.T) {
	deep := strings.Repeat("(", 100000) + "[a:b = 1]" + strings.Repeat(")", 100000)
	_, err := ast.Parse(deep, ast.ParseOptions{})
	want := "pattern:1:201: brackets and parentheses nest deeper than 200 levels"
	if err == nil || err.Error() != want {
		t.Errorf("deep observations: got %v, want %q", err, want)
	}
	deep = "[" + strings.Repeat("(", 100000) + "a:b = 1" + strings.Repeat(")", 100000) + "]"
	_, err = ast.Parse(deep, ast.ParseOptions{MaxDepth: 10})
	want = "pattern:1:11: brackets and parentheses nest deeper than 10 levels"
	if err == nil || err.Error() != want {
		t.Errorf("deep comparisons: got %v, want %q", err, want)
	}
	chain := "[a:b = 1]" + strings.Repeat(" REPEATS 2 TIMES", 11)
	_, err = ast.Parse(chain, ast.ParseOptions{MaxDepth: 10})
	want = "pattern:1:171: more than 10 qualifiers in a chain"
	if err == nil || err.Error() != want {
		t.Errorf("qualifier chain: got %v, want %q", err, want)
	}
	big := "[a:b = '" + strings.Repeat("x", 100) + "']"
	_, err = ast.Parse(big, ast.ParseOptions{MaxBytes: 64})
	want = "pattern:1:1: pattern is 110 bytes long, more than the limit of 64"
	if err == nil || err.Error() != want {
		t.Errorf("size: got %v, want %q", err, want)
	}
	if grammar.DefaultMaxBytes < 1<<20 {
		t.Errorf("default size limit %d refuses ordinary large patterns", grammar.DefaultMaxBytes)
	}
}

// TestErrorList: an ErrorList holds *Error values that errors.As finds.
func TestErrorList(t *testing.T) {
	_, err := ast.Parse("[a:b = ]", ast.ParseOptions{})
	var e *ast.Error
	if !errors.As(err, &e) || e.Pos != pos(7, 1, 8) || e.Msg != `expected a value, found "]"` {
		t.Errorf("errors.As gave %#v", e)
	}
	if (ast.ErrorList{}).Err() != nil {
		t.Error("an empty list is not nil")
	}
	if got := (&ast.Error{Msg: "x"}).Error(); got != "pattern: x" {
		t.Errorf("error without position: %q", got)
	}
}

// TestWithinDuration: a WITHIN too long for a time.Duration is the longest one, not an
// overflow into a negative span.
func TestWithinDuration(t *testing.T) {
	for src, want := range map[string]time.Duration{
		"[a:b = 1] WITHIN 10000000000 SECONDS":   1<<63 - 1,
		"[a:b = 1] WITHIN 1.5 SECONDS":           1500 * time.Millisecond,
		"[a:b = 1] WITHIN 9223372036 SECONDS":    9223372036 * time.Second,
		"[a:b = 1] WITHIN 0.000000001 SECONDS":   time.Nanosecond,
		"[a:b = 1] WITHIN 99999999999.0 SECONDS": 1<<63 - 1,
	} {
		p, err := ast.Parse(src, ast.ParseOptions{})
		if err != nil {
			t.Errorf("%s: %v", src, err)
			continue
		}
		got := p.Expr.(*ast.QualifiedExpr).Qualifier.(*ast.WithinQualifier).Duration()
		if got != want {
			t.Errorf("%s: %v, want %v", src, got, want)
		}
	}
}
