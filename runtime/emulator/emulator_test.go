package emulator

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stix2hunq/stix2hunq/runtime/hunt"
)

// fixture holds four events, one per line, each with a distinct eventId.
const fixture = `
{"eventId":"net-out","happenedAt":"2022-04-06T00:01:00.000Z","payload":{"eventType":8,
 "process":{"pid":692,"program":{"path":"c:\\windows\\system32\\services.exe","md5":"aa11",
 "certInfo":{"signer":"Microsoft Windows","trusted":true}},"user":"NT AUTHORITY\\SYSTEM"},
 "data":{"addressFamily":0,"protocol":0,"localAddr":"192.168.1.2","localPort":443,
 "remoteAddr":"192.168.2.3","remotePort":8443,"outbound":true}}}
{"eventId":"net-in","happenedAt":"2022-04-06T00:03:00.000Z","payload":{"eventType":8,
 "process":{"pid":700,"program":{"path":"c:\\tools\\nc.exe","md5":"bb22"}},
 "data":{"localAddr":"10.0.0.5","localPort":4444,"remoteAddr":"192.168.1.2",
 "remotePort":51000,"outbound":false}}}
{"eventId":"proc","happenedAt":"2022-04-06T00:02:00.000Z","payload":{"eventType":2,
 "process":{"pid":4120,"program":{"path":"c:\\windows\\system32\\cmd.exe","md5":"cc33"}},
 "data":{"cmdLine":"cmd.exe /c WhoAmI /all","cmdLineArgs":["/c","WhoAmI","/all"]}}}
{"eventId":"mem","happenedAt":"2022-04-06T00:10:00.000Z","payload":{"eventType":63,
 "process":{"pid":4120,"program":{"path":"c:\\users\\public\\x.exe","md5":"dd44"}},
 "data":{"regionSize":221184,"allocatorProc":{"program":{"md5":"ee55"}}}}}
`

func fixtureServer(t *testing.T, opts Options) (*Server, string) {
	t.Helper()
	evs, err := ReadEvents(strings.NewReader(fixture))
	if err != nil {
		t.Fatal(err)
	}
	opts.Events = evs
	s := New(opts)
	u, stop := s.Start(context.Background())
	t.Cleanup(stop)
	return s, u
}

// call posts body to path and returns the status and decoded answer.
func call(t *testing.T, base, path, tok string, body any) (int, map[string]any) {
	t.Helper()
	raw, _ := json.Marshal(body)
	req, _ := http.NewRequest(http.MethodPost, base+path, bytes.NewReader(raw))
	req.Header.Set("Content-Type", "application/json")
	if tok != "" {
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatalf("%s: body: %v", path, err)
	}
	return resp.StatusCode, out
}

func login(t *testing.T, base string) string {
	t.Helper()
	status, out := call(t, base, hunt.AuthPath, "",
		map[string]string{"id": DefaultAppID, "secret": DefaultSecret})
	if status != 200 {
		t.Fatalf("authenticate: %d %v", status, out)
	}
	return out["token"].(string)
}

// eventIDs runs query and returns the matching eventIds (newest first) or the status and
// message of a refusal.
func eventIDs(t *testing.T, base, tok, path, query string) ([]string, int, string) {
	t.Helper()
	status, out := call(t, base, path, tok, map[string]string{"query": query})
	if status != 200 {
		msg, _ := out["message"].(string)
		return nil, status, msg
	}
	ids := []string{}
	for _, ev := range out["result"].([]any) {
		ids = append(ids, ev.(map[string]any)["eventId"].(string))
	}
	return ids, status, ""
}

