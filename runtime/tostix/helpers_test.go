package tostix

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
)

// testClock is the fixed mapping time of the tests.
var testClock = time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)

// testIdentity is the identity of the connector README's translate example.
const testIdentity = `{"type":"identity","id":"identity--f431f809-377b-45e0-aa1c-6a4751cae5ff",` +
	`"name":"reaqta","identity_class":"events","created":"2022-04-07T20:35:41.042Z",` +
	`"modified":"2022-04-07T20:35:41.042Z"}`

// seqIDs returns a generator of version 4 UUIDs numbered 1, 2, ...
func seqIDs() func() uuid.UUID {
	var n uint64
	return func() uuid.UUID {
		n++
		var u uuid.UUID
		binary.BigEndian.PutUint64(u[8:], n)
		u[6] = 0x40 | u[6]&0x0f
		u[8] = 0x80 | u[8]&0x3f
		return u
	}
}

func testOptions(v Version) Options {
	return Options{Version: v, NewID: seqIDs(), Now: func() time.Time { return testClock }}
}

func newMapper(t testing.TB, v Version) *Mapper {
	t.Helper()
	m, err := New(testOptions(v))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// mapEvent maps one event given as JSON text.
func mapEvent(t testing.TB, v Version, event string) *ObservedData {
	t.Helper()
	od, err := newMapper(t, v).Map([]byte(event), 0)
	if err != nil {
		t.Fatal(err)
	}
	return od
}

// translate maps events text into a bundle or JSON lines with deterministic ids.
func translate(t testing.TB, v Version, f Format, events string) (string, []Warning) {
	t.Helper()
	var out bytes.Buffer
	ids := seqIDs()
	w, err := NewWriter(&out, WriterOptions{Format: f, Version: v,
		Identity: []byte(testIdentity), NewID: ids})
	if err != nil {
		t.Fatal(err)
	}
	m, err := New(Options{Version: v, NewID: ids, Now: func() time.Time { return testClock }})
	if err != nil {
		t.Fatal(err)
	}
	var warns []Warning
	if _, err := m.Translate(strings.NewReader(events), w, func(w Warning) {
		warns = append(warns, w)
	}); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return out.String(), warns
}

// facts flattens the objects of an observed-data into sorted lines "type.path=value",
// following each reference one level ("network-traffic.src_ref.value=10.0.0.1"), so that
// tests can state what an event maps to without depending on indices or ids.
func facts(od *ObservedData) []string {
	objs := od.Objects()
	var out []string
	for _, o := range objs {
		typ := o["type"].(string)
		for k, v := range o {
			if k == "type" || k == "id" || k == "spec_version" {
				continue
			}
			out = append(out, flatten(typ+"."+k, v, objs, 1)...)
		}
	}
	sort.Strings(out)
	return out
}

func flatten(prefix string, v any, objs map[string]map[string]any, follow int) []string {
	if strings.HasSuffix(prefix, "_ref") || strings.HasSuffix(prefix, "_refs") {
		return flattenRef(prefix, v, objs, follow)
	}
	switch v := v.(type) {
	case map[string]any:
		var out []string
		for k, x := range v {
			out = append(out, flatten(prefix+"."+k, x, objs, follow)...)
		}
		return out
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v) // the decoded values of an observed-data always encode
	return []string{prefix + "=" + strings.TrimSuffix(b.String(), "\n")}
}

func flattenRef(prefix string, v any, objs map[string]map[string]any, follow int) []string {
	names := []any{v}
	if l, ok := v.([]any); ok {
		names = l
	}
	var out []string
	for _, n := range names {
		t, ok := objs[n.(string)]
		if !ok {
			return []string{prefix + "=DANGLING " + fmt.Sprint(n)}
		}
		if follow == 0 {
			out = append(out, prefix+"->"+t["type"].(string))
			continue
		}
		for k, x := range t {
			if k == "id" || k == "spec_version" {
				continue
			}
			out = append(out, flatten(prefix+"."+k, x, objs, follow-1)...)
		}
	}
	return out
}

// missing returns the wanted facts absent from got.
func missing(got, want []string) []string {
	have := map[string]bool{}
	for _, g := range got {
		have[g] = true
	}
	var out []string
	for _, w := range want {
		if !have[w] {
			out = append(out, w)
		}
	}
	return out
}

func mustRead(t testing.TB, file string) []byte {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
