package fuzz

import (
	"bufio"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/stix2hunq/stix2hunq/ast"
	"github.com/stix2hunq/stix2hunq/compiler/hunq"
	"github.com/stix2hunq/stix2hunq/runtime/tostix"
)

// regression is one (pattern, event) pair on which the differential oracle once failed,
// kept in testdata/differential.jsonl with what was wrong.
type regression struct {
	STIX    string          `json:"stix"`
	Pattern string          `json:"pattern"`
	Event   json.RawMessage `json:"event"`
	Why     string          `json:"why"`
}

// TestDifferentialRegressions runs the differential oracle on every pair it once failed
// on, and checks that each still describes a match (a bracket holds on the event's STIX),
// so that it keeps testing what it was kept for.
func TestDifferentialRegressions(t *testing.T) {
	f, err := os.Open("testdata/differential.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	lanes := map[string]*lane{"2.0": newLane(t, tostix.STIX20), "2.1": newLane(t, tostix.STIX21)}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	n := 0
	for line := 1; sc.Scan(); line++ {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var r regression
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("line %d: %v", line, err)
		}
		l := lanes[r.STIX]
		if l == nil {
			t.Fatalf("line %d: STIX %q", line, r.STIX)
		}
		t.Run(r.Why, func(t *testing.T) { l.checkPair(t, r.Pattern, r.Event) })
		n++
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatal("no regressions")
	}
}

// checkPair runs the oracle on one pattern and one event.
func (l *lane) checkPair(t *testing.T, src string, raw []byte) {
	p, err := ast.Parse(src, ast.ParseOptions{Version: l.syntax})
	if err != nil {
		t.Fatal(err)
	}
	c, err := l.newCase(p)
	if err != nil {
		t.Fatal(err)
	}
	e, err := l.event(raw)
	if err != nil {
		t.Fatal(err)
	}
	var n tally
	c.check(t, e, &n)
	if n.matched.Load() == 0 && !c.selects(e) {
		t.Errorf("no bracket holds on the event's STIX and no query selects the event: "+
			"the pair tests nothing\nSTIX: %s", e.stix())
	}
}

// selects reports whether a query of either plan matches the event: a pair on which no
// bracket holds then tests that the plan does not call itself exact.
func (c *differentialCase) selects(e *event) bool {
	for _, qs := range [][]*hunq.Query{c.cq, c.nq} {
		for _, q := range qs {
			if q.Match(e.doc) {
				return true
			}
		}
	}
	return false
}
