package sample

import (
	"bytes"
	"encoding/json"
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
// an address of the right family on both ends.
func TestNetworkCodes(t *testing.T) {
	for i, ev := range Generate(Options{Seed: 3, Count: 1000, Now: clock}) {
		p := ev["payload"].(map[string]any)
		if p["eventType"] != 8 {
			continue
		}
		d := p["data"].(map[string]any)
		fam, proto := d["addressFamily"].(int), d["protocol"].(int)
		local := d["localAddr"].(string)
		if (fam == 1) != bytes.ContainsRune([]byte(local), ':') || proto < 0 || proto > 1 {
			t.Errorf("event %d: family %d protocol %d local %s", i, fam, proto, local)
		}
		if _, ok := d["outbound"].(bool); !ok {
			t.Errorf("event %d: no outbound flag", i)
		}
	}
}
