package hunt_test

import (
	"context"
	"testing"

	"github.com/stix2hunq/stix2hunq/runtime/emulator"
	"github.com/stix2hunq/stix2hunq/runtime/hunt"
)

// BenchmarkPaging pages through 100,000 emulated events over loopback HTTP, 500 a
// page: authentication, 200 hunt requests, the emulator's evaluation and the client's
// decoding. It reports events per second.
func BenchmarkPaging(b *testing.B) {
	const n = 100_000
	_, url := serve(b, n, emulator.Options{})
	c := client(b, url, nil)
	all := hunt.Search{Query: allQuery, Length: -1}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		got := 0
		for p, err := range c.Pages(context.Background(), all) {
			if err != nil {
				b.Fatal(err)
			}
			got += len(p.Events)
		}
		if got != n {
			b.Fatalf("got %d events, want %d", got, n)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "events/s")
}
