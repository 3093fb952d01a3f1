package tostix

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
)

// refsOf returns the names held by the *_ref and *_refs properties of obj, at any depth.
func refsOf(obj map[string]any) []string {
	var out []string
	for k, v := range obj {
		switch {
		case strings.HasSuffix(k, "_ref"):
			out = append(out, v.(string))
		case strings.HasSuffix(k, "_refs") && k != "object_refs":
			for _, r := range v.([]any) {
				out = append(out, r.(string))
			}
		default:
			if m, ok := v.(map[string]any); ok {
				out = append(out, refsOf(m)...)
			}
		}
	}
	return out
}

func parseBundle(t *testing.T, out string) map[string]any {
	t.Helper()
	var b map[string]any
	if err := json.Unmarshal([]byte(out), &b); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	return b
}

// TestBundle20 checks the shape of a STIX 2.0 bundle over events of every type.
func TestBundle20(t *testing.T) {
	events := string(mustRead(t, "testdata/generated.jsonl"))
	b := parseBundle(t, mustTranslate(t, STIX20, Bundle, events))
	if b["type"] != "bundle" || b["spec_version"] != "2.0" ||
		!strings.HasPrefix(b["id"].(string), "bundle--") {
		t.Errorf("bundle envelope: %v %v %v", b["type"], b["spec_version"], b["id"])
	}
	objs := b["objects"].([]any)
	var ident map[string]any
	_ = json.Unmarshal([]byte(testIdentity), &ident)
	if fmt.Sprint(objs[0]) != fmt.Sprint(ident) {
		t.Errorf("first object %v, want the identity %v", objs[0], ident)
	}
	if n := strings.Count(events, "\n"); len(objs) != n+1 {
		t.Errorf("%d objects, want the identity and %d observed-data", len(objs), n)
	}
	for i, o := range objs[1:] {
		od := o.(map[string]any)
		checkEnvelope(t, i, od, "2024-05-01T12:00:00.000Z")
		inner := od["objects"].(map[string]any)
		for k := 0; k < len(inner); k++ {
			obj, ok := inner[strconv.Itoa(k)].(map[string]any)
			if !ok {
				t.Fatalf("observed-data %d: no object %q in %d", i, strconv.Itoa(k), len(inner))
			}
			for _, r := range refsOf(obj) {
				if inner[r] == nil {
					t.Errorf("observed-data %d: object %d refers to missing %q", i, k, r)
				}
			}
		}
	}
}

func checkEnvelope(t *testing.T, i int, od map[string]any, now string) {
	t.Helper()
	if od["type"] != "observed-data" || !strings.HasPrefix(od["id"].(string), "observed-data--") ||
		od["created_by_ref"] != "identity--f431f809-377b-45e0-aa1c-6a4751cae5ff" ||
		od["number_observed"] != 1.0 || od["created"] != now || od["modified"] != now {
		t.Errorf("observed-data %d envelope: %v", i, od)
	}
	first, ok := od["first_observed"].(string)
	if !ok || !strings.HasPrefix(first, "2024-05-01T11:") || od["last_observed"] != first {
		t.Errorf("observed-data %d: first_observed %v, last_observed %v", i,
			od["first_observed"], od["last_observed"])
	}
}

func mustTranslate(t *testing.T, v Version, f Format, events string) string {
	t.Helper()
	out, warns := translate(t, v, f, events)
	if len(warns) > 0 {
		t.Fatalf("warnings: %v", warns)
	}
	return out
}

