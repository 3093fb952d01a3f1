package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// jsonLine writes v as the commands do: one line, < > & left as they are.
func jsonLine(t *testing.T, v any) string {
	t.Helper()
	var b strings.Builder
	if err := writeJSONLine(&b, v); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestTranslateQuery(t *testing.T) {
	file := filepath.Join(t.TempDir(), "extra.map")
	if err := os.WriteFile(file, []byte("x-oca-event:action task.name\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	window := ` START t'2024-01-01T00:00:00.000Z' STOP t'2024-01-02T00:00:00.000Z'`
	bounds := ` AND happenedAfter = "2024-01-01T00:00:00.000Z" AND ` +
		`happenedBefore = "2024-01-02T00:00:00.000Z"`
	fromStix := `{"mapping": {"from_stix_map": {"x-example": {"fields": ` +
		`{"color": ["task.name"]}}}, "to_stix_map": ` + colorTable + `}}`
	q := func(qs ...string) string { return jsonLine(t, map[string][]string{"queries": qs}) }
	fail := func(code, msg string) string {
		return jsonLine(t, translationFailure{Code: code, Error: msg})
	}
	runCases(t, []cliCase{
		{name: "readme", args: []string{"translate", "reaqta", "query", "{}", readmePattern},
			stdout: q(readmeQuery)},
		{name: "observations in two windows", args: []string{"translate", "reaqta", "query",
			"{}", "[x-reaqta-event:task_name = 'a']" + window + " OR " +
				"[x-reaqta-event:task_name = 'b'] START t'2024-02-01T00:00:00Z' " +
				"STOP t'2024-02-02T00:00:00Z'"},
			stdout: q(`task.name = "a"`+bounds, `task.name = "b" AND happenedAfter = `+
				`"2024-02-01T00:00:00.000Z" AND happenedBefore = "2024-02-02T00:00:00.000Z"`)},
		{name: "a hostile value stays one value", args: []string{"translate", "reaqta",
			"query", "{}", `[x-reaqta-event:task_name = 'x" OR eventId = "1']` + window},
			stdout: q(`task.name = "x\" OR eventId = \"1"` + bounds)},
		{name: "invalid", args: []string{"translate", "reaqta", "query", "{}",
			"[file:size > true]", `{"validate_pattern": true}`},
			stdout: fail("invalid_parameter", "stix validation error : pattern:1:14: > needs "+
				"an orderable value (a number, string, timestamp, binary or hex literal), "+
				"found a boolean"),
			stderr: "pattern:1:14: > needs an orderable value (a number, string, timestamp, " +
				"binary or hex literal), found a boolean\n    [file:size > true]\n" +
				"                 ^\n", code: 3},
		{name: "exists needs stix_2.1", args: []string{"translate", "reaqta", "query", "{}",
			"[EXISTS file:name]"},
			stdout: fail("invalid_parameter", "stix validation error : pattern:1:2: EXISTS "+
				"is not part of STIX 2.0 patterns (it is new in 2.1)"),
			stderr: "pattern:1:2: EXISTS is not part of STIX 2.0 patterns (it is new in " +
				"2.1)\n    [EXISTS file:name]\n     ^\n", code: 3},
		{name: "exists under stix_2.1", args: []string{"translate", "reaqta", "query", "{}",
			"[EXISTS x-oca-event:extensions.'x-reaqta-alert-ext'.incidents]" + window,
			`{"stix_2.1": true}`},
			stdout: q(`hasAlert = true` + bounds)},
		{name: "an extension name of the other version", args: []string{"translate",
			"reaqta", "query", "{}",
			"[EXISTS x-oca-event:extensions.'x-reaqta-alert'.incidents]" + window,
			`{"stix_2.1": true}`},
			stdout: fail("mapping_error", "data mapping error : Unable to map the following "+
				"STIX objects and properties: ['x-oca-event:extensions.'x-reaqta-alert'."+
				"incidents'] to data source fields (x-oca-event:extensions.'x-reaqta-alert'."+
				"incidents is named x-oca-event:extensions.'x-reaqta-alert-ext'.incidents "+
				"in STIX 2.1)"), code: 4},
		{name: "unmapped", args: []string{"translate", "reaqta", "query", "{}",
			"[x-example:color = 'red' AND x-example:size = 2]"},
			stdout: fail("mapping_error", "data mapping error : Unable to map the following "+
				"STIX objects and properties: ['x-example:color', 'x-example:size'] to "+
				"data source fields"), code: 4},
		{name: "mapping file", args: []string{"translate", "reaqta", "query", "{}",
			"[x-oca-event:action = 'red']" + window, jsonLine(t, map[string]string{
				"mapping": file})},
			stdout: q(`task.name = "red"` + bounds)},
		{name: "a table without the property", args: []string{"translate", "reaqta",
			"query", "{}", "[x-example:color = 'red']" + window,
			`{"mapping": {"from_stix_map": {"x-example": {"fields": {"color": ` +
				`["task.name"]}}}}}`},
			stdout: fail("mapping_error", "data mapping error : Unable to map the following "+
				"STIX objects and properties: ['x-example:color'] to data source fields"),
			code: 4},
		{name: "complete", args: []string{"translate", "--complete", "reaqta", "query", "{}",
			"[process:pid = 4]" + window},
			stdout: q(`happenedAfter = "2024-01-01T00:00:00.000Z" AND ` +
				`happenedBefore = "2024-01-02T00:00:00.000Z"`)},
		{name: "stix-shifter map replaces ours", args: []string{"translate", "reaqta",
			"query", "{}", "[x-example:color = 'red' OR ipv4-addr:value = '10.0.0.1']" +
				window, fromStix},
			stdout: q(`task.name = "red"` + bounds)},
		{name: "mapping naming a missing field", args: []string{"translate", "reaqta",
			"query", "{}", "[file:name = 'x']",
			`{"mapping": {"from_stix_map": {"file": {"fields": {"name": ["fsName"]}}}}}`},
			stdout: fail("invalid_parameter", "OPTIONS mapping: mapping: fields missing "+
				"from the HunQ catalogue: file:name -> fsName"), code: 1},
	})
}

// TestTranslateQueryTimeRange checks that time_range sets the default window, ending now.
func TestTranslateQueryTimeRange(t *testing.T) {
	before := time.Now().UTC().Truncate(time.Millisecond)
	out, errw, code := runCLI("translate", "reaqta", "query", "{}",
		"[x-reaqta-event:task_name = 'a']", `{"time_range": 30}`)
	if code != 0 || errw != "" {
		t.Fatalf("exit %d, stderr %q", code, errw)
	}
	var got struct{ Queries []string }
	if err := json.Unmarshal([]byte(out), &got); err != nil || len(got.Queries) != 1 {
		t.Fatalf("output %q: %v", out, err)
	}
	m := regexp.MustCompile(`^task\.name = "a" AND happenedAfter = "([^"]+)" AND ` +
		`happenedBefore = "([^"]+)"$`).FindStringSubmatch(got.Queries[0])
	if m == nil {
		t.Fatalf("query %q", got.Queries[0])
	}
	after, err1 := time.Parse(time.RFC3339Nano, m[1])
	stop, err2 := time.Parse(time.RFC3339Nano, m[2])
	if err1 != nil || err2 != nil || stop.Before(before) || time.Since(stop) > time.Minute {
		t.Fatalf("window %s .. %s does not end now (%v, %v)", m[1], m[2], err1, err2)
	}
	if span := stop.Sub(after); span < 30*time.Minute || span > 30*time.Minute+time.Millisecond {
		t.Errorf("window %s .. %s spans %v, want 30m", m[1], m[2], span)
	}
}
