package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeFile(t *testing.T, name, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestMapFile(t *testing.T) {
	file := writeFile(t, "events.json", "["+readmeEvent(t)+"]")
	out, errw, code := runCLI("map", file)
	if code != 0 || errw != "" {
		t.Fatalf("exit %d, stderr %q", code, errw)
	}
	b, n := bundleTypes(t, out)
	ident := b["objects"].([]any)[0].(map[string]any)
	if ident["name"] != "IBM QRadar EDR" || n["observed-data"] != 1 || n["ipv4-addr"] != 2 {
		t.Errorf("identity %v, types %v", ident, n)
	}
}

func TestMapStdinNDJSON(t *testing.T) {
	in := readmeEvent(t)
	in = strings.ReplaceAll(strings.ReplaceAll(in, "\n", ""), "  ", "") + "\n"
	var out, errw bytes.Buffer
	code := run([]string{"map", "--format", "ndjson", "--stix-version", "2.1", "-"},
		stdio{strings.NewReader(in + in), &out, &errw})
	if code != 0 || errw.Len() > 0 {
		t.Fatalf("exit %d, stderr %q", code, errw.String())
	}
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	ods := 0
	for i, l := range lines {
		var o map[string]any
		if err := json.Unmarshal([]byte(l), &o); err != nil || o["spec_version"] != "2.1" {
			t.Fatalf("line %d: %v %v", i+1, err, o)
		}
		if o["type"] == "observed-data" {
			ods++
		}
	}
	if ods != 2 || !strings.Contains(lines[0], `"type":"identity"`) {
		t.Errorf("%d observed-data; first line %s", ods, lines[0])
	}
}

func TestMapTableAndIdentity(t *testing.T) {
	table := writeFile(t, "table.json", `{"format":"stix2hunq-tostix/1","objects":[`+
		`{"name":"u","type":"url","props":[{"prop":"value","from":["link"]}]}]}`)
	events := writeFile(t, "events.jsonl", `{"link":"http://a/"}`+"\n"+`{"link":"http://b/"}`)
	out, errw, code := runCLI("map", "--table", table, "--format", "ndjson",
		"--identity", `{"type":"identity","id":"identity--7","name":"me"}`, events)
	if code != 0 || errw != "" || strings.Count(out, `"type":"url"`) != 2 ||
		strings.Count(out, `"created_by_ref":"identity--7"`) != 2 {
		t.Errorf("exit %d, stderr %q, stdout:\n%s", code, errw, out)
	}
}

func TestMapFailures(t *testing.T) {
	bad := writeFile(t, "bad.jsonl", `{"payload":{}}`+"\n"+`{"payload":{"process":}}`+"\n")
	out, errw, code := runCLI("map", "--format", "ndjson", bad)
	want := "stix2hunq: " + bad + ": invalid JSON at byte offset 37: expected a value, " +
		"found '}'\n"
	if code != exitFailure || errw != "stix2hunq: warning: event 0: (event): no value maps "+
		"to a STIX object; the event is left out\n"+want {
		t.Errorf("exit %d, stderr %q; want 1, %q", code, errw, want)
	}
	if !strings.HasPrefix(out, `{"type":"identity"`) {
		t.Errorf("stdout %q, want the lines written before the error", out)
	}
	for _, args := range [][]string{
		{"map", filepath.Join(t.TempDir(), "none.json")},
		{"map", "--table", bad, bad},
		{"map", "--identity", "{}", bad},
		{"map", "--stix-version", "3.0", bad},
	} {
		if out, errw, code := runCLI(args...); code != exitFailure || errw == "" || out != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, out, errw)
		}
	}
}
