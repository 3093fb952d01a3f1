package fuzz

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sort"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stix2hunq/stix2hunq/ast"
	"github.com/stix2hunq/stix2hunq/compiler"
	"github.com/stix2hunq/stix2hunq/internal/gen"
	"github.com/stix2hunq/stix2hunq/runtime/emulator"
	"github.com/stix2hunq/stix2hunq/runtime/execute"
	"github.com/stix2hunq/stix2hunq/runtime/hunt"
	"github.com/stix2hunq/stix2hunq/runtime/match"
	"github.com/stix2hunq/stix2hunq/runtime/tostix"
	"pgregory.net/rapid"
)

// runtimeShare is the share of the rapid checks on which TestDifferentialRuntime runs a
// whole hunt: one in runtimeShare.
const runtimeShare = 16

// TestDifferentialRuntime runs whole hunts: generated events, all in the default window,
// are served by the emulator (its HTTP handler, without a socket), the compiled plan runs
// through the Hunt API client and runtime/execute, and the observed-data it keeps must be
// exactly those the matcher keeps when it evaluates the pattern over every event's STIX:
// in complete mode over the events, in the default mode over the events without their gap
// paths.
func TestDifferentialRuntime(t *testing.T) {
	for _, v := range []tostix.Version{tostix.STIX20, tostix.STIX21} {
		t.Run("STIX "+v.String(), func(t *testing.T) {
			l := newLane(t, v)
			var hunts, kept atomic.Int64
			rapid.Check(t, func(rt *rapid.T) {
				if rapid.IntRange(1, runtimeShare).Draw(rt, "hunt") != 1 {
					return
				}
				hunts.Add(1)
				kept.Add(int64(l.hunt(rt)))
			})
			t.Logf("STIX %v: %d hunts, %d observed-data kept", v, hunts.Load(), kept.Load())
			if defaultChecks && hunts.Load() < 100 {
				t.Errorf("only %d hunts", hunts.Load())
			}
		})
	}
}

// hunt draws events and a pattern and runs the hunt in both modes; it returns the number
// of observed-data kept.
func (l *lane) hunt(rt *rapid.T) int {
	var raws [][]byte
	var objs []map[string]map[string]any
	for i := range rapid.IntRange(1, 6).Draw(rt, "events") {
		ev := l.universe.Event(rt)
		// The runtime keeps an event that several queries return once, by its eventId,
		// which the Hunt API makes unique; first_observed tells the events apart.
		ev["eventId"] = fmt.Sprintf("9%017d", i)
		ev["happenedAt"] = gen.Now.Add(-time.Duration(i+1) * time.Second).
			Format(time.RFC3339Nano)
		raw, _ := json.Marshal(ev)
		e, err := l.event(raw)
		if err != nil {
			rt.Fatal(err)
		}
		raws, objs = append(raws, raw), append(objs, e.obs.Objects)
	}
	src := l.universe.Pattern(rt, objs)
	p, err := ast.Parse(src, ast.ParseOptions{Version: l.syntax})
	if err != nil {
		rt.Fatalf("%v\n%s", err, src)
	}
	n := 0
	for _, complete := range []bool{true, false} {
		n += l.huntMode(rt, p, raws, complete)
	}
	return n
}

// huntMode runs one hunt and compares what it keeps with what the matcher keeps.
func (l *lane) huntMode(rt *rapid.T, p *ast.Pattern, raws [][]byte, complete bool) int {
	plan, err := compiler.Compile(p, l.options(complete))
	if err != nil {
		return 0 // a pattern that can never match: TestDifferential checks it
	}
	var evs []emulator.Event
	var obs []match.Observation
	for _, raw := range raws {
		if !complete {
			raw = withoutPaths(decodeDoc(raw), gapPaths(plan))
		}
		e, err := emulator.NewEvent(raw)
		if err != nil {
			rt.Fatal(err)
		}
		ev, _ := l.event(raw)
		evs, obs = append(evs, e), append(obs, ev.obs)
	}
	m, err := match.New(p)
	if err != nil {
		rt.Fatal(err)
	}
	want, err := m.Match(obs)
	if err != nil {
		rt.Fatal(err)
	}
	got := l.run(rt, plan, evs)
	if wantTimes := times(obs, want.Used); !equal(got, wantTimes) {
		rt.Fatalf("STIX %v, complete %v: the hunt kept the observed-data of %v, the "+
			"matcher those of %v\npattern: %s\nqueries: %v", l.version, complete, got,
			wantTimes, ast.Print(p), queryTexts(plan))
	}
	return len(got)
}

// run hunts with plan over the events and returns the first_observed of what it keeps.
func (l *lane) run(rt *rapid.T, plan *compiler.Plan, evs []emulator.Event) []string {
	srv := emulator.New(emulator.Options{Events: evs, Now: func() time.Time { return gen.Now }})
	c, err := hunt.New(hunt.Config{BaseURL: "http://emulator", AppID: emulator.DefaultAppID,
		Secret: emulator.DefaultSecret, Transport: handlerTransport{srv}})
	if err != nil {
		rt.Fatal(err)
	}
	var out collector
	w, err := tostix.NewWriter(&out, tostix.WriterOptions{Format: tostix.NDJSON,
		Version: l.version, Identity: []byte(identity)})
	if err != nil {
		rt.Fatal(err)
	}
	if _, err := execute.Run(context.Background(), plan, execute.Options{Source: c,
		Mapper: l.mapper, Out: w}); err != nil {
		rt.Fatal(err)
	}
	if err := w.Close(); err != nil {
		rt.Fatal(err)
	}
	return out.firstObserved(rt)
}

// handlerTransport sends requests to an http.Handler in process.
type handlerTransport struct{ h http.Handler }

func (t handlerTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	w := httptest.NewRecorder()
	t.h.ServeHTTP(w, r)
	return w.Result(), nil
}

// collector gathers JSON lines.
type collector struct{ lines []byte }

func (c *collector) Write(b []byte) (int, error) {
	c.lines = append(c.lines, b...)
	return len(b), nil
}

// firstObserved returns, sorted, the first_observed of the observed-data written.
func (c *collector) firstObserved(rt *rapid.T) []string {
	var out []string
	dec := json.NewDecoder(bytes.NewReader(c.lines))
	for dec.More() {
		var obj struct {
			Type  string `json:"type"`
			First string `json:"first_observed"`
		}
		if err := dec.Decode(&obj); err != nil {
			rt.Fatal(err)
		}
		if obj.Type == "observed-data" {
			out = append(out, obj.First)
		}
	}
	sort.Strings(out)
	return out
}

func times(obs []match.Observation, used []int) []string {
	out := []string{}
	for _, i := range used {
		out = append(out, obs[i].First.UTC().Format("2006-01-02T15:04:05.000Z"))
	}
	sort.Strings(out)
	return out
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func gapPaths(plan *compiler.Plan) []string {
	var out []string
	for _, g := range plan.Gaps {
		out = append(out, g.EventPath)
	}
	return out
}

func queryTexts(plan *compiler.Plan) []string {
	var out []string
	for _, q := range plan.Queries {
		out = append(out, q.Text)
	}
	return out
}

func decodeDoc(raw []byte) map[string]any {
	var doc map[string]any
	_ = json.Unmarshal(raw, &doc)
	return doc
}
