package match

import (
	"encoding/json"
	"testing"

	"github.com/stix2hunq/stix2hunq/ast"
)

// cmpCase is one comparison expression evaluated on one observation's objects.
type cmpCase struct {
	name string
	expr ast.ComparisonExpr
	objs objs
	want bool
}

func runCmp(t *testing.T, cases []cmpCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cmp, err := CompileComparison(c.expr)
			if err != nil {
				t.Fatalf("CompileComparison: %v", err)
			}
			o := at("2020-01-01T00:00:00Z", c.objs)
			if got := cmp.Holds(&o); got != c.want {
				t.Errorf("got %v, want %v", got, c.want)
			}
		})
	}
}

var (
	ipv4     = path("ipv4-addr", key("value"))
	fileSize = path("file", key("size"))
	fileName = path("file", key("name"))
)

func twoIPs(a, b string) objs {
	return objs{"0": {"type": "ipv4-addr", "value": a}, "1": {"type": "ipv4-addr", "value": b}}
}

func file(props map[string]any) objs {
	props["type"] = "file"
	return objs{"0": props}
}

func TestEqual(t *testing.T) {
	runCmp(t, []cmpCase{
		{"string", cmpE(ipv4, ast.OpEqual, str("1.1.1.1")), ip("1.1.1.1"), true},
		{"string differs", cmpE(ipv4, ast.OpEqual, str("1.1.1.2")), ip("1.1.1.1"), false},
		{"second object", cmpE(ipv4, ast.OpEqual, str("2.2.2.2")), twoIPs("1.1.1.1", "2.2.2.2"),
			true},
		{"other type", cmpE(path("ipv6-addr", key("value")), ast.OpEqual, str("1.1.1.1")),
			ip("1.1.1.1"), false},
		{"int equals json float", cmpE(fileSize, ast.OpEqual, num(5)),
			file(map[string]any{"size": 5.0}), true},
		{"float equals json int", cmpE(fileSize, ast.OpEqual, flt(5)),
			file(map[string]any{"size": 5}), true},
		{"json.Number", cmpE(fileSize, ast.OpEqual, num(9007199254740993)),
			file(map[string]any{"size": json.Number("9007199254740993")}), true},
		{"string is not a number", cmpE(fileSize, ast.OpEqual, str("5")),
			file(map[string]any{"size": 5.0}), false},
		{"bool", cmpE(path("file", key("is_encrypted")), ast.OpEqual, boolean(true)),
			file(map[string]any{"is_encrypted": true}), true},
		{"timestamp read from json", cmpE(path("file", key("ctime")), ast.OpEqual,
			ts("2020-01-01T10:00:00Z")),
			file(map[string]any{"ctime": "2020-01-01T10:00:00.000Z"}), true},
		{"timestamp lower case is not a timestamp", cmpE(path("file", key("ctime")),
			ast.OpEqual, ts("2020-01-01T10:00:00Z")),
			file(map[string]any{"ctime": "2020-01-01t10:00:00z"}), false},
		{"hex literal and _hex property", cmpE(path("file", key("magic_number_hex")),
			ast.OpEqual, hexl("ffd8")), file(map[string]any{"magic_number_hex": "FFD8"}), true},
		{"binary literal and _bin property", cmpE(path("artifact", key("payload_bin")),
			ast.OpEqual, bin([]byte("hi"))),
			objs{"0": {"type": "artifact", "payload_bin": "aGk="}}, true},
		{"string and _bin property, code points below 256",
			cmpE(path("artifact", key("payload_bin")), ast.OpEqual, str("\u00ffA")),
			objs{"0": {"type": "artifact", "payload_bin": "/0E="}}, true},
		{"string and _bin property, code point above 255",
			cmpE(path("artifact", key("payload_bin")), ast.OpEqual, str("\u0100")),
			objs{"0": {"type": "artifact", "payload_bin": "AQA="}}, false},
		{"invalid _hex selects nothing", cmpE(path("file", key("magic_number_hex")),
			ast.OpNotEqual, hexl("ff")), file(map[string]any{"magic_number_hex": "zz"}), false},
		{"list is not its member", cmpE(path("file", key("names")), ast.OpEqual, str("a")),
			file(map[string]any{"names": []any{"a"}}), false},
	})
}

