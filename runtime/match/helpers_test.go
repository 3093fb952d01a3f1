package match

import (
	"testing"
	"time"

	"github.com/stix2hunq/stix2hunq/ast"
)

// Builders for hand-made trees, in the shape ast.Parse produces.

func key(k string) ast.PathStep { return ast.PathStep{Kind: ast.KeyStep, Key: k} }

func path(typ string, steps ...ast.PathStep) *ast.ObjectPath {
	return &ast.ObjectPath{ObjectType: typ, Steps: steps}
}

func str(s string) ast.Literal { return &ast.StringLit{Value: s} }
func num(n int64) ast.Literal  { return &ast.IntLit{Value: n} }

func ts(s string) *ast.TimestampLit { return &ast.TimestampLit{Value: tm(s)} }

func tm(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		panic(err)
	}
	return t
}

func cmpE(p *ast.ObjectPath, op ast.CompareOp, v ast.Literal) *ast.CompareExpr {
	return &ast.CompareExpr{Path: p, Op: op, Value: v}
}

func not(c *ast.CompareExpr) *ast.CompareExpr { c.Negated = true; return c }

func exists(p *ast.ObjectPath) *ast.CompareExpr {
	return &ast.CompareExpr{Path: p, Op: ast.OpExists}
}

func br(c ast.ComparisonExpr) *ast.BracketExpr { return &ast.BracketExpr{Comparison: c} }

func obin(op ast.ObservationOp, es ...ast.ObservationExpr) ast.ObservationExpr {
	return &ast.ObservationBinaryExpr{Op: op, Operands: es}
}

func oAnd(es ...ast.ObservationExpr) ast.ObservationExpr { return obin(ast.ObsAnd, es...) }
func oOr(es ...ast.ObservationExpr) ast.ObservationExpr  { return obin(ast.ObsOr, es...) }
func fby(es ...ast.ObservationExpr) ast.ObservationExpr  { return obin(ast.ObsFollowedBy, es...) }

func withinQ(e ast.ObservationExpr, secs float64) ast.ObservationExpr {
	return &ast.QualifiedExpr{Expr: e, Qualifier: &ast.WithinQualifier{
		Seconds: &ast.FloatLit{Value: secs}}}
}

func repeats(e ast.ObservationExpr, n int64) ast.ObservationExpr {
	return &ast.QualifiedExpr{Expr: e, Qualifier: &ast.RepeatsQualifier{
		Times: &ast.IntLit{Value: n}}}
}

func startStop(e ast.ObservationExpr, start, stop string) ast.ObservationExpr {
	return &ast.QualifiedExpr{Expr: e, Qualifier: &ast.StartStopQualifier{
		Start: ts(start), Stop: ts(stop)}}
}

func pattern(e ast.ObservationExpr) *ast.Pattern { return &ast.Pattern{Expr: e} }

// objs builds the objects of an observation: pairs of name and object.
type objs = map[string]map[string]any

// at builds an observation of one instant.
func at(t string, o objs) Observation {
	return Observation{First: tm(t), Last: tm(t), Count: 1, Objects: o}
}

// span builds an observation over an interval.
func spanObs(first, last string, o objs) Observation {
	return Observation{First: tm(first), Last: tm(last), Count: 1, Objects: o}
}

func ip(v string) objs { return objs{"0": {"type": "ipv4-addr", "value": v}} }

func mustNew(t testing.TB, p *ast.Pattern) *Matcher {
	t.Helper()
	m, err := New(p)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return m
}

// Helpers for tests written as pattern text.

// t0 is the instant of the observations in comparison tests.
const t0 = "2022-04-06T00:00:00Z"

// mustParse parses STIX 2.1 pattern text.
func mustParse(t testing.TB, src string) *ast.Pattern {
	t.Helper()
	p, err := ast.Parse(src, ast.ParseOptions{})
	if err != nil {
		t.Fatalf("Parse(%q): %v", src, err)
	}
	return p
}

// compile parses STIX 2.1 pattern text and compiles it.
func compile(t testing.TB, src string) *Matcher {
	t.Helper()
	return mustNew(t, mustParse(t, src))
}

// holdsCase is one pattern of one bracket evaluated on the objects of one observation.
type holdsCase struct {
	name    string
	pattern string
	objs    objs
	want    bool
}

func runHolds(t *testing.T, cases []holdsCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := compile(t, c.pattern)
			if got := m.MatchesOne(at(t0, c.objs)); got != c.want {
				t.Errorf("%s: got %v, want %v", c.pattern, got, c.want)
			}
		})
	}
}

// one builds the objects of an observation holding one object of type typ.
func one(typ string, props map[string]any) objs {
	props["type"] = typ
	return objs{"0": props}
}

// file builds the objects of an observation holding one file.
func file(props map[string]any) objs { return one("file", props) }

func twoIPs(a, b string) objs {
	return objs{"0": {"type": "ipv4-addr", "value": a}, "1": {"type": "ipv4-addr", "value": b}}
}
