package execute

import (
	"bytes"
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stix2hunq/stix2hunq/ast"
	"github.com/stix2hunq/stix2hunq/compiler"
	"github.com/stix2hunq/stix2hunq/internal/stixcheck"
	"github.com/stix2hunq/stix2hunq/runtime/emulator"
	"github.com/stix2hunq/stix2hunq/runtime/hunt"
	"github.com/stix2hunq/stix2hunq/runtime/tostix"
)

// huntClient serves the test events from an emulator on loopback and returns a client.
func huntClient(t *testing.T) *hunt.Client {
	t.Helper()
	url, stop := emulator.Start(context.Background(), emulator.Options{Events: testEvents(t),
		Now: func() time.Time { return base.Add(time.Hour) }})
	t.Cleanup(stop)
	c, err := hunt.New(hunt.Config{BaseURL: url, AppID: emulator.DefaultAppID,
		Secret: emulator.DefaultSecret})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// result is what a hunt kept.
type result struct {
	stats Stats
	kept  []string // eventIds, sorted
	out   []byte
}

// huntOnce compiles src with a window holding every test event, runs it in version v and
// returns what it kept, identified by first_observed.
func huntOnce(t *testing.T, c *hunt.Client, src string, v tostix.Version) result {
	t.Helper()
	pv := ast.V21
	if v == tostix.STIX20 {
		pv = ast.V20
	}
	p, err := ast.Parse(src, ast.ParseOptions{Version: pv})
	if err != nil {
		t.Fatal(err)
	}
	plan, err := compiler.Compile(p, compiler.Options{
		Now: func() time.Time { return base.Add(5 * time.Minute) }, TimeRange: 10 * time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	m, err := tostix.New(tostix.Options{Version: v})
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	w, err := tostix.NewWriter(&out, tostix.WriterOptions{Version: v,
		Identity: []byte(`{"type":"identity","id":"identity--f431f809-377b-45e0-aa1c-` +
			`6a4751cae5ff","name":"x","created":"2024-01-01T00:00:00Z",` +
			`"modified":"2024-01-01T00:00:00Z"}`)})
	if err != nil {
		t.Fatal(err)
	}
	stats, err := Run(context.Background(), plan, Options{Source: c, Mapper: m, Out: w})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := stixcheck.Bundle(out.Bytes()); err != nil {
		t.Fatalf("%s: invalid STIX %v:\n%v", src, v, err)
	}
	return result{stats: stats, kept: keptEvents(t, out.Bytes()), out: out.Bytes()}
}

// keptEvents names the test events of a bundle's observed-data by their first_observed.
func keptEvents(t *testing.T, bundle []byte) []string {
	byTime := map[string]string{}
	for _, ev := range testEvents(t) {
		var e struct {
			ID string `json:"eventId"`
			At string `json:"happenedAt"`
		}
		if err := json.Unmarshal(ev.Raw, &e); err != nil {
			t.Fatal(err)
		}
		byTime[e.At] = e.ID
	}
	var b struct {
		Objects []struct {
			Type  string `json:"type"`
			First string `json:"first_observed"`
		} `json:"objects"`
	}
	if err := json.Unmarshal(bundle, &b); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, o := range b.Objects {
		if o.Type == "observed-data" {
			ids = append(ids, byTime[o.First])
		}
	}
	slices.Sort(ids)
	return ids
}

// TestEndToEnd hunts through the emulator, whose answers hold more events than the
// pattern selects, and checks that exactly the events taking part in a match come out, as
// valid STIX of both versions.
func TestEndToEnd(t *testing.T) {
	cases := []struct {
		name, pattern string
		want          string // kept eventIds, sorted, joined by spaces
		mode          Mode
		exact         bool // every event the query returns takes part in a match
	}{
		{"AND across two events",
			"[process:{image}.name = 'cmd.exe'] AND [network-traffic:dst_port = 443]",
			"n1 n3 p1 p2", Correlate, true},
		{"AND with one side missing",
			"[process:{image}.name = 'cmd.exe'] AND [network-traffic:dst_port = 8443]",
			"", Correlate, false},
		{"FOLLOWEDBY in order",
			"[process:{image}.name = 'cmd.exe'] FOLLOWEDBY [network-traffic:dst_port = 80]",
			"n2 p1", Correlate, false},
		{"FOLLOWEDBY out of order",
			"[process:{image}.name = 'powershell.exe'] FOLLOWEDBY " +
				"[network-traffic:dst_port = 80]", "", Correlate, false},
		{"WITHIN satisfied", "([process:{image}.name = 'cmd.exe'] FOLLOWEDBY " +
			"[network-traffic:dst_port = 443]) WITHIN 60 SECONDS", "n1 p1", Correlate, false},
		{"WITHIN violated", "([process:{image}.name = 'cmd.exe'] FOLLOWEDBY " +
			"[network-traffic:dst_port = 443]) WITHIN 20 SECONDS", "", Correlate, false},
		{"REPEATS", "[process:{image}.name = 'cmd.exe'] REPEATS 2 TIMES", "p1 p2",
			Correlate, true},
		{"REPEATS too many", "[process:{image}.name = 'cmd.exe'] REPEATS 3 TIMES", "",
			Correlate, false},
		{"LIKE", "[process:command_line LIKE '%whoami%']", "p1", Filter, false},
		{"MATCHES", "[process:command_line MATCHES '-enc [A-Za-z0-9]+$']", "p3", Filter,
			false},
		{"!= on one address", "[network-traffic:dst_ref.value != '203.0.113.9']", "n2 n3",
			Filter, false},
		{"!= over several addresses", "[ipv4-addr:value != '10.0.0.5']", "n1 n2 n3", Filter,
			false},
		{"CIDR subset", "[ipv4-addr:value ISSUBSET '203.0.113.0/24']", "n1 n3", Filter, false},
		{"CIDR subset of a reference", "[network-traffic:dst_ref.value ISSUBSET " +
			"'198.51.100.0/24']", "n2", Filter, false},
		{"OR of two observations", "[network-traffic:dst_port = 80] OR " +
			"[process:{image}.name = 'powershell.exe']", "n2 p3", Filter, true},
	}
	c := huntClient(t)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for _, v := range []tostix.Version{tostix.STIX20, tostix.STIX21} {
				// A process names its executable by binary_ref in 2.0, image_ref in 2.1.
				image := map[tostix.Version]string{tostix.STIX20: "binary_ref",
					tostix.STIX21: "image_ref"}[v]
				r := huntOnce(t, c, strings.ReplaceAll(tc.pattern, "{image}", image), v)
				if got := strings.Join(r.kept, " "); got != tc.want {
					t.Errorf("STIX %v: kept %q, want %q (stats %+v)", v, got, tc.want, r.stats)
				}
				if r.stats.Mode != tc.mode {
					t.Errorf("STIX %v: mode %v, want %v", v, r.stats.Mode, tc.mode)
				}
				if r.stats.Kept != len(r.kept) || (r.stats.Fetched > r.stats.Kept) == tc.exact {
					t.Errorf("STIX %v: fetched %d, kept %d, want the query exact: %v", v,
						r.stats.Fetched, r.stats.Kept, tc.exact)
				}
			}
		})
	}
}
