package execute

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"iter"
	"strings"
	"testing"

	"github.com/stix2hunq/stix2hunq/ast"
	"github.com/stix2hunq/stix2hunq/compiler"
	"github.com/stix2hunq/stix2hunq/runtime/hunt"
	"github.com/stix2hunq/stix2hunq/runtime/tostix"
)

// fakeSource answers each query with its events, and records the searches.
type fakeSource struct {
	events   map[string][]map[string]any
	err      error // returned after the events
	searches []hunt.Search
}

func (f *fakeSource) Events(_ context.Context, s hunt.Search) iter.Seq2[json.RawMessage, error] {
	f.searches = append(f.searches, s)
	return func(yield func(json.RawMessage, error) bool) {
		for i, e := range f.events[s.Query] {
			if s.Length >= 0 && i >= s.Length {
				return
			}
			raw, _ := json.Marshal(e)
			if !yield(raw, nil) {
				return
			}
		}
		if f.err != nil {
			yield(nil, f.err)
		}
	}
}

// handPlan is a plan of the pattern with the given queries, exact or not.
func handPlan(t *testing.T, src string, exact bool, queries ...string) *compiler.Plan {
	p, err := ast.Parse(src, ast.ParseOptions{})
	if err != nil {
		t.Fatal(err)
	}
	plan := &compiler.Plan{Pattern: p, Exact: exact}
	for _, q := range queries {
		plan.Queries = append(plan.Queries, compiler.Query{Text: q})
	}
	return plan
}

func runWith(t *testing.T, plan *compiler.Plan, src Source, limit int) (Stats, string, error) {
	m, err := tostix.New(tostix.Options{Version: tostix.STIX21})
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	w, err := tostix.NewWriter(&out, tostix.WriterOptions{Format: tostix.NDJSON,
		Version: tostix.STIX21, Identity: []byte(`{"type":"identity","id":"identity--` +
			`f431f809-377b-45e0-aa1c-6a4751cae5ff","name":"x"}`)})
	if err != nil {
		t.Fatal(err)
	}
	stats, err := Run(context.Background(), plan, Options{Source: src, Mapper: m, Out: w,
		Limit: limit})
	w.Close()
	return stats, out.String(), err
}

// TestExactStreamsEverything: an exact plan writes every event, each once however many
// of its queries return it.
func TestExactStreamsEverything(t *testing.T) {
	src := &fakeSource{events: map[string][]map[string]any{
		"q1": {connection("n1", 30, "203.0.113.9", 443),
			connection("n2", 60, "198.51.100.7", 80)},
		"q2": {connection("n2", 60, "198.51.100.7", 80),
			connection("n3", 120, "203.0.113.10", 443)},
	}}
	plan := handPlan(t, "[network-traffic:dst_port = 1] OR [network-traffic:dst_port = 2]",
		true, "q1", "q2")
	stats, out, err := runWith(t, plan, src, 0)
	if err != nil {
		t.Fatal(err)
	}
	if stats.Mode != Exact || stats.Queries != 2 || stats.Fetched != 4 ||
		stats.Duplicates != 1 || stats.Kept != 3 {
		t.Errorf("got %+v, want exact, 2 queries, 4 fetched, 1 duplicate, 3 kept", stats)
	}
	if n := strings.Count(out, `"type":"observed-data"`); n != 3 {
		t.Errorf("%d observed-data written, want 3", n)
	}
	for _, s := range src.searches {
		if s.Length != hunt.Unbounded || s.Offset != 0 {
			t.Errorf("search %+v, want the whole answer", s)
		}
	}
}

// TestLimit: a query cut off at the limit is reported, so that lost matches are not silent.
func TestLimit(t *testing.T) {
	src := &fakeSource{events: map[string][]map[string]any{
		"q": {connection("n1", 30, "203.0.113.9", 443), connection("n2", 60, "198.51.100.7", 80),
			connection("n3", 120, "203.0.113.10", 443)},
	}}
	stats, _, err := runWith(t, handPlan(t, "[network-traffic:dst_port = 80]", false, "q"),
		src, 2)
	if err != nil {
		t.Fatal(err)
	}
	if stats.Fetched != 2 || len(stats.Truncated) != 1 || stats.Truncated[0] != 0 ||
		stats.Kept != 1 || src.searches[0].Length != 2 {
		t.Errorf("got %+v after searches %+v", stats, src.searches)
	}
	stats, _, _ = runWith(t, handPlan(t, "[network-traffic:dst_port = 80]", false, "q"),
		src, 3)
	if len(stats.Truncated) != 1 {
		t.Errorf("a query that returns exactly the limit may have more: %+v", stats)
	}
	stats, _, _ = runWith(t, handPlan(t, "[network-traffic:dst_port = 80]", false, "q"),
		src, 4)
	if len(stats.Truncated) != 0 {
		t.Errorf("a query under the limit is complete: %+v", stats)
	}
}

// TestErrors: a failing source stops the run with its error; missing options are refused.
func TestErrors(t *testing.T) {
	boom := errors.New("boom")
	src := &fakeSource{events: map[string][]map[string]any{
		"q": {connection("n1", 30, "203.0.113.9", 443)}}, err: boom}
	_, out, err := runWith(t, handPlan(t, "[network-traffic:dst_port = 443]", false, "q"),
		src, 0)
	if !errors.Is(err, boom) {
		t.Errorf("got %v, want the source's error", err)
	}
	if !strings.Contains(out, "observed-data") {
		t.Errorf("what matched before the error was not written: %s", out)
	}
	if _, err := Run(context.Background(), &compiler.Plan{}, Options{}); err == nil {
		t.Error("Run without a source, mapper and writer succeeded")
	}
}

// TestUnmappedEvents: an event that maps to no STIX object is counted, not written.
func TestUnmappedEvents(t *testing.T) {
	src := &fakeSource{events: map[string][]map[string]any{"q": {{"unknown": 1}}}}
	stats, _, err := runWith(t, handPlan(t, "[network-traffic:dst_port = 443]", true, "q"),
		src, 0)
	if err != nil || stats.Unmapped != 1 || stats.Kept != 0 {
		t.Errorf("got %+v, %v", stats, err)
	}
}
