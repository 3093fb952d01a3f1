package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/stix2hunq/stix2hunq/internal/golden"
)

// runIn runs the command line with stdin and returns stdout, stderr and the exit status.
func runIn(stdin string, args ...string) (string, string, int) {
	var out, errw bytes.Buffer
	code := run(args, stdio{strings.NewReader(stdin), &out, &errw})
	return out.String(), errw.String(), code
}

func TestValidate(t *testing.T) {
	caret := func(msg, line string, col int) string {
		return msg + "\n    " + line + "\n    " + strings.Repeat(" ", col-1) + "^\n"
	}
	several := "[a:b LIKE 1] WITHIN 0 SECONDS"
	cases := []struct {
		name     string
		args     []string
		stdin    string
		out, err string
		code     int
	}{
		{name: "valid", args: []string{"validate", "[file:name = 'a']"}},
		{name: "invalid with caret", args: []string{"validate", "[file:size = ]"}, code: 3,
			err: caret(`pattern:1:14: expected a value, found "]"`, "[file:size = ]", 14)},
		{name: "tab keeps the caret aligned", args: []string{"validate", "[a:b =\t]"}, code: 3,
			err: "pattern:1:8: expected a value, found \"]\"\n    [a:b =\t]\n          \t^\n"},
		{name: "several errors", args: []string{"validate", several}, code: 3,
			err: caret("pattern:1:11: LIKE needs a string, found an integer", several, 11) +
				caret("pattern:1:14: WITHIN needs a positive number of seconds, found 0",
					several, 14)},
		{name: "2.0 refuses EXISTS", code: 3,
			args: []string{"validate", "--stix-version", "2.0", "[EXISTS a:b]"},
			err: caret("pattern:1:2: EXISTS is not part of STIX 2.0 patterns (it is new in 2.1)",
				"[EXISTS a:b]", 2)},
		{name: "2.1 takes EXISTS",
			args: []string{"validate", "--stix-version", "2.1", "[EXISTS a:b]"}},
		{name: "standard input", args: []string{"validate", "-"}, code: 3,
			stdin: "[a:b = 1]\n\n[a:b = ]\r\n[c:d = 2]\n",
			err: "<stdin>:3:\n" +
				caret(`pattern:1:8: expected a value, found "]"`, "[a:b = ]", 8)},
		{name: "standard input all valid", args: []string{"validate", "-"},
			stdin: "[a:b = 1]\n[c:d = 2]"},
		{name: "json valid", args: []string{"validate", "--json", "[a:b==1]"},
			out: `{"pattern":"[a:b==1]","language":"stix-2.1","valid":true,` +
				`"canonical":"[a:b = 1]"}` + "\n"},
		{name: "json invalid", args: []string{"validate", "--json", "[a:b = ]"}, code: 3,
			out: `{"pattern":"[a:b = ]","language":"stix-2.1","valid":false,"errors":` +
				`[{"line":1,"column":8,"offset":7,"message":"expected a value, found \"]\""}]}` +
				"\n"},
		{name: "json standard input", code: 3,
			args:  []string{"validate", "--json", "--stix-version=2.0", "-"},
			stdin: "[a:b = 1]\n[a:b = ]\n",
			out: `{"line":1,"pattern":"[a:b = 1]","language":"stix-2.0","valid":true,` +
				`"canonical":"[a:b = 1]"}` + "\n" +
				`{"line":2,"pattern":"[a:b = ]","language":"stix-2.0","valid":false,"errors":` +
				`[{"line":1,"column":8,"offset":7,"message":"expected a value, found \"]\""}]}` +
				"\n"},
		{name: "hunq valid",
			args: []string{"validate", "--hunq", "--json",
				`pid = 4 and (user = "a" OR user = "b")`},
			out: `{"pattern":"pid = 4 and (user = \"a\" OR user = \"b\")","language":"hunq",` +
				`"valid":true,"canonical":"pid = 4 AND (user = \"a\" OR user = \"b\")"}` + "\n"},
		{name: "hunq invalid", args: []string{"validate", "--hunq", `pid = 4 AND (`}, code: 3,
			err: caret("hunq:1:14: expected a field name, found end of query",
				"pid = 4 AND (", 14)},
		{name: "bad version", code: 1,
			args: []string{"validate", "--stix-version", "3.0", "[a:b = 1]"},
			err:  `stix2hunq: --stix-version must be one of "2.0","2.1" but got "3.0"` + "\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, errw, code := runIn(c.stdin, c.args...)
			if out != c.out || code != c.code {
				t.Errorf("stdout %q, exit %d; want %q, %d", out, code, c.out, c.code)
			}
			if c.code != 1 && errw != c.err || c.code == 1 && !strings.HasPrefix(errw, c.err) {
				t.Errorf("stderr\n%s\nwant\n%s", errw, c.err)
			}
		})
	}
}

// TestValidateJSONShape: every result is one JSON object with the documented keys.
func TestValidateJSONShape(t *testing.T) {
	out, _, _ := runIn("[a:b = 1]\n[a:b LIKE 1 AND c:d MATCHES '(']\n", "validate", "--json", "-")
	sc := bufio.NewScanner(strings.NewReader(out))
	n := 0
	for sc.Scan() {
		var v map[string]any
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			t.Fatalf("line %d is not JSON: %v", n+1, err)
		}
		n++
		if _, ok := v["valid"].(bool); !ok {
			t.Errorf("line %d has no valid: %s", n, sc.Text())
		}
	}
	if n != 2 {
		t.Errorf("%d results, want 2", n)
	}
}

// TestValidateGolden pins what validate prints for every invalid test pattern.
func TestValidateGolden(t *testing.T) {
	f, err := os.Open("../../testdata/patterns/invalid.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var b strings.Builder
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		src := sc.Text()
		if src == "" || strings.HasPrefix(src, "#") {
			continue
		}
		out, errw, code := runIn("", "validate", src)
		if code != exitInvalid || out != "" {
			t.Errorf("%s: exit %d, stdout %q; want 3 and nothing", src, code, out)
		}
		fmt.Fprintf(&b, "$ stix2hunq validate %s\n%s\n", src, errw)
	}
	golden.Check(t, "../../testdata/golden/validate.golden", b.String())
}

func TestSnippetLongLine(t *testing.T) {
	src := "[a:b = '" + strings.Repeat("x", 300) + "' AND ]"
	_, errw, _ := runIn("", "validate", src)
	lines := strings.Split(errw, "\n")
	if len(lines) < 3 || !strings.HasPrefix(lines[1], "    ...") ||
		!strings.HasSuffix(lines[1], "' AND ]") || strings.Index(lines[2], "^") != len(lines[1])-1 {
		t.Errorf("long line snippet:\n%s", errw)
	}
}
