package match

import (
	"encoding/json"
	"math"
	"testing"
)

// One table per comparison operator. Each pattern is one bracket evaluated on the objects
// of one observation; a row's name states the rule it checks.

func TestEqual(t *testing.T) {
	runHolds(t, []holdsCase{
		{"string", `[ipv4-addr:value = '1.1.1.1']`, ip("1.1.1.1"), true},
		{"string differs", `[ipv4-addr:value = '1.1.1.2']`, ip("1.1.1.1"), false},
		{"case matters", `[domain-name:value = 'Example.com']`,
			one("domain-name", map[string]any{"value": "example.com"}), false},
		{"some object of the type", `[ipv4-addr:value = '2.2.2.2']`,
			twoIPs("1.1.1.1", "2.2.2.2"), true},
		{"objects of another type do not count", `[ipv6-addr:value = '1.1.1.1']`,
			ip("1.1.1.1"), false},
		{"int literal equals JSON float", `[file:size = 5]`,
			file(map[string]any{"size": 5.0}), true},
		{"float literal equals Go int", `[file:size = 5.0]`, file(map[string]any{"size": 5}),
			true},
		{"json.Number kept exact", `[file:size = 9007199254740993]`,
			file(map[string]any{"size": json.Number("9007199254740993")}), true},
		{"int compared with float exactly", `[file:size = 9007199254740993]`,
			file(map[string]any{"size": 9007199254740992.0}), false},
		{"NaN equals nothing", `[file:size = 0]`, file(map[string]any{"size": math.NaN()}),
			false},
		{"string is not a number", `[file:size = '5']`, file(map[string]any{"size": 5.0}),
			false},
		{"bool", `[file:is_encrypted = true]`, file(map[string]any{"is_encrypted": true}),
			true},
		{"bool is not a number", `[file:is_encrypted = 1]`,
			file(map[string]any{"is_encrypted": true}), false},
		{"timestamp literal reads a JSON string", `[file:ctime = t'2020-01-01T10:00:00Z']`,
			file(map[string]any{"ctime": "2020-01-01T10:00:00.000Z"}), true},
		{"timestamps compare to the nanosecond",
			`[file:ctime = t'2020-01-01T10:00:00Z']`,
			file(map[string]any{"ctime": "2020-01-01T10:00:00.0000001Z"}), false},
		{"lower-case timestamp is not a timestamp", `[file:ctime = t'2020-01-01T10:00:00Z']`,
			file(map[string]any{"ctime": "2020-01-01t10:00:00z"}), false},
		{"string literal does not read timestamps", `[file:ctime = '2020-01-01T10:00:00Z']`,
			file(map[string]any{"ctime": "2020-01-01T10:00:00.000Z"}), false},
		{"hex literal and _hex property", `[file:magic_number_hex = h'ffd8']`,
			file(map[string]any{"magic_number_hex": "FFD8"}), true},
		{"binary literal and _bin property", `[artifact:payload_bin = b'aGk=']`,
			one("artifact", map[string]any{"payload_bin": "aGk="}), true},
		{"hex and binary literals compare as bytes", `[artifact:payload_bin = h'6869']`,
			one("artifact", map[string]any{"payload_bin": "aGk="}), true},
		{"string and binary: code points below 256 are bytes",
			`[artifact:payload_bin = 'ÿA']`,
			one("artifact", map[string]any{"payload_bin": "/0E="}), true},
		{"string and binary: a code point above 255 never equals",
			`[artifact:payload_bin = 'Ā']`,
			one("artifact", map[string]any{"payload_bin": "AQA="}), false},
		{"invalid _hex selects nothing", `[file:magic_number_hex != h'ff']`,
			file(map[string]any{"magic_number_hex": "zz"}), false},
		{"a list is not its member", `[file:names = 'a']`,
			file(map[string]any{"names": []any{"a"}}), false},
		{"no normal form for =", `[file:name = 'é']`, file(map[string]any{"name": "e\u0301"}),
			false},
	})
}

