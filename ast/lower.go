package ast

import (
	"strconv"
	"strings"

	"github.com/alecthomas/participle/v2/lexer"
	"github.com/stix2hunq/stix2hunq/grammar"
)

// lowerer turns the grammar's concrete syntax into the AST, decoding literals. It
// collects errors and goes on, so that one parse reports every bad literal.
type lowerer struct {
	maxDepth int
	errs     ErrorList
}

func posOf(p lexer.Position) Pos { return Pos{Offset: p.Offset, Line: p.Line, Column: p.Column} }

func (lw *lowerer) errorf(pos Pos, format string, args ...any) {
	lw.errs = append(lw.errs, Errorf(pos, format, args...))
}

func (lw *lowerer) pattern(p *grammar.Pattern, v Version) *Pattern {
	return &Pattern{Pos: posOf(p.Pos), Version: v, Expr: lw.observations(p.Expr)}
}

// observationOps maps the observation operators' keywords to operators, whose order is
// their binding strength.
var observationOps = map[string]ObservationOp{
	"FOLLOWEDBY": ObsFollowedBy, "OR": ObsOr, "AND": ObsAnd,
}

// observations lowers a flat chain, applying precedence: FOLLOWEDBY < OR < AND.
func (lw *lowerer) observations(o *grammar.Observations) ObservationExpr {
	xs := make([]ObservationExpr, 1+len(o.Rest))
	ops := make([]ObservationOp, len(o.Ops))
	xs[0] = lw.qualified(o.First)
	for i, q := range o.Rest {
		xs[i+1] = lw.qualified(q)
		ops[i] = observationOps[o.Ops[i]]
	}
	return splitObservations(xs, ops, ObsFollowedBy)
}

// splitObservations builds the tree of xs joined by ops, splitting first at the operator
// op, then at the next tighter one.
func splitObservations(xs []ObservationExpr, ops []ObservationOp,
	op ObservationOp) ObservationExpr {
	if len(xs) == 1 {
		return xs[0]
	}
	var operands []ObservationExpr
	start := 0
	for i, o := range ops {
		if o == op {
			operands = append(operands, splitObservations(xs[start:i+1], ops[start:i], op+1))
			start = i + 1
		}
	}
	if operands == nil {
		return splitObservations(xs, ops, op+1)
	}
	operands = append(operands, splitObservations(xs[start:], ops[start:], op+1))
	return &ObservationBinaryExpr{Pos: operands[0].Position(), Op: op, Operands: operands}
}

func (lw *lowerer) qualified(q *grammar.Qualified) ObservationExpr {
	var e ObservationExpr
	if q.Bracket != nil {
		e = &BracketExpr{Pos: posOf(q.Pos), Comparison: lw.comparisons(q.Bracket.Comparisons)}
	} else {
		e = lw.observations(q.Group)
	}
	if len(q.Qualifiers) > lw.maxDepth {
		lw.errorf(posOf(q.Qualifiers[lw.maxDepth].Pos),
			"more than %d qualifiers in a chain", lw.maxDepth)
		return e
	}
	for _, g := range q.Qualifiers {
		e = &QualifiedExpr{Pos: posOf(q.Pos), Expr: e, Qualifier: lw.qualifier(g)}
	}
	return e
}

func (lw *lowerer) qualifier(g *grammar.Qualifier) Qualifier {
	pos := posOf(g.Pos)
	switch {
	case g.Start != nil:
		return &StartStopQualifier{Pos: pos,
			Start: lw.timestampOf("START", g.Start.Token),
			Stop:  lw.timestampOf("STOP", g.Stop.Token)}
	case g.Within != nil:
		l := lw.literal(g.Within.Token)
		switch l.(type) {
		case *IntLit, *FloatLit, nil:
		default:
			lw.errorf(l.Position(), "WITHIN needs a number of seconds, found %s", kindName(l))
		}
		return &WithinQualifier{Pos: pos, Seconds: l}
	default:
		l := lw.literal(g.Repeats.Token)
		n, ok := l.(*IntLit)
		if !ok && l != nil {
			lw.errorf(l.Position(), "REPEATS needs a whole number of times, found %s",
				kindName(l))
		}
		return &RepeatsQualifier{Pos: pos, Times: n}
	}
}

