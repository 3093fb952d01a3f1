package match

import (
	"fmt"
	"testing"
)

// benchObservations returns n observations one second apart, each a network connection
// between two addresses drawn from a pool of 50, so that about one in 50 holds any given
// address.
func benchObservations(n int) []Observation {
	obs := make([]Observation, n)
	for i := range obs {
		src := fmt.Sprintf("10.0.0.%d", i%50)
		dst := fmt.Sprintf("192.0.2.%d", (i*7)%50)
		obs[i] = at(sec(float64(i)), objs{
			"0": {"type": "ipv4-addr", "value": src},
			"1": {"type": "ipv4-addr", "value": dst},
			"2": {"type": "network-traffic", "src_ref": "0", "dst_ref": "1",
				"dst_port": float64(i % 1000), "protocols": []any{"ipv4", "tcp"}},
		})
	}
	return obs
}

func BenchmarkMatch(b *testing.B) {
	src := func(v string) string { return "[network-traffic:src_ref.value = '" + v + "']" }
	patterns := []struct{ name, pattern string }{
		{"bracket", "[network-traffic:dst_ref.value ISSUBSET '192.0.2.0/28' AND " +
			"network-traffic:protocols[*] = 'tcp']"},
		{"and-within", "(" + join("AND", src("10.0.0.1"), src("10.0.0.2")) +
			") WITHIN 60 SECONDS"},
		{"followedby-within", "(" + join("FOLLOWEDBY", src("10.0.0.3"), src("10.0.0.4"),
			src("10.0.0.5")) + ") WITHIN 120 SECONDS"},
		{"repeats-within", src("10.0.0.6") + " REPEATS 5 TIMES WITHIN 300 SECONDS"},
		{"followedby-none", join("FOLLOWEDBY", src("10.0.0.7"), src("10.0.0.99"))},
		{"repeats-100", src("10.0.0.8") + " REPEATS 100 TIMES"},
	}
	obs := benchObservations(10000)
	for _, p := range patterns {
		m := compile(b, p.pattern)
		b.Run(p.name, func(b *testing.B) {
			var used int
			for b.Loop() {
				r, err := m.Match(obs)
				if err != nil {
					b.Fatal(err)
				}
				used = len(r.Used)
			}
			b.ReportMetric(float64(used), "used")
		})
	}
}

// BenchmarkBudget measures a search that cannot succeed and runs to DefaultBudget steps.
func BenchmarkBudget(tb *testing.B) {
	var obs []Observation
	for i := range 5 {
		obs = append(obs, oa(float64(i)))
	}
	for i := range 40 {
		obs = append(obs, ob(float64(i)))
	}
	m := compile(tb, "("+join("AND", A, B)+") REPEATS 6 TIMES")
	for tb.Loop() {
		if _, err := m.Match(obs); err != ErrBudget {
			tb.Fatalf("got %v, want ErrBudget", err)
		}
	}
}