func TestNotEqual(t *testing.T) {
	runHolds(t, []holdsCase{
		{"one object, equal", `[ipv4-addr:value != '1.1.1.1']`, ip("1.1.1.1"), false},
		{"one object, differs", `[ipv4-addr:value != '1.1.1.1']`, ip("2.2.2.2"), true},
		{"per object: one of several differs", `[ipv4-addr:value != '1.1.1.1']`,
			twoIPs("1.1.1.1", "2.2.2.2"), true},
		{"per object: all equal", `[ipv4-addr:value != '1.1.1.1']`,
			twoIPs("1.1.1.1", "1.1.1.1"), false},
		{"missing property: no value to differ", `[file:name != 'a']`,
			file(map[string]any{"size": 1}), false},
		{"no object of the type", `[file:name != 'a']`, ip("1.1.1.1"), false},
		{"kinds that do not compare differ", `[file:size != 'abc']`,
			file(map[string]any{"size": 5.0}), true},
		{"<> is !=", `[ipv4-addr:value <> '1.1.1.1']`, ip("2.2.2.2"), true},
		{"per list member", `[file:names[*] != 'a']`,
			file(map[string]any{"names": []any{"a", "b"}}), true},
		{"per list member, all equal", `[file:names[*] != 'a']`,
			file(map[string]any{"names": []any{"a", "a"}}), false},
	})
}

// TestNot: NOT negates each value's test, like !=; it is not the negation of the bracket.
func TestNot(t *testing.T) {
	runHolds(t, []holdsCase{
		{"NOT = over several objects", `[ipv4-addr:value NOT = '1.1.1.1']`,
			twoIPs("1.1.1.1", "2.2.2.2"), true},
		{"NOT = all equal", `[ipv4-addr:value NOT = '1.1.1.1']`, twoIPs("1.1.1.1", "1.1.1.1"),
			false},
		{"NOT != is =", `[ipv4-addr:value NOT != '1.1.1.1']`, twoIPs("1.1.1.1", "2.2.2.2"),
			true},
		{"NOT on a missing property is false", `[file:name NOT = 'a']`,
			file(map[string]any{"size": 1}), false},
		{"NOT over list members", `[file:names[*] NOT = 'a']`,
			file(map[string]any{"names": []any{"a", "b"}}), true},
		{"NOT < on kinds that do not order stays false", `[file:ok NOT < 1]`,
			file(map[string]any{"ok": true}), false},
		{"NOT < on NaN stays false", `[file:size NOT < 1]`,
			file(map[string]any{"size": math.NaN()}), false},
		{"NOT < on a wide string against binary is true",
			`[file:magic_number_hex NOT < 'Ā']`, file(map[string]any{"magic_number_hex": "01"}),
			true},
		{"NOT MATCHES on a number is true", `[file:size NOT MATCHES 'x']`,
			file(map[string]any{"size": 5.0}), true},
		{"NOT LIKE", `[file:name NOT LIKE 'a%']`, file(map[string]any{"name": "bcd"}), true},
		{"NOT LIKE on a number is true", `[file:size NOT LIKE '%']`,
			file(map[string]any{"size": 5.0}), true},
		{"NOT IN", `[ipv4-addr:value NOT IN ('1.1.1.1')]`, twoIPs("1.1.1.1", "2.2.2.2"), true},
		{"NOT ISSUBSET on a value that is no address",
			`[ipv4-addr:value NOT ISSUBSET '10.0.0.0/8']`,
			ip("x"), true},
	})
}

// orderFixture holds one value of each orderable kind.
var orderFixture = file(map[string]any{"size": 5.0, "name": "b",
	"ctime": "2020-01-01T00:00:00Z", "magic_number_hex": "0102", "ok": true})

func TestLess(t *testing.T) {
	o := orderFixture
	runHolds(t, []holdsCase{
		{"int below", `[file:size < 6]`, o, true},
		{"int equal is not less", `[file:size < 5]`, o, false},
		{"float literal", `[file:size < 5.5]`, o, true},
		{"negative literal", `[file:size < -1]`, o, false},
		{"string by code point", `[file:name < 'c']`, o, true},
		{"string equal is not less", `[file:name < 'b']`, o, false},
		{"number and string do not order", `[file:size < '9']`, o, false},
		{"bool does not order", `[file:ok < 2]`, o, false},
		{"timestamp", `[file:ctime < t'2020-01-01T00:00:01Z']`, o, true},
		{"timestamp equal is not less", `[file:ctime < t'2020-01-01T00:00:00Z']`, o, false},
		{"binary", `[file:magic_number_hex < h'0103']`, o, true},
		{"binary and a prefix", `[file:magic_number_hex < h'01']`, o, false},
		{"binary and a wide string is false", `[file:magic_number_hex < 'Ā']`, o, false},
	})
}

