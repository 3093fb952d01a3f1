package compiler

import (
	"time"

	"github.com/stix2hunq/stix2hunq/ast"
)

// windowsPass gives each observation its time window: the intersection of every
// START/STOP qualifier that encloses it, or the last time range before the clock when
// none does. An empty intersection makes the observation false.
//
// STIX windows are half-open, [START, STOP); happenedBefore is inclusive, so the query
// also selects events at the STOP instant, and the pass records that widening once per
// qualifier.
func windowsPass(u *unit) error {
	for i, o := range u.obs {
		if len(o.windows) == 0 {
			now := u.opts.now()
			o.window = Window{After: now.Add(-u.opts.timeRange()), Before: now, Default: true}
			continue
		}
		var w Window
		for j, q := range o.windows {
			start, stop := q.Start.Value, q.Stop.Value
			if j == 0 || start.After(w.After) {
				w.After = start
			}
			if j == 0 || stop.Before(w.Before) {
				w.Before = stop
			}
			u.stopWidening(i, q)
		}
		if !w.After.Before(w.Before) {
			o.expr = False()
		}
		o.window = w
	}
	return nil
}

// stopWidening records, once per qualifier, that the query includes the STOP instant.
func (u *unit) stopWidening(i int, q *ast.StartStopQualifier) {
	if u.stops == nil {
		u.stops = map[*ast.StartStopQualifier]bool{}
	}
	if u.stops[q] {
		return
	}
	u.stops[q] = true
	u.plan.Widenings = append(u.plan.Widenings, Widening{Observation: i, Pos: q.Stop.Pos,
		What:   "STOP t'" + q.Stop.Value.UTC().Format(time.RFC3339Nano) + "'",
		Reason: "STOP is exclusive, happenedBefore inclusive: events at STOP are also selected"})
}
