package match

import (
	"testing"

	"github.com/stix2hunq/stix2hunq/ast"
)

func TestListSteps(t *testing.T) {
	o := file(map[string]any{"names": []any{"a", "b", "c"}})
	at := func(steps ...ast.PathStep) *ast.ObjectPath {
		return path("file", append([]ast.PathStep{key("names")}, steps...)...)
	}
	runCmp(t, []cmpCase{
		{"[*] any member", cmpE(at(star()), ast.OpEqual, str("b")), o, true},
		{"[0] first member only", cmpE(at(idx(0)), ast.OpEqual, str("b")), o, false},
		{"[1]", cmpE(at(idx(1)), ast.OpEqual, str("b")), o, true},
		{"[-1] selects nothing", cmpE(at(idx(-1)), ast.OpNotEqual, str("x")), o, false},
		{"[3] out of range", cmpE(at(idx(3)), ast.OpNotEqual, str("x")), o, false},
		{"[-4] out of range", cmpE(at(idx(-4)), ast.OpNotEqual, str("x")), o, false},
		{"[*] != holds if one member differs", cmpE(at(star()), ast.OpNotEqual, str("a")), o,
			true},
		{"[0] != on the first member", cmpE(at(idx(0)), ast.OpNotEqual, str("a")), o, false},
		{"[*] on a non-list", cmpE(path("file", key("name"), star()), ast.OpEqual, str("a")),
			file(map[string]any{"name": "a"}), false},
		{"[*] then key", cmpE(path("email-message", key("body_multipart"), star(),
			key("content_type")), ast.OpEqual, str("text/plain")),
			objs{"0": {"type": "email-message", "body_multipart": []any{
				map[string]any{"content_type": "text/html"},
				map[string]any{"content_type": "text/plain"}}}}, true},
	})
}

func TestReferences(t *testing.T) {
	traffic := objs{
		"0": {"type": "ipv4-addr", "value": "198.51.100.1"},
		"1": {"type": "ipv4-addr", "value": "203.0.113.33"},
		"2": {"type": "network-traffic", "src_ref": "0", "dst_ref": "1", "dst_port": 443.0},
		"3": {"type": "domain-name", "value": "example.com", "resolves_to_refs": []any{"0", "9"}},
	}
	dst := path("network-traffic", key("dst_ref"), key("value"))
	runCmp(t, []cmpCase{
		{"_ref followed", cmpE(dst, ast.OpEqual, str("203.0.113.33")), traffic, true},
		{"_ref to the other object", cmpE(dst, ast.OpEqual, str("198.51.100.1")), traffic,
			false},
		{"_ref type", cmpE(path("network-traffic", key("dst_ref"), key("type")), ast.OpEqual,
			str("ipv4-addr")), traffic, true},
		{"_refs[*] followed, dangling reference dropped", cmpE(path("domain-name",
			key("resolves_to_refs"), star(), key("value")), ast.OpEqual, str("198.51.100.1")),
			traffic, true},
		{"_refs[0]", cmpE(path("domain-name", key("resolves_to_refs"), idx(0), key("value")),
			ast.OpEqual, str("198.51.100.1")), traffic, true},
		{"_refs without a list step", cmpE(path("domain-name", key("resolves_to_refs"),
			key("value")), ast.OpEqual, str("198.51.100.1")), traffic, false},
		{"dangling _ref", cmpE(path("network-traffic", key("src_ref"), key("value")),
			ast.OpNotEqual, str("x")), objs{"0": {"type": "network-traffic", "src_ref": "7"}},
			false},
		{"2.1 ids as names", cmpE(dst, ast.OpEqual, str("203.0.113.33")), objs{
			"ipv4-addr--1":       {"type": "ipv4-addr", "value": "203.0.113.33"},
			"network-traffic--2": {"type": "network-traffic", "dst_ref": "ipv4-addr--1"}},
			true},
		{"[]string refs", cmpE(path("domain-name", key("resolves_to_refs"), star(),
			key("value")), ast.OpEqual, str("203.0.113.33")), objs{
			"a": {"type": "ipv4-addr", "value": "203.0.113.33"},
			"b": {"type": "domain-name", "resolves_to_refs": []string{"a"}}}, true},
	})
}

// TestSameObject: comparisons joined by AND inside brackets hold for one object.
func TestSameObject(t *testing.T) {
	people := objs{
		"0": {"type": "person", "name": "alice", "age": 10.0},
		"1": {"type": "person", "name": "bob", "age": 15.0},
	}
	name := path("person", key("name"))
	age := path("person", key("age"))
	runCmp(t, []cmpCase{
		{"AND on one object", cAnd(cmpE(name, ast.OpEqual, str("alice")),
			cmpE(age, ast.OpLess, num(20))), people, true},
		{"AND across objects", cAnd(cmpE(name, ast.OpEqual, str("alice")),
			cmpE(age, ast.OpGreater, num(10))), people, false},
		{"OR across objects", cOr(cmpE(name, ast.OpEqual, str("carol")),
			cmpE(age, ast.OpGreater, num(12))), people, true},
		{"(OR) AND", cAnd(cOr(cmpE(name, ast.OpEqual, str("carol")),
			cmpE(name, ast.OpEqual, str("bob"))), cmpE(age, ast.OpGreater, num(10))), people,
			true},
		{"AND across types", cAnd(cmpE(name, ast.OpEqual, str("alice")),
			cmpE(ipv4, ast.OpEqual, str("1.1.1.1"))), objs{
			"0": people["0"], "1": {"type": "ipv4-addr", "value": "1.1.1.1"}}, false},
	})
}

func TestRoots(t *testing.T) {
	c, err := CompileComparison(cmpE(ipv4, ast.OpNotEqual, str("1.1.1.1")))
	if err != nil {
		t.Fatal(err)
	}
	o := at("2020-01-01T00:00:00Z", objs{
		"0": {"type": "ipv4-addr", "value": "1.1.1.1"},
		"1": {"type": "ipv4-addr", "value": "2.2.2.2"},
		"2": {"type": "ipv4-addr", "value": "3.3.3.3"},
	})
	got := c.Roots(&o)
	if len(got) != 2 || got[0] != "1" || got[1] != "2" {
		t.Errorf("got %v, want [1 2]", got)
	}
}
