package compiler

import (
	"time"

	"github.com/stix2hunq/stix2hunq/ast"
	"github.com/stix2hunq/stix2hunq/compiler/hunq"
)

// Plan is the result of compiling a pattern: the queries to run and what their results
// still need.
type Plan struct {
	// Pattern is the compiled pattern; the runtime's matcher re-checks it when the plan is
	// not exact.
	Pattern *ast.Pattern
	// Queries are the HunQ queries, one for each distinct time window. The union of their
	// results holds every event that can take part in a match.
	Queries []Query
	// Observations are the pattern's bracketed comparison expressions, in source order.
	Observations []Observation
	// Exact reports that every event the queries return matches its observation and that
	// the pattern needs no correlation: the results need no filtering.
	Exact bool
	// Widenings lists every place where a query selects more than the pattern says.
	Widenings []Widening
	// Unmapped lists the comparisons on properties that no HunQ field searches, or that
	// the events never have; each was taken as false.
	Unmapped []Unmapped
	// Gaps lists, for the properties the pattern compares, the event paths that yield them
	// but that no HunQ field searching them reads.
	Gaps []Gap
	// Checks says, in words, what the runtime must still check on the returned events.
	Checks []string
	// Decisions records how each comparison was mapped, for explain.
	Decisions []Decision
	// Trace holds each observation's formula after each pass when Options.Trace is set.
	Trace []Step

	gapsKnown bool // Options.Sources described the events, so Gaps is meaningful
}

// Query is one HunQ query of a plan.
type Query struct {
	Text         string    // the query as sent to the Hunt API
	Tree         hunq.Node // the same query as a tree
	Observations []int     // the indexes of the observations it serves
	Window       Window
}

// Observation is one bracketed comparison expression of the pattern.
type Observation struct {
	Bracket *ast.BracketExpr
	Expr    Expr   // the formula after every pass: *Term atoms, or a constant
	Window  Window // the time window its events must fall in
	Exact   bool   // Expr selects exactly the events that satisfy the brackets
}

// Window is a closed interval of event times [After, Before], in milliseconds.
type Window struct {
	After, Before time.Time
	// Default reports that no START/STOP qualifier applies: the window is the last
	// time range before the compiler's clock.
	Default bool
	// Origin says which qualifiers, or the default, bound the window.
	Origin string
}

// Widening is one place where a query selects more events than the pattern describes.
type Widening struct {
	Observation int     // index into Plan.Observations, or -1 for the whole pattern
	Pos         ast.Pos // the comparison or qualifier
	What        string  // the comparison or qualifier as pattern text
	Reason      string
	// Dropped reports that the comparison was replaced by true: the query does not test
	// it at all.
	Dropped bool
}

// Unmapped is a comparison whose property no HunQ field searches, or that no event has.
type Unmapped struct {
	Observation int
	Pos         ast.Pos
	Property    string
	// Absent reports that the field map names fields for the property but that
	// Options.Sources names no event path yielding it: the events never have it
	// (process:name in STIX 2.1, say).
	Absent bool
}

// Source says that an event path yields a STIX property: the provenance that the event
// to STIX mapping gives the compiler to compute coverage gaps.
type Source struct {
	Property  string // "type:prop.sub", list indexes as [*]
	EventPath string // a JSON path in the hunt event, such as payload.data.localAddr
	// Derived says how the property's value comes from the event value when it is not
	// that value itself.
	Derived Derivation
}

// Derivation is how a property's value comes from the event value at a source's path.
type Derivation uint8

// The derivations. A field that reads the path searches the property only where its
// match kind finds the derived value: every kind finds the value itself, a PREFIX field
// also a leading part of it, and no field another text.
const (
	// Verbatim: the event value itself; a number may become its decimal text, a numeric
	// string its number, the string "true" a boolean.
	Verbatim Derivation = iota
	// LeadingPart: a leading part of the event value's text, such as a path's directory.
	LeadingPart
	// Rewritten: another text, such as a path's base name, a hexadecimal string's number,
	// a code's name or a constant.
	Rewritten
)

// Gap is an event path that yields a property but is read by no HunQ field mapped to it:
// an event whose property comes only from there is not found by the default search.
type Gap struct {
	Property  string
	EventPath string
	// Derived reports that a field searching the property reads the path, but that the
	// property's value is derived from the value there in a way its match kind does not
	// find (see Derivation).
	Derived bool
}

// Decision records how one comparison was mapped.
type Decision struct {
	Observation int
	Pos         ast.Pos
	Comparison  string // pattern text
	Result      string // the formula it became
	Note        string // the rule applied
}

// Step is one observation's formula after one pass.
type Step struct {
	Pass        string
	Observation int
	Expr        string
}
