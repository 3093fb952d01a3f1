package match

import (
	"testing"

	"github.com/stix2hunq/stix2hunq/ast"
)

// ipBracket is [ipv4-addr:value = 'v'], a new node each time.
func ipBracket(v string) ast.ObservationExpr {
	return br(cmpE(path("ipv4-addr", key("value")), ast.OpEqual, str(v)))
}

func a() ast.ObservationExpr { return ipBracket("1.1.1.1") }
func b() ast.ObservationExpr { return ipBracket("2.2.2.2") }

func TestInvalidObservations(t *testing.T) {
	m := mustNew(t, pattern(oAnd(a(), b())))
	bad := oa(0)
	bad.ID = "observed-data--1"
	bad.First = tm(sec(1))
	_, err := m.Match([]Observation{ob(0), bad})
	want := "observation 1 (observed-data--1): last_observed 2022-04-06T00:00:00Z is " +
		"before first_observed 2022-04-06T00:00:01Z"
	if err == nil || err.Error() != want {
		t.Errorf("got error %v, want %q", err, want)
	}
	_, err = m.Match([]Observation{counted(oa(0), -2)})
	want = "observation 0 (): number_observed -2 is negative"
	if err == nil || err.Error() != want {
		t.Errorf("got error %v, want %q", err, want)
	}
}

func TestNewErrors(t *testing.T) {
	pos := ast.Pos{Offset: 9, Line: 1, Column: 10}
	cases := []struct {
		name string
		p    *ast.Pattern
		want string
	}{
		{"nil", nil, "pattern: empty pattern"},
		{"WITHIN 0", pattern(&ast.QualifiedExpr{Expr: a(), Qualifier: &ast.WithinQualifier{
			Pos: pos, Seconds: num(0)}}),
			"pattern:1:10: WITHIN needs a positive number of seconds"},
		{"REPEATS 0", pattern(&ast.QualifiedExpr{Expr: a(), Qualifier: &ast.RepeatsQualifier{
			Pos: pos, Times: &ast.IntLit{Value: 0}}}),
			"pattern:1:10: REPEATS needs a positive count"},
		{"REPEATS too many", pattern(&ast.QualifiedExpr{Expr: a(),
			Qualifier: &ast.RepeatsQualifier{Pos: pos, Times: &ast.IntLit{Value: 5000}}}),
			"pattern:1:10: REPEATS 5000 TIMES exceeds the matcher's limit of 4096"},
	}
	for _, c := range cases {
		_, err := New(c.p)
		if err == nil || err.Error() != c.want {
			t.Errorf("%s: got error %v, want %q", c.name, err, c.want)
		}
	}
}
