package emulator

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"time"

	"github.com/stix2hunq/stix2hunq/runtime/emulator/sample"
)

// Event is one stored event: its JSON as served, and the decoded form the queries read.
type Event struct {
	Raw json.RawMessage
	Doc map[string]any
	At  time.Time // happenedAt; zero if absent or unreadable
}

// ReadEvents reads events from r: JSON objects one after another (JSON lines, or
// pretty-printed objects), or arrays of them. An error names the line of the bad value.
func ReadEvents(r io.Reader) ([]Event, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	var out []Event
	for dec.More() {
		start := dec.InputOffset()
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, fmt.Errorf("events line %d: %w", lineAt(data, dec.InputOffset()), err)
		}
		line := lineAt(data, start+int64(len(leadingSpace(data[start:]))))
		evs, err := eventsOf(raw)
		if err != nil {
			return nil, fmt.Errorf("events line %d: %w", line, err)
		}
		out = append(out, evs...)
	}
	return out, nil
}

func eventsOf(raw json.RawMessage) ([]Event, error) {
	if t := bytes.TrimSpace(raw); len(t) > 0 && t[0] == '[' {
		var list []json.RawMessage
		if err := json.Unmarshal(t, &list); err != nil {
			return nil, err
		}
		var out []Event
		for _, r := range list {
			ev, err := NewEvent(r)
			if err != nil {
				return nil, err
			}
			out = append(out, ev)
		}
		return out, nil
	}
	ev, err := NewEvent(raw)
	return []Event{ev}, err
}

// NewEvent decodes one event object.
func NewEvent(raw json.RawMessage) (Event, error) {
	var doc map[string]any
	if err := json.Unmarshal(raw, &doc); err != nil {
		return Event{}, err
	}
	if doc == nil {
		return Event{}, errors.New("an event must be a JSON object")
	}
	var compact bytes.Buffer
	if err := json.Compact(&compact, raw); err != nil {
		return Event{}, err
	}
	ev := Event{Raw: compact.Bytes(), Doc: doc}
	if s, ok := doc["happenedAt"].(string); ok {
		ev.At, _ = time.Parse(time.RFC3339Nano, s)
	}
	return ev, nil
}

// SampleEvents returns the built-in dataset: n generated events (sample.DefaultCount if
// n <= 0) over the hour before now, a third of them in its last 5 minutes (see package
// sample).
func SampleEvents(seed uint64, n int, now time.Time) []Event {
	docs := sample.Generate(sample.Options{Seed: seed, Count: n, Now: now})
	out := make([]Event, 0, len(docs))
	for _, d := range docs {
		raw, err := json.Marshal(d)
		if err != nil {
			panic("emulator: sample event does not encode: " + err.Error())
		}
		ev, err := NewEvent(raw)
		if err != nil {
			panic("emulator: sample event does not decode: " + err.Error())
		}
		out = append(out, ev)
	}
	return out
}

// newestFirst sorts events by happenedAt, newest first, keeping the file order of ties.
func newestFirst(evs []Event) {
	sort.SliceStable(evs, func(i, j int) bool { return evs[i].At.After(evs[j].At) })
}

func lineAt(data []byte, off int64) int {
	off = min(max(off, 0), int64(len(data)))
	return bytes.Count(data[:off], []byte{'\n'}) + 1
}

func leadingSpace(b []byte) []byte {
	return b[:len(b)-len(bytes.TrimLeft(b, " \t\r\n"))]
}
