package tostix

import (
	"bytes"
	"encoding/json"
	"io"
	"testing"

	"github.com/stix2hunq/stix2hunq/runtime/emulator/sample"
)

// benchEvents is a realistic mix of raw Hunt API events, as JSON lines.
func benchEvents(b *testing.B, n int) []byte {
	b.Helper()
	var buf bytes.Buffer
	if err := sample.WriteJSONLines(&buf, sample.Generate(sample.Options{Seed: 1, Count: n,
		Now: testClock})); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

// BenchmarkMapEvents maps 2,000 events of the sample mix (about 25 event types) from JSON
// lines to JSON lines of observed-data, as `map --format ndjson` does.
func BenchmarkMapEvents(b *testing.B) {
	const n = 2000
	in := benchEvents(b, n)
	for _, v := range []Version{STIX20, STIX21} {
		b.Run("stix"+v.String(), func(b *testing.B) {
			m, err := New(Options{Version: v})
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(in)))
			b.ReportAllocs()
			for b.Loop() {
				w, err := NewWriter(io.Discard, WriterOptions{Format: NDJSON, Version: v,
					Identity: []byte(testIdentity)})
				if err != nil {
					b.Fatal(err)
				}
				if _, err := m.Translate(bytes.NewReader(in), w, nil); err != nil {
					b.Fatal(err)
				}
				if err := w.Close(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "events/s")
		})
	}
}

// BenchmarkJSONFloor decodes the same events with encoding/json and encodes them again:
// the least a mapper built on encoding/json would cost, for comparison with
// BenchmarkMapEvents.
func BenchmarkJSONFloor(b *testing.B) {
	const n = 2000
	in := benchEvents(b, n)
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		d := json.NewDecoder(bytes.NewReader(in))
		e := json.NewEncoder(io.Discard)
		for {
			var ev any
			if err := d.Decode(&ev); err == io.EOF {
				break
			} else if err != nil {
				b.Fatal(err)
			}
			if err := e.Encode(ev); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "events/s")
}
