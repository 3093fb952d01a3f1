package fuzz

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/stix2hunq/stix2hunq/internal/stixcheck"
	"github.com/stix2hunq/stix2hunq/runtime/tostix"
)

const identity = `{"type":"identity","id":"identity--f431f809-377b-45e0-aa1c-6a4751cae5ff",` +
	`"name":"reaqta","identity_class":"events","created":"2022-04-07T20:35:41.042Z",` +
	`"modified":"2022-04-07T20:35:41.042Z"}`

// FuzzMapEvents maps arbitrary input as Hunt API results in STIX 2.0 and 2.1: it never
// panics, fails only on text that is not JSON (with a *tostix.SyntaxError), and otherwise
// writes a valid bundle in which every reference resolves.
func FuzzMapEvents(f *testing.F) {
	for _, name := range []string{"readme_network.json", "sample_event.json"} {
		raw, err := os.ReadFile("../runtime/tostix/testdata/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(raw))
	}
	f.Add(`[{"payload":{"data":{"matched":[{"policyId":1},"x",null],"tactics":[2,"3",[]]}}}]`)
	f.Add(`{"payload":{"process":{"pid":"0x10","program":{"path":"\\\\srv\\s\\a.exe"}}}}` +
		"\n" + `{"payload":{"data":{"localAddr":"::1","outbound":0,"addressFamily":1}}} 7 "x"`)
	f.Add(`{"a":"\ud800","payload":{"data":{"url":"\u00e9\u2028","rootObject":"k","name":[]}}}`)
	mappers := map[tostix.Version]*tostix.Mapper{}
	for _, v := range []tostix.Version{tostix.STIX20, tostix.STIX21} {
		m, err := tostix.New(tostix.Options{Version: v})
		if err != nil {
			f.Fatal(err)
		}
		mappers[v] = m
	}
	f.Fuzz(func(t *testing.T, in string) {
		for v, m := range mappers {
			var out bytes.Buffer
			w, err := tostix.NewWriter(&out, tostix.WriterOptions{Version: v,
				Identity: []byte(identity)})
			if err != nil {
				t.Fatal(err)
			}
			_, err = m.Translate(strings.NewReader(in), w, nil)
			var se *tostix.SyntaxError
			if err != nil {
				if !errors.As(err, &se) {
					t.Fatalf("STIX %v: %v", v, err)
				}
				continue
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			if err := stixcheck.Bundle(out.Bytes()); err != nil {
				t.Fatalf("STIX %v: invalid bundle:\n%v\n%s", v, err, out.String())
			}
		}
	})
}
