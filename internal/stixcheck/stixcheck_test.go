package stixcheck

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestGoldenBundles: the mapper's golden bundles are valid.
func TestGoldenBundles(t *testing.T) {
	files, _ := filepath.Glob("../../runtime/tostix/testdata/*.stix2?.json")
	if len(files) < 6 {
		t.Fatalf("found %d golden bundles", len(files))
	}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := Bundle(raw); err != nil {
			t.Errorf("%s:\n%v", f, err)
		}
	}
}

const identity = `{"type":"identity","id":"identity--f431f809-377b-45e0-aa1c-6a4751cae5ff",` +
	`"name":"x","created":"2022-04-07T20:35:41.042Z","modified":"2022-04-07T20:35:41.042Z"`

// TestProblems: each broken bundle is refused with the problem named.
func TestProblems(t *testing.T) {
	od20 := `{"type":"observed-data","id":"observed-data--00000000-0000-4000-8000-000000000001",` +
		`"created":"2022-01-01T00:00:00Z","modified":"2022-01-01T00:00:00Z",` +
		`"first_observed":"2022-01-01T00:00:00Z","last_observed":"2022-01-01T00:00:00Z",` +
		`"created_by_ref":"identity--f431f809-377b-45e0-aa1c-6a4751cae5ff",`
	b20 := func(od string) string {
		return `{"type":"bundle","id":"bundle--00000000-0000-4000-8000-000000000009",` +
			`"spec_version":"2.0","objects":[` + identity + `},` + od + `]}`
	}
	cases := []struct{ name, bundle, want string }{
		{"valid 2.0", b20(od20 + `"number_observed":1,"objects":{"0":{"type":"ipv4-addr",` +
			`"value":"1.2.3.4"},"1":{"type":"network-traffic","src_ref":"0"}}}`), ""},
		{"dangling 2.0 reference", b20(od20 + `"number_observed":1,"objects":{"0":` +
			`{"type":"network-traffic","src_ref":"3"}}}`), `src_ref names "3"`},
		{"no number_observed", b20(od20 + `"objects":{"0":{"type":"ipv4-addr"}}}`),
			"number_observed is <nil>"},
		{"null property", b20(od20 + `"number_observed":1,"objects":{"0":{"type":"file",` +
			`"name":null}}}`), "name is null"},
		{"2.1 dangling object_refs", `{"type":"bundle","id":"bundle--00000000-0000-4000-8000-` +
			`000000000009","objects":[` + identity + `,"spec_version":"2.1"},` +
			strings.Replace(od20, `"type":"observed-data",`,
				`"type":"observed-data","spec_version":"2.1",`, 1) +
			`"number_observed":1,"object_refs":["ipv4-addr--00000000-0000-4000-8000-` +
			`000000000002"]}]}`, "object_refs names ipv4-addr--"},
		{"2.1 without spec_version", `{"type":"bundle","id":"bundle--00000000-0000-4000-8000-` +
			`000000000009","objects":[` + identity + `}]}`, "spec_version is <nil>"},
	}
	for _, c := range cases {
		err := Bundle([]byte(c.bundle))
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s: %v", c.name, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%s: got %v, want a problem with %q", c.name, err, c.want)
		}
	}
}
