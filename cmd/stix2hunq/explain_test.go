package main

import (
	"strings"
	"testing"
)

func TestExplain(t *testing.T) {
	const pattern = "[x-reaqta-event:task_name NOT IN ('a', 'b') OR " +
		"x-example:color = 'red'] AND [process:pid != 4]"
	out, errw, code := runCLI("explain", "--now", "2024-05-01T12:00:00Z", pattern)
	if code != 0 || errw != "" {
		t.Fatalf("exit %d, stderr %q", code, errw)
	}
	want := "pattern (STIX 2.1): " + pattern + `

== passes
check     observation 1: x-reaqta-event:task_name NOT IN ('a', 'b') OR x-example:color = 'red'
check     observation 2: process:pid != 4
unmapped  observation 1: x-reaqta-event:task_name NOT IN ('a', 'b') OR false
unmapped  observation 2: process:pid != 4
map       observation 1: NOT (task.name = "a" OR task.name = "b") OR false
map       observation 2: true
nnf       observation 1: (NOT task.name = "a" AND NOT task.name = "b") OR false
nnf       observation 2: true
flatten   observation 1: (NOT task.name = "a" AND NOT task.name = "b") OR false
flatten   observation 2: true
simplify  observation 1: NOT task.name = "a" AND NOT task.name = "b"
simplify  observation 2: true
windows   observation 1: NOT task.name = "a" AND NOT task.name = "b"
windows   observation 2: true

== mapping
1:2 x-reaqta-event:task_name NOT IN ('a', 'b')
    -> NOT (task.name = "a" OR task.name = "b")
    fields task.name (TERM); single-valued; inexact: NOT also selects events that lack the property
1:78 process:pid != 4
    -> true
`
	if !strings.HasPrefix(out, want) {
		t.Errorf("got\n%s\nwant it to start with\n%s", out, want)
	}
	for _, line := range []string{
		"observation 2: widened to true 1:78 process:pid != 4: negation holds per object, " +
			"and the property is searched in several fields, which can hold different " +
			"objects\n",
		"== unmapped\nobservation 1: 1:48 x-example:color: no HunQ field searches it, taken " +
			"as false\n",
		"== coverage gaps\nprocess:pid also comes from payload.data.etwCallerProcessId, " +
			"derived from the value there, which no field searching it finds\n" +
			"process:pid also comes from payload.data.etwProcessId, derived from the value " +
			"there, which no field searching it finds\n",
		"== windows\nobservation 1: 2024-05-01T11:55:00.000Z .. 2024-05-01T12:00:00.000Z " +
			"(default: the last 5m0s)\n",
		"== queries\n1 (observations 1, 2): happenedAfter = \"2024-05-01T11:55:00.000Z\" AND " +
			"happenedBefore = \"2024-05-01T12:00:00.000Z\"\n",
		"== plan\ninexact:\n  evaluate the pattern on the returned events: the queries " +
			"select more than it describes\n  1:1: observation AND: every operand must " +
			"match its own events\n",
	} {
		if !strings.Contains(out, line) {
			t.Errorf("the explanation lacks %q:\n%s", line, out)
		}
	}
}

func TestExplainStrictAndErrors(t *testing.T) {
	out, _, code := runCLI("explain", "--strict", readmePattern)
	if code != 4 || !strings.Contains(out, "== plan\ninexact:") {
		t.Errorf("strict: exit %d, output %q", code, out)
	}
	runCases(t, []cliCase{
		{name: "invalid", args: []string{"explain", "[file:name = 'x'"},
			stderr: "pattern:1:17: expected AND, OR or \"]\", found end of pattern\n" +
				"    [file:name = 'x'\n                    ^\n",
			code: 3},
		{name: "untranslatable", args: []string{"explain", "[x-example:color = 'red']"},
			stderr: "stix2hunq: pattern can never match: no HunQ field searches " +
				"x-example:color\n", code: 4},
	})
}
