package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const readmePattern = `[ipv4-addr:value = '192.168.1.2' OR network-traffic:src_port = 443] ` +
	`START t'2022-04-06T00:00:00.000Z' STOP t'2022-04-06T00:05:00.000Z'`

const readmeQuery = `($ip = "192.168.1.2" OR login.ip = "192.168.1.2" OR ` +
	`eventdata.localPort = "443" OR eventdata.remotePort = "443") AND ` +
	`happenedAfter = "2022-04-06T00:00:00.000Z" AND happenedBefore = "2022-04-06T00:05:00.000Z"`

// cliCase is one run of the command line with everything it must print.
type cliCase struct {
	name           string
	args           []string
	stdin          string
	stdout, stderr string
	code           int
}

func runCases(t *testing.T, cases []cliCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out, errw, code := runCLIInput(tc.stdin, tc.args...)
			if out != tc.stdout {
				t.Errorf("stdout:\ngot  %q\nwant %q", out, tc.stdout)
			}
			if errw != tc.stderr {
				t.Errorf("stderr:\ngot  %q\nwant %q", errw, tc.stderr)
			}
			if code != tc.code {
				t.Errorf("exit status: got %d, want %d", code, tc.code)
			}
		})
	}
}

func runCLIInput(stdin string, args ...string) (string, string, int) {
	var out, errw strings.Builder
	code := run(args, stdio{strings.NewReader(stdin), &out, &errw})
	return out.String(), errw.String(), code
}

// colorTable extends the event to STIX table with x-example:color from payload.data.color.
const colorTable = `{"format": "stix2hunq-tostix/1", "base": "reaqta", "objects": [` +
	`{"name": "color", "type": "x-example", "props": [` +
	`{"prop": "color", "from": ["payload.data.color"]}]}]}`

const inexactNote = "stix2hunq: inexact plan (2 widened): the runtime checks the events " +
	"against the pattern; stix2hunq explain says why\n"

// gapNote is the note of compile and hunt on the unsearched sources of the properties
// listed.
func gapNote(props string) string {
	return "stix2hunq: note: the queries cannot search some event paths that yield " + props +
		", so matches there are missed; --complete widens the queries to find them, and " +
		"stix2hunq explain lists the paths\n"
}

