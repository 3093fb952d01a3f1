package tostix

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const baseEvent = `{"eventId":"7","happenedAt":"2024-05-01T11:00:00.000Z",` +
	`"payload":{"eventType":2,` +
	`"process":{"pid":10,"user":"CORP\\ana","program":{"path":"c:\\w\\a.exe","fsName":"a.exe"}},` +
	`"data":{"cmdLine":"a.exe /x"}}}`

// TestSkippedValues maps events that differ from baseEvent by nulls, empty values and
// unknown fields, and wants the same STIX without any warning.
func TestSkippedValues(t *testing.T) {
	want := facts(mapEvent(t, STIX20, baseEvent))
	for name, ev := range map[string]string{
		"nulls": `{"eventId":"7","endpointId":null,"happenedAt":"2024-05-01T11:00:00.000Z",` +
			`"receivedAt":null,"payload":{"eventType":2,"incidents":null,"process":{"pid":10,` +
			`"ppid":null,"user":"CORP\\ana","program":{"path":"c:\\w\\a.exe","fsName":"a.exe",` +
			`"md5":null,"certInfo":null}},"data":{"cmdLine":"a.exe /x","matched":null,` +
			`"tactics":[null],"targetProcess":null,"cmdLineArgs":null}}}`,
		"empty values": `{"eventId":"7","endpointId":"","happenedAt":"2024-05-01T11:00:00.000Z",` +
			`"payload":{"eventType":2,"incidents":[],"triggeredIncidents":[ ],` +
			`"process":{"pid":10,"user":"CORP\\ana","userSID":"","privilegeLevel":"",` +
			`"program":{"path":"c:\\w\\a.exe",` +
			`"fsName":"a.exe","certInfo":{},"md5":""}},"data":{"cmdLine":"a.exe /x",` +
			`"cmdLineArgs":[],"tags":[],"matched":[],"mod_tactics":[{}],"url":"",` +
			`"targetProcess":{},"consumerData":""}}}`,
		"unknown fields": `{"eventId":"7","x":{"y":[1,{"z":null}]},"happenedAt":` +
			`"2024-05-01T11:00:00.000Z","payload":{"eventType":2,"relevanceX":3,"process":{` +
			`"pid":10,"user":"CORP\\ana","program":{"path":"c:\\w\\a.exe","fsName":"a.exe",` +
			`"version":"1.0"},"unknown":{"pid":99}},"data":{"cmdLine":"a.exe /x",` +
			`"terminationTime":1648047229530,"files":[{"file":"c:\\b.txt"}]}}}`,
		"escaped keys and spacing": "{ \"eventId\" : \"7\" ,\n\t\"happenedAt\":" +
			`"2024-05-01T11:00:00.000Z","payload":{"event\u0054ype":2,"process":{"pi\u0064":10,` +
			`"user":"CORP\\ana","program":{"path":"c:\\w\\a.exe","fsName":"a.exe"}},` +
			`"data":{"cmdLine":"a.exe /x"}} }`,
		"duplicate keys, the last wins": `{"eventId":"7",` +
			`"happenedAt":"2024-05-01T11:00:00.000Z",` +
			`"payload":{"eventType":3,"eventType":2,"process":{"pid":11,"user":"CORP\\ana",` +
			`"program":{"path":"c:\\w\\a.exe","fsName":"a.exe"},"pid":10},` +
			`"data":{"cmdLine":"a.exe /x"}}}`,
	} {
		od := mapEvent(t, STIX20, ev)
		if len(od.Warnings) > 0 {
			t.Errorf("%s: warnings %v", name, od.Warnings)
		}
		if diff := cmp.Diff(want, facts(od)); diff != "" {
			t.Errorf("%s: (-want +got)\n%s", name, diff)
		}
	}
}

// TestWrongTypes maps values of the wrong type: each is skipped with a warning naming
// the event and the path, and the rest of the event is still mapped.
func TestWrongTypes(t *testing.T) {
	for _, tc := range []struct {
		event string
		warn  string
		keep  string // a fact that must still be there
	}{
		{`{"payload":{"process":{"pid":{"a":1},"user":"u"}}}`,
			"event 3: payload.process.pid: want an integer, got an object",
			`user-account.user_id="u"`},
		{`{"payload":{"process":{"pid":1,"program":"c:\\a.exe"}}}`,
			"event 3: payload.process.program: want an object, got a string", `process.pid=1`},
		{`{"payload":{"process":{"pid":1,"program":{"fsName":42}}}}`,
			"event 3: payload.process.program.fsName: want a string, got a number",
			`process.pid=1`},
		{`{"payload":{"process":{"pid":1},"data":{"matched":{"policyId":"p"}}}}`,
			"event 3: payload.data.matched: want a list, got an object", `process.pid=1`},
		{`{"payload":{"data":{"matched":["p1",{"policyId":"p2"}]}}}`,
			"event 3: payload.data.matched[0]: want an object, got a string",
			`x-ibm-finding.name="p2"`},
		{`{"payload":{"data":{"tactics":[2,"x"],"technique":"T1"}}}`,
			`event 3: payload.data.tactics[1]: want an integer, got the string "x"`,
			`x-ibm-ttp-tagging.extensions.mitre-attack-ext.tactic_name="Execution"`},
		{`{"happenedAt":"yesterday","payload":{"process":{"pid":1}}}`,
			`event 3: happenedAt: want an RFC 3339 timestamp, got the string "yesterday"`,
			`process.pid=1`},
		{`{"payload":{"eventType":[8],"process":{"pid":1}}}`,
			"event 3: payload.eventType: want an event name code, got a list",
			`process.pid=1`},
		{`{"payload":{"data":{"protocol":7,"localPort":5}}}`,
			"event 3: payload.data.protocol: unknown protocol code 7",
			`network-traffic.src_port=5`},
	} {
		od, err := newMapper(t, STIX20).Map([]byte(tc.event), 3)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, w := range od.Warnings {
			got = append(got, w.Error())
		}
		if len(got) != 1 || got[0] != tc.warn {
			t.Errorf("%s: warnings %q, want %q", tc.event, got, tc.warn)
		}
		if m := missing(facts(od), []string{tc.keep}); len(m) > 0 {
			t.Errorf("%s: lost %v", tc.event, m)
		}
	}
}

