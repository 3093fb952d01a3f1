package compiler

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/stix2hunq/stix2hunq/ast"
)

// windowsPass gives each observation its time window. A window starts as the intersection
// of every START/STOP qualifier that encloses the observation. A WITHIN qualifier then
// bounds every observation under it by the windows of the observations that every match
// of it includes (those not under an OR): if one of them lies in [a, b), the others lie
// in [a-d, b+d]. An observation still unbounded gets the default window, the last time
// range before the clock. An empty window makes the observation false.
//
// STIX windows are half-open, [START, STOP); happenedBefore is inclusive, so the query
// also selects events at the STOP instant, and the pass records that widening once per
// qualifier. Bounds are rounded outwards to the millisecond.
//
// Limitation: a pattern without START/STOP only searches the default window, so its older
// matches are not found; the plan says so with Window.Default.
func windowsPass(u *unit) error {
	spans := make([]span, len(u.obs))
	for i, o := range u.obs {
		for _, q := range o.windows {
			spans[i] = spans[i].intersect(startStopSpan(q))
			u.startStopWidening(i, q)
		}
	}
	for round := 0; round < 4; round++ {
		if !u.within(u.pattern.Expr, new(int), spans).changed {
			break
		}
	}
	now := u.opts.now()
	def := span{lo: now.Add(-u.opts.timeRange()), hi: now, bounded: true,
		origin: "default: the last " + u.opts.timeRange().String()}
	for i, o := range u.obs {
		s := spans[i]
		if !s.bounded {
			s = def
		}
		if s.lo.After(s.hi) {
			o.expr = False()
		}
		o.window = Window{After: floorMilli(s.lo), Before: ceilMilli(s.hi),
			Default: !spans[i].bounded, Origin: s.origin}
	}
	return nil
}

// span is a closed interval of event times, or no bound at all.
type span struct {
	lo, hi  time.Time
	bounded bool
	origin  string // what bounds it, for explain
}

// intersect returns the part of s inside t.
func (s span) intersect(t span) span {
	switch {
	case !t.bounded:
		return s
	case !s.bounded:
		return t
	}
	if t.lo.After(s.lo) {
		s.lo = t.lo
	}
	if t.hi.Before(s.hi) {
		s.hi = t.hi
	}
	if !strings.Contains(s.origin, t.origin) {
		s.origin += "; " + t.origin
	}
	return s
}

func startStopSpan(q *ast.StartStopQualifier) span {
	return span{lo: q.Start.Value, hi: q.Stop.Value, bounded: true,
		origin: "START/STOP at " + posText(q.Pos)}
}

// withinResult lists the observations under a node, and those every match includes.
type withinResult struct {
	all, required []int
	changed       bool
}

// within bounds the observations under each WITHIN qualifier of e, as windowsPass says;
// next counts the observations in source order.
func (u *unit) within(e ast.ObservationExpr, next *int, spans []span) withinResult {
	var r withinResult
	switch e := e.(type) {
	case *ast.BracketExpr:
		r.all, r.required = []int{*next}, []int{*next}
		*next++
	case *ast.ObservationBinaryExpr:
		for _, x := range e.Operands {
			sub := u.within(x, next, spans)
			r.all = append(r.all, sub.all...)
			if e.Op != ast.ObsOr {
				r.required = append(r.required, sub.required...)
			}
			r.changed = r.changed || sub.changed
		}
	case *ast.QualifiedExpr:
		r = u.within(e.Expr, next, spans)
		if q, ok := e.Qualifier.(*ast.WithinQualifier); ok {
			r.changed = boundWithin(q, r, spans) || r.changed
		}
	}
	return r
}

// boundWithin intersects the window of every observation under q with the span that the
// windows of the required observations allow; it reports whether a window changed.
func boundWithin(q *ast.WithinQualifier, r withinResult, spans []span) bool {
	d, ok := withinDuration(q)
	if !ok {
		return false
	}
	var b span
	for _, i := range r.required {
		if s := spans[i]; s.bounded {
			b = b.intersect(span{lo: s.lo.Add(-d), hi: s.hi.Add(d), bounded: true})
		}
	}
	if !b.bounded {
		return false
	}
	b.origin = "WITHIN at " + posText(q.Pos)
	changed := false
	for _, i := range r.all {
		s := spans[i].intersect(b)
		if !s.lo.Equal(spans[i].lo) || !s.hi.Equal(spans[i].hi) || !spans[i].bounded {
			spans[i], changed = s, true
		}
	}
	return changed
}

// maxWithin is the longest WITHIN that bounds windows; a longer one (beyond a century)
// bounds nothing that matters and might overflow a time.Duration.
const maxWithin = 100 * 366 * 24 * time.Hour

// withinDuration returns q's span, or false when it is too long to bound anything.
func withinDuration(q *ast.WithinQualifier) (time.Duration, bool) {
	var secs float64
	switch s := q.Seconds.(type) {
	case *ast.IntLit:
		secs = float64(s.Value)
	case *ast.FloatLit:
		secs = s.Value
	default:
		return 0, false
	}
	if !(secs > 0) || secs > maxWithin.Seconds() {
		return 0, false
	}
	return time.Duration(secs * float64(time.Second)), true
}

// The instants a HunQ time can name.
var (
	minTime = time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)
	maxTime = time.Date(9999, 12, 31, 23, 59, 59, 999_000_000, time.UTC)
)

// floorMilli rounds t down to the millisecond, within the times HunQ can name.
func floorMilli(t time.Time) time.Time {
	if t.Before(minTime) {
		return minTime
	}
	return t.Truncate(time.Millisecond)
}

// ceilMilli rounds t up to the millisecond, within the times HunQ can name.
func ceilMilli(t time.Time) time.Time {
	if t.After(maxTime) {
		return maxTime
	}
	f := t.Truncate(time.Millisecond)
	if f.Before(t) {
		f = f.Add(time.Millisecond)
	}
	return f
}

// startStopWidening records, once per qualifier, that the query includes the STOP instant
// and, when START is finer than a millisecond, the instants before it in its millisecond.
func (u *unit) startStopWidening(i int, q *ast.StartStopQualifier) {
	if slices.Contains(u.stops, q) {
		return
	}
	u.stops = append(u.stops, q)
	if start := q.Start.Value; !start.Equal(start.Truncate(time.Millisecond)) {
		u.plan.Widenings = append(u.plan.Widenings, Widening{Observation: i,
			Pos: q.Start.Pos, What: ast.Print(q.Start), Reason: "START is finer than " +
				"a millisecond: happenedAfter is the millisecond before it"})
	}
	u.plan.Widenings = append(u.plan.Widenings, Widening{Observation: i, Pos: q.Stop.Pos,
		What:   "STOP " + ast.Print(q.Stop),
		Reason: "STOP is exclusive, happenedBefore inclusive: events at STOP are also selected"})
}

// posText writes a position as LINE:COL, as ast.Pos.String does, without fmt.
func posText(p ast.Pos) string {
	return strconv.Itoa(p.Line) + ":" + strconv.Itoa(p.Column)
}
