package sample

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

var clock = time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)

func lines(t *testing.T, opts Options) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := WriteJSONLines(&b, Generate(opts)); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestGenerateIsDeterministic(t *testing.T) {
	a := lines(t, Options{Seed: 7, Count: 300, Now: clock})
	b := lines(t, Options{Seed: 7, Count: 300, Now: clock})
	if !bytes.Equal(a, b) {
		t.Fatal("two runs with the same options differ")
	}
	if c := lines(t, Options{Seed: 8, Count: 300, Now: clock}); bytes.Equal(a, c) {
		t.Fatal("seeds 7 and 8 gave the same events")
	}
}

// TestGenerateShape decodes every event as the Hunt API client would and checks the
// envelope, the time window and order, and the acting process.
func TestGenerateShape(t *testing.T) {
	raw := lines(t, Options{Seed: 1, Count: DefaultCount, Now: clock})
	dec := json.NewDecoder(bytes.NewReader(raw))
	types := map[int]int{}
	prev := clock
	for n := 0; dec.More(); n++ {
		var ev struct {
			EventID, EndpointID, HappenedAt string
			Payload                         struct {
				EventType float64
				Process   struct {
					Pid     float64
					Program struct{ Path, Filename, FsName, Md5, Sha1, Sha256 string }
				}
				Data map[string]any
			}
		}
		if err := dec.Decode(&ev); err != nil {
			t.Fatalf("event %d: %v", n, err)
		}
		at, err := time.Parse("2006-01-02T15:04:05.000Z", ev.HappenedAt)
		if err != nil {
			t.Fatalf("event %d: happenedAt: %v", n, err)
		}
		if !at.Before(clock) || at.Before(clock.Add(-time.Hour)) || at.After(prev) {
			t.Errorf("event %d: happenedAt %s out of the hour or out of order", n, at)
		}
		prev = at
		p := ev.Payload.Process
		if ev.EventID == "" || ev.EndpointID == "" || p.Pid == 0 || p.Program.Path == "" ||
			len(p.Program.Md5) != 32 || len(p.Program.Sha1) != 40 ||
			len(p.Program.Sha256) != 64 || p.Program.FsName == "" {
			t.Errorf("event %d: incomplete envelope or process: %+v", n, ev)
		}
		types[int(ev.Payload.EventType)]++
	}
	var missing []int
	for _, k := range kinds {
		if types[k.eventType] == 0 {
			missing = append(missing, k.eventType)
		}
	}
	if diff := cmp.Diff([]int(nil), missing); diff != "" {
		t.Errorf("event types never generated in %d events (-want +got):\n%s",
			DefaultCount, diff)
	}
}

// TestNetworkCodes checks the raw codes of network events: address family, protocol and
// an address of the right family on both ends, the endpoint's own address local, and ports
// 0 for ICMP.
func TestNetworkCodes(t *testing.T) {
	own := map[string]bool{}
	for _, h := range hosts {
		own[h.id+" "+h.ip], own[h.id+" "+h.ip6] = true, true
	}
	protocols := map[int]int{}
	for i, ev := range Generate(Options{Seed: 3, Count: 3000, Now: clock}) {
		p := ev["payload"].(map[string]any)
		if p["eventType"] != 8 {
			continue
		}
		d := p["data"].(map[string]any)
		fam, proto := d["addressFamily"].(int), d["protocol"].(int)
		local, remote := d["localAddr"].(string), d["remoteAddr"].(string)
		v6 := strings.Contains(local, ":")
		if (fam == 1) != v6 || v6 != strings.Contains(remote, ":") || local == remote ||
			!own[ev["endpointId"].(string)+" "+local] {
			t.Errorf("event %d: family %d, local %s, remote %s", i, fam, local, remote)
		}
		if _, ok := d["outbound"].(bool); !ok || proto < 0 || proto > 2 ||
			(proto == 2) != (d["localPort"] == 0 && d["remotePort"] == 0) {
			t.Errorf("event %d: protocol %d, ports %v %v, outbound %v", i, proto,
				d["localPort"], d["remotePort"], d["outbound"])
		}
		protocols[proto]++
	}
	if protocols[0] == 0 || protocols[1] == 0 || protocols[2] == 0 {
		t.Errorf("protocols seen %v, want tcp, udp and icmp", protocols)
	}
}

// TestDefaultWindowFindsEvents: a hunt over the last 5 minutes (stix-shifter's default
// window) right after Now finds more than a third of the events, with every family of
// event types among them.
func TestDefaultWindowFindsEvents(t *testing.T) {
	families := map[string][]int{
		"process": {2, 3, 4}, "network": {8}, "file": {5, 6, 7, 12}, "registry": {9, 10, 69},
		"dns": {38}, "url": {37}, "logon": {39, 40}, "service": {85, 87, 88},
		"task": {81, 84}, "wmi": {36}, "anti-malware": {76, 89}, "mitre": {65},
		"module": {57}, "script": {74}, "memory": {63},
	}
	for seed := range uint64(5) {
		evs := Generate(Options{Seed: seed, Now: clock})
		types := map[int]bool{}
		recent := 0
		for _, ev := range evs {
			at, _ := time.Parse(time.RFC3339, ev["happenedAt"].(string))
			if !at.Before(clock.Add(-Recent)) {
				recent++
				types[ev["payload"].(map[string]any)["eventType"].(int)] = true
			}
		}
		if recent*3 < len(evs) {
			t.Errorf("seed %d: %d of %d events in the last 5 minutes, want a third", seed,
				recent, len(evs))
		}
		for name, codes := range families {
			if !slices.ContainsFunc(codes, func(c int) bool { return types[c] }) {
				t.Errorf("seed %d: no %s event (%v) in the last 5 minutes", seed, name, codes)
			}
		}
	}
}

// TestFailedLogons: event type 40 carries the failure's Windows event id and status.
func TestFailedLogons(t *testing.T) {
	n := 0
	for _, ev := range Generate(Options{Seed: 4, Count: 2000, Now: clock}) {
		p := ev["payload"].(map[string]any)
		d := p["data"].(map[string]any)
		switch p["eventType"] {
		case 39:
			if d["etwEventId"] != 4624 || d["etwStatus"] != nil {
				t.Errorf("logon %v: event id %v, status %v", ev["eventId"], d["etwEventId"],
					d["etwStatus"])
			}
		case 40:
			n++
			if d["etwEventId"] != 4625 || d["etwStatus"] != "0xc000006d" ||
				d["etwFailureReason"] == nil {
				t.Errorf("failed logon %v: event id %v, status %v", ev["eventId"],
					d["etwEventId"], d["etwStatus"])
			}
		}
	}
	if n == 0 {
		t.Error("no failed logon generated")
	}
}