func TestNotEqual(t *testing.T) {
	runCmp(t, []cmpCase{
		{"one object equal", cmpE(ipv4, ast.OpNotEqual, str("1.1.1.1")), ip("1.1.1.1"), false},
		{"one object differs", cmpE(ipv4, ast.OpNotEqual, str("1.1.1.1")), ip("2.2.2.2"), true},
		{"several objects, one differs", cmpE(ipv4, ast.OpNotEqual, str("1.1.1.1")),
			twoIPs("1.1.1.1", "2.2.2.2"), true},
		{"several objects, all equal", cmpE(ipv4, ast.OpNotEqual, str("1.1.1.1")),
			twoIPs("1.1.1.1", "1.1.1.1"), false},
		{"missing property", cmpE(fileName, ast.OpNotEqual, str("a")),
			file(map[string]any{"size": 1}), false},
		{"no object of the type", cmpE(fileName, ast.OpNotEqual, str("a")), ip("1.1.1.1"),
			false},
		{"kinds differ", cmpE(fileSize, ast.OpNotEqual, str("abc")),
			file(map[string]any{"size": 5.0}), true},
	})
}

// TestNotVersusNotEqual: NOT applies per value, like !=, except where the reference keeps
// an order comparison between kinds that do not order false.
func TestNotVersusNotEqual(t *testing.T) {
	runCmp(t, []cmpCase{
		{"NOT = over several objects", not(cmpE(ipv4, ast.OpEqual, str("1.1.1.1"))),
			twoIPs("1.1.1.1", "2.2.2.2"), true},
		{"NOT = all equal", not(cmpE(ipv4, ast.OpEqual, str("1.1.1.1"))),
			twoIPs("1.1.1.1", "1.1.1.1"), false},
		{"NOT != is =", not(cmpE(ipv4, ast.OpNotEqual, str("1.1.1.1"))),
			twoIPs("1.1.1.1", "2.2.2.2"), true},
		{"NOT on a missing property", not(cmpE(fileName, ast.OpEqual, str("a"))),
			file(map[string]any{"size": 1}), false},
		{"NOT over list members", not(cmpE(path("file", key("names"), star()), ast.OpEqual,
			str("a"))), file(map[string]any{"names": []any{"a", "b"}}), true},
		{"NOT < on unordered kinds stays false", not(cmpE(path("file", key("ok")),
			ast.OpLess, num(1))), file(map[string]any{"ok": true}), false},
		{"NOT MATCHES on a number", not(cmpE(fileSize, ast.OpMatches, str("x"))),
			file(map[string]any{"size": 5.0}), true},
		{"NOT LIKE", not(cmpE(fileName, ast.OpLike, str("a%"))),
			file(map[string]any{"name": "bcd"}), true},
	})
}

func TestOrder(t *testing.T) {
	small := file(map[string]any{"size": 5.0, "name": "b", "ctime": "2020-01-01T00:00:00Z",
		"magic_number_hex": "0102"})
	ctime := path("file", key("ctime"))
	magic := path("file", key("magic_number_hex"))
	runCmp(t, []cmpCase{
		{"int <", cmpE(fileSize, ast.OpLess, num(6)), small, true},
		{"int < equal", cmpE(fileSize, ast.OpLess, num(5)), small, false},
		{"int <=", cmpE(fileSize, ast.OpLessEqual, num(5)), small, true},
		{"float >", cmpE(fileSize, ast.OpGreater, flt(4.5)), small, true},
		{"int > equal", cmpE(fileSize, ast.OpGreater, num(5)), small, false},
		{"int >=", cmpE(fileSize, ast.OpGreaterEqual, num(5)), small, true},
		{"string <", cmpE(fileName, ast.OpLess, str("c")), small, true},
		{"string >", cmpE(fileName, ast.OpGreater, str("ab")), small, true},
		{"number and string do not order", cmpE(fileSize, ast.OpLess, str("9")), small, false},
		{"timestamp <", cmpE(ctime, ast.OpLess, ts("2020-01-01T00:00:01Z")), small, true},
		{"timestamp >=", cmpE(ctime, ast.OpGreaterEqual, ts("2020-01-01T00:00:00Z")), small,
			true},
		{"binary <", cmpE(magic, ast.OpLess, hexl("0103")), small, true},
		{"binary > string", cmpE(magic, ast.OpGreater, str("\u0001")), small, true},
		{"binary and wide string", cmpE(magic, ast.OpLess, str("\u0100")), small, false},
		{"NOT binary and wide string", not(cmpE(magic, ast.OpLess, str("\u0100"))), small, true},
	})
}