// TestBundle21 checks a STIX 2.1 bundle: spec_version everywhere, object_refs, every
// reference resolved inside the bundle, and each id written once, before the first
// observed-data that names it.
func TestBundle21(t *testing.T) {
	events := string(mustRead(t, "testdata/generated.jsonl"))
	b := parseBundle(t, mustTranslate(t, STIX21, Bundle, events+events))
	if _, ok := b["spec_version"]; ok || b["type"] != "bundle" {
		t.Errorf("a 2.1 bundle has no spec_version: %v", b["spec_version"])
	}
	all := map[string]bool{}
	for _, o := range b["objects"].([]any) {
		all[o.(map[string]any)["id"].(string)] = true
	}
	seen := map[string]bool{}
	nod := 0
	for i, o := range b["objects"].([]any) {
		obj := o.(map[string]any)
		id := obj["id"].(string)
		if obj["spec_version"] != "2.1" {
			t.Errorf("object %d (%s) has spec_version %v", i, id, obj["spec_version"])
		}
		if seen[id] {
			t.Errorf("object %s is written twice", id)
		}
		seen[id] = true
		for _, r := range refsOf(obj) {
			if !all[r] {
				t.Errorf("%s refers to %s, which is not in the bundle", id, r)
			}
		}
		if obj["type"] != "observed-data" {
			continue
		}
		checkEnvelope(t, nod, obj, "2024-05-01T12:00:00.000Z")
		nod++
		if _, ok := obj["objects"]; ok {
			t.Errorf("%s has objects", id)
		}
		for _, r := range obj["object_refs"].([]any) {
			if !seen[r.(string)] {
				t.Errorf("%s names %s, not written before it", id, r)
			}
		}
	}
	if n := 2 * strings.Count(events, "\n"); nod != n {
		t.Errorf("%d observed-data, want %d", nod, n)
	}
}

// TestNDJSON checks the JSON lines form: the identity, then per event its observed-data
// (in 2.1 after its objects), every line a JSON object.
func TestNDJSON(t *testing.T) {
	events := string(mustRead(t, "testdata/generated.jsonl"))
	n := strings.Count(events, "\n")
	for _, v := range []Version{STIX20, STIX21} {
		out := mustTranslate(t, v, NDJSON, events)
		lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
		var since map[string]bool
		nod := 0
		for i, l := range lines {
			var obj map[string]any
			if err := json.Unmarshal([]byte(l), &obj); err != nil {
				t.Fatalf("STIX %v line %d: %v", v, i+1, err)
			}
			if i == 0 && obj["type"] != "identity" {
				t.Errorf("STIX %v: first line %v, want the identity", v, obj["type"])
			}
			if obj["type"] != "observed-data" {
				if since == nil {
					since = map[string]bool{}
				}
				since[fmt.Sprint(obj["id"])] = true
				continue
			}
			nod++
			refs, _ := obj["object_refs"].([]any)
			for _, r := range refs {
				if !since[r.(string)] {
					t.Errorf("STIX %v line %d: %v is not on a line of its event", v, i+1, r)
				}
			}
			since = nil
		}
		if nod != n {
			t.Errorf("STIX %v: %d observed-data lines, want %d", v, nod, n)
		}
	}
}

// TestNDJSONCutShort: JSON lines flushed after an input error end in a newline, so
// that every line written is whole and a line-by-line reader loses none.
func TestNDJSONCutShort(t *testing.T) {
	ev := `{"eventId":"1","happenedAt":"2024-01-01T00:00:00Z",` +
		`"payload":{"eventType":8,"data":{"localAddr":"10.0.0.1"}}}`
	for _, v := range []Version{STIX20, STIX21} {
		var out bytes.Buffer
		w, err := NewWriter(&out, WriterOptions{Format: NDJSON, Version: v,
			Identity: []byte(testIdentity)})
		if err != nil {
			t.Fatal(err)
		}
		m, err := New(Options{Version: v})
		if err != nil {
			t.Fatal(err)
		}
		var se *SyntaxError
		if _, err := m.Translate(strings.NewReader(ev+"\n{\"x\": tru}"), w, nil); !errors.As(
			err, &se) {
			t.Fatalf("STIX %v: %v, want a *SyntaxError", v, err)
		}
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		got := out.String()
		if !strings.HasSuffix(got, "}\n") || !strings.Contains(got, `"observed-data"`) {
			t.Errorf("STIX %v: output cut short is not whole lines: %q", v, got)
		}
	}
}