func TestLessEqual(t *testing.T) {
	o := orderFixture
	runHolds(t, []holdsCase{
		{"int equal", `[file:size <= 5]`, o, true},
		{"int above", `[file:size <= 4]`, o, false},
		{"float equal", `[file:size <= 5.0]`, o, true},
		{"string equal", `[file:name <= 'b']`, o, true},
		{"timestamp equal", `[file:ctime <= t'2020-01-01T00:00:00Z']`, o, true},
		{"binary equal", `[file:magic_number_hex <= h'0102']`, o, true},
		{"number and string do not order", `[file:size <= '9']`, o, false},
	})
}

func TestGreater(t *testing.T) {
	o := orderFixture
	runHolds(t, []holdsCase{
		{"float below", `[file:size > 4.5]`, o, true},
		{"int equal is not greater", `[file:size > 5]`, o, false},
		{"string", `[file:name > 'ab']`, o, true},
		{"timestamp", `[file:ctime > t'2019-12-31T23:59:59.999Z']`, o, true},
		{"binary and a string read as bytes", "[file:magic_number_hex > '\x01']", o, true},
		{"number and string do not order", `[file:size > '1']`, o, false},
		{"an int is not rounded to a float", `[file:size > 9007199254740992.0]`,
			file(map[string]any{"size": 9007199254740993}), true},
	})
}

func TestGreaterEqual(t *testing.T) {
	o := orderFixture
	runHolds(t, []holdsCase{
		{"int equal", `[file:size >= 5]`, o, true},
		{"int above", `[file:size >= 6]`, o, false},
		{"string equal", `[file:name >= 'b']`, o, true},
		{"timestamp equal", `[file:ctime >= t'2020-01-01T00:00:00Z']`, o, true},
		{"binary", `[file:magic_number_hex >= h'0101']`, o, true},
		{"bool does not order", `[file:ok >= 0]`, o, false},
	})
}

func TestIn(t *testing.T) {
	runHolds(t, []holdsCase{
		{"member", `[ipv4-addr:value IN ('1.1.1.1', '2.2.2.2')]`, ip("2.2.2.2"), true},
		{"not a member", `[ipv4-addr:value IN ('1.1.1.1')]`, ip("3.3.3.3"), false},
		{"empty set", `[ipv4-addr:value IN ()]`, ip("3.3.3.3"), false},
		{"ints and floats mix", `[file:size IN (1, 5.0)]`, file(map[string]any{"size": 5}),
			true},
		{"timestamps read JSON strings", `[file:ctime IN (t'2020-01-01T00:00:00Z')]`,
			file(map[string]any{"ctime": "2020-01-01T00:00:00.000Z"}), true},
		{"per object: one outside the set", `[ipv4-addr:value NOT IN ('1.1.1.1')]`,
			twoIPs("1.1.1.1", "2.2.2.2"), true},
		{"per object: all in the set", `[ipv4-addr:value NOT IN ('1.1.1.1')]`,
			twoIPs("1.1.1.1", "1.1.1.1"), false},
		{"binary values do not meet strings in a set", `[artifact:payload_bin IN ('hi')]`,
			one("artifact", map[string]any{"payload_bin": "aGk="}), false},
		{"binary literals in a set", `[artifact:payload_bin IN (h'6869')]`,
			one("artifact", map[string]any{"payload_bin": "aGk="}), true},
		{"a boolean is not a number in a set", `[file:ok IN (1)]`,
			file(map[string]any{"ok": true}), false},
		{"a list is not its member", `[file:names IN ('a')]`,
			file(map[string]any{"names": []any{"a"}}), false},
	})
}

