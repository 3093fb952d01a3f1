package execute

import (
	"context"
	"io"
	"testing"
	"time"

	"github.com/stix2hunq/stix2hunq/ast"
	"github.com/stix2hunq/stix2hunq/compiler"
	"github.com/stix2hunq/stix2hunq/runtime/emulator"
	"github.com/stix2hunq/stix2hunq/runtime/hunt"
	"github.com/stix2hunq/stix2hunq/runtime/tostix"
)

// BenchmarkHunt runs hunts end to end over HTTP on loopback against the emulator serving
// 10,000 sample events: compile, every query with paging, mapping to STIX 2.1, matching
// and writing. It reports the events fetched per second.
func BenchmarkHunt(b *testing.B) {
	now := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	url, stop := emulator.Start(context.Background(), emulator.Options{
		Events: emulator.SampleEvents(1, 10000, now), Now: func() time.Time { return now }})
	defer stop()
	client, err := hunt.New(hunt.Config{BaseURL: url, AppID: emulator.DefaultAppID,
		Secret: emulator.DefaultSecret})
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct{ name, pattern string }{
		{"all-network", "[network-traffic:dst_port > 0]"},
		{"filter", "[process:command_line LIKE '%-EncodedCommand%']"},
		{"correlate", "[domain-name:value = 'cdn.bad-example.net'] FOLLOWEDBY " +
			"[network-traffic:dst_ref.value = '203.0.113.66'] WITHIN 300 SECONDS"},
	} {
		b.Run(c.name, func(b *testing.B) {
			p, err := ast.Parse(c.pattern, ast.ParseOptions{})
			if err != nil {
				b.Fatal(err)
			}
			fetched := 0
			b.ReportAllocs()
			for b.Loop() {
				plan, err := compiler.Compile(p, compiler.Options{
					Now: func() time.Time { return now }, TimeRange: time.Hour})
				if err != nil {
					b.Fatal(err)
				}
				m, err := tostix.New(tostix.Options{Version: tostix.STIX21})
				if err != nil {
					b.Fatal(err)
				}
				w, err := tostix.NewWriter(io.Discard, tostix.WriterOptions{
					Version: tostix.STIX21, Identity: []byte(`{"type":"identity","id":` +
						`"identity--f431f809-377b-45e0-aa1c-6a4751cae5ff","name":"x"}`)})
				if err != nil {
					b.Fatal(err)
				}
				s, err := Run(context.Background(), plan, Options{Source: client, Mapper: m,
					Out: w})
				if err != nil {
					b.Fatal(err)
				}
				w.Close()
				fetched += s.Fetched
			}
			b.ReportMetric(float64(fetched)/b.Elapsed().Seconds(), "events/s")
			b.ReportMetric(float64(fetched)/float64(b.N), "events/op")
		})
	}
}
