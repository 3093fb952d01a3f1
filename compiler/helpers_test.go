package compiler

import (
	"strings"
	"time"

	"github.com/stix2hunq/stix2hunq/ast"
)

// Builders of hand-made ASTs for tests.

// path builds an object path from "type:a.'b-c'[*].d".
func path(s string) *ast.ObjectPath {
	typ, rest, _ := strings.Cut(s, ":")
	p := &ast.ObjectPath{ObjectType: typ}
	for rest != "" {
		switch {
		case strings.HasPrefix(rest, "[*]"):
			p.Steps = append(p.Steps, ast.PathStep{Kind: ast.AnyIndexStep})
			rest = rest[3:]
		case strings.HasPrefix(rest, "["):
			j := strings.IndexByte(rest, ']')
			n := 0
			for _, r := range rest[1:j] {
				n = n*10 + int(r-'0')
			}
			p.Steps = append(p.Steps, ast.PathStep{Kind: ast.IndexStep, Index: n})
			rest = rest[j+1:]
		case rest[0] == '.':
			rest = rest[1:]
		case rest[0] == '\'':
			j := strings.IndexByte(rest[1:], '\'') + 1
			p.Steps = append(p.Steps, ast.PathStep{Key: rest[1:j]})
			rest = rest[j+1:]
		default:
			j := strings.IndexAny(rest, ".[")
			if j < 0 {
				j = len(rest)
			}
			p.Steps = append(p.Steps, ast.PathStep{Key: rest[:j]})
			rest = rest[j:]
		}
	}
	return p
}

var posCounter int

func nextPos() ast.Pos {
	posCounter++
	return ast.Pos{Offset: posCounter - 1, Line: 1, Column: posCounter}
}

func cmpE(p string, op ast.CompareOp, v ast.Literal) *ast.CompareExpr {
	return &ast.CompareExpr{Pos: nextPos(), Path: path(p), Op: op, Value: v}
}

func notE(c *ast.CompareExpr) *ast.CompareExpr { c.Negated = true; return c }

func str(s string) *ast.StringLit { return &ast.StringLit{Value: s} }

func num(n int64) *ast.IntLit { return &ast.IntLit{Value: n} }

func set(ls ...ast.Literal) *ast.SetLit { return &ast.SetLit{Elems: ls} }

func and(xs ...ast.ComparisonExpr) *ast.ComparisonBinaryExpr {
	return &ast.ComparisonBinaryExpr{Op: ast.BoolAnd, Operands: xs}
}

func or(xs ...ast.ComparisonExpr) *ast.ComparisonBinaryExpr {
	return &ast.ComparisonBinaryExpr{Op: ast.BoolOr, Operands: xs}
}

func bracket(c ast.ComparisonExpr) *ast.BracketExpr { return &ast.BracketExpr{Comparison: c} }

func startStop(e ast.ObservationExpr, start, stop string) *ast.QualifiedExpr {
	ts := func(s string) *ast.TimestampLit {
		t, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			panic(err)
		}
		return &ast.TimestampLit{Value: t}
	}
	return &ast.QualifiedExpr{Expr: e, Qualifier: &ast.StartStopQualifier{
		Start: ts(start), Stop: ts(stop)}}
}

func obs(op ast.ObservationOp, xs ...ast.ObservationExpr) *ast.ObservationBinaryExpr {
	return &ast.ObservationBinaryExpr{Op: op, Operands: xs}
}

func pattern(e ast.ObservationExpr) *ast.Pattern { return &ast.Pattern{Expr: e} }

// readmePattern is the connector README's example, built by hand.
func readmePattern() *ast.Pattern {
	return pattern(startStop(bracket(or(
		cmpE("ipv4-addr:value", ast.OpEqual, str("192.168.1.2")),
		cmpE("network-traffic:src_port", ast.OpEqual, num(443)))),
		"2022-04-06T00:00:00.000Z", "2022-04-06T00:05:00.000Z"))
}

var fixedNow = time.Date(2026, 1, 2, 3, 4, 5, 678_000_000, time.UTC)

func testOptions() Options {
	return Options{Now: func() time.Time { return fixedNow }, Trace: true}
}
