package compiler

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// sources describe where three properties come from in events: file:name from two paths
// that its fields read and one they do not, x-example:color from a path no field reads.
var sources = []Source{
	{Property: "file:name", EventPath: "payload.data.consumerData.scriptFileName"},
	{Property: "file:name", EventPath: "payload.process.program.fsName"},
	{Property: "file:name", EventPath: "payload.data.etwProcessName"},
	{Property: "x-example:color", EventPath: "payload.data.color"},
	{Property: "domain-name:value", EventPath: "payload.data.queryName"},
}

func TestCoverageGaps(t *testing.T) {
	opts := testOptions()
	opts.Sources = sources
	plan, err := Compile(mustParse(t, "[file:name = 'a' OR domain-name:value = 'b' OR "+
		"x-example:color = 'red']"), opts)
	if err != nil {
		t.Fatal(err)
	}
	want := []Gap{
		{Property: "file:name", EventPath: "payload.data.etwProcessName"},
		{Property: "x-example:color", EventPath: "payload.data.color"},
	}
	if diff := cmp.Diff(want, plan.Gaps); diff != "" {
		t.Errorf("gaps (- want, + got):\n%s", diff)
	}
	if len(plan.Unmapped) != 1 || plan.Unmapped[0].Property != "x-example:color" {
		t.Errorf("default mode: got unmapped %v, want x-example:color", plan.Unmapped)
	}
	if q := plan.Queries[0].Text; q != `($filename = "a" OR consumer.script.filename = "a" `+
		`OR eventdata.path = "a" OR eventdata.dns = "b") AND happenedAfter = `+
		`"2026-01-02T02:59:05.678Z" AND happenedBefore = "2026-01-02T03:04:05.678Z"` {
		t.Errorf("default mode searches the indexed fields; got %s", q)
	}
}

func TestCompleteModeWidensGaps(t *testing.T) {
	opts := testOptions()
	opts.Sources, opts.Complete = sources, true
	plan, err := Compile(mustParse(t, "[file:name = 'a' AND domain-name:value = 'b'] OR "+
		"[x-example:color = 'red']"), opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Unmapped) != 0 {
		t.Errorf("complete mode: got unmapped %v, want none", plan.Unmapped)
	}
	if q := plan.Queries[0].Text; q != `happenedAfter = "2026-01-02T02:59:05.678Z" AND `+
		`happenedBefore = "2026-01-02T03:04:05.678Z"` {
		t.Errorf("complete mode must widen file:name and x-example:color; got %s", q)
	}
	var reasons []string
	for _, w := range plan.Widenings {
		if w.Dropped {
			reasons = append(reasons, w.What+": "+w.Reason)
		}
	}
	want := []string{
		"file:name = 'a': complete mode: the property also comes from " +
			"payload.data.etwProcessName, which no mapped field reads",
		"x-example:color = 'red': complete mode: no HunQ field searches the property, " +
			"which comes from payload.data.color",
	}
	if diff := cmp.Diff(want, reasons); diff != "" {
		t.Errorf("widenings (- want, + got):\n%s", diff)
	}
}

// TestAbsentPropertiesAreFalse: with sources, a mapped property that no source yields is
// never present, so its comparison is false, as an unmapped one is, and the plan that
// would have called it exact has no such query.
func TestAbsentPropertiesAreFalse(t *testing.T) {
	opts := testOptions()
	opts.Sources = []Source{{Property: "url:value", EventPath: "payload.data.url"}}
	plan, err := Compile(mustParse(t, "[process:binary_ref.hashes.MD5 = 'x' OR "+
		"url:value = 'u']"), opts)
	if err != nil {
		t.Fatal(err)
	}
	want := []Unmapped{{Observation: 0, Pos: plan.Unmapped[0].Pos,
		Property: "process:binary_ref.hashes.MD5", Absent: true}}
	if diff := cmp.Diff(want, plan.Unmapped); diff != "" {
		t.Errorf("unmapped (- want, + got):\n%s", diff)
	}
	if q := plan.Queries[0].Text; q != `eventdata.url = "u" AND happenedAfter = `+
		`"2026-01-02T02:59:05.678Z" AND happenedBefore = "2026-01-02T03:04:05.678Z"` {
		t.Errorf("got %s", q)
	}
	_, err = Compile(mustParse(t, "[process:binary_ref.hashes.MD5 = 'x' OR "+
		"x-example:color = 'red']"), opts)
	if err == nil || err.Error() != "pattern can never match: no HunQ field searches "+
		"x-example:color; the events never have process:binary_ref.hashes.MD5 "+
		"(process:binary_ref.hashes.MD5 is not in STIX 2.1, which has "+
		"process:image_ref.hashes.MD5)" {
		t.Errorf("got %v", err)
	}
}

// TestDerivedSources: a field reading the path of a derived value searches it only when
// its match kind finds the value there: a PREFIX field a leading part, no field another
// text.
func TestDerivedSources(t *testing.T) {
	opts := testOptions()
	opts.Sources = []Source{
		{Property: "directory:path", EventPath: "payload.process.program.path",
			Derived: LeadingPart}, // $path, PREFIX: searched
		{Property: "directory:path", EventPath: "payload.data.etwHomePath",
			Derived: LeadingPart}, // __etwHomePath, TERM: a gap
		{Property: "process:pid", EventPath: "payload.data.etwProcessId",
			Derived: Rewritten}, // __etwProcessId reads it, but the value is decoded
		{Property: "process:pid", EventPath: "payload.process.pid"},
	}
	gaps, err := CoverageGaps(opts)
	if err != nil {
		t.Fatal(err)
	}
	want := []Gap{
		{Property: "directory:path", EventPath: "payload.data.etwHomePath", Derived: true},
		{Property: "process:pid", EventPath: "payload.data.etwProcessId", Derived: true},
	}
	if diff := cmp.Diff(want, gaps); diff != "" {
		t.Errorf("gaps (- want, + got):\n%s", diff)
	}
}

// TestListMembers: a comparison on the members of a list property searches the list's
// fields, in complete mode too; the list itself never equals a string in STIX.
func TestListMembers(t *testing.T) {
	opts := testOptions()
	opts.Complete = true
	opts.Sources = []Source{
		{Property: "x-reaqta-event:tags", EventPath: "payload.data.tags"},
		{Property: "x-reaqta-event:tags[*]", EventPath: "payload.data.tags"},
	}
	plan, err := Compile(mustParse(t, "[x-reaqta-event:tags[*] = 'a']"), opts)
	if err != nil {
		t.Fatal(err)
	}
	if q := plan.Queries[0].Text; q != `eventdata.tag = "a" AND happenedAfter = `+
		`"2026-01-02T02:59:05.678Z" AND happenedBefore = "2026-01-02T03:04:05.678Z"` {
		t.Errorf("got %s", q)
	}
}