func TestHuntMatchKinds(t *testing.T) {
	_, base := fixtureServer(t, Options{})
	tok := login(t, base)
	for _, tc := range []struct {
		query string
		want  []string
	}{
		// TERM: exact; a quoted number matches the number.
		{`eventdata.localPort = "443"`, []string{"net-out"}},
		{`pid = 4120`, []string{"mem", "proc"}},
		{`md5 = "aa1"`, []string{}},
		// PREFIX: the model is case-insensitive containment.
		{`cmdline = "whoami"`, []string{"proc"}},
		{`path = "c:\\windows"`, []string{"proc", "net-out"}},
		// EXISTS: present or absent.
		{`isSigned = true`, []string{"net-out"}},
		// Ranges: inclusive bounds.
		{`eventdata.regionSize.gte = 221184`, []string{"mem"}},
		{`eventdata.regionSize.lte = 221183`, []string{}},
		// $ fields search several paths.
		{`$ip = "192.168.1.2"`, []string{"net-in", "net-out"}},
		{`$md5 = "ee55"`, []string{"mem"}},
		// Direction: ip.src is the remote end of an inbound connection.
		{`ip.src = "192.168.1.2"`, []string{"net-in", "net-out"}},
		{`ip.dst = "192.168.1.2"`, []string{}},
		// Time bounds on happenedAt.
		{`happenedAfter = "2022-04-06T00:02:00.000Z" AND ` +
			`happenedBefore = "2022-04-06T00:05:00.000Z"`,
			[]string{"net-in", "proc"}},
		// Boolean structure and negation.
		{`(eventType = 8 OR eventType = 2) AND NOT pid = 692`, []string{"net-in", "proc"}},
		{`eventdata.localPort = "443" OR (login.ip = "192.168.1.2" OR $ip = "192.168.1.2")`,
			[]string{"net-in", "net-out"}},
	} {
		got, status, msg := eventIDs(t, base, tok, hunt.HuntPath+"?count=10", tc.query)
		if status != 200 {
			t.Errorf("%s: got %d %s", tc.query, status, msg)
			continue
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.query, diff)
		}
	}
}

func TestHuntRejects(t *testing.T) {
	_, base := fixtureServer(t, Options{})
	tok := login(t, base)
	for _, tc := range []struct {
		path, query string
		status      int
		msg         string
	}{
		{"?count=10", `$ip1 = "1.2.3.4"`, 422, "$ip1 is not a valid field."},
		{"?count=10", `pid = `, 422, "hunq:1:7: "},
		{"?count=10", `eventdata.size = 10`, 422, "eventdata.size is not a valid field."},
		{"?count=10", `isSigned = "yes"`, 422, "isSigned"},
		{"?count=10", ``, 422, "query is required"},
		{"?count=501", `pid = 1`, 400, "count must be an integer from 1 to 500"},
		{"?count=0", `pid = 1`, 400, "count must be"},
		{"?count=10&cursor=nope.1", `pid = 1`, 400, "invalid or expired cursor"},
		{"?count=10", strings.Repeat(" ", 1<<20) + `pid = 1`, 413, "request body too large"},
	} {
		_, status, msg := eventIDs(t, base, tok, hunt.HuntPath+tc.path, tc.query)
		if status != tc.status || !strings.Contains(msg, tc.msg) {
			t.Errorf("%s %q: got %d %q, want %d %q", tc.path, tc.query, status, msg,
				tc.status, tc.msg)
		}
	}
}

func TestCursorPaging(t *testing.T) {
	_, base := fixtureServer(t, Options{PublicURL: "https://hive.internal"})
	tok := login(t, base)
	var got []string
	path := hunt.HuntPath + "?count=3"
	for range 3 {
		q := `pid = 4120 OR $ip = "192.168.1.2"`
		status, out := call(t, base, path, tok, map[string]string{"query": q})
		if status != 200 {
			t.Fatalf("%s: %d %v", path, status, out)
		}
		for _, ev := range out["result"].([]any) {
			got = append(got, ev.(map[string]any)["eventId"].(string))
		}
		next := out["nextPage"].(string)
		if next == "" {
			break
		}
		if !strings.HasPrefix(next, "https://hive.internal"+hunt.HuntPath+"?") {
			t.Fatalf("nextPage %q is not on the public URL", next)
		}
		u, _ := url.Parse(next)
		path = hunt.HuntPath + "?" + u.RawQuery
	}
	if diff := cmp.Diff([]string{"mem", "net-in", "proc", "net-out"}, got); diff != "" {
		t.Errorf("pages (-want +got):\n%s", diff)
	}
	// A cursor replayed with another query is refused.
	status, out := call(t, base, path, tok, map[string]string{"query": `pid = 1`})
	if status != 400 {
		t.Errorf("cursor with another query: got %d %v, want 400", status, out)
	}
}