func TestLike(t *testing.T) {
	name := func(n string) objs { return file(map[string]any{"name": n}) }
	bin := func(b64 string) objs { return one("artifact", map[string]any{"payload_bin": b64}) }
	runHolds(t, []holdsCase{
		{"percent is any run", `[file:name LIKE '%.exe']`, name("a.exe"), true},
		{"percent may be empty", `[file:name LIKE 'a%']`, name("a"), true},
		{"underscore is one character", `[file:name LIKE 'a_c']`, name("abc"), true},
		{"underscore is not two", `[file:name LIKE 'a_c']`, name("abbc"), false},
		{"underscore is one code point", `[file:name LIKE 'a_c']`, name("aéc"), true},
		{"anchored at both ends", `[file:name LIKE 'exe']`, name("a.exe"), false},
		{"dot is literal", `[file:name LIKE 'a.b']`, name("axb"), false},
		{"regular-expression characters are literal", `[file:name LIKE '(a)+[b]*']`,
			name("(a)+[b]*"), true},
		{"backslash is literal, no escape", `[file:name LIKE 'C:\\%']`, name(`C:\x`), true},
		{"escaped quote", `[file:name LIKE 'it\'s%']`, name("it's it"), true},
		{"percent spans line breaks", `[file:name LIKE 'a%b']`, name("a\nb"), true},
		{"no match before a final line break", `[file:name LIKE 'abc']`, name("abc\n"), false},
		{"case matters", `[file:name LIKE 'A%']`, name("abc"), false},
		{"normal form C on both sides", "[file:name LIKE 'caf\u00e9%']",
			name("cafe\u0301.txt"), true},
		{"normal form C, decomposed pattern", "[file:name LIKE 'cafe\u0301']",
			name("caf\u00e9"), true},
		{"numbers never match", `[file:size LIKE '%']`, file(map[string]any{"size": 1.0}),
			false},
		{"binary value read as UTF-8", `[artifact:payload_bin LIKE 'h_']`, bin("aGk="), true},
		{"binary value that is not UTF-8", `[artifact:payload_bin LIKE '%']`, bin("/w=="),
			false},
		{"binary value and a wide pattern", `[artifact:payload_bin LIKE 'hĀ%']`, bin("aMSA"),
			false},
	})
}

func TestMatches(t *testing.T) {
	name := func(n string) objs { return file(map[string]any{"name": n}) }
	pcap := one("artifact", map[string]any{"payload_bin": "1MOyoQIABAA="})
	runHolds(t, []holdsCase{
		{"search, not anchored", `[file:name MATCHES 'b']`, name("abc"), true},
		{"caret anchors", `[file:name MATCHES '^b']`, name("abc"), false},
		{"dollar anchors", `[file:name MATCHES 'c$']`, name("abc"), true},
		{"dollar is the end of the value", `[file:name MATCHES '^abc$']`, name("abc\n"),
			false},
		{"both anchors", `[file:name MATCHES '^Final Report.+\\.exe$']`,
			name("Final Report 2020.exe"), true},
		{"both anchors, trailing text", `[file:name MATCHES '^a\\.exe$']`, name("a.exe.txt"),
			false},
		{"case matters", `[file:name MATCHES 'ABC']`, name("abc"), false},
		{"case-insensitive flag", `[file:name MATCHES '(?i)ABC']`, name("abc"), true},
		{"dot is not a line break", `[file:name MATCHES '^a.b$']`, name("a\nb"), false},
		{"escaped at sign", `[email-addr:value MATCHES '.+\\@example\\.com$']`,
			one("email-addr", map[string]any{"value": "jdoe@example.com"}), true},
		{"normal form C on both sides", "[file:name MATCHES '^caf\u00e9$']", name("cafe\u0301"),
			true},
		{"\\d is ASCII", `[file:name MATCHES '^\\d$']`, name("\u0663"), false},
		{"binary value, byte escapes",
			`[artifact:payload_bin MATCHES '\\xd4\\xc3\\xb2\\xa1\\x02\\x00\\x04\\x00']`, pcap,
			true},
		{"binary value, other bytes", `[artifact:payload_bin MATCHES '^\\xd5']`, pcap, false},
		{"binary value, one code point per byte", `[artifact:payload_bin MATCHES '^....\\x02']`,
			pcap, true},
		{"binary value and a wide expression", `[artifact:payload_bin MATCHES 'Ā|.']`, pcap,
			false},
		{"numbers never match", `[file:size MATCHES '.*']`, file(map[string]any{"size": 1.0}),
			false},
	})
}