// TestDeduplication checks that the same address in two events is one object of a 2.1
// bundle, named by both observed-data.
func TestDeduplication(t *testing.T) {
	ev := `{"eventId":"1","payload":{"data":{"localAddr":"10.0.0.1","remoteAddr":"10.0.0.%d",` +
		`"addressFamily":0,"localPort":5,"outbound":true}}}` + "\n"
	out := mustTranslate(t, STIX21, Bundle, fmt.Sprintf(ev, 2)+fmt.Sprintf(ev, 3))
	id := sid("ipv4-addr", `{"value":"10.0.0.1"}`)
	if n := strings.Count(out, `"id":"`+id+`"`); n != 1 {
		t.Errorf("10.0.0.1 written %d times, want once", n)
	}
	// Besides its own id: per event a src_ref, an ip_refs entry and an object_refs entry.
	if n := strings.Count(out, `"`+id+`"`); n != 1+2*3 {
		t.Errorf("10.0.0.1 named %d times:\n%s", n, out)
	}
}

// TestStreaming checks that output is written while the input is still being read.
func TestStreaming(t *testing.T) {
	pr, pw := io.Pipe()
	w, err := NewWriter(pw, WriterOptions{Format: NDJSON, Identity: []byte(testIdentity)})
	if err != nil {
		t.Fatal(err)
	}
	in := &lazyEvents{n: 5000}
	done := make(chan error, 1)
	go func() {
		_, err := newMapper(t, STIX20).Translate(in, w, nil)
		if err == nil {
			err = w.Close()
		}
		pw.CloseWithError(err)
		done <- err
	}()
	r := bufio.NewReader(pr)
	lines := 0
	for {
		l, err := r.ReadString('\n')
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if lines == 0 && in.sent() >= in.n {
			t.Errorf("the first line came after the whole input was read: %q", l)
		}
		lines++
	}
	if err := <-done; err != nil || lines != 5001 {
		t.Errorf("%d lines, %v; want 5001", lines, err)
	}
}

// lazyEvents yields n events, one per Read.
type lazyEvents struct {
	n int
	i atomic.Int64
}

func (l *lazyEvents) sent() int { return int(l.i.Load()) }

func (l *lazyEvents) Read(p []byte) (int, error) {
	i := l.i.Load()
	if int(i) == l.n {
		return 0, io.EOF
	}
	ev := fmt.Sprintf(`{"eventId":"%d","payload":{"process":{"pid":%d}}}`+"\n", i, i)
	l.i.Add(1)
	return copy(p, ev), nil
}

// TestWriterErrors checks the identity and the use of a Writer.
func TestWriterErrors(t *testing.T) {
	for _, ident := range []string{`nope`, `{"type":"identity"}`, `{"type":"x","id":"x--1"}`,
		`{"type":"identity","id":"indicator--1"}`, `[]`} {
		if _, err := NewWriter(discard{}, WriterOptions{Identity: []byte(ident)}); err == nil {
			t.Errorf("identity %s accepted", ident)
		}
	}
	w, err := NewWriter(discard{}, WriterOptions{Identity: []byte(testIdentity)})
	if err != nil {
		t.Fatal(err)
	}
	od := mapEvent(t, STIX21, `{"payload":{"process":{"pid":1}}}`)
	if err := w.Write(od); err == nil || !strings.Contains(err.Error(), "2.1 observed-data") {
		t.Errorf("a 2.1 observed-data in a 2.0 writer: %v", err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := w.Write(mapEvent(t, STIX20, `{"payload":{"process":{"pid":1}}}`)); err == nil {
		t.Error("write after close accepted")
	}
}

// TestIdentity21 checks that a 2.1 identity gets spec_version only when it has none.
func TestIdentity21(t *testing.T) {
	for ident, want := range map[string]string{
		`{"type":"identity","id":"identity--1"}`: `{"type":"identity","id":"identity--1",` +
			`"spec_version":"2.1"}`,
		`{"type":"identity", "spec_version":"2.1", "id":"identity--1"}`: `{"type":"identity",` +
			`"spec_version":"2.1","id":"identity--1"}`,
	} {
		var out strings.Builder
		w, err := NewWriter(&out, WriterOptions{Version: STIX21, Format: NDJSON,
			Identity: []byte(ident)})
		if err != nil {
			t.Fatal(err)
		}
		if err := w.Close(); err != nil || out.String() != want+"\n" {
			t.Errorf("%s: got %s, %v; want %s", ident, out.String(), err, want)
		}
	}
}