func TestTokens(t *testing.T) {
	clock := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	s, base := fixtureServer(t, Options{
		Now: func() time.Time { return clock }, TokenLifetime: time.Minute,
	})
	status, out := call(t, base, hunt.AuthPath, "", map[string]string{"id": DefaultAppID,
		"secret": DefaultSecret})
	if want := float64(clock.Add(time.Minute).Unix()); status != 200 || out["expiresAt"] != want {
		t.Fatalf("got %d %v, want a token expiring at %v", status, out, want)
	}
	tok := out["token"].(string)
	if _, st, _ := eventIDs(t, base, tok, hunt.HuntPath, `pid = 1`); st != 200 {
		t.Errorf("fresh token: got %d, want 200", st)
	}
	clock = clock.Add(time.Minute)
	if _, st, msg := eventIDs(t, base, tok, hunt.HuntPath, `pid = 1`); st != 401 {
		t.Errorf("expired token: got %d %s, want 401", st, msg)
	}
	if _, st, _ := eventIDs(t, base, "", hunt.HuntPath, `pid = 1`); st != 401 {
		t.Errorf("no token: got %d, want 401", st)
	}
	status, out = call(t, base, hunt.AuthPath, "", map[string]string{"id": DefaultAppID,
		"secret": "nope"})
	if status != 401 || out["message"] != "Authentication failed" {
		t.Errorf("wrong secret: got %d %v", status, out)
	}
	// The form encoding that stix-shifter's connector sends is accepted too.
	resp, err := http.PostForm(base+hunt.AuthPath, url.Values{"id": {DefaultAppID},
		"secret": {DefaultSecret}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("form authentication: got %d", resp.StatusCode)
	}
	if st := s.Stats(); st.Auth != 2 || st.AuthFailed != 1 || st.Unauthorized != 2 {
		t.Errorf("stats %+v", st)
	}
}

func TestReadEvents(t *testing.T) {
	evs, err := ReadEvents(strings.NewReader("[" + `{"eventId":"a"},{"eventId":"b"}` + "]\n" +
		`{"eventId":"c","happenedAt":"2022-04-06T00:01:00.000Z"}`))
	if err != nil || len(evs) != 3 || evs[2].At.IsZero() {
		t.Fatalf("got %d events, %v", len(evs), err)
	}
	for _, tc := range []struct{ in, want string }{
		{"{\"eventId\":\"a\"}\n{\"eventId\":\n", "events line 2: unexpected EOF"},
		{"{\"eventId\":\"a\"}\n\n42\n", "events line 3: json: cannot unmarshal number"},
		{"{\"a\":1}\nnull\n", "events line 2: an event must be a JSON object"},
	} {
		if _, err := ReadEvents(strings.NewReader(tc.in)); err == nil ||
			!strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("ReadEvents(%q) = %v, want %q", tc.in, err, tc.want)
		}
	}
}

// TestSampleDefaultWindow: with no events given, the server serves the sample, and a hunt
// over the last hour before its clock finds events.
func TestSampleDefaultWindow(t *testing.T) {
	clock := time.Now()
	s := New(Options{Now: func() time.Time { return clock }})
	base, stop := s.Start(context.Background())
	defer stop()
	tok := login(t, base)
	q := `happenedAfter = "` + clock.Add(-time.Hour).UTC().Format("2006-01-02T15:04:05.000Z") +
		`" AND eventType = 8`
	got, status, msg := eventIDs(t, base, tok, hunt.HuntPath+"?count=500", q)
	if status != 200 || len(got) == 0 {
		t.Errorf("got %d %s and %d events, want network events", status, msg, len(got))
	}
}