func TestIn(t *testing.T) {
	runCmp(t, []cmpCase{
		{"member", cmpE(ipv4, ast.OpIn, set(str("1.1.1.1"), str("2.2.2.2"))), ip("2.2.2.2"),
			true},
		{"not a member", cmpE(ipv4, ast.OpIn, set(str("1.1.1.1"))), ip("3.3.3.3"), false},
		{"empty set", cmpE(ipv4, ast.OpIn, set()), ip("3.3.3.3"), false},
		{"numbers across kinds", cmpE(fileSize, ast.OpIn, set(num(1), flt(5))),
			file(map[string]any{"size": 5}), true},
		{"timestamps", cmpE(path("file", key("ctime")), ast.OpIn,
			set(ts("2020-01-01T00:00:00Z"))),
			file(map[string]any{"ctime": "2020-01-01T00:00:00.000Z"}), true},
		{"NOT IN, several objects", not(cmpE(ipv4, ast.OpIn, set(str("1.1.1.1")))),
			twoIPs("1.1.1.1", "2.2.2.2"), true},
		{"NOT IN, all members", not(cmpE(ipv4, ast.OpIn, set(str("1.1.1.1")))),
			twoIPs("1.1.1.1", "1.1.1.1"), false},
		{"binary does not meet strings in a set", cmpE(path("artifact", key("payload_bin")),
			ast.OpIn, set(str("hi"))), objs{"0": {"type": "artifact", "payload_bin": "aGk="}},
			false},
	})
}

func TestLike(t *testing.T) {
	name := func(n string) objs { return file(map[string]any{"name": n}) }
	runCmp(t, []cmpCase{
		{"percent", cmpE(fileName, ast.OpLike, str("%.exe")), name("a.exe"), true},
		{"percent empty", cmpE(fileName, ast.OpLike, str("a%")), name("a"), true},
		{"underscore is one character", cmpE(fileName, ast.OpLike, str("a_c")), name("abc"),
			true},
		{"underscore is not two", cmpE(fileName, ast.OpLike, str("a_c")), name("abbc"), false},
		{"underscore is one code point", cmpE(fileName, ast.OpLike, str("a_c")), name("aéc"),
			true},
		{"whole value", cmpE(fileName, ast.OpLike, str("exe")), name("a.exe"), false},
		{"dot is literal", cmpE(fileName, ast.OpLike, str("a.b")), name("axb"), false},
		{"regexp characters are literal", cmpE(fileName, ast.OpLike, str("(a)+[b]*")),
			name("(a)+[b]*"), true},
		{"backslash is literal", cmpE(fileName, ast.OpLike, str(`C:\%`)), name(`C:\x`), true},
		{"escaped quote in literal", cmpE(fileName, ast.OpLike, str("it's%")), name("it's it"),
			true},
		{"percent spans newlines", cmpE(fileName, ast.OpLike, str("a%b")), name("a\nb"), true},
		{"case matters", cmpE(fileName, ast.OpLike, str("A%")), name("abc"), false},
		{"number never matches", cmpE(fileSize, ast.OpLike, str("%")),
			file(map[string]any{"size": 1.0}), false},
	})
}

func TestMatches(t *testing.T) {
	name := func(n string) objs { return file(map[string]any{"name": n}) }
	payload := path("artifact", key("payload_bin"))
	pcap := objs{"0": {"type": "artifact", "payload_bin": "1MOyoQIABAA="}}
	runCmp(t, []cmpCase{
		{"search, not anchored", cmpE(fileName, ast.OpMatches, str("b")), name("abc"), true},
		{"caret anchors", cmpE(fileName, ast.OpMatches, str("^b")), name("abc"), false},
		{"dollar anchors", cmpE(fileName, ast.OpMatches, str("c$")), name("abc"), true},
		{"both anchors", cmpE(fileName, ast.OpMatches, str(`^Final Report.+\.exe$`)),
			name("Final Report 2020.exe"), true},
		{"both anchors, trailing text", cmpE(fileName, ast.OpMatches, str(`^a\.exe$`)),
			name("a.exe.txt"), false},
		{"escaped at sign", cmpE(path("email-addr", key("value")), ast.OpMatches,
			str(`.+\@example\.com$`)),
			objs{"0": {"type": "email-addr", "value": "jdoe@example.com"}}, true},
		{"binary payload, byte escapes", cmpE(payload, ast.OpMatches,
			str(`\xd4\xc3\xb2\xa1\x02\x00\x04\x00`)), pcap, true},
		{"binary payload, other bytes", cmpE(payload, ast.OpMatches, str(`^\xd5`)), pcap, false},
		{"binary payload, wide expression", cmpE(payload, ast.OpMatches, str("\u0100|.")),
			pcap, false},
	})
}