// TestWrongTypesKeepTheBundle checks that a bundle is still written, with every other
// event, when an event has values of the wrong type or is not an object.
func TestWrongTypesKeepTheBundle(t *testing.T) {
	events := `[{"payload":{"process":{"pid":1}}}, 42, null, {"payload":{"process":"x"}},` +
		`{"payload":{"process":{"pid":[1],"ppid":2}}}, {}]`
	out, warns := translate(t, STIX20, Bundle, events)
	var got []string
	for _, w := range warns {
		got = append(got, w.Error())
	}
	want := []string{
		"event 1: (event): want an object, got a number; the event is left out",
		"event 3: payload.process: want an object, got a string",
		"event 3: (event): no value maps to a STIX object; the event is left out",
		"event 4: payload.process.pid: want an integer, got a list",
		"event 5: (event): no value maps to a STIX object; the event is left out",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("warnings (-want +got)\n%s", diff)
	}
	if n := strings.Count(out, `"type":"observed-data"`); n != 2 {
		t.Errorf("%d observed-data, want 2:\n%s", n, out)
	}
}

// TestSyntaxErrors checks that a document that is not JSON is an error naming its byte
// offset, from Map and from a stream, also beyond the first read buffer.
func TestSyntaxErrors(t *testing.T) {
	long := strings.Repeat(`{"payload":{"process":{"pid":1}}}`+"\n", 3000) // > readSize
	for _, tc := range []struct {
		in     string
		stream bool
		want   string
	}{
		{`{"eventId":}`, false, "invalid JSON at byte offset 11: expected a value, found '}'"},
		{`{"eventId":"7"`, false, "invalid JSON at byte offset 14: unexpected end of input"},
		{`{"eventId":"7"} x`, false, "invalid JSON at byte offset 16: data after the event"},
		{`{"a":tru}`, false, "invalid JSON at byte offset 8: invalid literal, found '}'"},
		{`{"a":"\q"}`, false, "invalid JSON at byte offset 7: invalid escape in a string"},
		{strings.Repeat("[", 2000), false, "invalid JSON at byte offset 1000: nesting too deep"},
		{`[{"a":1},{"b":]`, true, "invalid JSON at byte offset 14: expected a value, found ']'"},
		{`[{"a":1} {"b":2}]`, true,
			"invalid JSON at byte offset 9: expected ',' or ']' after an event, found '{'"},
		{`[{"a":1},]`, true, "invalid JSON at byte offset 9: expected an event, found ']'"},
		{`[{"a":1}`, true,
			"invalid JSON at byte offset 8: unexpected end of input, want ',' or ']'"},
		{`[{"a":1}] {}`, true, "invalid JSON at byte offset 10: data after the array of events"},
		{"{\"a\":1}\n{\"a\":2}\n{\"a\"::3}\n", true,
			"invalid JSON at byte offset 21: expected a value, found ':'"},
		{long + `{"payload":{"process":{"pid":1,}}}`, true,
			"invalid JSON at byte offset 102031: expected a string key, found '}'"},
		{long + `{"payload":"`, true,
			"invalid JSON at byte offset 102012: unexpected end of input"},
	} {
		var err error
		if tc.stream {
			var w *Writer
			w, err = NewWriter(discard{}, WriterOptions{Identity: []byte(testIdentity)})
			if err != nil {
				t.Fatal(err)
			}
			_, err = newMapper(t, STIX20).Translate(strings.NewReader(tc.in), w, nil)
		} else {
			_, err = newMapper(t, STIX20).Map([]byte(tc.in), 0)
		}
		var se *SyntaxError
		if !errors.As(err, &se) || err.Error() != tc.want {
			t.Errorf("%.40q: got %v, want %s", tc.in, err, tc.want)
		}
	}
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

// TestStreamForms reads the same events as a JSON array, JSON lines, values run together
// and pretty-printed objects.
func TestStreamForms(t *testing.T) {
	a, b := `{"eventId":"1","payload":{"process":{"pid":1}}}`, `{"eventId":"2","payload":{}}`
	want, _ := translate(t, STIX20, NDJSON, "["+a+","+b+"]")
	for name, in := range map[string]string{
		"JSON lines":   a + "\n" + b + "\n",
		"CRLF lines":   a + "\r\n" + b + "\r\n",
		"run together": a + b,
		"pretty": "{\n  \"eventId\": \"1\",\n  \"payload\": {\"process\": {\"pid\": 1}}\n}\n" +
			b,
		"array with spaces": " [ " + a + " ,\n" + b + " ] \n",
	} {
		got, _ := translate(t, STIX20, NDJSON, in)
		if got != want {
			t.Errorf("%s: got\n%s\nwant\n%s", name, got, want)
		}
	}
	for _, in := range []string{"", " \n", "[]", "[ ]"} {
		got, _ := translate(t, STIX20, Bundle, in)
		if strings.Count(got, "\n") != 3 || !strings.Contains(got, `"type":"identity"`) {
			t.Errorf("%q: got %s, want a bundle holding only the identity", in, got)
		}
	}
}
