package hunq

import (
	"encoding/json"
	"errors"
	"testing"
)

const networkEvent = `{
  "eventId": "847102109500309505", "endpointId": "842028663686823936",
  "happenedAt": "2022-04-06T00:02:00.123Z",
  "payload": {
    "eventType": 8, "incidents": [], "triggeredIncidents": [7],
    "process": {"pid": 1234, "user": "CORP\\Alice", "noGui": false,
      "program": {"path": "c:\\windows\\system32\\svchost.exe", "md5": "abc",
        "fsName": "svchost.exe", "filename": "svchost.exe"}},
    "data": {"localAddr": "192.168.1.2", "localPort": 443, "remoteAddr": "10.0.0.9",
      "remotePort": 51000, "outbound": false, "cmdLineArgs": ["-k", "NetworkService"],
      "size": 50, "tags": ["red", "Blue"], "targetProcess": {"pid": 9}}
  }
}`

func decode(t *testing.T, s string) map[string]any {
	t.Helper()
	var e map[string]any
	must(t, json.Unmarshal([]byte(s), &e))
	return e
}

func TestEvalKinds(t *testing.T) {
	e := decode(t, networkEvent)
	tests := []struct {
		query string
		want  bool
	}{
		// TERM
		{`eventdata.localPort = "443"`, true},
		{`eventdata.localPort = 443`, true},
		{`eventdata.localPort = 443.0`, true},
		{`eventdata.localPort = "444"`, false},
		{`eventId = "847102109500309505"`, true},
		{`eventId = 847102109500309506`, false},
		{`user = "CORP\\Alice"`, true},
		{`user = "corp\\alice"`, false},
		{`$ip = "10.0.0.9"`, true},
		{`$ip = "192.168.1.2"`, true},
		{`$ip = "192.168.1"`, false},
		{`$md5 = "abc"`, true},
		{`target.pid = 9`, true},
		{`hasGui = false`, true},
		{`hasGui = "false"`, true},
		// arrays
		{`eventdata.tag = "blue"`, true},
		{`cmdline = "networkserv"`, true},
		// PREFIX: case-insensitive substring
		{`path = "C:\\Windows"`, true},
		{`path = "system32\\SVC"`, true},
		{`path = "c:\\temp"`, false},
		{`path = "*"`, true},
		{`eventdata.url = "*"`, false},
		{`$path = "svchost"`, true},
		// EXISTS
		{`hasAlert = true`, true},
		{`hasAlert = false`, false},
		{`engine.exists = false`, true},
		{`target.isSigned = false`, true},
		{`target.isSigned = true`, false},
		{`allocator.isSigned = false`, false},
		// ranges
		{`eventdata.size.gte = 50`, true},
		{`eventdata.size.gte = 50.5`, false},
		{`eventdata.size.lte = "50"`, true},
		{`eventdata.size.lte = 49`, false},
		{`eventdata.regionSize.gte = 0`, false},
		{`happenedAfter = "2022-04-06T00:00:00.000Z"`, true},
		{`happenedAfter = "2022-04-06T00:02:00.123Z"`, true},
		{`happenedAfter = "2022-04-06T00:02:00.124Z"`, false},
		{`happenedBefore = "2022-04-06T00:02:00.123Z"`, true},
		{`happenedBefore = "2022-04-06T02:01:00+02:00"`, false},
		// direction: outbound false, so the remote peer is the source
		{`ip.src = "10.0.0.9"`, true},
		{`ip.src = "192.168.1.2"`, false},
		{`ip.dst = "192.168.1.2"`, true},
		{`ip.dst = "10.0.0.9"`, false},
		// negation and logic
		{`$md5 != "abc"`, false},
		{`NOT $md5 = "xyz"`, true},
		{`eventdata.url != "x"`, true},
		{`(eventdata.localPort = "443" OR (login.ip = "192.168.1.2" OR $ip = "192.168.1.2"))` +
			` AND happenedAfter = "2022-04-06T00:00:00.000Z"` +
			` AND happenedBefore = "2022-04-06T00:05:00.000Z"`, true},
		{`pid = 1 OR pid = 1234 AND eventType = 9`, false},
		{`(pid = 1 OR pid = 1234) AND eventType = 8`, true},
	}
	for _, tt := range tests {
		n, err := Parse(tt.query)
		must(t, err)
		got, err := Eval(n, DefaultCatalog(), e)
		if err != nil {
			t.Errorf("%s: %v", tt.query, err)
			continue
		}
		if got != tt.want {
			t.Errorf("%s: got %v, want %v", tt.query, got, tt.want)
		}
	}
}

