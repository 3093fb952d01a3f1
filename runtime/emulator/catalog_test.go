package emulator

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/stix2hunq/stix2hunq/compiler/hunq"
	"github.com/stix2hunq/stix2hunq/runtime/hunt"
)

// TestEveryCatalogueField: the emulator accepts a comparison on each of the catalogue's
// fields, with a value of the field's kind, and refuses the same name misspelt, as the
// Hunt API does.
func TestEveryCatalogueField(t *testing.T) {
	_, base := fixtureServer(t, Options{})
	tok := login(t, base)
	n := 0
	for f := range hunq.DefaultCatalog().All() {
		value := `"x"`
		switch f.Kind {
		case hunq.Exists:
			value = "true"
		case hunq.RangeGTE, hunq.RangeLTE:
			value = "10"
		}
		q := f.Name + " = " + value
		if _, status, msg := eventIDs(t, base, tok, hunt.HuntPath, q); status != 200 {
			t.Errorf("%s: got %d %q, want 200", q, status, msg)
		}
		q = f.Name + "X = " + value
		want := f.Name + "X is not a valid field."
		if _, status, msg := eventIDs(t, base, tok, hunt.HuntPath, q); status != 422 ||
			msg != want {
			t.Errorf("%s: got %d %q, want 422 %q", q, status, msg, want)
		}
		n++
	}
	if n != 288 {
		t.Errorf("tried %d fields, want the catalogue's 288", n)
	}
}

// sampleProbe is a query built from one sample event that must find it.
type sampleProbe struct {
	eventType int
	query     func(d map[string]any) string
}

func quoted(d map[string]any, key string) string { return strconv.Quote(fmt.Sprint(d[key])) }

var sampleProbes = []sampleProbe{
	{2, func(d map[string]any) string {
		return `cmdline = ` + strconv.Quote(d["cmdLineArgs"].([]any)[0].(string))
	}},
	{5, func(d map[string]any) string { return `eventdata.path = ` + quoted(d, "file") }},
	{8, func(d map[string]any) string {
		return `$ip = ` + quoted(d, "remoteAddr") + ` AND eventdata.remotePort = ` +
			quoted(d, "remotePort")
	}},
	{10, func(d map[string]any) string {
		return `reg.path = ` + quoted(d, "rootObject") + ` AND reg.name = ` + quoted(d, "name")
	}},
	{37, func(d map[string]any) string { return `eventdata.url = ` + quoted(d, "url") }},
	{38, func(d map[string]any) string { return `eventdata.dns = ` + quoted(d, "queryName") }},
	{39, func(d map[string]any) string {
		return `login.ip = ` + quoted(d, "etwIpAddress") + ` AND login.dst.username = ` +
			quoted(d, "etwTargetUserName")
	}},
	{40, func(d map[string]any) string { return `login.ip = ` + quoted(d, "etwIpAddress") }},
	{36, func(d map[string]any) string { return `wmi.operation = "execquery"` }},
	{63, func(d map[string]any) string {
		md5 := d["allocatorProc"].(map[string]any)["program"].(map[string]any)["md5"]
		return `allocator.md5 = "` + md5.(string) + `" AND eventdata.regionSize.gte = 1`
	}},
	{65, func(d map[string]any) string { return `mitre.technique = ` + quoted(d, "technique") }},
	{76, func(d map[string]any) string {
		return `antimalware.contentName = ` + quoted(d, "contentName")
	}},
	{81, func(d map[string]any) string { return `task.name = ` + quoted(d, "taskName") }},
	{85, func(d map[string]any) string { return `service.name = ` + quoted(d, "serviceName") }},
}

// TestSampleFollowsCatalogue: for each main kind of sample event, a query on the fields
// that a hunter would use, built from the event's own values, finds that event: the
// sample's shapes are the paths the catalogue searches.
func TestSampleFollowsCatalogue(t *testing.T) {
	clock := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	evs := SampleEvents(1, 3000, clock)
	s := New(Options{Events: evs, Now: func() time.Time { return clock }})
	base, stop := s.Start(context.Background())
	defer stop()
	tok := login(t, base)
	for _, p := range sampleProbes {
		var ev Event
		for _, e := range evs {
			if e.Doc["payload"].(map[string]any)["eventType"] == float64(p.eventType) {
				ev = e
				break
			}
		}
		if ev.Doc == nil {
			t.Errorf("no sample event of type %d", p.eventType)
			continue
		}
		data := ev.Doc["payload"].(map[string]any)["data"].(map[string]any)
		q := p.query(data) + ` AND eventType = ` + strconv.Itoa(p.eventType)
		got, status, msg := eventIDs(t, base, tok, hunt.HuntPath+"?count=500", q)
		if status != http.StatusOK || !slices.Contains(got, ev.Doc["eventId"].(string)) {
			t.Errorf("%s: got %d %q and %d events without %v", q, status, msg, len(got),
				ev.Doc["eventId"])
		}
	}
}
