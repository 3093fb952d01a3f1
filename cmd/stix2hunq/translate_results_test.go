package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const readmeIdentity = `{"type":"identity",` +
	`"id":"identity--f431f809-377b-45e0-aa1c-6a4751cae5ff","name":"reaqta",` +
	`"identity_class":"events","created":"2022-04-07T20:35:41.042Z",` +
	`"modified":"2022-04-07T20:35:41.042Z"}`

func readmeEvent(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("../../runtime/tostix/testdata/readme_network.json")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// bundleTypes decodes a bundle and counts its objects by type (the observed-data's
// embedded objects included).
func bundleTypes(t *testing.T, out string) (map[string]any, map[string]int) {
	t.Helper()
	var b map[string]any
	if err := json.Unmarshal([]byte(out), &b); err != nil {
		t.Fatalf("stdout is not JSON: %v\n%s", err, out)
	}
	n := map[string]int{}
	for _, o := range b["objects"].([]any) {
		obj := o.(map[string]any)
		n[obj["type"].(string)]++
		inner, _ := obj["objects"].(map[string]any)
		for _, x := range inner {
			n[x.(map[string]any)["type"].(string)]++
		}
	}
	return b, n
}

func TestTranslateResults(t *testing.T) {
	events := "[" + readmeEvent(t) + "]"
	out, errw, code := runCLI("translate", "reaqta", "results", readmeIdentity, events)
	if code != 0 || errw != "" {
		t.Fatalf("exit %d, stderr %q", code, errw)
	}
	b, n := bundleTypes(t, out)
	if b["spec_version"] != "2.0" || n["observed-data"] != 1 || n["ipv4-addr"] != 2 ||
		n["network-traffic"] != 1 || b["objects"].([]any)[0].(map[string]any)["name"] != "reaqta" {
		t.Errorf("bundle %v, types %v", b["spec_version"], n)
	}
	out, errw, code = runCLI("translate", "reaqta", "results", readmeIdentity, events,
		`{"stix_2.1": true}`)
	if code != 0 || errw != "" {
		t.Fatalf("2.1: exit %d, stderr %q", code, errw)
	}
	b, n = bundleTypes(t, out)
	if _, ok := b["spec_version"]; ok || n["ipv4-addr"] != 2 || n["observed-data"] != 1 {
		t.Errorf("2.1 bundle %v, types %v", b["spec_version"], n)
	}
}

func TestTranslateResultsWarnings(t *testing.T) {
	out, errw, code := runCLI("translate", "reaqta", "results", readmeIdentity,
		`[{"payload":{"process":{"pid":"x","ppid":1}}}, 7]`)
	want := "stix2hunq: warning: event 0: payload.process.pid: want an integer, " +
		"got the string \"x\"\nstix2hunq: warning: event 1: (event): want an object, " +
		"got a number; the event is left out\n"
	if code != 0 || errw != want {
		t.Errorf("exit %d, stderr %q; want 0 and %q", code, errw, want)
	}
	if _, n := bundleTypes(t, out); n["observed-data"] != 1 || n["process"] != 1 {
		t.Errorf("types %v", n)
	}
}

func TestTranslateResultsFailures(t *testing.T) {
	table := filepath.Join(t.TempDir(), "bad.json")
	if err := os.WriteFile(table, []byte(`{"format":"x"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args       []string
		code, want string
	}{
		{[]string{readmeIdentity, `[{"eventId":}]`}, "invalid_parameter",
			"invalid JSON at byte offset 12: expected a value, found '}'"},
		{[]string{`{"type":"identity"}`, `[]`}, "invalid_parameter",
			`identity: want an object of type "identity" with an id`},
		{[]string{readmeIdentity, `[]`, `{"mapping":{"to_stix_map":"` + table + `"}}`},
			"invalid_parameter", `table: format is "x"`},
		{[]string{readmeIdentity, `[]`, `{"mapping":{"to_stix_map":{"format":` +
			`"stix2hunq-tostix/1","objects":[{"name":"a","type":"b","props":[{"prop":"c",` +
			`"as":"nope","from":["d"]}]}]}}}`}, "mapping_error", `unknown transformer "nope"`},
	} {
		args := append([]string{"translate", "reaqta", "results"}, tc.args...)
		out, errw, code := runCLI(args...)
		var f transmitFailure
		if err := json.Unmarshal([]byte(out), &f); err != nil {
			t.Fatalf("%v: stdout %q: %v", tc.args, out, err)
		}
		if code != exitFailure || f.Success || f.Code != tc.code ||
			!strings.Contains(f.Error, tc.want) || !strings.Contains(errw, tc.want) {
			t.Errorf("%v: exit %d, %+v, stderr %q; want %s %q", tc.args, code, f, errw,
				tc.code, tc.want)
		}
	}
}

// TestTranslateResultsMapping maps with a table given in the OPTIONS mapping.
func TestTranslateResultsMapping(t *testing.T) {
	opts := `{"mapping":{"to_stix_map":{"format":"stix2hunq-tostix/1","base":"reaqta",` +
		`"objects":[{"name":"url","remove":true}]}}}`
	ev := `[{"payload":{"data":{"url":"http://a/","queryName":"a"}}}]`
	out, errw, code := runCLI("translate", "reaqta", "results", readmeIdentity, ev, opts)
	if _, n := bundleTypes(t, out); code != 0 || errw != "" || n["url"] != 0 ||
		n["domain-name"] != 1 {
		t.Errorf("exit %d, stderr %q, types %v", code, errw, n)
	}
}