func TestEvalDirectionOutbound(t *testing.T) {
	for _, tt := range []struct {
		data, src, dst string
	}{
		{`{"localAddr": "a", "remoteAddr": "b", "outbound": true}`, "a", "b"},
		{`{"localAddr": "a", "remoteAddr": "b"}`, "a", "b"},
		{`{"localAddr": "a", "remoteAddr": "b", "outbound": 0}`, "b", "a"},
		{`{"localAddr": "a", "remoteAddr": "b", "outbound": null}`, "b", "a"},
	} {
		e := decode(t, `{"payload": {"data": `+tt.data+`}}`)
		for field, want := range map[string]string{"ip.src": tt.src, "ip.dst": tt.dst} {
			got, err := Eval(eq(field, Str(want)), DefaultCatalog(), e)
			must(t, err)
			if !got {
				t.Errorf("%s on %s: want %s", field, tt.data, want)
			}
		}
	}
}

func TestEvalErrors(t *testing.T) {
	tests := []struct{ query, want string }{
		{`$ip1 = "1.2.3.4"`, "$ip1 is not a valid field."},
		{`pid = 1 AND fsName = "x"`, "fsName is not a valid field."},
		{`hasAlert = 1`, "hunq: hasAlert takes true or false, not 1"},
		{`happenedAfter = "yesterday"`,
			`hunq: happenedAfter takes a number or an RFC 3339 timestamp, not "yesterday"`},
		{`eventdata.size.gte = true`,
			`hunq: eventdata.size.gte takes a number or an RFC 3339 timestamp, not true`},
	}
	for _, tt := range tests {
		n, err := Parse(tt.query)
		must(t, err)
		_, err = Compile(n, DefaultCatalog())
		if err == nil || err.Error() != tt.want {
			t.Errorf("%s: got %v, want %q", tt.query, err, tt.want)
		}
	}
	var ufe *UnknownFieldError
	if _, err := Compile(eq("nope", Int(1)), DefaultCatalog()); !errors.As(err, &ufe) {
		t.Errorf("got %v, want *UnknownFieldError", err)
	}
}

func TestEvalConstants(t *testing.T) {
	e := decode(t, networkEvent)
	for _, tt := range []struct {
		n    Node
		want bool
	}{{True, true}, {False, false}, {and(True, eq("pid", Int(1234))), true},
		{or(False, not(True)), false}} {
		got, err := Eval(tt.n, DefaultCatalog(), e)
		must(t, err)
		if got != tt.want {
			t.Errorf("%#v: got %v, want %v", tt.n, got, tt.want)
		}
	}
}

func BenchmarkMatch(b *testing.B) {
	var e map[string]any
	if err := json.Unmarshal([]byte(networkEvent), &e); err != nil {
		b.Fatal(err)
	}
	n, err := Parse(`(eventdata.localPort = "443" OR (login.ip = "192.168.1.2" OR ` +
		`$ip = "192.168.1.2")) AND cmdline = "NETWORK" AND ` +
		`happenedAfter = "2022-04-06T00:00:00.000Z" AND ` +
		`happenedBefore = "2022-04-06T00:05:00.000Z"`)
	if err != nil {
		b.Fatal(err)
	}
	q, err := Compile(n, DefaultCatalog())
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if !q.Match(e) {
			b.Fatal("no match")
		}
	}
}

func BenchmarkParsePrint(b *testing.B) {
	terms := make([]Node, 500)
	for i := range terms {
		terms[i] = eq("$ip", Str(`10.0.0.1 "x" \ y`))
	}
	n := or(terms...)
	b.ReportAllocs()
	for b.Loop() {
		s, err := Print(n)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Parse(s); err != nil {
			b.Fatal(err)
		}
	}
}

// TestEvalEventTimes: happenedAt is read as the event to STIX mapping reads it, so that a
// hunt's window selects the events whose first_observed falls in it.
func TestEvalEventTimes(t *testing.T) {
	q := `happenedAfter = "2022-04-06T00:02:00.000Z" AND ` +
		`happenedBefore = "2022-04-06T00:02:01.000Z"`
	for _, tc := range []struct {
		at   string
		want bool
	}{
		{`"2022-04-06T00:02:00.123Z"`, true},
		{`"2022-04-06 00:02:00.123Z"`, true},
		{`"2022-04-06T02:02:00.5+02:00"`, true},
		{`1649203320123`, true},
		{`"1649203320123"`, true},
		{`"1649203330123"`, false},
		{`"2022-04-06 00:03:00Z"`, false},
		{`"yesterday"`, false},
	} {
		got, err := evalText(q, decode(t, `{"happenedAt": `+tc.at+`}`))
		if err != nil || got != tc.want {
			t.Errorf("happenedAt %s: got %v, %v, want %v", tc.at, got, err, tc.want)
		}
	}
}

func evalText(src string, e map[string]any) (bool, error) {
	n, err := Parse(src)
	if err != nil {
		return false, err
	}
	return Eval(n, DefaultCatalog(), e)
}