func TestCIDR(t *testing.T) {
	ipv6 := path("ipv6-addr", key("value"))
	v6 := func(v string) objs { return objs{"0": {"type": "ipv6-addr", "value": v}} }
	runCmp(t, []cmpCase{
		{"v4 address in block", cmpE(ipv4, ast.OpIsSubset, str("198.51.100.0/24")),
			ip("198.51.100.7"), true},
		{"v4 address outside", cmpE(ipv4, ast.OpIsSubset, str("198.51.100.0/24")),
			ip("198.51.101.7"), false},
		{"v4 block in block", cmpE(ipv4, ast.OpIsSubset, str("10.0.0.0/8")),
			ip("10.1.0.0/16"), true},
		{"v4 wider block is not a subset", cmpE(ipv4, ast.OpIsSubset, str("10.1.0.0/16")),
			ip("10.0.0.0/8"), false},
		{"v4 literal with host bits", cmpE(ipv4, ast.OpIsSubset, str("10.9.9.9/8")),
			ip("10.1.2.3"), true},
		{"v4 superset", cmpE(ipv4, ast.OpIsSuperset, str("198.51.100.7")),
			ip("198.51.100.0/24"), true},
		{"v4 superset of a block", cmpE(ipv4, ast.OpIsSuperset, str("10.1.0.0/16")),
			ip("10.0.0.0/8"), true},
		{"v4 not a superset", cmpE(ipv4, ast.OpIsSuperset, str("10.0.0.0/8")),
			ip("10.1.0.0/16"), false},
		{"v6 address in block", cmpE(ipv6, ast.OpIsSubset, str("2001:db8::/32")),
			v6("2001:db8:dead:beef::1"), true},
		{"v6 address outside", cmpE(ipv6, ast.OpIsSubset, str("2001:db8::/32")),
			v6("2001:db9::1"), false},
		{"v6 superset", cmpE(ipv6, ast.OpIsSuperset, str("2001:db8::1/128")),
			v6("2001:db8::/64"), true},
		{"families do not mix", cmpE(ipv4, ast.OpIsSubset, str("::/0")), ip("1.2.3.4"), false},
		{"NOT ISSUBSET over several objects", not(cmpE(ipv4, ast.OpIsSubset,
			str("10.0.0.0/8"))), twoIPs("10.0.0.1", "192.0.2.1"), true},
		{"value not an address", cmpE(ipv4, ast.OpIsSubset, str("10.0.0.0/8")), ip("x"), false},
	})
}

func TestExists(t *testing.T) {
	runCmp(t, []cmpCase{
		{"present", exists(fileName), file(map[string]any{"name": "a"}), true},
		{"absent", exists(fileName), file(map[string]any{"size": 1.0}), false},
		{"NOT EXISTS, absent", not(exists(fileName)), file(map[string]any{"size": 1.0}), true},
		{"NOT EXISTS, present", not(exists(fileName)), file(map[string]any{"name": "a"}), false},
		{"NOT EXISTS needs an object of the type", not(exists(fileName)), ip("1.1.1.1"), false},
		{"nested key", exists(path("file", key("hashes"), key("SHA-256"))),
			file(map[string]any{"hashes": map[string]any{"SHA-256": "ab"}}), true},
	})
}

func TestCompileErrors(t *testing.T) {
	pos := ast.Pos{Offset: 20, Line: 1, Column: 21}
	cases := []struct {
		name string
		expr ast.ComparisonExpr
		want string
	}{
		{"bad regexp", cmpE(fileName, ast.OpMatches, &ast.StringLit{Pos: pos, Value: "a("}),
			"pattern:1:21: invalid regular expression \"a(\": " +
				"error parsing regexp: missing closing ): `a(`"},
		{"bad CIDR", cmpE(ipv4, ast.OpIsSubset, &ast.StringLit{Pos: pos, Value: "10.0.0.0/33"}),
			`pattern:1:21: "10.0.0.0/33" is not an IP address or CIDR block`},
		{"LIKE on a number", &ast.CompareExpr{Pos: pos, Path: fileName, Op: ast.OpLike,
			Value: num(1)}, "pattern:1:21: LIKE needs a string literal"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := CompileComparison(c.expr)
			if err == nil || err.Error() != c.want {
				t.Errorf("got error %v, want %q", err, c.want)
			}
		})
	}
}
