package fuzz

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stix2hunq/stix2hunq/ast"
	"github.com/stix2hunq/stix2hunq/compiler"
	"github.com/stix2hunq/stix2hunq/compiler/hunq"
	"github.com/stix2hunq/stix2hunq/internal/gen"
	"github.com/stix2hunq/stix2hunq/runtime/match"
	"github.com/stix2hunq/stix2hunq/runtime/tostix"
	"pgregory.net/rapid"
)

// minPairs is the number of (pattern, event) pairs each differential test must check in
// its default run, and minMatches the share of them on which some bracket must hold, so
// that the no-loss rule is put to the test and not met vacuously.
const (
	minPairs   = 10000
	minMatches = 0.15
)

// tally counts what a differential test checked.
type tally struct {
	pairs, matched, exact, lost atomic.Int64
}

// TestDifferential compares, for generated patterns and events, the pattern evaluated on
// the event's STIX by the matcher with the compiled queries evaluated on the raw event
// by the emulator's HunQ engine, in STIX 2.0 and 2.1:
//
//   - complete mode never loses a match: when a bracket holds for the event's STIX and the
//     event falls in the bracket's window, the query serving that bracket matches it;
//   - the default mode never loses a match that comes from searchable sources: the same
//     holds once every event path listed as a gap of the compared properties is removed
//     from the event;
//   - where the plan says exact, a query matches only events on which some bracket it
//     serves holds.
//
// A failure prints the pattern, the event, its STIX, the queries and both verdicts, and
// rapid shrinks it.
func TestDifferential(t *testing.T) {
	for _, v := range []tostix.Version{tostix.STIX20, tostix.STIX21} {
		t.Run("STIX "+v.String(), func(t *testing.T) {
			l := newLane(t, v)
			var n tally
			rapid.Check(t, func(rt *rapid.T) { l.checkDrawn(rt, &n) })
			report(t, v, &n)
		})
	}
}

// report logs the counts, and in the default run asserts that enough pairs ran and
// enough of them matched.
func report(t *testing.T, v tostix.Version, n *tally) {
	pairs, matched := n.pairs.Load(), n.matched.Load()
	t.Logf("STIX %v: %d pattern/event pairs, %d with a bracket holding, %d under an exact "+
		"plan, %d matches left to complete mode (gaps)", v, pairs, matched, n.exact.Load(),
		n.lost.Load())
	if !defaultChecks {
		return
	}
	if pairs < minPairs {
		t.Errorf("only %d pairs checked, want at least %d", pairs, minPairs)
	}
	if float64(matched) < minMatches*float64(pairs) {
		t.Errorf("a bracket held on only %d of %d pairs: the generators rarely match",
			matched, pairs)
	}
}

// checkDrawn draws up to six events and a pattern over their values, and checks every
// (pattern, event) pair in both modes.
func (l *lane) checkDrawn(rt *rapid.T, n *tally) {
	var evs []*event
	var objs []map[string]map[string]any
	for range rapid.IntRange(1, 6).Draw(rt, "events") {
		raw, err := json.Marshal(l.universe.Event(rt))
		if err != nil {
			rt.Fatal(err)
		}
		e, err := l.event(raw)
		if err != nil {
			rt.Fatalf("a generated event does not map: %v\n%s", err, raw)
		}
		evs, objs = append(evs, e), append(objs, e.obs.Objects)
	}
	src := l.universe.Pattern(rt, objs)
	p, err := ast.Parse(src, ast.ParseOptions{Version: l.syntax})
	if err != nil {
		rt.Fatalf("a generated pattern does not parse: %v\n%s", err, src)
	}
	c, err := l.newCase(p)
	if err != nil {
		rt.Fatalf("%s: %v", src, err)
	}
	for _, e := range evs {
		c.check(rt, e, n)
		n.pairs.Add(1)
	}
}

// fataler is a *testing.T or a *rapid.T.
type fataler interface{ Fatal(args ...any) }

// differentialCase is one pattern compiled in both modes.
type differentialCase struct {
	l                *lane
	pattern          *ast.Pattern
	brackets         []*bracket
	matcher          *match.Matcher
	complete, normal *compiler.Plan
	cq, nq           []*hunq.Query
	gaps             []string // the event paths of the gaps of the compared properties
}

func (l *lane) newCase(p *ast.Pattern) (*differentialCase, error) {
	c := &differentialCase{l: l, pattern: p}
	var err error
	if c.brackets, err = brackets(p); err != nil {
		return nil, err
	}
	if c.matcher, err = match.New(p); err != nil {
		return nil, err
	}
	if c.complete, c.cq, err = compile(p, l.options(true)); err != nil {
		return nil, err
	}
	if c.normal, c.nq, err = compile(p, l.options(false)); err != nil {
		return nil, err
	}
	for _, plan := range []*compiler.Plan{c.complete, c.normal} {
		if plan != nil && len(c.gaps) == 0 {
			for _, g := range plan.Gaps {
				c.gaps = append(c.gaps, g.EventPath)
			}
		}
	}
	return c, nil
}

