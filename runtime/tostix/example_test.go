package tostix_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/stix2hunq/stix2hunq/runtime/tostix"
)

// fixed makes ids and times reproducible.
func fixed() tostix.Options {
	return tostix.Options{
		NewID: func() uuid.UUID { return uuid.MustParse("11111111-1111-4111-8111-111111111111") },
		Now:   func() time.Time { return time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC) },
	}
}

func ExampleMapper_Map() {
	m, err := tostix.New(fixed())
	if err != nil {
		fmt.Println(err)
		return
	}
	od, err := m.Map([]byte(`{"eventId":"5","happenedAt":"2024-05-01T11:00:00.000Z",
		"payload":{"eventType":38,"process":{"pid":"x"},"data":{"queryName":"example.org"}}}`), 0)
	if err != nil {
		fmt.Println(err)
		return
	}
	objs := od.Objects()
	for i := 0; i < od.Len(); i++ {
		o := objs[fmt.Sprint(i)]
		fmt.Println(i, o["type"], o["action"], o["value"])
	}
	fmt.Println(od.First.Format(time.RFC3339), od.Warnings)
	// Output:
	// 0 x-oca-event ETW DNS <nil>
	// 1 x-reaqta-event <nil> <nil>
	// 2 domain-name <nil> example.org
	// 2024-05-01T11:00:00Z [event 0: payload.process.pid: want an integer, got the string "x"]
}

func ExampleMapper_Translate() {
	opts := fixed()
	opts.Version = tostix.STIX21
	m, err := tostix.New(opts)
	if err != nil {
		fmt.Println(err)
		return
	}
	var out strings.Builder
	w, err := tostix.NewWriter(&out, tostix.WriterOptions{Format: tostix.NDJSON,
		Version: tostix.STIX21, Identity: []byte(`{"type":"identity","id":"identity--1"}`)})
	if err != nil {
		fmt.Println(err)
		return
	}
	events := `[{"payload":{"data":{"url":"http://example.org/"}}},
		{"payload":{"data":{"url":"http://example.org/","queryName":"example.org"}}}]`
	if _, err := m.Translate(strings.NewReader(events), w, nil); err != nil {
		fmt.Println(err)
		return
	}
	if err := w.Close(); err != nil {
		fmt.Println(err)
		return
	}
	for _, line := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		var obj struct{ ID, Value string }
		if err := json.Unmarshal([]byte(line), &obj); err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(strings.TrimSpace(obj.ID + " " + obj.Value))
	}
	// Output:
	// identity--1
	// url--e7f1c84e-5aee-58b4-a030-d6e6d78dcaed http://example.org/
	// observed-data--11111111-1111-4111-8111-111111111111
	// x-reaqta-event--11111111-1111-4111-8111-111111111111
	// url--e7f1c84e-5aee-58b4-a030-d6e6d78dcaed http://example.org/
	// domain-name--3500c14b-9bde-5393-b4e5-b260aea7e058 example.org
	// observed-data--11111111-1111-4111-8111-111111111111
}

func ExampleWriter() {
	m, err := tostix.New(fixed())
	if err != nil {
		fmt.Println(err)
		return
	}
	var out strings.Builder
	w, err := tostix.NewWriter(&out, tostix.WriterOptions{
		Identity: []byte(`{"type":"identity","id":"identity--1"}`)})
	if err != nil {
		fmt.Println(err)
		return
	}
	for i, ev := range []string{`{"payload":{"process":{"pid":4,"ppid":1}}}`, `{"nothing":1}`} {
		od, err := m.Map([]byte(ev), i)
		if err != nil {
			fmt.Println(err)
			return
		}
		if err := w.Write(od); err != nil { // the event without STIX objects is left out
			fmt.Println(err)
			return
		}
	}
	if err := w.Close(); err != nil {
		fmt.Println(err)
		return
	}
	var bundle struct {
		Type    string
		Objects []struct {
			Type    string
			Objects map[string]map[string]any
		}
	}
	if err := json.Unmarshal([]byte(out.String()), &bundle); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(bundle.Type, w.Count())
	for _, o := range bundle.Objects {
		fmt.Println(o.Type, o.Objects)
	}
	// Output:
	// bundle 1
	// identity map[]
	// observed-data map[0:map[parent_ref:1 pid:4 type:process] 1:map[pid:1 type:process]]
}
