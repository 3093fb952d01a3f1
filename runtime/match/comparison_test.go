package match

import (
	"testing"

	"github.com/stix2hunq/stix2hunq/ast"
)

var people = objs{
	"0": {"type": "person", "name": "alice", "age": 10.0},
	"1": {"type": "person", "name": "bob", "age": 15.0},
}

// TestComparisonAnd: comparisons joined by AND inside one bracket hold for one object of
// their type; comparisons on different types, for objects of the same observation.
func TestComparisonAnd(t *testing.T) {
	mixed := objs{"0": people["0"], "1": people["1"],
		"2": {"type": "ipv4-addr", "value": "1.1.1.1"}}
	runHolds(t, []holdsCase{
		{"both on one object", `[person:name = 'alice' AND person:age < 20]`, people, true},
		{"each on another object", `[person:name = 'alice' AND person:age > 10]`, people,
			false},
		{"three on one object", `[person:name = 'bob' AND person:age > 10 AND person:age < 16]`,
			people, true},
		{"!= and = on one object", `[person:name != 'alice' AND person:age = 15]`, people,
			true},
		{"different types: objects of one observation",
			`[person:name = 'alice' AND ipv4-addr:value = '1.1.1.1']`, mixed, true},
		{"different types: one type missing",
			`[person:name = 'alice' AND ipv4-addr:value = '1.1.1.1']`, people, false},
		{"different types: one comparison false",
			`[person:name = 'alice' AND ipv4-addr:value = '2.2.2.2']`, mixed, false},
		{"same type still one object beside another type",
			`[person:name = 'alice' AND person:age > 10 AND ipv4-addr:value = '1.1.1.1']`, mixed,
			false},
		{"an OR across types, then AND on one of them",
			`[(person:name = 'carol' OR ipv4-addr:value = '1.1.1.1') AND person:age = 10]`,
			mixed, true},
		{"an OR across types, then AND on the other's object",
			`[(person:name = 'alice' OR ipv4-addr:value = '2.2.2.2') AND person:age = 15]`,
			mixed, false},
		{"through a reference the root is the referring object",
			`[network-traffic:dst_port = 443 AND network-traffic:dst_ref.value = '1.1.1.1']`,
			objs{"0": {"type": "ipv4-addr", "value": "1.1.1.1"},
				"1": {"type": "network-traffic", "dst_port": 80.0, "dst_ref": "0"},
				"2": {"type": "network-traffic", "dst_port": 443.0}}, false},
	})
}

// TestComparisonOr: comparisons joined by OR hold for the union of the objects.
func TestComparisonOr(t *testing.T) {
	runHolds(t, []holdsCase{
		{"either object", `[person:name = 'carol' OR person:age > 12]`, people, true},
		{"neither", `[person:name = 'carol' OR person:age > 20]`, people, false},
		{"AND binds tighter than OR",
			`[person:name = 'alice' OR person:age > 1000 AND person:age < 0]`, people, true},
		{"(OR) AND on one object",
			`[(person:name = 'carol' OR person:name = 'bob') AND person:age > 10]`, people, true},
		{"(OR) AND (OR), no single object",
			`[(person:name = 'darlene' OR person:name = 'carol') AND ` +
				`(person:age < 0 OR person:age > 5)]`, people, false},
		{"different types in one bracket",
			`[person:name = 'carol' OR ipv4-addr:value = '1.1.1.1']`,
			objs{"0": {"type": "ipv4-addr", "value": "1.1.1.1"}}, true},
	})
}

func TestRoots(t *testing.T) {
	c, err := CompileComparison(cmpE(path("ipv4-addr", key("value")), ast.OpNotEqual,
		str("1.1.1.1")))
	if err != nil {
		t.Fatal(err)
	}
	o := at(t0, objs{
		"0": {"type": "ipv4-addr", "value": "1.1.1.1"},
		"1": {"type": "ipv4-addr", "value": "2.2.2.2"},
		"2": {"type": "ipv4-addr", "value": "3.3.3.3"},
	})
	got := c.Roots(&o)
	if len(got) != 2 || got[0] != "1" || got[1] != "2" {
		t.Errorf("got %v, want [1 2]", got)
	}
}

// TestNotExists: the grammar has no NOT EXISTS, but a tree built by hand may negate EXISTS;
// it then holds at each object of the type without the property.
func TestNotExists(t *testing.T) {
	name := path("file", key("name"))
	cases := []struct {
		name string
		objs objs
		want bool
	}{
		{"absent", file(map[string]any{"size": 1.0}), true},
		{"present", file(map[string]any{"name": "a"}), false},
		{"needs an object of the type", ip("1.1.1.1"), false},
	}
	for _, c := range cases {
		cmp, err := CompileComparison(not(exists(name)))
		if err != nil {
			t.Fatal(err)
		}
		o := at(t0, c.objs)
		if got := cmp.Holds(&o); got != c.want {
			t.Errorf("%s: got %v, want %v", c.name, got, c.want)
		}
	}
}

// TestCompileErrors: trees built by hand that ast.Check would refuse fail to compile.
func TestCompileErrors(t *testing.T) {
	pos := ast.Pos{Offset: 20, Line: 1, Column: 21}
	fileName := path("file", key("name"))
	cases := []struct {
		name string
		expr ast.ComparisonExpr
		want string
	}{
		{"bad regexp", cmpE(fileName, ast.OpMatches, &ast.StringLit{Pos: pos, Value: "a("}),
			"pattern:1:21: invalid regular expression \"a(\": " +
				"error parsing regexp: missing closing ): `a(`"},
		{"bad CIDR", cmpE(path("ipv4-addr", key("value")), ast.OpIsSubset,
			&ast.StringLit{Pos: pos, Value: "10.0.0.0/33"}),
			`pattern:1:21: "10.0.0.0/33" is not an IP address or CIDR block`},
		{"LIKE on a number", &ast.CompareExpr{Pos: pos, Path: fileName, Op: ast.OpLike,
			Value: num(1)}, "pattern:1:21: LIKE needs a string literal"},
		{"IN without a set", &ast.CompareExpr{Pos: pos, Path: fileName, Op: ast.OpIn,
			Value: num(1)}, "pattern:1:21: IN needs a set literal"},
		{"= with a set", &ast.CompareExpr{Pos: pos, Path: fileName, Op: ast.OpEqual,
			Value: &ast.SetLit{Pos: pos}}, "pattern:1:21: = cannot take a set"},
		{"= without a value", &ast.CompareExpr{Pos: pos, Path: fileName, Op: ast.OpEqual},
			"pattern:1:21: = needs a value"},
		{"no path", &ast.CompareExpr{Pos: pos, Op: ast.OpExists},
			"pattern:1:21: comparison has no object path"},
		{"empty AND", &ast.ComparisonBinaryExpr{Pos: pos, Op: ast.BoolAnd},
			"pattern:1:21: AND without operands"},
		{"nil", nil, "pattern: empty comparison expression"},
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