// check checks one event against the case: complete mode on the event, the default mode
// on the event without its gap paths, exactness on both.
func (c *differentialCase) check(rt fataler, e *event, n *tally) {
	held := c.holding(e)
	if len(held) > 0 {
		n.matched.Add(1)
	}
	c.noLoss(rt, "complete", c.complete, c.cq, e, held)
	c.exactness(rt, "complete", c.complete, c.cq, e, held)
	searchable := e
	if len(c.gaps) > 0 {
		var err error
		if searchable, err = c.l.event(withoutPaths(e.doc, c.gaps)); err != nil {
			rt.Fatal(err)
		}
	}
	sheld := c.holding(searchable)
	if len(sheld) < len(held) {
		n.lost.Add(1)
	}
	c.noLoss(rt, "default", c.normal, c.nq, searchable, sheld)
	c.exactness(rt, "default", c.normal, c.nq, e, held)
	c.exactness(rt, "default", c.normal, c.nq, searchable, sheld)
	if c.normal != nil && c.normal.Exact {
		n.exact.Add(1)
	}
}

// holding returns the indexes of the brackets that hold for the event.
func (c *differentialCase) holding(e *event) []int {
	var out []int
	for i, b := range c.brackets {
		if b.holds(e) {
			out = append(out, i)
		}
	}
	return out
}

// qualified reports whether every bracket has a START/STOP window.
func (c *differentialCase) qualified() bool {
	for _, b := range c.brackets {
		if len(b.windows) == 0 {
			return false
		}
	}
	return true
}

// noLoss: every bracket that holds for the event, in its window, has its query match it;
// a pattern refused as one that can never match does not match the event.
func (c *differentialCase) noLoss(rt fataler, mode string, plan *compiler.Plan,
	qs []*hunq.Query, e *event, held []int) {
	if plan == nil {
		if c.matcher.MatchesOne(e.obs) && (e.within(defaultWindow()) || c.qualified()) {
			c.fail(rt, mode, plan, e, "the pattern matches the event, but was refused as "+
				"one that can never match")
		}
		return
	}
	for _, i := range held {
		o := plan.Observations[i]
		if !e.within(o.Window) {
			continue
		}
		if !servedMatch(plan, qs, i, e) {
			c.fail(rt, mode, plan, e, fmt.Sprintf("bracket %d %s holds, but its query "+
				"does not match the event", i+1, c.brackets[i].text))
		}
	}
}

// exactness: under an exact plan, each query that matches the event serves a bracket that
// holds for it.
func (c *differentialCase) exactness(rt fataler, mode string, plan *compiler.Plan,
	qs []*hunq.Query, e *event, held []int) {
	if plan == nil || !plan.Exact {
		return
	}
	for k, q := range plan.Queries {
		if !qs[k].Match(e.doc) {
			continue
		}
		ok := false
		for _, i := range q.Observations {
			ok = ok || contains(held, i)
		}
		if !ok {
			c.fail(rt, mode, plan, e, fmt.Sprintf("the plan is exact, but query %d "+
				"matches an event on which no bracket it serves holds", k+1))
		}
	}
}

// servedMatch reports whether a query serving observation i matches the event.
func servedMatch(plan *compiler.Plan, qs []*hunq.Query, i int, e *event) bool {
	for k, q := range plan.Queries {
		if contains(q.Observations, i) && qs[k].Match(e.doc) {
			return true
		}
	}
	return false
}

func defaultWindow() compiler.Window {
	return compiler.Window{After: gen.Now.Add(-compiler.DefaultTimeRange), Before: gen.Now}
}

func contains(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func (c *differentialCase) fail(rt fataler, mode string, plan *compiler.Plan, e *event,
	what string) {
	var b strings.Builder
	fmt.Fprintf(&b, "STIX %v, %s mode: %s\npattern: %s\n", c.l.version, mode, what,
		ast.Print(c.pattern))
	if plan != nil {
		for k, q := range plan.Queries {
			fmt.Fprintf(&b, "query %d (observations %v): %s\n", k+1, q.Observations, q.Text)
		}
		fmt.Fprintf(&b, "exact: %v; widenings: %v\n", plan.Exact, plan.Widenings)
	}
	held := c.holding(e)
	sort.Ints(held)
	fmt.Fprintf(&b, "brackets holding on the STIX: %v\nevent: %s\nSTIX: %s", held, e.raw,
		e.stix())
	rt.Fatal(b.String())
}