// timestampOf decodes the literal after START or STOP, which must be a timestamp.
func (lw *lowerer) timestampOf(keyword string, tok lexer.Token) *TimestampLit {
	l := lw.literal(tok)
	ts, ok := l.(*TimestampLit)
	if !ok && l != nil {
		lw.errorf(l.Position(), "%s needs a timestamp t'...', found %s", keyword, kindName(l))
	}
	return ts
}

// comparisons lowers a flat chain, applying precedence: OR < AND.
func (lw *lowerer) comparisons(c *grammar.Comparisons) ComparisonExpr {
	first := lw.propTest(c.First)
	if len(c.Rest) == 0 {
		return first
	}
	var ors []ComparisonExpr
	and := []ComparisonExpr{first}
	for i, t := range c.Rest {
		if c.Ops[i] == "OR" {
			ors = append(ors, comparisonChain(BoolAnd, and))
			and = nil
		}
		and = append(and, lw.propTest(t))
	}
	ors = append(ors, comparisonChain(BoolAnd, and))
	return comparisonChain(BoolOr, ors)
}

func comparisonChain(op BoolOp, xs []ComparisonExpr) ComparisonExpr {
	if len(xs) == 1 {
		return xs[0]
	}
	return &ComparisonBinaryExpr{Pos: xs[0].Position(), Op: op, Operands: xs}
}

// compareOps maps operator text to operators.
var compareOps = map[string]CompareOp{
	"=": OpEqual, "==": OpEqual, "!=": OpNotEqual, "<>": OpNotEqual,
	"<": OpLess, "<=": OpLessEqual, ">": OpGreater, ">=": OpGreaterEqual,
	"IN": OpIn, "LIKE": OpLike, "MATCHES": OpMatches,
	"ISSUBSET": OpIsSubset, "ISSUPERSET": OpIsSuperset,
}

func (lw *lowerer) propTest(t *grammar.PropTest) ComparisonExpr {
	if t.Group != nil {
		return lw.comparisons(t.Group)
	}
	if t.Exists {
		return &CompareExpr{Pos: posOf(t.Pos), Path: lw.path(t.Path), Op: OpExists}
	}
	e := &CompareExpr{Pos: posOf(t.Pos), Negated: t.Not, Path: lw.path(t.Path),
		Op: compareOps[t.Op]}
	if s := t.Value.Set; s != nil {
		set := &SetLit{Pos: posOf(s.Pos), Elems: make([]Literal, 0, len(s.Elems))}
		for _, tok := range s.Elems {
			if l := lw.literal(tok); l != nil {
				set.Elems = append(set.Elems, l)
			}
		}
		e.Value = set
	} else {
		e.Value = lw.literal(t.Value.Literal)
	}
	return e
}

func (lw *lowerer) path(g *grammar.Path) *ObjectPath {
	p := &ObjectPath{Pos: posOf(g.Pos), ObjectType: g.Type,
		Steps: make([]PathStep, 0, 1+len(g.Steps))}
	p.Steps = append(p.Steps, lw.key(g.First))
	for _, s := range g.Steps {
		switch {
		case s.Key.Value != "":
			p.Steps = append(p.Steps, lw.key(s.Key))
		case s.Index.Value == "*":
			p.Steps = append(p.Steps, PathStep{Kind: AnyIndexStep})
		default:
			n, err := strconv.Atoi(s.Index.Value)
			if err != nil || !plainInteger(s.Index.Value) {
				lw.errorf(posOf(s.Index.Pos), "list index %s is not a valid integer",
					s.Index.Value)
			}
			p.Steps = append(p.Steps, PathStep{Kind: IndexStep, Index: n})
		}
	}
	return p
}

// key decodes a bare or quoted path key.
func (lw *lowerer) key(tok lexer.Token) PathStep {
	if tok.Type == grammar.String {
		return PathStep{Kind: KeyStep, Key: unquote(tok.Value)}
	}
	if strings.Contains(tok.Value, "-") {
		lw.errorf(posOf(tok.Pos), "property name %s has a hyphen: quote it as '%s'",
			tok.Value, tok.Value)
	}
	return PathStep{Kind: KeyStep, Key: tok.Value}
}
