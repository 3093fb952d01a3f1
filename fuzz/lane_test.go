package fuzz

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stix2hunq/stix2hunq/ast"
	"github.com/stix2hunq/stix2hunq/compiler"
	"github.com/stix2hunq/stix2hunq/compiler/hunq"
	"github.com/stix2hunq/stix2hunq/compiler/mapping"
	"github.com/stix2hunq/stix2hunq/internal/gen"
	"github.com/stix2hunq/stix2hunq/runtime/coverage"
	"github.com/stix2hunq/stix2hunq/runtime/emulator"
	"github.com/stix2hunq/stix2hunq/runtime/match"
	"github.com/stix2hunq/stix2hunq/runtime/tostix"
)

// mapperNow is the mapper's clock: an event without a readable happenedAt gets it as
// first_observed, outside every window the tests use.
var mapperNow = gen.Now.Add(time.Hour)

// lane is one STIX version's side of the differential tests: patterns are read in that
// version and events mapped to it.
type lane struct {
	version  tostix.Version
	syntax   ast.Version
	mapper   *tostix.Mapper
	sources  []compiler.Source
	universe *gen.Universe
}

func newLane(t testing.TB, v tostix.Version) *lane {
	m, err := tostix.New(tostix.Options{Version: v, Now: func() time.Time { return mapperNow }})
	if err != nil {
		t.Fatal(err)
	}
	l := &lane{version: v, syntax: ast.V21, mapper: m, sources: coverage.Sources(m),
		universe: gen.NewUniverse(m, hunq.DefaultCatalog(), mapping.Default())}
	if v == tostix.STIX20 {
		l.syntax = ast.V20
	}
	return l
}

// options are the compiler's options of the lane, in complete mode or not.
func (l *lane) options(complete bool) compiler.Options {
	return compiler.Options{Now: func() time.Time { return gen.Now }, Sources: l.sources,
		Complete: complete, Parsed: true}
}

// event is one hunt event on both sides: decoded as the emulator reads it, and mapped
// to STIX as the runtime does.
type event struct {
	raw   []byte
	doc   map[string]any
	od    *tostix.ObservedData
	obs   match.Observation
	timed bool // happenedAt gave first_observed
}

func (l *lane) event(raw []byte) (*event, error) {
	ev, err := emulator.NewEvent(raw)
	if err != nil {
		return nil, err
	}
	od, err := l.mapper.Map(raw, 0)
	if err != nil {
		return nil, err
	}
	return &event{raw: ev.Raw, doc: ev.Doc, od: od, timed: !od.First.Equal(mapperNow),
		obs: match.Observation{ID: od.ID, First: od.First, Last: od.Last, Count: 1,
			Objects: od.Objects()}}, nil
}

// stix writes the event's STIX objects for a failure message.
func (e *event) stix() string {
	b, _ := json.Marshal(e.obs.Objects)
	return string(b)
}

// within reports whether the event happened in the window, bounds included.
func (e *event) within(w compiler.Window) bool {
	return e.timed && !e.od.First.Before(w.After) && !e.od.First.After(w.Before)
}

// bracket is one bracketed comparison expression with the START/STOP windows around it,
// evaluated as the matcher does.
type bracket struct {
	cmp     *match.Comparison
	windows [][2]time.Time
	text    string
}

// brackets compiles every bracket of p, in source order, as the compiler numbers them.
func brackets(p *ast.Pattern) ([]*bracket, error) {
	var out []*bracket
	var walk func(e ast.ObservationExpr, windows [][2]time.Time) error
	walk = func(e ast.ObservationExpr, windows [][2]time.Time) error {
		switch e := e.(type) {
		case *ast.BracketExpr:
			c, err := match.CompileComparison(e.Comparison)
			if err != nil {
				return err
			}
			out = append(out, &bracket{cmp: c, windows: windows,
				text: ast.Print(&ast.Pattern{Version: p.Version, Expr: e})})
		case *ast.ObservationBinaryExpr:
			for _, o := range e.Operands {
				if err := walk(o, windows); err != nil {
					return err
				}
			}
		case *ast.QualifiedExpr:
			if q, ok := e.Qualifier.(*ast.StartStopQualifier); ok {
				windows = append(windows[:len(windows):len(windows)],
					[2]time.Time{q.Start.Value, q.Stop.Value})
			}
			return walk(e.Expr, windows)
		}
		return nil
	}
	return out, walk(p.Expr, nil)
}

// holds reports whether the bracket holds for the event: its comparison holds for the
// event's objects, and first_observed falls in every START/STOP window, [start, stop).
func (b *bracket) holds(e *event) bool {
	at := e.od.First.UnixMicro()
	for _, w := range b.windows {
		if at < w[0].UnixMicro() || at >= w[1].UnixMicro() {
			return false
		}
	}
	return b.cmp.Holds(&e.obs)
}

// queries compiles a plan's queries from their text, as the emulator does.
func queries(plan *compiler.Plan) ([]*hunq.Query, error) {
	var out []*hunq.Query
	for _, q := range plan.Queries {
		n, err := hunq.Parse(q.Text)
		if err != nil {
			return nil, err
		}
		c, err := hunq.Compile(n, hunq.DefaultCatalog())
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

// compile compiles p, or returns a nil plan for a pattern that can never match.
func compile(p *ast.Pattern, opts compiler.Options) (*compiler.Plan, []*hunq.Query, error) {
	plan, err := compiler.Compile(p, opts)
	var ue *compiler.UntranslatableError
	if errors.As(err, &ue) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	qs, err := queries(plan)
	return plan, qs, err
}

// withoutPaths returns the event's JSON without the values at paths (a list element
// written [*]).
func withoutPaths(doc map[string]any, paths []string) []byte {
	b, _ := json.Marshal(doc)
	var cp map[string]any
	_ = json.Unmarshal(b, &cp)
	for _, p := range paths {
		drop(cp, strings.Split(strings.ReplaceAll(p, "[*]", ".[*]"), "."))
	}
	b, _ = json.Marshal(cp)
	return b
}

func drop(v any, segs []string) {
	switch x := v.(type) {
	case []any:
		for _, el := range x {
			drop(el, segs)
		}
	case map[string]any:
		switch {
		case len(segs) == 0:
		case len(segs) == 1 || len(segs) == 2 && segs[1] == "[*]":
			delete(x, segs[0])
		case segs[1] == "[*]":
			drop(x[segs[0]], segs[2:])
		default:
			drop(x[segs[0]], segs[1:])
		}
	}
}