func TestCompile(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.map")
	bad := filepath.Join(dir, "bad.map")
	if err := os.WriteFile(good, []byte("x-example:color task.name\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bad, []byte("x-example:color fsName\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	table := filepath.Join(dir, "color.json")
	if err := os.WriteFile(table, []byte(colorTable), 0o644); err != nil {
		t.Fatal(err)
	}
	const now = "--now=2024-05-01T12:00:00Z"
	runCases(t, []cliCase{
		{name: "readme", args: []string{"compile", readmePattern},
			stdout: readmeQuery + "\n", stderr: inexactNote + gapNote("ipv4-addr:value (2)")},
		{name: "strict refuses", args: []string{"compile", "--strict", readmePattern},
			stderr: "stix2hunq: the plan is not exact (--strict):\n" +
				"  1:37 network-traffic:src_port = 443: the fields also search values of " +
				"other properties\n" +
				"  1:108 STOP t'2022-04-06T00:05:00Z': STOP is exclusive, happenedBefore " +
				"inclusive: events at STOP are also selected\n", code: 4},
		{name: "exact with default window", args: []string{"compile", "--strict", now,
			"--time-range", "10", "[x-reaqta-event:task_name = 'Updater']"},
			stdout: `task.name = "Updater" AND happenedAfter = "2024-05-01T11:50:00.000Z" ` +
				`AND happenedBefore = "2024-05-01T12:00:00.000Z"` + "\n"},
		{name: "one query per window", args: []string{"compile", now,
			"[x-reaqta-event:task_name = 'a'] OR [x-reaqta-event:task_name = 'b'] " +
				"START t'2024-01-01T00:00:00.000Z' STOP t'2024-01-02T00:00:00.000Z'"},
			stdout: `task.name = "a" AND happenedAfter = "2024-05-01T11:55:00.000Z" AND ` +
				`happenedBefore = "2024-05-01T12:00:00.000Z"` + "\n" +
				`task.name = "b" AND happenedAfter = "2024-01-01T00:00:00.000Z" AND ` +
				`happenedBefore = "2024-01-02T00:00:00.000Z"` + "\n",
			stderr: "stix2hunq: inexact plan (1 widened): the runtime checks the events " +
				"against the pattern; stix2hunq explain says why\n"},
		{name: "from standard input", args: []string{"compile", now, "-"},
			stdin: "[x-reaqta-event:task_name = 'x\"y']\n",
			stdout: `task.name = "x\"y" AND happenedAfter = "2024-05-01T11:55:00.000Z" AND ` +
				`happenedBefore = "2024-05-01T12:00:00.000Z"` + "\n"},
		{name: "invalid", args: []string{"compile", "[file:size > true AND\n\tfile:name = 'x']"},
			stderr: "pattern:1:14: > needs an orderable value (a number, string, timestamp, " +
				"binary or hex literal), found a boolean\n" +
				"    [file:size > true AND\n" +
				"                 ^\n", code: 3},
		{name: "invalid on a later line", args: []string{"compile",
			"[file:name = 'x' AND\n\tfile:size > true]"},
			stderr: "pattern:2:14: > needs an orderable value (a number, string, timestamp, " +
				"binary or hex literal), found a boolean\n" +
				"    \tfile:size > true]\n" +
				"    \t            ^\n", code: 3},
		{name: "exists under 2.0", args: []string{"compile", "--stix-version", "2.0",
			"[EXISTS file:name]"},
			stderr: "pattern:1:2: EXISTS is not part of STIX 2.0 patterns (it is new in " +
				"2.1)\n    [EXISTS file:name]\n     ^\n", code: 3},
		{name: "untranslatable", args: []string{"compile",
			"[x-example:color = 'red'] AND [x-example:size = 2]"},
			stderr: "stix2hunq: pattern can never match: no HunQ field searches " +
				"x-example:color, x-example:size\n", code: 4},
		{name: "mapping file", args: []string{"compile", now, "--mapping", good,
			"--table", table, "[x-example:color = 'red']"},
			stdout: `task.name = "red" AND happenedAfter = "2024-05-01T11:55:00.000Z" AND ` +
				`happenedBefore = "2024-05-01T12:00:00.000Z"` + "\n",
			stderr: gapNote("x-example:color (1)")},
		{name: "mapping file without a table that writes the property", args: []string{
			"compile", now, "--mapping", good, "[x-example:color = 'red']"},
			stderr: "stix2hunq: pattern can never match: the events never have " +
				"x-example:color\n", code: 4},
		{name: "a property of the other version", args: []string{"compile", now,
			"[process:binary_ref.hashes.MD5 = 'x' OR process:image_ref.hashes.MD5 = 'y']"},
			stdout: `(md5 = "y" OR target.md5 = "y" OR accessor.md5 = "y" OR ` +
				`allocator.md5 = "y" OR engine.md5 = "y" OR service.md5 = "y") AND ` +
				`happenedAfter = "2024-05-01T11:55:00.000Z" AND ` +
				`happenedBefore = "2024-05-01T12:00:00.000Z"` + "\n",
			stderr: "stix2hunq: inexact plan (1 widened): the runtime checks the events " +
				"against the pattern; stix2hunq explain says why\n"},
		{name: "complete mode widens a gap", args: []string{"compile", now, "--complete",
			"[process:pid = 4]"},
			stdout: `happenedAfter = "2024-05-01T11:55:00.000Z" AND ` +
				`happenedBefore = "2024-05-01T12:00:00.000Z"` + "\n",
			stderr: "stix2hunq: inexact plan (1 widened): the runtime checks the events " +
				"against the pattern; stix2hunq explain says why\n"},
		{name: "mapping file naming a missing field", args: []string{"compile", "--mapping",
			bad, "[x-example:color = 'red']"},
			stderr: "stix2hunq: mapping: fields missing from the HunQ catalogue: " +
				"x-example:color -> fsName\n", code: 1},
		{name: "bad clock", args: []string{"compile", "--now", "yesterday", "[file:name = 'x']"},
			stderr: "stix2hunq: --now \"yesterday\" is not an RFC 3339 time\n", code: 1},
		{name: "bad time range", args: []string{"compile", "--time-range", "0",
			"[file:name = 'x']"},
			stderr: "stix2hunq: --time-range must be a positive number of minutes\n", code: 1},
	})
}
