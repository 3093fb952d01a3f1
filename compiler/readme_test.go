package compiler

import (
	"testing"

	"github.com/stix2hunq/stix2hunq/compiler/hunq"
)

// connectorQuery is the query the stix-shifter connector's README gives for the
// README pattern.
const connectorQuery = `(eventdata.localPort = "443" OR (login.ip = "192.168.1.2" OR ` +
	`$ip = "192.168.1.2")) AND happenedAfter = "2022-04-06T00:00:00.000Z" AND ` +
	`happenedBefore = "2022-04-06T00:05:00.000Z"`

// readmeEvents builds every combination of addresses, ports, logon address and time
// around the README's values, absent values included, in turn outbound, inbound and of
// unknown direction.
func readmeEvents() []map[string]any {
	addrs := []any{nil, "192.168.1.2", "192.168.1.20", "10.0.0.1"}
	ports := []any{nil, 443, 8443, "443"}
	times := []string{"2022-04-05T23:59:59.999Z", "2022-04-06T00:00:00.000Z",
		"2022-04-06T00:02:30.000Z", "2022-04-06T00:05:00.000Z", "2022-04-06T00:05:00.001Z"}
	outbound := []any{nil, true, false}
	var events []map[string]any
	for _, la := range addrs {
		for _, ra := range addrs[:3] {
			for _, lp := range ports {
				for _, rp := range ports[:3] {
					for _, etw := range addrs[:3] {
						for _, at := range times {
							data := map[string]any{}
							put(data, "outbound", outbound[len(events)%3])
							put(data, "localAddr", la)
							put(data, "remoteAddr", ra)
							put(data, "localPort", lp)
							put(data, "remotePort", rp)
							put(data, "etwIpAddress", etw)
							events = append(events, map[string]any{"happenedAt": at,
								"payload": map[string]any{"eventType": 8.0, "data": data}})
						}
					}
				}
			}
		}
	}
	return events
}

func put(m map[string]any, k string, v any) {
	if v != nil {
		m[k] = v
	}
}

// TestReadmeExample proves that the compiled README pattern selects every event that the
// connector's documented query selects, with the HunQ evaluator as the model of the Hunt
// API.
func TestReadmeExample(t *testing.T) {
	plan := mustCompile(t, readmeText)
	if len(plan.Queries) != 1 {
		t.Fatalf("got %d queries, want 1", len(plan.Queries))
	}
	theirs := mustQuery(t, connectorQuery)
	ours := mustQuery(t, plan.Queries[0].Text)
	selected, both := 0, 0
	for _, e := range readmeEvents() {
		t1, t2 := theirs.Match(e), ours.Match(e)
		if t1 && !t2 {
			t.Fatalf("the connector's query selects %v, ours does not:\n%s", e,
				plan.Queries[0].Text)
		}
		if t1 {
			selected++
		}
		if t2 {
			both++
		}
	}
	if selected == 0 {
		t.Fatal("the connector's query selects no event: the test proves nothing")
	}
	t.Logf("the connector's query selects %d events, ours %d", selected, both)
}

func mustQuery(t *testing.T, text string) *hunq.Query {
	t.Helper()
	n, err := hunq.Parse(text)
	if err != nil {
		t.Fatalf("parse %s: %v", text, err)
	}
	q, err := hunq.Compile(n, hunq.DefaultCatalog())
	if err != nil {
		t.Fatalf("compile %s: %v", text, err)
	}
	return q
}