func TestIsSubset(t *testing.T) {
	v6 := func(v string) objs { return one("ipv6-addr", map[string]any{"value": v}) }
	runHolds(t, []holdsCase{
		{"IPv4 address in the block", `[ipv4-addr:value ISSUBSET '198.51.100.0/24']`,
			ip("198.51.100.7"), true},
		{"IPv4 address outside", `[ipv4-addr:value ISSUBSET '198.51.100.0/24']`,
			ip("198.51.101.7"), false},
		{"IPv4 block in the block", `[ipv4-addr:value ISSUBSET '10.0.0.0/8']`,
			ip("10.1.0.0/16"), true},
		{"a block is a subset of itself", `[ipv4-addr:value ISSUBSET '10.0.0.0/8']`,
			ip("10.0.0.0/8"), true},
		{"a wider block is not a subset", `[ipv4-addr:value ISSUBSET '10.1.0.0/16']`,
			ip("10.0.0.0/8"), false},
		{"host bits of the literal are ignored", `[ipv4-addr:value ISSUBSET '10.9.9.9/8']`,
			ip("10.1.2.3"), true},
		{"plain address literal is its /32", `[ipv4-addr:value ISSUBSET '10.1.2.3']`,
			ip("10.1.2.3"), true},
		{"/0 holds every IPv4 address", `[ipv4-addr:value ISSUBSET '0.0.0.0/0']`,
			ip("203.0.113.9"), true},
		{"IPv6 address in the block", `[ipv6-addr:value ISSUBSET '2001:db8::/32']`,
			v6("2001:db8:dead:beef::1"), true},
		{"IPv6 address outside", `[ipv6-addr:value ISSUBSET '2001:db8::/32']`,
			v6("2001:db9::1"), false},
		{"families do not mix", `[ipv4-addr:value ISSUBSET '::/0']`, ip("1.2.3.4"), false},
		{"per object", `[ipv4-addr:value NOT ISSUBSET '10.0.0.0/8']`,
			twoIPs("10.0.0.1", "192.0.2.1"), true},
		{"a value that is no address", `[ipv4-addr:value ISSUBSET '10.0.0.0/8']`, ip("x"),
			false},
		{"a number is no address", `[ipv4-addr:value ISSUBSET '0.0.0.0/0']`,
			one("ipv4-addr", map[string]any{"value": 167772161.0}), false},
	})
}

func TestIsSuperset(t *testing.T) {
	v6 := func(v string) objs { return one("ipv6-addr", map[string]any{"value": v}) }
	runHolds(t, []holdsCase{
		{"IPv4 block holds the address", `[ipv4-addr:value ISSUPERSET '198.51.100.7']`,
			ip("198.51.100.0/24"), true},
		{"IPv4 block holds the block", `[ipv4-addr:value ISSUPERSET '10.1.0.0/16']`,
			ip("10.0.0.0/8"), true},
		{"a narrower block is not a superset", `[ipv4-addr:value ISSUPERSET '10.0.0.0/8']`,
			ip("10.1.0.0/16"), false},
		{"a plain address value is its /32", `[ipv4-addr:value ISSUPERSET '10.1.2.3']`,
			ip("10.1.2.3"), true},
		{"IPv6", `[ipv6-addr:value ISSUPERSET '2001:db8::1/128']`, v6("2001:db8::/64"),
			true},
		{"IPv6 outside", `[ipv6-addr:value ISSUPERSET '2001:db9::1']`, v6("2001:db8::/64"),
			false},
		{"families do not mix", `[ipv6-addr:value ISSUPERSET '10.0.0.1']`, v6("::/0"), false},
	})
}

func TestExists(t *testing.T) {
	runHolds(t, []holdsCase{
		{"present", `[EXISTS file:name]`, file(map[string]any{"name": "a"}), true},
		{"present with an empty value", `[EXISTS file:name]`, file(map[string]any{"name": ""}),
			true},
		{"absent", `[EXISTS file:name]`, file(map[string]any{"size": 1.0}), false},
		{"nested key", `[EXISTS file:hashes.'SHA-256']`,
			file(map[string]any{"hashes": map[string]any{"SHA-256": "ab"}}), true},
		{"nested key absent", `[EXISTS file:hashes.'SHA-256']`,
			file(map[string]any{"hashes": map[string]any{"MD5": "ab"}}), false},
		{"through a reference", `[EXISTS network-traffic:src_ref.value]`, objs{
			"0": {"type": "ipv4-addr", "value": "1.1.1.1"},
			"1": {"type": "network-traffic", "src_ref": "0"}}, true},
		{"dangling reference selects nothing", `[EXISTS network-traffic:src_ref.value]`,
			objs{"1": {"type": "network-traffic", "src_ref": "0"}}, false},
		{"no object of the type", `[EXISTS file:name]`, ip("1.1.1.1"), false},
	})
}
