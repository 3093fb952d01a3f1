package compiler

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/stix2hunq/stix2hunq/ast"
)

// UntranslatableError reports a pattern that can never match on this data source: every
// way it could match needs a property that no HunQ field searches, or an empty window.
type UntranslatableError struct {
	Properties []string // the unmapped properties, sorted, or none
	// Absent lists, sorted, the properties of Properties that the field map names but
	// that the events never have (see Unmapped.Absent).
	Absent []string
	// Hints name, for properties of Properties that the pattern's STIX version or the
	// event mapping calls otherwise (process:name in STIX 2.1, the extension
	// x-reaqta-process in 2.1), the property that the version has instead.
	Hints []string
	Pos   ast.Pos // the first unmapped comparison, or the pattern
}

// Error implements the error interface.
func (e *UntranslatableError) Error() string {
	if len(e.Properties) == 0 {
		return "pattern can never match: its time windows are empty"
	}
	var unsearched []string
	for _, p := range e.Properties {
		if !slices.Contains(e.Absent, p) {
			unsearched = append(unsearched, p)
		}
	}
	var parts []string
	if len(unsearched) > 0 {
		parts = append(parts, "no HunQ field searches "+strings.Join(unsearched, ", "))
	}
	if len(e.Absent) > 0 {
		parts = append(parts, "the events never have "+strings.Join(e.Absent, ", "))
	}
	msg := "pattern can never match: " + strings.Join(parts, "; ")
	if len(e.Hints) > 0 {
		msg += " (" + strings.Join(e.Hints, "; ") + ")"
	}
	return msg
}

// Compile turns p into a plan. Errors: an ast.ErrorList for a comparison or qualifier
// that no pattern may hold, an *UntranslatableError for a pattern that is false
// everywhere, and other errors for a field map that names fields the catalogue lacks.
func Compile(p *ast.Pattern, opts Options) (*Plan, error) {
	if p == nil || p.Expr == nil {
		return nil, errors.New("compiler: no pattern")
	}
	u := &unit{opts: &opts, pattern: p, plan: &Plan{Pattern: p},
		resolve: newResolver(opts.fields(), opts.catalog())}
	u.collect(p.Expr, nil)
	if len(opts.Sources) > 0 {
		u.used = u.compared()
		u.sourced = sourced(opts.Sources, u.used)
	}
	if opts.Complete {
		u.complete = unsearched(u, opts.Sources, u.used)
	}
	for _, ps := range passes {
		if err := ps.run(u); err != nil {
			return nil, err
		}
		u.trace(ps.name)
	}
	if !u.satisfiable(p.Expr, new(int)) {
		return nil, u.untranslatable()
	}
	if err := u.emit(); err != nil {
		return nil, err
	}
	return u.plan, nil
}

// collect lowers every bracketed expression under e, in source order, with the START/STOP
// qualifiers that enclose it.
func (u *unit) collect(e ast.ObservationExpr, windows []*ast.StartStopQualifier) {
	switch e := e.(type) {
	case *ast.BracketExpr:
		u.obs = append(u.obs, &obsState{bracket: e, expr: Lower(e.Comparison),
			windows: windows, exact: true})
	case *ast.ObservationBinaryExpr:
		for _, o := range e.Operands {
			u.collect(o, windows)
		}
	case *ast.QualifiedExpr:
		if q, ok := e.Qualifier.(*ast.StartStopQualifier); ok {
			windows = append(windows[:len(windows):len(windows)], q)
		}
		u.collect(e.Expr, windows)
	}
}

// satisfiable reports whether the observation expression e can hold once its
// observations' formulas are final; next counts the observations in source order.
func (u *unit) satisfiable(e ast.ObservationExpr, next *int) bool {
	switch e := e.(type) {
	case *ast.BracketExpr:
		o := u.obs[*next]
		*next++
		c, isConst := o.expr.(*Const)
		return !isConst || c.Value
	case *ast.ObservationBinaryExpr:
		all, some := true, false
		for _, x := range e.Operands {
			ok := u.satisfiable(x, next)
			all, some = all && ok, some || ok
		}
		if e.Op == ast.ObsOr {
			return some
		}
		return all
	case *ast.QualifiedExpr:
		return u.satisfiable(e.Expr, next)
	}
	return false
}

func (u *unit) untranslatable() error {
	seen := map[string]bool{}
	var props, absent []string
	for _, m := range u.plan.Unmapped {
		if !seen[m.Property] {
			seen[m.Property] = true
			props = append(props, m.Property)
			if m.Absent {
				absent = append(absent, m.Property)
			}
		}
	}
	sort.Strings(props)
	sort.Strings(absent)
	var hints []string
	for _, p := range props {
		h := versionHint(p, u.pattern.Version)
		if h == "" && slices.Contains(absent, p) {
			h = extensionHint(p, u.opts.Sources, u.pattern.Version)
		}
		if h != "" {
			hints = append(hints, h)
		}
	}
	pos := u.pattern.Pos
	if len(u.plan.Unmapped) > 0 {
		pos = u.plan.Unmapped[0].Pos
	}
	return &UntranslatableError{Properties: props, Absent: absent, Hints: hints, Pos: pos}
}

// trace records every observation's formula after the named pass.
func (u *unit) trace(pass string) {
	if !u.opts.Trace {
		return
	}
	for i, o := range u.obs {
		u.plan.Trace = append(u.plan.Trace, Step{Pass: pass, Observation: i,
			Expr: o.expr.String()})
	}
}

// String describes a window for explain: its bounds in HunQ's time format.
func (w Window) String() string {
	s := fmt.Sprintf("[%s, %s]", FormatTime(w.After), FormatTime(w.Before))
	if w.Default {
		s += " (default)"
	}
	return s
}
