package tostix

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/stix2hunq/stix2hunq/runtime/emulator/sample"
)

// connectorRewrite applies what the stix-shifter connector does to each result while
// fetching it (Connector.modify_result): it names the event type and the protocol, swaps
// local and remote on inbound connections, splits the addresses by family and lists the
// tactics with their names.
func connectorRewrite(ev map[string]any, codes map[string]map[string]string) {
	p, _ := ev["payload"].(map[string]any)
	if p == nil {
		return
	}
	if t, ok := p["eventType"]; ok && t != 0.0 {
		p["eventName"] = codes["event_name"][fmt.Sprint(t)]
	}
	d, _ := p["data"].(map[string]any)
	if d == nil {
		return
	}
	if v, ok := d["protocol"]; ok {
		d["protocol"] = codes["protocol"][fmt.Sprint(v)]
	}
	if out, ok := d["outbound"]; ok && out == false {
		d["localAddr"], d["remoteAddr"] = d["remoteAddr"], d["localAddr"]
		d["localPort"], d["remotePort"] = d["remotePort"], d["localPort"]
	}
	if fam, ok := d["addressFamily"]; ok && (fam == 0.0 || fam == 1.0) {
		suffix, name := "V4", "IPv4"
		if fam == 1.0 {
			suffix, name = "V6", "IPv6"
		}
		d["addressFamily"] = name
		d["localAddr"+suffix], d["remoteAddr"+suffix] = d["localAddr"], d["remoteAddr"]
		delete(d, "localAddr")
		delete(d, "remoteAddr")
	}
	if tactics, ok := d["tactics"].([]any); ok && len(tactics) > 0 {
		var mod []any
		for _, t := range tactics {
			name, ok := codes["tactic_name"][fmt.Sprint(t)]
			if !ok {
				name = "Unknown"
			}
			mod = append(mod, map[string]any{"tactic_number": t, "tactic_name": name,
				"technique": d["technique"]})
		}
		d["mod_tactics"] = mod
	}
}

// TestEnrichmentIsIdempotent maps raw Hunt API events and the same events rewritten by
// the connector, and wants the same STIX from both.
func TestEnrichmentIsIdempotent(t *testing.T) {
	events := sample.Generate(sample.Options{Seed: 7, Count: 400, Now: testClock})
	readme, err := os.ReadFile("testdata/readme_network.json")
	if err != nil {
		t.Fatal(err)
	}
	var readmeEvent map[string]any
	if err := json.Unmarshal(readme, &readmeEvent); err != nil {
		t.Fatal(err)
	}
	events = append(events, readmeEvent)
	codes := DefaultTable().Codes
	kinds := map[string]bool{}
	mappers := map[Version]*Mapper{STIX20: newMapper(t, STIX20), STIX21: newMapper(t, STIX21)}
	for i, gen := range events {
		raw, _ := json.Marshal(gen)
		var ev map[string]any // numbers as float64, as the connector's JSON decoder has them
		if err := json.Unmarshal(raw, &ev); err != nil {
			t.Fatal(err)
		}
		connectorRewrite(ev, codes)
		rewritten, _ := json.Marshal(ev)
		for _, v := range []Version{STIX20, STIX21} {
			a, err1 := mappers[v].Map(raw, i)
			b, err2 := mappers[v].Map(rewritten, i)
			if err1 != nil || err2 != nil {
				t.Fatal(err1, err2)
			}
			if diff := cmp.Diff(facts(a), facts(b)); diff != "" {
				t.Fatalf("event %d, STIX %v: raw and rewritten differ (-raw +rewritten):\n%s\n%s",
					i, v, diff, raw)
			}
			if len(a.Warnings)+len(b.Warnings) > 0 {
				t.Errorf("event %d: warnings %v %v", i, a.Warnings, b.Warnings)
			}
		}
		kinds[fmt.Sprint(ev["payload"].(map[string]any)["eventType"])] = true
	}
	if len(kinds) < 20 {
		t.Errorf("only %d event types compared", len(kinds))
	}
	t.Logf("%d events of %d types: %s", len(events), len(kinds), strings.Join(keys(kinds), " "))
}

func keys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
