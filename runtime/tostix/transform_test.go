package tostix

import "testing"

// TestTransformers runs each transformer on raw JSON values; want is the raw JSON output
// ("" when the value is skipped) and warn whether a warning is given.
func TestTransformers(t *testing.T) {
	x := &xctx{codes: DefaultTable().Codes}
	for _, tc := range []struct {
		as, in, want string
		warn         bool
	}{
		{"str", `"a\u00e9"`, `"a\u00e9"`, false},
		{"str", "\"\xff\"", "\"\uFFFD\"", false}, // invalid UTF-8
		{"str", `12`, ``, true},
		{"str", `{"a":1}`, ``, true},
		{"text", `847102109500309505`, `"847102109500309505"`, false},
		{"text", `true`, `"true"`, false},
		{"text", `"x"`, `"x"`, false},
		{"text", `[1]`, ``, true},
		{"scalar", `1.5`, `1.5`, false},
		{"scalar", `false`, `false`, false},
		{"scalar", `[1]`, ``, true},
		{"json", `[ 1, {"a" : 2} ]`, `[1,{"a":2}]`, false},
		{"json", `"s"`, `"s"`, false},
		{"int", `443`, `443`, false},
		{"int", `"443"`, `443`, false},
		{"int", `" 80 "`, ``, true},
		{"int", `443.9`, ``, true},
		{"int", `"443.9"`, ``, true},
		{"int", `443.0`, `443`, false},
		{"int", `"+1e3"`, `1000`, false},
		{"int", `"0x2a4"`, ``, true},
		{"int", `true`, ``, true},
		{"int", `1e400`, ``, true},
		{"hexint", `"0x2a4"`, `676`, false},
		{"hexint", `"2A4"`, `676`, false},
		{"hexint", `656`, `656`, false},
		{"hexint", `"-"`, ``, true},
		{"bool", `true`, `true`, false},
		{"bool", `"false"`, `false`, false},
		{"bool", `0`, ``, true},
		{"timestamp", `"2022-03-29T14:40:48.722Z"`, `"2022-03-29T14:40:48.722Z"`, false},
		{"timestamp", `"2022-03-29T14:40:48.722123Z"`, `"2022-03-29T14:40:48.722123Z"`, false},
		{"timestamp", `"2022-03-29T14:40:48Z"`, `"2022-03-29T14:40:48.000Z"`, false},
		{"timestamp", `"2022-03-29T16:40:48.5+02:00"`, `"2022-03-29T14:40:48.500Z"`, false},
		{"timestamp", `"2022-03-23 14:53:49"`, ``, true},
		{"timestamp", `"2022-03-23 14:53:49Z"`, `"2022-03-23T14:53:49.000Z"`, false},
		{"timestamp", `1643105807393`, `"2022-01-25T10:16:47.393Z"`, false},
		{"timestamp", `"1643105807393"`, `"2022-01-25T10:16:47.393Z"`, false},
		{"timestamp", `"yesterday"`, ``, true},
		{"timestamp", `99999999999999999`, ``, true},
		{"timestamp", `[1]`, ``, true},
		{"dirpath", `"c:\\windows\\system32\\services.exe"`, `"c:\\windows\\system32"`, false},
		{"dirpath", `"C:\\Windows\\System32\\svchost.exe -k wsappx -p"`,
			`"C:\\Windows\\System32"`, false},
		{"dirpath", `"c:\\a.exe"`, `"c:\\"`, false},
		{"dirpath", `"\\\\srv\\share\\f.xlsx"`, `"\\\\srv\\share\\"`, false},
		{"dirpath", `"/usr/bin/env"`, `"/usr/bin"`, false},
		{"dirpath", `"a.exe"`, ``, false},
		{"dirpath", `3`, ``, true},
		{"basename", `"c:\\windows\\system32\\services.exe"`, `"services.exe"`, false},
		{"basename", `"/usr/bin/env"`, `"env"`, false},
		{"basename", `"c:\\dir\\"`, ``, false},
		{"protocols", `0`, `["tcp"]`, false},
		{"protocols", `"1"`, `["udp"]`, false},
		{"protocols", `"TCP"`, `["tcp"]`, false},
		{"protocols", `"TCP, UDP"`, `["tcp","udp"]`, false},
		{"protocols", `["IPv4","TCP"]`, `["ipv4","tcp"]`, false},
		{"protocols", `9`, ``, true},
		{"protocols", `true`, ``, true},
		{"address_family", `0`, `"IPv4"`, false},
		{"address_family", `1`, `"IPv6"`, false},
		{"address_family", `"IPv6"`, `"IPv6"`, false},
		{"address_family", `7`, ``, true},
		{"event_name", `8`, `"Network Connection Established"`, false},
		{"event_name", `"39"`, `"Account Logged On"`, false},
		{"event_name", `29`, ``, true},
		{"event_name", `"Policy Hit"`, ``, true},
		{"tactic_name", `2`, `"Execution"`, false},
		{"tactic_name", `"3"`, `"Persistence"`, false},
		{"tactic_name", `13`, `"Unknown"`, false},
		{"tactic_name", `"x"`, ``, true},
		{"ipv4", `"10.0.0.1"`, `"10.0.0.1"`, false},
		{"ipv4", `"fd00::1"`, ``, false},
		{"ipv4", `"-"`, ``, false},
		{"ipv4", `167772161`, ``, true},
		{"ipv6", `"fd00::1"`, `"fd00::1"`, false},
		{"ipv6", `"10.0.0.1"`, ``, false},
	} {
		x.arena = x.arena[:0]
		got, msg := transformers[tc.as](x, []byte(tc.in))
		if string(got) != tc.want || (msg != "") != tc.warn {
			t.Errorf("%s(%s) = %s, %q; want %s, warning %v", tc.as, tc.in, got, msg,
				tc.want, tc.warn)
		}
	}
}

// TestTransformersDocumented checks that every transformer is documented and the other
// way round.
func TestTransformersDocumented(t *testing.T) {
	for name := range transformers {
		if _, ok := Transformers[name]; !ok && name != "" {
			t.Errorf("transformer %q is not documented", name)
		}
	}
	for name := range Transformers {
		if _, ok := transformers[name]; !ok {
			t.Errorf("documented transformer %q does not exist", name)
		}
	}
}
