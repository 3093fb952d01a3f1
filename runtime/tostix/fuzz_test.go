package tostix

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

// FuzzTranslate maps arbitrary input in both versions: it never panics, fails only with
// a *SyntaxError, and otherwise writes a bundle that is JSON.
func FuzzTranslate(f *testing.F) {
	f.Add(string(mustRead(f, "testdata/readme_network.json")))
	f.Add(`[{"payload":{"data":{"matched":[{"policyId":1},"x",null],"tactics":[2,"3",[]]}}}]`)
	f.Add(`{"payload":{"process":{"pid":"0x10","program":{"path":"\\\\srv\\s\\a.exe"}}}}` +
		"\n" + `{"payload":{"data":{"localAddr":"::1","outbound":0,"addressFamily":1}}} 7 "x"`)
	f.Add(`{"a":"\ud800","payload":{"data":{"url":"\u00e9\u2028","rootObject":"k","name":[]}}}`)
	mappers := map[Version]*Mapper{STIX20: newMapper(f, STIX20), STIX21: newMapper(f, STIX21)}
	f.Fuzz(func(t *testing.T, in string) {
		for v, m := range mappers {
			var out bytes.Buffer
			w, err := NewWriter(&out, WriterOptions{Version: v, Identity: []byte(testIdentity)})
			if err != nil {
				t.Fatal(err)
			}
			_, err = m.Translate(strings.NewReader(in), w, nil)
			var se *SyntaxError
			switch {
			case err != nil && !errors.As(err, &se):
				t.Fatalf("STIX %v: %v", v, err)
			case err == nil:
				if err := w.Close(); err != nil {
					t.Fatal(err)
				}
				if !json.Valid(out.Bytes()) {
					t.Fatalf("STIX %v: output is not JSON:\n%s", v, out.String())
				}
			}
		}
	})
}
