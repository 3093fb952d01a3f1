package execute

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"time"

	"github.com/stix2hunq/stix2hunq/compiler"
	"github.com/stix2hunq/stix2hunq/runtime/hunt"
	"github.com/stix2hunq/stix2hunq/runtime/match"
	"github.com/stix2hunq/stix2hunq/runtime/tostix"
)

// Source runs one HunQ query and yields its events; a *hunt.Client is one.
type Source interface {
	Events(ctx context.Context, s hunt.Search) iter.Seq2[json.RawMessage, error]
}

// Options configure Run. Source, Mapper and Out are required.
type Options struct {
	Source Source
	// Mapper maps events to observed-data, in the version Out writes.
	Mapper *tostix.Mapper
	// Out receives the observed-data kept; Run neither flushes nor closes it.
	Out *tostix.Writer
	// Limit is the most events fetched for one query; 0 or less means all the source
	// returns (up to its own result limit).
	Limit int
	// Budget bounds the steps of a correlation search; 0 means match.DefaultBudget.
	Budget int
	// Warn, if not nil, receives the mapper's warnings.
	Warn func(tostix.Warning)
	// Progress, if not nil, is called after every event fetched.
	Progress func(Stats)
	// Now is the clock of Stats.Elapsed; nil means time.Now.
	Now func() time.Time
}

// Mode is how a run decides which observed-data to keep.
type Mode int

// The modes, from the cheapest.
const (
	Exact     Mode = iota // every event the queries return matches: no filter
	Filter                // each observed-data is checked on its own
	Correlate             // the pattern is matched over all observed-data at once
)

// String names the mode.
func (m Mode) String() string {
	return [...]string{"exact", "filter", "correlate"}[m]
}

// Stats describe a run.
type Stats struct {
	Mode       Mode
	Queries    int // queries sent
	Fetched    int // events the queries returned
	Duplicates int // events returned again by a later query, and skipped
	Unmapped   int // events that mapped to no STIX object
	Kept       int // observed-data written
	// Truncated lists the queries (by index in the plan) that stopped at Options.Limit:
	// events past the limit were not fetched, and matches among them are lost.
	Truncated []int
	Elapsed   time.Duration
}

// Run executes plan and writes the observed-data that match its pattern to opts.Out.
func Run(ctx context.Context, plan *compiler.Plan, opts Options) (Stats, error) {
	if opts.Source == nil || opts.Mapper == nil || opts.Out == nil {
		return Stats{}, errors.New("execute: Source, Mapper and Out are required")
	}
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	start := now()
	r, err := newRun(plan, opts)
	if err != nil {
		return Stats{}, err
	}
	err = r.fetch(ctx, plan)
	if err == nil && r.stats.Mode == Correlate {
		err = r.correlate()
	}
	r.stats.Elapsed = now().Sub(start)
	return r.stats, err
}

// run is the state of one Run.
type run struct {
	opts    Options
	matcher *match.Matcher
	stats   Stats
	seen    map[string]bool // eventIds already fetched, when the plan has several queries
	held    []*tostix.ObservedData
}

func newRun(plan *compiler.Plan, opts Options) (*run, error) {
	var mopts []match.Option
	if opts.Budget > 0 {
		mopts = append(mopts, match.WithBudget(opts.Budget))
	}
	m, err := match.New(plan.Pattern, mopts...)
	if err != nil {
		return nil, fmt.Errorf("execute: %w", err)
	}
	r := &run{opts: opts, matcher: m}
	switch {
	case plan.Exact:
		r.stats.Mode = Exact
	case m.SingleObservation():
		r.stats.Mode = Filter
	default:
		r.stats.Mode = Correlate
	}
	if len(plan.Queries) > 1 {
		r.seen = map[string]bool{}
	}
	return r, nil
}

// fetch runs every query and handles each event it returns.
func (r *run) fetch(ctx context.Context, plan *compiler.Plan) error {
	length := hunt.Unbounded
	if r.opts.Limit > 0 {
		length = r.opts.Limit
	}
	for qi, q := range plan.Queries {
		r.stats.Queries++
		n := 0
		for ev, err := range r.opts.Source.Events(ctx, hunt.Search{Query: q.Text,
			Length: length}) {
			if err != nil {
				return err
			}
			n++
			if err := r.event(ev); err != nil {
				return err
			}
		}
		if r.opts.Limit > 0 && n >= r.opts.Limit {
			r.stats.Truncated = append(r.stats.Truncated, qi)
		}
	}
	return nil
}

// event maps one event and writes, filters or holds it by the run's mode.
func (r *run) event(ev json.RawMessage) error {
	index := r.stats.Fetched
	r.stats.Fetched++
	defer r.progress()
	if r.seen != nil {
		if id := eventID(ev); id != "" {
			if r.seen[id] {
				r.stats.Duplicates++
				return nil
			}
			r.seen[id] = true
		}
	}
	od, err := r.opts.Mapper.Map(ev, index)
	if err != nil {
		return fmt.Errorf("event %d: %w", index, err)
	}
	if r.opts.Warn != nil {
		for _, w := range od.Warnings {
			r.opts.Warn(w)
		}
	}
	if od.Len() == 0 {
		r.stats.Unmapped++
		return nil
	}
	switch r.stats.Mode {
	case Filter:
		if !r.matcher.MatchesOne(observation(od)) {
			return nil
		}
	case Correlate:
		r.held = append(r.held, od)
		return nil
	}
	return r.write(od)
}

func (r *run) write(od *tostix.ObservedData) error {
	if err := r.opts.Out.Write(od); err != nil {
		return err
	}
	r.stats.Kept++
	return nil
}

func (r *run) progress() {
	if r.opts.Progress != nil {
		r.opts.Progress(r.stats)
	}
}

// correlate matches the pattern over every held observed-data and writes those that take
// part in a match.
func (r *run) correlate() error {
	obs := make([]match.Observation, len(r.held))
	for i, od := range r.held {
		obs[i] = observation(od)
	}
	res, err := r.matcher.Match(obs)
	if err != nil {
		return fmt.Errorf("execute: %w", err)
	}
	for _, i := range res.Used {
		if err := r.write(r.held[i]); err != nil {
			return err
		}
	}
	r.held = nil
	return nil
}

// observation is the matcher's form of an observed-data.
func observation(od *tostix.ObservedData) match.Observation {
	return match.Observation{ID: od.ID, First: od.First, Last: od.Last, Count: 1,
		Objects: od.Objects()}
}

// eventID reads the eventId of an event, or "" when it has none.
func eventID(ev json.RawMessage) string {
	var e struct {
		ID json.RawMessage `json:"eventId"`
	}
	if json.Unmarshal(ev, &e) != nil || len(e.ID) == 0 || string(e.ID) == "null" {
		return ""
	}
	return string(e.ID)
}
